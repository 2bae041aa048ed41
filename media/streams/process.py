"""`radio stream serve` as a supervised child of `radio serve` (like the scheduler child).

`radio serve` starts it when Icecast is installed and says clearly when it is not: live
broadcasts and stream relays are then unavailable, and everything else works.
RADIO_ICECAST=0 starts none (Icecast runs as a service of its own, see the README).
"""

from __future__ import annotations

import logging

import click

from media.streams.icecast import stream_config
from radio.child import ChildProcess
from radio.i18n import _

log = logging.getLogger("media.streams")
STOP_WAIT_S = 8.0  # recorders close their files and the recordings are archived


class StreamProcess(ChildProcess):
    def __init__(self) -> None:
        super().__init__(["stream", "serve"], name="stream server", logger=log,
                         stop_wait_s=STOP_WAIT_S)


def serve_hook(app):
    settings = app.config["RADIO_SETTINGS"]
    if settings.icecast_bin is None:
        click.echo(_("Máy chủ phát trực tuyến: RADIO_ICECAST=0, radio serve không chạy Icecast."),
                   err=True)
        return None
    if stream_config(settings).binary is None:
        click.echo(_("Chưa cài Icecast (gói icecast2): phát trực tiếp và tiếp âm qua luồng không "
                     "dùng được; mọi chức năng khác vẫn chạy."), err=True)
        return None
    return StreamProcess().start()
