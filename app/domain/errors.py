"""Errors for the data files Yaotong reads (the catalog, plans, settings).

Every problem names the file, the 1-based line and column, the dotted field
path (``patterns.wind_cold.prescription.distal[1].point``) and what was wrong,
so a person editing the file in any text editor can jump straight to it:

    points.yaml:212:9: patterns.wind_cold.prescription.distal[1].point: unknown point 'BL99'
"""

from __future__ import annotations

from collections.abc import Iterable

from .frozen import model
from .text_rules import escaped


@model
class Problem:
    file: str  # the file's name as shown to the user (usually the base name)
    line: int  # 1-based
    column: int  # 1-based
    path: str  # dotted field path with [index]; "" for the file as a whole
    message: str

    def __str__(self) -> str:
        """One line; control characters from the file are escaped, never sent to a terminal."""
        where = f"{self.file}:{self.line}:{self.column}"
        text = f"{where}: {self.path}: {self.message}" if self.path else f"{where}: {self.message}"
        return escaped(text)


class DataFileError(Exception):
    """A data file could not be read: carries every problem found, in file order."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        super().__init__(str(self))

    def __str__(self) -> str:
        return "\n".join(str(p) for p in self.problems)

    def summary(self) -> str:
        """The first problem in words for a person, not a developer (the full list is ``str``)."""
        if not self.problems:
            return "The file could not be read."
        first = self.problems[0]
        where = f"line {first.line}" + (f", in {first.path}" if first.path else "")
        more = len(self.problems) - 1
        rest = f" ({more} more problem{'s' if more > 1 else ''} in Details.)" if more else ""
        return escaped(f"{first.file} could not be used: at {where}, {first.message}.{rest}")


class CatalogError(DataFileError):
    """``data/points.yaml`` (or a file given in its place) is malformed or inconsistent."""
