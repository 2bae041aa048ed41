"""Re-scoping a district-era account: by CLI and on the admin page, audited, history kept."""

from __future__ import annotations

from sqlalchemy import select

from radio import audit
from radio.accounts.util import get_user
from radio.db import db
from radio.models import AuditEntry
from radio.stations import list_stations


def _rows_of(user) -> list[AuditEntry]:
    return list(db.session.scalars(select(AuditEntry).where(AuditEntry.user_id == user.id)
                                   .order_by(AuditEntry.id)))


def _visible(user, world) -> set[str]:
    ours = {s.code for s in world.stations.values()}
    return {s.code for s in list_stations(visible_to=user)} & ours


def test_rescoping_a_district_era_account_by_cli_keeps_its_audit_rows(
        app, runner, unit_world, scoped_user):
    editor = scoped_user("editor", "gio-linh", username="bientap-huyen")
    audit.record(editor, "entry.add", "schedule_batch", "b-2022", summary="Lịch phát 2022")
    db.session.commit()
    before = [(r.id, r.username, r.action) for r in _rows_of(editor)]
    assert _visible(editor, unit_world) == unit_world.codes(
        "huyen", "gio-an", "linh-truong", "gio-hai", "gio-mai")

    # t44 is two units (Quảng Bình before 1/7/2025, Quảng Trị since): the date picks one.
    result = runner.invoke(args=["user", "scope", "bientap-huyen", "--unit", "t44",
                                 "--on", "2025-07-01"])
    assert result.exit_code == 0, result.output
    assert "Tỉnh Quảng Trị" in result.output

    user = get_user("bientap-huyen")
    assert user.id == editor.id and user.unit_id == unit_world.unit("qt").id
    rows = _rows_of(user)
    assert [(r.id, r.username, r.action) for r in rows[:len(before)]] == before
    change = db.session.scalars(select(AuditEntry).where(
        AuditEntry.action == "user.scope", AuditEntry.object_id == "bientap-huyen")).one()
    assert change.before == {"unit": {"id": unit_world.unit("gio-linh").id, "code": "t462",
                                      "name": "Huyện Gio Linh", "level": "district",
                                      "valid_from": "2020-01-01"}}
    assert change.after["unit"]["code"] == "t44"
    assert change.after["unit"]["valid_from"] == "2025-07-01"
    assert _visible(user, unit_world) >= unit_world.codes("con-tien", "cua-viet", "dong-hoi")

    old = runner.invoke(args=["user", "scope", "bientap-huyen", "--unit", "t44",
                              "--on", "2024-01-01"])
    assert old.exit_code == 0 and "Tỉnh Quảng Bình" in old.output
    cleared = runner.invoke(args=["user", "scope", "bientap-huyen", "--clear"])
    assert cleared.exit_code == 0, cleared.output
    assert get_user("bientap-huyen").unit_id is None
    assert len(db.session.scalars(select(AuditEntry).where(
        AuditEntry.action == "user.scope")).all()) == 3


def test_cli_scope_refuses_an_unknown_unit_and_changes_nothing(runner, unit_world, scoped_user):
    scoped_user("auditor", "gio-an", username="kiemtra-gioan")
    db.session.commit()
    result = runner.invoke(args=["user", "scope", "kiemtra-gioan", "--unit", "t99999"])
    assert result.exit_code == 1
    assert get_user("kiemtra-gioan").unit_id == unit_world.unit("gio-an").id
    gone = runner.invoke(args=["user", "scope", "kiemtra-gioan", "--unit", "t19540",
                               "--on", "2025-07-01"])  # Gio An ended on 30/6/2025
    assert gone.exit_code == 1


def test_an_admin_rescopes_an_account_on_the_users_page(unit_world, scoped_user, sign_in):
    auditor = scoped_user("auditor", "gio-linh", username="kiemtra-huyen")
    admin = scoped_user("admin", None)
    client = sign_in(admin)
    page = client.get("/admin/users/kiemtra-huyen")
    assert page.status_code == 200 and "Huyện Gio Linh" in page.text
    response = client.post("/admin/users/kiemtra-huyen/scope",
                           data={"unit_code": "t19537", "unit_on": "01/07/2025"})
    assert response.status_code == 302
    db.session.expire_all()
    assert get_user("kiemtra-huyen").unit_id == unit_world.unit("con-tien").id
    row = db.session.scalars(select(AuditEntry).where(AuditEntry.action == "user.scope")).one()
    assert row.user_id == admin.id and row.object_id == "kiemtra-huyen"
    assert row.before["unit"]["code"] == "t462" and row.after["unit"]["code"] == "t19537"
    assert "Xã Cồn Tiên" in client.get("/admin/users").text
    assert client.post("/admin/users/kiemtra-huyen/scope", data={"clear": "1"}).status_code == 302
    db.session.expire_all()
    assert get_user("kiemtra-huyen").unit_id is None
    assert auditor.id == get_user("kiemtra-huyen").id


def test_only_admins_rescope(unit_world, scoped_user, sign_in):
    scoped_user("auditor", "gio-linh", username="kiemtra-khac")
    client = sign_in(scoped_user("editor", None))
    response = client.post("/admin/users/kiemtra-khac/scope", data={"clear": "1"})
    assert response.status_code == 403
    assert get_user("kiemtra-khac").unit_id == unit_world.unit("gio-linh").id
