"""The one place that tells the user something went wrong.

Every text is plain text: nothing from a file can turn into markup. The dialog
does not block (the app keeps running), and one window shows one error at a
time: a new error replaces the previous one.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget


def show_error(
    parent: QWidget, title: str, details: str, name: str = "errorDialog", technical: str = ""
) -> QMessageBox:
    """Show ``title`` and, below it, ``details`` in plain words; ``technical`` (every problem with
    its file, line and field, the system's own words) waits behind the Details button."""
    for previous in parent.findChildren(QMessageBox, name):
        previous.close()
    box = QMessageBox(QMessageBox.Icon.Warning, title, title, QMessageBox.StandardButton.Close, parent)
    box.setObjectName(name)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setInformativeText(details)
    if technical and technical != details:
        box.setDetailedText(technical)
    box.open()
    return box
