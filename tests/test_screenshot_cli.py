"""``yaotong screenshot`` renders the real window to a PNG."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from app.cli import main
from app.domain.loader import load_catalog
from app.paths import catalog_path

ROOT = Path(__file__).resolve().parent.parent

# The offscreen platform plugin says this whenever a top-level window is shown; it is not our warning.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture(autouse=True)
def no_windows_left(qapp):
    """Windows earlier tests of this process closed are deleted first: each screenshot sets the
    application's style sheet, which repolishes every widget still alive (under xdist that was
    minutes of windows other files left behind)."""
    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QApplication

    for widget in QApplication.topLevelWidgets():
        if not widget.isVisible():
            widget.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    yield


def mean_lightness(image: QImage) -> float:
    step = 16
    values = [
        image.pixelColor(x, y).lightness()
        for x in range(0, image.width(), step)
        for y in range(0, image.height(), step)
    ]
    return sum(values) / len(values)


# One test a pattern: each builds a whole window, and five in one test passed the per-test
# timeout on a loaded machine.
@pytest.mark.parametrize("pid", list(load_catalog(catalog_path()).patterns))
def test_screenshot_of_each_pattern(qapp, tmp_path: Path, pid: str, capsys) -> None:
    out = tmp_path / f"{pid}.png"
    assert main(["screenshot", "--pattern", pid, "--view", "back", "--size", "1366x768", str(out)]) == 0
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1366, 768)
    assert mean_lightness(image) > 150  # the light theme
    assert str(out) in capsys.readouterr().out


def test_dark_theme_point_and_search(qapp, tmp_path: Path) -> None:
    out = tmp_path / "dark.png"
    args = ["screenshot", "--pattern", "all", "--view", "front", "--theme", "dark", "--point", "BL40"]
    assert main([*args, "--search", "weizhong", "--size", "1920x1080", str(out)]) == 0
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1920, 1080)
    assert mean_lightness(image) < 110


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--pattern", "no_such_pattern"], "unknown pattern 'no_such_pattern'"),
        (["--point", "BL999"], "unknown point 'BL999'"),
        (["--workspace", "Nowhere"], "no workspace 'Nowhere'"),
    ],
)
def test_bad_arguments_are_explained(qapp, tmp_path: Path, capsys, args: list[str], message: str) -> None:
    out = tmp_path / "x.png"
    assert main(["screenshot", *args, str(out)]) == 2
    assert message in capsys.readouterr().err
    assert not out.exists()


def test_bad_size_is_a_usage_error(tmp_path: Path, capsys) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["screenshot", "--size", "big", str(tmp_path / "x.png")])
    assert exit_info.value.code == 2
    assert "size must look like 1366x768" in capsys.readouterr().err


def test_command_line_in_a_fresh_process(tmp_path: Path) -> None:
    out = tmp_path / "shot.png"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "app",
            "screenshot",
            "--pattern",
            "kidney_qi_deficiency",
            "--point",
            "BL23",
            str(out),
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert QImage(str(out)).width() == 1366


def test_a_study_screenshot_leaves_no_progress_database(qapp, tmp_path: Path, monkeypatch) -> None:
    """Issue 15: `yaotong screenshot --workspace Study` created the user's study.sqlite3."""
    from app.ui import study_workspace

    user = tmp_path / "user-data"
    monkeypatch.setattr(study_workspace, "default_store_path", lambda: user / "study.sqlite3")
    out = tmp_path / "study.png"
    assert main(["screenshot", "--workspace", "Study", str(out)]) == 0
    assert QImage(str(out)).width() == 1366
    assert not user.exists()
