"""The whole resolved catalog as plain JSON data (``yaotong export --json``).

The shape is documented in ``docs/export-format.md`` and versioned by
``EXPORT_FORMAT``. ``schema_version`` comes first; tables are JSON objects
keyed by id, sorted by id (point codes in natural order: BL2 before BL10);
each item's fields come in a fixed order, so two exports of the same catalog
are byte-identical.
Lists inside an item (signs, prescription points, cautions, sign groups) keep
the catalog's order, which means something (the order an intake runs).
References are resolved where a reader needs them: prescribed points carry
the point's names, points list the patterns and regional protocols that name
them, regions and channels list their points.
"""

from __future__ import annotations

import dataclasses
import enum
import json
import re
from typing import Any

from .models import (
    Anchor,
    Catalog,
    Caution,
    Needling,
    Outcomes,
    Pattern,
    Point,
    PrescribedPoint,
    Protocol,
    ReviewStatus,
    Sourced,
    Threshold,
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
    "protocols",
    "guidance",
    "factors",
    "red_flags",
    "safety_rules",
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
            sid: {
                "kind": s.kind.value,
                "citation": s.citation,
                "file": s.file,
                "note": s.note,
                "licence": s.licence,
            }
            for sid, s in catalog.sources.items()
        },
        "channels": {
            cid: {
                "name": c.name,
                "pinyin": c.pinyin,
                "chinese": c.chinese,
                "points": [code for code, p in catalog.points.items() if p.channel == cid],
                "course": [{"points": list(r.points), "sources": list(r.sources)} for r in c.course],
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
        "protocols": {pid: _protocol(p, catalog) for pid, p in catalog.protocols.items()},
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
            rid: {
                "label": r.label,
                "reason": r.reason,
                "urgency": r.urgency.value,
                "patient": r.patient,
                "sources": list(r.sources),
            }
            for rid, r in catalog.red_flags.items()
        },
        # In the catalog's order: that is the order the safety check reports them.
        "safety_rules": {rid: _plain(rule, skip=("id",)) for rid, rule in catalog.safety_rules.items()},
        "outcomes": _outcomes(catalog.outcomes),
    }


def _outcomes(outcomes: Outcomes | None) -> dict[str, Any] | None:
    if outcomes is None:
        return None
    return {
        "measures": {
            mid: {
                "kind": m.kind.value,
                "name": m.name,
                "short": m.short,
                "scale_min": m.scale_min,
                "scale_max": m.scale_max,
                "better": m.better.value,
                "definition": _sourced(m.definition),
                "mcid": threshold_json(m.mcid),
                "licence": _sourced(m.licence) if m.licence else None,
                "sources": list(m.sources),
            }
            for mid, m in outcomes.measures.items()
        },
        "reactions": list(outcomes.reactions),
    }


def threshold_json(threshold: Threshold | None) -> dict[str, Any] | None:
    """An outcome measure's important-change threshold, as the catalog and case exports give it."""
    if threshold is None:
        return None
    return {
        "text": threshold.text,
        "points": threshold.points,
        "percent": threshold.percent,
        "sources": list(threshold.sources),
    }


def _plain(item: Any, skip: tuple[str, ...] = ()) -> Any:
    """A model dataclass as JSON data, its fields in declaration order (enums by value)."""
    if dataclasses.is_dataclass(item) and not isinstance(item, type):
        return {f.name: _plain(getattr(item, f.name)) for f in dataclasses.fields(item) if f.name not in skip}
    if isinstance(item, enum.Enum):
        return item.value
    if isinstance(item, tuple | list):
        return [_plain(x) for x in item]
    return item


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
        "techniques": list(c.techniques),
        "structure": c.structure,
        "max_depth": c.max_depth,
        "angle": c.angle,
        "sources": list(c.sources),
    }


def _needling(n: Needling) -> dict[str, Any]:
    return {
        "text": n.text,
        "angle": n.angle,
        "depth_min": n.depth_min,
        "depth_max": n.depth_max,
        "moxibustion": n.moxibustion,
        "sources": list(n.sources),
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
        "subtype": pp.subtype,
        "sources": list(pp.sources),
    }


def _pattern(p: Pattern, catalog: Catalog) -> dict[str, Any]:
    rx = p.prescription
    return {
        "name": p.name,
        "pinyin": p.pinyin,
        "chinese": p.chinese,
        "textbook_only": p.textbook_only,
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
                "subtype": t.subtype,
                "at": list(t.at),
                "sources": list(t.sources),
            }
            for t in p.techniques
        ],
        "notes": [_sourced(n) for n in p.notes],
        "subtypes": [_plain(st) for st in p.subtypes],
        "sources": list(p.sources),
    }


def _protocol(p: Protocol, catalog: Catalog) -> dict[str, Any]:
    roles = p.points_by_role()
    return {
        "name": p.name,
        "pinyin": p.pinyin,
        "chinese": p.chinese,
        "indication": _sourced(p.indication),
        "region": p.region,
        "status": _status(p.status),
        "points": [{**_prescribed(pp, catalog), "placement": roles[pp.point].value} for pp in p.points],
        "technique": _sourced(p.technique),
        "notes": [_sourced(n) for n in p.notes],
        "sources": list(p.sources),
    }


def _point(p: Point, catalog: Catalog) -> dict[str, Any]:
    return {
        "pinyin": p.pinyin,
        "chinese": p.chinese,
        "simplified": p.simplified,
        "english": p.english,
        "aliases": list(p.aliases),
        "channel": p.channel,
        "region": p.region,
        "laterality": p.laterality.value,
        "location": p.location,
        "location_status": _status(p.location_status),
        "location_sources": list(p.location_sources),
        "location_variants": [_sourced(v) for v in p.location_variants],
        "anchors": [_anchor(a) for a in p.anchors],
        "needling": _needling(p.needling),
        "deep": _plain(p.deep),
        "cautions": [_caution(c) for c in p.cautions],
        "indications": _plain(p.indications),
        "back_pain": _sourced(p.back_pain) if p.back_pain else None,
        "reference_only": p.reference_only,
        "patterns": [
            {"pattern": pid, "role": pattern.points_by_role()[p.code]}
            for pid, pattern in catalog.patterns.items()
            if p.code in pattern.points_by_role()
        ],
        "protocols": list(catalog.point_protocols(p.code)),
        "sources": list(p.sources),
    }
