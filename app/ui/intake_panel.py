"""The intake checklist: red flags, signs grouped as an intake runs, and patient factors (age too).

Every row comes from the catalog (``red_flags``, the patterns' ``signs`` grouped by
``sign_groups`` with a shared sign id shown once, ``factors``). Checkbox text is
plain text; tooltips name the patterns a sign belongs to and its sources.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.domain.intake import checklist
from app.domain.models import Catalog
from app.domain.plan import AGE_MAX
from app.ui.plain import plain_tooltip


class _WrapLabel(QLabel):
    """A word-wrapped, plain-text label that toggles its check box when clicked."""

    def __init__(self, text: str, box: QCheckBox, parent: QWidget) -> None:
        super().__init__(text, parent)
        self.box = box
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(True)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.box.toggle()
        super().mousePressEvent(event)


def check_row(text: str, parent: QWidget, name: str) -> tuple[QWidget, QCheckBox]:
    """A check box whose text wraps (QCheckBox's own text never does)."""
    row = QWidget(parent)
    layout = QHBoxLayout(row)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(4)
    box = QCheckBox(row)
    box.setObjectName(name)
    box.setAccessibleName(text)
    label = _WrapLabel(text, box, row)
    layout.addWidget(box, 0, Qt.AlignmentFlag.AlignTop)
    layout.addWidget(label, 1)
    return row, box


class IntakePanel(QScrollArea):
    changed = Signal()  # any box was checked or unchecked

    def __init__(self, catalog: Catalog, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.catalog = catalog
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setAccessibleName("Intake checklist")
        body = QWidget(self)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(8)

        def citations(ids: Iterable[str]) -> str:
            return "\n".join(
                self.catalog.sources[s].citation for s in dict.fromkeys(ids) if s in self.catalog.sources
            )

        self.flag_boxes: dict[str, QCheckBox] = {}
        flags = QGroupBox("Red flags — refer for medical assessment", body)
        flags.setObjectName("redFlagGroup")
        flag_layout = QVBoxLayout(flags)
        for flag in catalog.red_flags.values():
            line, box = check_row(flag.label, flags, f"flag:{flag.id}")
            line.setToolTip(plain_tooltip(f"{flag.reason}\n\n{citations(flag.sources)}"))
            flag_layout.addWidget(line)
            self.flag_boxes[flag.id] = box
        layout.addWidget(flags)

        self.sign_boxes: dict[str, QCheckBox] = {}
        for group, rows in checklist(catalog):
            if not rows:
                continue
            box_group = QGroupBox(group.name, body)
            group_layout = QVBoxLayout(box_group)
            group_layout.setSpacing(2)
            for row in rows:
                line, box = check_row(row.text, box_group, f"sign:{row.id}")
                names = ", ".join(catalog.patterns[p].name for p in row.patterns)
                line.setToolTip(plain_tooltip(f"Sign of: {names}\n\n{citations(row.sources)}"))
                group_layout.addWidget(line)
                self.sign_boxes[row.id] = box
            layout.addWidget(box_group)

        self.factor_boxes: dict[str, QCheckBox] = {}
        factors = QGroupBox("Patient factors (safety)", body)
        factor_layout = QVBoxLayout(factors)
        age_row = QHBoxLayout()
        self.age_spin = QSpinBox(factors)
        self.age_spin.setObjectName("factor:age")
        self.age_spin.setRange(0, AGE_MAX)  # 0 shows "not given"
        self.age_spin.setSpecialValueText("not given")
        self.age_spin.setSuffix(" years")
        self.age_spin.setAccessibleName("Age in years")
        self.age_spin.setToolTip("Recorded with the plan and printed on the treatment sheet")
        age_label = QLabel("A&ge:", factors)
        age_label.setTextFormat(Qt.TextFormat.PlainText)
        age_label.setBuddy(self.age_spin)
        age_row.addWidget(age_label)
        age_row.addWidget(self.age_spin, 1)
        factor_layout.addLayout(age_row)
        for factor in catalog.factors.values():
            line, box = check_row(factor.label, factors, f"factor:{factor.id}")
            line.setToolTip(plain_tooltip(citations(factor.sources)))
            factor_layout.addWidget(line)
            self.factor_boxes[factor.id] = box
        layout.addWidget(factors)
        layout.addStretch(1)
        self.setWidget(body)

        for box in (*self.flag_boxes.values(), *self.sign_boxes.values(), *self.factor_boxes.values()):
            box.toggled.connect(self._toggled)
        self.age_spin.valueChanged.connect(self._toggled)
        self._quiet = False

    def _toggled(self, _on: bool) -> None:
        if not self._quiet:
            self.changed.emit()

    @staticmethod
    def _checked(boxes: dict[str, QCheckBox]) -> tuple[str, ...]:
        return tuple(i for i, b in boxes.items() if b.isChecked())

    def signs(self) -> tuple[str, ...]:
        return self._checked(self.sign_boxes)

    def factors(self) -> tuple[str, ...]:
        return self._checked(self.factor_boxes)

    def red_flags(self) -> tuple[str, ...]:
        return self._checked(self.flag_boxes)

    def age(self) -> int | None:
        return self.age_spin.value() or None

    def set_checked(
        self,
        signs: Iterable[str] = (),
        factors: Iterable[str] = (),
        red_flags: Iterable[str] = (),
        age: int | None = None,
    ) -> None:
        """Replace every answer at once (opening a plan); emits ``changed`` once."""
        self._quiet = True
        try:
            self.age_spin.setValue(age or 0)
            for boxes, ids in (
                (self.sign_boxes, set(signs)),
                (self.factor_boxes, set(factors)),
                (self.flag_boxes, set(red_flags)),
            ):
                for key, box in boxes.items():
                    box.setChecked(key in ids)
        finally:
            self._quiet = False
        self.changed.emit()

    def set_red_flags(self, red_flags: Iterable[str]) -> None:
        """Tick exactly these red flags; emits ``changed`` once."""
        self.set_checked(self.signs(), self.factors(), red_flags, self.age())

    def clear_red_flags(self) -> None:
        self.set_red_flags(())

    def first_box(self) -> QCheckBox:
        return next(iter(self.flag_boxes.values() or self.sign_boxes.values()))
