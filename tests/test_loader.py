"""The catalog loader on a small valid catalog (``tests/broken/valid.yaml``)."""

from __future__ import annotations

from pathlib import Path
from types import MappingProxyType

import pytest

from app.domain.errors import CatalogError, DataFileError, Problem
from app.domain.loader import load_catalog, load_catalog_text
from app.domain.models import BackPain, Laterality, ReviewStatus, Severity

VALID = Path(__file__).parent / "broken" / "valid.yaml"


@pytest.fixture(scope="module")
def small():
    return load_catalog(VALID)


def test_tables_are_read_in_file_order(small) -> None:
    assert list(small.sources) == ["book", "seed_003"]
    assert list(small.points) == ["BL23", "BL40", "GV4"]
    assert list(small.patterns) == ["kidney_qi_deficiency", "wind_cold"]
    assert list(small.sign_groups) == ["history", "pulse"]
    assert small.path == str(VALID)
    assert small.schema_version == 1


def test_keys_fill_ids_and_enums_are_typed(small) -> None:
    bl23 = small.points["BL23"]
    assert bl23.code == "BL23"
    assert bl23.laterality is Laterality.BILATERAL
    assert bl23.location_status is ReviewStatus.SECONDARY_COPY
    assert bl23.aliases == ("Shenshu",)
    assert bl23.cautions[0].severity is Severity.CAUTION
    assert bl23.anchors[0].landmark == "L2" and bl23.anchors[0].lateral_cun == 1.5
    assert small.points["BL40"].anchors[0].down_cun == 0.0  # default
    assert small.regions["knee"].back_pain is BackPain.LOWER
    assert small.sources["seed_003"].file == "003_68909d3c299f83b4.txt"
    assert small.sources["book"].file is None


def test_regions_list_their_points(small) -> None:
    assert small.regions["lower_back"].points == ("BL23", "GV4")
    assert small.regions["knee"].points == ("BL40",)


def test_optional_fields(small) -> None:
    assert small.regions["lower_back"].reading is None
    assert small.regions["knee"].reading is not None
    assert small.regions["knee"].reading.sources == ("book",)
    assert small.patterns["kidney_qi_deficiency"].prescription.note is None
    assert small.patterns["wind_cold"].prescription.note.text == "A general prescription."
    assert dict(small.guidance["course_sessions"].values) == {"min": 6.0, "max": 12.0}
    assert dict(small.guidance["evidence_figure"].values) == {}
    assert small.guidance["evidence_figure"].claim is True


def test_prescriptions_and_shared_signs(small) -> None:
    kd = small.patterns["kidney_qi_deficiency"]
    assert [p.point for p in kd.prescription.local] == ["BL23", "GV4"]
    assert kd.points_by_role() == {"BL23": "local", "GV4": "local", "BL40": "distal"}
    # the same sign id in two patterns: one text, two weights
    weights = {pid: {s.id: s.weight for s in p.signs}["weak_pulse"] for pid, p in small.patterns.items()}
    assert weights == {"kidney_qi_deficiency": 1.0, "wind_cold": 2.0}
    assert small.point_patterns("BL40") == ("kidney_qi_deficiency", "wind_cold")


def test_everything_is_immutable(small) -> None:
    for table in (
        small.sources,
        small.points,
        small.patterns,
        small.regions,
        small.guidance,
        small.sign_groups,
    ):
        assert isinstance(table, MappingProxyType)
    assert isinstance(small.guidance["course_sessions"].values, MappingProxyType)
    assert isinstance(small.points["BL23"].cautions, tuple)
    with pytest.raises(TypeError):
        small.points["XX1"] = small.points["BL23"]  # type: ignore[index]
    with pytest.raises(AttributeError):
        small.points["BL23"].location = "elsewhere"  # type: ignore[misc]


def test_text_and_path_give_the_same_catalog(small) -> None:
    again = load_catalog_text(VALID.read_bytes(), "valid.yaml")
    assert again.points == small.points
    assert again.patterns == small.patterns


def test_errors_collect_every_problem_in_file_order() -> None:
    text = VALID.read_text(encoding="utf-8")
    text = text.replace("laterality: midline", "laterality: middle").replace(
        "factors: [anticoagulants]", "factors: [x]"
    )
    with pytest.raises(CatalogError) as caught:
        load_catalog_text(text)
    problems = caught.value.problems
    assert [str(p) for p in problems] == [
        "points.yaml:98:19: points.BL40.cautions[0].factors[0]: unknown patient factor 'x'",
        "points.yaml:108:17: points.GV4.laterality: 'middle' is not one of: bilateral, midline",
    ]
    assert str(caught.value) == "\n".join(str(p) for p in problems)
    assert isinstance(caught.value, DataFileError)


def test_problem_without_path() -> None:
    assert str(Problem("plan.yaml", 3, 1, "", "the file is empty")) == "plan.yaml:3:1: the file is empty"


def test_missing_file_is_a_catalog_error(tmp_path) -> None:
    with pytest.raises(CatalogError, match=r"^nope\.yaml:1:1: cannot read the file"):
        load_catalog(tmp_path / "nope.yaml")


def test_domain_and_catalog_commands_never_import_qt() -> None:
    """``app.domain`` is pure Python, and `yaotong validate` / `export` run without Qt."""
    import subprocess
    import sys

    code = (
        "import importlib, pkgutil, sys\n"
        "import app.domain\n"
        "for m in pkgutil.iter_modules(app.domain.__path__):\n"
        "    importlib.import_module('app.domain.' + m.name)\n"
        "from app.cli import main\n"
        "assert main(['validate']) == 0\n"
        "qt = sorted(n for n in sys.modules if n.split('.')[0] in ('PySide6', 'shiboken6'))\n"
        "assert not qt, qt\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("OK points.yaml: ")
