"""The patient's page: aftercare shaped by the plan, or, while a red flag stands, a referral notice.

One A4 page: the type shrinks in :data:`HANDOUT_SCALES` steps until it fits. The words are the
catalog's plain-language lines (guidance, the rules' ``patient`` words, the red flags' advice);
never the sources' evidence claims, never the practitioner's screening language.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtGui import QTextDocument

from app.domain.handout_content import Clinic, course_sentence, patient_lines, when_to_get_help
from app.domain.models import Catalog
from app.domain.plan import Plan
from app.domain.safety_check import patient_advice
from app.domain.vocabulary import GuidanceTopic, Urgency
from app.ui.plain import esc
from app.ui.print_style import style
from app.ui.rich_text import Footnotes

HANDOUT_TITLE = "After your acupuncture treatment"
REFERRAL_TITLES = {
    Urgency.EMERGENCY: "Please seek medical care today",
    Urgency.URGENT: "Please see a doctor in the next few days",
    Urgency.ROUTINE: "Please see your doctor about your back pain",
}
# Handout sections after the course: (heading, guidance topics). The lines are the catalog's
# patient lines that fit the plan (app.domain.handout_content).
HANDOUT_SECTIONS = (
    ("After this treatment", (GuidanceTopic.AFTERCARE,)),
    ("Common side effects", (GuidanceTopic.SIDE_EFFECTS,)),
)
# A long list of rules' advice shrinks the type in these steps; below the last one it would no
# longer be readable.
HANDOUT_SCALES = (1.0, 0.94, 0.88, 0.82, 0.76, 0.7)
HANDOUT_FLOOR_PT = 6.0


def handout_title(plan: Plan) -> str:
    if plan.red_flags and plan.referral is not None:
        return REFERRAL_TITLES[plan.referral.urgency]
    return HANDOUT_TITLE


def patient_handout(
    catalog: Catalog,
    plan: Plan,
    page_count: Callable[[QTextDocument], int],
    clinic: Clinic | None = None,
) -> QTextDocument:
    """The aftercare handout, or the referral notice while a red flag stands; one page."""
    build = _referral_notice if plan.red_flags else _aftercare
    clinic = clinic or Clinic()
    doc = build(catalog, plan, HANDOUT_SCALES[0], clinic)
    for scale in HANDOUT_SCALES[1:]:
        if page_count(doc) <= 1:
            break
        doc = build(catalog, plan, scale, clinic)
    return doc


def _start(plan: Plan, scale: float, title: str, clinic: Clinic) -> tuple[QTextDocument, list[str]]:
    doc = QTextDocument()
    # A crowded page (every factor at once) may shrink below the sheet's 7 pt, never below 6 pt.
    doc.setDefaultStyleSheet(style(scale, floor=HANDOUT_FLOOR_PT))
    parts = []
    practice = " · ".join(x for x in (clinic.name, f"Phone {clinic.phone}" if clinic.phone else "") if x)
    if practice:
        parts.append(f"<p class='note'><b>{esc(practice)}</b></p>")
    parts.append(f"<h1>{esc(title)}</h1>")
    details = [f"Case: {plan.case_label}"] if plan.case_label else []
    details.append(f"Given on {date.today():%d %B %Y}".replace(" 0", " "))
    if clinic.next_appointment:
        details.append(f"Your next appointment: {clinic.next_appointment}")
    parts.append(f"<p class='note'>{esc(' · '.join(details))}</p>")
    return doc, parts


def _referral_notice(catalog: Catalog, plan: Plan, scale: float, clinic: Clinic) -> QTextDocument:
    notes = Footnotes(catalog, links=False)
    doc, parts = _start(plan, scale, handout_title(plan), clinic)
    ref = plan.referral
    advice = ref.patient_text(catalog) if ref else []
    parts.append(
        "<table width='100%' class='flag' cellpadding='8'><tr><td>"
        + "".join(f"<p><b>{esc(line)}</b></p>" for line in advice)
        + "</td></tr></table>"
    )
    parts.append(
        "<p>Your practitioner found a sign that needs a doctor's assessment before acupuncture for your "
        "back. This is a precaution: it does not mean that something serious has been found.</p>"
    )
    flags = "".join(
        f"<li>{esc(catalog.red_flags[f].label)}{notes.mark(catalog.red_flags[f].sources)}</li>"
        for f in plan.red_flags
    )
    parts.append(f"<h2>What your practitioner noted</h2><ul>{flags}</ul>")
    parts.append("<p>Take this page with you when you see the doctor.</p>")
    parts.append(notes.printed_list())
    doc.setHtml("<html><body>" + "".join(parts) + "</body></html>")
    return doc


def _aftercare(catalog: Catalog, plan: Plan, scale: float, clinic: Clinic) -> QTextDocument:
    notes = Footnotes(catalog, links=False)
    doc, parts = _start(plan, scale, HANDOUT_TITLE, clinic)
    course = plan.course
    if course is not None:
        parts.append(f"<h2>Your course</h2><p>{esc(course_sentence(course))}{notes.mark(course.sources)}</p>")
    advice = patient_advice(plan)
    if advice:
        items = "".join(f"<li>{esc(line)}</li>" for line in advice)
        parts.append(f"<h2>Because of your health today</h2><ul>{items}</ul>")
    for heading, topics in HANDOUT_SECTIONS:
        lines = patient_lines(catalog, plan, topics)
        if lines:
            items = "".join(f"<li>{esc(g.text)}{notes.mark(g.sources)}</li>" for g in lines)
            parts.append(f"<h2>{esc(heading)}</h2><ul>{items}</ul>")
    parts.append(
        "<h2>When to get help</h2><p>Tell your practitioner about any discomfort or side effect that "
        "worries you. Get medical help at once if you have:</p><ul>"
        + "".join(f"<li><b>{esc(sign)}</b>: {esc(what)}</li>" for sign, what in when_to_get_help(catalog))
        + "</ul>"
    )
    parts.append(notes.printed_list())
    doc.setHtml("<html><body>" + "".join(parts) + "</body></html>")
    return doc
