"""Find the shipped data and resources, from a source checkout or an installed wheel.

In a checkout they sit beside the package (``data/``, ``resources/``); the wheel
force-includes them inside it (``app/data``, ``app/resources``).
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _find(name: str) -> Path:
    for candidate in (_PACKAGE / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"Yaotong's {name}/ folder is missing (looked in {_PACKAGE} and its parent)")


def data_dir() -> Path:
    return _find("data")


def resources_dir() -> Path:
    return _find("resources")


def catalog_path() -> Path:
    return data_dir() / "points.yaml"
