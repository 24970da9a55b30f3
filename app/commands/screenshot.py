"""``yaotong screenshot``: render the real window offscreen to a PNG.

    yaotong screenshot --pattern kidney_qi_deficiency --view back --size 1366x768 [--theme dark]
                       [--point BL23] [--search weizhong] [--workspace Study] OUT.png

The window is built exactly as ``yaotong`` builds it, with throw-away settings
and a throw-away data folder (the user's own window state and study progress
are neither used nor changed, and no file is left behind).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from app.domain.channels import channel_ids
from app.domain.vocabulary import View

if TYPE_CHECKING:
    from PySide6.QtGui import QImage
    from PySide6.QtWidgets import QApplication

    from app.domain.models import Catalog
    from app.ui.theme import Theme

VIEWS = tuple(View)
ALL_POINTS = "all"


def _size(text: str) -> tuple[int, int]:
    try:
        width, height = (int(part) for part in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"size must look like 1366x768, not {text!r}") from None
    if not (320 <= width <= 7680 and 240 <= height <= 4320):
        raise argparse.ArgumentTypeError(f"size {text} is out of range (320x240 to 7680x4320)")
    return width, height


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "screenshot",
        help="render the window offscreen to a PNG",
        description="Render the real Yaotong window offscreen and save it as a PNG.",
    )
    parser.add_argument("--pattern", help=f"pattern id to show (or {ALL_POINTS!r}); default: the first")
    parser.add_argument("--view", choices=VIEWS, default="back", help="diagram view (default: back)")
    parser.add_argument("--size", type=_size, default=(1366, 768), help="window size, e.g. 1366x768")
    parser.add_argument("--theme", choices=("light", "dark"), default="light", help="colour theme")
    parser.add_argument("--point", help="select this point (its detail is shown)")
    parser.add_argument("--search", help="type this into the point search")
    parser.add_argument(
        "--channels", help="draw these channels' courses: codes separated by commas (BL,GV) or 'all'"
    )
    parser.add_argument("--workspace", help="bring this workspace forward (tab title or number from 1)")
    parser.add_argument("--catalog", type=Path, help="catalog file (default: the shipped one)")
    parser.add_argument("out", type=Path, help="PNG file to write")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    # Offscreen unless the caller chose a platform (e.g. xvfb-run with xcb).
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from app.domain.loader import CatalogError, load_catalog
    from app.paths import catalog_path
    from app.ui.theme import Theme, apply_theme

    app = QApplication.instance() or QApplication([sys.argv[0]])
    assert isinstance(app, QApplication)
    path = args.catalog or catalog_path()
    try:
        catalog = load_catalog(path)
    except (CatalogError, OSError) as error:
        print(f"yaotong screenshot: cannot load {path}:\n{error}", file=sys.stderr)
        return 1
    if args.pattern not in (None, ALL_POINTS) and args.pattern not in catalog.patterns:
        known = ", ".join([*catalog.patterns, ALL_POINTS])
        print(f"yaotong screenshot: unknown pattern {args.pattern!r} (known: {known})", file=sys.stderr)
        return 2
    if args.point is not None and args.point not in catalog.points:
        print(f"yaotong screenshot: unknown point {args.point!r}", file=sys.stderr)
        return 2

    theme = Theme(args.theme)
    # Restored afterwards, for callers that keep using this QApplication (tests).
    saved_palette, saved_sheet, saved_colors = app.palette(), app.styleSheet(), app.property("yaotongColors")
    apply_theme(app, theme)
    try:
        image = _render(app, catalog, args, theme)
    finally:
        app.setStyleSheet(saved_sheet)
        app.setPalette(saved_palette)
        app.setProperty("yaotongColors", saved_colors)
    if image is None:
        print(f"yaotong screenshot: no workspace {args.workspace!r}", file=sys.stderr)
        return 2
    args.out.parent.mkdir(parents=True, exist_ok=True)
    if not image.save(str(args.out), "PNG"):  # type: ignore[call-overload]  # the stubs say bytes; PySide takes str
        print(f"yaotong screenshot: could not write {args.out}", file=sys.stderr)
        return 1
    print(args.out)
    return 0


def _render(app: QApplication, catalog: Catalog, args: argparse.Namespace, theme: Theme) -> QImage | None:
    """The window as the arguments describe it, grabbed to an image (None: no such workspace)."""
    from PySide6.QtCore import QSettings

    from app.domain.settings import Setting
    from app.ui.main_window import MainWindow
    from app.ui.settings_store import Settings

    with tempfile.TemporaryDirectory(prefix="yaotong-shot-") as tmp:
        settings = QSettings(str(Path(tmp) / "settings.ini"), QSettings.Format.IniFormat)
        Settings(settings)[Setting.THEME] = theme
        window = MainWindow(catalog, settings, data_dir=Path(tmp))
        window.resize(*args.size)
        ref = window.reference
        if args.pattern is not None:
            ref.select_pattern("" if args.pattern == ALL_POINTS else args.pattern)
        ref.set_view(args.view)
        if args.search:
            ref.focus_search()
            ref.browser.search.setText(args.search)
        if args.point:
            ref.show_point(args.point)
        if args.channels:
            wanted = args.channels.upper().split(",")
            ref.set_channels(channel_ids(catalog) if wanted == ["ALL"] else wanted)
        if args.workspace and not _select_workspace(window, args.workspace):
            window.deleteLater()
            return None
        window.show()
        window.resize(*args.size)  # the size asked for, even where the screen is smaller (offscreen)
        for _ in range(5):  # layout, then paint
            app.processEvents()
        image = window.grab().toImage()
        window.settings.sync()
        window.hide()
        for workspace in window.built_workspaces():  # let go of files in the folder before it goes
            store = getattr(workspace, "store", None)
            if store is not None:
                store.close()
        window.deleteLater()
        app.processEvents()
    return image


def _select_workspace(window: object, wanted: str) -> bool:
    tabs = window.workspaces  # type: ignore[attr-defined]
    if wanted.isdigit() and 1 <= int(wanted) <= tabs.count():
        tabs.setCurrentIndex(int(wanted) - 1)
        return True
    for i in range(tabs.count()):
        if tabs.tabText(i).replace("&&", "&").casefold().startswith(wanted.casefold()):
            tabs.setCurrentIndex(i)
            return True
    return False
