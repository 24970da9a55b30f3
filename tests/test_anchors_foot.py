"""The foot points against their location texts, on the panels of the foot close-up (no Qt).

Most foot texts place a point by a landmark and a side of it, without a distance ("in the hollow
distal to the tuberosity of the 5th metatarsal"): each case below names the panel the point is
drawn on, the landmark its anchor uses (the one its text names) and the side of each reference
the text puts it on. The distances foot texts state (the nail corners, "3 B-cun above BL60") are
read by ``app.domain.anchor_text`` and measured in ``test_anchor_text``; here a few are checked
again by hand, with the texts' proportions (KI1, SP5, LR4) that the reader does not read.
"""

from __future__ import annotations

import itertools
import math

import pytest

from app.domain import foot_panels as F
from app.domain.anatomy import FOOT, FRONT, LANDMARKS, anchor_positions, panel_of, polygon_contains
from app.domain.anchor_text import TOLERANCE_CUN, claims, point_drifts
from app.domain.loader import load_catalog
from app.domain.models import Laterality
from app.paths import catalog_path

_CATALOG = load_catalog(catalog_path())
Pt = tuple[float, float]

# Which way each word of a text points on each panel, as (dx, dy) on the view. The side panels
# show the foot from the side, so medial/lateral is towards the viewer there and not checked;
# "distal" on them is towards the toes. On the front view a point behind another on the tibial
# side of the leg shows nearer the midline (the leg's medial edge).
DIRECTIONS: dict[str, dict[str, Pt]] = {
    "lateral": {"anterior": (1, 0), "posterior": (-1, 0), "distal": (1, 0), "proximal": (-1, 0)},
    "medial": {"anterior": (1, 0), "posterior": (-1, 0), "distal": (1, 0), "proximal": (-1, 0)},
    "dorsum": {"medial": (1, 0), "lateral": (-1, 0), "distal": (0, 1), "proximal": (0, -1)},
    "sole": {"medial": (1, 0), "lateral": (-1, 0), "distal": (0, -1), "proximal": (0, 1)},
    "front": {"medial": (-1, 0), "lateral": (1, 0)},
}
for _panel in ("lateral", "medial"):
    DIRECTIONS[_panel] |= {"superior": (0, -1), "inferior": (0, 1)}

# (point, panel, the landmark its anchor uses, ((reference, sides of it the text says), ...)).
# "directly": straight above/below or in line (the same x); "level": the same y; "at": on it.
CASES: list[tuple[str, str, str, tuple[tuple[str, tuple[str, ...]], ...]]] = [
    # lateral side: "3 B-cun above BL60, between the fibula and the calcaneal tendon"
    ("BL59", "lateral", "lateral_malleolus_side", (("calcaneal_tendon_lateral", ("anterior", "superior")),)),
    # "in front of the fibula, 5 B-cun above the prominence of the lateral malleolus"
    (
        "GB37",
        "lateral",
        "lateral_malleolus_side",
        (("calcaneal_tendon_lateral", ("anterior", "superior")), ("GB38", ("superior",))),
    ),
    # "distal to BL60 (down the limb: the heel), on the lateral side of the calcaneus at the red-white border"
    ("BL61", "lateral", "calcaneus_lateral_red_white", (("BL60", ("inferior", "directly")),)),
    # "under the cuboid, in front of the lateral malleolus, behind the tuberosity of the 5th metatarsal"
    (
        "BL63",
        "lateral",
        "cuboid",
        (
            ("cuboid", ("inferior",)),
            ("lateral_malleolus_side", ("anterior",)),
            ("fifth_metatarsal_tuberosity", ("posterior",)),
        ),
    ),
    ("BL64", "lateral", "fifth_metatarsal_tuberosity", (("fifth_metatarsal_tuberosity", ("distal",)),)),
    ("BL66", "lateral", "fifth_mtp_lateral", (("fifth_mtp_lateral", ("distal",)), ("BL65", ("distal",)))),
    # nail points: "0.1 F-cun proximal to the corner" (BL67, GB44, LR1) straight up the line of the
    # nail's border; "proximal-lateral" or "proximal-medial" (ST45, SP1) diagonally off the corner.
    # The little toenail seen from above:
    (
        "BL67",
        "dorsum",
        "little_toenail_lateral_corner_dorsum",
        (("little_toenail_lateral_corner_dorsum", ("proximal", "directly")),),
    ),
    # medial side
    ("KI2", "medial", "navicular_tuberosity", (("navicular_tuberosity", ("inferior", "directly")),)),
    # "behind and below the medial malleolus, above the calcaneus, in front of the tendon's attachment"
    (
        "KI4",
        "medial",
        "calcaneal_tendon_medial_attachment",
        (
            ("calcaneal_tendon_medial_attachment", ("anterior", "superior")),
            ("medial_malleolus_side", ("posterior", "inferior")),
        ),
    ),
    # "2 B-cun above the medial malleolus, in front of the calcaneal tendon; level with KI8 and behind it"
    (
        "KI7",
        "medial",
        "medial_malleolus_side",
        (("calcaneal_tendon_medial", ("anterior", "superior")), ("KI8", ("posterior", "level"))),
    ),
    ("KI8", "medial", "medial_malleolus_side", (("KI7", ("anterior", "level")),)),
    # "5 B-cun above the medial malleolus, between soleus and the calcaneal tendon; level with LR5";
    # LR5 "in the middle of the flat inner surface of the tibia" (in front of its medial border)
    (
        "KI9",
        "medial",
        "medial_malleolus_side",
        (("calcaneal_tendon_medial", ("anterior", "superior")), ("LR5", ("posterior", "level"))),
    ),
    ("LR5", "medial", "medial_malleolus_side", (("tibia_medial_border", ("anterior", "superior")),)),
    ("LR4", "medial", "medial_malleolus_side", (("medial_malleolus_side", ("anterior",)),)),
    (
        "SP1",
        "medial",
        "big_toenail_medial_corner",
        (("big_toenail_medial_corner", ("proximal", "inferior")),),
    ),
    (
        "SP1",
        "dorsum",
        "big_toenail_medial_corner_dorsum",
        (("big_toenail_medial_corner_dorsum", ("proximal", "medial")),),
    ),
    ("SP3", "medial", "first_mtp_medial", (("first_mtp_medial", ("proximal",)), ("SP2", ("proximal",)))),
    # "anteroinferior to the base of the 1st metatarsal", reached sliding proximally from SP3
    (
        "SP4",
        "medial",
        "first_metatarsal_base_medial",
        (("first_metatarsal_base_medial", ("anterior", "inferior")), ("SP3", ("proximal",))),
    ),
    # "anteroinferior to the medial malleolus ... between LR4 in front and KI6 behind"
    (
        "SP5",
        "medial",
        "medial_malleolus_anteroinferior",
        (
            ("medial_malleolus_anteroinferior", ("at",)),
            ("medial_malleolus_side", ("anterior", "inferior")),
            ("LR4", ("posterior",)),
            ("KI6", ("anterior",)),
        ),
    ),
    # dorsum
    ("ST41", "dorsum", "ankle_front_dorsum", (("ankle_front_dorsum", ("at",)),)),
    (
        "ST42",
        "dorsum",
        "second_metatarsal_cuneiform_joint",
        (("second_metatarsal_cuneiform_joint", ("at",)), ("ST41", ("distal",))),
    ),
    ("ST43", "dorsum", "second_mtp_dorsum", (("second_mtp_dorsum", ("proximal", "lateral")),)),
    (
        "ST44",
        "dorsum",
        "second_third_toe_web",
        (("second_third_toe_web", ("proximal", "directly")), ("ST43", ("distal",))),
    ),
    (
        "ST45",
        "dorsum",
        "second_toenail_lateral_corner",
        (("second_toenail_lateral_corner", ("proximal", "lateral")),),
    ),
    (
        "GB42",
        "dorsum",
        "fourth_mtp_dorsum",
        (("fourth_mtp_dorsum", ("proximal", "lateral")), ("GB41", ("distal",))),
    ),
    (
        "GB43",
        "dorsum",
        "fourth_fifth_toe_web",
        (("fourth_fifth_toe_web", ("proximal", "directly")), ("GB42", ("distal",))),
    ),
    (
        "GB44",
        "dorsum",
        "fourth_toenail_lateral_corner",
        (("fourth_toenail_lateral_corner", ("proximal", "directly")),),
    ),
    (
        "LR1",
        "dorsum",
        "big_toenail_lateral_corner",
        (("big_toenail_lateral_corner", ("proximal", "directly")),),
    ),
    # sole: "between the 2nd and 3rd toes, opposite ST44" (ST44 is just proximal to the web)
    (
        "Lineiting",
        "sole",
        "second_third_toe_web_sole",
        (("second_third_toe_web_sole", ("proximal", "directly")),),
    ),
    ("KI1", "sole", "second_third_toe_web_sole", (("second_third_toe_web_sole", ("proximal",)),)),
    # LR7 by the knee, front view: "below the medial condyle of the tibia, 1 B-cun behind SP9"
    ("LR7", "front", "tibia_medial_condyle_lower", (("SP9", ("level", "medial")),)),
]


def _markers(code: str, view: str) -> list[Pt]:
    point = _CATALOG.points[code]
    bilateral = point.laterality == Laterality.BILATERAL
    return [xy for a in point.anchors if a.view == view for xy in anchor_positions(a, bilateral)]


def _view(panel: str) -> str:
    return FRONT if panel == "front" else FOOT


def _on_panel(code: str, panel: str) -> list[Pt]:
    view = _view(panel)
    return [xy for xy in _markers(code, view) if panel_of(view, *xy) == (view if panel == "front" else panel)]


def _ref(ref: str, panel: str, near: Pt) -> Pt:
    """A landmark, or the marker of another point on the same panel (the nearer side on the front)."""
    if ref in LANDMARKS:
        return (LANDMARKS[ref].x, LANDMARKS[ref].y)
    spots = _on_panel(ref, panel)
    assert spots, f"{ref} has no marker on the {panel} panel"
    return min(spots, key=lambda xy: math.dist(xy, near))


def _holds(side: str, panel: str, at: Pt, ref: Pt) -> bool:
    dx, dy = at[0] - ref[0], at[1] - ref[1]
    if side == "at":
        return math.dist(at, ref) <= TOLERANCE_CUN
    if side == "directly":
        return abs(dx) <= TOLERANCE_CUN
    if side == "level":
        return abs(dy) <= TOLERANCE_CUN
    ux, uy = DIRECTIONS[panel][side]
    if panel == "front":  # distances from the midline
        return (abs(at[0]) - abs(ref[0])) * ux > TOLERANCE_CUN
    return dx * ux + dy * uy > TOLERANCE_CUN


@pytest.mark.parametrize(("code", "panel", "landmark", "sides"), CASES, ids=[f"{c[0]}-{c[1]}" for c in CASES])
def test_the_marker_is_by_the_landmark_its_text_names_on_the_side_it_says(
    code: str, panel: str, landmark: str, sides: tuple[tuple[str, tuple[str, ...]], ...]
) -> None:
    view = _view(panel)
    anchors = [a for a in _CATALOG.points[code].anchors if a.view == view and a.landmark == landmark]
    assert anchors, f"{code} has no {view} anchor on {landmark}"
    spots = [xy for a in anchors for xy in anchor_positions(a, False)]
    assert all(panel_of(view, *xy) == (view if panel == "front" else panel) for xy in spots), spots
    for xy in spots:
        for ref, words in sides:
            where = _ref(ref, panel, xy)
            wrong = [w for w in words if not _holds(w, panel, xy, where)]
            assert not wrong, f"{code} at {xy} is not {wrong} of {ref} at {where}"


def test_every_point_asked_for_is_anchored_on_the_foot_or_by_the_knee() -> None:
    asked = "BL61 BL63 BL64 BL66 EX-LE10 Lineiting GB42 GB43 GB44 KI1 KI2 KI4 LR1 LR4 LR7 SP1 SP3 SP4 SP5"
    asked += " ST42 ST43 ST44 ST45"
    missing = [code for code in asked.split() if not _CATALOG.points[code].anchors]
    assert not missing


def test_every_foot_marker_lies_inside_the_outline_of_its_panel() -> None:
    outside = []
    for code in _CATALOG.points:
        for xy in _markers(code, FOOT):
            panel = panel_of(FOOT, *xy)
            if panel == FOOT or not any(polygon_contains(poly, *xy) for poly in F.panel_outlines(panel)):
                outside.append(f"{code} at {xy} ({panel})")
    assert not outside, "\n".join(outside)


def _off_polyline(xy: Pt, line: list[Pt]) -> float:
    best = math.inf
    for (x0, y0), (x1, y1) in itertools.pairwise(line):
        dx, dy = x1 - x0, y1 - y0
        t = max(0.0, min(1.0, ((xy[0] - x0) * dx + (xy[1] - y0) * dy) / (dx * dx + dy * dy)))
        best = min(best, math.dist(xy, (x0 + t * dx, y0 + t * dy)))
    return best


@pytest.mark.parametrize(
    ("code", "panel"),
    [
        *[("BL61", "lateral"), ("BL64", "lateral"), ("BL65", "lateral"), ("BL66", "lateral")],
        *[("KI2", "medial"), ("SP2", "medial"), ("SP3", "medial"), ("SP4", "medial")],
    ],
)
def test_points_at_the_red_white_border_sit_on_the_drawn_border(code: str, panel: str) -> None:
    text = _CATALOG.points[code].location.lower()
    assert "red-white" in text or "red and white" in text
    line = F.placed(F.PANEL_ORIGINS[panel], F.LATERAL_RED_WHITE if panel == "lateral" else F.MEDIAL_RED_WHITE)
    (xy,) = _on_panel(code, panel)
    assert _off_polyline(xy, line) <= TOLERANCE_CUN


def test_bafeng_is_one_spot_at_each_of_the_four_toe_webs() -> None:
    webs = ["first_second_toe_web", "second_third_toe_web", "third_fourth_toe_web", "fourth_fifth_toe_web"]
    spots = sorted(_on_panel("EX-LE10", "dorsum"))
    assert spots == sorted((LANDMARKS[w].x, LANDMARKS[w].y) for w in webs)
    # each web lies between its two toes, on the drawn margin of the foot between them
    for i, web in enumerate(webs):
        (h1, _t1, r1), (h2, _t2, r2) = F.DORSUM_TOES[i], F.DORSUM_TOES[i + 1]
        x = LANDMARKS[web].x - F.FOOT_DORSUM_ORIGIN[0]
        assert h2[0] < x < h1[0]
        assert abs(x - (h1[0] - r1 + h2[0] + r2) / 2) < 0.15


def test_ki1_is_a_third_of_the_way_from_the_2nd_3rd_toe_web_to_the_heel() -> None:
    (ki1,) = _on_panel("KI1", "sole")
    web, heel = LANDMARKS["second_third_toe_web_sole"], LANDMARKS["heel_sole"]
    third = (web.x + (heel.x - web.x) / 3, web.y + (heel.y - web.y) / 3)
    assert math.dist(ki1, third) <= TOLERANCE_CUN


def test_the_5th_metatarsal_tuberosity_is_about_midway_between_the_heel_and_the_5th_mtp_joint() -> None:
    """WHO's note to BL64, in its location text."""
    assert "midway between the heel and the 5th MTP joint" in _CATALOG.points["BL64"].location
    heel = min(x for x, y in F.placed(F.FOOT_LATERAL_ORIGIN, F.LATERAL_PROFILE) if y > LANDMARKS["cuboid"].y)
    tub, mtp = LANDMARKS["fifth_metatarsal_tuberosity"], LANDMARKS["fifth_mtp_lateral"]
    assert tub.x == pytest.approx((heel + mtp.x) / 2, abs=0.1)


def test_sp5_is_midway_between_the_navicular_tuberosity_and_the_malleolus() -> None:
    (sp5,) = _on_panel("SP5", "medial")
    nav, mall = LANDMARKS["navicular_tuberosity"], LANDMARKS["medial_malleolus_side"]
    assert math.dist(sp5, ((nav.x + mall.x) / 2, (nav.y + mall.y) / 2)) <= TOLERANCE_CUN


def test_lr4_is_midway_between_sp5_and_st41_as_the_medial_side_shows_them() -> None:
    """The medial view shows ST41 (the front of the ankle) on its front contour; a side view is a
    parallel projection, so the midpoint of the two points is the midpoint of what it shows."""
    (lr4,) = _on_panel("LR4", "medial")
    (sp5,) = _on_panel("SP5", "medial")
    front = LANDMARKS["ankle_front_medial_view"]
    assert front.y == LANDMARKS["medial_malleolus_side"].y  # ST41: the level of the malleoli
    assert math.dist(lr4, ((sp5[0] + front.x) / 2, (sp5[1] + front.y) / 2)) <= TOLERANCE_CUN


def test_ki8_is_half_a_cun_in_front_of_ki7() -> None:
    (ki7,), (ki8,) = _on_panel("KI7", "medial"), _on_panel("KI8", "medial")
    assert ki8[0] - ki7[0] == pytest.approx(0.5, abs=TOLERANCE_CUN)


@pytest.mark.parametrize(
    ("code", "corners"),
    [
        ("BL67", 2),
        ("GB44", 1),
        ("LR1", 1),
        ("SP1", 2),
        ("ST45", 1),
    ],
)
def test_nail_points_are_read_as_a_tenth_of_a_cun_from_each_drawn_corner(code: str, corners: int) -> None:
    point = _CATALOG.points[code]
    (corner,) = [c for c in claims(point.location) if c.kind == "corner"]
    assert corner.cun == pytest.approx(F.NAIL_POINT_CUN)
    assert len(corner.refs) == corners
    (drift,) = [d for d in point_drifts(_CATALOG, point) if d.view == FOOT and d.words == corner.words]
    assert drift.drift_cun <= TOLERANCE_CUN


def test_the_nail_corners_are_the_corners_of_the_drawn_nails() -> None:
    dorsum = F.FOOT_DORSUM_ORIGIN
    for toe, name in ((0, "big_toenail_lateral_corner"), (1, "second_toenail_lateral_corner")):
        lateral, medial, free = F.dorsum_nail(toe)
        assert (LANDMARKS[name].x, LANDMARKS[name].y) == pytest.approx(F.at(dorsum, *lateral))
        assert lateral[0] < free[0] < medial[0] and lateral[1] == medial[1] < free[1]
    big = LANDMARKS["big_toenail_medial_corner_dorsum"]
    assert (big.x, big.y) == pytest.approx(F.at(dorsum, *F.dorsum_nail(0)[1]))


def test_a_nail_point_moved_off_its_corner_is_caught() -> None:
    from dataclasses import replace

    lr1 = _CATALOG.points["LR1"]
    moved = replace(lr1, anchors=(replace(lr1.anchors[0], down_cun=-0.4),))
    (drift,) = [d for d in point_drifts(_CATALOG, moved) if d.view == FOOT]
    assert drift.drift_cun > TOLERANCE_CUN


def test_a_reference_on_another_panel_is_not_measured() -> None:
    """LR4 is 'midway between SP5 and ST41': on the foot view ST41 is on the dorsum, LR4 on the
    medial side, so the reader does not measure across panels (the test above does it by hand)."""
    lr4 = _CATALOG.points["LR4"]
    assert any(c.kind == "midway" for c in claims(lr4.location))
    assert not [d for d in point_drifts(_CATALOG, lr4) if d.view == FOOT]


def test_lr7_is_on_the_leg_at_the_level_of_sp9_towards_its_back_edge() -> None:
    (lr7,) = [xy for xy in _markers("LR7", FRONT) if xy[0] > 0]
    (sp9,) = [xy for xy in _markers("SP9", FRONT) if xy[0] > 0]
    assert lr7[1] == sp9[1]
    assert 0.3 <= sp9[0] - lr7[0] <= 1.0  # nearer the leg's medial edge; the front cannot show 1 cun back


@pytest.mark.parametrize("panel", ["lateral", "medial"])
def test_the_side_panels_draw_a_leg_tapering_to_the_heel_behind_the_tendon(panel: str) -> None:
    """The lower leg narrows to the ankle, the calcaneal tendon's back is concave above the heel,
    and the heel projects behind it; on the medial side the arch is clear of the ground."""
    profile = F.LATERAL_PROFILE if panel == "lateral" else F.MEDIAL_PROFILE
    ground = F.LATERAL_GROUND_Y if panel == "lateral" else F.MEDIAL_GROUND_Y
    top = min(y for _x, y in profile)
    width_at = {
        y: max(x for x, py in profile if abs(py - y) < 0.6) - min(x for x, py in profile if abs(py - y) < 0.6)
        for y in (top + 0.4, -1.5)
    }
    assert width_at[top + 0.4] > width_at[-1.5] + 0.8
    back = [(x, y) for x, y in profile if x < -1.5]
    tendon = max((p for p in back if -3.0 < p[1] < 0.5), key=lambda p: p[0])  # its narrowest
    heel = min((p for p in back if p[1] > 0.5), key=lambda p: p[0])
    assert heel[0] < tendon[0] - 0.4
    assert max(y for _x, y in profile) == pytest.approx(ground, abs=0.05)  # standing on the ground
    if panel == "medial":
        arch = [y for x, y in profile if 1.5 < x < 4.5 and y > 1.5]  # the sole under the arch
        assert max(arch) < ground - 0.3


def test_bl67_on_the_front_view_is_on_the_lateral_side_of_the_little_toe() -> None:
    # "on the lateral side of the distal phalanx of the little toe": on the front view's little toe
    # (the last of the toes, the big toe first), on its lateral half
    from app.domain import silhouette
    from app.domain.anatomy import point_positions

    little_toe = silhouette.front_toes()[-1]
    centre_x = silhouette.FRONT_TOES[-1][0]
    for x, y in point_positions(_CATALOG.points["BL67"], FRONT):
        toe = little_toe if x > 0 else [(-tx, ty) for tx, ty in little_toe]
        assert polygon_contains(toe, x, y)
        assert abs(x) > centre_x
