"""The official document format (Nghị định 30/2020/NĐ-CP, công tác văn thư) for reports.

The issuing body of each unit comes from the settings file `RADIO_DOC_FILE` (TOML, default
`<data folder>/official.toml`): a `[default]` table and optional `[units.<station code>]` tables
that override it, with the keys of `Issuer`. The header carries the cơ quan chủ quản and the
cơ quan ban hành, the số and ký hiệu, the quốc hiệu and tiêu ngữ, and the place and date in
words; the footer the nơi nhận and the signature block with room for the seal.

Fonts: Times New Roman when installed, else Liberation Serif (metric-compatible, Debian
fonts-liberation), 13 pt on A4 with the decree's margins.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, fields
from datetime import date
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from radio.config import current_settings
from radio.errors import DomainError
from radio.i18n import _

_env = Environment(loader=FileSystemLoader(Path(__file__).parent / "templates"),
                   autoescape=select_autoescape(["html"]), trim_blocks=True, lstrip_blocks=True)

@dataclass(frozen=True)
class Issuer:
    """Who issues the unit's reports, and who signs them."""

    key: str = "default"
    parent: str = "UBND HUYỆN GIO LINH"  # tên cơ quan, tổ chức chủ quản
    name: str = "TRUNG TÂM VĂN HÓA, THÔNG TIN VÀ THỂ THAO"  # cơ quan ban hành
    symbol: str = "TTVHTT"  # chữ viết tắt of the issuing body in the ký hiệu
    place: str = "Gio Linh"  # địa danh
    authority: str = "KT. GIÁM ĐỐC"  # quyền hạn (TM., KT., TL., …), may be empty
    position: str = "PHÓ GIÁM ĐỐC"  # chức vụ
    signer: str = ""  # họ và tên
    recipients: tuple[str, ...] = field(default=(
        "UBND huyện (b/c)", "Phòng Nội vụ huyện", "Lưu: VT"))


def doc_file() -> Path | None:
    settings = current_settings()
    if settings is None:
        return None
    return settings.doc_file or settings.data_dir / "official.toml"


def load_issuers(path: Path | None) -> dict[str, Issuer]:
    """The default issuer and one per unit, from the TOML file (missing file: the defaults)."""
    base = Issuer()
    if path is None or not path.is_file():
        return {"default": base}
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise DomainError(_("Tệp thông tin cơ quan ban hành %(path)s không đọc được: %(err)s",
                            path=str(path), err=str(exc)), "doc_file") from exc
    names = {f.name for f in fields(Issuer)} - {"key"}

    def make(key: str, table: dict, over: Issuer) -> Issuer:
        values = {k: v for k, v in table.items() if k in names}
        if "recipients" in values:
            values["recipients"] = tuple(str(r) for r in values["recipients"])
        return Issuer(**{**over.__dict__, **values, "key": key})

    base = make("default", raw.get("default", {}), base)
    issuers = {"default": base}
    for key, table in (raw.get("units") or {}).items():
        issuers[key] = make(key, table, base)
    return issuers


def issuer_for(unit: str | None = None) -> Issuer:
    issuers = load_issuers(doc_file())
    return issuers.get(unit or "default", issuers["default"])


def date_in_words(place: str, day: date) -> str:
    """"Gio Linh, ngày 05 tháng 02 năm 2022": days below 10 and months 1–2 take a leading 0."""
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"{place}, ngày {day.day:02d} tháng {month} năm {day.year}"


@dataclass(frozen=True)
class Heading:
    """Everything the header and footer print."""

    issuer: Issuer
    kind: str  # loại văn bản abbreviation: BC (báo cáo)
    number: int | None  # None: left blank for the văn thư to fill in
    day: date

    @property
    def symbol(self) -> str:
        return f"{self.kind}-{self.issuer.symbol}"

    @property
    def reference(self) -> str:
        """"Số: 12/BC-TTVHTT", or "Số:     /BC-TTVHTT" before a number is given."""
        number = f"{self.number:02d}" if self.number is not None else "\u00a0" * 6
        return f"{number}/{self.symbol}"

    @property
    def date_line(self) -> str:
        return date_in_words(self.issuer.place, self.day)


def head_html(heading: Heading) -> Markup:
    return Markup(_env.get_template("official.html").module.head(heading))


def foot_html(heading: Heading) -> Markup:
    return Markup(_env.get_template("official.html").module.foot(heading))


def official_title() -> str:
    """The title a report is registered under."""
    return "Báo cáo kết quả tuyên truyền cải cách hành chính trên hệ thống truyền thanh"
