"""Recurrence rules (RFC 5545 RRULE through python-dateutil): presets, parsing, expansion."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from dateutil.rrule import rrulestr

from radio.errors import DomainError
from radio.i18n import _, _l

WEEKDAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
WEEKDAY_NAMES = [_l("Thứ Hai"), _l("Thứ Ba"), _l("Thứ Tư"), _l("Thứ Năm"), _l("Thứ Sáu"),
                 _l("Thứ Bảy"), _l("Chủ nhật")]
PRESETS = ("daily", "weekly", "monthly", "custom")


def preset_rrule(preset: str, *, weekdays: list[str] | None = None,
                 monthday: int | None = None, custom: str = "") -> str:
    """An RRULE from the UI presets: daily, weekly on chosen days, monthly on a day, custom."""
    if preset == "daily":
        return "FREQ=DAILY"
    if preset == "weekly":
        days = [d for d in WEEKDAYS if d in {w.upper() for w in (weekdays or [])}]
        if not days:
            raise DomainError(_("Hãy chọn ít nhất một ngày trong tuần."), "invalid_rrule",
                              field="weekdays")
        return "FREQ=WEEKLY;BYDAY=" + ",".join(days)
    if preset == "monthly":
        if not monthday or not 1 <= int(monthday) <= 31:
            raise DomainError(_("Ngày trong tháng phải từ 1 đến 31."), "invalid_rrule",
                              field="monthday")
        return f"FREQ=MONTHLY;BYMONTHDAY={int(monthday)}"
    return parse_rrule(custom)


def parse_rrule(text: str) -> str:
    """Validate and normalise an RRULE (without DTSTART, which comes from the validity dates)."""
    rule = (text or "").strip()
    if rule.upper().startswith("RRULE:"):
        rule = rule[6:]
    rule = rule.upper().replace(" ", "")
    if not rule or "DTSTART" in rule or "\n" in rule:
        raise DomainError(_("Quy tắc lặp (RRULE) không hợp lệ: “%(rule)s”.", rule=text),
                          "invalid_rrule", field="rrule")
    try:
        rrulestr(rule, dtstart=datetime(2020, 1, 1))
    except (ValueError, TypeError):
        raise DomainError(_("Quy tắc lặp (RRULE) không hợp lệ: “%(rule)s”.", rule=text),
                          "invalid_rrule", field="rrule") from None
    return rule


def rule_dates(rule: str, valid_from: date, start: date, end: date) -> list[date]:
    """Dates the rule produces in [start, end] (inclusive), counting from valid_from."""
    if end < start:
        return []
    series = rrulestr(rule, dtstart=datetime.combine(valid_from, time(0)))
    found = series.between(datetime.combine(start, time(0)), datetime.combine(end, time(0)),
                           inc=True)
    return [d.date() for d in found]


def local_slot(day: date, start: time, duration_s: int, tz: ZoneInfo) -> tuple[datetime, datetime]:
    """The aware (local) start and end of a slot on a day."""
    begin = datetime.combine(day, start, tzinfo=tz)
    return begin, begin + timedelta(seconds=duration_s)


def preset_of(rule: str) -> dict:
    """The UI preset that produces a rule, for filling the edit form."""
    parts = dict(p.split("=", 1) for p in rule.split(";") if "=" in p)
    keys = set(parts)
    if parts.get("FREQ") == "DAILY" and keys == {"FREQ"}:
        return {"preset": "daily"}
    if parts.get("FREQ") == "WEEKLY" and keys == {"FREQ", "BYDAY"}:
        days = parts["BYDAY"].split(",")
        if all(d in WEEKDAYS for d in days):
            return {"preset": "weekly", "weekdays": days}
    if parts.get("FREQ") == "MONTHLY" and keys == {"FREQ", "BYMONTHDAY"} and \
            parts["BYMONTHDAY"].isdigit():
        return {"preset": "monthly", "monthday": int(parts["BYMONTHDAY"])}
    return {"preset": "custom"}


def describe(rule: str) -> str:
    """A short Vietnamese description of a rule, for lists."""
    p = preset_of(rule)
    if p["preset"] == "daily":
        return _("Hằng ngày")
    if p["preset"] == "weekly":
        names = ", ".join(str(WEEKDAY_NAMES[WEEKDAYS.index(d)]) for d in p["weekdays"])
        return _("Hằng tuần: %(days)s", days=names)
    if p["preset"] == "monthly":
        return _("Hằng tháng, ngày %(day)s", day=p["monthday"])
    return rule
