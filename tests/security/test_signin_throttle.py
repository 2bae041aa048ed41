"""Failed sign-ins and bad tokens are throttled per account and per address, in the database."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select, update

from radio import clock
from radio.db import db
from radio.models import AuditEntry, SigninThrottle
from tests.live import TEST_PASSWORD

WRONG = "wrong-password-9"


def _post(client, username, password, address="198.51.100.7"):
    return client.post("/login", data={"username": username, "password": password},
                       environ_base={"REMOTE_ADDR": address})


def _actions(prefix: str) -> list[tuple[str, str, str]]:
    rows = db.session.scalars(select(AuditEntry).where(AuditEntry.action.like(prefix + "%"))
                              .order_by(AuditEntry.id))
    return [(r.action, r.username, r.object_id) for r in rows]


def _end_waits() -> None:
    """Move every lock into the past, as if the wait had passed."""
    for row in db.session.scalars(select(SigninThrottle)):
        row.locked_until = row.locked_until and row.locked_until - timedelta(hours=1)
        row.last_failure_at -= timedelta(hours=1)
    db.session.commit()


def test_the_sixth_try_on_an_account_is_refused_even_with_the_right_password(client):
    for _ in range(5):
        assert _post(client, "editor", WRONG).status_code == 400
    refused = _post(client, "editor", TEST_PASSWORD)
    assert refused.status_code == 429
    assert refused.headers["Retry-After"] == "30"
    assert "Đăng nhập sai quá nhiều lần. Hãy thử lại sau 30 giây (lúc " in refused.text
    assert "Set-Cookie" not in refused.headers
    actions = _actions("auth.signin")
    assert actions == [("auth.signin_failed", "anonymous", "editor")] * 5 + [
        ("auth.signin_throttled", "anonymous", "editor")]
    summaries = db.session.scalars(select(AuditEntry.summary).where(
        AuditEntry.action.like("auth.signin%"))).all()
    assert all("198.51.100.7" in s and WRONG not in s for s in summaries)


def test_after_the_wait_the_account_signs_in_and_the_counter_resets(client):
    for _ in range(5):
        _post(client, "editor", WRONG)
    _end_waits()
    assert _post(client, "editor", TEST_PASSWORD).status_code == 302
    assert db.session.scalar(select(SigninThrottle).where(
        SigninThrottle.scope == "account", SigninThrottle.key == "editor")) is None
    client.post("/logout")
    # A fresh counter: four more failures from another address do not lock the account.
    for _ in range(4):
        assert _post(client, "editor", WRONG, "203.0.113.9").status_code == 400
    assert _post(client, "editor", TEST_PASSWORD, "203.0.113.9").status_code == 302


def test_each_new_failure_after_the_limit_waits_longer(client):
    for _ in range(5):
        _post(client, "editor", WRONG)
    # The first wait has just ended (a second ago): the counter goes on, so the next failure
    # doubles the wait.
    now = clock.now()
    db.session.execute(update(SigninThrottle).values(last_failure_at=now - timedelta(seconds=31),
                                                     locked_until=now - timedelta(seconds=1)))
    db.session.commit()
    assert _post(client, "editor", WRONG).status_code == 400
    db.session.expire_all()
    row = db.session.scalars(select(SigninThrottle).where(SigninThrottle.scope == "account")).one()
    assert row.locked_until - row.last_failure_at == timedelta(seconds=60)
    # The header counts down from 60 with the wall clock; a loaded machine may take a second.
    assert int(_post(client, "editor", TEST_PASSWORD).headers["Retry-After"]) in (59, 60)


def test_one_address_trying_many_accounts_is_refused_on_the_sixth_try(client):
    for name in ("admin", "editor", "operator", "auditor", "nobody"):
        assert _post(client, name, WRONG, "192.0.2.44").status_code == 400
    refused = _post(client, "admin", TEST_PASSWORD, "192.0.2.44")
    assert refused.status_code == 429
    # The same account from another address is not locked (only 1 failure on it).
    assert _post(client, "admin", TEST_PASSWORD, "192.0.2.45").status_code == 302


def test_bad_station_tokens_are_refused_with_429_and_retry_after(client):
    env = {"REMOTE_ADDR": "192.0.2.80"}
    for _ in range(5):
        bad = client.get("/api/v1/stations/trung-son/now?token=nope", environ_base=env)
        assert bad.status_code == 401
    refused = client.get("/api/v1/stations/trung-son/now?token=nope", environ_base=env)
    assert refused.status_code == 429
    assert refused.headers["Retry-After"] == "30"
    error = refused.get_json()["error"]
    assert error["code"] == "too_many_attempts" and error["retry_after"] == 30
    assert "Quá nhiều mã truy cập sai" in error["message"]
    actions = _actions("auth.token")
    assert actions == [("auth.token_failed", "anonymous", "192.0.2.80")] * 5 + [
        ("auth.token_throttled", "anonymous", "192.0.2.80")]
    # A flood of refused tries writes one audit row per lock, not one per try.
    client.get("/api/v1/whoami", headers={"Authorization": "Bearer nope"}, environ_base=env)
    assert len(_actions("auth.token")) == 6
    # Sign-in from that address is a separate counter.
    assert _post(client, "editor", TEST_PASSWORD, "192.0.2.80").status_code == 302


def test_bad_staff_api_tokens_count_too_and_the_wait_ends(client):
    env = {"REMOTE_ADDR": "192.0.2.81"}
    for _ in range(5):
        assert client.get("/api/v1/whoami", headers={"Authorization": "Bearer x"},
                          environ_base=env).status_code == 401
    assert client.get("/api/v1/whoami", headers={"Authorization": "Bearer x"},
                      environ_base=env).status_code == 429
    _end_waits()
    assert client.get("/api/v1/whoami", headers={"Authorization": "Bearer x"},
                      environ_base=env).status_code == 401
