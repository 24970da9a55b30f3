"""The safety check of a plan, item by item: what each factor, red flag, sign, subtype decision and
the age changed in *this* plan, or that it changed nothing (with the general advice).

Pure Python. One list serves the screen, ``yaotong plan --json``, the treatment sheet and the
handout, so all four always say the same.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .models import Catalog
from .plan import Plan, PlanPoint, PlanTechnique
from .safety import Cause, Finding
from .vocabulary import Effect

NO_EFFECT = "No effect on this plan"


@dataclass(frozen=True, slots=True)
class Change:
    """One thing an item changed: a point or technique and the rule that did it."""

    subject: str  # point code or technique id
    name: str  # what to call the subject ("BL23", "Moxibustion (kidney yang type)")
    effect: Effect
    rule: str  # the finding's id
    text: str
    confirmed: bool  # left out by the rule but included after a confirmation
    sources: tuple[str, ...]
    max_depth: float | None = None


@dataclass(frozen=True, slots=True)
class SafetyItem:
    kind: str  # "factor" | "red_flag" | "sign" | "subtype" | "age"
    about: str  # the factor, red flag or sign id; the pattern id for a subtype; "age"
    label: str
    changes: tuple[Change, ...]
    advice: tuple[Finding, ...]  # advice and referral prompts it raised (about the whole plan)
    note: str = ""  # a subtype decision's reasons; a red flag's referral
    effects: tuple[str, ...] = ()  # what it did beyond points and techniques (held back, gated)

    @property
    def changed(self) -> bool:
        return bool(self.changes or self.effects)

    @property
    def sources(self) -> tuple[str, ...]:
        found = [s for c in self.changes for s in c.sources] + [s for a in self.advice for s in a.sources]
        return tuple(dict.fromkeys(found))

    def summary(self) -> str:
        """One line: what it did ("Left out: BL23, GV3; depth limited: BL40"), or "No effect ..."."""
        if not self.changed:
            return NO_EFFECT if not self.advice else f"{NO_EFFECT}; advice only"
        by_effect: dict[Effect, list[str]] = {}
        for change in self.changes:
            mark = f"{change.name} (included after confirmation)" if change.confirmed else change.name
            by_effect.setdefault(change.effect, []).append(mark)
        lines = [f"{effect.label}: {', '.join(dict.fromkeys(names))}" for effect, names in by_effect.items()]
        return "; ".join([*self.effects, *lines])


def _changes(plan: Plan, catalog: Catalog, cause: Cause) -> tuple[Change, ...]:
    out: list[Change] = []
    items: list[tuple[PlanPoint | PlanTechnique, str, str]] = [(p, p.code, p.code) for p in plan.points]
    items += [(t, t.id, t.name) for t in plan.techniques]
    for item, subject, name in items:
        for f in item.findings:
            if f.cause == cause:
                confirmed = f.blocks and f.id in item.confirmed
                out.append(Change(subject, name, f.effect, f.id, f.text, confirmed, f.sources, f.max_depth))
    return tuple(out)


def _advice(plan: Plan, cause: Cause) -> tuple[Finding, ...]:
    return tuple(f for f in plan.findings if f.cause == cause)


def safety_check(catalog: Catalog, plan: Plan) -> tuple[SafetyItem, ...]:
    """Every factor, standing red flag, sign with a rule, subtype decision and the age, in that order."""
    items: list[SafetyItem] = []
    for fid in plan.factors:
        cause = Cause("factor", fid)
        items.append(
            SafetyItem(
                "factor",
                fid,
                catalog.factors[fid].label,
                _changes(plan, catalog, cause),
                _advice(plan, cause),
            )
        )
    for flag_id in plan.red_flags:
        flag = catalog.red_flags[flag_id]
        cause = Cause("red_flag", flag_id)
        acknowledged = flag_id in plan.flags_acknowledged
        gate = (
            "proceeding confirmed by the practitioner"
            if acknowledged
            else "the plan waits for a confirmation"
        )
        gated = (f"Referral ({flag.urgency.value}): {gate}",)
        items.append(
            SafetyItem(
                "red_flag",
                flag_id,
                flag.label,
                _changes(plan, catalog, cause),
                _advice(plan, cause),
                flag.reason,
                gated,
            )
        )
    rule_signs = {r.when.sign for r in catalog.safety_rules.values() if r.when.sign}
    texts = {s.id: s.text for p in catalog.patterns.values() for s in p.signs}
    for sign in plan.signs:
        if sign in rule_signs:
            cause = Cause("sign", sign)
            items.append(
                SafetyItem("sign", sign, texts[sign], _changes(plan, catalog, cause), _advice(plan, cause))
            )
    for decision in plan.decisions:
        pattern = catalog.patterns[decision.pattern]
        names = {s.id: s.name for s in pattern.subtypes}
        label = names[decision.chosen] if decision.chosen else f"{pattern.name}: subtype undecided"
        changes = _changes(plan, catalog, Cause("subtype", decision.chosen)) if decision.chosen else ()
        held = tuple(dict.fromkeys(code for pid, code in plan.held if pid == decision.pattern))
        techniques = [t.name for t in pattern.techniques if t.subtype and t.subtype != decision.chosen]
        effects: list[str] = []
        if held or techniques:
            what = ", ".join((*held, *techniques))
            effects.append(
                f"Not used: {what}" if decision.chosen else f"Held back until a subtype is chosen: {what}"
            )
        advice = _advice(plan, Cause("subtype", decision.chosen)) if decision.chosen else ()
        items.append(
            SafetyItem(
                "subtype", decision.pattern, label, changes, advice, decision.reason(catalog), tuple(effects)
            )
        )
    if plan.age is not None:
        cause = Cause("age", "age")
        items.append(
            SafetyItem("age", "age", f"Age {plan.age}", _changes(plan, catalog, cause), _advice(plan, cause))
        )
    return tuple(items)


def safety_check_json(items: Iterable[SafetyItem]) -> list[dict[str, object]]:
    return [
        {
            "about": item.about,
            "kind": item.kind,
            "label": item.label,
            "effect": item.summary(),
            "changed": [
                {
                    "subject": c.subject,
                    "effect": c.effect.value,
                    "rule": c.rule,
                    "confirmed": c.confirmed,
                    **({"max_depth": c.max_depth} if c.max_depth is not None else {}),
                }
                for c in item.changes
            ],
            "advice": [a.text for a in item.advice],
            "note": item.note,
            "sources": list(item.sources),
        }
        for item in items
    ]


def referral_json(catalog: Catalog, plan: Plan) -> dict[str, object] | None:
    """``null``, or the referral: its urgency, the standing flags, the prompts and the words."""
    ref = plan.referral
    if ref is None:
        return None
    return {
        "urgency": ref.urgency.value,
        "flags": list(ref.flags),
        "prompts": [
            {"rule": p.id, "about": p.cause.key, "urgency": p.urgency, "text": p.text} for p in ref.prompts
        ],
        "text": ref.text(catalog),
        "patient": ref.patient_text(catalog),
        "acknowledged": [f for f in ref.flags if f in plan.flags_acknowledged],
    }


def _finding_json(f: Finding) -> dict[str, object]:
    out: dict[str, object] = {"rule": f.id, "about": f.cause.key, "effect": f.effect.value, "text": f.text}
    if f.max_depth is not None:
        out["max_depth"] = f.max_depth
    if f.angle is not None:
        out["angle"] = f.angle.value
    out["sources"] = list(f.sources)
    return out


def plan_json(catalog: Catalog, plan: Plan) -> dict[str, object]:
    """The plan as ``yaotong plan --json`` prints it (docs/plan-format.md pins the shape)."""
    from .plan import describe_reason

    return {
        "case_label": plan.case_label,
        "age": plan.age,
        "patterns": list(plan.patterns),
        "zones": list(plan.zones),
        "factors": list(plan.factors),
        "red_flags": list(plan.red_flags),
        "signs": list(plan.signs),
        "gated": plan.gated,
        "subtypes": [
            {
                "pattern": d.pattern,
                "chosen": d.chosen,
                "by_practitioner": d.by_practitioner,
                "reason": d.reason(catalog),
                "held": [code for pid, code in plan.held if pid == d.pattern],
            }
            for d in plan.decisions
        ],
        "points": [
            {
                "code": p.code,
                "included": p.included,
                "technique": p.method.value,
                "technique_changed_from": p.changed_from.value if p.changed_from else None,
                "depth_max": p.depth_max,
                "angle": p.angle.value if p.angle else None,
                "side": p.side.value if p.side else None,
                "reasons": [describe_reason(catalog, r) for r in p.reasons],
                "findings": [_finding_json(f) for f in p.findings],
                "confirmed": list(p.confirmed),
            }
            for p in plan.points
        ],
        "techniques": [
            {
                "id": t.id,
                "name": t.name,
                "included": t.included,
                "reasons": [catalog.patterns[pid].name for pid in t.patterns],
                "findings": [_finding_json(f) for f in t.findings],
                "confirmed": list(t.confirmed),
            }
            for t in plan.techniques
        ],
        "advice": [_finding_json(f) for f in plan.findings if f.effect is not Effect.REFER],
        "safety_check": safety_check_json(safety_check(catalog, plan)),
        "referral": referral_json(catalog, plan),
    }


def patient_advice(plan: Plan) -> list[str]:
    """What the handout tells the patient because of this plan: the plain words of every rule that
    applies to an included point or technique, or to the whole plan (once each, in plan order)."""
    found: list[str] = []
    for item in (*plan.included_points(), *(t for t in plan.techniques if t.included)):
        found += [f.patient for f in item.findings if f.patient]
    found += [f.patient for f in plan.findings if f.patient and f.effect is not Effect.REFER]
    return list(dict.fromkeys(found))


def cause_label(catalog: Catalog, cause: Cause) -> str:
    """What made a rule apply, in the catalog's words ("Pregnant or possibly pregnant", "Age")."""
    if cause.kind == "factor":
        return catalog.factors[cause.id].label
    if cause.kind == "red_flag":
        return catalog.red_flags[cause.id].label
    if cause.kind == "sign":
        return next(s.text for p in catalog.patterns.values() for s in p.signs if s.id == cause.id)
    if cause.kind == "subtype":
        return next(s.name for p in catalog.patterns.values() for s in p.subtypes if s.id == cause.id)
    if cause.kind == "age":
        return "Age"
    return "Every patient"
