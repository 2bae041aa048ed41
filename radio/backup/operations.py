"""Make a backup of a running installation and restore one into an empty installation.

A backup is a folder:
    manifest.json        format, created_at, engine, schema revision, SHA-256 + size per file
    database/radio.db    SQLite (online-backup API), or database/radio.sql (pg_dump, plain SQL)
    media/ab/abcd…       the content-addressed media store (hard links when possible)
    secret_key           the key file of the data folder, when there is one
It is written into a hidden sibling folder and renamed into place at the very end, so a crash
leaves no half backup under the final name. The database is copied first and the media after:
files are never overwritten in the store, so every file the database snapshot names is there.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from radio import clock
from radio.backup import database as dbcopy
from radio.storage import CHUNK, TEMP_PREFIX, sha256_file

FORMAT = "district-radio-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
PARTIAL_PREFIX = ".partial-"
KEY_FILE = "secret_key"

# progress(stage, done, total): stage is "database" | "media" | "hash" | "restore"
Progress = Callable[[str, int, int], None]


class BackupError(RuntimeError):
    """A backup or restore cannot go on; the message is Vietnamese and meant for the user."""


@dataclass
class BackupResult:
    path: Path
    manifest: dict
    linked: int = 0
    copied: int = 0
    warnings: list[str] = field(default_factory=list)


def _noop(_stage: str, _done: int, _total: int) -> None:
    pass


def _store_files(media_dir: Path) -> list[Path]:
    """Every stored file, without the store's own temporary area."""
    if not media_dir.is_dir():
        return []
    out = []
    for root, dirs, files in os.walk(media_dir):
        dirs[:] = sorted(d for d in dirs if d != ".tmp" and not d.startswith(TEMP_PREFIX))
        out.extend(Path(root) / f for f in sorted(files) if not f.startswith(TEMP_PREFIX))
    return out


def _link_or_copy(src: Path, dest: Path) -> bool:
    """Hard link when the filesystem allows it (True), else a copy."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(src, dest)
        return True
    except OSError:
        copy_file(src, dest)
        return False


def copy_file(src: Path, dest: Path) -> None:
    dest.parent.mkdir(parents=True, exist_ok=True)
    with open(src, "rb") as fin, open(dest, "wb") as fout:
        while chunk := fin.read(CHUNK):
            fout.write(chunk)
        fout.flush()
        os.fsync(fout.fileno())


def write_json_atomic(path: Path, data: dict) -> None:
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "w", encoding="utf-8") as fh:
        json.dump(data, fh, ensure_ascii=False, indent=1, sort_keys=True)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _schema_revision(engine) -> str | None:
    from radio import migrate

    return migrate.current_revision(engine)


def _app_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("district-radio")
    except PackageNotFoundError:
        return "unknown"


def make_backup(settings, engine, out: Path, progress: Progress = _noop) -> BackupResult:
    """Write a complete backup folder at `out` (which must not exist or be empty)."""
    out = Path(out).absolute()
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise BackupError(f"Thư mục đích {out} đã tồn tại và không trống; hãy chọn thư mục mới.")
    out.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f"{PARTIAL_PREFIX}{out.name}-", dir=out.parent))
    try:
        result = _fill(settings, engine, work, progress)
        if out.exists():
            out.rmdir()
        os.rename(work, out)
        _fsync_dir(out.parent)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    result.path = out
    return result


def _fill(settings, engine, work: Path, progress: Progress) -> BackupResult:
    target = dbcopy.target_of(settings.database_url)
    created_at = clock.now()
    revision = _schema_revision(engine)
    (work / "database").mkdir()
    progress("database", 0, 1)
    extra: dict = {}
    if target.engine == "sqlite":
        db_rel = f"database/{dbcopy.SQLITE_FILE}"
        dbcopy.sqlite_backup(target.sqlite_path, work / db_rel)
    else:
        db_rel = f"database/{dbcopy.PG_FILE}"
        dbcopy.pg_dump(settings.database_url, work / db_rel)
        extra["pg_schema"] = target.schema
    progress("database", 1, 1)

    result = BackupResult(path=work, manifest={})
    key = settings.data_dir / KEY_FILE
    if key.is_file():
        copy_file(key, work / KEY_FILE)
        os.chmod(work / KEY_FILE, 0o600)
    elif settings.secret_key_from_env:
        result.warnings.append("Khóa bí mật đặt bằng biến RADIO_SECRET_KEY, không có trong bản "
                               "sao lưu: hãy tự giữ giá trị đó.")

    sources = _store_files(settings.media_dir)
    for n, src in enumerate(sources, 1):
        rel = src.relative_to(settings.media_dir)
        if _link_or_copy(src, work / "media" / rel):
            result.linked += 1
        else:
            result.copied += 1
        progress("media", n, len(sources))

    files = hash_tree(work, progress)
    result.manifest = {
        "format": FORMAT, "format_version": FORMAT_VERSION,
        "created_at": created_at.isoformat(), "engine": target.engine,
        "schema_revision": revision, "app_version": _app_version(), "database": db_rel,
        "secret_key": (work / KEY_FILE).is_file(), "media_files": len(sources),
        "files": files, **extra}
    write_json_atomic(work / MANIFEST, result.manifest)
    return result


def listed_files(root: Path) -> list[str]:
    """Relative POSIX paths of every file under a backup folder, the manifest excluded."""
    out = []
    for path in sorted(root.rglob("*")):
        if path.is_file() and not path.is_symlink():
            rel = path.relative_to(root).as_posix()
            if rel != MANIFEST:
                out.append(rel)
    return out


def hash_tree(root: Path, progress: Progress = _noop) -> dict[str, dict]:
    rels = listed_files(root)
    out = {}
    for n, rel in enumerate(rels, 1):
        path = root / rel
        out[rel] = {"sha256": sha256_file(path), "size": path.stat().st_size}
        progress("hash", n, len(rels))
    return out


# -- restore ----------------------------------------------------------------------------------

def data_dir_problems(settings) -> list[str]:
    """Why the data folder is not empty (none: it may receive a restore). A secret_key file is
    allowed: the app writes one at start-up, and a restore replaces it with the backup's."""
    problems = []
    if settings.media_dir.is_dir() and _store_files(settings.media_dir):
        problems.append(f"kho tệp {settings.media_dir} đã có tệp")
    for path in sorted(settings.data_dir.iterdir()) if settings.data_dir.is_dir() else []:
        if path.name in (KEY_FILE, "media", "tmp") or path.name.startswith("radio.db"):
            continue
        if path.is_dir() and not any(path.rglob("*")):
            continue
        problems.append(f"thư mục dữ liệu có {path.name}")
    return problems


def database_tables(engine) -> list[str]:
    from sqlalchemy import inspect

    return inspect(engine).get_table_names()


def restore_backup(settings, engine, backup: Path, manifest: dict,
                   progress: Progress = _noop) -> None:
    """Copy a verified backup into the (checked empty) data folder and database."""
    target = dbcopy.target_of(settings.database_url)
    if manifest["engine"] != target.engine:
        raise BackupError(f"Bản sao lưu dùng {manifest['engine']}, còn DATABASE_URL trỏ tới "
                          f"{target.engine}; không thể khôi phục chéo.")
    progress("database", 0, 1)
    engine.dispose()
    db_file = backup / manifest["database"]
    if target.engine == "sqlite":
        dbcopy.sqlite_restore(db_file, target.sqlite_path)
    else:
        tmp = Path(tempfile.mkdtemp(prefix="radio-restore-"))
        try:
            dbcopy.pg_restore(db_file, settings.database_url, manifest.get("pg_schema", "public"),
                              tmp)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    progress("database", 1, 1)

    media = sorted(rel for rel in manifest["files"] if rel.startswith("media/"))
    for n, rel in enumerate(media, 1):
        dest = settings.media_dir / rel[len("media/"):]
        part = dest.with_name(dest.name + f".{uuid.uuid4().hex[:8]}.part")
        copy_file(backup / rel, part)  # a copy: the backup never shares inodes with the live store
        os.replace(part, dest)
        progress("restore", n, len(media))
    if manifest.get("secret_key"):
        key = settings.data_dir / KEY_FILE
        copy_file(backup / KEY_FILE, key.with_suffix(".restore"))
        os.chmod(key.with_suffix(".restore"), 0o600)
        os.replace(key.with_suffix(".restore"), key)
