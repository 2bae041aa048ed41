"""The pure playlist builder and its formats: times, priorities, emergencies, determinism."""

from __future__ import annotations

import json
import random
import xml.etree.ElementTree as ET
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from schedules.playlists.builder import (
    EntryData,
    MediaRef,
    StationInfo,
    build_playlist,
    make_playlist,
)
from schedules.playlists.formats import to_json, to_m3u8, to_xspf

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
DAY = date(2026, 12, 1)
STATION = StationInfo(1, "gio-an", "Xã Gio An")
NS = {"x": "http://xspf.org/ns/0/"}


def at(h, m=0, s=0) -> datetime:
    return datetime(2026, 12, 1, h, m, s, tzinfo=TZ).astimezone(UTC)


def media(i, seconds=60.0):
    return MediaRef(i, f"Tin số {i}, “CCHC”", seconds, f"{i:064x}")


def url(item):
    if item.kind == "relay":  # a relayed station's stream, as media.streams.urls builds it
        return f"http://127.0.0.1:8000/{item.relay_station}.mp3?token=l.grant"
    return f"http://127.0.0.1/m/{item.media_id}.mp3"


def sample_entries():
    return [
        EntryData(1, "programme", "normal", at(17, 15), at(17, 30), "Chuyên mục CCHC",
                  (media(1), media(2, 120), media(3, 90))),
        EntryData(2, "item", "priority", at(17, 16), at(17, 17), "Thông báo", (media(4),)),
        EntryData(3, "item", "emergency", at(16), at(16, 1), "Tin bão", (media(5),),
                  repeat_every_s=3600, stop_at=at(18, 30)),
        EntryData(4, "relay", "normal", at(5, 30), at(6), "Tiếp âm huyện",
                  relay_station="huyen-gio-linh"),
        EntryData(5, "item", "normal", at(6, 10), at(6, 11), "Tin sáng", (media(6),)),
    ]


def test_items_carry_local_times_in_ho_chi_minh():
    items = build_playlist(STATION, DAY, sample_entries())
    first = items[0]
    assert first.starts_at.utcoffset() == timedelta(hours=7)
    assert first.starts_at.strftime("%H:%M") == "05:30"
    assert at(5, 30).hour == 22  # stored in UTC: the previous evening


def test_an_entry_early_in_the_local_day_belongs_to_that_day_not_the_utc_one():
    early = EntryData(9, "item", "normal", at(0, 30), at(0, 31), "Nửa đêm", (media(9),))
    assert [i.entry_id for i in build_playlist(STATION, DAY, [early])] == [9]
    assert build_playlist(STATION, DAY - timedelta(days=1), [early]) == []


def test_same_playlist_for_shuffled_input():
    entries = sample_entries()
    expected = build_playlist(STATION, DAY, entries)
    rng = random.Random(4)
    for _ in range(20):
        shuffled = entries[:]
        rng.shuffle(shuffled)
        assert build_playlist(STATION, DAY, shuffled) == expected


def test_priority_item_goes_ahead_and_normal_items_are_pushed_after_it():
    items = build_playlist(STATION, DAY, sample_entries())
    afternoon = [(i.starts_at.strftime("%H:%M:%S"), i.media_id, i.priority, i.shifted_s)
                 for i in items if i.starts_at.hour == 17 and i.starts_at.minute >= 15]
    assert afternoon == [("17:15:00", 1, "normal", 0.0), ("17:16:00", 4, "priority", 0.0),
                         ("17:17:00", 2, "normal", 60.0), ("17:19:00", 3, "normal", 0.0)]


def test_emergency_repeats_on_its_interval_until_stopped():
    items = [i for i in build_playlist(STATION, DAY, sample_entries()) if i.priority == "emergency"]
    assert [(i.starts_at.strftime("%H:%M"), i.repeat) for i in items] == [
        ("16:00", 0), ("17:00", 1), ("18:00", 2)]


def test_emergency_preempts_a_normal_item_at_the_same_time():
    entries = [EntryData(1, "item", "normal", at(9), at(9, 2), "Thường", (media(1, 120),)),
               EntryData(2, "item", "emergency", at(9), at(9, 1), "Khẩn", (media(2),))]
    items = build_playlist(STATION, DAY, entries)
    assert [(i.priority, i.starts_at.strftime("%H:%M")) for i in items] == [
        ("emergency", "09:00"), ("normal", "09:01")]


def test_a_repeating_emergency_from_yesterday_continues_today_until_superseded():
    started = at(22) - timedelta(days=1)
    entry = EntryData(7, "item", "emergency", started, started + timedelta(minutes=1), "Bão",
                      (media(7),), repeat_every_s=2 * 3600, stop_at=at(9, 30))
    items = build_playlist(STATION, DAY, [entry])
    assert [i.starts_at.strftime("%H:%M") for i in items] == ["00:00", "02:00", "04:00",
                                                              "06:00", "08:00"]


def test_cancelled_entry_is_left_out():
    entry = replace(sample_entries()[4], cancelled=True)
    assert build_playlist(STATION, DAY, [entry]) == []


def test_xspf_parses_and_matches_json_entry_by_entry():
    playlist = make_playlist(STATION, DAY, sample_entries(), now=at(16, 30))
    data = to_json(playlist, url)
    root = ET.fromstring(to_xspf(playlist, url))
    assert root.get("version") == "1"
    tracks = root.findall("x:trackList/x:track", NS)
    assert len(tracks) == len(data["items"])
    for track, item in zip(tracks, data["items"], strict=True):
        assert track.findtext("x:title", namespaces=NS) == item["title"]
        assert int(track.findtext("x:duration", namespaces=NS)) == round(item["duration_s"] * 1000)
        assert track.findtext("x:location", namespaces=NS) == item["url"]
        start = track.find("x:meta[@rel='urn:radio:start']", NS).text
        assert start == item["starts_at"]
    json.dumps(data)  # serialisable


def test_m3u8_lists_every_playable_item_with_extinf_and_absolute_urls():
    playlist = make_playlist(STATION, DAY, sample_entries())
    text = to_m3u8(playlist, url)
    lines = text.splitlines()
    assert lines[0] == "#EXTM3U"
    extinf = [i for i, line in enumerate(lines) if line.startswith("#EXTINF:")]
    playable = list(playlist.items)  # a relay of a station is its stream, never a comment
    assert any(i.kind == "relay" for i in playable)
    assert len(extinf) == len(playable)
    for idx, item in zip(extinf, playable, strict=True):
        assert lines[idx] == f"#EXTINF:{round(item.duration_s)},{item.title}"
        assert lines[idx + 1] == url(item)
    assert lines[-1] == "#EXT-X-ENDLIST"
    text.encode("utf-8")


def test_etag_is_stable_and_changes_when_anything_changes():
    entries = sample_entries()
    first = make_playlist(STATION, DAY, entries, now=at(12))
    again = make_playlist(STATION, DAY, list(reversed(entries)), now=at(12, 5))
    assert first.etag == again.etag
    longer = entries[:4] + [replace(entries[4], media=(media(6, 61.0),))]
    assert make_playlist(STATION, DAY, longer, now=at(12)).etag != first.etag
    retitled = entries[:4] + [replace(entries[4], media=(replace(media(6), title="Khác"),))]
    assert make_playlist(STATION, DAY, retitled, now=at(12)).etag != first.etag
    # An emergency becoming active changes it as well.
    assert make_playlist(STATION, DAY, entries, now=at(16, 0, 30)).etag != first.etag


def test_active_emergency_is_reported_until_its_stop_time():
    entries = sample_entries()
    assert make_playlist(STATION, DAY, entries, now=at(17)).emergency["entry_id"] == 3
    assert make_playlist(STATION, DAY, entries, now=at(18, 31)).emergency is None
