"""The treatment sheet's body figures as objects of its document, drawn as vector paint.

A figure put in as an image prints at the image's resolution (about 100 dpi at the sheet's size,
soft on paper). As a text object it is drawn by :func:`~app.ui.diagram.picture.paint_view` into
whatever paints the document: into the PDF as paths and text, as sharp as the sheet's own text,
and its point codes are text that a reader can search.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QRect, QRectF, QSizeF
from PySide6.QtGui import (
    QPainter,
    QPyTextObject,
    QTextCharFormat,
    QTextDocument,
    QTextFormat,
    QTextTable,
)

from app.domain.models import Catalog
from app.ui.diagram.picture import paint_view
from app.ui.diagram.scene import DiagramStyle

FIGURE_OBJECT = int(QTextFormat.ObjectTypes.UserObject) + 1
VIEW_PROPERTY = int(QTextFormat.Property.UserProperty) + 1
OBJECT_CHARACTER = "\ufffc"  # what a text object stands on in the document's text


def placeholder(view: str) -> str:
    """The text that :func:`put_in_figures` replaces with the ``view`` figure (plain letters: the
    HTML is escaped, and no catalog text reads like it)."""
    return f"yaotong-figure-{view}"


class SheetFigures(QPyTextObject):
    """Draws the figure objects of one document: each its view, with the plan's points styled."""

    def __init__(
        self, catalog: Catalog, style: DiagramStyle, size: QSizeF, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.catalog = catalog
        self.style = style
        self.size = size

    def intrinsicSize(self, doc: QTextDocument, position: int, fmt: QTextFormat) -> QSizeF:
        return QSizeF(self.size)

    def drawObject(
        self, painter: QPainter, rect: QRectF | QRect, doc: QTextDocument, position: int, fmt: QTextFormat
    ) -> None:
        view = fmt.property(VIEW_PROPERTY)
        if not isinstance(view, str):
            return
        painter.save()
        box = QRectF(rect)
        painter.translate(box.topLeft())
        paint_view(painter, self.catalog, view, self.style, box.size(), styled_only=True, caption=False)
        painter.restore()


def put_in_figures(doc: QTextDocument, views: list[str], figures: SheetFigures) -> list[str]:
    """Replace each view's :func:`placeholder` in ``doc`` with its figure, drawn by ``figures``
    (which ``doc`` then owns). The views whose figure went in, in order.

    Call it before anything lays ``doc`` out: Qt lays a long document out lazily, and text put in
    while that layout is under way left the blocks after it unlaid (never printed)."""
    placed = []
    for view in views:
        cursor = doc.find(placeholder(view), 0, QTextDocument.FindFlag.FindCaseSensitively)
        if cursor.isNull():
            continue
        fmt = QTextCharFormat()
        fmt.setObjectType(FIGURE_OBJECT)
        fmt.setProperty(VIEW_PROPERTY, view)
        cursor.insertText(OBJECT_CHARACTER, fmt)
        placed.append(view)
    figures.setParent(doc)
    layout = doc.documentLayout()  # made here, before its handler could size the figures
    assert layout is not None
    layout.registerHandler(FIGURE_OBJECT, figures)
    doc.markContentsDirty(0, doc.characterCount())  # so laid out again, with them
    return placed


def first_figure_table(doc: QTextDocument) -> QTextTable | None:
    """The table the first figure object stands in (None when the document has none)."""
    found = doc.find(OBJECT_CHARACTER, 0, QTextDocument.FindFlag.FindCaseSensitively)
    while not found.isNull():
        if found.charFormat().objectType() == FIGURE_OBJECT:
            return found.currentTable()
        found = doc.find(OBJECT_CHARACTER, found, QTextDocument.FindFlag.FindCaseSensitively)
    return None
