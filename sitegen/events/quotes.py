"""Direct quotations and their speakers.

**Quotations.** Within each paragraph, straight (``"``) and curly (``“`` ``”``) double marks
pair up in order: a straight mark opens when nothing is open and closes otherwise; ``“``
opens (a second ``“`` while one is open restarts the quotation: the first was stray) and
``”`` closes (a stray ``”`` is ignored). A quotation may span sentences. One still open at
the paragraph end ends there: that is the news convention where a quoted passage runs over
several paragraphs, each reopening with a mark; such a paragraph and the next one that opens
with a mark form a *chain* that shares one speaker. ``start``/``end`` exclude the marks and
surrounding blanks. A quotation of fewer than three words with no attribution (a verb or a
frame of ``data/en/speech.toml``) in its sentence is a scare quote and is skipped.

**Speakers.** The attribution is looked for, in this order:

1. *after* the closing mark, up to the end of its sentence or the next quotation: the first
   verb or frame there decides (``"...," Erdogan said``; ``"...," said Erdogan``;
   ``"...," Al Jazeera quoted Erdogan as saying``); if the quotation closes its sentence, the
   next sentence of the paragraph counts when it starts with the attribution
   (``"We will win." Erdogan said.``);
2. *before* the opening mark, from the start of its sentence (or the previous quotation's
   closing mark): verbs and frames from the nearest backwards, the first that names a speaker
   wins (``Blinken told reporters that he had a "..."``; ``Erdogan said on Friday, adding that
   Turkey was working on "..."`` finds the subject of ``said``); for a quotation that opens a
   paragraph, a previous paragraph ending with a colon counts too;
3. another quotation of the same chain.

A verb's subject is the mention (of a person, organisation or country; ``people`` may hold
any :class:`EntityMention`, the rest are ignored) that ends right before it, with only words of
``between`` in the gap ("Erdogan also said"), unless that mention follows a word of
``not_subject_after`` ("the spokesman for Erdogan said": unknown speaker). Inverted verbs take
the mention right after them, past capitalised title words ("said President Erdogan"), unless
it is possessive ("said Blinken's spokesman"). A frame's speaker is the mention in its slot.
A subject that is a word we cannot name ("the spokesman said") gives ``None``.

A pronoun subject ("he", "she"; "it" for an organisation or a country) stands for the *first*
matching entity named in the nearest earlier sentence that names one, before the quotation and
outside any quotation. The first rather than the last: in English news the subject comes first
("Blinken told reporters he had a good talk with Fidan. "...," he said" is Blinken). A mention
the caller already resolved for the pronoun itself (an :class:`EntityMention` whose text is
"he") wins over this rule. "who" speaks for the name right before its comma.

Everything is linear in the text and the mentions; nothing reads the clock.
"""

from __future__ import annotations

import re
import tomllib
from bisect import bisect_left, bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .model import DateRange, EntityMention, Quote, Sentence
from .sentences import paragraph_spans

DATA = Path(__file__).parent / "data" / "en" / "speech.toml"
SPEAKER_KINDS = frozenset({"person", "organisation", "country"})
SCARE_MAX_WORDS = 2  # a quotation of at most this many words needs an attribution

_MARKS = re.compile("[\"“”]")
_WORD = re.compile(r"\w+(?:['’-]\w+)*")
_POSSESSIVE = re.compile(r"['’]s?\b")
_TITLE_WORDS_MAX = 4
_BETWEEN_MAX = 4
_BEFORE_CUES_MAX = 8  # how many cues before a quotation are tried, nearest first
_ASIDE_MAX = 200  # the longest aside between a name and its verb, in characters
_NONBLANK = re.compile(r"\S")
_LETTERS = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True, slots=True)
class Frame:
    """``quoted {speaker} as saying``: regexes for the words before and after the slot (either
    may be ``None``); ``before`` ends with whitespace, ``after`` starts with it. ``anchor``
    matches the frame's first fixed words (``before``, else ``after`` without its blanks) at a
    word starting with ``first``: that is how the text is scanned for frames."""

    text: str
    before: re.Pattern[str] | None
    after: re.Pattern[str] | None
    anchor: re.Pattern[str]
    first: str


@dataclass(frozen=True, slots=True)
class SpeechWords:
    """``speech.toml`` as the code reads it; every word case-folded."""

    verbs: frozenset[str]
    inverted: frozenset[str]
    frames: tuple[Frame, ...]
    between: frozenset[str]
    not_subject_after: frozenset[str]
    pronouns: Mapping[str, frozenset[str]]
    relative: frozenset[str]


def _words_regex(words: Sequence[str]) -> str:
    longest_first = sorted({w.casefold() for w in words}, key=lambda w: (-len(w), w))
    return "|".join(r"\s+".join(re.escape(p) for p in w.split()) for w in longest_first)


def _frame(text: str) -> Frame:
    if text.count("{speaker}") != 1:
        raise ValueError(f"speech.toml: frame {text!r} needs exactly one {{speaker}}")
    head, tail = (part.strip() for part in text.split("{speaker}"))
    if not head and not tail:
        raise ValueError(f"speech.toml: frame {text!r} has no words around {{speaker}}")
    before = re.compile(rf"{_words_regex([head])}\s+", re.IGNORECASE) if head else None
    after = re.compile(rf"\s+{_words_regex([tail])}\b", re.IGNORECASE) if tail else None
    anchor = before or re.compile(rf"{_words_regex([tail])}\b", re.IGNORECASE)
    return Frame(text, before, after, anchor, (head or tail).split()[0].casefold())


def load_speech(path: Path) -> SpeechWords:
    """Read a speech vocabulary file (see ``data/en/speech.toml``)."""
    with path.open("rb") as f:
        data = tomllib.load(f)

    def fold(key: str) -> frozenset[str]:
        return frozenset(w.casefold() for w in data.get(key, []))

    return SpeechWords(
        verbs=fold("verbs"),
        inverted=fold("inverted"),
        frames=tuple(_frame(f) for f in data.get("frames", [])),
        between=fold("between"),
        not_subject_after=fold("not_subject_after"),
        pronouns={p.casefold(): frozenset(kinds) for p, kinds in data.get("pronouns", {}).items()},
        relative=frozenset(w.casefold() for w in data.get("relative", {}).get("words", [])),
    )


@lru_cache(maxsize=1)
def default_speech() -> SpeechWords:
    """The English speech vocabulary shipped in ``data/en``, read once per process."""
    return load_speech(DATA)


@dataclass(frozen=True, slots=True)
class _Span:
    """One quotation as found: the opening mark, the closing mark (``None``: open to the
    paragraph end), the words inside and the paragraph."""

    open: int
    close: int | None
    start: int
    end: int
    paragraph: int

    @property
    def after(self) -> int:
        """Where the text after the quotation starts."""
        return self.end if self.close is None else self.close + 1


def find_quotes(
    text: str,
    sentences: Sequence[Sentence],
    people: Sequence[EntityMention],
    speech: SpeechWords | None = None,
) -> tuple[Quote, ...]:
    """The direct quotations of ``text`` in order, with their speakers (module docstring).
    ``sentences`` are :func:`sitegen.events.sentences.split_sentences` of the same text;
    ``Quote.date`` is left open for the caller to fill."""
    if not sentences:
        return ()
    ctx = _Context(text, sentences, people, speech or default_speech())
    kept: list[tuple[_Span, str | None]] = []
    for i, span in enumerate(ctx.spans):
        if not ctx.is_quotation(span):
            continue
        kept.append((span, ctx.speaker(i)))
    speakers = _share_along_chains(kept, ctx)
    return tuple(
        Quote(span.start, span.end, text[span.start : span.end], speaker, ctx.sentence_at(span.open), DateRange())
        for (span, _), speaker in zip(kept, speakers)
    )


def _find_spans(text: str, paragraphs: Sequence[tuple[int, int]]) -> list[_Span]:
    spans: list[_Span] = []

    def add(open_: int, close: int | None, p_end: int, number: int) -> None:
        start, end = open_ + 1, p_end if close is None else close
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start < end:
            spans.append(_Span(open_, close, start, end, number))

    for number, (p_start, p_end) in enumerate(paragraphs):
        opened: int | None = None
        for m in _MARKS.finditer(text, p_start, p_end):
            mark = m.group()
            if opened is None:
                if mark != "”":
                    opened = m.start()
            elif mark == "“":
                opened = m.start()
            else:
                add(opened, m.start(), p_end, number)
                opened = None
        if opened is not None:
            add(opened, None, p_end, number)
    return spans


def _share_along_chains(kept: Sequence[tuple[_Span, str | None]], ctx: _Context) -> list[str | None]:
    """Quotations left open at a paragraph end and continued by the next paragraph's opening
    mark share the first speaker any of them has."""
    speakers = [speaker for _, speaker in kept]
    chain_start = 0
    for i in range(1, len(kept) + 1):
        if i < len(kept) and ctx.continues(kept[i - 1][0], kept[i][0]):
            continue
        found = next((s for s in speakers[chain_start:i] if s is not None), None)
        for j in range(chain_start, i):
            speakers[j] = speakers[j] or found
        chain_start = i
    return speakers


class _Context:
    """One article's text, sentences, quotations and speaker mentions, indexed for look-ups."""

    def __init__(
        self, text: str, sentences: Sequence[Sentence], people: Sequence[EntityMention], speech: SpeechWords
    ) -> None:
        self.text = text
        self.sentences = sentences
        self.speech = speech
        self.paragraphs = paragraph_spans(text)
        self.spans = _find_spans(text, self.paragraphs)
        self.sentence_starts = [s.start for s in sentences]
        self.quote_opens = [s.open for s in self.spans]
        mentions = sorted(
            (m for m in people if m.entity.kind in SPEAKER_KINDS and not self._in_quotation(m.start)),
            key=lambda m: (m.start, -m.end),
        )
        self.mentions = mentions
        self.mention_starts = [m.start for m in mentions]
        self.cues = _all_cues(text, speech)  # every verb and frame once, by position
        self.cue_starts = [c[0] for c in self.cues]
        self.by_kinds: dict[frozenset[str], tuple[list[int], list[EntityMention]]] = {}
        self.by_start: dict[int, EntityMention] = {}
        self.by_end: dict[int, EntityMention] = {}
        for m in mentions:
            self.by_start.setdefault(m.start, m)
            if m.end not in self.by_end or m.start < self.by_end[m.end].start:
                self.by_end[m.end] = m

    # -- positions ------------------------------------------------------------------------

    def _in_quotation(self, at: int) -> bool:
        i = bisect_right(self.quote_opens, at) - 1
        return i >= 0 and self.spans[i].start <= at < self.spans[i].end

    def sentence_at(self, at: int) -> int:
        return max(0, bisect_right(self.sentence_starts, at) - 1)

    def continues(self, first: _Span, second: _Span) -> bool:
        if first.close is not None or second.paragraph != first.paragraph + 1:
            return False
        p_start = self.paragraphs[second.paragraph][0]
        return self.text[p_start : second.open].strip() == ""

    # -- quotations -----------------------------------------------------------------------

    def is_quotation(self, span: _Span) -> bool:
        """Not a scare quote: three words or more, or an attribution in its sentence."""
        if len(_WORD.findall(self.text, span.start, span.end)) > SCARE_MAX_WORDS:
            return True
        sentence = self.sentences[self.sentence_at(span.open)]
        around = ((sentence.start, span.open), (span.after, max(sentence.end, span.after)))
        return any(self._cues(lo, hi) for lo, hi in around)

    def speaker(self, i: int) -> str | None:
        """The speaker of quotation ``i``: after it, then before it (module docstring)."""
        found = self._after(i)
        if found is not None:
            return found[1]
        return self._before(i)

    def _after(self, i: int) -> tuple[bool, str | None] | None:
        """``None`` when there is no attribution after the quotation; else (True, speaker)."""
        span = self.spans[i]
        if span.close is None:
            return None
        p_end = self.paragraphs[span.paragraph][1]
        hi = p_end
        if i + 1 < len(self.spans) and self.spans[i + 1].paragraph == span.paragraph:
            hi = self.spans[i + 1].open
        s = self.sentence_at(span.close)
        lo, s_end = span.after, min(self.sentences[s].end, hi)
        if not _has_text(self.text, lo, s_end) and s + 1 < len(self.sentences):
            nxt = self.sentences[s + 1]
            if nxt.paragraph == span.paragraph and nxt.start < hi:
                return self._first(nxt.start, min(nxt.end, hi), at_start=True)
            return None
        return self._first(lo, s_end, at_start=False)

    def _first(self, lo: int, hi: int, at_start: bool) -> tuple[bool, str | None] | None:
        cues = self._cues(lo, hi)
        if not cues:
            return None
        start, kind, a, b = cues[0]
        found, speaker, subject_start = self._resolve(kind, a, b, lo)
        if at_start and (not found or _has_text(self.text, lo, subject_start)):
            return None
        return True, speaker

    def _before(self, i: int) -> str | None:
        span = self.spans[i]
        s = self.sentence_at(span.open)
        lo = self.sentences[s].start
        if i > 0 and self.spans[i - 1].paragraph == span.paragraph:
            lo = max(lo, self.spans[i - 1].after)
        windows = [(lo, span.open)]
        p_start = self.paragraphs[span.paragraph][0]
        first_in_paragraph = i == 0 or self.spans[i - 1].paragraph != span.paragraph
        if first_in_paragraph and span.paragraph > 0 and not _has_text(self.text, p_start, span.open):
            prev = self.sentence_at(self.paragraphs[span.paragraph - 1][1])
            sentence = self.sentences[prev]
            if sentence.paragraph == span.paragraph - 1 and sentence.text.endswith(":"):
                windows.append((sentence.start, sentence.end))
        for w_lo, w_hi in windows:
            for _, kind, a, b in reversed(self._cues(w_lo, w_hi)[-_BEFORE_CUES_MAX:]):
                found, speaker, _ = self._resolve(kind, a, b, w_lo)
                if speaker is not None:
                    return speaker
        return None

    # -- cues: verbs and frames -----------------------------------------------------------

    def _cues(self, lo: int, hi: int) -> Sequence[tuple[int, str, int, int]]:
        """The attribution cues wholly inside ``[lo, hi)``, in order."""
        first, last = bisect_left(self.cue_starts, lo), bisect_left(self.cue_starts, hi)
        return [c for c in self.cues[first:last] if c[3] <= hi]

    def _resolve(self, kind: str, a: int, b: int, lo: int) -> tuple[bool, str | None, int]:
        """(an attribution was found, its speaker, where its subject starts)."""
        if kind == "verb":
            return self._verb_subject(a, b, lo)
        frame = self.speech.frames[int(kind)]
        if frame.before is not None:
            slot = self._slot_after(b, frame.after)
            return slot is not None, slot, a
        subject = self._slot_before(a, lo)
        return subject[0], subject[1], subject[2]

    def _slot_after(self, at: int, after: re.Pattern[str] | None) -> str | None:
        """The speaker in a frame's slot starting at ``at`` (then the frame's tail, if any)."""
        m = self.by_start.get(at)
        if m is not None:
            if after is None or after.match(self.text, m.end):
                return m.entity.name
            return None
        word = _word_at(self.text, at)
        if word and (after is None or after.match(self.text, at + len(word))):
            return self._pronoun(word, at)
        return None

    def _slot_before(self, at: int, lo: int) -> tuple[bool, str | None, int]:
        """The subject ending right before ``at`` (blanks and ``between`` words skipped)."""
        text, p = self.text, at
        for _ in range(_BETWEEN_MAX + 1):
            while p > lo and text[p - 1].isspace():
                p -= 1
            m = self.by_end.get(p)
            if m is not None and m.start >= lo:
                if _word_before(text, m.start, lo).casefold() in self.speech.not_subject_after:
                    return True, None, m.start
                return True, m.entity.name, m.start
            word = _word_before(text, p, lo)
            folded = word.casefold()
            if not word:
                return self._before_aside(p, lo)
            if folded in self.speech.pronouns:
                return True, self._pronoun(word, p - len(word)), p - len(word)
            if folded in self.speech.relative:
                return True, self._relative(p - len(word), lo), p - len(word)
            if folded not in self.speech.between:
                return True, None, p - len(word)
            p -= len(word)
        return False, None, p

    def _before_aside(self, p: int, lo: int) -> tuple[bool, str | None, int]:
        """``Okafor, who met Ruiz, said``; ``Fidan, Turkey's foreign minister, said``: the
        mention before the comma that opens the aside ending at ``p``."""
        if p <= lo or self.text[p - 1] != ",":
            return False, None, p
        comma = self.text.rfind(",", max(lo, p - _ASIDE_MAX), p - 1)
        if comma < 0:
            return False, None, p
        at = comma
        while at > lo and self.text[at - 1].isspace():
            at -= 1
        m = self.by_end.get(at)
        if m is None or m.start < lo or _word_before(self.text, m.start, lo).casefold() in self.speech.not_subject_after:
            return False, None, p
        return True, m.entity.name, m.start

    def _verb_subject(self, a: int, b: int, lo: int) -> tuple[bool, str | None, int]:
        found, speaker, subject_start = self._slot_before(a, lo)
        if found:
            return found, speaker, subject_start
        if self.text[a:b].casefold() not in self.speech.inverted:
            return False, None, a
        return True, self._subject_after(b), a

    def _subject_after(self, at: int) -> str | None:
        """``said President Erdogan``: the mention past blanks and up to a few title words."""
        text = self.text
        for _ in range(_TITLE_WORDS_MAX + 1):
            while at < len(text) and text[at] in " \t\n":
                at += 1
            m = self.by_start.get(at)
            if m is not None:
                return None if _POSSESSIVE.match(text, m.end) else m.entity.name
            word = _word_at(text, at)
            if not word:
                return None
            if word.casefold() in self.speech.pronouns:
                return self._pronoun(word, at)
            if not word[0].isupper():
                return None
            at += len(word)
            if at < len(text) and text[at] == ".":
                at += 1  # "Gen.", "Sen."
        return None

    # -- names ----------------------------------------------------------------------------

    def _relative(self, at: int, lo: int) -> str | None:
        """``Fidan, who said``: the mention before the comma before ``who``."""
        p = at
        while p > lo and (self.text[p - 1].isspace() or self.text[p - 1] == ","):
            p -= 1
        m = self.by_end.get(p)
        return None if m is None else m.entity.name

    def _pronoun(self, word: str, at: int) -> str | None:
        """The first entity of the pronoun's kinds named in the nearest earlier sentence that
        names one (module docstring)."""
        kinds = self.speech.pronouns.get(word.casefold())
        if kinds is None:
            return None
        if kinds not in self.by_kinds:
            chosen = [m for m in self.mentions if m.entity.kind in kinds]
            self.by_kinds[kinds] = ([m.start for m in chosen], chosen)
        starts, chosen = self.by_kinds[kinds]
        last = bisect_left(starts, at) - 1
        if last < 0:
            return None
        sentence_start = self.sentences[self.sentence_at(chosen[last].start)].start
        first = chosen[bisect_left(starts, sentence_start, 0, last + 1)]
        return first.entity.name


def _all_cues(text: str, speech: SpeechWords) -> list[tuple[int, str, int, int]]:
    """Every attribution cue of ``text`` as (position, "verb" or frame index, start, end), in
    order: one pass over the words of the text (a set look-up per word: a regex alternation
    of a hundred verbs is several times slower)."""
    frames: dict[str, list[int]] = {}
    for n, frame in enumerate(speech.frames):
        frames.setdefault(frame.first, []).append(n)
    cues = []
    for m in _LETTERS.finditer(text):
        word = m.group().casefold()
        if word in speech.verbs:
            cues.append((m.start(), "verb", m.start(), m.end()))
        for n in frames.get(word, ()):
            f = speech.frames[n].anchor.match(text, m.start())
            if f:
                cues.append((m.start(), str(n), m.start(), f.end()))
    return cues


def _has_text(text: str, lo: int, hi: int) -> bool:
    """Is there anything but whitespace in ``text[lo:hi]``? (Stops at the first such character.)"""
    return _NONBLANK.search(text, lo, hi) is not None


def _word_at(text: str, at: int) -> str:
    m = _WORD.match(text, at)
    return m.group() if m else ""


def _word_before(text: str, at: int, lo: int) -> str:
    """The word (letters, digits, inner apostrophes) ending at ``at``, skipping blanks back."""
    p = at
    while p > lo and text[p - 1] in " \t\n":
        p -= 1
    q = p
    while q > lo and (text[q - 1].isalnum() or text[q - 1] == "_"):
        q -= 1
    return text[q:p]
