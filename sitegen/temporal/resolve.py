"""Resolution: turn an underspecified mention into a TIMEX3 value, one small function per case.

Every resolver receives the mention's normalised groups (vocabulary keys, numbers), a
:class:`Context` (publication date, the last date the text mentioned, the local tense) and
the rule's fixed ``args``; it returns a :class:`Resolved` or ``None`` (drop the mention).
The policies are stated in each docstring and in ``docs/dates.md``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from types import MappingProxyType
from typing import Any

from .calendar import GRANS, Point, add_months, coarsen, rank, season_of, season_point, shift, value_of

Groups = Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class Context:
    """What a resolver may look at besides the mention itself."""

    dct: date | None  # publication date
    dct_pod: str | None  # part of day of the publication time, if known ("MO", ...)
    ref: Point | None  # the last calendar date the text mentioned (reference time)
    tense: str  # "future", "past" or "none" (see tense.py; "past" also for "this weekend" in a past clause, tense.past_clause)
    span: str | None = None  # a reporting span under discussion ("the nine months": P9M), see report_span
    apposed: Point | None = None  # the year-ago period this mention is in apposition to ("the year-ago quarter, the second quarter")
    period: Point | None = None  # the half or year named in this or the last sentence, if no quarter or month came after it (see r_half)
    until: date | None = None  # the end of the range a bare weekday opens ("from Monday to Friday"): the weekday is not after it
    events: Mapping[str, Point | None] | None = None  # the events the text has dated so far ("the Oct. 23 slaying"; anchors.py)
    quarter: Point | None = None  # the last quarter that became the reference time, kept across the months and days named after it


@dataclass(frozen=True, slots=True)
class Resolved:
    value: str
    mod: str | None = None
    point: Point | None = None  # the calendar period, for the interval and as the next reference
    type: str | None = None  # overrides the rule's type (a weekday with a part of day is a TIME)
    anchor: bool = True  # may become the reference time for later anaphora


# --- typed policies -------------------------------------------------------------------------


def resolve_weekday(weekday: int, published: date, tense: str) -> date:
    """The day a bare weekday names (1 = Monday).

    News narrates the past: by default the latest such weekday on or before the publication
    date, so a Monday article's "on Monday" is that very day. With a future cue ("will",
    "is to", "scheduled", ...) it is the earliest such weekday on or after the publication date.
    """
    delta = (published.isoweekday() - weekday) % 7
    if tense == "future":
        return published + timedelta(days=(weekday - published.isoweekday()) % 7)
    return published - timedelta(days=delta)


def resolve_weekday_rel(weekday: int, published: date, rel: int, tense: str) -> date:
    """"last Monday" is 1-7 days before publication, "next Monday" 1-7 days after. "this Monday"
    is the day of the publication week (Monday to Sunday) unless the tense says the other side of
    publication: "will meet this Monday" on a Wednesday, or "will open this Saturday" on a Sunday
    (whose week is all but over), is the coming one; a day still ahead in a past clause ("the
    ferry sank this Saturday" on a Monday: the tagger passes "past") is the last one."""
    dow = published.isoweekday()
    if rel < 0:
        return published - timedelta(days=(dow - weekday) % 7 or 7)
    if rel > 0:
        return published + timedelta(days=(weekday - dow) % 7 or 7)
    d = published + timedelta(days=weekday - dow)
    if tense == "future" and d < published:
        return d + timedelta(days=7)
    if tense == "past" and d > published:
        return d - timedelta(days=7)
    return d


def resolve_month_day(month: int, day: int, published: date, tense: str) -> date | None:
    """A day without a year: the latest such day on or before publication (news tells what
    happened), unless it comes within the next four months, or within half a year with a
    future cue ("will", "is to", "by"); a past cue ("ended", "since", "was") always means
    the latest on or before publication."""
    options = []
    for y in (published.year - 1, published.year, published.year + 1):
        try:
            options.append(date(y, month, day))
        except ValueError:
            continue
    return pick_by_tense(options, published, tense)


def resolve_month_day_weekday(month: int, day: int, weekday: int, published: date, tense: str) -> date | None:
    """A day without a year named with its weekday ("Thursday, Jan. 5"; 1 = Monday): the one of
    the publication year and the years either side on which that day is that weekday (at most
    one is: a date's weekday moves one or two days a year). If none is, the weekday is a slip:
    the day as without a weekday (see resolve_month_day)."""
    for y in (published.year - 1, published.year, published.year + 1):
        try:
            d = date(y, month, day)
        except ValueError:
            continue
        if d.isoweekday() == weekday:
            return d
    return resolve_month_day(month, day, published, tense)


def pick_by_tense(options: list[date], published: date, tense: str) -> date | None:
    """Of yearly recurring days (sorted), the one the tense points to (see resolve_month_day)."""
    if not options:
        return None
    later = [d for d in options if d >= published]
    earlier = [d for d in options if d <= published]
    if tense == "future" and later and (later[0] - published).days <= FUTURE_DAYS_WITH_CUE:
        return later[0]
    if tense == "past" and earlier:
        return earlier[-1]
    if later and (later[0] - published).days <= FUTURE_DAYS_WITHOUT_CUE:
        return later[0]
    return earlier[-1] if earlier else options[0]


FUTURE_DAYS_WITH_CUE = 183  # "will meet on Jan. 5": at most half a year ahead
FUTURE_DAYS_WITHOUT_CUE = 120  # "payable Dec. 15": news rarely names a day further ahead without saying so


def resolve_month(month: int, published: date, tense: str) -> date:
    """A month without a year (first day): past narrative by default, the latest such month
    on or before the publication month; with a future cue, or without any cue when the month
    is one of the next two, the first one after it ("due in January" in a November article)."""
    y = published.year
    ahead = (month - published.month) % 12
    if tense == "future" or (tense == "none" and 1 <= ahead <= 2):
        return date(y if month >= published.month else y + 1, month, 1)
    return date(y if month <= published.month else y - 1, month, 1)


def resolve_span_end_month(month: int, published: date, tense: str) -> date:
    """A month that ends a span ("loans through January", "stayed in Paris until January"; first
    day): with a future cue or a deadline the first one from the publication month on, in a past
    clause the latest on or before it (the tagger passes "past", see tense.span_past); with
    neither, the nearer of the two: a span running on from a recent event ends in the next
    January in an October article (three months ahead, not nine back), in the last August ("sales
    this year through August"); half a year either way is the last one, news telling the past."""
    if tense in ("future", "past"):
        return resolve_month(month, published, tense)
    ahead = (month - published.month) % 12
    return resolve_month(month, published, "future" if ahead < 6 else "past")


def rel_year(rel: int, when: tuple[int, ...], published: date) -> int:
    """The year "last" (-1), "this" (0) or "next" (1) gives a month ``(month,)`` or a day
    ``(month, day)``: "last October" is the latest October before the publication month,
    "next March 3" the first March 3 after the publication day, "this June" this year's. The
    month just ended is the latest too ("began last December and has lasted seven weeks" in
    January): a reading a year further back would be a guess."""
    now = (published.month, published.day)[: len(when)]
    if rel < 0:
        return published.year if when < now else published.year - 1
    if rel > 0:
        return published.year if when > now else published.year + 1
    return published.year


def resolve_weekend(published: date, rel: int, tense: str) -> Point:
    """"the weekend": in a weekend article, that weekend; otherwise the last one before
    publication, or with a future cue the next one. "last"/"next weekend" move a week."""
    dow = published.isoweekday()
    if dow >= 6:
        base = published - timedelta(days=dow - 6)
    elif tense == "future" and rel >= 0:
        base = published + timedelta(days=6 - dow)
    else:
        base = published - timedelta(days=dow + 1)
    p = coarsen(base, "weekend")
    if rel > 0 and tense != "future" and dow < 6:
        p = shift(p, 1, "week")
    elif rel > 0 and dow >= 6:
        p = shift(p, 1, "week")
    elif rel < 0 and dow >= 6:
        p = shift(p, -1, "week")
    return p


def resolve_part(n: int, months: int, published: date, tense: str) -> int:
    """The year of the ``n``-th part of ``months`` months ("the third quarter": 3, "first-half
    profit": 6): this year's, unless that part has not begun yet and nothing points to the
    future, in which case last year's (results are reported after the fact)."""
    if n > (published.month - 1) // months + 1 and tense != "future":
        return published.year - 1
    return published.year


def resolve_reported_part(n: int, months: int, published: date, tense: str) -> int:
    """The year of the ``n``-th part of ``months`` months whose results a noun names
    ("fourth-quarter growth figures"): this year's if that part has begun; the next part, not
    begun yet, with a future cue is a forecast ("expects third-quarter earnings to rise" in June:
    this year's); any later one is last year's, future cue or not, as results come out after the
    part has ended ("will be watching fourth-quarter growth figures, due Tuesday" in January)."""
    current = (published.month - 1) // months + 1
    if n <= current or (n == current + 1 and tense == "future"):
        return published.year
    return published.year - 1


def resolve_season(season: str, published: date, rel: int, tense: str) -> Point:
    """A season against publication ("this summer" is handled by the caller: this year's).
    "last spring" is the latest spring that began before the current season, "next spring"
    the first after it. A bare season is this year's, unless it has not begun yet (then last
    year's) or a future cue points ahead (then the next one)."""
    year, current = season_of(published)
    this = season_point(published.year if season != "WI" else year, season)
    start = this.start
    cur = season_point(year, current).start
    if rel < 0 or (rel == 0 and tense != "future" and start > published):
        while start >= cur:
            start = add_months(start, -12)
        return coarsen(start, "season")
    if rel > 0 or (tense == "future" and start < cur):
        while start <= cur:
            start = add_months(start, 12)
        return coarsen(start, "season")
    return coarsen(start, "season")


# --- helpers ---------------------------------------------------------------------------------

_DAY_UNITS = {"day", "week", "weekend"}
_UNIT_GRAN = {"day": "day", "week": "week", "weekend": "weekend", "month": "month", "quarter": "quarter",
              "year": "year", "decade": "decade", "century": "century", "season": "season", "half": "half"}


def _unspecified(gran: str, time: str | None = None) -> str:
    v = {"day": "XXXX-XX-XX", "week": "XXXX-WXX", "weekend": "XXXX-WXX-WE", "month": "XXXX-XX",
         "quarter": "XXXX-QX", "half": "XXXX-HX", "season": "XXXX-XX", "year": "XXXX", "decade": "XXX",
         "century": "XX"}[gran]
    return f"{v}T{time}" if time else v


def _point(p: Point, mod: str | None = None, type_: str | None = None) -> Resolved:
    return Resolved(value_of(p), mod, p, type_)


def _time_type(p: Point) -> str | None:
    return "TIME" if p.time else None


def _base(ctx: Context) -> Point | None:
    """The reference time: the last date mentioned, else the publication date."""
    if ctx.ref is not None:
        return ctx.ref
    return Point("day", ctx.dct) if ctx.dct else None


# --- resolvers (registered by name; rules name them in `resolve = "..."`) --------------------


def r_vague(g: Groups, ctx: Context, args: Groups) -> Resolved:
    """now, recently, soon: PRESENT_REF, PAST_REF, FUTURE_REF."""
    return Resolved(str(args.get("value") or g["vague"]))


def r_setword(g: Groups, ctx: Context, args: Groups) -> Resolved:
    return Resolved(str(g["setword"]))


def r_date(g: Groups, ctx: Context, args: Groups) -> Resolved | None:
    """An explicit day: 4 November 2023, Nov. 4, 2023, 2023-11-04."""
    month = int(g.get("month") or g.get("monthabbr") or g.get("mnum") or 0)
    try:
        d = date(int(g["year"]), month, int(g["day"]))
    except (ValueError, TypeError, KeyError):
        return None
    return _point(_with_time(Point("day", d), g))


def r_slash_date(g: Groups, ctx: Context, args: Groups) -> Resolved | None:
    """11/26/2023 (month first) or 26/11/2023 (day first), whichever reading is the only
    valid one; 11/06/2023 could be either and is left out (a wrong date is worse than none)."""
    a, b, y = int(g["first"]), int(g["second"]), int(g["year"])
    readings = set()
    for month, day in ((a, b), (b, a)):
        try:
            readings.add(date(y, month, day))
        except ValueError:
            continue
    if len(readings) != 1:
        return None
    return _point(Point("day", readings.pop()))


def r_range_end_day(g: Groups, ctx: Context, args: Groups) -> Resolved | None:
    """The "6" of "Nov. 4-6": a day in the month of the day just mentioned."""
    if ctx.ref is None or ctx.ref.gran != "day":
        return None
    try:
        d = ctx.ref.start.replace(day=int(g["day"]))
    except ValueError:
        return None
    return _point(Point("day", d)) if d > ctx.ref.start else None


def _with_time(p: Point, g: Groups) -> Point:
    pod = g.get("partofday") or g.get("clock") or g.get("timeword")
    return Point(p.gran, p.start, str(pod)) if pod else p


def r_month_day(g: Groups, ctx: Context, args: Groups) -> Resolved | None:
    """Nov. 4 / November 4th / 4 November, year from publication and tense."""
    month = int(g.get("month") or g.get("monthabbr") or 0)
    day = int(g["day"])
    if ctx.dct is None:
        try:
            date(2000, month, day)  # a leap year: Feb. 29 may be, Feb. 30 never is
        except ValueError:
            return None
        time = g.get("partofday") or g.get("clock")
        return Resolved(f"XXXX-{month:02d}-{day:02d}" + (f"T{time}" if time else ""), type="TIME" if time else None)
    if g.get("yearrel") is not None:  # "Oct. 23 last year"
        d = _day_or_none(ctx.dct.year + int(g["yearrel"]), month, day)
    elif g.get("rel") is not None:  # "last Oct. 23", "next March 3"
        d = _day_or_none(rel_year(int(g["rel"]), (month, day), ctx.dct), month, day)
    elif g.get("dow") is not None:
        d = resolve_month_day_weekday(month, day, int(g["dow"]), ctx.dct, ctx.tense)
    else:
        d = resolve_month_day(month, day, ctx.dct, ctx.tense)
    if d is None:
        return None
    p = _with_time(Point("day", d), g)
    return _point(p, None, _time_type(p))


def _day_or_none(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def r_date_or_month_day(g: Groups, ctx: Context, args: Groups) -> Resolved | None:
    """A day with or without its year (Sept. 30 / Sept. 30, 1989): as written, or as a day without a year."""
    if g.get("year") is not None:
        return r_date(g, ctx, args)
    return r_month_day(g, ctx, args)


def r_quarter_end_day(g: Groups, ctx: Context, args: Groups) -> Resolved | None:
    """The end day of a quarter just named ("the second quarter of 1988 ended Oct. 31"): a day
    without a year belongs to that quarter, the first such day from its start on, when the
    quarter lies in an earlier year than the day would by itself (see resolve_month_day)."""
    res = r_date_or_month_day(g, ctx, args)
    ref = ctx.ref
    if g.get("year") is not None or res is None or res.point is None or ref is None or ref.gran != "quarter":
        return res
    if res.point.start.year <= ref.start.year:
        return res
    month, day = int(g.get("month") or g.get("monthabbr") or 0), int(g["day"])
    d = _day_or_none(ref.start.year, month, day)
    if d is not None and d < ref.start:
        d = _day_or_none(ref.start.year + 1, month, day)
    return _point(Point("day", d)) if d is not None else res


def r_week_of(g: Groups, ctx: Context, args: Groups) -> Resolved | None:
    """the week of March 6 (, 2000): the ISO week holding that day."""
    day = r_date_or_month_day(g, ctx, args)
    if day is None:
        return None
    if day.point is None:  # no publication date, no year
        return Resolved(_unspecified("week"))
    return _point(coarsen(day.point.start, "week"))


def r_month_year(g: Groups, ctx: Context, args: Groups) -> Resolved | None:
    month = int(g.get("month") or g.get("monthabbr") or 0)
    year = int(g["year"])
    return _point(Point("month", date(year, month, 1)))


def r_month(g: Groups, ctx: Context, args: Groups) -> Resolved | None:
    """A bare month (or "last April", "next May", "this June"); with ``span_end`` the end of a span
    ("through January", see resolve_span_end_month)."""
    month = int(g["month"])
    rel = int(g.get("rel") or 0) if g.get("rel") is not None else None
    if g.get("year") is not None:
        return _point(Point("month", date(int(g["year"]), month, 1)))
    if g.get("yearrel") is not None and ctx.dct:
        return _point(Point("month", date(ctx.dct.year + int(g["yearrel"]), month, 1)))
    if ctx.dct is None:
        return Resolved(f"XXXX-{month:02d}")
    if rel is None and args.get("span_end"):
        return _point(Point("month", resolve_span_end_month(month, ctx.dct, ctx.tense)))
    if rel is None:
        return _point(Point("month", resolve_month(month, ctx.dct, ctx.tense)))
    return _point(Point("month", date(rel_year(rel, (month,), ctx.dct), month, 1)))


def r_year(g: Groups, ctx: Context, args: Groups) -> Resolved | None:
    """1998, '89, nineteen ninety-six, fiscal 1989; post-1959 / pre-2008 (mod AFTER / BEFORE)."""
    y = g.get("year") or g.get("yy") or g.get("yearword")
    if y is None:
        return None
    prefix = g.get("yearprefix")
    return _point(Point("year", date(int(y), 1, 1)), str(prefix) if prefix else None)


def r_decade(g: Groups, ctx: Context, args: Groups) -> Resolved | None:
    """the 1990s -> 199; the nineties -> 199 (mod from early/mid/late): TimeML's decade, the
    year less its last digit, as a century is less its last two (``19``)."""
    if g.get("decadeword"):
        y = int(g["decadeword"]) * 10
    elif g.get("year"):
        y = int(g["year"])
    elif g.get("yy") is not None:
        y = int(g["yy"])
    else:
        return None
    if y % 10:
        return None
    return _point(Point("decade", date(y, 1, 1)))


def r_century(g: Groups, ctx: Context, args: Groups) -> Resolved | None:
    n = int(g["ordinal"])
    return _point(Point("century", date(max(1, (n - 1) * 100), 1, 1)))


def r_deictic(g: Groups, ctx: Context, args: Groups) -> Resolved:
    """today / yesterday / tomorrow (+ morning, 10 a.m.): days from publication."""
    off = int(g.get("deictic") or args.get("offset") or 0)
    time = g.get("partofday") or g.get("clock") or g.get("timeword") or args.get("pod")
    if ctx.dct is None:
        return Resolved(_unspecified("day", time), type="TIME" if time else None)
    p = Point("day", ctx.dct + timedelta(days=off), str(time) if time else None)
    return _point(p, None, _time_type(p))


def r_weekday(g: Groups, ctx: Context, args: Groups) -> Resolved:
    """Monday / last Monday / next Monday / Monday morning (see resolve_weekday); a bare weekday
    opening a range ("from Monday to Friday") that it would start after its end is the one on or
    before the end (``ctx.until``)."""
    wd = int(g["weekday"])
    time = g.get("partofday") or g.get("clock") or g.get("timeword")
    ref_day = ctx.ref.start if ctx.ref is not None and ctx.ref.gran == "day" else None
    if ctx.dct is None and not (g.get("arel") is not None and ref_day):
        return Resolved(f"XXXX-WXX-{wd}" + (f"T{time}" if time else ""), type="TIME" if time else None)
    rel = g.get("rel")
    if g.get("arel") is not None:  # "the previous Friday": counted from the last day mentioned
        base = ref_day or ctx.dct
        assert base is not None
        d = resolve_weekday_rel(wd, base, int(g["arel"]), ctx.tense)
    elif ctx.dct is None:
        raise AssertionError("unreachable")
    elif rel is not None:
        d = resolve_weekday_rel(wd, ctx.dct, int(rel), ctx.tense)
    else:
        d = resolve_weekday(wd, ctx.dct, ctx.tense)
        if ctx.until is not None and d > ctx.until:  # opens a range it would end after: the one on or before its end
            d = ctx.until - timedelta(days=(ctx.until.isoweekday() - wd) % 7)
    p = Point("day", d, str(time) if time else None)
    return _point(p, None, _time_type(p))


def r_pod_today(g: Groups, ctx: Context, args: Groups) -> Resolved:
    """this morning / tonight / last night / the morning: a part of the publication day."""
    pod = str(g.get("partofday") or args.get("pod"))
    off = int(args.get("offset", 0))
    if ctx.dct is None:
        return Resolved(f"XXXX-XX-XXT{pod}", type="TIME")
    return _point(Point("day", ctx.dct + timedelta(days=off), pod), None, "TIME")


def r_pod_ref(g: Groups, ctx: Context, args: Groups) -> Resolved | None:
    """in the morning / the next morning / by mid afternoon: a part of the last day mentioned
    (else of the publication day); "next"/"following" move one day on. With ``anaphoric`` ("that
    afternoon", "the same night") the day must be one: after a coarser date ("In March ... that
    afternoon") which day is not said, and the mention is dropped, as "that day" is, and so it is
    with no date mentioned before it ("The family spent that night in a shelter": not publication's)."""
    pod = str(g.get("partofday"))
    if args.get("anaphoric") and (ctx.ref is None or ctx.ref.gran != "day"):
        return None
    base = ctx.ref if ctx.ref is not None and ctx.ref.gran == "day" else (Point("day", ctx.dct) if ctx.dct else None)
    if base is None:
        return Resolved(f"XXXX-XX-XXT{pod}", type="TIME")
    d = base.start + timedelta(days=1 if g.get("nextday") else 0)
    return _point(Point("day", d, pod), None, "TIME")


def r_relative(g: Groups, ctx: Context, args: Groups) -> Resolved | None:
    """this week / last month / next year / the past year / the current quarter: from publication.
    With ``from_ref``, "the day" ("earlier in the day") and "the week" ("for the week") are the
    day and week the story is on: those of the last day mentioned, else of publication; but a
    future cue ("could declare independence by the end of the week") points past a day gone by
    to publication's (the tagger drops a "would" after a past verb: "said a decision would come
    by the end of the day" is the story's day)."""
    unit = str(g.get("unit") or args.get("unit"))
    rel = int(g["rel"] if g.get("rel") is not None else args.get("rel", 0))
    if unit in ("hour", "minute"):
        return None
    gran = _UNIT_GRAN[unit]
    if unit in ("day", "week") and args.get("from_ref") and ctx.ref is not None and ctx.ref.gran == "day":
        if not (ctx.tense == "future" and ctx.dct is not None and coarsen(ctx.ref.start, gran).start < coarsen(ctx.dct, gran).start):
            return _point(coarsen(ctx.ref.start, gran))
    if ctx.dct is None:
        return Resolved(_unspecified(gran))
    if unit == "weekend" and rel != 0:
        return _point(resolve_weekend(ctx.dct, rel, ctx.tense))
    if unit == "weekend" and ctx.tense == "past" and ctx.dct.isoweekday() < 6:
        # "this weekend" is the DCT's week's, but one still ahead cannot be narrated in the
        # past: "fans packed the stadium this weekend" on a Monday is the one just gone
        return _point(shift(coarsen(ctx.dct, gran), -1, "week"))
    return _point(shift(coarsen(ctx.dct, gran), rel, unit))


def r_anaphoric(g: Groups, ctx: Context, args: Groups) -> Resolved | None:
    """the following week / the previous year / that day: from the last date mentioned."""
    unit = str(g.get("unit") or args.get("unit"))
    rel = int(g["arel"] if g.get("arel") is not None else args.get("rel", 0))
    if unit in ("hour", "minute"):
        return None
    gran = _UNIT_GRAN[unit]
    base = _base(ctx)
    if base is None:
        return Resolved(_unspecified(gran))
    if rank(base.gran) > rank(gran):
        return None
    return _point(shift(coarsen(base.start, gran), rel, unit))


def _offset_point(base: Point, n: int, unit: str) -> Point:
    """base moved n units; the result has the unit's granularity, except that a year's shift of a
    month, quarter, half or season keeps it ("a year earlier" after "the third quarter")."""
    if unit == "year" and base.gran in ("month", "quarter", "half", "season"):
        return shift(base, n, "year")
    gran = _UNIT_GRAN[unit]
    if rank(base.gran) > rank(gran):
        gran = base.gran
    moved = shift(Point("day", base.start), n, unit)
    return coarsen(moved.start, gran)


def r_offset(g: Groups, ctx: Context, args: Groups) -> Resolved | None:
    """two days later / a year earlier (from the last date mentioned), three weeks ago (from publication)."""
    count = g.get("count") if "count" in g else (None if g.get("unit") else 1.0)  # "months ago": vague
    unit = str(g.get("unit"))
    direction = int(g.get("direction") or args.get("direction") or -1)
    approx = g.get("approx") or g.get("suffix")  # "about two years ago", "a week or so ago"
    if unit in ("hour", "minute"):
        return None
    gran = _UNIT_GRAN[unit]
    if count is None or count != int(count):
        if args.get("anchor") != "dct":
            # "a few days later" counts off the story's own reference time, not the publication
            # date: the day is unknown, so say only how long (TimeML: the count is a duration and
            # "later" its signal), never FUTURE_REF after a past narrative
            return Resolved(duration_value(count, unit), approx, None, "DURATION", anchor=False)
        if ctx.dct is None:
            return Resolved(_unspecified(gran))
        return Resolved("PAST_REF" if direction < 0 else "FUTURE_REF")
    n = int(count) * direction
    if args.get("anchor") == "dct":
        if ctx.dct is None:
            return Resolved(_unspecified(gran))
        base = Point("day", ctx.dct)
        if (unit == "year" and n == -1 and not approx and ctx.ref is not None and ctx.ref.gran == "quarter"
                and abs(ctx.ref.start.year - ctx.dct.year) <= 1 and ctx.ref.start <= ctx.dct):
            base = ctx.ref  # "compared with $5 million a year ago" after "the third quarter"; not "took over two years ago"
    else:
        b = _base(ctx)
        if b is None:
            return Resolved(_unspecified(gran))
        base = b
    if rank(base.gran) > rank(gran) and not (unit == "year" and base.gran in ("month", "quarter", "half", "season")):
        # "They met in March. Two days later": a count of days off a month names no day, and
        # the month need not hold it (31 March + 2): say the day is unknown rather than guess
        return Resolved(_unspecified(gran), point_mod(approx, direction), None, None, anchor=False)
    p = _offset_point(base, n, unit)
    # "a year earlier" compares with the period under discussion; it does not move the story on
    return Resolved(value_of(p), point_mod(approx, direction), p, None, anchor=unit not in ("year", "quarter"))


def r_event_offset(g: Groups, ctx: Context, args: Groups) -> Resolved | None:
    """the day after his death / the night before the vote / 10 days before the murder / the weeks
    before the shooting: counted from the date the text gave the event before (anchors.py). An
    event it has not dated leaves the words to the other rules ("ten days before the shooting" is
    then a length). "the days (weeks) before" names no day: the event's month, or its own date if
    that is coarser ("last fall when he was gunned down": the fall)."""
    anchor = ctx.events.get(str(g.get("event"))) if ctx.events else None
    if anchor is None:
        return None
    direction = int(g["signal"])  # [signal]: -1 before, 1 after
    if g.get("unitp") is not None:
        if g["unitp"] not in ("day", "week"):
            return None
        p = anchor if rank(anchor.gran) >= rank("month") else coarsen(anchor.start, "month")
        return Resolved(value_of(p), None, p, "DATE", anchor=False)
    if g.get("pod") is not None:
        if anchor.gran != "day":
            return None  # a night counted from an event known only by its month: unknown
        p = Point("day", anchor.start + timedelta(days=direction), str(g["pod"]))
        return Resolved(value_of(p), None, p, "TIME")
    unit = str(g.get("unitsg") or g.get("unit"))
    count = g.get("count", 1.0)
    if unit not in _UNIT_GRAN or unit in ("weekend", "decade", "century") or count is None or count != int(count):
        return None
    if rank(anchor.gran) > rank(_UNIT_GRAN[unit]):
        return None  # a day (week) counted from an event known only by its month (year): unknown
    p = _offset_point(Point("day", anchor.start) if anchor.time else anchor, int(count) * direction, unit)
    return Resolved(value_of(p), point_mod(g.get("approx"), direction), p, "DATE")


def r_ago_anniversary(g: Groups, ctx: Context, args: Groups) -> Resolved | None:
    """"Fifty years ago today" / "a year ago yesterday" / "ten years ago this week": the day (week,
    month) of publication, or the day the deictic names, that many units back: one date, not a
    year and a day apart. The count must be whole and the unit longer than the period named ("two
    days ago today" is none); "this week" and "this month" go back years, decades or centuries."""
    count, unit = g.get("count"), str(g["unit"])
    gran = str(g.get("period") or "day")
    if count is None or count != int(count) or count <= 0 or rank(_UNIT_GRAN.get(unit, "day")) <= rank(gran):
        return None
    if gran != "day" and unit not in ("year", "decade", "century"):
        return None
    if ctx.dct is None:
        return Resolved(_unspecified(gran))
    day = shift(Point("day", ctx.dct + timedelta(days=int(g.get("deictic") or 0))), -int(count), unit).start
    return _point(coarsen(day, gran), point_mod(g.get("approx"), -1))


_LONGER = {"MORE_THAN": True, "EQUAL_OR_MORE": True, "LESS_THAN": False, "EQUAL_OR_LESS": False}


def point_mod(approx: str | None, direction: int) -> str | None:
    """The TimeML mod of a point counted off by a modified duration. TimeML keeps MORE_THAN and
    LESS_THAN for durations; for a point they become BEFORE/AFTER: "more than two years ago" is
    before the point two years back (BEFORE), "almost two years ago" after it (AFTER), and "more
    than two years later" after the point (AFTER). "at least" / "no more than" give ON_OR_BEFORE /
    ON_OR_AFTER. "about" stays APPROX."""
    if approx not in _LONGER:
        return approx
    longer = _LONGER[approx]
    earlier = longer == (direction < 0)
    if approx in ("MORE_THAN", "LESS_THAN"):
        return "BEFORE" if earlier else "AFTER"
    return "ON_OR_BEFORE" if earlier else "ON_OR_AFTER"


def r_year_earlier(g: Groups, ctx: Context, args: Groups) -> Resolved | None:
    """the year-earlier quarter / year-ago / the year-ago period: the reference period a year back.

    A quarter named without one under discussion (no reference time, or only a year) is
    the last completed quarter, the one results are reported for: "last year's quarter"
    in an article of 1989-11-01 is 1988-Q3. After a month or a day named since the last quarter
    under discussion, a quarter is that quarter's ("the third quarter ... changed to a calendar
    year in December. In the year-ago quarter": the third quarter's, not December's)."""
    base = _base(ctx)
    if base is None:
        return Resolved("XXXX")
    noun = str(g.get("noun") or "")  # a [periodnoun] key: a granularity, or "ref" (the period under discussion)
    if noun == "ref" and ctx.span is not None:
        # "For the nine months, net rose. In the year-earlier period": the same span a year
        # back, which no calendar value names: its length, as "the year-earlier nine months"
        return Resolved(ctx.span, None, None, "DURATION", anchor=False)
    want = noun if noun in GRANS else ""
    kept = ctx.quarter if want == "quarter" and ctx.ref is not None and rank(ctx.ref.gran) < rank("quarter") else None
    if kept is not None:
        base = kept  # "Net rose in the third quarter. ... in December. In the year-ago quarter": the third's
    forecast = ctx.ref is not None and ctx.dct is not None and ctx.ref.start > ctx.dct and rank(ctx.ref.gran) < rank("year")
    if ctx.dct is not None and kept is None and (forecast or (want == "quarter" and (ctx.ref is None or rank(ctx.ref.gran) > rank("quarter")))):
        # a year-ago figure is compared with results, and a period yet to begin has none: after
        # a forecast ("losses through the third quarter of 1990. In the year-ago period, ...")
        # the period under discussion is the last completed quarter, as with none named
        base = shift(coarsen(ctx.dct, "quarter"), -1, "quarter")
    if base.gran in ("day", "week", "weekend") and not want and ctx.period is not None and ctx.period.gran == "half":
        base = ctx.period  # "first-half earnings on Thursday ... the year-ago period": the half, not the day
    elif base.gran in ("day", "year") and ctx.dct is not None and not want:
        base = coarsen(ctx.dct, "year")  # "year-ago results": this year's, a year back
    if want:
        base = coarsen(base.start, want) if rank(base.gran) <= rank(want) else base
    elif base.gran in ("day", "week", "weekend"):
        base = coarsen(base.start, "year")
    if base.gran in ("decade", "century"):
        return None
    p = shift(base, -1, "year")
    return Resolved(value_of(p), None, p, None, anchor=False)


def r_year_period(g: Groups, ctx: Context, args: Groups) -> Resolved | None:
    """"the 1988 period" / "the 1988 quarter": the quarter under discussion, in that year."""
    y = int(g["year"])
    ref = ctx.ref
    if ref is not None and ref.gran in ("quarter", "half", "month", "season"):
        p = Point(ref.gran, ref.start.replace(year=y))
    elif g.get("noun") == "quarter" and ctx.dct is not None:  # a [periodnoun] key
        p = shift(coarsen(ctx.dct, "quarter"), -1, "quarter")
        p = Point("quarter", p.start.replace(year=y))
    else:
        p = Point("year", date(y, 1, 1))
    return Resolved(value_of(p), None, p, None, anchor=False)


def r_weekend(g: Groups, ctx: Context, args: Groups) -> Resolved:
    rel = int(g.get("rel") or 0)
    if ctx.dct is None:
        return Resolved("XXXX-WXX-WE")
    return _point(resolve_weekend(ctx.dct, rel, ctx.tense))


def r_quarter(g: Groups, ctx: Context, args: Groups) -> Resolved | None:
    """the third quarter / third-quarter / the fourth quarter of 1990 / last year's third quarter."""
    q = int(g.get("ordinal") or args.get("quarter") or 0)
    if not 1 <= q <= 4:
        return None
    if g.get("year") is not None:
        y = int(g["year"])
    elif ctx.dct is None:
        return Resolved(f"XXXX-Q{q}")
    elif g.get("yearrel") is not None:
        y = ctx.dct.year + int(g["yearrel"])
    elif ctx.apposed is not None:  # "In the year-ago quarter, the second quarter, ...": that year's
        y = ctx.apposed.start.year
    elif ctx.ref is not None and ctx.ref.gran in ("quarter", "year", "half") and ctx.ref.start.year != ctx.dct.year and args.get("anaphoric"):
        y = ctx.ref.start.year
    elif args.get("reported"):
        y = resolve_reported_part(q, 3, ctx.dct, ctx.tense)
    else:
        y = resolve_part(q, 3, ctx.dct, ctx.tense)
    return _point(Point("quarter", date(y, 3 * q - 2, 1)))


def r_the_quarter(g: Groups, ctx: Context, args: Groups) -> Resolved | None:
    """"the quarter" / "the latest period" alone: the quarter under discussion, else the last completed one."""
    if ctx.ref is not None and ctx.ref.gran == "quarter" and (ctx.dct is None or abs(ctx.ref.start.year - ctx.dct.year) <= 1):
        return Resolved(value_of(ctx.ref), None, ctx.ref, None, anchor=False)
    if ctx.dct is None:
        return Resolved("XXXX-QX")
    return _point(shift(coarsen(ctx.dct, "quarter"), -1, "quarter"))


def r_this_quarter(g: Groups, ctx: Context, args: Groups) -> Resolved | None:
    """"this quarter's loss": in a story on a quarter already over (the one under discussion
    ended before publication, within the last year) the results are that quarter's; with a
    future cue, or with no such quarter, the quarter of publication."""
    if ctx.dct is None:
        return Resolved("XXXX-QX")
    now = coarsen(ctx.dct, "quarter")
    ref = ctx.ref
    if ctx.tense != "future" and ref is not None and ref.gran == "quarter" and shift(now, -4, "quarter").start <= ref.start < now.start:
        return Resolved(value_of(ref), None, ref, None, anchor=False)
    return _point(now)


def quarter_ending(end: date) -> Point:
    """The calendar quarter a three-month reporting period ending on ``end`` names: the one
    holding most of its three months (ended Sept. 30 -> Q3; a fiscal quarter ended July 31,
    May to July, -> Q2)."""
    return coarsen(end - timedelta(days=45), "quarter")


def r_quarter_ended(g: Groups, ctx: Context, args: Groups) -> Resolved | None:
    """"the quarter ended Sept. 30": the quarter the end day names (see quarter_ending),
    whatever quarter was under discussion before. The end day takes its year as a day
    without a year would, "ended" being a past cue."""
    month, day = int(g.get("month") or g.get("monthabbr") or 0), int(g["day"])
    if ctx.dct is None:
        return Resolved("XXXX-QX")
    tense = str(g.get("verb") or ctx.tense)  # a [pastverb] key: "ended" is a past cue
    end = resolve_month_day(month, day, ctx.dct, tense)
    if end is None:
        return None
    return _point(quarter_ending(end))


def r_half(g: Groups, ctx: Context, args: Groups) -> Resolved | None:
    """the second half of 1989 / the first fiscal half / first-half profit / the second half.

    A half named with its year, or "of the year", is that year's; a hyphenated half before
    results ("first-half profit", rule half-results) is the one reported, as a quarter is
    (resolve_part). A bare half ("the second half", rule half-bare) needs a period under
    discussion (``ctx.period``): a half of that year, or the year just named; without one it
    is a match's half and dropped. A forecast half of a year already over (named "last year",
    "plans to ... in the second half", or "expects growth to slow in the second half": rule
    half-bare-forecast, args ``forecast``) is this year's (resolve_part with the future)."""
    h = 2 if g.get("last") else int(g.get("ordinal") or args.get("half") or 0)
    if h not in (1, 2):
        return None
    if g.get("year") is not None:
        y = int(g["year"])
    elif ctx.dct is None:
        return None if args.get("anaphoric") else Resolved(f"XXXX-H{h}")
    elif args.get("anaphoric"):
        period = ctx.period  # the tagger keeps only a half or a year here (tagger._resolve_all)
        if period is None:
            return None
        y = period.start.year
        tense = "future" if args.get("forecast") else ctx.tense
        if tense == "future" and date(y, 6 * h, 30 if h == 1 else 31) < ctx.dct:
            y = resolve_part(h, 6, ctx.dct, tense)
    elif args.get("reported"):
        y = resolve_part(h, 6, ctx.dct, ctx.tense)
    else:
        y = ctx.dct.year + int(g.get("yearrel") or 0)
    return _point(Point("half", date(y, 1 if h == 1 else 7, 1)))


def r_season(g: Groups, ctx: Context, args: Groups) -> Resolved | None:
    """summer / this summer / last spring / next fall / summer 2019 / the summer of 1990."""
    s = str(g.get("season") or args["season"])
    if g.get("year") is not None:
        return _point(season_point(int(g["year"]), s))
    if ctx.dct is None:
        return Resolved(f"XXXX-{s}")
    if g.get("yearrel") is not None:
        return _point(season_point(ctx.dct.year + int(g["yearrel"]), s))
    if g.get("rel") == "0":  # "this summer": this year's
        y, _ = season_of(ctx.dct)
        return _point(season_point(ctx.dct.year if s != "WI" else y, s))
    rel = int(g.get("rel") or 0)
    return _point(resolve_season(s, ctx.dct, rel, ctx.tense))


def movable_day(key: str, year: int) -> date | None:
    """The day of a movable holiday in ``year``: "11:4:4" = fourth Thursday of November,
    "11:1:1:1" = the day after the first Monday of November, "easter:-2" = Good Friday."""
    parts = key.split(":")
    if parts[0] == "easter":
        return easter(year) + timedelta(days=int(parts[1]))
    month, weekday, nth = int(parts[0]), int(parts[1]), int(parts[2])
    after = int(parts[3]) if len(parts) > 3 else 0
    if nth > 0:
        first = date(year, month, 1)
        d = first + timedelta(days=(weekday - first.isoweekday()) % 7 + 7 * (nth - 1))
    else:
        last = add_months(date(year, month, 1), 1) - timedelta(days=1)
        d = last - timedelta(days=(last.isoweekday() - weekday) % 7)
    return d + timedelta(days=after)


def easter(year: int) -> date:
    """Western Easter Sunday (the anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l) // 451
    month = (h + l - 7 * m + 114) // 31
    day = (h + l - 7 * m + 114) % 31 + 1
    return date(year, month, day)


def r_movable(g: Groups, ctx: Context, args: Groups) -> Resolved | None:
    """Thanksgiving / Election Day / Easter: the holiday's day in the year named, else as a day without a year."""
    key = str(g["movable"])
    if g.get("year") is not None:
        d = movable_day(key, int(g["year"]))
        return _point(Point("day", d)) if d else None
    if ctx.dct is None:
        return Resolved("XXXX-XX-XX")
    y = ctx.dct.year
    options = [d for d in (movable_day(key, yy) for yy in (y - 1, y, y + 1)) if d]
    rel = g.get("rel")
    if rel is not None and int(rel) < 0:
        d = max((x for x in options if x < ctx.dct), default=None)
    elif rel is not None and int(rel) > 0:
        d = min((x for x in options if x > ctx.dct), default=None)
    else:
        d = pick_by_tense(options, ctx.dct, ctx.tense)
    return _point(Point("day", d)) if d else None


def r_holiday(g: Groups, ctx: Context, args: Groups) -> Resolved | None:
    mm, dd = (int(x) for x in str(g["holiday"]).split("-"))
    if g.get("year") is not None:
        return _point(Point("day", date(int(g["year"]), mm, dd)))
    if ctx.dct is None:
        return Resolved(f"XXXX-{mm:02d}-{dd:02d}")
    d = resolve_month_day(mm, dd, ctx.dct, ctx.tense)
    return _point(Point("day", d)) if d else None


def r_holiday_week(g: Groups, ctx: Context, args: Groups) -> Resolved | None:
    """Easter week / Holy Week / Christmas week: the ISO week holding the holiday (Easter, a
    Sunday, ends its week: Holy Week). A holiday's weekend is the one nearest it: Thanksgiving's
    (a Thursday) the one after, Memorial Day's (a Monday) the one before."""
    day = r_movable(g, ctx, args) if g.get("movable") else r_holiday(g, ctx, args)
    weekend = str(g.get("weekend", "")).casefold().endswith("end")
    if day is None:
        return None
    if day.point is None:
        return Resolved(_unspecified("weekend" if weekend else "week"))
    d = day.point.start
    if not weekend:
        return _point(coarsen(d, "week"))
    ahead = (6 - d.isoweekday()) % 7  # days to the next Saturday
    saturday = d + timedelta(days=ahead if ahead <= 3 else ahead - 7)
    return _point(coarsen(saturday, "weekend"))


_DUR_UNIT = {"day": "D", "week": "W", "weekend": "WE", "month": "M", "quarter": "Q", "year": "Y",
             "hour": "H", "minute": "M", "second": "S"}
# A vague count keeps the unit the gold writes: quarters in months, decades in years
# ("decades-long" PXY, like "two decades" P20Y), centuries as TimeML's C ("centuries" PXC).
_VAGUE_UNIT = {"quarter": "M", "decade": "Y", "century": "C"}
_SMALLER = {"year": ("month", 12), "month": ("day", 30), "week": ("day", 7), "day": ("hour", 24),
            "hour": ("minute", 60), "minute": ("second", 60), "decade": ("year", 10), "century": ("year", 100),
            "quarter": ("month", 3)}


def duration_value(count: float | None, unit: str) -> str:
    """P2D, PT2H30M, P1M, PXY; a fraction becomes the next smaller unit (2.5 years = P2Y6M)."""
    t = "T" if unit in ("hour", "minute", "second") else ""
    if count is None:
        return f"P{t}X{_VAGUE_UNIT.get(unit) or _DUR_UNIT[unit]}"
    if unit == "quarter":
        count, unit = count * 3, "month"
    elif unit == "decade":
        count, unit = count * 10, "year"
    elif unit == "century":
        count, unit = count * 100, "year"
    whole = int(count)
    frac = count - whole
    if frac and unit in _SMALLER:
        small, k = _SMALLER[unit]
        rest = round(frac * k)
        t2 = "T" if small in ("hour", "minute", "second") else ""
        head = f"P{t}{whole}{_DUR_UNIT[unit]}" if whole else f"P{t}"
        if t2 and not t:
            return f"{head}T{rest}{_DUR_UNIT[small]}" if whole else f"PT{rest}{_DUR_UNIT[small]}"
        return f"{head}{rest}{_DUR_UNIT[small]}"
    return f"P{t}{whole}{_DUR_UNIT[unit]}"


def r_duration(g: Groups, ctx: Context, args: Groups) -> Resolved | None:
    """for two-and-a-half hours, a month-long assault, the last couple of years, several years."""
    unit = str(g.get("unit") or g.get("unitadj") or g.get("unitp"))
    count = g["count"] if "count" in g else args.get("count", 1.0)
    if g.get("unitp") and "count" not in g:
        count = None
    if count is not None and count <= 0:
        return None
    if count is not None and g.get("half"):
        count += 0.5
    mod = g.get("approx") or g.get("suffix") or ("EQUAL_OR_LESS" if g.get("within") else None)
    return Resolved(duration_value(count, unit), mod)


def r_fraction(g: Groups, ctx: Context, args: Groups) -> Resolved | None:
    """half a century / a quarter of an hour / a quarter-century: a fraction of one unit, in the
    next smaller unit (P50Y, PT15M); None where that is no whole number ("half a week")."""
    count, unit = float(g["fraction"]), str(g["unit"])
    smaller = _SMALLER.get(unit)
    if smaller is None or count * smaller[1] != int(count * smaller[1]):
        return None
    return Resolved(duration_value(count, unit), g.get("approx"))


_COMPOUND_ORDER = ("year", "month", "week", "day", "hour", "minute", "second")


def r_duration_compound(g: Groups, ctx: Context, args: Groups) -> Resolved | None:
    """2 hours 5 minutes 54 seconds / four years and seven months: one length, PT2H5M54S.
    Each unit must be smaller than the one before ("12 hours a day" is a rate) and every count
    whole; a bare comma joins only clock units ("4 minutes, 28 seconds"; not "10 years, six months
    of them") unless the last part is joined by "and", as a list is ("10 years, 4 months and 5
    days"); weeks beside days are counted in days (P2W3D is no ISO form: P17D)."""
    parts: dict[str, int] = {}
    last = -1
    listed = bool(g.get("and3") if g.get("unit3") is not None else g.get("and2"))
    for c, u, comma in (("count", "unit", ""), ("count2", "unit2", "comma2"), ("count3", "unit3", "comma3")):
        if g.get(u) is None:
            continue
        unit, count = str(g[u]), g.get(c)
        if unit not in _COMPOUND_ORDER or count is None or count != int(count) or count <= 0:
            return None
        if comma and g.get(comma) and unit not in ("hour", "minute", "second") and not listed:
            return None
        at = _COMPOUND_ORDER.index(unit)
        if at <= last:
            return None
        last = at
        parts[unit] = int(count)
    if "week" in parts and "day" in parts:
        parts["day"] += 7 * parts.pop("week")
    date_part = "".join(f"{parts[u]}{_DUR_UNIT[u]}" for u in ("year", "month", "week", "day") if u in parts)
    time_part = "".join(f"{parts[u]}{_DUR_UNIT[u]}" for u in ("hour", "minute", "second") if u in parts)
    return Resolved(f"P{date_part}" + (f"T{time_part}" if time_part else ""), g.get("approx"))


def r_report_span(g: Groups, ctx: Context, args: Groups) -> Resolved | None:
    """"the nine months" / "the first six months": a span of a results year (a duration, as
    ``duration``); more than twelve months is no part of one year, so left to ``duration``.
    The tagger makes it the period under discussion (see tagger.report_year)."""
    if g.get("count") is None or g["count"] > 12 or g["count"] != int(g["count"]):
        return None
    return r_duration(g, ctx, args)


def r_set_weekday(g: Groups, ctx: Context, args: Groups) -> Resolved:
    """every Friday / on Fridays / Tuesday nights: XXXX-WXX-5."""
    wd = g.get("weekday") or g.get("weekdayp")
    pod = g.get("partofday")
    return Resolved(f"XXXX-WXX-{wd}" + (f"T{pod}" if pod else ""))


def r_set_unit(g: Groups, ctx: Context, args: Groups) -> Resolved:
    """a year / per month / twice a week after a quantity: P1Y."""
    return Resolved(duration_value(1.0, str(g["unit"])))


def r_set_month(g: Groups, ctx: Context, args: Groups) -> Resolved:
    return Resolved(f"XXXX-{int(g['month']):02d}")


def r_set_season(g: Groups, ctx: Context, args: Groups) -> Resolved:
    """the past three summers: summers of unknown years, XXXX-SU."""
    return Resolved(f"XXXX-{g['season']}")


def r_set_quarter(g: Groups, ctx: Context, args: Groups) -> Resolved | None:
    """the fourth quarter in a habitual clause ("sales usually peak in the fourth quarter"):
    that quarter of any year, XXXX-Q4."""
    q = int(g.get("ordinal") or 0)
    return Resolved(f"XXXX-Q{q}") if 1 <= q <= 4 else None


def r_clock(g: Groups, ctx: Context, args: Groups) -> Resolved | None:
    """10 a.m. / 7:15 p.m. Friday / noon Thursday: the day named, else the last day mentioned."""
    time = str(g.get("clock") or g.get("timeword"))
    if g.get("weekday") is not None:
        inner = r_weekday({"weekday": g["weekday"]}, ctx, {})
        if inner.point is None:
            return Resolved(f"{inner.value}T{time}", type="TIME")
        p = Point("day", inner.point.start, time)
        return _point(p, None, "TIME")
    if g.get("deictic") is not None:
        return r_deictic({"deictic": g["deictic"], "clock": time}, ctx, {})
    if g.get("day") is not None and (g.get("month") or g.get("monthabbr")):
        if g.get("year") is not None:
            r = r_date(dict(g) | {"clock": time}, ctx, {})
        else:
            r = r_month_day(dict(g) | {"clock": time}, ctx, {})
        return Resolved(r.value, None, r.point, "TIME") if r else None
    base = _base(ctx)
    if base is None or base.gran != "day":
        if ctx.dct is None:
            return Resolved(f"XXXX-XX-XXT{time}", type="TIME")
        base = Point("day", ctx.dct)
    return _point(Point("day", base.start, time), None, "TIME")


_PM = {"AF", "EV"}  # parts of day after noon; "at night" is after noon from 6 ("10 at night")


def r_hour_pod(g: Groups, ctx: Context, args: Groups) -> Resolved | None:
    """4 in the morning / 3 o'clock in the afternoon / 10 at night: a clock time on the day
    the story is on (as ``clock``)."""
    h, mi = int(g["hour"]), int(g.get("minute") or 0)
    pod = str(g.get("partofday") or "")
    if (pod in _PM or (pod == "NI" and h >= 6)) and h < 12:
        h += 12
    elif h == 12:
        h = {"MO": 0, "NI": 24}.get(pod, 12)  # midnight ends the day, as "midnight Friday"
    return r_clock({"clock": f"{h:02d}:{mi:02d}"}, ctx, args)


# resolvers that look at the tense (the others skip its cost)
TENSED = frozenset({"this_quarter", "weekday", "month", "month_day", "week_of", "weekend", "quarter", "half", "season", "movable", "holiday", "holiday_week", "clock", "relative"})

RESOLVERS: Mapping[str, Callable[[Groups, Context, Groups], Resolved | None]] = {
    name[2:]: fn for name, fn in sorted(globals().items()) if name.startswith("r_") and callable(fn)
}


# --- normalisers for pattern vocabularies ----------------------------------------------------

_SPLIT = re.compile(r"[-\s]+")
_DIGITS_AND_HALF = re.compile(r"(\d+)\s+1/2")
COUNTING_KEYS = ("vague", "article", "filler", "joiner", "half")


@dataclass(frozen=True, slots=True)
class NumberWords:
    """How number words add up: the values of ``[number]`` and ``[counting.quantity]`` and the
    other ``[counting]`` lists of ``patterns.toml`` (see there for what each one means)."""

    values: Mapping[str, int]  # case-folded word -> value
    vague: frozenset[str]
    articles: frozenset[str]
    fillers: frozenset[str]
    joiners: frozenset[str]
    half: re.Pattern[str]  # a half phrase at the end of a count
    half_tail: re.Pattern[str]  # the same with the separator before it, to cut it off

    @classmethod
    def from_tables(cls, number: Mapping[str, str], counting: Mapping[str, Any]) -> NumberWords:
        """``number``: the forms of the ``[number]`` vocabulary (form -> key); ``counting``: the
        ``[counting]`` table. Raises ``ValueError`` saying what is wrong."""
        if not isinstance(counting, Mapping):
            raise ValueError("[counting] must be a table")
        for k in (*COUNTING_KEYS, "quantity"):
            v = counting.get(k)
            lists = v.values() if k == "quantity" and isinstance(v, Mapping) else [v]
            if not v or not all(isinstance(x, list) and x and all(isinstance(w, str) and w.strip() for w in x) for x in lists):
                raise ValueError(f"[counting] needs {k!r} as a non-empty " + ("table of lists of words" if k == "quantity" else "list of words"))
        values: dict[str, int] = {}
        for table, pairs in (("number", [(key, [form]) for form, key in number.items()]), ("counting.quantity", list(counting["quantity"].items()))):
            for key, forms in pairs:
                try:
                    n = int(key)
                except ValueError:
                    raise ValueError(f"[{table}] key {key!r} is not a whole number") from None
                for form in forms:
                    values[" ".join(form.casefold().split())] = n

        def words(k: str) -> frozenset[str]:
            return frozenset(" ".join(w.casefold().split()) for w in counting[k])

        half = "|".join(r"[- \s]+".join(re.escape(w) for w in phrase.casefold().split()) for phrase in counting["half"])
        return cls(
            MappingProxyType(values), words("vague"), words("article"), words("filler"), words("joiner"),
            re.compile(rf"(?:{half})$"), re.compile(rf"[- \s]+(?:{half})$"),
        )


def parse_count(text: str, words: NumberWords) -> float | None:
    """'2' -> 2, 'two-and-a-half' -> 2.5, 'twenty four' -> 24, 'a few' -> None (vague).

    Word values come from ``words`` (``[number]`` and ``[counting]`` in ``patterns.toml``): a
    leading article before more words is dropped, fillers are skipped, a vague word means no
    number, 100 multiplies what comes before it and 1000 (and up) closes a group."""
    t = text.casefold().replace(",", "")
    m = _DIGITS_AND_HALF.fullmatch(t)
    if m:
        return int(m.group(1)) + 0.5
    try:
        return float(t)
    except ValueError:
        pass
    parts = [w for w in _SPLIT.split(t) if w]
    if len(parts) > 1 and parts[0] in words.articles:
        t = " ".join(parts[1:])  # "a couple of", "a dozen", "a hundred": the article is not a number
    half = 0.0
    if words.half.search(t):
        half = 0.5
        t = words.half_tail.sub("", t)
    total = 0
    current = 0
    values = words.values
    for w in _SPLIT.split(t):
        if w == "" or w in words.fillers:
            continue
        if w in words.vague:
            return None
        n = values.get(w)
        if n is None:
            return None
        if n == 100:
            current = (current or 1) * 100
        elif n >= 1000:
            total += (current or 1) * n
            current = 0
        else:
            current += n if not (w in words.articles and current) else 0
    return float(total + current) + half


def parse_clock(text: str) -> str | None:
    """'10 a.m.' -> '10:00', '7:15 p.m.' -> '19:15', '22:00' -> '22:00'."""
    m = re.match(r"(\d{1,2})(?::(\d\d))?\s*([ap])?", text.casefold())
    if not m:
        return None
    h, mi, ap = int(m.group(1)), int(m.group(2) or 0), m.group(3)
    if ap == "p" and h < 12:
        h += 12
    elif ap == "a" and h == 12:
        h = 0
    if h > 23:
        return None
    return f"{h:02d}:{mi:02d}"


def parse_yy(text: str) -> int:
    """"'89" -> 1989, "'05" -> 2005 (years below 30 are this century)."""
    n = int(text[1:3])
    return 2000 + n if n < 30 else 1900 + n


def parse_yearword(text: str, words: NumberWords) -> int | None:
    """'nineteen ninety-six' -> 1996, 'two thousand' -> 2000, 'two thousand and one' -> 2001:
    a first word times 1000 when a 1000 follows it, else times 100 ('nineteen hundred'), plus
    the count after it (see parse_count); joiners ('and') are skipped."""
    parts = [w for w in _SPLIT.split(text.casefold()) if w and w not in words.joiners]
    values = words.values
    if len(parts) >= 2 and values.get(parts[1]) == 1000:
        tail = parse_count(" ".join(parts[2:]), words) if parts[2:] else 0.0
        return values.get(parts[0], 0) * 1000 + int(tail or 0)
    head = values.get(parts[0], 0) * 100
    rest = parts[1:]
    if len(rest) == 1 and values.get(rest[0]) == 100:
        return head
    n = parse_count(" ".join(rest), words)
    return head + int(n) if n is not None else None


# each normaliser takes the matched text and the rule set's number words (most ignore them)
NORMALIZERS: Mapping[str, Callable[[str, NumberWords], Any]] = {
    "count": parse_count,
    "int": lambda s, _: int(re.match(r"\d+", s).group(0)),  # type: ignore[union-attr]
    "clock": lambda s, _: parse_clock(s),
    "yy": lambda s, _: parse_yy(s),
    "yearword": parse_yearword,
}
