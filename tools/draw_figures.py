"""Draw the body-diagram figures (``resources/figures/*.svg``) from ``app.domain.anatomy``.

Run ``python -m tools.draw_figures`` after changing a landmark (add
``--screenshots`` to render ``docs/screenshots/diagram-<view>.png`` from the
real widget instead): every landmark
the figures show (spinous processes, scapulae, iliac crest, creases, malleoli,
metacarpals ...) is drawn at its coordinates in ``anatomy``, so the drawing and
the point markers cannot drift apart.

Style: one soft outline around the whole silhouette (every body part's outline
is drawn first as a wide stroke, then all fills on top, so only the outer edge
shows), a subtle warm fill, landmarks faint, labels small. The widget swaps the
light colours in ``PALETTE`` for its dark theme, so use only these colours.

SVG user units are the widget's scene units: ``ViewFrame.to_scene`` maps cun.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from itertools import pairwise
from pathlib import Path
from xml.sax.saxutils import escape

from app.domain import anatomy as A
from app.domain import chest, silhouette
from app.domain.anatomy import LANDMARKS, SPINE_LEVELS, VIEW_FRAMES, ViewFrame
from app.domain.anatomy_arm import SCAPULAR_SPINE
from app.domain.outlines import round_ended
from tools.figure_arm import draw_arm_back, draw_arm_front, draw_hand_backs, draw_palms
from tools.figure_head import draw_head
from tools.figure_side import draw_side

OUT_DIR = Path(__file__).resolve().parent.parent / "resources" / "figures"

PALETTE = {
    "skin": "#f1e8de",
    "outline": "#8f7f70",
    "detail": "#cdbcab",
    "bone": "#ab9b8b",
    "label": "#6f6459",
    "guide": "#b9ab9d",
    "shade": "#e6d9cb",
}
FONT = "Noto Sans, DejaVu Sans, Arial, sans-serif"

Pt = tuple[float, float]


class Figure:
    """Collects SVG elements for one view; coordinates are given in cun."""

    def __init__(self, frame: ViewFrame) -> None:
        self.frame = frame
        self.parts: list[Sequence[Pt]] = []  # closed smooth silhouettes
        self.straight_parts: list[Sequence[Pt]] = []  # closed polygons
        self.elements: list[str] = []

    # coordinates -----------------------------------------------------------
    def p(self, x: float, y: float) -> str:
        sx, sy = self.frame.to_scene(x, y)
        return f"{sx:.1f},{sy:.1f}"

    def u(self, cun: float) -> float:
        return cun * self.frame.units_per_cun

    # path builders -----------------------------------------------------------
    def smooth(self, pts: Sequence[Pt], closed: bool = True, tension: float = 1.0) -> str:
        """Catmull-Rom spline through ``pts`` as cubic Beziers (SVG path data)."""
        n = len(pts)
        out = [f"M{self.p(*pts[0])}"]
        last = n if closed else n - 1
        for i in range(last):
            p0 = pts[(i - 1) % n] if closed or i > 0 else pts[0]
            p1, p2 = pts[i], pts[(i + 1) % n]
            p3 = pts[(i + 2) % n] if closed or i + 2 < n else pts[-1]
            c1 = (p1[0] + (p2[0] - p0[0]) * tension / 6, p1[1] + (p2[1] - p0[1]) * tension / 6)
            c2 = (p2[0] - (p3[0] - p1[0]) * tension / 6, p2[1] - (p3[1] - p1[1]) * tension / 6)
            out.append(f"C{self.p(*c1)} {self.p(*c2)} {self.p(*p2)}")
        if closed:
            out.append("Z")
        return " ".join(out)

    def poly(self, pts: Sequence[Pt], closed: bool = True) -> str:
        d = "M" + " L".join(self.p(*q) for q in pts)
        return d + (" Z" if closed else "")

    # elements ------------------------------------------------------------------
    def path(
        self, d: str, stroke: str = "detail", width: float = 0.9, fill: str = "none", **extra: str
    ) -> None:
        attrs = f'd="{d}" fill="{PALETTE.get(fill, fill)}" stroke="{PALETTE[stroke]}" stroke-width="{width}"'
        attrs += ' stroke-linecap="round" stroke-linejoin="round"'
        for key, value in extra.items():
            attrs += f' {key.replace("_", "-")}="{value}"'
        self.elements.append(f"<path {attrs}/>")

    def line(self, a: Pt, b: Pt, stroke: str = "detail", width: float = 0.9, dash: str | None = None) -> None:
        extra = {"stroke_dasharray": dash} if dash else {}
        self.path(self.poly([a, b], closed=False), stroke, width, **extra)

    def curve(
        self, pts: Sequence[Pt], stroke: str = "detail", width: float = 0.9, dash: str | None = None
    ) -> None:
        extra = {"stroke_dasharray": dash} if dash else {}
        self.path(self.smooth(pts, closed=False), stroke, width, **extra)

    def dot(self, at: Pt, r: float, fill: str = "bone") -> None:
        sx, sy = self.frame.to_scene(*at)
        self.elements.append(f'<circle cx="{sx:.1f}" cy="{sy:.1f}" r="{r:.1f}" fill="{PALETTE[fill]}"/>')

    def ring(self, at: Pt, rx: float, ry: float, stroke: str = "bone", width: float = 0.9) -> None:
        sx, sy = self.frame.to_scene(*at)
        self.elements.append(
            f'<ellipse cx="{sx:.1f}" cy="{sy:.1f}" rx="{self.u(rx):.1f}" ry="{self.u(ry):.1f}" '
            f'fill="none" stroke="{PALETTE[stroke]}" stroke-width="{width}"/>'
        )

    def text(
        self,
        at: Pt,
        s: str,
        size: float = 8.0,
        anchor: str = "middle",
        color: str = "label",
        italic: bool = False,
        weight: str = "normal",
    ) -> None:
        sx, sy = self.frame.to_scene(*at)
        style = ' font-style="italic"' if italic else ""
        self.elements.append(
            f'<text x="{sx:.1f}" y="{sy:.1f}" font-family="{FONT}" font-size="{size}" font-weight="{weight}"'
            f' fill="{PALETTE[color]}" text-anchor="{anchor}"{style}>{escape(s)}</text>'
        )

    # output ----------------------------------------------------------------------
    def svg(self, title: str, outline_width: float = 1.4) -> str:
        w, h = self.frame.width, self.frame.height
        shapes = [self.smooth(p) for p in self.parts] + [self.poly(p) for p in self.straight_parts]
        # The silhouette: outlines first (twice the visible width), fills over them.
        under = "".join(
            f'<path d="{d}" fill="{PALETTE["outline"]}" stroke="{PALETTE["outline"]}" '
            f'stroke-width="{2 * outline_width}" stroke-linejoin="round"/>'
            for d in shapes
        )
        over = "".join(f'<path d="{d}" fill="{PALETTE["skin"]}"/>' for d in shapes)
        body = "\n".join(self.elements)
        return (
            f'<svg xmlns="http://www.w3.org/2000/svg" version="1.2" baseProfile="tiny" '
            f'width="{w:.0f}" height="{h:.0f}" viewBox="0 0 {w:.0f} {h:.0f}">\n'
            f"<title>{escape(title)}</title>\n"
            "<desc>Generated by tools/draw_figures.py from app/domain/anatomy.py; do not edit.</desc>\n"
            + self.arrange(f'<g id="silhouette">{under}{over}</g>\n<g id="details">\n{body}\n</g>\n')
            + "</svg>\n"
        )

    def arrange(self, drawing: str) -> str:
        """The drawing as it goes into the SVG (a mirror image wraps it)."""
        return drawing


class LeftSide(Figure):
    """The left side view: the right side's drawing under one mirror transform, its text set upright
    outside it at the mirrored place (the ends a text is anchored by swap), so no word reads backwards.
    Drawn by the side view's own code (``draw_side(LeftSide)``): the two cannot drift apart."""

    title = "Left side view of the body"

    def __init__(self, frame: ViewFrame) -> None:
        super().__init__(frame)
        self.upright: list[str] = []

    def text(
        self,
        at: Pt,
        s: str,
        size: float = 8.0,
        anchor: str = "middle",
        color: str = "label",
        italic: bool = False,
        weight: str = "normal",
    ) -> None:
        mirrored = (self.frame.x_min + self.frame.x_max - at[0], at[1])
        swapped = {"start": "end", "end": "start"}.get(anchor, anchor)
        super().text(mirrored, s, size, swapped, color, italic, weight)
        self.upright.append(self.elements.pop())

    def svg(self, title: str, outline_width: float = 1.4) -> str:
        return super().svg(self.title, outline_width)

    def arrange(self, drawing: str) -> str:
        labels = "\n".join(self.upright)
        mirror = f"matrix(-1 0 0 1 {self.frame.width:.0f} 0)"
        return f'<g id="mirrored" transform="{mirror}">\n{drawing}</g>\n<g id="labels">\n{labels}\n</g>\n'


def label(
    fig: Figure, text: str, at: Pt, target: Pt | None = None, anchor: str = "start", size: float = 8.5
) -> None:
    """A small label with an optional thin leader line from its nearer end to what it names."""
    fig.text(at, text, size, anchor)
    if target is None:
        return
    width = len(text) * size * 0.56 / fig.frame.units_per_cun
    left = {"start": at[0], "end": at[0] - width, "middle": at[0] - width / 2}[anchor]
    right = left + width
    mid_y = at[1] - size * 0.3 / fig.frame.units_per_cun
    if target[0] > right:
        start = (right + 0.1, mid_y)
    elif target[0] < left:
        start = (left - 0.1, mid_y)
    else:
        start = (
            (left + right) / 2,
            at[1] + 0.1 if target[1] > at[1] else at[1] - size / fig.frame.units_per_cun,
        )
    # marked with its name's size: a print leaves out a name too small to read, and its leader
    # with it (app/ui/diagram/picture.py)
    leader = {"class": "leader", "data-font-size": f"{size}"}
    fig.path(fig.poly([start, target], closed=False), "guide", 0.7, **leader)


def lm(landmark_id: str) -> Pt:
    mark = LANDMARKS[landmark_id]
    return (mark.x, mark.y)


# ---------------------------------------------------------------------------
# Whole figure (front and back share the silhouette)
# ---------------------------------------------------------------------------


def _silhouette(fig: Figure, front: bool) -> None:
    view = A.FRONT if front else A.BACK
    for points, smooth in silhouette.silhouette_parts(view):
        (fig.parts if smooth else fig.straight_parts).append(points)


def _knees_and_ankles(fig: Figure, front: bool) -> None:
    for side in (1, -1):
        if front:
            base, apex = lm("patella_base"), lm("patella_apex")
            cx = base[0] * side
            fig.path(
                fig.smooth(
                    [
                        (cx - A.PATELLA_HALF_WIDTH, base[1] + 0.4),
                        (cx, base[1] - 0.05),
                        (cx + A.PATELLA_HALF_WIDTH, base[1] + 0.4),
                        (cx + 0.6, apex[1] - 0.6),
                        (cx, apex[1]),
                        (cx - 0.6, apex[1] - 0.6),
                    ]
                ),
                "bone",
                0.9,
            )
            fig.curve([(side * 3.25, apex[1] + 1.6), (side * 3.05, 62.0), (side * 2.75, 68.6)], "detail", 0.8)
            med, lat = lm("medial_malleolus"), lm("lateral_malleolus")
        else:
            pop = lm("popliteal_crease_mid")
            inner, outer = A.POPLITEAL_CREASE_ENDS
            fig.curve(
                [(side * inner, pop[1] + 0.1), (side * pop[0], pop[1]), (side * outer, pop[1] + 0.1)],
                "bone",
                1.0,
            )
            med, lat = lm("medial_malleolus_back"), lm("lateral_malleolus_back")
        for m in (med, lat):  # each malleolus: an arc just inside the bulge of the outline
            out = -1 if abs(m[0]) < 2 else 1  # the medial one bulges towards the midline
            x = (m[0] + out * 0.3) * side
            fig.curve(
                [
                    (x - out * 0.12 * side, m[1] - 0.55),
                    (x, m[1] - 0.05),
                    (x - out * 0.2 * side, m[1] + 0.5),
                ],
                "bone",
                0.9,
            )
        if front:
            _toes_front(fig, side)
        else:
            _heel_back(fig, side)


def _toes_front(fig: Figure, side: int) -> None:
    """The dorsum and toes of one foot seen from the front: the clefts between the toes up to the
    webs, the big toenail, the tendon of extensor hallucis longus running to the big toe."""
    toes = silhouette.FRONT_TOES
    for (cx, half, _top, tip), (nx, nhalf, ntop, ntip) in pairwise(toes):
        x = (cx + half + nx - nhalf) / 2
        fig.line((side * x, ntop + 0.05), (side * x, min(tip, ntip) - 0.28), "detail", 0.7)
    cx, half, top, tip = toes[0]
    nail = [(cx - 0.32, top + 0.32), (cx + 0.32, top + 0.32), (cx + 0.3, top + 0.62), (cx, top + 0.7),
            (cx - 0.3, top + 0.62)]  # fmt: skip
    fig.path(fig.smooth([(side * x, y) for x, y in nail], tension=0.6), "detail", 0.7, fill="shade")
    ankle = lm("ankle_front_mid")
    tendon = [(ankle[0] - 0.35, ankle[1] - 1.2), (ankle[0] - 0.6, 71.6), (cx + 0.1, top)]
    fig.curve([(side * x, y) for x, y in tendon], "detail", 0.6)


def _heel_back(fig: Figure, side: int) -> None:
    """The heel seen from behind: the calcaneus' contour in front of the forefoot."""
    fig.path(fig.smooth([(side * x, y) for x, y in silhouette.HEEL_BACK], closed=False), "outline", 1.0)


# The angle below the two bellies of gastrocnemius, where the calcaneal tendon begins: BL57's text
# ("where the calcaneal tendon meets the two bellies"), 8 cun below the popliteal crease where its
# anchor (and Guangming's BL40 entry) puts it. Drawing proportion: the bellies' lower borders end
# 1.2 cun lateral and 1.35 cun medial of it (the medial head reaches lower); the tendon's line is
# drawn from 1.6 cun below the angle, where it stands out as a cord, narrowest at the malleoli.
CALF_ANGLE_BELOW_CREASE = 8.0


def _calves(fig: Figure) -> None:
    """The back of the legs: the lower borders of the gastrocnemius bellies meeting at the angle
    (BL57), and the calcaneal tendon where it stands out, from below the bellies to the heel."""
    pop = lm("popliteal_crease_mid")
    ax, ay = pop[0], pop[1] + CALF_ANGLE_BELOW_CREASE
    tendon = lm("calcaneal_tendon")
    for s in (1, -1):
        fig.curve([(s * ax, ay), (s * (ax + 0.6), ay + 0.45), (s * (ax + 1.2), ay + 1.2)], "detail", 0.7)
        fig.curve([(s * ax, ay), (s * (ax - 0.7), ay + 0.7), (s * (ax - 1.35), ay + 1.9)], "detail", 0.7)
        # the tendon's two edges: narrowing from the bellies to the ankle, widening onto the heel
        tx, ty = tendon
        for edge in (1, -1):
            fig.curve(
                [
                    (s * (tx + edge * 0.55), ay + 2.2),
                    (s * (tx + edge * 0.36), ay + 5.5),
                    (s * (tx + edge * 0.28), ty),
                    (s * (tx + edge * 0.42), ty + 1.0),
                ],
                "detail",
                0.8,
            )


def _label_pair(fig: Figure, text: str, y: float, side: int = 1, x: float = 12.6) -> None:
    fig.text((side * x, y + 0.25), text, 7.5, "end" if side > 0 else "start")


def draw_back() -> str:
    fig = Figure(VIEW_FRAMES[A.BACK])
    _silhouette(fig, front=False)
    # posterior midline and hairline
    fig.line((0, SPINE_LEVELS["C7"] - 1.0), (0, 36.6), "guide", 0.7, dash="2,3")
    fig.curve([(-2.3, 9.2), (0, lm("posterior_hairline")[1]), (2.3, 9.2)], "detail", 0.8)
    fig.dot(lm("occipital_protuberance"), 1.6, "bone")
    # scapulae: medial border on the 3-cun line, spine from T3 to the acromion, angle at T7
    spine_root, angle = lm("scapula_spine_medial"), lm("scapula_inferior_angle")
    for side in (1, -1):
        s = side
        r0, a = spine_root, angle
        blade = [
            lm("scapula_superior_angle"),
            (r0[0] + 0.05, r0[1] - 0.5),
            (r0[0], r0[1]),
            (r0[0] + 0.02, 18.6),  # medial border
            (a[0] + 0.1, a[1] - 0.55),
            (a[0] + 0.3, a[1]),  # inferior angle (T7 level)
            (4.4, 20.3),
            (5.6, 18.3),
            (6.35, 16.6),
            (6.75, 15.45),
            (6.45, 14.85),
            (5.2, 14.65),  # lateral, superior
        ]
        fig.path(fig.smooth([(s * x, y) for x, y in blade], tension=0.55), "bone", 0.9)
        fig.curve([(s * x, y) for x, y in SCAPULAR_SPINE], "bone", 1.1)
    # spinous processes C7..L5, labels at the landmark levels
    for level, y in SPINE_LEVELS.items():
        big = level in ("C7", "T3", "T7", "T12") or level.startswith("L")
        fig.ring((0, y - 0.32), 0.17, 0.27, "bone", 1.0 if big else 0.7)
    for level in A.SPINE_LABELS:
        # the names themselves are drawn by the widget at a constant size; here the leaders
        y = SPINE_LEVELS[level]
        fig.line((-0.35, y), (-5.0, y), "guide", 0.5, dash="1,2.5")
    # iliac crests (highest point at L4), PSIS, sacrum and the sacral foramina
    crest, psis = lm("iliac_crest_top"), lm("psis")
    fig.line((-5.2, crest[1]), (5.2, crest[1]), "guide", 0.7, dash="4,3")
    for s in (1, -1):
        fig.curve(
            [
                (s * (psis[0] + 0.2), psis[1] - 0.6),
                (s * 3.2, 31.7),
                (s * crest[0], crest[1]),
                (s * 6.0, 31.5),
                (s * 6.45, 32.4),
            ],
            "bone",
            1.0,
        )
        fig.dot((s * psis[0], psis[1]), 1.8, "bone")
    fig.path(
        fig.smooth([(-1.9, 32.9), (1.9, 32.9), (1.3, 35.4), (0, 37.5), (-1.3, 35.4)], tension=0.6),
        "bone",
        0.8,
    )
    for key in ("S1_foramen", "S2_foramen", "S3_foramen", "S4_foramen"):
        y = lm(key)[1]
        half = 0.85 - 0.12 * (y - 33.3)
        for s in (1, -1):
            fig.dot((s * half, y), 1.1, "bone")
    # buttocks, gluteal folds, legs
    fig.line((0, 37.2), (0, 39.6), "detail", 0.9)
    fold = lm("gluteal_fold_mid")
    for s in (1, -1):
        fig.curve([(s * 0.5, 40.0), (s * fold[0], fold[1]), (s * 6.2, 40.4)], "detail", 0.9)
    _knees_and_ankles(fig, front=False)
    _calves(fig)
    draw_arm_back(fig)
    draw_hand_backs(fig)
    tro = lm("greater_trochanter")
    for s in (1, -1):
        fig.ring((s * (tro[0] - 0.25), tro[1]), 0.3, 0.45, "bone", 0.8)
    # the patient's sides, the caption and the landmark names are drawn by the widget at a
    # constant size (app/domain/figure_notes.py): in the SVG they would print at 4 pt on a sheet
    return fig.svg("Back view of the body with the spinal levels")


# The intercostal spaces on the front view, faint: from the edge of the sternum out to the 6-cun line
# (or short of the outline), and only where a space is above the costal margin (the 7th opens out
# beyond the joined cartilages). Their lines are app/domain/chest.py's, which the markers follow.
STERNAL_EDGE_X = 0.75  # half the width of the sternal body (drawing proportion)


def _intercostal_spaces(fig: Figure) -> None:
    parts = silhouette.silhouette_parts(A.FRONT)
    torso = next(poly for poly, _smooth in parts if max(y for _x, y in poly) > 30)
    for n in chest.SPACES:
        run: list[Pt] = []
        runs = [run]
        for i in range(53):
            x = STERNAL_EDGE_X + (6.0 - STERNAL_EDGE_X) * i / 52
            y = chest.level(A.FRONT, n, x)
            if y < chest.margin_level(A.FRONT, x) - 0.35 and A.polygon_contains(torso, x + 0.3, y):
                run.append((x, y))
            elif run:
                run = []
                runs.append(run)
        for pts in runs:
            if len(pts) > 1:
                for s in (1, -1):
                    fig.path(fig.poly([(s * x, y) for x, y in pts], closed=False), "detail", 0.6)


def draw_front() -> str:
    fig = Figure(VIEW_FRAMES[A.FRONT])
    _silhouette(fig, front=True)
    # face: brows, eyes, nose and philtrum, mouth (faint)
    brow = lm("glabella")[1]
    for s in (1, -1):
        fig.curve([(s * 0.45, brow - 0.05), (s * 1.2, brow - 0.35), (s * 2.0, brow - 0.15)], "detail", 0.9)
        fig.curve([(s * 0.8, brow + 0.75), (s * 1.3, brow + 0.55), (s * 1.8, brow + 0.75)], "detail", 0.8)
    phil = lm("philtrum_mid")
    fig.curve([(-0.55, phil[1] - 0.45), (0, phil[1] - 0.3), (0.55, phil[1] - 0.45)], "detail", 0.8)
    fig.curve([(0.05, brow + 0.6), (0.25, phil[1] - 1.0), (0.0, phil[1] - 0.55)], "detail", 0.7)
    fig.curve([(-0.85, phil[1] + 0.62), (0, phil[1] + 0.72), (0.85, phil[1] + 0.62)], "detail", 0.9)
    fig.curve(
        [
            (-1.4, lm("anterior_hairline")[1] + 0.3),
            (0, lm("anterior_hairline")[1]),
            (1.4, lm("anterior_hairline")[1] + 0.3),
        ],
        "detail",
        0.7,
    )
    # midline, clavicles, notch, sternum, nipples, costal margins, umbilicus, groin
    notch = lm("suprasternal_notch")
    fig.line((0, notch[1]), (0, lm("pubic_symphysis_upper")[1]), "guide", 0.7, dash="2,3")
    fig.curve([(-0.55, notch[1] - 0.45), (0, notch[1]), (0.55, notch[1] - 0.45)], "bone", 0.9)
    _intercostal_spaces(fig)
    for s in (1, -1):
        fig.curve([(s * x, y) for x, y in chest.CLAVICLE], "bone", 1.0)
        fig.dot((s * lm("nipple")[0], lm("nipple")[1]), 1.6, "bone")
        fig.curve([(s * 1.0, 19.9), (s * 3.6, 20.4), (s * 6.0, 19.1)], "detail", 0.8)
        fig.curve([(s * x, y) for x, y in chest.COSTAL_MARGIN[A.FRONT]], "detail", 0.8)
        asis = lm("asis")
        fig.dot((s * asis[0], asis[1]), 1.5, "bone")
        fig.curve(
            [(s * asis[0], asis[1]), (s * 3.2, 34.0), (s * 1.2, lm("pubic_symphysis_upper")[1] + 0.4)],
            "detail",
            0.8,
        )
    fig.ring(lm("umbilicus"), 0.25, 0.3, "bone", 1.0)
    fig.curve([(-1.1, 35.15), (0, lm("pubic_symphysis_upper")[1]), (1.1, 35.15)], "bone", 1.0)
    fig.dot(lm("xiphisternal_junction"), 1.5, "bone")
    _knees_and_ankles(fig, front=True)
    draw_arm_front(fig)
    draw_palms(fig)
    # the patient's sides, the caption and the landmark names: app/domain/figure_notes.py
    return fig.svg("Front view of the body")


# ---------------------------------------------------------------------------
# Hand close-up: the back of the right hand and its palm (tools/figure_hand.py)
# ---------------------------------------------------------------------------


def _capsule(a: Pt, b: Pt, r: float, r_end: float | None = None) -> list[Pt]:
    """A finger-like outline from a to b, rounded at b (points for a smooth closed path)."""
    r_end = r if r_end is None else r_end
    length = math.dist(a, b)
    ux, uy = (b[0] - a[0]) / length, (b[1] - a[1]) / length
    centre = (b[0] - ux * r_end * 0.6, b[1] - uy * r_end * 0.6)  # of the rounded tip
    return round_ended(a, centre, r, r_end, (0.0, 0.45, 0.8, 0.95), 6, axis=(ux, uy))


def draw_hand() -> str:
    # the drawing lives in its own module (it imports this one's Figure, hence the late import)
    from tools.figure_hand import draw_hand as draw

    return draw()


def draw_foot() -> str:
    # the foot close-up lives in its own module (it imports this one's Figure)
    from tools.figure_foot import draw_foot as draw

    return draw()


DRAWINGS = {
    A.FRONT: draw_front,
    A.BACK: draw_back,
    A.HAND: draw_hand,
    A.FOOT: draw_foot,
    A.SIDE: lambda: draw_side(Figure),
    A.LEFT: lambda: draw_side(LeftSide),
    A.HEAD: lambda: draw_head(Figure, label),
}


# The pattern each screenshot highlights: one whose points are on that view.
SCREENSHOT_PATTERNS = {
    A.BACK: "kidney_qi_deficiency",
    A.FRONT: "liver_qi_stagnation",
    A.HAND: "blood_stagnation",
    A.FOOT: "liver_qi_stagnation",
    A.SIDE: "cold_damp",
    A.LEFT: "cold_damp",
    A.HEAD: "",  # no pattern: all points on the view
}


# The hand's two panels side by side need a wider picture than the other close-ups.
SCREENSHOT_SIZES = {
    A.FRONT: (560, 900),
    A.BACK: (560, 900),
    A.SIDE: (560, 900),
    A.LEFT: (560, 900),
    A.HAND: (1120, 760),
    A.FOOT: (980, 760),
    A.HEAD: (1000, 760),
}


def render_screenshots(out_dir: Path) -> None:
    """docs/screenshots/diagram-<view>.png: the real widget and its legend, rendered offscreen."""
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication, QVBoxLayout, QWidget

    from app.domain.loader import load_catalog
    from app.paths import catalog_path
    from app.ui.diagram import BodyDiagram

    app = QApplication.instance() or QApplication([])
    catalog = load_catalog(catalog_path())
    out_dir.mkdir(parents=True, exist_ok=True)
    for view, pattern_id in SCREENSHOT_PATTERNS.items():
        holder = QWidget()
        layout = QVBoxLayout(holder)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        diagram = BodyDiagram(catalog, holder)
        layout.addWidget(diagram, 1)
        layout.addWidget(diagram.legend_widget())
        pattern = catalog.patterns.get(pattern_id)
        diagram.highlight(pattern.points_by_role() if pattern else {})
        diagram.set_view(view)
        holder.resize(*SCREENSHOT_SIZES.get(view, (760, 760)))
        holder.show()
        app.processEvents()
        target = out_dir / f"diagram-{view}.png"
        holder.grab().save(str(target))
        holder.close()
        print(f"wrote {target}")


def main() -> None:
    import sys

    if "--screenshots" in sys.argv:
        render_screenshots(OUT_DIR.parent.parent / "docs" / "screenshots")
        return
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    for view, draw in DRAWINGS.items():
        target = OUT_DIR / f"{view}.svg"
        target.write_text(draw(), encoding="utf-8")
        print(f"wrote {target}")


if __name__ == "__main__":
    main()
