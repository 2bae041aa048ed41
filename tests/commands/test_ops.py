"""Remote commands in the database: who may send what, value checks, expiry, final states and
the audit rows (radio/fleet/commands.py)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from radio.clusters import operations as clusters
from radio.db import db
from radio.errors import Conflict, DomainError, NotFound
from radio.fleet import command_util
from radio.fleet import commands as ops
from radio.models import AuditEntry, CommandStatus
from radio.scopes import OutOfScope

T0 = datetime(2031, 3, 4, 2, 0, tzinfo=UTC)  # far from any demo data


def _audit(action: str) -> list[AuditEntry]:
    return list(db.session.scalars(select(AuditEntry).where(AuditEntry.action == action)
                                   .order_by(AuditEntry.id)))


def test_an_editor_in_scope_sends_a_volume_command_audited(scoped_user, unit_world):
    editor = scoped_user("editor", "con-tien")
    station = unit_world.station("con-tien")
    [cmd] = ops.send_command(editor, station=station, kind="volume", value=" 60 ", now=T0)
    assert (cmd.kind.value, cmd.value, cmd.status) == ("volume", "60", CommandStatus.pending)
    assert cmd.expires_at == T0 + timedelta(minutes=10)
    [row] = _audit("station_command.send")
    assert (row.username, row.object_type, row.object_id) == (editor.username,
                                                              "station_command", str(cmd.id))
    assert row.after["station"] == station.code and row.after["value"] == "60"


@pytest.mark.parametrize("role, unit", [("editor", "thuan-hoa"), ("auditor", None),
                                        ("approver", None)])
def test_out_of_scope_or_wrong_role_is_refused_and_writes_nothing(scoped_user, unit_world,
                                                                  role, unit):
    user = scoped_user(role, unit)
    with pytest.raises(OutOfScope) as err:
        ops.send_command(user, station=unit_world.station("con-tien"), kind="stop", now=T0)
    assert err.value.status == 403
    assert command_util.history(unit_world.station("con-tien")) == []
    assert _audit("station_command.send") == []


def test_an_admin_reaches_any_station(create_user, unit_world):
    admin = create_user("admin")
    [cmd] = ops.send_command(admin, station=unit_world.station("orphan"), kind="resync", now=T0)
    assert cmd.value == "" and cmd.created_by_id == admin.id


@pytest.mark.parametrize("kind, value, code", [
    ("volume", "101", "invalid_value"), ("volume", "-1", "invalid_value"),
    ("volume", "6.5", "invalid_value"), ("volume", "", "invalid_value"),
    ("play", "999999", "invalid_value"), ("play", "abc", "invalid_value"),
    ("stop", "5", "invalid_value"), ("restart", "x", "invalid_value"),
    ("reboot", "", "invalid_kind")])
def test_bad_values_are_refused(create_user, unit_world, kind, value, code):
    with pytest.raises(DomainError) as err:
        ops.send_command(create_user("admin"), station=unit_world.station("con-tien"),
                         kind=kind, value=value, now=T0)
    assert err.value.code == code
    assert command_util.history(unit_world.station("con-tien")) == []


def test_play_needs_a_ready_media_item(create_user, create_media_item, unit_world):
    ready = create_media_item("Tin phát ngay")
    retired = create_media_item("Tin đã gỡ", status="retired")
    admin, station = create_user("admin"), unit_world.station("con-tien")
    [cmd] = ops.send_command(admin, station=station, kind="play", value=str(ready.id), now=T0)
    assert cmd.value == str(ready.id)
    assert command_util.as_dict(cmd, UTC)["sha256"] == ready.rendition_sha256
    with pytest.raises(DomainError):
        ops.send_command(admin, station=station, kind="play", value=str(retired.id), now=T0)


def test_a_cluster_command_goes_to_its_station(create_user, unit_world):
    station = unit_world.station("con-tien")
    cluster = clusters.add_cluster(None, station=station, code="ct-cum-1", name="Cụm 1")
    [cmd] = ops.send_command(create_user("admin"), cluster=cluster, kind="volume", value="30",
                             now=T0)
    assert (cmd.station_id, cmd.cluster_id) == (station.id, cluster.id)
    assert command_util.as_dicts(ops.pending_for(station, T0), UTC)[0]["cluster"] == "ct-cum-1"
    with pytest.raises(DomainError) as err:
        ops.send_command(create_user("admin"), station=unit_world.station("cua-viet"),
                         cluster=cluster, kind="stop", now=T0)
    assert err.value.code == "invalid_cluster"


def test_overdue_commands_expire_when_polled_audited_by_system(create_user, unit_world):
    station = unit_world.station("con-tien")
    admin = create_user("admin")
    [old] = ops.send_command(admin, station=station, kind="stop", now=T0,
                             ttl=timedelta(minutes=1))
    [fresh] = ops.send_command(admin, station=station, kind="resync", now=T0)
    assert [c.id for c in ops.pending_for(station, T0 + timedelta(seconds=59))] == [old.id,
                                                                                    fresh.id]
    assert [c.id for c in ops.pending_for(station, T0 + timedelta(minutes=2))] == [fresh.id]
    assert old.status == CommandStatus.expired
    [row] = _audit("station_command.expire")
    assert (row.username, row.object_id) == ("system", str(old.id))
    with pytest.raises(Conflict):
        ops.acknowledge(station, old.id, "delivered", T0, "", T0 + timedelta(minutes=3))


def test_acknowledgements_then_final_states(create_user, unit_world):
    station = unit_world.station("con-tien")
    [cmd] = ops.send_command(create_user("admin"), station=station, kind="volume", value="60",
                             now=T0)
    t1, t2 = T0 + timedelta(seconds=3), T0 + timedelta(seconds=4)
    ops.acknowledge(station, cmd.id, "delivered", t1, "", t1)
    ops.acknowledge(station, cmd.id, "delivered", t2, "", t2)  # a repeat changes nothing
    assert (cmd.status, cmd.delivered_at) == (CommandStatus.delivered, t1)
    assert ops.pending_for(station, t2) == []
    ops.acknowledge(station, cmd.id, "done", t2, "", t2)
    assert (cmd.status, cmd.finished_at) == (CommandStatus.done, t2)
    for status in ("done", "failed", "delivered"):
        with pytest.raises(Conflict) as err:
            ops.acknowledge(station, cmd.id, status, t2, "", t2)
        assert err.value.code == "command_final"
    rows = _audit("station_command.ack")
    assert [r.after["status"] for r in rows] == ["delivered", "done"]
    assert rows[0].username == f"station:{station.code}"
    with pytest.raises(NotFound):
        ops.acknowledge(unit_world.station("cua-viet"), cmd.id, "done", t2, "", t2)
    with pytest.raises(DomainError):
        ops.acknowledge(station, cmd.id, "finished", t2, "", t2)


def test_a_failed_command_keeps_the_agents_note(create_user, unit_world):
    station = unit_world.station("con-tien")
    [cmd] = ops.send_command(create_user("admin"), station=station, kind="resync", now=T0)
    ops.acknowledge(station, cmd.id, "failed", T0, "Lỗi: không đồng bộ được", T0)
    assert (cmd.status, cmd.note, cmd.delivered_at) == (CommandStatus.failed,
                                                       "Lỗi: không đồng bộ được", T0)
    assert [c.id for c in command_util.history(station)] == [cmd.id]
