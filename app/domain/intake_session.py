"""The intake workflow without a screen: answers -> suggestion -> plan, red flags, files.

Pure Python. An :class:`IntakeSession` owns what the Intake & plan workspace
shows: the intake answers, the ranked suggestion, the plan (every change goes
through :func:`~app.domain.plan.build_plan`), the red flags that stand until
they are cleared, the open plan file and whether there are unsaved changes.
Widgets call its methods and redraw when a listener tells them what changed;
they never keep a copy of this state.

Rules kept here:

- A red flag stands from the moment it is ticked until :meth:`clear_flags`
  (the caller asks the practitioner first). :meth:`set_answers` never clears
  one: it returns the standing flags that were unticked, so the caller can ask.
- Opening a plan file replaces the session only once the file has been read
  and built, and keeps it only once every listener has shown it; on any problem
  the session is unchanged (file identity too), so a save goes where it went before.
- "Unsaved" means changed since the last save or open and holding anything worth
  keeping (notes typed before any point is chosen count too).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from enum import Flag, auto
from pathlib import Path
from typing import Unpack

from . import plan as plans
from .intake import Differentiation, differentiate, with_age
from .models import Catalog
from .plan import Plan, PlanChanges
from .plan_file import read_plan, save_plan


class Change(Flag):
    """What a session change touched (listeners redraw only that)."""

    ANSWERS = auto()  # signs, factors, age, red flags -> the suggestion and the banner
    PLAN = auto()  # patterns, zones, points, techniques, course, notes
    FILE = auto()  # the open file or the unsaved state
    REPLACED = auto()  # a new or opened plan: every widget shows it afresh
    ALL = ANSWERS | PLAN | FILE | REPLACED


Listener = Callable[[Change], None]


class IntakeSession:
    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self.plan: Plan = plans.build_plan(catalog)
        self.result: Differentiation = differentiate(catalog, ())
        self.path: Path | None = None
        self.dirty = False
        self._listeners: list[Listener] = []

    # -- observers ----------------------------------------------------------------------------------------

    def subscribe(self, listener: Listener) -> None:
        self._listeners.append(listener)

    def _notify(self, what: Change) -> None:
        for listener in list(self._listeners):
            listener(what)

    def _set_plan(self, plan: Plan, what: Change = Change.PLAN) -> None:
        self.plan = plan
        self.dirty = True
        self._notify(what | Change.FILE)

    # -- the intake ---------------------------------------------------------------------------------------

    @property
    def standing_flags(self) -> tuple[str, ...]:
        return self.plan.red_flags

    def set_answers(
        self,
        signs: Iterable[str],
        factors: Iterable[str],
        red_flags: Iterable[str],
        age: int | None,
    ) -> tuple[str, ...]:
        """The intake's answers as ticked now; returns the standing red flags that were unticked
        (they still stand: clear them with :meth:`clear_flags` once the practitioner confirms)."""
        ticked = set(red_flags)
        unticked = tuple(f for f in self.plan.red_flags if f not in ticked)
        flags = tuple(f for f in self.catalog.red_flags if f in ticked or f in self.plan.red_flags)
        signs = with_age(self.catalog, signs, age)
        self.result = differentiate(self.catalog, signs)
        plan = plans.build_plan(
            self.catalog, self.plan, signs=signs, factors=tuple(factors), red_flags=flags, age=age
        )
        self._set_plan(plan, Change.ANSWERS | Change.PLAN)
        return unticked

    def clear_flags(self, ids: Iterable[str] | None = None) -> None:
        """Clear these standing red flags (all when None): only after the practitioner confirmed."""
        gone = set(self.plan.red_flags if ids is None else ids)
        flags = tuple(f for f in self.plan.red_flags if f not in gone)
        if flags != self.plan.red_flags:
            self._set_plan(plans.build_plan(self.catalog, self.plan, red_flags=flags), Change.ANSWERS)

    def suggested_patterns(self) -> tuple[str, ...]:
        return self.result.suggested()

    # -- the plan -----------------------------------------------------------------------------------------

    def edit(self, **changes: Unpack[PlanChanges]) -> None:
        """Change the practitioner's decisions (patterns, zones, label, notes, course ...)."""
        self._set_plan(plans.build_plan(self.catalog, self.plan, **changes))

    def apply(self, plan: Plan) -> None:
        """Take a plan made from this one by an edit of ``app.domain.plan`` (add a point, a method ...)."""
        self._set_plan(plan)

    def add_point(self, code: str) -> bool:
        """Add a point by hand; False when it is already in the plan."""
        if self.plan.point(code) is not None:
            return False
        self.apply(plans.add_point(self.catalog, self.plan, code))
        return True

    def remove_point(self, code: str) -> bool:
        if self.plan.point(code) is None:
            return False
        self.apply(plans.remove_point(self.catalog, self.plan, code))
        return True

    # -- files --------------------------------------------------------------------------------------------

    def has_unsaved_changes(self) -> bool:
        p = self.plan
        worth = (p.points, p.patterns, p.zones, p.case_label, p.notes.strip())
        return self.dirty and (any(worth) or any((p.signs, p.factors, p.red_flags)) or p.age is not None)

    def new(self) -> None:
        """An empty intake and plan, no file."""
        self._replace(plans.build_plan(self.catalog), None)

    def open(self, path: Path) -> tuple[str, ...]:
        """Read a plan file and show it; returns what the reader says about the file (an older
        format). Raises ``DataFileError`` or ``OSError`` (or what a listener raised while showing
        it) and changes nothing."""
        loaded = read_plan(self.catalog, path)
        self._replace(loaded.plan, Path(path))
        return loaded.notes

    def save(self, path: Path | None = None) -> Path:
        """Write the plan (atomically, with a backup) to ``path`` or the open file; returns where."""
        target = Path(path) if path is not None else self.path
        if target is None:
            raise ValueError("no file to save to: give a path")
        save_plan(self.plan, target)
        self.path = target
        self.dirty = False
        self._notify(Change.FILE)
        return target

    def _replace(self, plan: Plan, path: Path | None) -> None:
        before = (self.plan, self.result, self.path, self.dirty)
        result = differentiate(self.catalog, plan.signs)
        self.plan, self.result, self.path, self.dirty = plan, result, path, False
        try:
            self._notify(Change.ALL)
        except Exception:
            # A listener could not show the new plan: go back to the previous one, file and all.
            self.plan, self.result, self.path, self.dirty = before
            self._notify(Change.ALL)
            raise
