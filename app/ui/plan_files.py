"""File > New, Open, Recent, Save and Save as for an intake session: the dialogs, the recent list, errors.

The session (``app.domain.intake_session``) reads and writes the file; this
object only asks the user where, remembers recent files (typed settings) and
shows what went wrong, naming the file, line and field.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox, QWidget

from app.domain.errors import DataFileError
from app.domain.intake_session import IntakeSession
from app.domain.plan_file import SUFFIX
from app.domain.settings import Setting
from app.ui.errors import show_error
from app.ui.red_flag_gate import confirm_red_flags
from app.ui.settings_store import Settings

PLAN_FILTER = f"Yaotong plans (*{SUFFIX});;All files (*)"


def make_action(owner: QWidget, text: str, keys: str | None = None) -> QAction:
    action = QAction(text, owner)
    if keys is not None:
        action.setShortcut(QKeySequence(keys))
    owner.addAction(action)
    return action


class PlanFiles(QObject):
    statusMessage = Signal(str)

    def __init__(self, session: IntakeSession, owner: QWidget, settings: Settings) -> None:
        super().__init__(owner)
        self.session = session
        self.owner = owner
        self.settings = settings
        self.last_error = ""
        self.new_action = make_action(owner, "New plan")
        self.open_action = make_action(owner, "Open plan…", "Ctrl+O")
        self.save_action = make_action(owner, "Save plan", "Ctrl+S")
        self.save_as_action = make_action(owner, "Save plan as…", "Ctrl+Shift+S")
        self.recent_menu = QMenu("Recent plans", owner)
        self.new_action.triggered.connect(lambda _=False: self.new_plan())
        self.open_action.triggered.connect(lambda _=False: self.open_dialog())
        self.save_action.triggered.connect(lambda _=False: self.save())
        self.save_as_action.triggered.connect(lambda _=False: self.save_as())
        self.recent_menu.aboutToShow.connect(self._fill_recent)

    def actions(self) -> list[QAction]:
        return [
            self.new_action,
            self.open_action,
            self.recent_menu.menuAction(),
            self.save_action,
            self.save_as_action,
        ]

    # -- recent files -------------------------------------------------------------------------------------

    def recent_files(self) -> list[str]:
        recent: tuple[str, ...] = self.settings[Setting.RECENT_PLANS]
        return list(recent)

    def _remember(self, path: Path) -> None:
        recent = (str(path), *(p for p in self.recent_files() if p != str(path)))
        self.settings[Setting.RECENT_PLANS] = recent[: Setting.RECENT_PLANS.max_items]

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        for name in self.recent_files():
            action = self.recent_menu.addAction(name)
            action.triggered.connect(lambda _=False, n=name: self.open_file(Path(n)))
        if self.recent_menu.isEmpty():
            self.recent_menu.addAction("(none)").setEnabled(False)

    # -- the commands -------------------------------------------------------------------------------------

    def maybe_save(self) -> bool:
        """Ask about unsaved changes; False means "cancel what you were doing"."""
        if not self.session.has_unsaved_changes():
            return True
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            "Unsaved plan",
            "The plan has unsaved changes. Save them?",
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
            self.owner,
        )
        answer = box.exec()
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        return answer == QMessageBox.StandardButton.Discard

    def new_plan(self) -> None:
        if self.maybe_save():
            self.session.new()

    def save(self) -> bool:
        if self.session.path is None:
            return self.save_as()
        return self.save_to(self.session.path)

    def save_as(self) -> bool:
        current = self.session.path
        name, _ = QFileDialog.getSaveFileName(
            self.owner, "Save plan", str(current or f"plan{SUFFIX}"), PLAN_FILTER
        )
        if not name:
            return False
        path = Path(name)
        return self.save_to(path if path.suffix else path.with_suffix(SUFFIX))

    def save_to(self, path: Path) -> bool:
        if not confirm_red_flags(self.owner, self.session):
            return False
        try:
            saved = self.session.save(Path(path))
        except OSError as exc:
            self._error("The plan was not saved", f"{path}: {exc.strerror or exc}")
            return False
        except DataFileError as exc:
            self._error("The plan was not saved", str(exc))
            return False
        self._remember(saved)
        return True

    def open_dialog(self) -> None:
        if not self.maybe_save():
            return
        name, _ = QFileDialog.getOpenFileName(self.owner, "Open plan", "", PLAN_FILTER)
        if name:
            self.open_file(Path(name), ask=False)

    def open_file(self, path: Path, ask: bool = True) -> bool:
        """Open a plan; on any problem show it (file, line, field) and keep the current plan."""
        if ask and not self.maybe_save():
            return False
        try:
            notes = self.session.open(Path(path))
        except DataFileError as exc:
            self._error(f"Could not open {Path(path).name}", str(exc))
            return False
        except OSError as exc:
            self._error(f"Could not open {Path(path).name}", f"{path}: {exc.strerror or exc}")
            return False
        except Exception as exc:  # the plan could not be shown: the session went back to the previous one
            self._error(f"Could not open {Path(path).name}", f"{path}: this plan could not be shown ({exc})")
            return False
        self._remember(Path(path))
        for note in notes:
            self.statusMessage.emit(note)
        return True

    def _error(self, title: str, details: str) -> None:
        self.last_error = details
        show_error(self.owner, title, details, name="planError")
