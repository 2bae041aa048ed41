"""`radio stream serve` and `radio live`."""

from __future__ import annotations

import contextlib
import re
import signal
import sys
from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup
from sqlalchemy import select

from radio.cli import domain_command, fail
from radio.clock import now, zone
from radio.db import db
from radio.i18n import _
from radio.stations import get_station

stream_cli = AppGroup("stream", help="Máy chủ phát trực tuyến (Icecast).")


@stream_cli.command("serve")
@click.option("--parent-pid", type=int, default=None, hidden=True)
def stream_serve(parent_pid):
    """Run Icecast (one mount per station) and record every live session into the archive."""
    from media.streams.serve import NotInstalled, StreamServer
    from radio import logsetup

    logsetup.to_stderr()
    app = current_app._get_current_object()
    try:
        server = StreamServer(app, parent_pid=parent_pid).start()
    except NotInstalled as exc:
        fail(_("Chưa cài Icecast (“%(bin)s”): không có phát trực tiếp và tiếp âm qua luồng. "
               "Cài gói icecast2 hoặc đặt RADIO_ICECAST.", bin=str(exc)))
    except RuntimeError as exc:
        fail(_("Không chạy được Icecast: %(msg)s (xem %(log)s).", msg=str(exc),
               log="icecast/icecast.out"))
    click.echo(_("Icecast đang chạy tại %(url)s (%(n)s điểm phát).", url=server.cfg.public_url,
                 n=len(server.stations)), err=True)
    server.run()


@click.command("live")
@click.option("--station", "code", required=True, help="Mã đài.")
@click.option("--input", "source", required=True,
              help="Tệp âm thanh, hoặc thiết bị alsa:hw:0 / pulse:default.")
@click.option("--until", default=None, help="Giờ kết thúc HH:MM (giờ địa phương).")
@click.option("--by", "username", default=None, help="Tài khoản người lên sóng.")
@click.option("--title", default="", help="Tiêu đề phiên phát trực tiếp.")
@click.option("--emergency", is_flag=True,
              help="Khẩn cấp: mọi trạm xã tiếp âm ngay, qua kênh /now của tác tử trạm.")
@click.option("--follow", is_flag=True, hidden=True)  # a growing file from the browser page
@click.option("--session", "session_id", type=int, default=None, hidden=True)
@click.option("--parent-pid", type=int, default=None, hidden=True)  # --follow: the server's pid
@domain_command
def live_command(code, source, until, username, title, emergency, follow, session_id,
                 parent_pid):
    """Go live on a station's stream from a file (-re) or an ALSA/Pulse device."""
    from media.streams import ffmpeg, live, operations
    from radio.models import User

    settings = current_app.config["RADIO_SETTINGS"]
    station = get_station(code)
    live.check_input(source)
    seconds = live.seconds_until(until, now(), zone(station.timezone))
    user = None
    if username:
        user = db.session.scalar(select(User).where(User.username == username))
        if user is None:
            fail(_("Không có tài khoản “%(name)s”.", name=username))
    if session_id is None:
        session = operations.announce(station, source="cli", user=user, title=title, now=now())
        if emergency:
            from media.streams import emergency as urgent

            urgent.preempt(session, station, now=now(), seconds=seconds, actor=user)
        session_id = session.id
    db.session.commit()  # no transaction stays open (and no lock held) while the sound goes
    proc = live.feed(settings, station.code, source, seconds=seconds, follow=follow)
    click.echo(_("Đang phát trực tiếp lên %(name)s (phiên %(id)s). Ctrl+C để dừng.",
                 name=station.name, id=session_id), err=True)
    try:
        if follow:
            try:
                _watch_growing(proc, Path(source), parent_pid)
            finally:
                _refuse_chunks(Path(source))
            err = ffmpeg.stop(proc)
        else:
            _out, err = proc.communicate()
    except KeyboardInterrupt:
        err = ffmpeg.stop(proc)
    if emergency:
        from media.streams import emergency as urgent
        from radio.models import LiveSession

        urgent.end(db.session.get(LiveSession, session_id), now=now())
        db.session.commit()
    if proc.returncode not in (0, 255, -signal.SIGTERM, -signal.SIGKILL):  # ended or stopped
        message = (err or b"").decode("utf-8", "replace").strip().splitlines()[-1:] or [""]
        message = re.sub(r"//[^/@\s]*@", "//[redacted]@", message[0])  # the source password
        fail(_("Không gửi được âm thanh lên máy chủ phát: %(msg)s", msg=message))
    click.echo(_("Đã kết thúc phát trực tiếp (phiên %(id)s).", id=session_id), err=True)
    sys.exit(0)


def _watch_growing(proc, path: Path, parent_pid: int | None) -> None:
    """Until ffmpeg, reading the browser's growing file, should stop: the page stopped or went
    away, the file is gone, or the server that started this process is gone (browser.should_stop);
    or until ffmpeg ended by itself."""
    import time

    from media.streams import browser

    size, idle_since = -1, time.monotonic()
    while proc.poll() is None:
        current = path.stat().st_size if path.exists() else 0
        if current != size:
            size, idle_since = current, time.monotonic()
        if browser.should_stop(path, idle_since, time.monotonic(), parent_pid):
            time.sleep(1.0)  # let ffmpeg send what it has read
            return
        time.sleep(0.3)


def _refuse_chunks(path: Path) -> None:
    """The page's later chunks get "ended" (browser.append), whoever stopped the session."""
    if path.exists():
        with contextlib.suppress(OSError):
            path.with_suffix(".stop").touch()
