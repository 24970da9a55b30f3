"""The treatment sheet: the plan as the practitioner files it, as a QTextDocument.

Every clinical line comes from the catalog with its sources (numbered notes at the end). The red
flags and the practitioner's confirmation, the safety check, every point with its depth, angle,
technique and findings, what was left out and why, and the course.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date

from PySide6.QtCore import QSize, QSizeF
from PySide6.QtGui import QTextBlock, QTextBlockFormat, QTextCursor, QTextDocument, QTextFormat, QTextTable

from app.domain import anatomy
from app.domain.figure_notes import caption_for
from app.domain.intake import SUGGESTION_NOTE, checklist, differentiate, suggestion_text
from app.domain.models import Catalog
from app.domain.plan import Plan, PlanPoint, describe_reason
from app.domain.safety_check import safety_check
from app.domain.vocabulary import Role
from app.ui.diagram.scene import DiagramStyle, figure_title
from app.ui.plain import esc
from app.ui.print_style import (
    LEFT_OUT_MARK,
    OVERRIDE_MARK,
    findings_html,
    lines_html,
    referral_html,
    safety_check_html,
    style,
)
from app.ui.rich_text import Footnotes
from app.ui.sheet_figures import SheetFigures, first_figure_table, placeholder, put_in_figures

SHEET_TITLE = "Treatment sheet"
FIGURES_HEADING = "Points on the body diagram"
# The figures are drawn at the size they print, three side by side on the printable width of A4
# (642 document pixels between the margins), so their labels print at the size they are drawn
# (7 pt and more), never scaled down.
DIAGRAM_SIZE = QSize(206, 296)
POINT_HEADER = (
    "<tr><th width='15%'>Point, side</th><th width='22%'>Location</th>"
    "<th width='15%'>Technique, angle, depth</th>"
    "<th width='21%'>Serves</th><th width='27%'>Safety</th></tr>"
)
TABLE = "<table width='100%' border='1' cellspacing='0' cellpadding='3'{style}>"
HEADER_TABLE = TABLE.format(style="") + POINT_HEADER + "</table>"


def _depth(catalog: Catalog, p: PlanPoint) -> str:
    parts = []
    if p.angle is not None:
        parts.append(p.angle.label)
    shallowest = catalog.points[p.code].needling.depth_min
    if shallowest is not None and p.depth_max is not None and shallowest < p.depth_max:
        parts.append(f"{shallowest:g}–{p.depth_max:g} cun")
    elif p.depth_max is not None:
        parts.append(f"up to {p.depth_max:g} cun")
    return ", ".join(parts) or "—"


def pain_sides(catalog: Catalog, plan: Plan) -> str:
    """Which side hurts, from the pain-map zones that have one ("" when none is one-sided)."""
    sides = {side for z in plan.zones for side in ("left", "right") if z.endswith(f"_{side}")}
    if len(sides) == 1:
        return f"pain on the {sides.pop()} (patient's side)"
    return "pain on both sides" if sides else ""


def side_words(p: PlanPoint, pain: str) -> str:
    """The side the plan needles (the practitioner's choice), with the side that hurts beside it."""
    if p.side is None:
        return "midline"
    return f"{p.side.label}; {pain}" if pain else p.side.label


def shared_findings(points: list[PlanPoint]) -> list[str]:
    """The rules that apply to every point of the plan (blood thinners, a first treatment): the
    sheet prints them once above the points, not in every row."""
    if len(points) < 2:
        return []
    common = set.intersection(*({f.id for f in p.findings} for p in points))
    return [f.id for f in points[0].findings if f.id in common]


def _point_row(catalog: Catalog, p: PlanPoint, notes: Footnotes, pain: str, shared: list[str]) -> str:
    point = catalog.points[p.code]
    why = "<br/>".join(esc(describe_reason(catalog, r)) + notes.mark(r.sources) for r in p.reasons)
    safety = findings_html([f for f in p.findings if f.id not in shared], notes)
    if p.overridden:
        safety = f"<span class='override'>{esc(OVERRIDE_MARK)}</span><br/>" + safety
    name = (
        f"<b>{esc(p.code)}</b> {esc(point.pinyin)}<br/>{esc(point.chinese)} {esc(point.english)}"
        f"<br/><i>Side: {esc(side_words(p, pain))}</i>"
    )
    location = esc(point.location) + notes.mark(point.location_sources)
    technique = esc(p.method.label)
    if p.changed_from is not None:
        technique += f"<br/><span class='note'>(not {esc(p.changed_from.label)})</span>"
    return (
        f"<tr><td width='15%'>{name}</td><td width='22%'>{location}</td>"
        f"<td width='15%'>{technique}<br/>{esc(_depth(catalog, p))}</td>"
        f"<td width='21%'>{why}</td><td width='27%'>{safety or '—'}</td></tr>"
    )


# Three figures fill the printable width of A4 (DIAGRAM_SIZE);
# a plan with points on more views gets a second row.
DIAGRAMS_PER_ROW = 3


def sheet_views(catalog: Catalog, plan: Plan) -> list[str]:
    """The views the sheet draws: the fewest that show every included point (whole figures first)."""
    codes = [p.code for p in plan.included_points()]
    return [str(v) for v in anatomy.covering_views(catalog.points[c] for c in codes)] or [anatomy.BACK]


def plan_style(plan: Plan) -> DiagramStyle:
    """The figure style of the sheet: the plan's included points highlighted."""
    return DiagramStyle(roles=dict.fromkeys((p.code for p in plan.included_points()), Role.PLAN))


def _findings_html(catalog: Catalog, plan: Plan) -> str:
    """The intake as ticked: signs by group (tongue and pulse among them), and the suggestion."""
    ticked = set(plan.signs)
    rows = []
    for group, signs in checklist(catalog):
        chosen = [s.text for s in signs if s.id in ticked]
        if chosen:
            rows.append(
                f"<tr><td width='22%'><b>{esc(group.name)}</b></td><td>{esc('; '.join(chosen))}</td></tr>"
            )
    found = (
        "<table width='100%' cellspacing='0' cellpadding='2'>" + "".join(rows) + "</table>" if rows else ""
    )
    suggestion = suggestion_text(catalog, differentiate(catalog, plan.signs))
    return (
        f"<h2>Intake findings</h2>{found or '<p>No sign recorded.</p>'}"
        f"<p><b>Suggested by the intake:</b> {esc(suggestion)}</p>"
    )


def treatment_sheet(
    catalog: Catalog,
    plan: Plan,
    with_diagram: bool = True,
    views: list[str] | None = None,
    page_setup: Callable[[QTextDocument], object] | None = None,
) -> QTextDocument:
    """The sheet, not yet paginated (see :func:`paginated_sheet`); ``views``: the figures to draw
    (by default :func:`sheet_views`); ``page_setup`` gives the empty document its page (the
    figures need the document's layout: made on the page it will have, it is made once)."""
    notes = Footnotes(catalog, links=False)
    doc = QTextDocument()
    if page_setup is not None:
        page_setup(doc)
    doc.setDefaultStyleSheet(style())
    parts = [f"<h1>{esc(SHEET_TITLE)}: {esc(plan.case_label or 'unlabelled case')}</h1>"]
    facts = [f"Date: {date.today():%d %B %Y}".replace(" 0", " ")]
    facts.append(f"Age: {plan.age}" if plan.age is not None else "Age: not given")
    parts.append(f"<p><b>{esc(' · '.join(facts))}</b></p>")
    parts.append(
        f"<p class='note'>{esc(catalog.disclaimer.text)}{notes.mark(catalog.disclaimer.sources)}</p>"
    )
    parts.append(referral_html(catalog, plan, notes))
    parts.append(_findings_html(catalog, plan))
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
    parts.append(safety_check_html(safety_check(catalog, plan), notes))
    drawn = (views if views is not None else sheet_views(catalog, plan)) if with_diagram else []
    if drawn:
        # the figures are text objects (app.ui.sheet_figures), put in for these placeholders
        cells = [
            f"<td align='center' width='33%'>{placeholder(view)}<br/>"
            f"<span class='note'>{esc(caption_for(view) or figure_title(view))}</span></td>"
            for view in drawn
        ]
        figure_rows = "".join(
            "<tr>" + "".join(cells[i : i + DIAGRAMS_PER_ROW]) + "</tr>"
            for i in range(0, len(cells), DIAGRAMS_PER_ROW)
        )
        parts.append(f"<h2>{FIGURES_HEADING}</h2><table>{figure_rows}</table>")
    included = list(plan.included_points())
    pain = pain_sides(catalog, plan)
    shared = shared_findings(included)
    parts.append(f"<h2>{points_heading(len(included))}</h2>")
    if shared:
        first = {f.id: f for f in included[0].findings}
        parts.append(
            "<p><b>For every point below:</b><br/>"
            + findings_html([first[i] for i in shared], notes)
            + "</p>"
        )
    # One table per point, so a row is never cut by a page: a row that would be gets a page of its own
    # start (paginated_sheet), with the header repeated.
    parts.append(HEADER_TABLE)
    for p in included:
        parts.append(TABLE.format(style="") + _point_row(catalog, p, notes, pain, shared) + "</table>")
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
            findings = findings_html(t.findings, notes)
            rows.append(
                f"<tr><td><b>{esc(t.name)}</b><br/>{serving}</td><td>{status}</td>"
                f"<td>{findings or '—'}</td></tr>"
            )
        parts.append(
            "<h2>Techniques</h2><table width='100%' border='1' cellspacing='0' cellpadding='3'>"
            "<tr><th width='30%'>Technique</th><th width='20%'>Status</th><th>Safety</th></tr>"
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
    parts.append(f"<h2>Notes</h2><p>{lines_html(plan.notes)}</p>")
    parts.append(
        "<table width='100%' cellpadding='6' style='page-break-inside: avoid'><tr>"
        "<td width='45%'>Practitioner: ______________________________</td>"
        "<td width='35%'>Signature: ______________________</td>"
        "<td>Date: ____________</td></tr></table>"
    )
    parts.append(notes.printed_list())
    doc.setHtml("<html><body>" + "".join(parts) + "</body></html>")
    if drawn:
        put_in_figures(doc, drawn, SheetFigures(catalog, plan_style(plan), QSizeF(DIAGRAM_SIZE)))
    return doc


def points_heading(count: int) -> str:
    return f"Points ({count})"


def point_tables(doc: QTextDocument) -> dict[str, QTextTable]:
    """Each point's one-row table in ``doc``, by code (the first word of its row)."""
    root = doc.rootFrame()
    assert root is not None
    tables: dict[str, QTextTable] = {}
    for frame in root.childFrames():
        if isinstance(frame, QTextTable):
            first = frame.cellAt(frame.rows() - 1, 0).firstCursorPosition().block().text().split(" ")[0]
            tables[first] = frame
    return tables


def start_page_at(doc: QTextDocument, table: QTextTable) -> None:
    """Put a new page, with the points' header, before a point's ``table``: in place, so the layout
    redoes only the rest of the document from there (a new document would be laid out whole)."""
    cursor = QTextCursor(doc)
    cursor.setPosition(table.firstPosition() - 1)
    header = HEADER_TABLE.replace("<table", "<table style='page-break-before: always'", 1)
    # in a body, so the style sheet's body rule (type, size, colour) applies as it does to the rest
    cursor.insertHtml(f"<html><body>{header}</body></html>")


def _heading_block(doc: QTextDocument, heading: str) -> QTextBlock | None:
    block = doc.begin()
    while block.isValid() and block.text() != heading:
        block = block.next()
    return block if block.isValid() else None


def start_section_on_new_page(doc: QTextDocument, heading: str) -> bool:
    """Put a page break before the ``heading`` block: the first point row would be cut, so the
    section's heading, its shared cautions and the header go to the next page with it (a header
    alone at a page's foot would say nothing). False when no block reads ``heading``."""
    block = _heading_block(doc, heading)
    if block is None:
        return False
    fmt = QTextBlockFormat()
    fmt.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
    QTextCursor(block).mergeBlockFormat(fmt)
    return True


def figures_apart_from_heading(doc: QTextDocument) -> bool:
    """Whether the figures start a page after their heading (laid out on ``doc``'s page): the
    heading would end a page with nothing under it."""
    height = doc.pageSize().height()
    heading = _heading_block(doc, FIGURES_HEADING)
    table = first_figure_table(doc)
    layout = doc.documentLayout()
    if height <= 0 or heading is None or table is None or layout is None:
        return False
    heading_page = int(layout.blockBoundingRect(heading).top() // height)
    return int(layout.frameBoundingRect(table).top() // height) > heading_page


def paginated_sheet(
    catalog: Catalog,
    plan: Plan,
    pages_of: Callable[[QTextDocument, Mapping[str, QTextTable]], dict[str, int]],
    page_setup: Callable[[QTextDocument], object] | None = None,
) -> QTextDocument:
    """The sheet with a new page before every point row that the page end would cut (before the
    first row, the section's heading, shared cautions and header go with it).

    ``pages_of(doc, tables)`` says how many pages each point's table spans (as ``code -> pages``,
    1 when whole), and ``page_setup(doc)`` gives it that page: the printing code knows the page
    geometry.
    """
    doc = treatment_sheet(catalog, plan, page_setup=page_setup)
    if page_setup is not None and figures_apart_from_heading(doc):
        start_section_on_new_page(doc, FIGURES_HEADING)
    codes = [p.code for p in plan.included_points()]
    found = point_tables(doc)  # the tables stay valid as headers are put in before them
    tables = {code: found[code] for code in codes if code in found}
    moved: set[str] = set()
    for _ in range(len(codes)):  # each pass moves at least one row to a new page, or stops
        cut = {code for code, spans in pages_of(doc, tables).items() if spans > 1} - moved
        if not cut:
            break
        first = min(cut, key=codes.index)
        if first != codes[0] or not start_section_on_new_page(doc, points_heading(len(codes))):
            start_page_at(doc, tables[first])
        moved.add(first)
    return doc
