"""The fleet's housekeeping job (every 15 minutes): commands of stations that stopped polling
expire on time, and health samples older than 90 days are dropped."""

from __future__ import annotations

from sqlalchemy import select

from radio import clock
from radio.db import db
from radio.fleet.commands import expire_overdue
from radio.fleet.health import forget_old_samples
from radio.models import CommandStatus, Station, StationCommand

JOB_ID = "fleet_housekeeping"


def housekeeping(now=None) -> dict:
    now = now or clock.now()
    overdue = db.session.scalars(select(Station).where(Station.id.in_(
        select(StationCommand.station_id).where(StationCommand.status == CommandStatus.pending,
                                                StationCommand.expires_at <= now)))).all()
    expired = sum(len(expire_overdue(station, now)) for station in overdue)
    return {"commands_expired": expired, "samples_dropped": forget_old_samples(now)}


def housekeeping_job() -> dict:
    return housekeeping()
