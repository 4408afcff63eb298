"""The article text the chronology reads: the body's paragraphs joined by one blank line.

Every offset in :mod:`sitegen.events.model` points into this text.
"""

from __future__ import annotations

import re

from sitegen.model import Article

PARAGRAPH_BREAK = "\n\n"


def article_text(article: Article) -> str:
    """The body's paragraphs (not the title or standfirst: those repeat the body and are not
    separate evidence), joined by :data:`PARAGRAPH_BREAK`."""
    return PARAGRAPH_BREAK.join(p.text for p in article.paragraphs)


def paragraph_starts(article: Article) -> tuple[int, ...]:
    """The offset where each paragraph starts in :func:`article_text`."""
    starts, at = [], 0
    for p in article.paragraphs:
        starts.append(at)
        at += len(p.text) + len(PARAGRAPH_BREAK)
    return tuple(starts)


# Markup a reader does not read, each matched run replaced by as many spaces (offsets stay true):
# HTML tags, link and image brackets with their targets, emphasis and code marks, heading and
# quote marks at a line's start.
_MARKUP = re.compile(
    r"<[^<>\n]{0,300}>"
    r"|!?\[|\]\([^()\s]{0,2000}(?:\s+\"[^\"\n]{0,300}\")?\)|\](?=\[)|\]\[[^\]\n]{0,100}\]"
    r"|(?<!\w)[*_]{1,3}|[*_]{1,3}(?!\w)|`+"
    r"|^[ \t]{0,3}(?:#{1,6}|>)[ \t]",
    re.M,
)


def reading_text(article: Article) -> str:
    """:func:`article_text` as a reader reads it: for a Markdown body, its markup (``<b>``,
    ``[text](url)``, ``**``, ``#``) blanked out with spaces, so titles and sentences never carry
    it and every offset still points into :func:`article_text`."""
    text = article_text(article)
    if article.body_format != "markdown":
        return text
    return _MARKUP.sub(lambda m: " " * len(m.group()), text)
