"""The pipeline, top to bottom: discover -> read each article -> check the story -> render -> publish."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable
from zoneinfo import ZoneInfo

from sitegen import output, render
from sitegen.config import Config
from sitegen.errors import Problem, SourceError
from sitegen.model import Article, OutputFile
from sitegen.render.plan import Story
from sitegen.sources import discover, read_article

Progress = Callable[[int, int], None]


@dataclass(frozen=True, slots=True)
class ArticleResult:
    """What reading one file gave: the article (unless it could not be read) and its problems."""

    path: str
    article: Article | None
    problems: tuple[Problem, ...]


@dataclass
class BuildReport:
    """What a build (or a check) found and did. Problems are in file order."""

    problems: list[Problem] = field(default_factory=list)
    articles_found: int = 0
    articles_published: int = 0
    retracted: int = 0
    files_written: int = 0
    published: bool = False

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]

    def exit_code(self, strict: bool) -> int:
        """0 ok; 1 content problems (under ``strict`` warnings count too)."""
        return 1 if self.errors or (strict and self.warnings) else 0


def load_article(root: Path, path: str, timezone: str) -> ArticleResult:
    """Read one article file. Pure apart from reading the file: the unit of per-article work."""
    problems: list[Problem] = []
    try:
        data = (root / path).read_bytes()
        article = read_article(path, data, ZoneInfo(timezone), problems.append)
    except SourceError as err:
        return ArticleResult(path, None, (*problems, err.problem))
    except OSError as err:
        return ArticleResult(path, None, (*problems, Problem(path, None, f"cannot be read ({err.strerror or err})")))
    return ArticleResult(path, article, tuple(problems))


def read_story(config: Config, report: BuildReport, progress: Progress | None = None) -> Story:
    """Discover and read every article of ``config.source``; problems go into ``report``."""
    found = discover(config.source)
    report.articles_found = len(found.articles)
    results = []
    for done, path in enumerate(found.articles, start=1):
        results.append(load_article(config.source, path, config.timezone))
        if progress:
            progress(done, len(found.articles))
    articles = _check_story(results, report)
    report.retracted = sum(a.retracted for a in articles)
    published = tuple(a for a in articles if not a.retracted)
    static = tuple(_read_static(config.source, found.static, report))
    return Story(articles=published, static=static)


def build(config: Config, *, write: bool = True, progress: Progress | None = None) -> BuildReport:
    """Build the site of ``config``. Publishes unless ``write`` is false or, under
    ``config.strict``, anything was reported. Raises ``OutputError`` if publishing fails."""
    report = BuildReport()
    story = read_story(config, report, progress)
    report.articles_published = len(story.articles)
    if not write or (config.strict and report.exit_code(strict=True)):
        return report
    rendered = render.plan(story, config)
    report.problems.extend(rendered.problems)
    report.articles_published -= sum(p.severity == "error" for p in rendered.problems)
    if config.strict and rendered.problems:
        return report
    output.publish(rendered.files, config.output)
    report.files_written = len(rendered.files)
    report.published = True
    return report


def _check_story(results: Iterable[ArticleResult], report: BuildReport) -> list[Article]:
    """Cross-article checks: unique slugs; problems marked ``once`` are kept the first time only."""
    articles: list[Article] = []
    slugs: dict[str, str] = {}
    seen_once: set[str] = set()
    for result in results:
        for problem in result.problems:
            if problem.once and problem.once in seen_once:
                continue
            seen_once.add(problem.once)
            report.problems.append(problem)
        article = result.article
        if article is None:
            continue
        if article.slug in slugs:
            report.problems.append(
                Problem(article.path, None, f"skipped: slug '{article.slug}' is already used by {slugs[article.slug]}"
                        " (expected a unique file name or 'slug:')")
            )
            continue
        slugs[article.slug] = article.path
        articles.append(article)
    return articles


def _read_static(root: Path, paths: Iterable[str], report: BuildReport) -> Iterable[OutputFile]:
    for path in paths:
        try:
            yield OutputFile(path.removeprefix("static/"), (root / path).read_bytes())
        except OSError as err:
            report.problems.append(Problem(path, None, f"cannot be read ({err.strerror or err})"))
