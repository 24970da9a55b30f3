"""The intake checklist: red flags, signs grouped as an intake runs, and patient factors (age too).

Every row comes from the catalog (``red_flags``, the patterns' ``signs`` grouped by
``sign_groups`` with a shared sign id shown once, ``factors``). Checkbox text is
plain text; tooltips name the patterns a sign belongs to and its sources.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import pairwise

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFocusEvent, QMouseEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSpinBox,
    QToolBox,
    QVBoxLayout,
    QWidget,
)

from app.domain.intake import age_linked_signs, checklist
from app.domain.models import Catalog
from app.domain.plan import AGE_MAX
from app.ui.keyboard import FocusOnShortcut, TypeAhead, assign_mnemonics
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


class AgeSpin(QSpinBox):
    """The age, typed: whatever brought the focus here (Tab, a click, the window opening), the
    text is selected, so typing "50" replaces "not given" instead of being refused inside it."""

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.selectAll()


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


class IntakePanel(QWidget):
    """Age on top, then one page at a time (QToolBox): patient factors, red flags, each sign group.

    Every page is short enough for a 768-pixel screen, and its title counts what is ticked in it,
    so nothing needs scrolling past to be found; a long group scrolls inside its own page.
    """

    changed = Signal()  # any box was checked or unchecked

    def __init__(self, catalog: Catalog, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.catalog = catalog
        self.setAccessibleName("Intake checklist")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(6, 6, 6, 6)
        outer.setSpacing(6)

        def citations(ids: Iterable[str]) -> str:
            return "\n".join(
                self.catalog.sources[s].citation for s in dict.fromkeys(ids) if s in self.catalog.sources
            )

        age_row = QHBoxLayout()
        self.age_spin = AgeSpin(self)
        self.age_spin.setObjectName("factor:age")
        self.age_spin.setRange(0, AGE_MAX)  # 0 shows "not given"
        self.age_spin.setSpecialValueText("not given")
        self.age_spin.setSuffix(" years")
        self.age_spin.setAccessibleName("Age in years")
        self.age_spin.setToolTip("Type the age; the age-based signs and safety rules use it")
        age_label = QLabel("A&ge:", self)
        age_label.setTextFormat(Qt.TextFormat.PlainText)
        age_label.setBuddy(self.age_spin)
        age_row.addWidget(age_label)
        age_row.addWidget(self.age_spin, 1)
        outer.addLayout(age_row)

        self.pages = QToolBox(self)
        self.pages.setObjectName("intakePages")
        outer.addWidget(self.pages, 1)
        self._page_titles: list[tuple[str, dict[str, QCheckBox]]] = []
        self._type_ahead: list[TypeAhead] = []

        self.factor_boxes: dict[str, QCheckBox] = {}
        rows = []
        for factor in catalog.factors.values():
            line, box = check_row(factor.label, self, f"factor:{factor.id}")
            line.setToolTip(plain_tooltip(citations(factor.sources)))
            rows.append(line)
            self.factor_boxes[factor.id] = box
        self._add_page("Patient factors", rows, self.factor_boxes)

        self.flag_boxes: dict[str, QCheckBox] = {}
        rows = []
        for flag in catalog.red_flags.values():
            line, box = check_row(flag.label, self, f"flag:{flag.id}")
            line.setToolTip(plain_tooltip(f"{flag.reason}\n\n{citations(flag.sources)}"))
            rows.append(line)
            self.flag_boxes[flag.id] = box
        self._add_page("Red flags (refer first)", rows, self.flag_boxes, "redFlagGroup")

        self.sign_boxes: dict[str, QCheckBox] = {}
        for group, signs in checklist(catalog):
            if not signs:
                continue
            rows, boxes = [], {}
            for row in signs:
                line, box = check_row(row.text, self, f"sign:{row.id}")
                names = ", ".join(catalog.patterns[p].name for p in row.patterns)
                line.setToolTip(plain_tooltip(f"Sign of: {names}\n\n{citations(row.sources)}"))
                rows.append(line)
                boxes[row.id] = box
            self.sign_boxes |= boxes
            self._add_page(group.name, rows, boxes)

        for box in (*self.flag_boxes.values(), *self.sign_boxes.values(), *self.factor_boxes.values()):
            box.toggled.connect(self._toggled)
        self._age_linked = age_linked_signs(catalog)
        self.age_spin.valueChanged.connect(self._age_changed)
        self._quiet = False
        self._titles = [title for title, _boxes in self._page_titles]
        self._retitle()
        self._keyboard_order()

    def set_mnemonics(self, taken: set[str]) -> None:
        """Give every group title an Alt letter that nothing else on screen (``taken``) uses;
        the letter opens the group and puts the focus on its first box."""
        self._titles = assign_mnemonics([t for t, _b in self._page_titles], taken)
        self._retitle()
        for index, title in enumerate(self.title_buttons()):
            boxes = list(self._page_titles[index][1].values())
            if boxes:
                FocusOnShortcut(title, boxes[0])

    def title_buttons(self) -> list[QAbstractButton]:
        return [
            b
            for b in self.pages.findChildren(QAbstractButton)
            if b.metaObject().className() == "QToolBoxButton"
        ]

    def _age_changed(self, age: int) -> None:
        """A typed age ticks (or unticks) the age-linked signs, "Over 40 years old" for one."""
        if age:
            quiet, self._quiet = self._quiet, True
            try:
                for sid, start in self._age_linked.items():
                    if sid in self.sign_boxes:
                        self.sign_boxes[sid].setChecked(age >= start)
            finally:
                self._quiet = quiet
        self._toggled(True)

    def _keyboard_order(self) -> None:
        """Tab follows the screen: the age, then each group's title, then (if the group is open)
        its boxes; Space on a title opens its group. QToolBox's titles take no focus by default."""
        titles = self.title_buttons()
        chain: list[QWidget] = [self.age_spin]
        for index, title in enumerate(titles):
            title.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            page = self.pages.widget(index)
            chain.append(title)
            chain += [b for b in page.findChildren(QCheckBox)] if page is not None else []
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)

    def _add_page(self, title: str, rows: list[QWidget], boxes: dict[str, QCheckBox], name: str = "") -> None:
        body = QWidget(self)
        if name:
            body.setObjectName(name)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.setSpacing(2)
        for row in rows:
            row.setParent(body)
            layout.addWidget(row)
        layout.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(body)
        self.pages.addItem(scroll, title.replace("&", "&&"))
        self._page_titles.append((title, boxes))
        self._type_ahead.append(TypeAhead([((b,), b.accessibleName()) for b in boxes.values()], self))

    def _retitle(self) -> None:
        for index, (title, (_plain, boxes)) in enumerate(zip(self._titles, self._page_titles, strict=True)):
            ticked = sum(b.isChecked() for b in boxes.values())
            self.pages.setItemText(index, f"{title}  ({ticked} ticked)" if ticked else title)

    def ensureWidgetVisible(self, widget: QWidget) -> None:
        """Open the page holding ``widget`` and scroll it into view there."""
        for index in range(self.pages.count()):
            scroll = self.pages.widget(index)
            body = scroll.widget() if isinstance(scroll, QScrollArea) else None
            if isinstance(scroll, QScrollArea) and body is not None and body.isAncestorOf(widget):
                self.pages.setCurrentIndex(index)
                scroll.ensureWidgetVisible(widget)
                return

    def _toggled(self, _on: bool) -> None:
        self._retitle()
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
        self._retitle()
        self.changed.emit()

    def set_red_flags(self, red_flags: Iterable[str]) -> None:
        """Tick exactly these red flags; emits ``changed`` once."""
        self.set_checked(self.signs(), self.factors(), red_flags, self.age())

    def clear_red_flags(self) -> None:
        self.set_red_flags(())

    def first_box(self) -> QWidget:
        """Where the intake starts: the age."""
        return self.age_spin
