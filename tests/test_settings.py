"""QSettings: the window remembers itself, and malformed values never crash it."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QByteArray, QSettings, QStandardPaths, Qt
from PySide6.QtWidgets import QApplication

from app.domain.models import Catalog
from app.ui.main_window import MainWindow
from app.ui.settings_store import APPLICATION as SETTINGS_APPLICATION
from app.ui.settings_store import ORGANIZATION as SETTINGS_ORGANIZATION
from app.ui.theme import Theme

# The offscreen platform plugin says this whenever a top-level window is shown; it is not our warning.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture(autouse=True)
def _test_paths():
    # Belt and braces: nothing in this module may touch the real user's settings.
    QStandardPaths.setTestModeEnabled(True)
    yield
    QStandardPaths.setTestModeEnabled(False)


def ini(path: Path) -> QSettings:
    return QSettings(str(path), QSettings.Format.IniFormat)


def open_window(qtbot, catalog: Catalog, settings: QSettings) -> MainWindow:
    window = MainWindow(catalog, settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    return window


def test_settings_names_are_the_apps() -> None:
    assert (SETTINGS_ORGANIZATION, SETTINGS_APPLICATION) == ("Yaotong", "Yaotong")


def test_round_trip(qtbot, catalog: Catalog, tmp_path: Path) -> None:
    path = tmp_path / "settings.ini"
    last_pattern = list(catalog.patterns)[-1]
    first = open_window(qtbot, catalog, ini(path))
    app_screen = first.screen().availableGeometry()
    # The offscreen test screen is small: use a size the next window can get back.
    first.resize(first.minimumSizeHint().width(), 600)
    first.reference.select_pattern(last_pattern)
    first.reference.set_view("front")
    first.reference.set_labels_visible(False)
    first.reference.splitter.setSizes([300, 300, 400])
    sizes = first.reference.splitter.sizes()
    first.reference.left_tabs.setCurrentIndex(1)
    first.theme_actions[Theme.DARK].trigger()
    assert first.close()

    second = open_window(qtbot, catalog, ini(path))
    ref = second.reference
    assert ref.current_pattern == last_pattern
    assert ref.pattern_list.currentItem().text().startswith(catalog.patterns[last_pattern].name)
    assert ref.current_view == "front"
    assert not ref.labels_visible
    assert not ref.labels_action.isChecked()
    # The side panes keep their widths; the diagram takes what is left.
    qtbot.waitUntil(lambda: (ref.splitter.sizes()[0], ref.splitter.sizes()[2]) == (sizes[0], sizes[2]))
    assert ref.left_tabs.currentIndex() == 1
    assert second.theme is Theme.DARK and second.dark
    assert second.theme_actions[Theme.DARK].isChecked()
    assert second.geometry_restored
    assert app_screen.contains(second.geometry().topLeft())
    second.theme_actions[Theme.LIGHT].trigger()
    second.close()


def test_all_points_is_remembered(qtbot, catalog: Catalog, tmp_path: Path) -> None:
    path = tmp_path / "settings.ini"
    first = open_window(qtbot, catalog, ini(path))
    first.reference.select_pattern("")
    first.close()
    second = open_window(qtbot, catalog, ini(path))
    assert second.reference.current_pattern == ""


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("window/geometry", "not a geometry"),
        ("window/geometry", QByteArray(b"\x00\x01garbage")),
        ("window/state", 42),
        ("reference/splitter", "oops"),
        ("reference/splitter", QByteArray(b"\xff" * 7)),
        ("reference/pattern", "no_such_pattern"),
        ("reference/pattern", 3),
        ("reference/view", "sideways"),
        ("reference/labels", "maybe"),
        ("reference/left_tab", "nine"),
        ("reference/left_tab", 17),
        ("appearance/theme", "purple"),
        ("appearance/theme", ["dark"]),
    ],
)
def test_malformed_values_fall_back_to_defaults(
    qtbot, catalog: Catalog, tmp_path: Path, key: str, value: object
) -> None:
    path = tmp_path / "settings.ini"
    settings = ini(path)
    settings.setValue(key, value)
    settings.sync()
    window = open_window(qtbot, catalog, ini(path))
    ref = window.reference
    assert ref.current_pattern in (*catalog.patterns, "")
    assert ref.current_view in ("front", "back", "hand", "foot", "side", "head")
    assert window.theme in tuple(Theme)
    assert ref.splitter.count() == 3 and all(size > 0 for size in ref.splitter.sizes())
    if key == "reference/pattern":
        assert ref.current_pattern == next(iter(catalog.patterns))
    if key == "appearance/theme":
        assert window.theme is Theme.SYSTEM
    window.close()


def test_garbage_settings_file_does_not_crash(qtbot, catalog: Catalog, tmp_path: Path) -> None:
    path = tmp_path / "settings.ini"
    path.write_bytes(b"\x00\xff[reference\npattern=\x01\x02\n[[[\n" + bytes(range(256)))
    window = open_window(qtbot, catalog, ini(path))
    assert window.reference.current_pattern in (*catalog.patterns, "")
    window.close()
    # Closing wrote a valid file again.
    assert ini(path).value("reference/pattern") in (*catalog.patterns, "")


def test_settings_are_written_on_close_only_through_qsettings(
    qtbot, catalog: Catalog, tmp_path: Path
) -> None:
    path = tmp_path / "settings.ini"
    window = open_window(qtbot, catalog, ini(path))
    qtbot.keyClick(window, Qt.Key.Key_F)
    window.close()
    saved = ini(path)
    assert saved.value("reference/view") == "front"
    assert saved.value("appearance/theme") in {t.value for t in Theme}
    assert saved.status() == QSettings.Status.NoError
    assert QApplication.instance() is not None


# -- issue 15 item 13: no settings file stops the app --------------------------------------------------------

GARBAGE = [
    ["dark", "light"],  # a list where one word belongs (a list-valued theme stopped start())
    "x" * 2_000_000,  # a huge string
    QByteArray(b"\x00\xffdark"),  # bytes where text belongs
    b"dark",
    2**62,
    -1,
    3.5,
    True,
    None,
    {"nested": ["map"]},
    [["deep", ["er"]]],
]


def _keys() -> list[str]:
    from app.domain.settings import Setting

    return [option.key for option in vars(Setting).values() if hasattr(option, "key")]


def _settings_read_by_the_intake(window: MainWindow) -> None:
    """Bring the Intake & plan tab forward (it reads the recent plans) and fill its recent menu."""
    from app.ui.intake_workspace import IntakeWorkspace

    index = next(i for i in range(window.workspaces.count()) if "Intake" in window.workspaces.tabText(i))
    window.workspaces.setCurrentIndex(index)
    intake = window.workspaces.currentWidget()
    assert isinstance(intake, IntakeWorkspace)
    intake.files._fill_recent()
    assert all(len(name) <= 4096 for name in intake.files.recent_files())


@pytest.mark.parametrize("offset", [4, 9], ids=["rotation-a", "rotation-b"])
def test_garbage_in_every_setting_never_stops_start_or_the_window(qtbot, tmp_path: Path, offset: int) -> None:
    """Every setting holds garbage of another type (each run hands the values round differently)."""
    from app.ui.application import start

    path = tmp_path / "settings.ini"
    settings = ini(path)
    keys = _keys()
    assert len(keys) >= 9
    for i, key in enumerate(keys):
        settings.setValue(key, GARBAGE[(i + offset) % len(GARBAGE)])
    settings.setValue("appearance/theme", ["dark", "light"])  # the value that stopped start()
    settings.sync()
    _app, windows = start([], None, ini(path), data_dir=tmp_path / "data")
    (window,) = windows
    qtbot.addWidget(window)
    assert isinstance(window, MainWindow) and window.isVisible()
    assert window.theme is Theme.SYSTEM
    _settings_read_by_the_intake(window)
    window.close()


@pytest.mark.parametrize("value", GARBAGE, ids=lambda v: type(v).__name__)
def test_every_option_turns_garbage_into_its_default(tmp_path: Path, value: object) -> None:
    from app.domain.settings import Setting
    from app.ui.settings_store import Settings

    settings = ini(tmp_path / "settings.ini")
    store = Settings(settings)
    for option in (o for o in vars(Setting).values() if hasattr(o, "key")):
        settings.setValue(option.key, value)
        got = store[option]
        assert isinstance(got, type(option.default)) or (
            option.default is None and (got is None or isinstance(got, str))
        )


@pytest.mark.qt_log_ignore(
    "This plugin does not support propagateSizeHints", "QVariant::load: unknown user type"
)
def test_raw_variant_garbage_in_the_ini_file(qtbot, catalog: Catalog, tmp_path: Path) -> None:
    path = tmp_path / "settings.ini"
    path.write_bytes(
        b"[appearance]\ntheme=@Variant(\\0\\0\\0\\x7f\\0\\0\\0\\x10NoSuchType\\0garbage)\n"
        b"[window]\ngeometry=@Rect(1 2 3 4)\nstate=@Size(-5 7)\n"
        b"[reference]\npattern=@Point(1 2)\nview=@ByteArray(\\xff\\xfe)\nleft_tab=@DateTime(\\0\\0\\0\\x10)\n"
        b"[intake]\nrecent_plans=@Variant(\\0\\0\\0\\x0b\\0\\0\\0\\x02\\0\\0\\0\\x02\\0a)\n"
        b"[more]\nnumber=99999999999999999999999999\n"
    )
    with path.open("ab") as handle:  # a huge number where a tab index belongs
        handle.write(b"[reference]\nleft_tab=99999999999999999999999999\n")
    window = open_window(qtbot, catalog, ini(path))
    assert window.theme in tuple(Theme)
    _settings_read_by_the_intake(window)
    window.close()
