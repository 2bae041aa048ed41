"""Checks run before anything is saved: overlaps, overruns, item readiness, windows, stations.

The checks are pure functions over proposed slots and the existing entries, so web forms, the
CLI and services all report the same messages. Errors stop the save; warnings (outside the
broadcast windows) stop it too unless the editor confirms.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from radio.errors import DomainError
from radio.i18n import _
from radio.models import MediaItem, MediaStatus, Station

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Issue:
    level: str
    code: str
    message: str
    station: str | None = None

    def as_dict(self) -> dict:
        return {"level": self.level, "code": self.code, "message": self.message,
                "station": self.station}


@dataclass(frozen=True)
class Slot:
    """Something proposed to air on a station (plain data)."""

    station_id: int
    starts_at: datetime
    ends_at: datetime
    priority: str = "normal"
    title: str = ""


@dataclass(frozen=True)
class Busy:
    """An existing entry occupying a station."""

    entry_id: int
    station_id: int
    starts_at: datetime
    ends_at: datetime
    priority: str
    title: str


class ValidationFailed(DomainError):
    """One or more issues; `issues` lists them all, the message is the first one's."""

    status = 409

    def __init__(self, issues: list[Issue]) -> None:
        errors = [i for i in issues if i.level == ERROR]
        first = (errors or issues)[0]
        code = first.code if errors else "needs_confirmation"
        message = first.message
        if len(issues) > 1:
            message += " " + _("(và %(n)s vấn đề khác)", n=len(issues) - 1)
        super().__init__(message, code, details={"issues": [i.as_dict() for i in issues]})
        self.issues = issues
        self.needs_confirmation = not errors


def raise_if_blocking(issues: Iterable[Issue], confirm: bool = False) -> list[Issue]:
    """Raise on errors, or on warnings the editor has not confirmed; return the warnings."""
    issues = _dedupe(issues)
    if any(i.level == ERROR for i in issues) or (issues and not confirm):
        raise ValidationFailed(issues)
    return issues


def _dedupe(issues: Iterable[Issue]) -> list[Issue]:
    seen, out = set(), []
    for i in issues:
        if (i.code, i.message) not in seen:
            seen.add((i.code, i.message))
            out.append(i)
    return out


def _local(dt: datetime, tz: ZoneInfo) -> datetime:
    return dt.astimezone(tz)


def overlap_issues(slots: list[Slot], busy: Iterable[Busy], stations: dict[int, Station],
                   tz: ZoneInfo) -> list[Issue]:
    """Two things of the same level on one station at once. Emergencies never conflict:
    they preempt. Priority entries may cover normal ones (they go ahead of them)."""
    by_station: dict[int, list[tuple]] = {}
    for b in busy:
        if b.priority == "emergency":
            continue
        by_station.setdefault(b.station_id, []).append(
            (b.starts_at, b.ends_at, b.priority, b.title, b.entry_id))
    for rows in by_station.values():
        rows.sort()
    # Long entries make a start-sorted search miss overlaps; look back by the longest length.
    longest = {k: max((r[1] - r[0] for r in v), default=timedelta(0)) for k, v in by_station.items()}
    issues = []
    for slot in slots:
        if slot.priority == "emergency":
            continue
        station = stations[slot.station_id]
        rows = by_station.get(slot.station_id, [])
        i = bisect_left(rows, (slot.starts_at - longest.get(slot.station_id, timedelta(0)),))
        clash = None
        while i < len(rows) and rows[i][0] < slot.ends_at:
            s, e, prio, title, _id = rows[i]
            if e > slot.starts_at and prio == slot.priority:
                clash = (s, e, title)
                break
            i += 1
        if clash is not None:
            issues.append(_overlap(clash, station, tz))
    # Proposed slots against each other: sorted per station and level, a slot clashes with the
    # one before it when it starts before the latest end so far.
    groups: dict[tuple, list[Slot]] = {}
    for slot in slots:
        if slot.priority != "emergency":
            groups.setdefault((slot.station_id, slot.priority), []).append(slot)
    for (station_id, _prio), group in groups.items():
        group.sort(key=lambda s: (s.starts_at, s.ends_at))
        latest = None
        for slot in group:
            if latest is not None and slot.starts_at < latest.ends_at:
                issues.append(_overlap((latest.starts_at, latest.ends_at, latest.title),
                                       stations[station_id], tz))
            if latest is None or slot.ends_at > latest.ends_at:
                latest = slot
    return issues


def _overlap(clash: tuple, station: Station, tz: ZoneInfo) -> Issue:
    s, e, title = clash
    return Issue(ERROR, "overlap", _(
        "Trùng giờ với “%(other)s” (%(start)s–%(end)s) trên %(station)s.",
        other=title, start=_local(s, tz).strftime("%d/%m/%Y %H:%M"),
        end=_local(e, tz).strftime("%H:%M"), station=station.name), station.code)


def station_issues(slots: list[Slot], stations: dict[int, Station], tz: ZoneInfo) -> list[Issue]:
    """Stations that do not exist on the slot's date."""
    issues = []
    for slot in slots:
        station = stations[slot.station_id]
        day = _local(slot.starts_at, tz).date()
        if not station.exists_on(day):
            issues.append(Issue(ERROR, "station_closed", _(
                "%(station)s không còn hoạt động vào ngày %(day)s.",
                station=station.name, day=day.strftime("%d/%m/%Y")), station.code))
    return issues


def window_issues(slots: list[Slot], stations: dict[int, Station], tz: ZoneInfo) -> list[Issue]:
    """Slots outside the station's broadcast windows (a warning the editor may confirm)."""
    issues = []
    for slot in slots:
        if slot.priority == "emergency":
            continue
        station = stations[slot.station_id]
        start, end = _local(slot.starts_at, tz), _local(slot.ends_at, tz)
        inside = False
        for w in station.windows:
            if str(start.isoweekday()) not in (w.weekdays or "1234567"):
                continue
            w_start = start.replace(hour=w.start_time.hour, minute=w.start_time.minute, second=0,
                                    microsecond=0)
            w_end = w_start + timedelta(minutes=w.duration_min)
            if w_start <= start and end <= w_end:
                inside = True
                break
        if not inside and station.windows:
            from radio.stations import windows_text

            issues.append(Issue(WARNING, "outside_window", _(
                "%(start)s–%(end)s nằm ngoài khung giờ phát của %(station)s (%(windows)s).",
                start=start.strftime("%d/%m/%Y %H:%M"), end=end.strftime("%H:%M"),
                station=station.name, windows=windows_text(station)), station.code))
    return issues


def media_issues(items: Iterable[MediaItem], day: date) -> list[Issue]:
    """Items not ready to air, or outside their validity dates on `day`."""
    issues = []
    for item in items:
        if item.status != MediaStatus.ready or not item.rendition_sha256:
            issues.append(Issue(ERROR, "item_not_ready", _(
                "“%(title)s” chưa sẵn sàng để phát (chưa có bản phát sóng hoặc đã ngừng dùng).",
                title=item.title)))
        elif not item.is_valid_on(day):
            start = item.valid_from.strftime("%d/%m/%Y") if item.valid_from else "…"
            end = item.valid_until.strftime("%d/%m/%Y") if item.valid_until else "…"
            issues.append(Issue(ERROR, "item_not_valid", _(
                "“%(title)s” chỉ được phát từ %(start)s đến %(end)s, không phát được ngày %(day)s.",
                title=item.title, start=start, end=end, day=day.strftime("%d/%m/%Y"))))
    return issues


def overrun_issue(total_s: float, slot_s: int) -> Issue | None:
    """A rundown longer than its slot, with the overrun in seconds."""
    over = total_s - slot_s
    if over <= 0.5:
        return None
    return Issue(ERROR, "rundown_overrun", _(
        "Nội dung dài %(total)s giây, vượt quá khung %(slot)s giây %(over)s giây.",
        total=round(total_s), slot=slot_s, over=round(over)))


@dataclass
class Report:
    """Collects issues from several checks."""

    issues: list[Issue] = field(default_factory=list)

    def extend(self, more: Iterable[Issue | None]) -> None:
        self.issues.extend(i for i in more if i is not None)
