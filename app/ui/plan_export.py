"""The treatment sheet and the patient aftercare handout, as QTextDocuments: PDF and printing.

Every clinical line comes from the catalog with its sources (numbered notes at
the end). Every string inserted into the HTML, catalog or user text, goes
through ``html.escape``: a case label ``<b>x</b>`` prints literally.
Red flags and contraindications included after confirmation are printed
prominently on the sheet; points left out are listed with the reason.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QIODevice, QMarginsF, QSize, QUrl
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter, QPdfWriter, QTextDocument
from PySide6.QtWidgets import QWidget

from app.domain import anatomy
from app.domain.intake import RED_FLAG_ADVICE, SUGGESTION_NOTE
from app.domain.models import Catalog, Caution
from app.domain.plan import Plan, PlanPoint, PlanTechnique, describe_reason
from app.domain.vocabulary import View
from app.ui.plain import esc
from app.ui.rich_text import Footnotes

if TYPE_CHECKING:  # QtPrintSupport loads only when printing: start-up stays lean
    from PySide6.QtPrintSupport import QPrinter

SHEET_TITLE = "Treatment sheet"
HANDOUT_TITLE = "After your acupuncture treatment"
OVERRIDE_MARK = "CONTRAINDICATED — included after confirmation"
LEFT_OUT_MARK = "Left out (contraindicated)"
DIAGRAM_SIZE = QSize(360, 520)
# Handout sections: (heading, guidance topics). The lines themselves are the catalog's.
HANDOUT_SECTIONS = (
    ("What to expect", ("course", "session", "reassess")),
    ("After the first treatment", ("aftercare",)),
    ("Common side effects", ("side_effects",)),
)


def _lines(text: str) -> str:
    return "<br/>".join(esc(line) for line in text.splitlines()) or "—"


_STYLE_TEMPLATE = """
body { font-family: 'DejaVu Sans', 'Segoe UI', 'Helvetica Neue', Arial, 'Noto Sans CJK SC', sans-serif;
       font-size: {body}pt; color: #1d2329; }
h1 { font-size: {h1}pt; margin: 0 0 4px 0; }
h2 { font-size: {h2}pt; margin: 10px 0 4px 0; color: #234; }
h3 { font-size: {h3}pt; margin: 8px 0 2px 0; }
.note { color: #555; font-size: {note}pt; }
.flag { background: #fde8e6; color: #8a1c12; border: 1px solid #c0392b; padding: 6px; }
.override { color: #a01010; font-weight: bold; }
.leftout { color: #666; }
.src { font-size: {src}pt; color: #444; margin: 0; }
th { background: #e8edf2; text-align: left; }
td, th { padding: 3px; vertical-align: top; }
"""
_FONT_SIZES = {"body": 8.5, "h1": 16, "h2": 12, "h3": 10, "note": 8, "src": 7}
# The handout shrinks its type in these steps until it fits one page (a long list of red flags or
# confirmed contraindications); below the last step it would no longer be readable.
HANDOUT_SCALES = (1.0, 0.94, 0.88, 0.82, 0.76, 0.7)


def _style(scale: float = 1.0) -> str:
    text = _STYLE_TEMPLATE
    for name, size in _FONT_SIZES.items():
        text = text.replace("{" + name + "}", f"{size * scale:.2f}")
    return text


_STYLE = _style()


def _red_flag_html(catalog: Catalog, plan: Plan, notes: Footnotes, reasons: bool = True) -> str:
    """The standing red flags; ``reasons=False`` (the patient's handout) gives the labels only."""
    if not plan.red_flags:
        return ""
    items = "".join(
        f"<li><b>{esc(f.label)}</b>{': ' + esc(f.reason) if reasons else ''}{notes.mark(f.sources)}</li>"
        for f in (catalog.red_flags[i] for i in plan.red_flags)
    )
    return (
        "<table width='100%' class='flag' cellpadding='6'><tr><td>"
        f"<b>RED FLAG — {esc(RED_FLAG_ADVICE)}</b><ul>{items}</ul></td></tr></table>"
    )


def _caution_html(cautions: Iterable[Caution], notes: Footnotes) -> str:
    return "<br/>".join(
        f"<b>{esc(c.severity.value.capitalize())}:</b> {esc(c.text)}{notes.mark(c.sources)}" for c in cautions
    )


def _point_row(catalog: Catalog, p: PlanPoint, notes: Footnotes) -> str:
    point = catalog.points[p.code]
    why = "<br/>".join(esc(describe_reason(catalog, r)) + notes.mark(r.sources) for r in p.reasons)
    safety = _caution_html((*p.contraindications, *p.cautions), notes)
    if p.overridden:
        safety = f"<span class='override'>{esc(OVERRIDE_MARK)}</span><br/>" + safety
    name = f"<b>{esc(p.code)}</b> {esc(point.pinyin)}<br/>{esc(point.chinese)} {esc(point.english)}"
    location = esc(point.location) + notes.mark(point.location_sources)
    return (
        f"<tr><td>{name}</td><td>{location}</td><td>{esc(p.method.label)}</td>"
        f"<td>{why}</td><td>{safety or '—'}</td></tr>"
    )


def render_diagrams(catalog: Catalog, plan: Plan, size: QSize = DIAGRAM_SIZE) -> list[tuple[str, QImage]]:
    """The body diagram with the plan's included points, one image per view that shows any of them."""
    from app.ui.body_diagram import BodyDiagram

    codes = [p.code for p in plan.included_points()]
    diagram = BodyDiagram(catalog)
    try:
        diagram.resize(size)
        diagram.highlight(dict.fromkeys(codes, "plan"))
        diagram.set_labels_visible(True)
        views = [v for v in anatomy.VIEWS if any(v in diagram.views_of(c) for c in codes)]
        images: list[tuple[str, QImage]] = []
        for view in views or [anatomy.BACK]:
            diagram.set_view(view)
            diagram.reset_zoom()
            image = QImage(size, QImage.Format.Format_ARGB32)
            image.fill(0xFFFFFFFF)
            painter = QPainter(image)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            diagram.render(painter)
            painter.end()
            images.append((view, image))
        return images
    finally:
        diagram.deleteLater()


def treatment_sheet(catalog: Catalog, plan: Plan, with_diagram: bool = True) -> QTextDocument:
    notes = Footnotes(catalog, links=False)
    doc = QTextDocument()
    doc.setDefaultStyleSheet(_STYLE)
    parts = [f"<h1>{esc(SHEET_TITLE)}: {esc(plan.case_label or 'unlabelled case')}</h1>"]
    parts.append(
        f"<p class='note'>{esc(catalog.disclaimer.text)}{notes.mark(catalog.disclaimer.sources)}</p>"
    )
    parts.append(_red_flag_html(catalog, plan, notes))
    if plan.patterns:
        names = ", ".join(
            esc(catalog.patterns[p].name) + notes.mark(catalog.patterns[p].sources) for p in plan.patterns
        )
        parts.append(f"<h2>Patterns chosen by the practitioner</h2><p>{names}</p>")
        parts.append(f"<p class='note'>{esc(SUGGESTION_NOTE)}</p>")
        for pid in plan.patterns:
            principle = catalog.patterns[pid].principle
            parts.append(
                f"<p><b>{esc(catalog.patterns[pid].name)}</b> — principle: {esc(principle.text)}"
                f"{notes.mark(principle.sources)}</p>"
            )
    if plan.zones:
        zones = "; ".join(
            f"{esc(catalog.zones[z].name)} → {esc(catalog.channels[catalog.zones[z].channel].name)}"
            f"{notes.mark(catalog.zones[z].reason.sources)}"
            for z in plan.zones
        )
        parts.append(f"<h2>Pain map</h2><p>{zones}</p>")
    if plan.factors or plan.age is not None:
        factors = [f"Age {plan.age}"] if plan.age is not None else []
        factors += [esc(catalog.factors[f].label) for f in plan.factors]
        parts.append(f"<p><b>Patient factors:</b> {', '.join(factors)}</p>")
    if with_diagram:
        cells = []
        rendered = render_diagrams(catalog, plan)
        # The printable width is about 600 px of document space on A4: the row must fit it.
        width = min(DIAGRAM_SIZE.width() * 0.6, 560 / max(1, len(rendered)))
        for view, image in rendered:
            name = f"yaotong-diagram-{view}.png"
            doc.addResource(QTextDocument.ResourceType.ImageResource, QUrl(name), image)
            cells.append(
                f"<td align='center'><img src='{name}' width='{width:.0f}'/>"
                f"<br/>{esc(View(view).caption)}</td>"
            )
        parts.append("<h2>Points on the body diagram</h2><table><tr>" + "".join(cells) + "</tr></table>")
    included = plan.included_points()
    parts.append(f"<h2>Points ({len(included)})</h2>")
    parts.append(
        "<table width='100%' border='1' cellspacing='0' cellpadding='3'>"
        "<tr><th width='15%'>Point</th><th width='25%'>Location</th><th width='13%'>Technique</th>"
        "<th width='24%'>Serves</th><th width='23%'>Cautions</th></tr>"
        + "".join(_point_row(catalog, p, notes) for p in included)
        + "</table>"
    )
    left_out = plan.left_out()
    if left_out:
        items = "".join(
            f"<li class='leftout'><b>{esc(p.code)}</b> — {esc(LEFT_OUT_MARK)}: "
            + "; ".join(esc(c.text) + notes.mark(c.sources) for c in p.contraindications)
            + "</li>"
            for p in left_out
        )
        parts.append(f"<h3>Left out for this patient</h3><ul>{items}</ul>")
    if plan.removed:
        parts.append(f"<p class='note'>Removed by the practitioner: {esc(', '.join(plan.removed))}</p>")
    if plan.techniques:
        rows = []
        for t in plan.techniques:
            status = (
                f"<span class='override'>{esc(OVERRIDE_MARK)}</span>"
                if t.overridden
                else ("Included" if t.included else f"<b>{esc(LEFT_OUT_MARK)}</b>")
            )
            serving = ", ".join(esc(catalog.patterns[p].name) for p in t.patterns) or "point method"
            cautions = _caution_html((*t.contraindications, *t.cautions), notes)
            rows.append(
                f"<tr><td><b>{esc(t.name)}</b><br/>{serving}</td><td>{status}</td>"
                f"<td>{cautions or '—'}</td></tr>"
            )
        parts.append(
            "<h2>Techniques</h2><table width='100%' border='1' cellspacing='0' cellpadding='3'>"
            "<tr><th width='30%'>Technique</th><th width='20%'>Status</th><th>Cautions</th></tr>"
            + "".join(rows)
            + "</table>"
        )
    course = plan.course
    if course is not None:
        parts.append(
            "<h2>Course</h2>"
            f"<p>{course.sessions_min}–{course.sessions_max} sessions, "
            f"{course.minutes_min}–{course.minutes_max} "
            f"minutes each; reassess if no improvement within {course.reassess_weeks_min}–"
            f"{course.reassess_weeks_max} weeks.{notes.mark(course.sources)}</p>"
        )
    parts.append(f"<h2>Notes</h2><p>{_lines(plan.notes)}</p>")
    parts.append(notes.printed_list())
    doc.setHtml("<html><body>" + "".join(parts) + "</body></html>")
    return doc


def aftercare_handout(catalog: Catalog, plan: Plan) -> QTextDocument:
    """One page for the patient: guidance lines by topic (never the sources' evidence claims).

    The type shrinks in :data:`HANDOUT_SCALES` steps until the page count on A4 is one.
    """
    for scale in HANDOUT_SCALES:
        doc = _handout_document(catalog, plan, scale)
        if _a4_page_count(doc) <= 1:
            break
    return doc


def _a4_page_count(doc: QTextDocument) -> int:
    """Pages ``doc`` takes when printed to the A4 PDF writer: printed into memory and counted."""
    import re

    from PySide6.QtCore import QBuffer

    buffer = QBuffer()
    buffer.open(QBuffer.OpenModeFlag.WriteOnly)
    writer = _pdf_writer(buffer, "")
    doc.print_(writer)
    del writer  # the PDF is finished when the writer goes away
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", buffer.data().data()))


def _handout_document(catalog: Catalog, plan: Plan, scale: float) -> QTextDocument:
    notes = Footnotes(catalog, links=False)
    doc = QTextDocument()
    doc.setDefaultStyleSheet(_style(scale))
    parts = [f"<h1>{esc(HANDOUT_TITLE)}</h1>"]
    if plan.case_label:
        parts.append(f"<p class='note'>Case: {esc(plan.case_label)}</p>")
    # The red flags standing when the plan was made, and any contraindication included after
    # confirmation, are carried into every export, this one included.
    parts.append(_red_flag_html(catalog, plan, notes, reasons=False))
    # Items included despite a contraindication, grouped by the caution's text so the page stays one
    # page (the lumbosacral points share one text).
    by_caution: dict[str, tuple[Caution, list[str]]] = {}
    overridden: list[tuple[PlanPoint | PlanTechnique, str]] = [
        *((p, p.code) for p in plan.points if p.overridden),
        *((t, t.name) for t in plan.techniques if t.overridden),
    ]
    for item, name in overridden:
        for c in item.contraindications:
            by_caution.setdefault(c.text, (c, []))[1].append(name)
    if by_caution:
        items = "".join(
            f"<li><b>{esc(', '.join(names))}</b>: {esc(c.text)}{notes.mark(c.sources)}</li>"
            for c, names in by_caution.values()
        )
        parts.append(
            f"<h3>Safety note from your practitioner</h3><p><b>{esc(OVERRIDE_MARK)}</b>:</p><ul>{items}</ul>"
        )
    for heading, topics in HANDOUT_SECTIONS:
        lines = [g for g in catalog.guidance.values() if g.topic in topics and not g.claim]
        if lines:
            items = "".join(f"<li>{esc(g.text)}{notes.mark(g.sources)}</li>" for g in lines)
            parts.append(f"<h2>{esc(heading)}</h2><ul>{items}</ul>")
    flags = "".join(f"<li>{esc(f.label)}{notes.mark(f.sources)}</li>" for f in catalog.red_flags.values())
    parts.append(
        "<h2>When to call</h2><p>Call your practitioner about any discomfort or side effect "
        "that worries you. "
        f"Seek medical assessment promptly if you notice:</p><ul>{flags}</ul>"
    )
    parts.append(notes.printed_list())
    doc.setHtml("<html><body>" + "".join(parts) + "</body></html>")
    return doc


def _pdf_writer(path: Path | QIODevice, title: str) -> QPdfWriter:
    writer = QPdfWriter(path if isinstance(path, QIODevice) else str(path))
    writer.setTitle(title)
    writer.setCreator("Yaotong")
    writer.setResolution(300)
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(2, 2, 2, 2),  # QTextDocument.print_ adds its own 2 cm
            QPageLayout.Unit.Millimeter,
        )
    )
    return writer


def write_pdf(doc: QTextDocument, path: str | Path, title: str) -> Path:
    """Write ``doc`` to ``path`` (written next to it first, then moved into place)."""
    import os

    path = Path(path)
    tmp = path.with_name(f".{path.name}.tmp")
    writer = _pdf_writer(tmp, title)
    doc.print_(writer)
    del writer  # the PDF is finished when the writer goes away
    os.replace(tmp, path)
    return path


def export_treatment_sheet(catalog: Catalog, plan: Plan, path: str | Path) -> Path:
    title = f"{SHEET_TITLE}: {plan.case_label}" if plan.case_label else SHEET_TITLE
    return write_pdf(treatment_sheet(catalog, plan), path, title)


def export_handout(catalog: Catalog, plan: Plan, path: str | Path) -> Path:
    return write_pdf(aftercare_handout(catalog, plan), path, HANDOUT_TITLE)


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
