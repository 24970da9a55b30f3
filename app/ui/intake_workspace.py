"""The "Intake & plan" workspace: checklist -> suggestion -> pain map -> safety-checked plan -> PDF/print.

Left: the intake checklist (red flags, signs, patient factors). Middle: the
suggestion (ranked patterns with reasons; the practitioner ticks the patterns
to use) and the back-view pain map (diagram zones, mirrored by checkboxes for
the keyboard). Right: the plan builder. A red-flag banner spans the top while any
red flag is checked, until the practitioner clears it.

For the main window: ``has_unsaved_changes()``, ``maybe_save()``,
``file_actions()``, ``set_dark(dark)``; ``add_point(code)`` adds a point from
any other panel.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QFrame,
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
from app.domain.errors import DataFileError
from app.domain.models import Catalog
from app.domain.plan_file import SUFFIX, load_plan, save_plan
from app.ui.body_diagram import BodyDiagram
from app.ui.diagram_items import MarkerItem
from app.ui.intake_panel import IntakePanel, check_row
from app.ui.plain import plain_label, plain_tooltip
from app.ui.plan_export import aftercare_handout, export_handout, export_treatment_sheet, print_document
from app.ui.plan_export import treatment_sheet as sheet_document
from app.ui.plan_panel import PlanPanel

if TYPE_CHECKING:  # QtPrintSupport loads only when printing: start-up stays lean
    from PySide6.QtPrintSupport import QPrinter

RECENT_KEY = "intake/recent_plans"
MAX_RECENT = 8
PLAN_FILTER = f"Yaotong plans (*{SUFFIX});;All files (*)"


class IntakeWorkspace(QWidget):
    statusMessage = Signal(str)

    def __init__(
        self, catalog: Catalog, parent: QWidget | None = None, settings: QSettings | None = None
    ) -> None:
        super().__init__(parent)
        self.catalog = catalog
        parent_settings = getattr(parent, "settings", None)
        self.settings = settings or (
            parent_settings if isinstance(parent_settings, QSettings) else QSettings()
        )
        self.path: Path | None = None
        self._printer: QPrinter | None = None
        self.dirty = False
        # Red flags stand from the moment one is ticked until the practitioner clears it with a
        # confirmation (the banner button, or unticking its box and confirming).
        self.standing_flags: tuple[str, ...] = ()
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
        sug_layout.addWidget(self.suggestion)
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
        self.use_suggestion_button = QPushButton("&Use suggestion", suggestion_box)
        self.use_suggestion_button.setToolTip("Tick the suggested chief (and secondary) pattern")
        self.use_suggestion_button.clicked.connect(self.use_suggestion)
        sug_layout.addWidget(self.use_suggestion_button, 0, Qt.AlignmentFlag.AlignLeft)
        sug_layout.addWidget(plain_label(intake.SUGGESTION_NOTE, suggestion_box, name="suggestionNote"))
        self.suggestion_scroll = QScrollArea(middle)
        self.suggestion_scroll.setWidgetResizable(True)
        self.suggestion_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.suggestion_scroll.setWidget(suggestion_box)
        mid_layout.addWidget(self.suggestion_scroll, 3)

        pain_box = QGroupBox("Pain map: where does it hurt?", middle)
        pain_layout = QHBoxLayout(pain_box)
        self.diagram = BodyDiagram(catalog, pain_box)
        self.diagram.set_zone_mode(True)
        self.diagram.set_labels_visible(False)
        self.diagram.zoneToggled.connect(self._zone_toggled)
        self.diagram.pointClicked.connect(self._point_clicked)
        self.diagram.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.diagram.customContextMenuRequested.connect(self._diagram_menu)
        pain_layout.addWidget(self.diagram, 3)
        zone_column = QVBoxLayout()
        self.zone_boxes: dict[str, QCheckBox] = {}
        for zid, zone in catalog.zones.items():
            line, box = check_row(zone.name, pain_box, f"zone:{zid}")
            channel = catalog.channels[zone.channel].name
            line.setToolTip(plain_tooltip(f"{channel}: {zone.reason.text}"))
            box.toggled.connect(self._zone_box_toggled)
            zone_column.addWidget(line)
            self.zone_boxes[zid] = box
        zone_column.addStretch(1)
        # The pain map shows only the plan's points; picking any point to add needs them all.
        line, self.pick_points_box = check_row(
            "Pick points on the diagram (hides the zones)", pain_box, "pickPoints"
        )
        line.setToolTip("Click any point marker to add it to the plan; click a plan point to select it")
        self.pick_points_box.toggled.connect(lambda on: self.diagram.set_zone_mode(not on))
        zone_column.addWidget(line)
        pain_layout.addLayout(zone_column, 2)
        mid_layout.addWidget(pain_box, 4)

        self.plan_panel = PlanPanel(catalog, self.splitter)
        self.plan_panel.planChanged.connect(self._plan_changed)
        self.plan_panel.pointSelected.connect(self.diagram.select_point)

        self.splitter.addWidget(self.intake)
        self.splitter.addWidget(middle)
        self.splitter.addWidget(self.plan_panel)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 4)
        self.splitter.setStretchFactor(2, 6)
        self.intake.setMinimumWidth(300)
        middle.setMinimumWidth(380)
        self.plan_panel.setMinimumWidth(520)
        self.splitter.setSizes([320, 430, 600])
        outer.addWidget(self.splitter, 1)

        self._build_actions()
        # Inside the main window (which routes ``statusMessage`` to its status bar), a double-clicked
        # plan row opens the point in the reference workspace.
        show_point = getattr(parent, "showPointRequested", None)
        if show_point is not None:
            self.plan_panel.table.cellDoubleClicked.connect(
                lambda row, _col: show_point.emit(
                    self.plan_panel.table.item(row, 0).data(Qt.ItemDataRole.UserRole)
                )
            )
        self._intake_changed()
        self.dirty = False

    # --- intake -> suggestion -> plan ------------------------------------------------------------
    def _intake_changed(self) -> None:
        result = intake.differentiate(self.catalog, self.intake.signs())
        self.suggestion.setText(intake.suggestion_text(self.catalog, result))
        for score in result.ranked:
            tag = ""
            if score.pattern_id == result.chief:
                tag = " — suggested chief"
            elif score.pattern_id == result.secondary:
                tag = " — suggested secondary"
            self.pattern_boxes[score.pattern_id].setText(
                f"{score.name}{tag}  ({score.score:g} of {score.max_score:g})"
            )
            matched = ", ".join(s.text for s in score.matched) or "none"
            missing = ", ".join(s.text for s in score.missing_key) or "none"
            self.reason_labels[score.pattern_id].setText(f"Matched: {matched}\nMissing key signs: {missing}")
        self.last_result = result
        for score in result.ranked:  # removing and re-adding a widget moves it to the end
            self.ranked_layout.removeWidget(self.pattern_rows[score.pattern_id])
            self.ranked_layout.addWidget(self.pattern_rows[score.pattern_id])
        checked = set(self.intake.red_flags())
        unticked = [f for f in self.standing_flags if f not in checked]
        self.standing_flags = tuple(
            f for f in self.catalog.red_flags if f in checked or f in self.standing_flags
        )
        if unticked:
            # Unticking never clears a flag by itself: the box is ticked again at once and the
            # practitioner is asked to confirm (after this slot returns).
            self.intake.set_red_flags(self.standing_flags)
            QTimer.singleShot(0, lambda ids=tuple(unticked): self._ask_clear(ids))
            return
        flags = intake.red_flags(self.catalog, self.standing_flags)
        self.banner_label.setText(intake.red_flag_banner(flags))
        self.banner.setVisible(bool(flags))
        self.plan_panel.update_intake(
            factors=self.intake.factors(),
            red_flags=self.standing_flags,
            signs=self.intake.signs(),
            age=self.intake.age(),
        )

    def use_suggestion(self) -> None:
        """Tick the suggested chief (and secondary) pattern; the practitioner can change it."""
        chosen = set(self.last_result.suggested())
        for pid, box in self.pattern_boxes.items():
            box.setChecked(pid in chosen)

    def chosen_patterns(self) -> tuple[str, ...]:
        return tuple(p for p, b in self.pattern_boxes.items() if b.isChecked())

    def _choice_changed(self) -> None:
        self.plan_panel.update_intake(patterns=self.chosen_patterns())

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
        zones = tuple(z for z in self.catalog.zones if z in self.diagram.zones())
        self.plan_panel.update_intake(zones=zones)

    def _point_clicked(self, code: str) -> None:
        if self.plan_panel.plan.point(code) is None:
            self.add_point(code)
        else:
            self.plan_panel.select_code(code)

    def add_point(self, code: str) -> None:
        if self.plan_panel.add_point(code):
            self.statusMessage.emit(f"Added {code} to the plan")

    def _confirm_clear(self, ids: tuple[str, ...]) -> bool:
        labels = "\n".join(f"• {self.catalog.red_flags[i].label}" for i in ids)
        box = QMessageBox(
            QMessageBox.Icon.Question,
            "Clear red flags?",
            f"{labels}\n\nClear the red flags only when the patient has been assessed, or the flag was "
            "checked in error.",
            parent=self,
        )
        box.setTextFormat(Qt.TextFormat.PlainText)
        clear = box.addButton("Clear red flags", QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        return box.clickedButton() is clear

    def clear_red_flags(self) -> None:
        """The banner's button: clear every standing red flag, after a confirmation."""
        if self.standing_flags and self._confirm_clear(self.standing_flags):
            self.standing_flags = ()
            self.intake.clear_red_flags()

    def _ask_clear(self, ids: tuple[str, ...]) -> None:
        """A standing red flag's box was unticked: clear just those flags if the practitioner confirms."""
        ids = tuple(i for i in ids if i in self.standing_flags)
        if ids and self._confirm_clear(ids):
            self.standing_flags = tuple(f for f in self.standing_flags if f not in ids)
            self.intake.set_red_flags(self.standing_flags)

    def _diagram_menu(self, pos: QPoint) -> None:
        """Right-click (or the menu key) on a point marker: add it to the plan or remove it."""
        code = next(
            (i.code for i in self.diagram.items(pos) if isinstance(i, MarkerItem) and i.isVisible()), None
        )
        if code is None:
            return
        menu = QMenu(self)
        if self.plan_panel.plan.point(code) is None:
            menu.addAction(f"Add {code} to the plan", lambda: self.add_point(code))
        else:
            menu.addAction(f"Remove {code} from the plan", lambda: self.remove_point(code))
        menu.popup(self.diagram.viewport().mapToGlobal(pos))
        self._diagram_context_menu = menu

    def remove_point(self, code: str) -> None:
        if self.plan_panel.plan.point(code) is not None:
            self.plan_panel.remove_point(code)
            self.statusMessage.emit(f"Removed {code} from the plan")

    def _plan_changed(self) -> None:
        plan = self.plan_panel.plan
        self.diagram.highlight({p.code: "plan" for p in plan.included_points()})
        self.dirty = True
        self._update_title()

    # --- files ------------------------------------------------------------------------------------
    def _build_actions(self) -> None:
        def action(text: str, slot, keys: str | QKeySequence.StandardKey | None = None) -> QAction:
            a = QAction(text, self)
            if keys is not None:
                a.setShortcut(QKeySequence(keys))
            a.triggered.connect(lambda _=False: slot())
            self.addAction(a)
            return a

        self.new_action = action("New plan", self.new_plan)
        self.open_action = action("Open plan…", self.open_dialog, "Ctrl+O")
        self.save_action = action("Save plan", self.save, "Ctrl+S")
        self.save_as_action = action("Save plan as…", self.save_as, "Ctrl+Shift+S")
        self.recent_menu = QMenu("Recent plans", self)
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        self.export_action = action("Export treatment sheet (PDF)…", self.export_sheet_dialog, "Ctrl+E")
        self.handout_action = action(
            "Export aftercare handout (PDF)…", self.export_handout_dialog, "Ctrl+Shift+E"
        )
        self.print_action = action("Print treatment sheet…", self.print_sheet, "Ctrl+P")
        self.print_handout_action = action("Print aftercare handout…", self.print_handout)

    def file_actions(self) -> list[QAction]:
        separator = QAction(self)
        separator.setSeparator(True)
        return [
            self.new_action,
            self.open_action,
            self.recent_menu.menuAction(),
            self.save_action,
            self.save_as_action,
            separator,
            self.export_action,
            self.handout_action,
            self.print_action,
            self.print_handout_action,
        ]

    def recent_files(self) -> list[str]:
        value = self.settings.value(RECENT_KEY, [])
        if isinstance(value, str):
            value = [value]
        return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []

    def _remember(self, path: Path) -> None:
        recent = [str(path), *(p for p in self.recent_files() if p != str(path))][:MAX_RECENT]
        self.settings.setValue(RECENT_KEY, recent)

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        for name in self.recent_files():
            a = self.recent_menu.addAction(name)
            a.triggered.connect(lambda _=False, n=name: self.open_file(Path(n)))
        if self.recent_menu.isEmpty():
            self.recent_menu.addAction("(none)").setEnabled(False)

    def _update_title(self) -> None:
        name = self.path.name if self.path else "unsaved plan"
        self.statusMessage.emit(f"{name}{' (changed)' if self.dirty else ''}")

    def has_unsaved_changes(self) -> bool:
        """Changed since the last save or open, and holding anything worth keeping (notes typed
        before any point is chosen count too)."""
        p = self.plan_panel.plan
        worth = (
            p.points,
            p.patterns,
            p.zones,
            p.case_label,
            p.notes.strip(),
            p.signs,
            p.factors,
            p.red_flags,
        )
        return self.dirty and (any(worth) or p.age is not None)

    def maybe_save(self) -> bool:
        """Ask about unsaved changes; False means "cancel what you were doing"."""
        if not self.has_unsaved_changes():
            return True
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            "Unsaved plan",
            "The plan has unsaved changes. Save them?",
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setTextFormat(Qt.TextFormat.PlainText)
        answer = box.exec()
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        return answer == QMessageBox.StandardButton.Discard

    def new_plan(self) -> None:
        if not self.maybe_save():
            return
        self.path = None
        self.standing_flags = ()
        self._show_plan_state((), (), (), (), ())
        from app.domain.plan import build_plan

        self.plan_panel.set_plan(build_plan(self.catalog, patterns=(), zones=()))
        self.dirty = False
        self._update_title()

    def _show_plan_state(self, signs, factors, flags, patterns, zones, age=None) -> None:
        for box in self.pattern_boxes.values():
            box.blockSignals(True)
        for pid, box in self.pattern_boxes.items():
            box.setChecked(pid in patterns)
        for box in self.pattern_boxes.values():
            box.blockSignals(False)
        self.diagram.set_zones(zones)
        self._sync_zone_boxes(set(zones))
        self.standing_flags = tuple(flags)
        self.intake.set_checked(signs, factors, flags, age)

    def save(self) -> bool:
        if self.path is None:
            return self.save_as()
        return self.save_to(self.path)

    def save_as(self) -> bool:
        name, _ = QFileDialog.getSaveFileName(
            self, "Save plan", str(self.path or f"plan{SUFFIX}"), PLAN_FILTER
        )
        if not name:
            return False
        path = Path(name)
        if not path.suffix:
            path = path.with_suffix(SUFFIX)
        return self.save_to(path)

    def save_to(self, path: Path) -> bool:
        try:
            save_plan(self.plan_panel.plan, path)
        except OSError as exc:
            self._error("The plan was not saved", f"{path}: {exc.strerror or exc}")
            return False
        self.path = Path(path)
        self.dirty = False
        self._remember(self.path)
        self._update_title()
        return True

    def open_dialog(self) -> None:
        if not self.maybe_save():
            return
        name, _ = QFileDialog.getOpenFileName(self, "Open plan", "", PLAN_FILTER)
        if name:
            self.open_file(Path(name), ask=False)

    def open_file(self, path: Path, ask: bool = True) -> bool:
        """Open a plan; on any problem show it (file, line, field) and keep the current plan."""
        if ask and not self.maybe_save():
            return False
        try:
            plan = load_plan(self.catalog, path)
        except DataFileError as exc:
            self._error(f"Could not open {Path(path).name}", str(exc))
            return False
        except OSError as exc:
            self._error(f"Could not open {Path(path).name}", f"{path}: {exc.strerror or exc}")
            return False
        self._show_plan_state(plan.signs, plan.factors, plan.red_flags, plan.patterns, plan.zones, plan.age)
        self.plan_panel.set_plan(plan)
        self.diagram.highlight({p.code: "plan" for p in plan.included_points()})
        self.path = Path(path)
        self.dirty = False
        self._remember(self.path)
        self._update_title()
        return True

    def _error(self, title: str, details: str) -> QMessageBox:
        previous = getattr(self, "_error_box", None)
        if previous is not None:
            previous.close()
        box = QMessageBox(QMessageBox.Icon.Warning, title, title, QMessageBox.StandardButton.Close, self)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._error_box = box
        box.destroyed.connect(lambda *_: setattr(self, "_error_box", None))
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setInformativeText(details)
        box.setObjectName("planError")
        self.last_error = details
        box.open()
        return box

    # --- exports ----------------------------------------------------------------------------------
    def _pdf_name(self, title: str, stem: str) -> Path | None:
        base = self.path.with_name(f"{self.path.stem}-{stem}.pdf") if self.path else Path(f"{stem}.pdf")
        name, _ = QFileDialog.getSaveFileName(self, title, str(base), "PDF (*.pdf)")
        return Path(name) if name else None

    def export_sheet(self, path: Path) -> Path:
        return export_treatment_sheet(self.catalog, self.plan_panel.plan, path)

    def export_handout(self, path: Path) -> Path:
        return export_handout(self.catalog, self.plan_panel.plan, path)

    def export_sheet_dialog(self) -> None:
        path = self._pdf_name("Export treatment sheet", "treatment-sheet")
        if path:
            self.statusMessage.emit(f"Wrote {self.export_sheet(path)}")

    def export_handout_dialog(self) -> None:
        path = self._pdf_name("Export aftercare handout", "aftercare")
        if path:
            self.statusMessage.emit(f"Wrote {self.export_handout(path)}")

    @property
    def printer(self) -> QPrinter:
        """One printer for the session, so the dialog remembers the last choices."""
        if self._printer is None:
            from PySide6.QtPrintSupport import QPrinter

            self._printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        return self._printer

    def print_sheet(self) -> bool:
        return print_document(sheet_document(self.catalog, self.plan_panel.plan), self, self.printer)

    def print_handout(self) -> bool:
        return print_document(aftercare_handout(self.catalog, self.plan_panel.plan), self, self.printer)

    # --- window hooks -----------------------------------------------------------------------------
    def set_dark(self, dark: bool) -> None:
        self.diagram.set_theme(dark)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.intake.first_box().setFocus()
