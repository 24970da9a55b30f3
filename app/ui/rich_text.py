"""Building blocks for the detail pane's documents (pattern view, point detail).

We build HTML ourselves, so every string that comes from the catalog goes
through :func:`esc` (``html.escape``) before it is inserted: catalog text is
plain text and must never be rendered as markup. Links use private schemes
(``point:BL23``, ``pattern:kidney_qi_deficiency``, ``src:who2008``) that the
browser turns into signals; nothing is ever opened externally.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterable, Sequence

from PySide6.QtCore import QByteArray, QEvent, QObject, QSizeF, Qt, QUrl, Signal
from PySide6.QtGui import QHelpEvent, QShowEvent, QTextDocument
from PySide6.QtWidgets import QStackedWidget, QTextBrowser, QToolTip, QWidget

from app.domain.models import Catalog, Caution, ReviewStatus, Severity
from app.ui import theme
from app.ui.plain import esc as esc
from app.ui.plain import plain_tooltip as plain_tooltip


class Footnotes:
    """Numbers sources in order of first citation and renders the markers and the list.

    On screen (``links=True``) a marker is a link whose tooltip is the citation; on
    paper (``links=False``) it is plain, and :meth:`printed_list` lists the citations.
    """

    def __init__(self, catalog: Catalog, links: bool = True) -> None:
        self.catalog = catalog
        self.links = links
        self._numbers: dict[str, int] = {}

    def number(self, source_id: str) -> int:
        if source_id not in self._numbers:
            self._numbers[source_id] = len(self._numbers) + 1
        return self._numbers[source_id]

    def mark(self, source_ids: Iterable[str]) -> str:
        """Superscript markers like ``[1, 3]``."""
        if not self.links:
            numbers = [str(self.number(sid)) for sid in dict.fromkeys(source_ids)]
            # In print: bracketed, in the style sheet's "mark" size (7 pt), not a smaller superscript.
            return f" <span class='mark'>[{', '.join(numbers)}]</span>" if numbers else ""
        links = []
        for sid in dict.fromkeys(source_ids):
            n = self.number(sid)
            links.append(f"<a href='src:{esc(sid)}' style='text-decoration:none'>{n}</a>")
        if not links:
            return ""
        return "<sup>&#8239;[" + ", ".join(links) + "]</sup>"

    def tooltips(self) -> dict[str, str]:
        out = {}
        for sid in self._numbers:
            source = self.catalog.sources.get(sid)
            out[f"src:{sid}"] = source.citation if source else sid
        return out

    def printed_list(self, heading: str = "Sources") -> str:
        rows = []
        for sid, n in self._numbers.items():
            source = self.catalog.sources.get(sid)
            rows.append(f"<p class='src'>[{n}] {esc(source.citation if source else sid)}</p>")
        return f"<h3>{esc(heading)}</h3>" + "".join(rows)

    def section(self, colors: theme.Colors) -> str:
        if not self._numbers:
            return ""
        rows = []
        for sid, n in self._numbers.items():
            source = self.catalog.sources.get(sid)
            if source is None:
                continue
            extra = f" (seed file {esc(source.file)})" if source.file else ""
            note = f"<br><span style='color:{colors.muted}'>{esc(source.note)}</span>" if source.note else ""
            rows.append(
                f"<tr><td valign='top' style='padding-right:6px'><a name='src-{esc(sid)}'></a>{n}.</td>"
                f"<td>{esc(source.citation)}{extra} "
                f"<span style='color:{colors.muted}'>[{esc(source.kind.value)}]</span>{note}</td></tr>"
            )
        return (
            "<h2>Sources</h2><table cellspacing='0' cellpadding='2' style='font-size:small'>"
            + "".join(rows)
            + "</table>"
        )


def status_badge(status: ReviewStatus, colors: theme.Colors) -> str:
    """The review status in words (and a small square whose fill grows with certainty)."""
    fill = {
        ReviewStatus.STANDARD_TEXT: "&#9632;",  # ■
        ReviewStatus.SECONDARY_COPY: "&#9635;",  # ▣
        ReviewStatus.GENERAL_APPLIED: "&#9636;",  # ▤
        ReviewStatus.SEED_ONLY: "&#9633;",  # □
    }[status]
    return f"<span style='color:{colors.muted}'>{fill} Review status: {esc(status.label)}</span>"


def factor_words(caution: Caution, catalog: Catalog) -> str:
    if not caution.factors:
        return "Applies to every patient."
    labels = [catalog.factors[f].label if f in catalog.factors else f for f in caution.factors]
    return "Applies if: " + "; ".join(labels) + "."


def caution_block(caution: Caution, catalog: Catalog, notes: Footnotes, dark: bool, prefix: str = "") -> str:
    """One caution as a tinted box: icon, severity in words, text, when it applies, sources."""
    fg, bg = theme.severity_colors(caution.severity, dark)
    word = theme.severity_label(caution.severity)
    lead = f"{esc(prefix)} " if prefix else ""
    return (
        f"<table width='100%' cellspacing='0' cellpadding='6' style='margin-top:4px; margin-bottom:4px;"
        f" background-color:{bg}; border-left: 4px solid {fg}'>"
        f"<tr><td width='26' valign='top'>"
        f"<img src='icon:{caution.severity.value}' width='18' height='18'></td>"
        f"<td><b style='color:{fg}'>{word}:</b> {lead}{esc(caution.text)}{notes.mark(caution.sources)}"
        f"<br><span style='font-size:small'>{esc(factor_words(caution, catalog))}</span></td></tr></table>"
    )


def ordered_cautions(cautions: Sequence[Caution]) -> list[Caution]:
    """Contraindications first, then cautions; catalog order within each."""
    return sorted(cautions, key=lambda c: c.severity is not Severity.CONTRAINDICATION)


class _SafeDocument(QTextDocument):
    """Loads only the icons registered with addResource: never a file or a URL
    (an ``<img src>`` smuggled into catalog text is escaped anyway)."""

    def loadResource(self, kind: int, name: QUrl | str) -> object:
        return QByteArray()  # not None: PySide must get a real object back


def document_style(colors: theme.Colors) -> str:
    return (
        f"body {{ color:{colors.text}; }}"
        f"h1 {{ color:{colors.heading}; font-size:x-large; font-weight:600; margin:0; }}"
        f"h2 {{ color:{colors.heading}; font-size:large; font-weight:600;"
        " margin-top:14px; margin-bottom:4px; }"
        f"h3 {{ color:{colors.heading}; font-size:medium; font-weight:600;"
        " margin-top:8px; margin-bottom:2px; }"
        f"a {{ color:{colors.link}; text-decoration:none; }}"
        f"p {{ margin-top:2px; margin-bottom:4px; }}"
        f"li {{ margin-bottom:2px; }}"
        f".muted {{ color:{colors.muted}; }}"
    )


class ReferenceBrowser(QTextBrowser):
    """A read-only document view: internal links become ``linkActivated``, source
    markers show their citation as a tooltip, nothing is fetched or opened.

    A page given to a browser that is not on screen yet is laid out when its window paints next:
    laid out at once, it would be laid out at a hidden widget's placeholder width, then again at
    each size the window goes through before its first frame (five layouts of a pattern page at
    start-up, 4 to 7 ms each here). Reading the document from Python lays it out first."""

    linkActivated = Signal(str)  # "point:BL23", "pattern:<id>"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setReadOnly(True)
        self._tooltips: dict[str, str] = {}
        self._pending: QTextDocument | None = None  # the page, until the window paints
        self.anchorClicked.connect(self._on_anchor)

    def set_page(self, body: str, tooltips: dict[str, str], dark: bool) -> None:
        """Show ``body`` (HTML we built, every catalog string escaped)."""
        document = _SafeDocument(self)
        for severity in Severity:
            document.addResource(
                QTextDocument.ResourceType.ImageResource,
                QUrl(f"icon:{severity.value}"),
                theme.severity_icon(severity, dark, 36),
            )
        document.setDefaultStyleSheet(document_style(theme.colors(dark)))
        document.setDefaultFont(self.font())
        document.setHtml(body)
        # No width yet: a document's first layout (when a view takes it) is then skipped, where its
        # default width (none) laid the page out in endless lines just before the view's own layout.
        document.setPageSize(QSizeF(0, 0))
        self._tooltips = tooltips
        if self._pending is not None:
            self._pending.deleteLater()
        self._pending = document
        if self.isVisible():
            self._lay_out()

    def _lay_out(self) -> None:
        if self._pending is not None:
            document, self._pending = self._pending, None
            # Most pages are longer than the pane: laid out beside the scroll bar from the start,
            # not laid out again when it appears (a page that fits hides it again).
            policy = self.verticalScrollBarPolicy()
            self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
            self.setDocument(document)
            self.setVerticalScrollBarPolicy(policy)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._pending is not None:  # the window's next paint starts with an update request
            self.window().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.UpdateRequest:
            watched.removeEventFilter(self)
            self._lay_out()
        return False

    def document(self) -> QTextDocument:
        self._lay_out()
        return super().document()

    def toPlainText(self) -> str:
        self._lay_out()
        return super().toPlainText()

    def toHtml(self) -> str:
        self._lay_out()
        return super().toHtml()

    def _on_anchor(self, url: QUrl) -> None:
        target = url.toString()
        if target.startswith("#"):
            self.scrollToAnchor(target[1:])
            return
        if target.startswith("src:"):
            text = self._tooltips.get(target, "")
            QToolTip.showText(self.mapToGlobal(self.cursorRect().center()), plain_tooltip(text), self)
            return
        self.linkActivated.emit(target)

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self._lay_out()  # painted without an update request to its window (a grab)
        elif event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            anchor = self.anchorAt(event.pos())
            text = self._tooltips.get(anchor)
            if text:
                QToolTip.showText(event.globalPos(), plain_tooltip(text), self.viewport())
            else:
                QToolTip.hideText()
            return True
        return super().viewportEvent(event)


class PageStack(QStackedWidget):
    """One ReferenceBrowser per page, kept (up to ``limit``) so that going back to
    a page is a widget switch: no HTML parse, no re-layout. Pattern switches are
    benchmarked at <= 16 ms and a text re-layout alone costs about that."""

    linkActivated = Signal(str)

    def __init__(self, accessible_name: str, parent: QWidget | None = None, limit: int = 16) -> None:
        super().__init__(parent)
        self._accessible_name = accessible_name
        self._limit = limit
        self._pages: OrderedDict[Hashable, ReferenceBrowser] = OrderedDict()

    def current(self) -> ReferenceBrowser:
        if self.count() == 0:  # the empty page is made only when asked for: the first page shown replaces it
            self.show_page(None, lambda: ("", {}), False)
        widget = self.currentWidget()
        assert isinstance(widget, ReferenceBrowser)
        return widget

    def show_page(self, key: Hashable, build: Callable[[], tuple[str, dict[str, str]]], dark: bool) -> None:
        """Show page ``key``; ``build()`` -> (html, source tooltips) runs the first time only."""
        browser = self._pages.get((key, dark))
        if browser is None:
            browser = ReferenceBrowser(self)
            browser.setAccessibleName(self._accessible_name)
            browser.linkActivated.connect(self.linkActivated)
            body, tooltips = build()
            browser.set_page(body, tooltips, dark)
            self.addWidget(browser)
            self._pages[(key, dark)] = browser
            self._evict()
        else:
            self._pages.move_to_end((key, dark))
        browser.verticalScrollBar().setValue(0)
        self.setCurrentWidget(browser)

    def _evict(self) -> None:
        while len(self._pages) > self._limit:
            _key, oldest = self._pages.popitem(last=False)
            self.removeWidget(oldest)
            oldest.deleteLater()
