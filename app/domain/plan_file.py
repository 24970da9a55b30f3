"""Plan files (``*.yaotong``): a small, versioned YAML document; see ``docs/plan-format.md``.

Reading goes through the same safe node reader as the catalog, so every
problem names ``file:line:column: field: what is wrong``; a damaged, truncated
or newer-version file raises :class:`PlanFileError` and nothing is changed.
Since format version 3 a file ends with a checksum line (``checksum:
sha256:...`` of every byte before it): a file cut short has none and a flipped
bit breaks it, so neither opens as a different plan. Older versions are still
read, and :func:`read_plan` says so.

Saving is atomic: the new text goes to a temporary file in the same folder
(flushed and fsynced), the previous file is copied to ``NAME.bak`` (also via a
temporary file and ``os.replace``), and only then is the temporary file moved
over the plan with ``os.replace``. A crash at any moment leaves either the old
or the new plan, never a mix; the temporary files a killed save leaves behind
are removed by the next save (each is locked while its save runs).
"""

from __future__ import annotations

import errno
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from . import safety
from .atomic import fsync_dir, remove_stale_temps, write_atomically
from .digest import sha256_hex
from .errors import DataFileError, Problem
from .file_read import MAX_BYTES, read_file_bytes
from .models import Catalog, Laterality
from .plan import Course, Plan, age_problem, build_plan, case_label_problem
from .text_rules import shown, text_problem
from .vocabulary import NeedleMethod, Side
from .yaml_nodes import NULL, STR, NodeReader, child, compose_safely

FORMAT = "yaotong-plan"
# 2 added the optional patient age; 3 the chosen pattern subtypes, the red flags the practitioner
# confirmed proceeding despite, and the checksum line at the end; 4 the side to needle of each
# bilateral point (``side``, absent for both sides). Versions 1 to 3 are still read.
VERSION = 4
CHECKSUM_SINCE = 3
# Up to format 3 the pain map had one zone for the back and one for the side of the legs; since 4
# each leg is its own zone. An older file's zone is read as both legs (all it can say), with a note.
LEG_ZONES_SINCE = 4
LEGACY_ZONES = {
    "leg_back": ("leg_back_left", "leg_back_right"),
    "leg_side": ("leg_side_left", "leg_side_right"),
}
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
    "checksum",
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
    "subtypes",
    "flags_acknowledged",
)


class PlanFileError(DataFileError):
    """A plan file could not be read (or a plan could not be written as one); nothing was changed."""


@dataclass(frozen=True, slots=True)
class LoadedPlan:
    """A plan read from a file, the file's format version, and what the reader has to say about it
    (an older version without a checksum), in plain words."""

    plan: Plan
    version: int
    notes: tuple[str, ...] = ()


# --- the checksum line -------------------------------------------------------------------------------------

_CHECKSUM_LINE = re.compile(rb"checksum: sha256:([0-9a-f]{64})\n?")
_VERSION_LINE = re.compile(rb"(?m)^version:[ \t]*([0-9]{1,6})[ \t]*\r?$")
ENDS_EARLY = (
    "the file ends early: a plan file of this version ends with its checksum line, and this one "
    "does not (it was cut short or not saved completely), so it is not opened"
)
MISMATCH = (
    "the checksum does not match the content: the file was damaged or changed after Yaotong saved "
    "it, so it is not opened (to edit a plan by hand, see docs/plan-format.md)"
)


def _normalised(data: bytes) -> bytes:
    """What the checksum covers: line endings as "\\n" and no byte-order mark (an editor or git may
    change either without changing the plan)."""
    return data.removeprefix(b"\xef\xbb\xbf").replace(b"\r\n", b"\n")


def _digest(body: bytes) -> str:
    return sha256_hex(_normalised(body))  # hashlib's digest, without loading OpenSSL (digest.py)


def seal(body: str) -> str:
    """``body`` (ending in a line break) followed by its checksum line: a whole plan file."""
    if not body.endswith("\n"):
        body += "\n"
    return f"{body}checksum: sha256:{_digest(body.encode('utf-8'))}\n"


def _integrity(data: bytes) -> tuple[int, str] | None:
    """None when the file ends with a checksum line that matches, else (line, problem)."""
    text = _normalised(data)
    start = text.rfind(b"\n", 0, len(text) - 1) + 1  # the last line
    lines = text.count(b"\n", 0, start) + 1
    match = _CHECKSUM_LINE.fullmatch(text, start)
    if not text.startswith(b"checksum:", start):
        return lines + (1 if text.endswith(b"\n") else 0), ENDS_EARLY
    if match is None or match.group(1).decode("ascii") != _digest(text[:start]):
        return lines, MISMATCH
    return None


def _claimed_version(data: bytes) -> int | None:
    """The version a file says it has, from its text (for a file too damaged to parse)."""
    match = _VERSION_LINE.search(data[:4096])
    return int(match.group(1)) if match else None


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
        "flags_acknowledged": list(plan.flags_acknowledged),
        "signs": list(plan.signs),
        "subtypes": dict(plan.subtypes),
        "points": [
            {
                "code": p.code,
                "method": p.method.value,
                "added": p.code in plan.added,
                "included": p.included,
                "confirmed": list(p.confirmed),
                "serves": [f"{r.kind}:{r.id}" if r.id else str(r.kind) for r in p.reasons],
            }
            | ({"side": p.side.value} if p.side not in (None, Side.BOTH) else {})
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
    body = yaml.dump(
        plan_to_data(plan), Dumper=dumper, sort_keys=False, allow_unicode=True, default_flow_style=False
    )
    return seal(header + body)


def backup_path(path: str | Path) -> Path:
    path = Path(path)
    return path.with_name(path.name + BACKUP_SUFFIX)


def save_plan(plan: Plan, path: str | Path) -> None:
    """Write ``plan`` atomically, keeping the previous file as ``NAME.bak``.

    Raises ``OSError`` (the system's words) or :class:`PlanFileError` when the plan could not be
    read back (too large); the file on disk is then unchanged."""
    path = Path(path)
    if not path.name or path.is_dir():
        raise IsADirectoryError(errno.EISDIR, "this is a folder, not a plan file", str(path))
    new = dump_plan(plan).encode("utf-8")
    if len(new) > MAX_BYTES:
        message = (
            f"the plan is too large to save: {len(new)} bytes, and a plan file may hold {MAX_BYTES} "
            "(shorten the notes)"
        )
        raise PlanFileError([Problem(path.name, 1, 1, "", message)])
    remove_stale_temps(path.parent, path.name)

    def keep_previous(_new: Path) -> None:
        if path.exists():
            backup = backup_path(path)
            try:
                write_atomically(backup, path.read_bytes())
            except OSError as exc:  # name the plan being saved; say what failed
                reason = f"{exc.strerror or exc} (while keeping the previous version as {backup.name})"
                raise type(exc)(exc.errno or errno.EIO, reason, str(path)) from None

    write_atomically(path, new, keep_previous)
    fsync_dir(path.parent)


# --- reading ---------------------------------------------------------------------------------------------


class _PlanReader(NodeReader):
    def free_text(self, node: yaml.Node, path: str, multiline: bool = True) -> str | None:
        """Text that may be empty (notes, case label); null reads as empty."""
        if isinstance(node, yaml.ScalarNode) and node.tag == NULL:
            return ""
        if not isinstance(node, yaml.ScalarNode) or node.tag != STR:
            self._expected(node, path, "text")
            return None
        value = str(node.value)
        if problem := text_problem(value, multiline):
            self.report(node, path, problem)
            return None
        return value

    def once(
        self, node: yaml.Node, path: str, value: str, seen: dict[str, yaml.Node], noun: str = ""
    ) -> bool:
        """False (reported) when ``value`` was listed before in this list."""
        if value in seen:
            line = seen[value].start_mark.line + 1
            what = f"duplicate {noun} '{shown(value)}'" if noun else f"'{shown(value)}' is listed twice"
            self.report(node, path, f"{what} (first at line {line})")
            return False
        seen[value] = node
        return True

    def ids(self, node: yaml.Node, path: str, known: object, what: str) -> list[str]:
        items = self.sequence(node, path)
        out: list[str] = []
        seen: dict[str, yaml.Node] = {}
        for i, item in enumerate(items or ()):
            value = self.text(item, child(path, i))
            if value is None:
                continue
            if value not in known:  # type: ignore[operator]
                self.report(item, child(path, i), f"unknown {what} '{shown(value)}' (not in the catalog)")
                continue
            if self.once(item, child(path, i), value, seen):
                out.append(value)
        return out

    def confirmed_ids(self, node: yaml.Node, path: str) -> tuple[str, ...]:
        items = self.sequence(node, path)
        return tuple(v for i, n in enumerate(items or ()) if (v := self.text(n, child(path, i))) is not None)


def _older_note(filename: str, version: int) -> str:
    return (
        f"{filename} is a plan file of format version {version}, which has no checksum: a cut or damaged "
        f"file of that version cannot always be told from a whole one, so check the plan. Saving it "
        f"writes format version {VERSION}."
    )


def load_plan(catalog: Catalog, path: str | Path) -> Plan:
    """Read a plan file, or raise :class:`PlanFileError` naming file, line and field."""
    return read_plan(catalog, path).plan


def read_plan(catalog: Catalog, path: str | Path) -> LoadedPlan:
    """Read a plan file: the plan, its version and notes about it; or raise :class:`PlanFileError`
    naming file, line and field (a cut, damaged or newer file is refused, never half-read)."""
    filename = Path(path).name
    data = read_file_bytes(path, filename, PlanFileError)
    integrity = _integrity(data)
    try:
        root = compose_safely(data, filename, PlanFileError)
    except PlanFileError:
        claimed = _claimed_version(data)
        if integrity is not None and claimed is not None and CHECKSUM_SINCE <= claimed <= VERSION:
            raise PlanFileError([Problem(filename, integrity[0], 1, "", integrity[1])]) from None
        raise
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
        r.report(top["format"], "format", f"expected '{FORMAT}', got '{shown(fmt)}'")
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
    assert version is not None
    if version >= CHECKSUM_SINCE and integrity is not None:
        raise PlanFileError([Problem(filename, integrity[0], 1, "", integrity[1])])
    if version < CHECKSUM_SINCE and "checksum" in top:
        key = next(k for k, _v in root.value if isinstance(k, yaml.ScalarNode) and k.value == "checksum")
        r.report(key, "checksum", f"unknown field (format version {version} has no checksum)")
    for name in _TOP_REQUIRED:
        if name not in top:
            r.report(root, "", f"missing required field '{name}'")

    def ids(name: str, known: object, what: str) -> list[str]:
        return r.ids(top[name], name, known, what) if name in top else []

    case_label = r.free_text(top["case_label"], "case_label", multiline=False) if "case_label" in top else ""
    if case_label and (problem := case_label_problem(case_label)):
        r.report(top["case_label"], "case_label", problem)
    notes = r.free_text(top["notes"], "notes") if "notes" in top else ""
    age: int | None = None
    if "age" in top and not (isinstance(top["age"], yaml.ScalarNode) and top["age"].tag == NULL):
        age = r.integer(top["age"], "age")
        if age is not None and (problem := age_problem(age)):
            r.report(top["age"], "age", problem)
            age = None
    patterns = ids("patterns", catalog.patterns, "pattern")
    legacy = LEGACY_ZONES if version < LEG_ZONES_SINCE else {}
    read_zones = ids("zones", set(catalog.zones) | set(legacy), "zone")
    zones = list(dict.fromkeys(z for zone in read_zones for z in legacy.get(zone, (zone,))))
    factors = ids("factors", catalog.factors, "factor")
    red_flags = ids("red_flags", catalog.red_flags, "red flag")
    acknowledged = ids("flags_acknowledged", catalog.red_flags, "red flag")
    subtypes: dict[str, str] = {}
    for pid, key_node, value_node in (
        r.mapping(top["subtypes"], "subtypes") or () if "subtypes" in top else ()
    ):
        sid = r.text(value_node, child("subtypes", pid))
        pattern = catalog.patterns.get(pid)
        if pattern is None:
            r.report(key_node, child("subtypes", pid), f"unknown pattern '{pid}' (not in the catalog)")
        elif sid is not None and sid not in {s.id for s in pattern.subtypes}:
            r.report(value_node, child("subtypes", pid), f"'{sid}' is not a subtype of {pid}")
        elif sid is not None:
            subtypes[pid] = sid
    removed = ids("removed", catalog.points, "point")
    from .intake import all_sign_ids

    signs = ids("signs", all_sign_ids(catalog), "sign")
    added: list[str] = []
    methods: dict[str, NeedleMethod] = {}
    sides: dict[str, Side] = {}
    confirmed: dict[str, tuple[str, ...]] = {}
    seen_points: dict[str, yaml.Node] = {}
    for i, node in enumerate(r.sequence(top["points"], "points") or () if "points" in top else ()):
        path = child("points", i)
        optional = ("added", "included", "confirmed", "serves") + (("side",) if version >= 4 else ())
        f = r.fields(node, path, ("code", "method"), optional)
        if f is None:
            continue
        code = r.text(f["code"], child(path, "code")) if "code" in f else None
        if code is not None and code not in catalog.points:
            r.report(f["code"], child(path, "code"), f"unknown point '{shown(code)}' (not in the catalog)")
            code = None
        if code is not None and not r.once(f["code"], child(path, "code"), code, seen_points, "point"):
            code = None
        method = (
            r.choice(f["method"], child(path, "method"), [m.value for m in NeedleMethod])
            if "method" in f
            else None
        )
        side = r.choice(f["side"], child(path, "side"), [s.value for s in Side]) if "side" in f else None
        is_added = r.boolean(f["added"], child(path, "added")) if "added" in f else False
        if "included" in f:
            r.boolean(f["included"], child(path, "included"))  # informative; recomputed from the catalog
        if "serves" in f:
            r.sequence(f["serves"], child(path, "serves"))
        if code is None:
            continue
        if method is not None:
            methods[code] = NeedleMethod(method)
        if side is not None:
            if catalog.points[code].laterality is Laterality.BILATERAL:
                sides[code] = Side(side)
            else:
                r.report(f["side"], child(path, "side"), f"{code} is a midline point: it has no side")
        if is_added:
            added.append(code)
        if "confirmed" in f:
            confirmed[code] = r.confirmed_ids(f["confirmed"], child(path, "confirmed"))
    known_techniques = safety.techniques(catalog)
    seen_techniques: dict[str, yaml.Node] = {}
    for i, node in enumerate(
        r.sequence(top["techniques"], "techniques") or () if "techniques" in top else ()
    ):
        path = child("techniques", i)
        f = r.fields(node, path, ("id",), ("included", "confirmed"))
        if f is None or "id" not in f:
            continue
        tid = r.text(f["id"], child(path, "id"))
        if tid is not None and tid not in known_techniques:
            r.report(f["id"], child(path, "id"), f"unknown technique '{shown(tid)}' (not in the catalog)")
            tid = None
        if tid is not None and not r.once(f["id"], child(path, "id"), tid, seen_techniques, "technique"):
            tid = None
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
                for name, problem in course.problems():
                    where = f.get(name, top["course"])
                    r.report(where, child("course", name.split(".")[0]), problem)
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
        flags_acknowledged=tuple(acknowledged),
        subtypes=subtypes,
        signs=tuple(signs),
        added=tuple(added),
        removed=tuple(removed),
        methods=methods,
        sides=sides,
        confirmed=confirmed,
        course=course,
        notes=notes or "",
    )
    derived = {p.code for p in plan.points}
    missing = [code for code in methods if code not in derived and code not in removed]
    if missing:
        plan = build_plan(catalog, plan, added=(*plan.added, *missing))
    notes_about: tuple[str, ...] = (_older_note(filename, version),) if version < CHECKSUM_SINCE else ()
    if widened := [z for z in read_zones if z in legacy]:
        names = " and ".join(
            catalog.zones[legacy[z][0]].name.removesuffix(" (left)").lower() for z in widened
        )
        notes_about += (
            f"{filename} marks {names} without saying which leg (its format version {version} could "
            "not): both legs are marked on the pain map, so check the side.",
        )
    return LoadedPlan(plan, version, notes_about)
