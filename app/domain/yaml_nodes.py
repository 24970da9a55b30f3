"""Safe YAML reading with line numbers, for every data file Yaotong reads.

PyYAML's composer (on libyaml's ``CSafeLoader`` where available) gives a node
tree in which every node knows its line and column. We never let PyYAML build
Python objects: the readers below walk the nodes themselves, so every problem
can name ``file:line:column`` and the field path, and nothing in a file can
make PyYAML construct an arbitrary object.

``compose_safely`` refuses what a plain data file never needs and an attacker
or a broken editor could produce: oversized files, invalid UTF-8, tags (custom
or ``!!python/...``), merge keys, nesting deep enough to crash the C parser,
recursive aliases and alias "bombs" that expand to millions of nodes.
``NodeReader`` reads typed values and collects problems instead of stopping at
the first, so one run reports everything (up to ``MAX_PROBLEMS``: a file that
is wrong everywhere is reported in a second, not in megabytes). Only regular
files are read (a FIFO would block forever), text holds no control characters,
and values echoed in messages are escaped and shortened.
"""

from __future__ import annotations

import difflib
import math
import re
from collections.abc import Collection, Iterable
from pathlib import Path

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .errors import DataFileError, Problem
from .file_read import MAX_BYTES, read_file_bytes, too_big
from .text_rules import shown, text_problem

try:  # libyaml: ~10x faster; the pure-Python loader behaves the same.
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader

MAX_DEPTH = 64  # our formats nest < 10 deep; libyaml's C composer crashes near 40 000
MAX_NODES = 250_000  # after expanding aliases
MAX_ALIASES = 1_000
MAX_PROBLEMS = 200  # then the reader stops: the first ones are what to fix
_SAFE_COMPOSE_DEPTH = 5_000  # libyaml composes this deep without trouble; _check_tree then applies MAX_DEPTH
_TOO_DEEP = f"nesting deeper than {MAX_DEPTH} levels"
_STOPPED = f"more than {MAX_PROBLEMS} problems: stopped here (fix these first)"

_TAG = "tag:yaml.org,2002:"
STR, INT, FLOAT, BOOL, NULL, SEQ, MAP = (
    _TAG + t for t in ("str", "int", "float", "bool", "null", "seq", "map")
)
TIMESTAMP, MERGE = _TAG + "timestamp", _TAG + "merge"
# Tags a plain file can carry, all of them resolved implicitly by YAML itself.
_ALLOWED_TAGS = frozenset({STR, INT, FLOAT, BOOL, NULL, SEQ, MAP, TIMESTAMP})
_CONSTRUCTOR = yaml.constructor.SafeConstructor()


def child(path: str, key: str | int) -> str:
    """The dotted path of a field (``a.b``) or list item (``a[1]``); a key as a message may show it."""
    if isinstance(key, int):
        return f"{path}[{key}]"
    key = shown(key, 64)
    return f"{path}.{key}" if path else key


def line_column(data: str | bytes, offset: int) -> tuple[int, int]:
    """1-based line and column of ``offset``, with "\\r\\n", "\\r" and "\\n" each one line break
    (as YAML itself counts them)."""
    head = data[:offset].decode("latin-1") if isinstance(data, bytes) else data[:offset]  # 1 char a byte
    line = head.count("\n") + head.count("\r") - head.count("\r\n") + 1
    start = max(head.rfind("\n"), head.rfind("\r")) + 1
    return line, offset - start + 1


def _at(filename: str, node: Node, path: str, message: str) -> Problem:
    mark = node.start_mark
    return Problem(filename, mark.line + 1, mark.column + 1, path, message)


def _show_tag(tag: str) -> str:
    return "!!" + tag[len(_TAG) :] if tag.startswith(_TAG) else tag


# --- reading and composing -------------------------------------------------------------------------------


def decode_utf8(data: bytes, filename: str, error_type: type[DataFileError] = DataFileError) -> str:
    """Decode UTF-8 (an initial byte-order mark is allowed), naming the first bad byte."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, column = line_column(data, exc.start)
        message = (
            f"invalid UTF-8: byte 0x{data[exc.start]:02x} at byte offset {exc.start} (save the file as UTF-8)"
        )
        raise error_type([Problem(filename, line, column, "", message)]) from None
    return text[1:] if text.startswith("\ufeff") else text


def compose_safely(
    source: str | bytes, filename: str, error_type: type[DataFileError] = DataFileError
) -> Node:
    """Parse one YAML document into a node tree, or raise ``error_type``.

    ``filename`` is the name problems show. The result is never ``None``: an
    empty file is an error, as is more than one document.
    """
    if isinstance(source, bytes):
        if len(source) > MAX_BYTES:
            raise error_type([Problem(filename, 1, 1, "", too_big(len(source)))])
        text = decode_utf8(source, filename, error_type)
    else:
        text = source
        if len(text) > MAX_BYTES:
            raise error_type([Problem(filename, 1, 1, "", too_big(len(text.encode("utf-8"))))])
    _check_depth(text, filename, error_type)
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        raise error_type([_syntax_problem(exc, filename)]) from None
    except yaml.YAMLError as exc:
        raise error_type([_reader_problem(exc, text, filename)]) from None
    except RecursionError:  # the pure-Python composer (no libyaml) recurses per level
        raise error_type([Problem(filename, 1, 1, "", _TOO_DEEP)]) from None
    if node is None:
        raise error_type([Problem(filename, 1, 1, "", "the file is empty (expected a YAML mapping)")])
    _check_tree(node, filename, error_type)
    return node


def load_nodes(path: str | Path, error_type: type[DataFileError] = DataFileError) -> tuple[Node, str]:
    """Read and compose a file: (root node, the file name problems show)."""
    filename = Path(path).name
    return compose_safely(read_file_bytes(path, filename, error_type), filename, error_type), filename


def _syntax_problem(exc: yaml.MarkedYAMLError, filename: str) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    if exc.problem and "maximum nesting depth" in exc.problem:
        # the libyaml in newer PyYAML wheels (seen in 6.0.4) stops at 1000 levels itself: say it our way
        return Problem(filename, line, column, "", _TOO_DEEP)
    what = exc.problem or exc.context or "invalid YAML"
    if exc.context and exc.problem:
        started = f" at line {exc.context_mark.line + 1}" if exc.context_mark is not None else ""
        if exc.problem.startswith("but "):  # "expected a single document ..., but found another"
            what = f"{exc.context}{started}, {exc.problem}"
        else:
            what = f"{exc.problem} ({exc.context}{started})"
    return Problem(filename, line, column, "", f"YAML syntax: {what}")


def _reader_problem(exc: yaml.YAMLError, text: str, filename: str) -> Problem:
    position = getattr(exc, "position", None)
    if isinstance(position, int):
        line, column = line_column(text, position)
        char = getattr(exc, "character", None)  # libyaml gives a code point, PyYAML a character
        code = ord(char) if isinstance(char, str) and len(char) == 1 else char
        shown = f"U+{code:04X}" if isinstance(code, int) else repr(char)
        return Problem(filename, line, column, "", f"character {shown} is not allowed in YAML")
    return Problem(filename, 1, 1, "", f"YAML error: {exc}")


def _check_depth(text: str, filename: str, error_type: type[DataFileError]) -> None:
    """Refuse nesting deep enough to crash libyaml's recursive composer (it
    overflows the C stack near 40 000 levels) before composing.

    Fast path: nesting can never exceed the number of flow brackets plus the
    longest line (each block level needs one more column), so an ordinary
    file is cleared by counting. Otherwise we measure the depth on the event
    stream, which libyaml produces without recursion. (``_check_tree`` then
    holds every file to ``MAX_DEPTH``.)
    """
    bound = text.count("[") + text.count("{") + max((len(line) for line in text.splitlines()), default=0)
    if bound <= _SAFE_COMPOSE_DEPTH:
        return
    depth = 0
    try:
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    mark = event.start_mark
                    line, column = (mark.line + 1, mark.column + 1) if mark is not None else (0, 0)
                    raise error_type([Problem(filename, line, column, "", _TOO_DEEP)])
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.MarkedYAMLError as exc:
        raise error_type([_syntax_problem(exc, filename)]) from None
    except yaml.YAMLError as exc:
        raise error_type([_reader_problem(exc, text, filename)]) from None


def _path_to(root: Node, target: Node) -> str:
    """The field path of ``target`` (first found); only used to word a problem."""
    stack: list[tuple[Node, str]] = [(root, "")]
    seen: set[int] = set()
    while stack:
        node, path = stack.pop()
        if node is target:
            return path
        if id(node) in seen:
            continue
        seen.add(id(node))
        # pushed in reverse so the search runs in document order (the first path wins)
        if isinstance(node, MappingNode):
            for key, value in reversed(node.value):
                label = key.value if isinstance(key, ScalarNode) else "?"
                stack.append((value, child(path, label)))
                stack.append((key, child(path, label)))
        elif isinstance(node, SequenceNode):
            stack.extend((item, child(path, i)) for i, item in reversed(list(enumerate(node.value))))
    return ""


def _check_tree(root: Node, filename: str, error_type: type[DataFileError]) -> None:
    """One pass over the unique nodes: tags, depth and aliases. Only a file
    that re-uses a collection through an alias pays for ``_check_expansion``."""
    problems: list[Problem] = []
    seen: set[int] = set()
    holder: dict[int, tuple[Node | None, str | int]] = {}  # where each node first appears, for its path
    aliases = 0
    shared_collection = False

    def path_of(node: Node) -> str:
        keys: list[str | int] = []
        up: Node | None = node
        while up is not None and id(up) in holder:
            up, key = holder[id(up)]
            if up is not None:
                keys.append(key)
        path = ""
        for key in reversed(keys):
            path = child(path, key)
        return path

    # (node, depth, the collection holding it, its key or index there)
    stack: list[tuple[Node, int, Node | None, str | int]] = [(root, 1, None, "")]
    while stack:
        node, depth, parent, key = stack.pop()
        nid = id(node)
        if nid in seen:
            aliases += 1
            if aliases > MAX_ALIASES:
                # an alias has no position of its own: name the collection holding it
                where = parent if parent is not None else node
                message = f"too many aliases (more than {MAX_ALIASES})"
                raise error_type([_at(filename, where, child(_path_to(root, where), key), message)])
            shared_collection = shared_collection or not isinstance(node, ScalarNode)
            continue
        seen.add(nid)
        holder[nid] = (parent, key)
        if node.tag not in _ALLOWED_TAGS and len(problems) <= MAX_PROBLEMS:
            if node.tag == MERGE:
                message = "merge keys (<<) are not supported: write the fields out"
            elif len(problems) == MAX_PROBLEMS:
                message = _STOPPED
            else:
                message = (
                    f"tag '{shown(_show_tag(node.tag))}' is not allowed: the file must be plain YAML, "
                    "without tags"
                )
            problems.append(_at(filename, node, path_of(node), message))
        if isinstance(node, ScalarNode):
            continue
        if depth > MAX_DEPTH:
            raise error_type([_at(filename, node, "", _TOO_DEEP)])
        # children pushed in reverse: the walk runs in document order, so the
        # first occurrence of a node is the original and later ones the aliases
        if isinstance(node, MappingNode):
            for k, v in reversed(node.value):
                label = k.value if isinstance(k, ScalarNode) else "?"
                stack.append((v, depth + 1, node, label))
                stack.append((k, depth + 1, node, label))
        else:
            for i in range(len(node.value) - 1, -1, -1):
                stack.append((node.value[i], depth + 1, node, i))
    if problems:
        raise error_type(problems)
    if shared_collection:
        _check_expansion(root, filename, error_type)


def _children(node: Node) -> list[Node]:
    if isinstance(node, MappingNode):
        return [n for pair in node.value for n in pair]
    if isinstance(node, SequenceNode):
        return list(node.value)
    return []


def _check_expansion(root: Node, filename: str, error_type: type[DataFileError]) -> None:
    """Refuse recursive aliases and trees that expand to more than
    ``MAX_NODES`` (a "billion laughs"): sizes are memoised per node, so
    measuring a bomb costs no more than reading it."""
    size: dict[int, int] = {}
    visiting: set[int] = set()
    stack: list[tuple[Node, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        nid = id(node)
        if done:
            visiting.discard(nid)
            size[nid] = 1 + sum(size[id(c)] for c in _children(node))
            if size[nid] > MAX_NODES:
                message = f"too many nodes once aliases are expanded (more than {MAX_NODES})"
                raise error_type([_at(filename, node, _path_to(root, node), message)])
            continue
        if nid in size:
            continue
        visiting.add(nid)
        stack.append((node, True))
        for sub in _children(node):
            if id(sub) in visiting:
                message = "recursive alias: a node contains itself"
                raise error_type([_at(filename, sub, _path_to(root, node), message)])
            if id(sub) not in size:
                stack.append((sub, False))


# --- typed reading ---------------------------------------------------------------------------------------


def describe(node: Node) -> str:
    """What a node holds, for "expected X, got Y" messages."""
    if isinstance(node, MappingNode):
        return "a mapping"
    if isinstance(node, SequenceNode):
        return "a list"
    return {
        STR: "text",
        INT: "an integer",
        FLOAT: "a number",
        BOOL: "true/false",
        NULL: "nothing (null)",
        TIMESTAMP: "a date",
    }.get(node.tag, "a value")


def is_null(node: Node) -> bool:
    return isinstance(node, ScalarNode) and node.tag == NULL


class NodeReader:
    """Reads typed values from nodes, collecting a ``Problem`` for each fault.

    Each reader returns ``None`` when the value is unusable (the problem is
    already recorded), so a caller can keep going and report everything.
    """

    def __init__(self, filename: str, error_type: type[DataFileError] = DataFileError) -> None:
        self.filename = filename
        self.error_type = error_type
        self.problems: list[Problem] = []

    def report(self, node: Node, path: str, message: str) -> None:
        """Record a problem; past ``MAX_PROBLEMS`` stop reading (raises ``error_type``)."""
        if len(self.problems) >= MAX_PROBLEMS:
            found = sorted(self.problems, key=lambda p: (p.line, p.column))
            stop = _at(
                self.filename, node, "", f"more than {MAX_PROBLEMS} problems: stopped here (fix these first)"
            )
            raise self.error_type([*found, stop])
        self.problems.append(_at(self.filename, node, path, message))

    def raise_if_problems(self, error_type: type[DataFileError] | None = None) -> None:
        if self.problems:
            raise (error_type or self.error_type)(sorted(self.problems, key=lambda p: (p.line, p.column)))

    def _expected(self, node: Node, path: str, what: str) -> None:
        self.report(node, path, f"expected {what}, got {describe(node)}")

    def mapping(self, node: Node, path: str) -> list[tuple[str, Node, Node]] | None:
        """(key, key node, value node) in file order; duplicate and non-text keys are reported and skipped."""
        if not isinstance(node, MappingNode):
            self._expected(node, path, "a mapping" if path else "a mapping of fields at the top level")
            return None
        seen: dict[str, Node] = {}
        items: list[tuple[str, Node, Node]] = []
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode) or key_node.tag not in (STR, INT):
                self.report(key_node, path, f"keys must be text, got {describe(key_node)}")
                continue
            key = key_node.value
            if key in seen:
                first = seen[key].start_mark.line + 1
                self.report(key_node, path, f"duplicate key '{shown(key)}' (first defined at line {first})")
                continue
            seen[key] = key_node
            items.append((key, key_node, value_node))
        return items

    def fields(
        self, node: Node, path: str, required: Collection[str], optional: Collection[str]
    ) -> dict[str, Node] | None:
        """A mapping with a fixed set of fields: unknown and missing fields are reported."""
        items = self.mapping(node, path)
        if items is None:
            return None
        found: dict[str, Node] = {}
        for key, key_node, value_node in items:
            if key in required or key in optional:
                found[key] = value_node
            else:
                names = sorted((*required, *optional))
                close = difflib.get_close_matches(key, names, n=1) if len(key) <= 64 else []
                hint = f"did you mean '{close[0]}'?" if close else f"expected one of: {', '.join(names)}"
                self.report(key_node, child(path, key), f"unknown field ({hint})")
        for name in required:
            if name not in found:
                self.report(node, path, f"missing required field '{name}'")
        return found

    def sequence(self, node: Node, path: str) -> list[Node] | None:
        if not isinstance(node, SequenceNode):
            self._expected(node, path, "a list")
            return None
        return list(node.value)

    def text(self, node: Node, path: str, max_length: int | None = None) -> str | None:
        """Non-empty text without control characters (line breaks and tabs are fine), at most
        ``max_length`` characters."""
        if not isinstance(node, ScalarNode) or node.tag != STR:
            message = f"expected text, got {describe(node)}"
            if isinstance(node, ScalarNode) and node.tag != NULL:  # a bare 12, yes or 2008-01-01
                message += " (put it in quotes if it is meant as text)"
            self.report(node, path, message)
            return None
        value = str(node.value)
        if not value.strip():
            self.report(node, path, "empty text")
            return None
        if max_length is not None and len(value) > max_length:
            self.report(node, path, f"{len(value)} characters, the limit is {max_length}")
            return None
        if problem := text_problem(value):  # a quoted "\\0" or "\\e" escape, say
            self.report(node, path, problem)
            return None
        return value

    def pattern(
        self, node: Node, path: str, regex: re.Pattern[str], what: str, max_length: int | None = None
    ) -> str | None:
        value = self.text(node, path, max_length)
        if value is not None and not regex.fullmatch(value):
            self.report(node, path, f"'{shown(value)}' is not a valid {what}")
            return None
        return value

    def integer(self, node: Node, path: str) -> int | None:
        if not isinstance(node, ScalarNode) or node.tag != INT:
            self._expected(node, path, "an integer")
            return None
        try:
            return int(_CONSTRUCTOR.construct_yaml_int(node))
        except (ValueError, TypeError, IndexError):  # an explicit "!!int 2x" or "!!int ''"
            self.report(node, path, f"'{shown(node.value)}' is not a valid integer")
            return None

    def number(self, node: Node, path: str) -> float | None:
        if not isinstance(node, ScalarNode) or node.tag not in (INT, FLOAT):
            self._expected(node, path, "a number")
            return None
        try:
            construct = (
                _CONSTRUCTOR.construct_yaml_int if node.tag == INT else _CONSTRUCTOR.construct_yaml_float
            )
            value = float(construct(node))
        except (ValueError, TypeError, IndexError, OverflowError):  # an explicit "!!float 2x"
            self.report(node, path, f"'{shown(node.value)}' is not a number")
            return None
        if not math.isfinite(value):
            self.report(node, path, f"'{shown(node.value)}' is not a finite number")
            return None
        return value

    def boolean(self, node: Node, path: str) -> bool | None:
        if not isinstance(node, ScalarNode) or node.tag != BOOL:
            self._expected(node, path, "true or false")
            return None
        value = node.value.lower()
        if value not in _CONSTRUCTOR.bool_values:  # an explicit "!!bool maybe"
            self.report(node, path, f"'{shown(node.value)}' is not true or false")
            return None
        return bool(_CONSTRUCTOR.bool_values[value])

    def choice(self, node: Node, path: str, choices: Iterable[str]) -> str | None:
        value = self.text(node, path)
        options = tuple(choices)
        if value is not None and value not in options:
            self.report(node, path, f"'{shown(value)}' is not one of: {', '.join(options)}")
            return None
        return value
