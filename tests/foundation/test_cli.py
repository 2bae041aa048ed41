"""The core CLI: listings other commands take their slugs from, and user creation."""

from __future__ import annotations

import json

from radio.accounts.operations import authenticate
from radio.accounts.util import get_user


def test_station_list_json_gives_the_eighteen_demo_codes_district_first(runner):
    result = runner.invoke(args=["station", "list", "--json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert len(rows) == 18
    assert rows[0] == {"code": "huyen-gio-linh", "name": "Đài truyền thanh huyện Gio Linh",
                       "kind": "district", "level": "district", "unit_code": None,
                       "unit_name": None, "valid_from": "2020-01-01", "valid_to": None,
                       "merged_into": None, "clusters": 0, "windows": "05:30+60, 17:00+60"}
    assert {"tt-gio-linh", "tt-cua-viet", "gio-an", "trung-son"} <= {r["code"] for r in rows}


def test_station_list_text_shows_code_kind_windows_and_name(runner):
    lines = runner.invoke(args=["station", "list"]).stdout.splitlines()
    assert lines[0].split()[:2] == ["huyen-gio-linh", "district"]
    assert any(line.startswith("gio-an") and line.endswith("Xã Gio An") for line in lines)


def test_topic_and_agency_lists_give_slugs(runner):
    topics = json.loads(runner.invoke(args=["topic", "list", "--json"]).stdout)
    agencies = json.loads(runner.invoke(args=["agency", "list", "--json"]).stdout)
    assert len(topics) == 10 and topics[0]["slug"] == "chu-truong-chinh-sach"
    assert {"slug": "phong-noi-vu", "name": "Phòng Nội vụ"} in agencies
    assert len(agencies) == 7
    plain = runner.invoke(args=["topic", "list"]).stdout
    assert "mot-cua" in plain and "Cơ chế một cửa, một cửa liên thông" in plain


def test_user_add_reads_the_password_from_a_prompt_twice(runner):
    result = runner.invoke(args=["user", "add", "lethic", "--role", "auditor"],
                           input="mat-khau-du-dai\nmat-khau-du-dai\n")
    assert result.exit_code == 0, result.output
    assert get_user("lethic").role.value == "auditor"
    assert authenticate("lethic", "mat-khau-du-dai").username == "lethic"


def test_user_add_refuses_an_existing_username(runner):
    result = runner.invoke(args=["user", "add", "editor", "--role", "editor",
                                 "--password-stdin"], input="mat-khau-du-dai\n")
    assert result.exit_code == 1
    assert result.stderr.strip() == "Lỗi: Tên đăng nhập “editor” đã tồn tại."


def test_help_lists_the_core_commands(runner):
    out = runner.invoke(args=["--help"]).stdout
    for command in ("init", "serve", "user", "station", "topic", "agency"):
        assert f"  {command}" in out
