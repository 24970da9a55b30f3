"""The shipped catalog (``data/points.yaml``) holds what issue 2 asks for.

Each test names the content it requires, so a failure says what is missing.
The facts are looked up by meaning (the seed file a line cites and the words
or figures it must carry), not by the ids the content happens to use, except
where other code depends on an id (patterns, regions, zones, factors).
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from pathlib import Path

import pytest

from app.domain.models import Catalog, Guidance, SourceKind

SEEDS = Path(__file__).resolve().parent.parent.parent / "shared" / "seeds"

PATTERNS = {"blood_stagnation", "kidney_qi_deficiency", "liver_qi_stagnation", "wind_cold"}
SEED_REGIONS = {  # region id -> (back_pain, the seed's word, 002_)
    "hand": ("lower", "hand"),
    "foot": ("lower", "foot"),
    "hip": ("lower", "hip"),
    "stomach": ("lower", "stomach"),
    "lower_back": ("lower", "lower back"),
    "back_of_knee": ("lower", "knee"),
    "head": ("upper", "head"),
    "neck": ("upper", "neck"),
    "shoulders": ("upper", "shoulder"),
    "upper_back": ("upper", "upper back"),
}
ZONES = {  # zone id -> channel (003_: channel differentiation)
    "midline": "GV",
    "paraspinal_left": "BL",
    "paraspinal_right": "BL",
    "hip_side_left": "GB",
    "hip_side_right": "GB",
    "leg_back": "BL",
    "leg_side": "GB",
}
FACTORS = {"pregnancy", "anticoagulants", "pacemaker", "first_treatment", "fainting", "skin_lesion"}
# The seed's own signs of each pattern (003_), as words its signs must carry.
SEED_SIGNS = {
    "blood_stagnation": [r"accident|trauma", r"stabbing"],
    "kidney_qi_deficiency": [r"\b40\b|forty", r"spine", r"knee", r"joint", r"stiff"],
    "liver_qi_stagnation": [r"anger|angry", r"emotion", r"stress", r"frustrat"],
    "wind_cold": [r"cold", r"wind", r"iced?\b", r"tight", r"energy", r"urinat"],
}


def seed_sources(catalog: Catalog, prefix: str) -> set[str]:
    """Ids of the seed sources that cite the file starting with ``prefix`` (e.g. "003_")."""
    return {
        sid
        for sid, s in catalog.sources.items()
        if s.kind is SourceKind.SEED and s.file is not None and s.file.startswith(prefix)
    }


def guidance_citing(catalog: Catalog, prefix: str) -> list[Guidance]:
    ids = seed_sources(catalog, prefix)
    return [g for g in catalog.guidance.values() if ids & set(g.sources)]


def matches(text: str, *patterns: str) -> bool:
    return all(re.search(p, text, re.IGNORECASE | re.DOTALL) for p in patterns)


# --- patterns ---------------------------------------------------------------------------------------------


def test_exactly_the_four_patterns(catalog) -> None:
    assert set(catalog.patterns) == PATTERNS


@pytest.mark.parametrize("pid", sorted(PATTERNS))
def test_pattern_names(catalog, pid: str) -> None:
    pattern = catalog.patterns[pid]
    assert pattern.name.strip()
    decomposed = unicodedata.normalize("NFD", pattern.pinyin)
    assert any(unicodedata.combining(ch) for ch in decomposed), f"{pid}: pinyin without tone marks"
    assert re.search(r"[\u4e00-\u9fff]", pattern.chinese), f"{pid}: no Chinese characters"
    assert pattern.cause.text and pattern.principle.text


@pytest.mark.parametrize("pid", sorted(PATTERNS))
def test_pattern_has_local_and_distal_points_with_roles(catalog, pid: str) -> None:
    rx = catalog.patterns[pid].prescription
    assert rx.local, f"{pid}: no local points"
    assert rx.distal, f"{pid}: no distal points"
    for item in (*rx.local, *rx.distal):
        assert item.role.strip() and item.sources, f"{pid}: {item.point} without a role or source"


@pytest.mark.parametrize("pid", sorted(PATTERNS))
def test_pattern_has_the_seed_signs(catalog, pid: str) -> None:
    seed = seed_sources(catalog, "003_")
    signs = catalog.patterns[pid].signs
    assert all(s.sources for s in signs)
    seed_text = " ".join(s.text for s in signs if seed & set(s.sources))
    missing = [p for p in SEED_SIGNS[pid] if not re.search(p, seed_text, re.IGNORECASE)]
    assert not missing, f"{pid}: no sign citing 003_ mentions {missing}"


@pytest.mark.parametrize("pid", sorted(PATTERNS))
def test_pattern_has_textbook_signs(catalog, pid: str) -> None:
    """Beyond the seed's words: signs from other sources (pain, tongue, pulse...)."""
    seeds = {sid for sid, s in catalog.sources.items() if s.kind is SourceKind.SEED}
    assert any(set(s.sources) - seeds for s in catalog.patterns[pid].signs), f"{pid}: only seed signs"


def test_notes_record_the_textbook_variants(catalog) -> None:
    kidney = " ".join(n.text for n in catalog.patterns["kidney_qi_deficiency"].notes)
    assert matches(kidney, r"\byang\b", r"\byin\b"), "kidney deficiency: no note on the yang/yin split"
    wind = " ".join(n.text for n in catalog.patterns["wind_cold"].notes)
    assert matches(wind, r"damp"), "wind-cold: no note on the textbooks' cold-damp"


# --- regions, zones, points -------------------------------------------------------------------------------


@pytest.mark.parametrize("rid", sorted(SEED_REGIONS))
def test_seed_region(catalog, rid: str) -> None:
    back_pain, word = SEED_REGIONS[rid]
    assert rid in catalog.regions, f"region {rid} missing"
    region = catalog.regions[rid]
    assert region.back_pain.value == back_pain
    assert word in region.seed_words.lower(), f"{rid}: seed_words {region.seed_words!r} lack {word!r}"
    assert seed_sources(catalog, "002_") & set(region.sources), f"{rid}: does not cite 002_"
    assert region.points, f"{rid}: no points lie in it"


def test_stomach_region_states_its_reading(catalog) -> None:
    reading = catalog.regions["stomach"].reading
    assert reading is not None and reading.text.strip() and reading.sources


@pytest.mark.parametrize("zid", sorted(ZONES))
def test_channel_zone(catalog, zid: str) -> None:
    assert zid in catalog.zones, f"zone {zid} missing"
    zone = catalog.zones[zid]
    assert zone.channel == ZONES[zid]
    assert zone.distal, f"{zid}: no distal points"
    assert zone.reason.text and zone.reason.sources
    assert seed_sources(catalog, "003_") & set(zone.sources), f"{zid}: does not cite 003_"


def referenced_points(catalog: Catalog) -> set[str]:
    codes = set()
    for pattern in catalog.patterns.values():
        codes |= {p.point for p in (*pattern.prescription.local, *pattern.prescription.distal)}
    for zone in catalog.zones.values():
        codes |= {p.point for p in zone.distal}
    for region in catalog.regions.values():
        codes |= set(region.points)
    return codes


def test_every_referenced_point_is_complete(catalog) -> None:
    codes = referenced_points(catalog)
    assert codes
    for code in sorted(codes):
        assert code in catalog.points, f"{code} is named but not defined"
        point = catalog.points[code]
        assert point.code == code
        assert point.pinyin and point.chinese and point.english, code
        assert point.channel in catalog.channels, code
        assert point.location.strip() and point.location_sources, code
        assert isinstance(point.cautions, tuple), code
        assert point.sources, code
        assert point.needling.text and point.needling.sources, code
        assert point.anchors, f"{code}: no diagram anchor"


def has_tone_marks(pinyin: str) -> bool:
    return any(unicodedata.combining(ch) for ch in unicodedata.normalize("NFD", pinyin))


def test_point_and_channel_names(catalog) -> None:
    """Pinyin with tone marks and Chinese characters for every point and channel."""
    named = {f"points.{c}": p for c, p in catalog.points.items()}
    named |= {f"channels.{c}": ch for c, ch in catalog.channels.items()}
    no_tones = [k for k, v in named.items() if not has_tone_marks(v.pinyin)]
    no_hanzi = [k for k, v in named.items() if not re.fullmatch(r"[\u4e00-\u9fff]+", v.chinese)]
    assert no_tones == [] and no_hanzi == []


def test_locations_follow_who_2008(catalog) -> None:
    """Channel points are located after the WHO standard; extra points, which
    WHO 2008 does not locate, say so."""
    standard = {sid for sid, s in catalog.sources.items() if s.kind is SourceKind.STANDARD}
    assert standard
    for code, point in catalog.points.items():
        if point.channel == "EX":
            assert "WHO" in point.location and "not" in point.location.lower(), code
        else:
            assert standard & set(point.location_sources), f"{code}: location not after WHO 2008"
            assert re.search(r"WHO 2008 p\. \d+", point.location), f"{code}: no WHO page"


def test_every_point_is_used_somewhere(catalog) -> None:
    assert set(catalog.points) <= referenced_points(catalog)


# --- session guidance -------------------------------------------------------------------------------------

GUIDANCE_FACTS = [
    # (what, seed file prefix, words the line must carry)
    ("a course of 6 to 12 sessions", "003_", [r"\b(6|six)\b.*\b(12|twelve)\b", r"session|treatment"]),
    ("a minimum of 12 in clinical studies", "001_", [r"minimum|at least", r"\b(12|twelve)\b"]),
    ("15 to 30 minutes a session", "003_", [r"\b(15|fifteen)\b.*\b(30|thirty)\b", r"minute"]),
    ("reassess after 6 to 8 weeks", "003_", [r"\b(6|six)\b.*\b(8|eight)\b", r"week"]),
    ("chronic cases may need ongoing care", "003_", [r"chronic", r"ongoing|regular|continu"]),
    (
        "rest 5 to 10 minutes after the first visit",
        "003_",
        [r"\b(5|five)\b.*\b(10|ten)\b", r"minute", r"rest"],
    ),
    ("arrange a ride home", "003_", [r"ride|driv"]),
    ("sterile single-use needles", "004_", [r"sterile", r"single-use|single use|disposable"]),
    ("take the medical history", "004_", [r"medical history|medications|conditions"]),
    ("electro-acupuncture as an option", "001_", [r"electro"]),
    ("the serious-adverse-event figures", "000_", [r"0\.05", r"0\.55", r"10,?000", r"adverse|serious"]),
]


@pytest.mark.parametrize(("what", "prefix", "words"), GUIDANCE_FACTS, ids=[f[0] for f in GUIDANCE_FACTS])
def test_guidance_fact(catalog, what: str, prefix: str, words: list[str]) -> None:
    lines = guidance_citing(catalog, prefix)
    assert any(matches(g.text, *words) for g in lines), f"no guidance line citing {prefix} says {what}"


def test_course_values_for_the_plan_builder(catalog) -> None:
    course = [g for g in guidance_citing(catalog, "003_") if g.topic == "course" and g.values]
    assert any(dict(g.values) == {"min": 6, "max": 12} for g in course), (
        "no course line with values {min: 6, max: 12}"
    )


def test_expected_side_effects(catalog) -> None:
    lines = [g for g in catalog.guidance.values() if g.topic == "side_effects"]
    text = " ".join(g.text for g in lines)
    needling_pain = r"needl\w* pain|pain\w* (at|from) the needl"
    for word in (r"bruis", r"bleed", needling_pain, r"light-?headed", r"dizz", r"allerg"):
        assert re.search(word, text, re.IGNORECASE), f"side effects do not mention {word}"
    cited = set().union(*(g.sources for g in lines)) if lines else set()
    assert seed_sources(catalog, "000_") & cited and seed_sources(catalog, "003_") & cited


EVIDENCE_FIGURES = [
    ("000_", "20,000"),
    ("000_", "90%"),
    ("000_", "49%"),
    ("001_", "87.1%"),
    ("001_", "93.3%"),
    ("001_", "23.3%"),
    ("001_", "85%"),
    ("002_", "50%"),
    ("004_", "six months"),
]


@pytest.mark.parametrize(("prefix", "figure"), EVIDENCE_FIGURES)
def test_evidence_figures_are_marked_as_the_sources_claims(catalog, prefix: str, figure: str) -> None:
    lines = [g for g in guidance_citing(catalog, prefix) if figure in g.text]
    assert lines, f"no guidance line citing {prefix} quotes {figure}"
    assert all(g.claim for g in lines), f"{figure} ({prefix}) is not marked claim: true"


def test_every_seed_evidence_line_is_a_claim(catalog) -> None:
    seeds = {sid for sid, s in catalog.sources.items() if s.kind is SourceKind.SEED}
    evidence = [g for g in catalog.guidance.values() if g.topic == "evidence" and seeds & set(g.sources)]
    assert evidence
    assert [g.id for g in evidence if not g.claim] == []
    percent = [g.id for g in catalog.guidance.values() if re.search(r"\d%", g.text) and not g.claim]
    assert percent == [], "figures quoted from a source must be marked claim: true"


# --- techniques and safety rules -------------------------------------------------------------------------


def techniques(catalog: Catalog):
    return [t for p in catalog.patterns.values() for t in p.techniques]


@pytest.mark.parametrize("kind", ["needl", "moxibustion", "cupping", "bleeding", "electro"])
def test_techniques_named_by_the_issue(catalog, kind: str) -> None:
    assert any(kind in f"{t.id} {t.name}".lower() for t in techniques(catalog)), f"no {kind} technique"


def test_every_technique_has_its_cautions(catalog) -> None:
    assert [t.id for t in techniques(catalog) if not t.cautions] == []


@pytest.mark.parametrize(
    ("kind", "factor"),
    [("electro", "pacemaker"), ("bleeding", "anticoagulants"), ("cupping", "anticoagulants")],
)
def test_technique_safety_rule(catalog, kind: str, factor: str) -> None:
    chosen = [t for t in techniques(catalog) if kind in f"{t.id} {t.name}".lower()]
    assert chosen
    for technique in chosen:
        assert any(factor in c.factors for c in technique.cautions), f"{technique.id}: no {factor} rule"


@pytest.mark.parametrize("code", ["LI4", "SP6"])
def test_points_forbidden_in_pregnancy(catalog, code: str) -> None:
    assert code in catalog.points, f"{code} is missing from the catalog"
    cautions = catalog.points[code].cautions
    assert any("pregnancy" in c.factors and c.severity.value == "contraindication" for c in cautions)


def test_liver_qi_departure_from_the_textbooks_is_stated(catalog) -> None:
    """003_'s liver Qi stagnation has no low back pain prescription in the
    textbook read: the prescription is not marked as read from a standard
    text, and the pattern says plainly that it departs from the textbooks."""
    liver = catalog.patterns["liver_qi_stagnation"]
    assert liver.prescription.status.value in ("seed_only", "general_applied")
    said = " ".join(n.text for n in liver.notes)
    if liver.prescription.note is not None:
        said += " " + liver.prescription.note.text
    assert matches(said, r"departure|departs|no standard text"), "liver Qi: the departure is not stated"
    textbooks = {sid for sid, s in catalog.sources.items() if s.kind is SourceKind.TEXTBOOK}
    assert any(textbooks & set(n.sources) for n in liver.notes)


def test_weakly_supported_prescriptions_say_why(catalog) -> None:
    """A prescription that is not read from a standard text (seed only, or a
    general prescription applied here) says so plainly in a note."""
    for pattern in catalog.patterns.values():
        if pattern.prescription.status.value in ("seed_only", "general_applied"):
            assert pattern.prescription.note is not None or pattern.notes, pattern.id


# --- safety, sources --------------------------------------------------------------------------------------


def test_patient_factors(catalog) -> None:
    assert set(catalog.factors) >= FACTORS
    used = {f for p in catalog.points.values() for c in p.cautions for f in c.factors}
    used |= {
        f for pat in catalog.patterns.values() for t in pat.techniques for c in t.cautions for f in c.factors
    }
    assert used >= {"pregnancy", "pacemaker", "anticoagulants"}, "safety rules missing for some factors"


def test_red_flags_cite_guidelines(catalog) -> None:
    assert catalog.red_flags
    for flag in catalog.red_flags.values():
        kinds = {catalog.sources[s].kind for s in flag.sources}
        assert SourceKind.GUIDELINE in kinds, f"red flag {flag.id} does not cite a clinical guideline"
        assert flag.reason.strip()


def test_seed_sources_name_existing_seed_files(catalog) -> None:
    seeds = {s.file for s in catalog.sources.values() if s.kind is SourceKind.SEED}
    assert None not in seeds
    assert len(seeds) == 5, f"the five seed articles are cited by file name: {sorted(map(str, seeds))}"
    if not SEEDS.is_dir():
        pytest.skip(f"{SEEDS} is absent: the file names cannot be checked")
    assert seeds == {p.name for p in SEEDS.glob("*.txt")}


def _walk(obj, path: str):
    """Every dataclass inside ``obj`` with its dotted path."""
    if dataclasses.is_dataclass(obj):
        yield path, obj
        for f in dataclasses.fields(obj):
            yield from _walk(getattr(obj, f.name), f"{path}.{f.name}")
    elif isinstance(obj, tuple):
        for i, item in enumerate(obj):
            yield from _walk(item, f"{path}[{i}]")


def test_no_item_without_a_source(catalog) -> None:
    tables = ("channels", "regions", "points", "patterns", "zones", "guidance", "factors", "red_flags")
    unsourced = []
    checked = 0
    items = [("disclaimer", catalog.disclaimer)]
    items += [(f"{t}.{key}", value) for t in tables for key, value in getattr(catalog, t).items()]
    for root, value in items:
        for path, obj in _walk(value, root):
            for name in ("sources", "location_sources"):
                if hasattr(obj, name):
                    checked += 1
                    ids = getattr(obj, name)
                    if not ids or not set(ids) <= set(catalog.sources):
                        unsourced.append(f"{path}.{name}")
    assert checked > 100
    assert unsourced == []


def test_every_source_is_cited(catalog) -> None:
    cited = set(catalog.disclaimer.sources)
    tables = ("channels", "regions", "points", "patterns", "zones", "guidance", "factors", "red_flags")
    for t in tables:
        for value in getattr(catalog, t).values():
            for _, obj in _walk(value, t):
                cited |= set(getattr(obj, "sources", ())) | set(getattr(obj, "location_sources", ()))
    assert set(catalog.sources) - cited == set(), "sources nothing cites"
