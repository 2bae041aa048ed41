"""`radio cluster update|end` in-process: audited changes, --json, exit codes and messages."""

from __future__ import annotations

import json

from sqlalchemy import select

from radio.db import db
from radio.models import AuditEntry


def _audits(code: str) -> list[AuditEntry]:
    return list(db.session.scalars(select(AuditEntry).where(
        AuditEntry.object_type == "cluster", AuditEntry.object_id == code)
        .order_by(AuditEntry.id)))


def _add(runner, code: str = "gio-my-thon-4") -> None:
    added = runner.invoke(args=["cluster", "add", "--station", "gio-my", "--code", code,
                                "--name", "Cụm loa thôn 4", "--from", "01/07/2025"])
    assert added.exit_code == 0, added.output


def test_cluster_update_changes_what_is_given_and_is_audited(runner):
    _add(runner)
    result = runner.invoke(args=["cluster", "update", "gio-my-thon-4", "--name", "Cụm loa thôn 4A",
                                 "--technology", "ip", "--lat", "16.9", "--lon", "107.05",
                                 "--speakers", "7"])
    assert result.exit_code == 0, result.output
    assert "Đã sửa cụm loa Cụm loa thôn 4A (gio-my-thon-4)." in result.output
    shown = json.loads(runner.invoke(args=["cluster", "update", "gio-my-thon-4", "--covers",
                                           "Thôn 4, xã Gio Mỹ cũ", "--json"]).output)
    assert shown == {
        "code": "gio-my-thon-4", "name": "Cụm loa thôn 4A", "station": "gio-my",
        "covers": "Thôn 4, xã Gio Mỹ cũ", "technology": "ip", "latitude": 16.9,
        "longitude": 107.05, "speakers": 7, "valid_from": "2025-07-01", "valid_to": None}
    rows = _audits("gio-my-thon-4")
    assert [r.action for r in rows] == ["cluster.create", "cluster.update", "cluster.update"]
    assert rows[1].before["technology"] == "wired" and rows[1].after["technology"] == "ip"


def test_cluster_update_with_a_wrong_value_exits_1_and_changes_nothing(runner):
    _add(runner)
    result = runner.invoke(args=["cluster", "update", "gio-my-thon-4", "--lat", "95",
                                 "--lon", "107"])
    assert result.exit_code == 1
    assert "Vĩ độ 95 nằm ngoài khoảng −90 đến 90." in result.output
    missing = runner.invoke(args=["cluster", "update", "khong-co", "--name", "X"])
    assert missing.exit_code == 1 and "Không có cụm loa mã “khong-co”." in missing.output
    row = json.loads(runner.invoke(args=["cluster", "list", "--station", "gio-my", "--json"])
                     .output)
    mine = next(r for r in row if r["code"] == "gio-my-thon-4")
    assert mine["latitude"] is None
    assert [r.action for r in _audits("gio-my-thon-4")] == ["cluster.create"]


def test_cluster_end_sets_the_last_day_once(runner):
    _add(runner)
    ended = runner.invoke(args=["cluster", "end", "gio-my-thon-4", "--on", "31/12/2025"])
    assert ended.exit_code == 0, ended.output
    assert "Cụm loa Cụm loa thôn 4 (gio-my-thon-4) ngừng hoạt động sau ngày 31/12/2025." \
        in ended.output
    assert _audits("gio-my-thon-4")[-1].action == "cluster.end"
    again = runner.invoke(args=["cluster", "end", "gio-my-thon-4", "--on", "2026-01-31"])
    assert again.exit_code == 1 and "đã ngừng hoạt động từ ngày 31/12/2025" in again.output
    _add(runner, "gio-my-thon-5")
    early = runner.invoke(args=["cluster", "end", "gio-my-thon-5", "--on", "2025-06-30",
                                "--json"])
    assert early.exit_code == 1 and "phải sau ngày bắt đầu (01/07/2025)" in early.output
    shown = json.loads(runner.invoke(args=["cluster", "end", "gio-my-thon-5", "--on",
                                           "2026-02-01", "--json"]).output)
    assert shown["valid_to"] == "2026-02-01"
    assert runner.invoke(args=["cluster", "end", "gio-my-thon-5"]).exit_code == 2  # --on
