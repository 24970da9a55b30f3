"""The whole resolved catalog as plain JSON data (``yaotong export --json``).

The shape is documented in ``docs/export-format.md`` and versioned by
``EXPORT_FORMAT``. ``schema_version`` comes first; tables are JSON objects
keyed by id, sorted by id (point codes in natural order: BL2 before BL10);
each item's fields come in a fixed order, so two exports of the same catalog
are byte-identical.
Lists inside an item (signs, prescription points, cautions, sign groups) keep
the catalog's order, which means something (the order an intake runs).
References are resolved where a reader needs them: prescribed points carry
the point's names, points list the patterns that prescribe them, regions and
channels list their points.
"""

from __future__ import annotations

import json
import re
from typing import Any

from .models import (
    Anchor,
    Catalog,
    Caution,
    Pattern,
    Point,
    PrescribedPoint,
    ReviewStatus,
    Sourced,
)

EXPORT_FORMAT = 1


def catalog_to_data(catalog: Catalog) -> dict[str, Any]:
    data = _unsorted(catalog)
    for table in _TABLES:
        data[table] = dict(sorted(data[table].items(), key=lambda kv: _natural(kv[0])))
    return data


_TABLES = (
    "sources",
    "channels",
    "patterns",
    "regions",
    "points",
    "zones",
    "guidance",
    "factors",
    "red_flags",
)


def _natural(key: str) -> list[Any]:
    """Sort key that puts BL2 before BL10."""
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", key)]


def _unsorted(catalog: Catalog) -> dict[str, Any]:
    return {
        "schema_version": catalog.schema_version,
        "export_format": EXPORT_FORMAT,
        "disclaimer": _sourced(catalog.disclaimer),
        "sources": {
            sid: {"kind": s.kind.value, "citation": s.citation, "file": s.file, "note": s.note}
            for sid, s in catalog.sources.items()
        },
        "channels": {
            cid: {
                "name": c.name,
                "pinyin": c.pinyin,
                "chinese": c.chinese,
                "points": [code for code, p in catalog.points.items() if p.channel == cid],
                "sources": list(c.sources),
            }
            for cid, c in catalog.channels.items()
        },
        "sign_groups": [{"id": g.id, "name": g.name} for g in catalog.sign_groups.values()],
        "patterns": {pid: _pattern(p, catalog) for pid, p in catalog.patterns.items()},
        "regions": {
            rid: {
                "name": r.name,
                "seed_words": r.seed_words,
                "back_pain": r.back_pain.value,
                "reading": _sourced(r.reading) if r.reading else None,
                "points": list(r.points),
                "sources": list(r.sources),
            }
            for rid, r in catalog.regions.items()
        },
        "points": {code: _point(p, catalog) for code, p in catalog.points.items()},
        "zones": {
            zid: {
                "name": z.name,
                "channel": z.channel,
                "reason": _sourced(z.reason),
                "distal": [_prescribed(pp, catalog) for pp in z.distal],
                "sources": list(z.sources),
            }
            for zid, z in catalog.zones.items()
        },
        "guidance": {
            gid: {
                "topic": g.topic,
                "text": g.text,
                "values": dict(g.values),
                "claim": g.claim,
                "sources": list(g.sources),
            }
            for gid, g in catalog.guidance.items()
        },
        "factors": {
            fid: {"label": f.label, "sources": list(f.sources)} for fid, f in catalog.factors.items()
        },
        "red_flags": {
            rid: {"label": r.label, "reason": r.reason, "sources": list(r.sources)}
            for rid, r in catalog.red_flags.items()
        },
    }


def catalog_to_json(catalog: Catalog) -> str:
    return json.dumps(catalog_to_data(catalog), ensure_ascii=False, indent=2) + "\n"


def _sourced(item: Sourced) -> dict[str, Any]:
    return {"text": item.text, "sources": list(item.sources)}


def _status(status: ReviewStatus) -> dict[str, str]:
    return {"id": status.value, "label": status.label}


def _caution(c: Caution) -> dict[str, Any]:
    return {
        "id": c.id,
        "text": c.text,
        "severity": c.severity.value,
        "factors": list(c.factors),
        "sources": list(c.sources),
    }


def _anchor(a: Anchor) -> dict[str, Any]:
    return {"view": a.view, "landmark": a.landmark, "lateral_cun": a.lateral_cun, "down_cun": a.down_cun}


def _prescribed(pp: PrescribedPoint, catalog: Catalog) -> dict[str, Any]:
    point = catalog.points[pp.point]
    return {
        "point": pp.point,
        "pinyin": point.pinyin,
        "chinese": point.chinese,
        "english": point.english,
        "role": pp.role,
        "sources": list(pp.sources),
    }


def _pattern(p: Pattern, catalog: Catalog) -> dict[str, Any]:
    rx = p.prescription
    return {
        "name": p.name,
        "pinyin": p.pinyin,
        "chinese": p.chinese,
        "cause": _sourced(p.cause),
        "signs": [
            {
                "id": s.id,
                "text": s.text,
                "group": s.group,
                "weight": s.weight,
                "key": s.key,
                "sources": list(s.sources),
            }
            for s in p.signs
        ],
        "principle": _sourced(p.principle),
        "prescription": {
            "status": _status(rx.status),
            "note": _sourced(rx.note) if rx.note else None,
            "local": [_prescribed(pp, catalog) for pp in rx.local],
            "distal": [_prescribed(pp, catalog) for pp in rx.distal],
            "sources": list(rx.sources),
        },
        "techniques": [
            {
                "id": t.id,
                "name": t.name,
                "method": t.method,
                "needle_method": t.needle_method.value if t.needle_method else None,
                "cautions": [_caution(c) for c in t.cautions],
                "sources": list(t.sources),
            }
            for t in p.techniques
        ],
        "notes": [_sourced(n) for n in p.notes],
        "sources": list(p.sources),
    }


def _point(p: Point, catalog: Catalog) -> dict[str, Any]:
    return {
        "pinyin": p.pinyin,
        "chinese": p.chinese,
        "english": p.english,
        "aliases": list(p.aliases),
        "channel": p.channel,
        "region": p.region,
        "laterality": p.laterality.value,
        "location": p.location,
        "location_status": _status(p.location_status),
        "location_sources": list(p.location_sources),
        "anchors": [_anchor(a) for a in p.anchors],
        "needling": _sourced(p.needling),
        "cautions": [_caution(c) for c in p.cautions],
        "patterns": [
            {"pattern": pid, "role": pattern.points_by_role()[p.code]}
            for pid, pattern in catalog.patterns.items()
            if p.code in pattern.points_by_role()
        ],
        "sources": list(p.sources),
    }
