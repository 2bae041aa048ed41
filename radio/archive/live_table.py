"""The live sessions of a verification package (`phat_truc_tiep.csv`): one row per live session
(phát trực tiếp) that started in the period, with who went live, its start and end, the SHA-256
of its recording and the recording's file in the package's audio/ folder. Reads only."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from radio.db import db
from radio.models import LiveSession

MEMBER = "phat_truc_tiep.csv"
HEADERS = ["phien", "ma_dai", "ten_dai", "trang_thai", "nguon", "nguoi_len_song", "bat_dau",
           "ket_thuc", "thoi_luong_giay", "tin_id", "media_sha256", "tep_am_thanh", "ghi_chu"]
STATUS_VI = {"live": "Đang phát", "ended": "Đã lưu bản ghi", "failed": "Không ghi được",
             "waiting": "Chờ nguồn"}


def live_sessions(start: datetime, end: datetime) -> list[LiveSession]:
    return list(db.session.scalars(
        select(LiveSession).options(selectinload(LiveSession.station),
                                    selectinload(LiveSession.media_item))
        .where(LiveSession.started_at >= start, LiveSession.started_at < end)
        .order_by(LiveSession.started_at, LiveSession.id)))


def recordings(sessions: list[LiveSession]) -> dict[str, LiveSession]:
    """SHA-256 → session, for the recordings the package must carry."""
    return {s.media_item.rendition_sha256: s for s in sessions
            if s.media_item is not None and s.media_item.rendition_sha256}


def live_rows(sessions: list[LiveSession], audio: dict[str, str], local) -> Iterator[list]:
    """The CSV rows (after the header); `audio` maps a SHA-256 to its member name and `local`
    writes a time in the package's zone."""
    for s in sessions:
        item = s.media_item
        sha = item.rendition_sha256 if item is not None else ""
        yield [s.id, s.station.code, s.station.name, STATUS_VI.get(s.status.value, s.status.value),
               s.source, s.started_by_name, local(s.started_at), local(s.ended_at),
               round(item.duration_s, 1) if item is not None and item.duration_s else "",
               item.id if item is not None else "", sha or "", audio.get(sha or "", ""), s.note]
