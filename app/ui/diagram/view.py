"""The interactive body diagram: one :class:`ViewScene` per view, zoom, pan, clicks, accessibility."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping

from PySide6.QtCore import QPoint, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPolygonF,
    QResizeEvent,
    QShowEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import QApplication, QFrame, QGraphicsView, QWidget

from app.domain import anatomy, pain_zones
from app.domain.anatomy import MIRRORED_VIEWS, VIEW_FRAMES, VIEWS
from app.domain.channels import channel_ids
from app.domain.models import Catalog
from app.domain.vocabulary import View
from app.ui.diagram.answer import AnswerOverlay
from app.ui.diagram.channels import ChannelItem
from app.ui.diagram.items import (
    DiagramColors,
    MarkerItem,
    PointTooltips,
    TagItem,
    ZoneItem,
    diagram_colors,
)
from app.ui.diagram.legend import DiagramLegend, LegendState
from app.ui.diagram.scene import FIT_MARGIN, DiagramStyle, ViewScene, marker_size_for

ZOOM_STEP = 1.25
MAX_ZOOM = 8.0
MIN_ZOOM = 0.5


class BodyDiagram(QGraphicsView):
    """The body diagram: one view at a time (front, back, side; the head, hand and foot close-ups).

    Public API (other panels use only this):

    Signals
        ``pointClicked(str code)``: a marker was clicked (the diagram also selects it).
        ``pointHovered(str code)``: the pointer entered a marker; ``""`` when it leaves.
        ``zoneToggled(str zone_id, bool on)``: a pain-map zone was clicked (zone mode).
        ``bodyClicked(str view, float x_cun, float y_cun)``: a click on the figure that
        is not on a marker or zone, in figure cun (``app.domain.anatomy`` coordinates:
        on front/back ``x`` is signed, + = viewer's right). Used by the locate quiz.
        ``viewChanged(str view)``: the shown view changed (also by the legend's buttons).

    Methods
        ``set_view(view)``, ``current_view()``: one of ``anatomy.VIEWS``; ``views_of(code)``
        lists the views a point is drawn on.
        ``highlight(roles)``: point code -> "local" | "distal" | "channel" | "plan";
        other points are dimmed; an empty mapping shows every point plainly.
        Restyles existing items only (cheap: it runs on every pattern switch); ``roles()``.
        ``select_point(code | None)`` (scrolls it into view when zoomed), ``selected_point()``.
        ``set_labels_visible(bool)``; ``set_markers_visible(bool)`` (hide markers
        while a locate question is open); ``zoom_in()``, ``zoom_out()``,
        ``reset_zoom()`` (fit), wheel zoom and drag to pan; ``set_theme(dark)``.
        ``set_zone_mode(enabled)`` (pain map: switches to the back view, shows the
        zones, keeps only highlighted markers), ``set_zones(ids)`` (no signal), ``zones()``.
        ``show_answer(code, guess_xy | None) -> float | None`` draws the true position
        with its landmark rule and the guess with its distance in cun (returns it);
        it switches to the point's view if the current one does not show it;
        ``clear_answer()``, ``answer_texts()``.
        ``marker_scene_pos(code) -> list[QPointF]`` (current view);
        ``cun_distance(code, view, x, y) -> float`` (``inf`` if not on that view);
        ``scene_to_cun(QPointF)``, ``cun_to_scene(x, y)``.
        ``legend_widget()``: the legend (two rows of constant height: marker shapes
        and colours; buttons to the views holding the other highlighted points),
        created once, for the window to place.

    Changes made while it is hidden are applied when it is shown. For a still
    picture or a print without a widget, see :mod:`app.ui.diagram.picture`.
    """

    pointClicked = Signal(str)
    pointHovered = Signal(str)
    zoneToggled = Signal(str, bool)
    bodyClicked = Signal(str, float, float)
    viewChanged = Signal(str)

    def __init__(self, catalog: Catalog, parent: QWidget | None = None, view: str = anatomy.BACK) -> None:
        super().__init__(parent)
        # A viewport made here, in Python, is the same plain widget Qt would make; but the one Qt
        # makes reaches Python as a QWidget of unknown type, and PySide then loads every QWidget
        # subclass of QtWidgets to find it (58 enums, 15 ms or more, at the first frame).
        self.setViewport(QWidget())
        self.catalog = catalog
        self._view = view if view in VIEWS else anatomy.BACK
        self._scenes: dict[str, ViewScene] = {}
        self._roles: dict[str, str] = {}
        self._selected: str | None = None
        self._labels_visible = True
        self._markers_visible = True
        self._dark = False
        self._zone_mode = False
        self._zones_on: set[str] = set()
        self._zoom = 1.0  # relative to "fit the figure"
        self._sync_pending = False  # a resize's marker and tag update waits for the next paint
        self._press: QPoint | None = None
        self._panning = False
        self._legend: DiagramLegend | None = None
        self._channels: tuple[str, ...] = ()  # channel courses drawn, in catalog order
        self._channel_emphasis: str | None = None
        self._tooltips = PointTooltips(catalog.points)

        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.SmoothPixmapTransform)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.SmartViewportUpdate)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName("Body diagram")
        self.setMinimumSize(160, 220)
        self._apply_background()
        self._show(self._view)

    # ------------------------------------------------------------------ views
    def current_view(self) -> str:
        return self._view

    def set_view(self, view: str) -> None:
        if view not in VIEWS:
            raise ValueError(f"unknown diagram view {view!r}; expected one of {', '.join(VIEWS)}")
        if view == self._view and self.scene() is not None:
            return
        self._view = view
        self._show(view)
        self.viewChanged.emit(view)

    def _show(self, view: str) -> None:
        vs = self._scene_for(view)
        self.setScene(vs)
        self._zoom = 1.0
        self._fit()  # restyles the scene if it is out of date, at the marker size of the fit
        self._update_accessible()
        self._refresh_legend()

    def _scene_for(self, view: str) -> ViewScene:
        vs = self._scenes.get(view)
        if vs is None:
            vs = ViewScene(self.catalog, view, self._tooltips, self.pointHovered.emit, self._zones_on, self)
            self._scenes[view] = vs
        return vs

    def _current(self) -> ViewScene:
        """The shown scene, restyled if a change is pending (changes are applied when seen)."""
        vs = self._scene_for(self._view)
        if vs.dirty:
            self._restyle(vs)
        return vs

    def _style(self) -> DiagramStyle:
        return DiagramStyle(
            roles=dict(self._roles),
            selected=self._selected,
            labels_visible=self._labels_visible,
            markers_visible=self._markers_visible,
            zone_mode=self._zone_mode,
            dark=self._dark,
            channels=self._channels,
            emphasis=self._channel_emphasis,
        )

    def _restyle(self, vs: ViewScene) -> None:
        vs.restyle(self._style())
        self._layout(vs)

    def _restyle_all(self) -> None:
        """Restyle the shown view now if it is on screen; the others (or a hidden one) when seen."""
        for vs in self._scenes.values():
            vs.dirty = True
        if self.isVisible():
            self._current()

    def _layout(self, vs: ViewScene) -> None:
        """Tags are laid out in view pixels, so only for the shown scene on a visible widget."""
        if self.scene() is vs and self.isVisible():
            vs.layout_tags(self.viewportTransform(), self.viewport().width())

    # ---------------------------------------------------------------- styling
    @property
    def colors(self) -> DiagramColors:
        return diagram_colors(self._dark)

    def highlight(self, roles: Mapping[str, str]) -> None:
        self._roles = dict(roles)
        self._restyle_all()
        self._update_accessible()
        self._refresh_legend()

    def roles(self) -> dict[str, str]:
        return dict(self._roles)

    def select_point(self, code: str | None) -> None:
        if (code or None) != self._selected:  # a pattern switch clears a selection that is often empty
            self._selected = code or None
            self._restyle_all()
        markers = self.marker_scene_pos(code) if code else []
        if markers and self._zoom > 1.0:  # zoomed in: bring the selected marker into view
            self.ensureVisible(QRectF(markers[0], markers[0]).adjusted(-30, -30, 30, 30))
        self._update_accessible()

    def selected_point(self) -> str | None:
        return self._selected

    def set_labels_visible(self, visible: bool) -> None:
        self._labels_visible = visible
        self._restyle_all()

    def labels_visible(self) -> bool:
        return self._labels_visible

    def set_markers_visible(self, visible: bool) -> None:
        self._markers_visible = visible
        self._restyle_all()

    def set_channels(self, channels: Iterable[str], emphasis: str | None = None) -> None:
        """Draw these channels' courses (unknown ids are ignored); ``emphasis`` is drawn wider."""
        wanted = set(channels)
        self._channels = tuple(c for c in channel_ids(self.catalog) if c in wanted)
        self._channel_emphasis = emphasis if emphasis in self._channels else None
        self._restyle_all()
        self._update_accessible()

    def channels_shown(self) -> tuple[str, ...]:
        return self._channels

    def channel_items(self, channel: str) -> ChannelItem | None:
        """The drawn course of a channel on the current view (None: not drawn or not on this view)."""
        vs = self._scenes.get(self._view)
        item = vs.channels.get(channel) if vs else None
        return item if item is not None and item.isVisible() else None

    def set_theme(self, dark: bool) -> None:
        if dark == self._dark:
            return
        self._dark = dark
        self._apply_background()
        self._restyle_all()
        self._refresh_legend()

    def _apply_background(self) -> None:
        self.setBackgroundBrush(QColor(self.colors.background))  # a solid brush, without loading QGradient

    # ------------------------------------------------------------------ zones
    def set_zone_mode(self, enabled: bool) -> None:
        """Pain map: show the back-view zones as clickable areas (switches to the back view)."""
        self._zone_mode = enabled
        if enabled and self._view != pain_zones.ZONE_VIEW:
            self.set_view(pain_zones.ZONE_VIEW)
        self._restyle_all()
        vs = self._scene_for(pain_zones.ZONE_VIEW)
        for zone in vs.zones.values():
            zone.setVisible(enabled)

    def zone_mode(self) -> bool:
        return self._zone_mode

    def set_zones(self, zone_ids: Iterable[str]) -> None:
        """Mark these zones as painful (no signal: the caller already knows)."""
        self._zones_on = set(zone_ids)
        self._scene_for(pain_zones.ZONE_VIEW).set_zone_on(self._zones_on, self.colors)

    def zones(self) -> set[str]:
        return set(self._zones_on)

    def zone_scene_center(self, zone_id: str) -> QPointF:
        """A point inside the zone's first piece, in scene coordinates (tests, keyboard help)."""
        poly = pain_zones.ZONE_SHAPES[zone_id][0]
        x = sum(p[0] for p in poly) / len(poly)
        y = sum(p[1] for p in poly) / len(poly)
        return QPointF(*VIEW_FRAMES[pain_zones.ZONE_VIEW].to_scene(x, y))

    def _toggle_zone(self, zone: ZoneItem) -> None:
        zone.on = not zone.on
        if zone.on:
            self._zones_on.add(zone.zone_id)
        else:
            self._zones_on.discard(zone.zone_id)
        zone.restyle(self.colors)
        self.zoneToggled.emit(zone.zone_id, zone.on)

    # ------------------------------------------------------------ coordinates
    def scene_to_cun(self, pos: QPointF) -> tuple[float, float]:
        return VIEW_FRAMES[self._view].from_scene(pos.x(), pos.y())

    def cun_to_scene(self, x: float, y: float) -> QPointF:
        return QPointF(*VIEW_FRAMES[self._view].to_scene(x, y))

    def marker_scene_pos(self, code: str) -> list[QPointF]:
        """Scene positions of the point's markers on the current view ([] if not drawn here)."""
        return [m.pos() for m in self._scene_for(self._view).markers.get(code, [])]

    def marker_items(self, code: str) -> list[MarkerItem]:
        return list(self._current().markers.get(code, []))

    def views_of(self, code: str) -> list[str]:
        """The views on which this point has a marker, in view order."""
        point = self.catalog.points.get(code)
        return list(anatomy.views_of(point)) if point is not None else []

    def cun_distance(self, code: str, view: str, x: float, y: float) -> float:
        """Distance in cun from (x, y) on ``view`` to the nearest true position of the point."""
        point = self.catalog.points.get(code)
        positions = anatomy.point_positions(point, view) if point else []
        if not positions:
            return math.inf
        return min(math.dist(p, (x, y)) for p in positions)

    # ----------------------------------------------------------------- answer
    def show_answer(self, code: str, guess_xy: tuple[float, float] | None = None) -> float | None:
        """Draw the point's true position with its landmark rule, and the guess with its distance.

        Drawn on the current view when the point is on it, else on the point's
        first view (the guess is then not drawn). Returns the distance in cun
        from the guess to the nearest true position, or None without a guess.
        """
        self.clear_answer()
        point = self.catalog.points[code]
        views = self.views_of(code)
        if not views:
            return None
        guess_view = self._view
        if self._view not in views:
            self.set_view(views[0])
        vs = self._current()
        overlay = AnswerOverlay(vs.frame, self.colors)
        vs.addItem(overlay)
        vs.answer = overlay
        for label in vs.notes:
            label.setVisible(False)
        mirrored = self._view in MIRRORED_VIEWS
        targets = anatomy.point_positions(point, self._view)
        guess = guess_xy if guess_view == self._view and targets else None
        nearest = min(targets, key=lambda t: math.dist(t, guess)) if guess is not None else None
        # the rule is drawn once per anchor, on the side of the guess (or the viewer's right)
        side = -1 if nearest is not None and nearest[0] < 0 else 1
        for anchor in point.anchors:
            if anchor.view == self._view:
                overlay.draw_rule(anchor, side, mirrored)
        for xy in targets:
            overlay.draw_target(xy)
        if targets:  # the code beside the true position, away from the guess
            beside = (
                "above-left"
                if guess_xy is not None and nearest and guess_xy[0] >= nearest[0]
                else "above-right"
            )
            overlay.tag(nearest or targets[0], point.code, self.colors.answer, beside, priority=0)
        # what must be seen: the true position and the guess (a QRectF of one point is null,
        # and united() skips null rects, so the box is built from the points themselves)
        seen = [self.cun_to_scene(*(nearest or targets[0]))] if targets else []
        distance = None
        if guess is not None and nearest is not None:
            distance = math.dist(nearest, guess)
            overlay.draw_guess(guess, nearest, distance)
            seen.append(self.cun_to_scene(*guess))
        vs.answer_focus = QPolygonF(seen).boundingRect().center() if seen else None
        if seen:
            self.ensureVisible(QPolygonF(seen).boundingRect().adjusted(-40, -40, 40, 40))
        overlay.declutter(self.viewportTransform(), QRectF(self.viewport().rect()))
        return distance

    def answer_texts(self) -> list[str]:
        """The texts of the answer overlay (landmark level, cun offsets, code, distance)."""
        vs = self._scenes.get(self._view)
        return list(vs.answer.texts) if vs is not None and vs.answer is not None else []

    def clear_answer(self) -> None:
        for vs in self._scenes.values():
            if vs.answer is not None:
                vs.clear_answer()
                self._layout(vs)  # the landmark names come back

    def answer_focus(self) -> QPointF | None:
        """The scene point a shown answer is kept centred on: midway between the guess and the
        nearest true position (the true position alone without a guess)."""
        vs = self._scenes.get(self._view)
        return vs.answer_focus if vs is not None and vs.answer is not None else None

    def answer_shown(self) -> bool:
        return any(vs.answer is not None for vs in self._scenes.values())

    # ------------------------------------------------------------------- zoom
    def zoom_in(self) -> None:
        self._zoom_by(ZOOM_STEP)

    def zoom_out(self) -> None:
        self._zoom_by(1 / ZOOM_STEP)

    def reset_zoom(self) -> None:
        self._zoom = 1.0
        self._fit()

    def zoom_factor(self) -> float:
        return self._zoom

    def _zoom_by(self, factor: float, anchor_under_mouse: bool = False) -> None:
        new = min(MAX_ZOOM, max(MIN_ZOOM, self._zoom * factor))
        if math.isclose(new, self._zoom):
            return
        anchor = (
            QGraphicsView.ViewportAnchor.AnchorUnderMouse
            if anchor_under_mouse
            else QGraphicsView.ViewportAnchor.AnchorViewCenter
        )
        self.setTransformationAnchor(anchor)
        self.scale(new / self._zoom, new / self._zoom)
        self._zoom = new
        self._sync_marker_size()

    def _sync_marker_size(self) -> None:
        """Markers grow a little as one zooms in (about half a cun across, 2.6 to 6.5 px radius)."""
        vs = self._scenes.get(self._view)
        if vs is None or self.scene() is not vs:
            return
        size = marker_size_for(self.transform().m11() * vs.frame.units_per_cun)
        if size != vs.marker_size or vs.dirty:
            vs.marker_size = size
            self._restyle(vs)
        else:
            self._layout(vs)
        if vs.answer is not None:
            vs.answer.declutter(self.viewportTransform(), QRectF(self.viewport().rect()))

    def _fit(self, sync: bool = True) -> None:
        scene = self.scene()
        if scene is None:
            return
        if not self.isVisible():
            # A hidden widget (rendered offscreen for an export) gets its resize event
            # only when shown: lay the viewport out now so the fit uses the real size.
            self.viewport().setGeometry(self.contentsRect())
        self.resetTransform()
        rect = scene.sceneRect()
        view = self.viewport().rect()
        if rect.isEmpty() or view.width() < 2 or view.height() < 2:
            return
        fit = min(view.width() / rect.width(), view.height() / rect.height()) * FIT_MARGIN
        self.scale(fit * self._zoom, fit * self._zoom)
        keep = self.answer_focus()
        self.centerOn(keep if keep is not None else rect.center())  # a resize keeps the answer in view
        if sync and self.isVisible():
            self._sync_pending = False
            self._sync_marker_size()
        else:  # a hidden widget restyles once, when shown or painted, not at each change before that
            self._sync_pending = True

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        # A window being laid out resizes the diagram several times before its first frame: the
        # fit (a transform) follows each size at once, the markers and tags only the last one,
        # just before the view paints (paintEvent).
        self._fit(sync=False)
        self._sync_pending = True
        self.viewport().update()

    def paintEvent(self, event: QPaintEvent) -> None:
        if self._sync_pending:
            self._sync_pending = False
            self._sync_marker_size()
        super().paintEvent(event)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        # Changes made while hidden, and the tag layout, wait for the first paint: the size at show
        # is seldom the one the window's layout settles on before its first frame.
        self._fit(sync=False)

    def wheelEvent(self, event: QWheelEvent) -> None:
        steps = event.angleDelta().y() / 120
        if steps:
            self._zoom_by(ZOOM_STEP**steps, anchor_under_mouse=True)
        event.accept()

    # ------------------------------------------------------------------ mouse
    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._press = event.position().toPoint()
            self._panning = False
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._press is not None and event.buttons() & Qt.MouseButton.LeftButton:
            pos = event.position().toPoint()
            delta = pos - self._press
            if self._panning or delta.manhattanLength() >= QApplication.startDragDistance():
                self._panning = True
                self.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)
                self.horizontalScrollBar().setValue(self.horizontalScrollBar().value() - delta.x())
                self.verticalScrollBar().setValue(self.verticalScrollBar().value() - delta.y())
                self._press = pos
            event.accept()
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton or self._press is None:
            super().mouseReleaseEvent(event)
            return
        panned = self._panning
        self._press = None
        self._panning = False
        self.viewport().unsetCursor()
        event.accept()
        if not panned:
            self._click(event.position().toPoint())

    def _click(self, pos: QPoint) -> None:
        """A marker itself wins, then a pain-map zone, then a marker's code tag, then the body."""
        hits = [item for item in self.items(pos) if item.isVisible()]
        target = next((i for i in hits if isinstance(i, MarkerItem)), None)
        if target is None:
            zone = next((i for i in hits if isinstance(i, ZoneItem)), None)
            if zone is not None:
                self._toggle_zone(zone)
                return
            tag = next(
                (i for i in hits if isinstance(i, TagItem) and isinstance(i.parentItem(), MarkerItem)), None
            )
            target = tag.parentItem() if tag is not None else None  # type: ignore[assignment]
        if isinstance(target, MarkerItem):
            self.select_point(target.code)
            self.pointClicked.emit(target.code)
            return
        scene_pos = self.mapToScene(pos)
        if self.scene().sceneRect().contains(scene_pos):
            x, y = self.scene_to_cun(scene_pos)
            self.bodyClicked.emit(self._view, x, y)

    # ---------------------------------------------------------- accessibility
    def _update_accessible(self) -> None:
        here = [c for c in self._roles if c in self._scene_for(self._view).markers]
        parts = [f"{View(self._view).caption}."]
        if here:
            parts.append("Highlighted: " + ", ".join(f"{c} ({self._roles[c]})" for c in sorted(here)) + ".")
        if self._selected:
            parts.append(f"Selected: {self._selected}.")
        if self._channels:
            names = [self.catalog.channels[c].name for c in self._channels]
            parts.append("Channels drawn: " + ", ".join(names) + ".")
        self.setAccessibleDescription(" ".join(parts))

    # ----------------------------------------------------------------- legend
    def off_view_counts(self) -> dict[str, list[str]]:
        """Highlighted points not drawn on the current view, by the view they are on."""
        out: dict[str, list[str]] = {}
        here = self._scene_for(self._view).markers
        for code in sorted(self._roles):
            if code in here:
                continue
            views = self.views_of(code)
            key = views[0] if views else ""
            out.setdefault(key, []).append(code)
        return out

    def legend_state(self) -> LegendState:
        return LegendState(self.colors, frozenset(self._roles.values()), self.off_view_counts())

    def legend_widget(self) -> DiagramLegend:
        """The legend (marker shapes and what is on the other views), created once."""
        if self._legend is None:
            # owned by the diagram's parent, or by the diagram itself until a layout takes it
            self._legend = DiagramLegend(self.legend_state(), self.parentWidget() or self)
            self._legend.viewRequested.connect(self.set_view)
        return self._legend

    def _refresh_legend(self) -> None:
        if self._legend is not None:
            self._legend.show_state(self.legend_state())
