"""Merging: the mentions of every article -> one timeline entry per real event.

Mentions are read in a fixed order (article published date, undated last, then slug, then the
mention's offset) and grouped greedily: a mention joins the existing entry it is linked to
(see :func:`links`) unless it conflicts (see :func:`conflicts`) with any mention already in it;
when it links to several entries that do not conflict with one another, they become one (an
article that bridges two entries). The result does not depend on the order of the inputs.

An entry's ``id`` is the ``key`` of its founding mention (the first in reading order) and its
``aliases`` are every other mention key in it, sorted, so any id ever given out is still the id
or an alias of some entry after a rebuild. See ``docs/events.md``.

Copies (:mod:`sitegen.events.copies`) are cited as sources with ``copy_of`` set, but do not
decide the entry's date, status or title while it has an independent source.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache
from pathlib import Path

from sitegen.errors import Problem
from sitegen.events.copies import ArticleInfo, find_copies
from sitegen.events.entities import surname
from sitegen.events.model import DateRange, Entity, Event, EventMention, Source, Status
from sitegen.events.overrides import AddedEvent, Overrides

STOPWORDS = Path(__file__).parent / "data" / "en" / "stopwords.txt"

# Content-word overlap (shared words / words of the shorter side) two mentions of different
# articles need, on top of same type, a shared actor or place and overlapping dates. Low on
# purpose: those three already say a lot, and two reporters describe one meeting in different
# words ("met" / "held talks with"); a third of the shorter title-and-sentence is the names and
# the main noun or verb.
CONTENT_MIN = 0.3

# Without overlapping dates, only a strong match is one (disputed) event: this much content
# overlap, at least this many shared actors and places, and the dates at most this many days
# apart. Sources that disagree on a date are usually a day or two off (time zones, a late-night
# event, "yesterday" read against different publication days); the same kind of event between
# the same parties a week apart is usually a second one (weekly talks, a second protest).
CONTENT_STRONG = 0.6
STRONG_SHARED_NAMES = 2
DISPUTE_GAP_DAYS = 3
# Mentions sharing this many names (people, parties, places) whose dates disagree by a few days are
# one disputed event even in different words ("met Fico in Bratislava on Tuesday" / "held talks
# with Fico in Bratislava on Wednesday").
SAME_PARTIES = 3

_WORD = re.compile(r"[^\W_]+")
_SUFFIXES = ("ings", "ing", "ed", "es", "s")
_STATUS_RANK: tuple[Status, ...] = ("reported", "scheduled", "claimed", "negated")


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    """The words of ``data/en/stopwords.txt`` (one a line, ``#`` comments), lower-cased."""
    words = (line.split("#", 1)[0].strip().lower() for line in STOPWORDS.read_text("utf-8").splitlines())
    return frozenset(w for w in words if w)


def content_words(text: str) -> frozenset[str]:
    """The words of ``text`` that say what happened: lower-cased, stopwords and one-letter
    words dropped, plural and -ed/-ing endings cut ("meets", "meeting" -> "meet")."""
    stop = stopwords()
    return frozenset(_stem(w) for w in _WORD.findall(text.lower()) if len(w) > 1 and w not in stop)


def _stem(word: str) -> str:
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def overlap(a: frozenset[str], b: frozenset[str]) -> float:
    """Shared words over the words of the smaller set (0 when either is empty)."""
    return len(a & b) / min(len(a), len(b)) if a and b else 0.0


@dataclass(frozen=True, slots=True)
class _Read:
    """A mention with what the tests compare, computed once."""

    mention: EventMention
    order: tuple[bool, date, str, int, int, str]
    copy_of: str | None
    names: frozenset[str]  # canonical names of actors and places
    persons: frozenset[str]
    parties: frozenset[str]  # countries and organisations among the actors
    actors: frozenset[str]
    places: frozenset[str]  # towns and regions named as places ("Kyiv")
    countries: frozenset[str]  # the countries the places are in or are ("Ukraine" for "Kyiv")
    content: frozenset[str]


def _read(mention: EventMention, article: ArticleInfo | None, copies: dict[tuple[str, int], str]) -> _Read:
    published = article.published if article else None
    actors = frozenset(_person_key(e) if e.kind == "person" else e.name for e in mention.actors)
    places = frozenset(e.name for e in mention.places if e.kind != "country")
    countries = frozenset(name for e in mention.places
                          if (name := e.name if e.kind == "country" else e.country) is not None)
    return _Read(
        mention=mention,
        order=(published is None, published or date.min, mention.article, mention.sentence.start, mention.start, mention.key),
        copy_of=copies.get((mention.article, mention.sentence.start)),
        names=actors | places | countries,
        persons=frozenset(_person_key(e) for e in mention.actors if e.kind == "person"),
        parties=frozenset(e.name for e in mention.actors if e.kind in ("country", "organisation")),
        actors=actors,
        places=places,
        countries=countries,
        content=content_words(mention.title) | content_words(mention.sentence.text),
    )


def _person_key(person: Entity) -> str:
    """People are compared by surname across articles (:func:`~sitegen.events.entities.surname`):
    one article names "William Ruto", another only "Mr. Ruto". Two people of one surname in one
    story are rare; where they meet, an editor's ``events.toml`` can split what this wrongly joins."""
    return surname(person).casefold()


def _neither_contains(a: frozenset[str], b: frozenset[str]) -> bool:
    return bool(a - b) and bool(b - a)


def _gap_days(a: DateRange, b: DateRange) -> int:
    """Days between two ranges that do not overlap (0 when they do)."""
    if a.overlaps(b):
        return 0
    if a.latest is not None and b.earliest is not None and a.latest < b.earliest:
        return (b.earliest - a.latest).days
    assert b.latest is not None and a.earliest is not None
    return (a.earliest - b.latest).days


def conflicts(a: _Read, b: _Read) -> bool:
    """Whether two mentions cannot be one event, whatever else they share:

    - different types, or one negated and the other not (a denial never becomes a report);
    - two mentions of one article that do not restate each other (:func:`restates`);
    - distinctive actors that disagree: when both name people, the people decide (conflict
      when each names someone the other does not: "Blinken meets Fidan" / "Blinken meets
      Lavrov"); when not, countries and organisations decide the same way; and when both
      name places, they must share one, at the level both give (a town, else its country:
      "in Kyiv" and "in Ukraine" agree);
    - dates more than :data:`DISPUTE_GAP_DAYS` apart (unless one is a copy: a copy's date is
      the original's text read against another publication day, not evidence).
    """
    x, y = a.mention, b.mention
    if x.type != y.type or (x.status == "negated") != (y.status == "negated"):
        return True
    if x.article == y.article and not restates(a, b):
        return True
    if a.persons and b.persons:
        if _neither_contains(a.persons, b.persons):
            return True
    elif a.parties and b.parties and _neither_contains(a.parties, b.parties):
        return True
    if a.places and b.places and not a.places & b.places:
        return True  # two different towns
    if a.countries and b.countries and not a.countries & b.countries:
        return True  # "in Kyiv" and "in Ukraine" agree; "in Kyiv" and "in Warsaw" do not
    if a.copy_of is None and b.copy_of is None and _gap_days(x.date, y.date) > DISPUTE_GAP_DAYS:
        return True
    return False


def restates(a: _Read, b: _Read) -> bool:
    """Two mentions of one article are one event only when near-identical (a lede and a later
    paragraph restating it): same type and negation, the same actors, places equal or given by
    only one, overlapping dates and similar words."""
    x, y = a.mention, b.mention
    return (
        x.type == y.type
        and (x.status == "negated") == (y.status == "negated")
        and a.actors == b.actors
        and (a.places == b.places or not a.places or not b.places)
        and x.date.overlaps(y.date)
        and overlap(a.content, b.content) >= CONTENT_MIN
    )


def links(a: _Read, b: _Read) -> float:
    """How strongly two mentions that do not conflict are evidence of one event: their content
    overlap, or 0 when they are not linked. Linked means: (same article) they restate each
    other; else they share an actor or place (or neither names any and the content matches
    strongly) and either the dates overlap (or one is a copy) with content overlap of at least
    :data:`CONTENT_MIN`, or the match is strong (see :data:`CONTENT_STRONG`) and the entry will
    be disputed."""
    if a.mention.article == b.mention.article:
        return overlap(a.content, b.content) if restates(a, b) else 0.0
    similarity = overlap(a.content, b.content)
    shared = len(a.names & b.names)
    if not shared and (a.names or b.names or similarity < CONTENT_STRONG):
        return 0.0
    if a.mention.date.overlaps(b.mention.date) or a.copy_of is not None or b.copy_of is not None:
        if similarity < CONTENT_MIN and a.persons & b.persons and a.mention.date == b.mention.date \
                and a.mention.date.precision == "day" and a.mention.type != "statement":
            return CONTENT_MIN  # the same person, the same kind of event, the same day: told in other words
        needed = CONTENT_STRONG if a.mention.type == "statement" else CONTENT_MIN  # what was said must match
        return similarity if similarity >= needed else 0.0
    if similarity >= CONTENT_STRONG and shared >= STRONG_SHARED_NAMES:
        return similarity
    if shared >= SAME_PARTIES and similarity >= (CONTENT_STRONG if a.mention.type == "statement" else CONTENT_MIN) \
            and (a.persons & b.persons or a.places & b.places):
        return similarity  # the same people at the same place on two nearby days: one event, disputed
    return 0.0


def merge(
    mentions: Sequence[EventMention], articles: Sequence[ArticleInfo], overrides: Overrides | None = None
) -> tuple[Event, ...]:
    """Every mention in one timeline entry per event, in chronological order (see
    :func:`chronological`). ``overrides`` (an ``events.toml``) win; use :func:`merge_and_check`
    to also get the warnings about overrides that match no event."""
    return merge_and_check(mentions, articles, overrides)[0]


def merge_and_check(
    mentions: Sequence[EventMention], articles: Sequence[ArticleInfo], overrides: Overrides | None = None
) -> tuple[tuple[Event, ...], list[Problem]]:
    """:func:`merge`, plus a warning for each override id that matches no event."""
    by_slug = {a.slug: a for a in articles}
    copies = find_copies(articles)
    reads = sorted((_read(m, by_slug.get(m.article), copies) for m in mentions), key=lambda r: r.order)
    groups = _group(reads)
    problems: list[Problem] = []
    if overrides is not None:
        groups = _editorial_merges(groups, reads, overrides, problems)
    events = [_event([reads[i] for i in members], by_slug) for members in groups]
    first = {event.id: reads[members[0]].order for event, members in zip(events, groups, strict=True)}
    if overrides is not None:
        events = _apply(events, overrides, by_slug, first, problems)
    return _chronological(events, first), problems


def _group(reads: Sequence[_Read]) -> list[list[int]]:
    """Greedy grouping in reading order: indices into ``reads``, each group sorted, groups in
    the order of their founding mention."""
    group_of: list[int] = []  # mention -> the founding (smallest) index of its group
    groups: dict[int, list[int]] = {}  # founding index -> members
    blocks: dict[tuple[str, str], list[int]] = {}  # (type, name | "article:<slug>" | "") -> mentions
    for i, read in enumerate(reads):
        kind = read.mention.type
        keys = [(kind, f"article:{read.mention.article}")]
        keys += [(kind, name) for name in sorted(read.names)] or [(kind, "")]
        scores: dict[int, float] = {}
        for j in sorted({j for key in keys for j in blocks.get(key, ())}):
            score = links(read, reads[j])
            if score > 0:
                scores[group_of[j]] = max(scores.get(group_of[j], 0.0), score)
        joined = [i]
        founders: list[int] = []
        for founder in sorted(scores, key=lambda g: (-scores[g], g)):  # best linked first
            members = groups[founder]
            if not any(conflicts(reads[j], reads[k]) for j in members for k in joined):
                joined += members
                founders.append(founder)
        for founder in founders:
            del groups[founder]
        joined.sort()
        groups[joined[0]] = joined
        group_of.append(joined[0])
        for j in joined:
            group_of[j] = joined[0]
        for key in keys:
            blocks.setdefault(key, []).append(i)
    return [groups[founder] for founder in sorted(groups)]


def _editorial_merges(
    groups: list[list[int]], reads: Sequence[_Read], overrides: Overrides, problems: list[Problem]
) -> list[list[int]]:
    """Fold the groups each ``[[event]] merge = [...]`` names into the group of its ``id``. An
    unknown merge id is a warning (an unknown ``id`` is reported by :func:`_apply`)."""
    group_of_key = {reads[i].mention.key: g for g, members in enumerate(groups) for i in members}
    parent = list(range(len(groups)))

    def root(g: int) -> int:
        while parent[g] != g:
            g = parent[g]
        return g

    for override in overrides.events:
        target = group_of_key.get(override.id)
        if target is None:
            continue
        for other in override.merge:
            found = group_of_key.get(other)
            if found is None:
                problems.append(Problem(overrides.path, override.merge_line, f"event '{override.id}': merge:"
                                        f" '{other}' is not the id or alias of any event; it is not merged", "warning"))
                continue
            a, b = sorted((root(target), root(found)))
            parent[b] = a
    merged: dict[int, list[int]] = {}
    for g, members in enumerate(groups):
        merged.setdefault(root(g), []).extend(members)
    return sorted(sorted(members) for members in merged.values())


def _event(members: Sequence[_Read], by_slug: dict[str, ArticleInfo]) -> Event:
    """One entry from its mentions (in reading order). Date, status and title come from the
    independent mentions (all mentions if every one is a copy):

    - ``date``: the intersection of their intervals, or their union with ``disputed`` when some
      do not overlap;
    - ``status``: reported > scheduled > claimed > negated, the first any of them has;
    - ``title``: the earliest independent mention's with that status (a "will meet" title never
      heads a reported meeting), so a title changes only when an earlier article arrives.

    Each mention is a source; a second mention from the same article (a restatement) is cited
    too, and :attr:`Event.independent` counts articles, so it is not a second report.
    """
    independent = [r for r in members if r.copy_of is None] or list(members)
    when, disputed = _dated(independent)
    status = min((r.mention.status for r in independent), key=_STATUS_RANK.index)
    title = next(r.mention.title for r in independent if r.mention.status == status)
    founding = members[0].mention.key
    sources = []
    for r in members:
        m = r.mention
        article = by_slug.get(m.article)
        sources.append(Source(
            article=m.article, text=m.sentence.text, start=m.sentence.start, end=m.sentence.end,
            url=article.url if article else None, date=m.date,
            copy_of=r.copy_of,
            status=m.status,
        ))
    return Event(
        id=founding,
        title=title,
        type=members[0].mention.type,
        status=status,
        date=when,
        actors=union_entities(e for r in members for e in r.mention.actors),
        places=union_entities(e for r in members for e in r.mention.places),
        aliases=tuple(sorted({r.mention.key for r in members} - {founding})),
        sources=tuple(sources),
        disputed=disputed,
    )


def _dated(reads: Sequence[_Read]) -> tuple[DateRange, bool]:
    """An entry's date: what its sources' own time expressions say, tightened by what the others
    infer ("Earlier, ...", "on or before" publication, relations) where that agrees. Only explicit
    dates that disagree make a dispute: an inference that contradicts them is the inference's
    mistake, and the source keeps it in its own ``date``."""
    explicit = [r.mention.date for r in reads if r.mention.anchor.startswith("timex:")]
    inferred = [r.mention.date for r in reads if not r.mention.anchor.startswith("timex:")]
    if not explicit:
        return combined(inferred)
    when, disputed = combined(explicit)
    if not disputed:
        for other in inferred:
            if when.overlaps(other):
                when = when.intersect(other)
    return when, disputed


def combined(ranges: Sequence[DateRange]) -> tuple[DateRange, bool]:
    """The tightest range consistent with all of ``ranges`` and ``False``; or, when some do not
    overlap, the smallest range holding them all and ``True`` (disputed). Intervals that overlap
    pairwise have a common day, so one pass suffices."""
    together = ranges[0]
    for other in ranges[1:]:
        if not together.overlaps(other):
            union = ranges[0]
            for r in ranges[1:]:
                union = union.union(r)
            return union, True
        together = together.intersect(other)
    return together, False


def union_entities(entities: Iterable[Entity]) -> tuple[Entity, ...]:
    """One entity per canonical name, in order of first mention; a role or country missing
    from the first mention is taken from the first later one that gives it."""
    found: dict[str, Entity] = {}
    for entity in entities:
        known = found.get(entity.name)
        if known is None:
            found[entity.name] = entity
        elif (known.role is None and entity.role) or (known.country is None and entity.country):
            found[entity.name] = replace(known, role=known.role or entity.role, country=known.country or entity.country)
    return tuple(found.values())


def _apply(
    events: list[Event],
    overrides: Overrides,
    by_slug: dict[str, ArticleInfo],
    first: dict[str, tuple[bool, date, str, int, int, str]],
    problems: list[Problem],
) -> list[Event]:
    """Add the ``[[add]]`` events, then apply each ``[[event]]`` (in file order, so a later
    entry for the same event wins) to the event whose id or alias it names."""
    result = list(events)
    for added in overrides.added:
        result.append(_added(added, overrides.path, by_slug, problems))
        article = by_slug.get(added.cite.article or "")
        published = article.published if article else None
        first[added.id] = (published is None, published or date.min, added.cite.article or "", 0, 0, added.id)
    where = {name: i for i, e in enumerate(result) for name in (e.id, *e.aliases)}
    for override in overrides.events:
        at = where.get(override.id)
        if at is None:
            problems.append(Problem(overrides.path, override.line, f"event '{override.id}' is not the id or alias of"
                                    " any event (its article may have changed or gone); this entry is ignored", "warning"))
            continue
        event = result[at]
        merged = any(where.get(other) == at for other in override.merge)
        if override.date is None and override.title is None and override.hide is None and not merged:
            continue  # nothing it names could be applied (already warned)
        result[at] = replace(
            event,
            date=override.date or event.date,
            disputed=event.disputed and override.date is None,
            title=override.title or event.title,
            hidden=event.hidden if override.hide is None else override.hide,
            editorial=True,
        )
    return result


def _added(added: AddedEvent, path: str, by_slug: dict[str, ArticleInfo], problems: list[Problem]) -> Event:
    """An ``[[add]]`` as an event citing one source: the cited article (``url`` is its
    address) or a web page (``article`` is then "")."""
    cite = added.cite
    url = cite.url
    if cite.article is not None:
        article = by_slug.get(cite.article)
        if article is None:
            problems.append(Problem(path, added.line, f"[[add]] '{added.title}': cite article '{cite.article}' is not"
                                    " an article of this story (expected an article's slug); the event is added", "warning"))
        else:
            url = article.url
    source = Source(article=cite.article or "", text=cite.text, start=0, end=0, url=url, date=added.date,
                    status=added.status)
    return Event(
        id=added.id, title=added.title, type=added.type, status=added.status, date=added.date,
        actors=(), places=(), aliases=(), sources=(source,), editorial=True,
    )


def _chronological(events: Sequence[Event], first: dict[str, tuple[bool, date, str, int, int, str]]) -> tuple[Event, ...]:
    """Events by date, then first mention, then id. A range sorts by its start; one with an
    open start ("on or before 6 Nov") by its end, as a reader places it; undated events last.
    Equal starts: the closed, earlier end first."""

    def key(event: Event) -> tuple[bool, date, bool, date, tuple[bool, date, str, int, int, str], str]:
        start = event.date.earliest or event.date.latest
        end = event.date.latest
        return (start is None, start or date.min, end is None, end or date.min, first[event.id], event.id)

    return tuple(sorted(events, key=key))
