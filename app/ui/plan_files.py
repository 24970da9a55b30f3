"""File > New, Open, Recent, Save and Save as for an intake session: the dialogs, the recent list, errors.

The session (``app.domain.intake_session``) reads and writes the file; this
object only asks the user where, remembers recent files (typed settings) and
shows what went wrong, naming the file, line and field.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QObject, QStandardPaths, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox, QWidget

from app.domain.errors import DataFileError
from app.domain.file_names import proposed_name
from app.domain.intake_session import IntakeSession
from app.domain.plan_file import SUFFIX
from app.domain.settings import Setting
from app.ui.errors import show_error
from app.ui.red_flag_gate import confirm_red_flags
from app.ui.settings_store import Settings

PLAN_FILTER = f"Yaotong plans (*{SUFFIX});;All files (*)"


def file_folder(settings: Settings) -> Path:
    """Where the dialogs open: the folder of the last plan or PDF, else the documents folder."""
    saved = settings[Setting.FILE_FOLDER]
    if saved and Path(saved).is_dir():
        return Path(saved)
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(documents) if documents else Path.home()


def remember_folder(settings: Settings, path: Path) -> None:
    settings[Setting.FILE_FOLDER] = str(Path(path).parent)


def os_error_words(exc: OSError) -> str:
    """What an operating-system error means to the person at the desk."""
    words = {
        13: "Yaotong may not write there (the folder or file is read-only, or belongs to someone else).",
        28: "The disk is full.",
        2: "The file or its folder does not exist (any more).",
        21: "That is a folder, not a file.",
        30: "The disk is read-only.",
    }
    return words.get(exc.errno or 0, "The system refused it.")


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
        self.new_action = make_action(owner, "&New plan", "Ctrl+N")
        self.open_action = make_action(owner, "&Open plan…", "Ctrl+O")
        self.save_action = make_action(owner, "&Save plan", "Ctrl+S")
        self.save_as_action = make_action(owner, "Save plan &as…", "Ctrl+Shift+S")
        self.recent_menu = QMenu("&Recent plans", owner)
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
        proposed = file_folder(self.settings) / proposed_name(
            self.session.plan.case_label, date.today(), "", SUFFIX
        )
        name, _ = QFileDialog.getSaveFileName(self.owner, "Save plan", str(current or proposed), PLAN_FILTER)
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
            self._error("The plan was not saved", os_error_words(exc), f"{path}: {exc.strerror or exc}")
            return False
        except DataFileError as exc:
            self._error("The plan was not saved", exc.summary(), str(exc))
            return False
        self._remember(saved)
        remember_folder(self.settings, saved)
        return True

    def open_dialog(self) -> None:
        if not self.maybe_save():
            return
        name, _ = QFileDialog.getOpenFileName(
            self.owner, "Open plan", str(file_folder(self.settings)), PLAN_FILTER
        )
        if name:
            self.open_file(Path(name), ask=False)

    def open_file(self, path: Path, ask: bool = True) -> bool:
        """Open a plan; on any problem show it (file, line, field) and keep the current plan."""
        if ask and not self.maybe_save():
            return False
        title = f"Could not open {Path(path).name}"
        still_open = "The plan you had open is still open."
        try:
            notes = self.session.open(Path(path))
        except DataFileError as exc:
            self._error(title, f"{exc.summary()} {still_open}", str(exc))
            return False
        except OSError as exc:
            self._error(title, f"{os_error_words(exc)} {still_open}", f"{path}: {exc.strerror or exc}")
            return False
        except Exception as exc:  # the plan could not be shown: the session went back to the previous one
            self._error(title, f"This plan could not be shown. {still_open}", f"{path}: {exc!r}")
            return False
        self._remember(Path(path))
        remember_folder(self.settings, Path(path))
        for note in notes:
            self.statusMessage.emit(note)
        return True

    def _error(self, title: str, details: str, technical: str = "") -> None:
        self.last_error = "\n".join(x for x in (details, technical) if x)
        show_error(self.owner, title, details, name="planError", technical=technical)
