"""One Yaotong at a time (issues 12 and 15): a second start raises the first window and ends.

Every test uses a data folder of its own, so the lock and the local socket never meet a Yaotong the
user has open.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from app.ui import application
from app.ui.single_instance import LOCK_NAME, SingleInstance, server_name

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support (propagateSizeHints|raise)")

SECOND = r"""
import sys
from pathlib import Path
from PySide6.QtCore import QCoreApplication
from app.ui.single_instance import SingleInstance
app = QCoreApplication([])
guard = SingleInstance(Path(sys.argv[1]))
ok = guard.acquire()
if sys.argv[2] == "crash" and ok:
    import os
    os._exit(9)  # dies holding the lock, as a crash would
sys.exit(0 if ok else 3)
"""


def second(folder: Path, mode: str = "") -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.Popen(
        [sys.executable, "-c", SECOND, str(folder), mode],
        cwd=ROOT,
        env=env,
        text=True,
        stderr=subprocess.PIPE,
    )


def test_a_second_start_is_refused_and_asks_the_first_to_show_itself(qtbot, tmp_path: Path) -> None:
    first = SingleInstance(tmp_path)
    assert first.acquire() and (tmp_path / LOCK_NAME).exists()
    with qtbot.waitSignal(first.activated, timeout=20_000):
        process = second(tmp_path)
    assert process.wait(timeout=30) == 3, process.stderr.read()
    first.release()
    assert second(tmp_path).wait(timeout=30) == 0  # free again once the first has gone
    first.deleteLater()


def test_a_start_that_has_the_lock_but_listens_after_its_first_frame_still_answers(qtbot, tmp_path) -> None:
    """``start`` takes the lock first and listens once the window is up: a second start made in
    between keeps trying, and is answered as soon as the first listens."""
    first = SingleInstance(tmp_path)
    assert first.acquire(listen=False) and first.server is None
    with qtbot.waitSignal(first.activated, timeout=20_000):
        process = second(tmp_path)
        qtbot.wait(1500)  # the second starts and tries meanwhile, and finds no one listening
        first.listen()
    assert process.wait(timeout=30) == 3, process.stderr.read()
    first.release()
    first.deleteLater()


def test_a_lock_left_by_a_crashed_yaotong_is_taken_over(qtbot, tmp_path: Path) -> None:
    assert second(tmp_path, "crash").wait(timeout=30) == 9
    assert (tmp_path / LOCK_NAME).exists()  # left behind, with a dead process id in it
    guard = SingleInstance(tmp_path)
    assert guard.acquire() and guard.server is not None and not guard.problem
    guard.release()


def test_other_data_folders_never_collide(qapp, tmp_path: Path) -> None:
    one, two = SingleInstance(tmp_path / "a"), SingleInstance(tmp_path / "b")
    assert one.acquire() and two.acquire()
    assert server_name(tmp_path / "a") != server_name(tmp_path / "b")
    assert len(server_name(tmp_path / ("x" * 200))) < 40
    one.release()
    two.release()


def test_a_folder_that_cannot_hold_a_lock_does_not_stop_yaotong(qapp, tmp_path: Path) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    guard = SingleInstance(blocked / "data")
    assert guard.acquire() and guard.problem


@pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="finds the data folder through XDG_DATA_HOME"
)
def test_the_real_command_raises_the_running_window_and_exits(
    qtbot, catalog, tmp_path: Path, monkeypatch
) -> None:
    """`yaotong` started twice: the second process ends at once, the first window comes forward."""
    data = tmp_path / "xdg-data" / "Yaotong" / "Yaotong"  # what QStandardPaths gives under XDG_DATA_HOME
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    raised = []
    monkeypatch.setattr(application, "raise_window", raised.append)
    _app, windows = application.start([], None, settings, data_dir=data)
    (window,) = windows
    qtbot.addWidget(window)
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_DATA_HOME": str(tmp_path / "xdg-data"),
        "XDG_CONFIG_HOME": str(tmp_path / "xdg-config"),
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "app"], cwd=ROOT, env=env, stderr=subprocess.PIPE, text=True
    )
    qtbot.waitUntil(lambda: raised == [window], timeout=30_000)
    assert process.wait(timeout=30) == 0, process.stderr.read()
    assert not (tmp_path / "xdg-config").exists()  # it ended before reading any setting
    window.close()
