"""Catalog commands: ``validate``, ``export --json`` and ``schema``.

None of them imports Qt, so they run on a machine without a display.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TextIO

from app.domain.errors import CatalogError
from app.domain.loader import load_catalog
from app.domain.models import Catalog
from app.paths import catalog_path


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    validate = subparsers.add_parser(
        "validate",
        help="check a catalog file and print OK or every problem",
        description="Check a catalog file: prints OK and a summary, or every problem as "
        "FILE:LINE:COLUMN: FIELD: MESSAGE, one per line. Exit status 0 or 1.",
    )
    _file_argument(validate)
    validate.set_defaults(func=run_validate)

    export = subparsers.add_parser(
        "export",
        help="print the whole resolved catalog (see docs/export-format.md)",
        description="Print the whole resolved catalog on standard output, in the shape "
        "documented in docs/export-format.md.",
    )
    export.add_argument("--json", action="store_true", required=True, help="as JSON (the only format)")
    _file_argument(export)
    export.set_defaults(func=run_export)

    schema = subparsers.add_parser(
        "schema",
        help="print the JSON Schema of the catalog file",
        description="Print the JSON Schema (draft 2020-12) of points.yaml, generated from the models.",
    )
    schema.set_defaults(func=run_schema)


def _file_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "file",
        nargs="?",
        type=Path,
        default=None,
        help="catalog file (default: the shipped data/points.yaml)",
    )


def _load(args: argparse.Namespace, report: TextIO) -> Catalog | None:
    """The catalog, or None after printing its problems, one per line, to ``report``."""
    try:
        return load_catalog(args.file if args.file is not None else catalog_path())
    except CatalogError as exc:
        for problem in exc.problems:
            print(problem, file=report)
        report.flush()  # the problems before the count when both go to one terminal
        count = len(exc.problems)
        print(f"{count} problem{'s' if count != 1 else ''} found", file=sys.stderr)
        return None


def write_utf8(text: str) -> None:
    """JSON is UTF-8 whatever the console's code page (Windows: cp1252)."""
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:
        sys.stdout.write(text)
        return
    sys.stdout.flush()
    buffer.write(text.encode("utf-8"))
    buffer.flush()


def summary(catalog: Catalog) -> str:
    counts = [
        (len(catalog.patterns), "pattern"),
        (len(catalog.points), "point"),
        (len(catalog.regions), "region"),
        (len(catalog.channels), "channel"),
        (len(catalog.zones), "zone"),
        (len(catalog.protocols), "protocol"),
        (len(catalog.guidance), "guidance line"),
        (len(catalog.factors), "patient factor"),
        (len(catalog.red_flags), "red flag"),
        (len(catalog.sources), "source"),
    ]
    return ", ".join(f"{n} {noun}{'s' if n != 1 else ''}" for n, noun in counts)


def run_validate(args: argparse.Namespace) -> int:
    catalog = _load(args, sys.stdout)
    if catalog is None:
        return 1
    print(f"OK {Path(catalog.path).name}: {summary(catalog)}")
    return 0


def run_export(args: argparse.Namespace) -> int:
    from app.domain.export import catalog_to_json

    catalog = _load(args, sys.stderr)
    if catalog is None:
        return 1
    write_utf8(catalog_to_json(catalog))
    return 0


def run_schema(args: argparse.Namespace) -> int:
    from app.domain.schema import schema_text

    write_utf8(schema_text())
    return 0
