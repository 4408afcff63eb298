"""Calendar points and TIMEX3 values: parse, shift, coarsen, format, interval.

A :class:`Point` is a calendar period named by its granularity and its first day
(``Point("quarter", date(2023, 10, 1))`` is ``2023-Q4``). Every resolver works on
points; only :func:`value_of` turns them into TimeML strings, and only
:func:`interval_of` turns them into ``(earliest, latest)`` dates.
"""

from __future__ import annotations

import calendar as _cal
from dataclasses import dataclass, replace
from datetime import date, timedelta

# Granularities from finest to coarsest. "weekend" and "season" sit beside week and quarter.
GRANS = ("day", "week", "weekend", "month", "season", "quarter", "half", "year", "decade", "century")
_RANK = {g: i for i, g in enumerate(GRANS)}
_RANK["weekend"] = _RANK["week"]
_RANK["season"] = _RANK["quarter"]

SEASONS = ("SP", "SU", "FA", "WI")  # spring starts in March, winter in December
_SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}


@dataclass(frozen=True, slots=True)
class Point:
    """A calendar period: granularity, first day, optional time of day (``MO``, ``10:00``)."""

    gran: str
    start: date
    time: str | None = None


def rank(gran: str) -> int:
    """Coarseness of a granularity: day 0 ... century 9."""
    return _RANK[gran]


def add_months(d: date, months: int) -> date:
    """``d`` moved by whole months, the day clipped to the target month's length."""
    m = d.month - 1 + months
    y = d.year + m // 12
    m = m % 12 + 1
    if not 1 <= y <= 9999:
        raise OverflowError(y)
    return date(y, m, min(d.day, _cal.monthrange(y, m)[1]))


def season_of(d: date) -> tuple[int, str]:
    """The (year, season) a day falls in; December to February is winter of the December's year."""
    m = d.month
    if m == 12:
        return d.year, "WI"
    if m <= 2:
        return d.year - 1, "WI"
    return d.year, SEASONS[(m - 3) // 3]


def season_point(year: int, season: str) -> Point:
    return Point("season", date(year, _SEASON_START[season], 1))


def coarsen(d: date, gran: str) -> Point:
    """The period of granularity ``gran`` that contains day ``d``."""
    if gran == "day":
        return Point("day", d)
    if gran == "week":
        return Point("week", d - timedelta(days=d.weekday()))
    if gran == "weekend":
        return Point("weekend", d - timedelta(days=d.weekday()) + timedelta(days=5))
    if gran == "month":
        return Point("month", d.replace(day=1))
    if gran == "quarter":
        return Point("quarter", date(d.year, (d.month - 1) // 3 * 3 + 1, 1))
    if gran == "half":
        return Point("half", date(d.year, 1 if d.month <= 6 else 7, 1))
    if gran == "season":
        y, s = season_of(d)
        return season_point(y, s)
    if gran == "year":
        return Point("year", date(d.year, 1, 1))
    if gran == "decade":
        return Point("decade", date(max(1, d.year // 10 * 10), 1, 1))
    if gran == "century":
        return Point("century", date(max(1, d.year // 100 * 100), 1, 1))
    raise ValueError(f"unknown granularity {gran!r}")


_UNIT_MONTHS = {"month": 1, "quarter": 3, "season": 3, "half": 6, "year": 12, "decade": 120, "century": 1200}


def shift(p: Point, n: int, unit: str) -> Point:
    """``p`` moved by ``n`` units (day, week, month, quarter, half, year, decade, century), same granularity."""
    if unit == "day":
        start = p.start + timedelta(days=n)
    elif unit in ("week", "weekend"):
        start = p.start + timedelta(weeks=n)
    else:
        start = add_months(p.start, n * _UNIT_MONTHS[unit])
    if p.gran == "day":
        return replace(p, start=start)
    return replace(coarsen(start, p.gran), time=p.time)


def value_of(p: Point) -> str:
    """The TIMEX3 value of a point: ``2023-11-06``, ``2023-W45``, ``2023-W44-WE``, ``2023-Q4``, ``199`` (the 1990s), ``19`` (the 1900s) ..."""
    d = p.start
    if p.gran == "day":
        v = d.isoformat()
        return f"{v}T{p.time}" if p.time else v
    if p.gran in ("week", "weekend"):
        y, w, _ = d.isocalendar()
        return f"{y:04d}-W{w:02d}" + ("-WE" if p.gran == "weekend" else "")
    if p.gran == "month":
        return f"{d.year:04d}-{d.month:02d}"
    if p.gran == "quarter":
        return f"{d.year:04d}-Q{(d.month - 1) // 3 + 1}"
    if p.gran == "half":
        return f"{d.year:04d}-H{1 if d.month <= 6 else 2}"
    if p.gran == "season":
        y, s = season_of(d)
        return f"{y:04d}-{s}"
    if p.gran == "year":
        return f"{d.year:04d}"
    if p.gran == "decade":
        return f"{d.year // 10:03d}"
    if p.gran == "century":
        return f"{d.year // 100:02d}"
    raise ValueError(p.gran)


def interval_of(p: Point) -> tuple[date, date]:
    """First and last day of the period ``p``."""
    d = p.start
    g = p.gran
    if g == "day":
        return d, d
    if g == "week":
        return d, d + timedelta(days=6)
    if g == "weekend":
        return d, d + timedelta(days=1)
    months = {"month": 1, "quarter": 3, "season": 3, "half": 6, "year": 12, "decade": 120, "century": 1200}[g]
    try:
        end = add_months(d, months) - timedelta(days=1)
    except OverflowError:
        end = date(9999, 12, 31)
    return d, end
