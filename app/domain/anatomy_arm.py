"""The arm and shoulder on the whole-figure views: levels, landmarks and the biceps outline (cun).

Kept apart from ``anatomy`` (which imports the rows) so that module stays short. Coordinates are
those of the front and back views: ``x`` from the midline (the right arm, mirrored), ``y`` down
from the vertex. The figure stands in the anatomical position (arms at the sides, palms forward),
so on both views the radial (thumb) side of the forearm is lateral, at the larger ``x``; the
front view shows the flexor side, the back view the extensor side.

Levels (WHO 2008 table rows 10 and 11): the anterior and posterior axillary folds are 9 B-cun
above the cubital crease, the cubital crease 12 B-cun above the wrist creases. With the elbow
extended the olecranon tip and the two epicondyles lie on one line, which this figure draws
level with the cubital crease (WHO's HT3 note puts the medial epicondyle level with the crease).
Widths across the limb are drawing proportions: WHO gives no transverse cun for the arm.
"""

from __future__ import annotations

from itertools import pairwise

from .vocabulary import View

FRONT, BACK = View.FRONT, View.BACK

WRIST_CREASE_Y = 37.9  # palmar and dorsal wrist creases (the hand hangs from here)
CUBITAL_CREASE_Y = WRIST_CREASE_Y - 12.0  # WHO row 11
AXILLARY_FOLD_Y = CUBITAL_CREASE_Y - 9.0  # WHO row 10, anterior and posterior folds alike

# Across the elbow at the crease level, medial to lateral (drawing proportions, the drawn elbow
# is 7.6 .. 10.8 cun from the midline). LI11 is midway between LU5 and the lateral epicondyle
# (WHO), so the crease's lateral end is put there; LU5 and PC3 flank the biceps tendon.
MEDIAL_EPICONDYLE_X = 7.75
CUBITAL_CREASE_MEDIAL_X = 8.35
BICEPS_TENDON_X = 9.55
LU5_FROM_TENDON = 0.3  # LU5 lateral and PC3 medial to the tendon, in its hollows
LATERAL_EPICONDYLE_X = 10.65
CUBITAL_CREASE_LATERAL_X = round((BICEPS_TENDON_X + LU5_FROM_TENDON + LATERAL_EPICONDYLE_X) / 2, 3)
OLECRANON_X = 8.95  # nearer the medial epicondyle than the lateral one, as on a real elbow

# fmt: off
ARM_ROWS: list[tuple[str, str, float, float, str]] = [
    # front view
    ("anterior_axillary_fold", FRONT, 7.0, AXILLARY_FOLD_Y,
     "Upper end of the anterior axillary fold (cubital crease - 9 cun, WHO row 10; arm at the side)"),
    ("cubital_crease_medial", FRONT, CUBITAL_CREASE_MEDIAL_X, CUBITAL_CREASE_Y,
     "Medial end of the cubital crease (drawing proportion)"),
    ("biceps_tendon", FRONT, BICEPS_TENDON_X, CUBITAL_CREASE_Y,
     "Biceps brachii tendon on the cubital crease (drawing proportion)"),
    ("medial_epicondyle", FRONT, MEDIAL_EPICONDYLE_X, CUBITAL_CREASE_Y,
     "Medial epicondyle of the humerus (level with the cubital crease, WHO HT3)"),
    ("lateral_epicondyle", FRONT, LATERAL_EPICONDYLE_X, CUBITAL_CREASE_Y,
     "Lateral epicondyle of the humerus (level with the cubital crease; drawing proportion)"),
    ("palmar_wrist_crease_mid", FRONT, 10.45, WRIST_CREASE_Y,
     "Palmar wrist crease between the palmaris longus and flexor carpi radialis tendons (drawing)"),
    ("palmar_wrist_crease_ulnar", FRONT, 9.65, WRIST_CREASE_Y,
     "Ulnar end of the palmar wrist crease, at the flexor carpi ulnaris tendon (drawing proportion)"),
    # back view
    ("posterior_axillary_fold", BACK, 7.0, AXILLARY_FOLD_Y,
     "Upper end of the posterior axillary fold (cubital crease - 9 cun, WHO row 10; arm at the side)"),
    ("acromial_angle", BACK, 7.85, 13.35,
     "Acromial angle, behind and below the lateral end of the acromion (drawing proportion)"),
    ("scapula_superior_angle", BACK, 3.6, 14.75,
     "Superior angle of the scapula (above the 3-cun medial border, WHO row 9; drawing proportion)"),
    ("olecranon", BACK, OLECRANON_X, CUBITAL_CREASE_Y,
     "Prominence of the olecranon, elbow extended (level with the epicondyles and the cubital crease)"),
    ("medial_epicondyle_back", BACK, MEDIAL_EPICONDYLE_X, CUBITAL_CREASE_Y,
     "Medial epicondyle of the humerus (back view; level with the cubital crease)"),
    ("lateral_epicondyle_back", BACK, LATERAL_EPICONDYLE_X, CUBITAL_CREASE_Y,
     "Lateral epicondyle of the humerus (back view; level with the cubital crease)"),
    ("cubital_crease_lateral_back", BACK, 10.45, CUBITAL_CREASE_Y,
     "Cubital crease level at the lateral margin of the elbow (back view; the crease is on the front)"),
    ("dorsal_wrist_crease_radial_back", BACK, 11.05, WRIST_CREASE_Y,
     "Radial end of the dorsal wrist crease (back view; LI5's hollow)"),
    ("ulnar_head_back", BACK, 9.7, WRIST_CREASE_Y - 1.0,
     "Head of the ulna (back view; WHO HT4 and HT6 put its borders 1.5 and 0.5 cun above the crease)"),
]

# The biceps on the front view, drawn by tools/figure_arm.py: its lateral and medial borders from
# the axillary fold down to the tendon on the cubital crease (drawing proportion).
BICEPS_LATERAL = [(9.05, 17.4), (9.35, 19.0), (9.5, 21.0), (9.55, 23.0), (9.6, 24.6),
                  (BICEPS_TENDON_X, CUBITAL_CREASE_Y)]
BICEPS_MEDIAL = [(7.8, 17.6), (7.75, 19.5), (7.85, 21.5), (8.15, 23.0), (8.8, 24.7),
                 (BICEPS_TENDON_X, CUBITAL_CREASE_Y)]
# The scapular spine on the back view, medial end to acromion, as tools/draw_figures.py draws it.
SCAPULAR_SPINE = [(3.0, 16.0), (5.2, 14.8), (8.0, 13.0)]
# fmt: on


def x_at(line: list[tuple[float, float]], y: float) -> float:
    """x of a polyline running down the figure (y increasing) at level y, linearly between its points."""
    for (x0, y0), (x1, y1) in pairwise(line):
        if min(y0, y1) <= y <= max(y0, y1) and y0 != y1:
            return x0 + (x1 - x0) * (y - y0) / (y1 - y0)
    raise ValueError(f"level {y} is outside the line")


def y_at(line: list[tuple[float, float]], x: float) -> float:
    """y of a polyline running across the figure at x, linearly between its points."""
    return x_at([(yy, xx) for xx, yy in line], x)


def arm_edges(outline: list[tuple[float, float]], y: float) -> tuple[float, float]:
    """The medial and lateral x where level y crosses the arm outline (between axilla and wrist)."""
    xs = [
        x0 + (x1 - x0) * (y - y0) / (y1 - y0)
        for (x0, y0), (x1, y1) in zip(outline, outline[1:] + outline[:1], strict=True)
        if (y0 > y) != (y1 > y)
    ]
    return min(xs), max(xs)


# Short names for the locate answer where the description's first words run long.
ARM_SHORT_LABELS = {
    "palmar_wrist_crease_mid": "palmar wrist crease, middle",
    "cubital_crease_lateral_back": "elbow, lateral margin",
    "biceps_tendon": "biceps tendon",
    "anterior_axillary_fold": "anterior axillary fold",
    "posterior_axillary_fold": "posterior axillary fold",
}
