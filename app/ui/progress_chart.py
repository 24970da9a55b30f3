"""The study progress view: cards due, and accuracy over time as a small QPainter chart.

QtCharts is not part of PySide6-Essentials, so the chart is drawn by hand: one
row per group (pattern, region or question type) with the group's accuracy over
the window as a bar, and a sparkline of its accuracy per day beside it. The
same numbers are given as text in the accessible description and tooltip.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QComboBox, QGridLayout, QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from app.domain.progress_store import DayAccuracy
from app.domain.vocabulary import ProgressDimension
from app.ui.plain import plain_label, plain_tooltip

ROW_HEIGHT = 40
AXIS_HEIGHT = 18  # the dates under the day lines
LABEL_SHARE = 0.36  # of the width, for the group names
BAR_SHARE = 0.26
ACCENT = QColor("#0072B2")  # Okabe-Ito blue: readable on light and dark, colour-blind safe


def _summary(days: Sequence[DayAccuracy]) -> tuple[int, int]:
    return sum(d.answered for d in days), sum(d.correct for d in days)


class ProgressChart(QWidget):
    """Accuracy per group over the last days: a bar (whole window) and a sparkline (per day)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[tuple[str, list[DayAccuracy]]] = []
        self.setAccessibleName("Accuracy chart")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_series(self, series: Mapping[str, list[DayAccuracy]], names: Mapping[str, str]) -> None:
        self._rows = [(names.get(key, key), days) for key, days in series.items()]
        lines = []
        for name, days in self._rows:
            answered, correct = _summary(days)
            lines.append(f"{name}: {correct} of {answered} correct ({round(100 * correct / answered)}%)")
        text = "\n".join(lines) or "No answers in this period yet."
        self.setAccessibleDescription(text)
        self.setToolTip(plain_tooltip(text))  # group names come from the catalog: never markup
        self.setFixedHeight(max(1, len(self._rows)) * ROW_HEIGHT + 8 + AXIS_HEIGHT)
        self.update()

    def rows(self) -> list[tuple[str, int, int]]:
        """(group name, answered, correct) per row, as drawn."""
        return [(name, *_summary(days)) for name, days in self._rows]

    def sizeHint(self) -> QSize:
        return QSize(420, self.height())

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        text = palette.color(QPalette.ColorRole.WindowText)
        faint = QColor(text)
        faint.setAlphaF(0.18)
        width = self.width()
        label_w = width * LABEL_SHARE
        bar_x, bar_w = label_w + 8, width * BAR_SHARE
        small = QFont(self.font())
        small.setPointSizeF(max(7.0, small.pointSizeF() * 0.85))
        value_w = QFontMetrics(small).horizontalAdvance("100% of 9999") + 4
        spark_x = bar_x + bar_w + value_w + 16
        spark_w = max(20.0, width - spark_x - 8)
        for i, (name, days) in enumerate(self._rows):
            top = 4 + i * ROW_HEIGHT
            mid = top + ROW_HEIGHT / 2
            painter.setPen(text)
            painter.setFont(self.font())
            elided = self.fontMetrics().elidedText(name, Qt.TextElideMode.ElideRight, int(label_w))
            painter.drawText(QRectF(0, top, label_w, ROW_HEIGHT), Qt.AlignmentFlag.AlignVCenter, elided)
            answered, correct = _summary(days)
            share = correct / answered if answered else 0.0
            track = QRectF(bar_x, mid - 7, bar_w, 14)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(faint)
            painter.drawRoundedRect(track, 4, 4)
            painter.setBrush(ACCENT)
            painter.drawRoundedRect(QRectF(track.x(), track.y(), track.width() * share, track.height()), 4, 4)
            painter.setPen(text)
            painter.setFont(small)
            painter.drawText(
                QRectF(bar_x + bar_w + 8, top, value_w, ROW_HEIGHT),
                Qt.AlignmentFlag.AlignVCenter,
                f"{round(100 * share)}% of {answered}" if answered else "—",
            )
            self._sparkline(painter, days, QRectF(spark_x, top + 6, spark_w, ROW_HEIGHT - 12), faint)
        if self._rows and self._rows[0][1]:
            # the time axis under the day lines: the first day of the window and today
            days = self._rows[0][1]
            y = 4 + len(self._rows) * ROW_HEIGHT
            painter.setPen(text)
            painter.setFont(small)
            centre = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignVCenter
            first = f"{days[0].day:%b} {days[0].day.day}"
            painter.drawText(QRectF(spark_x - 40, y, 80, AXIS_HEIGHT), centre, first)
            right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
            painter.drawText(QRectF(spark_x, y, width - spark_x, AXIS_HEIGHT), right, "today")
        painter.end()

    def _sparkline(self, painter: QPainter, days: Sequence[DayAccuracy], box: QRectF, faint: QColor) -> None:
        painter.setPen(QPen(faint, 1))
        painter.drawLine(box.bottomLeft(), box.bottomRight())  # 0 %
        painter.drawLine(box.topLeft(), box.topRight())  # 100 %
        step = box.width() / max(1, len(days) - 1)
        points = [
            QPointF(box.x() + i * step, box.bottom() - box.height() * d.accuracy)
            for i, d in enumerate(days)
            if d.accuracy is not None
        ]
        painter.setPen(QPen(ACCENT, 1.6))
        for a, b in itertools.pairwise(points):
            painter.drawLine(a, b)
        painter.setBrush(ACCENT)
        for p in points:
            painter.drawEllipse(p, 2.6, 2.6)


class ProgressPanel(QWidget):
    """Cards due, new cards left today, accuracy by a chosen dimension, and the decks."""

    dimensionChanged = Signal(str)

    COUNTS = (("due", "Due now"), ("new", "New left today"), ("today", "Answered today"), ("total", "Cards"))

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 4, 12, 4)
        layout.addWidget(_heading("Progress"))
        numbers = QGridLayout()
        big = QFont(self.font())
        big.setPointSizeF(big.pointSizeF() * 1.6)
        self.count_labels: dict[str, QLabel] = {}
        for column, (key, title) in enumerate(self.COUNTS):
            value = plain_label("0")
            value.setFont(big)
            value.setAccessibleName(title)
            numbers.addWidget(value, 0, column)
            numbers.addWidget(plain_label(title), 1, column)
            self.count_labels[key] = value
        layout.addLayout(numbers)
        layout.addSpacing(10)
        row = QHBoxLayout()
        by = plain_label("Accuracy by")
        self.dimension = QComboBox()
        self.dimension.setAccessibleName("Accuracy by")
        for dimension in ProgressDimension:
            self.dimension.addItem(dimension.label, dimension.value)
        by.setBuddy(self.dimension)
        row.addWidget(by)
        row.addWidget(self.dimension)
        row.addStretch(1)
        layout.addLayout(row)
        self.period = plain_label()
        layout.addWidget(self.period)
        self.chart = ProgressChart()
        self.empty = plain_label("No answers yet in this period. Start a session to see your accuracy here.")
        layout.addWidget(self.chart)
        layout.addWidget(self.empty)
        layout.addSpacing(10)
        layout.addWidget(_heading("Decks"))
        self.decks = QGridLayout()
        self.decks.setHorizontalSpacing(16)
        layout.addLayout(self.decks)
        layout.addStretch(1)
        self.dimension.currentIndexChanged.connect(
            lambda _i: self.dimensionChanged.emit(self.current_dimension())
        )

    def current_dimension(self) -> ProgressDimension:
        return ProgressDimension(self.dimension.currentData())

    def show_counts(self, due: int, new_left: int, reviewed_today: int, total: int) -> None:
        for key, value in zip(
            ("due", "new", "today", "total"), (due, new_left, reviewed_today, total), strict=True
        ):
            self.count_labels[key].setText(str(value))

    def counts_text(self) -> str:
        """The counts as one line, e.g. "Due now: 3, New left today: 12, ..."."""
        return ", ".join(f"{title}: {self.count_labels[key].text()}" for key, title in self.COUNTS)

    def show_accuracy(
        self, series: Mapping[str, list[DayAccuracy]], names: Mapping[str, str], days: int
    ) -> None:
        self.period.setText(f"Last {days} days, oldest to today. Bar: all answers; line: each day.")
        self.chart.set_series(series, names)
        self.chart.setVisible(bool(series))
        self.empty.setVisible(not series)

    def show_decks(self, rows: Sequence[tuple[str, int, int, int]]) -> None:
        """(deck name, cards, cards seen, cards due) per deck."""
        if not self.decks.count():
            for column, title in enumerate(("Deck", "Cards", "Seen", "Due")):
                header = plain_label(title)
                header.setObjectName("studyTableHeader")
                if column:
                    header.setAlignment(Qt.AlignmentFlag.AlignRight)
                self.decks.addWidget(header, 0, column)
            self.decks.setColumnStretch(0, 1)
        for row, values in enumerate(rows, start=1):
            for column, value in enumerate(values):
                item = self.decks.itemAtPosition(row, column)
                label = item.widget() if item is not None else None
                if not isinstance(label, QLabel):
                    label = plain_label()
                    if column:
                        label.setAlignment(Qt.AlignmentFlag.AlignRight)
                    self.decks.addWidget(label, row, column)
                label.setText(str(value))


def _heading(text: str) -> QLabel:
    label = plain_label(text)
    label.setObjectName("studyHeading")
    font = QFont(label.font())
    font.setPointSizeF(font.pointSizeF() * 1.15)
    font.setBold(True)
    label.setFont(font)
    return label
