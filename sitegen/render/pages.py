"""plan(story, config) -> the site's files, through one Jinja2 environment.

Autoescaping is on for every template and undefined names fail loudly (``StrictUndefined``).
Every link is relative (``root`` is ``""`` or ``"../"``), so the site works from ``file://`` and
from any sub-path of a host.
"""

from __future__ import annotations

import traceback
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path, PurePosixPath
from typing import Any, Callable, Iterable

import jinja2
from markupsafe import Markup

from sitegen import __version__
from sitegen.config import Config
from sitegen.errors import Problem, SitegenError
from sitegen.model import Article, OutputFile, Story
from sitegen.events.model import Event
from sitegen.render import briefing
from sitegen.render.body import is_safe_url
from sitegen.render.exports import export_files, inert_json
from sitegen.render.chronology import (
    Layout, date_markup, layout, long_day, month_name, month_page, newest_first, unique_slugs,
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

    def page(path: str, template: str, **context: Any) -> None:
        root = "../" * path.count("/")
        html = env.get_template(template).render(site=site, root=root, page_path=path, **context)
        files[path] = html.encode("utf-8")

    view = site_view(story, config)
    site["title"] = view.briefing["title"]  # config.title, else derived from the story (briefing.story_title)
    page("index.html", "index.html", articles=view.articles, briefing=view.briefing, actors=view.actor_views)
    _timeline_pages(page, view)
    for article in story.articles:
        page(f"articles/{article.slug}.html", "article.html", article=article,
             body=Markup(view.bodies[article.slug]), events=view.article_events.get(article.slug, []),
             fallback=article.slug in view.fallbacks)
    page("actors/index.html", "actors.html", actors=view.actor_views)
    for actor in view.actor_views:
        page(f"actors/{actor['slug']}.html", "actor.html", actor=actor)
    page("404.html", "404.html", home=config.base_url or "")
    files["events.json"] = events_json(story)
    # The machine-readable exports (timeline.json, feed.xml, events.ics, sitemap.xml); the sitemap
    # lists every page a search engine should see (not the 404 page).
    listed = sorted(p for p in files if p.endswith(".html") and p != "404.html")
    files.update(export_files(story, config, listed))
    return files


def _timeline_pages(page: Callable[..., None], view: SiteView) -> None:
    lay = view.layout
    latest = next((g for g in reversed(lay.groups) if g.day is not None), None)
    common = {"events": view.events, "split": lay.split, "months": lay.months,
              "latest": lay.group_href(latest.anchor) if latest else None,
              "count": sum(len(g.events) for g in lay.groups), "filters": view.filters, "layout": lay}
    if lay.split:
        page("timeline.html", "timeline-index.html", **common)
        for month, month_groups in lay.months:
            page(month_page(month), "timeline.html", **common, groups=month_groups, month=month,
                 month_title=month_name(month))
    else:
        page("timeline.html", "timeline.html", **common, groups=list(lay.groups), month=None, month_title=None)
    page("latest.html", "latest.html", **common, groups=newest_first(lay.groups))


@dataclass(frozen=True, slots=True)
class SiteView:
    """What the templates are given, computed once per build from the story and the config."""

    articles: list[Article]  # newest first
    layout: Layout
    events: dict[str, dict[str, Any]]  # event id -> its view (see :func:`_event_view`)
    bodies: dict[str, str]
    fallbacks: frozenset[str]
    article_events: dict[str, list[dict[str, Any]]]
    actor_views: list[dict[str, Any]]
    briefing: dict[str, Any]
    filters: dict[str, list[tuple[str, str]]]


def site_view(story: Story, config: Config) -> SiteView:
    """Everything the pages show, as plain values (hrefs relative to the site root)."""
    lay = layout(story.events)
    shown = [e for e in story.events if e.on_timeline]
    people = briefing.actors(story.events)
    slugs = unique_slugs(a.name for a in people)
    by_slug = {a.slug: a for a in story.articles}

    # Mark every sentence that supports an event on the timeline in its article.
    wanted: dict[str, list[tuple[int, int]]] = {}
    for event in shown:
        for source in event.sources:
            if source.article in by_slug and source.end > source.start:
                wanted.setdefault(source.article, []).append((source.start, source.end))
    spans = {slug: spans_for(by_slug[slug], asked) for slug, asked in wanted.items()}
    anchor_of: dict[tuple[str, int, int], int] = {
        (slug, *asked): span[0] for slug, found in spans.items() for asked, span in found.items()}

    events = {e.id: _event_view(e, lay, slugs, by_slug, anchor_of) for e in shown}
    # Each article lists its events in the order of their sentences, numbered; marks link to them.
    firsts: dict[str, dict[str, int]] = {}
    for event in shown:
        for source in event.sources:
            anchor = anchor_of.get((source.article, source.start, source.end))
            if anchor is not None:
                firsts.setdefault(source.article, {}).setdefault(event.id, anchor)
    article_events: dict[str, list[dict[str, Any]]] = {}
    refs: dict[tuple[str, int], list[int]] = {}
    for slug, found_events in firsts.items():
        order = sorted(found_events.items(), key=lambda item: item[1])  # stable: timeline order breaks ties
        article_events[slug] = [{"event": events[eid], "number": n, "anchor": anchor}
                                for n, (eid, anchor) in enumerate(order, start=1)]
        numbers = {eid: n for n, (eid, _) in enumerate(order, start=1)}
        for event in shown:
            for source in event.sources:
                anchor = anchor_of.get((slug, source.start, source.end)) if source.article == slug else None
                if anchor is not None and numbers[event.id] not in refs.setdefault((slug, anchor), []):
                    refs[(slug, anchor)].append(numbers[event.id])
    for numbers_list in refs.values():
        numbers_list.sort()
    bodies = dict(story.bodies)
    fallbacks = set()
    for slug, found in spans.items():
        listed = article_events.get(slug, [])

        def after(start: int, slug: str = slug, listed: list[dict[str, Any]] = listed) -> Markup:
            links = []
            for number in refs.get((slug, start), []):
                item = listed[number - 1]
                links.append(Markup('<a href="../{}" title="{}">[{}]</a>').format(
                    item["event"]["href"], f"{item['event']['label']}: {item['event']['title']}", number))
            return Markup('<sup class="event-refs">{}</sup>').format(Markup("").join(links)) if links else Markup("")

        if found:
            marked = mark(by_slug[slug], sorted(set(found.values())), after)
            bodies[slug] = marked.html
            if marked.fallback:
                fallbacks.add(slug)

    actor_views: list[dict[str, Any]] = []
    for actor in people:
        actor_views.append({
            "name": actor.name, "kind": actor.kind, "role": actor.role, "country": actor.country,
            "slug": slugs[actor.name], "href": f"actors/{slugs[actor.name]}.html",
            "events": [events[e.id] for e in actor.events], "latest": events[actor.latest.id],
        })
    newest = sorted(story.articles, key=lambda a: (a.published is None, -_ordinal(a.published), a.path))
    types = sorted({e.type for e in shown})
    filters = {"types": [(t, t) for t in types],
               "actors": [(v["slug"], v["name"]) for v in sorted(actor_views, key=lambda v: v["name"])]}
    return SiteView(newest, lay, events, bodies, frozenset(fallbacks), article_events, actor_views,
                    _briefing_view(story, config, events, actor_views, by_slug), filters)


def _event_view(event: Event, lay: Layout, slugs: dict[str, str], articles: dict[str, Article],
                anchor_of: dict[tuple[str, int, int], int]) -> dict[str, Any]:
    sources = []
    for source in event.sources:
        article = articles.get(source.article)
        anchor = anchor_of.get((source.article, source.start, source.end))
        href = (f"articles/{source.article}.html" + (f"#s-{anchor}" if anchor is not None else "")) if article else None
        copy = articles.get(source.copy_of) if source.copy_of and source.copy_of != source.article else None
        sources.append({
            "text": source.text, "href": href, "url": _safe_href(source.url) if source.url else None,
            "outlet": (article.source or article.title) if article else (source.url or "editor"),
            "published": article.published if article else None,
            "copy_of": (copy.source or copy.title) if copy else None,
        })
    return {
        "id": event.id, "aliases": [a for a in event.aliases if a != event.id], "title": event.title,
        "type": event.type, "status": event.status, "disputed": event.disputed, "editorial": event.editorial,
        "label": event.date.label, "date": date_markup(event.date), "href": lay.event_href(event.id),
        "actors": [{"name": a.name, "role": a.role, "href": f"actors/{slugs[a.name]}.html"} for a in event.actors],
        "actor_slugs": " ".join(slugs[a.name] for a in event.actors),
        "places": [p.name for p in event.places], "sources": sources, "independent": event.independent,
    }


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
