"""plan(story, config) -> the site's files, through one Jinja2 environment.

Autoescaping is on for every template and undefined names fail loudly (``StrictUndefined``).
Every link is relative (``root`` is ``""`` or ``"../"``), so the site works from ``file://`` and
from any sub-path of a host. The one exception is ``404.html`` with ``base_url`` set: a host serves
it for a missing address at any depth, so its links are absolute (``root`` is ``base_url``).

Each template gets a typed context (the ``...Context`` TypedDicts below) on top of ``site``,
``root`` and ``page_path``. The views are computed once per build in linear time: sources are
indexed by article once (:func:`_supports`), never searched per article.
"""

from __future__ import annotations

import traceback
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path, PurePosixPath
from typing import Any, Callable, Iterable, Mapping, Sequence, TypedDict, cast

import jinja2
from markupsafe import Markup, escape

from sitegen import __version__
from sitegen.config import Config
from sitegen.errors import Problem, SitegenError
from sitegen.model import Article, OutputFile, Story
from sitegen.events.model import Event, Source
from sitegen.render import briefing, chronology
from sitegen.render.body import is_safe_url
from sitegen.render.exports import export_files, inert_json
from sitegen.render.chronology import (
    Group, Layout, coming_up, date_markup, latest_day, layout, long_day, month_label, month_name, month_page, newest_first,
    page_label, unique_slugs,
)
from sitegen.render.marks import mark, spans_for

_PACKAGE = Path(__file__).resolve().parent.parent
ASSETS = "assets"
NEW_LIMIT = 8  # "what is new" lines on the briefing; the rest are counted, the timeline has them


def theme_dir() -> Path:
    """The built-in theme: inside the wheel when installed, top-level ``templates/`` in a checkout."""
    shipped = _PACKAGE / "_theme"
    return shipped if shipped.is_dir() else _PACKAGE.parent / "templates"


class TemplateProblem(SitegenError):
    """A template of the theme or of the story's ``templates/`` is broken. ``str()`` is
    ``path:line: what is wrong (expected ...)``."""


@dataclass(frozen=True, slots=True)
class Rendered:
    """The site's files, sorted by path, and what could not be placed."""

    files: tuple[OutputFile, ...]
    problems: tuple[Problem, ...] = ()


def plan(story: Story, config: Config) -> Rendered:
    """Every file of the site. Same inputs, same bytes. Raises :class:`TemplateProblem`."""
    override = config.source / "templates"
    try:
        pages = _pages(story, config, _environment(str(override) if override.is_dir() else None))
    except TemplateProblem:
        raise
    except jinja2.TemplateSyntaxError as err:
        raise TemplateProblem(f"{_shown(err.filename or err.name)}:{err.lineno}: {err.message}"
                              " (expected a Jinja2 template)") from None
    except jinja2.TemplateNotFound as err:
        raise TemplateProblem(f"{_where(err)}template '{err.name}' not found (expected it in the story's"
                              " templates/ or the built-in theme)") from None
    except jinja2.UndefinedError as err:
        raise TemplateProblem(f"{_where(err)}{err} (expected names the template is given:"
                              " site, root, page_path and the page's own)") from None
    except RecursionError as err:
        raise TemplateProblem(f"{_where(err)}templates include or extend each other without end"
                              " (expected a template that finishes)") from None
    except Exception as err:  # a story's templates are code: any failure is theirs to fix
        raise TemplateProblem(f"{_where(err)}{type(err).__name__}: {err} (expected a template that"
                              " renders)") from None
    theme = {f"{ASSETS}/{asset.name}": asset.read_bytes() for asset in sorted(_theme_assets())}
    files, problems = _add_static(pages, theme, story.static)
    return Rendered(tuple(OutputFile(path, files[path]) for path in sorted(files)), tuple(problems))


def _pages(story: Story, config: Config, env: jinja2.Environment) -> dict[str, bytes]:
    site = {
        "title": config.title,
        "description": config.description,
        "language": config.language,
        "base_url": config.base_url,
        "generator": f"sitegen {__version__}",
    }
    files: dict[str, bytes] = {}

    def page(path: str, template: str, root: str | None = None, **context: Any) -> None:
        root = "../" * path.count("/") if root is None else root
        html = env.get_template(template).render(site=site, root=root, page_path=path, **context)
        files[path] = html.encode("utf-8")

    view = site_view(story, config)
    site["title"] = view.briefing["title"]  # config.title, else derived from the story (briefing.story_title)
    page("index.html", "index.html", articles=view.articles, briefing=view.briefing, actors=view.actor_views)
    _timeline_pages(page, view)
    for article in story.articles:
        page(f"articles/{article.slug}.html", "article.html", **ArticleContext(
            article=article, body=Markup(view.bodies[article.slug]),
            events=view.article_events.get(article.slug, []), fallback=article.slug in view.fallbacks))
    page("actors/index.html", "actors.html", **ActorsContext(actors=view.actor_views))
    for actor in view.actor_views:
        page(f"actors/{actor['slug']}.html", "actor.html", **ActorContext(actor=actor))
    # Served for a missing address at any depth: absolute links from base_url when there is one;
    # without it, relative links (right at the top level and from file://; see docs/site.md).
    page("404.html", "404.html", root=config.base_url or None)
    files["events.json"] = events_json(story)
    # The machine-readable exports (timeline.json, feed.xml, events.ics, sitemap.xml); the sitemap
    # lists every page a search engine should see (not the 404 page).
    listed = sorted(p for p in files if p.endswith(".html") and p != "404.html")
    files.update(export_files(story, config, listed, title=site["title"]))
    return files


# --- the views the templates are given --------------------------------------------------------


class SourceView(TypedDict):
    """One supporting sentence: its text, its place in its article, the original's address."""

    text: str
    href: str | None  # articles/<slug>.html#s-<start> (no fragment when the sentence is not marked)
    url: str | None  # the original, when the address is safe
    outlet: str
    published: date | None
    copy_of: str | None  # the outlet copied, or "an article not in this story"


class ActorRef(TypedDict):
    name: str
    role: str | None
    href: str


class EventView(TypedDict):
    id: str
    aliases: list[str]
    title: str
    type: str
    status: str
    disputed: bool
    editorial: bool
    label: str
    date: Markup
    href: str  # the canonical entry, relative to the site root
    actors: list[ActorRef]
    actor_slugs: str
    places: list[str]
    sources: list[SourceView]  # every source, in the model's order
    cited: list[SourceView]  # the sentences shown: sources that are not copies (the first one if all are)
    copies: list[SourceView]  # the other copies, one per article: one line of links
    independent: int
    support: str  # "2 independent sources", "reported only in a copy": never "0 independent sources"


class ActorView(TypedDict):
    name: str
    kind: str
    role: str | None
    country: str | None
    slug: str
    href: str
    events: list[EventView]
    latest: EventView


class ArticleEvent(TypedDict):
    event: EventView
    number: int  # its number on the article page, in the order of the sentences
    anchor: int  # its first sentence there: #s-<anchor>


class Filters(TypedDict):
    types: list[tuple[str, str]]
    actors: list[tuple[str, str]]


class MonthView(TypedDict):
    key: str  # "2023-11"
    label: str  # "Nov 2023", "2022 (no exact month)"
    href: str  # timeline/2023-11.html
    groups: list[Group]


class TimelineContext(TypedDict):
    """``timeline.html`` (whole or one month) and ``timeline-index.html``."""

    events: dict[str, EventView]
    split: bool
    months: list[MonthView]
    latest: str | None  # "Jump to the latest day": href of the last reported day on or before now
    count: int
    filters: Filters
    layout: Layout
    groups: list[Group]
    month: str | None
    month_title: str | None


class LatestContext(TypedDict):
    """``latest.html``: events dated after now (soonest first), then the latest days (newest first)."""

    events: dict[str, EventView]
    count: int
    filters: Filters
    layout: Layout
    groups: list[Group]
    upcoming: list[Group]
    today: date | None
    limit: int


class ArticleContext(TypedDict):
    article: Article
    body: Markup
    events: list[ArticleEvent]
    fallback: bool


class ActorsContext(TypedDict):
    actors: list[ActorView]


class ActorContext(TypedDict):
    actor: ActorView


def _timeline_pages(page: Callable[..., None], view: SiteView) -> None:
    lay = view.layout
    jump = latest_day(lay.groups, view.today)
    months = [MonthView(key=key, label=page_label(key, found), href=month_page(key), groups=found)
              for key, found in lay.months]
    common = TimelineContext(
        events=view.events, split=lay.split, months=months, latest=lay.group_href(jump.anchor) if jump else None,
        count=sum(len(g.events) for g in lay.groups), filters=view.filters, layout=lay,
        groups=list(lay.groups), month=None, month_title=None)
    if lay.split:
        page("timeline.html", "timeline-index.html", **common)
        for month in months:
            page(month["href"], "timeline.html", **(common | {
                "groups": month["groups"], "month": month["key"],
                "month_title": month_name(month["key"]) if month["label"] == month_label(month["key"]) else month["label"]}))
    else:
        page("timeline.html", "timeline.html", **common)
    limit = chronology.NEWEST_LIMIT
    page("latest.html", "latest.html", **LatestContext(
        events=view.events, count=common["count"], filters=view.filters, layout=lay, limit=limit,
        groups=newest_first(lay.groups, limit, view.today), upcoming=coming_up(lay.groups, view.today, limit),
        today=view.today))


@dataclass(frozen=True, slots=True)
class SiteView:
    """What the templates are given, computed once per build from the story and the config."""

    articles: list[Article]  # newest first
    layout: Layout
    events: dict[str, EventView]  # event id -> its view (see :func:`_event_view`)
    bodies: dict[str, str]
    fallbacks: frozenset[str]
    article_events: dict[str, list[ArticleEvent]]
    actor_views: list[ActorView]
    briefing: dict[str, Any]
    filters: Filters
    today: date | None  # the reference day ("now"): config.as_of, else the newest article


Anchors = dict[tuple[str, int, int], int]  # (article, start, end) of a source -> its mark's start


def site_view(story: Story, config: Config) -> SiteView:
    """Everything the pages show, as plain values (hrefs relative to the site root). Linear in
    the number of sources: each is visited a fixed number of times."""
    lay = layout(story.events)
    shown = [e for e in story.events if e.on_timeline]
    people = briefing.actors(story.events)
    slugs = unique_slugs(a.name for a in people)
    by_slug = {a.slug: a for a in story.articles}
    supports = _supports(shown, by_slug)
    spans = {slug: spans_for(by_slug[slug], [(s.start, s.end) for _, s in pairs]) for slug, pairs in supports.items()}
    anchor_of: Anchors = {(slug, *asked): span[0] for slug, found in spans.items() for asked, span in found.items()}
    events = {e.id: _event_view(e, lay, slugs, by_slug, anchor_of) for e in shown}
    article_events: dict[str, list[ArticleEvent]] = {}
    bodies = dict(story.bodies)
    fallbacks = set()
    for slug, pairs in supports.items():
        listed, refs = _article_events(slug, pairs, events, anchor_of)
        if listed:
            article_events[slug] = listed
        if spans[slug]:
            marked = mark(by_slug[slug], sorted(set(spans[slug].values())), _refs_markup(listed, refs),
                          story.bodies.get(slug))
            bodies[slug] = marked.html
            if marked.fallback:
                fallbacks.add(slug)
    actor_views = [_actor_view(actor, slugs, events) for actor in people]
    newest = sorted(story.articles, key=lambda a: (a.published is None, -_ordinal(a.published), a.path))
    filters = Filters(types=[(t, t) for t in sorted({e.type for e in shown})],
                      actors=[(v["slug"], v["name"]) for v in sorted(actor_views, key=lambda v: v["name"])])
    # The briefing's own part takes plain dicts; the views are TypedDicts of the same shape.
    return SiteView(newest, lay, events, bodies, frozenset(fallbacks), article_events, actor_views,
                    _briefing_view(story, config, cast(dict[str, dict[str, Any]], events),
                                   cast(list[dict[str, Any]], actor_views), by_slug),
                    filters, briefing.reference_day(story, config))


def _supports(shown: Sequence[Event], articles: Mapping[str, Article]) -> dict[str, list[tuple[Event, Source]]]:
    """Every (event, source) pair whose sentence can be marked, by the source's article, in
    timeline order: the one index the article pages are built from."""
    result: dict[str, list[tuple[Event, Source]]] = {}
    for event in shown:
        for source in event.sources:
            if source.article in articles and source.end > source.start:
                result.setdefault(source.article, []).append((event, source))
    return result


def _article_events(slug: str, pairs: Sequence[tuple[Event, Source]], events: Mapping[str, EventView],
                    anchor_of: Anchors) -> tuple[list[ArticleEvent], dict[int, list[int]]]:
    """An article's events in the order of their first marked sentence, numbered from 1, and for
    each mark the numbers of the events it supports (sorted)."""
    firsts: dict[str, int] = {}
    for event, source in pairs:
        anchor = anchor_of.get((slug, source.start, source.end))
        if anchor is not None:
            firsts.setdefault(event.id, anchor)
    order = sorted(firsts.items(), key=lambda item: item[1])  # stable: timeline order breaks ties
    numbers = {eid: n for n, (eid, _) in enumerate(order, start=1)}
    refs: dict[int, list[int]] = {}
    for event, source in pairs:
        anchor = anchor_of.get((slug, source.start, source.end))
        if anchor is not None and numbers[event.id] not in refs.setdefault(anchor, []):
            refs[anchor].append(numbers[event.id])
    for found in refs.values():
        found.sort()
    return [ArticleEvent(event=events[eid], number=n, anchor=anchor)
            for n, (eid, anchor) in enumerate(order, start=1)], refs


def _refs_markup(listed: Sequence[ArticleEvent], refs: Mapping[int, list[int]]) -> Callable[[int], Markup]:
    """What follows a mark: ``<sup>`` links to the events its sentence supports."""

    def after(start: int) -> Markup:
        links = "".join(
            f'<a href="../{escape(item["event"]["href"])}" title="{escape(title)}">[{number}]</a>'
            for number in refs.get(start, [])
            for item in (listed[number - 1],)
            for title in (f"{item['event']['label']}: {item['event']['title']}",))
        return Markup(f'<sup class="event-refs">{links}</sup>') if links else Markup("")

    return after


def _actor_view(actor: briefing.Actor, slugs: Mapping[str, str], events: Mapping[str, EventView]) -> ActorView:
    return ActorView(name=actor.name, kind=actor.kind, role=actor.role, country=actor.country,
                     slug=slugs[actor.name], href=f"actors/{slugs[actor.name]}.html",
                     events=[events[e.id] for e in actor.events], latest=events[actor.latest.id])


def _event_view(event: Event, lay: Layout, slugs: Mapping[str, str], articles: Mapping[str, Article],
                anchor_of: Anchors) -> EventView:
    sources = [_source_view(s, articles, anchor_of) for s in event.sources]
    cited, copies = _cited_and_copies(event.sources, sources)
    return EventView(
        id=event.id, aliases=[a for a in event.aliases if a != event.id], title=event.title,
        type=event.type, status=event.status, disputed=event.disputed, editorial=event.editorial,
        label=event.date.label, date=date_markup(event.date), href=lay.event_href(event.id),
        actors=[ActorRef(name=a.name, role=a.role, href=f"actors/{slugs[a.name]}.html") for a in event.actors],
        actor_slugs=" ".join(slugs[a.name] for a in event.actors),
        places=[p.name for p in event.places], sources=sources, cited=cited, copies=copies,
        independent=event.independent, support=support(event))


def _source_view(source: Source, articles: Mapping[str, Article], anchor_of: Anchors) -> SourceView:
    article = articles.get(source.article)
    anchor = anchor_of.get((source.article, source.start, source.end))
    href = (f"articles/{source.article}.html" + (f"#s-{anchor}" if anchor is not None else "")) if article else None
    copy_of = None
    if is_copy(source):
        copied = articles.get(source.copy_of or "")
        copy_of = (copied.source or copied.title) if copied else "an article not in this story"
    return SourceView(
        text=source.text, href=href, url=_safe_href(source.url) if source.url else None,
        outlet=(article.source or article.title) if article else (source.url or "editor"),
        published=article.published if article else None, copy_of=copy_of)


def is_copy(source: Source) -> bool:
    """A passage copied from another article (wire copy): cited, but not shown sentence by sentence."""
    return bool(source.copy_of) and source.copy_of != source.article


def _cited_and_copies(sources: Sequence[Source], views: Sequence[SourceView]) -> tuple[list[SourceView], list[SourceView]]:
    """The sentences an entry shows (every source that is not a copy; the first source when all
    are) and the rest of the copies, one per article (its first sentence), in the model's order.
    Every article that supports the entry keeps at least one link to its sentence."""
    cited = [i for i, s in enumerate(sources) if not is_copy(s)] or ([0] if sources else [])
    articles = {sources[i].article for i in cited}
    copies = []
    for i, source in enumerate(sources):
        if source.article not in articles:
            articles.add(source.article)
            copies.append(views[i])
    return [views[i] for i in cited], copies


def support(event: Event) -> str:
    """How an entry is sourced, in words: ``1 independent source``, ``3 independent sources``;
    with none, why: ``reported only in a copy`` (of an article that may not be in the story),
    ``reported only in copies (4 articles)``, or ``not independently confirmed`` (its sources
    say something else, such as an announcement of what the entry reports)."""
    count = event.independent
    if count:
        return f"{count} independent source{'' if count == 1 else 's'}"
    copied = {s.article for s in event.sources if is_copy(s)}
    if copied and all(is_copy(s) for s in event.sources):
        return "reported only in a copy" if len(copied) == 1 else f"reported only in copies ({len(copied)} articles)"
    return "not independently confirmed"


def _briefing_view(story: Story, config: Config, events: dict[str, dict[str, Any]],
                   actor_views: list[dict[str, Any]], articles: dict[str, Article]) -> dict[str, Any]:
    """The briefing (:func:`briefing.build`, everything cut at "now") as template values. An event
    shows the date and sources it had at "now", which may differ from its timeline entry."""
    b = briefing.build(story, config)
    span = briefing.window(story, config)
    hrefs = {v["name"]: v["href"] for v in actor_views}

    def shown(event: Event) -> dict[str, Any]:
        view = events[event.id]
        return {**view, "date": date_markup(event.date), "label": event.date.label,
                "independent": event.independent, "support": briefing.source_note(event, articles)}

    def latest(actor: briefing.Actor) -> dict[str, Any]:
        done = actor.latest_action
        return {"name": actor.name, "kind": actor.kind, "role": actor.role, "country": actor.country,
                "href": hrefs[actor.name], "acted": done is not None, "latest": shown(done or actor.latest)}

    return {
        "title": b.title,
        "lede": b.lede,
        "as_of": b.view.now,
        "as_of_day": b.view.today,
        "window_hours": config.new_window_hours,
        "window_start": span[0] if span else None,
        "top": [{"event": shown(r.event), "score": r.score} for r in b.top if r.event.id in events],
        "new_limit": NEW_LIMIT,
        "new": [{"event": shown(i.event), "kind": i.kind,
                 "articles": [articles[s] for s in i.articles if s in articles]} for i in b.new if i.event.id in events],
        "whos_who": [latest(a) for a in b.whos_who if a.name in hrefs],
        "quotes": [{"text": k.quote.text.rstrip(" ,;:"), "speaker": k.quote.speaker, "date": date_markup(k.quote.date),
                    "article": k.article} for k in b.quotes],
        "sources": list(b.sources),
        "more_sources": b.more_sources,
        "event_count": len(events),  # what the full timeline (linked) shows, later events included
    }


def events_json(story: Story) -> bytes:
    """The chronological model as JSON: ``{"events": [...], "articles": [...]}`` (schema in
    ``docs/events.md``). Every event of the model is there; ``on_timeline`` says which are shown."""
    articles = [
        {
            "slug": a.slug,
            "title": a.title,
            "published": a.published.isoformat() if a.published else None,
            "source": a.source,
            "url": a.url,
            "page": f"articles/{a.slug}.html",
            "quotes": [q.to_dict() for q in story.quotes.get(a.slug, ())],
        }
        for a in sorted(story.articles, key=lambda a: a.slug)
    ]
    model = {"events": [e.to_dict() for e in story.events], "articles": articles}
    return (inert_json(model) + "\n").encode("utf-8")




def _add_static(
    pages: dict[str, bytes], theme: dict[str, bytes], static: Iterable[OutputFile]
) -> tuple[dict[str, bytes], list[Problem]]:
    """The story's ``static/`` files may replace the theme's assets, never a generated page,
    and never stand where a generated folder is (or the other way round)."""
    files = theme | pages
    folders = {str(parent) for path in files for parent in PurePosixPath(path).parents}
    problems = []
    for file in static:
        clash = (f"the site's own page {file.path} has that name" if file.path in pages
                 else f"the site needs a folder {file.path}/" if file.path in folders
                 else next((f"the site's own page {p} is there" for p in map(str, PurePosixPath(file.path).parents)
                            if p in pages), None))
        if clash:
            problems.append(Problem(f"static/{file.path}", None, f"not copied: {clash}", "warning"))
        else:
            files[file.path] = file.content
    return files, problems


def _ordinal(day: date | None) -> int:
    return day.toordinal() if day else 0


def _theme_assets() -> list[Path]:
    folder = theme_dir() / ASSETS
    return [p for p in folder.iterdir() if p.is_file()] if folder.is_dir() else []


def _where(err: BaseException) -> str:
    """``file:line: `` of the innermost template frame in ``err``'s traceback, if any."""
    for frame in reversed(traceback.extract_tb(err.__traceback__)):
        if frame.filename.endswith((".html", ".xml", ".css", ".txt")):
            return f"{_shown(frame.filename)}:{frame.lineno}: "
    return "templates: "


def _shown(filename: str | None) -> str:
    """A template's path as the user knows it: relative to the working folder when inside it,
    ``sitegen theme/<name>`` for the built-in theme."""
    if not filename:
        return "templates"
    path = Path(filename).resolve()
    if path.is_relative_to(Path.cwd()):
        return path.relative_to(Path.cwd()).as_posix()
    if path.is_relative_to(theme_dir()):
        return f"sitegen theme/{path.relative_to(theme_dir()).as_posix()}"
    return str(path)


class _Loader(jinja2.FileSystemLoader):
    """Jinja's file loader, with a template that is not UTF-8 reported by path and line."""

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str, Callable[[], bool]]:
        try:
            return super().get_source(environment, template)
        except UnicodeDecodeError as err:
            for folder in self.searchpath:
                path = Path(folder) / template
                if path.is_file():
                    data = path.read_bytes()
                    try:
                        data.decode("utf-8")
                    except UnicodeDecodeError as bad:
                        line = data[: bad.start].count(b"\n") + 1
                        raise TemplateProblem(f"{_shown(str(path))}:{line}: the template is not valid UTF-8"
                                              f" (byte 0x{data[bad.start]:02x}; expected UTF-8 text)") from None
            raise TemplateProblem(f"templates: {template}: not valid UTF-8 (expected UTF-8 text)") from err


@lru_cache(maxsize=8)
def _environment(override: str | None) -> jinja2.Environment:
    """One environment per theme search path: the story's ``templates/`` first, then the built-in."""
    search = [override] if override else []
    search.append(str(theme_dir()))
    env = jinja2.Environment(
        loader=_Loader(search),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["longdate"] = _longdate
    env.filters["safe_href"] = _safe_href
    env.filters["longday"] = long_day
    env.filters["moment"] = _moment
    return env


def _longdate(day: date | None) -> str:
    """``2023-11-06`` -> ``6 November 2023``; no date -> ``date unknown`` (never today)."""
    return f"{day.day} {day:%B %Y}" if day else "date unknown"


def _moment(when: datetime) -> str:
    """``6 Nov 2023, 14:30 UTC+01:00``: a time a reader cannot misread, with its offset; a
    date-only moment (23:59:59, the reading of a bare date) is ``the end of 6 Nov 2023``."""
    day = f"{when.day} {_MONTHS[when.month - 1]} {when.year}"
    if (when.hour, when.minute, when.second) == (23, 59, 59):
        return f"the end of {day}"
    offset = when.strftime("%z")
    zone = "UTC" if offset in ("", "+0000") else f"UTC{offset[:3]}:{offset[3:]}"
    return f"{day}, {when:%H:%M} {zone}"


_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _safe_href(url: str | None) -> str:
    return url if url and is_safe_url(url) else "#"
