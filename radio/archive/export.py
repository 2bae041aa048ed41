"""The verification package of a period: a streamed ZIP anyone can check offline.

Contents: `audio/` (each aired rendition once, named by first airing date and title; originals
under `audio/goc/`), `attachments/`, `asrun.csv` + `asrun.jsonl` (every event with its chain
hashes), `items.csv`, `bulletins.csv` with each bulletin's texts under `bulletins/`, `audit.csv`, `phat_truc_tiep.csv` (live sessions, `live_table.py`), the
report XLSX, `manifest.json`, `SHA256SUMS` (`sha256sum -c SHA256SUMS`) and `README.txt`. Rows are streamed from the database and files are
copied in 1 MiB chunks, so memory stays bounded however large the year; ZIP64 is used when the
package or a member needs it. `write_package` is a generator of progress steps, so the CLI can
draw a progress bar and the web view can stream the ZIP as it is written. The text members are
made in `tables.py`, the ZIP file objects live in `zipstream.py`.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import re
import unicodedata
import zipfile
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import func, select

from radio import chain, clock
from radio.archive import live_table
from radio.archive.periods import Period
from radio.archive.tables import RECEIPTS_MEMBER, PackageTables, readme_text
from radio.archive.zipstream import HashingWriter, StreamSink
from radio.clock import zone
from radio.db import db
from radio.i18n import _
from radio.models import AsRunEvent, Attachment, AuditEntry, ChainSeal, MediaItem, Station
from radio.storage import get_storage

FORMAT_VERSION = 1
COPY_CHUNK = 4 * 1024 * 1024
EXT = {"mp3": "mp3", "wav": "wav", "ogg": "ogg", "flac": "flac", "m4a": "m4a", "aac": "aac",
       "opus": "opus", "wma": "wma", "amr": "amr"}


def slugify(text: str, limit: int = 60) -> str:
    """ASCII file-name part of a Vietnamese title: “Cơ chế một cửa” → co-che-mot-cua."""
    text = (text or "").replace("đ", "d").replace("Đ", "D")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    text = re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-").lower()
    return (text[:limit].rstrip("-")) or "tin"


@dataclass
class Member:
    name: str
    sha256: str
    size: int


@dataclass
class Progress:
    done: int  # bytes of audio/attachments copied so far
    total: int
    member: str = ""


@dataclass
class PackageResult:
    members: list[Member] = field(default_factory=list)
    manifest: dict = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)


def _iso(value: datetime | None) -> str | None:
    return value.astimezone(UTC).isoformat() if value is not None else None


class PackageWriter(PackageTables):
    """Writes one period's package to a binary file (a path's file, or a StreamSink)."""

    def __init__(self, period: Period, *, tz=None, originals: bool = True,
                 created_by: str = "") -> None:
        self.period = period
        self.zone = zone(tz)
        self.start, self.end = period.bounds(self.zone)
        self.originals = originals
        self.created_by = created_by
        self.store = get_storage()
        self.result = PackageResult()
        self.created_at = clock.now().replace(microsecond=0)
        self._date_time = self.created_at.astimezone(self.zone).timetuple()[:6]
        # Every member sits under one folder named after the period, so that unpacking
        # leaves a single folder; SHA256SUMS and manifest names are relative to it.
        self.root = root_folder(period)

    # -- what goes in --------------------------------------------------------------------
    def _event_filter(self):
        return (AsRunEvent.started_at >= self.start, AsRunEvent.started_at < self.end)

    def _plan_audio(self) -> None:
        """Name every aired file once (by first airing date and title); originals beside them."""
        first = db.session.execute(
            select(AsRunEvent.media_sha256, func.min(AsRunEvent.started_at),
                   func.min(AsRunEvent.media_item_id))
            .where(*self._event_filter(), AsRunEvent.media_sha256.is_not(None))
            .group_by(AsRunEvent.media_sha256)).all()
        item_ids = {i for _s, _t, i in first if i is not None}
        item_ids |= set(db.session.scalars(select(AsRunEvent.media_item_id).where(
            *self._event_filter(), AsRunEvent.media_item_id.is_not(None)).distinct()).all())
        self.items: dict[int, MediaItem] = {}
        if item_ids:
            for item in db.session.scalars(select(MediaItem).where(MediaItem.id.in_(item_ids))):
                self.items[item.id] = item
        by_sha = {}
        for item in self.items.values():
            for sha in (item.rendition_sha256, item.original_sha256):
                if sha:
                    by_sha[sha] = item
        self.audio: dict[str, str] = {}  # sha → member name
        self.audio_kind: dict[str, str] = {}
        first_day = {}
        for sha, started, item_id in sorted(first, key=lambda r: r[1]):
            item = by_sha.get(sha) or self.items.get(item_id)
            day = started.astimezone(self.zone).date().isoformat()
            first_day.setdefault(item.id if item else sha, day)
            title = item.title if item else sha
            self.audio[sha] = f"audio/{day}_{slugify(title)}_{sha[:8]}.mp3"
            self.audio_kind[sha] = "rendition"
        if self.originals:
            for item in self.items.values():
                sha = item.original_sha256
                if not sha or sha in self.audio:
                    continue
                day = first_day.get(item.id, "khong-ro-ngay")
                ext = EXT.get((item.original_format or "").lower().split(",")[0]) or \
                    (Path(item.original_name).suffix.lstrip(".").lower() or "bin")
                self.audio[sha] = f"audio/goc/{day}_{slugify(item.title)}_{sha[:8]}.{ext}"
                self.audio_kind[sha] = "original"
        # Live sessions of the period and their recordings (which their as-run rows name too).
        self.live = live_table.live_sessions(self.start, self.end)
        for sha, session in live_table.recordings(self.live).items():
            if sha not in self.audio:
                day = session.started_at.astimezone(self.zone).date().isoformat()
                self.audio[sha] = f"audio/{day}_{slugify(session.media_item.title)}_{sha[:8]}.mp3"
                self.audio_kind[sha] = "rendition"
        self.attachments = []
        if self.items:
            self.attachments = db.session.scalars(
                select(Attachment).where(Attachment.media_item_id.in_(self.items))
                .order_by(Attachment.media_item_id, Attachment.id)).all()

    def _total_bytes(self) -> int:
        total = 0
        for sha in self.audio:
            with contextlib.suppress(OSError):
                total += self.store.size(sha)
        return total + sum(a.size for a in self.attachments)

    # -- members -------------------------------------------------------------------------
    def _info(self, name: str, compress: bool, size: int = 0) -> zipfile.ZipInfo:
        info = zipfile.ZipInfo(f"{self.root}/{name}", date_time=self._date_time)
        info.compress_type = zipfile.ZIP_DEFLATED if compress else zipfile.ZIP_STORED
        info.file_size = size  # lets zipfile choose ZIP64 for a large member up front
        info.external_attr = 0o644 << 16
        return info

    def _add_bytes(self, zf: zipfile.ZipFile, name: str, data: bytes, compress=True) -> None:
        with zf.open(self._info(name, compress, len(data)), "w") as fh:
            fh.write(data)
        self.result.members.append(Member(name, hashlib.sha256(data).hexdigest(), len(data)))

    def _add_text_stream(self, zf, name: str, lines: Iterator[str]) -> int:
        """A member written line by line (CSV/JSONL), never held whole in memory."""
        n = 0
        with zf.open(self._info(name, True, 0), "w", force_zip64=True) as fh:
            w = HashingWriter(fh)
            buf: list[str] = []
            for line in lines:
                buf.append(line)
                n += 1
                if len(buf) >= 500:
                    w.write("".join(buf).encode())
                    buf.clear()
            if buf:
                w.write("".join(buf).encode())
        self.result.members.append(Member(name, w.digest.hexdigest(), w.size))
        return n

    def _copy_file(self, zf, name: str, sha: str, expected: str | None, progress):
        path = self.store.path(sha)
        if not path.is_file():
            self.result.problems.append(_("Thiếu tệp %(sha)s trong kho (cho %(name)s).",
                                          sha=sha, name=name))
            return
        size = path.stat().st_size
        digest_obj = hashlib.sha256()
        written = 0
        # Hash in a worker thread while this one computes the CRC and writes: both release the
        # GIL on large buffers, so the copy runs at about the speed of `zip -0`.
        with open(path, "rb") as src, zf.open(self._info(name, False, size), "w") as fh:
            pending = None
            while chunk := src.read(COPY_CHUNK):
                if pending is not None:
                    pending.result()
                pending = self._hasher.submit(digest_obj.update, chunk)
                fh.write(chunk)
                written += len(chunk)
                yield len(chunk)
            if pending is not None:
                pending.result()
        digest = digest_obj.hexdigest()
        if expected and digest != expected:
            self.result.problems.append(_(
                "Tệp %(name)s trong kho đã bị thay đổi: SHA-256 %(got)s, đúng ra %(want)s.",
                name=name, got=digest, want=expected))
        self.result.members.append(Member(name, digest, written))

    def _heads(self) -> dict:
        heads = {}
        for name, model, key in (("asrun", AsRunEvent, AsRunEvent.seq),
                                 ("audit", AuditEntry, AuditEntry.id)):
            head = db.session.execute(select(key, model.row_hash).order_by(key.desc())
                                      .limit(1)).first()
            heads[name] = {"head": head[0] if head else None, "hash": head[1] if head else None,
                           "rows": db.session.scalar(select(func.count()).select_from(model))}
        seals = db.session.scalars(select(ChainSeal).where(
            ChainSeal.day >= self.period.start, ChainSeal.day <= self.period.end)
            .order_by(ChainSeal.chain, ChainSeal.day)).all()
        heads["seals"] = [{"chain": s.chain, "day": s.day.isoformat(), "head": s.head_seq,
                           "hash": s.head_hash, "rows": s.row_count} for s in seals]
        return heads

    # -- the whole package ---------------------------------------------------------------
    def write(self, out) -> Iterator[Progress]:
        """Write the ZIP to `out`, yielding progress as the audio is copied."""

        self.stations = {s.id: s for s in db.session.scalars(select(Station))}
        self._hasher = ThreadPoolExecutor(max_workers=1, thread_name_prefix="package-hash")
        try:
            yield from self._write(out)
        finally:
            self._hasher.shutdown(wait=True)

    def _write(self, out) -> Iterator[Progress]:
        from radio.archive.reports.data import build_report
        from radio.archive.reports.xlsx import write_xlsx

        self._plan_audio()
        total = self._total_bytes()
        done = 0
        yield Progress(0, total)
        with zipfile.ZipFile(out, "w", allowZip64=True) as zf:
            n_csv = self._add_text_stream(zf, "asrun.csv", self._asrun_csv()) - 1
            yield Progress(done, total, "asrun.csv")
            self._add_text_stream(zf, "asrun.jsonl", self._asrun_jsonl())
            yield Progress(done, total, "asrun.jsonl")
            self._add_text_stream(zf, "items.csv", self._items_csv())
            bulletins = self._add_bulletins(zf)
            self._add_text_stream(zf, "audit.csv", self._audit_csv())
            self._add_text_stream(zf, live_table.MEMBER, self._live_csv())
            self._add_text_stream(zf, RECEIPTS_MEMBER, self._receipts_csv())
            receipts_member = self.result.members[-1]
            report = build_report(self.period, self.zone)
            buf = io.BytesIO()
            write_xlsx(report, buf, self.zone)
            report_name = f"baocao_{self.period.slug}.xlsx"
            self._add_bytes(zf, report_name, buf.getvalue(), compress=False)
            del buf
            yield Progress(done, total, report_name)
            for sha, name in sorted(self.audio.items(), key=lambda kv: kv[1]):
                for n in self._copy_file(zf, name, sha, sha, None):
                    done += n
                    yield Progress(done, total, name)
            att_names = set()
            for att in self.attachments:
                item = self.items.get(att.media_item_id)
                folder = f"attachments/{att.media_item_id}_{slugify(item.title if item else '')}"
                base = _safe_name(att.filename)
                name = f"{folder}/{base}"
                if name in att_names:
                    name = f"{folder}/{att.sha256[:8]}_{base}"
                att_names.add(name)
                for n in self._copy_file(zf, name, att.sha256, att.sha256, None):
                    done += n
                    yield Progress(done, total, name)
            manifest = {
                "format": "district-radio verification package",
                "format_version": FORMAT_VERSION,
                "period": {"key": self.period.key, "window": self.period.window,
                           "kind": self.period.kind, "label": self.period.label,
                           "first_day": self.period.start.isoformat(),
                           "last_day": self.period.end.isoformat(),
                           "start_utc": _iso(self.start), "end_utc": _iso(self.end),
                           "timezone": str(self.zone)},
                "created_at": _iso(self.created_at),
                "created_by": self.created_by,
                "counts": {"asrun_events": self.asrun_count, "asrun_csv_rows": n_csv,
                           "items": len(self.items), "audit_rows": self.audit_count,
                           "audio_files": sum(1 for k in self.audio_kind.values()
                                              if k == "rendition"),
                           "original_files": sum(1 for k in self.audio_kind.values()
                                                 if k == "original"),
                           "attachments": len(self.attachments),
                           "bulletins": len(bulletins),
                           "live_sessions": len(self.live),
                           "broadcasts": report.total_broadcasts,
                           "minutes": report.total_minutes},
                "chains": self._heads(),
                "asrun_hash_fields": self.asrun_fields,
                "hash": "sha256(prev_hash + canonical JSON of the hashed fields, sorted keys, "
                        "UTF-8, separators ',' ':')",
                "genesis": chain.GENESIS,
                "report": report_name,
                "bulletins": bulletins,
                "emergency_receipts": {"name": RECEIPTS_MEMBER, "rows": self.receipt_count,
                                       "sha256": receipts_member.sha256},
                "problems": self.result.problems,
            }
            if report.units is not None:  # a period across a change of units
                from radio.archive.reports.units import manifest_units

                manifest["units"] = manifest_units(report.units)
            self.result.manifest = manifest
            self._add_bytes(zf, "manifest.json",
                            json.dumps(manifest, ensure_ascii=False, indent=2).encode())
            self._add_bytes(zf, "README.txt", readme_text(self, report_name).encode())
            sums = "".join(f"{m.sha256}  {m.name}\n" for m in self.result.members)
            with zf.open(self._info("SHA256SUMS", True, len(sums)), "w") as fh:
                fh.write(sums.encode())
        yield Progress(total, total, "SHA256SUMS")


def root_folder(period: Period) -> str:
    """"kiemchung_2022-cchc": the package's one top folder, as its download is named."""
    return f"kiemchung_{period.slug}"


def _safe_name(name: str) -> str:
    base = os.path.basename((name or "").replace("\\", "/")) or "tep"
    stem, dot, ext = base.rpartition(".")
    if not dot:
        stem, ext = base, ""
    ext = re.sub(r"[^A-Za-z0-9]", "", ext)[:10].lower()
    return slugify(stem) + (f".{ext}" if ext else "")


def write_package(period: Period, out_path, *, tz=None, originals: bool = True,
                  created_by: str = "", progress=None) -> PackageResult:
    """Write the package to a file path atomically (temporary file, fsync, rename)."""
    out_path = Path(out_path)
    tmp = out_path.with_name(f".{out_path.name}.part")
    writer = PackageWriter(period, tz=tz, originals=originals, created_by=created_by)
    try:
        with open(tmp, "wb") as fh:
            for step in writer.write(fh):
                if progress:
                    progress(step)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, out_path)
    finally:
        tmp.unlink(missing_ok=True)
    return writer.result


def stream_package(period: Period, *, tz=None, created_by: str = "") -> Iterator[bytes]:
    """The package as a stream of byte chunks for an HTTP response (nothing held whole)."""
    sink = StreamSink()
    writer = PackageWriter(period, tz=tz, created_by=created_by)
    for _step in writer.write(sink):
        data = sink.drain()
        if data:
            yield data
    data = sink.drain()
    if data:
        yield data
