"""Cues the whole figures draw to find points by agree with the points they serve (no Qt)."""

from __future__ import annotations

import pytest

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
    assert len(fig.elements) == 6  # the two bellies' borders and the tendon, on each leg
    starts = [e.split('d="M', 1)[1].split(" ", 1)[0] for e in fig.elements]
    assert starts.count(fig.p(*apex)) == 2 and starts.count(fig.p(-apex[0], apex[1])) == 2
    assert draw_figures.draw_back().count(fig.p(*apex)) >= 2  # and the figure draws them
