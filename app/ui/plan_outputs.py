"""The plan on paper: treatment sheet and aftercare handout as PDF (with their dialogs), and printing."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QWidget

from app.domain.file_names import proposed_name
from app.domain.handout_content import Clinic
from app.domain.intake_session import IntakeSession
from app.domain.settings import Setting
from app.ui.errors import show_error
from app.ui.plan_export import (
    ExportError,
    aftercare_handout,
    export_handout,
    export_treatment_sheet,
    print_document,
)
from app.ui.plan_export import treatment_sheet as sheet_document
from app.ui.plan_files import file_folder, make_action, remember_folder
from app.ui.red_flag_gate import confirm_red_flags
from app.ui.settings_store import Settings

if TYPE_CHECKING:  # QtPrintSupport loads only when printing: start-up stays lean
    from PySide6.QtPrintSupport import QPrinter


class PlanOutputs(QObject):
    statusMessage = Signal(str)

    def __init__(self, session: IntakeSession, owner: QWidget, settings: Settings | None = None) -> None:
        super().__init__(owner)
        self.session = session
        self.owner = owner
        self.settings = settings or Settings()
        self._printer: QPrinter | None = None
        self.last_error = ""
        self.export_action = make_action(owner, "&Export treatment sheet (PDF)…", "Ctrl+E")
        self.handout_action = make_action(owner, "Export aftercare &handout (PDF)…", "Ctrl+Shift+E")
        self.print_action = make_action(owner, "&Print treatment sheet…", "Ctrl+P")
        self.print_handout_action = make_action(owner, "Print aftercare han&dout…")
        self.export_action.triggered.connect(lambda _=False: self.export_sheet_dialog())
        self.handout_action.triggered.connect(lambda _=False: self.export_handout_dialog())
        self.print_action.triggered.connect(lambda _=False: self.print_sheet())
        self.print_handout_action.triggered.connect(lambda _=False: self.print_handout())

    def actions(self) -> list[QAction]:
        return [self.export_action, self.handout_action, self.print_action, self.print_handout_action]

    def proposed_pdf(self, kind: str) -> Path:
        """Beside the plan file if it has one, else in the last folder used; named from the case and date."""
        plan_file = self.session.path
        folder = plan_file.parent if plan_file else file_folder(self.settings)
        return folder / proposed_name(self.session.plan.case_label, date.today(), kind, ".pdf")

    def _pdf_name(self, title: str, kind: str) -> Path | None:
        name, _ = QFileDialog.getSaveFileName(self.owner, title, str(self.proposed_pdf(kind)), "PDF (*.pdf)")
        return Path(name) if name else None

    def clinic(self) -> Clinic:
        return Clinic(
            self.settings[Setting.CLINIC_NAME],
            self.settings[Setting.CLINIC_PHONE],
            self.settings[Setting.NEXT_APPOINTMENT],
        )

    def export_sheet(self, path: Path) -> Path:
        return export_treatment_sheet(self.session.catalog, self.session.plan, path)

    def export_handout(self, path: Path) -> Path:
        return export_handout(self.session.catalog, self.session.plan, path, self.clinic())

    def export_sheet_dialog(self) -> bool:
        if not confirm_red_flags(self.owner, self.session):
            return False
        path = self._pdf_name("Export treatment sheet", "sheet")
        return path is not None and self._export("treatment sheet", self.export_sheet, path)

    def export_handout_dialog(self) -> bool:
        # While a red flag stands the handout is the referral notice: no confirmation needed.
        stem = "referral-notice" if self.session.plan.red_flags else "handout"
        path = self._pdf_name("Export the patient's handout", stem)
        return path is not None and self._export("patient's handout", self.export_handout, path)

    def _export(self, what: str, export: Callable[[Path], Path], path: Path) -> bool:
        """Export, and say plainly what happened: in the status bar, or in an error dialog."""
        try:
            written = export(path)
        except ExportError as exc:
            self.last_error = str(exc)
            self.statusMessage.emit(f"The {what} was not exported")
            show_error(self.owner, f"The {what} was not exported", str(exc), name="exportError")
            return False
        remember_folder(self.settings, written)
        self.statusMessage.emit(f"Wrote {written}")
        return True

    @property
    def printer(self) -> QPrinter:
        """One printer for the session, so the dialog remembers the last choices."""
        if self._printer is None:
            from PySide6.QtPrintSupport import QPrinter

            self._printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        return self._printer

    def print_sheet(self) -> bool:
        if not confirm_red_flags(self.owner, self.session):
            return False
        document = sheet_document(self.session.catalog, self.session.plan)
        return print_document(document, self.owner, self.printer)

    def print_handout(self) -> bool:
        document = aftercare_handout(self.session.catalog, self.session.plan, self.clinic())
        return print_document(document, self.owner, self.printer)
