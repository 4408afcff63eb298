"""The chronological model's values: sentences, entities, quotes, dated event mentions and the
merged timeline entries built from them. All frozen; data flows one way:
article text -> Sentence -> EventMention (per article) -> Event (merged across articles).

Offsets (``start``, ``end``) are character offsets into the article's *text*: its paragraphs
joined by one blank line (``"\\n\\n"``), as :func:`sitegen.events.text.article_text` builds it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Literal

EntityKind = Literal["person", "country", "organisation", "place"]
Status = Literal["reported", "scheduled", "claimed", "negated"]
TIMELINE_STATUSES: frozenset[str] = frozenset({"reported", "scheduled"})


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence: its span in the article text and the 0-based paragraph it belongs to."""

    start: int
    end: int
    text: str
    paragraph: int


@dataclass(frozen=True, slots=True)
class Entity:
    """Someone or somewhere, as resolved: ``name`` is canonical ("Turkey" for "Turkish" and
    "Ankara"; "Hakan Fidan" for "Fidan"). ``role`` is what the text says the person is
    ("Turkish foreign minister"); ``country`` is the country a place or person belongs to
    when known."""

    name: str
    kind: EntityKind
    role: str | None = None
    country: str | None = None

    def to_dict(self) -> dict[str, str | None]:
        return {"name": self.name, "kind": self.kind, "role": self.role, "country": self.country}


@dataclass(frozen=True, slots=True)
class EntityMention:
    """Where an entity is named in the text (``text`` is the words used: "Ankara", "he")."""

    start: int
    end: int
    text: str
    entity: Entity


@dataclass(frozen=True, slots=True)
class DateRange:
    """The calendar days an event can have happened on, both ends inclusive; either may be
    open (``None``). Never narrower than the text allows."""

    earliest: date | None = None
    latest: date | None = None

    @property
    def precision(self) -> str:
        """``day``, ``month``, ``year`` (a whole calendar month or year), ``range`` (a closed
        span of days), ``before``/``after`` (one end open) or ``unknown``."""
        lo, hi = self.earliest, self.latest
        if lo is None and hi is None:
            return "unknown"
        if lo is None:
            return "before"
        if hi is None:
            return "after"
        if lo == hi:
            return "day"
        if lo.day == 1 and _last_of_month(hi) and (lo.year, lo.month) == (hi.year, hi.month):
            return "month"
        if (lo.month, lo.day, hi.month, hi.day) == (1, 1, 12, 31) and lo.year == hi.year:
            return "year"
        return "range"

    @property
    def label(self) -> str:
        """For people: "6 Nov 2023", "4-5 Nov 2023", "30 Oct - 2 Nov 2023", "Nov 2023",
        "2023", "on or before 6 Nov 2023", "on or after 6 Nov 2023", "date unknown"."""
        lo, hi = self.earliest, self.latest
        kind = self.precision
        if kind == "unknown":
            return "date unknown"
        if kind == "before":
            assert hi is not None
            return f"on or before {_day(hi)}"
        if kind == "after":
            assert lo is not None
            return f"on or after {_day(lo)}"
        assert lo is not None and hi is not None
        if kind == "day":
            return _day(lo)
        if kind == "month":
            return f"{_MONTHS[lo.month - 1]} {lo.year}"
        if kind == "year":
            return str(lo.year)
        if lo.year != hi.year:
            return f"{_day(lo)} - {_day(hi)}"
        if lo.month != hi.month:
            return f"{lo.day} {_MONTHS[lo.month - 1]} - {hi.day} {_MONTHS[hi.month - 1]} {hi.year}"
        return f"{lo.day}-{hi.day} {_MONTHS[hi.month - 1]} {hi.year}"

    def overlaps(self, other: DateRange) -> bool:
        """Whether some day is in both ranges (open ends reach forever)."""
        both = self.intersect(other)
        return both.earliest is None or both.latest is None or both.earliest <= both.latest

    def intersect(self, other: DateRange) -> DateRange:
        """The days in both; empty (earliest after latest) when they do not :meth:`overlap <overlaps>`."""
        lo = max((d for d in (self.earliest, other.earliest) if d is not None), default=None)
        hi = min((d for d in (self.latest, other.latest) if d is not None), default=None)
        return DateRange(lo, hi)

    def union(self, other: DateRange) -> DateRange:
        """The smallest range holding both (an open end stays open)."""
        lo = None if self.earliest is None or other.earliest is None else min(self.earliest, other.earliest)
        hi = None if self.latest is None or other.latest is None else max(self.latest, other.latest)
        return DateRange(lo, hi)

    def to_dict(self) -> dict[str, str | None]:
        return {
            "earliest": self.earliest.isoformat() if self.earliest else None,
            "latest": self.latest.isoformat() if self.latest else None,
            "precision": self.precision,
            "label": self.label,
        }


_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")  # not %b: locale-free


def _day(d: date) -> str:
    return f"{d.day} {_MONTHS[d.month - 1]} {d.year}"


def _last_of_month(d: date) -> bool:
    return (d + timedelta(days=1)).month != d.month


@dataclass(frozen=True, slots=True)
class Quote:
    """A direct quotation: the words inside the quotation marks (``start``/``end`` cover
    them, marks excluded), who said them (canonical name, or ``None`` when the text does
    not say) and when."""

    start: int
    end: int
    text: str
    speaker: str | None
    sentence: int  # index into the article's sentences
    date: DateRange

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "speaker": self.speaker, "start": self.start, "end": self.end,
                "date": self.date.to_dict()}


@dataclass(frozen=True, slots=True)
class EventMention:
    """One article's report of one event: the clause that reports it and what it says.

    ``key`` is the mention's own stable id (see ``docs/events.md``): a hash of the article's
    slug, the event type and the sentence's normalised words, so it does not depend on the
    position of the sentence or on other articles. ``anchor`` says how the date was found
    ("timex:the weekend", "after:<key>", "published" ...).
    """

    key: str
    article: str  # slug
    sentence: Sentence
    start: int  # the trigger's span
    end: int
    trigger: str
    type: str
    status: Status
    title: str
    actors: tuple[Entity, ...]
    places: tuple[Entity, ...]
    date: DateRange
    anchor: str


@dataclass(frozen=True, slots=True)
class Source:
    """One article's support for a timeline entry. ``copy_of`` names the slug of the article
    this passage was copied from (wire copy, near-identical text): a copy is cited but does not
    count as independent corroboration. ``date`` is what this source alone says."""

    article: str
    text: str
    start: int
    end: int
    url: str | None
    date: DateRange
    copy_of: str | None = None
    status: Status = "reported"  # what this source says of it: a plan is not a report that it happened

    def to_dict(self) -> dict[str, Any]:
        return {"article": self.article, "text": self.text, "start": self.start, "end": self.end,
                "url": self.url, "date": self.date.to_dict(), "status": self.status, "copy_of": self.copy_of}


@dataclass(frozen=True, slots=True)
class Event:
    """A timeline entry: one real-world event, merged from every article that reports it.

    ``id`` is stable across rebuilds (the key of its founding mention); ``aliases`` are the
    ids it absorbed. ``disputed`` is set when the sources' dates do not overlap: ``date`` is
    then their union and each source keeps its own. ``editorial`` marks what an editor's
    ``events.toml`` changed or added."""

    id: str
    title: str
    type: str
    status: Status
    date: DateRange
    actors: tuple[Entity, ...]
    places: tuple[Entity, ...]
    aliases: tuple[str, ...]
    sources: tuple[Source, ...]
    disputed: bool = False
    editorial: bool = False
    hidden: bool = False

    @property
    def independent(self) -> int:
        """How many articles report it independently: sources that are not copies of another
        article and say what the entry says (an announcement does not corroborate that it
        happened), counted once per article (an article restating itself is one report)."""
        return len({s.article for s in self.sources if s.copy_of is None and s.status == self.status})

    @property
    def on_timeline(self) -> bool:
        return self.status in TIMELINE_STATUSES and not self.hidden

    def to_dict(self) -> dict[str, Any]:
        """The ``events.json`` form (schema in ``docs/events.md``)."""
        return {
            "id": self.id,
            "title": self.title,
            "type": self.type,
            "date": self.date.to_dict(),
            "status": self.status,
            "on_timeline": self.on_timeline,
            "disputed": self.disputed,
            "editorial": self.editorial,
            "hidden": self.hidden,
            "actors": [a.to_dict() for a in self.actors],
            "places": [p.to_dict() for p in self.places],
            "aliases": list(self.aliases),
            "independent_sources": self.independent,
            "sources": [s.to_dict() for s in self.sources],
        }
