"""Against a real `radio serve`: the sixth wrong sign-in waits, and the wait really ends."""

from __future__ import annotations

import http.cookiejar
import re
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest
from sqlalchemy import create_engine, select

from radio.config import normalise_database_url
from radio.models import AuditEntry
from tests.live import TEST_PASSWORD

pytestmark = pytest.mark.dates  # reads the clock: `make test-dates` runs it at faked dates


class Browser:
    """A cookie-keeping HTTP client that does not follow redirects."""

    def __init__(self, base: str):
        self.base = base

        class NoRedirect(urllib.request.HTTPRedirectHandler):
            def redirect_request(self, *args, **kwargs):
                return None

        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), NoRedirect)

    def open(self, path: str, form: dict | None = None):
        data = urllib.parse.urlencode(form).encode() if form is not None else None
        try:
            with self.opener.open(self.base + path, data=data, timeout=30) as resp:
                return resp.status, resp.headers, resp.read().decode()
        except urllib.error.HTTPError as exc:
            return exc.code, exc.headers, exc.read().decode()

    def sign_in(self, password: str):
        _status, _headers, page = self.open("/login")
        token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
        return self.open("/login", {"csrf_token": token, "username": "admin",
                                    "password": password})


def test_a_real_server_throttles_and_lets_the_account_in_after_the_wait(make_live_server):
    server = make_live_server(demo_data=False, extra_env={"RADIO_SIGNIN_DELAY_S": "2"}).start()
    browser = Browser(server.url)
    for _ in range(5):
        assert browser.sign_in("wrong-password-9")[0] == 400
    status, headers, page = browser.sign_in(TEST_PASSWORD)
    assert status == 429
    assert headers["Retry-After"] in ("1", "2")
    assert "Đăng nhập sai quá nhiều lần. Hãy thử lại sau" in page
    time.sleep(int(headers["Retry-After"]) + 0.5)
    status, headers, _page = browser.sign_in(TEST_PASSWORD)
    assert status == 302 and headers["Location"] == "/"
    engine = create_engine(normalise_database_url(server.env["DATABASE_URL"]))
    try:
        with engine.connect() as conn:
            rows = conn.execute(select(AuditEntry.action, AuditEntry.summary, AuditEntry.before,
                                       AuditEntry.after).where(AuditEntry.action.like("auth.%"))
                                .order_by(AuditEntry.id)).all()
    finally:
        engine.dispose()
    assert [r.action for r in rows] == ["auth.signin_failed"] * 5 + ["auth.signin_throttled"]
    assert "wrong-password-9" not in repr(rows) and TEST_PASSWORD not in repr(rows)
