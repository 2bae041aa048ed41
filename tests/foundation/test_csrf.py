"""CSRF protection on every form and on session-authenticated API writes."""

from __future__ import annotations

import pytest

from radio.accounts.util import get_user
from tests.foundation.util import counts, csrf_from

CSRF_MESSAGE = "Biểu mẫu đã hết hạn hoặc thiếu mã bảo vệ (CSRF). Hãy tải lại trang và thử lại."


@pytest.fixture
def csrf_on(app):
    app.config["WTF_CSRF_ENABLED"] = True
    yield
    app.config["WTF_CSRF_ENABLED"] = False


def _session_as(client, username: str):
    with client.session_transaction() as session:
        session["_user_id"] = str(get_user(username).id)
        session["_fresh"] = True


def test_login_form_without_token_is_refused_in_vietnamese(client, csrf_on):
    response = client.post("/login", data={"username": "admin", "password": "test-password-1"})
    assert response.status_code == 400
    assert CSRF_MESSAGE in response.text
    assert "_user_id" not in _session_keys(client)


def _session_keys(client) -> set[str]:
    with client.session_transaction() as session:
        return set(session.keys())


def test_login_form_with_its_token_signs_in(client, csrf_on):
    token = csrf_from(client.get("/login").text)
    response = client.post("/login", data={"username": "admin", "password": "test-password-1",
                                           "csrf_token": token})
    assert response.status_code == 302


def test_admin_form_without_token_changes_nothing(client, csrf_on):
    _session_as(client, "admin")
    before = counts()
    response = client.post("/admin/stations/new", data={"code": "gio-moi", "name": "Xã Gio Mới",
                                                        "kind": "commune", "windows": ""})
    assert response.status_code == 400
    assert CSRF_MESSAGE in response.text
    assert counts() == before
    token = csrf_from(client.get("/admin/stations/new").text)
    accepted = client.post("/admin/stations/new", data={"code": "gio-moi", "name": "Xã Gio Mới",
                                                        "kind": "commune", "windows": "",
                                                        "csrf_token": token})
    assert accepted.status_code == 302
    assert counts()["stations"] == before["stations"] + 1


def test_session_api_write_without_header_is_refused(app, client, csrf_on):
    writes = [r for r in app.url_map.iter_rules()
              if r.rule.startswith("/api/") and (r.methods or set()) & {"POST", "PUT", "DELETE"}
              and "operator" in app.view_functions[r.endpoint]._access.roles]
    if not writes:
        pytest.skip("no session-usable API write route yet")
    _session_as(client, "operator")
    rule = writes[0]
    url = rule.rule.replace("<code>", "gio-an")
    method = sorted((rule.methods or set()) & {"POST", "PUT", "DELETE"})[0]
    response = client.open(url, method=method, json={})
    assert response.status_code == 400
    assert response.get_json()["error"] == {"code": "csrf", "message": CSRF_MESSAGE}
    token = csrf_from(client.get("/").text)
    passed = client.open(url, method=method, json={}, headers={"X-CSRFToken": token})
    assert passed.status_code != 400 or passed.get_json()["error"]["code"] != "csrf"


def test_token_authenticated_api_needs_no_csrf(client, csrf_on):
    from radio import stations
    from radio.db import db

    token = stations.rotate_token(None, stations.get_station("gio-an"))
    db.session.commit()
    response = client.post("/api/v1/stations/gio-an/heartbeat", json={},
                           headers={"Authorization": f"Bearer {token}"})
    assert not (response.status_code == 400
                and response.get_json()["error"]["code"] == "csrf")
