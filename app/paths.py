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


def user_data_dir(organization: str = "Yaotong", application: str = "Yaotong") -> Path:
    """Where Qt's ``QStandardPaths.AppDataLocation`` puts the application's data, found without Qt
    (the command line reads the same case book as the window without loading Qt)."""
    import os
    import sys

    home = Path.home()
    if sys.platform == "win32":
        base = Path(os.environ.get("APPDATA") or home / "AppData" / "Roaming")
    elif sys.platform == "darwin":
        base = home / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or home / ".local" / "share")
    return base / organization / application


def user_cache_dir(organization: str = "Yaotong", application: str = "Yaotong") -> Path:
    """Where the platform keeps an application's disposable caches (as Qt's ``CacheLocation``)."""
    import os
    import sys

    home = Path.home()
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or home / "AppData" / "Local")
        return base / organization / application / "cache"
    if sys.platform == "darwin":
        return home / "Library" / "Caches" / organization / application
    return Path(os.environ.get("XDG_CACHE_HOME") or home / ".cache") / organization / application
