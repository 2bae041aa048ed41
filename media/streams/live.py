"""Going live from a studio PC or the server: `radio live --station CODE --input FILE|DEVICE`.

The sound goes to the station's mount with the source password; the stream server
(`radio stream serve`) sees the source, records it and archives the recording.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from media.streams import ffmpeg
from media.streams.icecast import mount_of, secrets_of, stream_config
from radio.errors import DomainError
from radio.i18n import _


def source_url(settings, code: str) -> str:
    cfg = stream_config(settings)
    password = secrets_of(cfg.folder)["source_password"]
    return f"icecast://source:{password}@{cfg.host}:{cfg.port}{mount_of(code)}"


def seconds_until(text: str | None, now: datetime, tz) -> float | None:
    """Seconds from `now` to the next local HH:MM (tomorrow if it has passed today)."""
    if not text:
        return None
    try:
        hour, minute = (int(p) for p in text.split(":"))
        local = now.astimezone(tz)
        end = local.replace(hour=hour, minute=minute, second=0, microsecond=0)
    except ValueError:
        raise DomainError(_("Giờ kết thúc “%(value)s” không đúng dạng HH:MM.", value=text),
                          "invalid_until", field="until") from None
    if end <= local:
        end += timedelta(days=1)
    return (end - local).total_seconds()


def check_input(source: str) -> None:
    from pathlib import Path

    if source.startswith(("alsa:", "pulse:")):
        return
    if not Path(source).is_file():
        raise DomainError(_("Không tìm thấy tệp hoặc thiết bị “%(name)s” (thiết bị: alsa:hw:0, "
                            "pulse:default).", name=source), "input_not_found", field="input")


def feed(settings, code: str, source: str, *, seconds: float | None = None,
         follow: bool = False):
    """Start ffmpeg sending `source` to the station's mount; returns the process."""
    return ffmpeg.feed(source, source_url(settings, code), follow=follow, seconds=seconds)
