"""Deck generation: every pattern and every point yields cards, deterministically, with stable ids."""

from __future__ import annotations

import dataclasses
from types import MappingProxyType

import pytest
from study_catalog import small_catalog

from app.domain.decks import MAX_CHOICES, Deck, QuestionType, build_decks, point_title
from app.domain.models import Catalog


@pytest.fixture(params=["small", "shipped"])
def any_catalog(request: pytest.FixtureRequest) -> Catalog:
    return small_catalog() if request.param == "small" else request.getfixturevalue("catalog")


def _ids(cards) -> set[str]:
    return {c.id for c in cards}


def test_every_pattern_has_cards_in_each_pattern_deck(any_catalog: Catalog) -> None:
    cards = build_decks(any_catalog)
    ids = _ids(cards)
    for pid, pattern in any_catalog.patterns.items():
        assert f"pattern_signs:{pid}" in ids
        assert f"pattern_points:{pid}" in ids
        mine = [c for c in cards if pid in c.patterns]
        decks = {c.deck for c in mine}
        assert {Deck.PATTERN_SIGNS, Deck.SIGN_PATTERN, Deck.PATTERN_POINTS, Deck.VIGNETTE} <= decks, pid
        # every prescribed point is asked about in its role
        for role, items in (("local", pattern.prescription.local), ("distal", pattern.prescription.distal)):
            for item in items:
                assert f"pattern_points:{pid}:{role}:{item.point}" in ids


def test_every_point_has_fact_and_locate_cards(any_catalog: Catalog) -> None:
    ids = _ids(build_decks(any_catalog))
    for code, point in any_catalog.points.items():
        assert f"point_location:{code}" in ids
        assert f"point_region:{code}" in ids
        if len(any_catalog.channels) > 1:
            assert f"point_channel:{code}" in ids
        assert (f"locate:{code}" in ids) == bool(point.anchors)
        assert (f"point_cautions:{code}" in ids) == bool(point.cautions)


def test_caution_cards_are_flashcards_listing_every_caution(any_catalog: Catalog) -> None:
    for card in build_decks(any_catalog):
        if card.deck == Deck.POINT_CAUTIONS:
            assert card.qtype == QuestionType.FLASHCARD  # another point's caution is no safe wrong answer
            for caution in any_catalog.points[card.point].cautions:
                assert caution.text in card.answer
                assert (
                    "Contraindication" if caution.severity == "contraindication" else "Caution"
                ) in card.answer


def test_every_question_type_occurs(any_catalog: Catalog) -> None:
    assert {c.qtype for c in build_decks(any_catalog)} == set(QuestionType)


def test_card_ids_are_unique(any_catalog: Catalog) -> None:
    cards = build_decks(any_catalog)
    assert len(cards) == len(_ids(cards))


def test_choice_cards_are_well_formed(any_catalog: Catalog) -> None:
    for card in build_decks(any_catalog):
        if card.qtype != QuestionType.CHOICE:
            assert card.choices == ()
            continue
        assert 2 <= len(card.choices) <= MAX_CHOICES, card.id
        assert len(set(card.choices)) == len(card.choices), card.id
        assert 0 <= card.correct_index < len(card.choices)


def test_distractors_are_really_wrong(any_catalog: Catalog) -> None:
    cat = any_catalog
    names = {p.name: pid for pid, p in cat.patterns.items()}
    for card in build_decks(cat):
        if card.qtype != QuestionType.CHOICE:
            continue
        wrong = [c for i, c in enumerate(card.choices) if i != card.correct_index]
        if card.id.startswith("pattern_signs:"):
            pattern = cat.patterns[card.patterns[0]]
            own = {s.text for s in pattern.signs}
            assert card.correct_choice in own
            assert not own & set(wrong), card.id
        elif card.deck in (Deck.SIGN_PATTERN, Deck.VIGNETTE):
            assert names[card.correct_choice] == card.patterns[0]
            assert all(w in names for w in wrong)
        elif card.id.startswith("pattern_points:"):
            pattern = cat.patterns[card.patterns[0]]
            used = {point_title(cat.points[c]) for c in pattern.points_by_role()}
            assert card.correct_choice in used and not used & set(wrong), card.id
        elif card.id.startswith("point_channel:"):
            assert card.correct_choice == cat.channels[cat.points[card.point].channel].name
        elif card.id.startswith("point_region:"):
            assert card.correct_choice == cat.regions[cat.points[card.point].region].name


def test_sign_cards_only_for_signs_of_one_pattern(any_catalog: Catalog) -> None:
    for card in build_decks(any_catalog):
        if card.deck == Deck.SIGN_PATTERN:
            sign_id = card.id.split(":", 1)[1]
            owners = [pid for pid, p in any_catalog.patterns.items() if any(s.id == sign_id for s in p.signs)]
            assert owners == list(card.patterns)


def test_vignettes_use_distinctive_signs_from_distinct_groups(any_catalog: Catalog) -> None:
    cat = any_catalog
    vignettes = [c for c in build_decks(cat) if c.deck == Deck.VIGNETTE]
    assert vignettes
    for card in vignettes:
        pattern = cat.patterns[card.patterns[0]]
        lines = [ln[2:] for ln in card.prompt.splitlines() if ln.startswith("• ")]
        assert len(lines) >= 2
        groups = [ln.split(": ", 1)[0] for ln in lines]
        texts = [ln.split(": ", 1)[1] for ln in lines]
        own = {s.text for s in pattern.signs}
        others = {s.text for pid, p in cat.patterns.items() if pid != pattern.id for s in p.signs}
        assert set(texts) <= own and not set(texts) & others, card.id
        if len({s.group for s in pattern.signs}) >= len(lines):
            assert len(set(groups)) == len(groups), card.id


def test_same_seed_same_cards_other_seed_other_order() -> None:
    cat = small_catalog()
    assert build_decks(cat, seed=7) == build_decks(cat, seed=7)
    a, b = build_decks(cat, seed=1), build_decks(cat, seed=2)
    choices_a = {c.id: c.choices for c in a}
    assert any(choices_a.get(c.id) != c.choices for c in b if c.qtype == QuestionType.CHOICE)


def test_ids_survive_a_reordered_catalog() -> None:
    cat = small_catalog()
    shuffled = dataclasses.replace(
        cat,
        points=MappingProxyType(dict(reversed(list(cat.points.items())))),
        patterns=MappingProxyType(dict(reversed(list(cat.patterns.items())))),
    )
    assert _ids(build_decks(cat)) == _ids(build_decks(shuffled))
    # and the same card asks the same thing, with the same choices in the same order and the same answer
    before = {c.id: (c.prompt, c.choices, c.correct_index, c.answer) for c in build_decks(cat)}
    after = {c.id: (c.prompt, c.choices, c.correct_index, c.answer) for c in build_decks(shuffled)}
    assert before == after


def test_locate_cards_name_the_point_and_its_view(any_catalog: Catalog) -> None:
    """One locate card per point and view it is drawn on; the first view's card keeps the point's id."""
    asked: dict[str, list[str]] = {}
    for card in build_decks(any_catalog):
        if card.qtype == QuestionType.LOCATE:
            point = any_catalog.points[card.point]
            asked.setdefault(point.code, []).append(card.view)
            assert card.view in card.prompt and card.id.startswith(f"locate:{point.code}")
            assert point.code in card.prompt and card.answer == point.location
            assert card.region == point.region
    for code, views in asked.items():
        assert views == list(dict.fromkeys(a.view for a in any_catalog.points[code].anchors)), code
    for code in (c for c, p in any_catalog.points.items() if len({a.view for a in p.anchors}) > 1):
        ids = [c.id for c in build_decks(any_catalog) if c.qtype == QuestionType.LOCATE and c.point == code]
        assert ids[0] == f"locate:{code}" and len(set(ids)) == len(ids) > 1


def test_locate_prompts_name_the_view_as_the_diagram_does(catalog: Catalog) -> None:
    prompts = {c.view: c.prompt for c in build_decks(catalog) if c.qtype == QuestionType.LOCATE}
    assert prompts["head"].endswith(" is on the head and neck close-up.")
    assert prompts["side"].endswith(" is on the right side view.")
    assert prompts["back"].endswith(" is on the back view.")


def test_cards_carry_pattern_and_region_for_statistics(any_catalog: Catalog) -> None:
    for card in build_decks(any_catalog):
        if card.point:
            assert card.region == any_catalog.points[card.point].region
            assert (
                set(card.patterns) == set(any_catalog.point_patterns(card.point))
                or card.deck == Deck.PATTERN_POINTS
            )
        else:
            assert card.patterns and set(card.patterns) <= set(any_catalog.patterns)


def test_every_shipped_point_can_be_located_and_is_asked_about(catalog: Catalog) -> None:
    """Every point is asked about; every point the figures draw has a locate card, and only those."""
    by_point: dict[str, set[Deck]] = {}
    for card in build_decks(catalog):
        if card.point:
            by_point.setdefault(card.point, set()).add(card.deck)
    assert set(by_point) == set(catalog.points)
    for code, decks in by_point.items():
        assert Deck.POINT_FACTS in decks, code
        assert (Deck.LOCATE in decks) == bool(catalog.points[code].anchors), code
        assert (Deck.POINT_CAUTIONS in decks) == bool(catalog.points[code].cautions), code
    prescribed = {code for p in catalog.patterns.values() for code in p.points_by_role()}
    assert {code for code, decks in by_point.items() if Deck.PATTERN_POINTS in decks} == prescribed


def test_a_focus_keeps_to_one_channel_or_one_region(catalog: Catalog) -> None:
    from app.domain.decks import Focus, study_focuses

    cards = build_decks(catalog)
    bladder = [c for c in cards if Focus(channel="BL").keeps(catalog, c)]
    assert bladder and all(catalog.points[c.point].channel == "BL" for c in bladder if c.point)
    assert all(c.point for c in bladder)  # pattern cards about no one point are left out
    assert {c.deck for c in bladder} >= {Deck.POINT_FACTS, Deck.LOCATE}
    low_back = [c for c in cards if Focus(region="lower_back").keeps(catalog, c)]
    assert low_back and all(catalog.points[c.point].region == "lower_back" for c in low_back)
    assert all(Focus().keeps(catalog, c) for c in cards)
    focuses = study_focuses(catalog)
    assert focuses[0] == Focus()
    assert {f.channel for f in focuses if f.channel} == {p.channel for p in catalog.points.values()}
    assert Focus(channel="BL").label(catalog) == "Channel: Bladder channel (BL)"


def test_the_pattern_index_agrees_with_point_patterns_for_every_point(catalog) -> None:
    index = catalog.patterns_by_point()
    assert set(index) == set(catalog.points)
    assert all(index[code] == catalog.point_patterns(code) for code in catalog.points)
    assert "kidney_qi_deficiency" in index["BL23"]


def test_a_choice_card_shows_the_same_choices_each_time_it_is_read(catalog: Catalog) -> None:
    """The choices are drawn when a card is shown, not when the decks are built: every reading (the
    buttons, the answer check) must draw the same ones, from the card's own seed."""
    cards = [c for c in build_decks(catalog) if c.qtype == QuestionType.CHOICE]
    again = {c.id: c for c in build_decks(catalog)}
    for card in cards:
        assert card.choices == card.choices == again[card.id].choices, card.id
        assert card.correct_choice == card.draw.correct, card.id
