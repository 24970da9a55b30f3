"""The detail pane for a pattern, a regional protocol (and the "All points" overview).

Order is for a glance during an intake: what to watch out for, the principle,
the points (local and distal, each with its role), then signs, techniques,
notes, session guidance and sources. A regional protocol (stiff neck, sciatica
...) has the same order: indication, points, technique, cautions, notes. Every
catalog string is escaped.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from app.domain.models import (
    Catalog,
    Caution,
    Guidance,
    Pattern,
    PrescribedPoint,
    Protocol,
    Severity,
    SourceKind,
)
from app.domain.vocabulary import GuidanceTopic
from app.ui import theme
from app.ui.rich_text import Footnotes, PageStack, ReferenceBrowser, caution_block, esc, status_badge

# Guidance topics shown with a pattern (how a course and a session run); the
# overview page shows every topic.
SESSION_TOPICS = tuple(GuidanceTopic)[:4]  # course, session, reassess, aftercare
TEXTBOOK_PATTERN = "Textbook pattern (not in the seed)"
REGIONAL_PROTOCOL = "Regional protocol"
SEED_CLAIM = "A clinic's own claim (seed article), not a textbook fact:"
SOURCE_CLAIM = "The source's own claim:"


def claim_label(catalog: Catalog, item: Guidance) -> str:
    """How a claim is introduced: a seed clinic's claim, or a figure its (other) source reports."""
    kinds = {catalog.sources[s].kind for s in item.sources if s in catalog.sources}
    return SEED_CLAIM if kinds == {SourceKind.SEED} else SOURCE_CLAIM


def _guidance_html(catalog: Catalog, notes: Footnotes, topics: tuple[GuidanceTopic, ...] | None) -> str:
    by_topic: dict[GuidanceTopic, list[str]] = {}
    for item in catalog.guidance.values():
        if topics is not None and item.topic not in topics:
            continue
        claim = f"<i>{esc(claim_label(catalog, item))}</i> " if item.claim else ""
        by_topic.setdefault(item.topic, []).append(
            f"<li>{claim}{esc(item.text)}{notes.mark(item.sources)}</li>"
        )
    parts = []
    for topic in topics if topics is not None else tuple(GuidanceTopic):
        if topic in by_topic:
            parts.append(f"<h3>{esc(topic.caption)}</h3><ul>{''.join(by_topic[topic])}</ul>")
    return "".join(parts)


def _points_table(catalog: Catalog, items: tuple[PrescribedPoint, ...], notes: Footnotes, marker: str) -> str:
    rows = []
    for item in items:
        point = catalog.points[item.point]
        flags = ""
        if point.cautions:
            worst = (
                "contraindication"
                if any(c.severity.value == "contraindication" for c in point.cautions)
                else "caution"
            )
            n = len(point.cautions)
            flags = (
                f"<br><img src='icon:{worst}' width='12' height='12'> "
                f"<span style='font-size:small'>{n} {'caution' if n == 1 else 'cautions'}:"
                " see the point</span>"
            )
        rows.append(
            "<tr>"
            f"<td valign='top' width='22'>{marker}</td>"
            f"<td valign='top' width='82'><a href='point:{esc(point.code)}'><b>{esc(point.code)}</b></a></td>"
            f"<td valign='top'>{esc(point.pinyin)} {esc(point.chinese)}"
            f" <span class='muted'>· {esc(point.english)}</span>"
            f"<br>{esc(item.role)}{notes.mark(item.sources)}{flags}</td>"
            "</tr>"
        )
    return "<table width='100%' cellspacing='0' cellpadding='3'>" + "".join(rows) + "</table>"


def _signs_html(catalog: Catalog, pattern: Pattern, notes: Footnotes, colors: theme.Colors) -> str:
    parts = []
    for group_id, group in catalog.sign_groups.items():
        signs = [s for s in pattern.signs if s.group == group_id]
        if not signs:
            continue
        items = []
        for sign in signs:
            key = f" <span style='color:{colors.local}'><b>key sign</b></span>" if sign.key else ""
            items.append(f"<li>{esc(sign.text)}{key}{notes.mark(sign.sources)}</li>")
        parts.append(f"<p style='margin-top:6px'><b>{esc(group.name)}</b></p><ul>{''.join(items)}</ul>")
    return "".join(parts)


def pattern_cautions(catalog: Catalog, pattern: Pattern | Protocol) -> list[tuple[list[str], Caution]]:
    """The cautions of the pattern's (or protocol's) points and techniques, each once with every
    place it applies to (the same rule on five points is one box, not five);
    contraindications first."""
    grouped: dict[tuple[object, ...], tuple[list[str], Caution]] = {}
    places = [(code, catalog.points[code].cautions) for code in pattern.points_by_role()]
    if isinstance(pattern, Pattern):
        places += [(technique.name, technique.cautions) for technique in pattern.techniques]
    for where, cautions in places:
        for caution in cautions:
            key = (caution.severity, caution.text, caution.factors)
            if key in grouped:
                grouped[key][0].append(where)
            else:
                grouped[key] = ([where], caution)
    found = list(grouped.values())
    return sorted(found, key=lambda item: item[1].severity is not Severity.CONTRAINDICATION)


def _cautions_summary(cautions: list[tuple[list[str], Caution]], dark: bool) -> str:
    """One line under the title: how many contraindications and cautions, and a link to them."""
    parts = []
    for severity in (Severity.CONTRAINDICATION, Severity.CAUTION):
        n = sum(1 for _, c in cautions if c.severity is severity)
        if n:
            fg, _bg = theme.severity_colors(severity, dark)
            word = theme.severity_label(severity).lower() + ("s" if n > 1 else "")
            parts.append(
                f"<img src='icon:{severity.value}' width='14' height='14'>"
                f"&nbsp;<b style='color:{fg}'>{n} {word}</b>"
            )
    return (
        "<p style='margin-top:6px'>" + " &nbsp; ".join(parts) + " &nbsp;<a href='#cautions'>see below</a></p>"
    )


def pattern_html(catalog: Catalog, pattern: Pattern, dark: bool) -> tuple[str, dict[str, str]]:
    """The pattern page and the tooltips of its source markers."""
    colors = theme.colors(dark)
    notes = Footnotes(catalog)
    rx = pattern.prescription
    local_marker = f"<span style='color:{colors.local}'>&#9679;</span>"  # ● filled circle, like the diagram
    distal_marker = f"<span style='color:{colors.distal}'>&#9670;</span>"  # ◆ diamond
    out = [
        f"<h1>{esc(pattern.name)}</h1>",
        f"<p class='muted'>{esc(pattern.pinyin)} · {esc(pattern.chinese)}{notes.mark(pattern.sources)}</p>",
    ]
    if pattern.textbook_only:
        out.append(f"<p><b>{esc(TEXTBOOK_PATTERN)}</b></p>")
    cautions = pattern_cautions(catalog, pattern)
    if cautions:
        out.append(_cautions_summary(cautions, dark))
    out += [
        "<h2>Treatment principle</h2>",
        f"<p>{esc(pattern.principle.text)}{notes.mark(pattern.principle.sources)}</p>",
        "<h2>Prescription</h2>",
        f"<p>{status_badge(rx.status, colors)}{notes.mark(rx.sources)}</p>",
        f"<h3>{local_marker} Local points ({len(rx.local)})</h3>",
        _points_table(catalog, rx.local, notes, local_marker),
        f"<h3>{distal_marker} Distal points ({len(rx.distal)})</h3>",
        _points_table(catalog, rx.distal, notes, distal_marker),
    ]
    if rx.note is not None:
        out.append(f"<p><i>Note:</i> {esc(rx.note.text)}{notes.mark(rx.note.sources)}</p>")
    if cautions:
        out.append("<a name='cautions'></a><h2>Cautions and contraindications</h2>")
        out.extend(
            caution_block(c, catalog, notes, dark, prefix=", ".join(where) + ":") for where, c in cautions
        )
    out += [
        "<h2>Key signs</h2>",
        _signs_html(catalog, pattern, notes, colors),
        "<h2>Cause</h2>",
        f"<p>{esc(pattern.cause.text)}{notes.mark(pattern.cause.sources)}</p>",
    ]
    if pattern.techniques:
        out.append("<h2>Techniques</h2>")
        for technique in pattern.techniques:
            out.append(f"<h3>{esc(technique.name)}</h3>")
            out.append(f"<p>{esc(technique.method)}{notes.mark(technique.sources)}</p>")
            if technique.cautions:
                n = len(technique.cautions)
                out.append(
                    f"<p class='muted' style='font-size:small'>{n} {'caution' if n == 1 else 'cautions'}"
                    " for this technique: see Cautions and contraindications above.</p>"
                )
    if pattern.notes:
        out.append("<h2>Textbook notes and departures from the seed</h2><ul>")
        out.extend(f"<li>{esc(n.text)}{notes.mark(n.sources)}</li>" for n in pattern.notes)
        out.append("</ul>")
    guidance = _guidance_html(catalog, notes, SESSION_TOPICS)
    if guidance:
        out.append("<h2>Session guidance</h2>" + guidance)
    out.append(_disclaimer(catalog, notes, colors))
    out.append(notes.section(colors))
    return "".join(out), notes.tooltips()


def protocol_html(catalog: Catalog, protocol: Protocol, dark: bool) -> tuple[str, dict[str, str]]:
    """A regional protocol's page and the tooltips of its source markers."""
    colors = theme.colors(dark)
    notes = Footnotes(catalog)
    local_marker = f"<span style='color:{colors.local}'>&#9679;</span>"
    distal_marker = f"<span style='color:{colors.distal}'>&#9670;</span>"
    far = set(protocol.distal)
    local = tuple(p for p in protocol.points if p.point not in far)
    distal = tuple(p for p in protocol.points if p.point in far)
    region = catalog.regions[protocol.region].name
    out = [
        f"<h1>{esc(protocol.name)}</h1>",
        f"<p class='muted'>{esc(protocol.pinyin)} · {esc(protocol.chinese)}"
        f"{notes.mark(protocol.sources)}</p>",
        f"<p><b>{esc(REGIONAL_PROTOCOL)}</b> <span class='muted'>· {esc(region)}</span></p>",
    ]
    cautions = pattern_cautions(catalog, protocol)
    if cautions:
        out.append(_cautions_summary(cautions, dark))
    out += [
        "<h2>Indication</h2>",
        f"<p>{esc(protocol.indication.text)}{notes.mark(protocol.indication.sources)}</p>",
        "<h2>Points</h2>",
        f"<p>{status_badge(protocol.status, colors)}{notes.mark(protocol.sources)}</p>",
        f"<h3>{local_marker} Local points ({len(local)})</h3>",
        _points_table(catalog, local, notes, local_marker),
        f"<h3>{distal_marker} Distal points ({len(distal)})</h3>",
        _points_table(catalog, distal, notes, distal_marker),
        "<h2>Technique</h2>",
        f"<p>{esc(protocol.technique.text)}{notes.mark(protocol.technique.sources)}</p>",
    ]
    if cautions:
        out.append("<a name='cautions'></a><h2>Cautions and contraindications</h2>")
        out.extend(
            caution_block(c, catalog, notes, dark, prefix=", ".join(where) + ":") for where, c in cautions
        )
    if protocol.notes:
        out.append("<h2>Notes</h2><ul>")
        out.extend(f"<li>{esc(n.text)}{notes.mark(n.sources)}</li>" for n in protocol.notes)
        out.append("</ul>")
    out.append(_disclaimer(catalog, notes, colors))
    out.append(notes.section(colors))
    return "".join(out), notes.tooltips()


def overview_html(catalog: Catalog, dark: bool) -> tuple[str, dict[str, str]]:
    """The "All points" page: the regions and their points, and all guidance."""
    colors = theme.colors(dark)
    notes = Footnotes(catalog)
    out = [
        "<h1>All points</h1>",
        f"<p class='muted'>{len(catalog.points)} points in {len(catalog.regions)} regions."
        " Pick a pattern on the left to see its prescription, or a point for its details.</p>",
        "<h2>Regions</h2>",
    ]
    for region in catalog.regions.values():
        links = ", ".join(f"<a href='point:{esc(code)}'>{esc(code)}</a>" for code in region.points)
        seed = f" <span class='muted'>(seed: “{esc(region.seed_words)}”)</span>" if region.seed_words else ""
        out.append(f"<p><b>{esc(region.name)}</b>{seed}{notes.mark(region.sources)}<br>{links}</p>")
        if region.reading is not None:
            out.append(
                f"<p class='muted' style='margin-left:12px'>{esc(region.reading.text)}"
                f"{notes.mark(region.reading.sources)}</p>"
            )
    guidance = _guidance_html(catalog, notes, None)
    if guidance:
        out.append("<h2>Guidance</h2>" + guidance)
    out.append(_disclaimer(catalog, notes, colors))
    out.append(notes.section(colors))
    return "".join(out), notes.tooltips()


def _disclaimer(catalog: Catalog, notes: Footnotes, colors: theme.Colors) -> str:
    return (
        f"<p style='margin-top:16px; color:{colors.muted}'><i>{esc(catalog.disclaimer.text)}</i>"
        f"{notes.mark(catalog.disclaimer.sources)}</p>"
    )


class PatternView(QWidget):
    """Shows one pattern, one regional protocol, or the overview. Emits ``pointRequested(code)`` when a
    point link is followed."""

    pointRequested = Signal(str)
    patternRequested = Signal(str)

    def __init__(self, catalog: Catalog, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.catalog = catalog
        self.pattern_id: str | None = None
        self.protocol_id: str | None = None
        self.dark = False
        self.pages = PageStack("Pattern details", self)
        self.pages.linkActivated.connect(self._follow)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.pages)

    @property
    def browser(self) -> ReferenceBrowser:
        """The page shown now."""
        return self.pages.current()

    def show_pattern(self, pattern_id: str | None) -> None:
        """Show a pattern by id, or the "All points" overview for None."""
        self.pattern_id = pattern_id
        self.protocol_id = None
        self._render()

    def show_protocol(self, protocol_id: str) -> None:
        """Show a regional protocol by id (the overview for an unknown id)."""
        self.pattern_id = None
        self.protocol_id = protocol_id if protocol_id in self.catalog.protocols else None
        self._render()

    def set_dark(self, dark: bool) -> None:
        if dark != self.dark:
            self.dark = dark
            self._render()

    def _render(self) -> None:
        pattern = self.catalog.patterns.get(self.pattern_id) if self.pattern_id else None
        protocol = self.catalog.protocols.get(self.protocol_id) if self.protocol_id else None
        dark = self.dark
        if protocol is not None:
            self.pages.show_page(
                ("protocol", protocol.id), lambda: protocol_html(self.catalog, protocol, dark), dark
            )
        elif pattern is None:
            self.pages.show_page("", lambda: overview_html(self.catalog, dark), dark)
        else:
            self.pages.show_page(pattern.id, lambda: pattern_html(self.catalog, pattern, dark), dark)

    def _follow(self, target: str) -> None:
        scheme, _, value = target.partition(":")
        if scheme == "point" and value in self.catalog.points:
            self.pointRequested.emit(value)
        elif scheme == "pattern" and value in self.catalog.patterns:
            self.patternRequested.emit(value)
