"""What the briefing (``index.html``) says: pure functions of the story and the config.

Nothing here reads the clock. "Now" is :func:`reference_time`: ``config.as_of`` when given,
else the publication time of the newest article. Everything on the briefing is cut at "now"
(:func:`cut`): an event counts with the sources published by then, as those sources give it.
The weights that rank key developments are data (``data/briefing.toml``); ``docs/site.md``
explains them with the seed story.
"""

from __future__ import annotations

import math
import tomllib
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Literal, Mapping, Sequence
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError
from datetime import timezone as dt_timezone

from sitegen.config import Config
from sitegen.events import entities
from sitegen.events.merge import combined
from sitegen.events.model import Entity, Event, Quote, Status
from sitegen.model import Article, Story

DATA = Path(__file__).resolve().parent / "data" / "briefing.toml"
DEFAULT_TITLE = "sitegen"  # Config.title's default: a title nobody chose (see :func:`story_title`)
_STATUS_RANK: tuple[Status, ...] = ("reported", "scheduled", "claimed", "negated")


@dataclass(frozen=True, slots=True)
class Weights:
    """The ranking's knobs, as read from ``data/briefing.toml``."""

    sources: float
    lede: float
    half_life_days: float
    default_type: float
    types: dict[str, float]
    key_developments: int
    whos_who: int
    key_quotes: int
    quote_min_words: int
    source_list: int

    def type_weight(self, kind: str) -> float:
        return self.types.get(kind, self.default_type)


@lru_cache(maxsize=1)
def weights() -> Weights:
    data = tomllib.loads(DATA.read_text(encoding="utf-8"))
    score, limits = data["score"], data["limits"]
    return Weights(
        sources=float(score["sources"]), lede=float(score["lede"]), half_life_days=float(score["half_life_days"]),
        default_type=float(score["default_type"]), types={k: float(v) for k, v in data["type"].items()},
        key_developments=int(limits["key_developments"]), whos_who=int(limits["whos_who"]),
        key_quotes=int(limits["key_quotes"]), quote_min_words=int(limits["quote_min_words"]),
        source_list=int(limits["sources"]),
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


# --- the story as of "now" ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Cut:
    """The story as it stood at ``now``: the articles published by then (newest first) and the
    timeline's events as those articles give them (timeline order)."""

    now: datetime | None
    today: date | None
    articles: tuple[Article, ...]
    events: tuple[Event, ...]

    @property
    def slugs(self) -> frozenset[str]:
        return frozenset(a.slug for a in self.articles)


def cut(story: Story, config: Config) -> Cut:
    """Without ``as_of`` every article counts (the newest one *is* "now"). With it, only the
    articles published at or before it: an undated article cannot be shown to be, so it does not
    count, nor does an editor's citation of a web page. An event keeps the sources from those
    articles (see :func:`event_as_of`); events left with none are not on the briefing."""
    now = reference_time(story, config)
    today = reference_day(story, config)
    times = {a.slug: article_time(a, config) for a in story.articles}
    if config.as_of is None:
        kept = list(story.articles)
    else:
        kept = [a for a in story.articles if (t := times[a.slug]) is not None and t <= config.as_of]

    def newest_first(article: Article) -> tuple[bool, float, str]:
        t = times[article.slug]
        return (t is None, -t.timestamp() if t else 0.0, article.path)

    kept.sort(key=newest_first)
    slugs = None if config.as_of is None else frozenset(a.slug for a in kept)
    events = []
    for event in story.events:
        shown = event if slugs is None else event_as_of(event, slugs)
        if shown is not None and shown.on_timeline:
            events.append(shown)
    return Cut(now, today, tuple(kept), tuple(events))


def event_as_of(event: Event, published: frozenset[str]) -> Event | None:
    """``event`` with only the sources whose article is in ``published``, its date and status
    recomputed from them as the merge does (their independent sources' dates intersected, or
    their union when they disagree; the strongest status); an editor's date stays. ``None`` when
    no source is left; the event itself when none was dropped."""
    sources = tuple(s for s in event.sources if s.article in published)
    if not sources:
        return None
    if len(sources) == len(event.sources):
        return event
    independent = [s for s in sources if s.copy_of is None] or list(sources)
    status = min((s.status for s in independent), key=_STATUS_RANK.index)
    if event.editorial:
        return replace(event, sources=sources, status=status)
    when, disputed = combined([s.date for s in independent])
    return replace(event, sources=sources, status=status, date=when, disputed=disputed)


# --- key developments --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Ranked:
    """An event with its score and the parts the score is made of (shown on request, tested)."""

    event: Event
    score: float
    type: float
    sources: float
    lede: float
    age: int | None  # days from the event's latest possible day to the reference day; None: undated
    decay: float

    @property
    def importance(self) -> float:
        return self.type + self.sources + self.lede


def event_day(event: Event) -> date | None:
    """The day recency is measured from: the latest day the event can have been on (its start
    when the end is open); ``None`` when undated."""
    return event.date.latest or event.date.earliest


def lede_ends(articles: Iterable[Article]) -> dict[str, int]:
    """Where each article's first paragraph ends in its text (the offsets sources use)."""
    return {a.slug: len(a.paragraphs[0].text) for a in articles if a.paragraphs}


def in_lede(event: Event, ledes: Mapping[str, int]) -> bool:
    """Whether a source reports ``event`` in its article's first paragraph (its lede)."""
    return any(s.article in ledes and s.start < ledes[s.article] for s in event.sources if s.end > s.start)


def score(event: Event, today: date | None, w: Weights | None = None, lede: bool = False) -> Ranked:
    """``(type weight + sources x log2(1 + independent) + lede) x 0.5 ** (age / half-life)``.
    The age counts from the event's latest possible day (0 for an event in the future); an
    undated event, or a story without a reference day, has decay 0 when undated, 1 when no day."""
    w = w or weights()
    kind = w.type_weight(event.type)
    sources = w.sources * math.log2(1 + event.independent)
    bonus = w.lede if lede else 0.0
    day = event_day(event)
    age: int | None = None
    if day is None:
        decay = 0.0
    elif today is None:
        decay = 1.0
    else:
        age = max(0, (today - day).days)
        decay = 0.5 ** (age / w.half_life_days)
    total = round((kind + sources + bonus) * decay, 6)
    return Ranked(event, total, kind, round(sources, 6), bonus, age, round(decay, 6))


def key_developments(events: Iterable[Event], today: date | None, limit: int | None = None,
                     ledes: Mapping[str, int] | None = None) -> list[Ranked]:
    """The events on the timeline, highest score first; ties go to the later event, then the
    more important one, then the id."""
    w = weights()
    ledes = ledes or {}
    ranked = [score(e, today, w, in_lede(e, ledes)) for e in events if e.on_timeline]
    ranked.sort(key=lambda r: (-r.score, -_ordinal(event_day(r.event)), -r.importance, r.event.id))
    return ranked[: w.key_developments if limit is None else limit]


def _ordinal(day: date | None) -> int:
    return day.toordinal() if day else 0


def source_note(event: Event, articles: Mapping[str, Article]) -> str:
    """How many sources, in words a reader cannot misread: "2 independent sources", or, when
    every source copies another article, "1 source (a copy of DT Next)" - never "0 independent"."""
    n = event.independent
    if n:
        return f"{n} independent source{'s' if n != 1 else ''}"
    cited = list(dict.fromkeys(s.article for s in event.sources))
    originals = list(dict.fromkeys(s.copy_of for s in event.sources if s.copy_of))
    names = [(a.source or a.title) if (a := articles.get(slug)) else slug for slug in originals]
    count = f"{len(cited)} source{'s' if len(cited) != 1 else ''}"
    if not names:
        return f"{count}, none independent"
    return f"{count} ({'a copy' if len(cited) == 1 else 'copies'} of {', '.join(names)})"


# --- what is new -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class NewItem:
    """An event first reported in the window (``new``) or reported before it and given another
    independent source in it (``updated``); ``articles`` are the slugs of the reports in the window."""

    event: Event
    kind: Literal["new", "updated"]
    articles: tuple[str, ...]
    first_report: datetime


def window(story: Story, config: Config) -> tuple[datetime, datetime] | None:
    """``(start, end]``: the ``new_window_hours`` before :func:`reference_time`."""
    end = reference_time(story, config)
    return (end - timedelta(hours=config.new_window_hours), end) if end else None


def what_is_new(story: Story, config: Config, events: Sequence[Event] | None = None) -> list[NewItem]:
    """Derived from the inputs alone (never from a previous build): an event is **new** when its
    first report (its earliest source article) was published in the window, **updated** when it
    was first reported before the window and an independent source (not a copy) was published in
    it. Articles after the reference time do not count. Newest first: by the event's latest
    possible day, then its first report (later first), so a cut drops the oldest; undated last.
    ``events`` defaults to :func:`cut`'s."""
    span = window(story, config)
    if span is None:
        return []
    start, end = span
    times = {a.slug: article_time(a, config) for a in story.articles}

    def inside(slug: str) -> bool:
        t = times.get(slug)
        return t is not None and start < t <= end

    items = []
    for event in cut(story, config).events if events is None else events:
        if not event.on_timeline:
            continue
        known = [t for t in (times.get(s.article) for s in event.sources) if t is not None and t <= end]
        if not known:
            continue
        first = min(known)
        fresh = tuple(dict.fromkeys(s.article for s in event.sources if inside(s.article)))
        if first > start:
            items.append(NewItem(event, "new", fresh, first))
        else:
            gained = tuple(dict.fromkeys(s.article for s in event.sources if s.copy_of is None and inside(s.article)))
            if gained:
                items.append(NewItem(event, "updated", gained, first))
    items.sort(key=lambda i: (-_ordinal(event_day(i.event)), -i.first_report.timestamp(), i.event.id))
    return items


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

    @property
    def performed(self) -> tuple[Event, ...]:
        """The events they performed: those that name them first (the subject)."""
        return tuple(e for e in self.events if e.actors and e.actors[0].name == self.name)

    @property
    def latest_action(self) -> Event | None:
        """The last dated event they performed (the last one if none is dated); ``None`` if they
        performed none (they are only met, named or reported)."""
        done = self.performed
        dated = [e for e in done if event_day(e) is not None]
        return (dated or list(done))[-1] if done else None


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


def outlets(articles: Iterable[Article]) -> frozenset[str]:
    """The news outlets of a story, case-folded: every article's ``source`` and the gazetteer's
    news organisations (Al Jazeera is named in the seed only as the one who reported)."""
    return entities.lexicon().news | {a.source.casefold() for a in articles if a.source}


def whos_who(events: Sequence[Event], outlets: frozenset[str] = frozenset(), limit: int | None = None) -> list[Actor]:
    """The actors of ``events`` that are neither places nor news outlets, in :func:`actors`'
    order."""
    w = weights()
    found = [a for a in actors(events) if a.kind != "place" and a.name.casefold() not in outlets]
    return found[: w.whos_who if limit is None else limit]


# --- key quotes --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class KeyQuote:
    quote: Quote
    article: Article


def key_quotes(story: Story, limit: int | None = None, published: frozenset[str] | None = None) -> list[KeyQuote]:
    """Quotes with a speaker and at least ``quote_min_words`` words, latest first (by the
    quote's latest possible day, then its article's date), one per speaker before any speaker
    gets a second; the same words quoted twice count once. Only from the articles in
    ``published`` when given (those published by "now")."""
    w = weights()
    by_slug = {a.slug: a for a in story.articles}
    candidates: list[KeyQuote] = []
    seen: set[str] = set()
    for slug in sorted(story.quotes):
        article = by_slug.get(slug)
        if article is None or (published is not None and slug not in published):
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


# --- title and lede ----------------------------------------------------------------------------


def story_title(view: Cut, config: Config, top: Sequence[Ranked]) -> str:
    """``config.title`` when the user set one (anything but the default ``"sitegen"``); else the
    headline of the newest article (by "now") that reports the top key development; else the
    newest article's headline; else ``"sitegen"``."""
    if config.title != DEFAULT_TITLE:
        return config.title
    order = {a.slug: i for i, a in enumerate(view.articles)}
    if top:
        reporting = [s.article for s in top[0].event.sources if s.article in order]
        if reporting:
            return view.articles[min(order[s] for s in reporting)].title
    return view.articles[0].title if view.articles else config.title


def lede(view: Cut, config: Config, top: Sequence[Ranked]) -> str:
    """``config.description``, else one sentence built from the story as of "now": how many
    events from how many articles, over which days, and the top development."""
    if config.description:
        return config.description
    a = len(view.articles)
    articles = f"{a} article{'s' if a != 1 else ''}"
    if not view.events:
        return f"{articles}; no dated events yet."
    days = [d for e in view.events for d in (e.date.earliest, e.date.latest) if d is not None]
    span = ""
    if days:
        first, last = min(days), max(days)
        span = f", {_long(first)}" + ("" if first == last else f" to {_long(last)}")
    n = len(view.events)
    text = f"{n} event{'s' if n != 1 else ''} from {articles}{span}."
    if top:
        lead = top[0].event
        text += f" Most significant: {lead.title} ({lead.date.label})."
    return text


_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _long(day: date) -> str:
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


# --- the whole briefing ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Briefing:
    """Everything ``index.html`` shows, as of ``view.now``; :mod:`sitegen.render.pages` turns it
    into template values."""

    view: Cut
    title: str
    lede: str
    top: tuple[Ranked, ...]
    new: tuple[NewItem, ...]
    whos_who: tuple[Actor, ...]
    quotes: tuple[KeyQuote, ...]
    sources: tuple[Article, ...]  # the newest ``limits.sources`` articles by "now"
    more_sources: int  # how many more articles there are by "now"


def build(story: Story, config: Config) -> Briefing:
    w = weights()
    view = cut(story, config)
    top = key_developments(view.events, view.today, ledes=lede_ends(view.articles))
    return Briefing(
        view=view,
        title=story_title(view, config, top),
        lede=lede(view, config, top),
        top=tuple(top),
        new=tuple(what_is_new(story, config, view.events)),
        whos_who=tuple(whos_who(view.events, outlets(story.articles))),
        quotes=tuple(key_quotes(story, published=view.slugs)),
        sources=view.articles[: w.source_list],
        more_sources=max(0, len(view.articles) - w.source_list),
    )
