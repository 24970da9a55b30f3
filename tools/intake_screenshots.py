"""Intake & plan screenshots and the exported PDFs rendered to PNG, into ``docs/screenshots/``.

    xvfb-run -s "-screen 0 1920x1080x24" .venv/bin/python -m tools.intake_screenshots

Runs the real main window (any Qt platform; offscreen when no display), drives the
intake like a practitioner would, grabs ``intake-*.png``, then writes the
treatment sheet and handout PDFs of that plan to a temporary folder and renders
their pages with ``pdftoppm`` (poppler-utils) as ``plan-sheet-N.png`` and
``plan-handout.png``. Settings go to a throw-away file, never the user's.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"

# (file name, signs, factors, red flags, zones, dark)
SHOTS = [
    (
        "intake-kidney-wind-cold.png",
        [
            "kd_over_40",
            "kd_insidious_onset",
            "kd_worse_fatigue",
            "kd_better_rest",
            "wc_cold_climate",
            "wc_tight_painful",
        ],
        [],
        [],
        ["leg_back_left"],
        False,
    ),
    (
        "intake-pregnancy-safety.png",
        ["bs_trauma", "bs_stabbing_pain", "bs_fixed_rigid"],
        ["pregnancy", "anticoagulants"],
        [],
        ["paraspinal_left", "hip_side_left"],
        False,
    ),
    (
        "intake-red-flag.png",
        ["lq_anger", "lq_stress", "lq_varies_with_emotion"],
        [],
        ["cauda_equina"],
        ["midline"],
        False,
    ),
    (
        "intake-dark.png",
        ["cd_exposure", "cd_rainy", "cd_heavy"],
        ["pacemaker"],
        [],
        ["leg_side_left"],
        True,
    ),
]


def main() -> int:
    if not os.environ.get("DISPLAY") and "QT_QPA_PLATFORM" not in os.environ:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    sys.path.insert(0, str(ROOT))
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from app.domain.loader import load_catalog
    from app.paths import catalog_path
    from app.ui.intake_workspace import IntakeWorkspace
    from app.ui.main_window import MainWindow
    from app.ui.theme import Theme

    app = QApplication.instance() or QApplication(sys.argv[:1])
    catalog = load_catalog(catalog_path())
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        last = None
        for name, signs, factors, flags, zones, dark in SHOTS:
            settings = QSettings(str(Path(tmp) / f"{name}.ini"), QSettings.Format.IniFormat)
            window = MainWindow(catalog, settings, data_dir=Path(tmp))  # never the user's study progress
            window.resize(1366, 768)
            window.set_theme(Theme.DARK if dark else Theme.LIGHT)
            ws = next(w for w in window.workspace_widgets() if isinstance(w, IntakeWorkspace))
            window.workspaces.setCurrentWidget(ws)
            window.show()
            ws.intake.set_checked(signs, factors, flags, 34 if "pregnancy" in factors else None)
            ws.use_suggestion()
            for zone in zones:
                ws.zone_boxes[zone].setChecked(True)
            ws.plan_panel.case_label.setText("Case 12 — demo")
            ws.plan_panel._text_changed()
            for _ in range(5):
                app.processEvents()
            window.grab().save(str(OUT / name))
            print(f"wrote docs/screenshots/{name}")
            if name == "intake-pregnancy-safety.png":
                ws.plan_panel.select_code("BL23")
                from app.domain.plan import confirm_include

                ws.session.apply(confirm_include(catalog, ws.session.plan, "BL23"))
                last = ws.session.plan
            ws.session.dirty = False
            window.close()
            window.deleteLater()
            app.processEvents()
        if last is not None and shutil.which("pdftoppm"):
            from app.ui.plan_export import export_handout, export_treatment_sheet

            sheet = export_treatment_sheet(catalog, last, Path(tmp) / "sheet.pdf")
            handout = export_handout(catalog, last, Path(tmp) / "handout.pdf")
            for old in OUT.glob("plan-sheet-*.png"):
                old.unlink()
            subprocess.run(["pdftoppm", "-r", "70", "-png", str(sheet), str(OUT / "plan-sheet")], check=True)
            subprocess.run(
                ["pdftoppm", "-r", "70", "-png", "-singlefile", str(handout), str(OUT / "plan-handout")],
                check=True,
            )
            print("wrote docs/screenshots/plan-sheet-*.png, plan-handout.png")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
