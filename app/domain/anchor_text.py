"""A point's location text read back against its markers: the drift report.

A location text states distances ("3 B-cun below the centre of the umbilicus", "2 B-cun lateral to
the anterior median line", "1 B-cun below LU2", "level with CV11"). This module reads those
statements and measures how far the point's markers (``anatomy.point_positions``) are from what
they say, in cun. Only the plain patterns below are read; a text that places a point by muscles,
tendons or fingers states no distance and is not checked.

Two kinds of statement:

* **landmark** statements name a landmark of ``anatomy.LANDMARKS`` (see ``LANDMARK_PHRASES``):
  a level N cun above or below it, a level with it, or a distance from the anterior or posterior
  median line;
* **point** statements name another point of the catalog: N cun above, below or lateral to it
  (WHO: above or below a point means directly above or below it), above or below it with no
  distance (on its vertical, on that side of it), level with it, on the line joining two points or
  landmarks, or halfway between two.

Either kind may say "medial (lateral) to" it with no distance, read as level with it ("lateral to
CV13"), or "N cun below and medial to" it, of which only the level is measured (WHO's "medioinferior"
does not split the distance).

Each statement is checked on every view where both the point and what it names have a marker.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from .anatomy import (
    LANDMARKS,
    MIRRORED_VIEWS,
    SIDE,
    level_below,
    measured,
    panel_midline,
    panel_of,
    point_positions,
)
from .models import Catalog, Point
from .vocabulary import View

TOLERANCE_CUN = 0.05

# Words in a location text naming a landmark, with the landmark that stands for it on each view
# (only its level, y, is used for "above/below/level with"; both coordinates for lines and midpoints).
# A view of several panels (the head's face and side) names one landmark per panel; a marker is
# measured from the one on its own panel.
_HEAD_ANTERIOR_HAIRLINE = ("head_anterior_hairline", "head_anterior_hairline_side")
LANDMARK_PHRASES: dict[str, dict[str, str | tuple[str, ...]]] = {
    "centre of the umbilicus": {"front": "umbilicus", "side": "side_umbilicus"},
    "centre of the navel": {"front": "umbilicus", "side": "side_umbilicus"},
    "umbilicus": {"front": "umbilicus", "side": "side_umbilicus"},
    "navel": {"front": "umbilicus", "side": "side_umbilicus"},
    "xiphisternal junction": {"front": "xiphisternal_junction"},
    "suprasternal fossa": {"front": "suprasternal_notch"},
    "suprasternal notch": {"front": "suprasternal_notch"},
    "upper border of the pubic symphysis": {"front": "pubic_symphysis_upper"},
    "lower border of the pubic symphysis": {"front": "pubic_symphysis_lower"},
    "superior border of the pubic symphysis": {"front": "pubic_symphysis_upper"},
    "anterior superior iliac spine": {"front": "asis", "side": "side_asis"},
    "medial end of the base of the patella": {"front": "patella_base_medial"},
    "medial end of the patellar base": {"front": "patella_base_medial"},
    "lateral end of the base of the patella": {"front": "patella_base_lateral", "side": "side_patella_base"},
    "lateral end of the patellar base": {"front": "patella_base_lateral", "side": "side_patella_base"},
    "base of the patella": {"front": "patella_base", "side": "side_patella_base"},
    "patellar base": {"front": "patella_base", "side": "side_patella_base"},
    "upper border of the patella": {"front": "patella_base", "side": "side_patella_base"},
    "popliteal crease": {
        "back": "popliteal_crease_mid",
        "front": "patella_apex",
        "side": "side_popliteal_crease",
    },
    "gluteal fold": {"back": "gluteal_fold_mid", "side": "side_gluteal_fold"},
    "axillary fossa": {"side": "side_axillary_fossa"},
    "tip of the coccyx": {"back": "coccyx_tip"},
    "coccygeal tip": {"back": "coccyx_tip"},
    "anus": {"back": "anus"},
    "prominence of the lateral malleolus": {
        "front": "lateral_malleolus",
        "back": "lateral_malleolus_back",
        "foot": "lateral_malleolus_side",
        "side": "side_lateral_malleolus",
    },
    "most prominent point of the lateral malleolus": {
        "front": "lateral_malleolus",
        "back": "lateral_malleolus_back",
        "foot": "lateral_malleolus_side",
        "side": "side_lateral_malleolus",
    },
    "prominence of the medial malleolus": {
        "front": "medial_malleolus",
        "back": "medial_malleolus_back",
        "foot": "medial_malleolus_side",
    },
    "most prominent point of the medial malleolus": {
        "front": "medial_malleolus",
        "back": "medial_malleolus_back",
        "foot": "medial_malleolus_side",
    },
    "palmar wrist crease": {"front": "palmar_wrist_crease_radial"},
    "dorsal wrist crease": {"back": "dorsal_wrist_crease_back", "hand": "dorsal_wrist_crease"},
    "cubital crease": {"front": "cubital_crease_lateral", "back": "cubital_crease_lateral_back"},
    # the arm and shoulder (app/domain/anatomy_arm.py)
    "upper end of the anterior axillary fold": {"front": "anterior_axillary_fold"},
    "anterior axillary fold": {"front": "anterior_axillary_fold"},
    "posterior axillary fold": {"back": "posterior_axillary_fold"},
    "acromial angle": {"back": "acromial_angle"},
    "prominence of the olecranon": {"back": "olecranon"},
    "olecranon prominence": {"back": "olecranon"},
    "lateral epicondyle of the humerus": {"front": "lateral_epicondyle", "back": "lateral_epicondyle_back"},
    "medial epicondyle of the humerus": {"front": "medial_epicondyle", "back": "medial_epicondyle_back"},
    "medial epicondyle": {"front": "medial_epicondyle", "back": "medial_epicondyle_back"},
    # HT3's words for the medial end of the cubital crease; no other location text uses them
    "medial end of the crease": {"front": "cubital_crease_medial"},
    "posterior hairline": {"back": "posterior_hairline", "head": "head_posterior_hairline"},
    "anterior hairline": {"front": "anterior_hairline", "head": _HEAD_ANTERIOR_HAIRLINE},
    "front hairline": {"head": _HEAD_ANTERIOR_HAIRLINE},
    # The median lines, for widths ("1.5 B-cun lateral to the anterior median line"): on the head view
    # only the face panel shows one across, at this landmark's x (anatomy.panel_midline). The side
    # panel shows the posterior median line as the profile itself, with the widths off it
    # foreshortened; tests/test_anchors_head.py checks those against landmarks_head.scalp_surface.
    "anterior median line": {"head": "head_anterior_midline"},
    "anterior midline": {"head": "head_anterior_midline"},
}
# "0.1 F-cun from the lateral corner of the nail" on a toe: the corner's landmarks, one per panel of
# the foot close-up that shows it, by the toe the text names and the side of its nail.
TOENAIL_CORNERS: dict[tuple[int, str], tuple[str, ...]] = {
    (1, "lateral"): ("big_toenail_lateral_corner",),
    (1, "medial"): ("big_toenail_medial_corner", "big_toenail_medial_corner_dorsum"),
    (2, "lateral"): ("second_toenail_lateral_corner",),
    (4, "lateral"): ("fourth_toenail_lateral_corner",),
    (5, "lateral"): ("little_toenail_lateral_corner", "little_toenail_lateral_corner_dorsum"),
}
_TOE = {"big": 1, "2nd": 2, "second": 2, "3rd": 3, "third": 3, "4th": 4, "fourth": 4, "5th": 5, "fifth": 5}
_TOE["little"] = 5
_TOE_NAME = re.compile(rf"\b({'|'.join(_TOE)}) toe\b")
_NAIL_CORNER = re.compile(
    r"(\d+(?:\.\d+)?) cun (?:from|proximal to|proximal and (?:lateral|medial) to) "
    r"the (lateral|medial) corner of the (?:toe)?nail"
)
_ORDINAL = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7}
_NUMBER_WORDS = {
    "half a": "0.5",
    "one": "1",
    "two": "2",
    "three": "3",
    "four": "4",
    "five": "5",
    "six": "6",
    "seven": "7",
    "eight": "8",
    "nine": "9",
    "ten": "10",
}
_NUM = r"(\d+(?:\.\d+)?)"
_PHRASE = "|".join(sorted((re.escape(p) for p in LANDMARK_PHRASES), key=len, reverse=True))
_CODE_WORD = r"(?:[A-Z]{2}|EX-[A-Z]{1,2})\d+"
_CODE = rf"({_CODE_WORD})\b"
_UP = {"above": -1, "superior to": -1, "up from": -1, "below": 1, "inferior to": 1, "down from": 1}
_DIRECTION = "|".join(_UP)
_VERTICAL = "above|below|superior to|inferior to"  # not "up from": "moving up from BL32" (BL31)
_PART = r"([^,;()]+?)"
_LINE = re.compile(
    rf"(?:on|along) the line (?:from|joining|connecting) {_PART} (?:to|and|with) {_PART}(?=[,;()]|$)"
)
_WIDTH = rf"{_NUM} cun (?:lateral to|from|out from) the (?:(?:anterior|posterior) )?(?:median line|midline)"
_MIDWAY = re.compile(rf"(?:halfway|midway|midpoint) between {_PART} and {_PART}(?=[,;()]|$)")


@dataclass(frozen=True, slots=True)
class Claim:
    """One distance a location text states, and what it is measured from."""

    # "level" (y), "width" (|x| from the midline), "line", "midway", "corner" (distance), "vertical"
    # ("directly below LI18": on the same vertical, below (cun +1) or above (-1) it)
    kind: str
    words: str  # the words read, as normalised
    refs: tuple[str, ...]  # landmark phrases or point codes
    cun: float = 0.0  # down (+) / up (-) for a level, the distance for a width
    lateral: float | None = None  # a "lateral to <point>" claim: the extra distance from the midline
    # "N cun below <point>" is directly below it (WHO), at its distance from the midline; "N cun below
    # and medial to <point>" is not, and only its level is measured
    directly: bool = True


@dataclass(frozen=True, slots=True)
class Drift:
    code: str
    view: str
    words: str
    drift_cun: float
    on_points: bool  # the claim names another point (not only landmarks)

    def __str__(self) -> str:
        return f"{self.code} on {View(self.view).phrase}: '{self.words}' is {self.drift_cun:.2f} cun off"


def normalise(text: str) -> str:
    """Lower case, "B-cun"/"F-cun" as "cun", number words as digits; codes stay upper case."""
    out = re.sub(r"\b[BF]-cun\b", "cun", text)
    out = re.sub(r"(?<![A-Z])([A-Z][a-z]+|[a-z]+)", lambda m: m.group(1).lower(), out)
    for word, digits in _NUMBER_WORDS.items():
        out = re.sub(rf"\b{word} cun\b", f"{digits} cun", out)
    return out


_LEVEL_OF = re.compile(r"(?:level with|same level as)(?: the point| a point)? $")


def claims(text: str) -> list[Claim]:
    """The distances a location text states, in the patterns this module reads."""
    t = normalise(text)
    found: list[Claim] = []
    for m in re.finditer(rf"{_NUM} cun (?:directly )?({_DIRECTION}) (?:the )?({_PHRASE})\b", t):
        found.append(Claim("level", m.group(0), (m.group(3),), _UP[m.group(2)] * float(m.group(1))))
    for m in re.finditer(rf"{_NUM} cun ({_DIRECTION}) {_CODE}", t):
        up = _UP[m.group(2)] * float(m.group(1))
        # "level with the point 7 B-cun above BL60" (BL58): that level, not directly above BL60
        directly = not _LEVEL_OF.search(t, 0, m.start())
        found.append(Claim("level", m.group(0), (m.group(3),), up, directly=directly))
    # "0.5 cun below and medial to the anterior superior iliac spine" (GB28): its level
    oblique = rf"{_NUM} cun ({_DIRECTION}) and (?:medial|lateral) to (?:the )?({_PHRASE}|{_CODE_WORD})\b"
    for m in re.finditer(oblique, t):
        up = _UP[m.group(2)] * float(m.group(1))
        found.append(Claim("level", m.group(0), (m.group(3),), up, directly=False))
    # "medial to the anterior superior iliac spine", "(lateral to CV13)", "a finger breadth lateral to
    # ST38": no distance up or down, so level with it (a stated distance is read by the patterns above)
    for m in re.finditer(rf"(?<!cun )(?<!and )\b(?:medial|lateral) to (?:the )?({_PHRASE}|{_CODE})", t):
        found.append(Claim("level", m.group(0), (m.group(1),)))
    # into the hair: "0.5 B-cun inside (within, behind) the anterior hairline" is above it
    for m in re.finditer(
        rf"{_NUM} cun (?:inside|within|behind) the ((?:anterior|front|posterior) hairline)", t
    ):
        found.append(Claim("level", m.group(0), (m.group(2),), -float(m.group(1))))
    # "directly below LI18", "(above GB1)", "one rib below LR14": WHO's above and below a point are
    # directly above or below it (a stated distance is read above: not after "cun")
    for m in re.finditer(rf"(?<!cun )\b(?:(?:directly|straight) )?({_VERTICAL}) {_CODE}", t):
        found.append(Claim("vertical", m.group(0), (m.group(2),), _UP[m.group(1)]))
    for m in re.finditer(rf"(?:level with|same level as) (?:the )?({_PHRASE})\b", t):
        found.append(Claim("level", m.group(0), (m.group(1),)))
    for m in re.finditer(rf"(?:level with|same level as) ({_CODE_WORD}(?:(?:,| and) {_CODE_WORD})*)", t):
        for code in re.findall(_CODE, m.group(1)):
            found.append(Claim("level", m.group(0), (code,)))
    for m in re.finditer(r"\b(\d)(?:st|nd|rd|th) intercostal space|\b(\w+) intercostal space", t):
        number = int(m.group(1)) if m.group(1) else _ORDINAL.get(m.group(2), 0)
        if number:
            found.append(Claim("level", m.group(0), (f"ics{number}",)))
    for m in re.finditer(_WIDTH, t):
        found.append(Claim("width", m.group(0), (), float(m.group(1))))
    for m in re.finditer(rf"{_NUM} cun out from the centre of the (?:navel|umbilicus)", t):
        found.append(Claim("width", m.group(0), (), float(m.group(1))))
        found.append(Claim("level", m.group(0), ("umbilicus",)))
    sacral = rf"{_NUM} cun lateral to the (?:median sacral crest|sacral hiatus|tip of the coccyx)"
    for m in re.finditer(sacral, t):
        found.append(Claim("width", m.group(0), (), float(m.group(1))))
    border = r"(?:lower|inferior) border of (?:the ([CTL]\d{1,2})|each) spinous process"
    spinal = rf"{_NUM} cun lateral to the {border}"
    for m in re.finditer(spinal, t):
        found.append(Claim("width", m.group(0), (), float(m.group(1))))
        if m.group(2):
            found.append(Claim("level", m.group(0), (m.group(2).upper(),)))
    if re.search(r"\bon the (?:anterior|posterior) (?:median line|midline)", t):
        found.append(Claim("width", "on the median line", (), 0.0))
    for m in re.finditer(rf"{_NUM} cun lateral to {_CODE}", t):
        found.append(Claim("level", m.group(0), (m.group(2),), 0.0, float(m.group(1))))
    toe = _TOE_NAME.search(t)
    for m in _NAIL_CORNER.finditer(t):
        corner = TOENAIL_CORNERS.get((_TOE[toe.group(1)], m.group(2))) if toe else None
        if corner:  # one of these landmarks: the same corner drawn on each panel that shows it
            found.append(Claim("corner", m.group(0), corner, float(m.group(1))))
    for pattern, kind in ((_LINE, "line"), (_MIDWAY, "midway")):
        for m in pattern.finditer(t):
            refs = tuple(_ref(part) for part in m.groups())
            if all(refs):
                found.append(Claim(kind, m.group(0), tuple(r for r in refs if r)))
    return found


def _ref(words: str) -> str | None:
    """A point code or a landmark phrase named by a few words ("ST35", "the patellar base")."""
    words = words.strip()
    code = re.fullmatch(_CODE, words)
    if code:
        return code.group(1)
    phrase = re.fullmatch(rf"(?:the )?({_PHRASE})", words)
    return phrase.group(1) if phrase else None


def _is_code(ref: str) -> bool:
    return ref not in LANDMARK_PHRASES and ref not in LANDMARKS


Ref = tuple[str | None, tuple[float, float]]  # the landmark (None for a point) and where it is


def _where(catalog: Catalog, ref: str, view: str, near: tuple[float, float]) -> Ref | None:
    """Where a reference is on the panel of ``near`` (for a bilateral point on a whole-figure view,
    its marker at x >= 0; else its marker nearest ``near``)."""
    panel = panel_of(view, *near)
    if ref in LANDMARKS or ref in LANDMARK_PHRASES:
        named = (ref,) if ref in LANDMARKS else LANDMARK_PHRASES[ref].get(view, ())
        ids = (named,) if isinstance(named, str) else named
        # a landmark named by its id on another view may have a twin here ("side_ics4")
        ids = tuple(i if LANDMARKS[i].view == view else f"{view}_{i}" for i in ids)
        for landmark in ids:
            mark = LANDMARKS.get(landmark)
            if mark is not None and mark.view == view and panel_of(view, mark.x, mark.y) == panel:
                return landmark, (mark.x, mark.y)
        return None
    point = catalog.points.get(ref)
    if point is None:
        return None
    here = [xy for xy in point_positions(point, view) if panel_of(view, *xy) == panel]
    if not here:
        return None
    if view in MIRRORED_VIEWS:
        return None, max(here, key=lambda xy: xy[0])
    return None, min(here, key=lambda xy: math.dist(xy, near))


def _local(xy: tuple[float, float], view: str) -> tuple[float, float]:
    """(distance from the panel's median line, level), or on a panel without one the position as
    its levels are measured (along the scalp on the head's side panel)."""
    mid = panel_midline(view, xy[0])
    return (abs(xy[0] - mid), xy[1]) if mid is not None else measured(view, *xy)


def _off_line(p: tuple[float, float], a: tuple[float, float], b: tuple[float, float]) -> float:
    (px, py), (ax, ay), (bx, by) = p, a, b
    length = math.dist(a, b)
    if length == 0:
        return math.dist(p, a)
    return abs((bx - ax) * (ay - py) - (ax - px) * (by - ay)) / length


def _drift(claim: Claim, view: str, xy: tuple[float, float], refs: list[Ref], text: str) -> float | None:
    """How far one marker is from one claim, in cun; None if its panel cannot show the claim."""
    x, y = _local(xy, view)
    placed = [_local(p, view) for _, p in refs]
    across = panel_midline(view, xy[0]) is not None
    if claim.kind == "width":
        return abs(x - claim.cun) if across else None
    if claim.kind == "line":
        return _off_line((x, y), placed[0], placed[1])
    if claim.kind == "corner":
        return abs(math.dist((x, y), placed[0]) - claim.cun)
    if claim.kind == "midway":
        return math.dist((x, y), ((placed[0][0] + placed[1][0]) / 2, (placed[0][1] + placed[1][1]) / 2))
    if claim.kind == "vertical":
        if view == SIDE:  # the side view's x is front to back, which "directly below" does not fix
            return None
        (rx, ry) = placed[0]
        return abs(x - rx) + max(0.0, -claim.cun * (y - ry))  # off the vertical, or on its wrong side
    landmark, (rx, _ry) = refs[0][0], placed[0]
    below = level_below(view, landmark, *xy) if landmark else y - placed[0][1]
    off = abs(below - claim.cun)
    norm = normalise(text)
    if claim.lateral is not None:
        if not across:
            return None
        off = max(off, abs(x - (rx + claim.lateral)))
    elif (
        claim.cun
        and claim.directly
        and _is_code(claim.refs[0])
        and not _LINE.search(norm)
        and not re.search(_WIDTH, norm)
        and view != SIDE
    ):
        # WHO: "above/below a point" is directly above or below it; the side view's x is front to
        # back, which "directly below" (at the same distance from the midline) does not fix
        off = max(off, abs(x - rx))
    return off


def point_drifts(catalog: Catalog, point: Point) -> list[Drift]:
    """Every statement of the point's location text measured on each view it can be measured on."""
    drifts = []
    views = {a.view for a in point.anchors}
    for claim in claims(point.location):
        if claim.refs and claim.refs[0] == point.code:
            continue
        for view in sorted(views):
            offs = []
            for xy in point_positions(point, view):
                found = [_where(catalog, ref, view, xy) for ref in claim.refs]
                if claim.kind == "corner":  # the same nail corner drawn on each panel: this panel's
                    refs = [f for f in found if f is not None][:1]
                elif any(f is None for f in found):
                    continue
                else:
                    refs = [f for f in found if f is not None]
                if claim.refs and not refs:
                    continue
                off = _drift(claim, view, xy, refs, point.location)
                if off is not None:
                    offs.append(off)
            if not offs:
                continue
            # a width, or a nail corner on each panel, holds for every marker; else the nearest one
            off = max(offs) if claim.kind in ("width", "corner") else min(offs)
            drifts.append(Drift(point.code, view, claim.words, off, any(map(_is_code, claim.refs))))
    return drifts


def drift_report(catalog: Catalog, tolerance: float = TOLERANCE_CUN, on_points: bool = False) -> list[Drift]:
    """The statements a marker is more than ``tolerance`` cun away from, largest first.

    By default only the statements that name landmarks; ``on_points`` adds those naming other
    points (which also measure the other point's marker).
    """
    found = [
        d
        for point in catalog.points.values()
        for d in point_drifts(catalog, point)
        if d.drift_cun > tolerance and (on_points or not d.on_points)
    ]
    return sorted(found, key=lambda d: -d.drift_cun)
