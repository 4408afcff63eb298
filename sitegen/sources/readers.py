"""Read one article file into an :class:`~sitegen.model.Article`: a pure function of its bytes.

``.md`` files carry front matter and a Markdown body (paragraphs separated by blank lines).
``.txt`` files may carry front matter too; without it the first line is the title, the second
the standfirst when it is a single line followed by more text, and every following line is a
paragraph of its own. A ``.txt`` body is plain text: ``1. Blinken arrives.`` or ``# Gaza`` are
words, never a list or a heading.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime, tzinfo
from typing import Any, Callable
from urllib.parse import urlsplit

from sitegen.errors import Problem, SourceError
from sitegen.model import Article, Paragraph
from sitegen.sources import frontmatter

KNOWN_KEYS = (
    "title", "published", "date", "updated", "source", "url", "author",
    "tags", "lang", "slug", "standfirst", "retracted",
)  # fmt: skip

Warn = Callable[[Problem], None]

# A page's file name is the slug plus ".html"; file systems allow 255 bytes.
MAX_SLUG_BYTES = 200
LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*")


def read_article(path: str, data: bytes, tz: tzinfo, warn: Warn) -> Article:
    """Turn the bytes of the file at ``path`` (relative, for messages) into an Article.

    Raises :class:`SourceError` when the file cannot be an article (not text, not UTF-8, empty,
    malformed front matter, a date that is not a date); calls ``warn`` for what is read anyway
    (no published date, an unknown key, a link that is not http(s)).
    """
    text = _decode(path, data)
    fm = frontmatter.split(text, path)
    fields = _Fields(path, fm.values if fm else {}, fm.lines if fm else {})
    body, body_line = (fm.body, fm.body_line) if fm else (text, 1)

    is_txt = path.lower().endswith(".txt")
    paragraphs = _txt_paragraphs(body, body_line) if is_txt else _md_paragraphs(body, body_line)
    title = fields.text("title")
    standfirst = fields.text("standfirst")
    if is_txt and title is None:
        if not paragraphs:
            raise SourceError(path, body_line, "no title (expected the title on the first line)")
        title, paragraphs = paragraphs[0].text, paragraphs[1:]
        if standfirst is None and len(paragraphs) > 1:
            standfirst, paragraphs = paragraphs[0].text, paragraphs[1:]
    if not title:
        raise SourceError(path, 1, "no title (expected a 'title:' line in the front matter)")
    if not paragraphs and not standfirst:
        raise SourceError(path, body_line, "the article has no text (expected paragraphs after the title)")

    published, published_at = fields.date("published", tz)
    if published is None and fields.has("date"):
        published, published_at = fields.date("date", tz)
    if published is None:
        warn(Problem(path, 1, "no 'published' date: its relative dates cannot be resolved", "warning"))

    url = fields.text("url")
    if url is not None and not _is_web_url(url):
        warn(Problem(path, fields.line("url"), f"'url' is {_show(url)} and is left out of the page"
                     " (expected an http(s) URL)", "warning"))
        url = None
    slug_value = fields.text("slug")
    slug = slugify(slug_value if slug_value is not None else path.rsplit("/", 1)[-1].rsplit(".", 1)[0])
    if not slug:
        raise SourceError(path, fields.line("slug"),
                          "the slug is empty (expected letters or digits in the file name or 'slug:')")
    if len(slug.encode("utf-8")) > MAX_SLUG_BYTES:
        raise SourceError(path, fields.line("slug"), f"the slug is {len(slug.encode('utf-8'))} bytes long"
                          f" (expected at most {MAX_SLUG_BYTES}: it names the page's file)")
    lang = fields.text("lang")
    if lang is not None and not LANGUAGE_TAG.fullmatch(lang):
        warn(Problem(path, fields.line("lang"), f"'lang' is {_show(lang)} and is left out"
                     " (expected a language tag such as 'en' or 'pt-BR')", "warning"))
        lang = None
    for key in fields.values:
        if key not in KNOWN_KEYS:
            message = f"unknown front matter key {_show(key)} kept (known: {', '.join(KNOWN_KEYS)})"
            warn(Problem(path, fields.line(key), message, "warning", once=f"unknown-key:{key}"))

    return Article(
        path=path,
        slug=slug,
        title=title,
        body=body.strip("\n") if not is_txt else "\n\n".join(p.text for p in paragraphs),
        body_format="text" if is_txt else "markdown",
        paragraphs=tuple(paragraphs),
        published=published,
        published_at=published_at,
        updated=fields.date("updated", tz)[0],
        source=fields.text("source"),
        url=url,
        author=fields.text("author"),
        tags=fields.tags("tags"),
        lang=lang,
        standfirst=standfirst,
        retracted=fields.boolean("retracted"),
        extra={k: v for k, v in fields.values.items() if k not in KNOWN_KEYS},
        lines=dict(fields.lines),
    )


def slugify(name: str) -> str:
    """A file-name-safe slug: ``"Blinken in Ankara!"`` -> ``"blinken-in-ankara"``.

    Accents are dropped from Latin letters (``Café`` -> ``cafe``); letters of other scripts are
    kept (``Москва 2023`` -> ``москва-2023``), so non-Latin names never collapse to nothing.
    """
    decomposed = unicodedata.normalize("NFKD", name.lower())
    kept = "".join(c if c.isalnum() else "-" for c in decomposed if not unicodedata.combining(c))
    return re.sub(r"-+", "-", unicodedata.normalize("NFC", kept)).strip("-")


class _Fields:
    """Typed access to front matter values, each error naming the key's line."""

    def __init__(self, path: str, values: dict[str, Any], lines: dict[str, int]) -> None:
        self.path, self.values, self.lines = path, values, lines

    def has(self, key: str) -> bool:
        return self.values.get(key) is not None

    def line(self, key: str) -> int:
        return self.lines.get(key, 1)

    def fail(self, key: str, expected: str) -> SourceError:
        return SourceError(self.path, self.line(key), f"'{key}' is {_show(self.values[key])} (expected {expected})")

    def text(self, key: str) -> str | None:
        value = self.values.get(key)
        if value is None:
            return None
        if not isinstance(value, str):
            raise self.fail(key, "text")
        return " ".join(value.split()) or None

    def boolean(self, key: str) -> bool:
        value = self.values.get(key)
        if value is None:
            return False
        if isinstance(value, str) and value.lower() in ("true", "false"):
            return value.lower() == "true"
        raise self.fail(key, "true or false")

    def tags(self, key: str) -> tuple[str, ...]:
        value = self.values.get(key)
        if value is None:
            return ()
        items = value if isinstance(value, list) else value.split(",") if isinstance(value, str) else None
        if items is None or not all(isinstance(item, str) for item in items):
            raise self.fail(key, "a list of words")
        return tuple(dict.fromkeys(" ".join(item.split()) for item in items if item.strip()))

    def date(self, key: str, tz: tzinfo) -> tuple[date | None, datetime | None]:
        value = self.values.get(key)
        if value is None:
            return None, None
        if not isinstance(value, str):
            raise self.fail(key, "YYYY-MM-DD or an ISO 8601 datetime")
        try:
            return frontmatter.parse_published(value, tz)
        except ValueError as err:
            raise SourceError(self.path, self.line(key), f"'{key}' {err}") from None


def _show(value: Any, limit: int = 60) -> str:
    """A short, safe rendering of a value for a message: never megabytes of one hostile field."""
    if isinstance(value, list):
        return f"a list of {len(value)} item{'s' * (len(value) != 1)}"
    if isinstance(value, dict):
        return f"a mapping of {len(value)} key{'s' * (len(value) != 1)}"
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 4] + "...'"


def _decode(path: str, data: bytes) -> str:
    if not data.strip():
        raise SourceError(path, None, "the file is empty (expected an article)")
    if b"\x00" in data[:8192]:
        raise SourceError(path, None, "looks like a binary file (expected UTF-8 text)")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        raise SourceError(path, line, f"the file is not valid UTF-8 (byte 0x{data[err.start]:02x};"
                          " expected UTF-8 text)") from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _md_paragraphs(body: str, first_line: int) -> list[Paragraph]:
    paragraphs: list[Paragraph] = []
    current: list[str] = []
    start = first_line
    for number, line in enumerate(body.split("\n"), start=first_line):
        if line.strip():
            if not current:
                start = number
            current.append(line.strip())
        elif current:
            paragraphs.append(Paragraph(" ".join(current), start))
            current = []
    if current:
        paragraphs.append(Paragraph(" ".join(current), start))
    return paragraphs


def _txt_paragraphs(body: str, first_line: int) -> list[Paragraph]:
    return [
        Paragraph(line.strip(), number)
        for number, line in enumerate(body.split("\n"), start=first_line)
        if line.strip()
    ]


def _is_web_url(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and bool(parts.netloc)
