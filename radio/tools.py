"""Locate external audio tools: the configured ffmpeg, the system one, else the wheel's."""

from __future__ import annotations

import functools
import shutil


@functools.cache
def ffmpeg_path(configured: str | None = None) -> str:
    """`configured` (the server's Settings.ffmpeg, RADIO_FFMPEG), then ffmpeg on PATH, then the
    binary the imageio-ffmpeg wheel ships. No environment read here: the station agent, which
    has no Settings, passes its own."""
    if configured:
        return configured
    found = shutil.which("ffmpeg")
    if found:
        return found
    import imageio_ffmpeg

    return imageio_ffmpeg.get_ffmpeg_exe()
