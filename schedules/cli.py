"""CLI: `radio schedule add|list|materialise` and `radio playlist`."""

from __future__ import annotations

import json
from datetime import date, datetime

import click
from flask import current_app
from flask.cli import AppGroup

from radio.cli import domain_command, fail
from radio.db import db
from radio.errors import DomainError
from radio.i18n import _
from radio.stations import get_station
from schedules import clock as schedule_clock
from schedules import signing
from schedules.clock import local_day_range
from schedules.entries import operations as entry_ops
from schedules.entries import targeting
from schedules.entries.util import entries_in_range, entry_title
from schedules.entries.validation import ValidationFailed
from schedules.playlists.formats import render
from schedules.playlists.util import playlist_for
from schedules.programmes import materialise as materialising

schedule_cli = AppGroup("schedule", help="Lịch phát: thêm, xem, tạo trước các số phát.")


def parse_date(text: str) -> date:
    for fmt in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.strptime(text.strip(), fmt).date()
        except ValueError:
            continue
    raise DomainError(_("Ngày “%(d)s” không đúng dạng YYYY-MM-DD hoặc dd/mm/yyyy.", d=text),
                      "invalid_date")


def parse_local_datetime(text: str) -> datetime:
    for fmt in ("%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M", "%d/%m/%Y %H:%M"):
        try:
            return datetime.strptime(text.strip(), fmt).replace(tzinfo=schedule_clock.zone())
        except ValueError:
            continue
    raise DomainError(_("Thời điểm “%(d)s” không đúng dạng “YYYY-MM-DD HH:MM”.", d=text),
                      "invalid_datetime")


def _entry_json(e) -> dict:
    tz = schedule_clock.zone()
    return {"id": e.id, "station": e.station.code, "kind": e.kind.value,
            "priority": e.priority.value, "title": entry_title(e),
            "starts_at": e.starts_at.astimezone(tz).isoformat(),
            "ends_at": e.ends_at.astimezone(tz).isoformat(), "media_id": e.media_item_id,
            "occurrence_id": e.occurrence_id, "batch_id": e.batch_id,
            "cancelled": e.cancelled_at is not None}


@schedule_cli.command("add")
@click.option("--media", "media_id", type=int, help="Mã tin/bài.")
@click.option("--relay-station", default=None, help="Tiếp âm đài có mã này.")
@click.option("--relay-url", default=None, help="Tiếp âm luồng có địa chỉ này.")
@click.option("--minutes", type=int, default=None, help="Thời lượng tiếp âm (phút).")
@click.option("--station", "station_codes", default="", help="Mã đài, cách nhau bằng dấu phẩy.")
@click.option("--all-communes", is_flag=True, help="Mọi trạm xã, thị trấn.")
@click.option("--all", "everything", is_flag=True, help="Đài huyện và mọi trạm.")
@click.option("--at", "at_text", default=None, help="Thời điểm “YYYY-MM-DD HH:MM” (giờ địa phương).")
@click.option("--rrule", default=None, help="Lặp lại theo RRULE, ví dụ FREQ=WEEKLY;BYDAY=MO.")
@click.option("--until", "until_text", default=None, help="Lặp đến ngày (YYYY-MM-DD).")
@click.option("--priority", default="normal", type=click.Choice(["normal", "priority", "emergency"]))
@click.option("--repeat-every", type=int, default=None, help="Khẩn cấp: lặp lại mỗi N phút.")
@click.option("--yes", "confirm", is_flag=True, help="Xác nhận các cảnh báo (ngoài khung giờ).")
@click.option("--json", "as_json", is_flag=True)
@domain_command
def schedule_add(media_id, relay_station, relay_url, minutes, station_codes, all_communes,
                 everything, at_text, rrule, until_text, priority, repeat_every, confirm, as_json):
    """Schedule an item (or a relay) on stations; exit 1 with the message on any conflict."""
    if not (station_codes or all_communes or everything):
        fail(_("Hãy chọn --station, --all-communes hoặc --all."))
    if not at_text and priority != "emergency":
        fail(_("Hãy cho thời điểm phát --at “YYYY-MM-DD HH:MM”."))
    at = parse_local_datetime(at_text) if at_text else None
    stations = targeting.stations_for_choice(
        codes=station_codes.split(","), all_communes=all_communes, everything=everything,
        on=at.date() if at else None)
    try:
        if priority == "emergency" and not rrule:
            if not media_id:
                fail(_("Bản tin khẩn cấp cần --media."))
            rows = entry_ops.send_emergency(
                None, stations=stations, media_id=media_id, at=at,
                repeat_every_s=repeat_every * 60 if repeat_every else None)
        else:
            rows = entry_ops.add_entries(
                None, stations=stations, starts_at=at, media_id=media_id,
                relay_station_code=relay_station, relay_url=relay_url,
                duration_s=minutes * 60 if minutes else None, priority=priority, rrule=rrule,
                until=parse_date(until_text) if until_text else None, confirm=confirm)
    except ValidationFailed as exc:
        db.session.rollback()
        for issue in exc.issues:
            click.echo(f"{'Lỗi' if issue.level == 'error' else 'Cảnh báo'}: {issue.message}",
                       err=True)
        if exc.needs_confirmation:
            click.echo(_("Dùng --yes để xác nhận và lưu."), err=True)
        raise SystemExit(1) from None
    db.session.commit()
    if as_json:
        click.echo(json.dumps([_entry_json(r) for r in rows], ensure_ascii=False, indent=1))
    else:
        click.echo(_("Đã thêm %(n)s lịch phát.", n=len(rows)))


@schedule_cli.command("list")
@click.option("--station", "code", required=True)
@click.option("--date", "day_text", required=True)
@click.option("--json", "as_json", is_flag=True)
@domain_command
def schedule_list(code, day_text, as_json):
    """List a station's entries on a local date."""
    station = get_station(code)
    start, end = local_day_range(parse_date(day_text), schedule_clock.zone())
    rows = entries_in_range(station.id, start, end, include_cancelled=True)
    if as_json:
        click.echo(json.dumps([_entry_json(r) for r in rows], ensure_ascii=False, indent=1))
        return
    tz = schedule_clock.zone()
    for e in rows:
        mark = " (đã huỷ)" if e.cancelled_at else ""
        click.echo(f"{e.starts_at.astimezone(tz):%H:%M}–{e.ends_at.astimezone(tz):%H:%M} "
                   f"{e.priority.value:<9} {e.kind.value:<9} {entry_title(e)}{mark}")


@schedule_cli.command("materialise")
@click.option("--days", type=int, default=None, help="Số ngày tạo trước (mặc định 56).")
@domain_command
def schedule_materialise(days):
    """Create the occurrences of every programme ahead of time."""
    until = None
    if days:
        until = schedule_clock.now_utc().astimezone(schedule_clock.zone()).date()
        until = date.fromordinal(until.toordinal() + days)
    result = materialising.materialise_all(until=until)
    db.session.commit()
    click.echo(_("Tạo %(c)s số phát, cập nhật %(u)s, bỏ %(r)s, %(e)s lịch phát.",
                 c=result.created, u=result.updated, r=result.removed, e=result.entries))
    for w in result.warnings:
        click.echo(f"Cảnh báo: {w.message}", err=True)


@click.command("playlist")
@click.argument("code")
@click.option("--date", "day_text", required=True)
@click.option("--format", "fmt", default="m3u8", type=click.Choice(["m3u8", "xspf", "json"]))
@click.option("--base-url", default=None, help="Địa chỉ máy chủ cho đường dẫn tệp.")
@click.option("--single-file", is_flag=True,
              help="Mỗi số phát chuyên mục đã dựng là một tệp (cho thiết bị chỉ phát một tệp).")
@domain_command
def playlist_command(code, day_text, fmt, base_url, single_file):
    """Print a station's playlist for a date (signed, expiring media URLs)."""
    day = parse_date(day_text)
    playlist = playlist_for(code, day, single_file=single_file)
    settings = current_app.config["RADIO_SETTINGS"]
    base = base_url or f"http://{settings.host}:{settings.port}"
    urls = signing.media_url_builder(base, current_app.config["SECRET_KEY"],
                                     signing.expiry_for_day(day, schedule_clock.zone()))
    body, _type = render(playlist, fmt, urls)
    click.echo(body, nl=False)


def init_app(app) -> None:
    app.cli.add_command(schedule_cli)
    app.cli.add_command(playlist_command)
    app.cli.add_command(scheduler_command)


@click.command("scheduler")
@click.option("--once", is_flag=True, help="Chạy mỗi việc một lần ngay rồi thoát (cho cron).")
@click.option("--parent-pid", type=int, default=None, hidden=True,
              help="Dừng khi tiến trình cha này không còn (dùng bởi “radio serve”).")
def scheduler_command(once, parent_pid):
    """Run the job scheduler in the foreground (`radio serve` starts it as a child process), or
    each job once. RADIO_JOBS_AT_START=1 runs every job once at start-up as well."""
    import signal
    import threading

    from radio import logsetup
    from schedules import jobs, scheduler

    logsetup.to_stderr()
    app = current_app._get_current_object()
    wanted = scheduler.configured_jobs(jobs=scheduler.JOBS | app.extensions.get("radio.jobs", {}))
    jobs.bind_app(app, wanted)
    if once:
        for job_id in wanted:
            click.echo(f"{job_id}: {jobs.run(job_id)}")
        return
    service = scheduler.SchedulerService(db.engine, jobs=wanted,
                                         run_at_start=scheduler.jobs_at_start(),
                                         tz=app.config["RADIO_SETTINGS"].tz).start()
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    click.echo(_("Bộ lập lịch đang chạy (%(owner)s); Ctrl+C để dừng.", owner=service.owner))
    try:
        while not stop.wait(1.0):
            if parent_pid is not None and not _parent_alive(parent_pid):
                click.echo(_("Tiến trình cha %(pid)s đã dừng: bộ lập lịch dừng theo.",
                             pid=parent_pid))
                break
    except KeyboardInterrupt:
        pass
    finally:
        service.stop()


def _parent_alive(pid: int) -> bool:
    """True while `pid` is still our parent: an orphan is re-parented (POSIX). On Windows the
    parent id never changes, so there the child relies on `radio serve` stopping it."""
    import os

    return os.getppid() == pid
