"""`radio station-agent`: run the station agent (or sync once, for cron jobs and tests)."""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

import click

from radio import logredact


@click.command("station-agent")
@click.option("--server", required=True, help="Địa chỉ máy chủ, ví dụ http://192.168.1.10:5000")
@click.option("--station", required=True, help="Mã trạm, ví dụ gio-an")
@click.option("--token-file", required=True, type=click.Path(exists=True, dir_okay=False),
              help="Tệp chứa mã truy cập của trạm")
@click.option("--cache", required=True, type=click.Path(file_okay=False),
              help="Thư mục bộ nhớ đệm (tệp âm thanh và nhật ký)")
@click.option("--player", default="null",
              help="ffplay | mpv | null (giải mã, không phát ra loa) | file:THƯ_MỤC")
@click.option("--once", is_flag=True, help="Đồng bộ một lần rồi thoát.")
@click.option("--days", default=3, show_default=True, help="Số ngày lịch phát cần tải trước.")
@click.option("--run-for", type=float, default=None, help="Dừng sau số giây này (để thử).")
@click.option("--tz", default="Asia/Ho_Chi_Minh", show_default=True, help="Múi giờ của trạm.")
def station_agent(server, station, token_file, cache, player, once, days, run_for, tz):
    """Pull playlists and media, play on time, report what aired."""
    from radio.agent.players import make_player
    from radio.agent.runner import Agent, Settings
    from radio.tools import ffmpeg_path

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s",
                        datefmt="%d/%m/%Y %H:%M:%S", stream=sys.stderr, force=True)
    logredact.install()  # signed media URLs and the token never reach the station's log
    token = Path(token_file).read_text().strip()
    if not token:
        raise click.UsageError("Tệp mã truy cập rỗng.")
    try:
        chosen = make_player(player, ffmpeg_path(os.environ.get("RADIO_FFMPEG") or None))
    except ValueError:
        raise click.UsageError(f"Trình phát “{player}” không hỗ trợ.") from None
    agent = Agent(server, station, token, Path(cache), chosen, settings=Settings(days=days), tz=tz)
    if once:
        ok = agent.once()
        agent.journal.close()
        sys.exit(0 if ok else 2)
    agent.run(run_for)
