"""End to end: an emergency sent to three stations; two real agents receive, start and finish
it and their receipts arrive; the third station's agent is stopped and is listed as not
started after 60 s, on the emergency page too; the verification package holds the receipts.

The agents run in this process on a clock the test advances (as in
tests/stations/test_agent_e2e.py). The emergency is sent as of 62 s ago (on the server's
clock), so when the agents, whose clock starts at its start, have played it, the page read at
the real present is more than 60 s after the start: no test waits a minute.
"""

from __future__ import annotations

import csv
import io
import json
import re
import signal
import sqlite3
import zipfile
from datetime import datetime, timedelta

import pytest

from radio import clock
from radio.agent.players import FilePlayer
from radio.agent.runner import Agent, Settings
from radio.fleet import receipt_util
from schedules.entries import operations as entry_ops
from tests.stations.test_agent_e2e import ManualClock
from tests.stations.web import WebSession

pytestmark = [pytest.mark.slow, pytest.mark.dates]

SETTINGS = dict(sync_s=2, now_s=1, upload_s=1, heartbeat_s=2, backoff_s=0.5, backoff_max_s=1.5,
                tick_s=0.1)
RUNNING, STOPPED = ("gio-chau", "gio-hai"), "gio-son"
LENGTH_S = 75.0


def test_receipts_of_two_agents_arrive_and_the_stopped_third_is_late(fleet, tmp_path):
    server, seeder, tokens = fleet["server"], fleet["seeder"], fleet["tokens"]
    item = seeder.media(LENGTH_S, 1200, "Tin khẩn cấp: bão số 9")
    start = clock.now().replace(microsecond=0) - timedelta(seconds=62)
    agent_clock = ManualClock(start - timedelta(seconds=5))
    agents = {code: Agent(server.url, code, tokens[code], tmp_path / f"cache-{code}",
                          FilePlayer(tmp_path / f"played-{code}", agent_clock),
                          settings=Settings(days=1, **SETTINGS), clock=agent_clock)
              for code in (*RUNNING, STOPPED)}

    def run_until(at) -> None:
        while agent_clock.now() < at:
            agent_clock.sleep(SETTINGS["tick_s"])
            for agent in agents.values():
                agent.step()

    entries = []
    try:
        run_until(start - timedelta(seconds=2))
        third = agents.pop(STOPPED)  # stopped, as on SIGTERM, before the emergency
        third._on_signal(signal.SIGTERM, None)
        third.shutdown()
        with seeder.writing():
            entries = entry_ops.send_emergency(
                None, stations=[seeder.station(c) for c in (*RUNNING, STOPPED)],
                media_id=item.id, at=start, now=start)
        batch = entries[0].batch_id
        agent_clock.elapsed = 5.0  # the agents' clock at the emergency's start
        run_until(start + timedelta(seconds=LENGTH_S + 3))
        for agent in agents.values():
            agent._on_signal(signal.SIGTERM, None)
            agent.shutdown()
        agents.clear()

        with seeder.writing():
            rows = [r.as_dict() for r in receipt_util.receipt_rows(batch)]
            late_61 = [s.code for s in receipt_util.late(batch, start + timedelta(seconds=61))]
            late_30 = [s.code for s in receipt_util.late(batch, start + timedelta(seconds=30))]
        assert [(r["station"], r["cluster"]) for r in rows] == [
            ("gio-chau", None), ("gio-hai", None), ("gio-son", None)]
        for r in rows[:2]:
            assert 0.0 <= r["received_s"] <= r["started_s"] <= 1.0, r
            assert r["finished_s"] == pytest.approx(LENGTH_S, abs=1.0), r
        assert (rows[2]["received_at"], rows[2]["started_at"], rows[2]["finished_at"]) == (
            None, None, None)
        assert late_61 == [STOPPED]
        assert late_30 == []  # not yet 60 s after the start: nobody is late
        # The receipt queues are empty: everything was sent.
        for code in RUNNING:
            journal = tmp_path / f"cache-{code}" / "journal.sqlite3"
            with sqlite3.connect(journal) as db:
                assert db.execute("SELECT value FROM state WHERE key = 'receipts_queue'"
                                  ).fetchone() == ("[]",)

        # The emergency page, read now (more than 60 s after the start).
        web = WebSession(server.url)
        web.login("admin")
        page = web.get(f"/emergency/{batch}")
        late_p = re.search(r'<p class="flash error" id="receipts-late">(.*?)</p>', page, re.S)
        assert late_p, page
        assert re.sub(r"<[^>]+>", "", late_p[1]).strip() == "Chưa phát sau 60 giây: Xã Gio Sơn"
        table = re.findall(r'<tr data-receipt-station="([^"]+)" data-cluster="">(.*?)</tr>', page)
        assert [code for code, _cells in table] == ["gio-chau", "gio-hai", "gio-son"]
        assert "(+0 giây)" in table[0][1] and f"(+{int(rows[0]['finished_s'])} giây)" in table[0][1]
        assert table[2][1].count("—") == 3
        answer = json.loads(web.get(f"/emergency/{batch}/receipts.json"))
        assert answer["late"] == [{"code": "gio-son", "name": "Xã Gio Sơn"}]
        assert [r["started_at"] for r in answer["rows"]] == [r["started_at"] for r in rows]

        # The archive's evidence of the day shows the receipts under the emergency's airing.
        day = start.astimezone(seeder.tz).date().isoformat()
        evidence = web.get(f"/archive/station/gio-chau/day/{day}")
        shown = re.findall(r'<ul class="plain emergency-receipts">(.*?)</ul>', evidence, re.S)
        assert len(shown) == 1, evidence
        assert re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", shown[0])).strip() == (
            "Xác nhận (cả trạm): đã nhận {} · bắt đầu phát {} (+0 giây) · kết thúc {}".format(
                *(datetime.fromisoformat(rows[0][k]).astimezone(seeder.tz).strftime("%H:%M:%S")
                  for k in ("received_at", "started_at", "finished_at"))))

        # The verification package of the day: emergency_receipts.csv with exact rows.
        out = tmp_path / "package.zip"
        server.cli("archive", "export", "--period", f"{day}..{day}", "--out", str(out))
        with zipfile.ZipFile(out) as zf:
            name = next(n for n in zf.namelist() if n.endswith("/emergency_receipts.csv"))
            text = zf.read(name).decode("utf-8-sig")
            manifest = json.loads(zf.read(name.replace("emergency_receipts.csv",
                                                       "manifest.json")))
        table = list(csv.reader(io.StringIO(text)))
        assert table[0] == ["entry_id", "batch_id", "station", "cluster", "received_at",
                            "started_at", "finished_at"]

        def local(iso):
            return datetime.fromisoformat(iso).astimezone(seeder.tz).isoformat()

        mine = [row for row in table[1:] if row[1] == batch]
        assert mine == [[str(r["entry_id"]), batch, r["station"], "", local(r["received_at"]),
                         local(r["started_at"]), local(r["finished_at"])] for r in rows[:2]]
        assert manifest["emergency_receipts"]["rows"] == len(table) - 1
        check = server.cli("archive", "verify", str(out))
        assert "toàn vẹn" in check.stdout
        assert "emergency_receipts: " + str(len(table) - 1) in check.stdout
    finally:
        for agent in agents.values():
            agent.journal.close()
        seeder.cancel(*entries)
