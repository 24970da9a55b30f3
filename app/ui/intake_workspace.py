"""The "Intake & plan" workspace: checklist -> suggestion -> pain map -> safety-checked plan -> PDF/print.

Left: the intake checklist (red flags, signs, patient factors). Middle: the
suggestion (ranked patterns with reasons; the practitioner ticks the patterns
to use) and the back-view pain map (diagram zones, mirrored by checkboxes for
the keyboard). Right: the plan builder. A red-flag banner spans the top while any
red flag stands, until the practitioner clears it.

The workflow and its rules live in :class:`~app.domain.intake_session.IntakeSession`;
this widget lays it out, turns clicks into session calls and redraws what the
session says changed. Files are :class:`~app.ui.plan_files.PlanFiles`', PDFs and
printing :class:`~app.ui.plan_outputs.PlanOutputs`'.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.domain import intake
from app.domain.intake_session import Change, IntakeSession
from app.domain.models import Catalog
from app.domain.vocabulary import Role
from app.ui.diagram import BodyDiagram
from app.ui.diagram.items import MarkerItem
from app.ui.intake_panel import IntakePanel, check_row
from app.ui.keyboard import MENU_LETTERS, FocusOnShortcut, TypeAhead, widget_mnemonics
from app.ui.plain import ask, plain_label, plain_tooltip
from app.ui.plan_files import PlanFiles
from app.ui.plan_outputs import PlanOutputs
from app.ui.plan_panel import PlanPanel
from app.ui.settings_store import Settings

INTAKE_MIN_WIDTH = 236
MIDDLE_MIN_WIDTH = 316
NARROW_BELOW = 1100  # px of workspace


def zone_lines(catalog: Catalog) -> list[tuple[str, list[tuple[str, str]]]]:
    """The pain-map zones as lines of the grid: (title, [(zone id, "left" | "right" | "")]), one
    line for a zone's left and right halves (named "... (left)" and "... (right)")."""
    lines: dict[str, list[tuple[str, str]]] = {}
    for zid, zone in catalog.zones.items():
        for side in ("left", "right"):
            if zid.endswith(f"_{side}") and zone.name.endswith(f" ({side})"):
                lines.setdefault(zone.name.removesuffix(f" ({side})"), []).append((zid, side))
                break
        else:
            lines[zone.name] = [(zid, "")]
    return list(lines.items())


SCORE_NOTE = (
    "Score: the weights of a pattern's ticked signs out of the weights of all its signs "
    "(key signs weigh more)."
)


def _listed(texts: list[str], most: int = 2) -> str:
    shown = "; ".join(texts[:most]) or "none"
    return f"{shown}; and {len(texts) - most} more" if len(texts) > most else shown


def reasons_text(score: intake.PatternScore) -> str:
    """A pattern's row in the ranking, short enough to scan (the whole lists are its tooltip)."""
    matched = [s.text for s in score.matched]
    missing = [s.text for s in score.missing_key]
    return (
        f"Score {score.score:g} of {score.max_score:g}. Matched ({len(matched)}): {_listed(matched)}.\n"
        f"Missing key signs ({len(missing)}): {_listed(missing)}."
    )


class IntakeWorkspace(QWidget):
    statusMessage = Signal(str)
    redFlagsChanged = Signal(str)  # the most urgent standing red flag's tier; "" when none stands
    caseChanged = Signal(str, bool)  # the plan's case label ("" none yet) and whether it has unsaved changes

    def __init__(
        self, catalog: Catalog, parent: QWidget | None = None, settings: Settings | None = None
    ) -> None:
        super().__init__(parent)
        self.catalog = catalog
        self.session = IntakeSession(catalog)
        self._syncing = False  # widgets are being set from the session: their signals are not edits
        self.setObjectName("intakeWorkspace")

        outer = QVBoxLayout(self)
        outer.setContentsMargins(4, 4, 4, 4)
        outer.setSpacing(4)

        self.banner = QFrame(self)
        self.banner.setObjectName("redFlagBanner")
        self.banner.setStyleSheet(
            "#redFlagBanner { background: #fde8e6; border: 2px solid #c0392b; border-radius: 4px; }"
            "#redFlagBanner QLabel { color: #7a1a10; }"
        )
        banner_layout = QHBoxLayout(self.banner)
        self.banner_label = plain_label("", self.banner, name="redFlagText")
        self.banner_label.setAccessibleName("Red flag warning")
        self.clear_flags_button = QPushButton("Clear red flags…", self.banner)
        self.clear_flags_button.clicked.connect(self.clear_red_flags)
        banner_layout.addWidget(self.banner_label, 1)
        banner_layout.addWidget(self.clear_flags_button, 0, Qt.AlignmentFlag.AlignTop)
        self.banner.hide()
        outer.addWidget(self.banner)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.intake = IntakePanel(catalog, self.splitter)
        self.intake.changed.connect(self._intake_changed)

        middle = QWidget(self.splitter)
        mid_layout = QVBoxLayout(middle)
        mid_layout.setContentsMargins(4, 0, 4, 0)
        suggestion_box = QGroupBox("Suggestion (not a diagnosis)", middle)
        sug_layout = QVBoxLayout(suggestion_box)
        self.suggestion = plain_label("", suggestion_box, name="suggestion")
        # The button sits beside the sentence it acts on, so it is on screen whatever the ranking's length.
        self.use_suggestion_button = QPushButton("&Use suggestion", suggestion_box)
        self.use_suggestion_button.setToolTip("Tick the suggested chief (and secondary) pattern (Ctrl+U)")
        # Ctrl+U as an action of the workspace: the button keeps its own Alt+U (a button's one
        # shortcut would replace its mnemonic), and the key acts at once, not after a click animation.
        use_action = QAction("Use suggestion", self)
        use_action.setShortcut(QKeySequence("Ctrl+U"))
        use_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        use_action.triggered.connect(self.use_suggestion)
        self.addAction(use_action)
        self.use_suggestion_button.clicked.connect(self.use_suggestion)
        top_row = QHBoxLayout()
        top_row.addWidget(self.suggestion, 1)
        top_row.addWidget(self.use_suggestion_button, 0, Qt.AlignmentFlag.AlignTop)
        sug_layout.addLayout(top_row)
        sug_layout.addWidget(plain_label(SCORE_NOTE, suggestion_box, name="scoreNote"))
        # The patterns, re-ordered by rank after every change so the chief is always on top.
        self.ranked_layout = QVBoxLayout()
        self.ranked_layout.setSpacing(2)
        sug_layout.addLayout(self.ranked_layout)
        self.pattern_rows: dict[str, QWidget] = {}
        self.pattern_boxes: dict[str, QCheckBox] = {}
        self.reason_labels: dict[str, QLabel] = {}
        for pid, pattern in catalog.patterns.items():
            box = QCheckBox(pattern.name, suggestion_box)
            box.setObjectName(f"pattern:{pid}")
            box.setToolTip("Use this pattern's prescription in the plan")
            box.toggled.connect(self._choice_changed)
            reasons = plain_label("", suggestion_box, name=f"reasons:{pid}")
            reasons.setStyleSheet("color: palette(placeholder-text); margin-left: 22px;")
            row = QWidget(suggestion_box)
            row_layout = QVBoxLayout(row)
            row_layout.setContentsMargins(0, 0, 0, 0)
            row_layout.setSpacing(0)
            box.setParent(row)
            reasons.setParent(row)
            row_layout.addWidget(box)
            row_layout.addWidget(reasons)
            self.ranked_layout.addWidget(row)
            self.pattern_rows[pid] = row
            self.pattern_boxes[pid] = box
            self.reason_labels[pid] = reasons
        sug_layout.addWidget(plain_label(intake.SUGGESTION_NOTE, suggestion_box, name="suggestionNote"))
        self.suggestion_scroll = QScrollArea(middle)
        self.suggestion_scroll.setWidgetResizable(True)
        self.suggestion_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.suggestion_scroll.setWidget(suggestion_box)
        mid_layout.addWidget(self.suggestion_scroll, 3)

        pain_box = QGroupBox("Pain &map: where does it hurt?", middle)
        self.pain_box = pain_box
        pain_layout = QHBoxLayout(pain_box)
        self.diagram = BodyDiagram(catalog, pain_box)
        self.diagram.set_zone_mode(True)
        self.diagram.set_labels_visible(False)
        self.diagram.zoneToggled.connect(self._zone_toggled)
        self.diagram.pointClicked.connect(self._point_clicked)
        self.diagram.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.diagram.customContextMenuRequested.connect(self._diagram_menu)
        pain_layout.addWidget(self.diagram, 3)
        zone_list = QWidget(pain_box)
        zone_column = QVBoxLayout(zone_list)
        zone_column.setContentsMargins(0, 0, 0, 0)
        zone_column.setSpacing(2)
        self.zone_boxes: dict[str, QCheckBox] = {}
        zone_rows = self._zone_grid(catalog, zone_list)
        zone_column.addLayout(zone_rows)
        zone_column.addStretch(1)
        # The pain map shows only the plan's points; picking any point to add needs them all.
        line, self.pick_points_box = check_row(
            "Pick points on the diagram (hides the zones)", pain_box, "pickPoints"
        )
        line.setToolTip("Click any point marker to add it to the plan; click a plan point to select it")
        self.pick_points_box.toggled.connect(lambda on: self.diagram.set_zone_mode(not on))
        zone_column.addWidget(line)
        zone_scroll = QScrollArea(pain_box)
        zone_scroll.setWidgetResizable(True)
        zone_scroll.setFrameShape(QFrame.Shape.NoFrame)
        zone_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        zone_scroll.setWidget(zone_list)
        zone_scroll.setAccessibleName("Pain zones")
        pain_layout.addWidget(zone_scroll, 3)
        mid_layout.addWidget(pain_box, 4)

        self.plan_panel = PlanPanel(self.session, self.splitter)
        self.plan_panel.pointSelected.connect(self.diagram.select_point)

        self.splitter.addWidget(self.intake)
        self.splitter.addWidget(middle)
        self.splitter.addWidget(self.plan_panel)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 4)
        self.splitter.setStretchFactor(2, 6)
        self.intake.setMinimumWidth(INTAKE_MIN_WIDTH)
        middle.setMinimumWidth(MIDDLE_MIN_WIDTH)
        self.plan_panel.setMinimumWidth(360)
        self.splitter.setSizes([300, 520, 540])
        outer.addWidget(self.splitter, 1)

        self.files = PlanFiles(self.session, self, settings or Settings())
        self.outputs = PlanOutputs(self.session, self, settings or Settings())
        for helper in (self.files, self.outputs):
            helper.statusMessage.connect(self.statusMessage)
        self.session.subscribe(self._session_changed)
        self._session_changed(Change.ALL)
        self._assign_mnemonics()

    def _zone_grid(self, catalog: Catalog, parent: QWidget) -> QGridLayout:
        """One line a body part: a zone with sides has a Left and a Right box on its line (the back
        view shows the patient's left on the viewer's left, and so does the grid), a midline zone
        its one box in front of its name."""
        grid = QGridLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(6)
        grid.setVerticalSpacing(3)
        grid.setColumnStretch(1, 1)
        lines = zone_lines(catalog)
        rows: list[tuple[tuple[QWidget, ...], str]] = []
        for column, side in ((2, "Left"), (3, "Right")):
            head = plain_label(side, parent, name="muted")
            grid.addWidget(head, 0, column, Qt.AlignmentFlag.AlignHCenter)
        for row, (title, zones) in enumerate(lines, start=1):
            label = QLabel(title, parent)
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setWordWrap(True)
            boxes = []
            for zid, side in zones:
                zone = catalog.zones[zid]
                box = QCheckBox(parent)
                box.setObjectName(f"zone:{zid}")
                box.setAccessibleName(zone.name)
                channel = catalog.channels[zone.channel].name
                box.setToolTip(plain_tooltip(f"{zone.name}\n{channel}: {zone.reason.text}"))
                box.toggled.connect(self._zone_box_toggled)
                self.zone_boxes[zid] = box
                boxes.append(box)
                column = {"": 0, "left": 2, "right": 3}[side]
                grid.addWidget(box, row, column, Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignHCenter)
            label.setToolTip(boxes[0].toolTip())
            if len(boxes) == 1 and not zones[0][1]:
                label.setBuddy(boxes[0])
            grid.addWidget(label, row, 1)
            rows.append((tuple(boxes), title))
        self._zone_keys = TypeAhead(rows, self)
        return grid

    def _assign_mnemonics(self) -> None:
        """Alt letters for the intake groups, clear of the menus and of this workspace's own (the
        group titles have none yet)."""
        taken = set(MENU_LETTERS).union(*(widget_mnemonics(w) for w in self.findChildren(QWidget)))
        self.intake.set_mnemonics(taken)
        first_zone = next(iter(self.zone_boxes.values()), None)
        if first_zone is not None:
            FocusOnShortcut(self.pain_box, first_zone)

    # --- the session on screen --------------------------------------------------------------------
    def _session_changed(self, what: Change) -> None:
        if Change.REPLACED in what:
            self._show_answers()
        if Change.ANSWERS in what:
            self._show_suggestion()
            self._show_flags()
        if Change.PLAN in what:
            self.diagram.highlight(
                dict.fromkeys((p.code for p in self.plan_panel.plan.included_points()), Role.PLAN)
            )
        if Change.FILE in what or Change.PLAN in what:
            self.update_title()

    def _show_answers(self) -> None:
        """Every intake widget as the session holds it (a new or opened plan)."""
        plan = self.session.plan
        self._syncing = True
        try:
            for pid, box in self.pattern_boxes.items():
                box.setChecked(pid in plan.patterns)
            self.diagram.set_zones(set(plan.zones))
            self._sync_zone_boxes(set(plan.zones))
            self.intake.set_checked(plan.signs, plan.factors, plan.red_flags, plan.age)
        finally:
            self._syncing = False

    def _show_suggestion(self) -> None:
        result = self.session.result
        text = intake.suggestion_text(self.catalog, result)
        if self.session.standing_flags:
            # The referral takes the suggestion's place; the ranking stays below, set aside.
            ref = self.session.plan.referral
            text = (
                f"Referral first: {ref.urgency.label if ref else 'medical assessment'}. The ranking below is "
                f"set aside while a red flag stands ({text.rstrip('.')})."
            )
        self.suggestion.setText(text)
        self.suggestion.setProperty("setAside", bool(self.session.standing_flags))
        for score in result.ranked:
            tag = ""
            if score.pattern_id == result.chief:
                tag = " — suggested chief"
            elif score.pattern_id == result.secondary:
                tag = " — suggested secondary"
            self.pattern_boxes[score.pattern_id].setText(f"{score.name}{tag}")
            self.reason_labels[score.pattern_id].setText(reasons_text(score))
            full = "\n".join(
                (
                    "Matched: " + ("; ".join(x.text for x in score.matched) or "none"),
                    "Missing key signs: " + ("; ".join(x.text for x in score.missing_key) or "none"),
                )
            )
            self.reason_labels[score.pattern_id].setToolTip(plain_tooltip(full))
        for score in result.ranked:  # removing and re-adding a widget moves it to the end
            self.ranked_layout.removeWidget(self.pattern_rows[score.pattern_id])
            self.ranked_layout.addWidget(self.pattern_rows[score.pattern_id])

    def _show_flags(self) -> None:
        flags = intake.red_flags(self.catalog, self.session.standing_flags)
        self.banner_label.setText(intake.red_flag_banner(flags))
        self.banner.setVisible(bool(flags))
        ref = self.session.plan.referral
        self.redFlagsChanged.emit(ref.urgency.value if flags and ref else "")

    @property
    def last_result(self) -> intake.Differentiation:
        return self.session.result

    @property
    def standing_flags(self) -> tuple[str, ...]:
        return self.session.standing_flags

    # --- edits from the widgets ---------------------------------------------------------------------
    def _intake_changed(self) -> None:
        if self._syncing:
            return
        unticked = self.session.set_answers(
            self.intake.signs(), self.intake.factors(), self.intake.red_flags(), self.intake.age()
        )
        if unticked:
            # Unticking never clears a flag by itself: the box is ticked again at once and the
            # practitioner is asked to confirm (after this slot returns).
            self._syncing = True
            try:
                self.intake.set_red_flags(self.session.standing_flags)
            finally:
                self._syncing = False
            QTimer.singleShot(0, lambda ids=unticked: self._ask_clear(ids))

    def use_suggestion(self) -> None:
        """Tick the suggested chief (and secondary) pattern; the practitioner can change it."""
        chosen = set(self.session.suggested_patterns())
        for pid, box in self.pattern_boxes.items():
            box.setChecked(pid in chosen)

    def chosen_patterns(self) -> tuple[str, ...]:
        return tuple(p for p, b in self.pattern_boxes.items() if b.isChecked())

    def _choice_changed(self) -> None:
        if not self._syncing:
            self.session.edit(patterns=self.chosen_patterns())

    def _zone_toggled(self, _zone: str, _on: bool) -> None:
        self._sync_zone_boxes(self.diagram.zones())
        self._zones_changed()

    def _zone_box_toggled(self) -> None:
        zones = {z for z, b in self.zone_boxes.items() if b.isChecked()}
        if zones != self.diagram.zones():
            self.diagram.set_zones(zones)
            self._zones_changed()

    def _sync_zone_boxes(self, zones: set[str]) -> None:
        for zid, box in self.zone_boxes.items():
            box.blockSignals(True)
            box.setChecked(zid in zones)
            box.blockSignals(False)

    def _zones_changed(self) -> None:
        if not self._syncing:
            self.session.edit(zones=tuple(z for z in self.catalog.zones if z in self.diagram.zones()))

    def _point_clicked(self, code: str) -> None:
        if self.session.plan.point(code) is None:
            self.add_point(code)
        else:
            self.plan_panel.select_code(code)

    def add_point(self, code: str) -> None:
        if self.plan_panel.add_point(code):
            self.statusMessage.emit(f"Added {code} to the plan")

    def remove_point(self, code: str) -> None:
        if self.session.remove_point(code):
            self.statusMessage.emit(f"Removed {code} from the plan")

    def _diagram_menu(self, pos: QPoint) -> None:
        """Right-click (or the menu key) on a point marker: add it to the plan or remove it."""
        code = next(
            (i.code for i in self.diagram.items(pos) if isinstance(i, MarkerItem) and i.isVisible()), None
        )
        if code is None:
            return
        menu = QMenu(self)
        if self.session.plan.point(code) is None:
            menu.addAction(f"Add {code} to the plan", lambda: self.add_point(code))
        else:
            menu.addAction(f"Remove {code} from the plan", lambda: self.remove_point(code))
        menu.popup(self.diagram.viewport().mapToGlobal(pos))
        self._diagram_context_menu = menu

    # --- red flags ----------------------------------------------------------------------------------
    def _confirm_clear(self, ids: tuple[str, ...]) -> bool:
        labels = "\n".join(f"• {self.catalog.red_flags[i].label}" for i in ids)
        text = (
            f"{labels}\n\nClear the red flags only when the patient has been assessed, or the flag was "
            "checked in error."
        )
        return ask(self, "Clear red flags?", text, "Clear red flags", icon=QMessageBox.Icon.Question)

    def clear_red_flags(self) -> None:
        """The banner's button: clear every standing red flag, after a confirmation."""
        flags = self.session.standing_flags
        if flags and self._confirm_clear(flags):
            self.session.clear_flags()
            self._show_answers()

    def _ask_clear(self, ids: tuple[str, ...]) -> None:
        """A standing red flag's box was unticked: clear just those flags if the practitioner confirms."""
        ids = tuple(i for i in ids if i in self.session.standing_flags)
        if ids and self._confirm_clear(ids):
            self.session.clear_flags(ids)
            self._show_answers()

    # --- the main window's questions ----------------------------------------------------------------
    def file_actions(self) -> list[QAction]:
        separator = QAction(self)
        separator.setSeparator(True)
        return [*self.files.actions(), separator, *self.outputs.actions()]

    def shortcut_help(self) -> list[tuple[str, str]]:
        return [
            ("Ctrl+U", "Use suggestion: tick the suggested patterns"),
            ("Alt+underlined letter", "Open an intake group (or the pain map) at its first box"),
            ("A line's first letters", "Jump to it in the open group; the same letter again: the next"),
            ("Up, Down; Left, Right", "The next or previous line; a zone's left or right box"),
            ("Space", "Tick or untick the box"),
            ("F2, Enter", "Change the selected plan point's technique"),
            ("Delete", "Remove the selected plan point"),
        ]

    def has_unsaved_changes(self) -> bool:
        return self.session.has_unsaved_changes()

    def maybe_save(self) -> bool:
        return self.files.maybe_save()

    def update_title(self) -> None:
        path, dirty = self.session.path, self.session.has_unsaved_changes()
        self.statusMessage.emit(f"{path.name if path else 'unsaved plan'}{' (changed)' if dirty else ''}")
        self.caseChanged.emit(self.session.plan.case_label, dirty)

    def set_dark(self, dark: bool) -> None:
        self.diagram.set_theme(dark)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        # In a narrow window (half a 1920 screen) the checklist and the pain map keep their least
        # width and the plan table takes the rest, so its safety column is not squeezed.
        if event.size().width() < NARROW_BELOW and self.splitter.count() == 3:
            least = INTAKE_MIN_WIDTH + MIDDLE_MIN_WIDTH + 2 * self.splitter.handleWidth()
            plan_width = max(self.splitter.width() - least, 0)
            self.splitter.setSizes([INTAKE_MIN_WIDTH, MIDDLE_MIN_WIDTH, plan_width])

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.intake.first_box().setFocus()
