"""Killing `radio media add` mid-ingest leaves no half-written file and no row; the next run cleans."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

from sqlalchemy import create_engine, func, select

from radio.config import normalise_database_url
from radio.models import MediaItem
from radio.tools import ffmpeg_path
from tests.live import RADIO


def _count_items(server) -> int:
    engine = create_engine(normalise_database_url(server.env["DATABASE_URL"]))
    try:
        with engine.connect() as conn:
            return conn.scalar(select(func.count()).select_from(MediaItem))
    finally:
        engine.dispose()


def _ffmpeg_using(folder: Path) -> list[int]:
    pids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                cmd = (entry / "cmdline").read_bytes().decode("utf-8", "replace")
            except OSError:
                continue
            if "ffmpeg" in cmd and str(folder) in cmd:
                pids.append(int(entry.name))
    return pids


def test_sigkill_during_ingest_leaves_nothing_half_written_and_next_run_cleans_up(
        make_live_server, tmp_path, fixture_dir):
    server = make_live_server(demo_data=False)
    long_wav = tmp_path / "dai-phat-thanh.wav"
    subprocess.run([ffmpeg_path(), "-hide_banner", "-loglevel", "error", "-y",
                    "-f", "lavfi", "-i", "sine=f=300:r=44100:d=300", "-ac", "2",
                    "-c:a", "pcm_s16le", str(long_wav)], check=True)
    media = server.data_dir / "media"
    proc = subprocess.Popen([RADIO, "media", "add", str(long_wav)], env=server.env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    rendition = None
    while time.monotonic() < deadline and proc.poll() is None:
        found = list((media / ".tmp").glob("incoming-*/rendition.mp3"))
        if found and found[0].stat().st_size > 100_000:
            rendition = found[0]
            break
        time.sleep(0.05)
    assert rendition is not None, "the ingest never reached the render step"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    time.sleep(1.0)

    stored = [p for p in media.rglob("*") if p.is_file() and ".tmp" not in p.parts]
    assert stored == []  # nothing was moved into the store
    assert _count_items(server) == 0
    assert _ffmpeg_using(rendition.parent) == []  # the children died with their parent
    assert list((media / ".tmp").iterdir())  # the stale working folder is still there

    server.cli("media", "add", str(fixture_dir / "voice.ogg"))
    assert list((media / ".tmp").iterdir()) == []
    assert _count_items(server) == 1
    stored = [p for p in media.rglob("*") if p.is_file() and ".tmp" not in p.parts]
    assert len(stored) == 2  # the new original and its rendition
