"""Case tests of the safety check (no Qt): patients as the textbooks and guidelines describe them.

Each case builds a plan from a description (the signs, factors, flags and age a source gives for
such a patient) and asserts what a practitioner would check on the sheet: the points, the
techniques, and the safety check's line for every factor, flag, sign, subtype and age. The rule
for every single catalog row is tested in ``test_safety_rules.py``; these tests are about whole
patients, where rules meet.
"""

from __future__ import annotations

import json

import pytest

from app.domain.models import Catalog
from app.domain.plan import Plan, build_plan, confirm_include
from app.domain.safety_check import SafetyItem, patient_advice, plan_json, safety_check
from app.domain.vocabulary import Effect, NeedleAngle, Urgency


def included(plan: Plan) -> set[str]:
    return {p.code for p in plan.included_points()}


def left_out(plan: Plan) -> set[str]:
    return {p.code for p in plan.left_out()}


def techniques(plan: Plan) -> dict[str, bool]:
    return {t.id: t.included for t in plan.techniques}


def item(catalog: Catalog, plan: Plan, kind: str, about: str) -> SafetyItem:
    found = [i for i in safety_check(catalog, plan) if (i.kind, i.about) == (kind, about)]
    assert len(found) == 1, f"no single safety check line for {kind} {about}"
    return found[0]


def changed(line: SafetyItem) -> set[tuple[str, Effect]]:
    return {(c.subject, c.effect) for c in line.changes}


def advice_rules(line: SafetyItem) -> set[str]:
    return {f.id for f in line.advice}


def test_every_factor_flag_sign_and_age_has_a_line(catalog: Catalog) -> None:
    """No input is silent: each gets a line, with what it changed or no change at all."""
    plan = build_plan(
        catalog,
        patterns=("wind_cold",),
        factors=tuple(catalog.factors),
        red_flags=("night_pain",),
        signs=("kd_kidney_disease",),
        age=72,
    )
    lines = {(i.kind, i.about) for i in safety_check(catalog, plan)}
    assert {("factor", f) for f in catalog.factors} <= lines
    assert {("red_flag", "night_pain"), ("sign", "kd_kidney_disease"), ("age", "age")} <= lines


def test_kidney_yin_deficiency_gets_no_moxibustion(catalog: Catalog) -> None:
    """中医内科学 腰痛, 肾虚 (yin type): vexation and poor sleep, dry mouth and throat, flushed face,
    hot palms and soles, a red tongue with little coating, a thready rapid pulse. The principle
    needles the yin type and moxas only the yang type (the issue's first example)."""
    plan = build_plan(
        catalog,
        patterns=("kidney_qi_deficiency",),
        signs=("kd_yin_heat", "kd_yin_sleep_dry", "tongue_red_scanty_coat", "pulse_thready_rapid"),
    )
    assert included(plan) == {"BL23", "BL40", "KI3"}
    assert techniques(plan) == {"needling": True}  # no "Moxibustion (kidney yang type)"
    (decision,) = plan.decisions
    assert decision.chosen == "kidney_yin" and not decision.by_practitioner
    line = item(catalog, plan, "subtype", "kidney_qi_deficiency")
    assert "Decided by the checked signs" in line.note and "GV4" in " ".join(line.effects)


def test_kidney_yang_deficiency_gets_moxibustion_at_its_points(catalog: Catalog) -> None:
    """中医内科学 腰痛, 肾虚 (yang type): tightness of the lower abdomen, a pale face, hands and feet not
    warm, shortness of breath and lack of strength, a pale tongue, a deep thready pulse."""
    plan = build_plan(
        catalog,
        patterns=("kidney_qi_deficiency",),
        signs=("kd_yang_cold", "kd_yang_short_breath", "tongue_pale", "pulse_deep_thready"),
    )
    assert included(plan) == {"BL23", "GV4", "BL52", "BL40", "KI3"}
    assert techniques(plan) == {"needling": True, "moxibustion": True}
    assert plan.decisions[0].chosen == "kidney_yang"


def test_undecided_kidney_subtype_holds_its_points_and_asks(catalog: Catalog) -> None:
    """Kidney deficiency with only the shared signs (soreness and weakness of the loins and knees,
    better for rest): neither type is decided, so the type-specific points wait."""
    plan = build_plan(
        catalog, patterns=("kidney_qi_deficiency",), signs=("kd_weak_loins_knees", "kd_better_rest")
    )
    assert included(plan) == {"BL23", "BL40", "KI3"}
    assert set(plan.held) == {("kidney_qi_deficiency", "GV4"), ("kidney_qi_deficiency", "BL52")}
    assert "moxibustion" not in techniques(plan)
    line = item(catalog, plan, "subtype", "kidney_qi_deficiency")
    assert "do not decide" in line.note and "Held back until a subtype is chosen" in line.effects[0]
    chosen = build_plan(catalog, plan, subtypes={"kidney_qi_deficiency": "kidney_yang"})
    assert chosen.decisions[0].by_practitioner and {"GV4", "BL52"} <= included(chosen)


def test_pregnant_kidney_yang_patient_loses_lumbosacral_points_and_moxibustion(catalog: Catalog) -> None:
    """WHO 1999 and Guangming: in pregnancy no points on the lumbosacral region and the lower
    abdomen, and no moxibustion there (the issue's second example: moxibustion was kept)."""
    plan = build_plan(
        catalog,
        patterns=("kidney_qi_deficiency",),
        factors=("pregnancy",),
        signs=("kd_yang_cold", "tongue_pale"),
    )
    assert left_out(plan) == {"BL23", "GV4", "BL52"}
    assert included(plan) == {"BL40", "KI3"}
    assert techniques(plan) == {"needling": True, "moxibustion": False}
    line = item(catalog, plan, "factor", "pregnancy")
    assert ("BL23", Effect.LEAVE_OUT) in changed(line) and ("moxibustion", Effect.LEAVE_OUT) in changed(line)
    assert "pregnancy_general" in advice_rules(line)


def test_a_confirmed_contraindication_is_recorded_and_marked(catalog: Catalog) -> None:
    plan = build_plan(
        catalog, patterns=("kidney_qi_deficiency",), factors=("pregnancy",), signs=("kd_yang_cold",)
    )
    plan = confirm_include(catalog, plan, "BL23")
    bl23 = plan.point("BL23")
    assert bl23 is not None and bl23.included and bl23.overridden
    assert plan.confirmed == {"BL23": ("pregnancy_lumbosacral_abdomen",)}
    line = item(catalog, plan, "factor", "pregnancy")
    assert any(c.subject == "BL23" and c.confirmed for c in line.changes)
    assert {"GV4", "BL52"} <= left_out(plan)  # a confirmation names one point, not the rule everywhere


def test_warfarin_is_never_silent(catalog: Catalog) -> None:
    """A patient on warfarin with a wind-cold plan (the issue's third example: nothing said
    bleeding). McCulloch 2015 and the BAcC: superficial needling, pressure after withdrawal;
    cupping left out."""
    plan = build_plan(catalog, patterns=("wind_cold",), factors=("anticoagulants",))
    assert included(plan) == {"BL23", "GV3", "BL40", "GV16"}
    assert techniques(plan) == {"needling": True, "moxibustion": True, "cupping": False}
    line = item(catalog, plan, "factor", "anticoagulants")
    assert {("BL23", Effect.CAUTION), ("GV16", Effect.CAUTION), ("cupping", Effect.LEAVE_OUT)} <= changed(
        line
    )
    assert any("blood thinner" in a and "bruise" in a for a in patient_advice(plan))


def test_bleeding_disorder_leaves_out_pricking_and_cupping(catalog: Catalog) -> None:
    """Blood stagnation treated by pricking BL40 to bleed and cupping (针灸学 腰痛), in a patient
    with a bleeding disorder (WHO 1999: needling is contraindicated in bleeding disorders)."""
    plan = build_plan(catalog, patterns=("blood_stagnation",), factors=("bleeding_disorder",))
    assert included(plan) == set()
    assert techniques(plan)["bleeding"] is False and techniques(plan)["cupping"] is False
    line = item(catalog, plan, "factor", "bleeding_disorder")
    assert ("bleeding", Effect.LEAVE_OUT) in changed(line) and ("BL40", Effect.LEAVE_OUT) in changed(line)


def test_pacemaker_and_epilepsy_remove_electro_acupuncture(catalog: Catalog) -> None:
    """WHO 1999: no electro-acupuncture with a pacemaker; the BAcC: care with it in epilepsy."""
    plan = build_plan(catalog, patterns=("blood_stagnation",), factors=("pacemaker", "epilepsy"))
    assert techniques(plan)["electro"] is False and techniques(plan)["needling"] is True
    assert ("electro", Effect.LEAVE_OUT) in changed(item(catalog, plan, "factor", "pacemaker"))
    assert ("electro", Effect.LEAVE_OUT) in changed(item(catalog, plan, "factor", "epilepsy"))


def test_a_factor_with_nothing_to_change_says_so(catalog: Catalog) -> None:
    """A pacemaker in a wind-cold plan without electro-acupuncture: no effect on this plan."""
    plan = build_plan(catalog, patterns=("wind_cold",), factors=("pacemaker",))
    line = item(catalog, plan, "factor", "pacemaker")
    assert line.changes == () and line.advice == ()
    data = plan_json(catalog, plan)
    (entry,) = [e for e in data["safety_check"] if e["about"] == "pacemaker"]
    assert entry["effect"] == "No effect on this plan" and entry["changed"] == []


def test_cauda_equina_replaces_the_plan_with_a_referral(catalog: Catalog) -> None:
    """NICE and GIRFT: saddle numbness, bladder or bowel change, or bilateral sciatica is an
    emergency. The plan waits for a confirmation; acknowledging it is recorded."""
    plan = build_plan(catalog, patterns=("liver_qi_stagnation",), red_flags=("cauda_equina",))
    assert plan.gated and plan.referral is not None
    assert plan.referral.urgency is Urgency.EMERGENCY and "cauda_equina" in plan.referral.flags
    line = item(catalog, plan, "red_flag", "cauda_equina")
    assert "the plan waits for a confirmation" in line.effects[0]
    acknowledged = build_plan(catalog, plan, flags_acknowledged=("cauda_equina",))
    assert not acknowledged.gated and acknowledged.referral is not None
    assert plan_json(catalog, acknowledged)["gated"] is False


def test_trauma_in_an_older_patient_on_steroids_prompts_assessment(catalog: Catalog) -> None:
    """AHCPR 1994: trauma, age over 50 and prolonged corticosteroid use point to a possible
    fracture; the trauma sign of blood stagnation therefore raises a referral prompt."""
    plan = build_plan(
        catalog,
        patterns=("blood_stagnation",),
        signs=("bs_trauma",),
        factors=("steroids_or_osteoporosis",),
        age=70,
    )
    assert plan.referral is not None and not plan.gated  # a prompt, not a ticked red flag
    assert "trauma_sign" in advice_rules(item(catalog, plan, "sign", "bs_trauma"))
    assert {"age_over_50", "age_over_60_aneurysm"} <= advice_rules(item(catalog, plan, "age", "age"))
    assert "steroids_or_osteoporosis" in advice_rules(
        item(catalog, plan, "factor", "steroids_or_osteoporosis")
    )


def test_known_kidney_disease_is_referred_not_scored(catalog: Catalog) -> None:
    """Known kidney disease with back pain needs a medical opinion, whatever the pattern score."""
    plan = build_plan(catalog, patterns=("kidney_qi_deficiency",), signs=("kd_kidney_disease",), age=55)
    assert plan.referral is not None and plan.referral.urgency is Urgency.ROUTINE
    assert "kidney_disease_sign" in advice_rules(item(catalog, plan, "sign", "kd_kidney_disease"))
    assert "age_over_50" in advice_rules(item(catalog, plan, "age", "age"))


@pytest.mark.parametrize(("age", "rule"), [(17, "age_under_20"), (51, "age_over_50")])
def test_the_age_rules_of_the_guidelines(catalog: Catalog, age: int, rule: str) -> None:
    """AHCPR: age under 20 or over 50 among the red flags for tumour or infection."""
    plan = build_plan(catalog, patterns=("wind_cold",), age=age)
    assert rule in advice_rules(item(catalog, plan, "age", "age")) and plan.referral is not None
    assert build_plan(catalog, patterns=("wind_cold",), age=35).referral is None


def test_impaired_sensation_cautions_moxibustion_and_leg_points(catalog: Catalog) -> None:
    """Cold-damp low back pain (moxibustion at BL23 and GB38) in a diabetic patient with numb feet."""
    plan = build_plan(catalog, patterns=("cold_damp",), factors=("impaired_sensation",))
    assert techniques(plan)["moxibustion"] is True  # cautioned, not removed
    line = item(catalog, plan, "factor", "impaired_sensation")
    assert {("moxibustion", Effect.CAUTION), ("GB38", Effect.CAUTION)} <= changed(line)


def test_damp_heat_in_pregnancy_keeps_the_distal_points(catalog: Catalog) -> None:
    """Damp-heat low back pain (BL23, BL28; BL40 pricked to bleed) in a pregnant patient."""
    plan = build_plan(catalog, patterns=("damp_heat",), factors=("pregnancy",))
    assert left_out(plan) == {"BL23", "BL28"} and included(plan) == {"BL40", "GV14", "LI11"}
    assert ("bleeding", Effect.CAUTION) in changed(item(catalog, plan, "factor", "pregnancy"))


def test_a_hungry_exhausted_first_time_patient_is_not_needled_yet(catalog: Catalog) -> None:
    """WHO 1999 and Guangming: not needled when very hungry or exhausted; a first treatment lying
    down with few, gentle needles."""
    plan = build_plan(catalog, patterns=("wind_cold",), factors=("first_treatment", "hungry_tired"))
    assert included(plan) == set() and techniques(plan)["needling"] is False
    assert ("needling", Effect.LEAVE_OUT) in changed(item(catalog, plan, "factor", "hungry_tired"))
    assert ("BL23", Effect.CAUTION) in changed(item(catalog, plan, "factor", "first_treatment"))


def test_fever_removes_moxibustion_and_prompts_a_referral(catalog: Catalog) -> None:
    """Back pain with fever: possible infection (AHCPR); moxibustion is not used with fever."""
    plan = build_plan(catalog, patterns=("wind_cold",), factors=("fever",))
    assert techniques(plan)["moxibustion"] is False and plan.referral is not None
    line = item(catalog, plan, "factor", "fever")
    assert ("moxibustion", Effect.LEAVE_OUT) in changed(line) and "fever_refer" in advice_rules(line)


def test_upper_back_points_keep_off_the_lung(catalog: Catalog) -> None:
    """Guangming: back-shu points over the thorax are needled obliquely and shallow (pneumothorax)."""
    plan = build_plan(catalog, patterns=("wind_cold",), added=("BL13", "BL15"))
    for code in ("BL13", "BL15"):
        point = plan.point(code)
        assert point is not None and point.included
        assert point.angle is NeedleAngle.OBLIQUE and point.depth_max is not None and point.depth_max <= 0.7
        assert "upper_back_lung" in {f.id for f in point.findings}


def test_the_nape_points_keep_off_the_medulla(catalog: Catalog) -> None:
    """GV16 of the wind-cold prescription: Guangming warns against deep or upward needling there."""
    gv16 = build_plan(catalog, patterns=("wind_cold",)).point("GV16")
    assert gv16 is not None and gv16.angle is NeedleAngle.OBLIQUE and gv16.depth_max == 1.0
    assert {"nape_medulla", "gv16_medulla"} <= {f.id for f in gv16.findings}


def test_plan_json_carries_the_whole_check(catalog: Catalog) -> None:
    plan = build_plan(
        catalog,
        patterns=("kidney_qi_deficiency",),
        factors=("pregnancy",),
        red_flags=("cancer",),
        signs=("kd_yin_heat",),
        age=61,
    )
    data = json.loads(json.dumps(plan_json(catalog, plan)))  # plain JSON data throughout
    assert data["gated"] is True and data["referral"]["urgency"] == "urgent"
    assert {e["about"] for e in data["safety_check"]} >= {
        "pregnancy",
        "cancer",
        "age",
        "kidney_qi_deficiency",
    }
    bl23 = next(p for p in data["points"] if p["code"] == "BL23")
    assert bl23["included"] is False and "pregnancy_lumbosacral_abdomen" in {
        f["rule"] for f in bl23["findings"]
    }
    assert [t["id"] for t in data["techniques"]] == ["needling"]
