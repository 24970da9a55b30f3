"""``frozen.model`` behaves as ``dataclass(frozen=True, slots=True)`` does (no Qt)."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

import pytest

from app.domain.frozen import model


def twins(body: dict[str, object]) -> tuple[type, type]:
    """The same class made by ``model`` and by the dataclass decorator it stands in for."""
    made = model(type("Made", (), dict(body)))
    plain = dataclass(frozen=True, slots=True)(type("Made", (), dict(body)))
    return made, plain


BODY: dict[str, object] = {
    "__annotations__": {"code": "str", "sides": "tuple[str, ...]", "depth": "float | None", "note": "str"},
    "sides": (),
    "depth": None,
    "note": field(default="", compare=False, repr=False),
}


def test_equality_hash_and_repr_are_the_dataclasses() -> None:
    made, plain = twins(BODY)
    for args in [("BL23",), ("BL23", ("left",), 1.5), ("BL23", ("left",), 1.5, "ignored")]:
        a, b = made(*args), plain(*args)
        assert repr(a) == repr(b)
        assert hash(a) == hash(made(*args)) == hash(b)
        assert a == made(*args)
    assert made("BL23", note="x") == made("BL23", note="y")  # a field left out of comparison
    assert made("BL23") != made("BL40")
    assert made("BL23", depth=1.0) != made("BL23", depth=2.0)
    assert len({made("BL23"), made("BL23"), made("BL40")}) == 2


def test_other_classes_never_compare_equal() -> None:
    made, plain = twins(BODY)
    other = model(type("Other", (), dict(BODY)))
    assert made("BL23") != other("BL23")
    assert made("BL23") != plain("BL23")
    assert made("BL23").__eq__(("BL23", (), None)) is NotImplemented


def test_one_field_compares_as_a_tuple_of_one() -> None:
    one, plain = twins({"__annotations__": {"code": "str"}})
    assert hash(one("GV4")) == hash(plain("GV4")) == hash(("GV4",))
    assert repr(one("GV4")) == "Made(code='GV4')"


def test_it_is_frozen_slotted_and_a_dataclass() -> None:
    made, _plain = twins(BODY)
    point = made("BL23", ("left", "right"))
    with pytest.raises(dataclasses.FrozenInstanceError):
        point.code = "BL40"  # type: ignore[attr-defined]
    with pytest.raises((AttributeError, TypeError)):
        point.extra = 1  # type: ignore[attr-defined]
    assert not hasattr(point, "__dict__")
    assert [f.name for f in dataclasses.fields(point)] == ["code", "sides", "depth", "note"]
    moved = dataclasses.replace(point, depth=0.5)
    assert moved.depth == 0.5 and moved.sides == ("left", "right") and moved != point
    assert made.__match_args__ == ("code", "sides", "depth", "note")
