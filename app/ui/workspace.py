"""What the main window asks of a workspace (a tab: Reference, Intake & plan, Study ...).

Every workspace is a ``QWidget`` with these members; the main window calls them
and nothing else, so a new workspace needs no change to the window beyond the
one line that adds it (see ``MainWindow._add_workspaces``).
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from PySide6.QtCore import SignalInstance
from PySide6.QtGui import QAction


@runtime_checkable
class Workspace(Protocol):
    @property
    def statusMessage(self) -> SignalInstance: ...

    def has_unsaved_changes(self) -> bool:
        """Asked before the window closes."""
        ...

    def maybe_save(self) -> bool:
        """Offer to save unsaved work; False cancels closing."""
        ...

    def set_dark(self, dark: bool) -> None:
        """The theme changed (also called once when the workspace is built)."""
        ...

    def file_actions(self) -> list[QAction]:
        """Added to the File menu, above Quit."""
        ...


class NothingToSave:
    """For a workspace whose work is never unsaved (the reference; study stores every answer at once)."""

    def has_unsaved_changes(self) -> bool:
        return False

    def maybe_save(self) -> bool:
        return True

    def file_actions(self) -> list[QAction]:
        return []
