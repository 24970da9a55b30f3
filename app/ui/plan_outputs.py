"""The plan on paper: treatment sheet and aftercare handout as PDF (with their dialogs), and printing."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QWidget

from app.domain.intake_session import IntakeSession
from app.ui.plan_export import aftercare_handout, export_handout, export_treatment_sheet, print_document
from app.ui.plan_export import treatment_sheet as sheet_document
from app.ui.plan_files import make_action

if TYPE_CHECKING:  # QtPrintSupport loads only when printing: start-up stays lean
    from PySide6.QtPrintSupport import QPrinter


class PlanOutputs(QObject):
    statusMessage = Signal(str)

    def __init__(self, session: IntakeSession, owner: QWidget) -> None:
        super().__init__(owner)
        self.session = session
        self.owner = owner
        self._printer: QPrinter | None = None
        self.export_action = make_action(owner, "Export treatment sheet (PDF)…", "Ctrl+E")
        self.handout_action = make_action(owner, "Export aftercare handout (PDF)…", "Ctrl+Shift+E")
        self.print_action = make_action(owner, "Print treatment sheet…", "Ctrl+P")
        self.print_handout_action = make_action(owner, "Print aftercare handout…")
        self.export_action.triggered.connect(lambda _=False: self.export_sheet_dialog())
        self.handout_action.triggered.connect(lambda _=False: self.export_handout_dialog())
        self.print_action.triggered.connect(lambda _=False: self.print_sheet())
        self.print_handout_action.triggered.connect(lambda _=False: self.print_handout())

    def actions(self) -> list[QAction]:
        return [self.export_action, self.handout_action, self.print_action, self.print_handout_action]

    def _pdf_name(self, title: str, stem: str) -> Path | None:
        path = self.session.path
        base = path.with_name(f"{path.stem}-{stem}.pdf") if path else Path(f"{stem}.pdf")
        name, _ = QFileDialog.getSaveFileName(self.owner, title, str(base), "PDF (*.pdf)")
        return Path(name) if name else None

    def export_sheet(self, path: Path) -> Path:
        return export_treatment_sheet(self.session.catalog, self.session.plan, path)

    def export_handout(self, path: Path) -> Path:
        return export_handout(self.session.catalog, self.session.plan, path)

    def export_sheet_dialog(self) -> None:
        path = self._pdf_name("Export treatment sheet", "treatment-sheet")
        if path:
            self.statusMessage.emit(f"Wrote {self.export_sheet(path)}")

    def export_handout_dialog(self) -> None:
        path = self._pdf_name("Export aftercare handout", "aftercare")
        if path:
            self.statusMessage.emit(f"Wrote {self.export_handout(path)}")

    @property
    def printer(self) -> QPrinter:
        """One printer for the session, so the dialog remembers the last choices."""
        if self._printer is None:
            from PySide6.QtPrintSupport import QPrinter

            self._printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        return self._printer

    def print_sheet(self) -> bool:
        document = sheet_document(self.session.catalog, self.session.plan)
        return print_document(document, self.owner, self.printer)

    def print_handout(self) -> bool:
        document = aftercare_handout(self.session.catalog, self.session.plan)
        return print_document(document, self.owner, self.printer)
