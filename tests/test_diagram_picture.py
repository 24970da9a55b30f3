"""The diagram without a widget: the print's still pictures, and where code tags go (pure)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRectF, QSize, QSizeF
from PySide6.QtGui import QColor, QImage, QPainter

from app.domain import anatomy
from app.domain.plan import build_plan
from app.domain.vocabulary import Role
from app.ui.diagram.items import LIGHT
from app.ui.diagram.picture import fit_transform, paint_view, render_view
from app.ui.diagram.scene import DiagramStyle
from app.ui.diagram.tags import BoxGrid, place_tag
from app.ui.sheet_figures import FIGURE_OBJECT, OBJECT_CHARACTER, VIEW_PROPERTY, first_figure_table
from app.ui.treatment_sheet import DIAGRAM_SIZE, sheet_views, treatment_sheet


def figure_views(doc) -> list[str]:
    """The views of the figure objects in ``doc``, in document order."""
    views = []
    block = doc.begin()
    while block.isValid():
        fragments = block.begin()
        while not fragments.atEnd():
            fragment = fragments.fragment()
            fmt = fragment.charFormat()
            if fmt.objectType() == FIGURE_OBJECT:
                views += [str(fmt.property(VIEW_PROPERTY))] * fragment.text().count(OBJECT_CHARACTER)
            fragments += 1
        block = block.next()
    return views


def test_the_fit_keeps_the_whole_figure_centred_in_the_picture() -> None:
    rect = QRectF(0, 0, 312, 924)
    t = fit_transform(rect, 230, 330)
    shown = t.mapRect(rect)
    assert shown.left() >= 0 and shown.top() >= 0 and shown.right() <= 230 and shown.bottom() <= 330
    assert shown.center().x() == pytest.approx(115) and shown.center().y() == pytest.approx(165)
    assert shown.height() == pytest.approx(330 * 0.97)  # the taller side fills the picture


def _near(image, x: float, y: float, colour: str, radius: int = 2) -> bool:
    want = QColor(colour)
    for dx in range(-radius, radius + 1):
        for dy in range(-radius, radius + 1):
            got = image.pixelColor(round(x) + dx, round(y) + dy)
            if (
                max(
                    abs(got.red() - want.red()),
                    abs(got.green() - want.green()),
                    abs(got.blue() - want.blue()),
                )
                < 40
            ):
                return True
    return False


def test_a_plan_point_is_drawn_in_the_plan_colour_where_its_anchor_puts_it(qapp, catalog) -> None:
    image = render_view(catalog, anatomy.BACK, DiagramStyle(roles={"BL23": Role.PLAN}), DIAGRAM_SIZE)
    assert image is not None and image.size() == DIAGRAM_SIZE
    frame = anatomy.VIEW_FRAMES[anatomy.BACK]
    t = fit_transform(QRectF(0, 0, frame.width, frame.height), DIAGRAM_SIZE.width(), DIAGRAM_SIZE.height())
    for x, y in anatomy.point_positions(catalog.points["BL23"], anatomy.BACK):
        spot = t.map(QRectF(*frame.to_scene(x, y), 0, 0).topLeft())
        assert _near(image, spot.x(), spot.y(), LIGHT.plan), f"no plan marker at {spot}"
    # a point not in the plan is not in the plan colour
    (x, y) = anatomy.point_positions(catalog.points["BL40"], anatomy.BACK)[0]
    spot = t.map(QRectF(*frame.to_scene(x, y), 0, 0).topLeft())
    assert not _near(image, spot.x(), spot.y(), LIGHT.plan, radius=1)


def test_the_sheet_figures_show_the_plan_points_alone(qapp, catalog) -> None:
    """On paper a faint dot of a point not in the plan could be read as one to needle."""
    style = DiagramStyle(roles={"BL23": Role.PLAN})
    frame = anatomy.VIEW_FRAMES[anatomy.BACK]
    t = fit_transform(QRectF(0, 0, frame.width, frame.height), DIAGRAM_SIZE.width(), DIAGRAM_SIZE.height())
    (x, y) = anatomy.point_positions(catalog.points["BL40"], anatomy.BACK)[0]
    spot = t.map(QRectF(*frame.to_scene(x, y), 0, 0).topLeft())
    every = render_view(catalog, anatomy.BACK, style, DIAGRAM_SIZE)
    alone = render_view(catalog, anatomy.BACK, style, DIAGRAM_SIZE, styled_only=True)
    bare = render_view(catalog, anatomy.BACK, DiagramStyle(), DIAGRAM_SIZE, styled_only=True)
    assert every is not None and alone is not None and bare is not None

    def around(image) -> list[int]:  # BL40's spot and its neighbourhood
        x, y = round(spot.x()), round(spot.y())
        return [image.pixel(x + dx, y + dy) for dx in range(-3, 4) for dy in range(-3, 4)]

    assert around(every) != around(bare)  # the interactive look: a faint marker at every point
    assert around(alone) == around(bare)  # the sheet's: the figure alone there
    for bx, by in anatomy.point_positions(catalog.points["BL23"], anatomy.BACK):
        mark = t.map(QRectF(*frame.to_scene(bx, by), 0, 0).topLeft())
        assert _near(alone, mark.x(), mark.y(), LIGHT.plan)


def test_the_picture_is_not_clipped_to_the_figure_column(qapp, catalog) -> None:
    """The caption and the outer code tags stand beyond the scene rect; they must still print."""
    size = QSize(230, 330)
    image = render_view(catalog, anatomy.BACK, DiagramStyle(roles={"GB30": Role.PLAN}), size)
    assert image is not None
    frame = anatomy.VIEW_FRAMES[anatomy.BACK]
    column = fit_transform(QRectF(0, 0, frame.width, frame.height), 230, 330).mapRect(
        QRectF(0, 0, frame.width, frame.height)
    )
    beyond = [
        (x, y)
        for y in range(0, 20)
        for x in range(0, int(column.left()) - 1)
        if image.pixelColor(x, y) != QColor("#ffffff")
    ]
    assert beyond, "the caption was cut at the figure's column"


def test_the_treatment_sheet_draws_the_fewest_views_that_show_every_plan_point(qapp, catalog) -> None:
    plan = build_plan(catalog, case_label="t", patterns=("kidney_qi_deficiency",), zones=("midline",))
    points = [catalog.points[p.code] for p in plan.included_points()]
    views = sheet_views(catalog, plan)
    assert views == anatomy.covering_views(points)
    assert figure_views(treatment_sheet(catalog, plan)) == views  # each drawn on the sheet, in order
    # every plan point is on one of them, and each view drawn shows a point the earlier ones do not
    assert all(any(a.view in views for a in p.anchors) for p in points if p.anchors)
    for i, view in enumerate(views):
        earlier = set(views[:i])
        assert any(
            any(a.view == view for a in p.anchors) and not any(a.view in earlier for a in p.anchors)
            for p in points
        ), view


def test_covering_views_take_whole_figures_first(catalog) -> None:
    # KI3 is on the back view and the foot close-up; GB34 on the front, side and foot
    chosen = anatomy.covering_views([catalog.points["KI3"], catalog.points["GB34"]])
    assert chosen == [anatomy.FRONT, anatomy.BACK]
    assert anatomy.covering_views([catalog.points["KI1"]]) == [anatomy.FOOT]  # the sole only
    assert anatomy.covering_views([catalog.points["CV1"]]) == []  # drawn on no view


# -------------------------------------------------------------------- tag placement (no Qt)
def test_a_tag_goes_beside_its_marker_on_the_outer_side_first() -> None:
    placed, strong, weak = BoxGrid(), BoxGrid(), BoxGrid()
    right = place_tag((30, 12), 100, 100, False, placed, strong, weak)
    left = place_tag((30, 12), 300, 100, True, placed, strong, weak)
    assert right == (8.0, -6.0, False)
    assert left == (-38.0, -6.0, False)


def test_a_tag_never_covers_a_highlighted_marker_and_moves_out_with_a_leader() -> None:
    placed, strong, weak = BoxGrid(), BoxGrid(), BoxGrid()
    # highlighted markers all round the near spots: only the far spots are left
    for dx, dy in ((20, 0), (-20, 0), (0, -14), (0, 14), (20, -10), (20, 10), (-20, -10), (-20, 10)):
        strong.add((100 + dx - 6, 100 + dy - 6, 100 + dx + 6, 100 + dy + 6))
    spot = place_tag((30, 12), 100, 100, False, placed, strong, weak)
    assert spot is not None
    dx, dy, leader = spot
    assert leader
    box = (100 + dx, 100 + dy, 100 + dx + 30, 100 + dy + 12)
    assert not strong.hits(box)


def test_tags_do_not_overlap_each_other() -> None:
    placed, strong, weak = BoxGrid(), BoxGrid(), BoxGrid()
    boxes = []
    for i in range(12):  # a column of markers 10 px apart: tags must stack without overlap
        spot = place_tag((30, 12), 100, 100 + 10 * i, False, placed, strong, weak)
        if spot is not None:
            dx, dy, _ = spot
            boxes.append((100 + dx, 100 + 10 * i + dy, 130 + dx, 112 + 10 * i + dy))
    assert len(boxes) >= 6
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert not (a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3])


def test_the_sheet_puts_at_most_three_figures_in_a_row(qapp, catalog) -> None:
    from app.ui.treatment_sheet import DIAGRAMS_PER_ROW

    plan = build_plan(catalog, case_label="t", patterns=("kidney_qi_deficiency",), zones=("midline",))
    five = [str(view) for view in list(anatomy.VIEWS)[:5]]  # a plan whose points need five views
    doc = treatment_sheet(catalog, plan, views=five)
    assert figure_views(doc) == five
    table = first_figure_table(doc)
    assert table is not None
    per_row = [
        sum(
            table.cellAt(row, column).firstCursorPosition().block().text().count(OBJECT_CHARACTER)
            for column in range(table.columns())
        )
        for row in range(table.rows())
    ]
    assert per_row == [DIAGRAMS_PER_ROW, 5 - DIAGRAMS_PER_ROW]


def _plan_pixels(image: QImage) -> set[tuple[int, int]]:
    return {
        (x, y)
        for y in range(image.height())
        for x in range(image.width())
        if _near(image, x, y, LIGHT.plan, radius=0)
    }


def _dark_pixels(image: QImage) -> int:
    width, height = image.width(), image.height()
    return sum(1 for y in range(height) for x in range(width) if image.pixelColor(x, y).lightness() < 90)


def test_a_printed_figure_is_the_picture_at_the_printers_resolution(qapp, catalog) -> None:
    """On a printer the markers, tags and labels (a constant pixel size on screen) print where and
    as large as on the picture: not at the size of the printer's dots."""
    style = DiagramStyle(roles=dict.fromkeys(("BL23", "BL40", "GB30"), Role.PLAN))
    screen = render_view(catalog, anatomy.BACK, style, DIAGRAM_SIZE, styled_only=True)
    assert screen is not None
    scale = 300 / 96  # a 300 dpi page, as the PDF writer paints it
    printed = QImage(
        round(DIAGRAM_SIZE.width() * scale), round(DIAGRAM_SIZE.height() * scale), QImage.Format.Format_RGB32
    )
    printed.setDotsPerMeterX(round(300 / 0.0254))
    printed.setDotsPerMeterY(round(300 / 0.0254))
    printed.fill(0xFFFFFFFF)
    painter = QPainter(printed)
    painter.scale(scale, scale)
    paint_view(painter, catalog, anatomy.BACK, style, QSizeF(DIAGRAM_SIZE), styled_only=True)
    painter.end()
    back = printed.scaled(DIAGRAM_SIZE)  # down to the picture's pixels to compare
    plan_screen, plan_printed = _plan_pixels(screen), _plan_pixels(back)
    assert plan_screen and len(plan_printed) >= 0.6 * len(plan_screen)  # markers as large
    assert len(plan_printed - plan_screen) <= 0.3 * len(plan_printed)  # and where they were
    # the code tags' text as large (a tag drawn in the printer's points would be three times larger)
    assert 0.6 < _dark_pixels(back) / _dark_pixels(screen) < 1.6


@pytest.mark.parametrize("view", [anatomy.FRONT, anatomy.BACK])
def test_the_sheet_sized_figure_names_the_patients_sides(qapp, catalog, view) -> None:
    """The caption says which side is which; R and L stand beside the shoulders at the size of
    the caption, on the sheet's small figure too (the landmark names are left out there)."""
    from app.ui.diagram.scene import ViewScene

    scene = ViewScene(catalog, view, {})
    t = fit_transform(scene.sceneRect(), DIAGRAM_SIZE.width(), DIAGRAM_SIZE.height())
    scene.layout_tags(t, DIAGRAM_SIZE.width())
    shown = {label.text(): label for label in scene.sides if label.isVisible()}
    assert {"R", "L"} <= set(shown)
    assert not any(label.isVisible() for label in scene.notes)  # too small for the landmark names
    left_of_midline = "R" if view == anatomy.FRONT else "L"
    assert t.map(shown[left_of_midline].pos()).x() < DIAGRAM_SIZE.width() / 2
    assert shown["R"].font().bold() and shown["R"].font().pointSizeF() == 7.5


def test_a_print_leaves_out_the_names_too_small_to_read_with_their_leaders(qapp) -> None:
    from app.ui.diagram.picture import without_small_names
    from app.ui.diagram.scene import figure_svg

    svg = figure_svg(anatomy.HAND, dark=False).decode("utf-8")
    names, leaders = svg.count("<text"), svg.count('class="leader"')
    assert names and leaders
    assert without_small_names(svg, 1.5) == svg  # as a screen shows the close-up, every name reads
    small = without_small_names(svg, 0.2)  # about the sheet's size
    assert "<text" not in small and 'class="leader"' not in small
    assert small.count("<path") == svg.count("<path") - leaders  # the drawing itself stays whole
