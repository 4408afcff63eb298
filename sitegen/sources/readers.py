"""Read one article file into an :class:`~sitegen.model.Article`: a pure function of its bytes.

``.md`` files carry front matter and a Markdown body (paragraphs separated by blank lines).
``.txt`` files may carry front matter too; without it the first line is the title, the second
the standfirst when it is a single line followed by more text, and every following line is a
paragraph of its own.
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


def read_article(path: str, data: bytes, tz: tzinfo, warn: Warn) -> Article:
    """Turn the bytes of the file at ``path`` (relative, for messages) into an Article.

    Raises :class:`SourceError` when the file cannot be an article (not text, not UTF-8, empty,
    malformed front matter, a date that is not a date); calls ``warn`` for what is read anyway
    (no published date, an unknown key, a link that is not http(s)).
    """
    text = _decode(path, data)
    fm = frontmatter.split(text, path)
    values: dict[str, Any] = fm.values if fm else {}
    lines: dict[str, int] = fm.lines if fm else {}
    body, body_line = (fm.body, fm.body_line) if fm else (text, 1)

    def line_of(key: str) -> int:
        return lines.get(key, 1)

    is_txt = path.lower().endswith(".txt")
    paragraphs = _txt_paragraphs(body, body_line) if is_txt else _md_paragraphs(body, body_line)
    title = _text_field(values, "title", path, line_of)
    standfirst = _text_field(values, "standfirst", path, line_of)
    if is_txt and title is None:
        if not paragraphs:
            raise SourceError(path, body_line, "no title (expected the title on the first line)")
        title = paragraphs[0].text
        paragraphs = paragraphs[1:]
        if standfirst is None and len(paragraphs) > 1:
            standfirst = paragraphs[0].text
            paragraphs = paragraphs[1:]
    if not title:
        raise SourceError(path, 1, "no title (expected a 'title:' line in the front matter)")
    if not paragraphs and not standfirst:
        raise SourceError(path, body_line, "the article has no text (expected paragraphs after the title)")
    markdown_body = "\n\n".join(p.text for p in paragraphs) if is_txt else body.strip("\n")

    published, published_at = _date_field(values, "published", path, line_of, tz)
    if published is None and "date" in values:
        published, published_at = _date_field(values, "date", path, line_of, tz)
    if published is None:
        warn(Problem(path, 1, "no 'published' date: its relative dates cannot be resolved", "warning"))
    updated, _ = _date_field(values, "updated", path, line_of, tz)

    url = _text_field(values, "url", path, line_of)
    if url is not None and not _is_web_url(url):
        warn(Problem(path, line_of("url"), f"'url' is {url!r}, not dropped into links (expected an http(s) URL)", "warning"))
        url = None
    slug_value = _text_field(values, "slug", path, line_of)
    slug = slugify(slug_value if slug_value is not None else path.rsplit("/", 1)[-1].rsplit(".", 1)[0])
    if not slug:
        raise SourceError(path, line_of("slug"), "the slug is empty (expected letters or digits in the file name or 'slug:')")
    for key in values:
        if key not in KNOWN_KEYS:
            message = f"unknown front matter key '{key}' kept (known: {', '.join(KNOWN_KEYS)})"
            warn(Problem(path, line_of(key), message, "warning", once=f"unknown-key:{key}"))
    retracted = values.get("retracted", False)
    if not isinstance(retracted, bool):
        raise SourceError(path, line_of("retracted"), f"'retracted' is {retracted!r} (expected true or false)")

    return Article(
        path=path,
        slug=slug,
        title=title,
        body=markdown_body,
        paragraphs=tuple(paragraphs),
        published=published,
        published_at=published_at,
        updated=updated,
        source=_text_field(values, "source", path, line_of),
        url=url,
        author=_text_field(values, "author", path, line_of),
        tags=_tags(values, path, line_of),
        lang=_text_field(values, "lang", path, line_of),
        standfirst=standfirst,
        retracted=retracted,
        extra={k: v for k, v in values.items() if k not in KNOWN_KEYS},
    )


def slugify(name: str) -> str:
    """``"Blinken in Ankara!"`` -> ``"blinken-in-ankara"``: ASCII letters, digits and hyphens."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")


def _decode(path: str, data: bytes) -> str:
    if not data.strip():
        raise SourceError(path, None, "the file is empty (expected an article)")
    if b"\x00" in data[:8192]:
        raise SourceError(path, None, "looks like a binary file (expected UTF-8 text)")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        raise SourceError(path, line, f"is not valid UTF-8 (byte 0x{data[err.start]:02x}; expected UTF-8 text)") from None
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


def _text_field(values: dict[str, Any], key: str, path: str, line_of: Callable[[str], int]) -> str | None:
    value = values.get(key)
    if value is None:
        return None
    if isinstance(value, (dict, list)) or isinstance(value, bool):
        raise SourceError(path, line_of(key), f"'{key}' is {value!r} (expected text)")
    text = " ".join(str(value).split())
    return text or None


def _date_field(
    values: dict[str, Any], key: str, path: str, line_of: Callable[[str], int], tz: tzinfo
) -> tuple[date | None, datetime | None]:
    if values.get(key) is None:
        return None, None
    try:
        return frontmatter.parse_published(values[key], tz)
    except ValueError as err:
        raise SourceError(path, line_of(key), f"'{key}' {err}") from None


def _tags(values: dict[str, Any], path: str, line_of: Callable[[str], int]) -> tuple[str, ...]:
    value = values.get("tags")
    if value is None:
        return ()
    items = value if isinstance(value, list) else str(value).split(",")
    if any(isinstance(item, (dict, list)) for item in items):
        raise SourceError(path, line_of("tags"), f"'tags' is {value!r} (expected a list of words)")
    return tuple(dict.fromkeys(" ".join(str(item).split()) for item in items if str(item).strip()))


def _is_web_url(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and bool(parts.netloc)
