"""The first window fits the screen at any scale factor (issue 12): QT_SCALE_FACTOR=2 on a
1920x1080 screen leaves 960x540 logical pixels, and the window must open inside them."""

from __future__ import annotations

from pathlib import Path

import pytest
from offscreen_run import last_json_line

PROBE = """
import json, sys
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv[:1])
from app.domain.loader import load_catalog
from app.paths import catalog_path
from app.ui.main_window import MainWindow
settings = QSettings(sys.argv[1], QSettings.Format.IniFormat)
window = MainWindow(load_catalog(catalog_path()), settings)
window.show()
app.processEvents()
area = window.screen().availableGeometry()
frame = window.frameGeometry()
print(json.dumps({"area": [area.x(), area.y(), area.width(), area.height()],
                  "frame": [frame.x(), frame.y(), frame.width(), frame.height()],
                  "min": [window.minimumSizeHint().width(), window.minimumSizeHint().height()]}))
"""


@pytest.mark.parametrize("scale", ["1", "2"])
def test_the_first_window_fits_the_screen(tmp_path: Path, scale: str) -> None:
    seen = last_json_line(["-c", PROBE, str(tmp_path / "s.ini")], tmp_path, scale, (1920, 1080))
    ax, ay, aw, ah = seen["area"]
    fx, fy, fw, fh = seen["frame"]
    assert (aw, ah) == ((1920, 1080) if scale == "1" else (960, 540))
    assert ax <= fx and ay <= fy and fx + fw <= ax + aw and fy + fh <= ay + ah, seen
    assert seen["min"][0] <= 960  # half a 1920 screen
