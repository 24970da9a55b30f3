"""Digests taken at every start, without loading OpenSSL.

``import hashlib`` loads OpenSSL's libcrypto, 6 MB resident in the window's process, for the two
digests start-up takes: the catalog cache's key and checksum, and the single-instance socket's name.
Python's own implementations, the ones hashlib itself falls back to, give the same digests.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Protocol, cast


class Hasher(Protocol):
    def update(self, data: bytes, /) -> None: ...

    def hexdigest(self) -> str: ...


def _builtin(name: str, candidates: tuple[str, ...]) -> Callable[..., Hasher]:
    """``name`` from the first of CPython's built-in hash modules that has it; else hashlib's."""
    for module in candidates:
        try:
            return cast("Callable[..., Hasher]", getattr(importlib.import_module(module), name))
        except (ImportError, AttributeError):
            continue
    return cast("Callable[..., Hasher]", getattr(importlib.import_module("hashlib"), name))


_sha256 = _builtin("sha256", ("_sha256", "_sha2"))  # 3.11: _sha256, 3.12+: _sha2
_blake2b = _builtin("blake2b", ("_blake2",))


def sha256_hex(data: bytes) -> str:
    """SHA-256, for small data (names): the same hex digest as ``hashlib.sha256``."""
    hasher = _sha256()
    hasher.update(data)
    return hasher.hexdigest()


def blake2b_hasher() -> Hasher:
    """A BLAKE2b-256 hasher, for megabytes: three times as fast as Python's own SHA-256 here, and
    as strong."""
    return _blake2b(digest_size=32)


def blake2b_hex(data: bytes) -> str:
    hasher = blake2b_hasher()
    hasher.update(data)
    return hasher.hexdigest()
