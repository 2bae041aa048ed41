"""Remote commands end to end: a real agent (injected clock, file player) against a live server.

Commands are sent by the CLI and the station's web page, picked up through `/now`, carried out
and acknowledged; the server's history, the audit chain, the as-run log and the API answers
(422/404/409) are checked against what the agent did.
"""

from __future__ import annotations

import json
import re
import sqlite3
import urllib.parse
from datetime import timedelta

import pytest
from sqlalchemy import select

from radio import clock
from radio.agent import commands as agent_commands
from radio.agent.client import Client
from radio.agent.players import FilePlayer
from radio.agent.runner import Agent, Settings
from radio.models import AsRunEvent, AuditEntry, CommandStatus, StationCommand
from tests.factories.agent_clock import ManualClock
from tests.factories.stations import LiveSeeder
from tests.live import free_port
from tests.stations.conftest import http
from tests.stations.web import WebSession

pytestmark = [pytest.mark.slow]

SETTINGS = dict(sync_s=1000, now_s=0.5, upload_s=1, heartbeat_s=1000, backoff_s=0.5,
                backoff_max_s=1.0, tick_s=0.1)



def run(agent: Agent, seconds: float) -> None:
    for _ in range(round(seconds / SETTINGS["tick_s"])):
        agent.clock.sleep(SETTINGS["tick_s"])
        agent.step()


def command(seeder: LiveSeeder, cid: int) -> StationCommand:
    seeder.refresh()
    return seeder.session.get(StationCommand, cid)


def send_cli(server, *args: str) -> int:
    out = server.cli("station", "command", "cmd-a", *args, "--json").stdout
    [row] = json.loads(out)
    assert row["status"] == "pending" and row["kind"] == args[0]
    return row["id"]


def post_form(web: WebSession, path: str, fields: dict) -> str:
    page = web.get(path)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page)[1]
    data = urllib.parse.urlencode(fields | {"csrf_token": token}).encode()
    with web.opener.open(web.base + path, data=data, timeout=30) as resp:
        return resp.read().decode()


def test_commands_reach_a_real_agent_and_are_acknowledged(make_live_server, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("commands")
    server = make_live_server(demo_data=False)
    for code, name in (("cmd-a", "Xã Lệnh A"), ("cmd-b", "Xã Lệnh B")):
        server.cli("station", "add", code, "--name", name)
    seeder = LiveSeeder(server, tmp)
    server.start()
    agents: list[Agent] = []
    try:
        tokens = {code: seeder.token(code) for code in ("cmd-a", "cmd-b")}
        long_item = seeder.media(30.0, 523, "Bản tin dài")
        start = clock.now().replace(microsecond=0) + timedelta(seconds=5)
        first = seeder.entry("cmd-a", long_item, start + timedelta(seconds=8))
        agent_clock = ManualClock(start)
        agent = Agent(server.url, "cmd-a", tokens["cmd-a"], tmp / "cache",
                      FilePlayer(tmp / "played", agent_clock),
                      settings=Settings(days=2, **SETTINGS), clock=agent_clock)
        agents.append(agent)
        restarts: list[int] = []
        agent.restart_hook = lambda: restarts.append(1)
        run(agent, 1)
        assert first.id in agent.known_entries

        # volume, sent from the CLI
        vol = send_cli(server, "volume", "60")
        run(agent, 1)
        row = command(seeder, vol)
        assert row.status == CommandStatus.done and row.delivered_at is not None
        assert row.finished_at >= row.delivered_at
        assert getattr(agent, "volume", None) == 60
        history = json.loads(server.cli("station", "command-list", "cmd-a", "--json").stdout)
        assert [(h["id"], h["status"]) for h in history] == [(vol, "done")]
        actions = [a for a, in seeder.session.execute(
            select(AuditEntry.action).where(AuditEntry.object_type == "station_command",
                                            AuditEntry.object_id == str(vol))
            .order_by(AuditEntry.id))]
        assert actions == ["station_command.send", "station_command.ack",
                           "station_command.ack"]
        web = WebSession(server.url)
        web.login("admin")
        page = web.get("/stations/cmd-a/commands")
        assert re.search(rf'data-command="{vol}" data-status="done"', page)
        assert f"{row.delivered_at.astimezone(seeder.tz):%d/%m/%Y %H:%M:%S}" in page

        # stop, sent from the station's page while the entry plays
        run(agent, 8)
        assert agent.playing is not None and agent.playing.item.data["entry_id"] == first.id
        page = post_form(web, "/stations/cmd-a/commands", {"kind": "stop", "value": "",
                                                           "cluster": ""})
        assert "Đã gửi lệnh “Dừng phát” tới Xã Lệnh A." in page
        run(agent, 2)
        assert agent.playing is None and agent.stopped
        seeder.refresh()
        [event] = seeder.session.scalars(select(AsRunEvent).where(
            AsRunEvent.entry_id == first.id)).all()
        assert (event.status.value, event.note) == ("partial", "Dừng theo lệnh từ xa")
        run(agent, 3)
        assert agent.playing is None  # the stopped item does not start again

        # resync pulls a playlist that changed (the periodic sync is 1000 s away)
        second = seeder.entry("cmd-a", seeder.media(2.0, 659, "Tin mới"),
                              start + timedelta(seconds=600))
        assert second.id not in agent.known_entries
        sync = send_cli(server, "resync")
        run(agent, 1)
        assert second.id in agent.known_entries
        assert command(seeder, sync).status == CommandStatus.done

        # restart: acknowledged done before the (hooked) re-exec
        rst = send_cli(server, "restart")
        run(agent, 1)
        assert restarts == [1] and command(seeder, rst).status == CommandStatus.done

        # a new agent on the same cache does not redo what the journal says it handled
        agent_commands.handle(agent, [{"id": vol, "kind": "volume", "value": "10"}])
        assert agent.volume == 60

        # acknowledgements lost on a weak link are sent on the next poll
        vol2 = send_cli(server, "volume", "35")
        live = agent.client
        agent.client = Client(f"http://127.0.0.1:{free_port()}", tokens["cmd-a"])
        agent_commands.handle(agent, [{"id": vol2, "kind": "volume", "value": "35"}])
        assert agent.volume == 35
        assert command(seeder, vol2).status == CommandStatus.pending
        with sqlite3.connect(tmp / "cache" / "journal.sqlite3") as db:
            queued = json.loads(db.execute("SELECT value FROM state WHERE key = ?",
                                           (agent_commands.ACKS,)).fetchone()[0])
        assert [a["status"] for a in queued] == ["delivered", "done"]
        agent.client = live
        run(agent, 1)
        assert command(seeder, vol2).status == CommandStatus.done
        assert agent.volume == 35

        # play: an item scheduled nowhere on the station is fetched (SHA-256 checked) and played
        now_item = seeder.media(3.0, 784, "Tin phát ngay")
        play = send_cli(server, "play", str(now_item.id))
        run(agent, 1)
        assert command(seeder, play).status == CommandStatus.done
        assert agent.playing.item.key == f"command:{play}"
        assert (tmp / "cache" / "media" / f"{now_item.rendition_sha256}.mp3").exists()
        last = json.loads((tmp / "played" / "plays.jsonl").read_text().splitlines()[-1])
        assert (last["title"], last["sha256"]) == ("Tin phát ngay", now_item.rendition_sha256)
        run(agent, 1)
        assert not agent.stopped  # no longer "stopped" by the earlier command

        # the acknowledgement API: 422 bad body, 404 another station's command, 409 final
        url = f"{server.url}/api/v1/stations/cmd-a/commands/{vol}"
        bad = http("POST", url, token=tokens["cmd-a"], body={"status": "finished"})
        assert (bad.status, bad.json()["error"]["field"]) == (422, "status")
        bad = http("POST", url, token=tokens["cmd-a"], body={"status": "done", "at": "hôm nay"})
        assert (bad.status, bad.json()["error"]["field"]) == (422, "at")
        other = http("POST", f"{server.url}/api/v1/stations/cmd-b/commands/{vol}",
                     token=tokens["cmd-b"], body={"status": "done"})
        assert other.status == 404
        final = http("POST", url, token=tokens["cmd-a"], body={"status": "failed"})
        assert (final.status, final.json()["error"]["code"]) == (409, "command_final")
        foreign = http("POST", url, token=tokens["cmd-b"], body={"status": "done"})
        assert foreign.status == 403
        assert command(seeder, vol).status == CommandStatus.done
    finally:
        for a in agents:
            a.journal.close()
        seeder.close()
