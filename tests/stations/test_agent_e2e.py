"""End to end: two station agents play a compressed day while the server goes away and back.

Entries are scheduled seconds apart on a private live server. The agents run as
`python -m radio.agent` (the same command as `radio station-agent`, without loading the server
application, so a restart takes a fraction of a second). Agent A runs from the start and
is restarted mid-way; agent B starts after its first entry has passed. The server is stopped
for part of the run. Every as-run event must reach the server exactly once, and the editors'
reconciliation page must show the right aired / missed counts.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from radio import clock
from radio.models import AsRunEvent
from tests.factories.stations import LiveSeeder
from tests.stations.web import WebSession

pytestmark = [pytest.mark.slow, pytest.mark.dates]  # `make test-dates` runs it at faked dates

AGENT_ENV = {"RADIO_AGENT_SYNC_S": "2", "RADIO_AGENT_NOW_S": "1", "RADIO_AGENT_UPLOAD_S": "1",
             "RADIO_AGENT_HEARTBEAT_S": "2", "RADIO_AGENT_BACKOFF_S": "0.5",
             "RADIO_AGENT_BACKOFF_MAX_S": "1.5", "RADIO_AGENT_TICK_S": "0.1"}


def start_agent(server, code: str, token: str, folder: Path, run_for: float):
    token_file = folder / f"{code}.token"
    token_file.write_text(token)
    env = {**os.environ, **AGENT_ENV}
    log = open(folder / f"{code}.log", "a")  # noqa: SIM115 (closed by the caller)
    proc = subprocess.Popen(
        [sys.executable, "-m", "radio.agent", "--server", server.url, "--station", code,
         "--token-file", str(token_file), "--cache", str(folder / f"cache-{code}"),
         "--player", f"file:{folder / f'played-{code}'}", "--run-for", str(run_for)],
        env=env, stdout=log, stderr=subprocess.STDOUT)
    proc.log = log
    return proc


def wait_until(at: datetime) -> None:
    time.sleep(max((at - clock.now()).total_seconds(), 0))


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
    server.start()
    seeder = LiveSeeder(server, tmp_path)
    try:
        tokens = {code: seeder.token(code) for code in ("gio-an", "gio-chau")}
        item = seeder.media(2.0, 440, "Tin CCHC thử nghiệm")
        t0 = clock.now().replace(microsecond=0) + timedelta(seconds=14)
        entry_ids = {code: [seeder.entry(code, item, t0 + timedelta(seconds=6 * k)).id
                            for k in range(4)] for code in tokens}
        a = start_agent(server, "gio-an", tokens["gio-an"], tmp_path, run_for=60)
        wait_until(t0 + timedelta(seconds=3))
        b = start_agent(server, "gio-chau", tokens["gio-chau"], tmp_path, run_for=60)
        wait_until(t0 + timedelta(seconds=5))
        server.stop()
        wait_until(t0 + timedelta(seconds=9.5))
        a.send_signal(signal.SIGTERM)
        assert a.wait(15) == 0
        a.log.close()
        a = start_agent(server, "gio-an", tokens["gio-an"], tmp_path, run_for=60)
        wait_until(t0 + timedelta(seconds=15))
        server.start()
        wait_until(t0 + timedelta(seconds=25))
        for proc in (a, b):
            proc.send_signal(signal.SIGTERM)
            assert proc.wait(20) == 0
            proc.log.close()

        seeder.session.expire_all()
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
        log = (tmp_path / "gio-an.log").read_text()
        assert "Không kết nối được máy chủ" in log and "Đã gửi nhật ký phát" in log
    finally:
        seeder.close()
