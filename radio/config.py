"""Configuration read from the environment, with defaults that work on a fresh clone."""

from __future__ import annotations

import os
import re
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo


@dataclass(frozen=True)
class Settings:
    data_dir: Path
    database_url: str
    secret_key: str
    host: str = "127.0.0.1"
    port: int = 5000
    workers: int = 2  # gunicorn worker processes (RADIO_WORKERS)
    threads: int = 4  # threads per worker, or waitress threads on Windows (RADIO_THREADS)
    tz_name: str = "Asia/Ho_Chi_Minh"
    admin_password: str | None = None
    max_upload_bytes: int = 500 * 1024 * 1024
    loudness_target_lufs: float = -16.0
    true_peak_limit_dbtp: float = -1.0
    rendition_bitrate_kbps: int = 128
    rendition_channels: int = 1
    behind_proxy: bool = False
    secure_cookies: bool = False
    signin_max_failures: int = 5
    signin_window_s: int = 900
    signin_delay_s: int = 30
    signin_max_delay_s: int = 900
    backup_dir: Path | None = None
    backup_keep: int = 7
    retention_years: int = 5  # years kept after the year of airing (RADIO_RETENTION_YEARS)
    asrun_grace_s: float | None = None  # None: reconcile.GRACE (RADIO_ASRUN_GRACE_S)
    asrun_early_minutes: int = 15  # as-run may start this early for its airing (RADIO_ASRUN_EARLY_MINUTES)
    asrun_late_minutes: int = 120  # ... and this late (RADIO_ASRUN_LATE_MINUTES)
    chromium: str | None = None  # None: chromium on PATH (RADIO_CHROMIUM)
    doc_file: Path | None = None  # None: <data_dir>/official.toml (RADIO_DOC_FILE)
    playlist_cache_s: float = 120.0  # station playlist ETag reuse (RADIO_PLAYLIST_CACHE_S)
    ffmpeg: str | None = None  # None: ffmpeg on PATH, else the wheel's (RADIO_FFMPEG)
    materialise_days: int = 56  # occurrences and entries made this far ahead (RADIO_MATERIALISE_DAYS)
    render_ahead_hours: int = 36  # the render_ahead job's look-ahead (RADIO_RENDER_AHEAD_HOURS)
    scheduler: bool = True  # `radio serve` starts the scheduler child (RADIO_SCHEDULER)
    jobs_at_start: bool = False  # the scheduler runs every job once at start-up (RADIO_JOBS_AT_START)
    jobs_off: frozenset[str] = frozenset()  # job ids not run (RADIO_JOBS_OFF)
    job_minutes: dict[str, int] = field(default_factory=dict)  # job id -> interv. (RADIO_JOB_<ID>_MINUTES)
    icecast_bin: str | None = "icecast2"  # None: no stream server (RADIO_ICECAST=0)
    icecast_host: str = "127.0.0.1"
    icecast_port: int = 8000
    icecast_public_url: str | None = None  # None: http://RADIO_ICECAST_HOST:RADIO_ICECAST_PORT
    stream_auth_url: str | None = None  # None: http://RADIO_HOST:RADIO_PORT
    secret_key_from_env: bool = False  # RADIO_SECRET_KEY set: the key is not in the data folder
    approval_required: bool = True  # RADIO_APPROVAL=off: new material is approved on creation
    espeak: str = "espeak-ng"  # the espeak-ng binary (RADIO_ESPEAK)
    tts_url: str | None = None  # an HTTP text-to-speech service (RADIO_TTS_URL)
    tts_key: str | None = None  # its key, never logged (RADIO_TTS_KEY)
    smtp_url: str | None = None  # alert e-mail: smtp://user:pass@host:port (RADIO_SMTP_URL)
    mail_from: str = "district-radio@localhost"  # the sender of alert e-mail (RADIO_MAIL_FROM)
    alert_webhook: str | None = None  # a URL that gets a JSON POST per alert (RADIO_ALERT_WEBHOOK)
    extra: dict = field(default_factory=dict)

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.tz_name)

    @property
    def media_dir(self) -> Path:
        return self.data_dir / "media"



def _secret_key(data_dir: Path) -> str:
    """Use RADIO_SECRET_KEY, or a key generated once and kept in the data folder."""
    env = os.environ.get("RADIO_SECRET_KEY")
    if env:
        return env
    path = data_dir / "secret_key"
    if path.exists():
        return path.read_text().strip()
    key = secrets.token_hex(32)
    tmp = path.with_suffix(".tmp")
    with open(tmp, "w") as fh:
        fh.write(key)
        fh.flush()
        os.fsync(fh.fileno())
    os.chmod(tmp, 0o600)
    os.replace(tmp, path)
    return key


def _flag(name: str, default: bool) -> bool:
    """An on/off environment variable: 1/true/yes/on or 0/false/no/off; unset or empty = default."""
    value = os.environ.get(name, "").strip().lower()
    if not value:
        return default
    return value in ("1", "true", "yes", "on")


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value not in (None, "") else default
    except ValueError:
        return default


_JOB_MINUTES = re.compile(r"RADIO_JOB_([A-Z0-9_]+)_MINUTES")


def scheduler_values(env: Mapping[str, str]) -> dict:
    """The scheduler's switches read from an environment: load_settings passes os.environ, and a
    test or the scheduler's checks may pass a mapping of their own."""
    job_ids = {m.group(1) for name in env if (m := _JOB_MINUTES.fullmatch(name))}
    minutes = {job_id.lower(): env.get(f"RADIO_JOB_{job_id}_MINUTES", "") for job_id in job_ids}
    return {
        "scheduler": env.get("RADIO_SCHEDULER", "1").strip().lower()
        not in ("0", "false", "no", "off"),
        "jobs_at_start": env.get("RADIO_JOBS_AT_START", "0").strip().lower()
        in ("1", "true", "yes", "on"),
        "jobs_off": frozenset(j.strip() for j in env.get("RADIO_JOBS_OFF", "").split(",")
                              if j.strip()),
        "job_minutes": {k: int(v) for k, v in minutes.items() if v.isdigit()},
    }


def _digits(value: str | None, default: int) -> int:
    """A whole number written with digits only; anything else (unset, "-1", "x") is the default."""
    return int(value) if value and value.isdigit() else default


def _icecast_bin(value: str | None) -> str | None:
    """RADIO_ICECAST: unset = icecast2 on PATH, 0/off = no stream server, else the binary."""
    value = (value or "").strip()
    if not value:
        return "icecast2"
    return None if value.lower() in ("0", "off", "false", "no") else value


def current_settings() -> Settings | None:
    """The Settings of the running app, or None outside an app context (plain scripts)."""
    try:
        from flask import current_app

        return current_app.config["RADIO_SETTINGS"]
    except (RuntimeError, KeyError):
        return None


def app_settings() -> Settings:
    """The Settings of the running app; outside an app context, pass them explicitly instead."""
    settings = current_settings()
    if settings is None:
        raise RuntimeError("no app context: pass the Settings explicitly")
    return settings


def normalise_database_url(url: str) -> str:
    """Accept the usual postgres:// spellings and select the psycopg 3 driver."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def load_settings(overrides: dict | None = None) -> Settings:
    overrides = dict(overrides or {})
    env = os.environ
    data_dir = Path(overrides.pop("data_dir", None) or env.get("RADIO_DATA_DIR") or "instance")
    data_dir = data_dir.resolve()
    data_dir.mkdir(parents=True, exist_ok=True)
    database_url = overrides.pop("database_url", None) or env.get("DATABASE_URL")
    if not database_url:
        database_url = f"sqlite:///{data_dir / 'radio.db'}"
    values = {
        "data_dir": data_dir,
        "database_url": normalise_database_url(database_url),
        "secret_key": overrides.pop("secret_key", None) or _secret_key(data_dir),
        "host": env.get("RADIO_HOST", "127.0.0.1"),
        "port": int(env.get("RADIO_PORT", "5000")),
        "workers": int(env.get("RADIO_WORKERS", "2")),
        "threads": int(env.get("RADIO_THREADS", "4")),
        "tz_name": env.get("RADIO_TZ", "Asia/Ho_Chi_Minh"),
        "admin_password": env.get("RADIO_ADMIN_PASSWORD") or None,
        "max_upload_bytes": int(env.get("RADIO_MAX_UPLOAD_MB", "500")) * 1024 * 1024,
        "loudness_target_lufs": float(env.get("RADIO_LOUDNESS_TARGET", "-16")),
        "true_peak_limit_dbtp": float(env.get("RADIO_TRUE_PEAK", "-1")),
        "rendition_bitrate_kbps": int(env.get("RADIO_BITRATE_KBPS", "128")),
        "rendition_channels": int(env.get("RADIO_CHANNELS", "1")),
        "behind_proxy": _flag("RADIO_BEHIND_PROXY", False),
        "signin_max_failures": int(env.get("RADIO_SIGNIN_MAX_FAILURES", "5")),
        "signin_window_s": int(env.get("RADIO_SIGNIN_WINDOW_S", "900")),
        "signin_delay_s": int(env.get("RADIO_SIGNIN_DELAY_S", "30")),
        "signin_max_delay_s": int(env.get("RADIO_SIGNIN_MAX_DELAY_S", "900")),
        "backup_dir": Path(env["RADIO_BACKUP_DIR"]) if env.get("RADIO_BACKUP_DIR") else None,
        "backup_keep": int(env.get("RADIO_BACKUP_KEEP", "7")),
        "retention_years": max(_int(env.get("RADIO_RETENTION_YEARS"), 5), 0),
        "asrun_grace_s": float(env["RADIO_ASRUN_GRACE_S"]) if env.get("RADIO_ASRUN_GRACE_S")
        else None,
        "asrun_early_minutes": max(_int(env.get("RADIO_ASRUN_EARLY_MINUTES"), 15), 0),
        "asrun_late_minutes": max(_int(env.get("RADIO_ASRUN_LATE_MINUTES"), 120), 0),
        "chromium": env.get("RADIO_CHROMIUM") or None,
        "doc_file": Path(env["RADIO_DOC_FILE"]) if env.get("RADIO_DOC_FILE") else None,
        "playlist_cache_s": float(env.get("RADIO_PLAYLIST_CACHE_S", "120")),
        "ffmpeg": env.get("RADIO_FFMPEG") or None,
        "materialise_days": _digits(env.get("RADIO_MATERIALISE_DAYS"), 56),
        "render_ahead_hours": _int(env.get("RADIO_RENDER_AHEAD_HOURS"), 36),
        **scheduler_values(env),
        "secret_key_from_env": bool(env.get("RADIO_SECRET_KEY")),
        "icecast_bin": _icecast_bin(env.get("RADIO_ICECAST")),
        "icecast_host": env.get("RADIO_ICECAST_HOST", "127.0.0.1"),
        "icecast_port": _int(env.get("RADIO_ICECAST_PORT"), 8000),
        "icecast_public_url": env.get("RADIO_ICECAST_PUBLIC_URL") or None,
        "stream_auth_url": env.get("RADIO_STREAM_AUTH_URL") or None,
        "approval_required": env.get("RADIO_APPROVAL", "required").strip().lower()
        not in ("off", "0", "no", "false"),
        "espeak": env.get("RADIO_ESPEAK") or "espeak-ng",
        "tts_url": env.get("RADIO_TTS_URL") or None,
        "tts_key": env.get("RADIO_TTS_KEY") or None,
        "smtp_url": env.get("RADIO_SMTP_URL") or None,
        "mail_from": env.get("RADIO_MAIL_FROM") or "district-radio@localhost",
        "alert_webhook": env.get("RADIO_ALERT_WEBHOOK") or None,
    }
    # Secure cookies follow the proxy setting unless RADIO_SECURE_COOKIES says otherwise.
    values["secure_cookies"] = _flag("RADIO_SECURE_COOKIES", values["behind_proxy"])
    values.update({k: v for k, v in overrides.items() if k in Settings.__dataclass_fields__})
    extra = {k: v for k, v in overrides.items() if k not in Settings.__dataclass_fields__}
    return Settings(**values, extra=extra)
