"""Back up a live server while stations post as-run events, restore it elsewhere, compare."""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

import pytest
from sqlalchemy import create_engine, text

from radio import clock
from radio.config import normalise_database_url
from tests.dbutil import drop_database, fresh_database_url
from tests.factories.stations import LiveSeeder, asrun_event
from tests.live import LiveServer
from tests.stations.conftest import http

pytestmark = pytest.mark.dates  # reads the clock: `make test-dates` runs it at faked dates

STATION = "trung-son"
UPLOAD_S = 60  # at most; the uploader stops once batches were acknowledged after the backup
BATCHES_BEFORE = 6  # acknowledged batches before the backup starts
BATCHES_AFTER = 3  # and after it ended


def _playlist(server, token, day):
    resp = http("GET", f"{server.url}/api/v1/stations/{STATION}/playlist?date={day.isoformat()}",
                token=token)
    assert resp.status == 200, resp.body
    items = resp.json()["items"]
    for item in items:  # the host differs between the two servers; path and signature do not
        if item["url"]:
            parts = urlsplit(item["url"])
            item["url"] = f"{parts.path}?{parts.query}"
    return items


def _events(url: str) -> dict[str, tuple[int, str]]:
    engine = create_engine(normalise_database_url(url))
    try:
        with engine.connect() as conn:
            rows = conn.execute(text("SELECT event_uuid, seq, row_hash FROM asrun_events"))
            return {r[0]: (r[1], r[2]) for r in rows}
    finally:
        engine.dispose()


class Uploader(threading.Thread):
    """Posts small as-run batches until told to stop (at most UPLOAD_S seconds); records what the
    server acknowledged."""

    def __init__(self, server, token):
        super().__init__(daemon=True)
        self.server, self.token = server, token
        self.acked: list[tuple[float, list[str]]] = []  # (monotonic time of the answer, ids)
        self.errors: list[str] = []
        self.stop_after: float | None = None  # stop once BATCHES_AFTER were acked after this

    def done(self) -> bool:
        return self.stop_after is not None and sum(
            t > self.stop_after for t, _ in self.acked) >= BATCHES_AFTER

    def wait_for(self, batches: int) -> None:
        deadline = time.monotonic() + UPLOAD_S
        while len(self.acked) < batches and not self.errors and time.monotonic() < deadline:
            time.sleep(0.05)

    def run(self):
        end = time.monotonic() + UPLOAD_S
        base = clock.now().replace(microsecond=0) - timedelta(days=1)
        n = 0
        while time.monotonic() < end and not self.done():
            batch = [asrun_event(None, started_at=base + timedelta(seconds=n + i))
                     for i in range(3)]
            n += 3
            resp = http("POST", f"{self.server.url}/api/v1/stations/{STATION}/asrun",
                        token=self.token, body={"events": batch})
            if resp.status == 200:
                self.acked.append((time.monotonic(), [e["id"] for e in batch]))
            else:
                self.errors.append(f"{resp.status} {resp.body[:200]!r}")


def test_a_backup_during_asrun_uploads_restores_a_server_with_the_same_data(
        make_live_server, tmp_path):
    # No demo: the station, its entries and the uploads are the data that must survive.
    source = make_live_server(demo_data=False)
    source.cli("station", "add", STATION, "--name", "Xã Trung Sơn")
    seeder = LiveSeeder(source, tmp_path)
    day = (clock.now() + timedelta(days=5)).date()
    item = seeder.media(2.0, 523, "Bản tin sao lưu")
    starts = datetime.combine(day, datetime.min.time(), UTC) + timedelta(hours=2)
    for k in range(3):
        seeder.entry(STATION, item, starts + timedelta(minutes=10 * k))
    token = seeder.token(STATION)  # before the server starts (see test_agent_e2e)
    seeder.close()
    source.start()
    today = clock.now().date()
    before = {d: _playlist(source, token, d) for d in (today, day)}
    assert len(before[day]) >= 3

    uploader = Uploader(source, token)
    uploader.start()
    uploader.wait_for(BATCHES_BEFORE)
    out = tmp_path / "backup"
    backup_started = time.monotonic()
    source.cli("backup", "--out", str(out))
    backup_ended = time.monotonic()
    uploader.stop_after = backup_ended
    uploader.join(UPLOAD_S + 30)
    assert not uploader.is_alive()
    assert not uploader.errors, uploader.errors[:3]
    acked_before = [ids for t, ids in uploader.acked if t < backup_started]
    assert len(acked_before) > 5 and any(t > backup_ended for t, _ in uploader.acked)
    assert source.cli("backup", "--verify", str(out)).returncode == 0

    folder = tmp_path / "restored"
    folder.mkdir()
    url = fresh_database_url(folder, "restored")
    restored = LiveServer(folder, url)
    try:
        result = restored.cli("restore", str(out))
        assert "Đã khôi phục" in result.stdout
        restored.start()
        for d, items in before.items():
            assert _playlist(restored, token, d) == items, d
        media_url = next(i["url"] for i in before[day] if i["url"])
        audio = http("GET", restored.url + media_url)
        assert audio.status == 200 and len(audio.body) > 1000
        check = restored.cli("archive", "verify", check=False)
        assert check.returncode == 0, check.stdout + check.stderr

        original, copy = _events(source.env["DATABASE_URL"]), _events(url)
        for ids in acked_before:
            assert all(i in copy for i in ids)
        for _t, ids in uploader.acked:  # a batch is all there or not at all
            assert len({i in copy for i in ids}) == 1, ids
        assert all(original[i] == copy[i] for i in copy)  # same seq and chain hash
    finally:
        restored.stop()
        drop_database(url)
