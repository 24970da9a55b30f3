"""The Course workspace and its progress report, into ``docs/screenshots/``.

    xvfb-run -a -s "-screen 0 1920x1080x24" .venv/bin/python -m tools.course_screenshots

Runs the real main window on a throw-away case book and settings file (the user's own
are never touched): a plan made in Intake & plan, a case started from it, five visits
over seven weeks without an important improvement, so the reassessment prompt shows;
then the progress report of that case as PDF, its first page rendered with
``pdftoppm`` (poppler-utils) as ``course-report-1.png``.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"
FIRST = date(2026, 9, 7)
NEXT_VISIT = date(2026, 11, 2)
# (weeks after the first visit, pain now, worst, average, activity ratings, global change, reaction)
VISITS = [
    (0, 7, 9, 6, (3, 2), 0, None),
    (1, 7, 8, 6, (3, 3), 1, "side_effects_minor"),
    (3, 6, 8, 6, (4, 3), 1, None),
    (5, 6, 7, 5, (4, 3), 1, None),
    (7, 6, 8, 6, (4, 3), 0, None),
]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default="1366x768")
    parser.add_argument("--theme", choices=("light", "dark"), default="light")
    args = parser.parse_args(argv)
    suffix = "" if args.theme == "light" else "-dark"
    width, height = (int(v) for v in args.size.split("x"))
    if not os.environ.get("DISPLAY") and "QT_QPA_PLATFORM" not in os.environ:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    sys.path.insert(0, str(ROOT))
    from PySide6.QtCore import QDate, QSettings
    from PySide6.QtWidgets import QApplication

    from app.domain.loader import load_catalog
    from app.paths import catalog_path
    from app.ui import course_workspace
    from app.ui.intake_workspace import IntakeWorkspace
    from app.ui.main_window import MainWindow
    from app.ui.theme import Theme

    app = QApplication.instance() or QApplication(sys.argv[:1])
    catalog = load_catalog(catalog_path())
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="yaotong-course-shot-") as tmp:
        book = Path(tmp) / "casebook.sqlite3"
        course_workspace.default_book_path = lambda: book  # never the user's own case book
        settings = QSettings(str(Path(tmp) / "settings.ini"), QSettings.Format.IniFormat)
        window = MainWindow(catalog, settings)
        window.resize(width, height)
        window.set_theme(Theme(args.theme))
        intake = next(w for w in window.workspace_widgets() if isinstance(w, IntakeWorkspace))
        intake.intake.set_checked(["kd_over_40", "kd_insidious_onset", "kd_worse_fatigue"], [], [], 52)
        intake.use_suggestion()
        intake.zone_boxes["leg_back_left"].setChecked(True)
        course = next(
            w for w in window.workspace_widgets() if isinstance(w, course_workspace.CourseWorkspace)
        )
        course.today = lambda: NEXT_VISIT  # the form's date, fixed: the picture does not change by the day
        course.new_case("K-12 lumbar, chronic", window.intake_plan())
        for weeks, pain, worst, average, ratings, groc, reaction in VISITS:
            form = course.form
            day = FIRST + timedelta(weeks=weeks)
            form.date_edit.setDate(QDate(day.year, day.month, day.day))
            form.pain_now.setValue(pain)
            form.pain_worst.setValue(worst)
            form.pain_average.setValue(average)
            for name, edit, rating, value in zip(
                ("Sitting through a film", "Lifting a shopping bag"),
                form.activity_names,
                form.activity_ratings,
                ratings,
                strict=False,
            ):
                edit.setText(name)
                rating.setValue(value)
            form.groc.setCurrentIndex(form.groc.findData(groc))
            if reaction:
                form.reaction_boxes[reaction].setChecked(True)
            if weeks == 3:
                form.point_edit.setText("BL25")
                form.point_edit.returnPressed.emit()
            form.asked.setChecked(True)
            form.save()
        window.workspaces.setCurrentWidget(course)
        window.show()
        for _ in range(8):
            app.processEvents()
        window.grab().save(str(OUT / f"course-reassess{suffix}.png"))
        print(f"wrote docs/screenshots/course-reassess{suffix}.png")
        if suffix:  # the dark theme: the workspace only (the report is on paper)
            course.form.dirty = intake.session.dirty = False  # nothing to ask when the window closes
            window.close()
            return 0
        # The next visit's safety check: a red flag raised, a patient factor that contraindicates points.
        form = course.form
        form.flag_boxes["infection"].setChecked(True)
        form.flag_action.setText("Temperature 38.4: referred to the GP today, no needling")
        form.factor_boxes["pregnancy"].setChecked(True)
        form.reaction_boxes["side_effects_dizziness"].setChecked(True)
        for _ in range(4):
            app.processEvents()
        course.form_scroll.ensureWidgetVisible(form.save_button, 0, 10)
        for _ in range(8):
            app.processEvents()
        window.grab().save(str(OUT / "course-visit-safety.png"))
        print("wrote docs/screenshots/course-visit-safety.png")
        if shutil.which("pdftoppm"):
            report = course.export_report(Path(tmp) / "report.pdf")
            subprocess.run(
                [
                    "pdftoppm",
                    "-r",
                    "70",
                    "-png",
                    "-f",
                    "1",
                    "-singlefile",
                    str(report),
                    str(OUT / "course-report-1"),
                ],
                check=True,
            )
            print("wrote docs/screenshots/course-report-1.png")
        course.form.dirty = intake.session.dirty = False  # nothing to ask when the window closes
        window.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
