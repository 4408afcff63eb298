"""Split article text into sentences with character offsets and paragraph numbers.

Paragraphs are separated by a blank line (a line break, optional spaces or tabs, a line
break; ``"\\n\\n"`` in :func:`sitegen.events.text.article_text`); each run of blank lines
counts as one break per ``"\\n\\n"``, as ``text.split("\\n\\n")`` would number them. A
sentence never crosses a paragraph break, and the end of a paragraph always ends a sentence
(a headline or standfirst without a final period is one sentence).

Inside a paragraph a sentence may end only at a run of ``.``, ``?``, ``!`` or ``…``,
optionally followed by closing quotation marks or brackets, and then whitespace. Whether it
does end there depends on the next word (after any opening quotation mark or bracket):

1. a next word starting with a lower-case letter never starts a sentence: ``"Is it over?"
   she asked`` and ``need... and what`` stay whole; so does ``peace," he said`` (a comma is
   no candidate at all) and "3.5" or "$1.2 billion" (no space after the period);
2. after an abbreviation listed as ``never_end`` in ``data/en/abbreviations.toml`` ("Mr.",
   "Gen.", "vs.") the sentence goes on;
3. after an abbreviation listed as ``may_end`` ("U.S.", "Nov.", "a.m.", "Inc.", "etc.",
   "No."), after a single capital initial ("J.", as in "J. R. R. Tolkien") and after a
   dotted initialism of two or more letters not listed ("U.S.A.", "e.g."), the sentence ends
   only when the next word is one of the ``[starters]`` (a pronoun, article or connective
   that commonly opens a sentence: "He", "The", "But", "In" ...). So "the U.S. State
   Department" and "Nov. 6" stay whole while "in the U.S. He said" splits. The rule errs on
   the side of one sentence too long (a proper name after "U.S." at a real sentence end is
   missed) rather than cutting a name in two;
4. anything else ends the sentence: "win." The crowd ...``, ``cheered! Then``, a digit, a
   dash. An ellipsis followed by a capitalised word ends the sentence too.

Abbreviations are matched case-sensitively, exactly as the data file writes them ("No." is
listed, the word "no." is not). The data is read once per process.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .model import Sentence

DATA = Path(__file__).parent / "data" / "en" / "abbreviations.toml"

# a paragraph break: a line break, blanks, a line break (one match per "\n\n" of a run)
PARAGRAPH_BREAK = re.compile(r"\n[^\S\n]*\n")
# a candidate sentence end: terminal punctuation, closers, then whitespace or the end
# (only at the start of a run, possessive: linear on "....." or ".!.!.")
_END = re.compile(r"(?<![.?!…])[.?!…]++[\"'”’)\]»]*+(?=\s|\Z)")
_OPENERS = "\"'“‘([«"
_INITIALISM = re.compile(r"(?:[A-Za-z]\.){2,}")
_INITIAL = re.compile(r"[A-Z]\.")
_TOKEN_MAX = 40  # longer tokens are never abbreviations: bounds the look-back


@dataclass(frozen=True, slots=True)
class Abbreviations:
    """``never_end`` and ``may_end`` forms (with their final period) and the sentence starters."""

    never_end: frozenset[str]
    may_end: frozenset[str]
    starters: frozenset[str]


def load_abbreviations(path: Path) -> Abbreviations:
    """Read an abbreviations file: every table with ``never_end``/``may_end`` lists is a group;
    ``[starters] words`` is the starter list."""
    with path.open("rb") as f:
        data = tomllib.load(f)
    never: set[str] = set()
    may: set[str] = set()
    for name, group in data.items():
        if name == "starters":
            continue
        never.update(group.get("never_end", []))
        may.update(group.get("may_end", []))
    starters = frozenset(data.get("starters", {}).get("words", []))
    return Abbreviations(frozenset(never), frozenset(may), starters)


@lru_cache(maxsize=1)
def default_abbreviations() -> Abbreviations:
    """The English abbreviations shipped in ``data/en``, read once per process."""
    return load_abbreviations(DATA)


def paragraph_spans(text: str) -> tuple[tuple[int, int], ...]:
    """``(start, end)`` of each paragraph of ``text``, in order, blank ones included, so that
    the index is the paragraph number."""
    spans, at = [], 0
    for m in PARAGRAPH_BREAK.finditer(text):
        spans.append((at, m.start()))
        at = m.end()
    spans.append((at, len(text)))
    return tuple(spans)


def split_sentences(text: str, abbreviations: Abbreviations | None = None) -> tuple[Sentence, ...]:
    """The sentences of ``text`` in order: ``text[s.start:s.end] == s.text``, stripped of
    surrounding whitespace, never empty, never across a paragraph break (module docstring)."""
    abbr = abbreviations or default_abbreviations()
    out: list[Sentence] = []
    for number, (p_start, p_end) in enumerate(paragraph_spans(text)):
        at = p_start
        for m in _END.finditer(text, p_start, p_end):
            if _ends_here(text, m.start(), m.end(), p_end, abbr):
                _append(out, text, at, m.end(), number)
                at = m.end()
        _append(out, text, at, p_end, number)
    return tuple(out)


def _append(out: list[Sentence], text: str, start: int, end: int, paragraph: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        out.append(Sentence(start, end, text[start:end], paragraph))


def _ends_here(text: str, punct: int, after: int, p_end: int, abbr: Abbreviations) -> bool:
    """Does the candidate whose punctuation starts at ``punct`` (closers end at ``after``) end
    a sentence? Rules 1-4 of the module docstring."""
    word = _next_word(text, after, p_end)
    if not word:
        return True  # paragraph end: _append ends it anyway
    if word[0].islower():
        return False
    marks = text[punct:after]
    if not marks.startswith(".") or marks.startswith("..") or marks.startswith(".…"):
        return True  # "?", "!", an ellipsis: rule 1 already kept lower-case continuations
    token = _token_before(text, punct)
    if token in abbr.never_end:
        return False
    if (
        token in abbr.may_end
        or _INITIAL.fullmatch(token) is not None
        or _INITIALISM.fullmatch(token) is not None
    ):
        return word in abbr.starters
    return True


def _token_before(text: str, punct: int) -> str:
    """The word that the period at ``punct`` closes, period included ("U.S.", "Mr."), without
    opening quotation marks or brackets; "" when it is longer than any abbreviation."""
    lo = punct
    limit = max(0, punct - _TOKEN_MAX)
    while lo > limit and not text[lo - 1].isspace() and text[lo - 1] not in _OPENERS:
        lo -= 1
    if lo == limit and lo > 0 and not text[lo - 1].isspace() and text[lo - 1] not in _OPENERS:
        return ""
    return text[lo : punct + 1]


def _next_word(text: str, at: int, p_end: int) -> str:
    """The word starting after whitespace and opening marks from ``at`` (bounded by the
    paragraph end), up to the next space or punctuation mark that is not part of a word."""
    i = at
    while i < p_end and (text[i].isspace() or text[i] in _OPENERS):
        i += 1
    j = i
    while j < p_end and j - i < _TOKEN_MAX and (text[j].isalnum() or text[j] in "-'’"):
        j += 1
    if j == i and i < p_end:
        return text[i]  # a dash, a digit sign, a symbol: itself
    return text[i:j]
