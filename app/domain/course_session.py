"""The Course workspace's workflow without a screen: cases, the visit being entered, the review.

Pure Python. A :class:`CourseSession` owns what the Course workspace shows: the case
list, the case in front (its visits, its plan, the course review), and where the next
visit's prescription starts from. Widgets call its methods and redraw what a listener
is told changed; they keep no copy of this state.

Rules kept here:

- The red flags and the patient factors are asked again at every visit: a new visit
  never starts with last time's answers ticked.
- A case that cannot be read (a stored value of the wrong type) or whose plan cannot be
  read is shown with the problem, never as something else; the other cases stay usable.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import Flag, auto
from pathlib import Path

from .case_book import CaseBook, CaseBookError, CaseSummary, ImportResult
from .course import (
    Case,
    CourseReview,
    PrescriptionChange,
    Visit,
    changes,
    plan_course,
    review_course,
)
from .errors import DataFileError
from .models import Catalog
from .plan import Course, Plan, default_course


class CourseChange(Flag):
    CASES = auto()  # the case list
    CASE = auto()  # the case in front (or none), its visits and review
    ALL = CASES | CASE


Listener = Callable[[CourseChange], None]


class CourseSession:
    def __init__(self, catalog: Catalog, book: CaseBook) -> None:
        self.catalog = catalog
        self.book = book
        self.cases: list[CaseSummary] = book.summaries()
        self.case: Case | None = None
        self.plan: Plan | None = None
        self.course: Course = default_course(catalog)
        self.review: CourseReview | None = None
        self.problem: str | None = None  # why the case in front (or its plan) cannot be shown in full
        self._listeners: list[Listener] = []

    def subscribe(self, listener: Listener) -> None:
        self._listeners.append(listener)

    def _notify(self, what: CourseChange) -> None:
        for listener in list(self._listeners):
            listener(what)

    # -- cases ---------------------------------------------------------------------------------------

    @property
    def label(self) -> str | None:
        return self.case.label if self.case is not None else None

    def select(self, label: str | None) -> None:
        """Bring a case forward (None: no case)."""
        self.case, self.plan, self.problem, self.review = None, None, None, None
        self.course = default_course(self.catalog)
        if label is not None:
            try:
                self.case = self.book.case(label)
            except CaseBookError as exc:
                self.problem = f"The case '{label}' cannot be shown:\n{exc}"
            except KeyError:
                self.problem = f"There is no case '{label}'."
            if self.case is not None:
                try:
                    self.plan = self.book.plan(self.case)
                except DataFileError as exc:
                    self.problem = f"The plan of this case cannot be read (its visits are shown):\n{exc}"
                self.course = plan_course(self.catalog, self.plan)
                self.review = review_course(self.catalog, self.case.visits, self.course)
        self._notify(CourseChange.CASE)

    def new_case(self, label: str, plan: Plan | None = None) -> None:
        """Start a case (``CaseBookError`` for a bad or taken label) and bring it forward."""
        self.book.new_case(label, plan)
        self._refresh_cases()
        self.select(label)

    def set_plan(self, plan: Plan) -> None:
        """Give the case in front this plan (the Intake & plan workspace's, for example)."""
        if self.case is None:
            raise ValueError("no case is selected")
        self.book.set_plan(self.case.label, plan)
        self.select(self.case.label)

    def _refresh_cases(self) -> None:
        self.cases = self.book.summaries()
        self._notify(CourseChange.CASES)

    # -- visits --------------------------------------------------------------------------------------

    @property
    def visits(self) -> tuple[Visit, ...]:
        return self.case.visits if self.case is not None else ()

    def last_visit(self) -> Visit | None:
        return self.visits[-1] if self.visits else None

    def changes(self) -> list[PrescriptionChange]:
        return changes(self.visits, self.plan)

    def save_visit(self, visit: Visit) -> Visit:
        """Store a new visit (or, with an id, the corrected one); ``CaseBookError`` lists what is wrong."""
        if self.case is None:
            raise ValueError("no case is selected")
        saved = (
            self.book.update_visit(visit)
            if visit.id is not None
            else self.book.add_visit(self.case.label, visit)
        )
        self._refresh_cases()
        self.select(self.case.label)
        return saved

    # -- files ---------------------------------------------------------------------------------------

    def import_file(self, path: Path) -> ImportResult:
        """Add the cases of an export file (``CaseFileError``: nothing imported)."""
        result = self.book.import_json(path)
        self._refresh_cases()
        return result
