"""The plan's safety check on screen: every factor, red flag, sign, subtype decision and the age, with
what it changed in this plan (or "No effect on this plan" and its advice), and a chooser for each
pattern subtype the signs decide.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QTextBrowser, QVBoxLayout, QWidget

from app.domain.models import Catalog
from app.domain.plan import Plan
from app.domain.safety_check import SafetyItem, safety_check
from app.ui.plain import esc, plain_label

AUTO = ""  # the chooser's "let the signs decide" entry


class SafetyPanel(QWidget):
    subtypeChosen = Signal(str, str)  # pattern id, subtype id ("": let the signs decide)

    def __init__(self, catalog: Catalog, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.catalog = catalog
        self.setAccessibleName("Safety check")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        self._choosers: dict[str, QComboBox] = {}
        self._chooser_rows = QVBoxLayout()
        layout.addLayout(self._chooser_rows)
        self.view = QTextBrowser(self)
        self.view.setOpenLinks(False)
        self.view.setAccessibleName("What each factor, red flag and decision changed in this plan")
        layout.addWidget(self.view, 1)
        self.items: tuple[SafetyItem, ...] = ()

    def show_plan(self, plan: Plan) -> None:
        self.items = safety_check(self.catalog, plan)
        self._show_choosers(plan)
        if not self.items:
            self.view.setHtml(
                "<p>No patient factor, red flag or subtype is recorded: nothing to check yet.</p>"
            )
            return
        rows = []
        for item in self.items:
            note = (
                f"<br/><span style='color:palette(placeholder-text)'>{esc(item.note)}</span>"
                if item.note
                else ""
            )
            advice = "".join(f"<br/>• {esc(a.text)}" for a in item.advice)
            weight = "bold" if item.changed else "normal"
            rows.append(
                f"<p><b>{esc(item.label)}</b> — "
                f"<span style='font-weight:{weight}'>{esc(item.summary())}</span>"
                f"{note}{advice}</p>"
            )
        self.view.setHtml("".join(rows))

    def texts(self) -> list[str]:
        """Each item as one line: its label and what it changed (what a user reads first)."""
        return [f"{item.label}: {item.summary()}" for item in self.items]

    def _show_choosers(self, plan: Plan) -> None:
        wanted = {d.pattern: d for d in plan.decisions}
        for pid in [p for p in self._choosers if p not in wanted]:
            row = self._choosers.pop(pid).parentWidget()
            if row is not None:
                row.hide()  # at once: deleteLater waits for the event loop
                row.deleteLater()
        for pid, decision in wanted.items():
            box = self._choosers.get(pid) or self._add_chooser(pid)
            pattern = self.catalog.patterns[pid]
            box.blockSignals(True)
            decided = next((s.name for s in pattern.subtypes if s.id == decision.chosen), "undecided")
            box.setItemText(
                0, f"By the signs ({decided})" if not decision.by_practitioner else "By the signs"
            )
            index = box.findData(decision.chosen if decision.by_practitioner else AUTO)
            box.setCurrentIndex(max(0, index))
            box.blockSignals(False)

    def _add_chooser(self, pid: str) -> QComboBox:
        pattern = self.catalog.patterns[pid]
        row = QWidget(self)
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        label = plain_label(f"{pattern.name}: &subtype", row, wrap=False)
        box = QComboBox(row)
        box.setAccessibleName(f"{pattern.name} subtype")
        box.addItem("By the signs", AUTO)
        for subtype in pattern.subtypes:
            box.addItem(subtype.name, subtype.id)
        label.setBuddy(box)
        box.currentIndexChanged.connect(lambda _i, p=pid, b=box: self.subtypeChosen.emit(p, b.currentData()))
        line.addWidget(label)
        line.addWidget(box, 1)
        self._chooser_rows.addWidget(row)
        self._choosers[pid] = box
        return box

    def chooser(self, pattern_id: str) -> QComboBox | None:
        return self._choosers.get(pattern_id)
