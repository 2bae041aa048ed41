"""A real station poll: an unapproved item is not in the playlist, the next poll with
If-None-Match is a 304, and right after one approval (nothing else changed) the same poll gets
200 and the item, because the approval's audit row changes the data version."""

from __future__ import annotations

import json
import subprocess
import sys
import urllib.error
import urllib.request

import pytest

from tests.factories.audio import tone
from tests.factories.schedules import free_day

pytestmark = pytest.mark.dates

APPROVE = """
import sys
from sqlalchemy import select
from radio.approvals import operations as approvals
from radio.db import db
from radio.models import MediaItem, User
from web import create_app

app = create_app()
with app.app_context():
    item = db.session.get(MediaItem, int(sys.argv[1]))
    approver = db.session.scalar(select(User).where(User.username == "approver"))
    approvals.approve(approver, item)
    db.session.commit()
    print(item.approval.value)
"""


def _get(url: str, token: str, etag: str | None = None):
    headers = {"Authorization": f"Bearer {token}"}
    if etag:
        headers["If-None-Match"] = etag
    try:
        with urllib.request.urlopen(urllib.request.Request(url, headers=headers),
                                    timeout=30) as resp:
            return resp.status, resp.headers.get("ETag"), resp.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers.get("ETag"), ""


def test_a_poll_right_after_an_approval_gets_the_new_playlist(make_live_server):
    server = make_live_server(True, extra_env={"RADIO_APPROVAL": "required",
                                                "RADIO_PLAYLIST_CACHE_S": "600"})
    day = free_day(4)
    added = server.cli("media", "add", str(tone(4.0, 523, "wav")), "--title",
                       "Thông báo chờ duyệt qua mạng", "--json")
    item = json.loads(added.stdout.strip().splitlines()[-1])
    item_id = item["id"]
    server.cli("schedule", "add", "--media", str(item_id), "--station", "gio-an", "--at",
               f"{day.isoformat()} 09:00", "--yes", "--json")
    token = server.cli("station", "token", "gio-an").stdout.strip().splitlines()[0]
    server.start()
    try:
        url = f"{server.url}/api/v1/stations/gio-an/playlist?date={day.isoformat()}"
        status, etag, body = _get(url, token)
        assert status == 200
        assert "Thông báo chờ duyệt qua mạng" not in body
        assert [i["media_id"] for i in json.loads(body)["items"] if i["kind"] == "media"] == []
        for fmt in ("m3u8", "xspf"):
            other = _get(f"{url}&format={fmt}", token)
            assert other[0] == 200 and "Thông báo chờ duyệt qua mạng" not in other[2]
        assert _get(url, token, etag)[0] == 304
        done = subprocess.run([sys.executable, "-c", APPROVE, str(item_id)], env=server.env,
                              capture_output=True, text=True, timeout=120)
        assert done.stdout.strip() == "approved", done.stderr
        status, new_etag, body = _get(url, token, etag)
        assert status == 200 and new_etag != etag
        assert [(i["media_id"], i["title"], i["starts_at"][11:16])
                for i in json.loads(body)["items"] if i["kind"] == "media"] == [
            (item_id, "Thông báo chờ duyệt qua mạng", "09:00")]
        assert "Thông báo chờ duyệt qua mạng" in _get(f"{url}&format=m3u8", token)[2]
    finally:
        server.stop()
