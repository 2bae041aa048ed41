"""Broadcast languages: `radio language list|add`, the admin page, audit rows, and the rules
(ISO 639-3 code, a Vietnamese name, no duplicate, no delete while an item carries it)."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from media import operations as media_ops
from radio.db import db
from radio.errors import DomainError
from radio.languages import operations, util
from radio.models import AuditEntry


def _audits(code: str) -> list[AuditEntry]:
    return list(db.session.scalars(select(AuditEntry).where(
        AuditEntry.object_type == "language", AuditEntry.object_id == code)
        .order_by(AuditEntry.id)))


def test_the_three_languages_of_the_migration_are_there_in_order():
    assert [(r.code, r.name) for r in util.list_languages()][:3] == [
        ("vi", "Tiếng Việt"), ("bru", "Tiếng Bru-Vân Kiều"), ("pko", "Tiếng Pa Kô")]
    assert util.name_of("bru") == "Tiếng Bru-Vân Kiều" and util.name_of("xyz") == "xyz"


def test_language_add_by_cli_is_listed_and_audited(runner):
    added = runner.invoke(args=["language", "add", "tpq", "--name", "Tiếng Tà Ôi",
                                "--name-en", "Ta Oi"])
    assert added.exit_code == 0, added.output
    assert "Đã thêm ngôn ngữ Tiếng Tà Ôi (tpq)." in added.output
    rows = json.loads(runner.invoke(args=["language", "list", "--json"]).output)
    assert rows[-1] == {"code": "tpq", "name": "Tiếng Tà Ôi", "name_en": "Ta Oi",
                        "position": 3, "in_use": False}
    text = runner.invoke(args=["language", "list"]).output
    assert "tpq  Tiếng Tà Ôi (Ta Oi)" in text and "bru  Tiếng Bru-Vân Kiều" in text
    [audit] = _audits("tpq")
    assert audit.action == "language.create"
    assert audit.after == {"code": "tpq", "name": "Tiếng Tà Ôi", "name_en": "Ta Oi",
                           "position": 3}


def test_language_add_by_cli_refuses_a_bad_code_and_a_duplicate(runner):
    bad = runner.invoke(args=["language", "add", "Bru1", "--name", "Sai"])
    assert bad.exit_code == 1
    assert ("Mã ngôn ngữ “Bru1” không hợp lệ: dùng mã ISO 639-3 gồm 2–3 chữ cái thường "
            "không dấu, ví dụ bru, pko.") in bad.output
    dup = runner.invoke(args=["language", "add", "bru", "--name", "Bru lần hai"])
    assert dup.exit_code == 1 and "Ngôn ngữ mã “bru” đã có." in dup.output
    assert [r.code for r in util.list_languages()] == ["vi", "bru", "pko"]
    assert _audits("Bru1") == [] and [a.action for a in _audits("bru")] == []


def test_an_admin_adds_and_edits_a_language_on_the_page(login, client):
    login("admin")
    page = client.get("/admin/languages")
    assert page.status_code == 200 and 'name="csrf_token"' in page.text
    assert '<tr data-code="pko">' in page.text
    resp = client.post("/admin/languages", data={"code": "pac", "name": "Tiếng Pa Cô",
                                                 "name_en": ""})
    assert resp.status_code == 302, resp.text
    listing = client.get(resp.headers["Location"]).text
    assert "Đã thêm ngôn ngữ Tiếng Pa Cô (pac)." in listing and '<tr data-code="pac">' in listing
    resp = client.post("/admin/languages/pac", data={"name": "Tiếng Pa Cô (Tà Ôi)",
                                                     "name_en": "Pacoh", "position": "7"})
    assert resp.status_code == 302, resp.text
    lang = util.get_language("pac")
    assert (lang.name, lang.name_en, lang.position) == ("Tiếng Pa Cô (Tà Ôi)", "Pacoh", 7)
    created, updated = _audits("pac")
    assert (created.action, updated.action) == ("language.create", "language.update")
    assert updated.before["name"] == "Tiếng Pa Cô" and updated.after["name_en"] == "Pacoh"


def test_the_page_refuses_a_bad_code_and_a_duplicate_and_writes_nothing(login, client):
    login("admin")
    bad = client.post("/admin/languages", data={"code": "P-1", "name": "Sai"})
    assert bad.status_code == 400
    assert "Mã ngôn ngữ “P-1” không hợp lệ" in bad.text and 'data-field="code"' in bad.text
    assert 'value="Sai"' in bad.text  # the input is kept
    dup = client.post("/admin/languages", data={"code": "pko", "name": "Pa Kô"})
    assert dup.status_code == 400 and "Ngôn ngữ mã “pko” đã có." in dup.text
    noname = client.post("/admin/languages", data={"code": "kho", "name": "  "})
    assert noname.status_code == 400 and "Hãy nhập tên ngôn ngữ bằng tiếng Việt." in noname.text
    assert [r.code for r in util.list_languages()] == ["vi", "bru", "pko"]
    assert db.session.scalar(select(AuditEntry.id).where(
        AuditEntry.object_type == "language")) is None


def test_readers_see_the_list_but_only_admins_change_it(login, client):
    login("editor")
    page = client.get("/admin/languages")
    assert page.status_code == 200 and "Tiếng Bru-Vân Kiều" in page.text
    assert 'id="language-form"' not in page.text
    assert client.post("/admin/languages", data={"code": "kho", "name": "X"}).status_code == 403
    assert client.post("/admin/languages/bru", data={"name": "X"}).status_code == 403
    assert util.get_language("kho") is None and util.name_of("bru") == "Tiếng Bru-Vân Kiều"


def test_a_language_in_use_cannot_be_deleted(create_media_item):
    lang = operations.add_language(None, code="tpq", name="Tiếng Tà Ôi")
    item = create_media_item("Tin tiếng Tà Ôi")
    media_ops.update_item(None, item, language="tpq")
    assert util.in_use("tpq")
    with pytest.raises(DomainError) as exc:
        operations.delete_language(None, lang)
    assert exc.value.code == "language_in_use"
    assert "đã có tin bài mang ngôn ngữ này" in exc.value.message
    media_ops.update_item(None, item, language="vi")
    operations.delete_language(None, lang)
    assert util.get_language("tpq") is None
    assert [a.action for a in _audits("tpq")] == ["language.create", "language.delete"]
