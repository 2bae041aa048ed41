"""End to end: two station agents play a compressed day while the server goes away and back.

The agents run in this process on a clock the test advances (radio.agent.clock), a tenth of a
second per turn of their main loop, so the 40 seconds of the day take a few seconds of wall time;
the server is a real live server that is stopped for part of the run. The entries lie just
before the real present, so when the day is over the server sees them as past. Agent A runs from
the start and is stopped and restarted mid-way (as on SIGTERM: shut down, then a new agent on
the same cache); agent B starts after its first entry has passed. Every as-run event must reach
the server exactly once, and the editors' reconciliation page must show the right aired /
missed counts.
"""

from __future__ import annotations

import json
import logging
import signal
import sqlite3
from datetime import datetime, time, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from radio import clock
from radio.agent.players import FilePlayer
from radio.agent.runner import Agent, Settings
from radio.models import AsRunEvent
from tests.factories.agent_clock import ManualClock
from tests.factories.stations import LiveSeeder
from tests.stations.web import WebSession

pytestmark = [pytest.mark.slow, pytest.mark.dates]  # `make test-dates` runs it at faked dates

SETTINGS = dict(sync_s=2, now_s=1, upload_s=1, heartbeat_s=2, backoff_s=0.5, backoff_max_s=1.5,
                tick_s=0.1)
DAY_S = 40  # the compressed day: agents start at its beginning, entries from 14 s on



class ToList(logging.Handler):
    """Collects the agent log lines of whichever agent is taking its turn."""

    def __init__(self):
        super().__init__(logging.INFO)
        self.lines: dict[str, list[str]] = {}
        self.station = ""

    def emit(self, record):
        self.lines.setdefault(self.station, []).append(record.getMessage())


def day_start(tz) -> datetime:
    """The start of a DAY_S-second day that ends just before now, within one local day."""
    end = clock.now().replace(microsecond=0) - timedelta(seconds=3)
    if (end - timedelta(seconds=DAY_S)).astimezone(tz).date() != end.astimezone(tz).date():
        midnight = datetime.combine(end.astimezone(tz).date(), time(), tz)
        end = midnight - timedelta(seconds=3)
    return end - timedelta(seconds=DAY_S)


def journal_ids(folder: Path, code: str) -> dict[str, str]:
    with sqlite3.connect(folder / f"cache-{code}" / "journal.sqlite3") as db:
        return dict(db.execute("SELECT id, state FROM events"))


def test_agents_report_every_event_once_across_a_server_outage(make_live_server,
                                                              tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("agents")
    # No demo data: the day holds only what this test schedules.
    server = make_live_server(demo_data=False, extra_env={"RADIO_ASRUN_GRACE_S": "1"})
    for code, name in (("gio-an", "Xã Gio An"), ("gio-chau", "Xã Gio Châu")):
        server.cli("station", "add", code, "--name", name)
    seeder = LiveSeeder(server, tmp_path)
    server.start()
    try:
        # While the scheduler makes its first writes: `radio station token` waits its turn.
        tokens = {code: seeder.token(code) for code in ("gio-an", "gio-chau")}
        item = seeder.media(2.0, 440, "Tin CCHC thử nghiệm")
        agent_clock = ManualClock(day_start(seeder.tz))
        t0 = agent_clock.now() + timedelta(seconds=14)
        entry_ids = {code: [seeder.entry(code, item, t0 + timedelta(seconds=6 * k)).id
                            for k in range(4)] for code in tokens}
        logs = ToList()
        agent_log = logging.getLogger("radio.agent")
        agent_log.addHandler(logs)
        agent_log.setLevel(logging.INFO)
        running: dict[str, Agent] = {}

        def start_agent(code: str) -> None:
            logs.station = code
            agent = Agent(server.url, code, tokens[code], tmp_path / f"cache-{code}",
                          FilePlayer(tmp_path / f"played-{code}", agent_clock),
                          settings=Settings(days=2, **SETTINGS), clock=agent_clock)
            agent.recover()  # what run() does first
            running[code] = agent

        def stop_agent(code: str) -> None:
            logs.station = code
            agent = running.pop(code)
            agent._on_signal(signal.SIGTERM, None)
            assert agent.stopping
            agent.shutdown()  # what run() does once stopping

        def run_until(at: datetime) -> None:
            while agent_clock.now() < at:
                agent_clock.sleep(SETTINGS["tick_s"])
                for code, agent in running.items():
                    logs.station = code
                    agent.step()

        try:
            start_agent("gio-an")
            run_until(t0 + timedelta(seconds=3))
            start_agent("gio-chau")
            run_until(t0 + timedelta(seconds=5))
            server.stop()
            run_until(t0 + timedelta(seconds=9.5))
            stop_agent("gio-an")
            start_agent("gio-an")
            run_until(t0 + timedelta(seconds=15))
            server.start()
            run_until(t0 + timedelta(seconds=25))
            for code in list(running):
                stop_agent(code)
        finally:
            agent_log.removeHandler(logs)
            agent_log.setLevel(logging.NOTSET)
            for agent in running.values():
                agent.journal.close()

        seeder.refresh()
        for code, aired in (("gio-an", 4), ("gio-chau", 3)):
            station = seeder.station(code)
            rows = seeder.session.scalars(
                select(AsRunEvent).where(AsRunEvent.station_id == station.id,
                                         AsRunEvent.entry_id.in_(entry_ids[code]))
                .order_by(AsRunEvent.started_at)).all()
            journal = journal_ids(tmp_path, code)
            assert sorted(r.event_uuid for r in rows) == sorted(journal), code
            assert set(journal.values()) == {"sent"}, code
            assert [r.status.value for r in rows] == ["aired"] * aired, code
            plays = (tmp_path / f"played-{code}" / "plays.jsonl").read_text().splitlines()
            assert len(plays) == aired
            assert all(json.loads(p)["sha256"] == item.rendition_sha256 for p in plays)

        web = WebSession(server.url)
        web.login("admin")
        day = t0.astimezone(seeder.tz).date()
        counts = web.reconcile_counts(day)
        assert counts["gio-an"] == {"aired": 4, "partial": 0, "missed": 0, "pending": 0}
        assert counts["gio-chau"] == {"aired": 3, "partial": 0, "missed": 1, "pending": 0}
        log = "\n".join(logs.lines["gio-an"])
        assert "Không kết nối được máy chủ" in log and "Đã gửi nhật ký phát" in log
    finally:
        seeder.close()
