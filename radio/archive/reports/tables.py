"""The report's tables, defined once: the page, the XLSX workbook and the print HTML all use them,
so the numbers in every format are the same numbers."""

from __future__ import annotations

from dataclasses import dataclass, field

from radio import numbers
from radio.archive.reports.data import ReportData
from radio.clock import zone
from radio.i18n import _


@dataclass
class Table:
    key: str  # sheet/anchor id
    title: str  # sheet name (≤ 31 characters) and heading
    headers: list[str]
    rows: list[list] = field(default_factory=list)
    total: list | None = None
    # per column: "int", "num" (1 decimal), "pct", "dt", "text"
    types: list[str] = field(default_factory=list)
    # A first line saying what the table is (the unit views say which view they are).
    note: str = ""


def kind_label(kind: str) -> str:
    return {"news": _("Tin"), "article": _("Bài"), "report": _("Phóng sự"),
            "jingle": _("Hiệu chuyên mục"), "live": _("Bản ghi phát trực tiếp")}.get(kind, kind)


def station_kind_label(kind: str) -> str:
    return _("Đài huyện") if kind == "district" else _("Trạm xã, thị trấn")


def build_tables(data: ReportData, tz=None) -> list[Table]:
    stations = Table(
        "stations", _("Theo đài trạm"),
        [_("STT"), _("Mã"), _("Đài/trạm"), _("Loại"), _("Số lần phát"), _("Số phút phát"),
         _("Số ngày có phát"), _("Số lần theo lịch"), _("Đã phát theo lịch"), _("Không phát"),
         _("Phát không trọn"), _("Tỷ lệ thực hiện (%)"), _("Ghi thủ công"),
         _("Khẩn cấp: lượt gửi"), _("Khẩn cấp: đã phát"), _("Khẩn cấp: bị lỡ"),
         _("Khẩn cấp: phút đến lượt đầu"), _("Số phút phát trực tiếp")],
        types=["int", "text", "text", "text", "int", "num", "int", "int", "int", "int", "int",
               "pct", "int", "int", "int", "int", "num", "num"])
    for i, r in enumerate(data.stations, 1):
        stations.rows.append([i, r.key, r.name, station_kind_label(r.kind), r.broadcasts,
                              r.minutes, r.days_aired, r.scheduled, r.aired_scheduled, r.missed,
                              r.partial, r.compliance, r.manual, r.emergency_sent,
                              r.emergency_aired, r.emergency_missed,
                              round(r.first_airing_s / 60, 1) if r.first_airing_s is not None
                              else None, r.live_minutes])
    stations.total = ["", "", _("Tổng cộng"), "", data.total_broadcasts, data.total_minutes,
                      "", data.total_scheduled, data.total_aired_scheduled,
                      sum(r.missed for r in data.stations), sum(r.partial for r in data.stations),
                      data.compliance, sum(r.manual for r in data.stations),
                      sum(r.emergency_sent for r in data.stations),
                      sum(r.emergency_aired for r in data.stations),
                      sum(r.emergency_missed for r in data.stations), "",
                      data.total_live_minutes]

    def simple(key, title, first, rows):
        t = Table(key, title, [_("STT"), first, _("Số lần phát"), _("Số phút phát")],
                  types=["int", "text", "int", "num"])
        for i, r in enumerate(rows, 1):
            t.rows.append([i, r.name, r.broadcasts, r.minutes])
        return t

    topics = simple("topics", _("Theo chủ đề"), _("Chủ đề"), data.topics)
    agencies = simple("agencies", _("Theo cơ quan"), _("Cơ quan cung cấp tin"), data.agencies)
    agencies.total = ["", _("Tổng cộng"), sum(r.broadcasts for r in data.agencies),
                      round(sum(r.minutes for r in data.agencies), 1)]
    months = simple("months", _("Theo tháng"), _("Tháng"), data.months)
    months.total = ["", _("Tổng cộng"), sum(r.broadcasts for r in data.months),
                    round(sum(r.minutes for r in data.months), 1)]

    languages = Table("languages", _("Theo ngôn ngữ"),
                      [_("STT"), _("Ngôn ngữ"), _("Lượt phát"), _("Số phút")],
                      types=["int", "text", "int", "num"])
    for i, r in enumerate(data.languages, 1):
        languages.rows.append([i, r.name, r.broadcasts, r.minutes])
    languages.total = ["", _("Tổng cộng"), sum(r.broadcasts for r in data.languages),
                       round(sum(r.minutes for r in data.languages), 1)]

    month_keys = [m.key for m in data.months]
    grid = Table("station_months", _("Đài trạm theo tháng"),
                 [_("Đài/trạm")] + [m.name for m in data.months] + [_("Cộng")],
                 types=["text"] + ["int"] * (len(month_keys) + 1))
    for r in data.stations:
        counts = [data.station_months.get(r.key, {}).get(k, 0) for k in month_keys]
        grid.rows.append([r.name, *counts, sum(counts)])

    items = Table(
        "items", _("Tin bài"),
        [_("STT"), _("Mã tin"), _("Tiêu đề"), _("Loại"), _("Cơ quan cung cấp tin"), _("Chủ đề"),
         _("Thời lượng (giây)"), _("Ngày nhập"), _("Phát lần đầu"), _("Số lần phát"),
         _("Số phút phát"), _("Số đài trạm đã phát"), _("Ngôn ngữ"), _("Số văn bản nguồn"),
         _("Ngày văn bản")],
        types=["int", "int", "text", "text", "text", "text", "num", "dt", "dt", "int", "num",
               "int", "text", "text", "date"])

    for i, r in enumerate(data.items, 1):
        items.rows.append([i, r.id, r.title, kind_label(r.kind), r.agency, r.topics,
                           r.duration_s, _local(r.created_at, tz), _local(r.first_aired, tz),
                           r.broadcasts, r.minutes, r.stations,
                           r.language, r.source_doc_number,
                           r.source_doc_date])
    out = [stations, topics, agencies, months, languages, grid, items]
    if data.units is not None:  # a period across a change of units (reports/units.py)
        from radio.archive.reports.unit_tables import unit_tables

        out += unit_tables(data.units)
    return out


def _local(value, tz):
    if value is None:
        return None
    return value.astimezone(zone(tz)).replace(tzinfo=None)


def format_cell(value, kind: str) -> str:
    """How a cell reads on the page and in print (radio.numbers: "1.202,9", "95,2 %")."""
    if value is None or value == "":
        return "" if kind != "pct" else "—"
    if kind == "num":
        return numbers.number(value, 1)
    if kind == "pct":
        return numbers.percent(value)
    if kind == "int" and isinstance(value, int):
        return numbers.number(value)
    if kind == "date" and hasattr(value, "strftime"):
        return value.strftime("%d/%m/%Y")
    if kind == "dt" and hasattr(value, "strftime"):
        return value.strftime("%d/%m/%Y %H:%M")
    return str(value)
