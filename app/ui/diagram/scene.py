"""One view of the body diagram as a scene: the figure, the markers, the names, zones and courses.

The interactive widget (:mod:`app.ui.diagram.view`) shows these scenes, one per view, and the PDF
export (:mod:`app.ui.diagram.picture`) renders one without any widget. What the scene draws comes
from the domain: marker positions from ``anatomy.point_positions``, channel courses from
``channels.course_lines``, landmark names from ``figure_notes``. How it is drawn is a
:class:`DiagramStyle`, which the owner hands to :meth:`ViewScene.restyle`.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import field
from functools import cache

from PySide6.QtCore import QByteArray, QObject, QPointF, QRectF, Qt
from PySide6.QtGui import QPainterPath, QPolygonF, QTransform
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtSvgWidgets import QGraphicsSvgItem
from PySide6.QtWidgets import QGraphicsItem, QGraphicsScene

from app.domain import anatomy, pain_zones
from app.domain.anatomy import MIRRORED_VIEWS, VIEW_FRAMES
from app.domain.channels import course_lines
from app.domain.figure_notes import notes_for
from app.domain.frozen import model
from app.domain.models import Catalog
from app.domain.vocabulary import Role, View
from app.paths import resources_dir
from app.ui.diagram.answer import AnswerOverlay
from app.ui.diagram.channels import ChannelItem
from app.ui.diagram.items import FIGURE_DARK, DiagramColors, FigureLabel, MarkerItem, ZoneItem, diagram_colors
from app.ui.diagram.tags import Box, BoxGrid, place_tag

FIT_MARGIN = 0.97  # the share of the widget or picture the whole figure fills


def marker_size_for(px_per_cun: float) -> float:
    """Marker radius in pixels: about half a cun across, 2.6 to 6.5 px (markers grow as one zooms in)."""
    return round(min(6.5, max(2.6, 0.5 * px_per_cun)), 1)


# Which spinal level names stay when they do not all fit (the landmark levels first).
LEVEL_PRIORITY = ("L4", "L2", "T7", "T12", "L5", "L3", "L1")


@cache
def figure_svg(view: str, dark: bool) -> bytes:
    """The figure's SVG text, recoloured for the dark theme (read once per process)."""
    text = (resources_dir() / "figures" / f"{view}.svg").read_text(encoding="utf-8")
    if dark:
        for light, dark_colour in FIGURE_DARK.items():
            text = text.replace(light, dark_colour)
    return text.encode("utf-8")


def figure_title(view: str) -> str:
    """The figure's own title ("Close-up of the right hand: the back of the hand and the palm")."""
    found = re.search(r"<title>(.*?)</title>", figure_svg(view, dark=False).decode("utf-8"), re.S)
    return html.unescape(found.group(1)) if found else View(view).caption


def polygon_path(view: str, polygons: Iterable[Iterable[tuple[float, float]]]) -> QPainterPath:
    frame = VIEW_FRAMES[view]
    path = QPainterPath()
    for poly in polygons:
        pts = [QPointF(*frame.to_scene(x, y)) for x, y in poly]
        path.addPolygon(QPolygonF([*pts, pts[0]]))
    path.setFillRule(Qt.FillRule.WindingFill)
    return path


@model
class DiagramStyle:
    """How the markers and courses are drawn: the same for every view of one diagram."""

    roles: Mapping[str, str] = field(default_factory=dict)  # point code -> Role value
    selected: str | None = None
    labels_visible: bool = True
    markers_visible: bool = True
    zone_mode: bool = False  # the pain map: only highlighted markers, zones clickable
    dark: bool = False
    channels: tuple[str, ...] = ()  # courses drawn, in catalog order
    emphasis: str | None = None  # the course drawn wider


class ViewScene(QGraphicsScene):
    """Everything drawn for one view. Built once; :meth:`restyle` and :meth:`layout_tags` update it."""

    def __init__(
        self,
        catalog: Catalog,
        view: str,
        tooltips: Mapping[str, str],
        on_hover: Callable[[str], None] | None = None,
        zones_on: Iterable[str] = (),
        parent: QObject | None = None,
        only: Collection[str] | None = None,
    ) -> None:
        super().__init__(parent)
        self.catalog = catalog
        self.view = view
        self.frame = frame = VIEW_FRAMES[view]
        self.diagram_style = DiagramStyle()
        self.dirty = True  # markers need restyling before they are shown
        self.marker_size = MarkerItem.RADIUS  # pixels; the view sets it from its zoom
        self.answer: AnswerOverlay | None = None
        self.answer_focus: QPointF | None = None  # kept in view while the answer is shown
        self.markers: dict[str, list[MarkerItem]] = {}
        self.zones: dict[str, ZoneItem] = {}
        self.figure_labels: list[FigureLabel] = []  # constant-size names drawn over the figure
        self.notes: list[FigureLabel] = []  # landmark names (figure_notes), shown where there is room
        self.captions: list[FigureLabel] = []  # "Back view: the patient's left is on your left"
        self.sides: list[FigureLabel] = []  # R and L beside the shoulders
        self.show_captions = True  # a print writes the caption under the figure instead
        self.channels: dict[str, ChannelItem | None] = {}  # built when first drawn; None: not on this view
        self.channel_labels: dict[str, list[FigureLabel]] = {}
        self.svg_item = QGraphicsSvgItem()
        self.svg_item.setZValue(-10)
        self.svg_item.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.svg_item.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self.addItem(self.svg_item)
        self.renderer: QSvgRenderer | None = None
        self.setSceneRect(QRectF(0, 0, frame.width, frame.height))
        self.load_figure(dark=False)
        hover = on_hover or (lambda _code: None)
        for code, point in catalog.points.items():
            if only is not None and code not in only:  # a still picture of a few points (print)
                continue
            items = []
            for index, (x, y) in enumerate(anatomy.point_positions(point, view)):
                marker = MarkerItem(code, index, tooltips.get(code, ""), hover)
                marker.setPos(*frame.to_scene(x, y))
                self.addItem(marker)
                items.append(marker)
            if items:
                self.markers[code] = items
        if view == anatomy.BACK:
            for level in anatomy.SPINE_LABELS:
                label = FigureLabel(level, bold=level.startswith("L"))
                label.setPos(*frame.to_scene(anatomy.SPINE_LABEL_X, anatomy.LANDMARKS[level].y))
                self.addItem(label)
                self.figure_labels.append(label)
        for note in notes_for(view):
            label = FigureLabel(
                note.text, bold=note.side, point_size=7.5, anchor=note.anchor, italic=note.caption
            )
            label.setPos(*frame.to_scene(note.x, note.y))
            self.addItem(label)
            (self.captions if note.caption else self.sides if note.side else self.notes).append(label)
        if view == pain_zones.ZONE_VIEW:
            on = set(zones_on)
            for zone_id, polygons in pain_zones.ZONE_SHAPES.items():
                zone = catalog.zones.get(zone_id)
                item = ZoneItem(zone_id, zone.name if zone else zone_id, polygon_path(view, polygons))
                item.on = zone_id in on
                item.setVisible(False)
                self.addItem(item)
                self.zones[zone_id] = item

    # ----------------------------------------------------------------- figure
    def load_figure(self, dark: bool, svg: bytes | None = None) -> None:
        """Draw the view's figure (or ``svg``, a version of it) for the theme."""
        renderer = QSvgRenderer(QByteArray(svg if svg is not None else figure_svg(self.view, dark)), self)
        self.svg_item.setSharedRenderer(renderer)
        if self.renderer is not None:
            self.renderer.deleteLater()
        self.renderer = renderer

    # ---------------------------------------------------------------- styling
    def restyle(self, style: DiagramStyle) -> None:
        """Restyle every item for ``style`` (the figure too, when the theme changed)."""
        if style.dark != self.diagram_style.dark:
            self.load_figure(style.dark)
        self.diagram_style = style
        colors = diagram_colors(style.dark)
        active = bool(style.roles)
        for code, items in self.markers.items():
            role = style.roles.get(code)
            selected = code == style.selected
            dimmed = active and role is None
            show_tag = style.labels_visible and (selected or not dimmed)
            for marker in items:
                marker.restyle(role, dimmed, selected, colors, self.marker_size)
                marker.tag_wanted = show_tag
                # the pain map is about zones: there only the highlighted (plan) points stay
                marker.setVisible(style.markers_visible and not (style.zone_mode and role is None))
        for zone in self.zones.values():
            zone.setVisible(style.zone_mode)
            zone.restyle(colors)
        for label in (*self.figure_labels, *self.notes, *self.captions, *self.sides):
            label.set_dark(style.dark)
        self._sync_channels()
        self.dirty = False

    def _sync_channels(self) -> None:
        style = self.diagram_style
        for channel in style.channels:
            if channel not in self.channels:
                lines = course_lines(self.catalog, channel, self.view)
                item = None
                if lines:
                    item = ChannelItem(channel, self.catalog.channels[channel].name, lines, self.frame)
                    self.addItem(item)
                    label = FigureLabel(channel, bold=True, point_size=7.0, anchor="end")
                    spot = item.label_spot(self.frame)
                    label.setPos(spot.x() - 6, spot.y())
                    self.addItem(label)
                    self.channel_labels[channel] = [label]
                self.channels[channel] = item
        for channel, item in self.channels.items():
            shown = channel in style.channels
            if item is not None:
                item.setVisible(shown)
                if shown:
                    item.restyle(style.dark, channel == style.emphasis)
            for label in self.channel_labels.get(channel, []):
                label.setVisible(shown)
                if item is not None:
                    label.setBrush(item.colour(style.dark))

    def set_zone_on(self, zone_ids: Iterable[str], colors: DiagramColors) -> None:
        on = set(zone_ids)
        for zone_id, zone in self.zones.items():
            zone.on = zone_id in on
            zone.restyle(colors)

    # ------------------------------------------------------------------- tags
    def layout_tags(self, t: QTransform, viewport_width: float) -> None:
        """Place each wanted code tag where it overlaps no other tag or marker.

        Tags keep their pixel size at every zoom, so the layout is done in view
        pixels (``t`` maps the scene to them): the preferred spot is beside the
        marker on the outer side; then the other side, above, below, and further
        out with a leader line. A tag that fits nowhere is hidden (its marker
        still has a tooltip; zooming in makes room).
        """
        selected = self.diagram_style.selected
        midline = self.frame.to_scene(0.0, 0.0)[0]
        mirrored = self.view in MIRRORED_VIEWS
        # a mirror image (the left side) lays its tags out as its source does, mirrored
        tags_left = View(self.view).mirror_of is not None
        strong = BoxGrid()  # highlighted markers: never covered by a tag
        weak = BoxGrid()  # dimmed markers: covered only if there is no other room
        wanted: list[tuple[int, str, MarkerItem, float, float]] = []
        roles = set(Role)
        for code, items in self.markers.items():
            for marker in items:
                if not marker.isVisible():
                    continue
                p = t.map(marker.pos())
                r = marker.half_width + 1
                (weak if marker.dimmed else strong).add((p.x() - r, p.y() - r, p.x() + r, p.y() + r))
                if marker.tag_wanted:
                    rank = 0 if code == selected else (Role(marker.role).order if marker.role in roles else 5)
                    wanted.append((rank, code, marker, p.x(), p.y()))
                else:
                    marker.hide_tag()
        wanted.sort(key=lambda w: (w[0], w[1], w[2].side_index))
        # level names first, most useful first (L4 at the iliac crest, L2, ...); one that
        # would overlap another is hidden until zooming in makes room
        names = BoxGrid()
        legible = t.m11() * self.frame.units_per_cun >= 6.5  # a tiny figure (pain map) has no room

        def box_of(label: FigureLabel) -> Box:
            rect = label.deviceTransform(t).mapRect(label.boundingRect())
            return (rect.left(), rect.top() - 1, rect.right(), rect.bottom() + 1)

        for label in (*self.captions, *self.sides):  # shown whole or not at all
            box = box_of(label)
            shown = self.show_captions or label in self.sides
            label.setVisible(shown and box[0] >= 0 and box[2] <= viewport_width)
            if label.isVisible():
                names.add(box)
                strong.add(box)
        for label in sorted(self.figure_labels, key=lambda item: LEVEL_PRIORITY.index(item.text())):
            box = box_of(label)
            label.setVisible(legible and not names.hits(box))
            if label.isVisible():
                names.add(box)
                strong.add(box)
        placed = BoxGrid()
        for _rank, _code, marker, px, py in wanted:
            outward_left = tags_left or (mirrored and marker.pos().x() < midline - 1e-6)
            spot = place_tag(marker.tag_size(), px, py, outward_left, placed, strong, weak)
            if spot is None:
                marker.hide_tag()
                continue
            dx, dy, leader = spot
            marker.tag.set_offset(dx, dy, leader=leader)
            marker.tag.setVisible(True)
        # landmark names last: a point's code tag matters more than a landmark's name, and a
        # locate answer names its own landmark (the figure's name would stand there twice)
        for label in self.notes:
            box = box_of(label)
            free = not any(grid.hits(box) for grid in (names, placed, strong))
            label.setVisible(legible and self.answer is None and free)
            if label.isVisible():
                names.add(box)

    # ----------------------------------------------------------------- answer
    def clear_answer(self) -> None:
        if self.answer is not None:
            self.removeItem(self.answer)
            self.answer = None
