"""Study decks generated from the catalog (never hand-written question lists).

Every card is derived from ``data/points.yaml``: a pattern's key signs, which
pattern a sign belongs to, a prescription's local and distal points, a point's
location, region, channel and cautions, short case vignettes composed from a
pattern's signs, and "locate" questions placed from the point's anchors.

Card ids are stable strings built from catalog ids (``sign_pattern:kd_age_over_40``,
``locate:BL23``), so progress stored against them survives catalog reloads and
the reordering of the file. Anything random (distractors, the order of choices,
which signs a vignette shows) comes from ``random.Random(f"{seed}:{card_id}")``:
the same seed and catalog always give the same cards.

Pure Python: no Qt here.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from .models import Catalog, Caution, Pattern, Point, Sign
from .vocabulary import View

MAX_CHOICES = 4  # the 1-4 keys answer a multiple-choice question
VIGNETTES_PER_PATTERN = 3
VIGNETTE_SIGNS = 4  # signs shown in one vignette, each from a different intake group


class QuestionType(StrEnum):
    CHOICE = "choice"
    FLASHCARD = "flashcard"
    LOCATE = "locate"

    @property
    def label(self) -> str:
        return {"choice": "Multiple choice", "flashcard": "Flashcard", "locate": "Locate on the body"}[
            self.value
        ]


class Deck(StrEnum):
    PATTERN_SIGNS = "pattern_signs"
    SIGN_PATTERN = "sign_pattern"
    PATTERN_POINTS = "pattern_points"
    POINT_FACTS = "point_facts"
    POINT_CAUTIONS = "point_cautions"
    VIGNETTE = "vignette"
    LOCATE = "locate"

    @property
    def label(self) -> str:
        return _DECK_LABELS[self]


_DECK_LABELS = {
    Deck.PATTERN_SIGNS: "Pattern → key signs",
    Deck.SIGN_PATTERN: "Sign → pattern",
    Deck.PATTERN_POINTS: "Pattern → local and distal points",
    Deck.POINT_FACTS: "Point → location, region and channel",
    Deck.POINT_CAUTIONS: "Point → cautions",
    Deck.VIGNETTE: "Case vignette → pattern",
    Deck.LOCATE: "Locate the point",
}


@dataclass(frozen=True, slots=True)
class ChoiceDraw:
    """How a multiple-choice card draws its distractors and their order (see :func:`_choice_card`).

    Drawn when the card is shown, not when the decks are built: a session shows a few dozen of the
    thousand choice cards, and seeding a generator for each was most of building the decks."""

    seed: int
    card_id: str
    correct: str
    pool: tuple[str, ...]  # sorted, no repeats; may hold the correct text
    preferred: tuple[str, ...] = ()  # the same; drawn from first

    def draw(self) -> tuple[tuple[str, ...], int]:
        """The choices, shuffled, and the index of the correct one."""
        rng = _rng(self.seed, self.card_id)
        first = [t for t in self.preferred if t != self.correct]
        taken = set(first)
        rest = [t for t in self.pool if t != self.correct and t not in taken]
        wanted = MAX_CHOICES - 1
        picked = rng.sample(first, min(wanted, len(first)))
        picked += rng.sample(rest, min(wanted - len(picked), len(rest)))
        choices = [self.correct, *picked]
        rng.shuffle(choices)
        return tuple(choices), choices.index(self.correct)


@dataclass(frozen=True, slots=True)
class Card:
    id: str  # stable across catalog reloads: built from catalog ids only
    deck: Deck
    qtype: QuestionType
    prompt: str
    answer: str  # shown after answering (or on the back of a flashcard)
    point: str | None = None  # the point a card is about (locate, point facts)
    view: str | None = None  # diagram view of a locate card
    patterns: tuple[str, ...] = ()  # pattern ids, for accuracy by pattern
    region: str | None = None  # region id, for accuracy by region
    draw: ChoiceDraw | None = None  # multiple choice only

    @property
    def choices(self) -> tuple[str, ...]:
        """Multiple choice only: the correct answer and its distractors, shuffled."""
        return self.draw.draw()[0] if self.draw else ()

    @property
    def correct_index(self) -> int:
        """Index into :attr:`choices` (-1 when there are none)."""
        return self.draw.draw()[1] if self.draw else -1

    @property
    def correct_choice(self) -> str:
        return self.choices[self.correct_index]


def point_title(point: Point) -> str:
    return f"{point.code} {point.pinyin} ({point.english})"


def build_decks(catalog: Catalog, seed: int = 0) -> tuple[Card, ...]:
    """Every card the catalog yields, in a stable order (deck, then catalog order)."""
    patterns_of = catalog.patterns_by_point()
    return (
        *_pattern_sign_cards(catalog, seed),
        *_sign_pattern_cards(catalog, seed),
        *_pattern_point_cards(catalog, seed),
        *_point_fact_cards(catalog, seed, patterns_of),
        *_point_caution_cards(catalog, seed, patterns_of),
        *_vignette_cards(catalog, seed),
        *_locate_cards(catalog, patterns_of),
    )


# -- helpers ------------------------------------------------------------


def _rng(seed: int, card_id: str) -> random.Random:
    # str seeds are hashed with SHA-512 by random.seed: stable across runs and
    # unaffected by PYTHONHASHSEED.
    return random.Random(f"{seed}:{card_id}")


def _choice_card(
    seed: int,
    card_id: str,
    correct: str,
    pool: tuple[str, ...],
    preferred: tuple[str, ...] = (),
    /,
    **fields: object,
) -> Card | None:
    """A multiple-choice card: the correct answer plus up to three distractors.

    Distractors come from ``preferred`` first (harder, e.g. same intake group),
    then the rest of ``pool``; never the correct text. None if no distractor exists.
    Both are sorted texts without repeats (:func:`_pool`), shared by the cards that draw from them.
    """
    if all(t == correct for t in pool) and all(t == correct for t in preferred):
        return None
    return Card(
        id=card_id,
        qtype=QuestionType.CHOICE,
        draw=ChoiceDraw(seed, card_id, correct, pool, preferred),
        **fields,  # type: ignore[arg-type]
    )


def _pool(texts: Iterable[str]) -> tuple[str, ...]:
    return tuple(sorted(set(texts)))


def _key_signs(pattern: Pattern) -> tuple[Sign, ...]:
    keys = tuple(s for s in pattern.signs if s.key)
    return keys or pattern.signs


def _group_name(catalog: Catalog, group: str) -> str:
    found = catalog.sign_groups.get(group)
    return found.name if found else group


def _ordered_by_group(catalog: Catalog, signs: Sequence[Sign]) -> list[Sign]:
    order = {g: i for i, g in enumerate(catalog.sign_groups)}
    return sorted(signs, key=lambda s: order.get(s.group, len(order)))


def _sign_owners(catalog: Catalog) -> dict[str, set[str]]:
    """Sign text -> ids of the patterns listing a sign with that text."""
    owners: dict[str, set[str]] = {}
    for pid, pattern in catalog.patterns.items():
        for sign in pattern.signs:
            owners.setdefault(sign.text, set()).add(pid)
    return owners


# -- decks --------------------------------------------------------------


def _pattern_sign_cards(catalog: Catalog, seed: int) -> list[Card]:
    cards: list[Card] = []
    for pid, pattern in catalog.patterns.items():
        keys = _ordered_by_group(catalog, _key_signs(pattern))
        listing = "\n".join(f"{_group_name(catalog, s.group)}: {s.text}" for s in keys)
        common = {"deck": Deck.PATTERN_SIGNS, "patterns": (pid,)}
        cards.append(
            Card(
                id=f"pattern_signs:{pid}",
                qtype=QuestionType.FLASHCARD,
                prompt=f"Name the key signs of {pattern.name}.",
                answer=listing,
                **common,  # type: ignore[arg-type]
            )
        )
        own_texts = {s.text for s in pattern.signs}
        others = [
            s
            for opid, other in catalog.patterns.items()
            if opid != pid
            for s in other.signs
            if s.text not in own_texts
        ]
        pool = _pool(s.text for s in others)
        by_group = {g: _pool(s.text for s in others if s.group == g) for g in {s.group for s in keys}}
        for sign in keys:
            card = _choice_card(
                seed,
                f"pattern_signs:{pid}:{sign.id}",
                sign.text,
                pool,
                by_group[sign.group],
                prompt=f"Which of these is a key sign of {pattern.name}?",
                answer=f"{sign.text} ({_group_name(catalog, sign.group)}).\n\n"
                f"All key signs of {pattern.name}:\n{listing}",
                **common,
            )
            if card:
                cards.append(card)
    return cards


def _sign_pattern_cards(catalog: Catalog, seed: int) -> list[Card]:
    """One card per sign that belongs to exactly one pattern (a shared sign has no single answer)."""
    owners = _sign_owners(catalog)
    names = _pool(p.name for p in catalog.patterns.values())  # a card's own answer is never drawn
    cards: list[Card] = []
    seen: set[str] = set()
    for pid, pattern in catalog.patterns.items():
        for sign in pattern.signs:
            if owners[sign.text] != {pid} or sign.id in seen:
                continue
            seen.add(sign.id)
            card = _choice_card(
                seed,
                f"sign_pattern:{sign.id}",
                pattern.name,
                names,
                prompt=f"{_group_name(catalog, sign.group)}: “{sign.text}”\n\n"
                "Which pattern does this sign point to?",
                answer=f"{pattern.name}: {sign.text}",
                deck=Deck.SIGN_PATTERN,
                patterns=(pid,),
            )
            if card:
                cards.append(card)
    return cards


def _prescription_listing(catalog: Catalog, pattern: Pattern) -> str:
    lines: list[str] = []
    for title, items in (("Local", pattern.prescription.local), ("Distal", pattern.prescription.distal)):
        lines.append(f"{title} points:")
        lines += [f"  {point_title(catalog.points[p.point])}: {p.role}" for p in items]
    return "\n".join(lines)


def _pattern_point_cards(catalog: Catalog, seed: int) -> list[Card]:
    cards: list[Card] = []
    titles = {code: point_title(p) for code, p in catalog.points.items()}
    every_title = _pool(titles.values())  # a title names its code: one title a point
    for pid, pattern in catalog.patterns.items():
        listing = _prescription_listing(catalog, pattern)
        cards.append(
            Card(
                id=f"pattern_points:{pid}",
                deck=Deck.PATTERN_POINTS,
                qtype=QuestionType.FLASHCARD,
                prompt=f"Which local and distal points does the prescription for {pattern.name} use?",
                answer=listing,
                patterns=(pid,),
            )
        )
        used = {titles[code] for code in pattern.points_by_role()}
        outside = tuple(t for t in every_title if t not in used)
        for role, items in (("local", pattern.prescription.local), ("distal", pattern.prescription.distal)):
            for item in items:
                point = catalog.points[item.point]
                card = _choice_card(
                    seed,
                    f"pattern_points:{pid}:{role}:{item.point}",
                    point_title(point),
                    outside,
                    prompt=f"Which of these is a {role} point in the prescription for {pattern.name}?",
                    answer=f"{point_title(point)}: {item.role}\n\n{listing}",
                    deck=Deck.PATTERN_POINTS,
                    point=item.point,
                    patterns=(pid,),
                    region=point.region,
                )
                if card:
                    cards.append(card)
    return cards


def _point_fact_cards(catalog: Catalog, seed: int, patterns_of: Mapping[str, tuple[str, ...]]) -> list[Card]:
    cards: list[Card] = []
    channel_names = _pool(c.name for c in catalog.channels.values())
    region_names = _pool(r.name for r in catalog.regions.values())
    for code, point in catalog.points.items():
        channel = catalog.channels[point.channel].name
        region = catalog.regions[point.region].name
        common = {
            "deck": Deck.POINT_FACTS,
            "point": code,
            "patterns": patterns_of[code],
            "region": point.region,
        }
        facts = f"{point.location}\nRegion: {region}\nChannel: {channel}"
        title = point_title(point)
        cards.append(
            Card(
                id=f"point_location:{code}",
                qtype=QuestionType.FLASHCARD,
                prompt=f"Where is {title}? Give its location, region and channel.",
                answer=facts,
                **common,  # type: ignore[arg-type]
            )
        )
        for card in (
            _choice_card(
                seed,
                f"point_channel:{code}",
                channel,
                channel_names,
                prompt=f"Which channel is {title} on?",
                answer=facts,
                **common,
            ),
            _choice_card(
                seed,
                f"point_region:{code}",
                region,
                region_names,
                prompt=f"In which region is {title}?",
                answer=facts,
                **common,
            ),
        ):
            if card:
                cards.append(card)
    return cards


def caution_line(catalog: Catalog, caution: Caution) -> str:
    severity = "Contraindication" if caution.severity == "contraindication" else "Caution"
    if caution.factors:
        labels = ", ".join(catalog.factors[f].label if f in catalog.factors else f for f in caution.factors)
        return f"{severity} ({labels}): {caution.text}"
    return f"{severity}: {caution.text}"


def _point_caution_cards(
    catalog: Catalog, seed: int, patterns_of: Mapping[str, tuple[str, ...]]
) -> list[Card]:
    """Flashcards only: cautions are often general (depth on the back, pregnancy), so another
    point's caution is no safe "wrong" choice; recalling the point's own list is the skill."""
    cards: list[Card] = []
    for code, point in catalog.points.items():
        if not point.cautions:
            continue
        common = {
            "deck": Deck.POINT_CAUTIONS,
            "point": code,
            "patterns": patterns_of[code],
            "region": point.region,
        }
        listing = "\n".join(caution_line(catalog, c) for c in point.cautions)
        cards.append(
            Card(
                id=f"point_cautions:{code}",
                qtype=QuestionType.FLASHCARD,
                prompt=f"What cautions apply to {point_title(point)}?",
                answer=listing,
                **common,  # type: ignore[arg-type]
            )
        )
    return cards


def _vignette_cards(catalog: Catalog, seed: int) -> list[Card]:
    """Short cases composed from one pattern's distinctive signs, one per intake group.

    Only signs no other pattern lists are used, so each vignette has one answer.
    """
    owners = _sign_owners(catalog)
    names = _pool(p.name for p in catalog.patterns.values())  # a card's own answer is never drawn
    cards: list[Card] = []
    for pid, pattern in catalog.patterns.items():
        distinctive = [s for s in pattern.signs if owners[s.text] == {pid}]
        by_group: dict[str, list[Sign]] = {}
        for sign in _ordered_by_group(catalog, distinctive):
            by_group.setdefault(sign.group, []).append(sign)
        if len(distinctive) < 2:
            continue
        seen: set[tuple[str, ...]] = set()
        for n in range(1, VIGNETTES_PER_PATTERN + 1):
            card_id = f"vignette:{pid}:{n}"
            rng = _rng(seed, card_id)
            groups = sorted(
                rng.sample(sorted(by_group), min(VIGNETTE_SIGNS, len(by_group))), key=list(by_group).index
            )
            chosen = [rng.choice(by_group[g]) for g in groups]
            if len(chosen) < 2:  # all distinctive signs in one group: show two of them
                chosen = rng.sample(distinctive, 2)
            key = tuple(s.id for s in chosen)
            if key in seen:
                continue
            seen.add(key)
            case = "\n".join(f"• {_group_name(catalog, s.group)}: {s.text}" for s in chosen)
            card = _choice_card(
                seed,
                card_id,
                pattern.name,
                names,
                prompt=f"A patient with back pain, at intake:\n{case}\n\nWhich pattern fits best?",
                answer=f"{pattern.name}. Key signs:\n"
                + "\n".join(
                    f"{_group_name(catalog, s.group)}: {s.text}"
                    for s in _ordered_by_group(catalog, _key_signs(pattern))
                ),
                deck=Deck.VIGNETTE,
                patterns=(pid,),
            )
            if card:
                cards.append(card)
    return cards


def _locate_cards(catalog: Catalog, patterns_of: Mapping[str, tuple[str, ...]]) -> list[Card]:
    """One locate card per point and view it is drawn on (the first view's id is the point's own)."""
    cards: list[Card] = []
    for code, point in catalog.points.items():
        views = list(dict.fromkeys(a.view for a in point.anchors))
        for index, view in enumerate(views):
            cards.append(
                Card(
                    id=f"locate:{code}" if index == 0 else f"locate:{code}:{view}",
                    deck=Deck.LOCATE,
                    qtype=QuestionType.LOCATE,
                    prompt=f"Click where {point_title(point)} is on {View(view).phrase}.",
                    answer=point.location,
                    point=code,
                    view=view,
                    patterns=patterns_of[code],
                    region=point.region,
                )
            )
    return cards


@dataclass(frozen=True, slots=True)
class Focus:
    """What a study session keeps to: one channel's or one region's points (neither: every card)."""

    channel: str | None = None
    region: str | None = None

    def keeps(self, catalog: Catalog, card: Card) -> bool:
        if self.channel is None and self.region is None:
            return True
        point = catalog.points.get(card.point or "")
        if point is None:
            return False
        return (self.channel is None or point.channel == self.channel) and (
            self.region is None or point.region == self.region
        )

    def label(self, catalog: Catalog) -> str:
        if self.channel is not None:
            channel = catalog.channels[self.channel]
            return f"Channel: {channel.name} ({channel.id})"
        if self.region is not None:
            return f"Region: {catalog.regions[self.region].name}"
        return "Every card"

    def phrase(self, catalog: Catalog) -> str:
        """The focus inside a sentence ("keeping to ...")."""
        if self.channel is not None:
            return f"the points of the {catalog.channels[self.channel].name} ({self.channel})"
        if self.region is not None:
            return f"the points of the region {catalog.regions[self.region].name}"
        return "every card"


def study_focuses(catalog: Catalog) -> tuple[Focus, ...]:
    """Every card, then each channel and each region that has points, in catalog order."""
    channels = {p.channel for p in catalog.points.values()}
    regions = {p.region for p in catalog.points.values()}
    return (
        Focus(),
        *(Focus(channel=c) for c in catalog.channels if c in channels),
        *(Focus(region=r) for r in catalog.regions if r in regions),
    )
