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


@dataclass(slots=True)
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
    # Work on (station, level) lanes of POSIX seconds: a year on 2,000 stations is ~10^6 slots.
    lanes: dict[tuple, list[tuple]] = {}
    for b in busy:
        if b.priority != "emergency":
            lanes.setdefault((b.station_id, b.priority), []).append(
                (b.starts_at.timestamp(), b.ends_at.timestamp(), b))
    for rows in lanes.values():
        rows.sort(key=lambda r: (r[0], r[1]))
    longest = {k: max(r[1] - r[0] for r in v) for k, v in lanes.items()}
    starts = {k: [r[0] for r in v] for k, v in lanes.items()}
    issues = []
    for slot in slots:
        if slot.priority == "emergency":
            continue
        key = (slot.station_id, slot.priority)
        rows = lanes.get(key)
        if not rows:
            continue
        a, b = slot.starts_at.timestamp(), slot.ends_at.timestamp()
        i = bisect_left(starts[key], a - longest[key])
        while i < len(rows) and rows[i][0] < b:
            if rows[i][1] > a:
                other = rows[i][2]
                issues.append(_overlap((other.starts_at, other.ends_at, other.title),
                                       stations[slot.station_id], tz))
                break
            i += 1
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
    if not slots:
        return []
    # Only stations closing, or opening after the first slot, can be closed on some day.
    first = min(_local(s.starts_at, tz).date() for s in slots)
    bounded = {sid for sid, s in stations.items() if s.valid_to is not None or
               s.valid_from > first}
    seen = set()
    for slot in slots:
        if slot.station_id not in bounded:
            continue
        station = stations[slot.station_id]
        day = _local(slot.starts_at, tz).date()
        if (slot.station_id, day) in seen:
            continue
        seen.add((slot.station_id, day))
        if not station.exists_on(day):
            issues.append(Issue(ERROR, "station_closed", _(
                "%(station)s không còn hoạt động vào ngày %(day)s.",
                station=station.name, day=day.strftime("%d/%m/%Y")), station.code))
    return issues


def window_issues(slots: list[Slot], stations: dict[int, Station], tz: ZoneInfo) -> list[Issue]:
    """Slots outside the station's broadcast windows (a warning the editor may confirm)."""
    from radio.stations import windows_text

    # Windows as (weekdays, start minute, end minute) per station; the answer is computed once
    # per distinct (windows, weekday, local start, local end): slots repeat the same question.
    spans: dict[int, tuple] = {}
    local: dict[tuple, tuple] = {}
    answers: dict[tuple, bool] = {}
    issues = []
    for slot in slots:
        if slot.priority == "emergency":
            continue
        station = stations[slot.station_id]
        span = spans.get(slot.station_id)
        if span is None:
            span = spans[slot.station_id] = tuple(
                (w.weekdays or "1234567", w.start_time.hour * 60 + w.start_time.minute,
                 w.start_time.hour * 60 + w.start_time.minute + w.duration_min)
                for w in station.windows)
        if not span:
            continue
        times = local.get((slot.starts_at, slot.ends_at))
        if times is None:
            start, end = _local(slot.starts_at, tz), _local(slot.ends_at, tz)
            a = start.hour * 60 + start.minute + start.second / 60
            times = local[(slot.starts_at, slot.ends_at)] = (
                start, end, str(start.isoweekday()), a, a + (end - start).total_seconds() / 60)
        start, end, day, a, b = times
        key = (span, day, a, b)
        inside = answers.get(key)
        if inside is None:
            inside = answers[key] = any(day in days and w_a <= a and b <= w_b
                                        for days, w_a, w_b in span)
        if not inside:
            issues.append(Issue(WARNING, "outside_window", _(
                "%(start)s–%(end)s nằm ngoài khung giờ phát của %(station)s (%(windows)s).",
                start=start.strftime("%d/%m/%Y %H:%M"), end=end.strftime("%H:%M"),
                station=station.name, windows=windows_text(station)), station.code))
    return issues


# "Now" in a form is a few seconds old by the time it is saved.
PAST_SLACK = timedelta(minutes=1)


def past_issue(starts_at: datetime, now: datetime, tz: ZoneInfo) -> Issue | None:
    """Scheduling in the past is refused (web form, CLI and services alike): a broadcast that
    already happened is recorded as a manual as-run, not scheduled."""
    if starts_at >= now - PAST_SLACK:
        return None
    return Issue(ERROR, "in_past", _(
        "Không thể lên lịch phát vào lúc đã qua (%(at)s). Buổi phát đã diễn ra thì ghi ở "
        "“Ghi nhật ký phát thủ công” của trạm.", at=_local(starts_at, tz).strftime("%d/%m/%Y %H:%M")))


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
