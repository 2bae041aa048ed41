"""The bulletin pages through the app: the form, upload to text, preview, save, a new version,
and who may post."""

from __future__ import annotations

import io
import re
from dataclasses import replace

from sqlalchemy import select

from media.bulletins import operations as ops
from radio.db import db
from radio.models import BulletinText, MediaItem
from tests.bulletins.conftest import PLAN, make_docx

FORM = {"title": "Kế hoạch tuyên truyền CCHC", "text": PLAN, "voice": "espeak-ng:vi",
        "rate": "1", "language": "vi", "topic": "mot-cua", "agency": "phong-noi-vu",
        "source_doc_number": "23/KH-UBND", "source_doc_date": "08/02/2022",
        "author": "UBND huyện Gio Linh", "rights_note": "Văn bản nhà nước", "source_name": ""}


def _latest() -> MediaItem:
    return db.session.scalar(select(MediaItem).order_by(MediaItem.id.desc()).limit(1))


def test_get_the_form_offers_only_available_voices_and_spoken_languages(client, login):
    login("editor")
    resp = client.get("/library/bulletins/new")
    assert resp.status_code == 200
    html = resp.text
    assert '<option value="espeak-ng:vi" data-language="vi"' in html
    assert '<option value="vi" selected>Tiếng Việt</option>' in html
    assert 'value="bru"' not in html and 'value="pko"' not in html
    assert "Lấy chữ từ tệp" in html and "Nghe thử" in html


def test_library_header_links_to_the_form(client, login):
    login("editor")
    assert 'href="/library/bulletins/new">Viết bản tin</a>' in client.get("/library/").text


def test_upload_fills_the_textarea(client, login, tmp_path):
    login("editor")
    path = make_docx(tmp_path / "thong-bao.docx", ["Thông báo", "Lịch tiếp công dân"])
    data = FORM | {"text": "", "title": "", "action": "extract",
                   "file": (io.BytesIO(path.read_bytes()), "thong-bao.docx")}
    resp = client.post("/library/bulletins/new", data=data, content_type="multipart/form-data")
    assert resp.status_code == 200
    assert re.search(r'<textarea name="text"[^>]*>Thông báo\n\nLịch tiếp công dân</textarea>',
                     resp.text)
    assert 'name="source_name" value="thong-bao.docx"' in resp.text
    assert 'name="title" value="thong-bao"' in resp.text


def test_a_broken_upload_is_a_clear_error(client, login):
    login("editor")
    data = FORM | {"action": "extract", "file": (io.BytesIO(b"garbage"), "hong.odt")}
    resp = client.post("/library/bulletins/new", data=data, content_type="multipart/form-data")
    assert resp.status_code == 400
    assert "Không đọc được tệp “hong.odt”: tệp hỏng hoặc không đúng định dạng." in resp.text


def test_preview_without_script_renders_an_audio_the_user_alone_can_fetch(client, login, app):
    login("editor")
    before = _latest().id if _latest() else 0
    resp = client.post("/library/bulletins/new", data=FORM | {"action": "preview"})
    assert resp.status_code == 200
    src = re.search(r'<audio controls autoplay src="(/library/bulletins/preview/[^"]+)"',
                    resp.text)[1]
    audio = client.get(src)
    assert audio.status_code == 200
    assert audio.mimetype == "audio/wav" and audio.data[:4] == b"RIFF"
    assert (_latest().id if _latest() else 0) == before  # nothing saved
    login("admin")  # another user: the token is not theirs
    assert client.get(src).status_code == 404


def test_preview_for_the_script_returns_wav_bytes(client, login):
    login("editor")
    resp = client.post("/library/bulletins/preview", data=FORM)
    assert resp.status_code == 200
    assert resp.mimetype == "audio/wav"
    assert resp.data[:4] == b"RIFF" and resp.data[8:12] == b"WAVE"


def test_save_creates_the_item_and_names_its_state(client, login):
    login("editor")
    resp = client.post("/library/bulletins/new", data=FORM | {"action": "save"})
    assert resp.status_code == 302
    item = _latest()
    assert resp.headers["Location"] == f"/library/{item.id}"
    bt = db.session.get(BulletinText, item.id)
    assert (bt.text, bt.voice, bt.engine) == (PLAN, "espeak-ng:vi", "espeak-ng")
    assert (item.source_doc_number, item.source_doc_date.isoformat()) == ("23/KH-UBND",
                                                                          "2022-02-08")
    assert (item.agency.slug, [t.slug for t in item.topics]) == ("phong-noi-vu", ["mot-cua"])
    page = client.get(resp.headers["Location"])
    assert f"Đã lưu bản tin “{item.title}” (đã duyệt)." in page.text
    assert f'href="/library/bulletins/{item.id}/edit">Sửa văn bản</a>' in page.text


def test_bad_input_writes_nothing(client, login):
    login("editor")
    before = _latest().id if _latest() else 0
    for bad, message in [({"text": "  "}, "Văn bản bản tin không được để trống."),
                         ({"rate": "5"}, "Tốc độ đọc phải từ 0,5 đến 2."),
                         ({"source_doc_date": "31/02/2022"}, "31/02/2022")]:
        resp = client.post("/library/bulletins/new", data=FORM | bad | {"action": "save"})
        assert resp.status_code == 400
        assert message in resp.text
    assert (_latest().id if _latest() else 0) == before


def test_edit_makes_a_new_version_and_says_the_old_one_stays(client, login, app):
    login("editor")
    v1 = ops.make_bulletin(None, title="Lịch tiếp dân", text="Thông báo lịch tiếp dân.",
                           voice_id="espeak-ng:vi", settings=app.config["RADIO_SETTINGS"]).item
    db.session.commit()
    page = client.get(f"/library/bulletins/{v1.id}/edit")
    assert page.status_code == 200 and "Thông báo lịch tiếp dân.</textarea>" in page.text
    resp = client.post(f"/library/bulletins/{v1.id}/edit",
                       data={"title": "Lịch tiếp dân", "text": "Thông báo lịch tiếp dân mới.",
                             "voice": "espeak-ng:vi", "rate": "1", "action": "save"})
    assert resp.status_code == 302
    v2 = _latest()
    assert (v2.version, v2.previous_version_id) == (2, v1.id)
    assert resp.headers["Location"] == f"/library/{v2.id}"
    assert db.session.get(BulletinText, v1.id).text == "Thông báo lịch tiếp dân."
    text = client.get(resp.headers["Location"]).text
    assert "Phiên bản 1 giữ nguyên như đã phát" in text
    same = client.post(f"/library/bulletins/{v2.id}/edit",
                       data={"text": "Thông báo lịch tiếp dân mới.", "voice": "espeak-ng:vi",
                             "rate": "1", "action": "save"})
    assert same.status_code == 400 and "không có thay đổi" in same.text


def test_an_uploaded_audio_item_has_no_text_to_edit(client, login, create_media_item):
    login("editor")
    item = create_media_item()
    assert client.get(f"/library/bulletins/{item.id}/edit").status_code == 404
    assert "Sửa văn bản" not in client.get(f"/library/{item.id}").text


def test_an_auditor_gets_403(client, login):
    login("auditor")
    assert client.get("/library/bulletins/new").status_code == 403
    before = _latest().id if _latest() else 0
    assert client.post("/library/bulletins/new", data=FORM | {"action": "save"}).status_code == 403
    assert client.post("/library/bulletins/preview", data=FORM).status_code == 403
    assert (_latest().id if _latest() else 0) == before


def test_with_approval_required_save_says_draft(client, login, app, monkeypatch):
    monkeypatch.setitem(app.config, "RADIO_SETTINGS",
                        replace(app.config["RADIO_SETTINGS"], approval_required=True))
    login("editor")
    resp = client.post("/library/bulletins/new",
                       data=FORM | {"action": "save", "text": "Thông báo cần duyệt."})
    assert resp.status_code == 302
    item = _latest()
    assert item.approval.value == "draft"
    page = client.get(resp.headers["Location"]).text
    assert f"Đã lưu bản tin “{item.title}” (bản nháp)." in page
