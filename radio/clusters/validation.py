"""Checks on a cluster's fields, with the Vietnamese messages the forms and the CLI show."""

from __future__ import annotations

import math
from datetime import date

from radio.errors import DomainError
from radio.i18n import _
from radio.models import Station, Technology
from radio.stations import CODE_RE

TECHNOLOGIES = tuple(t.value for t in Technology)


def check_code(code: str) -> str:
    code = (code or "").strip()
    if not CODE_RE.match(code):
        raise DomainError(
            _("Mã cụm loa “%(code)s” không hợp lệ: chỉ dùng chữ thường không dấu, số và dấu "
              "gạch ngang (ví dụ gio-an-thon-1).", code=code), "invalid_code", field="code")
    return code


def check_name(name: str) -> str:
    name = (name or "").strip()
    if not name:
        raise DomainError(_("Tên cụm loa không được để trống."), "invalid_name", field="name")
    if len(name) > 200:
        raise DomainError(_("Tên cụm loa dài quá 200 ký tự."), "invalid_name", field="name")
    return name


def check_covers(covers: str | None) -> str:
    covers = (covers or "").strip()
    if len(covers) > 200:
        raise DomainError(_("Phần “phủ sóng” dài quá 200 ký tự."), "invalid_covers",
                          field="covers")
    return covers


def check_technology(value: str | None) -> str:
    value = (value or Technology.wired.value).strip().lower()
    if value not in TECHNOLOGIES:
        raise DomainError(
            _("Công nghệ “%(t)s” không hợp lệ: chọn ip (loa thông minh), fm (không dây FM) "
              "hoặc wired (hữu tuyến).", t=value), "invalid_technology", field="technology")
    return value


def _number(value, field: str, label: str) -> float | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        number = float(str(value).strip().replace(",", "."))
    except ValueError:
        raise DomainError(_("%(label)s “%(v)s” không phải là số.", label=label, v=value),
                          f"invalid_{field}", field=field) from None
    if not math.isfinite(number):
        raise DomainError(_("%(label)s “%(v)s” không phải là số.", label=label, v=value),
                          f"invalid_{field}", field=field)
    return number


def check_location(latitude, longitude) -> tuple[float | None, float | None]:
    """Both or neither; latitude in −90..90, longitude in −180..180 (decimal degrees)."""
    lat = _number(latitude, "latitude", _("Vĩ độ"))
    lon = _number(longitude, "longitude", _("Kinh độ"))
    if (lat is None) != (lon is None):
        raise DomainError(_("Hãy nhập cả vĩ độ và kinh độ, hoặc bỏ trống cả hai."),
                          "invalid_location", field="latitude" if lat is None else "longitude")
    if lat is not None and not -90 <= lat <= 90:
        raise DomainError(_("Vĩ độ %(v)s nằm ngoài khoảng −90 đến 90.", v=f"{lat:g}"),
                          "invalid_latitude", field="latitude")
    if lon is not None and not -180 <= lon <= 180:
        raise DomainError(_("Kinh độ %(v)s nằm ngoài khoảng −180 đến 180.", v=f"{lon:g}"),
                          "invalid_longitude", field="longitude")
    return lat, lon


def check_speakers(value) -> int:
    if value is None or (isinstance(value, str) and not value.strip()):
        return 0
    try:
        if isinstance(value, float) and not value.is_integer():
            raise ValueError
        number = int(str(value).strip()) if not isinstance(value, int | float) else int(value)
    except ValueError:
        raise DomainError(_("Số loa “%(v)s” phải là số nguyên.", v=value), "invalid_speakers",
                          field="speakers") from None
    if isinstance(value, bool) or number < 0:
        raise DomainError(_("Số loa không được âm."), "invalid_speakers", field="speakers")
    return number


def check_dates(station: Station, valid_from: date, valid_to: date | None = None) -> None:
    """A cluster lives inside its station's life."""
    if not station.exists_on(valid_from):
        raise DomainError(
            _("%(station)s không hoạt động vào ngày %(d)s nên không thể có cụm loa từ ngày đó.",
              station=station.name, d=f"{valid_from:%d/%m/%Y}"), "station_closed",
            field="valid_from")
    if valid_to is not None and valid_to < valid_from:
        raise DomainError(_("Ngày kết thúc phải sau ngày bắt đầu."), "invalid_dates",
                          field="valid_to")
