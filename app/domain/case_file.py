"""Case book files: the JSON export of cases (``docs/case-format.md``) and the CSV of outcome rows.

Pure Python. :func:`export_document` is what ``yaotong case export`` and File > Export
cases write; :func:`read_export` reads it back, checking every value (against the
catalog too, as a visit entered by hand is checked), and reports every problem as
``FILE:LINE:COLUMN: FIELD: MESSAGE``; nothing is imported from a file with any problem.
A case's plan travels as the text of a plan file and is read with the plan file's own
reader (:func:`read_plan_text`). Files are written to a temporary file first and moved
into place only when complete.
"""

from __future__ import annotations

import csv
import io
import json
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import yaml

from . import course as courses
from .course import Activity, Case, PointUsed, Visit, label_problem, visit_problems
from .errors import DataFileError, Problem
from .export import threshold_json
from .models import Catalog
from .plan import Course, Plan
from .plan_file import PlanFileError, load_plan
from .vocabulary import NeedleMethod

EXPORT_FORMAT = "yaotong-cases"
EXPORT_VERSION = 1
MAX_IMPORT_BYTES = 64 * 1024 * 1024


class CaseFileError(DataFileError):
    """An export file could not be imported; nothing was changed."""


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def _day_or_none(text: object) -> date | None:
    try:
        return date.fromisoformat(text) if isinstance(text, str) else None
    except ValueError:
        return None


def export_document(cases: Iterable[Case]) -> dict[str, Any]:
    """The export document for these cases."""
    from app import __version__

    return {
        "format": EXPORT_FORMAT,
        "version": EXPORT_VERSION,
        "exported_with": f"Yaotong {__version__}",
        "cases": [case_to_data(case) for case in cases],
    }


def read_plan_text(catalog: Catalog, text: str, label: str) -> Plan:
    """A plan from the text of a plan file, read with :func:`load_plan` (the same checks as a file);
    problems name the case."""
    with tempfile.TemporaryDirectory(prefix="yaotong-plan-") as folder:
        path = Path(folder) / "plan.yaotong"
        path.write_text(text, encoding="utf-8")
        try:
            return load_plan(catalog, path)
        except PlanFileError as exc:
            name = f"plan of case '{label}'"
            raise PlanFileError([replace(p, file=name) for p in exc.problems]) from None


# -- the export document ------------------------------


def visit_to_data(v: Visit) -> dict[str, Any]:
    return {
        "date": v.day.isoformat(),
        "pain": {"now": v.pain_now, "worst": v.pain_worst, "average": v.pain_average},
        "function": v.function,
        "activities": [{"activity": a.name, "rating": a.rating} for a in v.activities],
        "groc": v.groc,
        "points": [{"code": p.code, "method": p.method.value} for p in v.points],
        "techniques": list(v.techniques),
        "reactions": list(v.reactions),
        "reaction_notes": v.reaction_notes,
        "red_flags": list(v.red_flags),
        "factors": list(v.factors),
        "safety_checked": v.safety_checked,
        "flag_action": v.flag_action,
        "notes": v.notes,
    }


def case_to_data(case: Case, with_created: bool = True) -> dict[str, Any]:
    data: dict[str, Any] = {"label": case.label}
    if with_created:
        data["created"] = _iso(case.created)
    data.update(
        {"notes": case.notes, "plan": case.plan_text, "visits": [visit_to_data(v) for v in case.visits]}
    )
    return data


_CASE_FIELDS = ("label", "created", "notes", "plan", "visits")
_VISIT_FIELDS = (
    "date", "pain", "function", "activities", "groc", "points", "techniques", "reactions", "reaction_notes",
    "red_flags", "factors", "safety_checked", "flag_action", "notes",
)  # fmt: skip


def read_export(catalog: Catalog, path: Path) -> list[Case]:
    """The cases of an export file, every value checked (also against the catalog); ``CaseFileError``
    lists every problem as ``FILE:LINE:COLUMN: FIELD: MESSAGE``."""
    name = path.name
    try:
        if path.stat().st_size > MAX_IMPORT_BYTES:
            raise CaseFileError(
                [Problem(name, 1, 1, "", f"file too large (the limit is {MAX_IMPORT_BYTES} bytes)")]
            )
        raw = path.read_bytes()
    except OSError as exc:
        raise CaseFileError(
            [Problem(name, 1, 1, "", f"cannot read the file: {exc.strerror or exc}")]
        ) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise CaseFileError([Problem(name, line, 1, "", "invalid UTF-8 (save the file as UTF-8)")]) from None
    try:
        data = json.loads(text, object_pairs_hook=_no_duplicates)
    except json.JSONDecodeError as exc:
        raise CaseFileError(
            [Problem(name, exc.lineno, exc.colno, "", f"not valid JSON: {exc.msg}")]
        ) from None
    except _DuplicateKey as exc:
        raise CaseFileError([Problem(name, 1, 1, "", f"duplicate key '{exc}' in an object")]) from None
    reader = _ExportReader(catalog, name, text)
    cases = reader.document(data)
    if reader.problems:
        raise CaseFileError(reader.located())
    return cases


class _DuplicateKey(ValueError):
    pass


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise _DuplicateKey(key)
        out[key] = value
    return out


class _ExportReader:
    """Checks an export document; problems carry a field path, located in the text at the end."""

    def __init__(self, catalog: Catalog, name: str, text: str) -> None:
        self.catalog = catalog
        self.name = name
        self.text = text
        self.problems: list[tuple[str, str]] = []  # (path, message)

    def report(self, path: str, message: str) -> None:
        self.problems.append((path, message))

    def located(self) -> list[Problem]:
        """The problems with the line and column of each field (found by composing the text as YAML,
        a superset of JSON, only now that there is something to report)."""
        nodes = _node_positions(self.text)
        out = []
        for path, message in self.problems:
            line, column = nodes.get(path) or _nearest(nodes, path)
            out.append(Problem(self.name, line, column, path, message))
        return out

    def fields(
        self, value: Any, path: str, wanted: Sequence[str], required: Sequence[str]
    ) -> dict[str, Any] | None:
        if not isinstance(value, dict):
            self.report(path, f"expected an object, got {_describe(value)}")
            return None
        for key in value:
            if key not in wanted:
                self.report(_child(path, key), f"unknown field (expected one of: {', '.join(wanted)})")
        for key in required:
            if key not in value:
                self.report(path, f"missing required field '{key}'")
        return value

    def document(self, data: Any) -> list[Case]:
        top = self.fields(
            data, "", ("format", "version", "exported_with", "cases"), ("format", "version", "cases")
        )
        if top is None or "format" not in top or "version" not in top:
            return []
        if top["format"] != EXPORT_FORMAT:
            self.report("format", f"expected '{EXPORT_FORMAT}', got {_describe(top['format'])}")
            return []
        version = top["version"]
        if type(version) is not int or version < 1:
            self.report("version", f"expected a whole number, got {_describe(version)}")
            return []
        if version > EXPORT_VERSION:
            self.report(
                "version",
                f"this file was written by a newer Yaotong (version {version}); this version reads "
                f"version {EXPORT_VERSION}",
            )
            return []
        if not isinstance(top.get("cases"), list):
            self.report("cases", f"expected a list, got {_describe(top.get('cases'))}")
            return []
        cases = [self.case(item, _child("cases", i)) for i, item in enumerate(top["cases"])]
        labels: dict[str, int] = {}
        for i, case in enumerate(cases):
            if case is None:
                continue
            key = case.label.casefold()
            if key in labels:
                self.report(
                    _child(_child("cases", i), "label"), f"label listed twice (also cases[{labels[key]}])"
                )
            labels.setdefault(key, i)
        return [c for c in cases if c is not None]

    def case(self, value: Any, path: str) -> Case | None:
        before = len(self.problems)
        f = self.fields(value, path, _CASE_FIELDS, ("label", "visits"))
        if f is None:
            return None
        given = f.get("label")
        label = given if isinstance(given, str) else ""
        problem = label_problem(label) if isinstance(given, str) else "expected text"
        if problem:
            self.report(_child(path, "label"), problem)
            label = ""
        created = datetime.now(UTC)
        if "created" in f:
            try:
                created = datetime.fromisoformat(f["created"])
            except (TypeError, ValueError):
                self.report(_child(path, "created"), "expected a date and time (ISO 8601)")
        notes = f.get("notes", "")
        if not isinstance(notes, str):
            self.report(_child(path, "notes"), "expected text")
        plan = f.get("plan")
        if plan is not None:
            if not isinstance(plan, str):
                self.report(_child(path, "plan"), "expected the text of a plan file, or null")
            else:
                try:
                    read_plan_text(self.catalog, plan, label)
                except PlanFileError as exc:
                    first = exc.problems[0]
                    self.report(
                        _child(path, "plan"),
                        f"not a valid plan: line {first.line}: {first.path or '-'}: {first.message}",
                    )
        visits_value = f.get("visits")
        if not isinstance(visits_value, list):
            self.report(_child(path, "visits"), f"expected a list, got {_describe(visits_value)}")
            return None
        visits = [self.visit(item, _child(_child(path, "visits"), i)) for i, item in enumerate(visits_value)]
        if len(self.problems) > before:
            return None
        return Case(0, label, created, plan, notes, tuple(v for v in visits if v is not None))

    def visit(self, value: Any, path: str) -> Visit | None:
        before = len(self.problems)
        f = self.fields(value, path, _VISIT_FIELDS, ("date", "pain"))
        if f is None:
            return None
        day = _day_or_none(f.get("date"))
        if day is None and "date" in f:
            self.report(_child(path, "date"), "expected a date (YYYY-MM-DD)")
        pain = self.fields(f.get("pain"), _child(path, "pain"), ("now", "worst", "average"), ("now",)) or {}
        activities = []
        for i, item in enumerate(f.get("activities") or []):
            a = self.fields(
                item, _child(_child(path, "activities"), i), ("activity", "rating"), ("activity", "rating")
            )
            if a and isinstance(a.get("activity"), str) and type(a.get("rating")) is int:
                activities.append(Activity(a["activity"], a["rating"]))
            elif a is not None:
                self.report(
                    _child(_child(path, "activities"), i),
                    "expected an activity (text) and a whole-number rating",
                )
        points = []
        for i, item in enumerate(f.get("points") or []):
            p = self.fields(item, _child(_child(path, "points"), i), ("code", "method"), ("code", "method"))
            if p is None:
                continue
            try:
                points.append(PointUsed(str(p["code"]), NeedleMethod(p["method"])))
            except (KeyError, ValueError):
                methods = ", ".join(m.value for m in NeedleMethod)
                self.report(
                    _child(_child(_child(path, "points"), i), "method"), f"expected one of: {methods}"
                )
        ids: dict[str, tuple[str, ...]] = {}
        for name in ("techniques", "reactions", "red_flags", "factors"):
            items = f.get(name, [])
            if not isinstance(items, list) or not all(isinstance(x, str) for x in items):
                self.report(_child(path, name), "expected a list of ids")
                items = []
            ids[name] = tuple(items)
        texts: dict[str, str] = {}
        for name in ("reaction_notes", "flag_action", "notes"):
            text = f.get(name, "")
            if not isinstance(text, str):
                self.report(_child(path, name), "expected text")
                text = ""
            texts[name] = text
        checked = f.get("safety_checked", False)
        if not isinstance(checked, bool):
            self.report(_child(path, "safety_checked"), "expected true or false")
        numbers: dict[str, Any] = {}
        for name, where, value in (
            ("pain_now", _child(_child(path, "pain"), "now"), pain.get("now")),
            ("pain_worst", _child(_child(path, "pain"), "worst"), pain.get("worst")),
            ("pain_average", _child(_child(path, "pain"), "average"), pain.get("average")),
            ("groc", _child(path, "groc"), f.get("groc")),
        ):
            if value is not None and type(value) is not int:
                self.report(where, f"expected a whole number, got {_describe(value)}")
                value = None
            numbers[name] = value
        function = f.get("function")
        if function is not None and (isinstance(function, bool) or not isinstance(function, int | float)):
            self.report(_child(path, "function"), f"expected a number, got {_describe(function)}")
            function = None
        if day is None or numbers["pain_now"] is None:
            return None
        visit = Visit(
            day=day,
            pain_now=numbers["pain_now"],
            pain_worst=numbers["pain_worst"],
            pain_average=numbers["pain_average"],
            function=float(function) if function is not None else None,
            activities=tuple(activities),
            groc=numbers["groc"],
            points=tuple(points),
            techniques=ids["techniques"],
            reactions=ids["reactions"],
            reaction_notes=texts["reaction_notes"],
            red_flags=ids["red_flags"],
            factors=ids["factors"],
            safety_checked=bool(checked),
            flag_action=texts["flag_action"],
            notes=texts["notes"],
        )
        for problem in visit_problems(self.catalog, visit):
            field_name, _, message = problem.partition(": ")
            self.report(_child(path, _export_field(field_name)), message)
        return visit if len(self.problems) == before else None


def _export_field(name: str) -> str:
    """A visit field's name as the export writes it (``pain_now`` -> ``pain.now``)."""
    if name.startswith("pain_"):
        return "pain." + name.removeprefix("pain_")
    return name


def _child(path: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else key


def _describe(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f"text {value[:40]!r}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return f"{value!r}"


def _node_positions(text: str) -> dict[str, tuple[int, int]]:
    """Field path -> (line, column) of its value in the JSON text (empty if it cannot be composed)."""
    try:
        root = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except (yaml.YAMLError, RecursionError):
        return {}
    out: dict[str, tuple[int, int]] = {}
    stack: list[tuple[yaml.Node, str]] = [(root, "")] if root is not None else []
    while stack:
        node, path = stack.pop()
        out.setdefault(path, (node.start_mark.line + 1, node.start_mark.column + 1))
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                stack.append((value, _child(path, str(key.value))))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend((item, _child(path, i)) for i, item in enumerate(node.value))
    return out


def _nearest(nodes: dict[str, tuple[int, int]], path: str) -> tuple[int, int]:
    """The position of the closest enclosing field that exists (a missing field: its object)."""
    while path:
        cut = max(path.rfind("."), path.rfind("["))
        path = path[:cut] if cut > 0 else ""
        if path in nodes:
            return nodes[path]
    return nodes.get("", (1, 1))


# -- outcome rows (CSV) ------------------------------

CSV_COLUMNS = (
    "case", "visit", "date", "week", "pain_now", "pain_worst", "pain_average", "pain_change", "function",
    "function_change", "groc", "points", "techniques", "reactions", "red_flags", "safety_checked",
)  # fmt: skip


def outcome_rows(catalog: Catalog, cases: Iterable[tuple[Case, Course]]) -> list[dict[str, Any]]:
    """One row per visit: the scores, their change from the case's first visit, what was done."""
    rows = []
    for case, course in cases:
        review = courses.review_course(catalog, case.visits, course)
        first = case.visits[0].day if case.visits else None
        for n, (visit, (pain_change, function_change)) in enumerate(
            zip(case.visits, review.per_visit, strict=True), start=1
        ):
            rows.append(
                {
                    "case": case.label,
                    "visit": n,
                    "date": visit.day.isoformat(),
                    "week": round((visit.day - first).days / 7, 1) if first else 0,
                    "pain_now": visit.pain_now,
                    "pain_worst": visit.pain_worst,
                    "pain_average": visit.pain_average,
                    "pain_change": pain_change,
                    "function": visit.function,
                    "function_change": function_change,
                    "groc": visit.groc,
                    "points": " ".join(f"{p.code}:{p.method.value}" for p in visit.points),
                    "techniques": " ".join(visit.techniques),
                    "reactions": " ".join(visit.reactions),
                    "red_flags": " ".join(visit.red_flags),
                    "safety_checked": "yes" if visit.safety_checked else "no",
                }
            )
    return rows


def outcome_csv(catalog: Catalog, cases: Iterable[tuple[Case, Course]]) -> str:
    """The outcome rows as CSV (UTF-8, a header row). A cell a spreadsheet would read as a formula
    (starting with = + - @) is written with a leading apostrophe."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in outcome_rows(catalog, cases):
        writer.writerow({k: _cell(v) for k, v in row.items()})
    return out.getvalue()


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


# -- `yaotong case show --json` ------------------------------

SHOW_FORMAT = "yaotong-case-show"
SHOW_VERSION = 1


def _measure_change(change: courses.MeasureChange | None) -> dict[str, Any] | None:
    if change is None:
        return None
    m = change.measure
    return {
        "measure": m.id,
        "short": m.short,
        "baseline": change.baseline,
        "baseline_date": change.baseline_day.isoformat(),
        "latest": change.latest,
        "latest_date": change.latest_day.isoformat(),
        "change": change.change,
        "percent": change.percent,
        "important": change.important,
        "worse": change.worse,
        "threshold": threshold_json(m.mcid),
    }


def _prescription_change(change: courses.PrescriptionChange) -> dict[str, list[str]]:
    return {
        "added": list(change.added),
        "removed": list(change.removed),
        "method_changed": list(change.method_changed),
        "techniques_added": list(change.techniques_added),
        "techniques_removed": list(change.techniques_removed),
    }


def show_document(catalog: Catalog, case: Case, plan: Plan | None, course: Course) -> dict[str, Any]:
    """A case as ``yaotong case show --json`` prints it (``docs/case-format.md``): the visits, the
    change from baseline, whether the important change was reached, and whether to reassess."""
    review = courses.review_course(catalog, case.visits, course)
    visits = courses.in_order(case.visits)
    first = visits[0].day if visits else None
    rows = []
    for n, (visit, (pain, function), change) in enumerate(
        zip(visits, review.per_visit, courses.changes(visits, plan), strict=True), start=1
    ):
        rows.append(
            {
                "number": n,
                **visit_to_data(visit),
                "week": round((visit.day - first).days / 7, 1) if first else 0.0,
                "change": {"pain": pain, "function": function},
                "prescription_change": _prescription_change(change),
            }
        )
    point = review.point
    return {
        "format": SHOW_FORMAT,
        "version": SHOW_VERSION,
        "label": case.label,
        "created": _iso(case.created),
        "plan": None
        if plan is None
        else {
            "patterns": list(plan.patterns),
            "points": [{"code": p.code, "method": p.method.value} for p in plan.included_points()],
            "techniques": [t.id for t in plan.techniques if t.included],
            "course": {
                "sessions_min": course.sessions_min,
                "sessions_max": course.sessions_max,
                "reassess_weeks_min": course.reassess_weeks_min,
                "reassess_weeks_max": course.reassess_weeks_max,
                "sources": list(course.sources),
            },
        },
        "visits": rows,
        "change": {"pain": _measure_change(review.pain), "function": _measure_change(review.function)},
        "important_change": review.improved,
        "worse": review.worse,
        "reassessment_point": {
            "weeks_min": point.weeks_min,
            "weeks_max": point.weeks_max,
            "sessions": point.sessions,
            "due_from": point.due_from.isoformat() if point.due_from else None,
            "due_by": point.due_by.isoformat() if point.due_by else None,
            "reached": point.reached,
            "reached_by": point.reached_by or None,
            "sources": list(point.sources),
        },
        "verdict": review.verdict.value,
        "reassess": review.reassess,
        "reason": review.reason,
    }
