"""The fleet's housekeeping job: a command to a station that stopped polling expires on time
(audited), and health samples older than 90 days are dropped while newer ones stay."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from radio.db import db
from radio.fleet import commands
from radio.fleet.health import record_health
from radio.fleet.jobs import housekeeping
from radio.models import AuditEntry, CommandStatus, HealthSample
from tests.fleet.conftest import NOW


def test_housekeeping_expires_overdue_commands_and_drops_old_samples(fleet_world):
    station = fleet_world.station_a
    [cmd] = commands.send_command(None, station=station, kind="volume", value="50", now=NOW,
                                  ttl=timedelta(minutes=10))
    record_health(station, {"volume": 40}, NOW - timedelta(days=91))
    record_health(station, {"volume": 45}, NOW - timedelta(days=89))
    db.session.flush()

    assert housekeeping(NOW + timedelta(minutes=5)) == {"commands_expired": 0,
                                                        "samples_dropped": 1}
    assert cmd.status == CommandStatus.pending
    assert housekeeping(NOW + timedelta(minutes=11)) == {"commands_expired": 1,
                                                         "samples_dropped": 0}
    assert cmd.status == CommandStatus.expired
    assert db.session.scalar(select(AuditEntry.action).where(
        AuditEntry.object_type == "station_command",
        AuditEntry.object_id == str(cmd.id)).order_by(AuditEntry.id.desc())) == \
        "station_command.expire"
    kept = db.session.scalars(select(HealthSample.volume).where(
        HealthSample.station_id == station.id)).all()
    assert kept == [45]
