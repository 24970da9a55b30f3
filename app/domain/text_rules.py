"""Rules for the text Yaotong reads from files and command lines, and how it echoes text back.

Pure Python. ``text_problem`` says what makes a text unfit to keep and print
(control characters, line breaks where one line is expected, bytes that were
not UTF-8); ``shown`` makes any text safe to echo in a message on a terminal
(control characters escaped, long values shortened).
"""

from __future__ import annotations

import re

# C0 and C1 controls but tab and the line breaks, and lone surrogates; then the line breaks
# (allowed in multi-line text only; NEL is a C1 control, refused anyway).
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
_LINE_BREAK = re.compile("[\n\r\u2028\u2029]")
_TO_ESCAPE = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff\u2028\u2029]")


def text_problem(text: str, multiline: bool = True) -> str | None:
    """What makes ``text`` unfit to keep and print, or None.

    Tabs are allowed, line breaks (also CR, U+2028, U+2029) only in ``multiline`` text; other C0
    and C1 control characters (NUL, escape, bell ...) and lone surrogates (an undecodable byte on
    a command line) are not."""
    if not multiline and _LINE_BREAK.search(text):
        return "a line break is not allowed here"
    found = _CONTROL.search(text)
    if found is None:
        return None
    code = ord(found.group())
    if 0xD800 <= code <= 0xDFFF:
        return "not valid text (a byte that is not UTF-8)"
    return f"control character U+{code:04X} is not allowed"


def _escape(char: str) -> str:
    code = ord(char)
    if code < 0x20 or 0x7F <= code < 0xA0 or 0xD800 <= code <= 0xDFFF or char in "\u2028\u2029":
        return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
    return char


def escaped(text: str) -> str:
    """``text`` with its control characters (and line separators, lone surrogates) written as
    ``\\x1b``-style escapes: safe to print on a terminal, one line."""
    if _TO_ESCAPE.search(text) is None:  # the common case
        return text
    return "".join(map(_escape, text))


def shown(value: str, limit: int = 80) -> str:
    """``value`` as a message may echo it: escaped (see :func:`escaped`), cut to ``limit``
    characters with an ellipsis."""
    text = escaped(value[: limit + 1])
    return text if len(value) <= limit else text[: limit - 1] + "…"
