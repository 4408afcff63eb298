"""The article text the chronology reads: the body's paragraphs joined by one blank line.

Every offset in :mod:`sitegen.events.model` points into this text.
"""

from __future__ import annotations

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
