"""`radio bulletin add` from a .txt and a .docx, and its clean failures."""

from __future__ import annotations

import json
from dataclasses import replace

from sqlalchemy import func, select

from radio.db import db
from radio.models import BulletinText, MediaItem
from tests.bulletins.conftest import PLAN, make_docx


def _count() -> int:
    return db.session.scalar(select(func.count()).select_from(MediaItem))


def test_add_from_a_docx_prints_json(runner, tmp_path):
    path = make_docx(tmp_path / "ke-hoach.docx", [PLAN])
    result = runner.invoke(args=["bulletin", "add", "--title", "Kế hoạch CCHC", "--text-file",
                                 str(path), "--topic", "mot-cua", "--json"])
    assert result.exit_code == 0, result.output
    out = json.loads(result.output)
    item = db.session.get(MediaItem, out["id"])
    assert out["status"] == item.approval.value == "approved"  # the suite runs without approval
    assert (out["version"], out["voice"], out["engine"]) == (1, "espeak-ng:vi", "espeak-ng")
    assert out["duration_s"] == item.duration_s > 10
    bt = db.session.get(BulletinText, item.id)
    assert (bt.text, bt.source_name) == (PLAN, "ke-hoach.docx")
    assert [t.slug for t in item.topics] == ["mot-cua"]


def test_add_from_a_txt_says_the_id_and_state(runner, tmp_path):
    path = tmp_path / "tin.txt"
    path.write_text("Thông báo lịch tiếp công dân tháng 3.", encoding="utf-8")
    result = runner.invoke(args=["bulletin", "add", "--title", "Lịch tiếp dân", "--text-file",
                                 str(path), "--rate", "1.2"])
    assert result.exit_code == 0, result.output
    item = db.session.scalar(select(MediaItem).order_by(MediaItem.id.desc()).limit(1))
    assert result.output.splitlines()[0] == f"Đã tạo bản tin số {item.id} (đã duyệt)."
    assert db.session.get(BulletinText, item.id).rate == 1.2


def test_an_empty_file_fails_cleanly_and_writes_nothing(runner, tmp_path):
    path = tmp_path / "rong.txt"
    path.write_bytes(b"  \n\n")
    before = _count()
    result = runner.invoke(args=["bulletin", "add", "--title", "Rỗng", "--text-file", str(path)])
    assert result.exit_code == 2
    assert "Lỗi: Văn bản bản tin không được để trống." in result.output
    assert _count() == before
    result = runner.invoke(args=["bulletin", "add", "--title", "Rỗng", "--text-file", str(path),
                                 "--json"])
    assert result.exit_code == 2
    assert json.loads(result.output)["error"]["code"] == "bulletin_empty"
    assert _count() == before


def test_an_unknown_voice_and_a_bad_rate_fail_with_exit_2(runner, tmp_path):
    path = tmp_path / "tin.txt"
    path.write_text("Thông báo.", encoding="utf-8")
    result = runner.invoke(args=["bulletin", "add", "--title", "T", "--text-file", str(path),
                                 "--voice", "espeak-ng:xx", "--json"])
    assert result.exit_code == 2
    assert json.loads(result.output)["error"]["code"] == "tts_unknown_voice"
    result = runner.invoke(args=["bulletin", "add", "--title", "T", "--text-file", str(path),
                                 "--rate", "3", "--json"])
    assert result.exit_code == 2
    assert json.loads(result.output)["error"] == {"code": "tts_bad_rate",
                                                  "message": "Tốc độ đọc phải từ 0,5 đến 2."}


def test_with_approval_required_the_bulletin_is_a_draft(runner, app, tmp_path, monkeypatch):
    monkeypatch.setitem(app.config, "RADIO_SETTINGS",
                        replace(app.config["RADIO_SETTINGS"], approval_required=True))
    path = tmp_path / "tin.txt"
    path.write_text("Thông báo chờ duyệt.", encoding="utf-8")
    result = runner.invoke(args=["bulletin", "add", "--title", "Chờ duyệt", "--text-file",
                                 str(path)])
    assert result.exit_code == 0, result.output
    item = db.session.scalar(select(MediaItem).order_by(MediaItem.id.desc()).limit(1))
    assert result.output.splitlines()[0] == f"Đã tạo bản tin số {item.id} (bản nháp)."
    assert item.approval.value == "draft"
