"""The ingest pipeline on real files: formats, lengths, loudness, trimming, text, rejections."""

from __future__ import annotations

import re
import unicodedata

import pytest
from mutagen.id3 import ID3
from sqlalchemy import func, select

from media import ingest
from media import operations as media_ops
from media.pipeline import Rejected
from radio import clock
from radio.db import db
from radio.models import AuditEntry, MediaItem
from radio.storage import get_storage
from tests.fixtures.make_fixtures import BAD, GOOD, NFD_NAME, TITLE_VI
from tests.media.conftest import ffmpeg_text

TARGET = -16.0


def decoded_seconds(path) -> float:
    """Decoded length measured independently: ffmpeg's last progress time on a null output."""
    text = ffmpeg_text("-i", str(path), "-map", "0:a:0", "-f", "null", "-")
    h, m, s = re.findall(r"time=(\d+):(\d\d):(\d\d\.\d+)", text)[-1]
    return int(h) * 3600 + int(m) * 60 + float(s)


def ebur128(path) -> tuple[float, float]:
    text = ffmpeg_text("-i", str(path), "-af", "ebur128=peak=true", "-f", "null", "-")
    summary = text[text.rindex("Summary:"):]
    integrated = float(re.search(r"I:\s+(-?[\d.]+) LUFS", summary).group(1))
    peak = float(re.search(r"Peak:\s+(-?[\d.]+) dBFS", summary).group(1))
    return integrated, peak


@pytest.mark.parametrize("name", sorted(GOOD))
def test_each_format_becomes_a_normalised_mono_mp3_of_the_right_length(fixture_dir, name):
    expected, tolerance, _what = GOOD[name]
    result = ingest.ingest_file(None, fixture_dir / name, topics=["mot-cua"],
                                agency="phong-noi-vu")
    item = result.item
    assert not result.duplicate
    store = get_storage()
    rendition = store.path(item.rendition_sha256)
    assert abs(item.duration_s - expected) <= tolerance, (item.duration_s, expected)
    assert abs(item.duration_s - decoded_seconds(rendition)) <= 0.1
    if name != "padded.wav":
        assert abs(item.duration_s - decoded_seconds(fixture_dir / name)) <= 0.1
    integrated, peak = ebur128(rendition)
    assert abs(integrated - TARGET) <= 1.0, integrated
    assert abs(integrated - item.loudness_out_lufs) <= 0.2
    assert peak <= -1.0 + 0.3
    info = ffmpeg_text("-i", str(rendition))
    assert re.search(r"Audio: mp3, 44100 Hz, mono", info), info
    assert store.path(item.original_sha256).read_bytes() == (fixture_dir / name).read_bytes()
    # The input's measurements are kept: real numbers in a plausible range, not placeholders.
    assert -70.0 < item.loudness_in_lufs < 0.0, item.loudness_in_lufs
    assert -70.0 < item.true_peak_in_dbtp < 3.0, item.true_peak_in_dbtp


def test_leading_and_trailing_silence_is_trimmed(fixture_dir):
    item = ingest.ingest_file(None, fixture_dir / "padded.wav").item
    rendition = get_storage().path(item.rendition_sha256)
    # 1.5 s of silence before and 2 s after 3 s of signal; a 0.1 s margin is kept each side.
    assert 3.0 <= item.duration_s <= 3.35
    text = ffmpeg_text("-i", str(rendition), "-af", "silencedetect=n=-50dB:d=0.3",
                       "-f", "null", "-")
    assert "silence_start" not in text


def test_nfd_file_names_and_mojibake_tags_come_out_as_nfc_vietnamese(fixture_dir):
    nfd = ingest.ingest_file(None, fixture_dir / NFD_NAME).item
    assert nfd.original_name == unicodedata.normalize("NFC", NFD_NAME)
    assert nfd.title == "Bản tin một cửa Gio Linh"
    assert unicodedata.is_normalized("NFC", nfd.title)
    moji = ingest.ingest_file(None, fixture_dir / "mojibake.mp3").item
    assert moji.title == TITLE_VI
    assert unicodedata.is_normalized("NFC", moji.title)


def test_rendition_carries_title_agency_and_media_id_tags(fixture_dir):
    item = ingest.ingest_file(None, fixture_dir / "voice.ogg", title="Thông báo lịch tiếp dân",
                              agency="phong-tu-phap").item
    tags = ID3(get_storage().path(item.rendition_sha256))
    assert str(tags["TIT2"]) == "Thông báo lịch tiếp dân"
    assert str(tags["TPE1"]) == "Phòng Tư pháp"
    assert str(tags["TXXX:RADIO_MEDIA_ID"]) == str(item.id)


# The message each bad fixture gets (a pattern: a truncated file's lengths are measured).
REJECTED_MESSAGES = {
    "empty.mp3": re.escape("Tệp rỗng (0 byte)."),
    "truncated.mp3": r"Tệp bị cắt cụt: chỉ giải mã được \d+\.\d giây trên \d+\.\d giây khai báo\.",
    "document.mp3": re.escape("Tệp không phải là âm thanh (không nhận ra định dạng)."),
    "page.ogg": re.escape("Tệp không phải là âm thanh (không nhận ra định dạng)."),
    "archive.mp3": re.escape("Tệp không phải là âm thanh (không nhận ra định dạng)."),
    "noise.wav": re.escape("Tệp không phải là âm thanh (không nhận ra định dạng)."),
    "video-only.mp4": re.escape("Tệp video không có luồng âm thanh."),
    "id3-only.mp3": re.escape("Tệp không chứa dữ liệu âm thanh giải mã được (chỉ có thẻ/tiêu đề)."),
    "garbage-middle.mp3": re.escape("Dữ liệu âm thanh bị hỏng, không giải mã được trọn vẹn."),
    "short.wav": re.escape("Tệp quá ngắn (dưới 1 giây)."),
    "silence.wav": re.escape("Tệp chỉ có khoảng lặng, không có âm thanh để phát."),
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_files_are_rejected_leaving_no_row_no_stored_file_no_temp_file(
        fixture_dir, name, store_files, temp_files):
    code = BAD[name][0]
    rows_before = db.session.scalar(select(func.count()).select_from(MediaItem))
    files_before = store_files()
    with pytest.raises(Rejected) as exc:
        ingest.ingest_file(None, fixture_dir / name)
    assert exc.value.code == code, exc.value.message
    assert re.fullmatch(REJECTED_MESSAGES[name], exc.value.message), exc.value.message
    assert db.session.scalar(select(func.count()).select_from(MediaItem)) == rows_before
    assert store_files() == files_before
    assert temp_files() == []


def test_the_same_bytes_twice_return_the_existing_item_and_store_nothing_new(
        fixture_dir, store_files):
    first = ingest.ingest_file(None, fixture_dir / "lossless.flac")
    files = store_files()
    again = ingest.ingest_file(None, fixture_dir / "lossless.flac", title="Khác")
    assert again.duplicate and again.item.id == first.item.id
    assert again.item.title != "Khác"
    assert store_files() == files


def test_metadata_fields_are_kept_and_every_change_is_audited(fixture_dir, create_user):
    from datetime import date

    editor = create_user("editor")
    item = ingest.ingest_file(editor, fixture_dir / "studio.wav", title="Bài phóng sự",
                              kind="report", topics=["dich-vu-cong", "mot-cua"],
                              agency="vp-hdnd-ubnd", author="Lê Văn A",
                              summary="Lời bình", valid_from=date(2022, 3, 1),
                              valid_until=date(2022, 6, 30)).item
    assert item.kind.value == "report" and item.author == "Lê Văn A"
    assert sorted(t.slug for t in item.topics) == ["dich-vu-cong", "mot-cua"]
    assert item.uploaded_by == editor and item.original_format == "wav/pcm_s16le"
    assert len(item.original_sha256) == 64 and len(item.rendition_sha256) == 64
    media_ops.update_item(editor, item, title="Bài phóng sự (sửa)", topics=["pci-papi"])
    media_ops.retire_item(editor, item)
    actions = db.session.scalars(select(AuditEntry.action).where(
        AuditEntry.object_type == "media_item", AuditEntry.object_id == str(item.id))
        .order_by(AuditEntry.id)).all()
    assert actions == ["media.create", "media.update", "media.retire"]


@pytest.mark.dates
def test_an_item_that_has_aired_is_retired_not_deleted(create_media_item):
    import uuid

    from radio.models import AsRunEvent, AsRunStatus, Station

    item = create_media_item(duration_s=2, audio="ingest")
    station = db.session.scalar(select(Station).where(Station.code == "gio-an"))
    db.session.add(AsRunEvent(event_uuid=str(uuid.uuid4()), station_id=station.id,
                              media_item_id=item.id, title=item.title,
                              started_at=clock.now(), status=list(AsRunStatus)[0]))
    db.session.flush()
    assert media_ops.delete_item(None, item) is False
    db.session.commit()
    assert db.session.get(MediaItem, item.id).status.value == "retired"
    assert get_storage().exists(item.rendition_sha256)


def test_deleting_an_unused_item_removes_the_row_and_after_commit_its_files(create_media_item):
    item = create_media_item(duration_s=2, audio="ingest")
    store = get_storage()
    shas = (item.original_sha256, item.rendition_sha256)
    assert media_ops.delete_item(None, item) is True
    assert all(store.exists(s) for s in shas)  # not before the commit
    db.session.commit()
    assert db.session.get(MediaItem, item.id) is None
    assert not any(store.exists(s) for s in shas)


def test_text_clean_up_repairs_mojibake_and_normalises():
    from media.text import clean_text, repair_mojibake, title_from_filename

    assert repair_mojibake("TuyÃªn truyá»\x81n") == "Tuyên truyền"
    assert repair_mojibake("Cáº£i cÃ¡ch") == "Cải cách"  # Windows-1252 reading
    assert repair_mojibake("Tuyên truyền") == "Tuyên truyền"
    assert clean_text(unicodedata.normalize("NFD", "Gio Mỹ")) == "Gio Mỹ"
    assert title_from_filename("../../etc/Bản_tin.mp3") == "Bản tin"


def test_a_prepared_item_is_checked_and_audited_like_an_ingested_one():
    from datetime import date

    from media.prepared import add_prepared_item
    from radio.errors import DomainError

    sha = "ab" * 32
    item = add_prepared_item(None, title="Tin  đã dựng sẵn", original_sha256=sha,
                             rendition_sha256=sha, duration_s=20.0, topics=["mot-cua"],
                             agency="phong-noi-vu", kind="report")
    assert (item.title, item.kind.value, item.status.value) == ("Tin đã dựng sẵn", "report",
                                                                 "ready")
    assert [t.slug for t in item.topics] == ["mot-cua"] and item.agency.slug == "phong-noi-vu"
    audit = db.session.scalars(select(AuditEntry).where(
        AuditEntry.object_type == "media_item", AuditEntry.object_id == str(item.id))).all()
    assert [(a.action, a.after["rendition_sha256"]) for a in audit] == [("media.create", sha)]
    with pytest.raises(DomainError) as exc:
        add_prepared_item(None, title="Sai ngày", original_sha256="cd" * 32,
                          rendition_sha256="cd" * 32, duration_s=5.0,
                          valid_from=date(2026, 5, 2), valid_until=date(2026, 5, 1))
    assert exc.value.code == "invalid_validity"
