"""The visit form: what was measured and what was done at one visit, entered from the keyboard.

Tab moves through the fields in reading order; every spin box takes typed digits; the
point box adds a code on Enter (with completion); Delete removes the selected point;
Ctrl+Return saves. The prescription starts from the last visit (or the plan, for a first
visit); "Same as last time" puts the last visit's points and techniques back in one
action, and every point is marked against the last visit (new, method changed; dropped
points listed). The red flags and the patient factors start unticked at every visit:
they are asked again, and the practitioner confirms they were asked.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain import safety
from app.domain.course import (
    ACTIVITIES_MAX,
    Activity,
    PointUsed,
    Prescription,
    Visit,
    compare,
    function_score,
    measures,
    visit_contraindications,
)
from app.domain.intake import RED_FLAG_ADVICE
from app.domain.models import Catalog
from app.domain.vocabulary import NeedleMethod
from app.ui.intake_panel import check_row
from app.ui.plain import plain_label, plain_tooltip
from app.ui.point_entry import point_code_edit

NOT_RECORDED = "—"


def _spin(low: int, high: int, optional: bool, name: str) -> QSpinBox:
    box = QSpinBox()
    box.setRange(low - 1 if optional else low, high)
    if optional:
        box.setSpecialValueText(NOT_RECORDED)
        box.setValue(low - 1)
    box.setAccessibleName(name)
    box.setObjectName(name)
    return box


def _value(box: QSpinBox) -> int | None:
    return None if box.specialValueText() and box.value() == box.minimum() else box.value()


class VisitForm(QWidget):
    saveRequested = Signal(object)  # the Visit to store
    changed = Signal()  # any field edited (the form holds unsaved entries)

    def __init__(self, catalog: Catalog, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.catalog = catalog
        self.measures = measures(catalog)
        self.setObjectName("visitForm")
        self._editing: Visit | None = None
        self._last: Prescription | None = None  # what the points are marked against
        self._last_name = "the last visit"
        self._planned: Prescription | None = None
        self._loading = False
        self.dirty = False
        self._build()

    # -- layout --------------------------------------------------------------------------------------

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        self.title = plain_label("", self, name="visitTitle")
        font = self.title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.title.setFont(font)
        layout.addWidget(self.title)

        scores = QGroupBox("Measures", self)
        form = QFormLayout(scores)
        self.date_edit = QDateEdit(scores)
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy-MM-dd")
        self.date_edit.setAccessibleName("Visit date")
        form.addRow("&Date", self.date_edit)
        pain = self.measures.pain
        self.pain_now = _spin(pain.scale_min, pain.scale_max, True, "Pain now")  # "—" until entered
        self.pain_worst = _spin(pain.scale_min, pain.scale_max, True, "Worst pain")
        self.pain_average = _spin(pain.scale_min, pain.scale_max, True, "Average pain")
        row = QHBoxLayout()
        for text, spin in (
            ("&now", self.pain_now),
            ("&worst", self.pain_worst),
            ("&average", self.pain_average),
        ):
            label = QLabel(text, scores)
            label.setBuddy(spin)
            row.addWidget(label)
            row.addWidget(spin)
        row.addStretch(1)
        pain_label = plain_label(f"Pain ({pain.short} {pain.scale_min}–{pain.scale_max})", scores, wrap=False)
        pain_label.setToolTip(plain_tooltip(pain.definition.text))
        form.addRow(pain_label, row)

        self.activity_names: list[QLineEdit] = []
        self.activity_ratings: list[QSpinBox] = []
        fn = self.measures.function
        if fn is not None:
            grid = QGridLayout()
            for i in range(ACTIVITIES_MAX):
                name = QLineEdit(scores)
                name.setPlaceholderText(f"Activity {i + 1} the patient names")
                name.setAccessibleName(f"Activity {i + 1}")
                rating = _spin(fn.scale_min, fn.scale_max, True, f"Activity {i + 1} rating")
                grid.addWidget(name, i, 0)
                grid.addWidget(rating, i, 1)
                self.activity_names.append(name)
                self.activity_ratings.append(rating)
            self.function_label = plain_label("", scores, name="functionScore")
            grid.addWidget(self.function_label, ACTIVITIES_MAX, 0, 1, 2)
            fn_label = plain_label(f"Function ({fn.short} {fn.scale_min}–{fn.scale_max})", scores, wrap=False)
            fn_label.setToolTip(plain_tooltip(fn.definition.text))
            form.addRow(fn_label, grid)
        self.groc = QComboBox(scores)
        self.groc.setAccessibleName("Global rating of change")
        self.groc.addItem(f"{NOT_RECORDED} not asked", None)
        gc = self.measures.global_change
        if gc is not None:
            for value in range(gc.scale_max, gc.scale_min - 1, -1):
                words = {gc.scale_max: " much better", 0: " unchanged", gc.scale_min: " much worse"}.get(
                    value, ""
                )
                self.groc.addItem(f"{value:+d}{words}" if value else f"0{words}", value)
            groc_label = QLabel(f"&{gc.short}", scores)
            groc_label.setBuddy(self.groc)
            groc_label.setToolTip(plain_tooltip(gc.definition.text))
            form.addRow(groc_label, self.groc)
        layout.addWidget(scores)

        done = QGroupBox("Points and techniques used", self)
        column = QVBoxLayout(done)
        buttons = QHBoxLayout()
        self.same_button = QPushButton("Same as &last time", done)
        self.same_button.setToolTip("The last visit's points and techniques (the plan's for a first visit)")
        self.same_button.clicked.connect(self.same_as_last)
        self.plan_button = QPushButton("From th&e plan", done)
        self.plan_button.setToolTip("The case plan's included points and techniques")
        self.plan_button.clicked.connect(self.from_plan)
        buttons.addWidget(self.same_button)
        buttons.addWidget(self.plan_button)
        buttons.addStretch(1)
        column.addLayout(buttons)
        self.points = QTableWidget(0, 3, done)
        self.points.setObjectName("visitPoints")
        self.points.setAccessibleName("Points used")
        self.points.setHorizontalHeaderLabels(["Point", "Method", "Change"])
        self.points.verticalHeader().setVisible(False)
        self.points.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.points.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.points.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.points.setMinimumHeight(150)
        column.addWidget(self.points)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.points, self.remove_selected)
        add = QHBoxLayout()
        self.point_edit = point_code_edit(
            self.catalog,
            done,
            "Add a point: type its code (BL40) and press Enter",
            "Add a point",
            self._add_typed,
        )
        remove = QPushButton("&Remove point", done)
        remove.clicked.connect(self.remove_selected)
        add.addWidget(self.point_edit, 1)
        add.addWidget(remove)
        column.addLayout(add)
        self.dropped = plain_label("", done, name="droppedPoints")
        column.addWidget(self.dropped)
        techniques = QGridLayout()
        self.technique_boxes: dict[str, QCheckBox] = {}
        for i, (tid, technique) in enumerate(safety.techniques(self.catalog).items()):
            box = QCheckBox(technique.name.split(",")[0], done)
            box.setObjectName(f"technique:{tid}")
            box.setToolTip(plain_tooltip(technique.name))
            box.toggled.connect(self._edited)
            techniques.addWidget(box, i // 2, i % 2)
            self.technique_boxes[tid] = box
        column.addLayout(techniques)
        self.warning = plain_label("", done, name="visitWarning")
        self.warning.setStyleSheet("color: palette(bright-text); font-weight: bold;")
        column.addWidget(self.warning)
        layout.addWidget(done)

        reactions = QGroupBox("Reactions and adverse events", self)
        rcol = QVBoxLayout(reactions)
        self.reaction_boxes: dict[str, QCheckBox] = {}
        outcomes = self.catalog.outcomes
        for gid in outcomes.reactions if outcomes else ():
            line, box = check_row(self.catalog.guidance[gid].text, reactions, f"reaction:{gid}")
            box.toggled.connect(self._edited)
            rcol.addWidget(line)
            self.reaction_boxes[gid] = box
        self.reaction_notes = QLineEdit(reactions)
        self.reaction_notes.setPlaceholderText("Other reactions, and what was done")
        self.reaction_notes.setAccessibleName("Reaction notes")
        rcol.addWidget(self.reaction_notes)
        layout.addWidget(reactions)

        check = QGroupBox("Asked again at this visit: red flags and the safety check", self)
        ccol = QVBoxLayout(check)
        ccol.addWidget(plain_label("Red flags present now:", check))
        self.flag_boxes: dict[str, QCheckBox] = {}
        for fid, flag in self.catalog.red_flags.items():
            line, box = check_row(flag.label, check, f"visitFlag:{fid}")
            line.setToolTip(plain_tooltip(flag.reason))
            box.toggled.connect(self._edited)
            ccol.addWidget(line)
            self.flag_boxes[fid] = box
        self.flag_advice = plain_label("", check, name="visitFlagAdvice")
        self.flag_advice.setStyleSheet("color: palette(bright-text); font-weight: bold;")
        self.flag_advice.hide()
        ccol.addWidget(self.flag_advice)
        self.flag_action = QLineEdit(check)
        self.flag_action.setPlaceholderText("How the red flag was handled (for example, referred to the GP)")
        self.flag_action.setAccessibleName("Red flag handling")
        ccol.addWidget(self.flag_action)
        ccol.addWidget(plain_label("Patient factors now (the safety check):", check))
        factors = QGridLayout()
        self.factor_boxes: dict[str, QCheckBox] = {}
        for i, (fid, factor) in enumerate(self.catalog.factors.items()):
            line, box = check_row(factor.label, check, f"visitFactor:{fid}")
            box.toggled.connect(self._edited)
            factors.addWidget(line, i // 2, i % 2)
            self.factor_boxes[fid] = box
        ccol.addLayout(factors)
        asked_line, self.asked = check_row(
            "I asked about the red flags and the patient factors at this visit", check, "safetyAsked"
        )
        ccol.addWidget(asked_line)
        self.asked.toggled.connect(self._edited)
        layout.addWidget(check)

        notes = QGroupBox("Notes", self)
        ncol = QVBoxLayout(notes)
        self.notes = QPlainTextEdit(notes)
        self.notes.setTabChangesFocus(True)
        self.notes.setAccessibleName("Visit notes")
        self.notes.setFixedHeight(64)
        ncol.addWidget(self.notes)
        layout.addWidget(notes)

        self.problems = plain_label("", self, name="visitProblems")
        self.problems.setStyleSheet("color: palette(bright-text);")
        layout.addWidget(self.problems)
        save_row = QHBoxLayout()
        save_row.addStretch(1)
        self.save_button = QPushButton("&Save visit  (Ctrl+Return)", self)
        self.save_button.setObjectName("saveVisit")
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        save_row.addWidget(self.save_button)
        layout.addLayout(save_row)
        layout.addStretch(1)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            shortcut = QShortcut(QKeySequence(keys), self, self.save)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)

        for spin in (self.pain_now, self.pain_worst, self.pain_average, *self.activity_ratings):
            spin.valueChanged.connect(self._edited)
        for edit in (*self.activity_names, self.reaction_notes, self.flag_action):
            edit.textChanged.connect(self._edited)
        self.notes.textChanged.connect(self._edited)
        self.groc.currentIndexChanged.connect(self._edited)
        self.date_edit.dateChanged.connect(self._edited)

    # -- filling -------------------------------------------------------------------------------------

    def begin(
        self,
        title: str,
        day: date,
        last: Prescription | None,
        planned: Prescription | None,
        activities: list[str],
    ) -> None:
        """A new visit: the prescription starts from ``last`` (or ``planned``); measures, reactions,
        red flags and patient factors start empty (asked again)."""
        self._editing = None
        self._last, self._planned = last, planned
        self._last_name = "the last visit" if last is not None else "the plan"
        self._loading = True
        try:
            self.title.setText(title)
            self.date_edit.setDate(QDate(day.year, day.month, day.day))
            for spin in (self.pain_now, self.pain_worst, self.pain_average, *self.activity_ratings):
                spin.setValue(spin.minimum())
            for edit, name in zip(self.activity_names, [*activities, *[""] * ACTIVITIES_MAX], strict=False):
                edit.setText(name)
            self.groc.setCurrentIndex(0)
            for box in (
                *self.reaction_boxes.values(),
                *self.flag_boxes.values(),
                *self.factor_boxes.values(),
            ):
                box.setChecked(False)
            self.asked.setChecked(False)
            for edit in (self.reaction_notes, self.flag_action, self.point_edit):
                edit.clear()
            self.notes.clear()
            self.problems.clear()
            self.save_button.setText("&Save visit  (Ctrl+Return)")
            start = last if last is not None else planned
            self._show_prescription(start or Prescription())
            if last is None:
                self._last = planned
        finally:
            self._loading = False
        self.dirty = False
        self.same_button.setEnabled(last is not None or planned is not None)
        self.plan_button.setEnabled(planned is not None)

    def edit(
        self, title: str, visit: Visit, before: Prescription | None, planned: Prescription | None
    ) -> None:
        """Correct a stored visit: every field as it was saved."""
        self.begin(title, visit.day, before, planned, [a.name for a in visit.activities])
        self._editing = visit
        self._loading = True
        try:
            self.pain_now.setValue(visit.pain_now)
            for spin, value in ((self.pain_worst, visit.pain_worst), (self.pain_average, visit.pain_average)):
                spin.setValue(value if value is not None else spin.minimum())
            for spin, activity in zip(self.activity_ratings, visit.activities, strict=False):
                spin.setValue(activity.rating)
            self.groc.setCurrentIndex(max(0, self.groc.findData(visit.groc)) if visit.groc is not None else 0)
            self._show_prescription(Prescription.of_visit(visit))
            for ids, boxes in (
                (visit.reactions, self.reaction_boxes),
                (visit.red_flags, self.flag_boxes),
                (visit.factors, self.factor_boxes),
            ):
                for key, box in boxes.items():
                    box.setChecked(key in ids)
            self.asked.setChecked(visit.safety_checked)
            self.reaction_notes.setText(visit.reaction_notes)
            self.flag_action.setText(visit.flag_action)
            self.notes.setPlainText(visit.notes)
            self.save_button.setText("&Save changes  (Ctrl+Return)")
        finally:
            self._loading = False
        self.dirty = False
        self._refresh()

    def _show_prescription(self, prescription: Prescription) -> None:
        self.points.setRowCount(0)
        for p in prescription.points:
            self._append_point(p)
        for tid, box in self.technique_boxes.items():
            box.setChecked(tid in prescription.techniques)
        self._refresh()

    def _append_point(self, point: PointUsed) -> None:
        row = self.points.rowCount()
        self.points.insertRow(row)
        info = self.catalog.points.get(point.code)
        item = QTableWidgetItem(f"{point.code}  {info.pinyin}" if info else point.code)
        item.setData(Qt.ItemDataRole.UserRole, point.code)
        self.points.setItem(row, 0, item)
        combo = QComboBox(self.points)
        combo.setAccessibleName(f"Method for {point.code}")
        for method in NeedleMethod:
            combo.addItem(method.label, method.value)
        combo.setCurrentIndex(combo.findData(point.method.value))
        combo.currentIndexChanged.connect(self._edited)
        self.points.setCellWidget(row, 1, combo)
        self.points.setItem(row, 2, QTableWidgetItem(""))

    # -- actions -------------------------------------------------------------------------------------

    def same_as_last(self) -> None:
        """The last visit's points and techniques (the plan's for a first visit), in one action."""
        start = self._last if self._last is not None else self._planned
        if start is not None:
            self._show_prescription(start)
            self._edited()

    def from_plan(self) -> None:
        if self._planned is not None:
            self._show_prescription(self._planned)
            self._edited()

    def add_point(self, code: str) -> bool:
        code = code.strip().upper()
        if code not in self.catalog.points:
            self.problems.setText(f"{code or 'Nothing'} is not a point code in the catalog.")
            return False
        if code in self.prescription_codes():
            self.problems.setText(f"{code} is already in this visit.")
            return False
        method = next(
            (p.method for p in (self._last or Prescription()).points if p.code == code), NeedleMethod.EVEN
        )
        self._append_point(PointUsed(code, method))
        self.problems.clear()
        self._edited()
        return True

    def _add_typed(self) -> None:
        if self.add_point(self.point_edit.text()):
            self.point_edit.clear()

    def remove_selected(self) -> None:
        rows = sorted({index.row() for index in self.points.selectedIndexes()}, reverse=True)
        for row in rows:
            self.points.removeRow(row)
        if rows:
            self._edited()

    def prescription_codes(self) -> list[str]:
        items = (self.points.item(r, 0) for r in range(self.points.rowCount()))
        return [str(item.data(Qt.ItemDataRole.UserRole)) for item in items if item is not None]

    def prescription(self) -> Prescription:
        points = []
        for row, code in enumerate(self.prescription_codes()):
            combo = self.points.cellWidget(row, 1)
            method = combo.currentData() if isinstance(combo, QComboBox) else NeedleMethod.EVEN.value
            points.append(PointUsed(code, NeedleMethod(method)))
        return Prescription(tuple(points), tuple(t for t, b in self.technique_boxes.items() if b.isChecked()))

    def activities(self) -> list[Activity]:
        out = []
        for name, rating in zip(self.activity_names, self.activity_ratings, strict=True):
            value = _value(rating)
            if name.text().strip() and value is not None:
                out.append(Activity(name.text().strip(), value))
        return out

    def visit(self) -> Visit:
        """The visit as entered (checked when saved)."""
        qdate = self.date_edit.date()
        activities = self.activities()
        prescription = self.prescription()
        return Visit(
            day=date(qdate.year(), qdate.month(), qdate.day()),
            pain_now=self.pain_now.value(),  # "—" is below the scale: refused when saved
            pain_worst=_value(self.pain_worst),
            pain_average=_value(self.pain_average),
            function=function_score(activities),
            activities=tuple(activities),
            groc=self.groc.currentData(),
            points=prescription.points,
            techniques=prescription.techniques,
            reactions=tuple(g for g, b in self.reaction_boxes.items() if b.isChecked()),
            reaction_notes=self.reaction_notes.text().strip(),
            red_flags=tuple(f for f, b in self.flag_boxes.items() if b.isChecked()),
            factors=tuple(f for f, b in self.factor_boxes.items() if b.isChecked()),
            safety_checked=self.asked.isChecked(),
            flag_action=self.flag_action.text().strip(),
            notes=self.notes.toPlainText().strip(),
            id=self._editing.id if self._editing is not None else None,
        )

    def save(self) -> None:
        if _value(self.pain_now) is None:
            self.problems.setText(
                f"Enter the pain now ({self.measures.pain.short}): it is what the course is judged on."
            )
            self.pain_now.setFocus()
            return
        if not self.asked.isChecked():
            self.problems.setText(
                "Ask about the red flags and the patient factors, then tick that you asked (they are asked "
                "again at every visit)."
            )
            self.asked.setFocus()
            return
        self.saveRequested.emit(self.visit())

    def show_problems(self, problems: list[str]) -> None:
        self.problems.setText("Not saved:\n" + "\n".join(f"• {p}" for p in problems))

    # -- live state ----------------------------------------------------------------------------------

    def _edited(self, *_args: object) -> None:
        if self._loading:
            return
        self.dirty = True
        self._refresh()
        self.changed.emit()

    def _refresh(self) -> None:
        """The function score, the marks against the last visit, red-flag handling, warnings."""
        activities = self.activities()
        if self.measures.function is not None:
            score = function_score(activities)
            self.function_label.setText(
                f"{self.measures.function.short} score: {score:g} (the average of {len(activities)} "
                f"rating{'s' if len(activities) != 1 else ''})"
                if score is not None
                else f"{self.measures.function.short} score: {NOT_RECORDED} (rate at least one activity)"
            )
        prescription = self.prescription()
        change = compare(self._last, prescription) if self._last is not None else None
        for row, code in enumerate(self.prescription_codes()):
            mark = ""
            if change is not None and code in change.added:
                mark = "new"
            elif change is not None and code in change.method_changed:
                mark = "method changed"
            item = self.points.item(row, 2)
            if item is not None:
                item.setText(mark)
        dropped = list(change.removed) if change is not None else []
        self.dropped.setText(f"Dropped since {self._last_name}: {', '.join(dropped)}" if dropped else "")
        flagged = [self.catalog.red_flags[f] for f, b in self.flag_boxes.items() if b.isChecked()]
        self.flag_action.setEnabled(bool(flagged))
        self.flag_advice.setVisible(bool(flagged))
        self.flag_advice.setText(
            f"RED FLAG — {RED_FLAG_ADVICE}\n" + "\n".join(f"{f.label}: {f.reason}" for f in flagged)
            if flagged
            else ""
        )
        # Grouped by the caution's text: the lumbosacral points share one (a short list, not a wall).
        grouped: dict[str, list[str]] = {}
        for subject, caution in visit_contraindications(self.catalog, self.visit()):
            grouped.setdefault(caution.text, []).append(subject)
        self.warning.setText(
            "\n".join(
                f"Contraindicated for the patient factors ticked: {', '.join(subjects)}. {text}"
                for text, subjects in grouped.items()
            )
        )
