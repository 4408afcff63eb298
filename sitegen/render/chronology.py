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

The timeline is split into month pages (``timeline/2023-11.html``) when more than
:data:`SPLIT_AFTER` events are on it. Once split, a month page is the canonical place of its
events' ``#e-`` anchors and days' ``#d-`` anchors; ``timeline.html`` becomes the index and keeps
an anchor for every day and every event (and alias) that links on, so no link given out breaks.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from typing import Iterable, Sequence

from markupsafe import Markup, escape

from sitegen.events.model import DateRange, Event

SPLIT_AFTER = 150
SHORT_RANGE_DAYS = 7
NEWEST_LIMIT = 100  # events on the newest-first page
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
    if key == UNDATED:
        return "Date unknown"
    year, month = key.split("-")
    return f"{MONTH_NAMES[int(month) - 1]} {year}"


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
            heading = f"{event.date.label} (no exact day)"
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


def newest_first(found: Sequence[Group], limit: int = NEWEST_LIMIT) -> list[Group]:
    """The latest groups, newest first, whole groups until ``limit`` events (at least one
    group); the events of a group newest first too. The undated group is left out."""
    result: list[Group] = []
    count = 0
    for group in reversed([g for g in found if g.month != UNDATED]):
        if result and count + len(group.events) > limit:
            break
        result.append(Group(group.anchor, group.heading, group.day, group.period, group.month,
                            tuple(reversed(group.events))))
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
