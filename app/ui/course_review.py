"""The course at a glance: the reassessment prompt, the outcome chart, the visits, the prescription."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain.course import (
    CourseReview,
    PrescriptionChange,
    Verdict,
    Visit,
    history,
    in_order,
    reassess_guidance,
    short_citation,
)
from app.domain.models import Catalog
from app.domain.plan import Course, Plan
from app.domain.vocabulary import METHOD_KEY
from app.ui.outcome_chart import OutcomeChart, chart_data
from app.ui.plain import plain_label, plain_tooltip

# (background, border, text) by verdict, light and dark; words say the verdict, colour only repeats it.
PROMPT_COLOURS = {
    (Verdict.REASSESS, False): ("#fdf1da", "#c27c00", "#5c3500"),
    (Verdict.REASSESS, True): ("#3a3122", "#e69f00", "#f2c66d"),
    (Verdict.IMPROVED, False): ("#e6f2ea", "#3b7a4f", "#1e4d2b"),
    (Verdict.IMPROVED, True): ("#1f3327", "#5fae7a", "#a8d5b5"),
}


class CourseReviewPanel(QWidget):
    visitActivated = Signal(int)  # a visit's id: open it for correction

    def __init__(self, catalog: Catalog, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.catalog = catalog
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        self.prompt = QFrame(self)
        self.prompt.setObjectName("reassessPrompt")
        prompt_layout = QVBoxLayout(self.prompt)
        self.prompt_heading = plain_label("", self.prompt, name="reassessHeading")
        font = self.prompt_heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.1)
        self.prompt_heading.setFont(font)
        self.prompt_text = plain_label("", self.prompt, name="reassessText")
        self.prompt_text.setAccessibleName("Course review")
        prompt_layout.addWidget(self.prompt_heading)
        prompt_layout.addWidget(self.prompt_text)
        layout.addWidget(self.prompt)
        self.chart = OutcomeChart(self)
        layout.addWidget(self.chart, 3)
        self.caption = plain_label("", self, name="chartCaption")
        self.caption.setStyleSheet("color: palette(placeholder-text);")
        layout.addWidget(self.caption)
        self.tabs = QTabWidget(self)
        self.visits = QTableWidget(0, 7, self.tabs)
        self.visits.setObjectName("visitTable")
        self.visits.setAccessibleName("Visits")
        self.visits.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.visits.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.visits.verticalHeader().setVisible(False)
        self.visits.horizontalHeader().setStretchLastSection(True)
        self.visits.itemActivated.connect(self._activated)
        self.visits.setToolTip("Enter or double-click a visit to correct it")
        self.tabs.addTab(self.visits, "Visi&ts")
        self.evolution = QTableWidget(0, 0, self.tabs)
        self.evolution.setObjectName("prescriptionEvolution")
        self.evolution.setAccessibleName("How the prescription evolved")
        self.evolution.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tabs.addTab(self.evolution, "Prescription &over the course")
        layout.addWidget(self.tabs, 2)
        self._visit_ids: list[int] = []
        self._verdict: Verdict | None = None
        self._dark = False

    def show_course(
        self,
        visits: Sequence[Visit],
        review: CourseReview | None,
        course: Course,
        plan: Plan | None,
        changes: Sequence[PrescriptionChange],
        problem: str | None,
    ) -> None:
        ordered = in_order(visits)
        self._verdict = review.verdict if review is not None else None
        self._style_prompt()
        if review is None:
            self.prompt_heading.setText("No case" if problem is None else "This case cannot be shown")
            self.prompt_text.setText(problem or "Choose a case, or start one.")
        else:
            self.prompt_heading.setText(review.verdict.heading)
            extra = ""
            if review.verdict is Verdict.REASSESS:
                lines = reassess_guidance(self.catalog)
                cite = "; ".join
                extra = "".join(
                    f"\nThe guidance: “{g.text}” ({cite(short_citation(self.catalog, s) for s in g.sources)})"
                    for g in lines
                )
            self.prompt_text.setText(review.reason + extra + (f"\n{problem}" if problem else ""))
        data = chart_data(self.catalog, ordered, course) if ordered else None
        self.chart.set_data(data)
        self.caption.setText(
            "Hover the chart for its numbers. Enter or double-click a visit to correct it." if data else ""
        )
        self._show_visits(ordered, changes)
        self._show_evolution(ordered, plan)

    def set_dark(self, dark: bool) -> None:
        self._dark = dark
        self.chart.set_dark(dark)
        self._style_prompt()

    def _style_prompt(self) -> None:
        colours = PROMPT_COLOURS.get((self._verdict, self._dark)) if self._verdict is not None else None
        if colours is None:
            self.prompt.setStyleSheet(
                "#reassessPrompt { border: 1px solid palette(mid); border-radius: 4px; }"
            )
            return
        background, border, text = colours
        width = 2 if self._verdict is Verdict.REASSESS else 1
        self.prompt.setStyleSheet(
            f"#reassessPrompt {{ background: {background}; border: {width}px solid {border};"
            " border-radius: 4px; }"
            f" #reassessPrompt QLabel {{ color: {text}; background: transparent; }}"
        )

    def _show_visits(self, visits: Sequence[Visit], changes: Sequence[PrescriptionChange]) -> None:
        headers = ["Date", "Pain", "Function", "GRoC", "Points", "Reactions", "Red flags"]
        self.visits.setColumnCount(len(headers))
        self.visits.setHorizontalHeaderLabels(headers)
        self.visits.setRowCount(len(visits))
        self._visit_ids = [v.id or 0 for v in visits]
        for row, (visit, change) in enumerate(zip(visits, changes, strict=False)):
            marks = " ".join([*(f"+{c}" for c in change.added), *(f"−{c}" for c in change.removed)])
            values = [
                visit.day.isoformat(),
                " / ".join(
                    "—" if v is None else str(v)
                    for v in (visit.pain_now, visit.pain_worst, visit.pain_average)
                ),
                "—" if visit.function is None else f"{visit.function:g}",
                "—" if visit.groc is None else f"{visit.groc:+d}",
                f"{len(visit.points)}" + (f"  ({marks})" if marks else ""),
                ", ".join(self._reaction_words(g) for g in visit.reactions) or "—",
                ", ".join(visit.red_flags) or ("asked" if visit.safety_checked else "not asked"),
            ]
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setToolTip(plain_tooltip(visit.notes or value))
                self.visits.setItem(row, column, item)
        self.visits.resizeColumnsToContents()

    def _reaction_words(self, gid: str) -> str:
        line = self.catalog.guidance.get(gid)
        if line is None:
            return gid
        head = line.text.split(":")[0]
        return head if len(head) <= 32 else head[:30] + "…"

    def _show_evolution(self, visits: Sequence[Visit], plan: Plan | None) -> None:
        rows = history(visits)
        planned = {p.code: p.method for p in plan.included_points()} if plan is not None else {}
        for code in planned:
            if code not in (r[0] for r in rows):
                rows.append((code, [None] * len(visits)))
        columns = ["Plan", *(f"{i}\n{v.day:%m-%d}" for i, v in enumerate(visits, start=1))]
        self.evolution.setColumnCount(len(columns))
        self.evolution.setRowCount(len(rows))
        self.evolution.setHorizontalHeaderLabels(columns)
        self.evolution.setVerticalHeaderLabels([code for code, _ in rows])
        for r, (code, methods) in enumerate(rows):
            cells = [planned.get(code), *methods]
            previous = planned.get(code) if plan is not None else None
            for c, method in enumerate(cells):
                text = method.short if method is not None else ""
                if c > 0:
                    if method is not None and previous is None and (c > 1 or plan is not None):
                        text = "+" + text
                    elif method is None and previous is not None:
                        text = "−"
                    elif method is not None and previous is not None and method != previous:
                        text = "~" + text
                    previous = method
                item = QTableWidgetItem(text)
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                item.setToolTip(f"{code}: {method.label}" if method is not None else f"{code}: not used")
                self.evolution.setItem(r, c, item)
        self.evolution.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.evolution.setToolTip(
            f"{METHOD_KEY}. + added, − dropped, ~ method changed "
            "(against the visit before; the first visit against the plan)."
        )

    def _activated(self, item: QTableWidgetItem) -> None:
        row = item.row()
        if 0 <= row < len(self._visit_ids):
            self.visitActivated.emit(self._visit_ids[row])
