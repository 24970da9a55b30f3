"""The wheel works on its own: built from this checkout, installed into a fresh
venv outside it, its ``yaotong`` validates and exports the shipped catalog
from another directory, finding ``data/`` inside the installed package.

Slow (a venv and an install): one test that does everything once. The
dependencies come from pip's configured indexes and cache.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

from app import __version__

ROOT = Path(__file__).resolve().parent.parent


def run(
    args: list[str], cwd: Path, env: dict[str, str], timeout: int = 600
) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        args, cwd=cwd, env=env, capture_output=True, text=True, encoding="utf-8", timeout=timeout, check=False
    )
    assert result.returncode == 0, f"{args} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}"
    return result


def test_wheel_installs_and_runs_outside_the_checkout(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME")}
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    dist = tmp_path / "dist"
    run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(dist), str(ROOT)], tmp_path, env)
    (wheel,) = dist.glob("yaotong-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    assert {"app/data/points.yaml", "app/data/points.schema.json", "app/cli.py"} <= names
    assert {"app/resources/style.qss", "app/resources/figures/back.svg"} <= names

    target = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(target)
    bindir = target / ("Scripts" if os.name == "nt" else "bin")
    python = bindir / ("python.exe" if os.name == "nt" else "python")
    run([str(python), "-m", "pip", "install", "-q", str(wheel)], tmp_path, env)

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    yaotong = str(bindir / ("yaotong.exe" if os.name == "nt" else "yaotong"))
    where = run(
        [str(python), "-c", "import app.paths as p; print(p.catalog_path()); print(p.resources_dir())"],
        elsewhere,
        env,
    )
    for found in map(Path, where.stdout.splitlines()[:2]):
        assert found.is_relative_to(target), f"the installed app found {found}, not its own copy"

    validated = run([yaotong, "validate"], elsewhere, env)
    assert validated.stdout.startswith("OK points.yaml: 6 patterns, ")

    exported = run([yaotong, "export", "--json"], elsewhere, env)
    data = json.loads(exported.stdout)
    assert set(data["patterns"]) == {
        "blood_stagnation",
        "kidney_qi_deficiency",
        "liver_qi_stagnation",
        "wind_cold",
        "cold_damp",
        "damp_heat",
    }
    assert len(data["points"]) == 401 and data["safety_rules"]
    for pattern in data["patterns"].values():
        assert pattern["prescription"]["local"] and pattern["prescription"]["distal"]

    version = run([yaotong, "--version"], elsewhere, env)
    assert version.stdout.strip() == f"yaotong {__version__}"
    assert wheel.name.startswith(f"yaotong-{__version__}-")  # the package metadata agrees
