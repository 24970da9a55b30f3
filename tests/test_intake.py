"""Differentiation: the scoring rule, reasons, chief/secondary, checklist grouping, red flags (no Qt)."""

from __future__ import annotations

from dataclasses import replace
from types import MappingProxyType

import pytest

from app.domain import intake
from app.domain.intake import SECONDARY_SHARE, UnknownIdError, checklist, differentiate
from app.domain.models import Catalog, Sign


def _sign(sid: str, weight: float, key: bool, group: str = "history") -> Sign:
    return Sign(sid, f"text of {sid}", group, weight, key, ("seed_003",))


def small_catalog(catalog: Catalog) -> Catalog:
    """Two real patterns with hand-set signs, so every number below is known."""
    a = replace(
        catalog.patterns["blood_stagnation"],
        signs=(_sign("a_key", 3, True), _sign("a_minor", 1, False), _sign("shared", 2, False, "pulse")),
    )
    b = replace(
        catalog.patterns["wind_cold"],
        signs=(_sign("b_key", 2, True), _sign("b_minor", 4, False), _sign("shared", 1, False, "pulse")),
    )
    return replace(catalog, patterns=MappingProxyType({a.id: a, b.id: b}))


def test_score_is_sum_of_checked_weights_and_reasons(catalog: Catalog) -> None:
    small = small_catalog(catalog)
    result = differentiate(small, ["a_key", "shared"])
    a = result.score_of("blood_stagnation")
    b = result.score_of("wind_cold")
    assert (a.score, a.max_score) == (5, 6)
    assert (b.score, b.max_score) == (1, 7)
    assert [s.id for s in a.matched] == ["a_key", "shared"]
    assert [s.id for s in b.missing_key] == ["b_key"]
    assert a.supported and not b.supported  # b matched no key sign
    assert result.chief == "blood_stagnation" and result.secondary is None


def test_secondary_needs_half_the_chief_score_and_a_key_sign(catalog: Catalog) -> None:
    small = small_catalog(catalog)
    # a = 3 + 1 = 4; b = 2 = 50 % of a, with its key sign: secondary.
    result = differentiate(small, ["a_key", "a_minor", "b_key"])
    assert (result.chief, result.secondary) == ("blood_stagnation", "wind_cold")
    assert result.score_of("wind_cold").score == SECONDARY_SHARE * result.score_of("blood_stagnation").score
    # a = 3 + 1 + 2 (shared) = 6, b = 2 + 1 = 3 = 50 %: still secondary; drop a_minor from b's side
    result = differentiate(small, ["a_key", "a_minor", "shared", "b_key"])
    assert result.secondary == "wind_cold"
    # b's big non-key sign alone never makes it supported, whatever its score.
    result = differentiate(small, ["a_key", "b_minor"])
    assert result.ranked[0].pattern_id == "wind_cold"  # ranked first by score ...
    assert result.chief == "blood_stagnation"  # ... but the chief must be supported
    assert result.secondary is None


def test_below_half_is_not_secondary(catalog: Catalog) -> None:
    result = differentiate(catalog, ["bs_trauma", "bs_stabbing_pain", "bs_fixed_rigid", "kd_over_40"])
    chief = result.score_of("blood_stagnation").score
    assert result.chief == "blood_stagnation"
    assert result.score_of("kidney_qi_deficiency").score < SECONDARY_SHARE * chief
    assert result.secondary is None


def test_nothing_checked_suggests_nothing(catalog: Catalog) -> None:
    result = differentiate(catalog, [])
    assert result.chief is None and result.secondary is None
    assert "No pattern" in intake.suggestion_text(catalog, result)
    assert [s.pattern_id for s in result.ranked] == list(catalog.patterns)  # ties: catalog order


def test_suggestion_is_worded_as_a_suggestion(catalog: Catalog) -> None:
    result = differentiate(catalog, ["lq_anger", "lq_stress"])
    text = intake.suggestion_text(catalog, result)
    assert text.startswith("Suggested")
    assert "diagnosis" not in text.lower()
    assert "not a diagnosis" in intake.SUGGESTION_NOTE


def test_checklist_groups_in_intake_order_and_shared_signs_once(catalog: Catalog) -> None:
    groups = checklist(catalog)
    assert [g.id for g, _ in groups] == list(catalog.sign_groups)
    ids = [row.id for _, rows in groups for row in rows]
    assert len(ids) == len(set(ids)) == len(intake.all_sign_ids(catalog))
    shared = {row.id: row for _, rows in groups for row in rows}["onset_acute"]
    assert set(shared.patterns) == {"blood_stagnation", "wind_cold", "cold_damp", "damp_heat"}
    for group, rows in groups:
        assert all(row.group == group.id for row in rows)


def test_shared_sign_scores_for_each_pattern_with_its_own_weight(catalog: Catalog) -> None:
    result = differentiate(catalog, ["wc_cold_area"])
    weights = {
        p.id: next(s.weight for s in p.signs if s.id == "wc_cold_area")
        for p in catalog.patterns.values()
        if any(s.id == "wc_cold_area" for s in p.signs)
    }
    assert set(weights) == {"wind_cold", "cold_damp"}
    for pid, weight in weights.items():
        assert result.score_of(pid).score == weight


def test_unknown_ids_are_refused_by_name(catalog: Catalog) -> None:
    with pytest.raises(UnknownIdError, match="bogus_sign"):
        differentiate(catalog, ["bs_trauma", "bogus_sign"])
    with pytest.raises(UnknownIdError, match="no_such_flag"):
        intake.red_flags(catalog, ["no_such_flag"])
    with pytest.raises(UnknownIdError, match="martian"):
        intake.factors(catalog, ["martian"])


def test_red_flag_banner_says_refer_and_why(catalog: Catalog) -> None:
    flags = intake.red_flags(catalog, list(catalog.red_flags))
    banner = intake.red_flag_banner(flags)
    assert "Refer the patient for medical assessment" in banner
    for flag in catalog.red_flags.values():
        assert flag.label in banner and flag.reason in banner
        assert any(catalog.sources[s].kind.value == "guideline" for s in flag.sources)


def test_json_shape(catalog: Catalog) -> None:
    data = intake.differentiation_json(
        catalog, differentiate(catalog, ["wc_cold_climate", "wc_tight_painful"])
    )
    assert data["chief"] == "wind_cold"
    first = data["ranked"][0]
    assert first["pattern"] == "wind_cold"
    assert {m["sign"] for m in first["matched"]} == {"wc_cold_climate", "wc_tight_painful"}
    assert all(m["sign"] not in {"wc_cold_climate", "wc_tight_painful"} for m in first["missing_key"])
