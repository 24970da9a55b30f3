"""Light, dark and system themes: one calm palette per mode, colour-blind-safe accents.

Accents follow the Okabe-Ito palette (distinguishable with the common colour
vision deficiencies). Meaning is never carried by colour alone: every caution
is drawn with an icon and spelled out in words as well (see :func:`severity_icon`).
"""

from __future__ import annotations

from dataclasses import asdict
from functools import cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QImage, QPainter, QPalette, QPen, QPolygonF
from PySide6.QtWidgets import QApplication

from app.domain.frozen import model
from app.domain.models import Severity
from app.domain.vocabulary import Theme as Theme  # re-exported: the UI names themes from here
from app.paths import resources_dir


@model
class Colors:
    window: str
    base: str
    alternate: str
    text: str
    muted: str
    border: str
    highlight: str
    highlight_text: str
    link: str
    heading: str
    local: str  # local points: Okabe-Ito blue
    distal: str  # distal points: Okabe-Ito orange
    caution_fg: str
    caution_bg: str
    contra_fg: str
    contra_bg: str
    status_bg: str


LIGHT = Colors(
    window="#f4f3ef",
    base="#fcfbf8",
    alternate="#f1efe9",
    text="#26282b",
    muted="#676b70",
    border="#d6d3cb",
    highlight="#cfe3f1",
    highlight_text="#1d2226",
    link="#005f96",
    heading="#1f3f57",
    local="#0072b2",
    distal="#c27c00",
    caution_fg="#7a4a00",
    caution_bg="#fdf1da",
    contra_fg="#93340a",
    contra_bg="#fbe3d8",
    status_bg="#eceae4",
)

DARK = Colors(
    window="#1f2124",
    base="#26292d",
    alternate="#2b2e33",
    text="#e3e1dc",
    muted="#a3a6aa",
    border="#3c4046",
    highlight="#2f4d63",
    highlight_text="#f2f1ee",
    link="#7cc3ea",
    heading="#b9d7ea",
    local="#56b4e9",
    distal="#e69f00",
    caution_fg="#f2c66d",
    caution_bg="#3a3122",
    contra_fg="#ff9e7a",
    contra_bg="#43271f",
    status_bg="#24272b",
)


def colors(dark: bool) -> Colors:
    return DARK if dark else LIGHT


def system_prefers_dark() -> bool:
    hints = QGuiApplication.styleHints()
    scheme = hints.colorScheme() if hints is not None else Qt.ColorScheme.Unknown
    return scheme == Qt.ColorScheme.Dark


def is_dark(theme: Theme) -> bool:
    if theme is Theme.SYSTEM:
        return system_prefers_dark()
    return theme is Theme.DARK


def _palette(c: Colors) -> QPalette:
    pal = QPalette()
    roles = {
        QPalette.ColorRole.Window: c.window,
        QPalette.ColorRole.WindowText: c.text,
        QPalette.ColorRole.Base: c.base,
        QPalette.ColorRole.AlternateBase: c.alternate,
        QPalette.ColorRole.Text: c.text,
        QPalette.ColorRole.Button: c.window,
        QPalette.ColorRole.ButtonText: c.text,
        QPalette.ColorRole.ToolTipBase: c.base,
        QPalette.ColorRole.ToolTipText: c.text,
        QPalette.ColorRole.PlaceholderText: c.muted,
        QPalette.ColorRole.Highlight: c.highlight,
        QPalette.ColorRole.HighlightedText: c.highlight_text,
        QPalette.ColorRole.Link: c.link,
        QPalette.ColorRole.LinkVisited: c.link,
        QPalette.ColorRole.BrightText: c.contra_fg,
        QPalette.ColorRole.Mid: c.border,
        QPalette.ColorRole.Midlight: c.alternate,
        QPalette.ColorRole.Dark: c.border,
    }
    for role, value in roles.items():
        pal.setColor(role, QColor(value))
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.WindowText, QPalette.ColorRole.ButtonText):
        pal.setColor(QPalette.ColorGroup.Disabled, role, QColor(c.muted))
    return pal


@cache
def _stylesheet_template() -> str:
    path = resources_dir() / "style.qss"
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        return ""  # the app still works with the plain Fusion look


def stylesheet(dark: bool) -> str:
    """The application style sheet with ``@name`` placeholders filled from the palette."""
    text = _stylesheet_template().replace("@icons", (resources_dir() / "icons").as_posix())
    # Longest names first so "@caution_fg" is not eaten by a shorter "@caution".
    for name, value in sorted(asdict(colors(dark)).items(), key=lambda kv: -len(kv[0])):
        text = text.replace(f"@{name}", value)
    return text


# Qt's own argument for the style of a new application, and the property that records it.
FUSION_ARGS = ["-style", "Fusion"]
FUSION_PROPERTY = "yaotongFusion"


def apply_theme(app: QApplication, theme: Theme) -> bool:
    """Apply ``theme`` to the whole application; returns True when it is dark."""
    dark = is_dark(theme)
    applied = "dark" if dark else "light"
    # An application made in Fusion (``FUSION_ARGS``) says so: asking Qt for its style would load
    # QStyle's Python type and its eleven enums at every start (about 10 ms).
    fusion = app.property(FUSION_PROPERTY) is True or app.style().name().lower() == "fusion"
    if app.property("yaotongColors") == applied and fusion:
        return dark  # already in these colours: re-applying a style sheet costs tens of ms
    if not fusion:
        app.setStyle("Fusion")
        app.setProperty(FUSION_PROPERTY, True)
    app.setPalette(_palette(colors(dark)))
    app.setStyleSheet(stylesheet(dark))
    app.setProperty("yaotongColors", applied)
    return dark


def severity_label(severity: Severity) -> str:
    return {Severity.CAUTION: "Caution", Severity.CONTRAINDICATION: "Contraindication"}[severity]


def severity_colors(severity: Severity, dark: bool) -> tuple[str, str]:
    """(foreground, background) for a caution of this severity."""
    c = colors(dark)
    if severity is Severity.CONTRAINDICATION:
        return c.contra_fg, c.contra_bg
    return c.caution_fg, c.caution_bg


@cache
def severity_icon(severity: Severity, dark: bool, size: int = 32) -> QImage:
    """A caution icon drawn in code: a triangle with "!" for a caution, a
    round "no entry" sign for a contraindication (shape differs, not only colour)."""
    fg, _bg = severity_colors(severity, dark)
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    p = QPainter(image)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QColor(fg))
    s = float(size)
    if severity is Severity.CONTRAINDICATION:
        p.drawEllipse(QRectF(s * 0.06, s * 0.06, s * 0.88, s * 0.88))
        p.setBrush(QColor("#ffffff"))
        p.drawRoundedRect(QRectF(s * 0.22, s * 0.42, s * 0.56, s * 0.16), s * 0.03, s * 0.03)
    else:
        p.drawPolygon(
            QPolygonF([QPointF(s / 2, s * 0.06), QPointF(s * 0.96, s * 0.9), QPointF(s * 0.04, s * 0.9)])
        )
        pen = QPen(QColor("#ffffff"), s * 0.11, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap)
        p.setPen(pen)
        p.drawLine(QPointF(s / 2, s * 0.36), QPointF(s / 2, s * 0.6))
        p.drawPoint(QPointF(s / 2, s * 0.76))
    p.end()
    return image


def heading_font(base: QFont, scale: float = 1.25) -> QFont:
    font = QFont(base)
    font.setPointSizeF(max(base.pointSizeF(), 9.0) * scale)
    font.setWeight(QFont.Weight.DemiBold)
    return font
