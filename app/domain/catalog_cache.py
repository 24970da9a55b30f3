"""The validated catalog, kept between starts so the window does not check 18,000 lines each time.

``load_catalog_cached`` reads the catalog file, and when the cache holds the catalog built from
exactly these bytes by exactly this code, rebuilds it from the cache (about 15 ms instead of
about 350). Anything else (no cache, another file, another version of Yaotong, a damaged or
edited cache) loads and checks the file as ``yaotong validate`` does, then refreshes the cache.
The cache can only save time: a catalog with problems is never cached, and a cache that cannot
be written is skipped.

The format is JSON (no pickle: reading a cache never runs code). The first line is a header: the
key (BLAKE2b-256 of the catalog file and of the source of ``app.domain``, which defines the models
and every check) and the checksum (BLAKE2b-256) of the rest, the catalog as nested lists in the
models' field order, decoded by the models' own type hints. (BLAKE2b is Python's own: hashlib would
load OpenSSL, 6 MB, see ``app.domain.digest``.)
"""

from __future__ import annotations

import dataclasses
import enum
import json
import sys
import types
import typing
from collections.abc import Callable, Mapping
from functools import cache
from pathlib import Path
from typing import Any

from .digest import blake2b_hasher, blake2b_hex, sha256_hex
from .errors import CatalogError
from .file_read import read_file_bytes
from .models import Catalog

FORMAT = "yaotong-catalog-cache"
VERSION = 2  # 2: BLAKE2b key and checksum


def load_catalog_cached(path: str | Path, cache_dir: Path | None) -> Catalog:
    """The catalog at ``path`` (raises ``CatalogError`` as ``load_catalog`` does); ``cache_dir``
    None: no cache."""
    path = Path(path)
    data = read_file_bytes(path, path.name, CatalogError)
    if cache_dir is None:
        return _check(data, path)
    key = _key(data)
    cache_file = cache_dir / f"catalog-{sha256_hex(str(path.resolve()).encode())[:16]}.json"
    cached = _read(cache_file, key)
    if cached is not None:
        return dataclasses.replace(cached, path=str(path))
    catalog = _check(data, path)
    _write(cache_file, key, catalog)
    return catalog


def _check(data: bytes, path: Path) -> Catalog:
    from .loader import load_catalog_text  # imported only when the file is checked

    return load_catalog_text(data, path.name, str(path))


def _key(data: bytes) -> str:
    digest = blake2b_hasher()
    digest.update(data)
    digest.update(_code_fingerprint().encode())
    return digest.hexdigest()


@cache
def _code_fingerprint() -> str:
    """A digest of every module of ``app.domain``: a change to a model or a check is a new key."""
    digest = blake2b_hasher()
    digest.update(f"{FORMAT} {VERSION}".encode())
    for module in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(module.name.encode())
        digest.update(module.read_bytes())
    return digest.hexdigest()


def checksum(payload: bytes) -> str:
    """The header's checksum of the payload."""
    return blake2b_hex(payload)


def _read(cache_file: Path, key: str) -> Catalog | None:
    try:
        with cache_file.open("rb") as handle:
            header = json.loads(handle.readline())
            payload = handle.read()
        if header != {
            "format": FORMAT,
            "version": VERSION,
            "key": key,
            "checksum": checksum(payload),
        }:
            return None
        catalog = _decoder(Catalog)(json.loads(payload))
    except (OSError, ValueError, TypeError, KeyError, IndexError, AttributeError):
        return None  # no cache, or one from elsewhere: check the file instead
    return catalog if isinstance(catalog, Catalog) else None


def _write(cache_file: Path, key: str, catalog: Catalog) -> None:
    from .atomic import remove_stale_temps, write_atomically  # a start that reads the cache writes nothing

    payload = json.dumps(_plain(catalog), ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    header = {"format": FORMAT, "version": VERSION, "key": key, "checksum": checksum(payload)}
    try:
        cache_file.parent.mkdir(parents=True, exist_ok=True)
        remove_stale_temps(cache_file.parent, cache_file.name)
        write_atomically(cache_file, json.dumps(header).encode() + b"\n" + payload)
    except OSError:
        pass  # a cache that cannot be written only costs time at the next start


def _plain(item: Any) -> Any:
    """Models as nested lists in field order (enums by value, mappings as objects)."""
    if dataclasses.is_dataclass(item) and not isinstance(item, type):
        return [_plain(getattr(item, f.name)) for f in dataclasses.fields(item)]
    if isinstance(item, enum.Enum):
        return item.value
    if isinstance(item, tuple | list):
        return [_plain(x) for x in item]
    if isinstance(item, Mapping):
        return {key: _plain(value) for key, value in item.items()}
    return item


def _field_type(model: type, field: dataclasses.Field[Any]) -> Any:
    """The field's type: its annotation (a string in the models' modules) evaluated in the module of
    the class that declares it, as ``typing.get_type_hints`` does, once per module and text."""
    annotation = field.type
    if not isinstance(annotation, str):
        return annotation
    owner = next(c for c in model.__mro__ if field.name in vars(c).get("__annotations__", {}))
    return _evaluated(owner.__module__, annotation)


@cache
def _evaluated(module: str, annotation: str) -> Any:
    # typing.get_type_hints compiles every field's annotation anew (about 200 compilations here);
    # the models repeat a few dozen, each evaluated as get_type_hints would, in its module.
    return eval(annotation, vars(sys.modules[module]))


def _identity(value: Any) -> Any:
    return value


@cache
def _decoder(hint: Any) -> Callable[[Any], Any]:
    """A function turning ``_plain``'s output back into the type ``hint`` names.

    Built once per type and run on every one of the catalog's few thousand models at each start,
    so a field stored as it is decoded (text, numbers, flags) is passed through without a call."""
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        fields = dataclasses.fields(hint)
        decoders = [_decoder(_field_type(hint, f)) for f in fields]
        convert = [(i, d) for i, d in enumerate(decoders) if d is not _identity]
        count = len(fields)
        model = hint

        def build(values: list[Any]) -> Any:
            if type(values) is not list or len(values) != count:
                raise ValueError(f"{model.__name__}: not the {count} values of its fields")
            for index, decode in convert:
                values[index] = decode(values[index])
            return model(*values)

        return build
    if origin in (types.UnionType, typing.Union):
        (inner,) = [a for a in args if a is not type(None)]
        decode_inner = _decoder(inner)
        if decode_inner is _identity:
            return _identity
        return lambda value: None if value is None else decode_inner(value)
    if origin is tuple:
        decode_item = _decoder(args[0])
        if decode_item is _identity:
            return tuple
        return lambda value: tuple(map(decode_item, value))
    if isinstance(origin, type) and issubclass(origin, Mapping):
        decode_value = _decoder(args[1])
        if origin is dict:
            return lambda value: {k: decode_value(v) for k, v in value.items()}
        return lambda value: types.MappingProxyType({k: decode_value(v) for k, v in value.items()})
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return {member.value: member for member in hint}.__getitem__  # an unknown value: KeyError
    return _identity
