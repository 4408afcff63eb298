"""What the briefing (``index.html``) says: pure functions of the story and the config.

Nothing here reads the clock. "Now" is :func:`reference_time`: ``config.as_of`` when given,
else the publication time of the newest article. The weights that rank key developments are
data (``data/briefing.toml``); ``docs/site.md`` explains them with the seed story.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Literal, Sequence
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError
from datetime import timezone as dt_timezone

from sitegen.config import Config
from sitegen.events.model import Entity, Event, Quote
from sitegen.model import Article, Story

DATA = Path(__file__).resolve().parent / "data" / "briefing.toml"


@dataclass(frozen=True, slots=True)
class Weights:
    """The ranking's knobs, as read from ``data/briefing.toml``."""

    sources: float
    recency: float
    open_start: float
    default_type: float
    types: dict[str, float]
    key_developments: int
    whos_who: int
    key_quotes: int
    quote_min_words: int

    def type_weight(self, kind: str) -> float:
        return self.types.get(kind, self.default_type)


@lru_cache(maxsize=1)
def weights() -> Weights:
    data = tomllib.loads(DATA.read_text(encoding="utf-8"))
    score, limits = data["score"], data["limits"]
    return Weights(
        sources=float(score["sources"]), recency=float(score["recency"]), open_start=float(score["open_start"]),
        default_type=float(score["default_type"]), types={k: float(v) for k, v in data["type"].items()},
        key_developments=int(limits["key_developments"]), whos_who=int(limits["whos_who"]),
        key_quotes=int(limits["key_quotes"]), quote_min_words=int(limits["quote_min_words"]),
    )


# --- "now" -------------------------------------------------------------------------------------


def _zone(config: Config) -> dt_timezone | ZoneInfo:
    try:
        return ZoneInfo(config.timezone)
    except (ZoneInfoNotFoundError, ValueError):
        return dt_timezone.utc


def article_time(article: Article, config: Config) -> datetime | None:
    """When an article was published: its timestamp, else the end of its day in the story's
    time zone (the same reading ``--as-of 2023-11-06`` gets); ``None`` when undated."""
    if article.published_at is not None:
        return article.published_at
    if article.published is None:
        return None
    return datetime.combine(article.published, time(23, 59, 59), tzinfo=_zone(config))


def reference_time(story: Story, config: Config) -> datetime | None:
    """The briefing's "now": ``config.as_of``, else the newest article's publication time;
    ``None`` for a story with no dated article."""
    if config.as_of is not None:
        return config.as_of
    times = [t for t in (article_time(a, config) for a in story.articles) if t is not None]
    return max(times, default=None)


def reference_day(story: Story, config: Config) -> date | None:
    now = reference_time(story, config)
    return now.astimezone(_zone(config)).date() if now else None


# --- key developments --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Ranked:
    """An event with its score and the parts the score is made of (shown on request, tested)."""

    event: Event
    score: float
    sources: float
    type: float
    recency: float


def event_day(event: Event) -> date | None:
    """The day recency is measured from: the latest day the event can have been on (its start
    when the end is open); ``None`` when undated."""
    return event.date.latest or event.date.earliest


def score(event: Event, today: date | None, w: Weights | None = None) -> Ranked:
    """``sources x independent + type weight + recency / (1 + age in days)``; an event in the
    future has age 0, an undated one no recency, an open start ("on or before") half of it."""
    w = w or weights()
    sources = w.sources * event.independent
    kind = w.type_weight(event.type)
    day = event_day(event)
    recency = 0.0
    if day is not None and today is not None:
        age = max(0, (today - day).days)
        recency = w.recency / (1 + age)
        if event.date.earliest is None:
            recency *= w.open_start
    total = round(sources + kind + recency, 6)
    return Ranked(event, total, sources, kind, round(recency, 6))


def key_developments(events: Iterable[Event], today: date | None, limit: int | None = None) -> list[Ranked]:
    """The events on the timeline, highest score first; ties go to the later event, then the id."""
    w = weights()
    ranked = [score(e, today, w) for e in events if e.on_timeline]
    ranked.sort(key=lambda r: (-r.score, -_ordinal(event_day(r.event)), r.event.id))
    return ranked[: w.key_developments if limit is None else limit]


def _ordinal(day: date | None) -> int:
    return day.toordinal() if day else 0


# --- what is new -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class NewItem:
    """An event first reported in the window (``new``) or reported before it and given another
    independent source in it (``updated``); ``articles`` are the slugs of the reports in the window."""

    event: Event
    kind: Literal["new", "updated"]
    articles: tuple[str, ...]


def window(story: Story, config: Config) -> tuple[datetime, datetime] | None:
    """``(start, end]``: the ``new_window_hours`` before :func:`reference_time`."""
    end = reference_time(story, config)
    return (end - timedelta(hours=config.new_window_hours), end) if end else None


def what_is_new(story: Story, config: Config) -> list[NewItem]:
    """Derived from the inputs alone (never from a previous build): an event is **new** when its
    first report (its earliest source article) was published in the window, **updated** when it
    was first reported before the window and an independent source (not a copy) was published in
    it. Articles after the reference time do not count. New first, then updated; each in timeline
    order."""
    span = window(story, config)
    if span is None:
        return []
    start, end = span
    times = {a.slug: article_time(a, config) for a in story.articles}

    def inside(slug: str) -> bool:
        t = times.get(slug)
        return t is not None and start < t <= end

    new, updated = [], []
    for event in story.events:
        if not event.on_timeline:
            continue
        known = [t for t in (times.get(s.article) for s in event.sources) if t is not None and t <= end]
        if not known:
            continue
        fresh = tuple(dict.fromkeys(s.article for s in event.sources if inside(s.article)))
        if min(known) > start:
            new.append(NewItem(event, "new", fresh))
        else:
            gained = tuple(dict.fromkeys(s.article for s in event.sources if s.copy_of is None and inside(s.article)))
            if gained:
                updated.append(NewItem(event, "updated", gained))
    return new + updated


# --- who's who ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Actor:
    """Someone or something that acts in the story, with the events they act in (timeline order)."""

    name: str
    kind: str
    role: str | None
    country: str | None
    events: tuple[Event, ...]

    @property
    def latest(self) -> Event:
        """Their latest action: the last dated event they act in (the last one if none is dated)."""
        dated = [e for e in self.events if event_day(e) is not None]
        return (dated or list(self.events))[-1]


_KIND_ORDER = {"person": 0, "organisation": 1, "country": 2, "place": 3}


def actors(events: Sequence[Event]) -> list[Actor]:
    """Every actor of the events on the timeline: people first, then organisations and countries;
    within a kind, most events first, then by name. Role and country are the first known."""
    found: dict[str, list[Any]] = {}
    for event in events:
        if not event.on_timeline:
            continue
        for entity in event.actors:
            entry = found.setdefault(entity.name, [entity, []])
            entry[0] = _fill(entry[0], entity)
            if event not in entry[1]:
                entry[1].append(event)
    result = [Actor(e.name, e.kind, e.role, e.country, tuple(evs)) for e, evs in found.values()]
    result.sort(key=lambda a: (_KIND_ORDER.get(a.kind, 9), -len(a.events), a.name))
    return result


def _fill(known: Entity, other: Entity) -> Entity:
    if known.role and known.country:
        return known
    return Entity(known.name, known.kind, known.role or other.role, known.country or other.country)


def whos_who(events: Sequence[Event], limit: int | None = None) -> list[Actor]:
    w = weights()
    return actors(events)[: w.whos_who if limit is None else limit]


# --- key quotes --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class KeyQuote:
    quote: Quote
    article: Article


def key_quotes(story: Story, limit: int | None = None) -> list[KeyQuote]:
    """Quotes with a speaker and at least ``quote_min_words`` words, latest first (by the
    quote's latest possible day, then its article's date), one per speaker before any speaker
    gets a second; the same words quoted twice count once."""
    w = weights()
    by_slug = {a.slug: a for a in story.articles}
    candidates: list[KeyQuote] = []
    seen: set[str] = set()
    for slug in sorted(story.quotes):
        article = by_slug.get(slug)
        if article is None:
            continue
        for quote in story.quotes[slug]:
            words = " ".join(quote.text.split()).casefold()
            if quote.speaker and len(words.split()) >= w.quote_min_words and words not in seen:
                seen.add(words)
                candidates.append(KeyQuote(quote, article))
    candidates.sort(key=lambda k: (-_ordinal(k.quote.date.latest or k.quote.date.earliest),
                                   -_ordinal(k.article.published), k.article.slug, k.quote.start))
    chosen: list[KeyQuote] = []
    speakers: set[str | None] = set()
    for rounds in range(2):
        for k in candidates:
            if len(chosen) >= (w.key_quotes if limit is None else limit):
                break
            if k not in chosen and (rounds or k.quote.speaker not in speakers):
                chosen.append(k)
                speakers.add(k.quote.speaker)
    chosen.sort(key=candidates.index)
    return chosen


# --- lede --------------------------------------------------------------------------------------


def lede(story: Story, config: Config, top: Sequence[Ranked]) -> str:
    """``config.description``, else one sentence built from the timeline: how many events from
    how many articles, over which days, and the top development."""
    if config.description:
        return config.description
    shown = [e for e in story.events if e.on_timeline]
    if not shown:
        return f"{len(story.articles)} article{'s' if len(story.articles) != 1 else ''}; no dated events yet."
    days = [d for e in shown for d in (e.date.earliest, e.date.latest) if d is not None]
    span = ""
    if days:
        first, last = min(days), max(days)
        span = f", {_long(first)}" + ("" if first == last else f" to {_long(last)}")
    n, a = len(shown), len(story.articles)
    text = f"{n} event{'s' if n != 1 else ''} from {a} article{'s' if a != 1 else ''}{span}."
    if top:
        lead = top[0].event
        text += f" Most significant: {lead.title} ({lead.date.label})."
    return text


_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _long(day: date) -> str:
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"
