"""Writes of remote commands: send one to a station or a cluster, expire the overdue ones,
store the agent's acknowledgements. Each is audited; flushes, never commits (docs/fleet.md)."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select

from radio import audit
from radio.db import db
from radio.errors import Conflict, DomainError, NotFound
from radio.i18n import _
from radio.models import (
    Cluster,
    CommandKind,
    CommandStatus,
    MediaItem,
    MediaStatus,
    Role,
    Station,
    StationCommand,
    User,
)
from radio.scopes import OutOfScope, can_see_station

FINAL = (CommandStatus.done, CommandStatus.failed, CommandStatus.expired)
ACKS = ("delivered", "done", "failed")
MAX_NOTE = 500


def _snapshot(cmd: StationCommand) -> dict:
    return {"kind": cmd.kind.value, "value": cmd.value, "status": cmd.status.value,
            "cluster_id": cmd.cluster_id, "note": cmd.note}


def check_sender(actor: User | None, station: Station) -> None:
    """Admins, and editors whose scope holds the station (None: the CLI, as system)."""
    if actor is None:
        return
    if actor.role == Role.admin:
        return
    if actor.role != Role.editor or not can_see_station(actor, station):
        raise OutOfScope(_("Bạn không được phép gửi lệnh tới trạm “%(name)s”.",
                           name=station.name), field="station")


def check_value(kind: CommandKind, value) -> str:
    value = str(value if value is not None else "").strip()
    if kind == CommandKind.volume:
        if not value.isdigit() or not 0 <= int(value) <= 100:
            raise DomainError(_("Âm lượng phải là số nguyên từ 0 đến 100."), "invalid_value",
                              field="value")
        return str(int(value))
    if kind == CommandKind.play:
        item = db.session.get(MediaItem, int(value)) if value.isdigit() else None
        if item is None or item.status != MediaStatus.ready:
            raise DomainError(_("Không có tệp âm thanh sẵn sàng số “%(id)s”.", id=value),
                              "invalid_value", field="value")
        return str(item.id)
    if value:
        raise DomainError(_("Lệnh “%(kind)s” không nhận giá trị.", kind=kind.value),
                          "invalid_value", field="value")
    return ""


def _kind(kind) -> CommandKind:
    try:
        return CommandKind(str(getattr(kind, "value", kind)))
    except ValueError:
        raise DomainError(_("Lệnh phải là volume, stop, play, resync hoặc restart."),
                          "invalid_kind", field="kind") from None


def send_command(actor: User | None, *, station: Station | None = None,
                 cluster: Cluster | None = None, kind, value="", now: datetime,
                 ttl: timedelta = timedelta(minutes=10)) -> list[StationCommand]:
    """One command to a station (or to one of its clusters); the list holds the row made."""
    if station is None and cluster is None:
        raise DomainError(_("Hãy chọn trạm hoặc cụm loa."), "no_station", field="station")
    if cluster is not None:
        if station is not None and cluster.station_id != station.id:
            raise DomainError(_("Cụm loa “%(name)s” không thuộc trạm này.", name=cluster.name),
                              "invalid_cluster", field="cluster")
        station = cluster.station
    check_sender(actor, station)
    kind = _kind(kind)
    value = check_value(kind, value)
    cmd = StationCommand(station_id=station.id, cluster_id=cluster.id if cluster else None,
                         kind=kind, value=value, status=CommandStatus.pending,
                         created_by_id=actor.id if actor else None, created_at=now,
                         expires_at=now + ttl, note="")
    db.session.add(cmd)
    db.session.flush()
    target = station.name + (f" / {cluster.name}" if cluster else "")
    audit.record(actor, "station_command.send", "station_command", cmd.id,
                 after=_snapshot(cmd) | {"station": station.code},
                 summary=f"{kind.value} {value} → {target}".replace("  ", " "))
    return [cmd]


def expire_overdue(station: Station, now: datetime) -> list[StationCommand]:
    """Commands of the station still pending after their expiry time become expired."""
    rows = db.session.scalars(select(StationCommand).where(
        StationCommand.station_id == station.id,
        StationCommand.status == CommandStatus.pending,
        StationCommand.expires_at <= now).order_by(StationCommand.id)).all()
    for cmd in rows:
        cmd.status = CommandStatus.expired
        cmd.finished_at = now
        db.session.flush()
        audit.record(None, "station_command.expire", "station_command", cmd.id,
                     after=_snapshot(cmd) | {"station": station.code},
                     summary=f"{cmd.kind.value} → {station.name}")
    return rows


def pending_for(station: Station, now: datetime) -> list[StationCommand]:
    """The station's pending commands (its own and its clusters'), oldest first; the overdue
    ones expire first."""
    expire_overdue(station, now)
    return list(db.session.scalars(select(StationCommand).where(
        StationCommand.station_id == station.id,
        StationCommand.status == CommandStatus.pending).order_by(StationCommand.id)))


def acknowledge(station: Station, command_id: int, status: str, at: datetime, note: str,
                now: datetime) -> StationCommand:
    """delivered, then done or failed. A final command (done, failed, expired) is a Conflict;
    a repeated `delivered` changes nothing."""
    if status not in ACKS:
        raise DomainError(_("status phải là delivered, done hoặc failed."), "invalid_field",
                          field="status")
    note = str(note or "")
    if len(note) > MAX_NOTE:
        raise DomainError(_("Ghi chú dài quá %(n)s ký tự.", n=MAX_NOTE), "invalid_field",
                          field="note")
    cmd = db.session.get(StationCommand, command_id)
    if cmd is None or cmd.station_id != station.id:
        raise NotFound(_("Trạm không có lệnh số %(id)s.", id=command_id), field="id")
    if cmd.status in FINAL:
        raise Conflict(_("Lệnh số %(id)s đã kết thúc (%(status)s), không đổi được nữa.",
                         id=cmd.id, status=cmd.status.value), "command_final", field="status")
    if status == "delivered" and cmd.status == CommandStatus.delivered:
        return cmd
    before = _snapshot(cmd)
    if cmd.delivered_at is None:
        cmd.delivered_at = at
    cmd.status = CommandStatus(status)
    if status != "delivered":
        cmd.finished_at = at
    if note:
        cmd.note = note
    db.session.flush()
    audit.record(None, "station_command.ack", "station_command", cmd.id, before=before,
                 after=_snapshot(cmd) | {"station": station.code},
                 summary=f"{cmd.kind.value} → {station.name}: {status}",
                 actor_name=f"station:{station.code}")
    return cmd
