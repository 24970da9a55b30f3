"""The outcome chart of a course, drawn with QPainter (PySide6-Essentials has no QtCharts).

Pain (the catalog's pain measure: pain now, with the worst and the average pain faint)
and function over the weeks since the first visit; the score at which the change from
baseline becomes important (the minimal clinically important change) as a dashed line
for each, with its source; the reassessment point as a shaded band from the catalog's
weeks, and the visit that completes the plan's sessions when it has come. The same
drawing goes on screen (:class:`OutcomeChart`) and into the progress report
(:func:`chart_image`); its numbers are also given as text (:func:`chart_text`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QImage, QPainter, QPaintEvent, QPen, QPolygonF
from PySide6.QtWidgets import QSizePolicy, QWidget

from app.domain.course import (
    Visit,
    important_target,
    in_order,
    measures,
    reassess_guidance,
    reassessment_point,
    short_citation,
    threshold_words,
)
from app.domain.models import Catalog, OutcomeMeasure
from app.domain.plan import Course
from app.domain.vocabulary import Better
from app.ui.plain import plain_tooltip

# Okabe-Ito colours (colour-blind safe), lighter on the dark theme; every line also differs in its marks.
LIGHT_COLOURS = (QColor("#0072B2"), QColor("#D55E00"))  # pain (blue), function (vermillion)
DARK_COLOURS = (QColor("#56B4E9"), QColor("#F0824A"))
REASSESS = QColor("#E69F00")  # Okabe-Ito orange


@dataclass(frozen=True, slots=True)
class Series:
    measure: OutcomeMeasure
    points: tuple[tuple[float, float], ...]  # (week, score)
    target: float | None  # the score at which the change from baseline is important
    target_label: str  # e.g. "NRS ≤ 4.9 important (Ostelo et al. 2008)"


@dataclass(frozen=True, slots=True)
class ChartData:
    pain: Series
    worst: tuple[tuple[float, float], ...]
    average: tuple[tuple[float, float], ...]
    function: Series | None
    reassess_from: float  # weeks
    reassess_to: float
    reassess_label: str
    sessions_week: float | None  # the week of the visit that completed the plan's sessions
    sessions_label: str
    x_max: float


def _weeks(first: Visit, visit: Visit) -> float:
    return (visit.day - first.day).days / 7


def _sources(catalog: Catalog, ids: Sequence[str]) -> str:
    return "; ".join(dict.fromkeys(short_citation(catalog, s) for s in ids))


def _reassess_label(catalog: Catalog, course: Course, weeks_min: int, weeks_max: int) -> str:
    """ "Reassess at 4 weeks (NHS Gloucestershire)": the guidance line the plan's course took its
    weeks from, or the plan's own course when the practitioner changed it (no sources then)."""
    weeks = f"{weeks_min}" if weeks_min == weeks_max else f"{weeks_min}–{weeks_max}"
    line = next(
        (
            g
            for g in reassess_guidance(catalog)
            if (g.values.get("min"), g.values.get("max")) == (weeks_min, weeks_max)
        ),
        None,
    )
    if not course.sources or line is None:
        return f"Reassess at {weeks} weeks (the plan's course)"
    return f"Reassess at {weeks} weeks ({_sources(catalog, line.sources)})"


def _series(catalog: Catalog, measure: OutcomeMeasure, points: list[tuple[float, float]]) -> Series:
    target = important_target(measure, points[0][1]) if points else None
    label = ""
    if target is not None and measure.mcid is not None:
        sign = "≤" if measure.better is Better.LOWER else "≥"
        label = (
            f"{measure.short} {sign} {round(target, 1):g}: important change "
            f"({threshold_words(measure)}; {_sources(catalog, measure.mcid.sources)})"
        )
    return Series(measure, tuple(points), target, label)


def chart_data(catalog: Catalog, visits: Sequence[Visit], course: Course) -> ChartData:
    ordered = in_order(visits)
    m = measures(catalog)
    first = ordered[0] if ordered else None
    week = (lambda v: _weeks(first, v)) if first is not None else (lambda v: 0.0)
    pain = _series(catalog, m.pain, [(week(v), float(v.pain_now)) for v in ordered])
    function = None
    if m.function is not None:
        scores = [(week(v), v.function) for v in ordered if v.function is not None]
        function = _series(catalog, m.function, scores) if scores else None
    point = reassessment_point(course, ordered)
    sessions_week = week(ordered[course.sessions_max - 1]) if len(ordered) >= course.sessions_max else None
    last = week(ordered[-1]) if ordered else 0.0
    return ChartData(
        pain=pain,
        worst=tuple((week(v), float(v.pain_worst)) for v in ordered if v.pain_worst is not None),
        average=tuple((week(v), float(v.pain_average)) for v in ordered if v.pain_average is not None),
        function=function,
        reassess_from=float(point.weeks_min),
        reassess_to=float(point.weeks_max),
        reassess_label=_reassess_label(catalog, course, point.weeks_min, point.weeks_max),
        sessions_week=sessions_week,
        sessions_label=f"visit {course.sessions_max}: the plan's sessions",
        x_max=max(last, float(point.weeks_max)) + 0.5,
    )


def chart_text(data: ChartData) -> str:
    """The chart's numbers in words (its accessible description and tooltip)."""
    lines = [
        f"{data.pain.measure.short} pain now by week: "
        + ", ".join(f"week {w:.1f}: {v:g}" for w, v in data.pain.points)
    ]
    if data.function is not None:
        lines.append(
            f"{data.function.measure.short} by week: "
            + ", ".join(f"week {w:.1f}: {v:g}" for w, v in data.function.points)
        )
    lines += [s.target_label for s in (data.pain, data.function) if s is not None and s.target_label]
    lines.append(data.reassess_label)
    if data.sessions_week is not None:
        lines.append(f"{data.sessions_label} (week {data.sessions_week:.1f})")
    return "\n".join(lines)


def draw_chart(
    painter: QPainter, rect: QRectF, data: ChartData, text: QColor, base_font: QFont, dark: bool = False
) -> None:
    """The whole chart inside ``rect`` (screen or paper: sizes follow the font)."""
    PAIN, FUNCTION = DARK_COLOURS if dark else LIGHT_COLOURS
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    k = max(1.0, base_font.pointSizeF() / 9.0)  # lines and marks grow with the type (paper is drawn large)
    font = QFont(base_font)
    small = QFont(base_font)
    small.setPointSizeF(max(6.0, base_font.pointSizeF() * 0.85))
    fm = QFontMetricsF(small)
    line_h = fm.height()
    faint = QColor(text)
    faint.setAlphaF(0.16)
    plot = QRectF(
        rect.left() + fm.horizontalAdvance("10") + line_h * 1.6,
        rect.top() + line_h * 2.4,
        0,
        0,
    )
    right_margin = fm.horizontalAdvance("10") + line_h * 1.6 if data.function is not None else line_h
    plot.setRight(rect.right() - right_margin)
    plot.setBottom(rect.bottom() - line_h * 2.6)
    if plot.width() < 40 or plot.height() < 40:
        painter.restore()
        return
    pain = data.pain.measure

    def x(week: float) -> float:
        return plot.left() + plot.width() * week / data.x_max

    def y(measure: OutcomeMeasure, value: float) -> float:
        span = measure.scale_max - measure.scale_min
        return plot.bottom() - plot.height() * (value - measure.scale_min) / span

    # The reassessment point: a band from the first to the last week the guidance gives.
    band = QRectF(
        QPointF(x(data.reassess_from), plot.top()),
        QPointF(x(min(data.reassess_to, data.x_max)), plot.bottom()),
    )
    shade = QColor(REASSESS)
    shade.setAlphaF(0.16)
    painter.fillRect(band, shade)
    painter.setPen(QPen(REASSESS, 1.6 * k))
    painter.drawLine(QPointF(band.left(), plot.top()), QPointF(band.left(), plot.bottom()))
    # Grid and axes.
    painter.setFont(small)
    step = 2 if pain.scale_max - pain.scale_min >= 8 else 1
    for value in range(pain.scale_min, pain.scale_max + 1, step):
        yy = y(pain, value)
        painter.setPen(QPen(faint, 1))
        painter.drawLine(QPointF(plot.left(), yy), QPointF(plot.right(), yy))
        painter.setPen(PAIN)
        painter.drawText(
            QRectF(rect.left(), yy - line_h / 2, plot.left() - rect.left() - 4, line_h),
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
            str(value),
        )
    fn = data.function.measure if data.function is not None else None
    if fn is not None:
        fstep = 2 if fn.scale_max - fn.scale_min >= 8 else 1
        painter.setPen(FUNCTION)
        for value in range(fn.scale_min, fn.scale_max + 1, fstep):
            yy = y(fn, value)
            painter.drawText(
                QRectF(plot.right() + 4, yy - line_h / 2, rect.right() - plot.right() - 4, line_h),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                str(value),
            )
    painter.setPen(QPen(text, 1))
    painter.drawLine(plot.bottomLeft(), plot.bottomRight())
    painter.drawLine(plot.topLeft(), plot.bottomLeft())
    week_step = 1 if data.x_max <= 10 else 2 if data.x_max <= 20 else 4
    for week in range(0, int(data.x_max) + 1, week_step):
        xx = x(week)
        painter.drawLine(QPointF(xx, plot.bottom()), QPointF(xx, plot.bottom() + 3))
        painter.drawText(
            QRectF(xx - 20, plot.bottom() + 3, 40, line_h), Qt.AlignmentFlag.AlignHCenter, str(week)
        )
    painter.drawText(
        QRectF(plot.left(), plot.bottom() + line_h + 2, plot.width(), line_h),
        Qt.AlignmentFlag.AlignHCenter,
        "weeks since the first visit",
    )
    # Axis titles, above the plot at each side.
    painter.setPen(PAIN)
    lower = "lower is better" if pain.better is Better.LOWER else "higher is better"
    painter.drawText(
        QRectF(rect.left(), plot.top() - line_h * 1.2, plot.width(), line_h),
        Qt.AlignmentFlag.AlignLeft,
        f"{pain.short} pain ({lower})",
    )
    if fn is not None:
        painter.setPen(FUNCTION)
        better = "higher is better" if fn.better is Better.HIGHER else "lower is better"
        painter.drawText(
            QRectF(plot.left(), plot.top() - line_h * 1.2, rect.right() - plot.left(), line_h),
            Qt.AlignmentFlag.AlignRight,
            f"{fn.short} function ({better})",
        )
    # The legend line at the very top.
    painter.setPen(text)
    legend = "● pain now   ┄ worst / average   ■ function   ╌ important change   ▮ reassessment point"
    painter.drawText(
        QRectF(rect.left(), rect.top(), rect.width(), line_h),
        Qt.AlignmentFlag.AlignLeft,
        fm.elidedText(legend, Qt.TextElideMode.ElideRight, rect.width()),
    )
    # The reassessment point's label, at the top right of the plot (over the band, which ends there or near).
    painter.setPen(QColor("#8a5a00") if text.lightness() < 128 else REASSESS)
    label_w = plot.width() - 8
    label = fm.elidedText(data.reassess_label, Qt.TextElideMode.ElideRight, label_w)
    label_box = QRectF(
        plot.right() - fm.horizontalAdvance(label) - 6,
        plot.top() + 2,
        fm.horizontalAdvance(label) + 4,
        line_h,
    )
    backdrop = QColor(Qt.GlobalColor.white if text.lightness() < 128 else Qt.GlobalColor.black)
    backdrop.setAlphaF(0.6)
    painter.fillRect(label_box, backdrop)
    painter.drawText(label_box, Qt.AlignmentFlag.AlignCenter, label)
    if data.sessions_week is not None:
        sx = x(data.sessions_week)
        painter.setPen(QPen(REASSESS, 1.4 * k, Qt.PenStyle.DotLine))
        painter.drawLine(QPointF(sx, plot.top()), QPointF(sx, plot.bottom()))
        painter.drawText(
            QRectF(sx + 3, plot.top() + 2 + line_h, plot.right() - sx, line_h),
            Qt.AlignmentFlag.AlignLeft,
            data.sessions_label,
        )
    # Important-change lines, labelled at the bottom left of the plot so they never hide a point.
    labels = []
    for series, colour in ((data.pain, PAIN), (data.function, FUNCTION)):
        if series is None or series.target is None:
            continue
        yy = y(series.measure, series.target)
        painter.setPen(QPen(colour, 1.3 * k, Qt.PenStyle.DashLine))
        painter.drawLine(QPointF(plot.left(), yy), QPointF(plot.right(), yy))
        labels.append((series.target_label, colour))
    for i, (label, colour) in enumerate(labels):
        top = plot.bottom() - (len(labels) - i) * line_h - 2
        box = QRectF(plot.left() + 4, top, plot.width() - 8, line_h)
        backdrop = QColor(Qt.GlobalColor.white if text.lightness() < 128 else Qt.GlobalColor.black)
        backdrop.setAlphaF(0.72)
        shown = fm.elidedText(label, Qt.TextElideMode.ElideRight, box.width())
        painter.fillRect(QRectF(box.left(), box.top(), fm.horizontalAdvance(shown) + 4, line_h), backdrop)
        painter.setPen(colour)
        painter.drawText(box.adjusted(2, 0, 0, 0), Qt.AlignmentFlag.AlignLeft, shown)
    # The series.
    painter.setFont(font)
    faint_pain = QColor(PAIN)
    faint_pain.setAlphaF(0.45)
    for points in (data.worst, data.average):
        painter.setPen(QPen(faint_pain, 1.1 * k, Qt.PenStyle.DotLine))
        painter.drawPolyline(QPolygonF([QPointF(x(w), y(pain, v)) for w, v in points]))
    _line(painter, [QPointF(x(w), y(pain, v)) for w, v in data.pain.points], PAIN, True, k)
    if data.function is not None and fn is not None:
        _line(painter, [QPointF(x(w), y(fn, v)) for w, v in data.function.points], FUNCTION, False, k)
    painter.restore()


def _line(painter: QPainter, points: list[QPointF], colour: QColor, round_marks: bool, k: float) -> None:
    painter.setPen(QPen(colour, 2.0 * k))
    if len(points) > 1:
        painter.drawPolyline(QPolygonF(points))
    painter.setBrush(colour)
    for p in points:
        if round_marks:
            painter.drawEllipse(p, 3.6 * k, 3.6 * k)
        else:
            painter.drawRect(QRectF(p.x() - 3.4 * k, p.y() - 3.4 * k, 6.8 * k, 6.8 * k))
    painter.setBrush(Qt.BrushStyle.NoBrush)


class OutcomeChart(QWidget):
    """The chart on screen; empty until a case with visits is shown."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._data: ChartData | None = None
        self._dark = False
        self.setAccessibleName("Outcome chart")
        self.setMinimumHeight(220)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_data(self, data: ChartData | None) -> None:
        self._data = data
        text = chart_text(data) if data is not None else "No visits yet."
        self.setAccessibleDescription(text)
        self.setToolTip(plain_tooltip(text))
        self.update()

    def data(self) -> ChartData | None:
        return self._data

    def set_dark(self, dark: bool) -> None:
        self._dark = dark
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(520, 300)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        try:
            if self._data is None or not self._data.pain.points:
                painter.setPen(self.palette().windowText().color())
                painter.drawText(
                    self.rect(),
                    Qt.AlignmentFlag.AlignCenter,
                    "No visits yet: the chart starts at the first visit.",
                )
            else:
                draw_chart(
                    painter,
                    QRectF(self.rect()).adjusted(6, 4, -6, -4),
                    self._data,
                    self.palette().windowText().color(),
                    self.font(),
                    self._dark,
                )
        finally:
            painter.end()  # always: a painter left open on a widget aborts the process


REPORT_CHART_SIZE = QSize(1200, 600)


def chart_image(data: ChartData, size: QSize = REPORT_CHART_SIZE, point_size: float = 14.0) -> QImage:
    """The chart on white, for the progress report (drawn large, scaled down when printed)."""
    image = QImage(size, QImage.Format.Format_ARGB32)
    image.fill(0xFFFFFFFF)
    painter = QPainter(image)
    font = QFont("DejaVu Sans")
    font.setPointSizeF(point_size)
    try:
        draw_chart(
            painter, QRectF(10, 8, size.width() - 20, size.height() - 16), data, QColor("#1d2329"), font
        )
    finally:
        painter.end()
    return image
