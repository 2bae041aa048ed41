"""Station and staff tokens: only SHA-256 hashes are stored; rotation revokes the old token."""

from __future__ import annotations

import hashlib
import re

from sqlalchemy import select, text

from radio import stations
from radio.accounts import operations as accounts
from radio.accounts import util as account_reads
from radio.db import db
from radio.models import Station, User
from tests.foundation.util import page_token


def _whoami(client, token: str, how: str):
    if how == "bearer":
        return client.get("/api/v1/whoami", headers={"Authorization": f"Bearer {token}"})
    return client.get("/api/v1/whoami", query_string={"token": token})


def _stored_station_row(code: str) -> dict:
    row = db.session.execute(text("SELECT * FROM stations WHERE code = :c"), {"c": code})
    return dict(row.mappings().one())


def test_station_token_is_stored_only_as_its_sha256(app):
    token = stations.rotate_token(None, stations.get_station("gio-an"))
    db.session.commit()
    row = _stored_station_row("gio-an")
    assert row["token_hash"] == hashlib.sha256(token.encode()).hexdigest()
    assert not any(token in str(value) for value in row.values())


def test_rotated_station_token_replaces_the_old_one_by_bearer_and_query(client):
    station = stations.get_station("gio-an")
    old = stations.rotate_token(None, station)
    db.session.commit()
    for how in ("bearer", "query"):
        assert _whoami(client, old, how).get_json() == {"kind": "station", "station": "gio-an"}
    new = stations.rotate_token(None, station)
    db.session.commit()
    for how in ("bearer", "query"):
        refused = _whoami(client, old, how)
        assert refused.status_code == 401
        assert refused.get_json()["error"]["code"] == "invalid_token"
        assert "thu hồi" in refused.get_json()["error"]["message"]
        assert _whoami(client, new, how).get_json()["station"] == "gio-an"


def test_admin_token_page_shows_the_token_once_and_revokes_the_old(client, login):
    first = stations.rotate_token(None, stations.get_station("gio-hai"))
    db.session.commit()
    login("admin")
    page = client.post("/admin/stations/gio-hai/token", data={"confirm": "1"})
    assert page.status_code == 200
    shown = page_token(page.text)
    assert _whoami(client, first, "bearer").status_code == 401
    client.post("/logout")
    assert _whoami(client, shown, "bearer").get_json()["station"] == "gio-hai"
    edit = login("admin").get("/admin/stations/gio-hai")
    assert shown not in edit.text


def test_cli_station_token_prints_a_token_whose_hash_alone_is_stored(runner, client):
    result = runner.invoke(args=["station", "token", "gio-mai"])
    assert result.exit_code == 0, result.output
    token = result.stdout.strip()
    assert re.fullmatch(r"[A-Za-z0-9_-]{43}", token), token  # 32 random bytes, URL-safe
    assert "chỉ hiện một lần" in result.stderr
    stored = db.session.scalar(select(Station.token_hash).where(Station.code == "gio-mai"))
    assert stored == hashlib.sha256(token.encode()).hexdigest()
    assert _whoami(client, token, "query").get_json()["station"] == "gio-mai"


def test_staff_api_token_is_hashed_and_rotation_rejects_the_old(client, login):
    editor = account_reads.get_user("editor")
    old = accounts.rotate_api_token(None, editor)
    db.session.commit()
    assert db.session.scalar(select(User.api_token_hash).where(User.username == "editor")) == \
        hashlib.sha256(old.encode()).hexdigest()
    assert _whoami(client, old, "bearer").get_json() == {
        "kind": "user", "username": "editor", "role": "editor"}
    login("admin")
    new = page_token(client.post("/admin/users/editor/token", data={"confirm": "1"}).text)
    client.post("/logout")
    assert _whoami(client, old, "bearer").status_code == 401
    assert _whoami(client, old, "query").status_code == 401
    assert _whoami(client, new, "query").get_json()["username"] == "editor"


def test_a_locked_account_token_is_refused(client):
    editor = account_reads.get_user("editor")
    token = accounts.rotate_api_token(None, editor)
    accounts.update_user(None, editor, active=False)
    db.session.commit()
    assert _whoami(client, token, "bearer").status_code == 401


def test_a_merged_station_loses_its_token(client):
    station = stations.get_station("gio-son")
    token = stations.rotate_token(None, station)
    from datetime import date

    stations.merge_station(None, station, stations.get_station("gio-mai"), date(2024, 12, 31))
    db.session.commit()
    assert _whoami(client, token, "bearer").status_code == 401
