"""The archive lists as-run per airing: each repeat of an emergency has its own row, state and
events on the station's day page and on the item's evidence card."""

from __future__ import annotations

import re
from datetime import datetime, time, timedelta

import pytest

from radio import clock
from radio.airings import operations as airing_ops
from radio.airings.util import airings_of
from radio.db import db
from radio.models import AiringStatus, EntryKind, Priority, ScheduleEntry
from radio.stations import get_station
from tests.factories.schedules import TZ
from tests.factories.stations import asrun_event

pytestmark = pytest.mark.dates  # reads the clock: `make test-dates` runs it at faked dates

ROW = re.compile(r'<tr class="status-(\w+)" data-airing="(\d+)">(.*?)</tr>', re.S)


def _yesterday_at(hh: int, mm: int) -> datetime:
    return datetime.combine(clock.today(TZ) - timedelta(days=1), time(hh, mm), TZ)


@pytest.fixture
def repeated(create_media_item, record_asrun):
    """Yesterday on Gio Hải: an emergency every 10 minutes from 14:01 to 15:00 (six airings).
    The operator recorded the 14:21 airing by hand; the editor cancelled it from 14:35."""
    item = create_media_item(title="Khẩn: triều cường", duration_s=60)
    item.created_at = _yesterday_at(0, 0)
    entry = ScheduleEntry(station_id=get_station("gio-hai").id, kind=EntryKind.item,
                          starts_at=_yesterday_at(14, 1),
                          ends_at=_yesterday_at(14, 1) + timedelta(seconds=60),
                          priority=Priority.emergency, media_item_id=item.id,
                          repeat_every_s=600, repeat_until=_yesterday_at(15, 0), batch_id="h15b")
    db.session.add(entry)
    db.session.flush()
    airings = airings_of(entry.id)
    result = record_asrun("gio-hai", [asrun_event(
        entry, started_at=airings[2].starts_at + timedelta(seconds=15))], manual=True)
    assert not result.rejected, result.as_dict()
    assert airing_ops.withdraw([entry.id], _yesterday_at(14, 35), AiringStatus.cancelled) == 2
    db.session.commit()
    db.session.expire_all()  # withdraw writes in bulk, past the loaded rows
    return item, airings


EXPECTED = [("14:01", "missed"), ("14:11", "missed"), ("14:21", "aired"), ("14:31", "missed"),
            ("14:41", "cancelled"), ("14:51", "cancelled")]


def _rows(html: str, airings) -> list[tuple[str, str, str]]:
    ids = {str(a.id): a for a in airings}
    return [(ids[aid].starts_at.astimezone(TZ).strftime("%H:%M"), state, body)
            for state, aid, body in ROW.findall(html) if aid in ids]


def test_the_day_page_shows_each_airing_of_a_repeat_with_its_own_status(client, login,
                                                                        repeated):
    _item, airings = repeated
    login("auditor")
    day = _yesterday_at(12, 0).date().isoformat()
    page = client.get(f"/archive/station/gio-hai/day/{day}").get_data(as_text=True)
    rows = _rows(page, airings)
    assert [(t, s) for t, s, _b in rows] == EXPECTED
    labels = [re.search(r'<span class="badge status \w+">([^<]+)</span>', b)[1] for _t, _s, b in rows]
    assert labels == ["Bị lỡ", "Bị lỡ", "Đã phát", "Bị lỡ", "Đã huỷ", "Đã huỷ"]
    aired = rows[2][2]
    assert "thủ công" in aired and "Khẩn: triều cường" in aired
    assert [("thủ công" in b) for _t, _s, b in rows].count(True) == 1
    assert [("Không có báo cáo" in b) for _t, _s, b in rows].count(True) == 3  # the missed ones


def test_the_evidence_card_lists_each_airing_with_its_events(client, login, repeated):
    item, airings = repeated
    login("auditor")
    card = client.get(f"/archive/item/{item.id}").get_data(as_text=True)
    rows = _rows(card, airings)
    assert [(t, s) for t, s, _b in rows] == EXPECTED
    assert all("Xã Gio Hải" in b for _t, _s, b in rows)
    aired = rows[2][2]
    assert aired.count("<li data-seq=") == 1 and "thủ công" in aired
    assert sum(b.count("<li data-seq=") for _t, _s, b in rows) == 1


def test_an_event_not_yet_linked_to_its_airing_is_shown_on_that_airing(client, login,
                                                                       create_media_item, air):
    from sqlalchemy import update

    from radio.models import AsRunEvent

    item = create_media_item("Tin chưa nối lượt phát", 60)
    at = _yesterday_at(7, 30)
    entry, event = air("gio-chau", item, at)
    db.session.execute(update(AsRunEvent).where(AsRunEvent.seq == event.seq)
                       .values(airing_id=None))  # as written before airings existed
    db.session.commit()
    db.session.expire_all()
    login("auditor")
    page = client.get(f"/archive/station/gio-chau/day/{at.date().isoformat()}")
    rows = _rows(page.get_data(as_text=True), airings_of(entry.id))
    assert [(t, s) for t, s, _b in rows] == [("07:30", "aired")]
    assert rows[0][2].count("<li data-seq=") == 1
    assert page.get_data(as_text=True).count("Tin chưa nối lượt phát") == 1
