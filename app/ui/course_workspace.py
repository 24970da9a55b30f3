"""The "Course" workspace: a case book of visits, the outcome chart and the reassessment.

Left: the cases (by label only, never a patient's name). Middle: the visit form.
Right: the reassessment prompt, the outcome chart with the minimal clinically important
change and the reassessment point marked with their sources, the visits and how the
prescription evolved. File menu: the progress report (PDF), cases as JSON, outcome
rows as CSV, importing cases.

The workflow and its rules live in :class:`~app.domain.course_session.CourseSession`;
this widget lays it out and redraws what the session says changed. A case can be
started from the Intake & plan workspace's plan through ``plan_source``, a callable the
main window passes in (the workspaces never import each other). The case book is
``QStandardPaths.AppDataLocation``/casebook.sqlite3 unless a path is passed in (tests).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QInputDialog,
    QLineEdit,
    QMessageBox,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.domain.case_book import FILE_NAME, CaseBook, CaseBookError, CaseBookUnavailable
from app.domain.case_file import CaseFileError
from app.domain.course import Prescription, Visit
from app.domain.course_session import CourseChange, CourseSession
from app.domain.errors import DataFileError
from app.domain.models import Catalog
from app.domain.plan import Plan
from app.ui.case_list import CaseList
from app.ui.course_review import CourseReviewPanel
from app.ui.errors import show_error
from app.ui.plain import plain_label
from app.ui.visit_form import VisitForm

PlanSource = Callable[[], Plan | None]


def default_book_path() -> Path:
    return Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)) / FILE_NAME


class CourseWorkspace(QWidget):
    statusMessage = Signal(str)

    def __init__(
        self,
        catalog: Catalog,
        parent: QWidget | None = None,
        *,
        book_path: Path | None = None,
        plan_source: PlanSource | None = None,
        today: Callable[[], date] = date.today,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("courseWorkspace")
        self.setAccessibleName("Course of treatment")
        self.catalog = catalog
        self.plan_source = plan_source
        self.today = today
        self.session: CourseSession | None = None
        outer = QVBoxLayout(self)
        outer.setContentsMargins(4, 4, 4, 4)
        self.notice = plain_label("", self, name="caseBookNotice")
        self.notice.setStyleSheet(
            "#caseBookNotice { border: 1px solid #E69F00; border-radius: 4px; padding: 6px; }"
        )
        self.notice.hide()
        outer.addWidget(self.notice)
        path = book_path or default_book_path()
        try:
            book = CaseBook.open(path, catalog)
        except CaseBookUnavailable as exc:
            self.notice.setText(f"{exc}\nNothing can be entered until the case book can be opened.")
            self.notice.show()
            outer.addStretch(1)
            self._build_actions()
            for action in self.file_actions():
                action.setEnabled(False)
            return
        if book.notice:
            self.notice.setText(book.notice)
            self.notice.show()
        self.session = CourseSession(catalog, book)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setChildrenCollapsible(False)
        self.cases = CaseList(self.splitter)
        self.form = VisitForm(catalog)
        self.form_scroll = QScrollArea(self.splitter)
        self.form_scroll.setWidgetResizable(True)
        self.form_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.form_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.form_scroll.setWidget(self.form)
        self.review = CourseReviewPanel(catalog, self.splitter)
        for widget in (self.cases, self.form_scroll, self.review):
            self.splitter.addWidget(widget)
        # 960 px for the three (half a 1920 screen, beside the patient record)
        self.cases.setMinimumWidth(195)
        self.form_scroll.setMinimumWidth(360)
        self.review.setMinimumWidth(370)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 5)
        self.splitter.setStretchFactor(2, 6)
        self.splitter.setSizes([230, 520, 620])
        outer.addWidget(self.splitter, 1)

        self.cases.caseChosen.connect(self.select_case)
        self.cases.newRequested.connect(self.new_case_dialog)
        self.cases.fromPlanRequested.connect(self.new_case_from_plan)
        self.cases.usePlanRequested.connect(self.use_plan)
        self.form.saveRequested.connect(self.save_visit)
        self.review.visitActivated.connect(self.edit_visit)
        self._build_actions()
        self.session.subscribe(self._session_changed)
        self._session_changed(CourseChange.ALL)
        if self.session.cases:
            self.session.select(self.session.cases[0].label)

    @property
    def book(self) -> CaseBook | None:
        return self.session.book if self.session is not None else None

    # -- the session on screen -----------------------------------------------------------------------

    def _session_changed(self, what: CourseChange) -> None:
        session = self.session
        assert session is not None
        if CourseChange.CASES in what or CourseChange.CASE in what:
            self.cases.show_cases(session.cases, session.label)
        if CourseChange.CASE in what:
            self.review.show_course(
                session.visits,
                session.review,
                session.course,
                session.plan,
                session.changes(),
                session.problem,
            )
            self._begin_visit()
        has_case = session.case is not None
        self.form.setEnabled(has_case)
        for action in (self.report_action, self.export_case_action, self.csv_case_action):
            action.setEnabled(has_case)

    def _begin_visit(self) -> None:
        session = self.session
        assert session is not None
        if session.case is None:
            self.form.begin("No case chosen: start or choose a case", self.today(), None, None, [])
            return
        last = session.last_visit()
        planned = Prescription.of_plan(session.plan) if session.plan is not None else None
        names = [a.name for a in last.activities] if last is not None else []
        title = f"Visit {len(session.visits) + 1} of {session.case.label}"
        self.form.begin(title, self.today(), Prescription.of_visit(last) if last else None, planned, names)

    def select_case(self, label: str) -> None:
        if self.session is None or label == self.session.label:
            return
        if not self._may_discard():
            self.cases.show_cases(self.session.cases, self.session.label)
            return
        self.session.select(label)
        self.statusMessage.emit(f"Case {label}")

    # -- cases ---------------------------------------------------------------------------------------

    def _ask_label(self, title: str, suggestion: str = "") -> str | None:
        label, ok = QInputDialog.getText(
            self,
            title,
            "Case label (a code or a short description: never the patient's name):",
            QLineEdit.EchoMode.Normal,
            suggestion,
        )
        return label.strip() if ok else None

    def new_case(self, label: str, plan: Plan | None = None) -> bool:
        """Start a case (with a plan); False, with the reason shown, when the label cannot be used."""
        if self.session is None:
            return False
        try:
            self.session.new_case(label, plan)
        except CaseBookError as exc:
            show_error(self, "The case was not started", "\n".join(exc.problems))
            return False
        except sqlite3.Error as exc:
            show_error(self, "The case was not started", f"The case book could not be written: {exc}")
            return False
        self.statusMessage.emit(f"New case {label}" + (" with the Intake & plan plan" if plan else ""))
        return True

    def new_case_dialog(self) -> None:
        if self._may_discard() and (label := self._ask_label("New case")):
            self.new_case(label)

    def _intake_plan(self) -> Plan | None:
        plan = self.plan_source() if self.plan_source is not None else None
        if plan is None or not plan.patterns:
            show_error(
                self,
                "No plan to use",
                "Choose the patterns (and points) in the Intake & plan workspace first; its plan is then "
                "carried into the case.",
            )
            return None
        return plan

    def new_case_from_plan(self) -> None:
        plan = self._intake_plan()
        if (
            plan is not None
            and self._may_discard()
            and (label := self._ask_label("New case from the plan", plan.case_label))
        ):
            self.new_case(label, plan)

    def use_plan(self) -> None:
        """Give the case in front the Intake & plan workspace's plan (after a confirmation)."""
        session = self.session
        if session is None or session.case is None:
            return
        plan = self._intake_plan()
        if plan is None:
            return
        if session.plan is not None:
            box = QMessageBox(QMessageBox.Icon.Question, "Replace the plan?", "", parent=self)
            box.setTextFormat(Qt.TextFormat.PlainText)
            label = session.case.label
            box.setText(f"Replace the plan of {label} with the plan now in Intake & plan? Its visits stay.")
            yes = box.addButton("Replace the plan", QMessageBox.ButtonRole.AcceptRole)
            box.addButton(QMessageBox.StandardButton.Cancel)
            box.exec()
            if box.clickedButton() is not yes:
                return
        try:
            session.set_plan(plan)
        except sqlite3.Error as exc:
            show_error(self, "The plan was not changed", f"The case book could not be written: {exc}")
            return
        self.statusMessage.emit(f"{session.case.label if session.case else ''}: plan updated")

    # -- visits --------------------------------------------------------------------------------------

    def save_visit(self, visit: Visit) -> bool:
        """Store the visit shown in the form; its problems are shown when it cannot be saved."""
        session = self.session
        if session is None or session.case is None:
            return False
        try:
            saved = session.save_visit(visit)
        except CaseBookError as exc:
            self.form.show_problems(list(exc.problems))
            return False
        except (OSError, sqlite3.Error) as exc:  # a full disk, a lock held too long: the entries stay
            self.form.show_problems([f"the case book could not be written ({exc}); the visit is still here"])
            return False
        verb = "Corrected" if visit.id is not None else "Saved"
        self.statusMessage.emit(
            f"{verb} the visit of {saved.day.isoformat()} ({session.case.label if session.case else ''})"
        )
        if session.review is not None and session.review.reassess:
            self.statusMessage.emit("Reassessment due: no important improvement by the reassessment point")
        return True

    def edit_visit(self, visit_id: int) -> None:
        session = self.session
        if session is None or not self._may_discard():
            return
        visits = list(session.visits)
        index = next((i for i, v in enumerate(visits) if v.id == visit_id), None)
        if index is None:
            return
        before = Prescription.of_visit(visits[index - 1]) if index > 0 else None
        planned = Prescription.of_plan(session.plan) if session.plan is not None else None
        label = session.case.label if session.case else ""
        self.form.edit(f"Correcting visit {index + 1} of {label}", visits[index], before or planned, planned)
        self.form.setFocus()

    def _may_discard(self) -> bool:
        """Unsaved entries in the form: save them, discard them, or stay."""
        if not self.form.dirty:
            return True
        box = QMessageBox(QMessageBox.Icon.Question, "Unsaved visit", "", parent=self)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText("The visit being entered has not been saved.")
        save = box.addButton("Save the visit", QMessageBox.ButtonRole.AcceptRole)
        discard = box.addButton("Discard it", QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        if box.clickedButton() is save:
            self.form.save()
            return not self.form.dirty
        return box.clickedButton() is discard

    # -- files ---------------------------------------------------------------------------------------

    def _build_actions(self) -> None:
        def action(text: str, slot: Callable[[], object]) -> QAction:
            a = QAction(text, self)
            a.triggered.connect(lambda _=False: slot())
            return a

        self.report_action = action("Export progress report (PDF)…", self.export_report_dialog)
        self.export_case_action = action(
            "Export this case (JSON)…", lambda: self.export_dialog(all_cases=False)
        )
        self.export_all_action = action(
            "Export all cases (JSON)…", lambda: self.export_dialog(all_cases=True)
        )
        self.csv_case_action = action("Export outcome rows of this case (CSV)…", self.export_csv_dialog)
        self.import_action = action("Import cases (JSON)…", self.import_dialog)
        self._actions = [
            self.report_action,
            self.export_case_action,
            self.export_all_action,
            self.csv_case_action,
            self.import_action,
        ]

    def shortcut_help(self) -> list[tuple[str, str]]:
        return [
            ("Ctrl+Enter", "Save the visit"),
            ("Delete", "Remove the selected point from the visit"),
        ]

    def file_actions(self) -> list[QAction]:
        separator = QAction(self)
        separator.setSeparator(True)
        return [*self._actions, separator]

    def _save_name(self, title: str, name: str, kind: str) -> Path | None:
        chosen, _ = QFileDialog.getSaveFileName(self, title, name, kind)
        return Path(chosen) if chosen else None

    def _safe_stem(self) -> str:
        label = self.session.label if self.session and self.session.label else "case"
        return "".join(c if c.isalnum() or c in "-_" else "-" for c in label).strip("-") or "case"

    def export_report(self, path: Path) -> Path:
        from app.ui.case_report import export_progress_report

        session = self.session
        assert session is not None and session.case is not None
        return export_progress_report(
            self.catalog, session.case, session.plan, session.course, path, today=self.today()
        )

    def export_report_dialog(self) -> None:
        path = self._save_name("Export progress report", f"{self._safe_stem()}-progress.pdf", "PDF (*.pdf)")
        if path:
            self._write(lambda: self.export_report(path), "The progress report was not written")

    def export_dialog(self, all_cases: bool) -> None:
        book, session = self.book, self.session
        if book is None or session is None:
            return
        stem = "cases" if all_cases else self._safe_stem()
        path = self._save_name("Export cases", f"{stem}.json", "JSON (*.json)")
        labels = None if all_cases else [session.label] if session.label else []
        if path:
            self._write(lambda: book.export_json(path, labels), "The cases were not exported")

    def export_csv_dialog(self) -> None:
        book, session = self.book, self.session
        if book is None or session is None or session.label is None:
            return
        path = self._save_name("Export outcome rows", f"{self._safe_stem()}-outcomes.csv", "CSV (*.csv)")
        label = session.label
        if path:
            self._write(lambda: book.export_csv(path, [label]), "The outcome rows were not exported")

    def _write(self, write: Callable[[], Path], failure: str) -> None:
        try:
            written = write()
        except (OSError, DataFileError, CaseBookError, sqlite3.Error) as exc:
            show_error(self, failure, str(exc))
            return
        self.statusMessage.emit(f"Wrote {written}")

    def import_dialog(self) -> None:
        if self.session is None:
            return
        name, _ = QFileDialog.getOpenFileName(self, "Import cases", "", "JSON (*.json)")
        if name:
            self.import_file(Path(name))

    def import_file(self, path: Path) -> None:
        assert self.session is not None
        try:
            result = self.session.import_file(path)
        except CaseFileError as exc:
            show_error(self, "Nothing was imported", str(exc))
            return
        except (OSError, CaseBookError, sqlite3.Error) as exc:
            show_error(self, "Nothing was imported", str(exc))
            return
        parts = [f"{len(result.added)} case(s) imported"]
        if result.renamed:
            parts.append("; ".join(f"{old} as {new}" for old, new in result.renamed))
        if result.unchanged:
            parts.append(f"{len(result.unchanged)} already here, identical")
        self.statusMessage.emit(". ".join(parts))

    # -- the main window's questions -----------------------------------------------------------------

    def has_unsaved_changes(self) -> bool:
        return self.session is not None and self.form.dirty

    def maybe_save(self) -> bool:
        return self.session is None or self._may_discard()

    def set_dark(self, dark: bool) -> None:
        if self.session is not None:
            self.review.set_dark(dark)
