"""Cues the whole figures draw to find points by agree with the points they serve (no Qt)."""

from __future__ import annotations

import pytest

from app.domain import anatomy as A
from app.domain import silhouette
from app.domain.anatomy import BACK, LANDMARKS, point_positions
from app.domain.loader import load_catalog
from app.paths import catalog_path
from tools import draw_figures

_CATALOG = load_catalog(catalog_path())


def test_the_gastrocnemius_angle_is_drawn_where_bl57_is() -> None:
    """BL57: where the calcaneal tendon meets the two bellies of gastrocnemius; the back view draws
    the bellies' lower borders meeting there, with BL55 and BL56 above, between the two heads."""
    pop = LANDMARKS["popliteal_crease_mid"]
    apex = (pop.x, pop.y + draw_figures.CALF_ANGLE_BELOW_CREASE)
    markers = sorted(point_positions(_CATALOG.points["BL57"], BACK))
    assert [c for xy in markers for c in xy] == pytest.approx([-apex[0], apex[1], apex[0], apex[1]])
    for code in ("BL55", "BL56"):
        for x, y in point_positions(_CATALOG.points[code], BACK):
            assert abs(x) == pytest.approx(apex[0]) and pop.y < y < apex[1], code


def test_the_back_view_draws_the_bellies_meeting_at_the_angle() -> None:
    pop = LANDMARKS["popliteal_crease_mid"]
    apex = (pop.x, pop.y + draw_figures.CALF_ANGLE_BELOW_CREASE)
    fig = draw_figures.Figure(draw_figures.VIEW_FRAMES[BACK])
    draw_figures._calves(fig)
    assert len(fig.elements) == 8  # the two bellies' borders and the tendon's two edges, on each leg
    starts = [e.split('d="M', 1)[1].split(" ", 1)[0] for e in fig.elements]
    assert starts.count(fig.p(*apex)) == 2 and starts.count(fig.p(-apex[0], apex[1])) == 2
    assert draw_figures.draw_back().count(fig.p(*apex)) >= 2  # and the figure draws them


def test_the_whole_figures_feet_read_the_right_way_round() -> None:
    """Front view: five toes, the big toe the widest and the most medial, the tips on the ground;
    the malleoli bulge out of the ankle, the medial higher than the lateral. Back view: the heel
    reaches the sole under the calcaneal tendon, the forefoot shows beyond it on both sides."""
    toes = silhouette.FRONT_TOES
    assert len(toes) == 5
    assert [cx for cx, *_ in toes] == sorted(cx for cx, *_ in toes)  # medial (small x) to lateral
    assert toes[0][1] > 2 * max(half for _cx, half, *_ in toes[1:]) * 0.9
    # the toes' tips at the ground, at or just below the sole's level (the foot seen from a little
    # above), inside the view's frame
    assert all(A.SOLE_Y <= tip <= A.VIEW_FRAMES[A.FRONT].y_max - 0.5 for *_, tip in toes)
    medial, lateral = silhouette.LEG_INNER[0], silhouette.LEG_OUTER[-1]
    assert medial[0] < LANDMARKS["medial_malleolus"].x and medial[1] == pytest.approx(A.MEDIAL_MALLEOLUS_Y)
    assert lateral[0] > LANDMARKS["lateral_malleolus"].x
    assert lateral[1] == pytest.approx(A.LATERAL_MALLEOLUS_Y, abs=0.1)
    heel = silhouette.HEEL_BACK
    lowest = max(heel, key=lambda p: p[1])
    assert lowest[0] == pytest.approx(LANDMARKS["calcaneal_tendon"].x)
    assert lowest[1] <= A.VIEW_FRAMES[BACK].y_max - 0.5
    back_xs = [x for x, _y in silhouette.FOOT_BACK]
    assert min(back_xs) < min(x for x, _y in heel) and max(back_xs) > max(x for x, _y in heel)
