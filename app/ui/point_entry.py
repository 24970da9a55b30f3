"""The one box for typing a point code (the plan panel's and a visit's "add a point")."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCompleter, QLineEdit, QWidget

from app.domain.models import Catalog


def point_code_edit(
    catalog: Catalog, parent: QWidget, placeholder: str, accessible_name: str, on_enter: Callable[[], None]
) -> QLineEdit:
    """A line edit completing the catalog's point codes (any case); Enter calls ``on_enter``."""
    edit = QLineEdit(parent)
    edit.setPlaceholderText(placeholder)
    edit.setAccessibleName(accessible_name)
    completer = QCompleter(sorted(catalog.points), edit)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    edit.setCompleter(completer)
    edit.returnPressed.connect(on_enter)
    return edit
