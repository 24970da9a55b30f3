"""The plan on paper: PDF files and printing of the treatment sheet and the patient's handout.

The documents are built by ``app.ui.treatment_sheet`` and ``app.ui.handout``; this module prints
them, or shows the print dialog.

A PDF is printed into memory first (Qt then does no file I/O it could fail at silently), checked
(a PDF header, pages, the ``%%EOF`` trailer), written to a temporary file beside the target, read
back and checked again, and only then moved over the target: a full disk or a read-only folder
never replaces a good PDF with a bad one, leaves no temporary file and raises
:class:`ExportError` in plain words.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QBuffer, QIODevice, QMarginsF, QSizeF
from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter, QTextDocument, QTextTable
from PySide6.QtWidgets import QWidget

from app.domain.atomic import remove_stale_temps, write_atomically
from app.domain.handout_content import Clinic
from app.domain.models import Catalog
from app.domain.plan import Plan
from app.ui.handout import HANDOUT_TITLE as HANDOUT_TITLE
from app.ui.handout import handout_title, patient_handout
from app.ui.print_style import LEFT_OUT_MARK as LEFT_OUT_MARK
from app.ui.print_style import OVERRIDE_MARK as OVERRIDE_MARK
from app.ui.treatment_sheet import SHEET_TITLE, paginated_sheet, point_tables

if TYPE_CHECKING:  # QtPrintSupport loads only when printing: start-up stays lean
    from PySide6.QtPrintSupport import QPrinter


def aftercare_handout(catalog: Catalog, plan: Plan, clinic: Clinic | None = None) -> QTextDocument:
    """The patient's page (aftercare, or the referral notice while a red flag stands), one A4 page."""
    doc = patient_handout(catalog, plan, lambda d: lay_out_a4(d, HANDOUT_MARGIN).pageCount(), clinic)
    return lay_out_a4(doc, HANDOUT_MARGIN)


# The sheet is laid out on the printable A4 area (the writer's 2 mm margins off) in document pixels
# (96 per inch), so it prints at scale 1: its type prints at the sizes the style sheet gives.
A4_PRINTABLE = QSizeF(206 / 25.4 * 96, 293 / 25.4 * 96)
SHEET_MARGIN = 18 / 25.4 * 96


HANDOUT_MARGIN = 14 / 25.4 * 96


def lay_out_a4(doc: QTextDocument, margin: float = SHEET_MARGIN) -> QTextDocument:
    """Paginate ``doc`` for the A4 writer itself: printing then keeps these page breaks."""
    doc.setDocumentMargin(margin)
    if doc.pageSize() != A4_PRINTABLE:  # Qt lays the whole document out again even for the same size
        doc.setPageSize(A4_PRINTABLE)
    return doc


def point_row_pages(doc: QTextDocument, codes: list[str]) -> dict[str, int]:
    """How many pages each point's row spans when ``doc`` is laid out on A4 (1: it is whole)."""
    tables = point_tables(doc)
    return table_pages(doc, {code: tables[code] for code in codes if code in tables})


def table_pages(doc: QTextDocument, tables: Mapping[str, QTextTable]) -> dict[str, int]:
    """How many pages each of ``tables`` spans when ``doc`` is laid out on A4."""
    lay_out_a4(doc)
    height = doc.pageSize().height()
    layout = doc.documentLayout()
    spans: dict[str, int] = {}
    for code, table in tables.items():
        box = layout.frameBoundingRect(table)
        spans[code] = int((box.bottom() - 1) // height) - int(box.top() // height) + 1
    return spans


def treatment_sheet(catalog: Catalog, plan: Plan) -> QTextDocument:
    """The treatment sheet for A4, no point's row cut by a page end."""
    return lay_out_a4(paginated_sheet(catalog, plan, table_pages, lay_out_a4))


def a4_page_count(doc: QTextDocument) -> int:
    """Pages ``doc`` takes when printed to the A4 PDF writer: printed into memory and counted."""
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", render_pdf(doc, "")))


class ExportError(Exception):
    """A PDF could not be written: ``path`` and the reason in plain words (never a temporary file)."""

    def __init__(self, path: Path, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(f"{path}: {reason}")


def _pdf_writer(path: Path | QIODevice, title: str) -> QPdfWriter:
    writer = QPdfWriter(path if isinstance(path, QIODevice) else str(path))
    writer.setTitle(title)
    writer.setCreator("Yaotong")
    writer.setResolution(300)
    layout_set = writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(2, 2, 2, 2),  # QTextDocument.print_ adds its own 2 cm
            QPageLayout.Unit.Millimeter,
        )
    )
    if not layout_set:
        raise RuntimeError("the PDF writer refused the A4 page layout")
    return writer


def pdf_problem(data: bytes) -> str | None:
    """What is wrong with ``data`` as a complete PDF, or None."""
    if not data:
        return "the PDF came out empty"
    if not data.startswith(b"%PDF-"):
        return "the PDF is damaged (no PDF header)"
    if not re.search(rb"/Type\s*/Page(?![a-zA-Z])", data):
        return "the PDF has no pages"
    if not data.rstrip().endswith(b"%%EOF"):
        return "the PDF is incomplete (it does not end with %%EOF)"
    return None


def render_pdf(doc: QTextDocument, title: str) -> bytes:
    """``doc`` printed to an A4 PDF in memory."""
    buffer = QBuffer()
    if not buffer.open(QBuffer.OpenModeFlag.WriteOnly):
        raise RuntimeError("no memory for the PDF")
    writer = _pdf_writer(buffer, title)
    doc.print_(writer)
    del writer  # the PDF is finished when the writer goes away
    data = bytes(buffer.data().data())
    buffer.close()
    return data


def write_pdf(doc: QTextDocument, path: str | Path, title: str) -> Path:
    """Write ``doc`` to ``path`` as a PDF; raises :class:`ExportError` and leaves ``path`` as it was."""
    path = Path(path)
    kept = "the previous PDF was kept" if path.is_file() else "nothing was written"
    try:
        data = render_pdf(doc, title)
    except RuntimeError as exc:
        raise ExportError(path, f"{exc}; {kept}") from None
    if problem := pdf_problem(data):
        raise ExportError(path, f"{problem}; {kept}")

    def verify(written: Path) -> None:
        with written.open("rb") as handle:
            back = handle.read()
        if back != data:  # a short or failed write the system did not report
            raise ExportError(path, f"the PDF on disk is not what was written; {kept}")

    remove_stale_temps(path.parent, path.name)
    try:
        write_atomically(path, data, verify)
    except OSError as exc:
        raise ExportError(path, f"{exc.strerror or exc}; {kept}") from None
    return path


def export_treatment_sheet(catalog: Catalog, plan: Plan, path: str | Path) -> Path:
    title = f"{SHEET_TITLE}: {plan.case_label}" if plan.case_label else SHEET_TITLE
    return write_pdf(treatment_sheet(catalog, plan), path, title)


def export_handout(catalog: Catalog, plan: Plan, path: str | Path, clinic: Clinic | None = None) -> Path:
    return write_pdf(aftercare_handout(catalog, plan, clinic), path, handout_title(plan))


def print_document(
    doc: QTextDocument, parent: QWidget | None = None, printer: QPrinter | None = None
) -> bool:
    """Show the system print dialog and print ``doc``; False when cancelled.

    Pass the same ``printer`` each time to keep the user's choices (printer, copies) between prints.
    """
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

    printer = printer or QPrinter(QPrinter.PrinterMode.HighResolution)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle("Print")
    if dialog.exec() != QPrintDialog.DialogCode.Accepted:
        return False
    doc.print_(printer)
    return True
