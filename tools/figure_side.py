"""The right side view (``resources/figures/side.svg``), drawn from ``app.domain.landmarks_side``.

The body's profile is one outline (``landmarks_side.BODY``); the arm is raised, bent at the elbow
above the head, the hand resting on the crown (``landmarks_side.ARM`` and ``ARM_FINGERS``), drawn
opaque over the head and neck, so the axilla, the mid-axillary line and the flank are open to view
as on a lateral plate.
Every bony landmark drawn (axilla, ribs, iliac crest, trochanter, knee, fibula, malleolus) is at
its landmark's coordinates, so the markers and the drawing agree.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.domain import anatomy as A
from app.domain import chest
from app.domain import landmarks_side as S
from app.domain.anatomy import LANDMARKS, VIEW_FRAMES

if TYPE_CHECKING:  # draw_figures imports this module; it passes its Figure class in
    from tools.draw_figures import Figure

Pt = tuple[float, float]


def lm(landmark_id: str) -> Pt:
    mark = LANDMARKS[landmark_id]
    return (mark.x, mark.y)


def _face(fig: Figure) -> None:
    brow = LANDMARKS["glabella"].y
    fig.curve([(2.6, brow - 0.1), (3.3, brow - 0.3), (3.95, brow - 0.2)], "detail", 0.9)
    fig.path(fig.smooth([(2.85, 5.6), (3.25, 5.45), (3.55, 5.62), (3.25, 5.72)], tension=0.6), "detail", 0.8)
    fig.curve([(4.45, 6.75), (4.15, 6.95), (4.3, 7.12)], "detail", 0.8)  # the ala of the nose
    fig.curve([(4.2, 8.05), (3.85, 8.1), (3.55, 8.02)], "detail", 0.8)  # the corner of the mouth
    fig.curve([(3.75, 9.65), (2.4, 9.55), (0.55, 9.0), (0.05, 7.4)], "detail", 0.8)  # the jaw
    fig.path(fig.smooth(S.EAR, tension=0.7), "detail", 0.9, fill="shade")
    fig.curve([(-0.2, 5.4), (-0.6, 5.65), (-0.65, 6.3), (-0.3, 6.7)], "detail", 0.7)
    hairline = LANDMARKS["anterior_hairline"].y
    fig.curve([(3.55, hairline), (2.5, 2.6), (1.6, 3.6), (1.0, 4.7), (0.55, 5.4)], "detail", 0.8)
    fig.curve([(-0.9, 7.0), (0.6, 9.8), (2.0, 11.9), (2.9, 12.95)], "detail", 0.7)  # sternocleidomastoid


def _trunk(fig: Figure) -> None:
    axilla = lm("side_axillary_fossa")
    fig.line(axilla, (0.0, LANDMARKS["side_iliac_crest_top"].y + 0.4), "guide", 0.7, dash="2,3")
    fig.dot(lm("side_nipple"), 1.5, "bone")
    xiphoid_y = LANDMARKS["xiphisternal_junction"].y
    fig.dot((4.3, xiphoid_y), 1.2, "bone")
    rib11, rib12 = lm("side_rib11_end"), lm("side_rib12_end")
    fig.curve([*chest.COSTAL_MARGIN[A.SIDE], rib11], "bone", 0.9)  # the costal margin
    for n in (4, 5, 6, 7):  # the spaces, mid-axillary to mammillary line (chest.py), faint
        line = [(x, chest.level(A.SIDE, n, x)) for x in (0.0, chest.MAMMILLARY_SIDE_X)]
        fig.path(fig.poly(line, closed=False), "detail", 0.6)
    fig.curve([(-3.3, 24.6), (-1.3, 26.2), rib11], "bone", 0.8)  # the 11th rib
    fig.curve([(-3.3, 26.6), (-2.95, 27.7), rib12], "bone", 0.8)  # the 12th rib
    fig.dot(rib11, 1.3, "bone")
    fig.dot(rib12, 1.3, "bone")
    umb = lm("side_umbilicus")
    fig.curve(
        [(umb[0] - 0.2, umb[1] - 0.2), (umb[0] - 0.05, umb[1]), (umb[0] - 0.2, umb[1] + 0.2)], "bone", 1.0
    )
    # the C7 spinous process, just inside the back of the neck (the raised arm no longer covers it)
    fig.dot((-3.25, A.SPINE_LEVELS["C7"]), 1.4, "bone")
    # the pelvis: the iliac crest from the ASIS over its highest point (L4) to the PSIS
    asis, crest = lm("side_asis"), lm("side_iliac_crest_top")
    fig.curve([asis, (1.9, 31.55), (0.6, crest[1] + 0.05), crest, (-1.9, 31.45), (-3.1, 33.5)], "bone", 1.0)
    fig.dot(asis, 1.5, "bone")
    fig.curve([(3.6, 35.5), (3.25, 34.3), (asis[0] + 0.05, asis[1] + 0.4)], "detail", 0.8)  # the groin
    tro = lm("side_greater_trochanter")
    fig.ring(tro, 0.45, 0.55, "bone", 0.9)
    gluteal = lm("side_gluteal_fold")
    fig.curve([(-4.55, gluteal[1] + 0.1), (-3.5, gluteal[1]), (-2.5, gluteal[1] - 0.45)], "detail", 0.9)
    fig.curve([(-5.0, 36.2), (-4.45, 38.3), (-4.55, 40.6)], "detail", 0.6)  # the cleft, seen past the buttock


def _leg(fig: Figure) -> None:
    fig.curve([(0.1, 37.2), (S.ILIOTIBIAL_X, S.FINGERTIP[1]), (0.8, 52.5), (1.15, 56.3)], "detail", 0.8)
    fig.curve([(-2.0, 49.5), (-1.6, 53.0), (-1.15, 56.2)], "detail", 0.8)  # biceps femoris tendon
    apex = LANDMARKS["patella_apex"].y
    base = LANDMARKS["patella_base"].y
    fig.path(
        fig.smooth(
            [
                (2.35, base + 0.1),
                (2.7, base + 0.35),
                (2.78, apex - 0.9),
                (2.6, apex - 0.05),
                (2.25, apex - 0.6),
            ]
        ),
        "bone",
        0.9,
    )
    fig.line((2.45, apex + 0.05), (2.25, apex + 2.0), "detail", 0.8)  # the patellar ligament
    fig.ring(lm("side_femur_lateral_epicondyle"), 0.32, 0.32, "bone", 0.8)
    pop = lm("side_popliteal_crease")
    fig.curve(
        [(pop[0] - 0.05, pop[1]), (pop[0] + 0.4, pop[1] + 0.05), (pop[0] + 0.8, pop[1] + 0.15)], "bone", 1.0
    )
    head, mall = lm("side_fibula_head"), lm("side_lateral_malleolus")
    fig.dot(head, 1.6, "bone")
    fig.line((head[0], head[1] + 0.6), (mall[0], mall[1] - 0.8), "guide", 0.7, dash="3,3")  # the fibula
    fig.curve([(2.15, 58.0), (1.85, 63.0), (1.45, 69.0)], "detail", 0.7)  # the shin (anterior tibia)
    fig.curve([(-2.3, 65.5), (S.CALCANEAL_TENDON_X, mall[1]), (-2.6, 72.4)], "detail", 0.9)
    fig.ring(mall, 0.5, 0.62, "bone", 1.1)
    # the foot: 5th metatarsal and its tuberosity, the toes, the little toenail
    fig.ring((2.85, 73.05), 0.3, 0.2, "bone", 0.9)
    fig.line((3.15, 73.1), (6.2, 73.2), "bone", 0.9)
    for x in (6.55, 7.05):
        fig.line((x, 72.95), (x + 0.1, 73.5), "detail", 0.7)
    fig.path(
        fig.smooth([(7.35, 73.0), (7.8, 73.15), (7.75, 73.3), (7.35, 73.2)], tension=0.5),
        "detail",
        0.8,
        fill="shade",
    )


def _arm(fig: Figure) -> None:
    """The raised arm (the silhouette's second part, side_parts), drawn over the head, neck and
    shoulder it lies across: skin with its own border, the fingers over the crown; then the deltoid,
    the elbow, the wrist and the axilla the arm opens."""
    fingers = S.arm_fingers()
    # the border as the silhouette draws one (a stroke twice as wide under the fills, so only its
    # outer half shows), the fingers each over the one beyond it, then the arm over their roots
    fig.path(fig.smooth(S.ARM_BORDER, closed=False), "outline", 2.8)
    for finger in fingers:
        fig.path(fig.smooth(finger), "outline", 2.8)
    for finger in fingers:
        fig.path(fig.smooth(finger), "outline", 0.9, fill="skin")
    fig.path(fig.smooth(S.ARM), "skin", 0.0, fill="skin")
    # the deltoid: its borders from the axillary folds up the arm to its insertion, halfway to the elbow
    fig.curve([(0.9, 12.9), (-0.45, 10.2), (-1.95, 7.7), (-2.85, 8.9), (-3.05, 11.0)], "detail", 0.7)
    # the elbow: the crease in its bend, the olecranon at its point, and the wrist
    fig.curve([(-3.05, 0.15), (-3.3, -0.15), (-3.45, -0.45)], "detail", 0.8)
    fig.curve([(-4.5, -0.5), (-4.05, -0.8), (-3.5, -0.8)], "bone", 0.9)
    fig.curve([(-0.2, 0.05), (-0.32, -0.4), (-0.2, -0.8)], "detail", 0.7)
    # the axilla: the anterior fold (pectoralis major) and the posterior fold (latissimus dorsi)
    # run from the arm down onto the chest wall, the hollow between them, HT1 at its centre
    axilla = lm("side_axillary_fossa")
    front, back = S.ARM_BORDER[0], S.ARM_BORDER[-1]
    fig.curve([front, (1.75, 15.0), (2.1, 16.2), (2.45, 17.3)], "detail", 0.9)
    fig.curve([back, (-2.85, 15.2), (-3.0, 16.6), (-3.15, 18.4)], "detail", 0.9)
    fig.curve(
        [(1.2, axilla[1] - 0.6), (0.5, axilla[1] - 0.05), (-0.6, axilla[1] - 0.05), (-1.9, axilla[1] - 0.7)],
        "bone",
        0.8,
    )


def draw_side(figure: type[Figure]) -> str:
    fig = figure(VIEW_FRAMES[A.SIDE])
    # the body's outline; the raised arm (the rest of side_parts) is drawn whole by _arm, over the
    # head it crosses, with the same border (a second copy in the silhouette would be hidden)
    fig.parts.append(S.BODY)
    _face(fig)
    _trunk(fig)
    _leg(fig)
    _arm(fig)
    # which way the patient faces; the caption and the landmark names: app/domain/figure_notes.py
    fig.text((-9.6, 1.2), "Back", 13.0, "start", weight="bold")
    fig.text((11.6, 1.2), "Front", 13.0, "end", weight="bold")
    return fig.svg("Right side view of the body")
