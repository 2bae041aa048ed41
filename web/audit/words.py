"""The audit log in words: a Vietnamese label per action and object type, and each object's
name with a link to its page. The codes stay in the rows, the CSV export and the package."""

from __future__ import annotations

from dataclasses import dataclass

from flask import url_for
from sqlalchemy import select

from radio.clock import zone
from radio.db import db
from radio.i18n import _, _l
from radio.models import (
    Agency,
    MediaItem,
    Occurrence,
    OfficialDocument,
    Programme,
    ScheduleEntry,
    Station,
    Topic,
    User,
)

ACTIONS = {
    "agency.create": _l("Thêm cơ quan cung cấp tin"),
    "asrun.manual": _l("Ghi tay nhật ký phát"),
    "asrun.record": _l("Nhận nhật ký phát"),
    "attachment.add": _l("Đính kèm tệp kiểm chứng"),
    "auth.signin_failed": _l("Đăng nhập sai"),
    "auth.signin_throttled": _l("Tạm chặn đăng nhập"),
    "auth.token_failed": _l("Mã truy cập sai"),
    "auth.token_throttled": _l("Tạm chặn mã truy cập"),
    "emergency.cancel": _l("Hủy tin khẩn cấp ở mọi nơi"),
    "live.emergency": _l("Phát trực tiếp khẩn cấp"),
    "cluster.create": _l("Thêm cụm loa"),
    "cluster.end": _l("Ngừng cụm loa"),
    "cluster.update": _l("Sửa cụm loa"),
    "live.recorded": _l("Lưu bản ghi phát trực tiếp"),
    "media.create": _l("Thêm tin bài"),
    "media.delete": _l("Xóa tin bài"),
    "media.restore": _l("Khôi phục tin bài"),
    "media.retire": _l("Ngừng dùng tin bài"),
    "media.update": _l("Sửa tin bài"),
    "occurrence.move": _l("Dời số phát"),
    "occurrence.skip": _l("Bỏ số phát"),
    "programme.create": _l("Thêm chương trình"),
    "programme.update": _l("Sửa chương trình"),
    "report.issue": _l("Cấp số báo cáo"),
    "rundown.update": _l("Sửa nội dung số phát"),
    "schedule.add": _l("Thêm lịch phát"),
    "schedule.cancel": _l("Hủy lịch phát"),
    "schedule.move": _l("Dời lịch phát"),
    "station.create": _l("Thêm đài/trạm"),
    "station.merge": _l("Sáp nhập đài/trạm"),
    "station.token": _l("Cấp mã truy cập đài/trạm"),
    "station.update": _l("Sửa đài/trạm"),
    "topic.create": _l("Thêm chủ đề"),
    "unit.import": _l("Nạp danh mục đơn vị hành chính"),
    "unit.merge": _l("Sáp nhập đơn vị hành chính"),
    "user.create": _l("Thêm tài khoản"),
    "user.password": _l("Đổi mật khẩu"),
    "user.password_reset": _l("Đặt lại mật khẩu"),
    "user.token": _l("Cấp mã API"),
    "user.scope": _l("Đổi phạm vi tài khoản"),
    "user.update": _l("Sửa tài khoản"),
    # task F (languages): broadcast languages
    "language.create": _l("Thêm ngôn ngữ"),
    "language.update": _l("Sửa ngôn ngữ"),
    "language.delete": _l("Xóa ngôn ngữ"),
    # Task C (bulletins): written bulletins and their versions.
    "bulletin.create": _l("Tạo bản tin văn bản"),
    "bulletin.revise": _l("Sửa văn bản bản tin (phiên bản mới)"),
    "schedule.version": _l("Chuyển lịch phát sang phiên bản mới"),
    # speechtext (issue 10): the abbreviations speech expands
    "speech_abbreviation.create": _l("Thêm chữ viết tắt khi đọc"),
    "speech_abbreviation.update": _l("Sửa chữ viết tắt khi đọc"),
    "speech_abbreviation.delete": _l("Xóa chữ viết tắt khi đọc"),
    # -- approvals (task D, approvals): radio.approvals.operations --
    "media_item.submit": _l("Gửi duyệt tin bài"),
    "media_item.approve": _l("Duyệt tin bài"),
    "media_item.return": _l("Trả lại tin bài"),
    "media_item.reopen": _l("Tin bài sửa sau khi duyệt, cần duyệt lại"),
    "media_item.approve_by_editor": _l("Biên tập viên tự duyệt tin khẩn cấp"),
    "occurrence.submit": _l("Gửi duyệt số phát"),
    "occurrence.approve": _l("Duyệt số phát"),
    "occurrence.return": _l("Trả lại số phát"),
    "occurrence.reopen": _l("Số phát sửa sau khi duyệt, cần duyệt lại"),
    "occurrence.approve_by_editor": _l("Biên tập viên tự duyệt số phát khẩn cấp"),
    # Task E (gating): emergencies by an editor alone, per unit.
    "admin_unit.emergency_by_editor": _l("Đổi quyền tự phát tin khẩn cấp của biên tập viên"),
    # Task H2 (commands): remote commands to station agents.
    "station_command.send": _l("Gửi lệnh điều khiển tới trạm"),
    "station_command.expire": _l("Lệnh điều khiển hết hạn"),
    "station_command.ack": _l("Trạm xác nhận lệnh điều khiển"),
    # Task H5 (alerts): thresholds and subscriptions.
    "alert_rule.update": _l("Đặt ngưỡng cảnh báo"),
    "alert_subscription.create": _l("Đăng ký nhận cảnh báo"),
    "alert_subscription.delete": _l("Hủy đăng ký nhận cảnh báo"),
}

OBJECTS = {
    "admin_unit": _l("Đơn vị hành chính"),
    "agency": _l("Cơ quan"),
    "attachment": _l("Tệp đính kèm"),
    "cluster": _l("Cụm loa"),
    "live_session": _l("Phiên phát trực tiếp"),
    "media_item": _l("Tin bài"),
    "occurrence": _l("Số phát"),
    "official_document": _l("Văn bản"),
    "programme": _l("Chương trình"),
    "schedule_batch": _l("Lô lịch phát"),
    "schedule_entry": _l("Lịch phát"),
    "station": _l("Đài/trạm"),
    "topic": _l("Chủ đề"),
    "user": _l("Tài khoản"),
    "account": _l("Tên đăng nhập"),
    "token": _l("Mã truy cập"),
    # task F (languages)
    "language": _l("Ngôn ngữ"),
    # speechtext (issue 10)
    "speech_abbreviation": _l("Chữ viết tắt khi đọc"),
    # Task H2 (commands)
    "station_command": _l("Lệnh điều khiển trạm"),
    # Task H5 (alerts)
    "alert_rule": _l("Ngưỡng cảnh báo"),
    "alert_subscription": _l("Đăng ký nhận cảnh báo"),
}


def action_label(code: str) -> str:
    label = ACTIONS.get(code)
    return str(label) if label is not None else _("Thao tác khác")


def object_label(code: str) -> str:
    label = OBJECTS.get(code)
    return str(label) if label is not None else _("Đối tượng khác")


@dataclass
class Shown:
    """How one row's object reads: its type in words, its name, and its page (or None)."""

    kind: str
    name: str
    url: str | None = None


def _ints(ids) -> list[int]:
    return [int(i) for i in ids if str(i).isdigit()]


def describe(rows, *, admin: bool) -> dict[int, Shown]:
    """Per audit row id: the object's name and link, looked up once per type for the page."""
    by_type: dict[str, set[str]] = {}
    for r in rows:
        by_type.setdefault(r.object_type, set()).add(r.object_id)
    names: dict[tuple[str, str], tuple[str, str | None]] = {}

    def fill(kind, model, key_col, name_of, url_of, ids):
        for obj in db.session.scalars(select(model).where(key_col.in_(ids))):
            names[(kind, str(getattr(obj, key_col.key)))] = (name_of(obj), url_of(obj))

    if ids := by_type.get("station"):
        fill("station", Station, Station.code, lambda s: s.name,
             lambda s: url_for("admin.station_edit", code=s.code) if admin
             else url_for("archive.station", code=s.code), ids)
    if ids := by_type.get("user"):
        fill("user", User, User.username, lambda u: u.full_name or u.username,
             lambda u: url_for("admin.user_edit", username=u.username) if admin else None, ids)
    if ids := _ints(by_type.get("media_item", ())):
        fill("media_item", MediaItem, MediaItem.id, lambda m: m.title,
             lambda m: url_for("archive.item", item_id=m.id), ids)
    if ids := _ints(by_type.get("programme", ())):
        fill("programme", Programme, Programme.id, lambda p: p.name,
             lambda p: url_for("planning.programme", programme_id=p.id), ids)
    if ids := _ints(by_type.get("occurrence", ())):
        fill("occurrence", Occurrence, Occurrence.id,
             lambda o: f"{o.programme.name} {o.recurrence_date:%d/%m/%Y}",
             lambda o: url_for("planning.occurrence", occurrence_id=o.id), ids)
    if ids := _ints(by_type.get("schedule_entry", ())):
        fill("schedule_entry", ScheduleEntry, ScheduleEntry.id, _entry_name, _entry_url, ids)
    if ids := by_type.get("schedule_batch"):
        for e in db.session.scalars(select(ScheduleEntry).where(ScheduleEntry.batch_id.in_(ids))
                                    .order_by(ScheduleEntry.id)):
            names.setdefault(("schedule_batch", e.batch_id), (_entry_name(e), _entry_url(e)))
    if ids := by_type.get("topic"):
        fill("topic", Topic, Topic.slug, lambda t: t.name,
             lambda t: url_for("archive.topic", slug=t.slug), ids)
    if ids := by_type.get("agency"):
        fill("agency", Agency, Agency.slug, lambda a: a.name,
             lambda a: url_for("archive.agency", slug=a.slug), ids)
    if ids := _ints(by_type.get("official_document", ())):
        fill("official_document", OfficialDocument, OfficialDocument.id,
             lambda d: f"{d.reference} ({d.period_key})",
             lambda d: url_for("archive.report", period=d.period_key, window=d.window, doc=d.id),
             ids)
    shown = {}
    for r in rows:
        name, url = names.get((r.object_type, r.object_id), (None, None))
        if name is None and r.object_type == "attachment" and "/" in r.object_id:
            item_id = r.object_id.split("/", 1)[0]
            name, url = _("Tệp của tin bài số %(id)s", id=item_id), \
                url_for("archive.item", item_id=int(item_id)) if item_id.isdigit() else None
        shown[r.id] = Shown(object_label(r.object_type), name or r.summary or "—", url)
    return shown


def _entry_name(e: ScheduleEntry) -> str:
    what = e.media_item.title if e.media_item else e.note or _("lịch phát")
    return f"{what} · {e.station.name}"


def _entry_url(e: ScheduleEntry) -> str:
    return url_for("planning.week", code=e.station.code,
                   start=e.starts_at.astimezone(zone()).date().isoformat())
