"""The plan builder: merged points with what they serve, a technique per point, safety marks,
techniques from the patterns, the course, notes and a case label.

The panel holds the current :class:`~app.domain.plan.Plan`; every edit goes
through the domain functions, which re-merge and re-check the plan against the
catalog. Including anything contraindicated asks for an explicit confirmation
(``confirm`` callback, a message box by default) and stays marked.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QKeySequence, QResizeEvent, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain import plan as plans
from app.domain.intake_session import Change, IntakeSession
from app.domain.plan import CASE_LABEL_MAX, COURSE_LIMITS, Course, Plan, PlanPoint
from app.domain.safety import Finding
from app.domain.safety_check import cause_label
from app.domain.vocabulary import NeedleMethod, Side
from app.ui.plain import ask, plain_label, plain_tooltip
from app.ui.point_browser import PointBrowser
from app.ui.point_entry import point_code_edit
from app.ui.point_table_model import CodeRole
from app.ui.safety_panel import SafetyPanel

Confirm = Callable[[str, str], bool]
OVERRIDE_TEXT = "CONTRAINDICATED — included after confirmation"
POINT_COLUMNS = ("Point", "Technique", "Side", "Serves", "Safety")
COL_POINT, COL_TECHNIQUE, COL_SIDE, COL_SERVES, COL_SAFETY = range(len(POINT_COLUMNS))
SERVES_SHOWN_FROM = 500  # px of table: below it the Serves column is hidden (see _fit_columns)
SIDE_CHOICES = ((Side.BOTH, "Both"), (Side.LEFT, "Left"), (Side.RIGHT, "Right"))
_COURSE_TITLES = {"sessions": "Sessions", "minutes": "Minutes", "reassess_weeks": "Reassess (weeks)"}
# The spin boxes hold exactly what a plan may hold (the plan file reader refuses anything else).
_COURSE_FIELDS = tuple((name, _COURSE_TITLES[name], low, high) for name, low, high in COURSE_LIMITS)


class PointBrowserDialog(QDialog):
    """The catalog's point browser, to add points to the plan or remove them (keyboard: type, Down,
    arrows, Enter adds; Delete removes)."""

    def __init__(self, panel: PlanPanel) -> None:
        super().__init__(panel)
        self.panel = panel
        self.setWindowTitle("Browse points")
        self.resize(560, 520)
        layout = QVBoxLayout(self)
        self.browser = PointBrowser(panel.catalog, self)
        layout.addWidget(self.browser, 1)
        self.status = plain_label("", self, name="browserStatus")
        layout.addWidget(self.status)
        buttons = QDialogButtonBox(self)
        self.add_button = buttons.addButton("&Add to plan", QDialogButtonBox.ButtonRole.ActionRole)
        self.remove_button = buttons.addButton("&Remove from plan", QDialogButtonBox.ButtonRole.ActionRole)
        close = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.clicked.connect(self.close)
        self.add_button.setDefault(True)  # Enter on a row adds it
        self.add_button.clicked.connect(self.add_selected)
        self.remove_button.clicked.connect(self.remove_selected)
        layout.addWidget(buttons)
        self.browser.table.doubleClicked.connect(lambda _index: self.add_selected())
        delete = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.browser.table)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete.activated.connect(self.remove_selected)
        self.browser.pointSelected.connect(self._update_buttons)
        panel.planChanged.connect(self._update_buttons)
        self._update_buttons()

    def code(self) -> str | None:
        """The point of the selected or current row (Down from the search makes a row current)."""
        current = self.browser.table.currentIndex()
        code = current.data(CodeRole) if current.isValid() else None
        return self.browser.selected_code() or (code if isinstance(code, str) else None)

    def _update_buttons(self, *_args: object) -> None:
        code = self.code()
        in_plan = code is not None and self.panel.plan.point(code) is not None
        self.add_button.setEnabled(code is not None and not in_plan)
        self.remove_button.setEnabled(in_plan)

    def add_selected(self) -> None:
        code = self.code()
        if code and self.panel.plan.point(code) is None and self.panel.add_point(code):
            self.status.setText(f"Added {code} to the plan.")
        self._update_buttons()

    def remove_selected(self) -> None:
        code = self.code()
        if code and self.panel.plan.point(code) is not None:
            self.panel.remove_point(code)
            self.status.setText(f"Removed {code} from the plan.")
        self._update_buttons()


class PlanPanel(QWidget):
    planChanged = Signal()  # any edit (also from the intake); the workspace marks the plan unsaved
    pointSelected = Signal(str)
    pointActivated = Signal(str)  # a row was double-clicked: show the point in the reference

    def __init__(
        self,
        session: IntakeSession,
        parent: QWidget | None = None,
        confirm: Confirm | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.catalog = session.catalog
        self.confirm: Confirm = confirm or self._ask
        self._refreshing = False
        self.setAccessibleName("Session plan")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(6)

        top = QHBoxLayout()
        self.case_label = QLineEdit(self)
        self.case_label.setPlaceholderText("Case label (no patient name), e.g. Case 12 — lumbar strain")
        self.case_label.setAccessibleName("Case label")
        self.case_label.setMaxLength(CASE_LABEL_MAX)  # what a plan file may hold: never cut on an edit
        case = plain_label("&Case:", self)
        case.setTextFormat(Qt.TextFormat.PlainText)
        case.setBuddy(self.case_label)
        top.addWidget(case)
        top.addWidget(self.case_label, 1)
        layout.addLayout(top)

        self.summary = plain_label(
            "Choose a pattern or mark a pain zone to build a plan.", self, name="planSummary"
        )
        layout.addWidget(self.summary)

        self.table = QTableWidget(0, len(POINT_COLUMNS), self)
        self.table.setHorizontalHeaderLabels(POINT_COLUMNS)
        self.table.setAccessibleName("Plan points")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        # Tab leaves the table (arrows move between rows); F2 or Enter opens the row's technique.
        self.table.setTabKeyNavigation(False)
        self.table.setAccessibleDescription(
            "Arrow keys choose a point; F2 or Enter changes its technique; Delete removes it"
        )
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        for col in (COL_POINT, COL_TECHNIQUE, COL_SIDE):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_SERVES, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(COL_SAFETY, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        layout.addWidget(self.table, 3)
        self.detail = plain_label("", self, name="pointSafetyDetail")
        self.detail.setAccessibleName("Safety of the selected point")
        layout.addWidget(self.detail)

        buttons = QHBoxLayout()
        self.add_edit = point_code_edit(
            self.catalog, self, "Point code, e.g. BL57", "Point code to add", self._add_from_edit
        )
        self.add_button = QPushButton("&Add", self)
        self.add_button.clicked.connect(self._add_from_edit)
        self.remove_button = QPushButton("&Remove point", self)
        self.remove_button.setToolTip("Remove the selected point from the plan (Delete)")
        self.remove_button.clicked.connect(self.remove_selected)
        self.include_button = QPushButton("Include anyway…", self)
        self.include_button.setToolTip("Include a contraindicated point after confirming it")
        self.include_button.clicked.connect(self.include_selected)
        self.browse_button = QPushButton("&Browse points…", self)
        self.browse_button.setToolTip("Search the whole catalog and add or remove points")
        self.browse_button.clicked.connect(self.browse_points)
        self._browser_dialog: PointBrowserDialog | None = None
        # Two short rows, adding and then changing, so no button is squeezed at 960 px.
        for w in (self.add_edit, self.add_button, self.browse_button):
            buttons.addWidget(w, 1 if w is self.add_edit else 0)
        layout.addLayout(buttons)
        changes = QHBoxLayout()
        changes.addWidget(self.remove_button)
        changes.addWidget(self.include_button)
        changes.addStretch(1)
        layout.addLayout(changes)
        delete = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.table)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete.activated.connect(self.remove_selected)
        for keys in ("F2", "Return", "Enter"):
            edit = QShortcut(QKeySequence(keys), self.table)
            edit.setContext(Qt.ShortcutContext.WidgetShortcut)
            edit.activated.connect(self.edit_technique)

        # Techniques, course and notes share a tab strip under the points, so the points table keeps
        # the height and the panel stays calm at 1366x768.
        self.details_tabs = QTabWidget(self)
        self.details_tabs.setDocumentMode(True)
        self.safety = SafetyPanel(self.catalog, self.details_tabs)
        self.safety.subtypeChosen.connect(self._subtype_chosen)
        self.details_tabs.addTab(self.safety, "Safety check")
        self.techniques_box = QWidget(self.details_tabs)
        tech_layout = QVBoxLayout(self.techniques_box)
        self.techniques = QTableWidget(0, 3, self.techniques_box)
        self.techniques.setHorizontalHeaderLabels(("Technique", "Status", "Cautions"))
        self.techniques.setAccessibleName("Plan techniques")
        self.techniques.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.techniques.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.techniques.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.techniques.setTabKeyNavigation(False)
        self.techniques.verticalHeader().setVisible(False)
        theader = self.techniques.horizontalHeader()
        theader.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        theader.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        theader.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        tech_layout.addWidget(self.techniques)
        self.include_technique_button = QPushButton("Include technique anyway…", self.techniques_box)
        self.include_technique_button.clicked.connect(self.include_selected_technique)
        tech_layout.addWidget(self.include_technique_button, 0, Qt.AlignmentFlag.AlignLeft)
        tech_layout.setContentsMargins(0, 4, 0, 0)
        self.details_tabs.addTab(self.techniques_box, "Techniques")

        course_box = QWidget(self.details_tabs)
        course_layout = QVBoxLayout(course_box)
        row = QHBoxLayout()
        self.course_spins: dict[str, QSpinBox] = {}
        for name, title, low, high in _COURSE_FIELDS:
            row.addWidget(plain_label(title, course_box))
            for end in ("min", "max"):
                spin = QSpinBox(course_box)
                spin.setRange(low, high)
                spin.setAccessibleName(f"{title} {end}")
                spin.valueChanged.connect(self._course_changed)
                self.course_spins[f"{name}_{end}"] = spin
                row.addWidget(spin)
                if end == "min":
                    row.addWidget(plain_label("–", course_box))
            row.addSpacing(10)
        row.addStretch(1)
        course_layout.addLayout(row)
        self.course_source = plain_label("", course_box, name="courseSources")
        self.course_source.setStyleSheet("color: palette(placeholder-text);")
        course_layout.addWidget(self.course_source)
        course_layout.addStretch(1)
        self.details_tabs.addTab(course_box, "Course")

        self.notes = QPlainTextEdit(self.details_tabs)
        self.notes.setPlaceholderText("Notes (free text)")
        self.notes.setAccessibleName("Plan notes")
        self.notes.setTabChangesFocus(True)
        self.details_tabs.addTab(self.notes, "Notes")
        self.details_tabs.setMinimumHeight(180)
        self.details_tabs.setMaximumHeight(200)
        self.techniques.setWordWrap(False)  # one line a row; the full cautions are in the tooltips
        layout.addWidget(self.details_tabs, 1)

        self.case_label.textEdited.connect(self._text_changed)
        self.notes.textChanged.connect(self._notes_changed)
        self.table.cellDoubleClicked.connect(self._row_activated)
        session.subscribe(self._session_changed)
        self.refresh()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_columns()

    def _fit_columns(self) -> None:
        """A narrow panel (a 960 px window) drops the Serves column rather than squeeze every column:
        what a point serves is in its tooltip and in the line under the table."""
        self.table.setColumnHidden(COL_SERVES, self.table.width() < SERVES_SHOWN_FROM)

    def _row_activated(self, row: int, _column: int) -> None:
        item = self.table.item(row, COL_POINT)
        if item is not None:
            self.pointActivated.emit(item.data(Qt.ItemDataRole.UserRole))

    # --- state -----------------------------------------------------------------------------------
    @property
    def plan(self) -> Plan:
        return self.session.plan

    def _session_changed(self, what: Change) -> None:
        if Change.REPLACED in what:
            self._show_texts()  # a new or opened plan: its label and notes replace the typed ones
        if Change.PLAN in what:
            self.refresh()
            self.planChanged.emit()

    def _show_texts(self) -> None:
        plan = self.plan
        self._refreshing = True
        try:
            if self.case_label.text() != plan.case_label:
                self.case_label.setText(plan.case_label)
            if self.notes.toPlainText() != plan.notes:
                self.notes.setPlainText(plan.notes)
        finally:
            self._refreshing = False

    def _update(self, plan: Plan) -> None:
        self.session.apply(plan)

    def _subtype_chosen(self, pattern: str, subtype: str) -> None:
        chosen = {k: v for k, v in self.plan.subtypes.items() if k != pattern}
        if subtype:
            chosen[pattern] = subtype
        self.session.edit(subtypes=chosen)

    def _text_changed(self) -> None:
        """The case label was edited: only the label changes."""
        if not self._refreshing:
            self._edit_text("case label", case_label=self.case_label.text())

    def _notes_changed(self) -> None:
        """The notes were edited: only the notes change."""
        if not self._refreshing:
            self._edit_text("notes", notes=self.notes.toPlainText())

    def _edit_text(self, what: str, **change: str) -> None:
        try:
            self.session.edit(**change)  # type: ignore[arg-type]  # case_label= or notes=
        except ValueError as exc:  # a pasted control character: say so, keep the plan as it was
            verb = "were" if what == "notes" else "was"
            self.summary.setText(f"The {what} {verb} not changed: {exc}.")

    def _course_changed(self) -> None:
        if self._refreshing:
            return
        values = {k: s.value() for k, s in self.course_spins.items()}
        for name, *_ in _COURSE_FIELDS:  # keep min <= max
            if values[f"{name}_max"] < values[f"{name}_min"]:
                values[f"{name}_max"] = values[f"{name}_min"]
        sources = self.plan.course.sources if self.plan.course else ()
        self.session.edit(course=Course(**values, sources=sources))

    # --- edits ------------------------------------------------------------------------------------
    def selected_code(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        item = self.table.item(rows[0].row(), COL_POINT)
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def select_code(self, code: str) -> None:
        for row in range(self.table.rowCount()):
            item = self.table.item(row, COL_POINT)
            if item is not None and item.data(Qt.ItemDataRole.UserRole) == code:
                self.table.selectRow(row)
                self.table.scrollToItem(item)
                return

    def add_point(self, code: str) -> bool:
        code = code.strip().upper()
        if code not in self.catalog.points:
            self.summary.setText(f"Unknown point code '{code}'.")
            return False
        self._update(plans.add_point(self.catalog, self.plan, code))
        self.select_code(code)
        return True

    def _add_from_edit(self) -> None:
        if self.add_point(self.add_edit.text()):
            self.add_edit.clear()

    def remove_point(self, code: str) -> None:
        self._update(plans.remove_point(self.catalog, self.plan, code))

    def browse_points(self) -> PointBrowserDialog:
        """Show the point browser (one per panel) to add or remove points."""
        if self._browser_dialog is None:
            self._browser_dialog = PointBrowserDialog(self)
        dialog = self._browser_dialog
        dialog.status.setText("")
        dialog._update_buttons()
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()
        dialog.browser.focus_search()
        return dialog

    def edit_technique(self) -> None:
        """Keyboard: open the technique list of the current row (F2 or Enter on the table)."""
        row = self.table.currentRow()
        combo = self.table.cellWidget(row, COL_TECHNIQUE) if row >= 0 else None
        if isinstance(combo, QComboBox):
            combo.setFocus(Qt.FocusReason.ShortcutFocusReason)
            combo.showPopup()

    def remove_selected(self) -> None:
        code = self.selected_code()
        if code:
            row = self.table.currentRow()
            self.remove_point(code)
            if self.table.rowCount():
                self.table.selectRow(min(row, self.table.rowCount() - 1))

    def include_selected(self) -> None:
        code = self.selected_code()
        point = self.plan.point(code) if code else None
        if point is None or point.included:
            return
        reasons = "\n".join(f"• {c.text}" for c in point.contraindications)
        if self.confirm(
            f"Include {code} anyway?",
            f"{code} is contraindicated for this patient:\n{reasons}\n\n"
            "Include it anyway? It stays marked as contraindicated in the plan and every export.",
        ):
            self._update(plans.confirm_include(self.catalog, self.plan, point.code))
            self.select_code(point.code)

    def include_selected_technique(self) -> None:
        row = self.techniques.currentRow()
        if row < 0 or row >= len(self.plan.techniques):
            return
        technique = self.plan.techniques[row]
        if technique.included:
            return
        reasons = "\n".join(f"• {c.text}" for c in technique.contraindications)
        if self.confirm(
            f"Include {technique.name} anyway?",
            f"{technique.name} is contraindicated for this patient:\n{reasons}\n\n"
            "Include it anyway? It stays marked as contraindicated in the plan and every export.",
        ):
            self._update(plans.confirm_include(self.catalog, self.plan, technique.id))

    def set_method(self, code: str, method: NeedleMethod) -> None:
        # The row's combo box is rebuilt: give the keyboard focus back to the table, on this row.
        back_to_table = isinstance(self.focusWidget(), QComboBox) or self.table.hasFocus()
        try:
            self._set_method(code, method)
        finally:
            if back_to_table:
                self.select_code(code)
                self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def _set_method(self, code: str, method: NeedleMethod) -> None:
        before = self.plan.point(code)
        plan = plans.set_method(self.catalog, self.plan, code, method)
        after = plan.point(code)
        if before is not None and after is not None and before.included and not after.included:
            reasons = "\n".join(f"• {c.text}" for c in after.contraindications)
            if self.confirm(
                f"{method.label} at {code}?",
                f"{method.label} is contraindicated for this patient:\n{reasons}\n\n"
                "Use it anyway? It stays marked as contraindicated in the plan and every export.",
            ):
                plan = plans.confirm_include(self.catalog, plan, code)
            else:
                self.refresh()  # puts the combo box back
                return
        self._update(plan)

    def _ask(self, title: str, text: str) -> bool:
        return ask(self, title, text, "Include anyway")

    def _selection_changed(self) -> None:
        code = self.selected_code()
        point = self.plan.point(code) if code else None
        self.include_button.setEnabled(point is not None and not point.included)
        self.remove_button.setEnabled(point is not None)
        serves = (
            f"serves {plans.serves(self.catalog, point)}. "
            if point and self.table.isColumnHidden(COL_SERVES)
            else ""
        )
        self.detail.setText(f"{code}: {serves}{self._safety_detail(point, sources=False)}" if point else "")
        if code:
            self.pointSelected.emit(code)

    # --- display ----------------------------------------------------------------------------------
    def refresh(self) -> None:
        self._refreshing = True
        try:
            self._fill_points()
            self._fill_techniques()
            self.safety.show_plan(self.plan)
            course = self.plan.course
            if course is not None:
                for key, spin in self.course_spins.items():
                    spin.setValue(getattr(course, key))
                cites = "; ".join(
                    self.catalog.sources[s].citation for s in course.sources if s in self.catalog.sources
                )
                self.course_source.setText(f"Source: {cites}" if cites else "")
        finally:
            self._refreshing = False
        self._selection_changed()
        self.summary.setText(self.summary_text())

    def summary_text(self) -> str:
        p = self.plan
        if not p.points:
            return "Choose a pattern or mark a pain zone to build a plan."
        text = f"{len(p.included_points())} points in the plan"
        if p.left_out():
            text += f", {len(p.left_out())} left out for safety (select one to see why)"
        overridden = [x.code for x in p.points if x.overridden]
        if overridden:
            text += f"; included despite a contraindication: {', '.join(overridden)}"
        return text + "."

    def _fill_points(self) -> None:
        selected = self.selected_code()
        self.table.setRowCount(0)
        self.table.setRowCount(len(self.plan.points))
        grey = QBrush(QColor("#8a8f96"))
        for row, point in enumerate(self.plan.points):
            cat = self.catalog.points[point.code]
            name = QTableWidgetItem(f"{point.code}\n{cat.pinyin}")
            name.setData(Qt.ItemDataRole.UserRole, point.code)
            name.setToolTip(plain_tooltip(f"{cat.english} {cat.chinese}\n{cat.location}"))
            serves = QTableWidgetItem(plans.serves(self.catalog, point))
            serves.setToolTip(
                plain_tooltip("\n".join(plans.describe_reason(self.catalog, r) for r in point.reasons))
            )
            safety = QTableWidgetItem(self._safety_text(point))
            safety.setToolTip(plain_tooltip(self._safety_detail(point)))
            self.table.setItem(row, COL_POINT, name)
            self.table.setItem(row, COL_SERVES, serves)
            self.table.setItem(row, COL_SAFETY, safety)
            if not point.included:
                for item in (name, serves, safety):
                    item.setForeground(grey)
            if point.overridden:
                safety.setForeground(QBrush(QColor("#b3261e")))
            combo = QComboBox(self.table)
            combo.setAccessibleName(f"Technique for {point.code}")
            for method in NeedleMethod:  # the brief words fit the column; the full ones are the tips
                combo.addItem(method.brief, method.value)
                combo.setItemData(combo.count() - 1, method.label, Qt.ItemDataRole.ToolTipRole)
            combo.setCurrentIndex(list(NeedleMethod).index(point.method))
            combo.setToolTip(point.method.label)
            combo.currentIndexChanged.connect(
                lambda i, c=point.code, box=combo: self.set_method(c, NeedleMethod(box.itemData(i)))
            )
            self.table.setCellWidget(row, COL_TECHNIQUE, combo)
            self._fill_side(row, point)
        self.table.resizeRowsToContents()
        if selected:
            self.select_code(selected)

    def _fill_side(self, row: int, point: PlanPoint) -> None:
        if point.side is None:
            midline = QTableWidgetItem("Midline")
            midline.setToolTip("A point on the midline: there is one, no side to choose")
            self.table.setItem(row, COL_SIDE, midline)
            return
        combo = QComboBox(self.table)
        combo.setAccessibleName(f"Side to needle {point.code}")
        for side, label in SIDE_CHOICES:
            combo.addItem(label, side.value)
        combo.setCurrentIndex([s for s, _ in SIDE_CHOICES].index(point.side))
        combo.currentIndexChanged.connect(
            lambda i, c=point.code, box=combo: self.set_side(c, Side(box.itemData(i)))
        )
        self.table.setCellWidget(row, COL_SIDE, combo)

    def set_side(self, code: str, side: Side) -> None:
        """Needle a bilateral point on one side or both (the sheet prints it)."""
        back_to_table = isinstance(self.focusWidget(), QComboBox) or self.table.hasFocus()
        sides = {k: v for k, v in self.plan.sides.items() if k != code}
        if side is not Side.BOTH:
            sides[code] = side
        self.session.edit(sides=sides)
        if back_to_table:
            self.select_code(code)
            self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def _factor_names(self, findings: tuple[Finding, ...]) -> str:
        return ", ".join(dict.fromkeys(cause_label(self.catalog, f.cause) for f in findings))

    def _safety_text(self, point: PlanPoint) -> str:
        """Short text for the table; the full wording is in the tooltip and the detail line."""
        if not point.included:
            return f"Left out: {self._factor_names(point.contraindications)}"
        parts = []
        if point.overridden:
            parts.append(f"{OVERRIDE_TEXT} ({self._factor_names(point.contraindications)})")
        if point.depth_max is not None:
            angle = f"{point.angle.label}, " if point.angle else ""
            parts.append(f"{angle}≤ {point.depth_max:g} cun")
        if point.cautions:
            parts.append(f"{len(point.cautions)} caution{'s' if len(point.cautions) > 1 else ''}")
        return "; ".join(parts) or "—"

    def _safety_detail(self, point: PlanPoint, sources: bool = True) -> str:
        lines = []
        for c in (*point.contraindications, *point.cautions):
            cites = "; ".join(
                self.catalog.sources[s].citation for s in c.sources if s in self.catalog.sources
            )
            lines.append(f"{c.effect.label}: {c.text}" + (f"\n  {cites}" if sources else ""))
        return "\n".join(lines) or "No caution applies for this patient."

    def _fill_techniques(self) -> None:
        self.techniques.setRowCount(len(self.plan.techniques))
        for row, t in enumerate(self.plan.techniques):
            status = "Included" if t.included else "Left out (contraindicated)"
            if t.overridden:
                status = OVERRIDE_TEXT
            cautions = [f"{c.effect.label}: {c.text}" for c in (*t.contraindications, *t.cautions)]
            if t.contraindications:
                short = f"Contraindicated: {self._factor_names(t.contraindications)}"
            else:
                short = f"{len(cautions)} caution{'s' if len(cautions) > 1 else ''}" if cautions else "—"
            items = (QTableWidgetItem(t.name), QTableWidgetItem(status), QTableWidgetItem(short))
            items[0].setToolTip(plain_tooltip(t.method))
            items[2].setToolTip(plain_tooltip("\n".join(cautions) or "No caution applies for this patient."))
            for col, item in enumerate(items):
                if not t.included:
                    item.setForeground(QBrush(QColor("#8a8f96")))
                self.techniques.setItem(row, col, item)
        self.techniques.resizeRowsToContents()
