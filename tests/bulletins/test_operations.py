"""Bulletins made with espeak-ng from the plan's own sentences, through the real pipeline."""

from __future__ import annotations

import wave
from dataclasses import replace
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select

from media import _ffmpeg
from media.bulletins import operations as ops
from media.speech.abbreviations import abbreviations_for
from media.speech.espeak import EspeakEngine
from media.speech.normalise import normalise
from radio.db import db
from radio.errors import DomainError
from radio.models import (
    Airing,
    ApprovalState,
    AuditEntry,
    BulletinText,
    MediaItem,
    Occurrence,
    RundownItem,
)
from radio.storage import get_storage
from schedules.entries import operations as entry_ops
from schedules.entries.versions import follow_new_version
from tests.bulletins.conftest import PLAN

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
VOICE = "espeak-ng:vi"


def _settings(app):
    return app.config["RADIO_SETTINGS"]


def test_plan_bulletin_is_at_target_loudness_and_keeps_its_text(app, create_user):
    settings = _settings(app)
    editor = create_user("editor")
    result = ops.make_bulletin(editor, title="Kế hoạch tuyên truyền CCHC 2022", text=PLAN,
                               voice_id=VOICE, rate=1.0, topics=["mot-cua"],
                               agency="phong-noi-vu", source_doc_number="23/KH-UBND",
                               source_doc_date=date(2022, 2, 8), author="UBND huyện Gio Linh",
                               rights_note="Văn bản nhà nước", source_name="23-kh-ubnd.docx",
                               settings=settings)
    item = result.item
    assert not result.duplicate
    target = settings.loudness_target_lufs
    assert abs(item.loudness_out_lufs - target) <= 1.0, item.loudness_out_lufs
    measured = _ffmpeg.analyse(get_storage().path(item.rendition_sha256)).integrated_lufs
    assert abs(measured - target) <= 1.0, measured
    bt = db.session.get(BulletinText, item.id)
    assert bt.text == PLAN
    assert bt.spoken_text == normalise(PLAN, abbreviations_for("vi"))
    assert bt.engine == "espeak-ng"
    assert bt.engine_version == EspeakEngine().version() != ""
    assert (bt.voice, bt.rate, bt.source_name) == (VOICE, 1.0, "23-kh-ubnd.docx")
    assert (item.language, item.version, item.previous_version_id) == ("vi", 1, None)
    assert (item.source_doc_number, item.source_doc_date) == ("23/KH-UBND", date(2022, 2, 8))
    assert item.rights_note == "Văn bản nhà nước"
    assert [t.slug for t in item.topics] == ["mot-cua"]
    assert item.approval == ApprovalState.approved  # the suite runs with RADIO_APPROVAL=off
    row = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "bulletin.create",
                                                     AuditEntry.object_id == str(item.id)))
    assert row.after["engine"] == "espeak-ng" and row.after["voice"] == VOICE


def test_twice_the_text_lasts_clearly_longer(app):
    settings = _settings(app)
    one = ops.make_bulletin(None, title="Một lần", text=PLAN, voice_id=VOICE,
                            settings=settings).item
    two = ops.make_bulletin(None, title="Hai lần", text=PLAN + " " + PLAN, voice_id=VOICE,
                            settings=settings).item
    assert two.duration_s > 1.7 * one.duration_s, (one.duration_s, two.duration_s)


def test_with_approval_required_a_bulletin_is_a_draft(app):
    settings = replace(_settings(app), approval_required=True)
    item = ops.make_bulletin(None, title="Bản nháp", text="Thông báo lịch tiếp dân.",
                             voice_id=VOICE, settings=settings).item
    assert item.approval == ApprovalState.draft


@pytest.mark.parametrize("text,code", [("   ", "bulletin_empty"),
                                       ("a " * 10_001, "bulletin_too_long")])
def test_empty_or_too_long_text_is_refused(app, text, code):
    before = db.session.scalar(select(func.count()).select_from(MediaItem))
    with pytest.raises(DomainError) as err:
        ops.make_bulletin(None, title="X", text=text, voice_id=VOICE, settings=_settings(app))
    assert err.value.code == code
    assert db.session.scalar(select(func.count()).select_from(MediaItem)) == before


def test_a_language_no_engine_speaks_is_refused(app):
    with pytest.raises(DomainError) as err:
        ops.make_bulletin(None, title="Bru", text="Xin chào", voice_id=None, language="bru",
                          settings=_settings(app))
    assert err.value.code == "tts_language_unsupported"
    assert err.value.message == "Chưa có bộ đọc nào đọc được Tiếng Bru-Vân Kiều."
    with pytest.raises(DomainError) as err:
        ops.make_bulletin(None, title="Bru", text="Xin chào", voice_id=VOICE, language="bru",
                          settings=_settings(app))
    assert err.value.code == "tts_voice_language"


def _wav_seconds(path) -> float:
    with wave.open(str(path)) as w:
        return w.getnframes() / w.getframerate()


def _stored(app) -> set:
    root = app.config["RADIO_SETTINGS"].media_dir
    return {p for p in root.rglob("*") if p.is_file() and ".tmp" not in p.parts}


def test_preview_is_a_wav_of_the_first_characters_and_stores_nothing(app):
    before = _stored(app)
    path = ops.preview_wav(PLAN * 10, VOICE, 1.0, "vi", _settings(app))
    full = ops.preview_wav(PLAN, VOICE, 1.0, "vi", _settings(app))
    try:
        assert path.read_bytes()[:4] == b"RIFF"
        seconds = _wav_seconds(path)
        full_seconds = _wav_seconds(full)
        # about 1,500 of the 3,880 characters: between 3 and 5 × one PLAN (388 characters)
        assert 3 * full_seconds < seconds < 5 * full_seconds, (seconds, full_seconds)
    finally:
        path.unlink()
        full.unlink()
    assert _stored(app) == before


def _entry(station, item, at, now):
    return entry_ops.add_entries(None, stations=[station], starts_at=at, media_id=item.id,
                                 confirm=True, now=now)[0]


def test_revise_makes_version_2_and_only_future_entries_follow(app, create_station, make_programme):
    settings = _settings(app)
    station = create_station()
    v1 = ops.make_bulletin(None, title="Lịch tiếp dân", text=PLAN, voice_id=VOICE,
                           topics=["mot-cua"], source_doc_number="23/KH-UBND",
                           settings=settings).item
    v1_sha, v1_text, v1_duration = v1.rendition_sha256, PLAN, v1.duration_s
    created = datetime(2031, 3, 4, 6, 0, tzinfo=TZ)
    past = _entry(station, v1, datetime(2031, 3, 4, 7, 0, tzinfo=TZ), created)
    future = _entry(station, v1, datetime(2031, 3, 5, 7, 0, tzinfo=TZ), created)
    prog = make_programme(rrule="FREQ=DAILY", valid_from=date(2031, 3, 4),
                          until=date(2031, 3, 5), now=created)
    occs = list(db.session.scalars(select(Occurrence).where(Occurrence.programme_id == prog.id)
                                   .order_by(Occurrence.starts_at)))
    assert len(occs) == 2
    for occ in occs:
        occ.rundown.append(RundownItem(position=0, media_item_id=v1.id))
    db.session.flush()

    v2 = ops.revise_bulletin(None, v1, text=PLAN + " Trân trọng thông báo.", settings=settings)
    now = datetime(2031, 3, 4, 18, 0, tzinfo=TZ)  # the first airing and first occurrence passed
    followed = follow_new_version(None, v1, v2, now=now)

    assert (v2.version, v2.previous_version_id) == (2, v1.id)
    assert [t.slug for t in v2.topics] == ["mot-cua"]
    assert (v2.language, v2.source_doc_number) == ("vi", "23/KH-UBND")
    assert db.session.get(BulletinText, v2.id).text == PLAN + " Trân trọng thông báo."
    assert (v1.version, v1.rendition_sha256, v1.duration_s) == (1, v1_sha, v1_duration)
    assert db.session.get(BulletinText, v1.id).text == v1_text
    assert v2.duration_s > v1.duration_s
    assert followed.entries == [future.id]
    assert (past.media_item_id, future.media_item_id) == (v1.id, v2.id)
    assert abs((future.ends_at - future.starts_at).total_seconds() - v2.duration_s) < 1
    airing = db.session.scalar(select(Airing).where(Airing.entry_id == future.id))
    assert airing.ends_at == future.ends_at
    assert followed.occurrences == [occs[1].id]
    assert [r.media_item_id for r in occs[0].rundown] == [v1.id]
    assert [r.media_item_id for r in occs[1].rundown] == [v2.id]
    revise = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "bulletin.revise",
                                                        AuditEntry.object_id == str(v2.id)))
    assert revise.before == {"id": v1.id, "version": 1, "approval": "approved"}
    assert (revise.after["id"], revise.after["version"]) == (v2.id, 2)
    moved = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "schedule.version"))
    assert moved.after["entries"] == [future.id]


def test_revise_without_a_change_is_refused_and_an_old_version_cannot_be_revised(app):
    settings = _settings(app)
    v1 = ops.make_bulletin(None, title="Thông báo", text="Thông báo lịch họp.", voice_id=VOICE,
                           settings=settings).item
    with pytest.raises(DomainError) as err:
        ops.revise_bulletin(None, v1, text="Thông báo lịch họp.", settings=settings)
    assert err.value.code == "bulletin_unchanged"
    assert "không có thay đổi" in err.value.message
    v2 = ops.revise_bulletin(None, v1, text="Thông báo lịch họp.", rate=1.2, settings=settings)
    assert db.session.get(BulletinText, v2.id).rate == 1.2
    with pytest.raises(DomainError) as err:
        ops.revise_bulletin(None, v1, text="Khác hẳn.", settings=settings)
    assert err.value.code == "bulletin_not_latest"


def test_a_future_entry_that_would_overlap_keeps_the_old_version(app, create_station):
    settings = _settings(app)
    station = create_station()
    v1 = ops.make_bulletin(None, title="Ngắn", text="Thông báo ngắn.", voice_id=VOICE,
                           settings=settings).item
    created = datetime(2031, 4, 1, 6, 0, tzinfo=TZ)
    at = datetime(2031, 4, 1, 9, 0, tzinfo=TZ)
    entry = _entry(station, v1, at, created)
    _entry(station, v1, at + timedelta(seconds=int(v1.duration_s) + 2), created)
    v2 = ops.revise_bulletin(None, v1, text="Thông báo ngắn. " + PLAN, settings=settings)
    with pytest.raises(DomainError):
        follow_new_version(None, v1, v2, now=created)
    assert entry.media_item_id == v1.id


def test_only_entries_in_the_actors_scope_follow(app, create_station):
    settings = _settings(app)
    mine, theirs = create_station(), create_station()
    v1 = ops.make_bulletin(None, title="Phạm vi", text="Thông báo trong phạm vi.",
                           voice_id=VOICE, settings=settings).item
    created = datetime(2031, 5, 6, 6, 0, tzinfo=TZ)
    at = datetime(2031, 5, 6, 9, 0, tzinfo=TZ)
    in_scope, out_of_scope = _entry(mine, v1, at, created), _entry(theirs, v1, at, created)
    v2 = ops.revise_bulletin(None, v1, text="Thông báo trong phạm vi, bản hai.",
                             settings=settings)
    followed = follow_new_version(None, v1, v2, now=created, station_ids=frozenset({mine.id}))
    assert followed.entries == [in_scope.id]
    assert (in_scope.media_item_id, out_of_scope.media_item_id) == (v2.id, v1.id)
