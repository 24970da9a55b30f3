"""A view of the body diagram as a still picture, without a widget (the treatment sheet's figures)."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize
from PySide6.QtGui import QImage, QPainter, QTransform
from PySide6.QtWidgets import QGraphicsScene

from app.domain.models import Catalog
from app.ui.diagram.scene import FIT_MARGIN, DiagramStyle, ViewScene, marker_size_for


def fit_transform(scene_rect: QRectF, width: float, height: float) -> QTransform:
    """Scene to picture pixels: the whole figure, centred, as large as fits."""
    scale = min(width / scene_rect.width(), height / scene_rect.height()) * FIT_MARGIN
    dx = (width - scene_rect.width() * scale) / 2 - scene_rect.left() * scale
    dy = (height - scene_rect.height() * scale) / 2 - scene_rect.top() * scale
    return QTransform(scale, 0, 0, scale, dx, dy)


def render_view(
    catalog: Catalog, view: str, style: DiagramStyle, size: QSize, styled_only: bool = False
) -> QImage | None:
    """The view drawn with ``style`` on a white picture of ``size`` (None if it cannot be painted).

    ``styled_only``: only the points ``style`` gives a role get a marker (the sheet's figures: on
    paper, a faint dot of a point not in the plan could be read as one to needle)."""
    scene = ViewScene(catalog, view, {}, only=set(style.roles) if styled_only else None)
    scene.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.NoIndex)
    try:
        rect = scene.sceneRect()
        t = fit_transform(rect, size.width(), size.height())
        scene.marker_size = marker_size_for(t.m11() * scene.frame.units_per_cun)
        scene.restyle(style)
        scene.layout_tags(t, size.width())
        image = QImage(size, QImage.Format.Format_RGB32)  # opaque: the fast path, and no alpha to embed
        image.fill(0xFFFFFFFF)
        painter = QPainter()
        if not painter.begin(image):
            return None
        painter.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.SmoothPixmapTransform)
        painter.setWorldTransform(t)
        # the whole picture, not only the scene rect: tags and captions may stand beyond the figure,
        # and the scene clips what it renders to its target
        whole = t.inverted()[0].mapRect(QRectF(0, 0, size.width(), size.height()))
        scene.render(painter, whole, whole)
        painter.end()
        return image
    finally:
        scene.deleteLater()
