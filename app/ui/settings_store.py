"""The typed settings (``app.domain.settings``) over a QSettings file.

``Settings(qsettings)[Setting.THEME]`` is always a ``Theme``: whatever the file
holds is coerced by the option, so a malformed settings file falls back to the
defaults instead of stopping the app.
"""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import QByteArray, QSettings

from app.domain.settings import Option

T = TypeVar("T")
ORGANIZATION = "Yaotong"
APPLICATION = "Yaotong"


class Settings:
    def __init__(self, store: QSettings | None = None) -> None:
        self.store = store if store is not None else QSettings(ORGANIZATION, APPLICATION)

    def __getitem__(self, option: Option[T]) -> T:
        raw = self.store.value(option.key)
        if isinstance(raw, QByteArray):
            raw = raw.data()
        return option.coerce(raw)

    def __setitem__(self, option: Option[T], value: T) -> None:
        stored = option.dump(value)
        self.store.setValue(option.key, QByteArray(stored) if isinstance(stored, bytes) else stored)

    def sync(self) -> None:
        self.store.sync()
