"""CLI: `radio schedule add` and `radio schedule list`."""

from __future__ import annotations

import json

import click
from flask.cli import with_appcontext

from radio import clock
from radio.cli import domain_command, fail
from radio.db import db
from radio.i18n import _
from radio.stations import get_station
from schedules.cli import parse_date, parse_local_datetime, schedule_cli
from schedules.entries import emergencies, targeting
from schedules.entries import operations as entry_ops
from schedules.entries.clusters import clusters_json
from schedules.entries.util import entries_in_range, entry_title
from schedules.entries.validation import ValidationFailed


def _entry_json(e) -> dict:
    tz = clock.zone()
    return {"id": e.id, "station": e.station.code, "kind": e.kind.value,
            "priority": e.priority.value, "title": entry_title(e),
            "starts_at": e.starts_at.astimezone(tz).isoformat(),
            "ends_at": e.ends_at.astimezone(tz).isoformat(), "media_id": e.media_item_id,
            "occurrence_id": e.occurrence_id, "batch_id": e.batch_id,
            "cancelled": e.cancelled_at is not None, "clusters": clusters_json(e.clusters)}


@click.command("add")
@with_appcontext
@click.option("--media", "media_id", type=int, help="Mã tin/bài.")
@click.option("--relay-station", default=None, help="Tiếp âm đài có mã này.")
@click.option("--relay-url", default=None, help="Tiếp âm luồng có địa chỉ này.")
@click.option("--live", is_flag=True,
              help="Phát trực tiếp của đài --relay-station (buổi phát trực tiếp theo lịch).")
@click.option("--minutes", type=int, default=None, help="Thời lượng tiếp âm (phút).")
@click.option("--station", "station_codes", default="", help="Mã đài, cách nhau bằng dấu phẩy.")
@click.option("--all-communes", is_flag=True, help="Mọi trạm xã, thị trấn.")
@click.option("--all", "everything", is_flag=True, help="Đài huyện và mọi trạm.")
@click.option("--clusters", "cluster_codes", default="",
              help="Chỉ phát trên các cụm loa có mã này (cách nhau bằng dấu phẩy); mặc định "
                   "toàn đài/trạm.")
@click.option("--at", "at_text", default=None, help="Thời điểm “YYYY-MM-DD HH:MM” (giờ địa phương).")
@click.option("--rrule", default=None, help="Lặp lại theo RRULE, ví dụ FREQ=WEEKLY;BYDAY=MO.")
@click.option("--until", "until_text", default=None, help="Lặp đến ngày (YYYY-MM-DD).")
@click.option("--priority", default="normal", type=click.Choice(["normal", "priority", "emergency"]))
@click.option("--repeat-every", type=int, default=None, help="Khẩn cấp: lặp lại mỗi N phút.")
@click.option("--repeat-until", "repeat_until_text", default=None,
              help="Khẩn cấp: lặp đến “YYYY-MM-DD HH:MM” (mặc định đến khi huỷ, tối đa 24 giờ).")
@click.option("--times", type=int, default=None, help="Khẩn cấp: phát N lần.")
@click.option("--yes", "confirm", is_flag=True, help="Xác nhận các cảnh báo (ngoài khung giờ).")
@click.option("--json", "as_json", is_flag=True)
@domain_command
def schedule_add(media_id, relay_station, relay_url, live, minutes, station_codes, all_communes,
                 everything, cluster_codes, at_text, rrule, until_text, priority, repeat_every,
                 repeat_until_text, times, confirm, as_json):
    """Schedule an item (or a relay) on stations; exit 1 with the message on any conflict."""
    if not (station_codes or all_communes or everything):
        fail(_("Hãy chọn --station, --all-communes hoặc --all."))
    if live and not relay_station:
        fail(_("Phát trực tiếp cần --relay-station (đài phát trực tiếp)."))
    if not at_text and priority != "emergency":
        fail(_("Hãy cho thời điểm phát --at “YYYY-MM-DD HH:MM”."))
    at = parse_local_datetime(at_text) if at_text else None
    stations = targeting.stations_for_choice(
        codes=station_codes.split(","), all_communes=all_communes, everything=everything,
        on=at.date() if at else None)
    clusters = [c for c in cluster_codes.split(",") if c.strip()]
    try:
        if priority == "emergency" and not rrule:
            if not media_id:
                fail(_("Bản tin khẩn cấp cần --media."))
            repeat_until = parse_local_datetime(repeat_until_text) if repeat_until_text else None
            rows = entry_ops.send_emergency(
                None, stations=stations, media_id=media_id, at=at,
                repeat_every_s=repeat_every * 60 if repeat_every else None,
                repeat_until=repeat_until, times=times, clusters=clusters)
            if repeat_every and not (repeat_until or times):
                click.echo(f"Cảnh báo: {emergencies.cap_warning()}", err=True)
        else:
            rows = entry_ops.add_entries(
                None, stations=stations, starts_at=at, media_id=media_id,
                relay_station_code=relay_station, relay_url=relay_url, live=live,
                duration_s=minutes * 60 if minutes else None, priority=priority, rrule=rrule,
                until=parse_date(until_text) if until_text else None, confirm=confirm,
                clusters=clusters)
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


@click.command("list")
@with_appcontext
@click.option("--station", "code", required=True)
@click.option("--date", "day_text", required=True)
@click.option("--json", "as_json", is_flag=True)
@domain_command
def schedule_list(code, day_text, as_json):
    """List a station's entries on a local date."""
    station = get_station(code)
    start, end = clock.local_day_bounds(parse_date(day_text), clock.zone())
    rows = entries_in_range(station.id, start, end, include_cancelled=True)
    if as_json:
        click.echo(json.dumps([_entry_json(r) for r in rows], ensure_ascii=False, indent=1))
        return
    tz = clock.zone()
    for e in rows:
        mark = " (đã huỷ)" if e.cancelled_at else ""
        where = f" [{', '.join(c.name for c in e.clusters)}]" if e.clusters else ""
        click.echo(f"{e.starts_at.astimezone(tz):%H:%M}–{e.ends_at.astimezone(tz):%H:%M} "
                   f"{e.priority.value:<9} {e.kind.value:<9} {entry_title(e)}{where}{mark}")


def init_app(app) -> None:
    """Add these commands to the `radio schedule` group."""
    schedule_cli.add_command(schedule_add)
    schedule_cli.add_command(schedule_list)
