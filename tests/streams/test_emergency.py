"""An ad-hoc live emergency preempts every commune through /now, with the stream as its relay."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from media.streams import emergency, operations
from radio import clock
from radio.db import db
from radio.models import AuditEntry, ScheduleEntry, Station, StationKind
from radio.stations import get_station, rotate_token


def test_live_emergency_preempts_every_commune_through_now(client):
    now = clock.now()
    district = get_station("huyen-gio-linh")
    session = operations.announce(district, source="cli", now=now)
    rows = emergency.preempt(session, district, now=now, seconds=600)
    db.session.commit()
    today = now.astimezone(clock.zone()).date()
    communes = {s.id for s in db.session.scalars(select(Station).where(
        Station.kind == StationKind.commune, Station.merged_into_id.is_(None)))
        if s.exists_on(today)}
    assert {r.station_id for r in rows} == communes and district.id not in communes
    assert {(r.kind.value, r.priority.value, r.relay_station_id) for r in rows} == {
        ("relay", "emergency", district.id)}
    audit = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "live.emergency"))
    assert audit.object_id == str(session.id) and len(audit.after["targets"]) == len(communes)

    token = rotate_token(None, get_station("gio-an"))
    db.session.commit()
    mine = next(r for r in rows if r.station_id == get_station("gio-an").id)
    answer = client.get(f"/api/v1/stations/gio-an/now?token={token}").get_json()
    assert answer["emergency"]["entry_id"] == mine.id
    playlist = client.get(f"/api/v1/stations/gio-an/playlist?token={token}").get_json()
    item = next(i for i in playlist["items"] if i["entry_id"] == mine.id)
    assert item["kind"] == "relay" and item["priority"] == "emergency"
    assert item["url"].startswith("http://127.0.0.1:8000/huyen-gio-linh.mp3?token=l.")

    assert emergency.end(session, now=clock.now()) == len(rows)
    db.session.commit()
    assert client.get(f"/api/v1/stations/gio-an/now?token={token}").get_json()[
        "emergency"] is None
    db.session.expire_all()
    ended = db.session.get(ScheduleEntry, mine.id)
    assert ended.cancelled_at is None and ended.ends_at - ended.starts_at < timedelta(minutes=1)
