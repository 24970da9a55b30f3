"""The answer area of each question type: multiple choice, flashcard, locate.

Each panel only shows and collects; the study workspace owns the session, the
schedule and the keyboard (Space flips, 1-4 answer, Enter goes on). All text
from the catalog is shown as plain text.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QPointF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QPainterPath, QPen
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsPathItem,
    QHBoxLayout,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from app.domain.decks import Card
from app.domain.locate import CLOSE_CUN, CORRECT_CUN
from app.domain.schedule import Grade
from app.ui.plain import plain_label


class AnswerButton(QPushButton):
    """A button whose (possibly long) text wraps: a key badge and a plain-text label."""

    def __init__(self, key: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key = key
        self.setObjectName("studyAnswer")
        self.setAccessibleName(f"Answer {key}")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        self.badge = plain_label(str(key), wrap=False, name="studyKeyBadge")
        self.badge.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.body = plain_label()
        self.body.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.mark = plain_label(wrap=False, name="studyAnswerMark")
        self.mark.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        layout.addWidget(self.badge)
        layout.addWidget(self.body, 1)
        layout.addWidget(self.mark)

    def set_text(self, text: str) -> None:
        self.body.setText(text)
        self.mark.clear()
        self.setProperty("verdict", "")
        self.setAccessibleName(f"Answer {self.key}: {text}")
        self._restyle()
        self.updateGeometry()

    def set_verdict(self, verdict: str, mark: str) -> None:
        """'right' or 'wrong' (styled by the theme) and a word, never colour alone."""
        self.setProperty("verdict", verdict)
        self.mark.setText(mark)
        self.setAccessibleName(f"{self.accessibleName()} ({mark})")
        self._restyle()

    def _restyle(self) -> None:
        self.style().unpolish(self)
        self.style().polish(self)

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        layout = self.layout()
        if layout is not None:
            hint.setHeight(max(hint.height(), layout.sizeHint().height()))
        return hint

    def minimumSizeHint(self) -> QSize:
        layout = self.layout()
        return layout.minimumSize() if layout is not None else super().minimumSizeHint()


class ChoicePanel(QWidget):
    """Up to four choices; answering marks the right one and the chosen one."""

    chosen = Signal(int)  # index into the card's choices

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.buttons = [AnswerButton(i + 1) for i in range(4)]
        for i, button in enumerate(self.buttons):
            layout.addWidget(button)
            button.clicked.connect(lambda _c=False, i=i: self.choose(i))
        layout.addStretch(1)
        self._card: Card | None = None
        self.answered = False

    def show_card(self, card: Card) -> None:
        self._card = card
        self.answered = False
        choices = card.choices  # drawn on each reading
        for i, button in enumerate(self.buttons):
            visible = i < len(choices)
            button.setVisible(visible)
            button.setEnabled(visible)
            if visible:
                button.set_text(choices[i])

    def choose(self, index: int) -> None:
        if self._card is None or self.answered or not 0 <= index < len(self._card.choices):
            return
        self.answered = True
        correct = self._card.correct_index
        for i, button in enumerate(self.buttons[: len(self._card.choices)]):
            if i == correct:
                button.set_verdict("right", "✓ correct answer" if i != index else "✓ your answer, correct")
            elif i == index:
                button.set_verdict("wrong", "✗ your answer")
        self.chosen.emit(index)


class FlashcardPanel(QWidget):
    """Think of the answer, flip it (Space), then grade yourself (1-4)."""

    flipped = Signal()
    graded = Signal(object)  # Grade

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.flip_button = QPushButton("Show answer  (Space)")
        self.flip_button.setAccessibleName("Show answer")
        self.flip_button.clicked.connect(self.flip)
        self.hint = plain_label("Recall the answer, then show it and grade how well you knew it.")
        self.back = plain_label(name="studyFlashcardBack")
        self.back.setAccessibleName("Answer")
        self.back.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.back.setContentsMargins(10, 8, 10, 8)
        self.grade_caption = plain_label("How well did you know it? Press 1-4.")
        self.grade_row = QWidget()
        row = QHBoxLayout(self.grade_row)
        row.setContentsMargins(0, 0, 0, 0)
        self.grade_buttons: dict[Grade, AnswerButton] = {}
        for grade in Grade:
            button = AnswerButton(int(grade))
            button.clicked.connect(lambda _c=False, g=grade: self.grade(g))
            self.grade_buttons[grade] = button
            row.addWidget(button)
        layout.addWidget(self.hint)
        layout.addWidget(self.flip_button)
        layout.addWidget(self.back)
        layout.addWidget(self.grade_caption)
        layout.addWidget(self.grade_row)
        layout.addStretch(1)
        self.is_flipped = False
        self.answered = False

    def show_card(self, card: Card, intervals: Mapping[Grade, str]) -> None:
        self.is_flipped = False
        self.answered = False
        self.flip_button.setVisible(True)
        self.hint.setVisible(True)
        self.back.setText(card.answer)
        self.back.setVisible(False)
        self.grade_caption.setVisible(False)
        self.grade_row.setVisible(False)
        for grade, button in self.grade_buttons.items():
            button.set_text(f"{grade.label}\n{intervals.get(grade, '')}".strip())
            button.setEnabled(True)

    def flip(self) -> None:
        if self.is_flipped:
            return
        self.is_flipped = True
        self.flip_button.setVisible(False)
        self.hint.setVisible(False)
        self.back.setVisible(True)
        self.grade_caption.setVisible(True)
        self.grade_row.setVisible(True)
        self.flipped.emit()

    def grade(self, grade: Grade) -> None:
        if not self.is_flipped or self.answered:
            return
        self.answered = True
        for g, button in self.grade_buttons.items():
            button.setEnabled(g == grade)
            if g == grade:
                button.set_verdict("chosen", "✓")
        self.graded.emit(grade)


class LocatePanel(QWidget):
    """Click the point on the body diagram; the tolerance is shown up front."""

    give_up = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.instructions = plain_label(
            f"Click on the body diagram where the point is. Scored by distance in cun: within "
            f"{CORRECT_CUN:g} cun is correct, within {CLOSE_CUN:g} cun is close; either side of a bilateral "
            f"point counts."
        )
        self.keyboard = plain_label(
            "Without a mouse: the arrow keys move a cross on the diagram (a quarter cun a step, 2 cun with "
            "Shift), and Enter answers with it."
        )
        self.cross_label = plain_label(name="studyLocateCursor")
        self.cross_label.setAccessibleName("Cross position")
        self.result = plain_label(name="studyLocateResult")
        self.result.setAccessibleName("Locate result")
        self.reveal_button = QPushButton("I don't know: show it  (Enter)")
        self.reveal_button.setAccessibleName("Show the point")
        self.reveal_button.clicked.connect(self.give_up.emit)
        layout.addWidget(self.instructions)
        layout.addWidget(self.keyboard)
        layout.addWidget(self.cross_label)
        layout.addWidget(self.result)
        layout.addWidget(self.reveal_button)
        layout.addStretch(1)
        self.answered = False

    def show_card(self, card: Card) -> None:
        self.answered = False
        self.result.clear()
        self.result.setVisible(False)
        self.cross_label.clear()
        self.cross_label.setVisible(False)
        self.keyboard.setVisible(True)
        self.reveal_button.setVisible(True)

    def show_cursor(self, text: str) -> None:
        self.cross_label.setText(f"Cross: {text}")
        self.cross_label.setVisible(True)

    def show_result(self, text: str) -> None:
        self.answered = True
        self.result.setText(text)
        self.result.setVisible(True)
        self.keyboard.setVisible(False)
        self.reveal_button.setVisible(False)


class LocateCursor(QGraphicsPathItem):
    """The keyboard guess on the diagram: a cross in a ring, the same size at any zoom."""

    COLOR = QColor("#CC79A7")  # Okabe-Ito reddish purple: unlike the diagram's own colours

    def __init__(self) -> None:
        path = QPainterPath()
        path.addEllipse(QPointF(0, 0), 9, 9)
        for a, b in (((-14, 0), (-4, 0)), ((4, 0), (14, 0)), ((0, -14), (0, -4)), ((0, 4), (0, 14))):
            path.moveTo(*a)
            path.lineTo(*b)
        super().__init__(path)
        self.setPen(QPen(self.COLOR, 2.2))
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
        self.setZValue(40)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
