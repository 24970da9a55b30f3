"""The one place that tells the user something went wrong.

Every text is plain text: nothing from a file can turn into markup. The dialog
does not block (the app keeps running), and one window shows one error at a
time: a new error replaces the previous one.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget


def show_error(parent: QWidget, title: str, details: str, name: str = "errorDialog") -> QMessageBox:
    """Show ``title`` and, below it, ``details`` (file, line, field, the system's words)."""
    for previous in parent.findChildren(QMessageBox, name):
        previous.close()
    box = QMessageBox(QMessageBox.Icon.Warning, title, title, QMessageBox.StandardButton.Close, parent)
    box.setObjectName(name)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setInformativeText(details)
    box.open()
    return box
