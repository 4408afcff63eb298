"""Where each event sits on the timeline pages: its day group, its month page, its address.

Placement (``docs/site.md``, "Uncertain dates"): an event sits under the day a reader would look
for it, and always shows its honest label:

- a day ("6 Nov 2023"): that day;
- "on or before 6 Nov 2023" and short ranges ("4-5 Nov 2023", at most :data:`SHORT_RANGE_DAYS`
  days): under their last possible day, the day by which it had happened;
- "on or after 6 Nov 2023": under its first possible day;
- a month, a year or a longer range: a group of its own, headed by its label, placed just
  before the first day it can be ("Nov 2023" opens November);
- "date unknown": the last group.

A period that spans more than one calendar month (a year, "Oct-Dec 2023") is headed
"2022 (no exact month)" and sits on the page of its first month, which says so.

The timeline is split into month pages (``timeline/2023-11.html``) when more than
:data:`SPLIT_AFTER` events are on it. Once split, a month page is the canonical place of its
events' ``#e-`` anchors and days' ``#d-`` anchors; ``timeline.html`` becomes the index and keeps
an anchor for every day and every event (and alias) that links on, so no link given out breaks.

"Now" splits the newest-first page: :func:`coming_up` (dated after the reference day, soonest
first) above :func:`newest_first` (on or before it, newest first). :func:`latest_day` is where
"Jump to the latest day" goes. The limits are data: ``data/site.toml``.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Iterable, Sequence

from markupsafe import Markup, escape

from sitegen.events.model import DateRange, Event

DATA = Path(__file__).resolve().parent / "data" / "site.toml"


@dataclass(frozen=True, slots=True)
class Settings:
    """The layout's limits, as read from ``data/site.toml``."""

    split_after: int  # events on the timeline above which it is split by month
    newest_limit: int  # events on the newest-first page (whole days)


def settings(path: Path = DATA) -> Settings:
    """``data/site.toml`` read and checked; a bad value names the file, the key and what was expected."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    found: dict[str, int] = {}
    for table, key in (("timeline", "split_after"), ("latest", "newest_limit")):
        value = data.get(table, {}).get(key)
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            raise ValueError(f"{path}: [{table}] {key} is {value!r} (expected a whole number of at least 1)")
        found[key] = value
    return Settings(**found)


_SETTINGS = settings()
SPLIT_AFTER = _SETTINGS.split_after  # module attributes, read at call time (tests may patch them)
NEWEST_LIMIT = _SETTINGS.newest_limit
SHORT_RANGE_DAYS = 7
UNDATED = "undated"

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
               "October", "November", "December")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


@dataclass(frozen=True, slots=True)
class Group:
    """One heading of the timeline and its events (in timeline order). ``anchor`` is
    ``d-YYYY-MM-DD`` for a day, ``p-YYYY-MM-DD-YYYY-MM-DD`` for a period, ``d-undated``."""

    anchor: str
    heading: str
    day: date | None  # the day of a day group
    period: DateRange | None  # the span of a period group
    month: str  # "2023-11", or "undated"
    events: tuple[Event, ...]
    _order: tuple[int, int] = field(default=(0, 0), repr=False, compare=False)

    @property
    def no_exact_month(self) -> bool:
        """A period past its month (a year, "Oct-Dec"): on its first month's page by convention."""
        return _wider(self)


def placement(when: DateRange) -> tuple[str, date | None]:
    """``("day", d)``, ``("period", first day)`` or ``("undated", None)``: see the module doc."""
    lo, hi = when.earliest, when.latest
    if lo is None and hi is None:
        return "undated", None
    if lo is None:
        return "day", hi
    if hi is None or lo == hi:
        return "day", lo
    if (hi - lo).days < SHORT_RANGE_DAYS and when.precision == "range":
        return "day", hi
    return "period", lo


def long_day(day: date) -> str:
    """``Monday 6 November 2023``: never a numeric date a reader could read two ways."""
    return f"{WEEKDAYS[day.weekday()]} {day.day} {MONTH_NAMES[day.month - 1]} {day.year}"


def month_name(key: str) -> str:
    """``2023-11`` -> ``November 2023`` (a month page's title)."""
    if key == UNDATED:
        return "Date unknown"
    year, month = key.split("-")
    return f"{MONTH_NAMES[int(month) - 1]} {year}"


def month_label(key: str) -> str:
    """``2023-11`` -> ``Nov 2023`` (the month index and navigation); the URL keeps ``2023-11``."""
    if key == UNDATED:
        return "Date unknown"
    year, month = key.split("-")
    return f"{_MONTHS[int(month) - 1]} {year}"


def page_label(key: str, found: Sequence[Group]) -> str:
    """What a month page holds, for the index, navigation and title: ``Nov 2023``; a page that
    holds nothing but one wider period (a year-only event on ``timeline/2022-01.html``) is named
    by it, ``2022 (no exact month)``."""
    wider = {g.heading for g in found if _wider(g)}
    if len(wider) == 1 and all(_wider(g) for g in found):
        return wider.pop()
    return month_label(key)


def _wider(group: Group) -> bool:
    """A period group that runs past its month: it sits on its first month's page by convention."""
    return group.period is not None and not _one_month(group.period)


def _one_month(when: DateRange) -> bool:
    lo, hi = when.earliest, when.latest
    return lo is not None and hi is not None and (lo.year, lo.month) == (hi.year, hi.month)


def period_heading(when: DateRange) -> str:
    """``Nov 2023 (no exact day)`` for a period within a month; ``2022 (no exact month)`` for a
    year or a range across months, which no month page can claim."""
    return f"{when.label} ({'no exact day' if _one_month(when) else 'no exact month'})"


def groups(events: Iterable[Event]) -> list[Group]:
    """The events on the timeline in day and period groups, in reading order."""
    found: dict[str, tuple[tuple[int, int], str, date | None, DateRange | None, str, list[Event]]] = {}
    for event in events:
        if not event.on_timeline:
            continue
        kind, day = placement(event.date)
        if kind == "day":
            assert day is not None
            anchor = f"d-{day.isoformat()}"
            entry = found.setdefault(anchor, ((day.toordinal(), 1), long_day(day), day, None, f"{day:%Y-%m}", []))
        elif kind == "period":
            assert day is not None and event.date.latest is not None
            anchor = f"p-{day.isoformat()}-{event.date.latest.isoformat()}"
            heading = period_heading(event.date)
            entry = found.setdefault(anchor, ((day.toordinal(), 0), heading, None, event.date, f"{day:%Y-%m}", []))
        else:
            entry = found.setdefault(f"d-{UNDATED}", ((10**9, 0), "Date unknown", None, None, UNDATED, []))
        entry[5].append(event)
    ordered = sorted(found.items(), key=lambda item: (item[1][0], item[0]))
    return [Group(anchor, heading, day, period, month, tuple(evs), order)
            for anchor, (order, heading, day, period, month, evs) in ordered]


@dataclass(frozen=True, slots=True)
class Layout:
    """The timeline's pages: one (``timeline.html``) or one per month plus the index."""

    groups: tuple[Group, ...]
    split: bool
    pages: dict[str, str]  # event id or alias -> page path ("timeline.html" or "timeline/2023-11.html")
    day_pages: dict[str, str]  # group anchor -> page path

    @property
    def months(self) -> list[tuple[str, list[Group]]]:
        result: dict[str, list[Group]] = {}
        for group in self.groups:
            result.setdefault(group.month, []).append(group)
        return list(result.items())

    def event_href(self, event_id: str) -> str:
        """The canonical address of an event (by id or alias), relative to the site root."""
        return f"{self.pages[event_id]}#e-{event_id}"

    def group_href(self, anchor: str) -> str:
        return f"{self.day_pages[anchor]}#{anchor}"


def month_page(month: str) -> str:
    return f"timeline/{month}.html"


def layout(events: Sequence[Event], split_after: int | None = None) -> Layout:
    """Where every event and group goes; split by month above ``split_after`` events
    (default :data:`SPLIT_AFTER`)."""
    found = groups(events)
    split = sum(len(g.events) for g in found) > (SPLIT_AFTER if split_after is None else split_after)
    pages: dict[str, str] = {}
    day_pages: dict[str, str] = {}
    for group in found:
        page = month_page(group.month) if split else "timeline.html"
        day_pages[group.anchor] = page
        for event in group.events:
            for key in (event.id, *event.aliases):
                pages.setdefault(key, page)
    return Layout(tuple(found), split, pages, day_pages)


def newest_first(found: Sequence[Group], limit: int | None = None, today: date | None = None) -> list[Group]:
    """The latest groups on or before ``today`` (all dated groups without it), newest first, whole
    groups until ``limit`` events (default :data:`NEWEST_LIMIT`; at least one group); the events
    of a group newest first too. The undated group is left out."""
    past = [g for g in found if g.month != UNDATED and (today is None or not _after(g, today))]
    return _whole_groups(reversed(past), NEWEST_LIMIT if limit is None else limit, newest=True)


def coming_up(found: Sequence[Group], today: date | None, limit: int | None = None) -> list[Group]:
    """The groups dated after ``today`` (a day after it, or a period that starts after it),
    soonest first, whole groups until ``limit`` events: what the newest-first page shows above
    the latest day. Nothing without a reference day."""
    if today is None:
        return []
    future = [g for g in found if g.month != UNDATED and _after(g, today)]
    return _whole_groups(future, NEWEST_LIMIT if limit is None else limit, newest=False)


def latest_day(found: Sequence[Group], today: date | None) -> Group | None:
    """The last day on or before ``today`` (any day without it) with a *reported* event: where
    "Jump to the latest day" goes. A scheduled day in the future is not the latest news."""
    for group in reversed(found):
        if (group.day is not None and (today is None or group.day <= today)
                and any(e.status == "reported" for e in group.events)):
            return group
    return None


def _after(group: Group, today: date) -> bool:
    first = group.day if group.day is not None else group.period.earliest if group.period else None
    return first is not None and first > today


def _whole_groups(ordered: Iterable[Group], limit: int, newest: bool) -> list[Group]:
    result: list[Group] = []
    count = 0
    for group in ordered:
        if result and count + len(group.events) > limit:
            break
        events = tuple(reversed(group.events)) if newest else group.events
        result.append(Group(group.anchor, group.heading, group.day, group.period, group.month, events))
        count += len(group.events)
    return result


def date_markup(when: DateRange) -> Markup:
    """The label of ``when`` with its machine-readable ``<time datetime>`` parts; its text is
    exactly :attr:`DateRange.label`."""
    lo, hi = when.earliest, when.latest
    kind = when.precision

    def t(value: str, text: str) -> str:
        return f'<time datetime="{value}">{escape(text)}</time>'

    if kind == "unknown":
        return Markup("date unknown")
    if kind == "before":
        assert hi is not None
        return Markup(f"on or before {t(hi.isoformat(), _day(hi))}")
    if kind == "after":
        assert lo is not None
        return Markup(f"on or after {t(lo.isoformat(), _day(lo))}")
    assert lo is not None and hi is not None
    if kind == "day":
        return Markup(t(lo.isoformat(), _day(lo)))
    if kind == "month":
        return Markup(t(f"{lo:%Y-%m}", when.label))
    if kind == "year":
        return Markup(t(f"{lo.year:04d}", when.label))
    if lo.year != hi.year:
        return Markup(f"{t(lo.isoformat(), _day(lo))} - {t(hi.isoformat(), _day(hi))}")
    if lo.month != hi.month:
        return Markup(f"{t(lo.isoformat(), f'{lo.day} {_MONTHS[lo.month - 1]}')} - {t(hi.isoformat(), _day(hi))}")
    return Markup(f"{t(lo.isoformat(), str(lo.day))}-{t(hi.isoformat(), _day(hi))}")


def _day(d: date) -> str:
    return f"{d.day} {_MONTHS[d.month - 1]} {d.year}"


def slugify(name: str) -> str:
    """``Recep Tayyip Erdoğan`` -> ``recep-tayyip-erdogan``; ``-`` for a name with no letters."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-") or "-"


def unique_slugs(names: Iterable[str]) -> dict[str, str]:
    """A distinct slug per name, stable for the same set of names: a clash takes ``-2``, ``-3``
    in name order."""
    result: dict[str, str] = {}
    taken: set[str] = set()
    for name in sorted(set(names)):
        base = slugify(name)
        slug, n = base, 1
        while slug in taken or slug == "index":
            n += 1
            slug = f"{base}-{n}"
        taken.add(slug)
        result[name] = slug
    return result
