"""What the patient's handout says, chosen from the plan (Qt-free; ``app.ui.handout`` lays it out).

Only plain-language lines for a patient: the plan's own course (never the seed clinics' figures
beside it), the catalog's aftercare and side-effect lines that fit this plan (moxibustion blister
care only when moxa is used, first-visit advice only at a first treatment), the safety rules'
patient words, and when to get help in the red flags' patient words.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .models import Catalog, Guidance
from .plan import Course, Plan
from .vocabulary import GuidanceTopic, Urgency


@dataclass(frozen=True, slots=True)
class Clinic:
    """The practice's details for the handout (the Settings dialog); empty fields are left out."""

    name: str = ""
    phone: str = ""
    next_appointment: str = ""


def course_sentence(course: Course) -> str:
    """The plan's course in a patient's words."""

    def span(low: int, high: int) -> str:
        return f"{low}" if low == high else f"{low} to {high}"

    return (
        f"Your practitioner plans a course of about {span(course.sessions_min, course.sessions_max)} "
        f"sessions of {span(course.minutes_min, course.minutes_max)} minutes each. If your back is "
        f"no better after about {span(course.reassess_weeks_min, course.reassess_weeks_max)} weeks, "
        "you will look at the plan again together, and you may be asked to see your doctor."
    )


def fits(line: Guidance, plan: Plan) -> bool:
    """A patient line that applies to this plan (its technique is used, its factor recorded)."""
    if line.claim:
        return False
    used = {t.id for t in plan.techniques if t.included}
    if line.techniques and not used & set(line.techniques):
        return False
    return not line.factors or bool(set(plan.factors) & set(line.factors))


def patient_lines(catalog: Catalog, plan: Plan, topics: Iterable[GuidanceTopic]) -> list[Guidance]:
    wanted = set(topics)
    return [g for g in catalog.guidance.values() if g.topic in wanted and fits(g, plan)]


def when_to_get_help(catalog: Catalog) -> list[tuple[str, str]]:
    """The emergency red flags: each symptom and what to do, in the patient's words. Only the
    emergency tier: the others are screening questions for the practitioner, not warning signs."""
    flags = [f for f in catalog.red_flags.values() if f.urgency is Urgency.EMERGENCY]
    return list(dict.fromkeys((f.label, f.patient) for f in flags))
