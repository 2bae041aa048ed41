"""One compliance rule: the operator page, the period report and the XLSX count the same
figures, and those figures match a table computed by hand."""

from __future__ import annotations

import io
from datetime import date, datetime, timedelta

import pytest
from openpyxl import load_workbook

from radio.airings import operations as airing_ops
from radio.airings.util import airings_of
from radio.archive.periods import Period
from radio.archive.reports.data import build_report
from radio.archive.reports.xlsx import build_workbook
from radio.asrun import reconcile
from radio.db import db
from radio.models import AiringStatus, EntryKind, Priority, ScheduleEntry
from radio.stations import get_station
from tests.factories.schedules import TZ
from tests.factories.stations import asrun_event

DAY = date(2025, 3, 11)  # long past, on any date the tests run

# Hand-computed from the fixture below.
EXPECTED = {
    #          scheduled aired partial missed manual  %     em.sent em.aired em.missed first(s)
    "gio-an": (4, 2, 1, 1, 1, 75.0, 2, 1, 1, 180.0),
    "gio-hai": (2, 1, 0, 1, 0, 50.0, 0, 0, 0, None),
}


def _at(hh: int, mm: int) -> datetime:
    return datetime(DAY.year, DAY.month, DAY.day, hh, mm, tzinfo=TZ)


@pytest.fixture
def fixture_day(create_media_item, record_asrun):
    item = create_media_item(title="Tin tuân thủ", duration_s=60, topics=("mot-cua",), agency="phong-noi-vu")
    item.created_at = _at(0, 0) - timedelta(days=30)

    def entry(code, hh, mm, priority="normal", cancelled=False, **extra):
        row = ScheduleEntry(station_id=get_station(code).id, kind=EntryKind.item,
                            starts_at=_at(hh, mm), ends_at=_at(hh, mm) + timedelta(seconds=60),
                            priority=Priority(priority), media_item_id=item.id,
                            cancelled_at=_at(hh, mm) - timedelta(hours=1) if cancelled else None,
                            created_at=_at(hh, mm) - timedelta(minutes=1), **extra)
        db.session.add(row)
        db.session.flush()
        return row

    a = entry("gio-an", 8, 0)  # aired
    b = entry("gio-an", 9, 0)  # partial
    entry("gio-an", 10, 0, "priority")  # nothing reported: missed
    entry("gio-an", 11, 0, cancelled=True)  # cancelled first: neither scheduled nor missed
    e = entry("gio-an", 12, 0)  # aired, typed in by an operator
    storm = entry("gio-an", 14, 0, "emergency", repeat_every_s=600,
                  repeat_until=_at(14, 20) + timedelta(seconds=1))  # 14:00, 14:10, 14:20
    first, _second, third = airings_of(storm.id)
    airing_ops.withdraw([storm.id], third.starts_at, AiringStatus.superseded)
    g = entry("gio-hai", 8, 0)  # skipped: missed
    h = entry("gio-hai", 9, 0)  # aired
    assert not record_asrun("gio-an", [asrun_event(a), asrun_event(b, status="partial"),
                                       asrun_event(storm, started_at=_at(14, 2))]).rejected
    assert not record_asrun("gio-an", [asrun_event(e)], manual=True).rejected
    assert not record_asrun("gio-hai", [asrun_event(g, status="skipped"),
                                        asrun_event(h)]).rejected
    assert first.status == AiringStatus.aired
    db.session.commit()


def test_the_operator_figures_match_the_hand_computed_table(fixture_day):
    rows = reconcile.compliance(DAY, DAY, [get_station("gio-an"), get_station("gio-hai")])
    got = {r.station.code: (r.scheduled, r.aired, r.partial, r.missed, r.manual, r.percent,
                            r.emergency_sent, r.emergency_aired, r.emergency_missed,
                            r.first_airing_avg_s) for r in rows}
    assert got == EXPECTED


def test_the_report_and_the_xlsx_match_the_hand_computed_table(fixture_day):
    data = build_report(Period.between(DAY, DAY), station_codes=["gio-an", "gio-hai"])
    got = {r.key: (r.scheduled, r.aired_scheduled, r.missed, r.manual, r.compliance,
                   r.emergency_sent, r.emergency_aired, r.emergency_missed, r.first_airing_s)
           for r in data.stations}
    assert got == {k: (v[0], v[1] + v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9])
                   for k, v in EXPECTED.items()}
    out = io.BytesIO()
    build_workbook(data).save(out)
    ws = load_workbook(io.BytesIO(out.getvalue()))["Theo đài trạm"]
    header = None
    cells = {}
    for row in ws.iter_rows(values_only=True):
        if header is None and "Mã" in row:
            header = list(row)
            continue
        if header and row[header.index("Mã")] in EXPECTED:
            cells[row[header.index("Mã")]] = dict(zip(header, row, strict=False))
    an = cells["gio-an"]
    assert (an["Số lần theo lịch"], an["Đã phát theo lịch"], an["Không phát"],
            an["Ghi thủ công"], an["Khẩn cấp: lượt gửi"], an["Khẩn cấp: bị lỡ"],
            an["Khẩn cấp: phút đến lượt đầu"]) == (4, 3, 1, 1, 2, 1, 3.0)
    assert cells["gio-hai"]["Số lần theo lịch"] == 2


def test_the_operator_page_shows_the_same_figures(fixture_day, login, client):
    login("editor")
    page = client.get(f"/operator/compliance?from={DAY.isoformat()}&to={DAY.isoformat()}")
    assert page.status_code == 200
    row = page.text.split('data-station="gio-an"')[1].split("</tr>")[0]
    cells = [c.split("<")[0] for c in row.split('<td class="num')[1:]]
    cells = [c.split(">", 1)[1] for c in cells]
    assert cells == ["4", "2", "1", "1", "1", "75,0 %", "2", "1", "1", "3,0"]
