"""Errors for the data files Yaotong reads (the catalog, plans, settings).

Every problem names the file, the 1-based line and column, the dotted field
path (``patterns.wind_cold.prescription.distal[1].point``) and what was wrong,
so a person editing the file in any text editor can jump straight to it:

    points.yaml:212:9: patterns.wind_cold.prescription.distal[1].point: unknown point 'BL99'
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .text_rules import escaped


@dataclass(frozen=True, slots=True)
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


class CatalogError(DataFileError):
    """``data/points.yaml`` (or a file given in its place) is malformed or inconsistent."""
