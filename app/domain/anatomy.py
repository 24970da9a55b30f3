"""Figure geometry: named landmarks in proportional cun, for every diagram view.

The figures in ``resources/figures/`` are drawn from these numbers and the
point markers are placed from them, so a marker always agrees with the
landmark and cun offset its location text gives (see ``Anchor``).

Coordinates are in B-cun (WHO 2008: body height = 75 B-cun). ``x`` is the
distance from the posterior/anterior midline towards the subject's side
(always >= 0: a bilateral point is drawn on both sides), ``y`` runs down from
the vertex. One figure cun is one unit in both directions: the drawing is a
schematic with one proportional scale, not a portrait of a body.

Sources for the levels (paraphrased in shared/reference/proportional-cun.md):
WHO 2008 section III.2 items c-i (C7, T3 at the medial ends of the scapular
spines, T7 at the inferior scapular angles, T12 midway between T7 and the iliac
crest, L4 at the highest points of the iliac crests, S2 at the inferior borders
of the PSIS); WHO table rows 5-7 and 12-19 for the front and the legs. Levels
WHO gives no landmark for are counted between the nearest landmarks (derived).
"""

from __future__ import annotations

from dataclasses import dataclass

from .models import Anchor

FRONT, BACK, HAND, FOOT = "front", "back", "hand", "foot"
VIEWS = (FRONT, BACK, HAND, FOOT)


@dataclass(frozen=True, slots=True)
class Landmark:
    id: str
    view: str
    x: float
    y: float
    description: str


def _spine() -> dict[str, float]:
    """y of the inferior border of each spinous process C7..L5 (back view)."""
    anchors = {"C7": 12.5, "T3": 16.0, "T7": 21.5, "L4": 31.0}
    anchors["T12"] = (anchors["T7"] + anchors["L4"]) / 2  # WHO III.2 f
    names = ["C7"] + [f"T{i}" for i in range(1, 13)] + [f"L{i}" for i in range(1, 6)]
    known = [(names.index(k), v) for k, v in sorted(anchors.items(), key=lambda kv: names.index(kv[0]))]
    levels: dict[str, float] = {}
    for (i0, y0), (i1, y1) in zip(known, known[1:]):
        for i in range(i0, i1 + 1):
            levels[names[i]] = y0 + (y1 - y0) * (i - i0) / (i1 - i0)
    step = levels["L4"] - levels["L3"]
    levels["L5"] = levels["L4"] + step
    return levels


SPINE_LEVELS = _spine()

_ROWS: list[tuple[str, str, float, float, str]] = [
    # back view: the spine (x = 0 is the posterior midline)
    *[(lvl, BACK, 0.0, y, f"Inferior border of the {lvl} spinous process") for lvl, y in SPINE_LEVELS.items()],
    ("S1_foramen", BACK, 0.0, 33.3, "Level of the 1st posterior sacral foramen"),
    ("S2_foramen", BACK, 0.0, 34.3, "Level of the 2nd posterior sacral foramen (inferior borders of the PSIS)"),
    ("S3_foramen", BACK, 0.0, 35.3, "Level of the 3rd posterior sacral foramen"),
    ("S4_foramen", BACK, 0.0, 36.3, "Level of the 4th posterior sacral foramen and the sacral hiatus"),
    ("sacral_hiatus", BACK, 0.0, 36.3, "Sacral hiatus, on the posterior midline"),
    ("occipital_protuberance", BACK, 0.0, 7.0, "External occipital protuberance"),
    ("posterior_hairline", BACK, 0.0, 9.5, "Midpoint of the posterior hairline"),
    ("acromion", BACK, 8.0, 13.0, "Lateral end of the acromion (8 cun from the midline, CN-TB, not WHO)"),
    ("scapula_spine_medial", BACK, 3.0, 16.0, "Medial end of the scapular spine (T3 level)"),
    ("scapula_inferior_angle", BACK, 3.0, 21.5, "Inferior angle of the scapula (T7 level)"),
    ("iliac_crest_top", BACK, 5.0, 31.0, "Highest point of the iliac crest (L4 level)"),
    ("greater_trochanter", BACK, 8.5, 37.0, "Prominence of the greater trochanter"),
    ("gluteal_fold_mid", BACK, 4.0, 40.0, "Midpoint of the gluteal fold"),
    ("popliteal_crease_mid", BACK, 3.5, 54.0, "Midpoint of the popliteal crease"),
    ("lateral_malleolus_back", BACK, 3.6, 70.0, "Prominence of the lateral malleolus (popliteal crease + 16 cun)"),
    ("medial_malleolus_back", BACK, 1.4, 69.0, "Prominence of the medial malleolus"),
    ("calcaneal_tendon", BACK, 2.5, 70.0, "Calcaneal (Achilles) tendon at the malleolar level"),
    # front view (x = 0 is the anterior midline)
    ("suprasternal_notch", FRONT, 0.0, 13.0, "Suprasternal notch"),
    ("xiphisternal_junction", FRONT, 0.0, 22.0, "Midpoint of the xiphisternal junction (notch + 9 cun)"),
    ("umbilicus", FRONT, 0.0, 30.0, "Centre of the umbilicus (xiphisternal junction + 8 cun)"),
    ("pubic_symphysis_upper", FRONT, 0.0, 35.0, "Upper border of the pubic symphysis (umbilicus + 5 cun)"),
    ("patella_base", FRONT, 3.5, 53.0, "Base of the patella (pubic symphysis + 18 cun)"),
    ("patella_apex", FRONT, 3.5, 55.0, "Apex of the patella, level with the popliteal crease"),
    ("tibia_medial_condyle_lower", FRONT, 2.6, 57.0, "Inferior border of the medial condyle of the tibia (apex + 2 cun)"),
    ("fibula_head", FRONT, 4.8, 56.5, "Head of the fibula"),
    ("medial_malleolus", FRONT, 1.6, 70.0, "Prominence of the medial malleolus (condyle + 13 cun)"),
    ("lateral_malleolus", FRONT, 3.9, 70.5, "Prominence of the lateral malleolus"),
    ("ankle_front_mid", FRONT, 2.7, 70.2, "Midpoint between the malleolar prominences, front of the ankle"),
    ("first_second_metatarsal_junction", FRONT, 2.3, 72.5, "Junction of the bases of the 1st and 2nd metatarsals"),
    ("hand_dorsum_front", FRONT, 8.6, 39.0, "Hand at the side, palm forward (front view)"),
]

LANDMARKS: dict[str, Landmark] = {r[0]: Landmark(*r) for r in _ROWS}


def anchor_positions(anchor: Anchor, bilateral: bool) -> list[tuple[float, float]]:
    """Figure coordinates (cun) of a point's marker(s) for one anchor.

    Returns one position for a midline point, two (x and -x) for a bilateral
    point that is off the midline.
    """
    mark = LANDMARKS[anchor.landmark]
    x = mark.x + anchor.lateral_cun
    y = mark.y + anchor.down_cun
    if bilateral and x != 0:
        return [(x, y), (-x, y)]
    return [(x, y)]
