"""CLI: `radio schedule materialise`."""

from __future__ import annotations

from datetime import date

import click
from flask.cli import with_appcontext

from radio import clock
from radio.cli import domain_command
from radio.db import db
from radio.i18n import _
from schedules.cli import schedule_cli
from schedules.programmes import materialise as materialising


@click.command("materialise")
@with_appcontext
@click.option("--days", type=int, default=None, help="Số ngày tạo trước (mặc định 56).")
@domain_command
def schedule_materialise(days):
    """Create the occurrences of every programme ahead of time."""
    until = None
    if days:
        until = clock.today()
        until = date.fromordinal(until.toordinal() + days)
    result = materialising.materialise_all(until=until)
    db.session.commit()
    click.echo(_("Tạo %(c)s số phát, cập nhật %(u)s, bỏ %(r)s, %(e)s lịch phát.",
                 c=result.created, u=result.updated, r=result.removed, e=result.entries))
    for w in result.warnings:
        click.echo(f"Cảnh báo: {w.message}", err=True)


def init_app(app) -> None:
    """Add these commands to the `radio schedule` group."""
    schedule_cli.add_command(schedule_materialise)
    from schedules.programmes.approval_cli import occurrence_cli  # approve rundowns

    app.cli.add_command(occurrence_cli)
