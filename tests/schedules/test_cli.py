"""`radio schedule add|list` and `radio playlist` in-process: same checks, exit codes, JSON."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest

from radio.db import db
from tests.factories.schedules import next_weekday

pytestmark = pytest.mark.dates  # reads the clock: `make test-dates` runs it at faked dates


def test_schedule_add_with_a_rule_on_two_stations_prints_json(runner, create_media_item):
    item = create_media_item("Tin lặp hằng ngày", 60)
    day = next_weekday(3)
    result = runner.invoke(args=[
        "schedule", "add", "--media", str(item.id), "--station", "gio-an,gio-hai",
        "--at", f"{day.isoformat()} 05:40", "--rrule", "FREQ=DAILY",
        "--until", (day + timedelta(days=2)).isoformat(), "--json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert len(rows) == 6
    assert {r["station"] for r in rows} == {"gio-an", "gio-hai"}
    assert {r["starts_at"][11:] for r in rows} == {"05:40:00+07:00"}
    listed = runner.invoke(args=["schedule", "list", "--station", "gio-hai", "--date",
                                 (day + timedelta(days=1)).strftime("%d/%m/%Y")])
    assert "05:40–05:41 normal    item      Tin lặp hằng ngày" in listed.output


def test_schedule_add_outside_the_windows_needs_yes(runner, create_media_item):
    item = create_media_item("Tin buổi trưa", 60)
    db.session.commit()  # the refused command rolls back its own work only
    day = next_weekday(3)
    args = ["schedule", "add", "--media", str(item.id), "--all-communes", "--at",
            f"{day.isoformat()} 12:00"]
    refused = runner.invoke(args=args)
    assert refused.exit_code == 1
    assert "Cảnh báo:" in refused.output and "ngoài khung giờ phát" in refused.output
    assert "--yes" in refused.output
    accepted = runner.invoke(args=args + ["--yes"])
    assert accepted.exit_code == 0, accepted.output
    assert "Đã thêm 17 lịch phát." in accepted.output


def test_playlist_command_prints_m3u8_for_a_station(runner, create_media_item):
    item = create_media_item("Tin phát sáng", 42)
    day = next_weekday(4)
    assert runner.invoke(args=["schedule", "add", "--media", str(item.id), "--station", "gio-my",
                               "--at", f"{day.isoformat()} 05:45"]).exit_code == 0
    out = runner.invoke(args=["playlist", "gio-my", "--date", day.isoformat(), "--format",
                              "m3u8", "--base-url", "http://radio.example"]).output
    lines = out.splitlines()
    assert lines[0] == "#EXTM3U"
    i = lines.index("#EXTINF:42,Tin phát sáng")
    assert lines[i + 1].startswith("http://radio.example/api/v1/signed/")


def test_unknown_station_exits_1_with_a_vietnamese_message(runner):
    result = runner.invoke(args=["schedule", "list", "--station", "khong-co", "--date",
                                 "2026-12-01"])
    assert result.exit_code == 1
    assert "Không có đài/trạm mã “khong-co”." in result.output
