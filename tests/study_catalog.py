"""A small, made-up catalog for the study-mode tests.

Built straight from the frozen models so the study tests do not depend on the
shipped ``data/points.yaml`` (which other tests cover). The texts are
placeholders for testing the mechanics, not clinical content.
"""

from __future__ import annotations

from types import MappingProxyType

from app.domain.models import (
    Anchor,
    BackPain,
    Better,
    Catalog,
    Caution,
    Channel,
    Laterality,
    MeasureRole,
    Needling,
    OutcomeMeasure,
    Outcomes,
    Pattern,
    Point,
    PrescribedPoint,
    Prescription,
    Region,
    ReviewStatus,
    Severity,
    Sign,
    SignGroup,
    Source,
    Sourced,
    SourceKind,
)

GROUPS = ("history", "pain", "tongue", "pulse")


PAIN_MEASURE = OutcomeMeasure(
    "nrs",
    MeasureRole.PAIN,
    "Pain rating",
    "NRS",
    0,
    10,
    Better.LOWER,
    Sourced("0 to 10.", ("src",)),
    ("src",),
)


def _point(
    code: str, channel: str, region: str, anchor: Anchor, *, midline: bool = False, cautions=()
) -> Point:
    return Point(
        code=code,
        pinyin=f"{code.lower()}pinyin",
        chinese="穴",
        simplified="穴",
        english=f"{code} english",
        channel=channel,
        region=region,
        laterality=Laterality.MIDLINE if midline else Laterality.BILATERAL,
        location=f"Location text of {code}",
        location_status=ReviewStatus.STANDARD_TEXT,
        location_sources=("src",),
        needling=Needling("needling", ("src",)),
        cautions=tuple(cautions),
        anchors=(anchor,),
        sources=("src",),
    )


def _pattern(pid: str, local: tuple[str, ...], distal: tuple[str, ...]) -> Pattern:
    signs = tuple(
        Sign(
            id=f"{pid}_{group}_{n}",
            text=f"{pid} {group} sign {n}",
            group=group,
            weight=1.0,
            key=n == 0,
            sources=("src",),
        )
        for group in GROUPS
        for n in range(2)
    )
    return Pattern(
        id=pid,
        name=f"Pattern {pid}",
        pinyin="py",
        chinese="證",
        cause=Sourced("cause", ("src",)),
        signs=signs,
        principle=Sourced("principle", ("src",)),
        prescription=Prescription(
            local=tuple(PrescribedPoint(c, f"local role of {c}", ("src",)) for c in local),
            distal=tuple(PrescribedPoint(c, f"distal role of {c}", ("src",)) for c in distal),
            status=ReviewStatus.STANDARD_TEXT,
            note=None,
            sources=("src",),
        ),
        techniques=(),
        notes=(),
        sources=("src",),
    )


def small_catalog() -> Catalog:
    deep = Caution("bl23_deep", "Do not needle deeply (test text).", Severity.CAUTION, (), ("src",))
    preg = Caution(
        "li4_preg", "Not in pregnancy (test text).", Severity.CONTRAINDICATION, ("pregnancy",), ("src",)
    )
    points = {
        "BL23": _point("BL23", "BL", "lower_back", Anchor("back", "L2", 1.5, 0.0), cautions=[deep]),
        "GV4": _point("GV4", "GV", "lower_back", Anchor("back", "L2", 0.0, 0.0), midline=True),
        "BL40": _point("BL40", "BL", "leg", Anchor("back", "popliteal_crease_mid", 0.0, 0.0)),
        "GB30": _point("GB30", "GB", "leg", Anchor("back", "greater_trochanter", 0.0, 0.0)),
        "LI4": _point("LI4", "LI", "hand", Anchor("front", "hand_dorsum_front", 0.0, 0.0), cautions=[preg]),
        "LR3": _point("LR3", "LR", "foot", Anchor("front", "first_second_metatarsal_junction", 0.0, 0.0)),
    }
    patterns = {
        "stagnation": _pattern("stagnation", ("BL23",), ("BL40",)),
        "deficiency": _pattern("deficiency", ("BL23", "GV4"), ("BL40",)),
        "liver": _pattern("liver", ("GB30",), ("LR3", "LI4")),
        "cold": _pattern("cold", ("GV4",), ("BL40", "GB30")),
    }
    regions = {
        rid: Region(
            rid,
            rid.replace("_", " ").title(),
            BackPain.LOWER,
            None,
            ("src",),
            seed_words=f"{rid} points",
            points=tuple(c for c, p in points.items() if p.region == rid),
        )
        for rid in ("lower_back", "leg", "hand", "foot")
    }
    channels = {c: Channel(c, f"{c} channel", "py", "經", ("src",)) for c in ("BL", "GV", "GB", "LI", "LR")}
    return Catalog(
        path="<test>",
        schema_version=1,
        disclaimer=Sourced("Reference only.", ("src",)),
        sources=MappingProxyType(
            {"src": Source("src", "Test source", SourceKind.TEXTBOOK, "Read for the tests.", "Test data.")}
        ),
        channels=MappingProxyType(channels),
        regions=MappingProxyType(regions),
        points=MappingProxyType(points),
        patterns=MappingProxyType(patterns),
        zones=MappingProxyType({}),
        guidance=MappingProxyType({}),
        factors=MappingProxyType({}),
        red_flags=MappingProxyType({}),
        sign_groups=MappingProxyType({g: SignGroup(g, g.title()) for g in GROUPS}),
        outcomes=Outcomes(MappingProxyType({"nrs": PAIN_MEASURE}), ()),
    )
