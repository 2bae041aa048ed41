"""Station services: create, change, merge, rotate tokens; reads for lists and lookups."""

from __future__ import annotations

import re
from datetime import date, time, timedelta

from sqlalchemy import select

from radio import audit, clock, scopes
from radio.db import db
from radio.errors import Conflict, DomainError, NotFound
from radio.i18n import _
from radio.models import AdminUnit, BroadcastWindow, Station, StationKind, User
from radio.security import hash_token, new_token
from radio.units.station_units import attach_unit, unit_snapshot

CODE_RE = re.compile(r"^[a-z0-9][a-z0-9-]{1,62}$")
FIELDS = ["code", "name", "kind", "valid_from", "valid_to", "merged_into_id"]


def list_stations(*, on: date | None = None, visible_to: User | None = None) -> list[Station]:
    """Stations ordered district first, then by name; optionally those existing on a date, and
    those in a user's scope (radio/scopes.py)."""
    query = select(Station).order_by(Station.kind.desc(), Station.name)
    if visible_to is not None and (scope := scopes.station_filter(visible_to)) is not None:
        query = query.where(scope)
    rows = db.session.scalars(query).all()
    rows = sorted(rows, key=lambda s: (s.kind != StationKind.district, s.name))
    if on is not None:
        rows = [s for s in rows if s.exists_on(on)]
    return rows


def list_relay_sources(*, on: date | None = None, visible_to: User | None = None) -> list[Station]:
    """The stations a user may pick as a relay or live source: those of their scope and the
    stations of the units above (radio/scopes.py relay_source_ids), ordered as list_stations."""
    ids = scopes.relay_source_ids(visible_to) if visible_to is not None else None
    return [s for s in list_stations(on=on) if ids is None or s.id in ids]


def get_station(code: str) -> Station:
    station = db.session.scalar(select(Station).where(Station.code == code))
    if station is None:
        raise NotFound(_("Không có đài/trạm mã “%(code)s”.", code=code), "station_not_found")
    return station


def station_by_token(token: str) -> Station | None:
    if not token:
        return None
    return db.session.scalar(select(Station).where(Station.token_hash == hash_token(token)))


def parse_windows(text: str) -> list[tuple[time, int]]:
    """Parse "05:30+60, 17:00+45" (start and minutes) into window tuples."""
    out = []
    for part in filter(None, (p.strip() for p in (text or "").split(","))):
        m = re.fullmatch(r"(\d{1,2}):(\d{2})\s*\+\s*(\d{1,3})", part)
        if not m or int(m[1]) > 23 or int(m[2]) > 59 or not 1 <= int(m[3]) <= 1440:
            raise DomainError(
                _("Khung giờ “%(part)s” không đúng dạng HH:MM+phút, ví dụ 05:30+60.", part=part),
                "invalid_window", field="windows")
        out.append((time(int(m[1]), int(m[2])), int(m[3])))
    return out


def create_station(actor: User | None, *, code: str, name: str, kind: str,
                   valid_from: date | None = None, valid_to: date | None = None,
                   windows: list[tuple[time, int]] | None = None,
                   unit: AdminUnit | None = None) -> Station:
    """A new station; with `unit`, it serves that unit from `valid_from` (a StationUnit term)."""
    code = (code or "").strip()
    name = (name or "").strip()
    if not CODE_RE.match(code):
        raise DomainError(
            _("Mã đài “%(code)s” không hợp lệ: chỉ dùng chữ thường không dấu, số và dấu gạch ngang.",
              code=code), "invalid_code", field="code")
    if not name:
        raise DomainError(_("Tên đài không được để trống."), "invalid_name", field="name")
    try:
        kind_value = StationKind(kind)
    except ValueError:
        raise DomainError(_("Loại đài “%(kind)s” không hợp lệ (province, district hoặc commune).",
                            kind=kind),
                          "invalid_kind", field="kind") from None
    if db.session.scalar(select(Station.id).where(Station.code == code)):
        raise Conflict(_("Mã đài “%(code)s” đã tồn tại.", code=code), "duplicate_station", field="code")
    valid_from = valid_from or date(2020, 1, 1)
    if valid_to and valid_to < valid_from:
        raise DomainError(_("Ngày kết thúc phải sau ngày bắt đầu."), "invalid_dates", field="valid_to")
    station = Station(code=code, name=name, kind=kind_value, valid_from=valid_from,
                      valid_to=valid_to)
    for start, minutes in windows or []:
        station.windows.append(BroadcastWindow(start_time=start, duration_min=minutes,
                                               name=_window_name(start)))
    db.session.add(station)
    db.session.flush()
    if unit is not None:
        attach_unit(station, unit, valid_from)
    audit.record(actor, "station.create", "station", station.code,
                 after=audit.snapshot(station, FIELDS) | {"windows": windows_text(station)}
                 | unit_snapshot(station),
                 summary=station.name)
    return station


def update_station(actor: User | None, station: Station, *, name: str | None = None,
                   valid_to: date | None | type(...) = ..., windows: list | None = None,
                   kind: str | None = None, unit: AdminUnit | None = None,
                   unit_from: date | None = None) -> Station:
    """Change a station; with `unit`, it serves that unit from `unit_from` (default: the unit's
    own start or the station's, whichever is later) and the open term ends the day before."""
    before = audit.snapshot(station, FIELDS) | {"windows": windows_text(station)} \
        | unit_snapshot(station)
    if kind is not None:
        try:
            station.kind = StationKind(kind)
        except ValueError:
            raise DomainError(_("Loại đài “%(kind)s” không hợp lệ (province, district hoặc "
                                "commune).", kind=kind), "invalid_kind", field="kind") from None
    if unit is not None:
        attach_unit(station, unit, unit_from or max(unit.valid_from, station.valid_from))
    if name is not None:
        if not name.strip():
            raise DomainError(_("Tên đài không được để trống."), "invalid_name", field="name")
        station.name = name.strip()
    if valid_to is not ...:
        if valid_to and valid_to < station.valid_from:
            raise DomainError(_("Ngày kết thúc phải sau ngày bắt đầu."), "invalid_dates",
                              field="valid_to")
        station.valid_to = valid_to
    if windows is not None:
        station.windows.clear()
        db.session.flush()
        for start, minutes in windows:
            station.windows.append(BroadcastWindow(start_time=start, duration_min=minutes,
                                                   name=_window_name(start)))
    db.session.flush()
    after = audit.snapshot(station, FIELDS) | {"windows": windows_text(station)} \
        | unit_snapshot(station)
    if after != before:
        audit.record(actor, "station.update", "station", station.code, before=before, after=after,
                     summary=station.name)
    return station


def merge_station(actor: User | None, station: Station, into: Station, on: date) -> Station:
    """Close a unit after its last day `on` and point it at its successor; its history stays."""
    if station.id == into.id:
        raise DomainError(_("Không thể sáp nhập một đài vào chính nó."), "invalid_merge",
                          field="into")
    if station.merged_into_id is not None:
        raise Conflict(_("%(name)s đã được sáp nhập trước đó.", name=station.name),
                       "already_merged", field="into")
    if on < station.valid_from:
        raise DomainError(_("Ngày cuối cùng hoạt động phải sau ngày bắt đầu."), "invalid_dates",
                          field="on")
    if into.merged_into_id is not None or not into.exists_on(on + timedelta(days=1)):
        raise DomainError(
            _("%(name)s không hoạt động vào ngày %(d)s nên không thể nhận sáp nhập.",
              name=into.name, d=f"{on + timedelta(days=1):%d/%m/%Y}"), "invalid_merge",
            field="into")
    before = audit.snapshot(station, FIELDS)
    station.valid_to = on
    station.merged_into_id = into.id
    station.token_hash = None
    db.session.flush()
    audit.record(actor, "station.merge", "station", station.code, before=before,
                 after=audit.snapshot(station, FIELDS) | {"merged_into": into.code},
                 summary=f"{station.name} → {into.name}")
    return station


def rotate_token(actor: User | None, station: Station) -> str:
    """Issue a new station token, revoking the old one. Returns the token once."""
    token = new_token()
    station.token_hash = hash_token(token)
    station.token_created_at = clock.now()
    db.session.flush()
    audit.record(actor, "station.token", "station", station.code,
                 summary=_("Cấp mã truy cập mới cho %(name)s", name=station.name))
    return token


def windows_text(station: Station) -> str:
    return ", ".join(f"{w.start_time:%H:%M}+{w.duration_min}" for w in station.windows)


def _window_name(start: time) -> str:
    return "Buổi sáng" if start.hour < 12 else "Buổi chiều"
