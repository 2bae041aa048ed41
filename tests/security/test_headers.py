"""Every kind of route carries the security headers, and personal answers are not stored."""

from __future__ import annotations

import urllib.error
import urllib.request

import pytest

from radio import stations
from radio.accounts.operations import rotate_api_token
from radio.accounts.util import get_user
from radio.db import db


def assert_security_headers(headers) -> None:
    csp = headers["Content-Security-Policy"]
    directives = {d.split()[0]: d.split()[1:] for d in csp.split("; ")}
    assert directives["script-src"] == ["'self'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["default-src"] == ["'self'"]
    assert directives["base-uri"] == ["'self'"] and directives["form-action"] == ["'self'"]
    assert directives["media-src"] == ["'self'", "blob:"]
    assert directives["img-src"] == ["'self'", "data:"]
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"


@pytest.fixture
def tokens():
    staff = rotate_api_token(None, get_user("editor"))
    station = stations.rotate_token(None, stations.get_station("trung-son"))
    db.session.commit()
    return {"staff": {"Authorization": f"Bearer {staff}"},
            "station": {"Authorization": f"Bearer {station}"}}


def test_a_signed_in_page_is_not_stored(login):
    resp = login("editor").get("/")
    assert resp.status_code == 200
    assert_security_headers(resp.headers)
    assert resp.headers["Cache-Control"] == "no-store"


def test_the_login_page_is_not_stored(client):
    resp = client.get("/login")
    assert resp.status_code == 200
    assert_security_headers(resp.headers)
    assert resp.headers["Cache-Control"] == "no-store"


def test_api_json_and_api_errors(client, tokens):
    ok = client.get("/api/v1/whoami", headers=tokens["staff"])
    assert ok.status_code == 200 and ok.get_json()["username"] == "editor"
    missing = client.get("/api/v1/stations/khong-co/now", headers=tokens["staff"])
    assert missing.status_code == 404 and missing.get_json()["error"]["code"]
    for resp in (ok, missing):
        assert_security_headers(resp.headers)
        assert resp.headers["Cache-Control"] == "no-store"


def test_a_404_page(client):
    resp = client.get("/khong-co-trang-nay")
    assert resp.status_code == 404
    assert_security_headers(resp.headers)
    assert resp.headers["Cache-Control"] == "no-store"


def test_a_static_file_keeps_normal_caching(client):
    resp = client.get("/static/app.js")
    assert resp.status_code == 200
    assert_security_headers(resp.headers)
    assert "no-store" not in resp.headers.get("Cache-Control", "")
    resp.close()


@pytest.mark.parametrize("fmt", ["json", "m3u8"])
def test_a_playlist_with_a_station_token_is_private_and_revalidated(client, tokens, fmt):
    resp = client.get(f"/api/v1/stations/trung-son/playlist?format={fmt}",
                      headers=tokens["station"])
    assert resp.status_code == 200
    assert_security_headers(resp.headers)
    # Private (never in a shared cache) and revalidated with its ETag on every poll.
    assert resp.headers["Cache-Control"] == "private, no-cache"
    again = client.get(f"/api/v1/stations/trung-son/playlist?format={fmt}",
                       headers=tokens["station"] | {"If-None-Match": resp.headers["ETag"]})
    assert again.status_code == 304
    assert_security_headers(again.headers)
    assert again.headers["Cache-Control"] == "private, no-cache"


def test_a_media_download_is_cached_only_privately(login, create_media_item):
    item = create_media_item("Tin kiểm tra tiêu đề", audio="ingest")
    db.session.commit()
    client = login("editor")
    resp = client.get(f"/api/v1/media/{item.id}/audio")
    assert resp.status_code == 200
    assert_security_headers(resp.headers)
    cache = resp.headers["Cache-Control"]
    assert "private" in cache and "public" not in cache and "no-store" not in cache
    resp.close()


def _fetch(url: str, headers: dict | None = None):
    req = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=30) as resp:
            return resp.status, resp.headers
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers


def test_the_live_server_sends_the_headers_on_every_kind_of_route(live_server):
    token = live_server.cli("station", "token", "gio-an").stdout.strip().splitlines()[0]
    base = live_server.url
    cases = {
        "/login": (200, "no-store"),
        "/static/app.css": (200, None),
        "/khong-co-trang-nay": (404, "no-store"),
        "/api/v1/openapi.json": (200, "no-store"),
        "/api/v1/stations/gio-an/playlist?format=m3u8": (200, "private, no-cache"),
        "/api/v1/stations/gio-an/now": (200, "no-store"),
    }
    for path, (status, cache) in cases.items():
        got, headers = _fetch(base + path, {"Authorization": f"Bearer {token}"})
        assert got == status, path
        assert_security_headers(headers)
        if cache:
            assert headers["Cache-Control"] == cache, path
        else:
            assert "no-store" not in (headers.get("Cache-Control") or ""), path
