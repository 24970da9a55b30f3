"""What the printed documents share: the style sheet, the marks, the red-flag and safety blocks.

Every string put into the HTML, catalog or user text, goes through ``esc``: a case label
``<b>x</b>`` prints literally.
"""

from __future__ import annotations

from collections.abc import Iterable

from app.domain.models import Catalog
from app.domain.plan import Plan
from app.domain.safety import Finding
from app.domain.safety_check import SafetyItem
from app.ui.plain import esc
from app.ui.rich_text import Footnotes

OVERRIDE_MARK = "CONTRAINDICATED — included after confirmation"
LEFT_OUT_MARK = "Left out (contraindicated)"

_STYLE_TEMPLATE = """
body { font-family: 'DejaVu Sans', 'Segoe UI', 'Helvetica Neue', Arial, 'Noto Sans CJK SC', sans-serif;
       font-size: {body}pt; color: #1d2329; }
h1 { font-size: {h1}pt; margin: 0 0 4px 0; }
h2 { font-size: {h2}pt; margin: 10px 0 4px 0; color: #234; }
h3 { font-size: {h3}pt; margin: 8px 0 2px 0; }
.note { color: #555; font-size: {note}pt; }
.flag { background: #fde8e6; color: #8a1c12; border: 1px solid #c0392b; padding: 6px; }
.override { color: #a01010; font-weight: bold; }
.leftout { color: #666; }
.src { font-size: {src}pt; color: #444; margin: 0; }
.mark { font-size: {mark}pt; color: #555; }
th { background: #e8edf2; text-align: left; }
td, th { padding: 3px; vertical-align: top; }
"""
# The sheet prints at about 0.96 of its layout size on the A4 writer: 7.5 pt in the style sheet is
# at least 7 pt on paper (tests/test_export_pdf.py measures the PDF).
_FONT_SIZES = {"body": 8.5, "h1": 16, "h2": 12, "h3": 10, "note": 8, "src": 7.5, "mark": 7.5}


MIN_PRINT_PT = 7.5  # no text smaller than this in the style sheet, whatever scale a page shrinks to


def style(scale: float = 1.0, floor: float = MIN_PRINT_PT) -> str:
    """The print style sheet, its sizes times ``scale`` and none below ``floor`` points."""
    text = _STYLE_TEMPLATE
    for name, size in _FONT_SIZES.items():
        text = text.replace("{" + name + "}", f"{max(floor, size * scale):.2f}")
    return text


def lines_html(text: str) -> str:
    return "<br/>".join(esc(line) for line in text.splitlines()) or "—"


def findings_html(findings: Iterable[Finding], notes: Footnotes) -> str:
    out = []
    for f in findings:
        depth = f" (no deeper than {f.max_depth:g} cun)" if f.max_depth is not None else ""
        out.append(f"<b>{esc(f.effect.label)}:</b> {esc(f.text)}{esc(depth)}{notes.mark(f.sources)}")
    return "<br/>".join(out)


def referral_html(catalog: Catalog, plan: Plan, notes: Footnotes) -> str:
    """The referral box of the treatment sheet: urgency, standing flags with reasons, prompts, and
    whether the practitioner confirmed proceeding."""
    ref = plan.referral
    if ref is None:
        return ""
    items = "".join(
        f"<li><b>{esc(f.label)}</b> ({esc(f.urgency.value)}): {esc(f.reason)}{notes.mark(f.sources)}</li>"
        for f in (catalog.red_flags[i] for i in ref.flags)
    )
    items += "".join(f"<li>{esc(p.text)}{notes.mark(p.sources)}</li>" for p in ref.prompts)
    if not ref.flags:
        state = ""
    elif plan.gated:
        state = "<p><b>Not confirmed: the plan waits for a medical assessment.</b></p>"
    else:
        state = (
            "<p><b>The practitioner confirmed proceeding despite the red flags above "
            "(recorded in the plan file).</b></p>"
        )
    heading = "RED FLAG" if ref.flags else "Referral prompts"
    return (
        "<table width='100%' class='flag' cellpadding='6'><tr><td>"
        f"<b>{heading} — {esc(ref.urgency.label)}</b><ul>{items}</ul>{state}</td></tr></table>"
    )


def safety_check_html(items: Iterable[SafetyItem], notes: Footnotes) -> str:
    rows = []
    for item in items:
        note = f"<br/><span class='note'>{esc(item.note)}</span>" if item.note else ""
        advice = "".join(f"<br/>{esc(a.text)}" for a in item.advice)
        rows.append(
            f"<tr><td><b>{esc(item.label)}</b></td><td>{esc(item.summary())}{note}{advice}"
            f"{notes.mark(item.sources)}</td></tr>"
        )
    if not rows:
        return "<h2>Safety check</h2><p>No patient factor, red flag or subtype recorded.</p>"
    return (
        "<h2>Safety check</h2><table width='100%' border='1' cellspacing='0' cellpadding='3'>"
        "<tr><th width='28%'>Factor, flag or decision</th><th>What it changed in this plan</th></tr>"
        + "".join(rows)
        + "</table>"
    )
