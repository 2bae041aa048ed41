"""CLI commands of the archive work: `radio archive export|verify|seal` and `radio report`."""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

import click
from flask.cli import AppGroup

from radio import numbers
from radio.archive import numbering, official_report, seals
from radio.archive.export import write_package
from radio.archive.official import official_title
from radio.archive.package import total_size, verify_package
from radio.archive.periods import parse_period
from radio.archive.reports.data import build_report
from radio.archive.verify import verify_database
from radio.cli import domain_command, fail
from radio.db import db

archive_cli = AppGroup("archive", help="Lưu trữ tài liệu kiểm chứng: xuất gói, kiểm tra.")


def period_options(f):
    f = click.option("--quarter", type=click.IntRange(1, 4), default=None,
                     help="Chỉ một quý của năm (1–4).")(f)
    f = click.option("--half", type=click.IntRange(1, 2), default=None,
                     help="Chỉ 6 tháng đầu (1) hoặc cuối (2) năm.")(f)
    f = click.option("--window", type=click.Choice(["cchc", "calendar"]), default="cchc",
                     show_default=True,
                     help="cchc: kỳ 15/12 năm trước – 14/12; calendar: năm dương lịch.")(f)
    return click.option("--period", required=True,
                        help="Kỳ: 2022, 2022-H1, 2022-Q3, 2022-05 hoặc 2022-01-01..2022-03-31.")(f)


def _bar(total: int, label: str):
    return click.progressbar(length=max(total, 1), label=label, file=sys.stderr,
                             show_percent=True, show_eta=True, width=30)


@archive_cli.command("export")
@period_options
@click.option("--out", "out", required=True, type=click.Path(dir_okay=False),
              help="Tệp ZIP cần ghi.")
@click.option("--no-originals", is_flag=True, help="Không kèm tệp gốc (chỉ bản phát sóng).")
@domain_command
def export_command(period, window, half, quarter, out, no_originals):
    """Write the verification package of a period (streamed ZIP)."""
    p = parse_period(period, window, half=half, quarter=quarter)
    click.echo(f"Xuất gói kiểm chứng: {p.label}", err=True)
    state = {"bar": None, "shown": 0}

    def progress(step):
        if state["bar"] is None:
            state["bar"] = _bar(step.total, "Đang ghi").__enter__()
        delta = step.done - state["shown"]
        if delta > 0:
            state["bar"].update(delta)
            state["shown"] = step.done

    try:
        result = write_package(p, out, originals=not no_originals, progress=progress)
    finally:
        if state["bar"] is not None:
            state["bar"].__exit__(None, None, None)
    counts = result.manifest["counts"]
    size = Path(out).stat().st_size
    click.echo(f"Đã ghi {out}: {counts['asrun_events']} lượt nhật ký phát, "
               f"{counts['audio_files']} tệp phát sóng, {counts['original_files']} tệp gốc, "
               f"{counts['attachments']} tệp đính kèm, {numbers.number(size / 1e6, 1)} MB.")
    for problem in result.problems:
        click.echo(f"Cảnh báo: {problem}", err=True)
    if result.problems:
        sys.exit(1)


@archive_cli.command("verify")
@click.argument("package", required=False, type=click.Path(exists=True, dir_okay=False))
@click.option("--no-files", is_flag=True, help="Không băm lại các tệp trong kho (nhanh hơn).")
@click.option("--json", "as_json", is_flag=True, help="Kết quả dạng JSON.")
def verify_command(package, no_files, as_json):
    """Check the live archive (chains, seals, files) or, given FILE.zip, a package offline."""
    if package:
        with _bar(total_size(package), "Đang kiểm tra") as bar:
            report = verify_package(package, progress=bar.update)
        what = f"gói {package}"
    else:
        report = verify_database(files=not no_files)
        what = "cơ sở dữ liệu và kho tệp"
    if as_json:
        click.echo(json.dumps(report.as_dict(), ensure_ascii=False, indent=1))
    else:
        checked = ", ".join(f"{k}: {v}" for k, v in report.checked.items())
        click.echo(f"Đã kiểm tra {what} ({checked}).")
        if report.ok:
            click.echo("Kết quả: toàn vẹn, không phát hiện sai lệch.")
        else:
            click.echo(f"Phát hiện {len(report.problems)} sai lệch. Đầu tiên: "
                       f"[{report.first.ref}] {report.first.message}", err=True)
            for problem in report.problems[1:]:
                click.echo(f"  [{problem.ref}] {problem.message}", err=True)
    if not report.ok:
        sys.exit(2)


@archive_cli.command("seal")
@click.option("--day", default=None, help="Ngày cần niêm phong (YYYY-MM-DD; mặc định hôm qua).")
@domain_command
def seal_command(day):
    """Record today's chain heads (the daily seal job does this every night)."""
    try:
        the_day = date.fromisoformat(day) if day else None
    except ValueError:
        fail(f"Ngày “{day}” không đúng dạng YYYY-MM-DD.")
    made = seals.seal_day(the_day)
    db.session.commit()
    for seal in made:
        click.echo(f"Niêm phong {seal.chain} ngày {seal.day:%d/%m/%Y}: đầu chuỗi {seal.head_seq} "
                   f"({seal.head_hash[:16]}…), {seal.row_count} dòng.")
    if not made:
        click.echo("Không có gì mới để niêm phong.")


@click.command("report")
@period_options
@click.option("--format", "fmt", type=click.Choice(["xlsx", "html", "pdf"]), default="xlsx",
              show_default=True)
@click.option("--out", "out", required=True, type=click.Path(dir_okay=False))
@click.option("--station", "station_codes", multiple=True, help="Chỉ các đài/trạm này (mã).")
@click.option("--unit", default=None,
              help="Đơn vị ban hành (mục [units.MÃ] của RADIO_DOC_FILE; mặc định [default]).")
@click.option("--number", type=click.IntRange(min=1), default=None,
              help="Số văn bản nhập tay (ghi vào sổ, không được trùng trong năm).")
@click.option("--issue", is_flag=True, help="Cấp số tiếp theo của năm và ghi ngày hôm nay.")
@domain_command
def report_command(period, window, half, quarter, fmt, out, station_codes, unit, number, issue):
    """Write the period report as XLSX, or as an official document in HTML or PDF (PDF needs
    Chromium); with --issue or --number the document gets its số for the year."""
    p = parse_period(period, window, half=half, quarter=quarter)
    data = build_report(p, station_codes=list(station_codes) or None)
    doc = None
    if issue or number:
        heading = official_report.heading_for(unit)
        doc = numbering.issue(heading.issuer, title=official_title(), period_key=p.key,
                              window=p.window, day=heading.day, number=number)
    official_report.write(data, fmt, out, official_report.heading_for(unit, doc))
    db.session.commit()
    if doc is not None:
        click.echo(f"Số văn bản: {doc.reference}, ngày {doc.issued_on:%d/%m/%Y}.")
    click.echo(f"Đã ghi báo cáo {p.label} ({fmt}) vào {out}: "
               f"{numbers.number(data.total_broadcasts)} lần phát, "
               f"{numbers.minutes(data.total_minutes)}.")

