"""An article page's body with the sentences that support timeline events marked.

Offsets of event sources point into the article *text* (its paragraphs as written, joined by a
blank line), while the page shows that text rendered from Markdown. Marks are placed safely:

1. two private-use characters (U+E000 opens, U+E001 closes) are put into the text at each span
   (after any block markup that opens a line, such as ``- `` or ``# ``, so a list stays a list);
2. the marked text is rendered by the same safe renderer as every body (raw HTML escaped);
3. the result is accepted only when the characters came through as text (never in an attribute),
   in order, each pair under the same elements and not inside a link, and when removing them gives
   exactly the HTML of the unmarked text: the marks changed nothing else;
4. only then is each pair replaced by ``<mark id="s-<start>">`` ... ``</mark>`` and the links to
   the events, markup this module writes itself.

If any check fails (a sentence that starts inside emphasis and ends outside it, a span that
covers a link reference definition ...), the article is shown as escaped paragraphs with the
marks instead: less formatting, never broken or unsafe HTML.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Callable, Iterable, Sequence

from markupsafe import Markup

from sitegen.events.text import PARAGRAPH_BREAK, article_text
from sitegen.model import Article
from sitegen.render.body import render_markdown

OPEN, CLOSE = "\ue000", "\ue001"
_BLOCK_START = re.compile(r"(?:[ \t]*(?:>|[-*+]|\d{1,9}[.)]|#{1,6})[ \t]+)*")


@dataclass(frozen=True, slots=True)
class Marked:
    """The body HTML and the starts of the spans that got a ``<mark id="s-<start>">``;
    ``fallback`` says the article is shown as escaped paragraphs."""

    html: str
    anchors: frozenset[int]
    fallback: bool = False


def spans_for(article: Article, wanted: Iterable[tuple[int, int]]) -> dict[tuple[int, int], tuple[int, int]]:
    """The spans that can be marked, by the span asked for: inside the text, within one
    paragraph, trimmed of surrounding space; of two overlapping spans the first is kept."""
    text = article_text(article)
    kept: list[tuple[int, int]] = []
    result: dict[tuple[int, int], tuple[int, int]] = {}
    for asked in sorted(set(wanted)):
        start, end = asked
        if not 0 <= start < end <= len(text) or PARAGRAPH_BREAK in text[start:end]:
            continue
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        line = text.rfind("\n", 0, start) + 1
        if text[line:start].strip() == "":  # the span opens a line: step over its block markup
            start = max(start, _BLOCK_START.match(text, line).end())  # type: ignore[union-attr]
        if start >= end:
            continue
        if kept and (start, end) == kept[-1]:
            result[asked] = kept[-1]
        elif not kept or start >= kept[-1][1]:
            kept.append((start, end))
            result[asked] = kept[-1]
    return result


def mark(article: Article, spans: Sequence[tuple[int, int]], after: Callable[[int], Markup],
         body_html: str | None = None) -> Marked:
    """The article's body with ``spans`` (distinct values of :func:`spans_for`, sorted) marked; ``after(start)`` is the
    markup that follows each mark (links to its events). ``body_html``, the body as the build rendered it
    (``render_body``), saves rendering the unmarked text again when the body *is* that text."""
    text = article_text(article)
    if not spans:
        raise ValueError("nothing to mark")
    pieces, at = [], 0
    for start, end in spans:
        pieces += [text[at:start], OPEN, text[start:end], CLOSE]
        at = end
    marked = "".join(pieces) + text[at:]
    if article.body_format == "markdown" and OPEN not in text and CLOSE not in text:
        rendered = render_markdown(marked)
        unmarked = body_html if body_html is not None and article.body == text else render_markdown(text)
        if _sound(rendered, len(spans)) and _strip(rendered) == unmarked:
            return Marked(_replace(rendered, spans, after), frozenset(s for s, _ in spans))
    if OPEN in text or CLOSE in text:
        marked = text  # the article itself uses the characters: no marks at all
        spans = ()
    plain = "\n".join(f"<p>{html.escape(p, quote=False)}</p>" for p in marked.split(PARAGRAPH_BREAK))
    return Marked(_replace(plain, spans, after), frozenset(s for s, _ in spans),
                  fallback=article.body_format == "markdown")


def _strip(rendered: str) -> str:
    return rendered.replace(OPEN, "").replace(CLOSE, "")


def _replace(rendered: str, spans: Sequence[tuple[int, int]], after: Callable[[int], Markup]) -> str:
    out, it = [], iter(spans)
    current = 0
    for piece in re.split(f"([{OPEN}{CLOSE}])", rendered):
        if piece == OPEN:
            current = next(it)[0]
            out.append(f'<mark id="s-{current}">')
        elif piece == CLOSE:
            out.append("</mark>" + str(after(current)))
        else:
            out.append(piece)
    return "".join(out)


class _Check(HTMLParser):
    """Where the marker characters ended up: in text (with the open elements) or elsewhere."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.seen: list[tuple[str, tuple[str, ...]]] = []
        self.bad = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if any(v and (OPEN in v or CLOSE in v) for _, v in attrs):
            self.bad = True
        if tag not in ("br", "hr", "img", "wbr"):
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if any(v and (OPEN in v or CLOSE in v) for _, v in attrs):
            self.bad = True

    def handle_endtag(self, tag: str) -> None:
        if tag in self.stack:
            while self.stack and self.stack.pop() != tag:
                pass

    def handle_data(self, data: str) -> None:
        for char in data:
            if char in (OPEN, CLOSE):
                self.seen.append((char, tuple(self.stack)))

    def handle_comment(self, data: str) -> None:
        self.bad = self.bad or OPEN in data or CLOSE in data


def _sound(rendered: str, count: int) -> bool:
    check = _Check()
    check.feed(rendered)
    check.close()
    if check.bad or len(check.seen) != 2 * count:
        return False
    for (o, o_stack), (c, c_stack) in zip(check.seen[::2], check.seen[1::2]):
        if o != OPEN or c != CLOSE or o_stack != c_stack or "a" in o_stack:
            return False
    return True
