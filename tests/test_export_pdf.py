"""The exported PDFs, opened with pypdf: red flags, contraindication marks, sources, escaped user text."""

from __future__ import annotations

import errno
import os
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

pypdf = pytest.importorskip("pypdf")

from app.domain import atomic  # noqa: E402
from app.domain.handout_content import course_sentence, fits  # noqa: E402
from app.domain.models import Catalog  # noqa: E402
from app.domain.plan import build_plan, confirm_include  # noqa: E402
from app.domain.safety_check import patient_advice  # noqa: E402
from app.domain.vocabulary import Urgency  # noqa: E402
from app.ui import plan_export  # noqa: E402
from app.ui.handout import REFERRAL_TITLES  # noqa: E402
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
        zones=("leg_back_left",),
        factors=("pregnancy", "anticoagulants"),
        red_flags=("cauda_equina", "cancer"),
        notes="Check <i>again</i> next week",
    )
    return confirm_include(catalog, p, "BL23")


@pytest.fixture
def plain_plan(catalog: Catalog):
    """No red flag: the handout is the aftercare page."""
    p = build_plan(
        catalog,
        case_label=LABEL,
        patterns=("blood_stagnation",),
        zones=("leg_back_left",),
        factors=("pregnancy", "anticoagulants"),
    )
    return confirm_include(catalog, p, "BL23")


def test_treatment_sheet(qapp, catalog: Catalog, plan, tmp_path: Path) -> None:
    path = export_treatment_sheet(catalog, plan, tmp_path / "sheet.pdf")
    text = pdf_text(path)
    assert "Case <b>7</b> & <script>x</script>" in text  # user text printed literally
    assert "Check <i>again</i> next week" in text
    assert "RED FLAG" in text and Urgency.EMERGENCY.label in text  # the most urgent flag leads
    assert "Not confirmed: the plan waits for a medical assessment" in text
    for flag in plan.red_flags:
        assert catalog.red_flags[flag].label in text
    assert OVERRIDE_MARK in text  # BL23 included after confirmation, marked
    assert LEFT_OUT_MARK in text  # points left out for pregnancy, each with its reason
    for p in plan.included_points():
        assert p.code in text
    for p in plan.left_out():
        assert p.code in text
    assert "10–10 sessions" in text  # Guangming's 10-session course, the plan's default
    # (text extraction puts spaces between Chinese and Latin script: compare without spaces)
    assert "Sources" in text and catalog.sources["gm_zjx"].citation[:30].replace(" ", "") in text.replace(
        " ", ""
    )
    assert "Cupping" in text  # cupping left out for anticoagulants and pregnancy
    assert "the patient's left is on your left" in text  # the body diagram (drawn as text and paths)
    for heading in ("Techniques", "Course", "Notes"):  # every section laid out and printed
        assert heading in text, heading


def test_sheet_records_the_practitioners_confirmation(qapp, catalog: Catalog, plan, tmp_path: Path) -> None:
    confirmed = build_plan(catalog, plan, flags_acknowledged=plan.red_flags)
    text = pdf_text(export_treatment_sheet(catalog, confirmed, tmp_path / "sheet.pdf"))
    assert "Not confirmed" not in text and "RED FLAG" in text
    assert "confirmed" in text.lower()


def test_no_red_flag_no_banner(qapp, catalog: Catalog, tmp_path: Path) -> None:
    path = export_treatment_sheet(catalog, build_plan(catalog, patterns=("wind_cold",)), tmp_path / "s.pdf")
    assert "RED FLAG" not in pdf_text(path)


def test_handout_is_one_page_of_guidance(qapp, catalog: Catalog, plain_plan, tmp_path: Path) -> None:
    path = export_handout(catalog, plain_plan, tmp_path / "handout.pdf")
    assert len(pypdf.PdfReader(str(path)).pages) == 1
    text = pdf_text(path)
    assert HANDOUT_TITLE in text and "When to get help" in text
    assert LABEL in text
    for g in catalog.guidance.values():
        if g.topic in ("aftercare", "side_effects"):
            assert (g.text[:40] in text) == fits(g, plain_plan), g.id  # the lines that fit this plan
        if g.claim:
            assert g.text[:40] not in text  # the sources' own claims stay off the handout
    for line in patient_advice(plain_plan):  # shaped by this patient: blood thinners, pregnancy ...
        assert line[:40] in text
    assert any("bruis" in line.lower() for line in patient_advice(plain_plan))
    for flag in catalog.red_flags.values():  # when to get help at once: the warning signs only
        assert (flag.label in text) == (flag.urgency is Urgency.EMERGENCY), flag.id
    assert course_sentence(plain_plan.course)[:60] in text  # the plan's own course, one figure
    assert "6 to 12" not in text and "minimum of 12" not in text  # never the clinics' figures
    for jargon in ("arrival of qi", "refer the patient", "de qi"):
        assert jargon not in text.lower()


def test_the_handout_follows_the_plan_and_names_the_clinic(qapp, catalog: Catalog, tmp_path: Path) -> None:
    from app.domain.handout_content import Clinic

    moxa = build_plan(catalog, patterns=("wind_cold",), factors=("first_treatment",))
    assert any(t.id == "moxibustion" and t.included for t in moxa.techniques)
    clinic = Clinic("Riverside Acupuncture", "01632 960 123", "Tuesday 9 December, 10:00")
    text = pdf_text(export_handout(catalog, moxa, tmp_path / "h.pdf", clinic))
    assert "Riverside Acupuncture" in text and "01632 960 123" in text
    assert "Your next appointment: Tuesday 9 December, 10:00" in text
    blister = catalog.guidance["aftercare_moxibustion_blister"].text
    first_visit = catalog.guidance["aftercare_first_visit"].text
    assert blister[:40] in text and first_visit[:40] in text
    needles_only = build_plan(catalog, patterns=("liver_qi_stagnation",))
    assert not any(t.id == "moxibustion" and t.included for t in needles_only.techniques)
    text = pdf_text(export_handout(catalog, needles_only, tmp_path / "h2.pdf"))
    assert blister[:40] not in text and first_visit[:40] not in text
    assert "Riverside" not in text  # no clinic details given: none printed


def test_a_standing_red_flag_turns_the_handout_into_a_referral_notice(
    qapp, catalog: Catalog, plan, tmp_path: Path
) -> None:
    path = export_handout(catalog, plan, tmp_path / "handout.pdf")
    assert len(pypdf.PdfReader(str(path)).pages) == 1
    text = pdf_text(path)
    assert REFERRAL_TITLES[Urgency.EMERGENCY] in text and HANDOUT_TITLE not in text
    assert catalog.red_flags["cauda_equina"].patient[:40] in text  # what to do, in plain words
    for flag in plan.red_flags:
        assert catalog.red_flags[flag].label in text
    assert "BL23" not in text and OVERRIDE_MARK not in text  # no treatment on a referral notice
    assert LABEL in text


def test_referral_notice_stays_one_page_in_the_worst_case(qapp, catalog: Catalog, tmp_path: Path) -> None:
    """Every red flag, every factor, every pattern and zone."""
    p = build_plan(
        catalog,
        case_label="Case 99 " * 14,
        patterns=tuple(catalog.patterns),
        zones=tuple(catalog.zones),
        factors=tuple(catalog.factors),
        red_flags=tuple(catalog.red_flags),
    )
    path = export_handout(catalog, p, tmp_path / "handout.pdf")
    assert len(pypdf.PdfReader(str(path)).pages) == 1
    text = pdf_text(path)
    for flag in catalog.red_flags.values():
        assert flag.label in text


def test_aftercare_stays_one_page_in_the_worst_case(qapp, catalog: Catalog, tmp_path: Path) -> None:
    """Every factor, every pattern and zone, every contraindication confirmed: no flag."""
    p = build_plan(
        catalog,
        case_label="Case 99 " * 14,
        patterns=tuple(catalog.patterns),
        zones=tuple(catalog.zones),
        factors=tuple(catalog.factors),
        age=85,
    )
    for item in (*p.left_out(), *(t for t in p.techniques if not t.included)):
        p = confirm_include(catalog, p, getattr(item, "code", None) or item.id)
    assert not p.left_out() and all(t.included for t in p.techniques)
    path = export_handout(catalog, p, tmp_path / "handout.pdf")
    assert len(pypdf.PdfReader(str(path)).pages) == 1
    text = pdf_text(path)
    for line in patient_advice(p):
        assert line[:30] in text  # every piece of this patient's advice, still on the page


def test_handout_without_flags_or_overrides(qapp, catalog: Catalog, tmp_path: Path) -> None:
    path = export_handout(catalog, build_plan(catalog, patterns=("wind_cold",)), tmp_path / "h.pdf")
    text = pdf_text(path)
    assert "RED FLAG" not in text and OVERRIDE_MARK not in text
    assert len(pypdf.PdfReader(str(path)).pages) == 1


def _cli(*args: str, timeout: int = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "app", *args], capture_output=True, text=True, cwd=ROOT, timeout=timeout
    )


def test_cli_plan_and_intake(catalog: Catalog, tmp_path: Path) -> None:
    sheet, handout, saved = tmp_path / "s.pdf", tmp_path / "h.pdf", tmp_path / "p.yaotong"
    args = [
        "plan", "--pattern", "wind_cold", "--pattern", "kidney_qi_deficiency", "--zone", "leg_side_left",
        "--factor", "pacemaker", "--red-flag", "fracture", "--label", "<b>cli</b>", "--age", "61",
        "--pdf", str(sheet), "--handout", str(handout), "--save", str(saved),
    ]  # fmt: skip
    gated = _cli(*args)
    assert gated.returncode == 3 and "--confirm-red-flags" in gated.stderr
    assert not sheet.exists() and not saved.exists() and not handout.exists()
    run = _cli(*args, "--confirm-red-flags")
    assert run.returncode == 0, run.stderr
    assert "<b>cli</b>" in pdf_text(sheet) and "RED FLAG" in pdf_text(sheet) and "Age 61" in pdf_text(sheet)
    assert REFERRAL_TITLES[Urgency.EMERGENCY] in pdf_text(handout)
    assert saved.exists() and "flags_acknowledged:" in saved.read_text(encoding="utf-8")
    bad = _cli("plan", "--pattern", "nope", "--save", str(saved), timeout=60)
    assert bad.returncode == 2 and "unknown pattern id" in bad.stderr
    intake = _cli(
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
        timeout=60,
    )
    import json

    data = json.loads(intake.stdout)
    assert data["chief"] == "liver_qi_stagnation" and data["red_flags"][0]["id"] == "infection"
    assert "Refer the patient" in data["red_flag_banner"] and data["age"] == 45
    assert data["referral"]["urgency"] == catalog.red_flags["infection"].urgency.value


# -- issue 15 items 4 and 9: a failed export never replaces a good PDF and says so plainly ----------------


def _files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def _full_disk(monkeypatch, after: int = 0) -> None:
    """The disk fills up after ``after`` bytes: every write of file contents fails with ENOSPC."""
    budget = [after]

    def write(fd: int, data) -> int:
        if budget[0] <= 0:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        n = min(len(data), budget[0])
        budget[0] -= n
        return os.write(fd, bytes(data[:n]))

    monkeypatch.setattr(atomic, "_write", write)


@pytest.fixture
def read_only(tmp_path: Path, monkeypatch):
    """A folder nothing can be created in (chmod; for root, who ignores it, creating fails as it would)."""
    folder = tmp_path / "read-only"
    folder.mkdir()
    (folder / "sheet.pdf").write_bytes(b"%PDF-1.4 an earlier, good sheet\n%%EOF\n")
    folder.chmod(0o555)
    real = atomic.tempfile.mkstemp

    def mkstemp(*args, dir=None, **kwargs):
        if Path(dir) == folder:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(folder / ".sheet.pdf.x.tmp"))
        return real(*args, dir=dir, **kwargs)

    if os.name == "nt" or os.geteuid() == 0:  # root (and Windows) write anyway
        monkeypatch.setattr(atomic.tempfile, "mkstemp", mkstemp)
    yield folder
    folder.chmod(0o755)


@pytest.mark.parametrize("after", [0, 50_000])
def test_a_full_disk_keeps_the_good_pdf_and_no_temp_file(
    qapp, catalog: Catalog, plan, tmp_path: Path, monkeypatch, after: int
) -> None:
    path = export_treatment_sheet(catalog, plan, tmp_path / "sheet.pdf")
    good = path.read_bytes()
    _full_disk(monkeypatch, after)
    with pytest.raises(plan_export.ExportError) as info:
        export_treatment_sheet(catalog, plan, path)
    message = str(info.value)
    assert message.startswith(f"{path}: No space left on device") and "previous PDF was kept" in message
    assert ".tmp" not in message
    assert path.read_bytes() == good and _files(tmp_path) == ["sheet.pdf"]


def test_a_write_the_system_cut_short_is_caught(
    qapp, catalog: Catalog, plan, tmp_path: Path, monkeypatch
) -> None:
    path = export_treatment_sheet(catalog, plan, tmp_path / "sheet.pdf")
    good = path.read_bytes()

    def lying_write(fd: int, data) -> int:  # claims every byte, writes half of them
        os.write(fd, bytes(data[: len(data) // 2]))
        return len(data)

    monkeypatch.setattr(atomic, "_write", lying_write)
    with pytest.raises(plan_export.ExportError, match="not what was written"):
        export_handout(catalog, plan, path)
    assert path.read_bytes() == good and _files(tmp_path) == ["sheet.pdf"]


@pytest.mark.parametrize(
    ("damage", "expected"),
    [
        (lambda data: b"", "came out empty"),
        (lambda data: data[:-40], "incomplete"),
        (lambda data: b"<html>" + data, "no PDF header"),
    ],
)
def test_a_bad_pdf_from_the_writer_is_refused(
    qapp, catalog: Catalog, plan, tmp_path: Path, monkeypatch, damage, expected: str
) -> None:
    path = tmp_path / "sheet.pdf"
    real = plan_export.render_pdf
    monkeypatch.setattr(plan_export, "render_pdf", lambda doc, title: damage(real(doc, title)))
    with pytest.raises(plan_export.ExportError, match=expected):
        export_treatment_sheet(catalog, plan, path)
    assert _files(tmp_path) == []


def test_a_read_only_folder_is_reported_plainly(qapp, catalog: Catalog, plan, read_only: Path) -> None:
    before = (read_only / "sheet.pdf").read_bytes()
    with pytest.raises(plan_export.ExportError) as info:
        export_treatment_sheet(catalog, plan, read_only / "sheet.pdf")
    assert str(info.value) == f"{read_only / 'sheet.pdf'}: Permission denied; the previous PDF was kept"
    assert (read_only / "sheet.pdf").read_bytes() == before


def test_the_cli_reports_a_failed_export_without_temp_names(
    qapp, catalog: Catalog, read_only: Path, tmp_path: Path, capsys, monkeypatch
) -> None:
    from app.cli import main

    out = read_only / "sheet.pdf"
    assert main(["plan", "--pattern", "wind_cold", "--pdf", str(out)]) == 1
    err = capsys.readouterr().err
    assert f"the treatment sheet was not written: {out}: Permission denied" in err and ".tmp" not in err
    _full_disk(monkeypatch)
    saved = tmp_path / "p.yaotong"
    assert main(["plan", "--pattern", "wind_cold", "--save", str(saved)]) == 1
    err = capsys.readouterr().err
    assert f"the plan was not saved: {saved}: No space left on device" in err and ".tmp" not in err
    assert not saved.exists() and not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--label", "\udcff"], "argument --label: not valid text"),
        (["--label", "x" * 201], "argument --label: 201 characters, the limit is 200"),
        (["--label", "a\nb"], "argument --label: a line break is not allowed here"),
        (["--save", ""], "argument --save: expected a file name, got nothing"),
        (["--pdf", "  "], "argument --pdf: expected a file name, got nothing"),
    ],
)
def test_bad_labels_and_file_names_are_usage_errors(capsys, tmp_path: Path, args, message: str) -> None:
    from app.cli import main

    with pytest.raises(SystemExit) as exit_info:
        main(["plan", "--pattern", "wind_cold", "--save", str(tmp_path / "p.yaotong"), *args])
    assert exit_info.value.code == 2
    assert message in capsys.readouterr().err
    assert not (tmp_path / "p.yaotong").exists()


def test_a_folder_as_the_file_is_a_usage_error(capsys, tmp_path: Path) -> None:
    from app.cli import main

    with pytest.raises(SystemExit):
        main(["plan", "--pattern", "wind_cold", "--save", str(tmp_path)])
    assert "is a folder: give a file name" in capsys.readouterr().err


STANDARD_SIGNS = ("kd_over_40", "kd_insidious_onset", "kd_worse_fatigue")


def standard_case(catalog: Catalog):
    """Issue 12's practitioner case: 50, chronic dull ache, weak knees, pain down the side of the
    leg, on warfarin, first treatment."""
    return build_plan(
        catalog,
        case_label="Case 12",
        age=50,
        patterns=("kidney_qi_deficiency",),
        zones=("midline", "leg_side_left"),
        factors=("anticoagulants", "first_treatment"),
        signs=STANDARD_SIGNS,
    )


def test_the_sheet_carries_what_a_practitioner_files(qapp, catalog: Catalog, tmp_path: Path) -> None:
    from datetime import date

    plan = standard_case(catalog)
    text = pdf_text(export_treatment_sheet(catalog, plan, tmp_path / "sheet.pdf"))
    assert "Treatment sheet: Case 12" in text
    assert f"Date: {date.today():%d %B %Y}".replace(" 0", " ") in text and "Age: 50" in text
    assert "Intake findings" in text
    signs = {s.id: s.text for p in catalog.patterns.values() for s in p.signs}
    for sign in STANDARD_SIGNS:
        assert signs[sign][:30] in text
    assert "Suggested by the intake" in text and "Patterns chosen by the practitioner" in text
    assert "Safety check" in text and "Taking blood thinners" in text
    assert "For every point below" in text  # the plan-wide rules once, not in every row
    for p in plan.included_points():
        point = catalog.points[p.code]
        assert p.code in text
        if (
            point.needling.depth_min is not None
            and p.depth_max is not None
            and point.needling.depth_min < p.depth_max
        ):
            assert f"{point.needling.depth_min:g}–{p.depth_max:g} cun" in text, p.code
    assert text.count("Side: both sides") >= 1 and "Side: midline" in text
    assert "Signature:" in text and "Practitioner:" in text


def test_no_point_row_is_cut_by_a_page_end(qapp, catalog: Catalog, tmp_path: Path) -> None:
    from app.ui.plan_export import point_row_pages, treatment_sheet

    for plan in (
        standard_case(catalog),
        build_plan(catalog, patterns=tuple(catalog.patterns), factors=("anticoagulants", "pregnancy")),
    ):
        doc = treatment_sheet(catalog, plan)
        codes = [p.code for p in plan.included_points()]
        spans = point_row_pages(doc, codes)
        assert set(spans) == set(codes) and set(spans.values()) == {1}
        pages = len(pypdf.PdfReader(str(export_treatment_sheet(catalog, plan, tmp_path / "s.pdf"))).pages)
        assert pages == doc.pageCount()  # the PDF keeps the layout that was checked
        # the page breaks are put into the laid-out document, which Qt lays out again only from
        # there: a copy laid out from scratch (as another printer would) keeps every row whole too
        fresh = doc.clone()
        assert set(point_row_pages(fresh, codes).values()) == {1}
        assert fresh.pageCount() == doc.pageCount()


def test_a_row_moved_to_a_new_page_starts_under_the_points_header(
    qapp, catalog: Catalog, tmp_path: Path
) -> None:
    from app.ui.treatment_sheet import paginated_sheet, point_tables

    plan = standard_case(catalog)
    moved: list[str] = []

    def pages_of(doc, tables):  # the A4 geometry, recording the row each pass moves: the first cut
        spans = plan_export.table_pages(doc, tables)
        moved.extend([code for code in tables if spans[code] > 1 and code not in moved][:1])
        return spans

    doc = paginated_sheet(catalog, plan, pages_of)
    first = plan.included_points()[0].code
    assert moved and first not in moved, "the standard case no longer moves a later row: test shows nothing"
    assert doc.toPlainText().count("Point, side") == 1 + len(moved)
    reader = pypdf.PdfReader(str(export_treatment_sheet(catalog, plan, tmp_path / "s.pdf")))
    height = doc.pageSize().height()
    tables = point_tables(doc)
    for code in moved:
        page = int(doc.documentLayout().frameBoundingRect(tables[code]).top() // height)
        text = reader.pages[page].extract_text() or ""
        assert text.split()[:2] == ["Point,", "side"], (code, text[:80])
        assert text.index(code) > text.index("Safety"), code  # its row under the header
    # every header is printed as the first one is: the same type, size and colour
    headers = [
        frame.cellAt(0, 0).firstCursorPosition().block().begin().fragment().charFormat()
        for frame in doc.rootFrame().childFrames()
        if frame.cellAt(0, 0).firstCursorPosition().block().text() == "Point, side"
    ]
    looks = {
        (tuple(f.fontFamilies() or ()), f.fontPointSize(), f.foreground().color().name(), f.fontWeight())
        for f in headers
    }
    assert len(headers) == 1 + len(moved) and len(looks) == 1, looks
    printed = _printed_sizes(tmp_path / "s.pdf")
    assert len({round(size, 2) for size, text in printed if text.startswith("Point,")}) == 1


@pytest.mark.parametrize("pattern", ["wind_cold", "liver_qi_stagnation"])
def test_the_points_header_never_ends_a_page_without_a_row(
    qapp, catalog: Catalog, tmp_path: Path, pattern: str
) -> None:
    """When the first row would be cut, the heading, the shared cautions and the header go to the
    next page with it: no header (and no "Points" heading) is left alone at a page's foot."""
    from app.ui.treatment_sheet import point_tables

    plan = build_plan(catalog, patterns=(pattern,))
    doc = plan_export.treatment_sheet(catalog, plan)
    layout = doc.documentLayout()
    height = doc.pageSize().height()
    first = plan.included_points()[0].code
    tables = point_tables(doc)

    def page_of(frame) -> int:
        return int(layout.frameBoundingRect(frame).top() // height)

    frames = list(doc.rootFrame().childFrames())
    headers = [
        i
        for i, f in enumerate(frames)
        if f.cellAt(0, 0).firstCursorPosition().block().text() == "Point, side"
    ]
    assert headers
    for i in headers:
        assert page_of(frames[i]) == page_of(frames[i + 1]), "a points header ends a page"
    heading = doc.find(f"Points ({len(plan.included_points())})")
    heading_page = int(layout.blockBoundingRect(heading.block()).top() // height)
    assert heading_page == page_of(tables[first])
    # the case this guards: the first row did not fit under the header where the section began
    assert (
        heading.block().blockFormat().pageBreakPolicy()
        & heading.block().blockFormat().PageBreakFlag.PageBreak_AlwaysBefore
    ), "this plan's first row fits after all: the test shows nothing, pick a plan whose first row is cut"
    reader = pypdf.PdfReader(str(export_treatment_sheet(catalog, plan, tmp_path / "s.pdf")))
    assert len(reader.pages) == doc.pageCount()
    for page in reader.pages:
        words = (page.extract_text() or "").split()
        if "Point," in words:
            after = words[words.index("Point,") :]
            assert any(w.startswith(tuple(tables)) for w in after[8:]), "a header with no row under it"
    text = " ".join((reader.pages[heading_page].extract_text() or "").split())  # pypdf puts tabs
    assert (
        text.index(f"Points ({len(plan.included_points())})") < text.index("Point, side") < text.index(first)
    )


def _printed_sizes(path: Path) -> list[tuple[float, str]]:
    sizes: list[tuple[float, str]] = []

    def visit(text, cm, tm, font_dict, font_size):
        if text.strip():
            scale = (tm[0] ** 2 + tm[1] ** 2) ** 0.5 * (cm[0] ** 2 + cm[1] ** 2) ** 0.5
            sizes.append((font_size * scale, text.strip()))

    for page in pypdf.PdfReader(str(path)).pages:
        page.extract_text(visitor_text=visit)
    return sizes


def test_nothing_prints_below_seven_points(qapp, catalog: Catalog, tmp_path: Path) -> None:
    plan = standard_case(catalog)
    # points only the hand, foot and head close-ups show: their figures' landmark names would
    # print at 1 to 2 pt at the sheet's size, so the sheet leaves them out
    close_ups = build_plan(
        catalog, case_label="c", patterns=("wind_cold",), added=("KI1", "LI4", "HT7", "GB20")
    )
    for path in (
        export_treatment_sheet(catalog, plan, tmp_path / "sheet.pdf"),
        export_handout(catalog, plan, tmp_path / "handout.pdf"),
        export_treatment_sheet(catalog, close_ups, tmp_path / "close-ups.pdf"),
    ):
        small = [(round(size, 1), text) for size, text in _printed_sizes(path) if size < 7.0]
        assert not small, (path.name, small[:5])


def _page_texts(path: Path) -> list[str]:
    return [
        re.sub(r"\s+", " ", unicodedata.normalize("NFKC", page.extract_text() or ""))
        for page in pypdf.PdfReader(str(path)).pages
    ]


@pytest.mark.parametrize("case", ["standard", "kidney_no_signs", "wind_cold"])
def test_the_sheet_prints_its_figures_as_vector_paint_under_their_heading(
    qapp, catalog: Catalog, tmp_path: Path, case: str
) -> None:
    """The figures print as paths and text, as sharp as the sheet's type (an image of them would
    print at about 100 dpi), their point codes readable as text, and never apart from their heading."""
    from app.ui.treatment_sheet import FIGURES_HEADING

    plan = {
        "standard": lambda: standard_case(catalog),
        "kidney_no_signs": lambda: build_plan(  # the benchmark's case: its heading ended page 1
            catalog,
            case_label="bench",
            age=50,
            patterns=("kidney_qi_deficiency",),
            zones=("midline", "leg_side_left"),
            factors=("anticoagulants",),
        ),
        "wind_cold": lambda: build_plan(catalog, case_label="w", patterns=("wind_cold",), zones=("midline",)),
    }[case]()
    path = export_treatment_sheet(catalog, plan, tmp_path / "sheet.pdf")
    assert sum(len(page.images) for page in pypdf.PdfReader(str(path)).pages) == 0
    pages = _page_texts(path)
    drawn = [i for i, text in enumerate(pages) if "the patient's left is on your left" in text]
    assert drawn, "no figure caption printed: the figures are missing"
    heading = [i for i, text in enumerate(pages) if FIGURES_HEADING in text]
    assert heading == drawn[:1], f"the heading is on page {heading}, its figures on {drawn}"
    on_figures = pages[drawn[0]].split(FIGURES_HEADING, 1)[1].split("Points (", 1)[0]
    assert any(p.code in on_figures for p in plan.included_points())  # the tags are text
