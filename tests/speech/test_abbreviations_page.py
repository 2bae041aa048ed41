"""The abbreviation settings page (/settings/abbreviations), through the test client: editors
add, edit and delete rows (audited), everyone who reads sees the lists and may try a sentence,
an auditor cannot write, a bad form writes nothing, and the forms carry CSRF."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from media.speech.abbreviations import abbreviations_for
from radio.accounts.util import get_user
from radio.db import db
from radio.models import AuditEntry, SpeechAbbreviation
from tests.foundation.util import csrf_from, last_audit

URL = "/settings/abbreviations"
CSRF_MESSAGE = "Biểu mẫu đã hết hạn hoặc thiếu mã bảo vệ (CSRF). Hãy tải lại trang và thử lại."


def _counts() -> tuple[int, int]:
    return (db.session.scalar(select(func.count()).select_from(SpeechAbbreviation)),
            db.session.scalar(select(func.count()).select_from(AuditEntry)))


def _row(abbreviation: str) -> SpeechAbbreviation | None:
    return db.session.scalar(select(SpeechAbbreviation)
                             .where(SpeechAbbreviation.abbreviation == abbreviation))


def _spoken(html: str) -> str:
    match = re.search(r'<p id="spoken">([^<]*)</p>', html)
    assert match, html
    return match.group(1)


def test_an_editor_adds_bhxh_and_the_preview_and_the_list_use_it(login, client):
    login("editor")
    before = _spoken(client.get(URL, query_string={"text": "Đóng BHXH tại UBND xã"}).text)
    assert before == "Đóng bê hát ích hát tại ủy ban nhân dân xã"
    listing = client.get(URL).text
    builtin = listing.split('id="builtin"', 1)[1]
    assert re.search(r'<tr data-abbreviation="UBND">\s*<td><code>UBND</code></td>\s*'
                     r'<td>ủy ban nhân dân</td>\s*<td><span class="badge">có sẵn</span>', builtin)
    assert "Chưa có chữ viết tắt nào do biên tập viên thêm." in listing
    resp = client.post(URL, data={"abbreviation": "BHXH", "expansion": "bảo hiểm xã hội"})
    assert resp.status_code == 302, resp.text
    assert resp.headers["Location"] == URL
    page = client.get(URL, query_string={"text": "Đóng BHXH tại UBND xã"}).text
    assert "Đã thêm chữ viết tắt BHXH." in page
    assert _spoken(page) == "Đóng bảo hiểm xã hội tại ủy ban nhân dân xã"
    assert abbreviations_for("vi")["BHXH"] == "bảo hiểm xã hội"
    row = _row("BHXH")
    assert row.created_by_id == get_user("editor").id
    audit = last_audit("speech_abbreviation.create")
    assert (audit.username, audit.object_type, audit.object_id) == (
        "editor", "speech_abbreviation", str(row.id))
    assert audit.before is None
    assert audit.after == {"language": "vi", "abbreviation": "BHXH",
                           "expansion": "bảo hiểm xã hội"}


def test_an_editor_overrides_a_built_in_row_edits_and_deletes_it(login, client):
    login("editor")
    assert abbreviations_for("vi")["UBND"] == "ủy ban nhân dân"
    assert client.post(URL, data={"abbreviation": "UBND",
                                  "expansion": "ủy ban"}).status_code == 302
    row = _row("UBND")
    page = client.get(URL).text
    assert "thay cho dòng có sẵn" in page and "đang dùng dòng của biên tập viên" in page
    assert abbreviations_for("vi")["UBND"] == "ủy ban"
    edit = client.get(f"{URL}/{row.id}")
    assert edit.status_code == 200 and "Dòng này thay cho dòng có sẵn: “ủy ban nhân dân”." in edit.text
    resp = client.post(f"{URL}/{row.id}", data={"abbreviation": "UBND",
                                               "expansion": "ủy ban nhân dân xã"})
    assert resp.status_code == 302, resp.text
    assert abbreviations_for("vi")["UBND"] == "ủy ban nhân dân xã"
    update = last_audit("speech_abbreviation.update")
    assert update.before["expansion"] == "ủy ban" and update.after["expansion"] == "ủy ban nhân dân xã"
    ask = client.post(f"{URL}/{row.id}/delete")
    assert ask.status_code == 200 and 'id="confirm-yes"' in ask.text and _row("UBND") is not None
    assert client.post(f"{URL}/{row.id}/delete", data={"confirm": "1"}).status_code == 302
    assert _row("UBND") is None
    assert abbreviations_for("vi")["UBND"] == "ủy ban nhân dân"
    deleted = last_audit("speech_abbreviation.delete")
    assert (deleted.object_id, deleted.after) == (str(row.id), None)
    assert deleted.before == {"language": "vi", "abbreviation": "UBND",
                              "expansion": "ủy ban nhân dân xã"}
    login("admin")
    log = client.get("/audit/").text
    assert "Thêm chữ viết tắt khi đọc" in log and "Xóa chữ viết tắt khi đọc" in log


def test_an_auditor_reads_and_tries_but_cannot_write(login, client):
    login("editor")
    client.post(URL, data={"abbreviation": "BHYTX", "expansion": "bảo hiểm y tế xã"})
    row = _row("BHYTX")
    login("auditor")
    page = client.get(URL, query_string={"text": "Quý II năm 2025"})
    assert page.status_code == 200
    assert _spoken(page.text) == "Quý hai năm hai nghìn không trăm hai mươi lăm"
    assert 'id="abbreviation-form"' not in page.text and "bảo hiểm y tế xã" in page.text
    before = _counts()
    assert client.post(URL, data={"abbreviation": "BHXH",
                                  "expansion": "bảo hiểm xã hội"}).status_code == 403
    assert client.post(f"{URL}/{row.id}", data={"abbreviation": "BHYTX",
                                               "expansion": "khác"}).status_code == 403
    assert client.post(f"{URL}/{row.id}/delete", data={"confirm": "1"}).status_code == 403
    assert _counts() == before and row.expansion == "bảo hiểm y tế xã"


def test_an_operator_cannot_see_the_page(login, client):
    login("operator")
    assert client.get(URL).status_code == 403


@pytest.mark.parametrize(("abbreviation", "expansion", "message", "field"), [
    ("", "bảo hiểm xã hội", "Hãy nhập chữ viết tắt.", "abbreviation"),
    (" BHXH", "bảo hiểm xã hội", "Chữ viết tắt không được có khoảng trắng ở đầu hoặc cuối.",
     "abbreviation"),
    ("BHXH ", "bảo hiểm xã hội", "Chữ viết tắt không được có khoảng trắng ở đầu hoặc cuối.",
     "abbreviation"),
    ("B" * 51, "bảo hiểm xã hội", "Chữ viết tắt dài tối đa 50 ký tự.", "abbreviation"),
    ("BHXH", "   ", "Hãy nhập cách đọc đầy đủ.", "expansion"),
    ("BHXH", "x" * 301, "Cách đọc dài tối đa 300 ký tự.", "expansion"),
], ids=["empty", "space_before", "space_after", "too_long", "no_expansion",
        "expansion_too_long"])
def test_a_bad_form_shows_the_error_and_writes_nothing(login, client, abbreviation, expansion,
                                                        message, field):
    login("editor")
    before = _counts()
    resp = client.post(URL, data={"abbreviation": abbreviation, "expansion": expansion})
    assert resp.status_code == 400
    assert message in resp.text and f'data-field="{field}"' in resp.text
    assert _counts() == before


def test_the_limits_themselves_are_accepted(login, client):
    login("editor")
    resp = client.post(URL, data={"abbreviation": "B" * 50, "expansion": "x" * 300})
    assert resp.status_code == 302
    assert abbreviations_for("vi")["B" * 50] == "x" * 300


def test_a_duplicate_row_is_refused_and_the_edit_form_keeps_the_input(login, client):
    login("editor")
    client.post(URL, data={"abbreviation": "BHXH", "expansion": "bảo hiểm xã hội"})
    client.post(URL, data={"abbreviation": "BHTN", "expansion": "bảo hiểm thất nghiệp"})
    before = _counts()
    dup = client.post(URL, data={"abbreviation": "BHXH", "expansion": "khác"})
    assert dup.status_code == 400
    assert "Chữ viết tắt “BHXH” đã có trong danh sách của biên tập viên; hãy sửa dòng đó." in dup.text
    row = _row("BHTN")
    edit = client.post(f"{URL}/{row.id}", data={"abbreviation": "BHXH", "expansion": "mới"})
    assert edit.status_code == 400 and 'value="mới"' in edit.text
    assert _counts() == before and row.abbreviation == "BHTN"


@pytest.fixture
def csrf_on(app):
    app.config["WTF_CSRF_ENABLED"] = True
    yield
    app.config["WTF_CSRF_ENABLED"] = False


def test_csrf_is_enforced(login, client, csrf_on):
    with client.session_transaction() as session:
        session["_user_id"] = str(get_user("editor").id)
        session["_fresh"] = True
    before = _counts()
    refused = client.post(URL, data={"abbreviation": "BHXH", "expansion": "bảo hiểm xã hội"})
    assert refused.status_code == 400 and CSRF_MESSAGE in refused.text
    assert _counts() == before
    token = csrf_from(client.get(URL).text)
    accepted = client.post(URL, data={"abbreviation": "BHXH", "expansion": "bảo hiểm xã hội",
                                      "csrf_token": token})
    assert accepted.status_code == 302
    assert _counts() == (before[0] + 1, before[1] + 1)


def test_the_library_links_to_the_page(login, client):
    login("editor")
    assert f'href="{URL}" id="abbreviations-link"' in client.get("/library/").text
