"""Proposed file names (no Qt): from the case label and the date, safe on every file system."""

from __future__ import annotations

from datetime import date

import pytest

from app.domain.errors import DataFileError, Problem
from app.domain.file_names import proposed_name

DAY = date(2026, 12, 2)


@pytest.mark.parametrize(
    ("label", "kind", "suffix", "expected"),
    [
        ("Case 12 — lumbar strain", "sheet", ".pdf", "case-12-lumbar-strain_2026-12-02_sheet.pdf"),
        ("", "", ".yaotong", "plan_2026-12-02.yaotong"),
        ("../../etc/passwd", "handout", ".pdf", "etc-passwd_2026-12-02_handout.pdf"),
        ("K-12\x00\n", "", ".yaotong", "k-12_2026-12-02.yaotong"),
        ("腰痛 7", "sheet", ".pdf", "腰痛-7_2026-12-02_sheet.pdf"),
        ("x" * 80, "", "", "x" * 40 + "_2026-12-02"),
    ],
)
def test_names_come_from_the_label_and_the_day(label: str, kind: str, suffix: str, expected: str) -> None:
    assert proposed_name(label, DAY, kind, suffix) == expected


def test_two_patients_get_two_names() -> None:
    assert proposed_name("Case 12", DAY, "sheet") != proposed_name("Case 13", DAY, "sheet")
    assert proposed_name("Case 12", DAY, "sheet") != proposed_name("Case 12", date(2026, 12, 9), "sheet")


def test_a_file_error_in_plain_words_with_the_rest_for_details() -> None:
    error = DataFileError(
        [
            Problem("k12.yaotong", 3, 1, "patterns", "unknown pattern 'x'"),
            Problem("k12.yaotong", 9, 1, "zones", "unknown zone 'y'"),
        ]
    )
    assert error.summary() == (
        "k12.yaotong could not be used: at line 3, in patterns, unknown pattern 'x'."
        " (1 more problem in Details.)"
    )
    assert "k12.yaotong:9:1: zones: unknown zone 'y'" in str(error)
