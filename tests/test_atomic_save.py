"""Kill a process that saves a plan in a loop at random moments (SIGKILL, at least 100 times): the plan
file is then always the old or the new version, never corrupt or missing.

A small harness process (pure Python, no Qt, single-threaded, so forking is safe) forks a saver child
per round; the child saves plans A and B alternately with the real ``save_plan`` until the harness
kills it after a random delay (up to about four saves' time, measured first), then the harness reads
the file back. Forking keeps each round to milliseconds, so 120 rounds fit in a few seconds even on a
busy machine.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from app.domain.models import Catalog
from app.domain.plan_file import load_plan, save_plan

ROOT = Path(__file__).resolve().parent.parent
KILLS = 120

HARNESS = r"""
import json, os, random, signal, sys, time
from app.domain.loader import load_catalog
from app.domain.plan import build_plan
from app.domain.plan_file import dump_plan, load_plan, save_plan
from app.paths import catalog_path

path, kills, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
catalog = load_catalog(catalog_path())
plans = [build_plan(catalog, case_label=label, patterns=tuple(catalog.patterns)[:n], notes=label * 300)
         for label, n in (("A", 1), ("B", 4))]
texts = {dump_plan(p) for p in plans}
save_plan(plans[0], path)
# Kill within about four saves' time, measured here: on a loaded machine a save is slower, and a
# fixed window could end every round before the first save (the file would never change).
started = time.perf_counter()
for _ in range(5):
    save_plan(plans[0], path)
window = max(0.015, 4 * (time.perf_counter() - started) / 5)
rng = random.Random(seed)
seen, bad, saves_started = set(), [], 0
for round_ in range(kills):
    pid = os.fork()
    if pid == 0:  # the saver: never returns, never exits cleanly
        i = round_
        while True:
            save_plan(plans[i % 2], path)
            i += 1
    time.sleep(rng.uniform(0, window))
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    try:
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
    except OSError as exc:
        bad.append(f"round {round_}: {exc}")
        continue
    if text not in texts:
        bad.append(f"round {round_}: neither version ({len(text)} chars)")
        continue
    seen.add(load_plan(catalog, path).case_label)
print(json.dumps({"kills": kills, "seen": sorted(seen), "bad": bad}))
"""


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork and SIGKILL (POSIX)")
def test_kill_during_save(catalog: Catalog, tmp_path: Path) -> None:
    path = tmp_path / "plan.yaotong"
    run = subprocess.run(
        [sys.executable, "-c", HARNESS, str(path), str(KILLS), "4"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        timeout=60,
    )
    assert run.returncode == 0, run.stderr
    report = json.loads(run.stdout)
    assert report["kills"] >= 100
    assert report["bad"] == []
    assert report["seen"] == ["A", "B"]  # kills landed both before and after a replace
    assert load_plan(catalog, path).case_label in {"A", "B"}
    leftovers = [p.name for p in tmp_path.iterdir() if p.name not in {"plan.yaotong", "plan.yaotong.bak"}]
    assert all(name.startswith(".plan.yaotong.") and name.endswith(".tmp") for name in leftovers)
    # Each save removes what the killed ones left: at most the last killed save's (plan and backup).
    assert len(leftovers) <= 2, leftovers
    save_plan(load_plan(catalog, path), path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.yaotong", "plan.yaotong.bak"]
