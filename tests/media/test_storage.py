"""The content-addressed store: atomic writes, no overwrite, stale temporary files cleaned."""

from __future__ import annotations

import hashlib
import io
import subprocess
import sys

from radio.storage import LocalStorage, Storage, get_storage


def test_local_storage_satisfies_the_storage_interface(tmp_path):
    store: Storage = LocalStorage(tmp_path)
    for name in ("put_file", "put_stream", "open", "path", "exists", "size", "delete",
                 "temp_path", "temp_dir", "clean_stale_temp"):
        assert callable(getattr(store, name)), name


def test_put_file_names_the_file_by_its_sha256_and_leaves_no_temp_file(tmp_path):
    src = tmp_path / "in.bin"
    src.write_bytes(b"xin chao" * 1000)
    store = LocalStorage(tmp_path / "store")
    sha = store.put_file(src)
    assert sha == hashlib.sha256(src.read_bytes()).hexdigest()
    assert store.exists(sha) and store.size(sha) == 8000
    assert store.path(sha) == tmp_path / "store" / sha[:2] / sha
    with store.open(sha) as fh:
        assert fh.read() == src.read_bytes()
    assert store.temp_files() == []


def test_storing_the_same_content_twice_keeps_the_first_file(tmp_path):
    store = LocalStorage(tmp_path)
    sha = store.put_stream(io.BytesIO(b"abc"))
    inode = store.path(sha).stat().st_ino
    assert store.put_stream(io.BytesIO(b"abc")) == sha
    assert store.path(sha).stat().st_ino == inode
    assert store.delete(sha) and not store.exists(sha) and not store.delete(sha)


def test_clean_stale_temp_removes_files_of_dead_processes_only(tmp_path):
    store = LocalStorage(tmp_path)
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)
    pid = int(dead.stdout)
    store.tmp_root.mkdir(parents=True)
    stale = store.tmp_root / f"incoming-{pid}-abc"
    stale.write_bytes(b"half")
    mine = store.temp_path()
    assert store.clean_stale_temp() == 1
    assert not stale.exists() and mine.exists()


def test_get_storage_uses_the_media_folder_of_the_settings(app):
    store = get_storage()
    assert store.root == app.config["RADIO_SETTINGS"].media_dir
