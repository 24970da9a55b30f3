"""Plan files (``*.yaotong``): a small, versioned YAML document; see ``docs/plan-format.md``.

Reading goes through the same safe node reader as the catalog, so every
problem names ``file:line:column: field: what is wrong``; a damaged, truncated
or newer-version file raises :class:`PlanFileError` and nothing is changed.
Saving is atomic: the new text goes to a temporary file in the same folder
(flushed and fsynced), the previous file is copied to ``NAME.bak`` (also via a
temporary file and ``os.replace``), and only then is the temporary file moved
over the plan with ``os.replace``. A crash at any moment leaves either the old
or the new plan, never a mix.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import yaml

from .errors import DataFileError, Problem
from .models import Catalog
from .plan import Course, Plan, age_problem, build_plan
from .vocabulary import NeedleMethod
from .yaml_nodes import NULL, STR, NodeReader, child, load_nodes

FORMAT = "yaotong-plan"
VERSION = 2  # 2 added the optional patient age; version 1 files are still read
SUFFIX = ".yaotong"
BACKUP_SUFFIX = ".bak"
_COURSE_FIELDS = (
    "sessions_min",
    "sessions_max",
    "minutes_min",
    "minutes_max",
    "reassess_weeks_min",
    "reassess_weeks_max",
)
_TOP_REQUIRED = ("format", "version", "case_label", "patterns")
_TOP_OPTIONAL = (
    "saved_with",
    "age",
    "zones",
    "factors",
    "red_flags",
    "signs",
    "points",
    "removed",
    "techniques",
    "course",
    "notes",
)


class PlanFileError(DataFileError):
    """A plan file could not be read; nothing was changed."""


# --- writing ---------------------------------------------------------------------------------------------


def plan_to_data(plan: Plan) -> dict[str, object]:
    """The plain data written to a plan file (also what ``docs/plan-format.md`` shows)."""
    course = plan.course
    data: dict[str, object] = {
        "format": FORMAT,
        "version": VERSION,
        "saved_with": "Yaotong",
        "case_label": plan.case_label,
        "age": plan.age,
        "patterns": list(plan.patterns),
        "zones": list(plan.zones),
        "factors": list(plan.factors),
        "red_flags": list(plan.red_flags),
        "signs": list(plan.signs),
        "points": [
            {
                "code": p.code,
                "method": p.method.value,
                "added": p.code in plan.added,
                "included": p.included,
                "confirmed": list(p.confirmed),
                "serves": [f"{r.kind}:{r.id}" if r.id else str(r.kind) for r in p.reasons],
            }
            for p in plan.points
        ],
        "removed": list(plan.removed),
        "techniques": [
            {"id": t.id, "included": t.included, "confirmed": list(t.confirmed)} for t in plan.techniques
        ],
        "notes": plan.notes,
    }
    if course is not None:
        data["course"] = {name: getattr(course, name) for name in _COURSE_FIELDS}
    return data


def dump_plan(plan: Plan) -> str:
    header = f"# Yaotong plan file, format version {VERSION} (see docs/plan-format.md)\n"
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    return header + yaml.dump(
        plan_to_data(plan), Dumper=dumper, sort_keys=False, allow_unicode=True, default_flow_style=False
    )


def _write_atomically(path: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def backup_path(path: str | Path) -> Path:
    path = Path(path)
    return path.with_name(path.name + BACKUP_SUFFIX)


def save_plan(plan: Plan, path: str | Path) -> None:
    """Write ``plan`` atomically, keeping the previous file as ``NAME.bak``."""
    path = Path(path)
    new = dump_plan(plan).encode("utf-8")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(new)
            handle.flush()
            os.fsync(handle.fileno())
        if path.exists():
            _write_atomically(backup_path(path), path.read_bytes())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    _fsync_dir(path.parent)


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:  # not possible on every platform (Windows)
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


# --- reading ---------------------------------------------------------------------------------------------


class _PlanReader(NodeReader):
    def free_text(self, node: yaml.Node, path: str) -> str | None:
        """Text that may be empty (notes, case label); null reads as empty."""
        if isinstance(node, yaml.ScalarNode) and node.tag == NULL:
            return ""
        if not isinstance(node, yaml.ScalarNode) or node.tag != STR:
            self._expected(node, path, "text")
            return None
        return str(node.value)

    def ids(self, node: yaml.Node, path: str, known: object, what: str) -> list[str]:
        items = self.sequence(node, path)
        out: list[str] = []
        for i, item in enumerate(items or ()):
            value = self.text(item, child(path, i))
            if value is None:
                continue
            if value not in known:  # type: ignore[operator]
                self.report(item, child(path, i), f"unknown {what} '{value}' (not in the catalog)")
                continue
            out.append(value)
        return out

    def confirmed_ids(self, node: yaml.Node, path: str) -> tuple[str, ...]:
        items = self.sequence(node, path)
        return tuple(v for i, n in enumerate(items or ()) if (v := self.text(n, child(path, i))) is not None)


def load_plan(catalog: Catalog, path: str | Path) -> Plan:
    """Read a plan file, or raise :class:`PlanFileError` naming file, line and field."""
    root, filename = load_nodes(path, PlanFileError)
    r = _PlanReader(filename)
    top = r.fields(root, "", (), (*_TOP_REQUIRED, *_TOP_OPTIONAL))
    if top is None:
        r.raise_if_problems(PlanFileError)
        raise AssertionError("unreachable")
    # Identify the file and its version first: a newer file is refused before anything else is read.
    if "format" not in top or "version" not in top:
        missing = [f for f in ("format", "version") if f not in top]
        raise PlanFileError(
            [Problem(filename, 1, 1, "", f"not a Yaotong plan file (missing {', '.join(missing)})")]
        )
    fmt = r.text(top["format"], "format")
    if fmt is not None and fmt != FORMAT:
        r.report(top["format"], "format", f"expected '{FORMAT}', got '{fmt}'")
    version = r.integer(top["version"], "version")
    if version is not None and version > VERSION:
        r.report(
            top["version"],
            "version",
            f"this plan was written by a newer Yaotong (format version {version}); this version reads "
            f"format version {VERSION} and will not change the file",
        )
    elif version is not None and version < 1:
        r.report(top["version"], "version", f"'{version}' is not a valid format version")
    r.raise_if_problems(PlanFileError)
    for name in _TOP_REQUIRED:
        if name not in top:
            r.report(root, "", f"missing required field '{name}'")

    def ids(name: str, known: object, what: str) -> list[str]:
        return r.ids(top[name], name, known, what) if name in top else []

    case_label = r.free_text(top["case_label"], "case_label") if "case_label" in top else ""
    notes = r.free_text(top["notes"], "notes") if "notes" in top else ""
    age: int | None = None
    if "age" in top and not (isinstance(top["age"], yaml.ScalarNode) and top["age"].tag == NULL):
        age = r.integer(top["age"], "age")
        if age is not None and (problem := age_problem(age)):
            r.report(top["age"], "age", problem)
            age = None
    patterns = ids("patterns", catalog.patterns, "pattern")
    zones = ids("zones", catalog.zones, "zone")
    factors = ids("factors", catalog.factors, "factor")
    red_flags = ids("red_flags", catalog.red_flags, "red flag")
    removed = ids("removed", catalog.points, "point")
    from .intake import all_sign_ids

    signs = ids("signs", all_sign_ids(catalog), "sign")
    added: list[str] = []
    methods: dict[str, NeedleMethod] = {}
    confirmed: dict[str, tuple[str, ...]] = {}
    for i, node in enumerate(r.sequence(top["points"], "points") or () if "points" in top else ()):
        path = child("points", i)
        f = r.fields(node, path, ("code", "method"), ("added", "included", "confirmed", "serves"))
        if f is None:
            continue
        code = r.text(f["code"], child(path, "code")) if "code" in f else None
        if code is not None and code not in catalog.points:
            r.report(f["code"], child(path, "code"), f"unknown point '{code}' (not in the catalog)")
            code = None
        method = (
            r.choice(f["method"], child(path, "method"), [m.value for m in NeedleMethod])
            if "method" in f
            else None
        )
        is_added = r.boolean(f["added"], child(path, "added")) if "added" in f else False
        if "included" in f:
            r.boolean(f["included"], child(path, "included"))  # informative; recomputed from the catalog
        if "serves" in f:
            r.sequence(f["serves"], child(path, "serves"))
        if code is None:
            continue
        if method is not None:
            methods[code] = NeedleMethod(method)
        if is_added:
            added.append(code)
        if "confirmed" in f:
            confirmed[code] = r.confirmed_ids(f["confirmed"], child(path, "confirmed"))
    for i, node in enumerate(
        r.sequence(top["techniques"], "techniques") or () if "techniques" in top else ()
    ):
        path = child("techniques", i)
        f = r.fields(node, path, ("id",), ("included", "confirmed"))
        if f is None or "id" not in f:
            continue
        tid = r.text(f["id"], child(path, "id"))
        if "included" in f:
            r.boolean(f["included"], child(path, "included"))
        if tid is not None and "confirmed" in f:
            confirmed[tid] = r.confirmed_ids(f["confirmed"], child(path, "confirmed"))
    course: Course | None = None
    if "course" in top:
        f = r.fields(top["course"], "course", _COURSE_FIELDS, ())
        if f is not None and all(name in f for name in _COURSE_FIELDS):
            values = [r.integer(f[name], child("course", name)) for name in _COURSE_FIELDS]
            if all(v is not None for v in values):
                course = Course(*values)  # type: ignore[arg-type]
                for problem in course.problems():
                    r.report(top["course"], "course", problem)
    r.raise_if_problems(PlanFileError)
    # Points listed but no longer derived from a pattern or zone stay in the plan as added: lose nothing.
    plan = build_plan(
        catalog,
        case_label=case_label or "",
        age=age,
        patterns=tuple(patterns),
        zones=tuple(zones),
        factors=tuple(factors),
        red_flags=tuple(red_flags),
        signs=tuple(signs),
        added=tuple(added),
        removed=tuple(removed),
        methods=methods,
        confirmed=confirmed,
        course=course,
        notes=notes or "",
    )
    derived = {p.code for p in plan.points}
    missing = [code for code in methods if code not in derived and code not in removed]
    if missing:
        plan = build_plan(catalog, plan, added=(*plan.added, *missing))
    return plan
