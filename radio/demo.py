"""The Gio Linh 2022 demo network, and the registry of demo steps other layers add to."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, time

from sqlalchemy import select

from radio import reference, stations
from radio.accounts import operations as accounts
from radio.config import current_settings
from radio.db import db
from radio.models import Station, User
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
]


@dataclass
class DemoReport:
    """What a demo run did, line by line, for the CLI to print."""

    lines: list[str]
    created: int = 0

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
    settings = current_settings()
    shared = settings.admin_password if settings else None
    for username, role, full_name, codes in DEMO_ACCOUNTS:
        if db.session.scalar(select(User.id).where(User.username == username)):
            continue
        password = shared or generate_password()
        accounts.create_user(None, username=username, password=password, role=role,
                          station_codes=codes, full_name=full_name)
        shown = "(RADIO_ADMIN_PASSWORD)" if shared else password
        report.add(f"Tài khoản {username:<9} vai trò {role:<9} mật khẩu: {shown}")


CORE_STEPS: list[tuple[int, DemoStep]] = [(10, load_network)]


def run_demo(extra_steps: list[tuple[int, DemoStep]]) -> DemoReport:
    """Run the core step and the steps other layers registered, in order. Flushes only."""
    report = DemoReport(lines=[])
    for _order, step in sorted(CORE_STEPS + list(extra_steps), key=lambda s: s[0]):
        step(report)
    return report
