"""The names the save and export dialogs propose: the case label and the date, so the next
patient's files never take the last one's names."""

from __future__ import annotations

import re
from datetime import date

_NOT_IN_A_NAME = re.compile(r"[^\w]+")  # path separators, spaces, punctuation, control characters
MAX_STEM = 40


def proposed_name(case_label: str, day: date, kind: str = "", suffix: str = "") -> str:
    """``Case 12 — lumbar strain`` on 2 December 2026, kind ``sheet``, ``.pdf`` ->
    ``case-12-lumbar-strain_2026-12-02_sheet.pdf``; an empty label gives ``plan``."""
    stem = _NOT_IN_A_NAME.sub("-", case_label.strip().lower()).strip("-_")[:MAX_STEM].strip("-_") or "plan"
    parts = [stem, day.isoformat(), *([kind] if kind else [])]
    return "_".join(parts) + suffix
