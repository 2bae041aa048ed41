"""Benchmark: N simulated stations polling playlists (If-None-Match) and posting as-run batches.

The app runs under gunicorn on loopback with its own data folder and database (SQLite, or
PostgreSQL through DATABASE_URL). Each simulated station polls its playlist once a "minute"
and posts an as-run batch every few polls; time can be compressed (--speed) and the run is
bounded (--duration). The same gunicorn also serves a static file of the same size as the
playlist answer (through WSGI middleware, no Flask view), measured in the same run with the
same request schedule, as the baseline.

    .venv/bin/python bench/stations.py --stations 100 2000 --duration 60 --speed 1
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import queue
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

STATIC_NAME = "playlist-sized.json"


def wsgi_app():
    """gunicorn entry point: the real app plus /bench-static/ for the baseline file."""
    from werkzeug.middleware.shared_data import SharedDataMiddleware

    from web import create_app

    app = create_app()
    return SharedDataMiddleware(app.wsgi_app, {"/bench-static": os.environ["BENCH_STATIC_DIR"]})


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def seed(env: dict, n: int, entries_per_day: int = 6) -> dict[str, str]:
    """Create n stations with tokens, media and today's entries straight in the database."""
    os.environ.update(env)
    from sqlalchemy import insert

    from radio import migrate
    from radio.db import db
    from radio.models import (
        ApprovalState,
        EntryKind,
        MediaItem,
        ScheduleEntry,
        Station,
        StationKind,
    )
    from radio.security import hash_token
    from web import create_app

    app = create_app()
    with app.app_context():
        migrate.upgrade(db.engine)
        media = [MediaItem(title=f"Bản tin CCHC số {k}", original_sha256=f"{k:064x}",
                           rendition_sha256=f"{k:064x}", duration_s=240.0,
                           approval=ApprovalState.approved) for k in range(1, 7)]
        db.session.add_all(media)
        db.session.flush()
        tokens = {f"bench-{i:04d}": f"bench-token-{i:04d}-{uuid.uuid4().hex}" for i in range(n)}
        today = datetime.now(UTC).replace(hour=0, minute=0, second=0, microsecond=0)
        rows = [{"code": code, "name": f"Trạm thử {code}", "kind": StationKind.commune,
                 "valid_from": today.date() - timedelta(days=30), "timezone": "Asia/Ho_Chi_Minh",
                 "token_hash": hash_token(token), "created_at": today}
                for code, token in tokens.items()]
        db.session.execute(insert(Station), rows)
        ids = dict(db.session.execute(Station.__table__.select().with_only_columns(
            Station.code, Station.id)).all())
        entries = []
        for code in tokens:
            for k in range(entries_per_day):
                at = today + timedelta(hours=k * 3, minutes=30)
                item = media[k % len(media)]
                entries.append({"station_id": ids[code], "kind": EntryKind.item, "starts_at": at,
                                "ends_at": at + timedelta(seconds=240), "media_item_id": item.id,
                                "priority": "normal", "note": "", "created_at": today})
        db.session.execute(insert(ScheduleEntry), entries)
        db.session.commit()
    db.engine.dispose()
    return tokens


class Server:
    def __init__(self, env: dict, workers: int, threads: int):
        self.port = free_port()
        self.env = {**env, "BENCH_STATIC_DIR": env["BENCH_STATIC_DIR"]}
        self.cmd = [str(Path(sys.executable).with_name("gunicorn")), "-b", f"127.0.0.1:{self.port}",
                    "-w", str(workers), "-k", "gthread", "--threads", str(threads),
                    "--backlog", "4096", "--log-level", "warning", "--chdir", str(ROOT),
                    "bench.stations:wsgi_app()"]
        self.proc = None

    def __enter__(self):
        self.proc = subprocess.Popen(self.cmd, env=self.env, stdout=subprocess.DEVNULL,
                                     stderr=subprocess.PIPE, text=True)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=2)
                conn.request("GET", "/api/v1/openapi.json")
                conn.getresponse().read()
                return self
            except OSError:
                time.sleep(0.3)
        raise RuntimeError(self.proc.stderr.read() if self.proc.poll() is not None else "timeout")

    def __exit__(self, *exc):
        self.proc.terminate()
        self.proc.wait(20)


def run_load(port: int, tokens: dict[str, str], duration: float, period: float, *,
             static: bool, concurrency: int, asrun_every: int = 5,
             etags: dict[str, str] | None = None) -> dict:
    """Open-loop schedule: station i polls at i/N·period + k·period; a pool sends the requests.

    Every `asrun_every`-th poll of a station (staggered across stations) is an as-run batch.
    """
    codes = list(tokens)
    n = len(codes)
    start = time.monotonic() + 1.0
    work: queue.Queue = queue.Queue()
    for k in range(int(duration / period) + 1):
        for i, code in enumerate(codes):
            at = start + (i / n + k) * period
            if at - start < duration:
                work.put((at, k + i, code))
    results: list[tuple[str, float, int]] = []
    errors: list[str] = []
    etags = {} if etags is None else etags
    lock = threading.Lock()

    def worker():
        while True:
            try:
                at, k, code = work.get_nowait()
            except queue.Empty:
                return
            delay = at - time.monotonic()
            if delay > 0:
                time.sleep(delay)
            headers = {"Authorization": f"Bearer {tokens[code]}"}
            if code in etags:
                headers["If-None-Match"] = etags[code]
            if static:
                method, path, body, kind = "GET", f"/bench-static/{STATIC_NAME}", None, "static"
            elif k % asrun_every == asrun_every - 1:
                now = datetime.now(UTC)
                events = [{"id": str(uuid.uuid4()), "status": "aired",
                           "started_at": (now - timedelta(minutes=m)).isoformat()}
                          for m in (5, 3)]
                method, path, kind = "POST", f"/api/v1/stations/{code}/asrun", "asrun"
                body = json.dumps({"events": events})
                headers["Content-Type"] = "application/json"
            else:
                method, path, body, kind = ("GET", f"/api/v1/stations/{code}/playlist", None,
                                            "playlist")
            # A station polls once a minute: a fresh connection each time, as on the field.
            t0 = time.perf_counter()
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            try:
                conn.request(method, path, body=body, headers=headers)
                resp = conn.getresponse()
                resp.read()
                status = resp.status
                if resp.getheader("ETag") and kind in ("playlist", "static"):
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
    t_begin = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.monotonic() - max(t_begin, start)
    lat = sorted(r[1] for r in results)

    def pct(p):
        return lat[min(len(lat) - 1, int(p * len(lat)))] * 1000 if lat else float("nan")

    by_kind = {}
    for kind in {r[0] for r in results}:
        ks = sorted(r[1] for r in results if r[0] == kind)
        by_kind[kind] = {"n": len(ks), "p50_ms": statistics.median(ks) * 1000,
                         "p99_ms": ks[min(len(ks) - 1, int(0.99 * len(ks)))] * 1000}
    return {"requests": len(results), "rps": len(results) / wall if wall > 0 else 0,
            "p50_ms": pct(0.50), "p99_ms": pct(0.99), "errors": len(errors),
            "error_samples": errors[:3], "by_kind": by_kind,
            "not_modified": sum(1 for r in results if r[2] == 304)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--stations", type=int, nargs="+", default=[100, 2000])
    ap.add_argument("--duration", type=float, default=60.0, help="seconds of load per run")
    ap.add_argument("--speed", type=float, default=1.0,
                    help="time compression: 1 = each station polls once a minute")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--threads", type=int, default=8)
    ap.add_argument("--concurrency", type=int, default=64, help="client connections")
    ap.add_argument("--quiet", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    period = 60.0 / args.speed
    if not args.quiet:
        print(f"machine: {os.cpu_count()} cores, {cpu_model()}; gunicorn -w {args.workers} "
              f"-k gthread --threads {args.threads}; poll period {period:.1f}s, "
              f"{args.duration:.0f}s per run", flush=True)
    if len(args.stations) > 1:
        # Each size in its own process: a fresh app, engine and data folder.
        for n in args.stations:
            subprocess.run([sys.executable, __file__, "--stations", str(n), "--quiet",
                            *(f"--{k}={v}" for k, v in (("duration", args.duration),
                                                        ("speed", args.speed),
                                                        ("workers", args.workers),
                                                        ("threads", args.threads),
                                                        ("concurrency", args.concurrency)))],
                           check=True)
        return
    for n in args.stations:
        folder = Path(tempfile.mkdtemp(prefix="bench-stations-"))
        try:
            env = {**os.environ, "RADIO_DATA_DIR": str(folder), "RADIO_SECRET_KEY": "bench",
                   "BENCH_STATIC_DIR": str(folder / "static")}
            if os.environ.get("DATABASE_URL"):
                from tests.dbutil import fresh_database_url

                env["DATABASE_URL"] = fresh_database_url(folder, f"bench{n}")
            else:
                env["DATABASE_URL"] = f"sqlite:///{folder / 'radio.db'}"
            tokens = seed(env, n)
            (folder / "static").mkdir()
            with Server(env, args.workers, args.threads) as server:
                conn = http.client.HTTPConnection("127.0.0.1", server.port)
                code = next(iter(tokens))
                conn.request("GET", f"/api/v1/stations/{code}/playlist",
                             headers={"Authorization": f"Bearer {tokens[code]}"})
                size = len(conn.getresponse().read())
                (folder / "static" / STATIC_NAME).write_bytes(b"x" * size)
                # Warm-up: every station fetches once (and keeps its ETag), unmeasured.
                fast = min(period, max(5.0, n / 200))
                app_tags: dict[str, str] = {}
                static_tags: dict[str, str] = {}
                run_load(server.port, tokens, fast, fast, static=False, asrun_every=10**9,
                         concurrency=args.concurrency, etags=app_tags)
                run_load(server.port, tokens, fast, fast, static=True,
                         concurrency=args.concurrency, etags=static_tags)
                app = run_load(server.port, tokens, args.duration, period, static=False,
                               concurrency=args.concurrency, etags=app_tags)
                base = run_load(server.port, tokens, args.duration, period, static=True,
                                concurrency=args.concurrency, etags=static_tags)
            report(n, size, app, base)
        finally:
            shutil.rmtree(folder, ignore_errors=True)


def report(n: int, size: int, app: dict, base: dict) -> None:
    print(f"\nN={n} stations (playlist answer {size} bytes)")
    print(f"  {'':10} {'req':>7} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'errors':>7} {'304s':>6}")
    for name, r in (("app", app), ("static", base)):
        print(f"  {name:10} {r['requests']:>7} {r['rps']:>8.1f} {r['p50_ms']:>8.2f} "
              f"{r['p99_ms']:>8.2f} {r['errors']:>7} {r['not_modified']:>6}")
    for kind, k in sorted(app["by_kind"].items()):
        print(f"    {kind:8} n={k['n']:<6} p50={k['p50_ms']:.2f} ms p99={k['p99_ms']:.2f} ms")
    ratio = app["p99_ms"] / base["p99_ms"] if base["p99_ms"] else float("nan")
    print(f"  p99 app/static = {ratio:.1f}x; errors: {app['error_samples'] or 'none'}",
          flush=True)


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return "unknown CPU"


if __name__ == "__main__":
    main()
