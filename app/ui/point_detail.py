"""The detail pane for one point: cautions first, then location, needling, channel, use and sources."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from app.domain.anatomy import LANDMARKS
from app.domain.channels import channel_ids
from app.domain.models import Anchor, Catalog, Channel, Effect, Point, Severity
from app.domain.vocabulary import View
from app.ui import theme
from app.ui.rich_text import (
    Footnotes,
    PageStack,
    ReferenceBrowser,
    caution_block,
    esc,
    ordered_cautions,
    status_badge,
)

if TYPE_CHECKING:
    from app.domain.safety import Finding


def _anchor_words(anchor: Anchor) -> str:
    """How the diagram places the marker, in words (e.g. "back view: L2 level, 1.5 cun lateral")."""
    mark = LANDMARKS.get(anchor.landmark)
    where = mark.description if mark else anchor.landmark
    view = View(anchor.view)
    mirrors = [v.noun for v in View if v.mirror_of is view]  # the left side view shows it too
    seen = f"{view.noun} (and its mirror image, the {', '.join(mirrors)})" if mirrors else view.noun
    parts = [f"{seen}: {where}"]
    if anchor.lateral_cun and anchor.view == View.SIDE:  # the side view's x runs front to back
        parts.append(f"{abs(anchor.lateral_cun):g} cun {'in front' if anchor.lateral_cun > 0 else 'behind'}")
    elif anchor.lateral_cun:
        parts.append(f"{anchor.lateral_cun:g} cun lateral")
    if anchor.down_cun:
        direction = "below" if anchor.down_cun > 0 else "above"
        parts.append(f"{abs(anchor.down_cun):g} cun {direction}")
    return ", ".join(parts)


def standing_rules(catalog: Catalog, code: str) -> list[Finding]:
    """The safety rules that apply to this point for every patient (depth over an organ, a large
    vessel or nerve beneath), as the plan would show them; general advice left out."""
    from app.domain.plan import build_plan  # the plan's rules are loaded with the first point shown

    planned = build_plan(catalog, added=(code,)).point(code)
    findings = planned.findings if planned is not None else ()
    return [f for f in findings if f.effect is not Effect.ADVICE and f.cause.kind == "always"]


def _channel_links(channel: Channel, notes: Footnotes) -> list[str]:
    """The link that draws the channel's course, and its pathway in words beneath it, small."""
    out = [f"<p><a href='channel:{esc(channel.id)}'>Show the course of the {esc(channel.name)}</a></p>"]
    if channel.pathway is not None:
        out.append(
            f"<p class='muted' style='font-size:small'>{esc(channel.pathway.text)}"
            f"{notes.mark(channel.pathway.sources)}</p>"
        )
    return out


def point_html(catalog: Catalog, point: Point, dark: bool) -> tuple[str, dict[str, str]]:
    colors = theme.colors(dark)
    notes = Footnotes(catalog)
    channel = catalog.channels.get(point.channel)
    region = catalog.regions.get(point.region)
    channel_words = f"{channel.name} ({point.channel})" if channel else point.channel
    out = [
        f"<h1>{esc(point.code)} &nbsp;{esc(point.pinyin)} &nbsp;{esc(point.chinese)}</h1>",
        f"<p class='muted'>{esc(point.english)} · {esc(channel_words)} · "
        f"{esc(region.name if region else point.region)} · {esc(point.laterality.value.capitalize())}"
        f"{notes.mark(point.sources)}</p>",
        "<h2>Cautions and contraindications</h2>",
    ]
    if point.cautions:
        out.extend(caution_block(c, catalog, notes, dark) for c in ordered_cautions(point.cautions))
    standing = standing_rules(catalog, point.code)
    fg, bg = theme.severity_colors(Severity.CAUTION, dark)
    for f in standing:
        depth = f" (no deeper than {f.max_depth:g} cun)" if f.max_depth is not None else ""
        out.append(
            f"<table width='100%' cellspacing='0' cellpadding='6' style='margin-top:4px; margin-bottom:4px;"
            f" background-color:{bg}; border-left: 4px solid {fg}'><tr><td>"
            f"<b style='color:{fg}'>{esc(f.effect.label)}:</b> {esc(f.text)}{esc(depth)}"
            f"{notes.mark(f.sources)}"
            "<br><span style='font-size:small'>For every patient (a safety rule of the catalog)</span>"
            "</td></tr></table>"
        )
    if not point.cautions and not standing:
        out.append("<p>None recorded in the reviewed sources.</p>")
    if point.deep is not None:
        out.append(
            f"<p class='muted' style='font-size:small'>Beneath the point: {esc(point.deep.text)}"
            f"{notes.mark(point.deep.sources)}</p>"
        )
    out += [
        "<h2>Location</h2>",
        f"<p>{esc(point.location)}{notes.mark(point.location_sources)}</p>",
        f"<p>{status_badge(point.location_status, colors)}</p>",
    ]
    # The placement rule in words, for the whole-figure views (x is the distance from the
    # midline, on the side view from the mid-axillary line; the close-ups use their own axes).
    figure_anchors = [a for a in point.anchors if a.view in (View.FRONT, View.BACK, View.SIDE)]
    if figure_anchors:
        placed = "; ".join(_anchor_words(a) for a in figure_anchors)
        out.append(f"<p class='muted' style='font-size:small'>On the diagram: {esc(placed)}.</p>")
    out += [
        "<h2>Needling</h2>",
        f"<p>{esc(point.needling.text)}{notes.mark(point.needling.sources)}</p>",
    ]
    # After the cautions and the needling, not above them: a pathway runs to a paragraph.
    if channel and point.channel in channel_ids(catalog):
        out += ["<h2>Channel</h2>", *_channel_links(channel, notes)]
    uses = []
    for pid in catalog.point_patterns(point.code):
        pattern = catalog.patterns[pid]
        rx = pattern.prescription
        for kind, items in (("local", rx.local), ("distal", rx.distal)):
            for item in items:
                if item.point == point.code:
                    color = colors.local if kind == "local" else colors.distal
                    shape = "&#9679;" if kind == "local" else "&#9670;"
                    uses.append(
                        f"<tr><td valign='top'><a href='pattern:{esc(pid)}'>{esc(pattern.name)}</a></td>"
                        f"<td valign='top'><span style='color:{color}'>{shape}</span> {kind}</td>"
                        f"<td valign='top'>{esc(item.role)}{notes.mark(item.sources)}</td></tr>"
                    )
    for zone in catalog.zones.values():
        for item in zone.distal:
            if item.point == point.code:
                uses.append(
                    f"<tr><td valign='top'>{esc(zone.name)}</td><td valign='top'>pain zone</td>"
                    f"<td valign='top'>{esc(item.role)}{notes.mark(item.sources)}</td></tr>"
                )
    out.append("<h2>Used for</h2>")
    if uses:
        out.append("<table width='100%' cellspacing='0' cellpadding='3'>" + "".join(uses) + "</table>")
    else:
        out.append("<p>Not part of a pattern prescription in this catalog.</p>")
    if point.aliases:
        out.append(f"<p class='muted'>Also searched as: {esc(', '.join(point.aliases))}</p>")
    out.append(notes.section(colors))
    return "".join(out), notes.tooltips()


class PointDetail(QWidget):
    """Shows one point. Emits ``patternRequested(id)`` when a pattern link is followed."""

    patternRequested = Signal(str)
    pointRequested = Signal(str)
    channelRequested = Signal(str)  # "show this channel's course"

    def __init__(self, catalog: Catalog, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.catalog = catalog
        self.code: str | None = None
        self.dark = False
        self.pages = PageStack("Point details", self)
        self.pages.linkActivated.connect(self._follow)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.pages)

    @property
    def browser(self) -> ReferenceBrowser:
        """The page shown now."""
        return self.pages.current()

    def show_point(self, code: str) -> None:
        self.code = code
        self._render()

    def set_dark(self, dark: bool) -> None:
        if dark != self.dark:
            self.dark = dark
            self._render()

    def _render(self) -> None:
        point = self.catalog.points.get(self.code) if self.code else None
        if point is None:
            self.pages.show_page(None, lambda: ("", {}), False)
            return
        dark = self.dark
        self.pages.show_page(point.code, lambda: point_html(self.catalog, point, dark), dark)

    def _follow(self, target: str) -> None:
        scheme, _, value = target.partition(":")
        if scheme == "pattern" and value in self.catalog.patterns:
            self.patternRequested.emit(value)
        elif scheme == "point" and value in self.catalog.points:
            self.pointRequested.emit(value)
        elif scheme == "channel" and value in self.catalog.channels:
            self.channelRequested.emit(value)
