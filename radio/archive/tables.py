"""The text members of a verification package: asrun.csv, asrun.jsonl, items.csv, audit.csv,
bulletins.csv with each bulletin's texts under bulletins/, emergency_receipts.csv, and README.txt. `PackageTables` is the part of `export.PackageWriter` that turns rows into lines; it
reads the writer's period, zone, stations, items and audio names.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from datetime import datetime
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from sqlalchemy import select

from radio.archive import editorial
from radio.db import db
from radio.models import ApprovalState, AsRunEvent, AuditEntry, MediaItem

if TYPE_CHECKING:
    from radio.archive.export import PackageWriter

# emergency_receipts.csv: one row per emergency entry, station and cluster that reported (H3).
RECEIPT_HEADERS = ["entry_id", "batch_id", "station", "cluster", "received_at", "started_at",
                   "finished_at"]
RECEIPTS_MEMBER = "emergency_receipts.csv"

# bulletins.csv: one row per aired bulletin; text_file and spoken_file name its .txt members.
BULLETIN_HEADERS = ["media_id", "engine", "engine_version", "voice", "rate", "text",
                    "spoken_text", "text_file", "spoken_file"]

STATUS_VI = {"aired": "Đã phát", "partial": "Phát không trọn", "skipped": "Bỏ qua",
             "failed": "Lỗi, không phát"}


def _local(value: datetime | None, zone: ZoneInfo) -> str:
    return value.astimezone(zone).strftime("%d/%m/%Y %H:%M:%S") if value is not None else ""


class PackageTables:
    """Row generators of the package's CSV and JSONL members (mixed into PackageWriter)."""

    # -- tables --------------------------------------------------------------------------
    def _events(self):
        stmt = (select(AsRunEvent).where(*self._event_filter())
                .order_by(AsRunEvent.started_at, AsRunEvent.seq)
                .execution_options(yield_per=1000))
        yield from db.session.scalars(stmt)

    def _csv_line(self, values) -> str:
        buf = io.StringIO()
        csv.writer(buf, lineterminator="\r\n").writerow(values)
        return buf.getvalue()

    def _asrun_csv(self) -> Iterator[str]:
        yield "\ufeff" + self._csv_line([
            "seq", "ma_dai", "ten_dai", "gio_theo_lich", "bat_dau", "ket_thuc", "trang_thai",
            "trang_thai_ma", "tieu_de", "co_quan", "chu_de", "media_sha256", "tep_am_thanh",
            "ghi_tay", "ghi_chu", "lich_phat_id", "luot_phat_id", "tin_id", "row_hash"])
        for e in self._events():
            station = self.stations.get(e.station_id)
            status = getattr(e.status, "value", e.status)
            yield self._csv_line([
                e.seq, station.code if station else e.station_id, station.name if station else "",
                _local(e.scheduled_at, self.zone), _local(e.started_at, self.zone),
                _local(e.ended_at, self.zone), STATUS_VI.get(status, status), status, e.title,
                e.agency_name, e.topic_slugs, e.media_sha256 or "",
                self.audio.get(e.media_sha256 or "", ""), "x" if e.manual else "", e.note,
                e.entry_id or "", e.airing_id or "", e.media_item_id or "", e.row_hash or ""])

    def _live_csv(self) -> Iterator[str]:
        from radio.archive import live_table

        yield "\ufeff" + self._csv_line(live_table.HEADERS)
        for row in live_table.live_rows(self.live, self.audio, lambda v: _local(v, self.zone)):
            yield self._csv_line(row)

    def _asrun_jsonl(self) -> Iterator[str]:
        from radio.asrun.operations import asrun_content

        self.asrun_count = 0
        self.asrun_fields: list[str] = []
        for e in self._events():
            content = asrun_content(e)
            if not self.asrun_fields:
                self.asrun_fields = sorted(content)
            station = self.stations.get(e.station_id)
            row = dict(content)
            row.update({"station_code": station.code if station else None,
                        "station_name": station.name if station else None,
                        "audio": self.audio.get(e.media_sha256 or ""),
                        "prev_hash": e.prev_hash, "row_hash": e.row_hash})
            self.asrun_count += 1
            yield json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n"

    def _items_csv(self) -> Iterator[str]:
        yield "\ufeff" + self._csv_line([
            "tin_id", "tieu_de", "loai", "co_quan", "chu_de", "tac_gia", "thoi_luong_giay",
            "ngay_nhap", "trang_thai", "original_sha256", "ten_tep_goc", "rendition_sha256",
            "tep_phat_song", "tep_goc", "tom_tat_noi_dung",
            # the editorial record (issue 10), appended so the 2022 columns keep their places
            "language", "agency", "source_doc_number", "source_doc_date", "author",
            "rights_note", "version", "previous_version_id", "approval", "approved_by",
            "approved_at", "submitted_by"])
        for item in sorted(self.items.values(), key=lambda i: i.id):
            yield self._csv_line([
                item.id, item.title, item.kind.value, item.agency.name if item.agency else "",
                ", ".join(t.name for t in item.topics), item.author, round(item.duration_s, 3),
                _local(item.created_at, self.zone), item.status.value, item.original_sha256,
                item.original_name, item.rendition_sha256 or "",
                self.audio.get(item.rendition_sha256 or "", ""),
                self.audio.get(item.original_sha256, ""), item.summary,
                *self._editorial_cells(item)])

    def _editorial_cells(self, item: MediaItem) -> list:
        approved = item.approval == ApprovalState.approved and item.approval_by is not None
        return [
            item.language, item.agency.name if item.agency else "", item.source_doc_number,
            item.source_doc_date.strftime("%d/%m/%Y") if item.source_doc_date else "",
            item.author, item.rights_note, item.version, item.previous_version_id or "",
            item.approval.value, item.approval_by.username if approved else "",
            _local(item.approval_at, self.zone) if approved else "",
            item.submitted_by.username if item.submitted_by else ""]

    # -- bulletins -----------------------------------------------------------------------
    def _add_bulletins(self, zf) -> list[dict]:
        """bulletins.csv and, per bulletin, its text and spoken text as UTF-8 .txt members;
        returns the manifest's list of them with their hashes."""
        from radio.archive.export import slugify

        bulletins = editorial.bulletins_of(self.items)
        names = {}
        for item_id in sorted(bulletins):
            folder = f"bulletins/{item_id}_{slugify(self.items[item_id].title)}"
            names[item_id] = (f"{folder}/text.txt", f"{folder}/spoken.txt")
        self._add_text_stream(zf, "bulletins.csv", self._bulletins_csv(bulletins, names))
        listed = []
        for item_id in sorted(bulletins):
            b = bulletins[item_id]
            entry = {"media_id": item_id}
            for key, name, text in (("text", names[item_id][0], b.text),
                                    ("spoken", names[item_id][1], b.spoken_text)):
                self._add_bytes(zf, name, (text or "").encode("utf-8"))
                entry[key] = {"name": name, "sha256": self.result.members[-1].sha256}
            listed.append(entry)
        return listed

    def _bulletins_csv(self, bulletins: dict, names: dict) -> Iterator[str]:
        yield "\ufeff" + self._csv_line(BULLETIN_HEADERS)
        for item_id in sorted(bulletins):
            b = bulletins[item_id]
            yield self._csv_line([item_id, b.engine, b.engine_version, b.voice, b.rate, b.text,
                                  b.spoken_text, *names[item_id]])

    def _receipts_csv(self) -> Iterator[str]:
        """Receipts of the emergencies that started in the period (station agent times)."""
        from radio.fleet.receipt_util import receipts_between

        def iso(value):
            return value.astimezone(self.zone).isoformat() if value is not None else ""

        self.receipt_count = 0
        yield "\ufeff" + self._csv_line(RECEIPT_HEADERS)
        for r in receipts_between(self.start, self.end):
            self.receipt_count += 1
            yield self._csv_line([r.entry_id, r.batch_id, r.station.code, r.cluster,
                                  iso(r.received_at), iso(r.started_at), iso(r.finished_at)])

    def _audit_csv(self) -> Iterator[str]:
        from radio.audit import audit_content

        self.audit_count = 0
        yield "\ufeff" + self._csv_line([
            "id", "at_utc", "user_id", "username", "action", "object_type", "object_id",
            "summary", "before", "after", "prev_hash", "row_hash"])
        stmt = (select(AuditEntry).where(AuditEntry.at >= self.start, AuditEntry.at < self.end)
                .order_by(AuditEntry.id).execution_options(yield_per=1000))
        for row in db.session.scalars(stmt):
            c = audit_content(row)
            self.audit_count += 1
            yield self._csv_line([
                c["id"], c["at"], "" if c["user_id"] is None else c["user_id"], c["username"],
                c["action"], c["object_type"], c["object_id"], c["summary"],
                json.dumps(c["before"], ensure_ascii=False, sort_keys=True),
                json.dumps(c["after"], ensure_ascii=False, sort_keys=True),
                row.prev_hash or "", row.row_hash or ""])


def readme_text(writer: PackageWriter, report_name: str) -> str:
    p = writer.period
    return f"""GÓI TÀI LIỆU KIỂM CHỨNG – HỆ THỐNG TRUYỀN THANH
================================================

Kỳ: {p.label}
Lập lúc: {writer.created_at.astimezone(writer.zone):%d/%m/%Y %H:%M} (giờ {writer.zone})
{('Người lập: ' + writer.created_by) if writer.created_by else ''}

Gói này chứa toàn bộ nhật ký phát sóng (as-run) của các đài, trạm truyền thanh trong kỳ,
các tệp âm thanh đã phát, danh mục tin bài, nhật ký thay đổi và báo cáo tổng hợp, dùng làm
tài liệu kiểm chứng theo kế hoạch tuyên truyền cải cách hành chính.

NỘI DUNG
--------
audio/              Mỗi tệp âm thanh đã phát sóng trong kỳ (bản phát sóng, MP3), một lần,
                    đặt tên theo ngày phát đầu tiên và tiêu đề: NGÀY_tieu-de_8KYTUBAM.mp3
audio/goc/          Tệp gốc đúng như khi tiếp nhận (trước khi chuẩn hóa âm lượng).
attachments/        Tài liệu kèm theo tin bài (kịch bản, văn bản PDF, hình ảnh), theo mã tin.
asrun.csv           Nhật ký phát: mỗi lần phát một dòng – đài/trạm, giờ theo lịch, giờ bắt đầu,
                    giờ kết thúc (giờ Việt Nam), trạng thái, tiêu đề, cơ quan, chủ đề,
                    SHA-256 của tệp đã phát và tên tệp trong thư mục audio/, mã lịch
                    phát và mã lượt phát (luot_phat_id) mà dòng đó chứng minh.
                    Mở bằng Excel/LibreOffice (mã hóa UTF-8).
asrun.jsonl         Cùng nhật ký ở dạng máy đọc (mỗi dòng một đối tượng JSON), kèm mã băm
                    chuỗi (prev_hash, row_hash) để kiểm tra không bị sửa.
items.csv           Danh mục tin bài đã phát: cơ quan cung cấp, chủ đề, thời lượng, mã băm;
                    ngôn ngữ, văn bản nguồn (số, ngày), tác giả, bản quyền, phiên bản,
                    trạng thái duyệt, người duyệt, lúc duyệt, người gửi duyệt.
bulletins.csv       Các bản tin văn bản đọc bằng giọng máy: bộ đọc và phiên bản, giọng, tốc độ,
                    văn bản và văn bản đã chuẩn hóa để đọc.
bulletins/          Văn bản (text.txt) và văn bản đã đọc (spoken.txt) của từng bản tin, UTF-8.
audit.csv           Nhật ký thay đổi của cán bộ trong kỳ (ai, lúc nào, thay đổi gì), có mã băm chuỗi.
phat_truc_tiep.csv  Các phiên phát trực tiếp: đài, người lên sóng, giờ bắt đầu, kết thúc, thời
                    lượng, SHA-256 và tên tệp bản ghi trong thư mục audio/.
emergency_receipts.csv  Xác nhận tin khẩn cấp của từng trạm, cụm loa: đã nhận, bắt đầu phát,
                    kết thúc (giờ theo đồng hồ của trạm).
{report_name:<20}Báo cáo tổng hợp (số lần phát, số phút theo đài trạm, chủ đề, cơ quan, tháng;
                    tỷ lệ thực hiện so với lịch; danh sách tin bài).
manifest.json       Thông tin gói: kỳ báo cáo, số lượng, đầu chuỗi băm và dấu niêm phong hằng ngày.
SHA256SUMS          Mã SHA-256 của mọi tệp trong gói.

CÁCH KIỂM TRA
-------------
1. Giải nén gói, mở thư mục vừa giải nén và chạy:
       sha256sum -c SHA256SUMS
   Mọi dòng phải báo "OK" (trên Windows: certutil -hashfile TÊN_TỆP SHA256 cho từng tệp).
2. Kiểm tra đầy đủ (mã băm từng tệp, chuỗi băm của nhật ký phát và nhật ký thay đổi,
   tệp âm thanh khớp với nhật ký) bằng phần mềm district-radio, không cần mạng:
       radio archive verify TÊN_GÓI.zip
3. Đối chiếu đầu chuỗi trong manifest.json ("chains") với dấu niêm phong hằng ngày trên
   máy chủ (radio archive verify) để chắc chắn không có dòng nào bị xóa sau khi lập gói.

Mỗi dòng nhật ký mang SHA-256 của nội dung dòng đó nối với mã băm của dòng trước; sửa hay
xóa một dòng sẽ làm đứt chuỗi và bị phát hiện khi kiểm tra.
"""
