"""The pain-map zones a patient marks on the back view, as polygons in cun (the axes of
``anatomy``)."""

from __future__ import annotations

from .vocabulary import View

Polygon = tuple[tuple[float, float], ...]


def _mirror(poly: Polygon) -> Polygon:
    return tuple((-x, y) for x, y in poly)


# Pain-map zones on the BACK view (issue 4 section 4; the upper back, neck, sacrum and girdle from
# issue 11), as polygons in cun. "left"/"right" are the patient's: on the back view the patient's left
# is at -x. The zones do not overlap, so a click picks one: the low back runs from T12 down to L5
# (the sacrum below it is its own zone), the thoracic spine from C7 to T12, the neck from below the
# occiput (the level of GV16, 1 cun above the posterior hairline) down to C7.
_LOW_BACK_BOTTOM = 32.6  # just below the L5 spinous process (y 32.19)
_PARASPINAL_RIGHT: Polygon = ((0.55, 26.0), (3.9, 26.0), (3.9, _LOW_BACK_BOTTOM), (0.55, _LOW_BACK_BOTTOM))
_HIP_SIDE_RIGHT: Polygon = ((4.3, 32.2), (6.6, 32.6), (7.7, 35.0), (7.8, 38.4), (6.0, 40.5), (4.2, 39.0))
_LEG_BACK_RIGHT: Polygon = (
    (2.3, 41.8),
    (4.6, 41.8),
    (4.3, 54.0),
    (4.3, 62.0),
    (3.2, 68.5),
    (2.4, 68.5),
    (2.3, 62.0),
    (2.3, 54.0),
)
_LEG_SIDE_RIGHT: Polygon = (
    (5.9, 40.8),
    (7.1, 40.0),
    (6.3, 47.0),
    (5.2, 53.0),
    (5.1, 60.0),
    (4.3, 68.5),
    (3.7, 68.5),
    (4.4, 60.0),
    (4.6, 53.0),
    (5.3, 47.0),
)
# The sacrum and coccyx: a wedge from the L5 level (the width of the posterior superior iliac
# spines, 1.6 cun each side) narrowing to the sacral hiatus and the tip of the coccyx.
_SACRUM: Polygon = ((-2.0, 32.7), (2.0, 32.7), (1.2, 35.6), (0.45, 36.9), (-0.45, 36.9), (-1.2, 35.6))
# The thoracic spine, C7 to T12: the midline strip and, beside it, the strip up to the medial border
# of the scapula (3 cun), widening to the low back's width below the inferior angle (T7).
_THORACIC_MIDLINE: Polygon = ((-0.5, 12.7), (0.5, 12.7), (0.5, 25.4), (-0.5, 25.4))
_THORACIC_PARASPINAL_RIGHT: Polygon = (
    (0.55, 12.7),
    (3.1, 12.7),
    (3.1, 21.9),
    (3.9, 22.4),
    (3.9, 25.9),
    (0.55, 25.9),
)
# The scapula: from its superior angle and the top of the shoulder blade out towards the acromion,
# down its lateral border to the inferior angle (T7 level, 3 cun from the midline).
_SCAPULA_RIGHT: Polygon = ((3.25, 13.9), (5.5, 13.4), (7.6, 14.3), (6.7, 16.9), (3.45, 21.6))
# The neck: the midline strip, and the side of the neck out along the top of the shoulder.
_NECK_MIDLINE: Polygon = ((-0.5, 8.3), (0.5, 8.3), (0.5, 12.6), (-0.5, 12.6))
_NECK_SIDE_RIGHT: Polygon = ((0.55, 8.3), (1.95, 8.3), (2.2, 11.0), (4.8, 12.0), (5.0, 12.6), (0.55, 12.6))
# The girdle (Belt Vessel): the band round the waist at the level of GV4 (L2), where it shows on the
# back view, beside the paraspinal zones out to the flank.
_GIRDLE_RIGHT: Polygon = ((3.95, 27.5), (5.3, 27.4), (5.25, 29.9), (3.95, 29.9))
ZONE_SHAPES: dict[str, tuple[Polygon, ...]] = {
    "midline": (((-0.5, 25.5), (0.5, 25.5), (0.5, _LOW_BACK_BOTTOM), (-0.5, _LOW_BACK_BOTTOM)),),
    "paraspinal_right": (_PARASPINAL_RIGHT,),
    "paraspinal_left": (_mirror(_PARASPINAL_RIGHT),),
    "hip_side_right": (_HIP_SIDE_RIGHT,),
    "hip_side_left": (_mirror(_HIP_SIDE_RIGHT),),
    "leg_back_right": (_LEG_BACK_RIGHT,),
    "leg_back_left": (_mirror(_LEG_BACK_RIGHT),),
    "leg_side_right": (_LEG_SIDE_RIGHT,),
    "leg_side_left": (_mirror(_LEG_SIDE_RIGHT),),
    "scapula_right": (_SCAPULA_RIGHT,),
    "scapula_left": (_mirror(_SCAPULA_RIGHT),),
    "thoracic_midline": (_THORACIC_MIDLINE,),
    "thoracic_paraspinal_right": (_THORACIC_PARASPINAL_RIGHT,),
    "thoracic_paraspinal_left": (_mirror(_THORACIC_PARASPINAL_RIGHT),),
    "neck_midline": (_NECK_MIDLINE,),
    "neck_side_right": (_NECK_SIDE_RIGHT,),
    "neck_side_left": (_mirror(_NECK_SIDE_RIGHT),),
    "sacrum": (_SACRUM,),
    "girdle": (_GIRDLE_RIGHT, _mirror(_GIRDLE_RIGHT)),
}
ZONE_VIEW = View.BACK
