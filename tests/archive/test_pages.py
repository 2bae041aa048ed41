"""Auditor pages: browse period → station → day → item, topics, agencies, search, evidence card,
attachments (editors upload, auditors read), and the archive API."""

import io
import re
from datetime import UTC, datetime

import pytest

from radio.models import Attachment

AT = datetime(2022, 3, 14, 22, 40, tzinfo=UTC)  # 15/03/2022 05:40 local


@pytest.fixture
def aired(create_media_item, air):
    item = create_media_item("Hướng dẫn nộp hồ sơ một cửa", topics=("mot-cua",),
                              agency="phong-noi-vu",
                              summary="Người dân có thể nộp hồ sơ đất đai tại bộ phận tiếp nhận.", audio="stored")
    air("gio-an", item, AT)
    air("gio-mai", item, AT, status="partial")
    air("gio-an", item, datetime(2022, 3, 15, 22, 40, tzinfo=UTC), status=None)  # missed
    return item


def test_an_auditor_browses_period_station_day_and_item(client, login, aired):
    login("auditor")
    page = client.get("/archive/?period=2022&window=cchc").get_data(as_text=True)
    assert "Năm 2022 (kỳ báo cáo CCHC, 15/12/2021 – 14/12/2022)" in page
    assert "/archive/station/gio-an?period=2022" in page
    station = client.get("/archive/station/gio-an?period=2022").get_data(as_text=True)
    assert 'class="day aired"' in station and 'class="day missed"' in station
    assert "/archive/station/gio-an/day/2022-03-15" in station
    day = client.get("/archive/station/gio-an/day/2022-03-15?period=2022").get_data(as_text=True)
    assert "Hướng dẫn nộp hồ sơ một cửa" in day and "Đã phát" in day
    day16 = client.get("/archive/station/gio-an/day/2022-03-16").get_data(as_text=True)
    assert "Không có báo cáo" in day16
    card = client.get(f"/archive/item/{aired.id}").get_data(as_text=True)
    assert aired.rendition_sha256 in card and aired.original_sha256 in card
    assert "Phòng Nội vụ" in card and "Xã Gio Mai" in card and "Phát không trọn" in card
    assert f'src="/archive/item/{aired.id}/audio"' in card


def test_the_evidence_card_plays_audio_with_ranges(client, login, aired):
    login("auditor")
    resp = client.get(f"/archive/item/{aired.id}/audio", headers={"Range": "bytes=0-99"})
    assert resp.status_code == 206 and len(resp.data) == 100
    assert resp.headers["Content-Type"] == "audio/mpeg"


def test_browse_by_topic_and_agency(client, login, aired):
    login("auditor")
    topic = client.get("/archive/topic/mot-cua?period=2022").get_data(as_text=True)
    assert "Hướng dẫn nộp hồ sơ một cửa" in topic
    other = client.get("/archive/topic/pci-papi?period=2022").get_data(as_text=True)
    assert "Hướng dẫn nộp hồ sơ một cửa" not in other
    agency = client.get("/archive/agency/phong-noi-vu?period=2022").get_data(as_text=True)
    assert "Hướng dẫn nộp hồ sơ một cửa" in agency


def test_search_finds_titles_and_transcripts_without_accents(client, login, aired):
    login("auditor")
    by_title = client.get("/archive/search?q=ho+so+mot+cua").get_data(as_text=True)
    assert "Hướng dẫn nộp hồ sơ một cửa" in by_title and "tiêu đề" in by_title
    by_text = client.get("/archive/search?q=đất đai").get_data(as_text=True)
    assert "Hướng dẫn nộp hồ sơ một cửa" in by_text and "nội dung" in by_text
    none = client.get("/archive/search?q=bão+lũ").get_data(as_text=True)
    assert "Không tìm thấy" in none


def test_editors_attach_a_script_and_auditors_see_it(client, login, aired):
    login("editor")
    resp = client.post(f"/archive/item/{aired.id}/attachments", data={
        "file": (io.BytesIO("Kịch bản: nộp hồ sơ một cửa.".encode()), "kich ban.txt")},
        content_type="multipart/form-data")
    assert resp.status_code == 302
    card = client.get(f"/archive/item/{aired.id}").get_data(as_text=True)
    assert "kich ban.txt" in card and 'id="attach-form"' in card
    att_id = int(re.search(r"/archive/attachment/(\d+)", card)[1])
    client.post("/logout")
    login("auditor")
    card = client.get(f"/archive/item/{aired.id}").get_data(as_text=True)
    assert "kich ban.txt" in card and 'id="attach-form"' not in card
    body = client.get(f"/archive/attachment/{att_id}")
    assert body.data.decode() == "Kịch bản: nộp hồ sơ một cửa."
    denied = client.post(f"/archive/item/{aired.id}/attachments", data={
        "file": (io.BytesIO(b"x"), "x.txt")}, content_type="multipart/form-data")
    assert denied.status_code == 403


def test_an_attachment_that_is_not_text_pdf_or_image_is_refused(client, login, aired):
    from sqlalchemy import select

    from radio.db import db

    login("editor")
    client.post(f"/archive/item/{aired.id}/attachments", data={
        "file": (io.BytesIO(b"MZ\x90\x00\x03\x00\x00\x00binary"), "virus.pdf")},
        content_type="multipart/form-data")
    page = client.get(f"/archive/item/{aired.id}").get_data(as_text=True)
    assert "Chỉ nhận văn bản (.txt), PDF hoặc ảnh JPEG/PNG/WebP." in page
    assert db.session.scalars(select(Attachment).where(
        Attachment.media_item_id == aired.id)).all() == []


def test_operators_cannot_open_the_archive(client, login, aired):
    login("operator")
    assert client.get("/archive/?period=2022").status_code == 403


def test_the_archive_api_reports_and_verifies(client, login, aired):
    login("auditor")
    report = client.get("/api/v1/archive/report?period=2022-Q2").get_json()
    assert report["period"]["first_day"] == "2022-03-15"
    assert report["totals"]["broadcasts"] == 2
    stations = next(t for t in report["tables"] if t["key"] == "stations")
    assert {r[1]: r[4] for r in stations["rows"]}["gio-an"] == 1
    verify = client.get("/api/v1/archive/verify").get_json()
    assert verify["ok"] is True and verify["checked"]["asrun"] == 2
    bad = client.get("/api/v1/archive/report?period=2022-Q9")
    assert bad.status_code == 400 and bad.get_json()["error"]["code"] == "invalid_period"


def test_the_print_report_is_self_contained(client, login, aired):
    login("auditor")
    html = client.get("/archive/report/print?period=2022").get_data(as_text=True)
    assert "<svg" in html and "<script" not in html and "<link" not in html
    assert "BÁO CÁO" in html.upper() and "Kết quả tuyên truyền cải cách hành chính" in html
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in html and "Nơi nhận:" in html


def test_the_dashboard_shows_the_archive_panel_to_readers_only(client, login, aired):
    from radio.archive.seals import seal_day

    seal_day(datetime(2022, 3, 20).date())
    login("auditor")
    page = client.get("/", follow_redirects=True).get_data(as_text=True)
    assert 'id="archive-panel"' in page and "20/03/2022" in page
    client.post("/logout")
    login("operator")
    assert 'id="archive-panel"' not in client.get("/", follow_redirects=True).get_data(as_text=True)
