"""Locate external audio tools: the system ffmpeg, else the one the imageio-ffmpeg wheel ships."""

from __future__ import annotations

import functools
import os
import shutil


@functools.cache
def ffmpeg_path() -> str:
    """RADIO_FFMPEG, then ffmpeg on PATH, then the wheel-shipped binary."""
    explicit = os.environ.get("RADIO_FFMPEG")
    if explicit:
        return explicit
    found = shutil.which("ffmpeg")
    if found:
        return found
    import imageio_ffmpeg

    return imageio_ffmpeg.get_ffmpeg_exe()
