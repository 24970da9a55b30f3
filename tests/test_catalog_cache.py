"""The validated-catalog cache: only ever saves time, never changes what is loaded (no Qt)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from app.domain import catalog_cache
from app.domain.catalog_cache import load_catalog_cached
from app.domain.errors import CatalogError
from app.domain.loader import load_catalog
from app.paths import catalog_path

BROKEN = Path(__file__).parent / "broken"


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    """The shipped catalog, copied where a test may edit it."""
    target = tmp_path / "points.yaml"
    shutil.copyfile(catalog_path(), target)
    return target


def cache_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("catalog-*.json"))


def test_a_cached_catalog_is_the_catalog(copy: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first = load_catalog_cached(copy, cache)
    assert len(cache_files(cache)) == 1
    second = load_catalog_cached(copy, cache)
    assert second == first == load_catalog(copy)  # every model, field by field
    assert second.path == str(copy)


def test_a_hit_does_not_check_the_file_again(copy: Path, tmp_path: Path, monkeypatch) -> None:
    cache = tmp_path / "cache"
    load_catalog_cached(copy, cache)

    def refuse(*args, **kwargs):
        raise AssertionError("the loader ran although the cache holds this file")

    monkeypatch.setattr(catalog_cache, "_check", refuse)
    assert load_catalog_cached(copy, cache).points


def test_an_edited_file_is_checked_again(copy: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    load_catalog_cached(copy, cache)
    text = copy.read_text(encoding="utf-8")
    copy.write_text(text.replace("    pinyin: Shènshū\n", "    pinyin: Shènshū2\n", 1), encoding="utf-8")
    assert load_catalog_cached(copy, cache).points["BL23"].pinyin == "Shènshū2"
    copy.write_text(text.replace("schema_version: 1", "schema_version: 9", 1), encoding="utf-8")
    with pytest.raises(CatalogError):  # a broken file is never served from the cache
        load_catalog_cached(copy, cache)


def test_other_code_is_another_key(copy: Path, tmp_path: Path, monkeypatch) -> None:
    cache = tmp_path / "cache"
    load_catalog_cached(copy, cache)
    monkeypatch.setattr(catalog_cache, "_code_fingerprint", lambda: "another version of Yaotong")
    calls = []
    real = catalog_cache._check
    monkeypatch.setattr(catalog_cache, "_check", lambda *a, **k: calls.append(1) or real(*a, **k))
    load_catalog_cached(copy, cache)
    assert calls == [1]


@pytest.mark.parametrize(
    "damage",
    [
        lambda raw: raw[: len(raw) // 2],  # cut short
        lambda raw: raw.replace(b'"Sh\\u00e8nsh\\u016b"', b'"edited"', 1).replace(
            "Shènshū".encode(), b"edited", 1
        ),
        lambda raw: b"not json\n" + raw,
        lambda raw: b"",
    ],
    ids=["cut", "edited", "garbage", "empty"],
)
def test_a_damaged_cache_is_ignored_and_rewritten(copy: Path, tmp_path: Path, damage) -> None:
    cache = tmp_path / "cache"
    expected = load_catalog_cached(copy, cache)
    (entry,) = cache_files(cache)
    entry.write_bytes(damage(entry.read_bytes()))
    assert load_catalog_cached(copy, cache) == expected
    header = json.loads(entry.read_bytes().split(b"\n", 1)[0])
    assert header["format"] == "yaotong-catalog-cache"  # written again, whole


def test_a_payload_that_does_not_fit_the_models_is_ignored(copy: Path, tmp_path: Path) -> None:
    """A cache whose checksum matches but whose content is not a catalog (hand-made) is not used."""
    cache = tmp_path / "cache"
    expected = load_catalog_cached(copy, cache)
    (entry,) = cache_files(cache)
    header = json.loads(entry.read_bytes().split(b"\n", 1)[0])
    payload = b"[1, 2, 3]"
    header["checksum"] = catalog_cache.checksum(payload)
    entry.write_bytes(json.dumps(header).encode() + b"\n" + payload)
    assert load_catalog_cached(copy, cache) == expected


@pytest.mark.parametrize(
    "damage",
    [
        lambda point: point[:-1],  # a field short
        lambda point: [*point[:7], "sideways", *point[8:]],  # laterality: not a Laterality
        lambda point: dict(enumerate(point)),  # an object where the fields' list goes
        lambda point: [*point[:13], "BL23", *point[14:]],  # anchors: text where a list goes
    ],
    ids=["short", "enum", "object", "text-for-list"],
)
def test_a_point_that_does_not_fit_its_model_is_not_served(
    copy: Path, tmp_path: Path, monkeypatch, damage
) -> None:
    """A checksum-valid cache whose one point is malformed falls back to checking the file."""
    cache = tmp_path / "cache"
    expected = load_catalog_cached(copy, cache)
    (entry,) = cache_files(cache)
    header_line, payload = entry.read_bytes().split(b"\n", 1)
    data = json.loads(payload)
    points = data[6]  # the catalog's fields in order: path, schema_version, ... points
    code = next(iter(points))
    points[code] = damage(points[code])
    payload = json.dumps(data).encode()
    header = json.loads(header_line)
    header["checksum"] = catalog_cache.checksum(payload)
    entry.write_bytes(json.dumps(header).encode() + b"\n" + payload)
    checked = []
    real = catalog_cache._check
    monkeypatch.setattr(catalog_cache, "_check", lambda *a, **k: checked.append(1) or real(*a, **k))
    assert load_catalog_cached(copy, cache) == expected
    assert checked == [1]


def test_an_unwritable_cache_only_costs_time(copy: Path, tmp_path: Path) -> None:
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the cache folder would go", encoding="utf-8")
    assert load_catalog_cached(copy, blocked).points == load_catalog(copy).points


def test_problems_are_reported_as_without_a_cache(tmp_path: Path) -> None:
    for name in ("missing_field.yaml", "duplicate_field.yaml"):
        with pytest.raises(CatalogError) as cached:
            load_catalog_cached(BROKEN / name, tmp_path)
        with pytest.raises(CatalogError) as plain:
            load_catalog(BROKEN / name)
        assert [str(p) for p in cached.value.problems] == [str(p) for p in plain.value.problems]
    assert cache_files(tmp_path) == []
