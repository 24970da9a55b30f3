"""Every user setting Yaotong keeps, declared once: its key, its type, its default.

Pure Python, in the style of MusicBrainz Picard's ``config`` options: each
setting is an :class:`Option` that turns whatever the settings file holds into
a value of its type, or its default when the stored value is missing, of the
wrong type or out of range (a hand-edited or damaged settings file never stops
the app). The Qt store (``app.ui.settings_store``) reads and writes them; no
other module names a settings key.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Generic, TypeVar

from .frozen import model
from .vocabulary import Theme, View

T = TypeVar("T")
E = TypeVar("E", bound=StrEnum)


@model
class Option(Generic[T]):
    key: str
    default: T

    def coerce(self, raw: object) -> T:
        """The stored value as this option's type, or the default."""
        raise NotImplementedError

    def dump(self, value: T) -> object:
        """What is written to the settings file."""
        return value


@model
class TextOption(Option[str]):
    max_length: int = 4096

    def coerce(self, raw: object) -> str:
        return raw if isinstance(raw, str) and len(raw) <= self.max_length else self.default


@model
class ChoiceOption(Option[str | None]):
    """Text naming one of a set only known at run time (a pattern id): None when not stored."""

    max_length: int = 200

    def coerce(self, raw: object) -> str | None:
        return raw if isinstance(raw, str) and len(raw) <= self.max_length else self.default


@model
class BoolOption(Option[bool]):
    def coerce(self, raw: object) -> bool:
        if isinstance(raw, bool):
            return raw
        if isinstance(raw, str) and raw.lower() in ("true", "false"):  # INI files store words
            return raw.lower() == "true"
        return self.default


@model
class IntOption(Option[int]):
    minimum: int = 0
    maximum: int = 1_000_000

    def coerce(self, raw: object) -> int:
        if isinstance(raw, bool):
            return self.default
        try:
            value = int(raw) if isinstance(raw, int | str) else self.default
        except ValueError:
            return self.default
        return value if self.minimum <= value <= self.maximum else self.default


@model
class EnumOption(Option[E]):
    def coerce(self, raw: object) -> E:
        kind = type(self.default)
        return kind(raw) if isinstance(raw, str) and raw in set(kind) else self.default

    def dump(self, value: E) -> object:
        return value.value


@model
class TextListOption(Option[tuple[str, ...]]):
    max_items: int = 100
    max_length: int = 4096  # per item (a path)

    def coerce(self, raw: object) -> tuple[str, ...]:
        if isinstance(raw, str):  # QSettings stores a one-item list as the item
            raw = [raw]
        if not isinstance(raw, list | tuple):
            return self.default
        items = (v for v in raw if isinstance(v, str) and 0 < len(v) <= self.max_length)
        return tuple(items)[: self.max_items]

    def dump(self, value: tuple[str, ...]) -> object:
        return list(value)


@model
class BytesOption(Option[bytes]):
    """Opaque state a widget saves and restores (window geometry, splitter sizes)."""

    def coerce(self, raw: object) -> bytes:
        return bytes(raw) if isinstance(raw, bytes | bytearray) else self.default


class Setting:
    """The settings, by name. Adding one: a line here, then ``settings[Setting.NAME]``."""

    THEME = EnumOption("appearance/theme", Theme.SYSTEM)
    WINDOW_GEOMETRY = BytesOption("window/geometry", b"")
    WINDOW_STATE = BytesOption("window/state", b"")
    REFERENCE_SPLITTER = BytesOption("reference/splitter", b"")
    REFERENCE_PATTERN = ChoiceOption("reference/pattern", None)  # a pattern id, "" for all points
    REFERENCE_VIEW = EnumOption("reference/view", View.BACK)
    REFERENCE_LABELS = BoolOption("reference/labels", True)
    REFERENCE_LEFT_TAB = IntOption("reference/left_tab", 0, maximum=20)
    RECENT_PLANS = TextListOption("intake/recent_plans", (), max_items=8)
    FILE_FOLDER = TextOption("files/folder", "")  # where the last plan or PDF went; "": the documents folder
    CLINIC_NAME = TextOption("clinic/name", "", max_length=200)  # printed on the handout
    CLINIC_PHONE = TextOption("clinic/phone", "", max_length=60)
    NEXT_APPOINTMENT = TextOption(
        "clinic/next_appointment", "", max_length=200
    )  # free text, e.g. "Tue 9 Dec, 10:00"
