"""The report as an XLSX workbook: one sheet per table, numbers as numbers, Vietnamese headers,
frozen header rows."""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from radio import clock
from radio.archive.reports.data import ReportData
from radio.archive.reports.tables import build_tables
from radio.i18n import _
from radio.numbers import XLSX_FORMATS

FORMATS = XLSX_FORMATS
HEAD_FILL = PatternFill("solid", fgColor="DDE7F0")


def build_workbook(data: ReportData, tz=None) -> Workbook:
    wb = Workbook()
    summary = wb.active
    summary.title = _("Tổng hợp")
    p = data.period
    info = [
        (_("Báo cáo kết quả tuyên truyền cải cách hành chính trên hệ thống truyền thanh"), None),
        (_("Kỳ báo cáo"), p.name),
        (_("Từ ngày"), p.start),
        (_("Đến ngày"), p.end),
        (_("Cách tính kỳ"), p.window_name),
        (_("Số đài trạm"), len(data.stations)),
        (_("Tổng số lần phát"), data.total_broadcasts),
        (_("Tổng số phút phát"), data.total_minutes),
        (_("Số phút phát trực tiếp"), data.total_live_minutes),
        (_("Số lần phát theo lịch"), data.total_scheduled),
        (_("Đã phát theo lịch"), data.total_aired_scheduled),
        (_("Tỷ lệ thực hiện (%)"), data.compliance),
        (_("Số tin bài"), len(data.items)),
    ]
    if data.units is not None:  # a period across a change of units: say where the views are
        info.append((_("Số liệu theo đơn vị hành chính"),
                     _("Hai cách xem: trang “Theo đơn vị lúc phát” và trang “Theo đơn vị hiện "
                       "nay”; đối chiếu ở trang “Đối chiếu đơn vị”")))
    info.append((_("Lập lúc (UTC)"), clock.now().replace(microsecond=0, tzinfo=None)))
    summary.append([_("Chỉ tiêu"), _("Giá trị")])
    for label, value in info:
        summary.append([label, value])
    for row in summary.iter_rows(min_row=2, max_col=2):
        cell = row[1]
        if hasattr(cell.value, "year") and not isinstance(cell.value, datetime):
            cell.number_format = "dd/mm/yyyy"
        elif isinstance(cell.value, datetime):
            cell.number_format = "dd/mm/yyyy hh:mm"
        elif isinstance(cell.value, float):
            cell.number_format = FORMATS["num"]
        elif isinstance(cell.value, int):
            cell.number_format = FORMATS["int"]
    _style_header(summary, 2)
    summary.column_dimensions["A"].width = 48
    summary.column_dimensions["B"].width = 40

    for table in build_tables(data, tz):
        ws = wb.create_sheet(table.title[:31])
        head = 1
        if table.note:  # the unit views: a first line saying which view the sheet is
            ws.append([table.note])
            ws.cell(1, 1).font = Font(bold=True, italic=True)
            head = 2
        ws.append(table.headers)
        for row in table.rows:
            ws.append(row)
        if table.total:
            ws.append(table.total)
            for cell in ws[ws.max_row]:
                cell.font = Font(bold=True)
        for col, kind in enumerate(table.types, 1):
            fmt = FORMATS.get(kind)
            if fmt:
                for (cell,) in ws.iter_rows(min_row=head + 1, min_col=col, max_col=col):
                    cell.number_format = fmt
            width = 40 if kind == "text" and col <= 3 else (18 if kind == "dt" else 14)
            ws.column_dimensions[get_column_letter(col)].width = width
        _style_header(ws, len(table.headers), head)
    return wb


def _style_header(ws, ncols: int, row: int = 1) -> None:
    for cell in ws[row][:ncols]:
        cell.font = Font(bold=True)
        cell.fill = HEAD_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    ws.freeze_panes = f"A{row + 1}"


def write_xlsx(data: ReportData, out, tz=None) -> None:
    """Write to a path (atomically: temporary file, fsync, rename) or to an open binary file."""
    wb = build_workbook(data, tz)
    if hasattr(out, "write"):
        wb.save(out)
        return
    out = Path(out)
    tmp = out.with_name(f".{out.name}.tmp")
    try:
        wb.save(tmp)
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, out)
    finally:
        tmp.unlink(missing_ok=True)
