"""The diagram's bar: one row when there is room, the tools under the views when not."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QToolButton

from app.domain.vocabulary import View
from app.ui.reference_workspace import ReferenceWorkspace

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def _buttons(workspace: ReferenceWorkspace) -> list[QToolButton]:
    return [b for b in workspace.diagram_bar.findChildren(QToolButton) if b.isVisible()]


def test_the_bar_keeps_every_button_whole_when_narrow_and_one_row_when_wide(qtbot, catalog) -> None:
    workspace = ReferenceWorkspace(catalog)
    qtbot.addWidget(workspace)
    bar = workspace.diagram_bar
    workspace.resize(1900, 800)
    workspace.show()
    qtbot.waitExposed(workspace)
    workspace.splitter.setSizes([300, 1300, 300])
    qtbot.waitUntil(lambda: not bar.wrapped())
    qtbot.wait(50)
    rows = {b.mapTo(bar, b.rect().topLeft()).y() for b in _buttons(workspace)}
    assert len(rows) == 1  # the seven views and the tools on one line
    texts = [b.text() for b in _buttons(workspace)]
    assert [View(v).short_caption for v in View] == texts[: len(View)]

    workspace.splitter.setSizes([600, bar.minimumSizeHint().width(), 1300])
    qtbot.waitUntil(bar.wrapped)
    qtbot.wait(50)  # the relayout after the row breaks
    for button in _buttons(workspace):
        top_left = button.mapTo(bar, button.rect().topLeft())
        assert top_left.x() >= 0 and top_left.x() + button.width() <= bar.width(), button.text()
        assert button.width() >= button.sizeHint().width(), f"{button.text()} is squeezed"
    assert len({b.mapTo(bar, b.rect().topLeft()).y() for b in _buttons(workspace)}) == 2
