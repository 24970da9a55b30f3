"""A view of the body diagram drawn without a widget: as a still picture, or as vector paint into
any painter (the treatment sheet's figures, drawn into the PDF)."""

from __future__ import annotations

import re

from PySide6.QtCore import QRectF, QSize, QSizeF
from PySide6.QtGui import QImage, QPainter, QTransform
from PySide6.QtWidgets import QGraphicsItem, QGraphicsScene

from app.domain.models import Catalog
from app.ui.diagram.scene import FIT_MARGIN, DiagramStyle, ViewScene, figure_svg, marker_size_for

_CONSTANT_SIZE = QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations
# a name written into a figure's SVG, and the leader line to what it names (tools/draw_figures.py
# writes one element for each, the leader marked with its name's size)
_SVG_NAME = re.compile(
    r'<text\b[^>]*\bfont-size="([0-9.]+)"[^>]*>.*?</text>|<path\b[^>]*\bdata-font-size="([0-9.]+)"[^>]*/>',
    re.S,
)
SMALLEST_PRINTED_PT = 7.0


def without_small_names(svg: str, px_per_unit: float, smallest_pt: float = SMALLEST_PRINTED_PT) -> str:
    """``svg`` without the names (and their leader lines) that would print smaller than
    ``smallest_pt`` when one of its units is ``px_per_unit`` picture pixels (96 to the inch): on
    paper they would be specks. The close-ups' landmark names are, at a sheet's size; the figure
    and its markers stay."""

    def kept(match: re.Match[str]) -> str:
        printed_pt = float(match.group(1) or match.group(2)) * px_per_unit * 72 / 96
        return match.group(0) if printed_pt >= smallest_pt else ""

    return _SVG_NAME.sub(kept, svg)


def fit_transform(scene_rect: QRectF, width: float, height: float) -> QTransform:
    """Scene to picture pixels: the whole figure, centred, as large as fits."""
    scale = min(width / scene_rect.width(), height / scene_rect.height()) * FIT_MARGIN
    dx = (width - scene_rect.width() * scale) / 2 - scene_rect.left() * scale
    dy = (height - scene_rect.height() * scale) / 2 - scene_rect.top() * scale
    return QTransform(scale, 0, 0, scale, dx, dy)


def _picture_scene(
    catalog: Catalog, view: str, style: DiagramStyle, size: QSizeF, styled_only: bool, caption: bool = True
) -> tuple[ViewScene, QTransform]:
    """The view's scene styled and its tags placed for a picture of ``size`` pixels, and the
    transform from the scene to the picture.

    ``styled_only``: only the points ``style`` gives a role get a marker (the sheet's figures: on
    paper, a faint dot of a point not in the plan could be read as one to needle)."""
    scene = ViewScene(catalog, view, {}, only=set(style.roles) if styled_only else None)
    scene.show_captions = caption
    scene.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.NoIndex)
    t = fit_transform(scene.sceneRect(), size.width(), size.height())
    scene.marker_size = marker_size_for(t.m11() * scene.frame.units_per_cun)
    scene.restyle(style)
    scene.layout_tags(t, size.width())
    return scene, t


def _paint_scene(scene: ViewScene, t: QTransform, painter: QPainter, size: QSizeF) -> None:
    painter.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.SmoothPixmapTransform)
    painter.setWorldTransform(t, True)
    # the whole picture, not only the scene rect: tags and captions may stand beyond the figure,
    # and the scene clips what it renders to its target
    whole = t.inverted()[0].mapRect(QRectF(0, 0, size.width(), size.height()))
    scene.render(painter, whole, whole)


def render_view(
    catalog: Catalog, view: str, style: DiagramStyle, size: QSize, styled_only: bool = False
) -> QImage | None:
    """The view drawn with ``style`` on a white picture of ``size`` (None if it cannot be painted)."""
    scene, t = _picture_scene(catalog, view, style, QSizeF(size), styled_only)
    try:
        image = QImage(size, QImage.Format.Format_RGB32)  # opaque: the fast path, and no alpha to embed
        image.fill(0xFFFFFFFF)
        painter = QPainter()
        if not painter.begin(image):
            return None
        _paint_scene(scene, t, painter, QSizeF(size))
        painter.end()
        return image
    finally:
        scene.deleteLater()


def paint_view(
    painter: QPainter,
    catalog: Catalog,
    view: str,
    style: DiagramStyle,
    size: QSizeF,
    styled_only: bool,
    caption: bool = True,
) -> None:
    """The view drawn as vector paint into ``painter``, in a box of ``size`` at its origin (in the
    painter's units, whatever its device: a PDF page prints it as sharp as its text).

    On screen the markers, tags and labels keep a constant pixel size; on a printer a pixel is a
    dot. Here they are made part of the picture instead, drawn at the size they have on a picture
    of ``size`` pixels, so they print where and as large as :func:`render_view` draws them. Names
    of the SVG that would print under 7 pt are left out; ``caption``: False when the caller writes
    the view's caption itself (the sheet, under the figure, where it wraps)."""
    scene, t = _picture_scene(catalog, view, style, size, styled_only, caption)
    try:
        unscale = QTransform.fromScale(1 / t.m11(), 1 / t.m22())
        for item in scene.items():
            if item.flags() & _CONSTANT_SIZE:
                item.setFlag(_CONSTANT_SIZE, False)
                item.setTransform(item.transform() * unscale)
        # the figure's cache is a pixmap at screen resolution: print its vector drawing instead
        scene.svg_item.setCacheMode(QGraphicsItem.CacheMode.NoCache)
        svg = figure_svg(view, dark=False).decode("utf-8")
        scene.load_figure(False, without_small_names(svg, t.m11()).encode("utf-8"))
        painter.save()
        _paint_scene(scene, t, painter, size)
        painter.restore()
    finally:
        scene.deleteLater()
