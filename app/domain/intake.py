"""Intake and differentiation: from the signs a practitioner checks to a ranked, reasoned suggestion.

Pure Python. Every sign, weight, key flag, factor and red flag comes from the
catalog; this module only adds them up.

The scoring rule (also in ``docs/plan-format.md``):

- A pattern's **score** is the sum of the catalog ``weight`` of each of its signs
  that is checked (a sign id shared by patterns counts for each, with each
  pattern's own weight). ``max_score`` is the sum of all its weights.
- Patterns are **ranked** by score, then by the share of their maximum reached,
  then in catalog order.
- A pattern is **supported** when its score is above zero and at least one of its
  *key* signs is checked.
- The **chief** pattern is the highest-ranked supported pattern. A **secondary**
  pattern is the next supported pattern whose score is at least
  ``SECONDARY_SHARE`` (50 %) of the chief's score.
- Reasons: the matched signs, and the key signs that are missing.

It is a suggestion, never a diagnosis: the practitioner chooses the patterns.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .models import Catalog, PatientFactor, RedFlag, Sign, SignGroup

SECONDARY_SHARE = 0.5
SUGGESTION_NOTE = (
    "A suggestion from the checked signs, not a diagnosis: the practitioner chooses the pattern or patterns."
)
RED_FLAG_ADVICE = "Refer the patient for medical assessment before treating."


class UnknownIdError(ValueError):
    """An id given to the intake (sign, factor, red flag, pattern, zone) is not in the catalog."""


@dataclass(frozen=True, slots=True)
class ChecklistSign:
    """One row of the intake checklist: a sign id shown once even when patterns share it."""

    id: str
    text: str
    group: str
    patterns: tuple[str, ...]  # the patterns that list this sign
    sources: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class PatternScore:
    pattern_id: str
    name: str
    score: float
    max_score: float
    matched: tuple[Sign, ...]
    missing_key: tuple[Sign, ...]
    supported: bool

    @property
    def share(self) -> float:
        return self.score / self.max_score if self.max_score else 0.0


@dataclass(frozen=True, slots=True)
class Differentiation:
    ranked: tuple[PatternScore, ...]
    chief: str | None
    secondary: str | None

    def suggested(self) -> tuple[str, ...]:
        return tuple(p for p in (self.chief, self.secondary) if p)

    def score_of(self, pattern_id: str) -> PatternScore:
        return next(s for s in self.ranked if s.pattern_id == pattern_id)


def checklist(catalog: Catalog) -> list[tuple[SignGroup, list[ChecklistSign]]]:
    """The signs grouped in intake order (``sign_groups``), each sign id once, in catalog order."""
    by_id: dict[str, ChecklistSign] = {}
    for pattern in catalog.patterns.values():
        for sign in pattern.signs:
            row = by_id.get(sign.id)
            if row is None:
                by_id[sign.id] = ChecklistSign(sign.id, sign.text, sign.group, (pattern.id,), sign.sources)
            else:
                sources = row.sources + tuple(s for s in sign.sources if s not in row.sources)
                by_id[sign.id] = ChecklistSign(
                    row.id, row.text, row.group, (*row.patterns, pattern.id), sources
                )
    return [
        (group, [row for row in by_id.values() if row.group == group_id])
        for group_id, group in catalog.sign_groups.items()
    ]


def all_sign_ids(catalog: Catalog) -> set[str]:
    return {sign.id for pattern in catalog.patterns.values() for sign in pattern.signs}


def check_ids(kind: str, given: Iterable[str], known: Iterable[str]) -> tuple[str, ...]:
    """``given`` without duplicates, in order; raises ``UnknownIdError`` naming unknown ids."""
    known_set = set(known)
    ids = tuple(dict.fromkeys(given))
    unknown = [i for i in ids if i not in known_set]
    if unknown:
        raise UnknownIdError(
            f"unknown {kind} id{'s' if len(unknown) > 1 else ''}: {', '.join(unknown)} "
            f"(known: {', '.join(sorted(known_set))})"
        )
    return ids


def age_linked_signs(catalog: Catalog) -> dict[str, int]:
    """The signs an age decides (``age_from``): sign id -> the age from which it holds."""
    return {s.id: s.age_from for p in catalog.patterns.values() for s in p.signs if s.age_from is not None}


def with_age(catalog: Catalog, signs: Iterable[str], age: int | None) -> tuple[str, ...]:
    """The signs as the age says: an age-linked sign (``age_from``) holds when the age is at least
    its threshold and not below it; without an age the practitioner's tick stands."""
    ticked = tuple(dict.fromkeys(signs))
    if age is None:
        return ticked
    linked = age_linked_signs(catalog)
    kept = [s for s in ticked if s not in linked]
    return tuple(kept + [s for s, start in linked.items() if age >= start])


def differentiate(catalog: Catalog, checked_signs: Iterable[str]) -> Differentiation:
    checked = set(check_ids("sign", checked_signs, all_sign_ids(catalog)))
    scores: list[PatternScore] = []
    for pattern in catalog.patterns.values():
        matched = tuple(s for s in pattern.signs if s.id in checked)
        missing = tuple(s for s in pattern.signs if s.key and s.id not in checked)
        score = sum(s.weight for s in matched)
        supported = score > 0 and any(s.key for s in matched)
        total = sum(s.weight for s in pattern.signs)
        scores.append(PatternScore(pattern.id, pattern.name, score, total, matched, missing, supported))
    order = {pid: n for n, pid in enumerate(catalog.patterns)}
    ranked = tuple(sorted(scores, key=lambda s: (-s.score, -s.share, order[s.pattern_id])))
    backed = [s for s in ranked if s.supported]
    chief = backed[0] if backed else None
    secondary = next(
        (s for s in backed[1:] if chief is not None and s.score >= SECONDARY_SHARE * chief.score), None
    )
    return Differentiation(
        ranked, chief.pattern_id if chief else None, secondary.pattern_id if secondary else None
    )


def suggestion_text(catalog: Catalog, result: Differentiation) -> str:
    """One plain sentence for the screen and the CLI."""
    if result.chief is None:
        return "No pattern is supported yet: check at least one key sign."
    chief = catalog.patterns[result.chief].name
    if result.secondary:
        return f"Suggested: chief pattern {chief}, secondary {catalog.patterns[result.secondary].name}."
    return f"Suggested: {chief}."


def red_flags(catalog: Catalog, ids: Iterable[str]) -> tuple[RedFlag, ...]:
    wanted = check_ids("red flag", ids, catalog.red_flags)
    return tuple(catalog.red_flags[i] for i in wanted)


def factors(catalog: Catalog, ids: Iterable[str]) -> tuple[PatientFactor, ...]:
    wanted = check_ids("factor", ids, catalog.factors)
    return tuple(catalog.factors[i] for i in wanted)


def red_flag_banner(flags: Iterable[RedFlag]) -> str:
    """The banner text: the advice with the most urgent tier, then each flag, its tier and why."""
    flags = list(flags)
    urgent = min((f.urgency for f in flags), key=lambda u: u.rank, default=None)
    head = f"RED FLAG — {urgent.label}. {RED_FLAG_ADVICE}" if urgent else f"RED FLAG — {RED_FLAG_ADVICE}"
    lines = [head]
    lines += [f"• {flag.label} ({flag.urgency.value}): {flag.reason}" for flag in flags]
    return "\n".join(lines)


def differentiation_json(catalog: Catalog, result: Differentiation) -> dict[str, object]:
    return {
        "note": SUGGESTION_NOTE,
        "suggestion": suggestion_text(catalog, result),
        "chief": result.chief,
        "secondary": result.secondary,
        "ranked": [
            {
                "pattern": s.pattern_id,
                "name": s.name,
                "score": s.score,
                "max_score": s.max_score,
                "supported": s.supported,
                "matched": [{"sign": m.id, "text": m.text, "weight": m.weight} for m in s.matched],
                "missing_key": [{"sign": m.id, "text": m.text} for m in s.missing_key],
            }
            for s in result.ranked
        ],
    }
