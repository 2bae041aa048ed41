"""Benchmark: export a generated 18-station year as a verification package, beside `zip -0 -r`.

    .venv/bin/python bench/archive.py [--gb 3] [--events 4000] [--dir /tmp/radio-bench-archive]

Builds (once, cached in --dir) a database with the 18 Gio Linh stations, media items whose
audio adds up to about --gb gigabytes (real MP3 frames made by ffmpeg, combined so that each
item has distinct bytes) and --events as-run events over the 2022 CCHC year, chained as the
live service chains them. Then it runs, in the same session, `zip -0 -r` over the same audio
files and `radio archive export --period 2022`, each as a child process (page cache warmed
first, each run twice, best time kept), and prints wall time and peak RSS of each and the
ratios. Targets: export within 1.3× zip's time, peak RSS under 200 MB.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
RADIO = str(Path(sys.executable).with_name("radio"))
CHUNK_SECONDS = 300
N_CHUNKS = 6


def _env(data_dir: Path) -> dict:
    return {**os.environ, "RADIO_DATA_DIR": str(data_dir),
            "DATABASE_URL": f"sqlite:///{data_dir / 'radio.db'}",
            "RADIO_SECRET_KEY": "bench", "RADIO_ADMIN_PASSWORD": "bench-password-1"}


def make_chunks(folder: Path) -> list[bytes]:
    """A few 5-minute 128 kb/s MP3s of different tones and noise (ffmpeg, cached)."""
    from radio.tools import ffmpeg_path

    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for i in range(N_CHUNKS):
        path = folder / f"chunk-{i}.mp3"
        if not path.exists():
            src = (f"sine=frequency={300 + 70 * i}:duration={CHUNK_SECONDS}" if i % 2 == 0
                   else f"anoisesrc=color=pink:amplitude=0.2:duration={CHUNK_SECONDS}")
            subprocess.run([ffmpeg_path(), "-v", "error", "-nostdin", "-y", "-f", "lavfi", "-i",
                            src, "-ac", "1", "-ar", "44100", "-b:a", "128k", str(path)],
                           check=True)
        out.append(path.read_bytes())
    return out


def build(folder: Path, gb: float, n_events: int) -> None:
    """The database and store, made once; a marker file says it is complete."""
    data_dir = folder / "data"
    marker = folder / f"ready-{gb}-{n_events}"
    if marker.exists():
        return
    shutil.rmtree(data_dir, ignore_errors=True)
    data_dir.mkdir(parents=True)
    env = _env(data_dir)
    os.environ.update({k: env[k] for k in ("RADIO_DATA_DIR", "DATABASE_URL", "RADIO_SECRET_KEY",
                                           "RADIO_ADMIN_PASSWORD")})
    from sqlalchemy import insert, select

    from radio import chain, demo, migrate
    from radio.asrun.operations import asrun_content
    from radio.db import db
    from radio.models import ApprovalState, AsRunEvent, AsRunStatus, MediaItem, Station, Topic
    from radio.storage import get_storage
    from web import create_app

    app = create_app()
    migrate.upgrade(db.engine)
    chunks = make_chunks(folder / "chunks")
    rng = random.Random(7)
    with app.app_context():
        demo.load_network(demo.DemoReport(lines=[]))
        db.session.commit()
        store = get_storage()
        topics = db.session.scalars(select(Topic)).all()
        stations = db.session.scalars(select(Station)).all()
        item_bytes = 10 * 1024 * 1024
        n_items = max(1, int(gb * 1024 ** 3 / (2 * item_bytes)))
        items = []
        tmp = store.temp_path(".mp3")
        for n in range(n_items):
            with open(tmp, "wb") as fh:
                size = 0
                while size < item_bytes:
                    part = chunks[rng.randrange(N_CHUNKS)]
                    fh.write(part)
                    size += len(part)
                fh.write(b"TAG" + f"bench item {n}".encode().ljust(125, b"\0"))
            rendition = store.put_file(tmp)
            with open(tmp, "ab") as fh:  # the "original": other bytes, same size class
                fh.write(b"original-" + str(n).encode())
            original = store.put_file(tmp)
            item = MediaItem(title=f"Bản tin CCHC số {n + 1}", original_sha256=original,
                             original_name=f"goc-{n + 1}.mp3", original_format="mp3",
                             original_size=tmp.stat().st_size, rendition_sha256=rendition,
                             rendition_size=item_bytes, duration_s=CHUNK_SECONDS * 2.0,
                             approval=ApprovalState.approved,
                             topics=[rng.choice(topics)])
            db.session.add(item)
            items.append(item)
        tmp.unlink(missing_ok=True)
        db.session.flush()
        start = datetime(2021, 12, 14, 22, 40, tzinfo=UTC)
        prev, rows = chain.GENESIS, []
        for seq in range(1, n_events + 1):
            item = items[seq % len(items)] if seq <= len(items) else rng.choice(items)
            at = start + timedelta(minutes=rng.randrange(0, 364 * 24 * 60))
            values = {"seq": seq, "event_uuid": str(uuid.UUID(int=rng.getrandbits(128))),
                      "station_id": rng.choice(stations).id, "entry_id": None,
                      "media_item_id": item.id, "media_sha256": item.rendition_sha256,
                      "title": item.title, "agency_name": "",
                      "topic_slugs": ",".join(t.slug for t in item.topics),
                      "scheduled_at": at, "started_at": at, "ended_at": at + timedelta(minutes=10),
                      "status": AsRunStatus.aired, "note": "", "manual": False,
                      "recorded_by_id": None, "received_at": at + timedelta(minutes=15),
                      "prev_hash": prev}
            values["row_hash"] = chain.link(prev, asrun_content(AsRunEvent(**values)))
            prev = values["row_hash"]
            rows.append(values)
        db.session.execute(insert(AsRunEvent), rows)
        db.session.commit()
    marker.write_text("ok\n")


def run(cmd: list[str], env: dict, cwd: Path) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of one command, as GNU time measures them.

    (The rusage of a child forked from this Python process would inherit its high-water RSS.)
    """
    report = Path(cwd) / ".time"
    t0 = time.perf_counter()
    done = subprocess.run(["/usr/bin/time", "-o", str(report), "-f", "%e %M", *cmd], env=env,
                          cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - t0
    if done.returncode != 0:
        raise SystemExit(f"failed: {' '.join(cmd)}")
    _elapsed, max_kb = report.read_text().split()[-2:]
    return wall, int(max_kb) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gb", type=float, default=3.0)
    parser.add_argument("--events", type=int, default=4000)
    parser.add_argument("--dir", type=Path, default=Path("/tmp/radio-bench-archive"))
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    folder = args.dir.resolve()
    folder.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    build(folder, args.gb, args.events)
    data_dir = folder / "data"
    media = data_dir / "media"
    files = [p for p in media.rglob("*") if p.is_file() and ".tmp" not in p.parts]
    total = sum(p.stat().st_size for p in files)
    print(f"data set: {len(files)} files, {total / 1e9:.2f} GB, {args.events} as-run events, "
          f"18 stations (ready in {time.perf_counter() - t0:.0f} s)")
    for p in files:  # warm the page cache so both tools read from memory alike
        with open(p, "rb") as fh:
            while fh.read(8 * 1024 * 1024):
                pass
    env = _env(data_dir)
    out_zip, out_pkg = folder / "plain.zip", folder / "package.zip"
    zip_runs, exp_runs = [], []
    for _ in range(args.rounds):
        out_zip.unlink(missing_ok=True)
        zip_runs.append(run(["zip", "-0", "-r", "-q", str(out_zip), "media", "-x", "media/.tmp/*"],
                            env, data_dir))
        out_pkg.unlink(missing_ok=True)
        exp_runs.append(run([RADIO, "archive", "export", "--period", "2022", "--out",
                             str(out_pkg)], env, data_dir))
    zt, zr = min(r[0] for r in zip_runs), max(r[1] for r in zip_runs)
    et, er = min(r[0] for r in exp_runs), max(r[1] for r in exp_runs)
    print(f"zip -0 -r        : {zt:7.2f} s  peak RSS {zr:6.1f} MB  "
          f"({out_zip.stat().st_size / 1e9:.2f} GB)")
    print(f"radio archive export: {et:7.2f} s  peak RSS {er:6.1f} MB  "
          f"({out_pkg.stat().st_size / 1e9:.2f} GB)")
    print(f"ratio export/zip : {et / zt:.2f}x  (target <= 1.3x)   "
          f"RSS {'OK' if er < 200 else 'OVER'} (< 200 MB)")
    t1 = time.perf_counter()
    verify = subprocess.run([RADIO, "archive", "verify", str(out_pkg)], env=env,
                            capture_output=True, text=True)
    print(f"offline verify   : {time.perf_counter() - t1:7.2f} s  exit {verify.returncode}")
    out_zip.unlink(missing_ok=True)
    out_pkg.unlink(missing_ok=True)


if __name__ == "__main__":
    main()
