"""The one test tone: a speech-like signal (a tremolo tone over soft noise) made by real ffmpeg.

Each (length, frequency, format) is made once per test process into a shared cache folder and
reused; callers copy it (into a store, a temporary file) and never change the cached file.
Different frequencies give different bytes, so different checksums.
"""

from __future__ import annotations

import atexit
import shutil
import subprocess
import tempfile
from pathlib import Path

from radio.tools import ffmpeg_path

_cache: Path | None = None
CODECS = {"mp3": ["-b:a", "64k"], "wav": ["-c:a", "pcm_s16le"]}


def _folder() -> Path:
    global _cache
    if _cache is None:
        _cache = Path(tempfile.mkdtemp(prefix="radio-test-audio-"))
        atexit.register(shutil.rmtree, _cache, True)
    return _cache


def tone(seconds: float = 2.0, freq: int = 440, fmt: str = "mp3") -> Path:
    """A mono 22.05 kHz tone of `seconds` (cached per process); fmt is "mp3" or "wav"."""
    path = _folder() / f"tone-{seconds:g}-{freq}.{fmt}"
    if not path.exists():
        part = path.with_name("part-" + path.name)
        subprocess.run([
            ffmpeg_path(), "-hide_banner", "-loglevel", "error", "-y",
            "-f", "lavfi", "-i", f"sine=f={freq}:r=22050:d={seconds}",
            "-f", "lavfi", "-i", f"anoisesrc=r=22050:a=0.02:d={seconds}:seed={freq}",
            "-filter_complex", "[0]tremolo=f=3:d=0.6[t];[t][1]amix=inputs=2:normalize=0",
            "-ac", "1", *CODECS[fmt], "-f", fmt, str(part)], check=True)
        part.replace(path)
    return path
