"""Plain text on screen: labels, tooltips and escaping that never let catalog or user text become markup.

``QLabel`` guesses rich text unless told otherwise, and a tooltip is always
rich text: every label and tooltip that shows such text is made here.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

# What ``html.escape(text, quote=True)`` replaces, with the same entities: importing the html
# module loads its table of 2,231 named entities (0.7 MB) that escaping never reads.
_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;"})


def esc(text: object) -> str:
    """``text`` escaped for HTML (screen documents, PDF exports), as ``html.escape`` does."""
    return str(text).translate(_ESCAPES)


def plain_tooltip(text: str) -> str:
    """A tooltip that shows ``text`` literally, line breaks kept."""
    return "<p style='white-space:pre-wrap'>" + esc(text) + "</p>"


def plain_label(
    text: str = "", parent: QWidget | None = None, *, name: str = "", wrap: bool = True
) -> QLabel:
    label = QLabel(text, parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(wrap)
    if name:
        label.setObjectName(name)
    return label


def ask(
    parent: QWidget, title: str, text: str, accept: str, icon: QMessageBox.Icon = QMessageBox.Icon.Warning
) -> bool:
    """A question with one accepting button (``accept``) and Cancel, the default; True if accepted."""
    box = QMessageBox(icon, title, text, parent=parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    yes = box.addButton(accept, QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    return box.clickedButton() is yes
