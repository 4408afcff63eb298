"""plan(story, config) -> the site's files, through one Jinja2 environment.

Autoescaping is on for every template and undefined names fail loudly (``StrictUndefined``).
Every link is relative (``root`` is ``""`` or ``"../"``), so the site works from ``file://`` and
from any sub-path of a host.
"""

from __future__ import annotations

import json
import traceback
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from itertools import groupby
from pathlib import Path, PurePosixPath
from typing import Any, Callable, Iterable

import jinja2
from markupsafe import Markup

from sitegen import __version__
from sitegen.config import Config
from sitegen.errors import Problem, SitegenError
from sitegen.model import Article, OutputFile, Story
from sitegen.render.body import is_safe_url

_PACKAGE = Path(__file__).resolve().parent.parent
ASSETS = "assets"


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
    chronological = sorted(story.articles, key=lambda a: (a.published is None, _ordinal(a.published), a.path))
    newest_first = sorted(story.articles, key=lambda a: (a.published is None, -_ordinal(a.published), a.path))
    files: dict[str, bytes] = {}

    def page(path: str, template: str, **context: Any) -> None:
        root = "../" * path.count("/")
        html = env.get_template(template).render(site=site, root=root, page_path=path, **context)
        files[path] = html.encode("utf-8")

    page("index.html", "index.html", articles=newest_first)
    page("timeline.html", "timeline.html", days=_by_day(chronological))
    for article in story.articles:
        page(f"articles/{article.slug}.html", "article.html", article=article,
             body=Markup(story.bodies[article.slug]))
    files["events.json"] = events_json(story)
    return files


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
    return (json.dumps(model, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


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


def _by_day(articles: Iterable[Article]) -> list[tuple[date | None, list[Article]]]:
    return [(day, list(group)) for day, group in groupby(articles, key=lambda a: a.published)]


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
    return env


def _longdate(day: date | None) -> str:
    """``2023-11-06`` -> ``6 November 2023``; no date -> ``date unknown`` (never today)."""
    return f"{day.day} {day:%B %Y}" if day else "date unknown"


def _safe_href(url: str | None) -> str:
    return url if url and is_safe_url(url) else "#"
