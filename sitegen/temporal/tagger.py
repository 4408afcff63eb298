"""``tag(text, dct)``: extract mentions, then resolve them in reading order.

The reference time moves through the text as a reader's would: it starts at the
publication date and becomes each calendar date the text mentions, so "two days later"
counts from the last date before it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace
from datetime import date, datetime, timedelta
from types import MappingProxyType

from .anchors import EventWords, record
from .calendar import Point, interval_of, rank
from .extract import CONTEXT, Mention, candidates, select
from .model import Timex
from .resolve import RESOLVERS, TENSED, Context, Resolved
from .rules import RuleSet, default_rules
from .tense import TenseCues, dates_a_report, default_cues, has_past_verb, past_clause, past_moment, past_narrative, range_start, reported_would, span_past, tense_at

_REF_INTERVALS = {"PRESENT_REF", "PAST_REF", "FUTURE_REF"}
# a month that a past clause puts before publication (tense.past_narrative; not a day without a year,
# which is as often a deadline moved: "the offer was extended to Nov. 20"),
# unless its year is said some other way ("last April", "June last year", "Thursday, Jan. 5")
_NARRATED = frozenset({"month"})
_NAMED_YEAR = ("rel", "yearrel", "year", "dow")
# what a resolver may raise on odd input: the mention is dropped, never the article
RESOLVE_ERRORS = (ValueError, OverflowError, KeyError, TypeError, ZeroDivisionError)


def _pod(dt: datetime) -> str:
    h = dt.hour
    return "MO" if 5 <= h < 12 else "AF" if 12 <= h < 17 else "EV" if 17 <= h < 21 else "NI"


def _interval(res: Resolved, type_: str, dct: date | None) -> tuple[date | None, date | None]:
    """Calendar interval of a DATE/TIME: the period's first and last day. PRESENT_REF is the
    publication day, PAST_REF ends on it, FUTURE_REF starts on it; durations and sets have none."""
    if type_ in ("DURATION", "SET"):
        return None, None
    if res.point is not None:
        return interval_of(res.point)
    if res.value in _REF_INTERVALS and dct is not None:
        return {"PRESENT_REF": (dct, dct), "PAST_REF": (None, dct), "FUTURE_REF": (dct, None)}[res.value]
    return None, None


def bound_interval(
    earliest: date | None,
    latest: date | None,
    mod: str | None,
    text: str,
    dct: date | None,
    cuts: Mapping[str, str] = MappingProxyType({}),
) -> tuple[date | None, date | None]:
    """The interval a mod and the DCT leave of a period. BEFORE / ON_OR_BEFORE open its start
    ("more than two years ago": any time up to the end of 2021), AFTER / ON_OR_AFTER its end
    ("1994 or later"). A period holding the DCT whose first word ``cuts`` maps to "until" ends
    at the DCT ("earlier this week" is this week up to publication), to "from" starts at it
    (``[dct_cut]`` in ``patterns.toml``)."""
    if mod in ("BEFORE", "ON_OR_BEFORE"):
        earliest = None
    elif mod in ("AFTER", "ON_OR_AFTER"):
        latest = None
    if dct is not None and earliest is not None and latest is not None and earliest <= dct <= latest:
        cut = cuts.get(text.split(None, 1)[0].casefold()) if text.strip() else None
        if cut == "until":
            latest = dct
        elif cut == "from":
            earliest = dct
    return earliest, latest


def report_year(ref: Point | None, dct: date | None) -> Point | None:
    """The period under discussion after a reporting span ("For the nine months, net rose"):
    the year the span lies in, that of the quarter (half, year) under discussion, else of
    publication. A year-earlier comparison after it is that year a year back, not the quarter."""
    if ref is not None and ref.gran in ("quarter", "half", "year"):
        return Point("year", date(ref.start.year, 1, 1))
    return Point("year", date(dct.year, 1, 1)) if dct is not None else ref


def _background(m: Mention, text: str, cues: TenseCues | None, has_ref: bool) -> bool:
    """A mention its rule's ``keep_ref_before`` finds just before it is background to the
    story ("After a flat second quarter, the company ..."), as is one after a word of
    ``background`` in ``[tense]`` once the story has a time of its own ("returns on Sunday for
    the first time since 2019"; a first date after "since" is still the only one to count from:
    "Since Tuesday's vote, ... The next day"): it does not move the reference."""
    pat = m.rule.keep_ref_before
    if has_ref and cues is not None and cues.background.search(text, max(0, m.start - 16), m.start):
        return True
    return pat is not None and pat.search(text, max(0, m.start - CONTEXT), m.start) is not None


_COMMA = re.compile(r"\s*,\s*")
_SENTENCE_END = re.compile(r"[.!?][\"\u201d')]*\s+(?=[\"\u201c(]?[A-Z0-9])")


def _same_sentence(text: str, a: int, b: int) -> bool:
    return not _SENTENCE_END.search(text, a, b)


def _near(period: tuple[Point, int] | None, start: int, text: str) -> Point | None:
    """The half or year under discussion (``period``: it and where its mention ends), if it was
    named in this sentence or the one before: a bare "the second half" leans on it."""
    if period is None:
        return None
    p, end = period
    return p if len(_SENTENCE_END.findall(text, end, start)) <= 1 else None


def _apposed(prev: tuple[Mention, Resolved] | None, m: Mention, text: str) -> Point | None:
    """The year-ago period ``m`` stands in apposition to, right after it and a comma ("In the
    year-ago quarter, the second quarter ended Oct. 31, ..."): the appositive names a period of
    that year, not of this one."""
    if prev is None:
        return None
    pm, res = prev
    if pm.rule.resolve != "year_earlier" or res.point is None or not _COMMA.fullmatch(text, pm.end, m.start):
        return None
    return res.point


def _fill(template: str, groups: dict[str, object]) -> str:
    out = template
    for k, v in groups.items():
        out = out.replace("{" + k + "}", str(v))
    return out


def resolve_mention(m: Mention, text: str, ctx: Context) -> Resolved | None:
    rule = m.rule
    if rule.value is not None:
        return Resolved(_fill(rule.value, dict(m.groups)))
    fn = RESOLVERS[rule.resolve or ""]
    return fn(m.groups, ctx, rule.args)


def tag(text: str, dct: date | datetime | None = None, rules: RuleSet | None = None,
        tense: str | None = None) -> list[Timex]:
    """All time expressions in ``text``, resolved against the publication date ``dct``.

    ``tense`` ("future", "past" or "none") replaces the tense read from the words around each
    expression, for a caller who knows it better (the event extractor knows its verb's tense:
    "On Saturday, after weeks of talks, ministers will meet" has the future past an aside).

    Sorted by start, never overlapping, ``text[t.start:t.end] == t.text``. Without ``dct``,
    relative expressions keep an underspecified value (``XXXX-XX-XX``). Never raises on a str
    with a valid ``dct``; a ``dct`` that is not a date (say the string ``"2023-11-06"``) is a
    ``TypeError``. An expression whose value or interval falls outside the calendar (year 1 to
    9999) is left out.
    """
    if dct is not None and not isinstance(dct, date):
        raise TypeError(f"dct must be a datetime.date, a datetime or None, not {type(dct).__name__} {dct!r}")
    if not isinstance(text, str) or not text:
        return []
    ruleset = rules or default_rules()
    pod = None
    if isinstance(dct, datetime):
        pod = _pod(dct) if (dct.hour, dct.minute) != (0, 0) else None
        dct = dct.date()
    order = ruleset.order
    found = candidates(text, ruleset)
    failed: set[int] = set()
    for _ in range(8):  # a mention that cannot be resolved gives way to the ones it overlapped
        out, bad = _resolve_all(
            select([c for i, c in enumerate(found) if i not in failed], order), text, dct, pod, ruleset.tense,
            ruleset.dct_cut, tense, ruleset.events, ruleset.place_gap, ruleset.list_join
        )
        if not bad:
            return out
        bad_ids = {id(b) for b in bad}
        failed |= {i for i, c in enumerate(found) if id(c) in bad_ids}
    return out


def _range_end(m: Mention, end: Mention, text: str, dct: date | None, pod: str | None,
               ref: Point | None, cues: TenseCues | None) -> Point | None:
    """The end of the range ``m`` opens ("between Saturday and July 7", "from Monday to Friday"),
    resolved as it would be on its own; None if ``m`` opens no range or the end does not resolve.
    A mention without a cue lies ahead if the end does ("AAA expects 70 million people to travel
    between Saturday and July 7" on a Friday: the coming Saturday); a weekday that would still
    come after the end is the one on or before it ("Sales rose from Saturday to Nov. 2": Oct. 28,
    not Nov. 4)."""
    if dct is None or not range_start(text, m.start, m.end, end.start, cues):
        return None
    res = _peek(end, text, Context(dct, pod, ref, "none"), cues)
    return res.point if res is not None else None


def _peek(nxt: Mention, text: str, ctx: Context, cues: TenseCues | None) -> Resolved | None:
    """The next mention resolved ahead of its turn, with its own tense (None if it cannot be)."""
    tense = tense_at(text, nxt.start, nxt.end, cues) if nxt.rule.resolve in TENSED else "none"
    try:
        return resolve_mention(nxt, text, replace(ctx, tense=tense))
    except RESOLVE_ERRORS:
        return None


def _dayless_clock(m: Mention) -> bool:
    """A clock time that names no day of its own ("at 10 p.m.", not "10 p.m. Wednesday")."""
    return m.rule.resolve in ("clock", "hour_pod") and all(m.groups.get(k) is None for k in ("weekday", "deictic", "day"))


def _event_day(m: Mention, text: str, events: Mapping[str, Point | None], words: EventWords | None,
               keys: list[int]) -> Point | None:
    """The day of a dated event a clock time without a day of its own belongs to ("was shot to
    death at 10 p.m." after "shot to death last Oct. 23": 10 p.m. that day), if the event's verb
    or noun stands beside it as it would beside a date (anchors.py)."""
    if words is None or not events or not _dayless_clock(m):
        return None
    event = words.dated_event(text, m.start, m.end, keys)
    day = events.get(event) if event is not None else None
    return Point("day", day.start) if day is not None and day.gran == "day" else None


def _clock_day(m: Mention, nxt: Mention, text: str, ctx: Context, cues: TenseCues | None,
               place: re.Pattern[str] | None) -> Point | None:
    """The day a clock time without one takes from the day named right after it, or after a
    short place phrase ("saw the car at 6 a.m. near the house on Oct. 13", "at 6 a.m. near his
    home 10 days before the murder"; ``place``: the gap it may leave). None if ``m`` names its
    own day, or something else comes between ("close at 8 p.m. and results are due Friday")."""
    if place is None or not _dayless_clock(m) or not place.fullmatch(text, m.end, nxt.start):
        return None
    res = _peek(nxt, text, ctx, cues)
    if res is None or res.point is None or res.point.gran != "day" or res.point.time:
        return None
    return Point("day", res.point.start)


_LIST_GAP = re.compile(r"[^.;:!?\n]{1,80}")


def _listed_after_future(prev: tuple[Mention, Resolved], m: Mention, text: str, dct: date | None,
                         cues: TenseCues | None, join: re.Pattern[str] | None) -> bool:
    """Does weekday ``m`` go on a list of days whose last one, ``prev``, lies ahead in its
    sentence ("The season opens on Monday, followed by physics on Tuesday and chemistry on
    Wednesday")? Only with a joining word of ``join`` and no verb in the past between (any
    word in -ed counts: "after witnesses testified on Tuesday" is no list), and only if the
    coming such day falls after the last one (a list goes forward)."""
    pm, res = prev
    if (dct is None or join is None or res.point is None or res.point.gran != "day" or res.point.start <= dct
            or pm.rule.resolve not in ("weekday", "clock") or not _LIST_GAP.fullmatch(text, pm.end, m.start)):
        return False
    gap = text[pm.end : m.start]
    if not join.search(gap) or has_past_verb(gap, cues or default_cues(), subject=False):
        return False
    weekday = int(m.groups["weekday"])
    return dct + timedelta(days=(weekday - dct.isoweekday()) % 7) > res.point.start


def _resolve_all(
    mentions: list[Mention],
    text: str,
    dct: date | None,
    pod: str | None,
    cues: TenseCues | None = None,
    cuts: Mapping[str, str] = MappingProxyType({}),
    forced: str | None = None,
    words: EventWords | None = None,
    place: re.Pattern[str] | None = None,
    join: re.Pattern[str] | None = None,
) -> tuple[list[Timex], list[Mention]]:
    """Resolve in reading order, moving the reference time along; also return the failures."""
    ref: Point | None = None
    span: str | None = None  # a reporting span under discussion ("the nine months"), until the next period
    prev: tuple[Mention, Resolved] | None = None  # the last mention resolved
    period: tuple[Point, int] | None = None  # the half or year under discussion, and where it was named
    events: dict[str, Point | None] = {}  # the events dated so far (anchors.py)
    keys = words.key_positions(text) if words is not None else []  # where event words stand
    ref_at: int | None = None  # where the mention that set ``ref`` ends
    quarter: Point | None = None  # the last quarter that became the reference time
    out: list[Timex] = []
    bad: list[Mention] = []
    for i, m in enumerate(mentions):
        tense = (forced or tense_at(text, m.start, m.end, cues)) if m.rule.resolve in TENSED else "none"
        until: date | None = None  # the end of the range this weekday opens
        weekday = m.rule.resolve == "weekday" and m.groups.get("rel") is None and m.groups.get("arel") is None
        if (tense == "none" or weekday) and m.rule.resolve in TENSED and i + 1 < len(mentions):
            end = _range_end(m, mentions[i + 1], text, dct, pod, ref, cues)
            if end is not None and dct is not None and tense == "none" and end.start > dct:
                tense = "future"
            if end is not None and weekday and end.gran == "day":
                until = end.start  # "from Monday to Friday", either side of publication: no start after the end
        if (tense == "none" and str(m.groups.get("rel")) == "0" and not forced
                and (m.rule.resolve == "weekday" or m.groups.get("unit") == "weekend")
                and past_clause(text, m.start, m.end, cues)):
            tense = "past"  # "packed the stadium this weekend": this week's, unless still ahead
        if (tense == "none" and weekday and not forced and prev is not None
                and _listed_after_future(prev, m, text, dct, cues, join)):
            tense = "future"  # "opens on Monday ..., followed by physics on Tuesday": the list goes on ahead
        if (tense == "none" and not forced and dct is not None and m.rule.resolve in _NARRATED
                and not m.rule.args.get("span_end")  # span_past below, which heeds a verb of deferral
                and not any(m.groups.get(k) is not None for k in _NAMED_YEAR)
                and past_narrative(text, m.start, m.end, cues)):
            tense = "past"  # "changed to a calendar year in December" in October: last December
        if tense != "past" and not forced and dct is not None and m.rule.args.get("span_end") and span_past(text, m.start, m.end, cues):
            tense = "past"  # "stayed in Paris until January": a span gone by, though "until" sets a deadline
        if tense == "future" and m.rule.args.get("from_ref") and not forced and reported_would(text, m.start, cues):
            tense = "none"  # "said it would come by the end of the day": the story's day, not publication's
        if m.rule.args.get("present_moment") and not forced and past_moment(text, m.start, m.end, cues):
            bad.append(m)  # "This historic moment was captured in 1969": a moment of the story, not now
            continue
        ctx = Context(dct, pod, ref, tense, span, _apposed(prev, m, text), _near(period, m.start, text), until, events, quarter)
        day = _event_day(m, text, events, words, keys)
        if day is None and i + 1 < len(mentions):
            day = _clock_day(m, mentions[i + 1], text, ctx, cues, place)
        if day is not None:
            ctx = replace(ctx, ref=day)
        try:
            res = resolve_mention(m, text, ctx)
            if res is not None:
                type_ = res.type or m.rule.type
                earliest, latest = _interval(res, type_, dct)
        except RESOLVE_ERRORS:
            res = None
        if res is None:
            bad.append(m)
            continue
        g = m.groups
        mod = res.mod or m.rule.mod or g.get("edge") or g.get("edgeword") or g.get("approx") or g.get("suffix")
        earliest, latest = bound_interval(earliest, latest, mod, text[m.start : m.end], dct, cuts)
        out.append(Timex(m.start, m.end, text[m.start : m.end], type_, res.value, mod, earliest, latest, m.rule.name))
        prev = (m, res)
        if words is not None and res.point is not None and type_ in ("DATE", "TIME"):
            event = words.dated_event(text, m.start, m.end, keys)
            if event is not None:
                record(events, event, res.point)
        if (
            res.point is not None
            and type_ in ("DATE", "TIME")
            and rank(res.point.gran) <= rank("year")
            and res.anchor
            and not m.rule.args.get("keep_ref")
            and not _background(m, text, cues, ref is not None)
            # "derailed late Sunday, police said on Monday": the saying's day after a day of the story
            # in its sentence; not "reported first-quarter profit", nor after "founded in 1998"
            and not (res.point.gran == "day" and ref is not None and ref.gran == "day" and ref_at is not None
                     and _same_sentence(text, ref_at, m.start) and dates_a_report(text, m.start, cues))
        ):
            ref = Point(res.point.gran, res.point.start)
            ref_at = m.end
            span = None
            if ref.gran == "quarter":
                quarter = ref
            if ref.gran in ("half", "year"):
                period = (ref, m.end)
            elif rank(ref.gran) > rank("week"):  # a quarter, month or season: no half or year under discussion
                period = None
        elif m.rule.args.get("report_span") and type_ == "DURATION":
            span, ref = res.value, report_year(ref, dct)
    return out, bad
