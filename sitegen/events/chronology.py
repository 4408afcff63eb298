"""Relations between events narrow their intervals: ``propagate(intervals, constraints)``.

Each relation is read the way a reader would and never invents precision:

- ``a after b`` ("Following their meeting, Blinken told reporters"): ``a`` starts no earlier than
  ``b`` can start, and ``b`` ends no later than ``a`` can end;
- ``a before b`` ("Earlier, Ankara recalled its ambassador"): ``a`` ends no later than ``b`` can
  end; with a gap of ``n`` days ("Hours before Blinken's arrival": 1) ``a`` also starts no
  earlier than ``n`` days before ``b`` can start;
- ``a during b`` ("During Blinken's visit"): ``a`` lies within ``b``;
- a negative gap is exact: ``a after b`` with gap ``-2`` ("Two days after the talks") is ``b``'s
  days moved two days on.

Days are the unit: "before" allows the same day ("hours before" may be the same day or the day
before). Narrowing repeats until nothing changes; a relation that would leave an event no
possible day is ignored (the text contradicts itself, and we keep what each part says alone).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Mapping, Sequence

from .model import DateRange


@dataclass(frozen=True, slots=True)
class Constraint:
    """``subject`` happened ``relation`` (before/after/during) ``other``, at most ``gap`` days apart
    (exactly ``-gap`` days when negative)."""

    subject: str
    relation: str
    other: str
    gap: int | None = None


def _max(a: date | None, b: date | None) -> date | None:
    return b if a is None else a if b is None else max(a, b)


def _min(a: date | None, b: date | None) -> date | None:
    return b if a is None else a if b is None else min(a, b)


def _shift(d: date | None, days: int) -> date | None:
    return None if d is None else d + timedelta(days=days)


def _narrow(a: DateRange, b: DateRange, c: Constraint) -> tuple[DateRange, DateRange]:
    if c.gap is not None and c.gap < 0 and c.relation in ("after", "before"):
        days = -c.gap if c.relation == "after" else c.gap
        a = DateRange(_max(a.earliest, _shift(b.earliest, days)), _min(a.latest, _shift(b.latest, days)))
        b = DateRange(_max(b.earliest, _shift(a.earliest, -days)), _min(b.latest, _shift(a.latest, -days)))
        return a, b
    if c.relation == "after":
        a = DateRange(_max(a.earliest, b.earliest), a.latest)
        b = DateRange(b.earliest, _min(b.latest, a.latest))
        if c.gap is not None:
            a = DateRange(a.earliest, _min(a.latest, _shift(b.latest, c.gap)))
            b = DateRange(_max(b.earliest, _shift(a.earliest, -c.gap)), b.latest)
    elif c.relation == "before":
        a = DateRange(a.earliest, _min(a.latest, b.latest))
        b = DateRange(_max(b.earliest, a.earliest), b.latest)
        if c.gap is not None:
            a = DateRange(_max(a.earliest, _shift(b.earliest, -c.gap)), a.latest)
            b = DateRange(b.earliest, _min(b.latest, _shift(a.latest, c.gap)))
    elif c.relation == "during":
        a = DateRange(_max(a.earliest, b.earliest), _min(a.latest, b.latest))
    return a, b


def _empty(r: DateRange) -> bool:
    return r.earliest is not None and r.latest is not None and r.earliest > r.latest


def propagate(intervals: Mapping[str, DateRange], constraints: Sequence[Constraint]) -> dict[str, DateRange]:
    """Narrow every interval by the constraints until nothing changes (a fixpoint: intervals only
    shrink, so it ends). Constraints naming unknown keys are ignored."""
    dates = dict(intervals)
    usable = [c for c in constraints if c.subject in dates and c.other in dates and c.subject != c.other]
    for _ in range(len(usable) * 4 + 1):
        changed = False
        for c in usable:
            a, b = _narrow(dates[c.subject], dates[c.other], c)
            if _empty(a) or _empty(b):
                continue
            if (a, b) != (dates[c.subject], dates[c.other]):
                dates[c.subject], dates[c.other] = a, b
                changed = True
        if not changed:
            break
    return dates
