"""Language and provenance in the library: the upload form through the real ingest (ffmpeg),
the item page, the JSON, the language filter, the search, and bad values refused."""

from __future__ import annotations

import io
import json
from datetime import date

from sqlalchemy import func, select

from media import util as media_util
from radio.db import db
from radio.models import AuditEntry, MediaItem

SOURCE = {"language": "bru", "source_doc_number": "Công văn 1273/BTTTT-TTCS",
          "source_doc_date": "27/04/2021", "author": "Hồ Văn Hiền",
          "rights_note": "Sở TT&TT Quảng Trị cho phép phát lại trên hệ thống truyền thanh cơ sở",
          "agency": "phong-noi-vu", "kind": "news"}


def _upload(client, path, **fields):
    return client.post("/library/upload", data={"file": [(io.BytesIO(path.read_bytes()),
                                                          path.name)], **fields},
                       content_type="multipart/form-data")


def _item(title_like: str) -> MediaItem:
    return db.session.scalar(select(MediaItem).where(MediaItem.original_name == title_like))


def test_an_upload_in_bru_keeps_its_provenance_and_the_page_shows_it(client, login,
                                                                     fixture_dir):
    login("editor")
    form = client.get("/library/upload").text
    assert '<option value="bru">Tiếng Bru-Vân Kiều</option>' in form
    assert 'name="source_doc_number"' in form and 'name="source_doc_date"' in form
    resp = _upload(client, fixture_dir / "voice.ogg", **SOURCE)
    assert resp.status_code == 200 and '<li class="ok">' in resp.text
    item = _item("voice.ogg")
    assert (item.language, item.source_doc_number, item.source_doc_date, item.rights_note,
            item.author) == ("bru", "Công văn 1273/BTTTT-TTCS", date(2021, 4, 27),
                             SOURCE["rights_note"], "Hồ Văn Hiền")
    assert item.duration_s > 2.5 and item.rendition_sha256  # through the real pipeline
    page = client.get(f"/library/{item.id}").text
    assert "Nguồn: Công văn 1273/BTTTT-TTCS, 27/04/2021" in page
    assert '<td class="language" data-language="bru">Tiếng Bru-Vân Kiều</td>' in page
    assert SOURCE["rights_note"].replace("&", "&amp;") in page
    created = db.session.scalar(select(AuditEntry).where(
        AuditEntry.action == "media.create", AuditEntry.object_id == str(item.id)))
    assert {k: created.after[k] for k in ("language", "source_doc_number", "source_doc_date",
                                          "rights_note")} == {
        "language": "bru", "source_doc_number": "Công văn 1273/BTTTT-TTCS",
        "source_doc_date": "2021-04-27", "rights_note": SOURCE["rights_note"]}
    got = client.get(f"/api/v1/media/{item.id}").get_json()["item"]
    assert (got["language"], got["source_doc_number"], got["source_doc_date"],
            got["rights_note"]) == ("bru", "Công văn 1273/BTTTT-TTCS", "2021-04-27",
                                    SOURCE["rights_note"])


def test_the_library_filters_by_language_and_searches_the_provenance(client, login,
                                                                     fixture_dir):
    login("editor")
    _upload(client, fixture_dir / "voice.ogg", **SOURCE)
    _upload(client, fixture_dir / "lossless.flac", kind="news", language="vi",
            source_doc_number="Kế hoạch 23/KH-UBND", author="Lê Thị Mai")
    bru, vi = _item("voice.ogg"), _item("lossless.flac")
    assert vi.language == "vi"
    listing = client.get("/library/?language=bru").text
    assert f'data-id="{bru.id}"' in listing and f'data-id="{vi.id}"' not in listing
    assert '<option value="bru" selected>' in listing
    assert [i.id for i in media_util.list_items(media_util.LibraryFilter(language="vi"))
            if i.id in (bru.id, vi.id)] == [vi.id]
    found = client.get("/library/?q=1273/BTTTT").text
    assert f'data-id="{bru.id}"' in found and f'data-id="{vi.id}"' not in found
    for q, expected in [("1273/bttt", [bru.id]), ("Phòng Nội vụ", [bru.id]),
                        ("phong noi vu", [bru.id]), ("le thi mai", [vi.id]),
                        ("cho phép phát lại", [bru.id]), ("23/KH-UBND", [vi.id])]:
        rows = media_util.list_items(media_util.LibraryFilter(q=q))
        assert [r.id for r in rows] == expected, q
    api = client.get("/api/v1/media?language=bru").get_json()["items"]
    assert [i["id"] for i in api] == [bru.id]


def test_bad_provenance_is_refused_with_the_field_error_and_nothing_written(client, login,
                                                                            fixture_dir):
    login("editor")
    count = db.session.scalar(select(func.count()).select_from(MediaItem))
    for fields, code, words in [
        ({"source_doc_date": "31/02/2021"}, "invalid_date", "31/02/2021"),
        ({"source_doc_date": "01/01/2999"}, "doc_date_future",
         "Ngày văn bản không được ở tương lai."),
        ({"language": "xyz"}, "unknown_language",
         "Ngôn ngữ “xyz” chưa có trong danh sách ngôn ngữ."),
        ({"source_doc_number": "x" * 101}, "doc_number_too_long",
         "Số văn bản nguồn dài quá 100 ký tự."),
        ({"rights_note": "x" * 501}, "rights_note_too_long",
         "Ghi chú bản quyền dài quá 500 ký tự."),
    ]:
        resp = _upload(client, fixture_dir / "voice.ogg", **(SOURCE | fields))
        assert f'<li class="failed" data-code="{code}">' in resp.text, code
        assert words in resp.text
        api = client.post("/api/v1/media", data={"file": [(io.BytesIO(
            (fixture_dir / "voice.ogg").read_bytes()), "voice.ogg")], **(SOURCE | fields)},
            content_type="multipart/form-data",
            headers={"X-CSRFToken": "x"})
        body = api.get_json()
        assert api.status_code == 400 and body["error"]["code"] == code, body
        assert body["error"]["field"] == next(iter(fields))
    assert db.session.scalar(select(func.count()).select_from(MediaItem)) == count


def test_an_edit_changes_the_provenance_audited_and_a_bad_date_changes_nothing(
        client, login, create_media_item):
    login("editor")
    item = create_media_item("Thông báo lịch tiếp công dân")
    base = {"title": item.title, "kind": "news"}
    resp = client.post(f"/library/{item.id}/edit", data=base | {
        "language": "pko", "source_doc_number": " Thông báo  45/TB-UBND ",
        "source_doc_date": "08/02/2022", "rights_note": "Tự sản xuất"})
    assert resp.status_code == 302
    assert (item.language, item.source_doc_number, item.source_doc_date, item.rights_note) == (
        "pko", "Thông báo 45/TB-UBND", date(2022, 2, 8), "Tự sản xuất")
    update = db.session.scalar(select(AuditEntry).where(
        AuditEntry.action == "media.update", AuditEntry.object_id == str(item.id)))
    assert (update.before["language"], update.after["language"]) == ("vi", "pko")
    assert update.after["source_doc_date"] == "2022-02-08"
    bad = client.post(f"/library/{item.id}/edit", data=base | {
        "language": "vi", "source_doc_date": "2022-13-45"})
    assert bad.status_code == 400 and "2022-13-45" in bad.text
    db.session.expire_all()
    assert (item.language, item.source_doc_date) == ("pko", date(2022, 2, 8))


def test_radio_media_add_takes_the_language_and_the_provenance(runner, fixture_dir):
    result = runner.invoke(args=[
        "media", "add", str(fixture_dir / "studio.wav"), "--language", "pko",
        "--doc-number", "Công văn 1273/BTTTT-TTCS", "--doc-date", "27/04/2021",
        "--rights", "Được phép phát lại", "--json"])
    assert result.exit_code == 0, result.output
    got = json.loads(result.output)
    assert (got["language"], got["source_doc_number"], got["source_doc_date"],
            got["rights_note"]) == ("pko", "Công văn 1273/BTTTT-TTCS", "2021-04-27",
                                    "Được phép phát lại")
    bad = runner.invoke(args=["media", "add", str(fixture_dir / "studio.wav"),
                              "--language", "xyz"])
    assert bad.exit_code == 1
    assert "Ngôn ngữ “xyz” chưa có trong danh sách ngôn ngữ. [unknown_language]" in bad.output
    late = runner.invoke(args=["media", "add", str(fixture_dir / "speech.mp3"),
                               "--doc-date", "31/12/2999"])
    assert late.exit_code == 1 and "[doc_date_future]" in late.output
