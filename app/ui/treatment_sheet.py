"""The treatment sheet: the plan as the practitioner files it, as a QTextDocument.

Every clinical line comes from the catalog with its sources (numbered notes at the end). The red
flags and the practitioner's confirmation, the safety check, every point with its depth, angle,
technique and findings, what was left out and why, and the course.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, QUrl
from PySide6.QtGui import QImage, QPainter, QTextDocument

from app.domain import anatomy
from app.domain.intake import SUGGESTION_NOTE
from app.domain.models import Catalog
from app.domain.plan import Plan, PlanPoint, describe_reason
from app.domain.safety_check import safety_check
from app.domain.vocabulary import Role, View
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

SHEET_TITLE = "Treatment sheet"
DIAGRAM_SIZE = QSize(360, 520)


def _depth(p: PlanPoint) -> str:
    parts = []
    if p.angle is not None:
        parts.append(p.angle.label)
    if p.depth_max is not None:
        parts.append(f"up to {p.depth_max:g} cun")
    return ", ".join(parts) or "—"


def _point_row(catalog: Catalog, p: PlanPoint, notes: Footnotes) -> str:
    point = catalog.points[p.code]
    why = "<br/>".join(esc(describe_reason(catalog, r)) + notes.mark(r.sources) for r in p.reasons)
    safety = findings_html(p.findings, notes)
    if p.overridden:
        safety = f"<span class='override'>{esc(OVERRIDE_MARK)}</span><br/>" + safety
    name = f"<b>{esc(p.code)}</b> {esc(point.pinyin)}<br/>{esc(point.chinese)} {esc(point.english)}"
    location = esc(point.location) + notes.mark(point.location_sources)
    technique = esc(p.method.label)
    if p.changed_from is not None:
        technique += f"<br/><span class='note'>(not {esc(p.changed_from.label)})</span>"
    return (
        f"<tr><td>{name}</td><td>{location}</td><td>{technique}<br/>{esc(_depth(p))}</td>"
        f"<td>{why}</td><td>{safety or '—'}</td></tr>"
    )


def render_diagrams(catalog: Catalog, plan: Plan, size: QSize = DIAGRAM_SIZE) -> list[tuple[str, QImage]]:
    """The body diagram with the plan's included points, one image per view that shows any of them."""
    from app.ui.body_diagram import BodyDiagram

    codes = [p.code for p in plan.included_points()]
    diagram = BodyDiagram(catalog)
    try:
        diagram.resize(size)
        diagram.highlight(dict.fromkeys(codes, Role.PLAN))
        diagram.set_labels_visible(True)
        views = [v for v in anatomy.VIEWS if any(v in diagram.views_of(c) for c in codes)]
        images: list[tuple[str, QImage]] = []
        for view in views or [anatomy.BACK]:
            diagram.set_view(view)
            diagram.reset_zoom()
            image = QImage(size, QImage.Format.Format_ARGB32)
            image.fill(0xFFFFFFFF)
            painter = QPainter()
            if not painter.begin(image):  # no diagram rather than a blank one
                continue
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
    doc.setDefaultStyleSheet(style())
    parts = [f"<h1>{esc(SHEET_TITLE)}: {esc(plan.case_label or 'unlabelled case')}</h1>"]
    parts.append(
        f"<p class='note'>{esc(catalog.disclaimer.text)}{notes.mark(catalog.disclaimer.sources)}</p>"
    )
    parts.append(referral_html(catalog, plan, notes))
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
        "<tr><th width='14%'>Point</th><th width='24%'>Location</th>"
        "<th width='13%'>Technique, angle, depth</th>"
        "<th width='22%'>Serves</th><th width='27%'>Safety</th></tr>"
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
    parts.append(notes.printed_list())
    doc.setHtml("<html><body>" + "".join(parts) + "</body></html>")
    return doc
