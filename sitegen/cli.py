"""The command line: parse, call the library, map its errors to exit codes. Nothing else.

Exit codes: 0 ok; 1 content problems (the site is published with every article that could be
built, unless ``--strict``); 2 usage, config or environment errors (nothing published);
3 reserved for "another build holds the lock".
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import threading
import time
from datetime import date, datetime
from pathlib import Path
from typing import Any, NoReturn

import click

from sitegen import __version__, output
from sitegen.build import BuildReport, build
from sitegen.config import Config, load_config
from sitegen.errors import ConfigError, OutputError, Problem
from sitegen.render import TemplateProblem

EXIT_OK, EXIT_CONTENT, EXIT_USAGE, EXIT_LOCKED = 0, 1, 2, 3


class IsoDate(click.ParamType):  # type: ignore[type-arg]  # generic only in newer Click
    """A date (``--dct``); with ``moment``, also a date-time (``--as-of``), as ``as_of`` takes it."""

    def __init__(self, moment: bool = False) -> None:
        self.moment = moment
        self.name = "YYYY-MM-DD[THH:MM[:SS][+HH:MM]]" if moment else "YYYY-MM-DD"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> date:
        if isinstance(value, date):
            return value
        try:
            return datetime.fromisoformat(value) if self.moment and "T" in value else date.fromisoformat(value)
        except ValueError:
            what = "a date or date-time" if self.moment else "a date"
            such_as = ", such as 2023-11-06 or 2023-11-06T18:00+03:00" if self.moment else ""
            self.fail(f"{value!r} is not {what} (expected {self.name}{such_as})", param, ctx)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="sitegen")
def cli() -> None:
    """Turn a folder of news articles into a static timeline-and-briefing website."""


def _source_options(func: Any) -> Any:
    func = click.option("--config", "config_file", type=click.Path(dir_okay=False, path_type=Path),
                        help="Config file (default: sitegen.toml here, if present).")(func)
    func = click.option("--strict/--no-strict", default=None,
                        help="Warnings count as problems; publish nothing if any (default: from config, off).")(func)
    func = click.option("-q", "--quiet", is_flag=True, help="Print problems only.")(func)
    func = click.option("-v", "--verbose", is_flag=True, help="Also say what was read and written.")(func)
    return func


@cli.command("build")
@click.argument("source", required=False, type=click.Path(file_okay=False, path_type=Path))
@click.option("-o", "--output", "out", type=click.Path(file_okay=False, path_type=Path),
              help="Output folder (default: site/).")
@click.option("--as-of", type=IsoDate(moment=True), default=None,
              help="The briefing's 'now' (default: from config, else the newest article's publication time).")
@click.option("--pdf", is_flag=True, help="Also print the briefing to briefing.pdf with headless Chromium.")
@_source_options
def build_cmd(source: Path | None, out: Path | None, as_of: date | None, pdf: bool, config_file: Path | None,
              strict: bool | None, quiet: bool, verbose: bool) -> None:
    """Build the site from SOURCE (default seeds/) into site/."""
    config = _load(config_file, source=source, output=out, strict=strict, as_of=as_of)
    hook = _pdf_hook() if pdf else None
    raise SystemExit(_build(config, quiet=quiet, verbose=verbose, after_stage=hook))


def _pdf_hook() -> output.AfterStage:
    """Print the staged briefing; without Chromium, stop before building (exit 2, nothing published)."""
    from sitegen import pdf

    browser = pdf.find_browser()
    if browser is None:
        _fail(pdf.missing_browser_message())
    return lambda stage: [pdf.print_briefing(browser, stage)]


def _build(config: Config, *, quiet: bool, verbose: bool, after_stage: output.AfterStage | None = None) -> int:
    """One build with its problems printed; returns the exit code (2: nothing could be published)."""
    progress = _ProgressBar() if sys.stderr.isatty() and not quiet else None
    try:
        report = build(config, progress=progress, after_stage=after_stage)
    except OutputError as err:
        if isinstance(err.report, BuildReport):
            _print_problems(err.report, config)
        click.echo(str(err), err=True)
        return EXIT_USAGE
    except TemplateProblem as err:
        click.echo(str(err), err=True)
        return EXIT_USAGE
    finally:
        if progress:
            progress.close()
    code = _finish(report, config, quiet=quiet, verbose=verbose)
    if after_stage and report.published and not quiet:
        click.echo(f"printed {_shown(config.output / 'briefing.pdf')}", err=True)
    return code


@cli.command("check")
@click.argument("source", required=False, type=click.Path(file_okay=False, path_type=Path))
@_source_options
def check_cmd(source: Path | None, config_file: Path | None, strict: bool | None,
              quiet: bool, verbose: bool) -> None:
    """Read and validate SOURCE (default seeds/); write nothing."""
    config = _load(config_file, needs_output=False, source=source, strict=strict)
    try:
        report = build(config, write=False)
    except TemplateProblem as err:
        _fail(str(err))
    raise SystemExit(_finish(report, config, quiet=quiet, verbose=verbose))


@cli.command("serve")
@click.argument("source", required=False, type=click.Path(file_okay=False, path_type=Path))
@click.option("-o", "--output", "out", type=click.Path(file_okay=False, path_type=Path),
              help="Publish here (default: a temporary folder, removed on exit).")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True,
              help="Port on 127.0.0.1 (0: any free port).")
@click.option("--config", "config_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Config file (default: sitegen.toml here, if present).")
def serve_cmd(source: Path | None, out: Path | None, port: int, config_file: Path | None) -> None:
    """Build SOURCE (default seeds/), serve the site on 127.0.0.1 and rebuild when a file in
    SOURCE changes. Ctrl-C stops."""
    from sitegen import serve

    try:
        with serve.sigterm_as_interrupt(), tempfile.TemporaryDirectory(prefix="sitegen-serve-") as scratch:
            config = _load(config_file, source=source, output=out or Path(scratch) / "site")
            _build(config, quiet=False, verbose=False)
            try:
                server = serve.Server(config.output, port)
            except OSError as err:
                _fail(f"127.0.0.1:{port}: cannot serve ({err.strerror or err}; expected a free port, or --port 0)")
            with server:
                click.echo(f"serving {_shown(config.output)} at {server.url} (Ctrl-C stops)", err=True)
                serve.watch(config.source, lambda: _rebuild(config), threading.Event())
    except KeyboardInterrupt:
        click.echo("stopped", err=True)


def _rebuild(config: Config) -> None:
    click.echo(f"{_shown(config.source)} changed: rebuilding", err=True)
    _build(config, quiet=False, verbose=False)


@cli.command("events")
@click.argument("source", required=False, type=click.Path(file_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.option("--all", "show_all", is_flag=True,
              help="Also list what is not on the timeline (negated, claimed or hidden events).")
@click.option("--config", "config_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Config file (default: sitegen.toml here, if present).")
def events_cmd(source: Path | None, fmt: str, show_all: bool, config_file: Path | None) -> None:
    """Print the merged timeline of SOURCE (default seeds/); write nothing.

    JSON is the site's events.json. Problems go to standard error; the exit code is build's.
    """
    from sitegen.build import read_story
    from sitegen.render.pages import events_json

    config = _load(config_file, needs_output=False, source=source)
    report = BuildReport()
    story = read_story(config, report)
    _print_problems(report, config)
    if fmt == "json":
        click.echo(events_json(story).decode("utf-8"), nl=False)
    else:
        rows = [e for e in story.events if show_all or e.on_timeline]
        click.echo(_events_table(rows, show_all))
    raise SystemExit(report.exit_code(config.strict))


def _events_table(events: Any, show_all: bool) -> str:
    head = ("date", "type", "status", "sources", "title", "id")
    rows = [head]
    for e in events:
        copies = sum(1 for s in e.sources if s.copy_of)
        other = len(e.sources) - copies - e.independent  # announcements, restatements: cited, not counted
        count = f"{e.independent}" + (f"+{copies} cop{'ies' if copies > 1 else 'y'}" if copies else "") \
            + (f"+{other} other" if other > 0 else "")
        status = e.status + (" (disputed)" if e.disputed else "") + (" (editorial)" if e.editorial else "") \
            + (" (hidden)" if e.hidden else "")
        rows.append((e.date.label, e.type, status, count, e.title, e.id))
    widths = [max(len(r[i]) for r in rows) for i in range(len(head) - 1)]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(r, widths)) + "  " + r[-1] for r in rows]
    if len(rows) == 1:
        lines.append("(no events" + ("" if show_all else " on the timeline; --all lists the others") + ")")
    return "\n".join(line.rstrip() for line in lines)


@cli.command("timex")
@click.argument("file", required=False, default="-", type=click.File("rb"))
@click.option("--dct", type=IsoDate(), default=None,
              help="Publication date the relative dates are resolved against.")
@click.option("--format", "fmt", type=click.Choice(["json", "text"]), default="text", show_default=True)
def timex_cmd(file: Any, dct: date | None, fmt: str) -> None:
    """Print the time expressions found in FILE (default: standard input).

    Offsets count characters of the file as written (no newline translation).
    """
    from sitegen.temporal import RuleError, tag

    data = file.read()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        _fail(f"{file.name}:{line}: the file is not valid UTF-8 (byte 0x{data[err.start]:02x}; expected UTF-8 text)")
    try:
        timexes = tag(text, dct)
    except RuleError as err:
        _fail(str(err))
    if fmt == "json":
        click.echo(json.dumps([t.to_dict() for t in timexes], indent=2, ensure_ascii=False))
        return
    for t in timexes:
        mod = f" mod={t.mod}" if t.mod else ""
        click.echo(f"{t.start}-{t.end}\t{t.type}\t{t.value}{mod}\t{t.text!r}\t[{t.rule}]")


def _load(config_file: Path | None, needs_output: bool = True, **overrides: Any) -> Config:
    try:
        return load_config(config_file, needs_output=needs_output, **overrides)
    except ConfigError as err:
        for line in err.problems:
            click.echo(line, err=True)
        raise SystemExit(EXIT_USAGE) from None


def _print_problems(report: BuildReport, config: Config) -> None:
    for problem in report.problems:
        shown = Problem(_shown(config.source / problem.path), problem.line, problem.message)
        click.echo(f"{shown} [{problem.severity}]", err=True)


def _finish(report: BuildReport, config: Config, *, quiet: bool, verbose: bool) -> int:
    _print_problems(report, config)
    code = report.exit_code(config.strict)
    if verbose:
        for path in report.built:
            click.echo(f"read {_shown(config.source / path)}", err=True)
    if not quiet:
        errors, warnings = len(report.errors), len(report.warnings)
        summary = (f"{report.articles_built} of {report.articles_found} articles"
                   f"{f' ({report.retracted} retracted)' if report.retracted else ''}"
                   f", {errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}")
        if report.published:
            click.echo(f"built {_shown(config.output)}: {summary}; {report.files_written} files written", err=True)
        elif click.get_current_context().info_name == "check":
            click.echo(f"checked {_shown(config.source)}: {summary}", err=True)
        elif not report.articles_built and not report.retracted:
            click.echo(f"nothing published (no article could be built; {_shown(config.output)} is unchanged):"
                       f" {summary}", err=True)
        else:
            click.echo(f"nothing published (--strict; {_shown(config.output)} is unchanged): {summary}", err=True)
    return code


def _shown(path: Path) -> str:
    """A path as the user would type it: relative to the working folder when inside it."""
    cwd = Path.cwd()
    path = Path(os.path.abspath(path))  # not resolve(): a message names a link, not its target
    return os.path.relpath(path, cwd) if path.is_relative_to(cwd) else str(path)


def _fail(message: str) -> NoReturn:
    click.echo(message, err=True)
    raise SystemExit(EXIT_USAGE)


class _ProgressBar:
    """Click's progress bar, shown only once a build has run for about a second."""

    def __init__(self) -> None:
        self._started = time.monotonic()
        self._bar: Any = None
        self._shown = 0

    def __call__(self, done: int, total: int) -> None:
        if self._bar is None:
            if time.monotonic() - self._started < 1.0:
                return
            self._bar = click.progressbar(length=total, label="Reading articles", file=sys.stderr)
            self._bar.__enter__()
        self._bar.update(done - self._shown)
        self._shown = done

    def close(self) -> None:
        if self._bar is not None:
            self._bar.__exit__(None, None, None)


def main() -> None:
    cli(prog_name="sitegen")
