"""`radio alerts check|list|rule set`."""

from __future__ import annotations

import json

from sqlalchemy import select

from radio.fleet.health import record_health
from radio.models import AlertRule, AuditEntry
from tests.alerts.conftest import NOW, health


def test_check_and_list_json(world, runner):
    record_health(world.station, health(clock={"offset_s": 12.5}), NOW)
    result = runner.invoke(args=["alerts", "check", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == {"opened": 1, "repeated": 0, "escalated": 0,
                                         "closed": 0, "open": 1, "sent": 0, "failed": 0}
    again = json.loads(runner.invoke(args=["alerts", "check", "--json"]).output)
    assert (again["opened"], again["repeated"]) == (0, 1)
    listed = json.loads(runner.invoke(args=["alerts", "list", "--open", "--json"]).output)
    mine = [a for a in listed if a["station"] == "cua-viet-t"]
    assert [(a["kind"], a["level"], a["unit"], a["message"], a["closed_at"]) for a in mine] == [
        ("clock_off", "warning", "T97001", "Trạm Xã Cửa Việt: đồng hồ lệch +12,5 giây.", None)]
    text = runner.invoke(args=["alerts", "check"]).output
    assert text.startswith("Mới: 0, lặp lại: 1, nâng mức: 0, đã đóng: 0, đang mở: 1")


def test_rule_set(world, runner, db_session):
    result = runner.invoke(args=["alerts", "rule", "set", "clock_off", "--threshold", "20",
                                 "--unit", "T97001", "--escalate", "45"])
    assert result.exit_code == 0, result.output
    assert result.output.strip() == "Đã đặt clock_off: ngưỡng 20, nâng mức sau 45 phút (T97001)."
    row = db_session.scalar(select(AlertRule).where(AlertRule.kind == "clock_off",
                                                    AlertRule.unit_id == world.commune.id))
    assert (row.threshold, row.escalate_minutes) == (20.0, 45)
    audit = db_session.scalar(select(AuditEntry).where(AuditEntry.action == "alert_rule.update")
                              .order_by(AuditEntry.id.desc()).limit(1))
    assert (audit.object_type, audit.object_id) == ("alert_rule", str(row.id))
    bad = runner.invoke(args=["alerts", "rule", "set", "clock_off", "--threshold", "5",
                              "--unit", "KHONG-CO"])
    assert bad.exit_code == 1
    assert "Không có đơn vị mã KHONG-CO." in bad.output


def test_job_registered_every_minute(app):
    assert app.extensions["radio.jobs"]["alerts_check"] == {
        "func": "radio.alerts.jobs:alerts_check_job", "minutes": 1}
