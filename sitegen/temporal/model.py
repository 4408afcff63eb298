"""The tagger's public values: :class:`Timex` and :class:`RuleError`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any


@dataclass(frozen=True, slots=True)
class Timex:
    """One TIMEX3: span, type, normalised value, modifier, calendar interval and the rule behind it."""

    start: int
    end: int
    text: str
    type: str  # DATE, TIME, DURATION, SET
    value: str
    mod: str | None
    earliest: date | None
    latest: date | None
    rule: str

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready fields in declaration order; dates as ISO strings, ``None`` kept."""
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "type": self.type,
            "value": self.value,
            "mod": self.mod,
            "earliest": self.earliest.isoformat() if self.earliest else None,
            "latest": self.latest.isoformat() if self.latest else None,
            "rule": self.rule,
        }


class RuleError(Exception):
    """A problem in a rule or vocabulary file, named by file, line and rule."""

    def __init__(self, path: str, line: int, rule: str, message: str) -> None:
        self.path = path
        self.line = line
        self.rule = rule
        self.message = message
        where = f"{path}:{line}"
        super().__init__(f"{where}: rule {rule!r} {message}" if rule else f"{where}: {message}")
