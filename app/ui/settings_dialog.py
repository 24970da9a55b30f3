"""Settings…: the practice's details the patient's handout carries (name, phone, next appointment).

Stored through the typed settings (``app.domain.settings``); the fields are plain text, printed
escaped, and limited to the lengths their options allow.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QWidget

from app.domain.settings import Setting, TextOption
from app.ui.plain import plain_label
from app.ui.settings_store import Settings

FIELDS: tuple[tuple[TextOption, str, str], ...] = (
    (Setting.CLINIC_NAME, "Clinic &name:", "e.g. Riverside Acupuncture"),
    (Setting.CLINIC_PHONE, "&Phone:", "e.g. 01632 960 123"),
    (Setting.NEXT_APPOINTMENT, "Ne&xt appointment:", "e.g. Tuesday 9 December, 10:00"),
)


class SettingsDialog(QDialog):
    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Settings")
        self.setObjectName("settingsDialog")
        self.settings = settings
        form = QFormLayout(self)
        form.addRow(plain_label("Printed at the top of the patient's handout:", self))
        self.edits: dict[str, QLineEdit] = {}
        for option, label, hint in FIELDS:
            edit = QLineEdit(settings[option], self)
            edit.setPlaceholderText(hint)
            edit.setMaxLength(option.max_length)
            edit.setAccessibleName(label.replace("&", "").rstrip(":"))
            caption = QLabel(label, self)
            caption.setBuddy(edit)
            form.addRow(caption, edit)
            self.edits[option.key] = edit
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.setMinimumWidth(420)

    def accept(self) -> None:
        for option, _label, _hint in FIELDS:
            self.settings[option] = self.edits[option.key].text().strip()
        super().accept()
