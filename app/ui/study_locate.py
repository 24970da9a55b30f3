"""The body diagram during a locate question: created on first use, markers hidden,
a keyboard cross, and the answer drawn and zoomed so its labels can be read.

The diagram is ``app.ui.diagram.BodyDiagram`` (imported lazily: start-up time).
Its ``bodyClicked(view, x_cun, y_cun)`` is passed on as ``clicked``.
"""

from __future__ import annotations

import importlib.util
import math
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QPointF, Signal
from PySide6.QtWidgets import QStackedWidget

from app.domain import anatomy
from app.domain.decks import Card
from app.domain.locate import describe_position
from app.domain.models import Catalog
from app.ui.study_cards import LocateCursor

if TYPE_CHECKING:
    from app.ui.diagram import BodyDiagram

# The answer is shown zoomed in to at least this many pixels per cun (about twice the whole-figure
# scale on a laptop), so its tags, which keep their pixel size, stand apart; a large window that
# already shows the figure at this scale is not zoomed further.
ANSWER_PX_PER_CUN = 16.0
MAX_ANSWER_ZOOM_STEPS = 12  # x1.25 each (the diagram's own zoom limit stops it first)
CURSOR_STEP = 0.25  # cun per arrow key press (half the "correct" tolerance)
CURSOR_FAST_STEP = 2.0  # with Shift


def diagram_available() -> bool:
    """Whether the body diagram widget can be imported (locate questions need it)."""
    return importlib.util.find_spec("app.ui.diagram") is not None


class LocateBoard(QObject):
    """Owns the study diagram and the keyboard cross; shows them in ``host`` (a stack)."""

    clicked = Signal(str, float, float)  # view, x_cun, y_cun: a click on the body

    def __init__(self, catalog: Catalog, host: QStackedWidget) -> None:
        super().__init__(host)
        self.catalog = catalog
        self.host = host
        self.diagram: BodyDiagram | None = None
        self.cross: tuple[float, float] | None = None  # the keyboard guess, in figure cun
        self._cursor_item: LocateCursor | None = None
        self._dark = False

    def _ensure_diagram(self, view: str | None = None) -> BodyDiagram:
        if self.diagram is None:
            from app.ui.diagram import BodyDiagram

            # made on the first question's view: a view's figure and markers are built when first
            # shown, and the default view would be built for nothing
            self.diagram = BodyDiagram(self.catalog, self.host, view=view or anatomy.BACK)
            self.diagram.setAccessibleName("Body diagram: click where the point is")
            self.diagram.set_markers_visible(False)  # the markers would give the answer away
            self.diagram.set_theme(self._dark)
            self.diagram.bodyClicked.connect(self.clicked.emit)
            self.host.addWidget(self.diagram)
        return self.diagram

    def set_dark(self, dark: bool) -> None:
        self._dark = dark
        if self.diagram is not None:
            self.diagram.set_theme(dark)

    def show_question(self, card: Card) -> None:
        """The whole figure of the card's view, no answer, no cross: finding the region is part of it."""
        diagram = self._ensure_diagram(card.view)
        self.drop_cursor()
        diagram.clear_answer()
        if card.view:
            diagram.set_view(card.view)
        diagram.reset_zoom()
        self.host.setCurrentWidget(diagram)

    def move_cursor(self, dx: float, dy: float) -> str:
        """Move the cross by (dx, dy) cun (it starts mid-view); returns where it is, in words."""
        diagram = self._ensure_diagram()
        if self.cross is None:
            x, y = diagram.scene_to_cun(diagram.mapToScene(diagram.viewport().rect().center()))
            self.cross = (round(x * 4) / 4, round(y * 4) / 4)  # on the quarter-cun grid
            self._cursor_item = LocateCursor()
            diagram.scene().addItem(self._cursor_item)
        else:
            self.cross = (self.cross[0] + dx, self.cross[1] + dy)
        assert self._cursor_item is not None
        self._cursor_item.setPos(diagram.cun_to_scene(*self.cross))
        diagram.ensureVisible(self._cursor_item, 40, 40)
        return describe_position(diagram.current_view(), *self.cross)

    def drop_cursor(self) -> None:
        if self._cursor_item is not None and self._cursor_item.scene() is not None:
            self._cursor_item.scene().removeItem(self._cursor_item)
        self._cursor_item = None
        self.cross = None

    def current_view(self) -> str:
        return self._ensure_diagram().current_view()

    def show_answer(self, code: str, guess: tuple[float, float] | None) -> None:
        """Draw the answer with its landmark rule, zoomed in so its labels can be read.

        The answer is drawn, the view zoomed to a legible scale and centred between the
        guess and the true position, then drawn again: the diagram places the answer's
        tags for the scale and scroll it is drawn at, so the final drawing is at the final ones.
        """
        diagram = self._ensure_diagram()
        self.drop_cursor()
        view_before = diagram.current_view()
        diagram.show_answer(code, guess)  # switches to the point's view if it is not on this one
        if diagram.current_view() != view_before:
            guess = None  # the click was on another view: it is not drawn on this one
        for _ in range(MAX_ANSWER_ZOOM_STEPS):
            if _px_per_cun(diagram) >= ANSWER_PX_PER_CUN:
                break
            before = diagram.zoom_factor()
            diagram.zoom_in()
            # Zooming in shows the scroll bars; the diagram refits (and recentres) when its viewport
            # shrinks for them, on a posted event. Let that happen now, not after centring.
            QCoreApplication.sendPostedEvents(diagram, 0)  # 0: every event type
            if math.isclose(diagram.zoom_factor(), before):
                break
        focus = diagram.answer_focus()  # between the guess and the true position
        if focus is not None:
            diagram.centerOn(focus)
        diagram.show_answer(code, guess)


def _px_per_cun(diagram: BodyDiagram) -> float:
    """How many viewport pixels one cun takes on the diagram's current view, at its current zoom."""
    a = diagram.transform().map(QPointF(diagram.cun_to_scene(0.0, 0.0)))
    b = diagram.transform().map(QPointF(diagram.cun_to_scene(1.0, 0.0)))
    return abs(b.x() - a.x())
