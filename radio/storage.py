"""The content-addressed file store: every file is named by its SHA-256 and never overwritten.

`Storage` is the small interface the media, scheduling and archive work use; `LocalStorage`
keeps files under `settings.media_dir` as `ab/abcdef…` (the first two hex digits fan out the
folders). Writes go to a temporary file inside the store, are fsynced and then renamed, so a
crash leaves either the whole file or a stale temporary file that `clean_stale_temp()` removes.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO, Protocol

CHUNK = 1024 * 1024
TEMP_PREFIX = "incoming-"
STALE_AFTER_S = 24 * 3600
SHA_RE = re.compile(r"^[0-9a-f]{64}$")


class Storage(Protocol):
    """What every store implementation offers (local disk now, object storage later)."""

    def put_file(self, src_path: str | os.PathLike) -> str:
        """Copy a file into the store; return its SHA-256 hex. An existing copy is kept."""

    def put_stream(self, stream: BinaryIO) -> str:
        """Like put_file, from an open binary stream, read in bounded chunks."""

    def open(self, sha256: str) -> BinaryIO:
        """Open a stored file for binary reading."""

    def path(self, sha256: str) -> Path:
        """A local filesystem path of a stored file (for ffmpeg and send_file)."""

    def exists(self, sha256: str) -> bool:
        """Whether a file of this hash is stored."""

    def size(self, sha256: str) -> int:
        """The size in bytes of a stored file."""

    def adopt(self, tmp: Path, sha256: str) -> str:
        """Move a finished temporary file (from temp_path) of known hash into place; the
        temporary file is gone afterwards. An existing copy is kept. Returns the hash."""

    def delete(self, sha256: str) -> bool:
        """Remove a stored file; True if it was there. Callers check retention first."""

    def temp_path(self, suffix: str = "") -> Path:
        """A fresh temporary file name inside the store (same filesystem: rename is atomic)."""

    def temp_dir(self) -> Path:
        """A fresh temporary folder inside the store (for multi-file work such as a render)."""

    def clean_stale_temp(self) -> int:
        """Delete temporary files left by killed processes; returns how many."""

    def temp_files(self) -> list[Path]:
        """The temporary files and folders now in the store (none once work is finished)."""


def sha256_file(path: str | os.PathLike) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def copy_and_hash(stream: BinaryIO, dest: str | os.PathLike,
                  on_chunk: Callable[[int], None] | None = None) -> tuple[str, int]:
    """Copy a stream to a new file in bounded chunks, hashing on the way; fsync; (sha, size)."""
    digest = hashlib.sha256()
    size = 0
    with open(dest, "wb") as out:
        while chunk := stream.read(CHUNK):
            digest.update(chunk)
            out.write(chunk)
            size += len(chunk)
            if on_chunk:
                on_chunk(size)
        out.flush()
        os.fsync(out.fileno())
    return digest.hexdigest(), size


def _check_sha(sha256: str) -> str:
    if not isinstance(sha256, str) or not SHA_RE.match(sha256):
        raise ValueError(f"not a SHA-256 hex digest: {sha256!r}")
    return sha256


def _fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


class LocalStorage:
    """Files under one folder, named by content. Safe for several processes at once."""

    def __init__(self, root: str | os.PathLike) -> None:
        self.root = Path(root)
        self.tmp_root = self.root / ".tmp"

    @classmethod
    def from_settings(cls, settings) -> LocalStorage:
        return cls(settings.media_dir)

    # -- paths -------------------------------------------------------------
    def path(self, sha256: str) -> Path:
        sha256 = _check_sha(sha256)
        return self.root / sha256[:2] / sha256

    def temp_path(self, suffix: str = "") -> Path:
        self.tmp_root.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(prefix=TEMP_PREFIX + f"{os.getpid()}-", suffix=suffix,
                                    dir=self.tmp_root)
        os.close(fd)
        return Path(name)

    def temp_dir(self) -> Path:
        """A fresh private working folder inside the store, removed by the caller when done."""
        self.tmp_root.mkdir(parents=True, exist_ok=True)
        return Path(tempfile.mkdtemp(prefix=TEMP_PREFIX + f"{os.getpid()}-", dir=self.tmp_root))

    # -- reads -------------------------------------------------------------
    def exists(self, sha256: str) -> bool:
        return self.path(sha256).is_file()

    def size(self, sha256: str) -> int:
        return self.path(sha256).stat().st_size

    def open(self, sha256: str) -> BinaryIO:
        return open(self.path(sha256), "rb")  # noqa: SIM115 (the caller closes it)

    # -- writes ------------------------------------------------------------
    def put_stream(self, stream: BinaryIO) -> str:
        tmp = self.temp_path()
        try:
            sha, _size = copy_and_hash(stream, tmp)
            return self.adopt(tmp, sha)
        finally:
            tmp.unlink(missing_ok=True)

    def put_file(self, src_path: str | os.PathLike) -> str:
        with open(src_path, "rb") as fh:
            return self.put_stream(fh)

    def adopt(self, tmp: Path, sha256: str) -> str:
        """Move a finished, fsynced temporary file of known hash into place (never overwrite)."""
        final = self.path(sha256)
        if final.exists():
            tmp.unlink(missing_ok=True)
            return sha256
        final.parent.mkdir(parents=True, exist_ok=True)
        try:
            # link() fails if the name exists, so two writers of the same content cannot clobber
            # each other; the content is the same either way.
            os.link(tmp, final)
        except FileExistsError:
            pass
        except OSError:
            if not final.exists():
                os.replace(tmp, final)
        tmp.unlink(missing_ok=True)
        _fsync_dir(final.parent)
        return sha256

    def delete(self, sha256: str) -> bool:
        path = self.path(sha256)
        try:
            path.unlink()
        except FileNotFoundError:
            return False
        return True

    def clean_stale_temp(self) -> int:
        """Remove temporary files of processes that are gone (or that are more than a day old)."""
        if not self.tmp_root.is_dir():
            return 0
        removed = 0
        now = time.time()
        for entry in self.tmp_root.iterdir():
            if not entry.name.startswith(TEMP_PREFIX):
                continue
            pid = _pid_of(entry.name)
            if pid == os.getpid():
                continue
            try:
                age = now - entry.stat().st_mtime
            except FileNotFoundError:
                continue
            if pid is not None and _pid_alive(pid) and age < STALE_AFTER_S:
                continue
            if entry.is_dir():
                shutil.rmtree(entry, ignore_errors=True)
            else:
                entry.unlink(missing_ok=True)
            removed += 1
        return removed

    def temp_files(self) -> list[Path]:
        if not self.tmp_root.is_dir():
            return []
        return sorted(self.tmp_root.iterdir())


def _pid_of(name: str) -> int | None:
    rest = name[len(TEMP_PREFIX):]
    head = rest.split("-", 1)[0]
    return int(head) if head.isdigit() else None


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def get_storage(settings=None) -> Storage:
    """The store of the current app (or of the given settings)."""
    if settings is None:
        from radio.config import app_settings

        settings = app_settings()
    return LocalStorage.from_settings(settings)
