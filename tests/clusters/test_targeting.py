"""Entries for some clusters of their stations: saved, checked, and said in every playlist."""

from __future__ import annotations

import json
from datetime import date, datetime, time, timedelta

import pytest

from radio.errors import DomainError
from radio.stations import get_station
from schedules.entries import operations as entry_ops
from schedules.entries.operations import ItemEntry
from schedules.entries.validation import ValidationFailed
from schedules.playlists.formats import to_json, to_m3u8, to_xspf
from schedules.playlists.util import playlist_for
from tests.factories.schedules import TZ, free_day

pytestmark = pytest.mark.dates  # reads the clock: `make test-dates` runs it at faked dates


def url(item) -> str:
    return f"http://radio.test/m/{item.media_id or 'r'}.mp3"


def at(day: date, h: int = 17, m: int = 10) -> datetime:
    return datetime.combine(day, time(h, m), tzinfo=TZ)


def items_of(code: str, day: date, entry_ids) -> list[dict]:
    body = to_json(playlist_for(code, day), url)
    return [i for i in body["items"] if i["entry_id"] in set(entry_ids)]


def test_an_entry_for_two_clusters_is_saved_and_its_playlist_names_them(make_cluster,
                                                                        create_media_item):
    one = make_cluster("gio-an", code="gio-an-thon-1", name="Thôn 1")
    two = make_cluster("gio-an", code="gio-an-thon-2", name="Thôn 2")
    make_cluster("gio-an", code="gio-an-thon-3", name="Thôn 3")
    item = create_media_item("Tin cho hai thôn", 60)
    day = free_day(0)
    rows = entry_ops.add_entries(None, stations=[get_station("gio-an")], starts_at=at(day),
                                 media_id=item.id, clusters=["gio-an-thon-2", "gio-an-thon-1"],
                                 confirm=True)
    assert [c.code for c in rows[0].clusters] == ["gio-an-thon-1", "gio-an-thon-2"]
    assert set(rows[0].clusters) == {one, two}
    [entry] = items_of("gio-an", day, [rows[0].id])
    assert entry["clusters"] == [{"code": "gio-an-thon-1", "name": "Thôn 1"},
                                 {"code": "gio-an-thon-2", "name": "Thôn 2"}]
    playlist = playlist_for("gio-an", day)
    m3u = to_m3u8(playlist, url)
    assert "# clusters: gio-an-thon-1 (Thôn 1), gio-an-thon-2 (Thôn 2)" in m3u
    assert "gio-an-thon-3" not in m3u
    assert "<meta rel=\"urn:radio:clusters\">gio-an-thon-1 (Thôn 1), gio-an-thon-2 (Thôn 2)" \
        in to_xspf(playlist, url)


def test_an_entry_without_clusters_is_for_the_whole_station(make_cluster, create_media_item):
    make_cluster("gio-an", code="gio-an-thon-1")
    item = create_media_item("Tin toàn xã", 60)
    day = free_day(0)
    rows = entry_ops.add_entries(None, stations=[get_station("gio-an")], starts_at=at(day),
                                 media_id=item.id, confirm=True)
    assert rows[0].clusters == []
    [entry] = items_of("gio-an", day, [rows[0].id])
    assert entry["clusters"] == []
    assert "# clusters:" not in to_m3u8(playlist_for("gio-an", day), url)


def test_a_cluster_of_another_station_is_refused_with_a_clear_message(make_cluster,
                                                                     create_media_item):
    make_cluster("gio-an", code="gio-an-thon-1")
    make_cluster("gio-hai", code="gio-hai-thon-1", name="Cụm loa thôn 1 Gio Hải")
    item = create_media_item(duration_s=60)
    with pytest.raises(DomainError) as err:
        entry_ops.add_entries(None, stations=[get_station("gio-an")], starts_at=at(free_day(0)),
                              media_id=item.id, clusters=["gio-an-thon-1", "gio-hai-thon-1"],
                              confirm=True)
    assert err.value.code == "cluster_other_station"
    assert err.value.message == ("Cụm loa “Cụm loa thôn 1 Gio Hải” thuộc Xã Gio Hải, không "
                                 "thuộc đài/trạm được chọn (Xã Gio An).")
    with pytest.raises(DomainError) as err:
        entry_ops.add_entries(None, stations=[get_station("gio-an")], starts_at=at(free_day(0)),
                              media_id=item.id, clusters=["khong-co"], confirm=True)
    assert err.value.code == "cluster_not_found"


def test_an_entry_on_two_stations_takes_the_clusters_of_each(make_cluster, create_media_item):
    make_cluster("gio-an", code="gio-an-thon-1")
    make_cluster("gio-hai", code="gio-hai-thon-1")
    make_cluster("gio-hai", code="gio-hai-thon-2")
    item = create_media_item(duration_s=60)
    stations = [get_station(c) for c in ("gio-an", "gio-hai", "gio-mai")]
    rows = entry_ops.add_entries(None, stations=stations, starts_at=at(free_day(0)),
                                 media_id=item.id, confirm=True,
                                 clusters=["gio-hai-thon-2", "gio-an-thon-1"])
    got = {r.station.code: [c.code for c in r.clusters] for r in rows}
    assert got == {"gio-an": ["gio-an-thon-1"], "gio-hai": ["gio-hai-thon-2"], "gio-mai": []}


def test_a_cluster_must_exist_on_every_day_of_the_entry(make_cluster, create_media_item):
    day = free_day(0)
    make_cluster("gio-an", code="gio-an-moi", name="Cụm loa mới", valid_from=day + timedelta(days=1))
    item = create_media_item(duration_s=60)
    with pytest.raises(ValidationFailed) as err:
        entry_ops.add_entries(None, stations=[get_station("gio-an")], starts_at=at(day),
                              media_id=item.id, clusters=["gio-an-moi"], confirm=True,
                              rrule="FREQ=DAILY", until=day + timedelta(days=2))
    assert err.value.code == "cluster_closed"
    assert [i.message for i in err.value.issues if i.code == "cluster_closed"] == [
        f"Cụm loa “Cụm loa mới” của Xã Gio An không hoạt động vào ngày {day:%d/%m/%Y}."]
    # From its first day on, the same choice is accepted.
    rows = entry_ops.add_entries(None, stations=[get_station("gio-an")],
                                 starts_at=at(day + timedelta(days=1)), media_id=item.id,
                                 clusters=["gio-an-moi"], confirm=True)
    assert [c.code for c in rows[0].clusters] == ["gio-an-moi"]


def test_an_emergency_refuses_a_cluster_choice_and_its_playlist_says_all(make_cluster,
                                                                        create_media_item):
    make_cluster("gio-an", code="gio-an-thon-1")
    item = create_media_item("Tin khẩn bão số 5", 60)
    day = free_day(0)
    with pytest.raises(DomainError) as err:
        entry_ops.send_emergency(None, stations=[get_station("gio-an")], media_id=item.id,
                                 at=at(day, 9), clusters=["gio-an-thon-1"])
    assert err.value.code == "emergency_all_clusters"
    assert "luôn phát trên mọi cụm loa" in err.value.message
    rows = entry_ops.send_emergency(None, stations=[get_station("gio-an")], media_id=item.id,
                                    at=at(day, 9))
    assert rows[0].clusters == []
    [entry] = items_of("gio-an", day, [rows[0].id])
    assert entry["priority"] == "emergency" and entry["clusters"] == []
    lines = to_m3u8(playlist_for("gio-an", day), url).splitlines()
    stamp = lines.index(next(line for line in lines if line.endswith(" emergency")))
    assert lines[stamp + 1] == "# clusters: all"


def test_the_bulk_form_and_the_cli_take_clusters(make_cluster, create_media_item, runner):
    make_cluster("gio-an", code="gio-an-thon-1", name="Thôn 1")
    item = create_media_item("Tin CLI", 60)
    day = free_day(0)
    [row] = entry_ops.add_item_entries(None, [ItemEntry(get_station("gio-an"), item, at(day),
                                                        clusters=("gio-an-thon-1",))],
                                       confirm=True)
    assert [c.code for c in row.clusters] == ["gio-an-thon-1"]
    result = runner.invoke(args=["schedule", "add", "--media", str(item.id), "--station",
                                 "gio-an", "--clusters", "gio-an-thon-1", "--at",
                                 f"{day.isoformat()} 17:30", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)[0]["clusters"] == [{"code": "gio-an-thon-1",
                                                         "name": "Thôn 1"}]
    listed = runner.invoke(args=["schedule", "list", "--station", "gio-an", "--date",
                                 day.isoformat()])
    assert "Tin CLI [Thôn 1]" in listed.output
    refused = runner.invoke(args=["schedule", "add", "--media", str(item.id), "--station",
                                  "gio-hai", "--clusters", "gio-an-thon-1", "--at",
                                  f"{day.isoformat()} 17:40"])
    assert refused.exit_code == 1
    assert "không thuộc đài/trạm được chọn (Xã Gio Hải)" in refused.output
