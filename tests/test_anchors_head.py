"""The head-and-neck close-up's markers against their location texts (no Qt).

Per point: the anchor uses the landmark its text names, sits on the side of it the text says, and
lies inside the drawn outline. Distances along the scalp on the side panel (where the anchor_text
reader cannot measure widths) are checked against ``landmarks_head.scalp_surface``; the rest of the
stated distances are read by ``app.domain.anchor_text`` (the drift tests at the end)."""

from __future__ import annotations

import math

import pytest

from app.domain import anatomy
from app.domain import landmarks_head as H
from app.domain.anatomy import HEAD, LANDMARKS, anchor_positions, polygon_contains
from app.domain.anchor_text import TOLERANCE_CUN, normalise, point_drifts
from app.domain.loader import load_catalog
from app.domain.models import Anchor, Laterality
from app.paths import catalog_path

_CATALOG = load_catalog(catalog_path())
ON_HEAD = sorted(code for code, p in _CATALOG.points.items() if any(a.view == HEAD for a in p.anchors))

# code: [(landmark, where the marker is from it, words of the text that say so)], one per head anchor.
# Directions are the patient's: on the face panel the markers are on the right side (-x), so
# "lateral" is -x and "medial" +x; on the side panel "anterior" is +x; "above" is -y on both.
# "at" means on the landmark itself; "scalp" points are checked in SCALP below.
RELATIONS: dict[str, list[tuple[str, str, str]]] = {
    "BL1": [("inner_canthus", "above medial", "0.1 B-cun above and medial to the inner canthus")],
    "BL2": [("eyebrow_medial_end", "at", "medial end of the eyebrow")],
    "BL3": [("head_anterior_hairline", "above lateral", "inside the anterior hairline")],
    "BL4": [("head_anterior_hairline", "above lateral", "inside the anterior hairline")],
    "BL5": [("head_anterior_hairline", "above lateral", "inside the anterior hairline")],
    "BL6": [("head_anterior_hairline_side", "scalp", "inside the anterior hairline")],
    "BL7": [("head_anterior_hairline_side", "scalp", "inside the anterior hairline")],
    "BL8": [("head_anterior_hairline_side", "scalp", "inside the anterior hairline")],
    "BL9": [("external_occipital_protuberance", "scalp", "external occipital protuberance")],
    "BL10": [("head_posterior_hairline", "scalp", "C2 spinous process")],
    "EX-HN1": [("scalp_vertex", "scalp", "GV20")] * 3,
    "EX-HN4": [("eyebrow_centre", "at", "centre of the eyebrow")],
    "EX-HN5": [
        ("outer_canthus_side", "posterior", "behind the midpoint between the lateral end of the eyebrow")
    ],
    "EX-HN6": [("ear_apex", "at", "apex of the ear")],
    "EX-HN7": [
        ("infraorbital_margin", "lateral", "infraorbital margin, at the junction of its lateral quarter")
    ],
    "EX-HN8": [("nasolabial_groove_top", "at", "upper end of the nasolabial groove")],
    "EX-HN9": [("nostril_lateral", "medial above", "Inside the nostril")],
    "EX-HN14": [("behind_ear_te17", "posterior", "1 cun behind TE17")],
    "Anmian": [("behind_ear_te17", "posterior above", "midpoint of the line joining TE17")],
    "Jiachengjiang": [("mentolabial_groove_face", "lateral", "1 cun lateral to CV24")],
    "Qianzheng": [("ear_lobe_front", "anterior", "in front of the earlobe")],
    "Shanglianquan": [("chin_side", "below posterior", "Between CV23 (Lianquan) and the chin")],
    "CV22": [
        ("suprasternal_notch_head", "above", "middle of the suprasternal notch"),
        ("suprasternal_notch_side", "at", "middle of the suprasternal notch"),
    ],
    "CV23": [("chin_side", "below posterior", "above the hyoid bone")],
    "CV24": [
        ("mentolabial_groove_face", "at", "centre of the mentolabial groove"),
        ("mentolabial_groove_side", "at", "centre of the mentolabial groove"),
    ],
    "GB1": [("outer_canthus", "lateral", "outside the outer corner of the eye")],
    "GB2": [("intertragic_notch", "anterior", "in front of the intertragic notch")],
    "GB3": [("zygomatic_arch_mid", "above", "above the midpoint of the zygomatic arch")],
    "GB4": [("temple_curve_1", "at", "a quarter of the way along from ST8")],
    "GB5": [("temple_curve_2", "at", "halfway along the curve that joins ST8 to GB7")],
    "GB6": [("temple_curve_3", "at", "three quarters of the way along from ST8")],
    "GB7": [("temple_hairline_back", "at", "posterior border of the temple hairline")],
    "GB8": [("temporal_hairline_apex", "above", "1.5 B-cun above the temporal hairline")],
    "GB9": [("behind_ear_gb9", "at", "directly above the posterior border of the auricular root")],
    "GB10": [("behind_ear_gb_1", "at", "one third of the way along from GB9")],
    "GB11": [("behind_ear_gb_2", "at", "two thirds of the way along from GB9")],
    "GB12": [("behind_ear_gb12", "at", "posteroinferior to the mastoid process")],
    "GB13": [("head_anterior_hairline", "above lateral", "within the anterior hairline")],
    "GB14": [("eyebrow_centre", "above", "1 B-cun above the eyebrow")],
    "GB15": [("head_anterior_hairline", "above lateral", "inside the front hairline")],
    "GB16": [
        ("head_anterior_hairline", "above lateral", "within the anterior hairline"),
        ("head_anterior_hairline_side", "scalp", "within the anterior hairline"),
    ],
    "GB17": [("head_anterior_hairline_side", "scalp", "within the anterior hairline")],
    "GB18": [("head_anterior_hairline_side", "scalp", "within the anterior hairline")],
    "GB19": [("external_occipital_protuberance", "scalp", "external occipital protuberance")],
    "GB20": [("head_posterior_hairline", "scalp", "same height as GV16")],
    "GV14": [("c7_side", "at", "C7 spinous process")],
    "GV15": [("head_posterior_hairline", "scalp", "0.5 B-cun below GV16")],
    "GV16": [("head_posterior_hairline", "scalp", "straight below the external occipital protuberance")],
    "GV17": [("external_occipital_protuberance", "at", "protuberance's upper border")],
    "GV18": [("head_posterior_hairline", "scalp", "4 B-cun above the posterior hairline")],
    "GV19": [("head_posterior_hairline", "scalp", "5.5 B-cun above the posterior hairline")],
    "GV20": [("scalp_vertex", "at", "auricular apices")],
    "GV21": [("head_anterior_hairline_side", "scalp", "3.5 B-cun above the anterior hairline")],
    "GV22": [("head_anterior_hairline_side", "scalp", "2 B-cun above the anterior hairline")],
    "GV23": [
        ("head_anterior_hairline", "above", "1 B-cun above the anterior hairline"),
        ("head_anterior_hairline_side", "scalp", "1 B-cun above the anterior hairline"),
    ],
    "GV24": [
        ("head_anterior_hairline", "above", "half a B-cun behind the front hairline"),
        ("head_anterior_hairline_side", "scalp", "half a B-cun behind the front hairline"),
    ],
    "GV25": [("nose_tip", "at", "tip of the nose"), ("nose_tip_side", "at", "tip of the nose")],
    "GV26": [
        ("philtrum_mid_face", "at", "halfway down the midline of the philtrum"),
        ("philtrum_mid_side", "at", "halfway down the midline of the philtrum"),
    ],
    "GV27": [
        ("upper_lip_tubercle", "at", "upper lip's tubercle"),
        ("upper_lip_side", "at", "upper lip's tubercle"),
    ],
    "GV29": [
        ("glabella_face", "at", "Midway between the medial ends of the two eyebrows"),
        ("glabella_side", "at", "Midway between the medial ends of the two eyebrows"),
    ],
    "LI17": [("scm_back_cricoid", "lateral", "level with the cricoid cartilage, immediately posterior")],
    "LI18": [("scm_front_thyroid", "lateral", "between its front and back borders")],
    "LI19": [("philtrum_mid_face", "lateral", "0.5 B-cun lateral to GV26")],
    "LI20": [("ala_lateral_mid", "lateral", "level with the midpoint of the lateral border of the ala")],
    "SI16": [("scm_back_thyroid", "lateral", "behind the sternocleidomastoid")],
    "SI17": [("scm_front_side", "anterior", "in front of the sternocleidomastoid")],
    "SI18": [("zygoma_lower_face", "below", "below the zygomatic bone")],
    "SI19": [("tragus", "anterior", "in front of the tragus centre")],
    "ST1": [("pupil", "below", "straight below the pupil")],
    "ST2": [("infraorbital_foramen", "at", "infraorbital foramen")],
    "ST3": [("ala_lower_border", "lateral", "level with the lower border of the ala")],
    "ST4": [("mouth_corner", "lateral", "0.4 F-cun lateral to the corner of the mouth")],
    "ST5": [("masseter_attachment", "anterior", "anterior to the attachment of the masseter")],
    "ST6": [("mandible_angle", "anterior above", "anterosuperior to the angle of the mandible")],
    "ST7": [("zygomatic_arch_mid", "below", "below the arch, straight below GB3")],
    "ST8": [
        ("head_forehead_corner", "above", "0.5 B-cun up into the hairline"),
        ("temple_hairline_corner", "at", "corner of the forehead"),
    ],
    "ST9": [("scm_front_thyroid", "medial", "anterior to the sternocleidomastoid")],
    "ST10": [
        ("scm_front_cricoid", "medial", "immediately anterior to the border of the sternocleidomastoid")
    ],
    "ST11": [("scm_heads_gap", "at", "between the sternal and clavicular heads")],
    "ST12": [("clavicle_upper_mid", "above", "in the hollow above the clavicle")],
    "TE16": [("scm_back_side", "posterior", "in the hollow behind the sternocleidomastoid")],
    "TE17": [("behind_ear_te17", "at", "in front of the lower tip of the mastoid process")],
    "TE18": [("behind_ear_te_2", "at", "two thirds of the way up, a third from the lower end")],
    "TE19": [("behind_ear_te_1", "at", "a third of the way down the curve")],
    "TE20": [("behind_ear_te20", "at", "just above the apex of the auricle")],
    "TE21": [("supratragic_notch", "anterior", "between the supratragic notch and the condylar process")],
    "TE22": [("ear_root_front", "anterior", "in front of the root of the auricle")],
    "TE23": [("eyebrow_lateral_end", "at", "lateral end of the eyebrow")],
}

# Side-panel scalp markers: (B-cun behind the anterior hairline, B-cun off the midline) per anchor,
# and the words of the text that give them (GV17 at the protuberance's upper border is 2.5 B-cun
# above the posterior hairline by WHO's GV18, "1.5 B-cun above GV17", 4 above the hairline).
SCALP: dict[str, tuple[list[tuple[float, float]], tuple[str, ...]]] = {
    "BL6": ([(2.5, 1.5)], ("2.5 B-cun inside the anterior hairline", "1.5 B-cun from the midline")),
    "BL7": ([(4.0, 1.5)], ("4 B-cun inside the anterior hairline", "1.5 B-cun from the midline")),
    "BL8": ([(5.5, 1.5)], ("5.5 B-cun inside the anterior hairline", "1.5 B-cun from the midline")),
    "BL9": ([(9.5, 1.3)], ("1.3 B-cun from the posterior midline", "level with GV17")),
    "BL10": ([(11.5, 1.3)], ("level with the upper border of the C2 spinous process",)),
    "EX-HN1": ([(4.0, 0.0), (6.0, 0.0), (5.0, 1.0)], ("each 1 cun in front of, behind", "of GV20")),
    "GB16": (
        [(1.5, 2.25)],
        ("1.5 B-cun within the anterior hairline", "directly above the centre of the pupil"),
    ),
    "GB17": (
        [(2.5, 2.25)],
        ("2.5 B-cun within the anterior hairline", "directly above the centre of the pupil"),
    ),
    "GB18": (
        [(4.0, 2.25)],
        ("4 B-cun within the anterior hairline", "directly above the centre of the pupil"),
    ),
    "GB19": ([(9.5, 2.0)], ("directly above GB20", "level with GV17")),
    "GB20": ([(11.0, 2.0)], ("same height as GV16",)),
    "GV15": ([(11.5, 0.0)], ("0.5 B-cun below GV16",)),
    "GV16": ([(11.0, 0.0)], ("straight below the external occipital protuberance",)),
    "GV18": ([(8.0, 0.0)], ("4 B-cun above the posterior hairline",)),
    "GV19": ([(6.5, 0.0)], ("5.5 B-cun above the posterior hairline",)),
    "GV21": ([(3.5, 0.0)], ("3.5 B-cun above the anterior hairline",)),
    "GV22": ([(2.0, 0.0)], ("2 B-cun above the anterior hairline",)),
    "GV23": ([(1.0, 0.0)], ("1 B-cun above the anterior hairline",)),
    "GV24": ([(0.5, 0.0)], ("half a B-cun behind the front hairline",)),
}
# Head and neck points left off the head view, each with why (see the branch report).
UNANCHORED = {
    "EX-HN12": "on the veins under the tongue: not on the surface either panel shows",
    "GV28": "inside the mouth at the upper gum: drawn at the lip it would cover GV27",
}
# Neck points counted from GV14 on the back of the neck: on the whole-figure back view instead.
ON_BACK_VIEW = {"EX-B1", "EX-HN15", "Chonggu"}


def _head_anchors(code: str) -> list[Anchor]:
    return [a for a in _CATALOG.points[code].anchors if a.view == HEAD]


def _marker(anchor: Anchor) -> tuple[float, float]:
    (xy,) = anchor_positions(anchor, bilateral=True)  # a close-up: one marker even for a pair
    return xy


def test_the_head_view_shows_one_side_and_its_two_panels() -> None:
    assert HEAD not in anatomy.MIRRORED_VIEWS
    assert anatomy.panel_of(HEAD, *H.FACE_ORIGIN) == "face"
    assert anatomy.panel_of(HEAD, *H.SIDE_ORIGIN) == "side"


def test_the_head_measurements_follow_who() -> None:
    """Glabella - anterior hairline 3 B-cun, the forehead corners 9 apart, 12 B-cun between the
    hairlines along the side panel's scalp with GV20 straight above the auricular apex."""
    assert LANDMARKS["glabella_face"].y - LANDMARKS["head_anterior_hairline"].y == pytest.approx(3.0)
    assert 2 * abs(LANDMARKS["head_forehead_corner"].x - H.FACE_ORIGIN[0]) == pytest.approx(9.0)
    hairline = LANDMARKS["head_posterior_hairline"]
    assert H.scalp_cun(hairline.x, hairline.y) == pytest.approx(12.0, abs=0.01)
    assert LANDMARKS["scalp_vertex"].x == pytest.approx(LANDMARKS["ear_apex"].x, abs=0.01)
    assert LANDMARKS["scalp_vertex"].y < LANDMARKS["ear_apex"].y
    # the two panels share their levels: the eyes, the chin
    assert LANDMARKS["outer_canthus"].y == LANDMARKS["outer_canthus_side"].y
    assert LANDMARKS["chin_face"].y == LANDMARKS["chin_side"].y


def test_every_head_and_neck_point_is_on_the_head_view_or_said_why() -> None:
    regions = {"head", "neck"}
    missing = {code for code, p in _CATALOG.points.items() if p.region in regions and not _head_anchors(code)}
    assert missing == set(UNANCHORED) | ON_BACK_VIEW
    assert all(any(a.view == anatomy.BACK for a in _CATALOG.points[c].anchors) for c in ON_BACK_VIEW)
    assert set(RELATIONS) == set(ON_HEAD)


@pytest.mark.parametrize("code", ON_HEAD)
def test_the_anchor_names_its_landmark_and_sits_on_the_side_the_text_says(code: str) -> None:
    point = _CATALOG.points[code]
    anchors = _head_anchors(code)
    expected = RELATIONS[code]
    assert len(anchors) == len(expected)
    text = normalise(point.location)
    for anchor, (landmark, where, words) in zip(anchors, expected, strict=True):
        assert normalise(words) in text, f"{code}: its text no longer says {words!r}"
        assert anchor.landmark == landmark
        mark = LANDMARKS[landmark]
        x, y = _marker(anchor)
        dx, dy = x - mark.x, y - mark.y
        face = anatomy.panel_of(HEAD, x, y) == "face"
        assert anatomy.panel_of(HEAD, mark.x, mark.y) == anatomy.panel_of(HEAD, x, y), code
        if point.laterality == Laterality.MIDLINE and face:
            assert x == pytest.approx(H.FACE_ORIGIN[0]), code
        if where == "at":
            assert math.dist((x, y), (mark.x, mark.y)) < 1e-9, code
        for word in where.split():
            check = {
                "above": dy < 0,
                "below": dy > 0,
                "lateral": face and dx < 0,
                "medial": face and dx > 0,
                "anterior": not face and dx > 0,
                "posterior": not face and dx < 0,
            }.get(word)
            if check is not None:
                assert check, f"{code}: not {word} of {landmark} ({dx:+.2f}, {dy:+.2f})"


def _edge_distance(poly: list[tuple[float, float]], x: float, y: float) -> float:
    best = math.inf
    for (x0, y0), (x1, y1) in zip(poly, poly[1:] + poly[:1], strict=True):
        dx, dy = x1 - x0, y1 - y0
        t = max(0.0, min(1.0, ((x - x0) * dx + (y - y0) * dy) / (dx * dx + dy * dy or 1.0)))
        best = min(best, math.dist((x0 + t * dx, y0 + t * dy), (x, y)))
    return best


@pytest.mark.parametrize("code", ON_HEAD)
def test_every_head_marker_is_inside_the_drawn_outline(code: str) -> None:
    """Inside the outline; a midline position on the side panel is on the profile itself."""
    outlines = H.outline_polygons()
    profile = outlines[-1]
    for anchor in _head_anchors(code):
        x, y = _marker(anchor)
        if anatomy.panel_of(HEAD, x, y) == "side" and _edge_distance(profile, x, y) < 0.02:
            continue  # on the midline, drawn on the profile
        assert any(polygon_contains(poly, x, y) for poly in outlines), f"{code} at ({x:.2f}, {y:.2f})"


@pytest.mark.parametrize("code", sorted(SCALP))
def test_scalp_markers_sit_at_their_distances_along_the_scalp(code: str) -> None:
    positions, words = SCALP[code]
    text = normalise(_CATALOG.points[code].location)
    for w in words:
        assert normalise(w) in text, f"{code}: its text no longer says {w!r}"
    side = [_marker(a) for a in _head_anchors(code) if anatomy.panel_of(HEAD, *_marker(a)) == "side"]
    assert len(side) == len(positions)
    for xy, (cun, lateral) in zip(side, positions, strict=True):
        assert math.dist(xy, H.scalp_surface(cun, lateral)) < TOLERANCE_CUN, code


def test_the_scalp_levels_read_back_along_the_curve() -> None:
    """GV19, 5.5 B-cun above the posterior hairline, is 6.5 behind the anterior one (12 - 5.5)."""
    gv19 = H.scalp_point(6.5)
    assert anatomy.level_below(HEAD, "head_posterior_hairline", *gv19) == pytest.approx(-5.5, abs=0.01)
    assert anatomy.level_below(HEAD, "head_anterior_hairline_side", *gv19) == pytest.approx(-6.5, abs=0.01)
    # a marker moved along the scalp is caught
    moved = H.scalp_point(7.0)
    assert anatomy.level_below(HEAD, "head_posterior_hairline", *moved) == pytest.approx(-5.0, abs=0.01)


def test_the_fractions_along_curves_are_where_their_texts_say() -> None:
    for n in (1, 2, 3):
        at = LANDMARKS[f"temple_curve_{n}"]
        expected = H.side(*H.curve_fraction(H.TEMPLE_CURVE, n / 4))
        assert (at.x, at.y) == expected
    assert H.TEMPLE_CURVE[0] == H.ST8_SIDE and H.TEMPLE_CURVE[-1] == H.GB7_SIDE
    assert H.BEHIND_EAR_GB[0] == H.GB9_SIDE and H.BEHIND_EAR_GB[-1] == H.GB12_SIDE
    assert H.BEHIND_EAR_TE[0] == H.TE20_SIDE and H.BEHIND_EAR_TE[-1] == H.TE17_SIDE
    # Anmian halfway from TE17 to GB20, Yiming 1 cun behind TE17, GB1 half a cun outside the canthus
    te17 = _marker(_head_anchors("TE17")[0])
    gb20 = _marker(_head_anchors("GB20")[0])
    anmian = _marker(_head_anchors("Anmian")[0])
    assert math.dist(anmian, ((te17[0] + gb20[0]) / 2, (te17[1] + gb20[1]) / 2)) < TOLERANCE_CUN
    yiming = _marker(_head_anchors("EX-HN14")[0])
    assert yiming == pytest.approx((te17[0] - 1.0, te17[1]))
    gb1 = _marker(_head_anchors("GB1")[0])
    assert LANDMARKS["outer_canthus"].x - gb1[0] == pytest.approx(0.5)
    st4 = _marker(_head_anchors("ST4")[0])
    assert LANDMARKS["mouth_corner"].x - st4[0] == pytest.approx(0.4)
    bl1 = _marker(_head_anchors("BL1")[0])
    canthus = LANDMARKS["inner_canthus"]
    assert (bl1[0] - canthus.x, canthus.y - bl1[1]) == pytest.approx((0.1, 0.1))
    gb14 = _marker(_head_anchors("GB14")[0])
    assert LANDMARKS["eyebrow_centre"].y - gb14[1] == pytest.approx(1.0)
    assert gb14[0] == pytest.approx(LANDMARKS["pupil"].x)
    gb8 = _marker(_head_anchors("GB8")[0])
    assert LANDMARKS["temporal_hairline_apex"].y - gb8[1] == pytest.approx(1.5)
    assert gb8[0] == pytest.approx(LANDMARKS["ear_apex"].x)


def test_the_neck_points_on_the_back_view_are_counted_from_c7() -> None:
    """EX-B1 0.5 cun beside GV14, EX-HN15 2 above it and 1 out, Chonggu below C6 (one level up)."""
    c7 = LANDMARKS["C7"]
    step = anatomy.SPINE_LEVELS["T1"] - anatomy.SPINE_LEVELS["C7"]

    def back(code: str) -> list[tuple[float, float]]:
        point = _CATALOG.points[code]
        bilateral = point.laterality == Laterality.BILATERAL
        return [xy for a in point.anchors if a.view == anatomy.BACK for xy in anchor_positions(a, bilateral)]

    assert (0.5, c7.y) in [pytest.approx(xy) for xy in back("EX-B1")]
    assert (1.0, c7.y - 2.0) in [pytest.approx(xy) for xy in back("EX-HN15")]
    assert back("Chonggu") == [pytest.approx((0.0, c7.y - step), abs=0.01)]
    gv20 = back("GV20")[0]
    expected = sorted([(0.0, gv20[1] - 1), (0.0, gv20[1] + 1), (1.0, gv20[1]), (-1.0, gv20[1])])
    for found, want in zip(sorted(back("EX-HN1")), expected, strict=True):
        assert found == pytest.approx(want)


@pytest.mark.parametrize("code", ON_HEAD)
def test_the_head_marker_agrees_with_every_distance_its_text_states(code: str) -> None:
    off = [
        str(d)
        for d in point_drifts(_CATALOG, _CATALOG.points[code])
        if d.view == HEAD and d.drift_cun > TOLERANCE_CUN
    ]
    assert not off, "\n".join(off)


# The hairline points counted in cun from the midline: the reader measures both their level and
# their width on the face panel (WHO rows 2 and 3).
HAIRLINE_ROW = ["BL3", "BL4", "BL5", "GB13", "GB15", "ST8", "GV23", "GV24"]


@pytest.mark.parametrize("code", HAIRLINE_ROW)
def test_the_hairline_row_is_measured_on_the_face_panel(code: str) -> None:
    drifts = [d for d in point_drifts(_CATALOG, _CATALOG.points[code]) if d.view == HEAD]
    assert drifts, f"{code}: nothing read"
    assert all(d.drift_cun <= TOLERANCE_CUN for d in drifts)


def test_a_marker_moved_off_its_width_is_caught() -> None:
    from dataclasses import replace

    bl4 = _CATALOG.points["BL4"]
    (anchor,) = _head_anchors("BL4")
    moved = replace(bl4, anchors=(replace(anchor, lateral_cun=anchor.lateral_cun - 0.3),))
    assert any(d.drift_cun > 0.25 for d in point_drifts(_CATALOG, moved))


def test_the_face_panels_median_line_is_the_landmark_the_reader_names() -> None:
    from app.domain.anchor_text import LANDMARK_PHRASES

    midline = LANDMARKS[str(LANDMARK_PHRASES["anterior median line"]["head"])]
    assert anatomy.panel_midline(HEAD, midline.x) == midline.x
    assert anatomy.panel_midline(HEAD, H.SIDE_ORIGIN[0]) is None
    assert not anatomy.offsets_in_cun(HEAD, H.SIDE_ORIGIN[0]) and anatomy.offsets_in_cun(HEAD, midline.x)


def test_the_points_a_text_puts_directly_above_or_below_another_share_its_vertical() -> None:
    """WHO's superior/inferior to a point is directly above or below it: LI17 below LI18 (Guangming: 1 cun
    below it, at the back border of the muscle), ST11 below ST9, TE23 above GB1. The drift report reads
    these ("directly below LI18"); here the anatomy that lets them hold."""
    li17, li18 = (_marker(_head_anchors(code)[0]) for code in ("LI17", "LI18"))
    assert li17[0] == pytest.approx(li18[0]) and li17[1] > li18[1]
    # LI18 between the borders of the sternocleidomastoid, LI17 just behind its back border (lower down
    # the muscle runs medially, so LI18 is near the back border)
    assert LANDMARKS["scm_back_thyroid"].x < li18[0] < LANDMARKS["scm_front_thyroid"].x
    assert li17[0] < LANDMARKS["scm_back_cricoid"].x
    st9, st11 = (_marker(_head_anchors(code)[0]) for code in ("ST9", "ST11"))
    assert st11[0] == pytest.approx(st9[0]) and st11[1] > st9[1]
    te23, gb1 = (_marker(_head_anchors(code)[0]) for code in ("TE23", "GB1"))
    assert te23[0] == pytest.approx(gb1[0]) and te23[1] < gb1[1]
    assert LANDMARKS["outer_canthus"].x - LANDMARKS["eyebrow_lateral_end"].x == pytest.approx(0.5)
