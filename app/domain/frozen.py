"""``model``: a frozen, slotted dataclass that is cheaper to define at import.

``dataclass(frozen=True, slots=True)`` compiles six methods for each class when its module is
imported (``__init__``, ``__repr__``, ``__eq__``, ``__hash__``, ``__setattr__``, ``__delattr__``):
for the catalog's models and the settings, about 230 small compilations at every start of the
window. ``model`` lets dataclasses compile the three that depend on the class (the constructor
and the two that keep it frozen) and gives every class the same three shared functions for
equality, hashing and its repr, which compare, hash and print exactly the fields a dataclass's
own would, in the same order. Everything else is the dataclass's: ``fields``, ``replace``,
defaults, ``__match_args__``, slots.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from operator import attrgetter
from typing import Any, TypeVar, dataclass_transform

T = TypeVar("T")


def _values(names: tuple[str, ...]) -> Callable[[Any], tuple[Any, ...]]:
    """The tuple of these attributes (a tuple even for one name, as a dataclass compares them)."""
    if len(names) == 1:
        one = attrgetter(names[0])
        return lambda obj: (one(obj),)
    return attrgetter(*names) if names else lambda obj: ()


def _eq(self: Any, other: Any) -> Any:
    if other.__class__ is self.__class__:
        compared = self.__class__.__model_compared__
        return compared(self) == compared(other)
    return NotImplemented


def _hash(self: Any) -> int:
    return hash(self.__class__.__model_hashed__(self))


def _repr(self: Any) -> str:
    shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__class__.__model_shown__)
    return f"{self.__class__.__qualname__}({shown})"


@dataclass_transform(frozen_default=True, field_specifiers=(dataclasses.field,))
def model(cls: type[T]) -> type[T]:
    """``@dataclass(frozen=True, slots=True)``, with shared ``__eq__``, ``__hash__`` and ``__repr__``."""
    made = dataclasses.dataclass(frozen=True, slots=True, eq=False, repr=False)(cls)
    target: Any = made  # typed loosely: a dataclass now, and the three class attributes are set on it
    fields = dataclasses.fields(target)
    compared = tuple(f.name for f in fields if f.compare)
    hashed = tuple(f.name for f in fields if (f.compare if f.hash is None else f.hash))
    shown = tuple(f.name for f in fields if f.repr)
    target.__model_compared__ = _values(compared)
    target.__model_hashed__ = _values(hashed)
    target.__model_shown__ = shown
    target.__eq__ = _eq
    target.__hash__ = _hash
    target.__repr__ = _repr
    return made
