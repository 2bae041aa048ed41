"""Writes of live sessions: announce, go on air, archive the recording. Flush, never commit.

Every session that reached the air ends with its recording archived: a media item of kind
`live` (original and rendition are the recorded MP3 as it aired, so its SHA-256 is the file's),
one as-run event on the station carrying that SHA-256 (the as-run chain), and an audit row.
"""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import select

from media.streams.ffmpeg import decoded_seconds
from radio import audit
from radio.asrun import operations as asrun
from radio.clock import zone
from radio.db import db
from radio.i18n import _
from radio.models import (
    ApprovalState,
    LiveSession,
    LiveStatus,
    MediaItem,
    MediaKind,
    MediaStatus,
    Station,
    User,
)
from radio.storage import get_storage

# A session announced this long ago without sound is not the one a new source belongs to.
WAITING_FOR = timedelta(minutes=10)


def announce(station: Station, *, source: str, user: User | None = None, title: str = "",
             now: datetime) -> LiveSession:
    """A session about to start (radio live, the browser page): who goes live, from where."""
    session = LiveSession(station_id=station.id, status=LiveStatus.waiting, source=source,
                          title=title[:500], started_by_id=user.id if user else None,
                          started_by_name=(user.full_name or user.username) if user else "",
                          created_at=now)
    db.session.add(session)
    db.session.flush()
    return session


def on_air(station: Station, now: datetime) -> LiveSession:
    """The session a source that just appeared on the station's mount belongs to: the newest
    one announced and waiting, else a new ad-hoc one (a source from outside the app)."""
    session = db.session.scalar(
        select(LiveSession).where(LiveSession.station_id == station.id,
                                  LiveSession.status == LiveStatus.waiting,
                                  LiveSession.created_at >= now - WAITING_FOR)
        .order_by(LiveSession.id.desc()).limit(1))
    if session is None:
        session = LiveSession(station_id=station.id, source="external", created_at=now)
        db.session.add(session)
    session.status = LiveStatus.live
    session.started_at = now
    db.session.flush()
    return session


def _title(session: LiveSession, station: Station, started_at: datetime) -> str:
    local = started_at.astimezone(zone(station.timezone))
    return session.title or _("Phát trực tiếp %(name)s %(when)s", name=station.name,
                              when=local.strftime("%d/%m/%Y %H:%M"))


def archive(session: LiveSession, path: Path, *, ended_at: datetime) -> LiveSession:
    """Archive the closed recording `path` of `session` (the file is moved into the store)."""
    station = db.session.get(Station, session.station_id)
    started_at = session.started_at or ended_at
    seconds = decoded_seconds(path)
    session.ended_at = ended_at
    if seconds <= 0:
        session.status = LiveStatus.failed
        session.note = _("Không ghi được âm thanh nào từ nguồn phát.")
        path.unlink(missing_ok=True)
        db.session.flush()
        return session
    store = get_storage()
    sha = store.put_file(path)
    size = path.stat().st_size
    user = db.session.get(User, session.started_by_id) if session.started_by_id else None
    item = db.session.scalar(select(MediaItem).where(MediaItem.original_sha256 == sha))
    if item is None:
        item = MediaItem(
            title=_title(session, station, started_at)[:500], kind=MediaKind.live,
            status=MediaStatus.ready, author=session.started_by_name[:200],
            summary=_("Bản ghi phiên phát trực tiếp số %(id)s trên %(name)s.", id=session.id,
                      name=station.name),
            original_sha256=sha, original_name=f"live-{station.code}-{session.id}.mp3",
            original_size=size, original_format="mp3", rendition_sha256=sha, rendition_size=size,
            duration_s=round(seconds, 3), uploaded_by_id=session.started_by_id,
            # The recording exists from the moment it began: its as-run starts then, and as-run
            # from before an item existed is refused.
            created_at=started_at,
            # What aired live needs no approval: the recording is the evidence of it.
            approval=ApprovalState.approved)
        db.session.add(item)
        db.session.flush()
    path.unlink(missing_ok=True)
    session.media_item_id = item.id
    session.status = LiveStatus.ended
    result = asrun.ingest(station, [{
        "id": str(uuid.uuid5(uuid.NAMESPACE_URL, f"radio:live-session:{session.id}:{sha}")),
        "status": "aired", "started_at": started_at.isoformat(),
        "ended_at": (started_at + timedelta(seconds=seconds)).isoformat(),
        "media_sha256": sha, "note": _("Phát trực tiếp (phiên %(id)s)", id=session.id)}])
    if result.rejected:  # the recording is kept; the session says why it has no as-run row
        session.note = "; ".join(r.reason for r in result.rejected)[:1000]
    audit.record(user, "live.recorded", "live_session", session.id,
                 after={"station": station.code, "media_item_id": item.id, "sha256": sha,
                        "duration_s": round(seconds, 3), "source": session.source,
                        "started_at": started_at.isoformat(), "ended_at": ended_at.isoformat()},
                 summary=_("Lưu bản ghi phát trực tiếp %(name)s (%(s)s giây)", name=station.name,
                           s=round(seconds)))
    db.session.flush()
    return session
