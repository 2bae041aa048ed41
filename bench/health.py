"""Benchmark: N simulated agents sending heartbeats with a full health report, beside playlist polls.

The app runs under gunicorn with the production server settings of `radio serve`
(web/server.py: RADIO_WORKERS gthread workers, RADIO_THREADS threads each) on loopback, with its
own data folder and its own PostgreSQL schema (DATABASE_URL, default
postgresql://postgres@127.0.0.1:5432/test), dropped afterwards. Each simulated station sends one
heartbeat with a full `health` body (docs/fleet.md) and one playlist poll with If-None-Match
per "minute", spread evenly (heartbeat of station i at i/N of the period, its poll half a slot
later); --speed compresses time. The polls are the baseline, measured in the same run.

The database growth is measured on station_health, health_samples and heartbeats
(pg_total_relation_size, after VACUUM FULL so that dead row versions are not counted) before and
after the load, turned into bytes per row and scaled to a day of N stations: one heartbeat per
station per minute (kept 14 days), one sample row per station per 5 minutes (kept 90 days),
one latest report per station.

    .venv/bin/python bench/health.py --stations 100 2000 --seconds 120 --speed 1
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import queue
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.stations import cpu_model, free_port, seed  # noqa: E402

DEFAULT_PG = "postgresql://postgres@127.0.0.1:5432/test"
TABLES = ("station_health", "health_samples", "heartbeats")
HEARTBEATS_PER_DAY = 24 * 60  # one a minute
SAMPLES_PER_DAY = 24 * 60 // 5  # one row per 5 minutes (radio.models.health_sample.BUCKET_S)
SAMPLE_DAYS = 90  # radio.models.health_sample.KEEP_DAYS
HEARTBEAT_DAYS = 14  # radio.asrun.operations.HEARTBEAT_KEEP

LAUNCH = """
import sys
from web import create_app, server
app = create_app()
s = app.config["RADIO_SETTINGS"]
server.serve(app, "127.0.0.1", int(sys.argv[1]), workers=s.workers, threads=s.threads)
"""


class Server:
    """`radio serve`'s gunicorn (web.server.serve) without the scheduler and stream children."""

    def __init__(self, env: dict, log: Path):
        self.port = free_port()
        self.env = env
        self.log = log
        self.proc = None

    def __enter__(self):
        self.logfile = self.log.open("w")
        self.proc = subprocess.Popen([sys.executable, "-c", LAUNCH, str(self.port)], env=self.env,
                                     cwd=ROOT, stdout=subprocess.DEVNULL, stderr=self.logfile)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(self.log.read_text()[-2000:])
            try:
                conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=2)
                conn.request("GET", "/api/v1/openapi.json")
                conn.getresponse().read()
                return self
            except OSError:
                time.sleep(0.3)
        self.__exit__()
        raise RuntimeError("gunicorn did not answer within 60 s")

    def __exit__(self, *exc):
        self.proc.terminate()
        try:
            self.proc.wait(20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self.logfile.close()


def health_body(i: int, k: int, rng: random.Random) -> dict:
    """What an agent sends (radio/agent/reporting.py): the old fields plus a full `health`."""
    today = datetime.now(UTC).date()
    days = [(today + timedelta(days=d)).isoformat() for d in range(3)]
    missing = ([{"day": days[1], "entry_id": 1000 + i, "title": "Bản tin CCHC số 3",
                 "sha256": f"{i:064x}"}] if (i + k) % 10 == 0 else [])
    playing = (i + k) % 3 != 0
    return {
        "agent_version": "1.4.0",
        "free_disk_bytes": 51_234_567_890 - k * 4096,
        "now_playing": "Bản tin CCHC số 3 (toàn xã)" if playing else "",
        "cache": {"files": 24, "bytes": 92_160_000, "days": days,
                  "journal": {"pending": 0, "sent": 120 + k, "rejected": 0}},
        "health": {
            "agent_version": "1.4.0",
            "uptime_s": 86400.5 + k * 60,
            "free_disk_bytes": 51_234_567_890 - k * 4096,
            "cache": {"ready": not missing, "days": days, "missing": missing},
            "player": {"state": "playing" if playing else "idle",
                       "entry_id": 1000 + i if playing else None,
                       "title": "Bản tin CCHC số 3" if playing else "",
                       "level_db": round(rng.uniform(-24, -14), 1) if playing else None,
                       "silence_s": 0.0},
            "volume": 80,
            "link": {"rtt_ms": round(rng.uniform(40, 300), 1), "failed_1h": rng.randint(0, 3)},
            "clock": {"offset_s": round(rng.uniform(-1.5, 1.5), 2)},
        },
    }


def run_load(port: int, tokens: dict[str, str], duration: float, period: float, *,
             concurrency: int, etags: dict[str, str], polls_only: bool = False) -> dict:
    """Open-loop schedule: station i's heartbeat at (i/N + k)·period, its poll at
    ((i + ½)/N + k)·period; a pool of client threads sends them on fresh connections."""
    codes = list(tokens)
    n = len(codes)
    start = time.monotonic() + 1.0
    work: queue.Queue = queue.Queue()
    slots = sorted((start + ((i + half) / n + k) * period, k, i, kind)
                   for k in range(int(duration / period) + 1) for i in range(n)
                   for half, kind in ((0.0, "health"), (0.5, "poll"))
                   if not (polls_only and kind == "health"))
    for slot in slots:
        if slot[0] - start < duration:
            work.put(slot)
    results: list[tuple[str, float, int]] = []
    errors: list[str] = []
    lock = threading.Lock()

    def worker():
        rng = random.Random()
        while True:
            try:
                at, k, i, kind = work.get_nowait()
            except queue.Empty:
                return
            code = codes[i]
            delay = at - time.monotonic()
            if delay > 0:
                time.sleep(delay)
            headers = {"Authorization": f"Bearer {tokens[code]}"}
            if kind == "health":
                method, path = "POST", f"/api/v1/stations/{code}/heartbeat"
                body = json.dumps(health_body(i, k, rng))
                headers["Content-Type"] = "application/json"
            else:
                method, path, body = "GET", f"/api/v1/stations/{code}/playlist", None
                if code in etags:
                    headers["If-None-Match"] = etags[code]
            t0 = time.perf_counter()
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            try:
                conn.request(method, path, body=body, headers=headers)
                resp = conn.getresponse()
                resp.read()
                status = resp.status
                if kind == "poll" and resp.getheader("ETag"):
                    etags[code] = resp.getheader("ETag")
            except (OSError, http.client.HTTPException) as exc:
                status = 0
                with lock:
                    errors.append(f"{kind}: {exc}")
            finally:
                conn.close()
            elapsed = time.perf_counter() - t0
            with lock:
                results.append((kind, elapsed, status))
                if status not in (0, 200, 304):
                    errors.append(f"{kind}: HTTP {status}")

    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.monotonic() - start
    out = {"requests": len(results), "wall_s": wall, "errors": len(errors),
           "error_samples": errors[:3]}
    for kind in ("health", "poll"):
        ks = sorted(r[1] for r in results if r[0] == kind)
        out[kind] = {"n": len(ks),
                     "p50_ms": statistics.median(ks) * 1000 if ks else float("nan"),
                     "p99_ms": ks[min(len(ks) - 1, int(0.99 * len(ks)))] * 1000 if ks
                     else float("nan"),
                     "p90_ms": ks[int(0.9 * len(ks))] * 1000 if ks else float("nan"),
                     "over_1s": sum(1 for x in ks if x > 1.0),
                     "not_modified": sum(1 for r in results if r[0] == kind and r[2] == 304)}
    return out


def table_sizes(url: str) -> dict[str, tuple[int, int]]:
    """(rows, bytes with indexes and TOAST) of each table, after VACUUM FULL."""
    from sqlalchemy import create_engine, text

    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            out = {}
            for table in TABLES:
                conn.execute(text(f"VACUUM FULL {table}"))
                rows = conn.execute(text(f"SELECT count(*) FROM {table}")).scalar_one()
                size = conn.execute(text("SELECT pg_total_relation_size(:t)"),
                                    {"t": table}).scalar_one()
                out[table] = (rows, size)
            return out
    finally:
        engine.dispose()


def raw_sizes(url: str) -> dict[str, int]:
    """Bytes of each table as the load left them (dead row versions included)."""
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return {t: conn.execute(text("SELECT pg_total_relation_size(:t)"), {"t": t})
                    .scalar_one() for t in TABLES}
    finally:
        engine.dispose()


def growth(n: int, before: dict, after: dict) -> dict:
    """Bytes per row from the measured growth, scaled to a day and to the 90-day steady state."""
    per_row = {}
    for table in TABLES:
        rows = after[table][0] - before[table][0]
        per_row[table] = (after[table][1] - before[table][1]) / rows if rows else 0.0
    samples_day = n * SAMPLES_PER_DAY * per_row["health_samples"]
    beats_day = n * HEARTBEATS_PER_DAY * per_row["heartbeats"]
    latest = n * per_row["station_health"]
    return {"bytes_per_row": per_row, "samples_per_day": samples_day,
            "heartbeats_per_day": beats_day, "latest": latest,
            "per_day": samples_day + beats_day,
            "at_90_days": latest + SAMPLE_DAYS * samples_day + HEARTBEAT_DAYS * beats_day}


def one_size(n: int, seconds: float, speed: float, concurrency: int) -> dict:
    from tests.dbutil import drop_database, fresh_database_url

    period = 60.0 / speed
    folder = Path(tempfile.mkdtemp(prefix="bench-health-"))
    url = None
    try:
        url = fresh_database_url(folder, f"benchhealth{n}")
        env = {**os.environ, "RADIO_DATA_DIR": str(folder), "RADIO_SECRET_KEY": "bench",
               "DATABASE_URL": url, "RADIO_SCHEDULER": "0"}
        tokens = seed(env, n)
        with Server(env, folder / "gunicorn.log") as server:
            # Warm-up: every station polls once (and keeps its ETag), unmeasured.
            etags: dict[str, str] = {}
            fast = min(period, max(2.0, n / 200))
            run_load(server.port, tokens, fast, fast, concurrency=concurrency, etags=etags,
                     polls_only=True)
            before = table_sizes(url)
            load = run_load(server.port, tokens, seconds, period, concurrency=concurrency,
                            etags=etags)
        raw = raw_sizes(url)
        after = table_sizes(url)
        return {"n": n, "load": load, "before": before, "after": after, "raw": raw,
                "growth": growth(n, before, after)}
    finally:
        if url:
            drop_database(url)
        shutil.rmtree(folder, ignore_errors=True)


def mb(b: float) -> str:
    return f"{b / 1e6:,.1f} MB" if b < 1e9 else f"{b / 1e9:,.2f} GB"


def report(r: dict) -> dict:
    n, load, g = r["n"], r["load"], r["growth"]
    h, p = load["health"], load["poll"]
    print(f"\nN={n} stations: {load['requests']} requests in {load['wall_s']:.1f} s, "
          f"errors {load['errors']} {load['error_samples'] or ''}")
    print(f"  {'':8} {'n':>6} {'p50 ms':>8} {'p90 ms':>8} {'p99 ms':>8} {'> 1 s':>6} {'304s':>6}")
    for name, k in (("health", h), ("poll", p)):
        print(f"  {name:8} {k['n']:>6} {k['p50_ms']:>8.2f} {k['p90_ms']:>8.2f} {k['p99_ms']:>8.2f} "
              f"{k['over_1s']:>6} {k['not_modified']:>6}")
    print(f"  health/poll: p50 {h['p50_ms'] / p['p50_ms']:.2f}x, "
          f"p99 {h['p99_ms'] / p['p99_ms']:.2f}x")
    for t in TABLES:
        (r0, b0), (r1, b1) = r["before"][t], r["after"][t]
        print(f"  {t:15} rows {r0} -> {r1}, bytes {b0} -> {b1} (as left: {r['raw'][t]}), "
              f"{g['bytes_per_row'][t]:.0f} B/row")
    print(f"  per day of {n} stations: samples {mb(g['samples_per_day'])}, heartbeats "
          f"{mb(g['heartbeats_per_day'])} (kept {HEARTBEAT_DAYS} days) = {mb(g['per_day'])}; "
          f"steady state at {SAMPLE_DAYS} days: {mb(g['at_90_days'])}", flush=True)
    if r["after"]["health_samples"][0] - r["before"]["health_samples"][0] < 1000:
        print("  (fewer than 1,000 rows added: tables grow by whole 8 kB pages, so the bytes per "
              "row and the scaled sizes are coarse upper bounds)", flush=True)
    return {"stations": n, "p50_ms": round(h["p50_ms"], 2), "p99_ms": round(h["p99_ms"], 2),
            "errors": load["errors"], "requests": load["requests"],
            "poll_p50_ms": round(p["p50_ms"], 2), "poll_p99_ms": round(p["p99_ms"], 2),
            "db_bytes_per_day": round(g["per_day"]), "db_bytes_90_days": round(g["at_90_days"])}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--stations", type=int, nargs="+", default=[100, 2000])
    ap.add_argument("--seconds", type=float, default=120.0, help="seconds of load per size")
    ap.add_argument("--speed", type=float, default=1.0,
                    help="time compression: 1 = each station reports and polls once a minute")
    ap.add_argument("--concurrency", type=int, default=64, help="client threads")
    ap.add_argument("--one", type=int, help=argparse.SUPPRESS)  # child: one size, JSON to stdout
    args = ap.parse_args()
    os.environ.setdefault("DATABASE_URL", DEFAULT_PG)
    if not os.environ["DATABASE_URL"].startswith("postgres"):
        sys.exit("bench/health.py measures PostgreSQL: set DATABASE_URL=postgresql://…")
    if args.one:
        r = one_size(args.one, args.seconds, args.speed, args.concurrency)
        print("RESULT " + json.dumps(report(r)), flush=True)
        return
    load_at_start = os.getloadavg()
    workers, threads = os.environ.get("RADIO_WORKERS", "2"), os.environ.get("RADIO_THREADS", "4")
    print(f"machine: {os.cpu_count()} cores, {cpu_model()}; load average "
          f"{' '.join(f'{x:.2f}' for x in load_at_start)}; gunicorn (radio serve settings) "
          f"-w {workers} gthread --threads {threads}; PostgreSQL; period "
          f"{60.0 / args.speed:.1f} s, {args.seconds:.0f} s per size", flush=True)
    runs = []
    for n in args.stations:
        # Each size in its own process: a fresh app, engine, data folder and schema.
        proc = subprocess.run([sys.executable, __file__, "--one", str(n),
                               f"--seconds={args.seconds}", f"--speed={args.speed}",
                               f"--concurrency={args.concurrency}"],
                              stdout=subprocess.PIPE, text=True, check=True)
        for line in proc.stdout.splitlines():
            if line.startswith("RESULT "):
                runs.append(json.loads(line[len("RESULT "):]))
            else:
                print(line, flush=True)
    print(json.dumps({"bench": "health", "runs": runs,
                      "load_at_start": round(load_at_start[0], 2)}))


if __name__ == "__main__":
    main()
