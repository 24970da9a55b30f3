"""The command-line face of Yaotong.

``yaotong`` alone opens the window; ``yaotong COMMAND ...`` runs a command.
Each command lives in its own module under ``app.commands`` and exposes
``register(subparsers)``, which adds its parser and sets ``func`` (a callable
taking the parsed arguments and returning the exit status).
"""

from __future__ import annotations

import argparse
import importlib
import sys

from app import __version__

# One module per command group; add a name here to add its commands.
COMMAND_MODULES: tuple[str, ...] = (
    "app.commands.catalog",  # validate, export, schema
    "app.commands.screenshot",  # screenshot
    "app.commands.plan",  # intake, plan
    "app.commands.case",  # case new, visit, show, list, report, export, import
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="yaotong",
        description=(
            "A desktop reference for the four TCM back-pain patterns. "
            "Run without a command to open the window."
        ),
    )
    parser.add_argument("--version", action="version", version=f"yaotong {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    args_list = sys.argv[1:] if argv is None else argv
    if not args_list or (args_list[0].startswith("-") and args_list[0] not in ("-h", "--help", "--version")):
        # Bare `yaotong` (or Qt's own options): the window. Imported lazily so
        # the command line never pays for Qt.
        from app.ui.application import run

        return run(args_list)
    args = build_parser().parse_args(args_list)
    if args.command is None:
        from app.ui.application import run

        return run([])
    return int(args.func(args))


if __name__ == "__main__":  # `python -m app.cli ...` as well as the `yaotong` script
    raise SystemExit(main())
