"""Keyboard help for long check lists: Alt+letter mnemonics that never collide, and type-ahead.

A practitioner at the desk runs the intake by keyboard: Alt+letter opens a group and focuses its
first box, typing the start of a line jumps to it (the same letter again cycles through the lines
that start with it), the arrow keys step through the boxes and Space ticks.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence

from PySide6.QtCore import QElapsedTimer, QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractButton, QGroupBox, QLabel, QTabBar, QWidget

# The menu bar's Alt letters (File, Patterns, View, Help): a mnemonic elsewhere must not take one.
MENU_LETTERS = frozenset("FPVH")
TYPE_AHEAD_PAUSE_MS = 1000  # after this long without a key, typing starts a new search
_MNEMONIC = re.compile(r"&([^&\s])")


def mnemonic_letter(text: str) -> str | None:
    """The Alt letter a text marks with ``&`` (``&&`` is a literal ampersand), upper case."""
    match = _MNEMONIC.search(text.replace("&&", ""))
    return match.group(1).upper() if match else None


def widget_mnemonics(widget: QWidget) -> set[str]:
    """The Alt letters a widget answers to: a button's, a group box's, a tab bar's, a buddy label's."""
    if isinstance(widget, QAbstractButton):
        texts = [widget.text()]
    elif isinstance(widget, QGroupBox):
        texts = [widget.title()]
    elif isinstance(widget, QLabel) and widget.buddy() is not None:
        texts = [widget.text()]
    elif isinstance(widget, QTabBar):
        texts = [widget.tabText(i) for i in range(widget.count())]
    else:
        texts = []
    return {letter for t in texts if (letter := mnemonic_letter(t))}


def _kind(event: QEvent) -> QEvent.Type | None:
    """The event's type; None for an event whose C++ side is already gone (a filter sees events
    sent while a window is being torn down, e.g. when a style sheet is set on the application)."""
    try:
        return event.type()
    except RuntimeError:
        return None


def _candidates(title: str) -> list[int]:
    """Positions worth marking in a title: word starts first, then the other letters."""
    starts = [m.start() for m in re.finditer(r"\b[A-Za-z]", title)]
    rest = [i for i, ch in enumerate(title) if ch.isalpha() and i not in starts]
    return starts + rest


def assign_mnemonics(titles: Sequence[str], taken: Iterable[str]) -> list[str]:
    """Each title with an ``&`` before a letter no other title and nothing in ``taken`` uses.

    A matching of titles to letters (augmenting paths), so every title gets a letter whenever
    one exists; each prefers the start of a word. A title left without a free letter stays
    unmarked (reachable by Tab) rather than sharing one, since a shared Alt letter only cycles.
    """
    used = {t.upper() for t in taken}
    options = [
        list(dict.fromkeys(t[i].upper() for i in _candidates(t) if t[i].upper() not in used)) for t in titles
    ]
    owner: dict[str, int] = {}

    def place(index: int, seen: set[str]) -> bool:
        for letter in options[index]:
            if letter in seen:
                continue
            seen.add(letter)
            if letter not in owner or place(owner[letter], seen):
                owner[letter] = index
                return True
        return False

    for index in range(len(titles)):
        place(index, set())
    result = [t.replace("&", "&&") for t in titles]
    for letter, index in owner.items():
        title = titles[index]
        pos = next(i for i in _candidates(title) if title[i].upper() == letter)
        result[index] = title[:pos].replace("&", "&&") + "&" + title[pos:].replace("&", "&&")
    return result


class TypeAhead(QObject):
    """Typing the start of a line moves the focus to it; Up and Down step through the lines.

    ``rows`` are (widgets, text) pairs in screen order: usually one check box a line; a line with
    a left and a right box has two, and Left and Right move between them. A key with Ctrl, Alt
    or Meta, and Space, Tab and Enter are left to the box (Space ticks it).
    """

    def __init__(self, rows: Sequence[tuple[Sequence[QWidget], str]], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows = [(tuple(widgets), text) for widgets, text in rows if widgets]
        self._typed = ""
        self._clock = QElapsedTimer()
        for widgets, _text in self.rows:
            for widget in widgets:
                widget.installEventFilter(self)

    def _where(self, watched: QObject) -> tuple[int, int]:
        for row, (widgets, _text) in enumerate(self.rows):
            for column, widget in enumerate(widgets):
                if widget is watched:
                    return row, column
        return -1, -1

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if _kind(event) != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        row, column = self._where(watched)
        if row < 0:
            return False
        if event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier & ~Qt.KeyboardModifier.ShiftModifier:
            return False
        key = event.key()
        if key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
            self._typed = ""
            self._focus((row + (1 if key == Qt.Key.Key_Down else -1)) % len(self.rows), column)
            return True
        if key in (Qt.Key.Key_Left, Qt.Key.Key_Right) and len(self.rows[row][0]) > 1:
            self._typed = ""
            self._focus(row, column + (1 if key == Qt.Key.Key_Right else -1))
            return True
        text = event.text()
        if not text or not text.isprintable() or text.isspace():
            self._typed = ""  # Space ticks the box; the next letter starts a new search
            return False
        return self._search(row, text.casefold())

    def _search(self, current: int, char: str) -> bool:
        fresh = not self._typed or not self._clock.isValid() or self._clock.elapsed() > TYPE_AHEAD_PAUSE_MS
        self._clock.restart()
        typed = char if fresh else self._typed + char
        # The same letter again cycles through the lines starting with it, as in a list view.
        prefix = char if set(typed) == {char} else typed
        self._typed = typed
        count = len(self.rows)
        start = current + 1 if len(prefix) == 1 else current
        for offset in range(count):
            i = (start + offset) % count
            if self.rows[i][1].casefold().startswith(prefix):
                self._focus(i, 0)
                return True
        return True  # no line starts so: stay (and swallow the key: a check box ignores letters)

    def _focus(self, row: int, column: int) -> None:
        widgets = self.rows[row][0]
        widget = widgets[max(0, min(column, len(widgets) - 1))]
        widget.setFocus(Qt.FocusReason.ShortcutFocusReason)
        parent = widget.parentWidget()
        while parent is not None:  # a long page scrolls to the line
            ensure = getattr(parent, "ensureWidgetVisible", None)
            if callable(ensure):
                ensure(widget)
                break
            parent = parent.parentWidget()


class FocusOnShortcut(QObject):
    """When a title's Alt letter fires, open what it titles (a button is clicked) and put the focus
    on its first box, not on the title. ``target`` may be a function giving the box once the click
    has opened what holds it (a page whose boxes are made when it is first opened)."""

    def __init__(self, title: QWidget, target: QWidget | Callable[[], QWidget]) -> None:
        super().__init__(title)
        self.target = target
        title.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if _kind(event) != QEvent.Type.Shortcut:
            return False
        if isinstance(watched, QAbstractButton):
            watched.click()
        target = self.target if isinstance(self.target, QWidget) else self.target()
        target.setFocus(Qt.FocusReason.ShortcutFocusReason)
        return True
