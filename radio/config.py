"""Configuration read from the environment, with defaults that work on a fresh clone."""

from __future__ import annotations

import os
import secrets
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
    extra: dict = field(default_factory=dict)

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.tz_name)

    @property
    def media_dir(self) -> Path:
        return self.data_dir / "media"

    @property
    def tmp_dir(self) -> Path:
        return self.data_dir / "tmp"

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")


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
    }
    values.update({k: v for k, v in overrides.items() if k in Settings.__dataclass_fields__})
    extra = {k: v for k, v in overrides.items() if k not in Settings.__dataclass_fields__}
    return Settings(**values, extra=extra)
