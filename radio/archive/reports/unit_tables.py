"""The report's tables by administrative unit: the units of the day, today's units, and the
mapping between them. Each says in its first line (`note`) which view it is; the page shows one
view at a time (?view=units_then|units_now), the XLSX and the print page all three."""

from __future__ import annotations

from radio.archive.reports.tables import Table
from radio.archive.reports.units import UnitRow, UnitViews
from radio.i18n import _

VIEWS = ("units_then", "units_now")
KINDS = {"merge": "Nhập", "partial": "Nhập một phần", "rename": "Đổi tên"}


def _d(day) -> str:
    return day.strftime("%d/%m/%Y") if day else ""


def _unit_name(row: UnitRow) -> str:
    return row.label.name if not row.label.station else \
        _("%(name)s (chưa gắn đơn vị hành chính)", name=row.label.name)


def _editions(days) -> str:
    return ", ".join(_d(d) for d in sorted(days))


def _figures(row: UnitRow) -> list:
    return [row.broadcasts, row.minutes, row.days_aired, row.scheduled, row.aired_scheduled,
            row.missed, row.partial, row.compliance, row.emergency_sent, row.emergency_aired,
            row.live_minutes]


FIGURE_HEADERS = ("Số lần phát", "Số phút phát", "Số ngày có phát", "Số lần theo lịch",
                  "Đã phát theo lịch", "Không phát", "Phát không trọn", "Tỷ lệ thực hiện (%)",
                  "Khẩn cấp: lượt gửi", "Khẩn cấp: đã phát", "Số phút phát trực tiếp")
FIGURE_TYPES = ["int", "num", "int", "int", "int", "int", "int", "pct", "int", "int", "num"]


def _total(rows: list[UnitRow], lead: int) -> list:
    sched = sum(r.scheduled for r in rows)
    aired = sum(r.aired_scheduled for r in rows)
    return (["", "", _("Tổng cộng")] + [""] * (lead - 3)
            + [sum(r.broadcasts for r in rows), round(sum(r.minutes for r in rows), 1), "",
               sched, aired, sum(r.missed for r in rows), sum(r.partial for r in rows),
               round(100.0 * aired / sched, 1) if sched else None,
               sum(r.emergency_sent for r in rows), sum(r.emergency_aired for r in rows),
               round(sum(r.live_minutes for r in rows), 1)])


def units_then_table(views: UnitViews) -> Table:
    lead = [_("STT"), _("Mã ĐVHC"), _("Đơn vị hành chính"), _("Loại"), _("Từ ngày"),
            _("Đến ngày"), _("Đài/trạm")]
    t = Table("units_then", _("Theo đơn vị lúc phát"), lead + [_(h) for h in FIGURE_HEADERS],
              types=["int"] + ["text"] * 6 + FIGURE_TYPES,
              note=_("Số liệu theo đơn vị hành chính lúc phát sóng: mỗi ngày được tính cho đơn "
                     "vị hành chính mà đài/trạm phục vụ vào ngày đó."))
    for i, r in enumerate(views.then, 1):
        t.rows.append([i, r.label.code, _unit_name(r), r.label.unit_type, _d(r.first_day),
                       _d(r.last_day), ", ".join(r.stations), *_figures(r)])
    t.total = _total(views.then, len(lead))
    return t


def units_now_table(views: UnitViews) -> Table:
    lead = [_("STT"), _("Mã ĐVHC"), _("Đơn vị hành chính hiện nay"), _("Loại"),
            _("Gồm số liệu của")]
    t = Table("units_now", _("Theo đơn vị hiện nay"), lead + [_(h) for h in FIGURE_HEADERS],
              types=["int"] + ["text"] * 4 + FIGURE_TYPES,
              note=_("Số liệu quy về đơn vị hành chính hiện nay (đơn vị có hiệu lực ngày "
                     "%(d)s): số liệu của các đơn vị trước đây được cộng vào đơn vị kế thừa.",
                     d=_d(views.target)))
    for i, r in enumerate(views.now, 1):
        t.rows.append([i, r.label.code, _unit_name(r), r.label.unit_type, "; ".join(r.parts),
                       *_figures(r)])
    t.total = _total(views.now, len(lead))
    return t


def mapping_table(views: UnitViews) -> Table:
    t = Table("units_map", _("Đối chiếu đơn vị"),
              [_("STT"), _("Mã ĐVHC lúc phát"), _("Đơn vị lúc phát"), _("Hiệu lực từ (bản danh "
               "mục)"), _("Từ ngày"), _("Đến ngày"), _("Mã ĐVHC hiện nay"),
               _("Đơn vị hiện nay"), _("Hiệu lực từ (đơn vị hiện nay)"), _("Căn cứ sắp xếp")],
              types=["int"] + ["text"] * 9,
              note=_("Bảng đối chiếu đơn vị hành chính lúc phát sóng với đơn vị hành chính hiện "
                     "nay (theo các lần sắp xếp, sáp nhập)."))
    for i, m in enumerate(views.mapping, 1):
        steps = "; ".join(
            f"{_(KINDS.get(line.kind, line.kind))} {line.predecessor.name} → "
            f"{line.successor.name} ({_d(line.effective_on)})"
            + (f", {line.source}" if line.source else "") for line in m.path)
        if m.split:
            steps += "; " + _("đơn vị được chia cho nhiều đơn vị, số liệu tính cho %(n)s",
                              n=m.now.name)
        t.rows.append([i, m.then.label.code, _unit_name(m.then), _editions(m.then.editions),
                       _d(m.then.first_day), _d(m.then.last_day), m.now.code,
                       m.now.name, _d(m.now_edition), steps or _("Không thay đổi")])
    return t


def unit_tables(views: UnitViews) -> list[Table]:
    return [units_then_table(views), units_now_table(views), mapping_table(views)]
