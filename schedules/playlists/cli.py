"""CLI: `radio playlist`."""

from __future__ import annotations

import click
from flask import current_app

from media.streams.urls import relay_url_builder
from radio import clock
from radio.cli import domain_command
from radio.stations import get_station
from schedules import signing
from schedules.cli import parse_date
from schedules.playlists.formats import render
from schedules.playlists.util import playlist_for


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
    secret = current_app.config["SECRET_KEY"]
    expires = signing.expiry_for_day(day, clock.zone())
    relay = relay_url_builder(settings, secret, get_station(code), expires)
    urls = signing.media_url_builder(base, secret, expires, relay)
    body, _type = render(playlist, fmt, urls)
    click.echo(body, nl=False)


def init_app(app) -> None:
    app.cli.add_command(playlist_command)
