"""The data model: frozen values that flow one way, article files -> Article -> pages."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from types import MappingProxyType
from typing import Any, Mapping


def _frozen_mapping(data: Mapping[str, Any] | None = None) -> Mapping[str, Any]:
    return MappingProxyType(dict(data or {}))


@dataclass(frozen=True, slots=True)
class Paragraph:
    """One paragraph of an article body and the 1-based line in the file where it starts."""

    text: str
    line: int


@dataclass(frozen=True, slots=True)
class Article:
    """One article as read from its file, before any extraction.

    ``path`` is relative to the source folder (POSIX separators) and is what every message names.
    ``published`` is the article's calendar day (the day in the offset it was given in);
    ``published_at`` keeps the full timestamp when the file had one.
    ``body`` is Markdown source (for ``.txt`` files, one paragraph per line, already joined with
    blank lines); ``paragraphs`` are the same paragraphs as plain text with their line numbers.
    The standfirst is kept apart from the body: it is shown, never counted as separate evidence.
    """

    path: str
    slug: str
    title: str
    body: str
    paragraphs: tuple[Paragraph, ...]
    published: date | None = None
    published_at: datetime | None = None
    updated: date | None = None
    source: str | None = None
    url: str | None = None
    author: str | None = None
    tags: tuple[str, ...] = ()
    lang: str | None = None
    standfirst: str | None = None
    retracted: bool = False
    extra: Mapping[str, Any] = field(default_factory=_frozen_mapping)


@dataclass(frozen=True, slots=True)
class OutputFile:
    """A file of the built site: a relative POSIX path and its exact bytes."""

    path: str
    content: bytes
