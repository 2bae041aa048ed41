"""The network view's lanes: short items are grouped, every block has a minimum width and a
link, emergencies get their own lane."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from radio.stations import get_station
from schedules.entries.calendar import Block
from web.planning.network import MIN_SHARE, network_rows

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
DAY = date(2026, 6, 2)


def _b(h, m, seconds, title, priority="normal", entry_id=None, kind="item"):
    start = datetime(2026, 6, 2, h, m, tzinfo=TZ)
    return Block(start, start + timedelta(seconds=seconds), title, kind, priority, entry_id)


def test_short_items_are_grouped_and_emergencies_have_their_own_lane(app):
    station = get_station("gio-an")
    blocks = [_b(5, 30, 11, "Tin 1", entry_id=1), _b(5, 30, 16, "Tin 2", entry_id=2),
              _b(5, 31, 14, "Tin 3", entry_id=3), _b(9, 0, 7200, "Chuyên mục dài", entry_id=4),
              _b(11, 0, 30, "Bão số 3", "emergency", entry_id=5),
              _b(6, 0, 600, "", kind="gap")]
    with app.test_request_context("/"):
        [row] = network_rows([(station, blocks)], DAY, (5, 19), editor=True)
    group, gap, long_one = row.main  # left to right
    assert group.label == "3 mục" and "group" in group.css and group.width >= MIN_SHARE
    assert group.href == "/planning/stations/gio-an/week?start=2026-06-02"
    assert group.tooltip.splitlines() == ["05:30–05:30 Tin 1", "05:30–05:30 Tin 2",
                                          "05:31–05:31 Tin 3"]
    assert gap.href == "/planning/entries/new?date=2026-06-02&stations=gio-an&time=06:00"
    assert long_one.label == "Chuyên mục dài"
    assert long_one.href == "/planning/stations/gio-an/week?start=2026-06-02#entry-4"
    assert [s.label for s in row.emergency] == ["11:00"]  # too narrow for its title
    assert row.emergency[0].tooltip == "11:00–11:00 Bão số 3"
    assert all(b.priority != "emergency" for s in row.main for b in s.blocks)
    assert [b.title for b, _href in row.listed] == ["Tin 1", "Tin 2", "Tin 3", "Chuyên mục dài",
                                                    "Bão số 3"]
