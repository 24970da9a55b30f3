"""The case list of the Course workspace: cases by label (never a patient's name), new cases."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QPushButton, QVBoxLayout, QWidget

from app.domain.case_book import CaseSummary
from app.ui.plain import plain_label

NO_NAMES = "Cases are kept by label only: a code or a short description, never the patient's name."


class CaseList(QWidget):
    caseChosen = Signal(str)
    newRequested = Signal()
    fromPlanRequested = Signal()  # a new case from the Intake & plan workspace's plan
    usePlanRequested = Signal()  # give the case in front the Intake & plan workspace's plan

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(plain_label("Cases", self, name="caseListHeading"))
        self.list = QListWidget(self)
        self.list.setObjectName("caseList")
        self.list.setAccessibleName("Cases")
        self.list.currentItemChanged.connect(self._current_changed)
        layout.addWidget(self.list, 1)
        self.new_button = QPushButton("New &case…", self)
        self.new_button.clicked.connect(self.newRequested)
        self.from_plan_button = QPushButton("New case from &Intake plan…", self)
        self.from_plan_button.setToolTip("Start a case with the plan now open in the Intake & plan workspace")
        self.from_plan_button.clicked.connect(self.fromPlanRequested)
        self.use_plan_button = QPushButton("&Use Intake plan here…", self)
        self.use_plan_button.setToolTip("Give this case the plan now open in Intake & plan (its visits stay)")
        self.use_plan_button.clicked.connect(self.usePlanRequested)
        for button in (self.new_button, self.from_plan_button, self.use_plan_button):
            layout.addWidget(button)
        note = plain_label(NO_NAMES, self, name="noNamesNote")
        note.setStyleSheet("color: palette(placeholder-text);")
        layout.addWidget(note)
        self._syncing = False

    def show_cases(self, cases: Sequence[CaseSummary], current: str | None) -> None:
        self._syncing = True
        try:
            self.list.clear()
            for case in cases:
                visits = f"{case.visits} visit{'s' if case.visits != 1 else ''}"
                item = QListWidgetItem(
                    f"{case.label}\n{visits}" + (f", last {case.last}" if case.last else "")
                )
                item.setData(Qt.ItemDataRole.UserRole, case.label)
                item.setToolTip(case.label)
                self.list.addItem(item)
                if case.label == current:
                    self.list.setCurrentItem(item)
        finally:
            self._syncing = False
        self.use_plan_button.setEnabled(current is not None)

    def labels(self) -> list[str]:
        items = (self.list.item(i) for i in range(self.list.count()))
        return [str(item.data(Qt.ItemDataRole.UserRole)) for item in items if item is not None]

    def _current_changed(self, item: QListWidgetItem | None, _previous: QListWidgetItem | None) -> None:
        if not self._syncing and item is not None:
            self.caseChosen.emit(str(item.data(Qt.ItemDataRole.UserRole)))
