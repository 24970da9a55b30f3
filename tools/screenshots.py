"""``make screenshots``: regenerate the reference window's PNGs in ``docs/screenshots/``.

Each shot is a fresh ``yaotong screenshot`` process (offscreen unless
QT_QPA_PLATFORM says otherwise), so one shot's state never leaks into the next.
Other workspaces keep their own scripts (e.g. ``tools/study_screenshots.py``).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"

SMALL, LARGE = "1366x768", "1920x1080"
PATTERNS = ("blood_stagnation", "kidney_qi_deficiency", "liver_qi_stagnation", "wind_cold")

# (file name, arguments): every pattern in both views at the laptop size, a point
# detail and a search in light and dark, and the large screen in both themes.
KIDNEY = "kidney_qi_deficiency"
SHOTS: list[tuple[str, list[str]]] = [
    *[(f"reference-{p}-back.png", ["--pattern", p, "--view", "back"]) for p in PATTERNS],
    *[(f"reference-{p}-front.png", ["--pattern", p, "--view", "front"]) for p in PATTERNS],
    ("reference-point-BL40.png", ["--pattern", "blood_stagnation", "--view", "back", "--point", "BL40"]),
    ("reference-search-weizhong.png", ["--pattern", "kidney_qi_deficiency", "--search", "weizhong"]),
    ("reference-kidney_qi_deficiency-dark.png", ["--pattern", "kidney_qi_deficiency", "--theme", "dark"]),
    (
        "reference-point-KI3-dark.png",
        ["--pattern", "kidney_qi_deficiency", "--point", "KI3", "--theme", "dark"],
    ),
    ("reference-blood_stagnation-1920.png", ["--pattern", "blood_stagnation", "--size", LARGE]),
    ("reference-search-bl2-1920.png", ["--pattern", "wind_cold", "--search", "bl2", "--size", LARGE]),
    ("reference-wind_cold-1920-dark.png", ["--pattern", "wind_cold", "--size", LARGE, "--theme", "dark"]),
    ("reference-all-points-1920-dark.png", ["--pattern", "all", "--size", LARGE, "--theme", "dark"]),
    ("reference-channels-back.png", ["--pattern", KIDNEY, "--view", "back", "--channels", "all"]),
    ("reference-channel-BL23.png", ["--pattern", KIDNEY, "--point", "BL23", "--channels", "BL"]),
]


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    failed = 0
    for name, args in SHOTS:
        size = [] if "--size" in args else ["--size", SMALL]
        cmd = [sys.executable, "-m", "app", "screenshot", *args, *size, str(OUT / name)]
        result = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True)
        if result.returncode != 0:
            failed += 1
            print(f"FAILED {name}: {result.stderr.strip()}", file=sys.stderr)
        else:
            print(f"{name}  {(OUT / name).stat().st_size // 1024} KiB")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
