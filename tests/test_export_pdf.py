"""The exported PDFs, opened with pypdf: red flags, contraindication marks, sources, escaped user text."""

from __future__ import annotations

import re
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

pypdf = pytest.importorskip("pypdf")

from app.domain.models import Catalog  # noqa: E402
from app.domain.plan import build_plan, confirm_include  # noqa: E402
from app.ui.plan_export import (  # noqa: E402
    HANDOUT_TITLE,
    LEFT_OUT_MARK,
    OVERRIDE_MARK,
    export_handout,
    export_treatment_sheet,
)

ROOT = Path(__file__).resolve().parent.parent
LABEL = "Case <b>7</b> & <script>x</script>"


def pdf_text(path: Path) -> str:
    reader = pypdf.PdfReader(str(path))
    text = "\n".join(page.extract_text() or "" for page in reader.pages)
    # NFKC undoes the typographic ligatures (ﬁ) the PDF uses; whitespace is one space.
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text))


@pytest.fixture
def plan(catalog: Catalog):
    p = build_plan(
        catalog,
        case_label=LABEL,
        patterns=("blood_stagnation",),
        zones=("leg_back",),
        factors=("pregnancy", "anticoagulants"),
        red_flags=("cauda_equina", "cancer"),
        notes="Check <i>again</i> next week",
    )
    return confirm_include(catalog, p, "BL23")


def test_treatment_sheet(qapp, catalog: Catalog, plan, tmp_path: Path) -> None:
    path = export_treatment_sheet(catalog, plan, tmp_path / "sheet.pdf")
    text = pdf_text(path)
    assert "Case <b>7</b> & <script>x</script>" in text  # user text printed literally
    assert "Check <i>again</i> next week" in text
    assert "RED FLAG" in text and "Refer the patient for medical assessment" in text
    for flag in plan.red_flags:
        assert catalog.red_flags[flag].label in text
    assert OVERRIDE_MARK in text  # BL23 included after confirmation, marked
    assert LEFT_OUT_MARK in text  # GV3 left out, with its reason
    assert "GV3" in text and catalog.points["GV3"].cautions[0].text[:40] in text
    for p in plan.included_points():
        assert p.code in text
    assert "6–12 sessions" in text
    assert "Sources" in text and catalog.sources["cheng1987"].citation[:30] in text
    assert "Cupping" in text  # cupping left out for anticoagulants and pregnancy
    images = sum(len(page.images) for page in pypdf.PdfReader(str(path)).pages)
    assert images >= 1  # the body diagram


def test_no_red_flag_no_banner(qapp, catalog: Catalog, tmp_path: Path) -> None:
    path = export_treatment_sheet(catalog, build_plan(catalog, patterns=("wind_cold",)), tmp_path / "s.pdf")
    assert "RED FLAG" not in pdf_text(path)


def test_handout_is_one_page_of_guidance(qapp, catalog: Catalog, plan, tmp_path: Path) -> None:
    path = export_handout(catalog, plan, tmp_path / "handout.pdf")
    assert len(pypdf.PdfReader(str(path)).pages) == 1
    text = pdf_text(path)
    assert HANDOUT_TITLE in text and "When to call" in text
    assert LABEL in text
    for g in catalog.guidance.values():
        if g.topic in ("aftercare", "side_effects"):
            assert g.text[:40] in text
        if g.claim:
            assert g.text[:40] not in text  # the sources' evidence claims stay off the handout
    assert "rest for five to ten minutes" in text and "ride home" in text
    assert "RED FLAG" in text and catalog.red_flags["cauda_equina"].label in text  # carried here too
    assert OVERRIDE_MARK in text and "BL23" in text


def test_handout_stays_one_page_in_the_worst_case(qapp, catalog: Catalog, tmp_path: Path) -> None:
    """Every red flag, every factor, every pattern and zone, every contraindication confirmed."""
    p = build_plan(
        catalog,
        case_label="Case 99 " * 14,
        patterns=tuple(catalog.patterns),
        zones=tuple(catalog.zones),
        factors=tuple(catalog.factors),
        red_flags=tuple(catalog.red_flags),
    )
    for item in (*p.left_out(), *(t for t in p.techniques if not t.included)):
        p = confirm_include(catalog, p, getattr(item, "code", None) or item.id)
    assert not p.left_out() and all(t.included for t in p.techniques)
    path = export_handout(catalog, p, tmp_path / "handout.pdf")
    assert len(pypdf.PdfReader(str(path)).pages) == 1
    text = pdf_text(path)
    for flag in catalog.red_flags.values():
        assert flag.label in text
    for point in (x for x in p.points if x.overridden):
        assert point.code in text  # every confirmed contraindication is still named
    assert OVERRIDE_MARK in text and "ride home" in text


def test_handout_without_flags_or_overrides(qapp, catalog: Catalog, tmp_path: Path) -> None:
    path = export_handout(catalog, build_plan(catalog, patterns=("wind_cold",)), tmp_path / "h.pdf")
    text = pdf_text(path)
    assert "RED FLAG" not in text and OVERRIDE_MARK not in text
    assert len(pypdf.PdfReader(str(path)).pages) == 1


def test_cli_plan_and_intake(catalog: Catalog, tmp_path: Path) -> None:
    sheet, handout, saved = tmp_path / "s.pdf", tmp_path / "h.pdf", tmp_path / "p.yaotong"
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "app",
            "plan",
            "--pattern",
            "wind_cold",
            "--pattern",
            "kidney_qi_deficiency",
            "--zone",
            "leg_side",
            "--factor",
            "pacemaker",
            "--red-flag",
            "fracture",
            "--label",
            "<b>cli</b>",
            "--age",
            "61",
            "--pdf",
            str(sheet),
            "--handout",
            str(handout),
            "--save",
            str(saved),
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    assert "<b>cli</b>" in pdf_text(sheet) and "RED FLAG" in pdf_text(sheet) and "Age 61" in pdf_text(sheet)
    assert saved.exists() and handout.exists()
    bad = subprocess.run(
        [sys.executable, "-m", "app", "plan", "--pattern", "nope", "--save", str(saved)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )
    assert bad.returncode == 2 and "unknown pattern id" in bad.stderr
    intake = subprocess.run(
        [
            sys.executable,
            "-m",
            "app",
            "intake",
            "--sign",
            "lq_anger",
            "--sign",
            "lq_stress",
            "--red-flag",
            "infection",
            "--age",
            "45",
            "--json",
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )
    import json

    data = json.loads(intake.stdout)
    assert data["chief"] == "liver_qi_stagnation" and data["red_flags"][0]["id"] == "infection"
    assert "Refer the patient" in data["red_flag_banner"] and data["age"] == 45
