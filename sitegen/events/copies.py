"""Copies are not corroboration: find the passages an article shares with an earlier one.

Two kinds of copy, found with one index:

- **republished wire copy**: an article most of whose text is another, earlier article's
  (several outlets printing the same agency story, trimmed or lightly edited);
- **near-identical passages**: one sentence lifted, nearly word for word, from an earlier
  article into otherwise original reporting.

Words are normalised (case-folded, NFKC, runs of letters and digits; punctuation and quote
styles do not matter) and cut into word 5-grams ("shingles"). Articles are read in a fixed
order (published date, then slug; undated articles last), and an index maps each shingle to
the *first* article that used it. A sentence is a copy when enough of its shingles were first
used by one earlier article (containment, not Jaccard: an outlet that trims a wire sentence
still copied it). Each shingle is looked up once, so the cost is linear in the total number of
words, not quadratic in the number of articles.

The result maps ``(slug, sentence start)`` to the slug of the earliest article the passage
was copied from; sentences that are nobody's copy are absent.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sitegen.events.model import Sentence

# Word n-grams of this length. Five words are rare enough that two reporters writing the same
# fact in their own words seldom share one ("met Turkish Foreign Minister Hakan" is about the
# limit of a formula), yet short enough that an edited word leaves most of a sentence's
# shingles intact.
SHINGLE = 5

# A sentence whose shingles are at least this share from one earlier article is a copy of it.
# One word changed in the middle of a 25-word sentence kills 5 of its 21 shingles (76% left),
# two edits in a 30-word sentence leave 16 of 26 (62%); two independent reports of one fact
# rarely share more than a third of a sentence's 5-grams.
PASSAGE_CONTAINMENT = 0.6

# Alone, a sentence shorter than this many words is not called a copy: "He declined to
# comment." in two articles is a formula, not a lifted passage.
MIN_PASSAGE_WORDS = 8

# An article whose shingles are at least this share from one earlier article republishes it
# (wire copy). Half, not more: outlets add their own headline, standfirst and local paragraphs
# around agency text.
ARTICLE_CONTAINMENT = 0.5

# Inside a republished article a sentence needs less: here edits are the outlet's copy-editing
# of a text already known to be copied, and short sentences ("Talks resume on Friday.") that
# match the source word for word are copied too.
REPUBLISHED_CONTAINMENT = 0.5

# Each shingle remembers the first few articles that used it, so that a phrase some earlier
# article happened to use first ("the foreign ministry said in a statement") does not hide
# where the rest of a copied sentence comes from. Beyond this many, a shingle is a formula and
# only its first users get credit for it.
MAX_USERS = 4

_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class ArticleInfo:
    """What merging needs to know about one article: its slug, publication date and address,
    its text (the offsets of :mod:`sitegen.events.model` point into it) and its sentences."""

    slug: str
    published: date | None
    url: str | None
    text: str
    sentences: tuple[Sentence, ...]


def article_order(article: ArticleInfo) -> tuple[bool, date, str]:
    """The fixed reading order: by publication date, undated articles last, ties by slug."""
    return (article.published is None, article.published or date.min, article.slug)


def normalised_words(text: str) -> list[str]:
    """The words of ``text``, case-folded and NFKC-normalised (curly and straight quotes,
    full-width digits and ligatures compare equal); punctuation dropped."""
    return _WORD.findall(unicodedata.normalize("NFKC", text).casefold())


def find_copies(articles: Sequence[ArticleInfo]) -> dict[tuple[str, int], str]:
    """For every sentence that copies a passage of an earlier article, ``(slug, sentence.start)``
    -> the slug it was copied from (the earliest article holding the passage).

    "Earlier" is :func:`article_order`: articles published the same day are ordered by slug, so
    of two identical same-day texts the one with the smaller slug is the original. The input
    order does not matter; the result's keys are in reading order.
    """
    ordered = sorted(articles, key=article_order)
    vocabulary: dict[str, int] = {}
    first_use: dict[tuple[int, ...], int] = {}  # shingle (word ids) -> index of its first article
    more_users: dict[tuple[int, ...], list[int]] = {}  # the next few articles using it, if any
    copies: dict[tuple[str, int], str] = {}
    for index, article in enumerate(ordered):
        shingled = [_shingles(s.text, vocabulary) for s in article.sentences]
        hits = [_users(shingles, first_use, more_users) for _, shingles in shingled]
        total = sum(len(shingles) for _, shingles in shingled)
        wire, share = _best(Counter(i for found in hits for i in found), total)
        if share < ARTICLE_CONTAINMENT:
            wire = -1  # not a republication
        for sentence, (n_words, shingles), found in zip(article.sentences, shingled, hits, strict=True):
            if not found:
                continue
            source, share = _best(Counter(found), len(shingles))
            if (share >= PASSAGE_CONTAINMENT and n_words >= MIN_PASSAGE_WORDS) or (
                source == wire and share >= REPUBLISHED_CONTAINMENT
            ):
                copies[(article.slug, sentence.start)] = ordered[source].slug
        # After the look-ups, so an article never copies itself.
        for shingle in dict.fromkeys(s for _, shingles in shingled for s in shingles):
            if first_use.setdefault(shingle, index) != index:
                users = more_users.setdefault(shingle, [])
                if len(users) < MAX_USERS - 1:
                    users.append(index)
    return copies


def _shingles(text: str, vocabulary: dict[str, int]) -> tuple[int, tuple[tuple[int, ...], ...]]:
    """The number of words in ``text`` and its distinct word 5-grams, as tuples of word ids
    (exact keys: no hash collisions, and the same ids for the same words in one run). A
    sentence shorter than five words is one shingle of all its words."""
    ids = [vocabulary.setdefault(word, len(vocabulary)) for word in normalised_words(text)]
    if not ids:
        return 0, ()
    if len(ids) < SHINGLE:
        return len(ids), (tuple(ids),)
    grams = zip(*(ids[i:] for i in range(SHINGLE)))  # ids[0:5], ids[1:6], ...
    return len(ids), tuple(dict.fromkeys(grams))


def _users(
    shingles: Sequence[tuple[int, ...]],
    first_use: dict[tuple[int, ...], int],
    more_users: dict[tuple[int, ...], list[int]],
) -> list[int]:
    """The earlier articles using each of ``shingles``, one entry per (shingle, article)."""
    found: list[int] = []
    for shingle in shingles:
        first = first_use.get(shingle)
        if first is not None:
            found.append(first)
            more = more_users.get(shingle)
            if more:
                found += more
    return found


def _best(counts: Counter[int], total: int) -> tuple[int, float]:
    """The article holding the most of ``total`` shingles (the earliest on a tie) and its share."""
    if not counts:
        return -1, 0.0
    source = min(counts, key=lambda i: (-counts[i], i))
    return source, counts[source] / total
