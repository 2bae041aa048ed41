"""No secrets in the server log: tokens, signatures and passwords never reach it (issue 14)."""

from __future__ import annotations

import http.cookiejar
import json
import re
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest

from tests.deploy.conftest import STATION

pytestmark = pytest.mark.dates  # reads the clock: `make test-dates` runs it at faked dates

WRONG_PASSWORD = "Sai-mat-khau-7f3c9e"
BAD_TOKEN = "bad-token-4d1e8a2b9c"


def fetch(opener, url: str, data: bytes | None = None, headers: dict | None = None):
    req = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with opener.open(req, timeout=30) as resp:
            return resp.status, resp.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


def access_lines(log_path, expected: list[str], timeout: float = 10.0) -> str:
    """The log text once every expected access-line pattern is in it (or fail, showing the log)."""
    deadline = time.monotonic() + timeout
    while True:
        text = log_path.read_text(errors="replace")
        missing = [p for p in expected if not re.search(p, text)]
        if not missing:
            return text
        assert time.monotonic() < deadline, f"access lines missing: {missing}\n--- log:\n{text}"
        time.sleep(0.2)


def test_tokens_signatures_and_passwords_never_reach_the_log(station_server):
    server, token = station_server.server, station_server.token
    opener = urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
    base = server.url

    playlist_path = (f"/api/v1/stations/{STATION}/playlist?format=json"
                     f"&date={station_server.day.isoformat()}")
    status, body = fetch(opener, f"{base}{playlist_path}&token={token}")
    assert status == 200, body
    urls = [i["url"] for i in json.loads(body)["items"] if i.get("url")]
    assert urls, "the seeded entry gives at least one signed media URL"
    signed = urllib.parse.urlsplit(urls[0])
    signed_token = signed.path.rsplit("/", 1)[1].removesuffix(".mp3")
    signature = signed_token.rsplit(".", 1)[1]
    assert fetch(opener, f"{base}{signed.path}")[0] == 200

    status, _ = fetch(opener, f"{base}/api/v1/stations/{STATION}/now?token={BAD_TOKEN}")
    assert status == 401
    status, _ = fetch(opener, f"{base}/api/v1/stations/{STATION}/now",
                      headers={"Authorization": f"Bearer {token}"})
    assert status == 200

    page = fetch(opener, f"{base}/login")[1].decode()
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', page)[1]
    form = urllib.parse.urlencode({"username": "admin", "password": WRONG_PASSWORD,
                                   "csrf_token": csrf}).encode()
    status, _ = fetch(opener, f"{base}/login?next=%2Fapi%2Fv1%3Ftoken%3D{token}", data=form)
    assert status == 400  # refused, never signed in

    q = re.escape
    text = access_lines(server.log, [
        rf'"GET {q(playlist_path)}&token=\[redacted\]" 200 \d+B \d+ms',
        r'"GET /api/v1/signed/\[redacted\]\.mp3" 200 \d+B',
        rf'"GET /api/v1/stations/{STATION}/now\?token=\[redacted\]" 401 ',
        rf'"GET /api/v1/stations/{STATION}/now" 200 ',
        r'"POST /login\?next=%2Fapi%2Fv1%3Ftoken%3D\[redacted\]" (400|429) ',
    ])
    for secret, what in ((token, "station token"), (signed_token, "signed URL token"),
                         (signature, "signature"), (BAD_TOKEN, "bad token"),
                         (WRONG_PASSWORD, "password")):
        assert secret not in text, f"the {what} is in the server log"
