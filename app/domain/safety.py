"""Safety filtering, driven only by the catalog's cautions and their ``factors``.

A caution applies to a patient when its ``factors`` list is empty (it always
applies) or names one of the patient's factors. An applicable caution of
severity ``contraindication`` leaves its point or technique out of a plan by
default; ``caution`` only flags it. No rule lives here: change the catalog and
the filtering changes with it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

from .models import Catalog, Caution, Severity, Technique


@dataclass(frozen=True, slots=True)
class SafetyCheck:
    """What the catalog says about one point or technique for this patient."""

    subject: str  # point code or technique id
    cautions: tuple[Caution, ...]  # applicable, severity caution
    contraindications: tuple[Caution, ...]  # applicable, severity contraindication

    @property
    def contraindicated(self) -> bool:
        return bool(self.contraindications)

    @property
    def flagged(self) -> bool:
        return bool(self.cautions or self.contraindications)

    def reason(self) -> str:
        """The contraindications' text, for "left out because ..." lines."""
        return " ".join(c.text for c in self.contraindications)


def applies(caution: Caution, factors: Iterable[str]) -> bool:
    return not caution.factors or bool(set(caution.factors) & set(factors))


def check(subject: str, cautions: Iterable[Caution], factors: Iterable[str]) -> SafetyCheck:
    chosen = set(factors)
    applicable = [c for c in cautions if applies(c, chosen)]
    return SafetyCheck(
        subject,
        tuple(c for c in applicable if c.severity is Severity.CAUTION),
        tuple(c for c in applicable if c.severity is Severity.CONTRAINDICATION),
    )


def techniques(catalog: Catalog) -> dict[str, Technique]:
    """Every technique id in the catalog, its cautions merged across the patterns that list it.

    The name and method are those of the first pattern listing it; cautions are
    merged by id so a caution given under any pattern applies everywhere.
    """
    merged: dict[str, Technique] = {}
    for pattern in catalog.patterns.values():
        for technique in pattern.techniques:
            known = merged.get(technique.id)
            if known is None:
                merged[technique.id] = technique
                continue
            ids = {c.id for c in known.cautions}
            extra = tuple(c for c in technique.cautions if c.id not in ids)
            if extra:
                merged[technique.id] = replace(known, cautions=known.cautions + extra)
    return merged


def factor_triggered(catalog: Catalog) -> list[tuple[str, str, Caution]]:
    """Every (kind, subject, caution) whose caution names factors: the catalog's safety rules.

    ``kind`` is "point" or "technique". Used by tests and by ``yaotong plan`` help.
    """
    rules: list[tuple[str, str, Caution]] = [
        ("point", code, c) for code, point in catalog.points.items() for c in point.cautions if c.factors
    ]
    rules += [
        ("technique", tid, c) for tid, t in techniques(catalog).items() for c in t.cautions if c.factors
    ]
    return rules
