"""The head-and-neck close-up (``resources/figures/head.svg``): the face from the front and the
right side of the head, drawn from ``app.domain.landmarks_head`` so markers and drawing agree."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from app.domain import anatomy as A
from app.domain import landmarks_head as H

if TYPE_CHECKING:  # draw_figures imports this module when it draws the head (mypy: top-level names)
    from tools.draw_figures import Figure

Pt = tuple[float, float]
At = Callable[[float, float], Pt]  # a panel's coordinates -> the view's


def _mirror(pts: list[Pt]) -> list[Pt]:
    return [(-x, y) for x, y in pts]


def _face_features(fig: Figure, f: At) -> None:
    """Eyebrows, eyes, nose, lips, chin and the front of the neck, on both sides of the midline."""
    fig.curve([f(-4.5, 0.0), f(0.0, 0.0), f(4.5, 0.0)], "detail", 0.9)  # anterior hairline (WHO row 3)
    for s in (1, -1):
        m = lambda x, y, s=s: f(s * x, y)  # noqa: E731 - the same feature on each side
        fig.curve([m(4.5, 0.0), m(4.78, 0.9), m(4.85, 2.2)], "detail", 0.9)  # temple hairline
        brow_end = -H.EYEBROW_LATERAL_X  # above GB1, past the outer canthus (landmarks_head)
        fig.curve([m(0.8, 3.03), m(1.5, 2.78), m(2.25, 2.7), m(3.2, 2.76), m(brow_end, 2.95)], "bone", 1.6)
        upper = [m(0.9, 3.9), m(1.5, 3.6), m(2.3, 3.53), m(3.05, 3.64), m(3.6, 3.9)]
        lower = [m(3.6, 3.9), m(2.9, 4.12), m(2.2, 4.16), m(1.45, 4.07), m(0.9, 3.9)]
        fig.curve(upper, "outline", 1.0)
        fig.curve(lower, "detail", 0.9)
        fig.ring(m(2.25, 3.86), 0.27, 0.25, "bone", 0.9)
        fig.curve([m(1.0, 4.45), m(2.25, 4.6), m(3.6, 4.35)], "detail", 0.7)  # infraorbital margin
        fig.curve([m(3.55, 4.6), m(4.2, 4.75), m(4.7, 4.55)], "detail", 0.7)  # cheekbone
        fig.curve([m(0.5, 3.6), m(0.58, 4.6), m(0.62, 5.2)], "detail", 0.7)  # side of the nose
        fig.curve([m(0.45, 5.45), m(0.88, 5.6), m(0.85, 5.95), m(0.45, 6.05)], "outline", 0.9)  # ala
        fig.curve([m(0.95, 5.35), m(1.3, 6.1), m(1.55, 6.9), m(1.75, 7.5)], "detail", 0.8)  # nasolabial
        fig.curve([m(0.22, 6.05), m(0.2, 6.6)], "detail", 0.7)  # philtrum ridge
        fig.curve([m(4.55, 6.3), m(4.1, 7.55), m(3.3, 8.55)], "detail", 0.7)  # jaw, mandible angle
        front = [m(3.05, 8.9), m(2.35, 9.4), m(1.75, 10.15), m(1.35, 11.1), m(0.6, 12.8)]
        back = [m(3.75, 8.95), m(3.45, 9.5), m(3.05, 10.15), m(2.6, 11.1), m(2.15, 12.7)]
        fig.curve(front, "detail", 0.9)  # sternocleidomastoid, anterior border
        fig.curve(back, "detail", 0.9)  # and posterior border
        fig.curve([m(0.7, 12.95), m(2.8, 12.8), m(4.6, 12.6), m(5.9, 12.3)], "bone", 1.1)  # clavicle
        gap = -H.CAROTID_X  # the gap between its two heads, below ST9 (landmarks_head)
        fig.curve([m(gap - 0.3, 12.72), m(gap, 12.0), m(gap + 0.35, 12.72)], "detail", 0.7)
        fig.curve([m(0.45, 5.95), m(0.25, 5.88), m(0.12, 5.98)], "detail", 0.7)  # nostril
    fig.curve([f(-0.3, 5.5), f(0.0, 5.82), f(0.3, 5.5)], "detail", 0.8)  # tip of the nose
    upper_lip = [f(-1.25, 6.95), f(-0.65, 6.66), f(-0.2, 6.6), f(0.0, 6.68), f(0.2, 6.6), f(0.65, 6.66)]
    fig.curve([*upper_lip, f(1.25, 6.95)], "outline", 0.9)
    fig.curve([f(-1.25, 6.95), f(-0.5, 6.98), f(0.0, 7.0), f(0.5, 6.98), f(1.25, 6.95)], "outline", 0.9)
    fig.curve([f(-1.05, 7.02), f(-0.5, 7.3), f(0.0, 7.36), f(0.5, 7.3), f(1.05, 7.02)], "detail", 0.9)
    fig.curve([f(-0.7, 7.82), f(0.0, 7.72), f(0.7, 7.82)], "detail", 0.8)  # mentolabial groove
    fig.curve([f(-0.9, 8.85), f(0.0, 9.05), f(0.9, 8.85)], "detail", 0.6)  # chin
    fig.curve([f(-0.55, 10.05), f(0.0, 10.42), f(0.55, 10.05)], "bone", 0.9)  # laryngeal prominence
    fig.curve([f(-0.55, 11.05), f(0.0, 11.15), f(0.55, 11.05)], "detail", 0.7)  # cricoid
    fig.curve([f(-0.45, 12.55), f(0.0, 12.85), f(0.45, 12.55)], "detail", 0.8)  # suprasternal fossa


def _side_features(fig: Figure, s: At) -> None:
    """Hairline, ear, eye, jaw, zygomatic arch, mastoid, occiput and the sternocleidomastoid."""
    hairline = [
        (4.75, 0.0),
        (3.9, 0.03),
        (3.15, 0.05),
        (2.3, 1.05),
        (1.5, 1.95),
        (1.1, 2.9),
        (0.8, 3.85),
        (0.45, 3.35),
        (0.45, 2.3),
        (-0.3, 2.0),
        (-1.2, 2.05),
        (-2.3, 2.45),
        (-2.75, 3.9),
        (-2.95, 5.6),
        (-3.5, 6.1),
    ]
    fig.curve([s(*p) for p in hairline], "detail", 0.9)
    fig.path(fig.smooth([s(*p) for p in H.SIDE_EAR]), "outline", 1.0, fill="skin")
    fig.curve(
        [s(-0.6, 2.85), s(-1.2, 2.65), s(-1.7, 3.0), s(-1.8, 3.9), s(-1.6, 4.9), s(-1.25, 5.45)], "detail"
    )
    fig.path(
        fig.smooth([s(-0.45, 3.7), s(-1.2, 3.6), s(-1.35, 4.5), s(-0.9, 5.2), s(-0.3, 5.0)]), "detail", 0.8
    )
    fig.curve([s(0.05, 4.15), s(0.22, 4.6), s(0.05, 5.1)], "outline", 1.0)  # tragus
    fig.curve([s(-1.55, 5.45), s(-2.1, 5.95), s(-1.9, 6.4), s(-1.55, 6.3)], "bone", 0.9)  # mastoid process
    fig.curve([s(4.05, 2.95), s(4.55, 2.78), s(5.05, 2.85)], "bone", 1.6)  # eyebrow
    fig.curve([s(4.05, 3.9), s(4.4, 3.68), s(4.8, 3.72)], "outline", 1.0)  # upper eyelid
    fig.curve([s(4.05, 3.9), s(4.4, 4.03), s(4.75, 3.98)], "detail", 0.9)
    fig.curve([s(0.8, 4.25), s(2.0, 4.25), s(3.3, 4.45), s(3.9, 4.65)], "bone", 1.0)  # zygomatic arch
    fig.curve(
        [s(0.75, 4.7), s(0.55, 6.2), s(0.35, 7.6), s(1.3, 8.1), s(2.45, 8.4), s(3.9, 8.95), s(5.05, 9.3)],
        "bone",
        1.0,
    )  # mandible: ramus, angle, lower border
    fig.curve([s(3.25, 4.65), s(2.85, 6.4), s(2.45, 8.35)], "detail", 0.7)  # masseter, anterior border
    fig.curve([s(5.35, 5.95), s(5.05, 6.55), s(4.9, 7.1)], "detail", 0.8)  # nasolabial groove
    fig.curve([s(5.5, 6.95), s(4.8, 6.97)], "outline", 0.9)  # mouth
    fig.curve([s(5.3, 5.2), s(5.6, 5.95), s(5.5, 6.05)], "detail", 0.8)  # ala
    fig.curve([s(-1.5, 6.4), s(-0.35, 7.75), s(1.1, 9.6), s(2.45, 12.75)], "detail", 0.9)  # SCM front
    fig.curve([s(-2.3, 6.45), s(-2.5, 7.6), s(-2.25, 9.5), s(-0.8, 12.2), s(0.3, 12.95)], "detail", 0.9)
    fig.curve([s(3.05, 12.95), s(1.0, 12.9), s(-1.8, 12.55)], "bone", 1.1)  # clavicle
    eop = A.LANDMARKS["external_occipital_protuberance"]
    bump = [(eop.x + 0.25, eop.y + 0.05), (eop.x + 0.45, eop.y + 0.4), (eop.x + 0.3, eop.y + 0.8)]
    fig.curve(bump, "bone", 0.9)


def draw_head(figure_cls: type[Figure], label: Callable[..., None]) -> str:
    fig = figure_cls(A.VIEW_FRAMES[A.HEAD])
    for poly, smooth in H.outlines():
        (fig.parts if smooth else fig.straight_parts).append(poly)
    # the hair: a soft shade between the hairlines and the top of the head
    ring = H.outline_polygons()[0]  # the face outline, sampled from its top (the vertex) round
    top = [p for p in ring if p[1] < H.FACE_ORIGIN[1] + 2.2]
    right = [p for p in top if p[0] >= H.FACE_ORIGIN[0]]
    left = [p for p in top if p[0] < H.FACE_ORIGIN[0]]
    hair = [H.face(4.85, 2.2), H.face(4.78, 0.9), H.face(4.5, 0.0), H.face(-4.5, 0.0), H.face(-4.78, 0.9)]
    hair += [H.face(-4.85, 2.2), *sorted(left, key=lambda p: p[1], reverse=True)]
    hair += sorted(right, key=lambda p: p[1])
    fig.path(fig.poly(hair), "shade", 0.1, fill="shade")
    _face_features(fig, H.face)
    scalp = [H.scalp_point(c / 4) for c in range(0, 49)]
    back_hair = [H.side(-3.5, 6.1), H.side(-2.95, 5.6), H.side(-2.75, 3.9), H.side(-2.3, 2.45)]
    temple = [
        H.side(-1.2, 2.05),
        H.side(-0.3, 2.0),
        H.side(0.45, 2.3),
        H.side(1.5, 1.95),
        H.side(3.15, 0.05),
    ]
    fig.path(fig.poly(scalp + back_hair + temple), "shade", 0.1, fill="shade")
    _side_features(fig, H.side)
    fig.text(H.face(0.0, -4.0), "Face, from the front", 10, weight="bold")
    fig.text(H.side(0.3, -4.0), "Right side of the head and neck", 10, weight="bold")
    fig.text(H.face(-6.0, 13.5), "R", 10, "start", weight="bold")
    fig.text(H.face(6.0, 13.5), "L", 10, "end", weight="bold")
    gap = H.PANEL_SPLIT_X
    for text, at, target in (
        ("anterior hairline", (gap - 0.55, H.FACE_ORIGIN[1] - 0.3), H.face(4.4, 0.0)),
        ("sternocleidomastoid", (gap - 0.55, 15.0), H.face(2.9, 11.8)),
    ):
        label(fig, text, at, target, "middle", 8.0)
    for text, at, target in (
        ("occipital protuberance", (15.4, 5.4), (A.LANDMARKS["external_occipital_protuberance"].x, 6.9)),
        ("mastoid process", (15.4, 11.1), H.side(-2.0, 6.1)),
        ("tragus", (15.4, 8.8), H.side(0.1, 4.6)),
        ("angle of mandible", (15.4, 12.4), H.side(0.35, 7.6)),
    ):
        label(fig, text, at, target, "middle", 8.0)
    fig.text(
        (A.VIEW_FRAMES[A.HEAD].x_max / 2, 18.25),
        "Markers of paired points on the patient's right. The left side is the mirror image.",
        9,
        italic=True,
    )
    return fig.svg("Close-up of the head and neck: the face from the front and the right side")
