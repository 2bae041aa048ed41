"""Remote commands from the `/now` poll: acknowledge each (delivered, done or failed) and carry
it out: volume, stop, play, resync, restart (docs/fleet.md, "commands").

Handled command ids and acknowledgements not yet sent are kept in the journal, so a restart
never carries a command out twice and an acknowledgement lost on a weak link is sent again on
the next poll.
"""

from __future__ import annotations

import json
import logging
import os
import sys
from datetime import timedelta

from radio.agent.client import Refused, Unreachable

log = logging.getLogger("radio.agent")
HANDLED, ACKS = "commands.handled", "commands.acks"
KEEP = 500


def _load(agent, key: str) -> list:
    return json.loads(agent.journal.get(key, "[]"))


def _save(agent, key: str, value: list) -> None:
    agent.journal.set(key, json.dumps(value))


def _ack(agent, command_id: int, status: str, note: str = "") -> None:
    acks = _load(agent, ACKS)
    acks.append({"id": command_id, "status": status, "at": agent.now().isoformat(), "note": note})
    _save(agent, ACKS, acks)


def flush_acks(agent) -> bool:
    """Send the queued acknowledgements in order; False when the server is away."""
    acks = _load(agent, ACKS)
    while acks:
        ack = acks[0]
        try:
            agent.client.call("POST", agent.api(f"commands/{ack['id']}"),
                              body={k: ack[k] for k in ("status", "at", "note")})
        except Unreachable as exc:
            agent.set_online(False, str(exc))
            return False
        except Refused as exc:  # final already, or not ours: nothing more to say about it
            log.warning("Máy chủ không nhận xác nhận lệnh số %s: %s.", ack["id"], exc)
        acks.pop(0)
        _save(agent, ACKS, acks)
    return True


def _volume(agent, cmd: dict) -> str:
    value = int(cmd.get("value") or 0)
    if not 0 <= value <= 100:
        raise ValueError(f"âm lượng {value} ngoài 0–100")
    if hasattr(agent, "set_volume"):
        agent.set_volume(value)
        return ""
    agent.volume = value
    return "Đã ghi âm lượng (trình phát chưa hỗ trợ chỉnh âm lượng)"


def _stop(agent, cmd: dict) -> str:
    agent.stopped = True  # the health report says "stopped" until the next item begins
    if not agent.playing:
        return "Không có gì đang phát"
    agent.playing.playback.stop()
    agent.finish("partial", "Dừng theo lệnh từ xa")
    return ""


def _play(agent, cmd: dict) -> str:
    from radio.agent.runner import Item

    media_id, sha = cmd.get("media_id") or cmd.get("value"), cmd.get("sha256")
    if not sha:
        raise ValueError("máy chủ không gửi mã SHA-256 của tệp")
    target = agent.media_path(sha)
    if not target.exists() and not agent.client.download(f"/api/v1/media/{media_id}/audio",
                                                         target, sha):
        raise ValueError("tệp tải về sai mã SHA-256")
    now = agent.now()
    duration = float(cmd.get("duration_s") or 0)
    data = {"entry_id": None, "media_id": int(media_id), "sha256": sha, "kind": "media",
            "title": cmd.get("title") or f"Tệp số {media_id}", "priority": "normal",
            "starts_at": now.isoformat(), "duration_s": duration, "clusters": []}
    if agent.playing:
        agent.playing.playback.stop()
        agent.finish("partial", "Ngắt để phát theo lệnh từ xa")
    agent.stopped = False
    agent.start(Item(f"command:{cmd['id']}", data, now, now + timedelta(seconds=duration)), now)
    if not agent.playing:
        raise ValueError("không phát được tệp")
    return ""


def _resync(agent, cmd: dict) -> str:
    agent.next["sync"] = 0
    if not agent.sync():
        raise ValueError("không đồng bộ được với máy chủ")
    agent.next["sync"] = agent.clock.monotonic() + agent.settings.sync_s
    return ""


def restart(agent) -> None:
    """Re-execute the agent process with its original arguments (tests set restart_hook)."""
    hook = getattr(agent, "restart_hook", None)
    if hook is not None:
        hook()
        return
    argv = sys.argv[1:]
    if argv[:1] == ["station-agent"]:  # started as `radio station-agent …`
        argv = argv[1:]
    agent.shutdown()
    os.execv(sys.executable, [sys.executable, "-m", "radio.agent", *argv])


ACTIONS = {"volume": _volume, "stop": _stop, "play": _play, "resync": _resync}


def handle(agent, commands: list[dict]) -> None:
    flush_acks(agent)
    handled = _load(agent, HANDLED)
    for cmd in commands:
        cid = cmd.get("id")
        if not isinstance(cid, int) or cid in handled:
            continue
        handled = (handled + [cid])[-KEEP:]
        _save(agent, HANDLED, handled)  # before acting: a restart never redoes it
        _ack(agent, cid, "delivered")
        kind = cmd.get("kind")
        log.info("Nhận lệnh từ xa số %s: %s %s.", cid, kind, cmd.get("value") or "")
        if kind == "restart":
            _ack(agent, cid, "done", "Khởi động lại tác tử")
            flush_acks(agent)
            restart(agent)
            return
        action = ACTIONS.get(kind)
        try:
            if action is None:
                raise ValueError(f"lệnh “{kind}” không hỗ trợ")
            note = action(agent, cmd)
        except (ValueError, OSError, Unreachable, Refused) as exc:
            log.error("Lệnh số %s thất bại: %s.", cid, exc)
            _ack(agent, cid, "failed", f"Lỗi: {exc}"[:500])
        else:
            _ack(agent, cid, "done", note)
        flush_acks(agent)
