"""plan(story, config) -> the site's files, through one Jinja2 environment.

Autoescaping is on for every template and undefined names fail loudly (``StrictUndefined``).
Every link is relative (``root`` is ``""`` or ``"../"``), so the site works from ``file://`` and
from any sub-path of a host.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from itertools import groupby
from pathlib import Path
from typing import Any, Iterable

import jinja2
from markupsafe import Markup

from sitegen import __version__
from sitegen.config import Config
from sitegen.errors import Problem, SitegenError
from sitegen.model import Article, OutputFile
from sitegen.render.body import NestingError, is_safe_url, render_markdown

_PACKAGE = Path(__file__).resolve().parent.parent
ASSETS = "assets"


def theme_dir() -> Path:
    """The built-in theme: inside the wheel when installed, top-level ``templates/`` in a checkout."""
    shipped = _PACKAGE / "_theme"
    return shipped if shipped.is_dir() else _PACKAGE.parent / "templates"


@dataclass(frozen=True, slots=True)
class Story:
    """What the renderer gets: the articles to publish and the static files to copy."""

    articles: tuple[Article, ...]
    static: tuple[OutputFile, ...] = ()


@dataclass(frozen=True, slots=True)
class Rendered:
    """The site's files, sorted by path, and the articles that could not be rendered."""

    files: tuple[OutputFile, ...]
    problems: tuple[Problem, ...] = ()


def plan(story: Story, config: Config) -> Rendered:
    """Every file of the site. Same inputs, same bytes.

    An article whose body cannot be rendered (say, Markdown nested thousands of levels deep) is
    left out of every page and reported; a broken template raises :class:`TemplateProblem`.
    """
    bodies, problems = _render_bodies(story.articles)
    story = Story(tuple(a for a in story.articles if a.slug in bodies), story.static)
    try:
        files = _plan(story, bodies, config, problems)
        return Rendered(tuple(files), tuple(problems))
    except jinja2.TemplateSyntaxError as err:
        raise TemplateProblem(f"{err.filename or err.name}:{err.lineno}: {err.message} (expected a Jinja2 template)") from None
    except jinja2.TemplateError as err:
        raise TemplateProblem(f"templates: {err.__class__.__name__}: {err}") from None


class TemplateProblem(SitegenError):
    """A template of the theme or of the story's ``templates/`` is broken."""


def _render_bodies(articles: Iterable[Article]) -> tuple[dict[str, Markup], list[Problem]]:
    bodies: dict[str, Markup] = {}
    problems: list[Problem] = []
    for article in articles:
        try:
            bodies[article.slug] = Markup(render_markdown(article.body))
        except (NestingError, RecursionError):
            problems.append(Problem(article.path, None, "skipped: the Markdown is nested too deeply to render"
                                    " (expected ordinary paragraphs, lists and quotes)"))
    return bodies, problems


def _plan(story: Story, bodies: dict[str, Markup], config: Config, problems: list[Problem]) -> list[OutputFile]:
    env = _environment(_override_dir(config))
    site = {
        "title": config.title,
        "description": config.description,
        "language": config.language,
        "base_url": config.base_url,
        "generator": f"sitegen {__version__}",
    }
    chronological = sorted(story.articles, key=_chronological_key)
    newest_first = sorted(
        story.articles, key=lambda a: (a.published is None, _neg_ordinal(a.published), a.path)
    )
    files: dict[str, bytes] = {}

    def page(path: str, template: str, **context: Any) -> None:
        root = "../" * path.count("/")
        html = env.get_template(template).render(site=site, root=root, page_path=path, **context)
        files[path] = html.encode("utf-8")

    page("index.html", "index.html", articles=newest_first)
    page("timeline.html", "timeline.html", days=_by_day(chronological))
    for article in story.articles:
        page(
            f"articles/{article.slug}.html",
            "article.html",
            article=article,
            body=bodies[article.slug],
        )
    for static in story.static:  # the story's static/ may replace the theme's assets, not its pages
        if static.path in files:
            problems.append(Problem(f"static/{static.path}", None,
                                    f"not copied: the site's own page {static.path} has that name", "warning"))
        files.setdefault(static.path, static.content)
    for asset in sorted(_theme_assets()):
        files.setdefault(f"{ASSETS}/{asset.name}", asset.read_bytes())
    return [OutputFile(path, files[path]) for path in sorted(files)]


def _chronological_key(article: Article) -> tuple[bool, int, str]:
    return (article.published is None, article.published.toordinal() if article.published else 0, article.path)


def _neg_ordinal(day: date | None) -> int:
    return -day.toordinal() if day else 0


def _by_day(articles: Iterable[Article]) -> list[tuple[date | None, list[Article]]]:
    return [(day, list(group)) for day, group in groupby(articles, key=lambda a: a.published)]


def _override_dir(config: Config) -> str | None:
    folder = config.source / "templates"
    return str(folder) if folder.is_dir() else None


def _theme_assets() -> list[Path]:
    folder = theme_dir() / ASSETS
    return [p for p in folder.iterdir() if p.is_file()] if folder.is_dir() else []


@lru_cache(maxsize=8)
def _environment(override: str | None) -> jinja2.Environment:
    """One environment per theme search path: the story's ``templates/`` first, then the built-in."""
    search = [override] if override else []
    search.append(str(theme_dir()))
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(search),
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
    return url if url and is_safe_url(url) else ""
