"""Reads of remote commands: a station's history, and the JSON the agent and the API see."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from sqlalchemy import select

from radio.db import db
from radio.models import Cluster, CommandKind, CommandStatus, MediaItem, Station, StationCommand


def history(station: Station, limit: int = 50) -> list[StationCommand]:
    """The station's commands, newest first."""
    return list(db.session.scalars(select(StationCommand).where(
        StationCommand.station_id == station.id).order_by(StationCommand.id.desc())
        .limit(limit)))


def _iso(at, tz) -> str | None:
    return at.astimezone(tz).isoformat() if at is not None else None


def cluster_codes(commands: list[StationCommand]) -> dict[int, str]:
    ids = {c.cluster_id for c in commands if c.cluster_id}
    if not ids:
        return {}
    return dict(db.session.execute(select(Cluster.id, Cluster.code).where(Cluster.id.in_(ids)))
                .all())


def as_dict(cmd: StationCommand, tz: ZoneInfo, codes: dict[int, str] | None = None,
            full: bool = False) -> dict:
    """A command as `/now` (and, with full, the acknowledgement answer and the CLI) give it."""
    codes = codes if codes is not None else cluster_codes([cmd])
    data = {"id": cmd.id, "kind": cmd.kind.value, "value": cmd.value,
            "cluster": codes.get(cmd.cluster_id) if cmd.cluster_id else None,
            "expires_at": _iso(cmd.expires_at, tz)}
    if cmd.kind == CommandKind.play and cmd.value.isdigit():
        item = db.session.get(MediaItem, int(cmd.value))
        if item is not None:
            data |= {"media_id": item.id, "title": item.title,
                     "sha256": item.rendition_sha256 or item.original_sha256,
                     "duration_s": item.duration_s}
    if full:
        data |= {"status": cmd.status.value, "created_at": _iso(cmd.created_at, tz),
                 "delivered_at": _iso(cmd.delivered_at, tz),
                 "finished_at": _iso(cmd.finished_at, tz), "note": cmd.note}
    return data


def as_dicts(commands: list[StationCommand], tz: ZoneInfo, full: bool = False) -> list[dict]:
    codes = cluster_codes(commands)
    return [as_dict(c, tz, codes, full) for c in commands]


def play_open(media_id: int, station_id: int) -> bool:
    """Whether a station has a play command for this media item not yet finished (it may fetch
    the item's audio then, though nothing scheduled on it uses the item)."""
    return db.session.scalar(select(StationCommand.id).where(
        StationCommand.station_id == station_id, StationCommand.kind == CommandKind.play,
        StationCommand.value == str(media_id),
        StationCommand.status.in_([CommandStatus.pending, CommandStatus.delivered])).limit(1)
    ) is not None
