"""Signing in and out: where the browser goes next, and what the session cookie carries."""

from __future__ import annotations

import pytest

from tests.live import TEST_PASSWORD


def _sign_in(client, next_url: str | None = None):
    query = {"next": next_url} if next_url is not None else {}
    return client.post("/login", query_string=query,
                       data={"username": "editor", "password": TEST_PASSWORD})


def test_anonymous_visitor_is_sent_to_login_and_back_afterwards(client):
    first = client.get("/audit/?action=user.")
    assert first.status_code == 302
    assert first.headers["Location"] == "/login?next=/audit/?action%3Duser."
    assert _sign_in(client, "/admin/users").headers["Location"] == "/admin/users"


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/", "/\\evil.example/",
                                    "javascript:alert(1)"])
def test_sign_in_never_redirects_off_site(client, target):
    assert _sign_in(client, target).headers["Location"] == "/"


def test_session_cookie_is_httponly_and_samesite(client):
    response = _sign_in(client)
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_sign_out_ends_the_session(client):
    _sign_in(client)
    assert client.get("/").status_code == 200
    assert client.post("/logout").headers["Location"] == "/login"
    with client.application.app_context():  # a fresh `g`, as the next real request has
        assert client.get("/").status_code == 302
