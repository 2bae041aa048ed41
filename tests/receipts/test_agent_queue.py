"""The agent keeps a receipt it could not send (a weak link) in its journal and sends it on
the next `/now` poll, in order, with the time it was first made."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from radio import clock
from radio.agent import receipts
from radio.agent.players import FilePlayer
from radio.agent.runner import Agent, Item, Settings
from radio.models import EmergencyReceipt
from tests.stations.test_agent_e2e import ManualClock

pytestmark = pytest.mark.dates

UNREACHABLE = "http://127.0.0.1:9"  # the discard port: nothing listens, the connection fails


def test_a_receipt_that_could_not_be_sent_is_resent_on_the_next_poll(fleet, tmp_path):
    server, seeder, tokens = fleet["server"], fleet["seeder"], fleet["tokens"]
    item = seeder.media(4.0, 1320, "Tin khẩn cấp thử: sạt lở")
    entry = seeder.emergency("gio-hai", item)
    other = seeder.emergency("gio-chau", item)
    agent_clock = ManualClock(clock.now().replace(microsecond=0))
    agent = Agent(UNREACHABLE, "gio-hai", tokens["gio-hai"], tmp_path / "cache",
                  FilePlayer(tmp_path / "played", agent_clock), settings=Settings(days=1),
                  clock=agent_clock)
    agent.client.timeout = 2.0
    try:
        receipts.received(agent, {"entry_id": entry.id, "title": item.title})
        agent_clock.sleep(0.5)
        data = {"entry_id": entry.id, "priority": "emergency", "clusters": []}
        receipts.started(agent, Item("k", data, agent_clock.now(),
                                     agent_clock.now() + timedelta(seconds=4)))
        receipts.received(agent, {"entry_id": other.id})  # not this station's: refused later
        queued = receipts.queued(agent)
        assert [(q["entry_id"], q["status"], q["clusters"]) for q in queued] == [
            (entry.id, "received", []), (entry.id, "started", []), (other.id, "received", [])]
        assert queued[1]["at"] == agent_clock.now().isoformat()
        # The link is back: the next poll sends them, oldest first, and empties the queue.
        agent.client.server = server.url
        agent_clock.sleep(10)
        agent.poll_now()
        assert receipts.queued(agent) == []
        assert json.loads(agent.journal.get(receipts.QUEUE_KEY)) == []
    finally:
        agent.journal.close()
        seeder.cancel(entry, other)
    seeder.refresh()
    rows = seeder.session.scalars(select(EmergencyReceipt).where(
        EmergencyReceipt.entry_id.in_([entry.id, other.id]))).all()
    assert len(rows) == 1
    assert rows[0].entry_id == entry.id and rows[0].cluster_code == ""

    def utc(value: datetime) -> datetime:  # SQLite gives naive UTC back
        return value.astimezone(UTC) if value.tzinfo else value.replace(tzinfo=UTC)

    assert utc(rows[0].received_at) == datetime.fromisoformat(queued[0]["at"]).astimezone(UTC)
    assert utc(rows[0].started_at) == datetime.fromisoformat(queued[1]["at"]).astimezone(UTC)
    assert rows[0].finished_at is None
