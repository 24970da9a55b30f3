"""The progress report of a case, for the patient's doctor or insurer: a QTextDocument printed to PDF.

The course (plan, visits, weeks), the outcome chart, the change from baseline against
each measure's minimal clinically important change, the reassessment verdict and its
reason, the points used, reactions and adverse events, red flags raised and how they
were handled, the measures' definitions and licences, and every source as a numbered
note. Every string inserted into the HTML, catalog or user text, goes through
:func:`app.ui.plain.esc`: a label ``<b>x</b>`` prints literally. The PDF is written to a
temporary file that replaces the target only when complete (:func:`write_pdf`).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QTextDocument

from app.domain.course import (
    Case,
    CourseReview,
    MeasureChange,
    Verdict,
    changes,
    history,
    in_order,
    measures,
    reassess_guidance,
    review_course,
    threshold_words,
    visit_contraindications,
)
from app.domain.intake import RED_FLAG_ADVICE
from app.domain.models import Catalog
from app.domain.plan import Course, Plan
from app.domain.vocabulary import METHOD_KEY, Better
from app.ui.outcome_chart import chart_data, chart_image
from app.ui.plain import esc
from app.ui.plan_export import write_pdf
from app.ui.print_style import style as _plan_style
from app.ui.rich_text import Footnotes

REPORT_TITLE = "Progress report"
NO_NAME_NOTE = "The case is known by its label only: Yaotong does not ask for or store the patient's name."
# The plan sheet's style, and the verdict boxes.
_STYLE = (
    _plan_style()
    + """
.due { background: #fdf1da; color: #6b3d00; border: 1px solid #c27c00; }
.ok { background: #e6f2ea; color: #1e4d2b; border: 1px solid #3b7a4f; }
.plain { background: #eef1f4; color: #1d2329; border: 1px solid #9aa5b1; }
"""
)


def _num(value: float | None) -> str:
    return "—" if value is None else f"{round(value, 1):g}"


def _lines(text: str) -> str:
    return "<br/>".join(esc(line) for line in text.splitlines()) or "—"


def _change_row(change: MeasureChange | None, name: str, notes: Footnotes) -> str:
    if change is None:
        return f"<tr><td>{esc(name)}</td><td colspan='5'>Not enough scores to compare.</td></tr>"
    m = change.measure
    percent = f" ({_num(change.percent)}%)" if change.percent is not None else ""
    sign = "+" if change.change > 0 else ""
    threshold = (
        f"{esc(threshold_words(m))}{notes.mark(m.mcid.sources)}" if m.mcid is not None else "no threshold"
    )
    reached = (
        "<b>yes</b>" if change.important else ("no — worse by an important amount" if change.worse else "no")
    )
    return (
        f"<tr><td>{esc(m.name)} ({esc(m.short)})</td>"
        f"<td>{_num(change.baseline)} ({change.baseline_day.isoformat()})</td>"
        f"<td>{_num(change.latest)} ({change.latest_day.isoformat()})</td>"
        f"<td>{sign}{_num(change.change)} better{percent}</td><td>{threshold}</td><td>{reached}</td></tr>"
    )


def _verdict_html(review: CourseReview, course: Course, catalog: Catalog, notes: Footnotes) -> str:
    css = {Verdict.REASSESS: "due", Verdict.IMPROVED: "ok"}.get(review.verdict, "plain")
    due = review.verdict is Verdict.REASSESS
    heading = review.verdict.heading.upper() if due else review.verdict.heading
    guidance = reassess_guidance(catalog)
    quoted = "".join(f"<br/><i>{esc(g.text)}</i>{notes.mark(g.sources)}" for g in guidance)
    return (
        f"<table width='100%' class='{css}' cellpadding='6'><tr><td>"
        f"<b>{esc(heading)}</b><br/>{esc(review.reason)}"
        f"{notes.mark(course.sources) if due else ''}{quoted if due else ''}</td></tr></table>"
    )


def progress_report(
    catalog: Catalog, case: Case, plan: Plan | None, course: Course, today: date | None = None
) -> QTextDocument:
    notes = Footnotes(catalog, links=False)
    visits = in_order(case.visits)
    review = review_course(catalog, visits, course)
    m = measures(catalog)
    doc = QTextDocument()
    doc.setDefaultStyleSheet(_STYLE)
    made = (today or date.today()).isoformat()
    parts = [f"<h1>{esc(REPORT_TITLE)}: {esc(case.label)}</h1>"]
    parts.append(f"<p class='note'>Prepared with Yaotong on {made}. {esc(NO_NAME_NOTE)}</p>")
    parts.append(
        f"<p class='note'>{esc(catalog.disclaimer.text)}{notes.mark(catalog.disclaimer.sources)}</p>"
    )
    parts.append(_verdict_html(review, course, catalog, notes))

    # The course.
    parts.append("<h2>The course</h2>")
    if visits:
        weeks = (visits[-1].day - visits[0].day).days / 7
        parts.append(
            f"<p>{len(visits)} visit{'s' if len(visits) != 1 else ''} from {visits[0].day.isoformat()} to "
            f"{visits[-1].day.isoformat()} ({_num(weeks)} weeks).</p>"
        )
    else:
        parts.append("<p>No visits recorded yet.</p>")
    if plan is not None and plan.patterns:
        names = ", ".join(
            esc(catalog.patterns[p].name) + notes.mark(catalog.patterns[p].sources) for p in plan.patterns
        )
        parts.append(f"<p><b>Plan:</b> {names} (patterns chosen by the practitioner).</p>")
    elif plan is None:
        parts.append("<p><b>Plan:</b> none recorded with this case.</p>")
    point = review.point
    parts.append(
        f"<p><b>Course guidance:</b> {course.sessions_min}–{course.sessions_max} sessions; reassess if "
        f"there is no improvement within {course.reassess_weeks_min}–{course.reassess_weeks_max} weeks"
        f"{notes.mark(course.sources)}. Reassessment point for this case: {esc(point.words())}"
        f"{', reached' if point.reached else ', not reached yet'}.</p>"
    )

    # The chart and the change from baseline.
    if visits:
        data = chart_data(catalog, visits, course)
        doc.addResource(
            QTextDocument.ResourceType.ImageResource, QUrl("yaotong-outcome-chart.png"), chart_image(data)
        )
        parts.append("<h2>Outcomes</h2><p><img src='yaotong-outcome-chart.png' width='600'/></p>")
        lines = []
        for series in (data.pain, data.function):
            measure = series.measure if series is not None else None
            if series is None or series.target is None or measure is None or measure.mcid is None:
                continue
            sign = "≤" if measure.better is Better.LOWER else "≥"
            lines.append(
                f"{esc(measure.short)} {sign} {_num(series.target)} ({esc(threshold_words(measure))})"
                f"{notes.mark(measure.mcid.sources)}"
            )
        parts.append(
            "<p class='note'>Dashed lines: the score at which the change from the first visit becomes "
            f"important: {'; '.join(lines) or 'no threshold'}. Shaded band: the reassessment point, "
            f"{course.reassess_weeks_min}–{course.reassess_weeks_max} weeks after the first visit"
            f"{notes.mark(course.sources)}.</p>"
        )
    parts.append(
        "<h3>Change from baseline</h3><table width='100%' border='1' cellspacing='0' cellpadding='3'>"
        "<tr><th>Measure</th><th>First visit</th><th>Latest</th><th>Change</th>"
        "<th>Important change</th><th>Reached</th></tr>"
        + _change_row(review.pain, m.pain.name, notes)
        + (_change_row(review.function, m.function.name, notes) if m.function is not None else "")
        + "</table>"
    )

    # Visits.
    if visits:
        rows = []
        for n, (visit, change) in enumerate(zip(visits, changes(visits, plan), strict=True), start=1):
            used = ", ".join(f"{esc(p.code)} {p.method.short}" for p in visit.points) or "—"
            marks = [f"+{esc(c)}" for c in change.added] + [f"−{esc(c)}" for c in change.removed]
            marks += [f"~{esc(c)}" for c in change.method_changed]
            rows.append(
                f"<tr><td>{n}</td><td>{visit.day.isoformat()}</td>"
                f"<td>{visit.pain_now} / {_num(visit.pain_worst)} / {_num(visit.pain_average)}</td>"
                f"<td>{_num(visit.function)}</td><td>{_num(visit.groc)}</td><td>{used}</td>"
                f"<td>{' '.join(marks) or '—'}</td></tr>"
            )
        fn = esc(m.function.short) if m.function else "Function"
        gc = esc(m.global_change.short) if m.global_change else "GRoC"
        parts.append(
            "<h2 style='page-break-before: always'>Visits</h2>"
            "<table width='100%' border='1' cellspacing='0' cellpadding='3'>"
            f"<thead><tr><th>#</th><th>Date</th><th>{esc(m.pain.short)} now / worst / average</th>"
            f"<th>{fn}</th>"
            f"<th>{gc}</th><th>Points (method)</th><th>Changed</th></tr></thead>" + "".join(rows) + "</table>"
        )
        parts.append(
            f"<p class='note'>Methods: {METHOD_KEY}. "
            "Changed: + added, − dropped, ~ method changed, against the visit before (the first visit "
            "against the plan).</p>"
        )

        # Points used.
        items = []
        for code, methods in history(visits):
            point_info = catalog.points.get(code)
            name = (
                f"{esc(point_info.pinyin)} {esc(point_info.chinese)}"
                if point_info
                else "(not in the catalog)"
            )
            count = sum(1 for mm in methods if mm is not None)
            kinds = ", ".join(dict.fromkeys(mm.label for mm in methods if mm is not None))
            items.append(
                f"<li><b>{esc(code)}</b> {name}: {count} of {len(visits)} visits ({esc(kinds)})</li>"
            )
        parts.append(
            f"<h2>Points used</h2><ul>{''.join(items)}</ul>"
            if items
            else "<h2>Points used</h2><p>None recorded.</p>"
        )

        # Reactions and adverse events.
        events = []
        for visit in visits:
            lines = [
                esc(catalog.guidance[g].text) + notes.mark(catalog.guidance[g].sources)
                if g in catalog.guidance
                else esc(g)
                for g in visit.reactions
            ]
            if visit.reaction_notes.strip():
                lines.append("Notes: " + _lines(visit.reaction_notes))
            if lines:
                events.append(f"<li><b>{visit.day.isoformat()}</b>: {'; '.join(lines)}</li>")
        parts.append(
            "<h2>Reactions and adverse events</h2>"
            + (f"<ul>{''.join(events)}</ul>" if events else "<p>None recorded.</p>")
        )

        # Red flags and the safety check.
        flagged = []
        for visit in visits:
            if visit.red_flags:
                labels = "; ".join(
                    f"{esc(catalog.red_flags[f].label)}{notes.mark(catalog.red_flags[f].sources)}"
                    if f in catalog.red_flags
                    else esc(f)
                    for f in visit.red_flags
                )
                handled = _lines(visit.flag_action)
                flagged.append(f"<li><b>{visit.day.isoformat()}</b>: {labels}<br/>Handled: {handled}</li>")
        asked = sum(1 for v in visits if v.safety_checked)
        parts.append("<h2>Red flags and safety</h2>")
        if plan is not None and plan.red_flags:
            standing = "; ".join(
                esc(catalog.red_flags[f].label) for f in plan.red_flags if f in catalog.red_flags
            )
            parts.append(f"<p class='flag'><b>Standing when the plan was made:</b> {standing}</p>")
        if flagged:
            parts.append(
                f"<table width='100%' class='flag' cellpadding='6'><tr><td><b>Raised at a visit — "
                f"{esc(RED_FLAG_ADVICE)}</b><ul>{''.join(flagged)}</ul></td></tr></table>"
            )
        else:
            parts.append("<p>No red flag was raised at any visit.</p>")
        parts.append(
            f"<p>Red flags and patient factors asked again at {asked} of {len(visits)} "
            f"visit{'s' if len(visits) != 1 else ''}.</p>"
        )
        contra = []
        for visit in visits:
            for subject, caution in visit_contraindications(catalog, visit):
                what = f"{esc(subject)}: {esc(caution.text)}{notes.mark(caution.sources)}"
                contra.append(f"<li><b>{visit.day.isoformat()}</b> {what}</li>")
        if contra:
            parts.append(
                "<p><b>Used although contraindicated for the patient factors recorded at that visit:</b></p>"
                f"<ul>{''.join(contra)}</ul>"
            )

        # Notes.
        noted = [f"<li><b>{v.day.isoformat()}</b>: {_lines(v.notes)}</li>" for v in visits if v.notes.strip()]
        if noted:
            parts.append(f"<h2>Visit notes</h2><ul>{''.join(noted)}</ul>")

    # The measures.
    rows = []
    for measure in (m.pain, m.function, m.global_change):
        if measure is None:
            continue
        licence = (
            f"<br/>Licence: {esc(measure.licence.text)}{notes.mark(measure.licence.sources)}"
            if measure.licence
            else ""
        )
        rows.append(
            f"<li><b>{esc(measure.name)} ({esc(measure.short)})</b>: {esc(measure.definition.text)}"
            f"{notes.mark(measure.definition.sources)}{licence}</li>"
        )
    parts.append(f"<h2>The measures</h2><ul>{''.join(rows)}</ul>")
    parts.append(notes.printed_list())
    doc.setHtml("<html><body>" + "".join(parts) + "</body></html>")
    return doc


def export_progress_report(
    catalog: Catalog,
    case: Case,
    plan: Plan | None,
    course: Course,
    path: str | Path,
    today: date | None = None,
) -> Path:
    """Write the progress report to ``path`` (a temporary file first, moved into place when complete)."""
    return write_pdf(
        progress_report(catalog, case, plan, course, today), path, f"{REPORT_TITLE}: {case.label}"
    )
