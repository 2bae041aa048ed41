"""POST /api/v1/stations/<code>/receipts over real HTTP: 422 on a bad body, 404 for an entry
that is not this station's emergency, a repeat answered 200 that changes nothing."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from radio import clock
from radio.models import EmergencyReceipt
from tests.stations.conftest import http

pytestmark = pytest.mark.dates  # reads the clock: `make test-dates` runs it at faked dates


@pytest.fixture(scope="module")
def sent(fleet):
    seeder = fleet["seeder"]
    item = seeder.media(5.0, 880, "Tin khẩn cấp thử: lũ")
    mine = seeder.emergency("gio-an", item)
    other = seeder.emergency("gio-mai", item)
    normal = seeder.entry("gio-an", item, seeder.free_start(
        "gio-an", clock.now().replace(microsecond=0) + timedelta(hours=2), 5.0))
    yield {"mine": mine, "other": other, "normal": normal}
    seeder.cancel(mine, other, normal)


def post(fleet, body, code="gio-an"):
    return http("POST", f"{fleet['server'].url}/api/v1/stations/{code}/receipts",
                token=fleet["tokens"][code], body=body)


def stored(fleet) -> int:
    fleet["seeder"].refresh()
    return fleet["seeder"].session.scalar(select(func.count()).select_from(EmergencyReceipt))


AT = "2026-12-04T10:00:05+07:00"


@pytest.mark.parametrize("body, field", [
    ({"status": "received", "at": AT}, "entry_id"),
    ({"entry_id": "x", "status": "received", "at": AT}, "entry_id"),
    ({"entry_id": 0, "status": "received", "at": AT}, "entry_id"),
    ({"entry_id": None, "status": "played", "at": AT}, "entry_id"),
    ({"entry_id": 1, "status": "played", "at": AT}, "status"),
    ({"entry_id": 1, "status": "started"}, "at"),
    ({"entry_id": 1, "status": "started", "at": "hôm qua"}, "at"),
    ({"entry_id": 1, "status": "started", "at": "2026-12-04T10:00:05"}, "at"),  # no offset
    ({"entry_id": 1, "status": "started", "at": AT, "clusters": "gio-an-thon-1"}, "clusters"),
    ({"entry_id": 1, "status": "started", "at": AT, "clusters": [3]}, "clusters"),
])
def test_a_bad_body_is_refused_with_422_and_nothing_is_stored(fleet, sent, body, field):
    before = stored(fleet)
    resp = post(fleet, body)
    assert resp.status == 422, resp.body
    error = resp.json()["error"]
    assert error["code"] == "invalid_field"
    assert error["field"] == field
    assert stored(fleet) == before


def test_a_body_that_is_not_json_is_422(fleet, sent):
    resp = http("POST", f"{fleet['server'].url}/api/v1/stations/gio-an/receipts",
                token=fleet["tokens"]["gio-an"], body=[1, 2])
    assert resp.status == 422
    assert resp.json()["error"]["code"] == "invalid_json"


def test_an_unknown_cluster_is_refused_and_nothing_is_stored(fleet, sent):
    before = stored(fleet)
    resp = post(fleet, {"entry_id": sent["mine"].id, "status": "received", "at": AT,
                        "clusters": ["gio-an-thon-1", "gio-an-thon-9"]})
    assert resp.status == 422
    assert resp.json()["error"]["field"] == "clusters"
    assert resp.json()["error"]["message"] == "Trạm không có cụm loa gio-an-thon-9."
    assert stored(fleet) == before


def test_an_entry_that_is_not_this_stations_emergency_is_404(fleet, sent):
    before = stored(fleet)
    for entry_id in (sent["other"].id, sent["normal"].id, 999_999):
        resp = post(fleet, {"entry_id": entry_id, "status": "received", "at": AT})
        assert resp.status == 404, entry_id
        error = resp.json()["error"]
        assert error["code"] == "emergency_not_found"
        assert error["message"] == f"Không có tin khẩn cấp số {entry_id} của trạm này."
    assert stored(fleet) == before


def test_a_station_cannot_report_for_another_station(fleet, sent):
    resp = http("POST", f"{fleet['server'].url}/api/v1/stations/gio-mai/receipts",
                token=fleet["tokens"]["gio-an"],
                body={"entry_id": sent["other"].id, "status": "received", "at": AT})
    assert resp.status == 403
    assert resp.json()["error"]["code"] == "station_forbidden"


def test_each_step_is_kept_once_and_a_repeat_changes_nothing(fleet, sent):
    entry_id = sent["mine"].id
    first = post(fleet, {"entry_id": entry_id, "status": "received", "at": AT,
                         "clusters": ["gio-an-thon-1"]})
    assert first.status == 200
    assert first.json() == {"entry_id": entry_id, "status": "received", "changed": True,
                            "receipts": [{"cluster": "gio-an-thon-1",
                                          "received_at": "2026-12-04T03:00:05+00:00",
                                          "started_at": None, "finished_at": None}]}
    # The same step again, later: answered 200, the first time stays.
    again = post(fleet, {"entry_id": entry_id, "status": "received",
                         "at": "2026-12-04T10:00:09+07:00", "clusters": ["gio-an-thon-1"]})
    assert again.status == 200
    assert again.json()["changed"] is False
    assert again.json()["receipts"] == first.json()["receipts"]
    # The whole station (no clusters) is a row of its own; the next step fills its own column.
    whole = post(fleet, {"entry_id": entry_id, "status": "started", "at": AT})
    assert whole.status == 200
    assert whole.json()["receipts"] == [{"cluster": None, "received_at": None,
                                         "started_at": "2026-12-04T03:00:05+00:00",
                                         "finished_at": None}]
    seeder = fleet["seeder"]
    seeder.refresh()
    rows = seeder.session.scalars(select(EmergencyReceipt).where(
        EmergencyReceipt.entry_id == entry_id).order_by(EmergencyReceipt.cluster_code)).all()
    assert [(r.cluster_code, r.batch_id, r.received_at is not None, r.started_at is not None,
             r.finished_at) for r in rows] == [
        ("", sent["mine"].batch_id, False, True, None),
        ("gio-an-thon-1", sent["mine"].batch_id, True, False, None)]
