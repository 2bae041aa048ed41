"""Reporting periods: calendar months/quarters/halves/years and the CCHC reporting windows.

The CCHC windows of plan 23/KH-UBND close on the 14th so the report can be written before the
year ends: year Y runs 15/12/(Y-1) to 14/12/Y, its first half 15/12–14/6, Q1 15/12–14/3, Q3
15/6–14/9. Every period is a pair of local dates (inclusive); `bounds()` turns them into aware
UTC instants for a zone, end exclusive, for queries.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from radio.clock import zone
from radio.errors import DomainError
from radio.i18n import _

WINDOWS = ("cchc", "calendar")
CCHC_DAY = 15  # a CCHC window starts on the 15th and ends on the 14th
ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}

_KEY_RE = re.compile(
    r"^(?P<year>\d{4})(?:-(?:(?P<h>[Hh]|[Ss])(?P<half>[12])|[Qq](?P<quarter>[1-4])|(?P<month>\d{1,2})))?$"
)
_RANGE_RE = re.compile(r"^(\d{4}-\d{2}-\d{2})\s*(?:\.\.|/|–|—)\s*(\d{4}-\d{2}-\d{2})$")


def _month_start(year: int, month: int, window: str) -> date:
    """First local day of month `month` of `year`; a CCHC month starts on the 15th before."""
    if window == "calendar":
        return date(year, month, 1)
    if month == 1:
        return date(year - 1, 12, CCHC_DAY)
    return date(year, month - 1, CCHC_DAY)


def _span(year: int, first_month: int, n_months: int, window: str) -> tuple[date, date]:
    start = _month_start(year, first_month, window)
    last = first_month + n_months  # the month after the span
    end_year, end_month = (year + 1, 1) if last == 13 else (year, last)
    return start, _month_start(end_year, end_month, window) - timedelta(days=1)


@dataclass(frozen=True)
class Period:
    kind: str  # year | half | quarter | month | range
    year: int
    index: int  # half 1–2, quarter 1–4, month 1–12; 0 for a year or range
    window: str  # cchc | calendar
    start: date  # first local day, inclusive
    end: date  # last local day, inclusive

    # --- construction -------------------------------------------------------------------
    @classmethod
    def year_of(cls, year: int, window: str = "cchc") -> Period:
        return cls("year", year, 0, window, *_span(year, 1, 12, window))

    @classmethod
    def half_of(cls, year: int, half: int, window: str = "cchc") -> Period:
        return cls("half", year, half, window, *_span(year, 1 + 6 * (half - 1), 6, window))

    @classmethod
    def quarter_of(cls, year: int, quarter: int, window: str = "cchc") -> Period:
        return cls("quarter", year, quarter, window, *_span(year, 1 + 3 * (quarter - 1), 3, window))

    @classmethod
    def month_of(cls, year: int, month: int, window: str = "cchc") -> Period:
        return cls("month", year, month, window, *_span(year, month, 1, window))

    @classmethod
    def between(cls, start: date, end: date) -> Period:
        if end < start:
            raise DomainError(_("Ngày kết thúc phải sau ngày bắt đầu."), "invalid_period",
                              field="period")
        return cls("range", start.year, 0, "calendar", start, end)

    # --- reading ------------------------------------------------------------------------
    @property
    def key(self) -> str:
        """The text `parse_period` reads back: 2022, 2022-H1, 2022-Q3, 2022-05 or a range."""
        if self.kind == "year":
            return str(self.year)
        if self.kind == "half":
            return f"{self.year}-H{self.index}"
        if self.kind == "quarter":
            return f"{self.year}-Q{self.index}"
        if self.kind == "month":
            return f"{self.year}-{self.index:02d}"
        return f"{self.start.isoformat()}..{self.end.isoformat()}"

    @property
    def slug(self) -> str:
        """A file-name-safe key including the window, e.g. 2022-H1-cchc."""
        if self.kind == "range":
            return self.key.replace("..", "_")
        return f"{self.key}-{self.window}"

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def dates(self):
        day = self.start
        while day <= self.end:
            yield day
            day += timedelta(days=1)

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end

    def bounds(self, tz: str | ZoneInfo | None = None) -> tuple[datetime, datetime]:
        """Aware UTC [start, end) for the local days of the period in zone `tz`."""
        tzinfo = zone(tz)
        start = datetime.combine(self.start, time(0), tzinfo).astimezone(UTC)
        end = datetime.combine(self.end + timedelta(days=1), time(0), tzinfo).astimezone(UTC)
        return start, end

    def months(self) -> list[Period]:
        """The months of the period in its own window (for per-month charts and tables)."""
        if self.kind == "range":
            out, y, m = [], self.start.year, self.start.month
            while date(y, m, 1) <= self.end:
                first = max(date(y, m, 1), self.start)
                nxt = date(y + (m == 12), m % 12 + 1, 1)
                out.append(Period("month", y, m, "calendar", first,
                                  min(nxt - timedelta(days=1), self.end)))
                y, m = nxt.year, nxt.month
            return out
        out = []
        for year in (self.year - 1, self.year, self.year + 1):
            for month in range(1, 13):
                p = Period.month_of(year, month, self.window)
                if self.start <= p.start and p.end <= self.end:
                    out.append(p)
        return out

    @property
    def range_text(self) -> str:
        return f"{self.start:%d/%m/%Y} – {self.end:%d/%m/%Y}"

    @property
    def name(self) -> str:
        """Short Vietnamese name: Năm 2022, 6 tháng đầu năm 2022, Quý III/2022, Tháng 5/2022."""
        if self.kind == "year":
            return _("Năm %(year)s", year=self.year)
        if self.kind == "half":
            return (_("6 tháng đầu năm %(year)s", year=self.year) if self.index == 1
                    else _("6 tháng cuối năm %(year)s", year=self.year))
        if self.kind == "quarter":
            return _("Quý %(q)s/%(year)s", q=ROMAN[self.index], year=self.year)
        if self.kind == "month":
            return _("Tháng %(m)s/%(year)s", m=self.index, year=self.year)
        return _("Từ %(a)s đến %(b)s", a=f"{self.start:%d/%m/%Y}", b=f"{self.end:%d/%m/%Y}")

    @property
    def window_name(self) -> str:
        return _("kỳ báo cáo CCHC") if self.window == "cchc" else _("lịch dương")

    @property
    def label(self) -> str:
        """Full Vietnamese label, e.g. “Năm 2022 (kỳ báo cáo CCHC, 15/12/2021 – 14/12/2022)”."""
        if self.kind == "range":
            return self.name
        return f"{self.name} ({self.window_name}, {self.range_text})"

    def __str__(self) -> str:
        return self.label


def parse_period(text: str | None, window: str | None = "cchc", *, half: int | None = None,
                 quarter: int | None = None) -> Period:
    """Read `2022`, `2022-H1`, `2022-Q3`, `2022-05` or `2022-01-01..2022-03-31`.

    `window` is "cchc" (default) or "calendar"; `half`/`quarter` narrow a bare year, as the CLI's
    `--half 1` does.
    """
    window = (window or "cchc").strip().lower()
    if window not in WINDOWS:
        raise DomainError(_("Kỳ “%(w)s” không hợp lệ: dùng cchc hoặc calendar.", w=window),
                          "invalid_window", field="window")
    raw = (text or "").strip()
    m = _RANGE_RE.match(raw)
    if m:
        try:
            return Period.between(date.fromisoformat(m[1]), date.fromisoformat(m[2]))
        except ValueError:
            pass
    m = _KEY_RE.match(raw)
    if not m:
        raise DomainError(
            _("Kỳ báo cáo “%(p)s” không hợp lệ: dùng dạng 2022, 2022-H1, 2022-Q3 hoặc 2022-05.",
              p=raw), "invalid_period", field="period")
    year = int(m["year"])
    if not 1990 <= year <= 2200:
        raise DomainError(_("Năm %(year)s nằm ngoài phạm vi.", year=year), "invalid_period",
                          field="period")
    if m["half"]:
        return Period.half_of(year, int(m["half"]), window)
    if m["quarter"]:
        return Period.quarter_of(year, int(m["quarter"]), window)
    if m["month"]:
        month = int(m["month"])
        if not 1 <= month <= 12:
            raise DomainError(_("Tháng %(m)s không hợp lệ.", m=month), "invalid_period",
                              field="period")
        return Period.month_of(year, month, window)
    if half:
        if half not in (1, 2):
            raise DomainError(_("Nửa năm phải là 1 hoặc 2."), "invalid_period", field="half")
        return Period.half_of(year, half, window)
    if quarter:
        if quarter not in (1, 2, 3, 4):
            raise DomainError(_("Quý phải từ 1 đến 4."), "invalid_period", field="quarter")
        return Period.quarter_of(year, quarter, window)
    return Period.year_of(year, window)


def period_containing(day: date, kind: str = "year", window: str = "cchc") -> Period:
    """The period of `kind` in `window` that contains local date `day`."""
    for year in (day.year, day.year + 1):
        candidates = {
            "year": [Period.year_of(year, window)],
            "half": [Period.half_of(year, h, window) for h in (1, 2)],
            "quarter": [Period.quarter_of(year, q, window) for q in (1, 2, 3, 4)],
            "month": [Period.month_of(year, m, window) for m in range(1, 13)],
        }[kind]
        for p in candidates:
            if p.contains(day):
                return p
    raise AssertionError("unreachable: every day is in some period")


def period_choices(year: int, window: str = "cchc") -> list[Period]:
    """The periods offered in a select box for one year: year, halves, quarters, months."""
    return ([Period.year_of(year, window)]
            + [Period.half_of(year, h, window) for h in (1, 2)]
            + [Period.quarter_of(year, q, window) for q in (1, 2, 3, 4)]
            + [Period.month_of(year, m, window) for m in range(1, 13)])
