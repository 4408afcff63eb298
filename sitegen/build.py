"""The pipeline, top to bottom: discover -> read each article -> check the story -> render -> publish."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable
from zoneinfo import ZoneInfo

from sitegen import output, render
from sitegen.events.extract import ArticleEvents, extract as extract_events
from sitegen.events.merge import merge_and_check
from sitegen.events.model import Event
from sitegen.events.overrides import OVERRIDES_NAME, load_overrides
from sitegen.config import Config
from sitegen.errors import OutputError, Problem, SourceError
from sitegen.model import Article, OutputFile, Story
from sitegen.render.body import NestingError, render_body
from sitegen.sources import discover, read_article

Progress = Callable[[int, int], None]


@dataclass(frozen=True, slots=True)
class ArticleResult:
    """What one file gave: the article and its body as safe HTML (unless it could not be
    read or rendered), and its problems."""

    path: str
    article: Article | None
    body_html: str
    problems: tuple[Problem, ...]
    events: ArticleEvents | None = None


@dataclass
class BuildReport:
    """What a build (or a check) found and did. Problems are in file order."""

    problems: list[Problem] = field(default_factory=list)
    articles_found: int = 0
    built: list[str] = field(default_factory=list)  # paths of the articles that will be published
    retracted: int = 0
    files_written: int = 0
    published: bool = False

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]

    @property
    def articles_built(self) -> int:
        return len(self.built)

    def exit_code(self, strict: bool) -> int:
        """0 ok; 1 content problems (under ``strict`` warnings count too)."""
        return 1 if self.errors or (strict and self.warnings) else 0


def load_article(root: Path, path: str, timezone: str) -> ArticleResult:
    """Read one article file, render its body and read its events: the unit of per-article work.

    A pure function of the file's bytes and the time zone, so it can be cached by content hash
    or run in a process pool.
    """
    problems: list[Problem] = []
    try:
        data = (root / path).read_bytes()
        article = read_article(path, data, ZoneInfo(timezone), problems.append)
        body_html = render_body(article)
    except SourceError as err:
        return ArticleResult(path, None, "", (*problems, err.problem))
    except (NestingError, RecursionError):
        problem = Problem(path, None, "skipped: the Markdown is nested too deeply to render"
                          " (expected ordinary paragraphs, lists and quotes)")
        return ArticleResult(path, None, "", (*problems, problem))
    except OSError as err:
        return ArticleResult(path, None, "", (*problems, Problem(path, None, f"cannot be read ({err.strerror or err})")))
    try:
        events = None if article.retracted else extract_events(article)
    except Exception as err:  # noqa: BLE001 - one article's extraction bug must not stop the build
        problems.append(Problem(path, None, f"its events could not be read ({type(err).__name__}: {err}; a bug in"
                                " sitegen, please report it with this article): it is published without"
                                " timeline entries", "warning"))
        events = None
    return ArticleResult(path, article, body_html, tuple(problems), events)


def read_story(config: Config, report: BuildReport, progress: Progress | None = None) -> Story:
    """Discover and read every article of ``config.source``; problems go into ``report``."""
    found = discover(config.source)
    report.problems.extend(found.problems)
    report.articles_found = len(found.articles)
    if not found.articles:
        report.problems.append(Problem(".", None, "no articles found (expected .md or .txt files)"))
    results = []
    for done, path in enumerate(found.articles, start=1):
        results.append(load_article(config.source, path, config.timezone))
        if progress:
            progress(done, len(found.articles))
    kept = [r for r in _check_story(results, report) if r.article]
    published = [r for r in kept if r.article and not r.article.retracted]
    report.retracted = len(kept) - len(published)
    report.built = [r.path for r in published]
    extracted = [r.events for r in published if r.events is not None]
    return Story(
        articles=tuple(r.article for r in published if r.article),
        bodies={r.article.slug: r.body_html for r in published if r.article},
        static=tuple(_read_static(config.source, found.static, report)),
        events=_timeline(config.source, extracted, report),
        quotes={e.slug: e.quotes for e in extracted},
    )


def _timeline(source: Path, extracted: list[ArticleEvents], report: BuildReport) -> tuple[Event, ...]:
    """Merge every article's event mentions into one timeline, with the editor's ``events.toml``."""
    overrides = None
    path = source / OVERRIDES_NAME
    if path.is_file():
        overrides, problems = load_overrides(path, OVERRIDES_NAME)
        report.problems.extend(problems)
    events, problems = merge_and_check([m for e in extracted for m in e.mentions], [e.info for e in extracted], overrides)
    report.problems.extend(problems)
    return events


def build(config: Config, *, write: bool = True, progress: Progress | None = None,
          after_stage: output.AfterStage | None = None) -> BuildReport:
    """Build the site of ``config``; with ``write`` false, do everything but publish.

    Nothing is published when no article could be read at all (an empty or mistyped source
    folder must not wipe the live site; a story whose articles are all retracted is published,
    so they disappear) or, under ``config.strict``, when anything was reported.
    ``after_stage`` (``build --pdf``) adds files made from the staged site, published with it.
    Raises ``OutputError`` (carrying the report so far) if publishing fails, and
    ``TemplateProblem`` for a broken template.
    """
    report = BuildReport()
    story = read_story(config, report, progress)
    rendered = render.plan(story, config)
    report.problems.extend(rendered.problems)
    nothing_read = not report.built and not report.retracted
    if not write or nothing_read or (config.strict and report.exit_code(strict=True)):
        return report
    try:
        output.publish(rendered.files, config.output, after_stage=after_stage)
    except OutputError as err:
        err.report = report
        raise
    report.files_written = len(rendered.files)
    report.published = True
    return report


def _check_story(results: Iterable[ArticleResult], report: BuildReport) -> list[ArticleResult]:
    """Cross-article checks: unique slugs; problems marked ``once`` are kept the first time only."""
    kept: list[ArticleResult] = []
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
            line = article.lines.get("slug") or article.lines.get("title")
            report.problems.append(Problem(
                article.path, line, f"skipped: its slug '{article.slug}' is already used by {slugs[article.slug]}"
                " (expected a unique file name or 'slug:')"))
            continue
        slugs[article.slug] = article.path
        kept.append(result)
    return kept


def _read_static(root: Path, paths: Iterable[str], report: BuildReport) -> Iterable[OutputFile]:
    for path in paths:
        try:
            yield OutputFile(path.removeprefix("static/"), (root / path).read_bytes())
        except OSError as err:
            report.problems.append(Problem(path, None, f"cannot be read ({err.strerror or err})"))
