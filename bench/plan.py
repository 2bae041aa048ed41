"""Benchmark: materialise one year of a 4-programme plan, and build one day of playlists.

Usage: .venv/bin/python bench/plan.py [--stations 18,200,2000] [--database-url URL]

For each network size it builds a fresh database (SQLite in a temp folder by default), creates
the stations with two broadcast windows each, then times:
  * materialise: one year (01/01–31/12) of 4 programmes on every station, with every conflict
    and window check the editor's save runs (the services, not a shortcut);
  * playlists: every station's playlist for one busy day (DB read + pure build + ETag + m3u8).
Ratios are printed against the 18-station run of the same invocation (the baseline).
Targets from issue 4: a province-year (200 stations) under 5 s; 2,000 playlists under 2 s.
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import tempfile
import time
from datetime import UTC, date, datetime
from datetime import time as dtime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

os.environ.setdefault("RADIO_ADMIN_PASSWORD", "bench-password-1")

PLAN = [  # name, rrule, start, minutes, target
    ("Chuyên mục Cải cách hành chính", "FREQ=WEEKLY;BYDAY=TU,FR", dtime(17, 15), 15, "all"),
    ("Bản tin sáng", "FREQ=DAILY", dtime(5, 45), 10, "all"),
    ("Pháp luật và đời sống", "FREQ=WEEKLY;BYDAY=MO", dtime(17, 35), 15, "communes"),
    ("Kết quả CCHC trong tháng", "FREQ=MONTHLY;BYMONTHDAY=15", dtime(6, 0), 20, "all"),
]
YEAR = 2027
BUSY_DAY = date(YEAR, 3, 16)  # a Tuesday: CCHC + morning news (+ nothing monthly)


def cpu_model() -> str:
    try:
        out = subprocess.run(["lscpu"], capture_output=True, text=True).stdout
        for line in out.splitlines():
            if line.startswith("Model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def make_network(n: int) -> None:
    from sqlalchemy import insert, select

    from radio.db import db
    from radio.models import BroadcastWindow, Station, StationKind

    db.session.execute(insert(Station), [
        {"code": "bench-district" if i == 0 else f"bench-{i:04d}",
         "name": "Đài huyện" if i == 0 else f"Trạm {i:04d}",
         "kind": StationKind.district if i == 0 else StationKind.commune,
         "valid_from": date(2020, 1, 1), "timezone": "Asia/Ho_Chi_Minh",
         "created_at": datetime.now(UTC)} for i in range(n)])
    ids = list(db.session.scalars(select(Station.id)))
    db.session.execute(insert(BroadcastWindow), [
        {"station_id": sid, "name": name, "start_time": start, "duration_min": 60,
         "weekdays": "1234567"}
        for sid in ids for name, start in (("Buổi sáng", dtime(5, 30)), ("Buổi chiều", dtime(17)))])
    db.session.commit()


def fill_busy_day(tz) -> None:
    """Give the busy day's occurrences real rundowns (items without files; only rows count)."""
    import hashlib

    from sqlalchemy import select

    from radio.clock import local_day_bounds as day_bounds
    from radio.db import db
    from radio.models import ApprovalState, MediaItem, Occurrence
    from schedules.programmes import rundowns

    items = []
    for i in range(6):
        sha = hashlib.sha256(f"bench-{i}".encode()).hexdigest()
        item = MediaItem(title=f"Tin thử {i}, “CCHC”", original_sha256=sha,
                         rendition_sha256=sha, duration_s=95.0 + 10 * i,
                         approval=ApprovalState.approved)
        db.session.add(item)
        items.append(item)
    db.session.flush()
    start, end = day_bounds(BUSY_DAY, tz)
    occs = db.session.scalars(select(Occurrence).where(Occurrence.starts_at >= start,
                                                       Occurrence.starts_at < end))
    for occ in occs:
        fit = [m.id for m in items][: max(1, rundowns.slot_s(occ) // 200)]
        rundowns.set_rundown(None, occ, fit)
    db.session.commit()


def run_size(n: int, database_url: str | None) -> dict:
    from sqlalchemy import func, select

    from radio import migrate
    from radio.clock import local_day_bounds as day_bounds
    from radio.clock import zone
    from radio.db import db
    from radio.models import Programme, ProgrammeTarget, ScheduleEntry
    from schedules.entries import targeting
    from schedules.playlists.builder import make_playlist
    from schedules.playlists.formats import to_m3u8
    from schedules.playlists.util import entries_by_station, station_info
    from schedules.programmes import materialise as materialising
    from schedules.signing import media_url_builder
    from tests.dbutil import drop_database, fresh_database_url
    from web import create_app

    folder = Path(tempfile.mkdtemp(prefix=f"bench-plan-{n}-"))
    if database_url:
        os.environ["DATABASE_URL"] = database_url
    url = fresh_database_url(folder, "bench")
    app = create_app({"data_dir": folder, "database_url": url, "secret_key": "bench"})
    migrate.upgrade(db.engine)
    out: dict = {"stations": n}
    try:
        with app.app_context():
            make_network(n)
            tz = zone()
            now = datetime(YEAR, 1, 1, tzinfo=tz).astimezone(UTC)
            progs = []
            for name, rule, start, minutes, target in PLAN:
                prog = Programme(name=name, rrule=rule, start_time=start,
                                 duration_s=minutes * 60, valid_from=date(YEAR, 1, 1),
                                 valid_until=date(YEAR, 12, 31), target=ProgrammeTarget(target))
                db.session.add(prog)
                progs.append(prog)
            db.session.flush()
            stations = targeting.all_stations()
            t0, c0 = time.perf_counter(), time.process_time()
            r = materialising.materialise_programmes(progs, until=date(YEAR, 12, 31), now=now,
                                                  confirm=True, stations=stations)
            occurrences, entries = r.created, r.entries
            db.session.commit()
            out["materialise_s"] = time.perf_counter() - t0
            out["materialise_cpu_s"] = time.process_time() - c0
            out["occurrences"] = occurrences
            out["entries"] = db.session.scalar(select(func.count()).select_from(ScheduleEntry))
            assert out["entries"] == entries

            fill_busy_day(tz)
            infos = [station_info(s) for s in stations]
            urls = media_url_builder("http://127.0.0.1:5000", "bench", 2_000_000_000)
            db.session.expire_all()
            t0, c0 = time.perf_counter(), time.process_time()
            start, end = day_bounds(BUSY_DAY, tz)
            by_station = entries_by_station(start, end)
            t_read = time.perf_counter() - t0
            items = 0
            for info in infos:
                playlist = make_playlist(info, BUSY_DAY, by_station.get(info.id, []), tz=tz)
                to_m3u8(playlist, urls)
                items += len(playlist.items)
            out["playlists_s"] = time.perf_counter() - t0
            out["playlists_cpu_s"] = time.process_time() - c0
            out["playlists_read_s"] = t_read
            out["playlist_entries"] = sum(len(v) for v in by_station.values())
            out["playlist_items"] = items
    finally:
        db.session.remove()
        db.engine.dispose()
        drop_database(url)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stations", default="18,200,2000")
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL"))
    args = parser.parse_args()
    sizes = [int(x) for x in args.stations.split(",")]
    engine = "PostgreSQL" if (args.database_url or "").startswith("postgres") else "SQLite"
    print(f"bench/plan.py — {engine}, {os.cpu_count()} cores, {cpu_model()}, "
          f"Python {platform.python_version()}")
    results = [run_size(n, args.database_url) for n in sizes]
    base = results[0]
    print(f"load average before: {os.getloadavg()[0]:.1f} (wall times grow with other load; "
          "CPU times much less)")
    print(f"{'stations':>8} {'occurr.':>8} {'entries':>9} {'materialise':>12} {'(cpu)':>7} "
          f"{'µs/entry':>9} {'×base':>6} | {'day entries':>11} {'items':>7} {'playlists':>10} "
          f"{'(cpu)':>7} {'(read)':>7} {'×base':>6}")
    for r in results:
        print(f"{r['stations']:>8} {r['occurrences']:>8} {r['entries']:>9} "
              f"{r['materialise_s']:>11.2f}s {r['materialise_cpu_s']:>6.2f}s "
              f"{1e6 * r['materialise_cpu_s'] / r['entries']:>9.1f} "
              f"{r['materialise_cpu_s'] / base['materialise_cpu_s']:>6.1f} | "
              f"{r['playlist_entries']:>11} {r['playlist_items']:>7} {r['playlists_s']:>9.3f}s "
              f"{r['playlists_cpu_s']:>6.3f}s {r['playlists_read_s']:>6.3f}s "
              f"{r['playlists_cpu_s'] / base['playlists_cpu_s']:>6.1f}")
    for r in results:
        if r["stations"] == 200:
            print(f"target: province-year (200 stations) < 5 s: {r['materialise_s']:.2f} s wall, "
                  f"{r['materialise_cpu_s']:.2f} s CPU "
                  f"{'OK' if r['materialise_s'] < 5 else 'MISSED (wall)'}")
        if r["stations"] == 2000:
            print(f"target: one day of 2,000 playlists < 2 s: {r['playlists_s']:.3f} s wall, "
                  f"{r['playlists_cpu_s']:.3f} s CPU {'OK' if r['playlists_s'] < 2 else 'MISSED'}")


if __name__ == "__main__":
    main()
