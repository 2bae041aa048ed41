"""The ffmpeg command lines of live sound: feeding a mount, recording it, timing a recording.

They run the adapter's binary (media/_ffmpeg.py, the only place that finds ffmpeg) for a whole
session and never touch the library.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
from pathlib import Path

from media import _ffmpeg

BITRATE = "128k"
STOP_WAIT_S = 2.0
_TIME = re.compile(r"time=(\d+):(\d\d):(\d\d(?:\.\d+)?)")


def input_args(source: str, *, follow: bool = False) -> list[str]:
    """ffmpeg input options for a file (read at its own pace: -re), an ALSA/Pulse device
    (`alsa:hw:0`, `pulse:default`), or a growing file written by the browser page."""
    for prefix in ("alsa:", "pulse:"):
        if source.startswith(prefix):
            return ["-f", prefix[:-1], "-i", source[len(prefix):]]
    if follow:
        return ["-re", "-follow", "1", "-i", f"file:{source}"]
    return ["-re", "-i", source]


def feed(source: str, icecast_url: str, *, follow: bool = False,
         seconds: float | None = None) -> subprocess.Popen:
    """Encode `source` to MP3 and send it to an Icecast mount (icecast://source:…@host/mount)."""
    limit = ["-t", f"{seconds:.3f}"] if seconds else []
    args = [_ffmpeg.binary(), "-hide_banner", "-nostdin", "-loglevel", "error",
            *input_args(source, follow=follow), *limit, "-vn", "-ac", "1", "-ar", "44100",
            "-c:a", "libmp3lame", "-b:a", BITRATE, "-content_type", "audio/mpeg",
            "-f", "mp3", icecast_url]
    return subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            preexec_fn=_ffmpeg.die_with_parent if os.name == "posix" else None)


def stop(proc: subprocess.Popen, wait_s: float = STOP_WAIT_S) -> bytes:
    """End an ffmpeg child within about 3 × wait_s and return what it wrote on stderr (its
    stdout is not a pipe): SIGTERM, SIGTERM again, then SIGKILL. ffmpeg leaves a blocking read
    only on the second signal: with `-follow 1` at the end of its file (all the browser sent so
    far), the first one is never seen."""
    for sig in (signal.SIGTERM, signal.SIGTERM, signal.SIGKILL):
        if proc.poll() is None:
            proc.send_signal(sig)
        try:
            return proc.communicate(timeout=wait_s)[1] or b""
        except subprocess.TimeoutExpired:
            continue
    return proc.communicate()[1] or b""


def record(url: str, out: Path) -> subprocess.Popen:
    """Record a mount's MP3 stream into a file as it arrives; ends when the source goes.

    The recorder joins a stream already running, so its first frame may point into the bit
    reservoir of frames it never got ("invalid new backstep"). Re-encoding (not copying) turns
    that into a file every decoder reads without an error."""
    args = [_ffmpeg.binary(), "-hide_banner", "-nostdin", "-loglevel", "error", "-y",
            "-i", url, "-vn", "-c:a", "libmp3lame", "-b:a", BITRATE, "-f", "mp3", str(out)]
    # Its own session: the recorder outlives a killed `radio live` on the same terminal. Its
    # messages would name the URL with its grant: they are not kept.
    return subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)


def decoded_seconds(path: Path) -> float:
    """Seconds of audio that decode from `path` (0.0 for an empty or unreadable file)."""
    if not path.exists() or path.stat().st_size == 0:
        return 0.0
    result = subprocess.run([_ffmpeg.binary(), "-hide_banner", "-nostdin", "-i", str(path),
                             "-f", "null", "-"], capture_output=True, text=True, timeout=300)
    found = _TIME.findall(result.stderr)
    if not found:
        return 0.0
    h, m, s = found[-1]
    return int(h) * 3600 + int(m) * 60 + float(s)
