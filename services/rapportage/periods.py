"""Days, months, weeks, histogram bins and age buckets: the small arithmetic every report shares."""

import bisect
import datetime as dt
import math
from functools import lru_cache
from zoneinfo import ZoneInfo

from shared import utc
from shared.fields import add_duration


@lru_cache
def zone(name: str) -> ZoneInfo:
    return ZoneInfo(name)


def local_day(moment: dt.datetime, tz: str) -> dt.date:
    """The calendar day of a moment in the organisation's time zone (naive moments are UTC)."""
    return utc.aware(moment).astimezone(zone(tz)).date()


def month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def next_month(day: dt.date) -> dt.date:
    return (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)


def month_end(day: dt.date) -> dt.date:
    return next_month(day) - dt.timedelta(days=1)


def add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def week_start(day: dt.date) -> dt.date:
    """The Monday of the ISO week of `day`."""
    return day - dt.timedelta(days=day.weekday())


def iso_week(day: dt.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


@lru_cache(maxsize=65_536)
def deadline(start: dt.date | None, duration: str | None) -> dt.date | None:
    """startdatum + an ISO 8601 duration (calendar semantics), None when either is missing/invalid."""
    if start is None or not duration:
        return None
    try:
        return add_duration(start, duration)
    except ValueError:
        return None


@lru_cache(maxsize=4096)
def duration_days(duration: str | None) -> int | None:
    """The nominal length in days of an ISO 8601 duration (from 2001-01-01, a plain year)."""
    end = deadline(dt.date(2001, 1, 1), duration)
    return None if end is None else (end - dt.date(2001, 1, 1)).days


@lru_cache(maxsize=4096)
def duration_hours(duration: str | None) -> float | None:
    """A duration in hours, for a statustype doorlooptijd (`P2D` -> 48, `PT4H` -> 4)."""
    from shared.fields import _DURATION, _number  # the kernel's ISO 8601 grammar

    match = _DURATION.match(duration or "")
    if not match:
        return None
    years, months, weeks, days, _, hours, minutes, seconds = match.groups()
    total_days = float(_number(years)) * 365 + float(_number(months)) * 30 + float(_number(weeks)) * 7 + float(_number(days))
    return total_days * 24 + float(_number(hours)) + float(_number(minutes)) / 60 + float(_number(seconds)) / 3600


class Bins:
    """Histogram bins for durations: linear up to a point (`steps`: (up to, width) pairs, e.g.
    hours one by one up to 48, then by 12 up to 336), then growing by `growth` (5%: a quantile
    read from them is within 2.5% beyond the linear range). A bin is stored as its index; its
    value is its lower edge (linear bins: values are rounded down to the bin width) or its
    midpoint (growing bins)."""

    def __init__(self, steps: list[tuple[int, int]], maximum: int, growth: float = 1.05):
        edges = [0]
        for upto, width in steps:
            while edges[-1] + width <= upto:
                edges.append(edges[-1] + width)
        self.linear_end = edges[-1]
        while edges[-1] < maximum:
            edges.append(max(edges[-1] + 1, math.ceil(edges[-1] * growth)))
        self.edges = edges  # bin i holds [edges[i], edges[i+1])

    def index(self, value: float) -> int:
        return max(0, min(bisect.bisect_right(self.edges, max(0.0, value)) - 1, len(self.edges) - 1))

    def value(self, index: int) -> float:
        index = max(0, min(index, len(self.edges) - 1))
        if self.edges[index] < self.linear_end or index == len(self.edges) - 1:
            return float(self.edges[index])
        return (self.edges[index] + self.edges[index + 1] - 1) / 2


# doorlooptijd in days: to the day up to 100 days, then within 2.5%
DAY_BINS = Bins([(100, 1)], maximum=36_600)
# time in a status in hours: to the hour up to 2 days, to the half day up to 14 days, then within 2.5%
HOUR_BINS = Bins([(48, 1), (14 * 24, 12)], maximum=24 * 36_600)


def quantile(histogram: list[tuple[float, int]], p: float) -> float | None:
    """The p-quantile (0..1) of values given as (value, count), sorted or not, by linear
    interpolation between the closest ranks (as PostgreSQL percentile_cont)."""
    items = sorted((v, c) for v, c in histogram if c > 0)
    total = sum(c for _, c in items)
    if total == 0:
        return None
    position = p * (total - 1)
    lower_rank = math.floor(position)
    fraction = position - lower_rank

    def value_at(rank: int) -> float:
        seen = 0
        for value, count in items:
            seen += count
            if rank < seen:
                return value
        return items[-1][0]

    low = value_at(lower_rank)
    if fraction == 0:
        return low
    return low + (value_at(lower_rank + 1) - low) * fraction


def mean(histogram: list[tuple[float, int]]) -> float | None:
    total = sum(c for _, c in histogram)
    return None if total == 0 else sum(v * c for v, c in histogram) / total


# Werkvoorraad age buckets: [lower, upper) in days since startdatum; the last is open-ended.
AGE_BUCKETS: tuple[tuple[str, int, int | None], ...] = (
    ("0-7 dagen", 0, 8),
    ("8-30 dagen", 8, 31),
    ("31-90 dagen", 31, 91),
    ("91-365 dagen", 91, 366),
    ("meer dan 365 dagen", 366, None),
)
