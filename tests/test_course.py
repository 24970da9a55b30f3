"""The course review over dated visits (app.domain.course), against the shipped catalog's thresholds.

Pure Python: no Qt. Visits are built by hand, one a fortnight unless a test says otherwise.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest

from app.domain.course import (
    Activity,
    PointUsed,
    Prescription,
    Verdict,
    Visit,
    changes,
    compare,
    function_score,
    history,
    important_target,
    label_problem,
    measures,
    plan_course,
    review_course,
    short_citation,
    visit_contraindications,
    visit_problems,
)
from app.domain.models import Catalog
from app.domain.plan import Course, build_plan, default_course
from app.domain.vocabulary import Better, MeasureRole, NeedleMethod

FIRST = date(2026, 3, 2)


def visits(*pains: int, every_weeks: float = 2, functions: tuple[float | None, ...] = ()) -> list[Visit]:
    out = []
    for i, pain in enumerate(pains):
        fn = functions[i] if i < len(functions) else None
        out.append(Visit(FIRST + timedelta(weeks=every_weeks * i), pain, function=fn, id=i + 1))
    return out


@pytest.fixture
def course(catalog: Catalog) -> Course:
    """A course of 6 to 12 sessions, reassessed at 6 to 8 weeks (the seed clinic's figures; the
    catalog's default is Guangming's 10 sessions and NHS Gloucestershire's month): the review's
    rules tested on a window wide enough to see its edges."""
    return replace(
        default_course(catalog), sessions_min=6, sessions_max=12, reassess_weeks_min=6, reassess_weeks_max=8
    )


# --- the thresholds are catalog data, with their sources -----------------------------------------


def test_thresholds_come_from_the_catalog_with_their_sources(catalog: Catalog) -> None:
    m = measures(catalog)
    assert m.pain.kind is MeasureRole.PAIN and m.pain.better is Better.LOWER
    assert (m.pain.scale_min, m.pain.scale_max) == (0, 10)
    assert m.pain.mcid is not None and (m.pain.mcid.points, m.pain.mcid.percent) == (2, 30)
    assert m.pain.mcid.sources == ("ostelo2008",)
    assert m.function is not None and m.function.id == "psfs" and m.function.better is Better.HIGHER
    assert m.function.mcid is not None and (m.function.mcid.points, m.function.mcid.percent) == (1.4, None)
    assert m.function.mcid.sources == ("maughan2010",)
    assert m.function.licence is not None and set(m.function.licence.sources) == {
        "rehabmeasures_psfs",
        "psfs_form",
    }
    assert m.global_change is not None and (m.global_change.scale_min, m.global_change.scale_max) == (-5, 5)
    for sid in ("ostelo2008", "maughan2010", "kamper2010", "rehabmeasures_psfs", "psfs_form", "bobos2020"):
        source = catalog.sources[sid]
        assert source.note, f"{sid}: how it was read"
    assert "Spine 2008" in catalog.sources["ostelo2008"].citation
    # No licensed index is offered: the function measure is not the Oswestry index.
    assert all("Oswestry" not in x.name for x in catalog.outcomes.measures.values())
    # Reactions are the catalog's side-effect lines.
    assert catalog.outcomes.reactions and all(
        catalog.guidance[g].topic == "side_effects" for g in catalog.outcomes.reactions
    )


def test_the_reassessment_point_comes_from_the_guidance(catalog: Catalog) -> None:
    course = default_course(catalog)
    reassess = catalog.guidance["reassess_month"]  # the first reassess line with values
    assert (course.reassess_weeks_min, course.reassess_weeks_max) == (
        reassess.values["min"],
        reassess.values["max"],
    )
    assert course.sessions_max == catalog.guidance["course_textbook"].values["max"]
    assert {"gm_zjx", "nhs_glos_redflags"} <= set(course.sources) and not reassess.claim


def test_a_plan_file_course_gets_the_guidance_sources_back(catalog: Catalog) -> None:
    from dataclasses import replace

    default = default_course(catalog)
    plan = build_plan(catalog, patterns=("wind_cold",), course=replace(default, sources=()))
    assert plan_course(catalog, plan).sources == default.sources
    custom = replace(default, reassess_weeks_min=3, sources=())
    assert plan_course(catalog, build_plan(catalog, plan, course=custom)).sources == ()
    assert plan_course(catalog, None) == default


# --- the review ------------------------------------------------------------------------------------


def test_improving(catalog: Catalog, course: Course) -> None:
    review = review_course(catalog, visits(7, 6, 5, 4), course)
    assert review.verdict is Verdict.IMPROVED and not review.reassess and review.improved
    assert review.pain is not None and review.pain.change == 3 and review.pain.important
    assert review.pain.percent == pytest.approx(42.9)
    assert review.reason.startswith("Important improvement: pain (NRS) 7 → 4: 3 points better (42.9%)")
    assert review.per_visit == ((0, None), (1, None), (2, None), (3, None))


def test_flat_until_the_reassessment_weeks(catalog: Catalog, course: Course) -> None:
    early = review_course(catalog, visits(6, 6, 6), course)  # weeks 0, 2, 4
    assert early.verdict is Verdict.NOT_YET and not early.reassess
    assert "the reassessment point is 6 weeks after the first visit (2026-04-13)" in early.reason
    review = review_course(catalog, visits(6, 6, 6, 5), course)  # week 6: 1 point is not important
    assert review.verdict is Verdict.REASSESS and review.reassess and not review.improved
    assert review.point.reached and review.point.reached_by == "weeks"
    assert review.point.due_from == FIRST + timedelta(weeks=6)
    assert review.point.due_by == FIRST + timedelta(weeks=8)
    assert review.reason.startswith(
        "Reassess: 6 weeks have passed since the first visit without an important"
    )
    assert "NRS 2 points or 30% of the baseline" in review.reason


def test_worsening(catalog: Catalog, course: Course) -> None:
    review = review_course(catalog, visits(5, 6, 7, 8), course)
    assert review.reassess and review.worse and not review.improved
    assert review.pain is not None and review.pain.change == -3 and review.pain.worse
    assert "Worse than at baseline by an important amount: pain." in review.reason
    early = review_course(catalog, visits(5, 8), course)  # worse, but the point has not come
    assert early.worse and early.verdict is Verdict.NOT_YET and not early.reassess


def test_too_few_visits(catalog: Catalog, course: Course) -> None:
    none = review_course(catalog, [], course)
    one = review_course(catalog, visits(7), course)
    for review in (none, one):
        assert review.verdict is Verdict.TOO_FEW_VISITS and not review.reassess and not review.improved
        assert review.pain is None and review.function is None
    assert one.reason == (
        "Too few visits to compare: a baseline visit and at least one later visit are needed (1 so far)."
    )


def test_the_plan_sessions_bring_the_point_forward(catalog: Catalog, course: Course) -> None:
    # Three visits a week: the plan's 12 sessions are done in four weeks, before the 6-week point.
    review = review_course(catalog, visits(*[6] * 12, every_weeks=1 / 3), course)
    assert review.point.reached_by == "sessions" and review.reassess
    assert "the plan's 12 sessions have been given" in review.reason
    assert not review_course(catalog, visits(*[6] * 11, every_weeks=1 / 3), course).point.reached


def test_thirty_percent_of_a_low_baseline_is_important(catalog: Catalog, course: Course) -> None:
    review = review_course(catalog, visits(3, 2), course)  # 1 point, 33%
    assert review.pain is not None and review.pain.important and review.verdict is Verdict.IMPROVED
    assert not review_course(catalog, visits(8, 7), course).improved  # 1 point, 12.5%


def test_function_alone_can_improve(catalog: Catalog, course: Course) -> None:
    review = review_course(catalog, visits(6, 6, 6, 6, functions=(3.0, 3.5, 4.0, 4.4)), course)
    assert review.function is not None and review.function.change == 1.4 and review.function.important
    assert review.verdict is Verdict.IMPROVED
    flat = review_course(catalog, visits(6, 6, 6, 6, functions=(3.0, 3.5, 4.0, 4.3)), course)
    assert flat.verdict is Verdict.REASSESS and flat.function is not None and not flat.function.important


def test_visits_are_reviewed_in_date_order(catalog: Catalog, course: Course) -> None:
    shuffled = list(reversed(visits(7, 6, 5, 4)))
    assert review_course(catalog, shuffled, course).pain.baseline == 7


def test_important_targets(catalog: Catalog) -> None:
    m = measures(catalog)
    assert important_target(m.pain, 7) == 5  # 2 points is nearer than 30% (2.1)
    assert important_target(m.pain, 5) == pytest.approx(3.5)  # 30% (1.5) is nearer than 2 points
    assert important_target(m.function, 3.0) == pytest.approx(4.4)
    assert important_target(m.function, 9.5) == 10  # kept on the scale
    assert important_target(m.global_change, 0) is None


# --- visits: checks, the prescription over the course, safety ------------------------------------


def test_visit_problems(catalog: Catalog) -> None:
    good = Visit(
        FIRST, 5, pain_worst=8, function=4.5, activities=(Activity("Sitting", 4), Activity("Lifting", 5))
    )
    assert visit_problems(catalog, good) == []
    bad = Visit(
        FIRST,
        11,
        groc=6,
        function=3.0,
        activities=(Activity("Sitting", 4),),
        points=(PointUsed("BL99", NeedleMethod.EVEN),),
        reactions=("course_sessions",),
        red_flags=("cancer",),
    )
    assert visit_problems(catalog, bad) == [
        "pain_now: expected 0 to 10 (NRS), got 11",
        "function: 3 is not the average of the activities (4)",
        "groc: expected -5 to 5 (GRoC), got 6",
        "points: unknown id 'BL99' (not in the catalog)",
        "reactions: unknown id 'course_sessions' (not in the catalog)",
        "flag_action: a red flag was raised: say how it was handled (for example, referred)",
    ]
    assert function_score([Activity("a", 3), Activity("b", 4), Activity("c", 4)]) == 3.7
    assert function_score([]) is None


def test_labels(catalog: Catalog) -> None:
    assert label_problem("K-12 lumbar") is None
    assert "never the patient's name" in (label_problem("  ") or "")
    assert (
        label_problem(" K")
        and label_problem("x" * 201)
        and label_problem("a\nb")
        and label_problem("a\u2028b")
    )
    assert label_problem("Case <b>7</b> & co") is None  # shown as plain text everywhere


def test_prescription_changes_and_history(catalog: Catalog) -> None:
    # The yang type (hands and feet not warm): its moxibustion is in the plan.
    plan = build_plan(catalog, patterns=("kidney_qi_deficiency",), signs=("kd_yang_cold",))
    planned = Prescription.of_plan(plan)
    first = Visit(FIRST, 6, points=planned.points, techniques=planned.techniques, id=1)
    second_points = (*[p for p in planned.points if p.code != "KI3"], PointUsed("BL25", NeedleMethod.EVEN))
    second_points = tuple(
        PointUsed(p.code, NeedleMethod.REDUCE) if p.code == "BL40" else p for p in second_points
    )
    second = Visit(FIRST + timedelta(weeks=1), 6, points=second_points, techniques=("needling",), id=2)
    first_change, second_change = changes([second, first], plan)
    assert first_change.unchanged
    assert second_change.added == ("BL25",) and second_change.removed == ("KI3",)
    assert second_change.method_changed == ("BL40",)
    assert second_change.techniques_removed == ("moxibustion",)
    assert compare(Prescription.of_visit(second), Prescription.of_visit(second)).unchanged
    rows = dict(history([first, second]))
    assert rows["KI3"] == [NeedleMethod.TONIFY, None] and rows["BL25"] == [None, NeedleMethod.EVEN]
    assert rows["BL40"] == [NeedleMethod.TONIFY, NeedleMethod.REDUCE]
    assert changes([first], None)[0].unchanged  # no plan: nothing to compare the first visit with


def test_contraindications_follow_the_factors_asked_at_the_visit(catalog: Catalog) -> None:
    used = (PointUsed("BL23", NeedleMethod.TONIFY), PointUsed("KI3", NeedleMethod.TONIFY))
    assert visit_contraindications(catalog, Visit(FIRST, 5, points=used)) == []
    pregnant = visit_contraindications(catalog, Visit(FIRST, 5, points=used, factors=("pregnancy",)))
    assert "BL23" in {subject for subject, _ in pregnant}


def test_short_citations(catalog: Catalog) -> None:
    assert short_citation(catalog, "ostelo2008") == "Ostelo et al. 2008"
    assert short_citation(catalog, "maughan2010") == "Maughan and Lewis 2010"
    assert short_citation(catalog, "seed_003") == "seed 003"
    assert short_citation(catalog, "nope") == "nope"
