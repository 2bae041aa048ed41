"""The content-addressed store: atomic writes, no overwrite, stale temporary files cleaned.

TestStorageBehaviour runs against every implementation of the `Storage` protocol (IMPLEMENTATIONS);
the tests after it check what only the local store promises (its folder layout, its settings).
"""

from __future__ import annotations

import hashlib
import inspect
import io
import subprocess
import sys

import pytest

from radio.storage import LocalStorage, Storage, get_storage

# name -> factory of an empty store in a fresh folder; a new implementation adds its line here
IMPLEMENTATIONS = {"local": LocalStorage}


def _protocol_methods() -> list[str]:
    return sorted(name for name, value in vars(Storage).items()
                  if not name.startswith("_") and inspect.isfunction(value))


@pytest.fixture(params=sorted(IMPLEMENTATIONS))
def store(request, tmp_path) -> Storage:
    return IMPLEMENTATIONS[request.param](tmp_path / "store")


def _dead_pid() -> int:
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)
    return int(dead.stdout)


class TestStorageBehaviour:
    def test_local_storage_satisfies_the_storage_interface(self, store):
        methods = _protocol_methods()
        assert "adopt" in methods and "put_file" in methods
        for name in methods:
            want = inspect.signature(getattr(Storage, name))
            got = inspect.signature(getattr(type(store), name))
            assert list(got.parameters) == list(want.parameters), name

    def test_put_file_names_the_file_by_its_sha256_and_leaves_no_temp_file(self, store,
                                                                           tmp_path):
        src = tmp_path / "in.bin"
        src.write_bytes(b"xin chao" * 1000)
        sha = store.put_file(src)
        assert sha == hashlib.sha256(src.read_bytes()).hexdigest()
        assert store.exists(sha) and store.size(sha) == 8000
        with store.open(sha) as fh:
            assert fh.read() == src.read_bytes()
        assert store.path(sha).read_bytes() == src.read_bytes()
        probe = store.temp_path()
        assert list(probe.parent.iterdir()) == [probe]  # the write left no temporary file

    def test_storing_the_same_content_twice_keeps_the_first_file(self, store):
        sha = store.put_stream(io.BytesIO(b"abc"))
        inode = store.path(sha).stat().st_ino
        assert store.put_stream(io.BytesIO(b"abc")) == sha
        assert store.path(sha).stat().st_ino == inode
        assert store.delete(sha) and not store.exists(sha) and not store.delete(sha)

    def test_adopt_moves_a_temporary_file_into_place_and_keeps_an_existing_copy(self, store):
        tmp = store.temp_path(".bin")
        tmp.write_bytes(b"ban tin")
        sha = hashlib.sha256(b"ban tin").hexdigest()
        assert store.adopt(tmp, sha) == sha
        assert not tmp.exists() and store.exists(sha) and store.size(sha) == 7
        inode = store.path(sha).stat().st_ino
        again = store.temp_path()
        again.write_bytes(b"ban tin")
        assert store.adopt(again, sha) == sha
        assert not again.exists() and store.path(sha).stat().st_ino == inode

    def test_temporary_names_are_fresh_and_on_the_store_side(self, store):
        first, second = store.temp_path(".wav"), store.temp_path(".wav")
        assert first != second and first.suffix == ".wav" and first.exists()
        folder = store.temp_dir()
        assert folder.is_dir() and list(folder.iterdir()) == []
        assert store.temp_dir() != folder

    def test_clean_stale_temp_removes_files_of_dead_processes_only(self, store):
        mine = store.temp_path()
        stale = mine.parent / f"incoming-{_dead_pid()}-abc"
        stale.write_bytes(b"half")
        stale_dir = mine.parent / f"incoming-{_dead_pid()}-dir"
        stale_dir.mkdir()
        assert store.clean_stale_temp() == 2
        assert not stale.exists() and not stale_dir.exists() and mine.exists()

    def test_a_name_that_is_not_a_sha256_is_refused(self, store):
        for bad in ("../etc/passwd", "ab" * 31, "A" * 64, ""):
            with pytest.raises(ValueError):
                store.path(bad)
            with pytest.raises(ValueError):
                store.exists(bad)


def test_the_local_store_lays_files_out_by_the_first_two_hex_digits(tmp_path):
    store = LocalStorage(tmp_path / "store")
    sha = store.put_stream(io.BytesIO(b"xin chao"))
    assert store.path(sha) == tmp_path / "store" / sha[:2] / sha
    assert store.temp_files() == []


def test_get_storage_uses_the_media_folder_of_the_settings(app):
    store = get_storage()
    assert store.root == app.config["RADIO_SETTINGS"].media_dir
