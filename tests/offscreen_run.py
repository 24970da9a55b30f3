"""Run Python in a fresh Qt process on a configured offscreen screen: the scale factor is fixed
when Qt starts, so a test at QT_SCALE_FACTOR=2 needs its own process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def last_json_line(args: list[str], tmp_path: Path, scale: str, screen: tuple[int, int], timeout: int = 60):
    """``python ARGS`` on a ``screen``-sized offscreen display at ``scale``; its last line, as JSON."""
    config = tmp_path / "screen.json"
    width, height = screen
    config.write_text(
        json.dumps(
            {"screens": [{"name": "s", "x": 0, "y": 0, "width": width, "height": height, "logicalDpi": 96}]}
        )
    )
    env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={config}", QT_SCALE_FACTOR=scale)
    env["XDG_CONFIG_HOME"] = str(tmp_path)  # never the user's settings
    out = subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=True,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])
