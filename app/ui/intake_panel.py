"""The intake checklist: red flags, signs grouped as an intake runs, and patient factors (age too).

Every row comes from the catalog (``red_flags``, the patterns' ``signs`` grouped by
``sign_groups`` with a shared sign id shown once, ``factors``). Checkbox text is
plain text; tooltips name the patterns a sign belongs to and its sources.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
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


@dataclass(frozen=True, slots=True)
class _Row:
    """One check box of the checklist, before (and whether or not) its page is built."""

    kind: str  # "factor", "flag" or "sign": the box's object name is f"{kind}:{id}"
    id: str
    text: str
    tooltip: str


@dataclass(eq=False)
class _Page:
    title: str
    rows: list[_Row]
    body: QWidget  # the page's widget in the tool box; its rows are made when it is first opened
    boxes: dict[str, QCheckBox] = field(default_factory=dict)
    built: bool = False


class _Boxes(Mapping[str, QCheckBox]):
    """The check boxes of one kind, by id: every id is known from the start; reading a box builds
    the page that holds it, so a caller (a test, a plan opened) never meets a box not yet made."""

    def __init__(self, panel: IntakePanel, ids: list[str], kind: str) -> None:
        self._panel, self._ids, self.kind = panel, ids, kind

    def __getitem__(self, key: str) -> QCheckBox:
        page = self._panel._page_of.get((self.kind, key))
        if page is None:
            raise KeyError(key)
        self._panel._build(page)
        return page.boxes[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._ids)

    def __len__(self) -> int:
        return len(self._ids)


class IntakePanel(QWidget):
    """Age on top, then one page at a time (QToolBox): patient factors, red flags, each sign group.

    Every page is short enough for a 768-pixel screen, and its title counts what is ticked in it,
    so nothing needs scrolling past to be found; a long group scrolls inside its own page.

    A page's rows are made when it is first opened (or one of its boxes is read): the closed pages'
    hundred-odd rows were most of the cost of making the workspace. What is ticked is kept here,
    by id, so a plan opened before a page was ever shown still has every answer, and the page shows
    them when it opens.
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
        self._pages: list[_Page] = []
        self._page_of: dict[tuple[str, str], _Page] = {}
        self._ticked: dict[str, set[str]] = {"factor": set(), "flag": set(), "sign": set()}
        self._type_ahead: list[TypeAhead] = []
        self._quiet = False

        factors = [_Row("factor", f.id, f.label, citations(f.sources)) for f in catalog.factors.values()]
        self._add_page("Patient factors", factors)
        flags = [
            _Row("flag", f.id, f.label, f"{f.reason}\n\n{citations(f.sources)}")
            for f in catalog.red_flags.values()
        ]
        self._add_page("Red flags (refer first)", flags, "redFlagGroup")
        signs: list[_Row] = []
        for group, group_signs in checklist(catalog):
            if not group_signs:
                continue
            rows = []
            for row in group_signs:
                names = ", ".join(catalog.patterns[p].name for p in row.patterns)
                rows.append(_Row("sign", row.id, row.text, f"Sign of: {names}\n\n{citations(row.sources)}"))
            signs += rows
            self._add_page(group.name, rows)
        self.factor_boxes = _Boxes(self, [r.id for r in factors], "factor")
        self.flag_boxes = _Boxes(self, [r.id for r in flags], "flag")
        self.sign_boxes = _Boxes(self, [r.id for r in signs], "sign")

        self._age_linked = age_linked_signs(catalog)
        self.age_spin.valueChanged.connect(self._age_changed)
        self._titles = [page.title for page in self._pages]
        self._retitle()
        self.pages.currentChanged.connect(lambda index: self._build(self._pages[index]))
        self._build(self._pages[self.pages.currentIndex()])  # the page open at the start

    def set_mnemonics(self, taken: set[str]) -> None:
        """Give every group title an Alt letter that nothing else on screen (``taken``) uses;
        the letter opens the group and puts the focus on its first box."""
        self._titles = assign_mnemonics([page.title for page in self._pages], taken)
        self._retitle()
        for page, title in zip(self._pages, self.title_buttons(), strict=True):
            if page.rows:
                FocusOnShortcut(title, functools.partial(self._first_box, page))

    def _first_box(self, page: _Page) -> QWidget:
        self._build(page)
        return page.boxes[page.rows[0].id]

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
                    if ("sign", sid) in self._page_of:
                        self._set("sign", sid, age >= start)
            finally:
                self._quiet = quiet
        self._toggled(True)

    def _set(self, kind: str, key: str, on: bool) -> None:
        """Tick or untick one answer, on its box too if its page is built."""
        self._note(kind, key, on)
        box = self._page_of[(kind, key)].boxes.get(key)
        if box is not None:
            box.setChecked(on)

    def _note(self, kind: str, key: str, on: bool) -> None:
        if on:
            self._ticked[kind].add(key)
        else:
            self._ticked[kind].discard(key)

    def _keyboard_order(self) -> None:
        """Tab follows the screen: the age, then each group's title, then (if the group is open)
        its boxes; Space on a title opens its group. QToolBox's titles take no focus by default."""
        chain: list[QWidget] = [self.age_spin]
        for page, title in zip(self._pages, self.title_buttons(), strict=True):
            title.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            chain += [title, *page.boxes.values()]
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)

    def _add_page(self, title: str, rows: list[_Row], name: str = "") -> None:
        body = QWidget(self)
        if name:
            body.setObjectName(name)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.setSpacing(2)
        layout.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(body)
        self.pages.addItem(scroll, title.replace("&", "&&"))
        page = _Page(title, rows, body)
        self._pages.append(page)
        self._page_of.update({(row.kind, row.id): page for row in rows})

    def _build(self, page: _Page) -> None:
        """Make the page's rows (once), each ticked as the answers say."""
        if page.built:
            return
        page.built = True
        layout = page.body.layout()
        assert isinstance(layout, QVBoxLayout)
        shown = page.body.isVisible()
        for index, row in enumerate(page.rows):
            line, box = check_row(row.text, page.body, f"{row.kind}:{row.id}")
            line.setToolTip(plain_tooltip(row.tooltip))
            box.setChecked(row.id in self._ticked[row.kind])
            box.toggled.connect(functools.partial(self._box_toggled, row.kind, row.id))
            layout.insertWidget(index, line)
            if shown:  # now, not when the layout next runs: a Tab pressed at once must find it
                line.show()
            page.boxes[row.id] = box
        self._type_ahead.append(TypeAhead([((b,), b.accessibleName()) for b in page.boxes.values()], self))
        self._keyboard_order()

    def _retitle(self) -> None:
        for index, (title, page) in enumerate(zip(self._titles, self._pages, strict=True)):
            ticked = sum(row.id in self._ticked[row.kind] for row in page.rows)
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

    def _box_toggled(self, kind: str, key: str, on: bool) -> None:
        self._note(kind, key, on)
        self._toggled(on)

    def _toggled(self, _on: bool) -> None:
        self._retitle()
        if not self._quiet:
            self.changed.emit()

    def _answers(self, boxes: _Boxes) -> tuple[str, ...]:
        ticked = self._ticked[boxes.kind]
        return tuple(i for i in boxes if i in ticked)

    def signs(self) -> tuple[str, ...]:
        return self._answers(self.sign_boxes)

    def factors(self) -> tuple[str, ...]:
        return self._answers(self.factor_boxes)

    def red_flags(self) -> tuple[str, ...]:
        return self._answers(self.flag_boxes)

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
            answers = ((self.sign_boxes, signs), (self.factor_boxes, factors), (self.flag_boxes, red_flags))
            for boxes, ids in answers:
                wanted = set(ids)
                for key in boxes:
                    self._set(boxes.kind, key, key in wanted)
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
