"""CLI: `radio emergency list` and `radio emergency cancel ID` (cancel everywhere: the same
audited operation as the web's button)."""

from __future__ import annotations

import json

import click
from flask.cli import with_appcontext

from radio import clock
from radio.cli import domain_command
from radio.db import db
from radio.i18n import _
from schedules.entries import emergencies


@click.group("emergency")
def emergency_cli():
    """Bản tin khẩn cấp: xem và huỷ ở mọi nơi."""


def _send_json(send: emergencies.Send) -> dict:
    tz = clock.zone()
    return {"id": send.batch_id, "title": send.title, "on_air": send.on_air,
            "starts_at": send.starts_at.astimezone(tz).isoformat(),
            "stations": len(send.stations), "airings": dict(sorted(send.totals.items())),
            "first_airing_s": send.first_delay_s}


@emergency_cli.command("list")
@with_appcontext
@click.option("--all", "everything", is_flag=True, help="Mọi bản tin, không chỉ 20 bản mới nhất.")
@click.option("--json", "as_json", is_flag=True)
@domain_command
def emergency_list(everything, as_json):
    """Emergency sends, newest first: id, on air or ended, start, stations, title."""
    now = clock.now()
    sends = [emergencies.send_status(b, now=now)
             for b in emergencies.recent_sends(None if everything else 20)]
    if as_json:
        click.echo(json.dumps([_send_json(s) for s in sends], ensure_ascii=False, indent=1))
        return
    tz = clock.zone()
    for s in sends:
        state = _("đang phát") if s.on_air else _("đã kết thúc")
        click.echo(f"{s.batch_id}  {state:<11} {s.starts_at.astimezone(tz):%d/%m/%Y %H:%M}  "
                   + _("%(n)s đài/trạm", n=len(s.stations)) + f"  {s.title}")


@emergency_cli.command("cancel")
@with_appcontext
@click.argument("batch_id")
@click.option("--yes", "confirm", is_flag=True, help="Không hỏi lại.")
@domain_command
def emergency_cancel(batch_id, confirm):
    """Cancel an emergency everywhere: its remaining airings on every station (one audit
    record); airings already aired stay."""
    now = clock.now()
    send = emergencies.send_status(batch_id, now=now)
    if not confirm and not click.confirm(
            _("Huỷ “%(title)s” trên %(n)s đài/trạm?", title=send.title, n=len(send.stations))):
        raise SystemExit(1)
    n = emergencies.cancel_everywhere(None, batch_id, now=now)
    db.session.commit()
    click.echo(_("Đã huỷ bản tin khẩn cấp ở mọi nơi: %(n)s lượt phát còn lại đã huỷ.", n=n))


def init_app(app) -> None:
    app.cli.add_command(emergency_cli)
