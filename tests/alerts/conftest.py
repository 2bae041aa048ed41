"""A small world for the alert tests: a province, a commune and its station "Xã Cửa Việt" with
an evening broadcast window, a clock the test sets, and alert rules enabled only for that
province (the default rows are disabled, so the demo stations raise nothing)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time

import pytest

from radio import clock, stations
from radio.alerts import operations
from radio.alerts.rules import DEFAULTS
from radio.models import AdminUnit, Station
from tests.factories.unit_rows import add_unit

# 20:00 in Asia/Ho_Chi_Minh, a Monday far from the demo data.
NOW = datetime(2031, 3, 10, 13, 0, tzinfo=UTC)


class Clock:
    def __init__(self, at: datetime):
        self.at = at

    def __call__(self) -> datetime:
        return self.at


@dataclass
class World:
    province: AdminUnit
    commune: AdminUnit
    other: AdminUnit
    station: Station
    clock: Clock


@pytest.fixture
def world(db_session, monkeypatch) -> World:
    tick = Clock(NOW)
    monkeypatch.setattr(clock, "now", tick)
    prov = add_unit("T97", "Tỉnh Thử", level="province", unit_type="Tỉnh",
                    valid_from=date(2025, 7, 1), source="test")
    com = add_unit("T97001", "Xã Cửa Việt", parent=prov, valid_from=date(2025, 7, 1),
                   source="test")
    other = add_unit("T97002", "Xã Khác", parent=prov, valid_from=date(2025, 7, 1),
                     source="test")
    st = stations.create_station(None, code="cua-viet-t", name="Xã Cửa Việt", kind="commune",
                                 valid_from=date(2025, 7, 1), windows=[(time(19, 0), 120)],
                                 unit=com)
    st.last_contact_at = NOW
    for kind, (threshold, escalate) in DEFAULTS.items():
        operations.set_rule(None, kind, threshold=threshold, enabled=False, now=NOW)
        operations.set_rule(None, kind, threshold=threshold, unit_code="T97",
                            escalate_minutes=escalate, now=NOW)
    db_session.commit()  # a savepoint: a page request that fails rolls back to here
    return World(prov, com, other, st, tick)


def health(**extra) -> dict:
    """A healthy report (docs/fleet.md), changed by `extra` (top-level keys)."""
    body = {"agent_version": "test", "uptime_s": 100.0, "free_disk_bytes": 50 * 1024 ** 3,
            "cache": {"ready": True, "days": [], "missing": []},
            "player": {"state": "idle", "title": "", "level_db": None, "silence_s": 0.0},
            "volume": 80, "link": {"rtt_ms": 40.0, "failed_1h": 0}, "clock": {"offset_s": 0.2}}
    return body | extra
