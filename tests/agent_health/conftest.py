"""Shared parts of the agent-health tests: one live server (no demo data) for the module, a
clock that runs on real time with a skew, real audio made by ffmpeg and a loop that turns
real agents against the server."""

from __future__ import annotations

import subprocess
import time
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from radio import clock
from radio.agent.clock import Clock
from radio.agent.players import FilePlayer
from radio.agent.runner import Agent, Settings
from radio.models import ApprovalState, MediaItem
from radio.tools import ffmpeg_path
from tests.conftest import new_live_server
from tests.dbutil import drop_database
from tests.factories.stations import LiveSeeder

FAST = dict(sync_s=2, now_s=1, upload_s=1, heartbeat_s=1, backoff_s=0.5, backoff_max_s=1.5,
            tick_s=0.1)


class SkewedClock(Clock):
    """Real time, shifted by `skew_s` (negative: the agent's clock runs behind the server)."""

    def __init__(self, skew_s: float = 0.0):
        self.skew = timedelta(seconds=skew_s)

    def now(self) -> datetime:
        return super().now() + self.skew  # the real wall clock, shifted


@pytest.fixture(scope="module")
def live(tmp_path_factory, live_templates):
    """A started live server of plain `radio init`, its seeder and a station maker."""
    folder = tmp_path_factory.mktemp("health-live")
    server, url = new_live_server(folder, live_templates, demo_data=False)
    server.start()
    seeder = LiveSeeder(server, folder / "audio")
    made: list[str] = []

    def station(code: str) -> str:
        server.cli("station", "add", code, "--name", f"Xã {code}")
        made.append(code)
        return seeder.token(code)

    try:
        yield {"server": server, "seeder": seeder, "station": station}
    finally:
        seeder.close()
        server.stop()
        drop_database(url)


def make_agent(live, code: str, token: str, folder: Path, *, clock: Clock | None = None,
               **settings) -> Agent:
    agent_clock = clock or SkewedClock()
    return Agent(live["server"].url, code, token, folder / f"cache-{code}",
                 FilePlayer(folder / f"played-{code}", agent_clock),
                 settings=Settings(days=2, **{**FAST, **settings}), clock=agent_clock)


def run(agents: list[Agent], until: datetime, each=None) -> None:
    """Turn the agents' main loops (real time) until the server's clock reaches `until`."""
    while clock.now() < until:
        for agent in agents:
            agent.step()
            if each:
                each(agent)
        time.sleep(0.1)


def gapped_audio(folder: Path) -> Path:
    """20 s of real mp3: 5 s tone, 10 s digital silence, 5 s tone."""
    path = folder / "tone-silence-tone.mp3"
    folder.mkdir(parents=True, exist_ok=True)
    subprocess.run([
        ffmpeg_path(), "-hide_banner", "-loglevel", "error", "-y",
        "-f", "lavfi", "-i", "sine=f=523:r=22050:d=5",
        "-f", "lavfi", "-i", "anullsrc=r=22050:cl=mono:d=10",
        "-f", "lavfi", "-i", "sine=f=587:r=22050:d=5",
        "-filter_complex", "[0][1][2]concat=n=3:v=0:a=1", "-ac", "1", "-b:a", "64k",
        str(path)], check=True)
    return path


def ingest(seeder: LiveSeeder, path: Path, seconds: float, title: str) -> MediaItem:
    """Put a real audio file into the server's store as a ready, approved item."""
    from media.prepared import add_prepared_item

    sha = seeder.storage.put_file(path)
    size = path.stat().st_size
    with seeder.writing():
        item = add_prepared_item(None, title=title, original_sha256=sha, rendition_sha256=sha,
                                 duration_s=seconds, original_name=path.name,
                                 original_size=size, rendition_size=size, original_format="mp3",
                                 approval=ApprovalState.approved)
        item.created_at = clock.now() - timedelta(days=1)
    return item
