"""Kill a process that saves a plan in a loop at random moments: the file is always the old or the
new version, never corrupt or missing (and no temporary file is mistaken for it)."""

from __future__ import annotations

import os
import pickle
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from app.domain.models import Catalog
from app.domain.plan import build_plan
from app.domain.plan_file import dump_plan, load_plan, save_plan

ROOT = Path(__file__).resolve().parent.parent
KILLS = 120

# The child unpickles plans A and B (no catalog load: start-up stays short so 100+ kills fit in
# the time), says "ready", then saves A and B alternately with the real save_plan until killed.
CHILD = """
import pickle, sys
from app.domain.plan_file import save_plan
with open(sys.argv[2], "rb") as handle:
    plans = pickle.load(handle)
print("ready", flush=True)
i = 0
while True:
    save_plan(plans[i % 2], sys.argv[1])
    i += 1
"""


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_kill_during_save(catalog: Catalog, tmp_path: Path) -> None:
    path = tmp_path / "plan.yaotong"
    objects = [
        build_plan(catalog, case_label=label, patterns=tuple(catalog.patterns)[:n], notes=label * 200)
        for label, n in (("A", 1), ("B", 4))
    ]
    plans = {p.case_label: dump_plan(p) for p in objects}
    pickled = tmp_path / "plans.pickle"
    pickled.write_bytes(pickle.dumps(objects))
    save_plan(objects[0], path)
    rng = random.Random(4)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    seen = set()
    deadline = time.monotonic() + 25  # the test keeps under ~30 s even on a busy machine
    kills = 0
    while kills < KILLS and time.monotonic() < deadline:
        child = subprocess.Popen(
            [sys.executable, "-c", CHILD, str(path), str(pickled)], stdout=subprocess.PIPE, env=env, cwd=ROOT
        )
        assert child.stdout is not None and child.stdout.readline().strip() == b"ready"
        time.sleep(rng.uniform(0, 0.02))
        child.send_signal(signal.SIGKILL)
        child.wait()
        child.stdout.close()
        kills += 1
        text = path.read_text(encoding="utf-8")  # never missing
        assert text in plans.values(), "the plan file is neither the old nor the new version"
        seen.add(load_plan(catalog, path).case_label)  # never corrupt
    assert kills >= 100, f"only {kills} kills in the time allowed"
    assert seen == {"A", "B"}
    for stale in tmp_path.glob(".plan.yaotong.*.tmp"):  # leftovers are hidden temp files only
        stale.unlink()
