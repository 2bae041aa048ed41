"""The agent's health report, sent inside each heartbeat (docs/fleet.md, "health").

Version, uptime (the agent's monotonic clock since start), free disk of the cache, cache
readiness of today and the next two days, the player (state, what plays, output level and the
silence running now, from radio.agent.meter), volume, link quality and clock offset.
"""

from __future__ import annotations

import logging
import shutil
from datetime import timedelta

from radio.agent import VERSION
from radio.agent.client import file_sha256
from radio.agent.meter import level_at, volume_gain_db

log = logging.getLogger("radio.agent")
CACHE_DAYS = 3  # today and the next two days


def verified(agent, sha: str) -> bool:
    """Whether the cached file of sha is there with that checksum (hashed once per version
    of the file: the agent keeps size and mtime of what it checked). A wrong file is deleted
    so the next sync fetches it again."""
    path = agent.media_path(sha)
    try:
        stat = path.stat()
    except OSError:
        agent.verified.pop(sha, None)
        return False
    stamp = (stat.st_size, stat.st_mtime_ns)
    if agent.verified.get(sha) == stamp:
        return True
    if file_sha256(path) == sha:
        agent.verified[sha] = stamp
        return True
    log.error("Tệp %s trong bộ nhớ đệm sai mã SHA-256; sẽ tải lại.", path.name)
    path.unlink(missing_ok=True)
    agent.meter.forget(path)
    agent.verified.pop(sha, None)
    return False


def cache(agent) -> dict:
    today = agent.now().astimezone(agent.tz).date()
    days = [(today + timedelta(days=n)).isoformat() for n in range(CACHE_DAYS)]
    missing, seen = [], set()
    for item in agent.items:
        sha = item.data.get("sha256")
        day = item.starts_at.astimezone(agent.tz).date().isoformat()
        key = (day, item.data.get("entry_id"), sha)
        if not sha or day not in days or key in seen:
            continue
        seen.add(key)
        if not verified(agent, sha):
            missing.append({"day": day, "entry_id": item.data.get("entry_id"),
                            "title": item.title, "sha256": sha})
    return {"ready": not missing, "days": days, "missing": missing}


def player(agent, notes: list[str]) -> dict:
    p = agent.playing
    if p is None:
        state = "stopped" if agent.stopped else "error" if agent.player_error else "idle"
        if state == "error":
            notes.append(agent.player_error)
        return {"state": state, "entry_id": None, "title": None, "level_db": None,
                "silence_s": None}
    report = {"state": "playing", "entry_id": p.item.data.get("entry_id"),
              "title": p.item.title, "level_db": None, "silence_s": None}
    sha = p.item.data.get("sha256")
    if p.item.data.get("kind") == "relay" or not sha:
        return report  # a relay stream is not metered
    path = agent.media_path(sha)
    levels = agent.meter.levels(path, measure=False)
    if levels is None:  # not measured when cached: measure now, off the main loop
        agent.meter.measure_later(path)
        notes.append(agent.meter.error or "Đang đo mức âm thanh của tệp đang phát")
        return report
    offset = (agent.now() - p.item.starts_at).total_seconds()
    level, silence = level_at(levels, offset, volume_gain_db(agent.volume))
    report.update(level_db=level, silence_s=silence)
    return report


def report(agent) -> dict:
    notes: list[str] = []
    if agent.meter.error and not agent.meter.ffmpeg:
        notes.append(agent.meter.error)
    offset = agent.clock_offset()
    data = {
        "agent_version": VERSION,
        "uptime_s": round(agent.clock.monotonic() - agent.started_mono, 1),
        "free_disk_bytes": shutil.disk_usage(agent.cache).free,
        "cache": cache(agent),
        "player": player(agent, notes),
        "volume": agent.volume,
        "link": {"rtt_ms": agent.client.rtt_ms, "failed_1h": agent.client.failed_1h},
        "clock": {"offset_s": round(offset, 2) if offset is not None else None},
    }
    if notes:
        data["notes"] = list(dict.fromkeys(notes))
    return data
