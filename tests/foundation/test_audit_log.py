"""Every staff change leaves an audit row: who, what, before and after."""

from __future__ import annotations

from sqlalchemy import select

from radio import audit, chain
from radio.accounts.util import get_user
from radio.db import db
from radio.models import AuditEntry
from radio.stations import get_station
from tests.foundation.util import last_audit

PASSWORD = "a-long-password"


def _by_admin(action: str) -> AuditEntry:
    row = last_audit(action)
    assert row is not None, f"no audit row for {action}"
    assert row.username == "admin"
    assert row.user_id == get_user("admin").id
    return row


def test_station_create_update_token_and_merge_are_audited(client, login):
    login("admin")
    assert client.post("/admin/stations/new", data={
        "code": "gio-moi", "name": "Xã Gio Mới", "kind": "commune", "valid_from": "2025-01-01",
        "windows": "05:30+45"}).status_code == 302
    created = _by_admin("station.create")
    assert created.object_id == "gio-moi"
    assert created.after["name"] == "Xã Gio Mới" and created.after["windows"] == "05:30+45"

    assert client.post("/admin/stations/gio-an", data={
        "name": "Xã Gio An", "windows": "05:00+60, 17:30+30"}).status_code == 302
    updated = _by_admin("station.update")
    assert updated.before["windows"] == "05:30+60, 17:00+60"
    assert updated.after["windows"] == "05:00+60, 17:30+30"

    assert client.post("/admin/stations/gio-an/token", data={"confirm": "1"}).status_code == 200
    token_row = _by_admin("station.token")
    assert token_row.object_id == "gio-an"
    assert get_station("gio-an").token_hash not in str(token_row.summary)

    assert client.post("/admin/stations/gio-hai/merge",
                       data={"into": "gio-moi", "on": "31/12/2024"}).status_code == 302
    merged = _by_admin("station.merge")
    assert merged.before["merged_into_id"] is None
    assert merged.after["merged_into"] == "gio-moi"
    assert merged.after["valid_to"] == "2024-12-31"


def test_user_create_update_password_and_token_are_audited(client, login):
    login("admin")
    assert client.post("/admin/users/new", data={
        "username": "nguyenvana", "password": PASSWORD, "role": "operator",
        "stations": ["gio-an", "gio-hai"], "full_name": "Nguyễn Văn A"}).status_code == 302
    created = _by_admin("user.create")
    assert created.after == {"username": "nguyenvana", "full_name": "Nguyễn Văn A",
                             "role": "operator", "active": True,
                             "stations": ["gio-an", "gio-hai"]}
    assert PASSWORD not in str(created.after)

    assert client.post("/admin/users/nguyenvana", data={
        "role": "editor", "full_name": "Nguyễn Văn A", "active": "on"}).status_code == 302
    updated = _by_admin("user.update")
    assert (updated.before["role"], updated.after["role"]) == ("operator", "editor")
    assert updated.after["stations"] == []

    assert client.post("/admin/users/nguyenvana/password",
                       data={"password": "another-long-one"}).status_code == 302
    password_row = _by_admin("user.password_reset")
    assert "another-long-one" not in f"{password_row.before}{password_row.after}{password_row.summary}"

    assert client.post("/admin/users/nguyenvana/token",
                       data={"confirm": "1"}).status_code == 200
    assert _by_admin("user.token").object_id == "nguyenvana"


def test_saving_an_unchanged_station_adds_no_row(client, login):
    login("admin")
    count = len(db.session.scalars(select(AuditEntry.id)).all())
    assert client.post("/admin/stations/gio-an", data={
        "name": "Xã Gio An", "windows": "05:30+60, 17:00+60"}).status_code == 302
    assert len(db.session.scalars(select(AuditEntry.id)).all()) == count


def test_audit_rows_form_an_unbroken_hash_chain(client, login):
    login("admin")
    client.post("/admin/stations/gio-an", data={"name": "Xã Gio An (mới)", "windows": ""})
    rows = db.session.scalars(select(AuditEntry).order_by(AuditEntry.id)).all()
    prev = chain.GENESIS
    for row in rows:
        assert row.prev_hash == prev
        assert row.row_hash == chain.link(prev, audit.audit_content(row))
        prev = row.row_hash


def test_auditor_reads_the_log_and_filters_by_action(client, login):
    login("admin")
    client.post("/admin/stations/gio-an", data={"name": "Xã Gio An", "windows": "06:00+30"})
    client.post("/logout")
    login("auditor")
    page = client.get("/audit/?action=station.update")
    assert page.status_code == 200
    table = page.text.split('id="audit"', 1)[1]
    assert 'data-action="station.update"' in table and "06:00+30" in table
    assert "Sửa đài/trạm" in table and 'data-action="user.create"' not in table


def test_audit_log_filters_by_user(client, login):
    login("admin")
    for n in range(3):
        client.post("/admin/stations/gio-an", data={"name": f"Xã Gio An {n}", "windows": ""})
    client.post("/logout")
    login("auditor")
    page = client.get("/audit/?user=admin&action=station.update").text
    assert page.count('data-action="station.update"') == 3
    assert "<td>editor</td>" not in page
    none = client.get("/audit/?user=nobody").text
    assert "data-action" not in none.split('id="audit"')[1]
