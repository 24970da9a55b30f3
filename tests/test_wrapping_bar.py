"""The diagram's bar: one row when there is room, the tools under the views when not."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication, QToolButton

from app.domain.vocabulary import View
from app.ui.reference_workspace import ReferenceWorkspace

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def _buttons(workspace: ReferenceWorkspace) -> list[QToolButton]:
    return [b for b in workspace.diagram_bar.findChildren(QToolButton) if b.isVisible()]


def _rows(workspace: ReferenceWorkspace) -> set[int]:
    bar = workspace.diagram_bar
    return {b.mapTo(bar, b.rect().topLeft()).y() for b in _buttons(workspace)}


def _settle_layouts() -> None:
    """Runs the chain of layout requests a resize starts (the bar, its pane, the splitter) to its end.

    Waiting a fixed time is not enough on a loaded machine: each relayout posts the next one, and a
    short wait may run only the first; the bar is then caught between one row and two.
    """
    for _ in range(20):
        QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        QApplication.processEvents()


def test_the_bar_keeps_every_button_whole_when_narrow_and_one_row_when_wide(qtbot, catalog) -> None:
    workspace = ReferenceWorkspace(catalog)
    qtbot.addWidget(workspace)
    bar = workspace.diagram_bar
    workspace.resize(1900, 800)
    workspace.show()
    qtbot.waitExposed(workspace)
    _settle_layouts()
    workspace.splitter.setSizes([300, 1300, 300])
    _settle_layouts()
    qtbot.waitUntil(lambda: not bar.wrapped() and len(_rows(workspace)) == 1)
    texts = [b.text() for b in _buttons(workspace)]
    assert [View(v).short_caption for v in View] == texts[: len(View)]

    workspace.splitter.setSizes([600, bar.minimumSizeHint().width(), 1300])
    _settle_layouts()
    qtbot.waitUntil(lambda: bar.wrapped() and len(_rows(workspace)) == 2)
    for button in _buttons(workspace):
        top_left = button.mapTo(bar, button.rect().topLeft())
        assert top_left.x() >= 0 and top_left.x() + button.width() <= bar.width(), button.text()
        assert button.width() >= button.sizeHint().width(), f"{button.text()} is squeezed"
