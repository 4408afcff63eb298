"""Errors and problems.

The library raises :class:`SitegenError` subclasses; only ``cli.py`` maps them to exit codes.
A :class:`Problem` is one line of a build report, always formatted ``path:line: message``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, slots=True)
class Problem:
    """One reportable problem with an input file, in the one format used everywhere."""

    path: str
    line: int | None
    message: str
    severity: Severity = "error"
    # Problems that share a non-empty ``once`` key are reported only the first time in a build.
    once: str = ""

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}"


class SitegenError(Exception):
    """Base class of every error sitegen raises on purpose."""


class ConfigError(SitegenError):
    """The configuration (file or flags) is unusable. Carries every problem found at once."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(self.problems))


class SourceError(SitegenError):
    """An article file cannot be read. ``str()`` is ``path:line: message``."""

    def __init__(self, path: str, line: int | None, message: str) -> None:
        self.problem = Problem(path, line, message)
        super().__init__(str(self.problem))


class OutputError(SitegenError):
    """The output directory cannot be written or replaced safely. ``report`` is the build's
    report so far, when a build raised it, so its problems can still be shown."""

    report: object = None
