"""Shared fixtures of the stations tests: a seeded live server and a tiny HTTP client."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from dataclasses import dataclass
from datetime import timedelta

import pytest

from radio import clock
from tests.factories.stations import LiveSeeder


@dataclass
class Answer:
    status: int
    headers: dict
    body: bytes

    def json(self):
        return json.loads(self.body)


def http(method: str, url: str, *, token: str | None = None, body=None,
         headers: dict | None = None) -> Answer:
    headers = dict(headers or {})
    data = None
    if body is not None:
        data = json.dumps(body).encode()
        headers["Content-Type"] = "application/json"
    if token:
        headers["Authorization"] = f"Bearer {token}"
    req = urllib.request.Request(url, data=data, headers=headers, method=method)
    try:
        with urllib.request.urlopen(req, timeout=30) as resp:
            return Answer(resp.status, dict(resp.headers), resp.read())
    except urllib.error.HTTPError as exc:
        return Answer(exc.code, dict(exc.headers), exc.read())


@pytest.fixture(scope="session")
def seeded(live_server, tmp_path_factory):
    """The shared live server with media scheduled on two stations and their tokens."""
    seeder = LiveSeeder(live_server, tmp_path_factory.mktemp("audio"))
    now = clock.now().replace(microsecond=0)
    a_item = seeder.media(3.0, 523, "Tin CCHC trạm Trung Sơn")
    b_item = seeder.media(3.0, 659, "Tin CCHC trạm Trung Hải")
    # In about an hour, clear of the demo's own entries on the station.
    entries = {code: [seeder.entry(code, item, seeder.free_start(code, now + timedelta(hours=1),
                                                                  item.duration_s))]
               for code, item in (("trung-son", a_item), ("trung-hai", b_item))}
    data = {"server": live_server, "seeder": seeder, "entries": entries,
            "media": {"trung-son": a_item, "trung-hai": b_item},
            "tokens": {code: seeder.token(code) for code in ("trung-son", "trung-hai")}}
    yield data
    seeder.close()
