"""The optional nightly backup job (RADIO_BACKUP_DIR) and its retention (RADIO_BACKUP_KEEP)."""

from __future__ import annotations

import logging
import shutil
import time
from datetime import UTC, datetime
from pathlib import Path

from radio import clock
from radio.backup.operations import PARTIAL_PREFIX, make_backup

log = logging.getLogger("radio.backup")

JOB_ID = "nightly_backup"
NAME_PREFIX = "radio-backup-"
STALE_PARTIAL_S = 24 * 3600


def backup_name(now: datetime | None = None) -> str:
    now = (now or clock.now()).astimezone(UTC)
    return f"{NAME_PREFIX}{now:%Y%m%dT%H%M%S}.{now.microsecond:06d}Z"


def kept_backups(folder: Path) -> list[Path]:
    """Finished backups in a folder, oldest first (the names sort by time)."""
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.is_dir() and p.name.startswith(NAME_PREFIX)
                  and (p / "manifest.json").is_file())


def prune(folder: Path, keep: int) -> list[Path]:
    """Delete all but the newest `keep` backups, and partial folders left by a crash."""
    removed = []
    backups = kept_backups(folder)
    for old in backups[:max(len(backups) - max(keep, 1), 0)]:
        shutil.rmtree(old)
        removed.append(old)
    for partial in folder.glob(f"{PARTIAL_PREFIX}{NAME_PREFIX}*"):
        if time.time() - partial.stat().st_mtime > STALE_PARTIAL_S:
            shutil.rmtree(partial, ignore_errors=True)
            removed.append(partial)
    return removed


def run_nightly(settings, engine, now: datetime | None = None) -> str:
    folder = Path(settings.backup_dir)
    folder.mkdir(parents=True, exist_ok=True)
    name = backup_name(now)
    if (folder / name).exists():
        return f"{name} already exists"
    result = make_backup(settings, engine, folder / name)
    removed = prune(folder, settings.backup_keep)
    for warning in result.warnings:
        log.warning("backup: %s", warning)
    return f"{result.path.name}: {len(result.manifest['files'])} files, {len(removed)} removed"


def nightly_backup() -> str:
    """Scheduler entry point (schedules.jobs:run calls it inside the app context)."""
    from radio.config import app_settings
    from radio.db import db

    return run_nightly(app_settings(), db.engine)


def register(app) -> None:
    settings = app.config["RADIO_SETTINGS"]
    if getattr(settings, "backup_dir", None):
        app.extensions.setdefault("radio.jobs", {})[JOB_ID] = {
            "func": "radio.backup.jobs:nightly_backup", "minutes": 24 * 60}
