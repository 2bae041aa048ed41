"""Emergency receipts: tell the server when an emergency was received, started and finished
(docs/fleet.md, "Emergency receipts").

Each receipt carries the agent's time (`agent.now()`) and the item's cluster codes (empty: the
whole station). It is first put in a small queue kept in the journal's SQLite file, then sent;
what the server could not be reached for stays queued and is sent again on the next `/now`
poll (`flush`), oldest first, so none is lost on a weak link. The server keeps the first report
of each step, so a resend after a timeout is harmless.
"""

from __future__ import annotations

import json
import logging

from radio.agent.client import Refused, Unreachable

log = logging.getLogger("radio.agent")
QUEUE_KEY = "receipts_queue"
MAX_QUEUED = 200  # the oldest are dropped beyond this (an agent offline for days)
STEP_VI = {"received": "đã nhận", "started": "bắt đầu phát", "finished": "kết thúc"}


def _codes(data: dict | None) -> list[str]:
    return sorted({c.get("code") for c in (data or {}).get("clusters") or [] if c.get("code")})


def _item_data(agent, entry_id: int) -> dict | None:
    return next((i.data for i in agent.items if i.data.get("entry_id") == entry_id), None)


def received(agent, emergency: dict) -> None:
    entry_id = emergency.get("entry_id")
    if isinstance(entry_id, int):
        _send(agent, entry_id, "received", _codes(_item_data(agent, entry_id)))


def started(agent, item) -> None:
    _send(agent, item.data["entry_id"], "started", _codes(item.data))


def finished(agent, item, status: str) -> None:
    _send(agent, item.data["entry_id"], "finished", _codes(item.data))


def queued(agent) -> list[dict]:
    try:
        value = json.loads(agent.journal.get(QUEUE_KEY) or "[]")
    except ValueError:
        return []
    return value if isinstance(value, list) else []


def _save(agent, queue: list[dict]) -> None:
    agent.journal.set(QUEUE_KEY, json.dumps(queue[-MAX_QUEUED:]))


def _send(agent, entry_id: int, status: str, clusters: list[str]) -> None:
    body = {"entry_id": entry_id, "status": status, "at": agent.now().isoformat(),
            "clusters": clusters}
    _save(agent, [*queued(agent), body])
    flush(agent)


def flush(agent) -> bool:
    """Send the queued receipts in order; True when none is left. Stops at the first failure
    to reach the server (the rest wait for the next poll); a receipt the server refuses (an
    emergency it no longer knows for this station) is dropped and logged."""
    queue = queued(agent)
    while queue:
        body = queue[0]
        try:
            reply = agent.client.call("POST", agent.api("receipts"), body=body)
            if reply.status == 422:
                raise Refused(422, reply.data)
        except Unreachable as exc:
            log.warning("Chưa gửi được xác nhận tin khẩn cấp (%s); sẽ gửi lại.", exc)
            _save(agent, queue)
            return False
        except Refused as exc:
            log.error("Máy chủ không nhận xác nhận tin khẩn cấp số %s: %s.",
                      body.get("entry_id"), exc)
        else:
            log.info("Đã gửi xác nhận tin khẩn cấp số %s: %s.", body.get("entry_id"),
                     STEP_VI.get(body.get("status"), body.get("status")))
        queue.pop(0)
        _save(agent, queue)
    return True
