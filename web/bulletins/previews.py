"""Short-lived preview files: a WAV kept under an opaque token, for the user who made it only.

    keep(settings, user_id, wav) -> token        moves the WAV in, removes stale ones
    path_for(settings, user_id, token) -> Path | None
"""

from __future__ import annotations

import re
import secrets
import shutil
import time
from pathlib import Path

MAX_AGE_S = 15 * 60
TOKEN = re.compile(r"^[A-Za-z0-9_-]{20,64}$")


def _folder(settings) -> Path:
    folder = Path(settings.data_dir) / "previews"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _clean(folder: Path) -> None:
    cutoff = time.time() - MAX_AGE_S
    for p in folder.glob("*.wav"):
        try:
            if p.stat().st_mtime < cutoff:
                p.unlink()
        except FileNotFoundError:
            pass


def keep(settings, user_id: int, wav: Path) -> str:
    folder = _folder(settings)
    _clean(folder)
    token = secrets.token_urlsafe(24)
    shutil.move(str(wav), folder / f"{int(user_id)}-{token}.wav")
    shutil.rmtree(wav.parent, ignore_errors=True)
    return token


def path_for(settings, user_id: int, token: str) -> Path | None:
    if not TOKEN.match(token or ""):
        return None
    path = _folder(settings) / f"{int(user_id)}-{token}.wav"
    if not path.is_file() or path.stat().st_mtime < time.time() - MAX_AGE_S:
        return None
    return path
