"""Properties: arbitrary text never crashes the tagger; spans are always valid; "last X" is an X."""

from __future__ import annotations

import re
from datetime import date, timedelta

from hypothesis import example, given, settings
from hypothesis import strategies as st

from sitegen.temporal import Timex, tag
from sitegen.temporal.resolve import resolve_weekday, resolve_weekday_rel

# inputs that would hang on quadratic backtracking; timed in benchmarks/tempeval.py
PATHOLOGICAL = ("one " * 3000, "1 " * 3000, "twenty-" * 3000 + "years", "early " * 3000 + "1990", "10:30 " * 1000, " \n" * 3000 + "May")

WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
WORDS = WEEKDAYS + [
    "May", "March", "may", "fall", "the", "last", "next", "this", "week", "weekend", "year", "years",
    "two", "a", "couple", "of", "days", "later", "earlier", "ago", "1998", "1,500", "$2000", "'89", "1990s",
    "Nov.", "4", "4th", "2023-11-06", "10:30", "p.m.", "morning", "tonight", "yesterday", "now", "quarter",
    "third-quarter", "mid-", "late", "early", "every", "-", ",", ".", "\n", "  ", "and-a-half", "hours",
    "fiscal", "the following", "summer", "Q3", "nineteen", "ninety-six", "century", "12/31/1999",
]

dates = st.dates(min_value=date.min, max_value=date.max)  # the calendar's edges must not crash
inner = st.dates(min_value=date(1, 1, 8), max_value=date(9999, 12, 24))  # a week from the edges
published = st.one_of(st.none(), dates)
texts = st.one_of(
    st.text(max_size=300),
    st.lists(st.sampled_from(WORDS), max_size=40).map(" ".join),
    st.lists(st.one_of(st.sampled_from(WORDS), st.text(max_size=5)), max_size=30).map("".join),
)


def _check_spans(text: str, found: list[Timex]) -> None:
    end = 0
    for t in found:
        assert 0 <= t.start < t.end <= len(text)
        assert t.start >= end, "overlapping or out of order"
        assert text[t.start : t.end] == t.text
        assert t.type in ("DATE", "TIME", "DURATION", "SET")
        assert t.value
        if t.earliest and t.latest:
            assert t.earliest <= t.latest
        end = t.end


@settings(max_examples=300, deadline=None)
@given(texts, published)
@example("this week", date.max)
@example("the following week", date(9999, 12, 25))
@example("last week, next year, the next decade, early next century", date.max)
@example("last week, the previous year, the last century, two years ago", date.min)
def test_never_crashes_and_spans_are_valid(text: str, dct: date | None) -> None:
    _check_spans(text, tag(text, dct))


@settings(max_examples=200, deadline=None)
@given(inner, st.sampled_from(WEEKDAYS), st.sampled_from(["It happened last {}.", "Last {} the talks failed.", "last {}"]))
def test_last_weekday_is_that_weekday_1_to_7_days_before(dct: date, weekday: str, template: str) -> None:
    found = [t for t in tag(template.format(weekday), dct) if weekday in t.text]
    assert len(found) == 1
    day = date.fromisoformat(found[0].value)
    assert day.isoweekday() == WEEKDAYS.index(weekday) + 1
    assert timedelta(days=1) <= dct - day <= timedelta(days=7)


@settings(max_examples=100, deadline=None)
@given(inner, st.sampled_from(WEEKDAYS))
def test_next_weekday_is_that_weekday_1_to_7_days_after(dct: date, weekday: str) -> None:
    found = tag(f"They meet next {weekday}.", dct)
    day = date.fromisoformat(found[0].value)
    assert day.isoweekday() == WEEKDAYS.index(weekday) + 1
    assert timedelta(days=1) <= day - dct <= timedelta(days=7)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(WORDS + ["\n\n", " \n \n ", "\r\n\r\n"]), max_size=30).map(" ".join), published)
def test_no_tag_runs_across_a_blank_line(text: str, dct: date | None) -> None:
    for t in tag(text, dct):
        assert not re.search(r"\n[^\S\n]*\n", t.text), t


@settings(max_examples=100, deadline=None)
@given(texts)
def test_deterministic(text: str) -> None:
    assert tag(text, date(2023, 11, 6)) == tag(text, date(2023, 11, 6))


def test_runs_of_trigger_words_give_valid_spans() -> None:
    # how long they take is a benchmark figure (benchmarks/tempeval.py, "pathological inputs")
    for run in PATHOLOGICAL:
        _check_spans(run, tag(run, date(2023, 11, 6)))


@settings(max_examples=300, deadline=None)
@given(inner, st.integers(1, 7), st.sampled_from(["past", "none", "future"]))
def test_resolve_weekday_is_that_weekday_within_a_week(dct: date, weekday: int, tense: str) -> None:
    day = resolve_weekday(weekday, dct, tense)
    assert day.isoweekday() == weekday
    if tense == "future":
        assert timedelta(0) <= day - dct <= timedelta(days=6)
    else:
        assert timedelta(0) <= dct - day <= timedelta(days=6)


@settings(max_examples=300, deadline=None)
@given(inner, st.integers(1, 7), st.sampled_from([-1, 1]), st.sampled_from(["past", "none", "future"]))
def test_resolve_weekday_rel_last_and_next_are_1_to_7_days_away(dct: date, weekday: int, rel: int, tense: str) -> None:
    day = resolve_weekday_rel(weekday, dct, rel, tense)
    assert day.isoweekday() == weekday
    assert timedelta(days=1) <= (day - dct) * rel <= timedelta(days=7)
