"""`radio cluster list|add` in-process: output, --json, exit codes and messages."""

from __future__ import annotations

import json


def test_cluster_add_then_list_as_text_and_json(runner):
    added = runner.invoke(args=[
        "cluster", "add", "--station", "gio-my", "--code", "gio-my-thon-3",
        "--name", "Cụm loa thôn 3", "--covers", "Thôn 3, xã Gio Mỹ cũ", "--technology", "fm",
        "--lat", "16.95", "--lon", "107.1", "--speakers", "9", "--from", "01/07/2025"])
    assert added.exit_code == 0, added.output
    assert "Đã thêm cụm loa Cụm loa thôn 3 (gio-my-thon-3) của Xã Gio Mỹ." in added.output
    runner.invoke(args=["cluster", "add", "--station", "gio-an", "--code", "gio-an-thon-1",
                        "--name", "Cụm loa thôn 1", "--from", "2025-07-01"])
    text = runner.invoke(args=["cluster", "list", "--station", "gio-my"])
    assert text.exit_code == 0
    assert "gio-my-thon-3" in text.output and "gio-an-thon-1" not in text.output
    assert "fm" in text.output and "9 loa" in text.output and "01/07/2025–…" in text.output
    rows = json.loads(runner.invoke(args=["cluster", "list", "--json"]).output)
    mine = {r["code"]: r for r in rows}
    assert mine["gio-my-thon-3"] == {
        "code": "gio-my-thon-3", "name": "Cụm loa thôn 3", "station": "gio-my",
        "covers": "Thôn 3, xã Gio Mỹ cũ", "technology": "fm", "latitude": 16.95,
        "longitude": 107.1, "speakers": 9, "valid_from": "2025-07-01", "valid_to": None}
    assert mine["gio-an-thon-1"]["technology"] == "wired"  # the default


def test_cluster_add_with_a_wrong_value_exits_1_with_the_message(runner):
    result = runner.invoke(args=["cluster", "add", "--station", "gio-my", "--code", "gio-my-x",
                                 "--name", "X", "--lat", "16.9", "--lon", "200"])
    assert result.exit_code == 1
    assert "Lỗi: Kinh độ 200 nằm ngoài khoảng −180 đến 180." in result.output
    result = runner.invoke(args=["cluster", "add", "--station", "khong-co", "--code", "abc",
                                 "--name", "X"])
    assert result.exit_code == 1
    assert "Không có đài/trạm mã “khong-co”." in result.output
    codes = {r["code"] for r in json.loads(runner.invoke(args=["cluster", "list", "--json"]).output)}
    assert "gio-my-x" not in codes and "abc" not in codes


def test_cluster_list_of_an_unknown_station_exits_1(runner):
    result = runner.invoke(args=["cluster", "list", "--station", "khong-co"])
    assert result.exit_code == 1
    assert "Không có đài/trạm mã “khong-co”." in result.output
