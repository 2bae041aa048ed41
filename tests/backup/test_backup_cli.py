"""`radio backup --verify`, `radio restore` refusals and the nightly job, as real processes."""

from __future__ import annotations

import json

import pytest

from radio import migrate
from radio.db import db
from tests.dbutil import drop_database, fresh_database_url
from tests.factories.stations import LiveSeeder
from tests.live import LiveServer


@pytest.fixture
def backed_up(make_live_server, tmp_path):
    """An installation without the demo but with two stored files, and a fresh backup of it."""
    server = make_live_server(demo_data=False)
    seeder = LiveSeeder(server, tmp_path)
    seeder.media(1.0, 440)
    seeder.media(1.0, 880)
    seeder.close()
    out = tmp_path / "backup"
    server.cli("backup", "--out", str(out))
    return server, out


def _verify(server, path):
    return server.cli("backup", "--verify", str(path), check=False)


def test_a_fresh_backup_verifies_and_lists_every_file(backed_up):
    server, out = backed_up
    manifest = json.loads((out / "manifest.json").read_text())
    media = [f for f in manifest["files"] if f.startswith("media/")]
    assert len(media) == 2 and manifest["media_files"] == 2
    assert manifest["database"] in manifest["files"]
    assert manifest["schema_revision"] == migrate.head_revision(db.engine)
    result = _verify(server, out)
    assert result.returncode == 0, result.stderr
    assert "nguyên vẹn" in result.stdout
    assert not list(out.parent.glob(".partial-*"))


def test_verify_finds_a_changed_byte(backed_up):
    server, out = backed_up
    manifest = json.loads((out / "manifest.json").read_text())
    rel = next(f for f in manifest["files"] if f.startswith("media/"))
    target = out / rel
    data = bytearray(target.read_bytes())
    data[len(data) // 2] ^= 0x01
    target.unlink()  # a hard link: write a new file, never into the live store
    target.write_bytes(bytes(data))
    result = _verify(server, out)
    assert result.returncode == 1
    assert f"Sai mã băm SHA-256 (nội dung đã bị thay đổi): {rel}" in result.stderr


def test_verify_finds_a_missing_and_an_extra_file(backed_up):
    server, out = backed_up
    manifest = json.loads((out / "manifest.json").read_text())
    rel = next(f for f in manifest["files"] if f.startswith("media/"))
    (out / rel).unlink()
    (out / "media" / "stray.bin").write_bytes(b"x")
    result = _verify(server, out)
    assert result.returncode == 1
    assert f"Thiếu tệp: {rel}" in result.stderr
    assert "Tệp thừa, không có trong danh sách: media/stray.bin" in result.stderr


def test_verify_refuses_a_folder_without_manifest(backed_up, tmp_path):
    server, out = backed_up
    (out / "manifest.json").unlink()
    result = _verify(server, out)
    assert result.returncode == 1
    assert "Không có manifest.json" in result.stderr


def test_restore_refuses_a_non_empty_target(backed_up, tmp_path):
    server, out = backed_up
    # the source installation itself: a database with tables and a store with files
    result = server.cli("restore", str(out), check=False)
    assert result.returncode == 1
    assert "Nơi khôi phục không trống" in result.stderr
    assert "cơ sở dữ liệu đã có" in result.stderr
    assert "kho tệp" in result.stderr
    # an empty database, but a data folder with a stray file in it
    folder = tmp_path / "other"
    (folder / "media" / "ab").mkdir(parents=True)
    (folder / "media" / "ab" / "old-file").write_bytes(b"old")
    url = fresh_database_url(folder, "other")
    try:
        other = LiveServer(folder, url)
        result = other.cli("restore", str(out), check=False)
        assert result.returncode == 1
        assert "kho tệp" in result.stderr
        assert "cơ sở dữ liệu đã có" not in result.stderr
    finally:
        drop_database(url)


def test_restore_refuses_a_damaged_backup(backed_up, tmp_path):
    server, out = backed_up
    manifest = json.loads((out / "manifest.json").read_text())
    (out / manifest["database"]).unlink()
    folder = tmp_path / "target"
    folder.mkdir()
    url = fresh_database_url(folder, "target")
    try:
        result = LiveServer(folder, url).cli("restore", str(out), check=False)
        assert result.returncode == 1
        assert "không nguyên vẹn" in result.stderr
        assert not (folder / "media").exists() or not any((folder / "media").rglob("*"))
    finally:
        drop_database(url)


def test_the_nightly_job_keeps_n_copies(make_live_server, tmp_path):
    folder = tmp_path / "nightly"
    server = make_live_server(demo_data=False, extra_env={
        "RADIO_BACKUP_DIR": str(folder), "RADIO_BACKUP_KEEP": "2",
        "RADIO_JOBS_OFF": "materialise_ahead,render_ahead,archive_seal"})
    made = []
    for _ in range(4):
        result = server.cli("scheduler", "--once")
        assert "nightly_backup:" in result.stdout
        made.append(sorted(p.name for p in folder.iterdir())[-1])
    kept = sorted(p.name for p in folder.iterdir())
    assert len(set(made)) == 4, made
    assert kept == made[-2:]
    for name in kept:
        assert _verify(server, folder / name).returncode == 0
