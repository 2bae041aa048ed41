"""Going live from the browser page: the recorded chunks are appended to a file that a
`radio live --follow` process reads as it grows and sends to the station's mount.

The page posts MediaRecorder chunks (WebM/Opus) to any web worker: each appends to
`<data>/streams/browser/session-<id>.webm`. Stopping writes a `.stop` file next to it; the
feeding process also stops when no chunk came for IDLE_STOP_S (a closed tab), when the file is
gone, when its ffmpeg ended, and when the `radio serve` that started it is gone. Then it writes
the `.stop` file itself, so that later chunks are refused.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

MAX_CHUNK = 1024 * 1024
IDLE_STOP_S = 8.0


def folder(settings) -> Path:
    path = settings.data_dir / "streams" / "browser"
    path.mkdir(parents=True, exist_ok=True)
    return path


def chunk_path(settings, session_id: int) -> Path:
    return folder(settings) / f"session-{session_id}.webm"


def start_feeder(settings, code: str, session_id: int, parent_pid: int) -> None:
    """Start `radio live --follow` on the session's file; it stops by itself (see above), also
    when the process `parent_pid` (the server) is gone."""
    path = chunk_path(settings, session_id)
    path.touch()
    subprocess.Popen([sys.executable, "-m", "web.cli", "live", "--station", code,
                      "--input", str(path), "--follow", "--session", str(session_id),
                      "--parent-pid", str(parent_pid)],
                     stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                     stderr=open(path.with_suffix(".log"), "ab"),  # noqa: SIM115
                     start_new_session=True)


def append(settings, session_id: int, data: bytes) -> int:
    path = chunk_path(settings, session_id)
    if not path.exists() or path.with_suffix(".stop").exists():
        return -1
    with open(path, "ab") as fh:
        fh.write(data[:MAX_CHUNK])
    return path.stat().st_size


def request_stop(settings, session_id: int) -> None:
    chunk_path(settings, session_id).with_suffix(".stop").touch()


def should_stop(path: Path, idle_since: float, now: float, parent_pid: int | None = None) -> bool:
    return (not path.exists() or path.with_suffix(".stop").exists()
            or now - idle_since > IDLE_STOP_S or not running(parent_pid))


def running(pid: int | None) -> bool:
    """Whether process `pid` still runs (True when there is none to watch, or off POSIX)."""
    if not pid or os.name != "posix":
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # it runs, as another user
        return True
    return True
