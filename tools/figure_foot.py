"""Draw the foot close-up (``resources/figures/foot.svg``) from ``app.domain.foot_panels``.

Four panels: the lateral side of the right foot, the medial side of the left foot, the dorsum of
the right foot (toes down) and its sole (toes up). Every bone, crease, nail and web the markers
are placed by is drawn from the numbers in ``foot_panels``, so the markers sit where the figure
shows them. Used by ``tools/draw_figures.py``.
"""

from __future__ import annotations

from itertools import pairwise

from app.domain import foot_panels as F
from app.domain.anatomy import FOOT, VIEW_FRAMES
from tools.draw_figures import Figure, Pt, _capsule, lm
from tools.draw_figures import label as _small_label

# Text sizes (SVG px at 34 per cun): the four panels are shown at about 0.8 of that in a 760 px
# window, so the names stay about 8 px there.
LABEL, NOTE, TITLE = 10.0, 10.0, 12.5


def label(fig: Figure, text: str, at: Pt, target: Pt | None = None, anchor: str = "start") -> None:
    _small_label(fig, text, at, target, anchor, LABEL)


def _side_nail(fig: Figure, origin: Pt, corner: Pt, tip: Pt) -> None:
    """A toenail seen from the side: a sliver along the top of the toe from its base corner."""
    (cx, cy), (tx, ty) = corner, tip
    top = cy - 0.17
    sliver = [(cx - 0.04, top), (tx - 0.15, top + 0.05), (tx, ty), (cx, cy)]
    fig.path(fig.smooth(F.placed(origin, sliver), tension=0.5), "detail", 0.8, fill="shade")


def _red_white(fig: Figure, origin: Pt, line: list[Pt]) -> None:
    fig.curve(F.placed(origin, line), "guide", 0.8, dash="3,2.5")


def _ground(fig: Figure, origin: Pt, y: float, toe_x: float) -> None:
    """The ground the foot stands on, a faint line under the side panel from behind the heel to
    beyond the toes (on the medial panel it shows the arch clear of it)."""
    fig.line(F.at(origin, -2.9, y), F.at(origin, toe_x, y), "guide", 0.7)


def _lateral(fig: Figure) -> None:
    lat = F.FOOT_LATERAL_ORIGIN
    fig.parts.append(F.placed(lat, F.LATERAL_PROFILE))
    _ground(fig, lat, F.LATERAL_GROUND_Y, 9.6)
    rx, ry = F.LATERAL_MALLEOLUS_RADII
    fig.ring(lm("lateral_malleolus_side"), rx, ry, "bone", 1.1)
    # calcaneal tendon, the calcaneus and the heel pad
    fig.curve(F.placed(lat, [(-1.6, -4.7), (-1.42, -2.5), (-1.5, 0.3), (-1.85, 1.35)]), "detail", 1.0)
    fig.curve(F.placed(lat, [(-1.9, 1.0), (-1.2, 0.85), (0.0, 1.0), (0.95, 0.85)]), "detail", 0.7)
    # cuboid, 5th metatarsal (tuberosity to head) and the little toe's joints
    cub = lm("cuboid")
    cuboid = [(-0.7, -0.3), (0.1, -0.5), (0.75, -0.2), (0.65, 0.4), (-0.55, 0.4)]
    fig.path(fig.smooth(F.placed(cub, cuboid), tension=0.8), "detail", 0.8)
    tub, mtp = lm("fifth_metatarsal_tuberosity"), lm("fifth_mtp_lateral")
    fig.ring(tub, 0.32, 0.22, "bone", 1.0)
    fig.curve([tub, F.at(lat, 4.9, 2.0), mtp], "bone", 0.9)
    fig.ring(mtp, 0.28, 0.22, "bone", 0.9)
    # the little toe: the crease under its base and its joint seen from the side
    fig.curve(F.placed(lat, [(7.95, 2.75), (8.1, 2.5), (8.05, 2.3)]), "detail", 0.7)
    fig.curve(F.placed(lat, [(8.5, 1.7), (8.58, 1.95), (8.5, 2.15)]), "detail", 0.6)
    _side_nail(fig, lat, F.LITTLE_NAIL_CORNER, (9.3, 1.97))
    _red_white(fig, lat, F.LATERAL_RED_WHITE)
    fig.curve(F.placed(lat, [(1.3, -1.0), (0.0, -1.1), (-1.0, -0.9)]), "detail", 0.7)
    fig.text(F.at(lat, 1.0, -6.3), "Lateral side, right foot", TITLE, weight="bold")
    label(fig, "lateral malleolus", F.at(lat, 2.2, -2.2), F.at(lat, 0.45, -0.4))
    label(fig, "calcaneal", F.at(lat, -2.9, -4.75), F.at(lat, -1.5, -3.8), "end")
    label(fig, "tendon", F.at(lat, -2.9, -4.3), None, "end")
    label(fig, "cuboid", F.at(lat, 0.6, 3.75), None, "middle")
    fig.line(F.at(lat, 0.7, 3.35), (cub[0] - 0.55, cub[1] + 0.3), "guide", 0.7)
    label(fig, "5th metatarsal", F.at(lat, 3.9, 3.75), None, "middle")
    fig.line(F.at(lat, 3.5, 3.35), (tub[0] + 0.2, tub[1] + 0.2), "guide", 0.7)
    label(fig, "5th MTP joint", F.at(lat, 7.7, 3.75), None, "middle")
    fig.line(F.at(lat, 7.6, 3.35), mtp, "guide", 0.7)


def _medial(fig: Figure) -> None:
    med = F.FOOT_MEDIAL_ORIGIN
    fig.parts.append(F.placed(med, F.MEDIAL_PROFILE))
    _ground(fig, med, F.MEDIAL_GROUND_Y, 10.3)
    rx, ry = F.MEDIAL_MALLEOLUS_RADII
    fig.ring(lm("medial_malleolus_side"), rx, ry, "bone", 1.1)
    fig.curve(F.placed(med, [(-1.6, -4.9), (-1.42, -2.6), (-1.5, 0.4), (-1.85, 1.55)]), "detail", 1.0)
    # the tibia's medial border down to the malleolus
    fig.curve(F.placed(med, [(-0.3, -5.6), (-0.25, -3.0), (-0.1, -1.2)]), "detail", 0.7)
    # navicular, 1st metatarsal (base to head), the big toe's joint, the arch
    nav, base, mtp = lm("navicular_tuberosity"), lm("first_metatarsal_base_medial"), lm("first_mtp_medial")
    fig.ring(nav, 0.3, 0.24, "bone", 1.0)
    fig.ring(base, 0.22, 0.3, "bone", 0.9)
    fig.curve([base, F.at(med, 5.3, 1.9), mtp], "bone", 0.9)
    fig.ring(mtp, 0.38, 0.32, "bone", 0.9)
    # the big toe: the crease under its base and its interphalangeal joint
    fig.curve(F.placed(med, [(8.1, 3.0), (8.3, 2.7), (8.25, 2.45)]), "detail", 0.7)
    fig.curve(F.placed(med, [(8.7, 1.72), (8.8, 2.05), (8.72, 2.35)]), "detail", 0.6)
    _side_nail(fig, med, F.BIG_NAIL_CORNER, (9.98, 2.1))
    _red_white(fig, med, F.MEDIAL_RED_WHITE)
    fig.text(F.at(med, 1.0, -6.5), "Medial side, left foot", TITLE, weight="bold")
    label(fig, "medial malleolus", F.at(med, 2.2, -2.2), F.at(med, 0.55, -0.5))
    label(fig, "calcaneal", F.at(med, -2.9, -4.75), F.at(med, -1.5, -3.8), "end")
    label(fig, "tendon", F.at(med, -2.9, -4.3), None, "end")
    label(fig, "navicular", F.at(med, 0.0, 4.0), None, "middle")
    fig.line(F.at(med, 0.1, 3.6), (nav[0] - 0.25, nav[1] + 0.15), "guide", 0.7)
    label(fig, "1st metatarsal", F.at(med, 3.0, 4.0), None, "middle")
    fig.line(F.at(med, 3.0, 3.6), (base[0] - 0.05, base[1] + 0.3), "guide", 0.7)
    label(fig, "1st MTP joint", F.at(med, 7.1, 4.0), None, "middle")
    fig.line(F.at(med, 7.1, 3.6), mtp, "guide", 0.7)


def _dorsum(fig: Figure) -> None:
    dor = F.FOOT_DORSUM_ORIGIN
    fig.parts.append(F.placed(dor, F.DORSUM_OUTLINE))
    for head, tip, half in F.DORSUM_TOES:
        fig.parts.append(F.placed(dor, _capsule(head, tip, half, half * 0.92)))
    fig.curve(F.placed(dor, [(-1.9, 0.0), (0.0, -0.2), (1.75, 0.0)]), "detail", 0.9)
    # extensor hallucis longus, the tendon ST41 and LR3 are placed beside
    fig.curve(F.placed(dor, [(0.35, -1.6), (0.55, 0.2), (1.3, 3.2), (1.6, 6.0)]), "detail", 0.7, dash="1,2")
    for i, (base, (head, tip, half)) in enumerate(zip(F.DORSUM_BASES, F.DORSUM_TOES, strict=True)):
        fig.line(F.at(dor, *base), F.at(dor, *head), "bone", 1.0)
        fig.ring(F.at(dor, *head), 0.2, 0.17, "bone", 0.8)
        lateral, medial, free = F.dorsum_nail(i)
        w = medial[0] - free[0]
        side = (w * 0.95, -0.18)
        nail = [
            lateral,
            medial,
            (free[0] + side[0], free[1] + side[1]),
            free,
            (free[0] - side[0], free[1] + side[1]),
        ]
        fig.path(fig.smooth(F.placed(dor, nail), tension=0.5), "detail", 0.8, fill="shade")
        joint = (head[0] + (tip[0] - head[0]) * 0.45, head[1] + (tip[1] - head[1]) * 0.45)
        crease = (F.at(dor, joint[0] - half * 0.5, joint[1]), F.at(dor, joint[0] + half * 0.5, joint[1]))
        fig.line(*crease, "detail", 0.7)
    webs = ["first_second_toe_web", "second_third_toe_web", "third_fourth_toe_web", "fourth_fifth_toe_web"]
    for web, ((_h1, t1, r1), (_h2, t2, r2)) in zip(webs, pairwise(F.DORSUM_TOES), strict=True):
        start = lm(web)
        end = F.at(dor, (t1[0] - r1 + t2[0] + r2) / 2, min(t1[1], t2[1]) - 0.35)
        fig.line((start[0], start[1] + 0.15), end, "detail", 0.9)
    fig.ring(F.at(dor, 1.65, -0.25), 0.28, 0.45, "bone", 1.0)
    fig.ring(F.at(dor, -1.78, 0.3), 0.26, 0.45, "bone", 1.0)
    fig.text(F.at(dor, 0.0, -4.6), "Dorsum, right foot", TITLE, weight="bold")
    label(fig, "lateral", F.at(dor, -2.5, -1.2), F.at(dor, -2.0, 0.1), "end")
    label(fig, "malleolus", F.at(dor, -2.5, -0.8), None, "end")
    label(fig, "medial", F.at(dor, 2.4, -1.6), F.at(dor, 1.9, -0.4))
    label(fig, "malleolus", F.at(dor, 2.4, -1.2), None)
    fig.text(F.at(dor, 0.1, 10.0), "toes down, big toe", NOTE, italic=True)
    fig.text(F.at(dor, 0.1, 10.4), "on the inner side", NOTE, italic=True)


def _sole(fig: Figure) -> None:
    sole = F.FOOT_SOLE_ORIGIN
    fig.parts.append(F.placed(sole, F.SOLE_OUTLINE))
    for base, tip, half in F.SOLE_TOES:
        fig.parts.append(F.placed(sole, _capsule(base, tip, half, half * 0.92)))
    # heel pad, the ball under the metatarsal heads, the toe pads and the creases at the toe bases
    fig.curve(F.placed(sole, [(-1.25, -2.9), (0.0, -3.3), (1.3, -3.0)]), "detail", 0.8)
    fig.curve(F.placed(sole, [(-2.05, -7.3), (-0.6, -7.0), (1.0, -6.95), (2.25, -7.4)]), "detail", 0.8)
    for base, tip, half in F.SOLE_TOES:
        crease = base[1] - 0.55
        fig.curve(
            F.placed(
                sole,
                [
                    (base[0] - half * 0.6, crease + 0.05),
                    (base[0], crease),
                    (base[0] + half * 0.6, crease + 0.05),
                ],
            ),
            "detail",
            0.7,
        )
        pad = tip[1] + half * 1.5
        fig.curve(
            F.placed(
                sole,
                [(tip[0] - half * 0.5, pad - 0.05), (tip[0], pad + 0.05), (tip[0] + half * 0.5, pad - 0.05)],
            ),
            "detail",
            0.6,
        )
    for first in range(4):
        (_b1, t1, r1), (_b2, t2, r2) = F.SOLE_TOES[first], F.SOLE_TOES[first + 1]
        web = F.sole_web(first)
        fig.line(
            F.at(sole, web[0], web[1] + 0.1),
            F.at(sole, (t1[0] - r1 + t2[0] + r2) / 2, max(t1[1], t2[1]) + 0.35),
            "detail",
            0.9,
        )
    # the line WHO measures KI1 along: the 2nd-3rd toe web to the heel, a tick at its front third
    web, heel = lm("second_third_toe_web_sole"), lm("heel_sole")
    fig.line(web, heel, "guide", 0.7, dash="1.5,2.5")
    third = (web[0] + (heel[0] - web[0]) / 3, web[1] + (heel[1] - web[1]) / 3)
    fig.line((third[0] - 0.35, third[1]), (third[0] + 0.35, third[1]), "guide", 0.8)
    fig.text(F.at(sole, 0.0, -13.3), "Sole, right foot", TITLE, weight="bold")
    fig.text(F.at(sole, 0.0, 0.9), "toes up, seen from below;", NOTE, italic=True)
    fig.text(F.at(sole, 0.0, 1.3), "big toe on the inner side", NOTE, italic=True)
    label(fig, "heel", F.at(sole, -1.9, 0.3), (heel[0] - 0.5, heel[1] - 0.2), "end")
    label(fig, "1/3", F.at(sole, -2.55, third[1] - sole[1] + 0.1), (third[0] - 0.45, third[1]), "end")
    label(fig, "web", F.at(sole, -2.55, -10.9), (web[0] - 0.15, web[1] - 0.05), "end")


def draw_foot() -> str:
    fig = Figure(VIEW_FRAMES[FOOT])
    _lateral(fig)
    _medial(fig)
    _dorsum(fig)
    _sole(fig)
    fig.text(
        (22.2, 21.2),
        "Side views: toes to the right. The other foot is the mirror image.",
        NOTE,
        italic=True,
    )
    fig.text(
        (22.2, 21.75),
        "Dashed: the red-white flesh border. Toe points: 0.1 F-cun from the nail corner.",
        NOTE,
        italic=True,
    )
    return fig.svg("Close-up of the ankle and foot: lateral, medial, dorsal and plantar views")
