"""The demo: one story of the Gio Linh network, told in steps, in this order.

1. network (radio, here): the district station huyen-gio-linh and the 17 commune stations of
   2022 (NQ 832/NQ-UBTVQH14, from 01/01/2020), topics, agencies, one account per role.
2. reorganisation (radio.demo_reorganisation, facts in radio.units.giolinh): the units in three
   editions with lineage. On 01/01/2025 Gio Châu, Gio Việt and Linh Hải join neighbours (14 units
   left); on 01/07/2025 the district level ends and the 14 become four communes of the new Quảng
   Trị (44): their stations xa-gio-linh, xa-cua-viet, xa-ben-hai, xa-con-tien take over, the old
   stations end and become their loudspeaker clusters, a province station tinh-quang-tri appears;
   a province auditor and a commune editor get their units.
3. media (media.demo_library.load_demo): the committed bulletins and jingles, or tone items.
4. schedules (schedules.demo.demo_schedules): the CCHC column for the next four weeks on every
   station open today, and the relay at 05:30 of the level above (the province since 1/7/2025).
5. recent history (radio.asrun.demo.load_history): as-run and heartbeats of the last four weeks
   on the stations open then.
6. archive years (radio.archive.demo.load_archive_years): the CCHC year 2022 (15/12/2021 –
   14/12/2022, unchanged) and the CCHC year 2025 (15/12/2024 – 14/12/2025) across the change:
   old stations until 30/6, the new ones from 1/7.
7. approvals (load_approvals, here): with RADIO_APPROVAL required, the demo approver
   approves every item and programme number made so far, and two new cuts of bulletins wait
   for approval, submitted by the editor (off: everything was approved when made).

Steps 3–6 are features (core may not import them): each registers its one step under its name
in app.extensions["radio.demo_layers"] (media, schedules, radio.asrun, radio.archive); the order
is STORY below. Each step flushes only and is
idempotent, so `radio init --demo` run twice changes nothing. With `reorganise=False` (the
`--demo-2022` option) steps 2 and the 2025 year are left out: the 2022 network runs on today.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, time

from sqlalchemy import select

from radio import audit, reference, stations
from radio.accounts import operations as accounts
from radio.config import current_settings
from radio.db import db
from radio.models import (
    AdminUnit,
    ApprovalState,
    MediaItem,
    MediaKind,
    MediaStatus,
    Occurrence,
    Station,
    User,
)
from radio.security import generate_password

DISTRICT = ("huyen-gio-linh", "Đài truyền thanh huyện Gio Linh")
# NQ 832/NQ-UBTVQH14, from 01/01/2020: 2 towns and 15 communes.
UNITS = [
    ("tt-gio-linh", "Thị trấn Gio Linh"),
    ("tt-cua-viet", "Thị trấn Cửa Việt"),
    ("gio-an", "Xã Gio An"),
    ("gio-chau", "Xã Gio Châu"),
    ("gio-hai", "Xã Gio Hải"),
    ("gio-mai", "Xã Gio Mai"),
    ("gio-my", "Xã Gio Mỹ"),
    ("gio-quang", "Xã Gio Quang"),
    ("gio-son", "Xã Gio Sơn"),
    ("gio-viet", "Xã Gio Việt"),
    ("hai-thai", "Xã Hải Thái"),
    ("linh-hai", "Xã Linh Hải"),
    ("linh-truong", "Xã Linh Trường"),
    ("phong-binh", "Xã Phong Bình"),
    ("trung-giang", "Xã Trung Giang"),
    ("trung-hai", "Xã Trung Hải"),
    ("trung-son", "Xã Trung Sơn"),
]
WINDOWS = [(time(5, 30), 60), (time(17, 0), 60)]
NETWORK_FROM = date(2020, 1, 1)

TOPICS = [
    ("chu-truong-chinh-sach", "Chủ trương, chính sách về cải cách hành chính"),
    ("thu-tuc-hanh-chinh", "Thủ tục hành chính (công khai, sửa đổi, đơn giản hóa)"),
    ("mot-cua", "Cơ chế một cửa, một cửa liên thông"),
    ("dich-vu-cong", "Dịch vụ công trực tuyến mức độ 3, 4"),
    ("buu-chinh-cong-ich", "Dịch vụ bưu chính công ích"),
    ("ung-dung-cntt", "Ứng dụng công nghệ thông tin trong cơ quan hành chính"),
    ("pci-papi", "Chỉ số PCI, PAPI"),
    ("ket-qua-cchc", "Kết quả cải cách hành chính của huyện"),
    ("phap-luat-tu-phap", "Phổ biến, giáo dục pháp luật và cải cách tư pháp"),
    ("phan-anh-kien-nghi", "Tiếp nhận phản ánh, kiến nghị"),
]

AGENCIES = [
    ("phong-vhtt", "Phòng Văn hóa và Thông tin"),
    ("vp-hdnd-ubnd", "Văn phòng HĐND&UBND huyện"),
    ("phong-noi-vu", "Phòng Nội vụ"),
    ("trung-tam-vhtt", "Trung tâm VH&TT-TDTT"),
    ("phong-tu-phap", "Phòng Tư pháp"),
    ("phong-tckh", "Phòng Tài chính-Kế hoạch"),
    ("ubnd-xa", "UBND các xã, thị trấn"),
]

DEMO_ACCOUNTS = [
    ("admin", "admin", "Quản trị hệ thống", []),
    ("editor", "editor", "Biên tập viên Trung tâm VH&TT-TDTT", []),
    ("operator", "operator", "Người vận hành trạm Gio An", ["gio-an"]),
    ("auditor", "auditor", "Cán bộ kiểm tra Phòng Nội vụ", []),
    ("approver", "approver", "Lãnh đạo Trung tâm", []),
]
# Accounts of the 2025 world, scoped to a unit (code, edition): the new Quảng Trị, Xã Cửa Việt.
SCOPED_ACCOUNTS = [
    ("province_auditor", "auditor", "Cán bộ kiểm tra Sở Nội vụ tỉnh Quảng Trị",
     ("44", date(2025, 7, 1))),
    ("commune_editor", "editor", "Biên tập viên xã Cửa Việt", ("19496", date(2025, 7, 1))),
    ("commune_approver", "approver", "Lãnh đạo UBND xã Cửa Việt", ("19496", date(2025, 7, 1))),
]
# With RADIO_APPROVAL required, the last step approves the demo's material as the approver
# (the evidence shows who approved) and leaves these bulletins "chờ duyệt", submitted by the
# editor: a new cut of a recorded bulletin, so the approval page has something to show.
WAITING_TITLES = [
    "Thông báo lịch tiếp công dân định kỳ tháng này (bản cập nhật)",
    "Hướng dẫn nộp hồ sơ trực tuyến qua Cổng dịch vụ công (bản cập nhật)",
]


@dataclass
class DemoReport:
    """What a demo run did, line by line, for the CLI to print."""

    lines: list[str]
    created: int = 0
    # False: leave out the 2024/2025 reorganisations and the 2025 year (the 2022 network today).
    reorganise: bool = True

    def add(self, line: str, created: int = 1) -> None:
        self.lines.append(line)
        self.created += created


DemoStep = Callable[[DemoReport], None]


def load_network(report: DemoReport) -> None:
    """Stations, topics, agencies and one account per role. Safe to run twice."""
    new_stations = 0
    if db.session.scalar(select(Station.id).where(Station.code == DISTRICT[0])) is None:
        stations.create_station(None, code=DISTRICT[0], name=DISTRICT[1], kind="district",
                                valid_from=NETWORK_FROM, windows=WINDOWS)
        new_stations += 1
    for code, name in UNITS:
        if db.session.scalar(select(Station.id).where(Station.code == code)) is None:
            stations.create_station(None, code=code, name=name, kind="commune",
                                    valid_from=NETWORK_FROM, windows=WINDOWS)
            new_stations += 1
    if new_stations:
        report.add(f"Đã tạo {new_stations} đài/trạm (huyện Gio Linh).", new_stations)
    new_topics = sum(reference.ensure_topic(None, slug, name, i)[1]
                     for i, (slug, name) in enumerate(TOPICS))
    new_agencies = sum(reference.ensure_agency(None, slug, name)[1] for slug, name in AGENCIES)
    if new_topics or new_agencies:
        report.add(f"Đã tạo {new_topics} chủ đề và {new_agencies} cơ quan cung cấp tin.",
                   new_topics + new_agencies)
    _accounts(report, [(u, r, n, codes, None) for u, r, n, codes in DEMO_ACCOUNTS])


def load_scoped_accounts(report: DemoReport) -> None:
    """The province auditor and the commune editor, each scoped to a unit of 2025 (made by the
    reorganisation step). Safe to run twice."""
    _accounts(report, [(u, r, n, [], unit) for u, r, n, unit in SCOPED_ACCOUNTS])


def _accounts(report: DemoReport, rows: list) -> None:
    settings = current_settings()
    shared = settings.admin_password if settings else None
    for username, role, full_name, codes, unit in rows:
        if db.session.scalar(select(User.id).where(User.username == username)):
            continue
        unit_id = None
        if unit is not None:
            unit_id = db.session.scalar(select(AdminUnit.id).where(
                AdminUnit.code == unit[0], AdminUnit.valid_from == unit[1]))
            if unit_id is None:
                continue
        password = shared or generate_password()
        user = accounts.create_user(None, username=username, password=password, role=role,
                                    station_codes=codes, full_name=full_name)
        user.unit_id = unit_id
        shown = "(RADIO_ADMIN_PASSWORD)" if shared else password
        report.add(f"Tài khoản {username:<9} vai trò {role:<9} mật khẩu: {shown}")
    db.session.flush()


def _reorganisation(report: DemoReport) -> None:
    from radio.demo_reorganisation import load_reorganisation

    if report.reorganise:
        load_reorganisation(report)
        load_scoped_accounts(report)


def load_approvals(report: DemoReport) -> None:
    """Step 7. With RADIO_APPROVAL required, the demo approver approves every media item and
    programme number not yet approved (radio.approvals, so each is an audit row), and the
    WAITING_TITLES wait, submitted by the editor. Off: nothing to do. Idempotent."""
    from radio.approvals import initial_state
    from radio.approvals import operations as approvals

    if initial_state(current_settings()) == ApprovalState.approved:
        return
    approver = db.session.scalar(select(User).where(User.username == "approver"))
    editor = db.session.scalar(select(User).where(User.username == "editor"))
    if approver is None or editor is None:
        return
    approved = 0
    for model in (MediaItem, Occurrence):
        for obj in db.session.scalars(select(model).where(model.approval != ApprovalState.approved,
                                                          model.approval != ApprovalState.submitted)
                                      .order_by(model.id)):
            approvals.approve(approver, obj)
            approved += 1
    if approved:
        report.add(f"Lãnh đạo đã duyệt {approved} tin, bài và số phát mẫu.", approved)
    waiting = 0
    for title in WAITING_TITLES:
        item = _waiting_item(editor, title)
        if item is not None:
            approvals.submit(editor, item)
            waiting += 1
    db.session.flush()
    if waiting:
        report.add(f"{waiting} bản tin mới đang chờ lãnh đạo duyệt (biên tập viên đã gửi).",
                   waiting)


def _waiting_item(editor: User, title: str) -> MediaItem | None:
    """A new cut of a recorded bulletin: the rendition of a ready bulletin, as a new item of the
    editor (its file is already in the store). None when it exists or no file fits."""
    if db.session.scalar(select(MediaItem.id).where(MediaItem.title == title)) is not None:
        return None
    used = set(db.session.scalars(select(MediaItem.original_sha256)))
    for source in db.session.scalars(
            select(MediaItem).where(MediaItem.kind != MediaKind.jingle,
                                    MediaItem.status == MediaStatus.ready,
                                    MediaItem.rendition_sha256.is_not(None))
            .order_by(MediaItem.id.desc())):
        if source.rendition_sha256 in used:
            continue
        item = MediaItem(title=title, kind=source.kind, status=MediaStatus.ready,
                         agency_id=source.agency_id, topics=list(source.topics),
                         author=editor.full_name, summary=source.summary,
                         original_sha256=source.rendition_sha256,
                         original_name=f"{source.rendition_sha256[:12]}.mp3",
                         original_size=source.rendition_size, original_format="mp3",
                         rendition_sha256=source.rendition_sha256,
                         rendition_size=source.rendition_size, duration_s=source.duration_s,
                         loudness_out_lufs=source.loudness_out_lufs,
                         true_peak_out_dbtp=source.true_peak_out_dbtp,
                         uploaded_by=editor, approval=ApprovalState.draft)
        db.session.add(item)
        db.session.flush()
        audit.record(editor, "media.create", "media_item", item.id,
                     after={"title": item.title, "kind": item.kind.value}, summary=item.title)
        return item
    return None


# The story, in order: (name, the radio step, or None for the layer registered under the name).
STORY: list[tuple[str, DemoStep | None]] = [
    ("network", load_network),
    ("reorganisation", _reorganisation),
    ("media", None),
    ("schedules", None),
    ("recent", None),
    ("years", None),
    ("approvals", load_approvals),
]


def run_demo(layers: dict[str, DemoStep], reorganise: bool = True) -> DemoReport:
    """Tell the story: each step in STORY order, a layer's step where it registered one.
    Flushes only."""
    report = DemoReport(lines=[], reorganise=reorganise)
    for name, step in STORY:
        step = step or layers.get(name)
        if step is not None:
            step(report)
    return report
