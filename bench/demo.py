"""Benchmark: `radio init --demo` (the whole story: 2022, the 2025 reorganisation, both CCHC
years, the last four weeks) against `radio init --demo --demo-2022` (the 2022 network only),
each in a fresh data folder and SQLite database, run in the same session.

The issue's goal: the whole demo under 60 s on SQLite on this machine. Prints the wall and CPU
seconds of each run, the ratio of the story to the 2022 baseline, and ends with one JSON line.

    .venv/bin/python bench/demo.py --repeat 2
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RADIO = [sys.executable, "-m", "web.cli"]


def run_init(args: list[str]) -> tuple[float, float, dict]:
    """Wall and child CPU seconds of one `radio init` in a new data folder, and the row counts."""
    folder = Path(tempfile.mkdtemp(prefix="bench-demo-"))
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(RADIO_DATA_DIR=str(folder), RADIO_ADMIN_PASSWORD="bench-Password-2026",
               RADIO_SCHEDULER="0")
    try:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run([*RADIO, "init", *args], cwd=ROOT, env=env, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wall = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        counts = subprocess.run(
            [sys.executable, "-c", COUNT], cwd=ROOT, env=env, check=True, capture_output=True,
            text=True).stdout
        return wall, cpu, json.loads(counts)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


COUNT = """
import json
from sqlalchemy import func, select
from web import create_app
from radio.db import db
from radio.models import AdminUnit, AsRunEvent, Cluster, ScheduleEntry, Station
app = create_app()
with app.app_context():
    print(json.dumps({m.__tablename__: db.session.scalar(select(func.count()).select_from(m))
                      for m in (Station, AdminUnit, Cluster, ScheduleEntry, AsRunEvent)}))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=1)
    opts = parser.parse_args()
    load = os.getloadavg()
    print(f"load average at start: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
    runs: dict[str, list[tuple[float, float]]] = {"demo_2022": [], "demo_story": []}
    counts: dict[str, dict] = {}
    for _ in range(opts.repeat):
        for name, args in (("demo_2022", ["--demo", "--demo-2022"]), ("demo_story", ["--demo"])):
            wall, cpu, rows = run_init(args)
            runs[name].append((wall, cpu))
            counts[name] = rows
            print(f"{name:11s} wall {wall:6.1f} s  cpu {cpu:6.1f} s  rows {rows}")
    wall = {k: statistics.median(w for w, _ in v) for k, v in runs.items()}
    cpu = {k: statistics.median(c for _, c in v) for k, v in runs.items()}
    ratio = wall["demo_story"] / wall["demo_2022"]
    print(f"story / 2022 baseline: wall x{ratio:.2f}, cpu x{cpu['demo_story'] / cpu['demo_2022']:.2f}; "
          f"goal: story under 60 s wall ({'met' if wall['demo_story'] < 60 else 'NOT met'})")
    print(json.dumps({"bench": "demo", "load_avg_start": round(load[0], 2),
                      "demo_2022_wall_s": round(wall["demo_2022"], 2),
                      "demo_story_wall_s": round(wall["demo_story"], 2),
                      "demo_2022_cpu_s": round(cpu["demo_2022"], 2),
                      "demo_story_cpu_s": round(cpu["demo_story"], 2),
                      "ratio_wall": round(ratio, 3), "rows": counts["demo_story"]}))


if __name__ == "__main__":
    main()
