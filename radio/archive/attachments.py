"""Evidence beyond audio: scripts (text or PDF) and photos attached to a media item.

Files go into the content-addressed store (checksummed, never overwritten); the row keeps the
name, type, size and SHA-256. The type is decided from the bytes, not from the name.
"""

from __future__ import annotations

import os
from typing import BinaryIO

from sqlalchemy import select

from radio import audit
from radio.db import db
from radio.errors import DomainError, NotFound
from radio.i18n import _
from radio.models import Attachment, MediaItem, User
from radio.storage import get_storage

MAX_BYTES = 50 * 1024 * 1024
MAX_NAME = 200


def sniff_type(head: bytes) -> str | None:
    """The content type of an allowed attachment from its first bytes, or None."""
    if head.startswith(b"%PDF-"):
        return "application/pdf"
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    if not head or b"\x00" in head:
        return None
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start < len(head) - 4:  # a cut multi-byte character at the end is fine
            return None
    return "text/plain; charset=utf-8"


def _clean_name(filename: str) -> str:
    name = os.path.basename((filename or "").replace("\\", "/")).strip()
    name = "".join(c for c in name if c.isprintable())[:MAX_NAME]
    return name or "tep-dinh-kem"


def add_attachment(actor: User | None, item_id: int, filename: str,
                   stream: BinaryIO) -> Attachment:
    """Store an uploaded file and attach it to an item. Flushes, never commits."""
    item = db.session.get(MediaItem, item_id)
    if item is None:
        raise NotFound(_("Không có tin/bài số %(id)s.", id=item_id), "item_not_found")
    store = get_storage()
    tmp = store.temp_path()
    try:
        size = 0
        head = b""
        with open(tmp, "wb") as out:
            while chunk := stream.read(1024 * 1024):
                if len(head) < 512:
                    head += chunk[:512 - len(head)]
                size += len(chunk)
                if size > MAX_BYTES:
                    raise DomainError(_("Tệp đính kèm quá lớn (tối đa %(mb)s MB).",
                                        mb=MAX_BYTES // (1024 * 1024)), "too_large", field="file")
                out.write(chunk)
            out.flush()
            os.fsync(out.fileno())
        if size == 0:
            raise DomainError(_("Tệp đính kèm rỗng."), "empty_file", field="file")
        content_type = sniff_type(head)
        if content_type is None:
            raise DomainError(_("Chỉ nhận văn bản (.txt), PDF hoặc ảnh JPEG/PNG/WebP."),
                              "unsupported_type", field="file")
        sha = store.put_file(tmp)
    finally:
        tmp.unlink(missing_ok=True)
    name = _clean_name(filename)
    existing = db.session.scalar(select(Attachment).where(
        Attachment.media_item_id == item_id, Attachment.sha256 == sha))
    if existing is not None:
        return existing
    att = Attachment(media_item_id=item_id, sha256=sha, filename=name,
                     content_type=content_type, size=size,
                     uploaded_by_id=actor.id if actor else None)
    db.session.add(att)
    db.session.flush()
    audit.record(actor, "attachment.add", "attachment", f"{item_id}/{att.id}",
                 after={"item": item_id, "filename": name, "sha256": sha, "size": size,
                        "content_type": content_type},
                 summary=_("Đính kèm “%(name)s” vào tin/bài “%(title)s”", name=name,
                           title=item.title))
    return att


def get_attachment(attachment_id: int) -> Attachment:
    att = db.session.get(Attachment, attachment_id)
    if att is None:
        raise NotFound(_("Không có tệp đính kèm số %(id)s.", id=attachment_id),
                       "attachment_not_found")
    return att
