"""Figure geometry: named landmarks in proportional cun, for every diagram view.

The figures in ``resources/figures/`` are drawn from these numbers (by
``tools/draw_figures.py``) and the point markers are placed from them, so a
marker always agrees with the landmark and cun offset its location text gives
(see ``Anchor``).

Coordinate spaces (all in cun, ``y`` always runs DOWN the screen):

* **front / back** (whole figure, B-cun; WHO 2008: body height = 75 B-cun).
  ``x = 0`` is the anterior/posterior midline and ``y = 0`` the vertex. A
  landmark's ``x`` is its distance from the midline (>= 0); the figure is
  mirrored, so a bilateral point is drawn at ``+x`` and ``-x``. On screen
  ``+x`` is the viewer's right: on the front view that is the patient's LEFT
  (the patient faces the viewer), on the back view the patient's RIGHT (the
  viewer stands behind). See :func:`patient_side`. One figure cun is one unit
  in both directions: a schematic with one proportional scale.
* **hand** (close-up of the RIGHT hand, hanging as in the anatomical position,
  fingers down, two panels in one space). Left panel, the dorsum seen from
  behind: origin at the middle of the dorsal wrist crease, ``+x`` towards the
  thumb (radial side, the viewer's right), ``+y`` towards the fingertips. Right
  panel, the palm seen from the front: the mirror image, its origin at the
  middle of the palmar wrist crease (``hand_figure.PALM_ORIGIN``), the thumb
  towards ``-x``. Sizes are in the same cun as the body (hand length wrist
  crease to middle fingertip about 8.3 cun); see ``hand_figure``.
* **foot** (close-up of the ankle and foot, four panels in one space): the
  lateral side of the RIGHT foot and the medial side of the LEFT foot (toes to
  the viewer's right on both, so "anterior" is ``+x``), the dorsum of the RIGHT
  foot from above, toes down, and its sole from below, toes up (big toe at
  ``+x`` on both). ``foot_panels`` holds the panels, their outlines and their
  landmarks, which carry the panel offset already.
* **head** (close-up of the head and neck, two panels): the face from the front
  and the right side of the head; see ``landmarks_head`` for their axes and
  scales (the side panel's scalp is measured along its curve: ``level_below``).

* **side** (the whole body seen from its RIGHT side, standing, B-cun, the front
  and back views' height and levels): ``x = 0`` is the mid-axillary line,
  ``+x`` anterior (the viewer's right: the patient faces right), ``y = 0`` the
  vertex. The arm is raised, the hand behind the head, so the axilla and the
  flank are open to view (as on a lateral plate). Landmarks in ``landmarks_side``.
* **left** (the LEFT side: the side view's mirror image). No landmarks or anchors
  of its own: a marker is the side view's at ``-x`` (``+x`` posterior, the
  patient faces the viewer's left) and the frame is the side's mirrored, so the
  figure is the side's SVG mirrored about its centre line (``tools.draw_figures``).

On the close-ups and the side view a bilateral point is drawn once (the other side is the mirror
image); there ``lateral_cun`` is a plain offset along ``+x`` (towards the
viewer's right) and ``down_cun`` along ``+y``.

Sources for the levels (paraphrased in shared/reference/proportional-cun.md):
WHO 2008 section III.2 items c-i (C7, T3 at the medial ends of the scapular
spines, T7 at the inferior scapular angles, T12 midway between T7 and the iliac
crest, L4 at the highest points of the iliac crests, S2 at the inferior borders
of the PSIS); WHO table rows 5-7 and 12-19 for the front and the legs (pubic
symphysis -> patella base 18, trochanter -> popliteal crease 19, gluteal fold ->
popliteal crease 14, popliteal crease -> lateral malleolus 16, patella apex ->
medial malleolus 15, medial malleolus -> sole 3). Levels WHO gives no landmark
for are counted between the nearest landmarks (derived). Hand and foot
close-up sizes are drawing proportions, not WHO measurements (WHO gives no
hand or foot cun); points there are placed by bony landmarks.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from itertools import pairwise

from . import body_hands, chest, landmarks_head
from .anatomy_arm import ARM_ROWS, ARM_SHORT_LABELS, CUBITAL_CREASE_LATERAL_X
from .chest import CLAVICLE_LOWER_Y, NIPPLE, SUPRASTERNAL_NOTCH_Y, UMBILICUS_Y, XIPHISTERNAL_Y
from .foot_panels import FOOT_FRAME, FOOT_ROWS, panel_at
from .foot_panels import PANEL_BOXES as FOOT_PANEL_BOXES
from .foot_panels import SHORT_LABELS as FOOT_SHORT_LABELS
from .frozen import model
from .hand_figure import HAND_ROWS, HAND_SHORT_LABELS
from .hand_figure import panel_of as hand_panel_of
from .landmarks_side import SIDE_SHORT_LABELS, side_rows
from .models import Anchor, Laterality, Point
from .outlines import polygon_contains as polygon_contains  # re-exported for the figures and tests
from .vocabulary import View

FRONT, BACK, HAND, FOOT, SIDE, HEAD = View.FRONT, View.BACK, View.HAND, View.FOOT, View.SIDE, View.HEAD
LEFT = View.LEFT
VIEWS = tuple(View)
# A mirror image's markers are its source's at -x (see point_positions).
_MIRROR_OF: dict[str, View] = {v: v.mirror_of for v in View if v.mirror_of is not None}
# Views that show both sides of the body: bilateral points get two markers.
MIRRORED_VIEWS = tuple(v for v in View if v.mirrored)


@model
class Landmark:
    id: str
    view: str
    x: float
    y: float
    description: str


@model
class ViewFrame:
    """The drawn area of a view in cun and its scale (scene/SVG units per cun)."""

    view: str
    x_min: float
    y_min: float
    x_max: float
    y_max: float
    units_per_cun: float

    @property
    def width(self) -> float:
        return (self.x_max - self.x_min) * self.units_per_cun

    @property
    def height(self) -> float:
        return (self.y_max - self.y_min) * self.units_per_cun

    def to_scene(self, x: float, y: float) -> tuple[float, float]:
        return ((x - self.x_min) * self.units_per_cun, (y - self.y_min) * self.units_per_cun)

    def from_scene(self, sx: float, sy: float) -> tuple[float, float]:
        return (sx / self.units_per_cun + self.x_min, sy / self.units_per_cun + self.y_min)

    def mirrored(self, view: str) -> ViewFrame:
        """The frame of this view's mirror image: x -> -x, so a point at scene x is at width - x."""
        return ViewFrame(view, -self.x_max, self.y_min, -self.x_min, self.y_max, self.units_per_cun)


VIEW_FRAMES: dict[str, ViewFrame] = {
    FRONT: ViewFrame(FRONT, -13.0, -2.6, 13.0, 74.4, 12.0),
    BACK: ViewFrame(BACK, -13.0, -2.6, 13.0, 74.4, 12.0),
    # the dorsum panel keeps its old coordinates; the palm panel is beside it (hand_figure.py)
    HAND: ViewFrame(HAND, -4.0, -3.4, 16.0, 9.2, 56.0),
    FOOT: ViewFrame(FOOT, *FOOT_FRAME, 34.0),
    SIDE: ViewFrame(SIDE, -10.0, -2.6, 12.0, 74.4, 12.0),
    HEAD: ViewFrame(HEAD, 0.0, -1.0, 29.2, 18.6, 32.0),  # panels: app/domain/landmarks_head.py
}
VIEW_FRAMES |= {view: VIEW_FRAMES[source].mirrored(view) for view, source in _MIRROR_OF.items()}


def _spine() -> dict[str, float]:
    """y of the inferior border of each spinous process C7..L5 (back view)."""
    anchors = {"C7": 12.5, "T3": 16.0, "T7": 21.5, "L4": 31.0}
    anchors["T12"] = (anchors["T7"] + anchors["L4"]) / 2  # WHO III.2 f
    names = ["C7"] + [f"T{i}" for i in range(1, 13)] + [f"L{i}" for i in range(1, 6)]
    known = [(names.index(k), v) for k, v in sorted(anchors.items(), key=lambda kv: names.index(kv[0]))]
    levels: dict[str, float] = {}
    for (i0, y0), (i1, y1) in pairwise(known):
        for i in range(i0, i1 + 1):
            levels[names[i]] = y0 + (y1 - y0) * (i - i0) / (i1 - i0)
    step = levels["L4"] - levels["L3"]
    levels["L5"] = levels["L4"] + step
    return levels


SPINE_LEVELS = _spine()
# Levels the back figure names beside the spine, in the gap between the flank
# and the arm (x in cun). The widget draws these names at a constant pixel size,
# so they stay legible when the whole figure is shown small.
SPINE_LABELS = ("T7", "T12", "L1", "L2", "L3", "L4", "L5")
SPINE_LABEL_X = -6.85

# Knee and ankle levels shared by the front and back views (WHO rows 12-19):
# the popliteal crease is level with the patella apex, the trochanter 19 cun
# above the crease, the gluteal fold 14, the lateral malleolus 16 below it,
# the medial malleolus 15 below the apex, the sole 3 below the medial malleolus.
POPLITEAL_Y = 55.0
TROCHANTER_Y = POPLITEAL_Y - 19.0
GLUTEAL_FOLD_Y = POPLITEAL_Y - 14.0
LATERAL_MALLEOLUS_Y = POPLITEAL_Y + 16.0
MEDIAL_MALLEOLUS_Y = POPLITEAL_Y + 15.0
SOLE_Y = MEDIAL_MALLEOLUS_Y + 3.0
PUBIC_Y = UMBILICUS_Y + 5.0  # WHO row 7 (the umbilicus: chest.py, with the levels of the chest)
# The anterior superior iliac spine: level with CV4, 3 cun below the umbilicus (derived from both
# texts of GB27: WHO 3 B-cun below the umbilicus and medial to the ASIS, Guangming 0.5 cun in front of
# the ASIS level with CV4), so that GB28, half a cun below and medial to the ASIS, is also half a cun
# below GB27 as WHO's note says. Its distance from the midline is a drawing proportion.
ASIS = (5.0, UMBILICUS_Y + 3.0)
PUBIC_SYMPHYSIS_HEIGHT = 1.5
TROCHANTER_X = 7.0
SACRAL_HIATUS_Y = 36.3
PATELLA_BASE_Y = PUBIC_Y + 18.0
# The knee eyes (ST35 and the medial one, EX-LE5) at the level of the patellar apex, that is of the
# popliteal crease (WHO row 13 equates the two). Derived from WHO's own counts, which close only there:
# ST38 is 8 B-cun below ST35 and level with ST40, 8 B-cun above the lateral malleolus, and ST39 9 below
# ST35 level with GB35 and GB36, 7 above it; so ST35 is 16 B-cun above the malleolus, which row 18
# puts 16 below the popliteal crease. EX-LE5's text places them "either side of the apex of the patella".
KNEE_EYE_Y = POPLITEAL_Y
# The patella on the front view: its centre line and half its width, and the ends of the popliteal
# crease on the back view. Drawing proportions (WHO gives the levels, not these widths):
# tools/draw_figures.py draws the patella and the crease from these numbers, so the landmarks at
# their ends (points located from "the medial end of the patellar base" ...) sit where they show.
PATELLA_X = 3.4
PATELLA_HALF_WIDTH = 0.85
POPLITEAL_CREASE_ENDS = (2.2, 4.6)  # medial and lateral ends, x in cun (back view)


_ROWS: list[tuple[str, str, float, float, str]] = [
    # back view: the spine (x = 0 is the posterior midline)
    *[
        (lvl, BACK, 0.0, y, f"Inferior border of the {lvl} spinous process")
        for lvl, y in SPINE_LEVELS.items()
    ],
    ("S1_foramen", BACK, 0.0, 33.3, "Level of the 1st posterior sacral foramen"),
    (
        "S2_foramen",
        BACK,
        0.0,
        34.3,
        "Level of the 2nd posterior sacral foramen (inferior borders of the PSIS)",
    ),
    ("S3_foramen", BACK, 0.0, 35.3, "Level of the 3rd posterior sacral foramen"),
    ("S4_foramen", BACK, 0.0, 36.3, "Level of the 4th posterior sacral foramen and the sacral hiatus"),
    ("sacral_hiatus", BACK, 0.0, SACRAL_HIATUS_Y, "Sacral hiatus, on the posterior midline"),
    # The coccyx and the anus (GV1, BL35, EX-B9): WHO names them but gives no level. Drawing
    # proportion: the tip of the coccyx 1.2 cun below the sacral hiatus (an adult coccyx is about
    # 3 cm, 1.2 cun at 75 cun to the body's height), the anus 1.2 cun below the tip, in the cleft.
    ("coccyx_tip", BACK, 0.0, SACRAL_HIATUS_Y + 1.2, "Tip of the coccyx, on the posterior midline"),
    ("anus", BACK, 0.0, SACRAL_HIATUS_Y + 2.4, "Anus, in the natal cleft (drawn where it projects)"),
    ("psis", BACK, 1.6, 34.0, "Posterior superior iliac spine (its inferior border is level with S2)"),
    (
        "vertex",
        BACK,
        0.0,
        0.4,
        "Vertex, the top of the head on the midline (points on top of the head show here)",
    ),
    (
        "trochanter_hiatus_lateral_third",
        BACK,
        round(TROCHANTER_X * 2 / 3, 3),
        round(TROCHANTER_Y + (SACRAL_HIATUS_Y - TROCHANTER_Y) / 3, 3),
        "Junction of the lateral third and medial two thirds of the line greater trochanter - sacral hiatus",
    ),
    ("occipital_protuberance", BACK, 0.0, 7.0, "External occipital protuberance"),
    ("posterior_hairline", BACK, 0.0, 9.5, "Midpoint of the posterior hairline"),
    ("acromion", BACK, 8.0, 13.0, "Lateral end of the acromion (8 cun from the midline, CN-TB, not WHO)"),
    ("scapula_spine_medial", BACK, 3.0, 16.0, "Medial end of the scapular spine (T3 level)"),
    ("scapula_inferior_angle", BACK, 3.0, 21.5, "Inferior angle of the scapula (T7 level)"),
    ("iliac_crest_top", BACK, 5.0, 31.0, "Highest point of the iliac crest (L4 level)"),
    (
        "greater_trochanter",
        BACK,
        TROCHANTER_X,
        TROCHANTER_Y,
        "Prominence of the greater trochanter (popliteal crease - 19 cun)",
    ),
    (
        "gluteal_fold_mid",
        BACK,
        3.6,
        GLUTEAL_FOLD_Y,
        "Midpoint of the gluteal fold (popliteal crease - 14 cun)",
    ),
    ("popliteal_crease_mid", BACK, 3.4, POPLITEAL_Y, "Midpoint of the popliteal crease"),
    (
        "popliteal_crease_medial_end",
        BACK,
        POPLITEAL_CREASE_ENDS[0],
        POPLITEAL_Y,
        "Medial end of the popliteal crease (trochanter + 19 cun, WHO row 16; the end of the drawn crease)",
    ),
    (
        "lateral_malleolus_back",
        BACK,
        4.0,
        LATERAL_MALLEOLUS_Y,
        "Prominence of the lateral malleolus (popliteal crease + 16 cun)",
    ),
    ("medial_malleolus_back", BACK, 1.6, MEDIAL_MALLEOLUS_Y, "Prominence of the medial malleolus"),
    (
        "calcaneal_tendon",
        BACK,
        2.8,
        LATERAL_MALLEOLUS_Y,
        "Calcaneal (Achilles) tendon at the malleolar level",
    ),
    (
        "supraspinous_fossa_mid",
        BACK,
        5.5,
        14.0,
        "Mid supraspinous fossa (above the midpoint of the scapular spine)",
    ),
    (
        "dorsal_wrist_crease_back",
        BACK,
        10.35,
        37.9,
        "Dorsal wrist crease (cubital crease + 12 cun, WHO; arm at the side, back view)",
    ),
    ("hand_dorsum_back", BACK, 10.3, 41.0, "Back of the hand at the side, its middle (back view)"),
    # front view (x = 0 is the anterior midline)
    ("vertex_front", FRONT, 0.0, 0.4, "Vertex, the top of the head on the midline (front view)"),
    ("anterior_hairline", FRONT, 0.0, 2.0, "Midpoint of the anterior hairline"),
    (
        "glabella",
        FRONT,
        0.0,
        5.0,
        "Glabella, midway between the medial ends of the eyebrows (hairline + 3 cun)",
    ),
    ("philtrum_mid", FRONT, 0.0, 7.6, "Midpoint of the philtrum"),
    ("suprasternal_notch", FRONT, 0.0, SUPRASTERNAL_NOTCH_Y, "Suprasternal notch"),
    (
        "clavicle_lower_border",
        FRONT,
        0.0,
        CLAVICLE_LOWER_Y,
        "Level of the lower border of the clavicle (derived: suprasternal notch + 1 cun, with CV21)",
    ),
    (
        "nipple",
        FRONT,
        *NIPPLE,
        "Nipple (4th intercostal space in males, 4 cun from the midline; notch + 5.5, drawing proportion)",
    ),
    (
        "xiphisternal_junction",
        FRONT,
        0.0,
        XIPHISTERNAL_Y,
        "Midpoint of the xiphisternal junction (notch + 9 cun)",
    ),
    # the intercostal spaces: sloping lines (chest.py), their landmarks
    *chest.rows(),
    ("umbilicus", FRONT, 0.0, UMBILICUS_Y, "Centre of the umbilicus (xiphisternal junction + 8 cun)"),
    (
        "asis",
        FRONT,
        *ASIS,
        "Anterior superior iliac spine (level with CV4, umbilicus + 3 cun: derived from GB27's texts)",
    ),
    ("pubic_symphysis_upper", FRONT, 0.0, PUBIC_Y, "Upper border of the pubic symphysis (umbilicus + 5 cun)"),
    # WHO gives the symphysis no height in cun: 1.5 cun (about 3.5 cm at 75 B-cun to 1.7 m) is a
    # drawing proportion, used only for ST31's level
    (
        "pubic_symphysis_lower",
        FRONT,
        0.0,
        PUBIC_Y + PUBIC_SYMPHYSIS_HEIGHT,
        "Lower border of the pubic symphysis (its height is a drawing proportion)",
    ),
    ("patella_base", FRONT, 3.4, PATELLA_BASE_Y, "Base of the patella (pubic symphysis + 18 cun)"),
    ("patella_apex", FRONT, 3.4, POPLITEAL_Y, "Apex of the patella, level with the popliteal crease"),
    (
        "patella_base_medial",
        FRONT,
        round(PATELLA_X - PATELLA_HALF_WIDTH, 3),
        PATELLA_BASE_Y,
        "Medial end of the base of the patella (pubic symphysis + 18 cun, WHO row 12)",
    ),
    (
        "patella_base_lateral",
        FRONT,
        round(PATELLA_X + PATELLA_HALF_WIDTH, 3),
        PATELLA_BASE_Y,
        "Lateral end of the base of the patella (pubic symphysis + 18 cun, WHO row 12)",
    ),
    (
        "lateral_knee_eye",
        FRONT,
        4.0,
        KNEE_EYE_Y,
        "Depression lateral to the patellar ligament (level with the patellar apex: ST35 is 16 cun above"
        " the lateral malleolus in WHO's counts, row 18)",
    ),
    (
        "medial_knee_eye",
        FRONT,
        2.8,
        KNEE_EYE_Y,
        "Depression medial to the patellar ligament (level with the patellar apex, as the lateral one)",
    ),
    (
        "tibia_medial_condyle_lower",
        FRONT,
        2.3,
        POPLITEAL_Y + 2.0,
        "Inferior border of the medial condyle of the tibia (apex + 2 cun)",
    ),
    ("fibula_head", FRONT, 4.7, POPLITEAL_Y + 1.5, "Head of the fibula"),
    (
        "medial_malleolus",
        FRONT,
        1.6,
        MEDIAL_MALLEOLUS_Y,
        "Prominence of the medial malleolus (condyle + 13 cun)",
    ),
    ("lateral_malleolus", FRONT, 4.0, LATERAL_MALLEOLUS_Y, "Prominence of the lateral malleolus"),
    (
        "ankle_front_mid",
        FRONT,
        2.8,
        MEDIAL_MALLEOLUS_Y + 0.5,
        "Midpoint between the malleolar prominences, front of the ankle",
    ),
    (
        "first_second_metatarsal_junction",
        FRONT,
        2.3,
        SOLE_Y - 1.3,
        "Junction of the bases of the 1st and 2nd metatarsals",
    ),
    ("mentolabial_groove", FRONT, 0.0, 8.7, "Mentolabial groove (its centre, below the lower lip)"),
    (
        "upper_lip_frenulum",
        FRONT,
        0.0,
        7.95,
        "Frenulum of the upper lip (inside the mouth; drawn at the lip)",
    ),
    (
        "acromion_anterior_hollow",
        FRONT,
        8.5,
        13.7,
        "Front shoulder hollow (between the acromion and the greater tubercle of the humerus)",
    ),
    (
        "cubital_crease_lateral",
        FRONT,
        CUBITAL_CREASE_LATERAL_X,
        25.9,
        "Lateral end of the cubital crease (wrist crease - 12 cun, WHO; palm forward)",
    ),
    ("palmar_wrist_crease_radial", FRONT, 11.1, 37.9, "Radial end of the palmar wrist crease (palm forward)"),
    (
        "asis_trochanter_mid",
        FRONT,
        (ASIS[0] + TROCHANTER_X) / 2,
        (ASIS[1] + TROCHANTER_Y) / 2,
        "Mid ASIS - greater trochanter (midpoint of the line between them)",
    ),
    ("hand_dorsum_front", FRONT, 10.3, 41.0, "Hand at the side, palm forward, its middle (front view)"),
    # hand close-up: dorsum of the right hand, origin at the middle of the dorsal wrist crease
    ("dorsal_wrist_crease", HAND, 0.0, 0.0, "Midpoint of the dorsal wrist crease"),
    ("radial_styloid", HAND, 1.35, -0.3, "Radial styloid process"),
    ("ulnar_head", HAND, -1.3, -0.4, "Head of the ulna"),
    (
        "second_metacarpal_mid_radial",
        HAND,
        1.3,
        2.43,
        "Radial side of the midpoint of the 2nd metacarpal bone",
    ),
    (
        "metacarpal_2_3_mid",
        HAND,
        0.64,
        2.15,
        "Between the 2nd and 3rd metacarpals, midway between the wrist crease and the MCP joints",
    ),
    (
        "metacarpal_4_5_mid",
        HAND,
        -0.82,
        2.0,
        "Between the 4th and 5th metacarpals, midway between the wrist crease and the MCP joints",
    ),
    (
        "metacarpal_4_5_distal",
        HAND,
        -0.95,
        3.45,
        "Between the 4th and 5th metacarpals, just proximal to their heads",
    ),
    ("first_web", HAND, 1.8, 3.55, "Margin of the web between the thumb and the index finger"),
    ("second_mcp", HAND, 1.25, 4.25, "2nd metacarpophalangeal joint (knuckle)"),
    ("third_mcp", HAND, 0.35, 4.4, "3rd metacarpophalangeal joint (knuckle)"),
    ("fourth_mcp", HAND, -0.55, 4.15, "4th metacarpophalangeal joint (knuckle)"),
    ("fifth_mcp", HAND, -1.35, 3.8, "5th metacarpophalangeal joint (knuckle)"),
    (
        "fifth_mcp_ulnar",
        HAND,
        -1.72,
        3.8,
        "Ulnar side of the 5th metacarpophalangeal joint, border of the red and white flesh",
    ),
    # hand close-up: nails, webs, creases and the palm panel (drawing proportions, hand_figure.py)
    *HAND_ROWS,
    # foot close-up: four panels (foot_panels.py)
    *FOOT_ROWS,
    # the arm and shoulder on the front and back views (app/domain/anatomy_arm.py)
    *ARM_ROWS,
    # head and neck close-up: the face and the right side (landmarks_head.py)
    *landmarks_head.ROWS,
]
_BY_ID = {r[0]: r for r in _ROWS}
# the back view's hand landmarks: the close-up's, placed on the whole figure's hand (body_hands)
_CLOSE_UP_HAND = ("second_metacarpal_mid_radial", "fifth_mcp_ulnar", "ulnar_head")
_ROWS += body_hands.hand_rows({key: (_BY_ID[key][2], _BY_ID[key][3]) for key in _CLOSE_UP_HAND})
_ROWS += side_rows(
    {
        **{key: _BY_ID[key][3] for key in ("umbilicus", "nipple", "asis")},
        **{key: SPINE_LEVELS[key] for key in ("L2", "L4")},
        "trochanter": TROCHANTER_Y,
        "sacral_hiatus": SACRAL_HIATUS_Y,
        "gluteal_fold": GLUTEAL_FOLD_Y,
        "popliteal": POPLITEAL_Y,
        "knee_eye": KNEE_EYE_Y,
        "patella_base": PATELLA_BASE_Y,
        "fibula_head": _BY_ID["fibula_head"][3],
        "lateral_malleolus": LATERAL_MALLEOLUS_Y,
    }
)

LANDMARKS: dict[str, Landmark] = {r[0]: Landmark(*r) for r in _ROWS}


def anchor_positions(anchor: Anchor, bilateral: bool) -> list[tuple[float, float]]:
    """Figure coordinates (cun) of a point's marker(s) for one anchor.

    Returns one position for a midline point, two (x and -x) for a bilateral
    point that is off the midline on a whole-figure view; close-ups show one
    side, so one position there.
    """
    mark = LANDMARKS[anchor.landmark]
    x = mark.x + anchor.lateral_cun
    y = mark.y + anchor.down_cun
    if bilateral and x != 0 and anchor.view in MIRRORED_VIEWS:
        return [(x, y), (-x, y)]
    return [(x, y)]


def point_positions(point: Point, view: str) -> list[tuple[float, float]]:
    """Every marker position of a point on one view, in figure cun: the one place markers are placed
    (the diagram, the print, the locate quiz, the channel courses and the drift report all use it).
    On a mirror image (the left side) they are its source's, x mirrored."""
    source = _MIRROR_OF.get(view)
    if source is not None:
        return [(-x, y) for x, y in point_positions(point, source)]
    bilateral = point.laterality == Laterality.BILATERAL
    return [
        xy for anchor in point.anchors if anchor.view == view for xy in anchor_positions(anchor, bilateral)
    ]


def views_of(point: Point) -> list[View]:
    """The views a point has a marker on, in view order (the left side's with the right side's)."""
    have = {a.view for a in point.anchors}
    return [v for v in VIEWS if (v.mirror_of or v) in have]


def covering_views(points: Iterable[Point]) -> list[View]:
    """The fewest views, taken in view order (whole figures first), that show every one of the
    points that has a marker: a view is taken when it shows a point the views before it do not.
    The left side shows what the right side shows, so it is never taken: the sheet's table says
    which side of the patient each point is needled on."""
    wanted = [p for p in points if p.anchors]
    shown: set[str] = set()
    views = []
    for view in VIEWS:
        here = {p.code for p in wanted if any(a.view == view for a in p.anchors)}
        if here - shown:
            views.append(view)
            shown |= here
    return views


# The close-ups drawn as several panels in one view space: a channel's course is joined panel by
# panel, and a distance is measured on the panel of the marker it is measured from.
PANELS: dict[str, tuple[str, ...]] = {
    HAND: ("dorsum", "palm"),
    FOOT: tuple(FOOT_PANEL_BOXES),
    HEAD: ("face", "side"),
}


def panel_of(view: str, x: float, y: float) -> str:
    """Which panel of a view (x, y) is on (see ``PANELS``); a view of one panel: the view itself."""
    if view == FOOT:
        return panel_at(x, y) or str(view)
    if view == HAND:
        return hand_panel_of(x)
    if view == HEAD:
        return landmarks_head.panel_of(x)
    return str(view)


def panel_midline(view: str, x: float) -> float | None:
    """The x of the median line on the panel at x, where a panel shows one (front, back, the face)."""
    if view in MIRRORED_VIEWS:
        return 0.0
    if view == HEAD and landmarks_head.panel_of(x) == "face":
        return landmarks_head.FACE_ORIGIN[0]
    return None


def measured(view: str, x: float, y: float) -> tuple[float, float]:
    """A position in the coordinates a view's levels are measured in: on the head view's side
    panel the scalp counts along its curve (see landmarks_head.measured); elsewhere (x, y)."""
    return landmarks_head.measured(x, y) if view == HEAD else (x, y)


def offsets_in_cun(view: str, x: float) -> bool:
    """Whether an anchor's offsets on this panel are cun a reader can take off the figure: not on
    the head view's side panel, whose positions come from the scalp's curve (landmarks_head)."""
    return not (view == HEAD and landmarks_head.panel_of(x) == "side")


def level_below(view: str, landmark_id: str, x: float, y: float) -> float:
    """How far (x, y) is below a landmark, in cun, as its view measures levels: straight down,
    except along the scalp on the head view's side panel (into the hairline is "above" it) and, for
    an intercostal space, below its sloping line at x (chest.py)."""
    mark = LANDMARKS[landmark_id]
    space = chest.space_of(landmark_id)
    if space is not None:  # along the space's sloping line, at the marker's distance out
        return y - chest.level(mark.view, space, x)
    if view == HEAD and landmark_id in landmarks_head.SCALP_LEVELS:
        start, sign = landmarks_head.SCALP_LEVELS[landmark_id]
        return sign * (landmarks_head.scalp_cun(x, y) - start)
    return y - mark.y


def patient_side(view: str, x: float) -> str:
    """ "left", "right" or "midline": which side of the patient figure x is on."""
    if view not in MIRRORED_VIEWS or math.isclose(x, 0.0, abs_tol=1e-9):
        return "midline"
    viewer_right = x > 0
    # Back view: the viewer stands behind, sides agree. Front view: they swap.
    return ("right" if viewer_right else "left") if view == BACK else ("left" if viewer_right else "right")


# Short names for the locate answer's landmark line; others use their description
# up to the first comma or bracket.
SHORT_LABELS = {
    "posterior_hairline": "posterior hairline",
    "occipital_protuberance": "occipital protuberance",
    "scapula_spine_medial": "scapular spine (T3)",
    "scapula_inferior_angle": "scapular angle (T7)",
    "iliac_crest_top": "iliac crest (L4)",
    "greater_trochanter": "greater trochanter",
    "trochanter_hiatus_lateral_third": "trochanter-hiatus line, lateral third",
    "gluteal_fold_mid": "gluteal fold",
    "popliteal_crease_mid": "popliteal crease",
    "lateral_malleolus_back": "lateral malleolus",
    "medial_malleolus_back": "medial malleolus",
    "calcaneal_tendon": "calcaneal tendon",
    "hand_dorsum_back": "back of the hand",
    "hand_dorsum_front": "hand",
    "philtrum_mid": "philtrum",
    "suprasternal_notch": "suprasternal notch",
    "xiphisternal_junction": "xiphisternal junction",
    "pubic_symphysis_upper": "pubic symphysis",
    "pubic_symphysis_lower": "pubic symphysis, lower border",
    "patella_apex": "patella apex",
    "patella_base": "patella base",
    "tibia_medial_condyle_lower": "medial tibial condyle",
    "fibula_head": "head of the fibula",
    "medial_malleolus": "medial malleolus",
    "lateral_malleolus": "lateral malleolus",
    "ankle_front_mid": "front of the ankle",
    "first_second_metatarsal_junction": "1st-2nd metatarsal bases",
    "second_metacarpal_mid_radial": "2nd metacarpal, midpoint",
    "metacarpal_2_3_mid": "2nd-3rd metacarpals, midway",
    "metacarpal_4_5_mid": "4th-5th metacarpals, midway",
    "fifth_mcp_ulnar": "5th MCP joint, ulnar side",
    "lateral_malleolus_side": "lateral malleolus",
    "lateral_malleolus_inferior": "below the lateral malleolus",
    "medial_malleolus_side": "medial malleolus",
    "medial_malleolus_inferior": "below the medial malleolus",
    "first_second_metatarsal_base": "1st-2nd metatarsal bases",
    "fourth_fifth_metatarsal_base": "4th-5th metatarsal bases",
    "little_toenail_lateral_corner": "little toenail corner",
    "big_toenail_medial_corner": "big toenail corner",
    "lateral_knee_eye": "lateral knee eye",
    "medial_knee_eye": "medial knee eye",
    "first_web": "thumb-index web",
    "fifth_mtp_lateral": "5th MTP joint",
    "first_mtp_medial": "1st MTP joint",
    "clavicle_lower_border": "lower border of the clavicle",
    "patella_base_medial": "patella base, medial end",
    "patella_base_lateral": "patella base, lateral end",
    "popliteal_crease_medial_end": "popliteal crease, medial end",
    **ARM_SHORT_LABELS,
    **body_hands.HAND_SHORT_LABELS_BACK,
    **HAND_SHORT_LABELS,
    **SIDE_SHORT_LABELS,
    **FOOT_SHORT_LABELS,
}


def landmark_label(landmark_id: str) -> str:
    """A short label for a landmark: the level itself for the spine ("L2"), else a short name."""
    if landmark_id in SPINE_LEVELS:
        return landmark_id
    if landmark_id.endswith("_foramen"):
        return landmark_id.split("_")[0] + " foramen"
    if landmark_id in SHORT_LABELS:
        return SHORT_LABELS[landmark_id]
    text = LANDMARKS[landmark_id].description.split(" (")[0].split(",")[0]
    return text[:1].lower() + text[1:]
