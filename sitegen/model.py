"""The data model: frozen values that flow one way, article files -> Article -> pages."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, Literal, Mapping

if TYPE_CHECKING:
    from sitegen.events.model import Event, Quote


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
    ``body`` is the body as written, in ``body_format`` (``"markdown"`` for ``.md``; ``"text"``
    for ``.txt``, one paragraph per line joined with blank lines, never read as Markdown);
    ``paragraphs`` are the same paragraphs with the line where each starts in the file.
    The standfirst is kept apart from the body: it is shown, never counted as separate evidence.
    ``lines`` maps each front matter key to its line, for messages that point at it.
    """

    path: str
    slug: str
    title: str
    body: str
    body_format: Literal["markdown", "text"]
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
    extra: Mapping[str, Any] = field(default_factory=dict)
    lines: Mapping[str, int] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class OutputFile:
    """A file of the built site: a relative POSIX path and its exact bytes."""

    path: str
    content: bytes


@dataclass(frozen=True, slots=True)
class Story:
    """What the renderer gets: the articles to publish (in path order), each article's body
    already rendered to safe HTML (by slug), the ``static/`` files to copy, the merged timeline
    (every event of the model, in chronological order; :attr:`Event.on_timeline` says which
    are shown by default) and each article's quotes (by slug)."""

    articles: tuple[Article, ...]
    bodies: Mapping[str, str]
    static: tuple[OutputFile, ...] = ()
    events: tuple[Event, ...] = ()
    quotes: Mapping[str, tuple[Quote, ...]] = field(default_factory=dict)
