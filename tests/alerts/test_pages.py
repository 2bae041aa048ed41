"""The alerts pages: the list in the user's scope, thresholds for admins only (audited), and
subscriptions with an e-mail address (audited; bad input writes nothing)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select

from radio.db import db
from radio.models import Alert, AlertKind, AlertRule, AlertSubscription, AuditEntry
from radio.stations import get_station
from tests.alerts.conftest import NOW
from tests.factories.unit_rows import add_term


def _alert(station, message: str, closed: bool = False) -> Alert:
    row = Alert(kind=AlertKind.low_disk, key=f"low_disk:station:{station.id}",
                station_id=station.id, message=message, opened_at=NOW, last_seen_at=NOW,
                closed_at=NOW if closed else None)
    db.session.add(row)
    db.session.flush()
    return row


def test_list_in_scope_and_filter(world, client, login):
    _alert(get_station("gio-an"), "Trạm Gio An: ổ đĩa chỉ còn 10 MB trống.")
    _alert(world.station, "Trạm Xã Cửa Việt: ổ đĩa chỉ còn 20 MB trống.", closed=True)
    login("operator")  # the demo operator of gio-an
    page = client.get("/alerts").text
    assert "Trạm Gio An: ổ đĩa chỉ còn 10 MB trống." in page
    assert "Cửa Việt" not in page
    login("admin")
    page = client.get("/alerts").text
    assert "Trạm Gio An: ổ đĩa chỉ còn 10 MB trống." in page
    assert "Trạm Xã Cửa Việt: ổ đĩa chỉ còn 20 MB trống." in page
    open_only = client.get("/alerts?state=open").text
    assert "Gio An: ổ đĩa" in open_only and "Cửa Việt: ổ đĩa" not in open_only
    by_unit = client.get(f"/alerts?unit={world.commune.id}").text
    assert "Gio An: ổ đĩa" not in by_unit and "Cửa Việt: ổ đĩa" not in by_unit  # unit_id unset


def test_rules_admin_only_and_audited(world, client, login):
    login("editor")
    assert client.get("/alerts/rules").status_code == 403
    login("admin")
    resp = client.post("/alerts/rules", data={"kind": "clock_off", "unit": "T97001",
                                              "threshold": "7,5", "escalate": "20",
                                              "enabled": "1"})
    assert resp.status_code == 302
    row = db.session.scalar(select(AlertRule).where(AlertRule.kind == "clock_off",
                                                    AlertRule.unit_id == world.commune.id))
    assert (row.threshold, row.escalate_minutes, row.enabled) == (7.5, 20, True)
    audit = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "alert_rule.update")
                              .order_by(AuditEntry.id.desc()).limit(1))
    assert (audit.username, audit.object_id) == ("admin", str(row.id))
    count = db.session.scalar(select(func.count()).select_from(AlertRule))
    bad = client.post("/alerts/rules", data={"kind": "clock_off", "unit": "T97001",
                                             "threshold": "nhiều"})
    assert bad.status_code == 400
    assert "Ngưỡng và số phút phải là số." in bad.text
    assert db.session.scalar(select(func.count()).select_from(AlertRule)) == count


def test_subscribe_and_unsubscribe(world, client, login):
    add_term(get_station("gio-an"), world.other, date(2025, 7, 1))
    db.session.commit()  # a request that fails rolls back to here
    gio_an_unit = world.other.id
    login("operator")
    bad = client.post("/alerts/subscriptions", data={"unit": str(gio_an_unit),
                                                     "address": "khong-phai-email"})
    assert bad.status_code == 400 and "Địa chỉ e-mail không hợp lệ." in bad.text
    outside = client.post("/alerts/subscriptions", data={"unit": str(world.commune.id),
                                                         "address": "a@example.vn"})
    assert outside.status_code == 400
    assert "Đơn vị này không thuộc phạm vi của bạn." in outside.text
    assert db.session.scalar(select(func.count()).select_from(AlertSubscription)) == 0
    ok = client.post("/alerts/subscriptions", data={"unit": str(gio_an_unit),
                                                    "address": "vanhanh@example.vn"})
    assert ok.status_code == 302
    [sub] = db.session.scalars(select(AlertSubscription)).all()
    assert (sub.unit_id, sub.address) == (gio_an_unit, "vanhanh@example.vn")
    assert "vanhanh@example.vn" in client.get("/alerts/subscriptions").text
    actions = [a for (a,) in db.session.execute(select(AuditEntry.action).where(
        AuditEntry.object_type == "alert_subscription"))]
    assert actions == ["alert_subscription.create"]
    assert client.post(f"/alerts/subscriptions/{sub.id}/delete").status_code == 302
    assert db.session.scalar(select(func.count()).select_from(AlertSubscription)) == 0
