"""One article's events: ``extract(article) -> ArticleEvents``, a pure function of the article.

Reading order, as a careful reader would:

1. the text is split into sentences, and each sentence into clauses (``cues.toml [clause]``);
2. time expressions (``sitegen.temporal.tag`` against the publication date) and named actors and
   places (``entities.find_entities``) are found once for the whole text;
3. in each clause, trigger words (``triggers.toml``) report events. A verb counts when its tense
   says it happened or is scheduled ("met", "has asked", "will visit", "is to sign"); a verb under
   "to", "would", "make" ... is not a report. A noun counts only when the text dates it ("meetings
   ... over the weekend"), negates it ("no joint statement") or relates it to another event
   ("Blinken's visit follows ..."). A clause reports at most one event of each type;
4. each event is dated by the time expression governing its clause, else by its relation to another
   event ("Hours before Blinken's arrival", "Following their meeting", "Earlier,"), else by its
   status: what happened is on or before the publication day, what is scheduled on or after it.
   Relations are then propagated until nothing narrows further (:mod:`sitegen.events.chronology`).
"""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, replace
from functools import cache
from datetime import date, timedelta
from typing import Iterable, Sequence

from sitegen.model import Article
from sitegen.temporal import Timex, tag

from .chronology import Constraint, propagate
from .copies import ArticleInfo
from .entities import as_actor, find_entities, is_demonym, surname
from .lexicon import ING, PARTICIPLE, PAST, THIRD, BASE, Lexicon, VerbForm, Words, lexicon
from .model import DateRange, EntityMention, Entity, EventMention, Quote, Sentence, Status
from .quotes import find_quotes
from .sentences import default_abbreviations, split_sentences
from .text import reading_text

_TOKEN_REST = (
    r"(?:[^\W\d_]\.){2,}"  # "U.S.", "U.N.": one word
    r"|['’](?:s|re|ve|d|ll|m|t)\b"  # clitics are words of their own: "Blinken" "'s", "didn" "'t"
    r"|[^\W\d_]+(?:-[^\W\d_]+|['’](?!(?:s|re|ve|d|ll|m|t)\b)[^\W\d_]+)*"
    r"|\d+(?:[.,:]\d+)*|\S"
)


@cache
def _token_pattern() -> re.Pattern[str]:
    """Words, with the abbreviations of ``abbreviations.toml`` ("Mr.", "Corp.") kept whole."""
    abbr = default_abbreviations()
    words = sorted(abbr.never_end | abbr.may_end, key=lambda w: (-len(w), w))
    return re.compile("(?:" + "|".join(map(re.escape, words)) + r")(?!\w)|" + _TOKEN_REST)
_QUOTE_MARKS = frozenset('"“”')
_WEAK_TIMEX = frozenset({"PAST_REF", "PRESENT_REF", "FUTURE_REF"})
TITLE_LIMIT = 80
# A "sentence" longer than this is not prose (a table or a list without stops): it is not read for
# events, which also keeps the per-clause work bounded on hostile input.
MAX_SENTENCE_WORDS = 300
# Events read from one article at most: a real article reports dozens; more is machine-made or
# hostile, and the rest of the article is still published.
MAX_MENTIONS = 500
OBJECT_WORDS = 9  # a title's object: enough for "restore the early morning crossing", short of a clause


@dataclass(frozen=True, slots=True)
class ArticleEvents:
    """Everything the chronology found in one article (offsets into ``text``)."""

    slug: str
    published: date | None
    url: str | None
    text: str
    sentences: tuple[Sentence, ...]
    entities: tuple[EntityMention, ...]
    timexes: tuple[Timex, ...]
    mentions: tuple[EventMention, ...]
    quotes: tuple[Quote, ...]

    @property
    def info(self) -> ArticleInfo:
        """What merging needs of this article (:mod:`sitegen.events.copies`)."""
        return ArticleInfo(self.slug, self.published, self.url, self.text, self.sentences)


@dataclass(frozen=True, slots=True)
class _Token:
    start: int
    end: int
    text: str
    low: str


@dataclass(frozen=True, slots=True)
class _Context:
    """What a clause is read against: the article's sentences and names, and the sentence's names."""

    sentences: Sequence[Sentence]
    sentence_starts: Sequence[int]
    people: Sequence[EntityMention]  # every person named in the article, in order
    people_ends: Sequence[int]
    named: Sequence[EntityMention]  # in this sentence

    def antecedent(self, pronoun: _Token) -> Entity | None:
        """Who "he"/"she" is: the first person named in the nearest sentence before it that names
        one (the sentence's subject, usually), or earlier in its own sentence. "It" and "they" are
        not resolved: too often a thing or a crowd."""
        before = bisect_right(self.people_ends, pronoun.start)
        if not before:
            return None
        last = self.people[before - 1]
        home = bisect_right(self.sentence_starts, last.start) - 1
        if home < 0:
            return last.entity
        first = bisect_left([m.start for m in self.people[max(0, before - 50):before]], self.sentences[home].start)
        return self.people[max(0, before - 50) + first].entity


@dataclass(slots=True)
class _Found:
    """An event mention being built: where it is and what dates it."""

    key: str
    sentence_index: int
    sentence: Sentence
    clause: tuple[int, int]  # character span
    start: int
    end: int
    trigger: str
    type: str
    status: Status
    verb: VerbForm | None
    actors: list[Entity]
    places: list[Entity]
    own: DateRange
    anchor: str
    title: str = ""


def extract(article: Article) -> ArticleEvents:
    """Read one article's events, quotes, actors and dates. Pure: same article, same result."""
    text = reading_text(article)
    dct = article.published
    sentences = split_sentences(text)
    entities = find_entities(text)
    timexes = tuple(tag(text, dct))
    tokens = [_Token(m.start(), m.end(), m.group(), m.group().casefold()) for m in _token_pattern().finditer(text)]
    quotes = find_quotes(text, sentences, entities)
    lex = lexicon()
    found: list[_Found] = []
    references: list[tuple[_Found, str, Words, Entity | None, int | None]] = []
    relation_subjects: list[tuple[_Found, str, Words, Entity | None]] = []
    starts = [t.start for t in tokens]
    entity_starts = [m.start for m in entities]
    people = [m for m in entities if m.entity.kind == "person"]
    people_ends = [m.end for m in people]
    sentence_starts = [s.start for s in sentences]
    timex_starts = [t.start for t in timexes]
    repeats: dict[tuple[int, str], int] = {}
    for index, sentence in enumerate(sentences):
        sent_tokens = tokens[bisect_left(starts, sentence.start):bisect_left(starts, sentence.end)]
        if len(sent_tokens) > MAX_SENTENCE_WORDS:
            continue  # not prose (a table, a list run together): no event is read from it
        named = entities[bisect_left(entity_starts, sentence.start):bisect_left(entity_starts, sentence.end)]
        context = _Context(sentences, sentence_starts, people, people_ends, named)
        if len(found) >= MAX_MENTIONS:
            break  # hostile or machine-made text: the first MAX_MENTIONS events are plenty
        for clause in _clauses(sent_tokens, lex):
            for mention, relation in _clause_events(article.slug, index, sentence, clause, sent_tokens, context,
                                                    timexes[bisect_left(timex_starts, sentence.start):
                                                            bisect_left(timex_starts, sentence.end)],
                                                    quotes, dct, lex, found, repeats):
                found.append(mention)
                if relation is not None:
                    kind, noun, who, gap = relation
                    if not kind.startswith("subject-"):
                        references.append((mention, kind, noun, who, gap))
                    else:
                        relation_subjects.append((mention, kind, noun, who))
    constraints = _resolve_relations(article.slug, found, references, relation_subjects, sentences, dct, lex)
    found = _without_restatements(found)
    dated = propagate({f.key: f.own for f in found}, constraints)
    mentions = tuple(
        EventMention(
            key=f.key, article=article.slug, sentence=f.sentence, start=f.start, end=f.end, trigger=f.trigger,
            type=f.type, status=f.status, title=f.title, actors=tuple(f.actors), places=tuple(f.places),
            date=dated[f.key], anchor=f.anchor,
        )
        for f in found
    )
    return ArticleEvents(
        slug=article.slug, published=dct, url=article.url, text=text, sentences=sentences, entities=entities,
        timexes=timexes, mentions=mentions, quotes=_date_quotes(quotes, mentions, sentences, dct),
    )


def _without_restatements(found: list[_Found]) -> list[_Found]:
    """An article that says the same thing twice ("Turkey has asked for a ceasefire" in the lede
    and again lower down) reports one event: a later mention with the type, title and status of
    an earlier one, and no date of its own, is dropped."""
    kept: list[_Found] = []
    said: set[tuple[str, str, str]] = set()
    for f in found:
        if f.anchor == "published" and (f.type, f.title, f.status) in said:
            continue
        said.add((f.type, f.title, f.status))
        kept.append(f)
    return kept


# -- clauses and triggers ---------------------------------------------------------------------


def _clauses(tokens: Sequence[_Token], lex: Lexicon) -> list[tuple[int, int]]:
    """Token index spans of the clauses of one sentence."""
    spans, start = [], 0
    for i, tok in enumerate(tokens):
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        if tok.text in lex.clause_marks or (tok.text == "," and nxt is not None and (
                nxt.low in lex.clause_openers or (nxt.text.endswith("ing") and nxt.text.islower())
                or _subordinate(tokens, i + 1, lex, needs_gap=True) is not None)) or (
                tok.low == "and" and nxt is not None and _finite(nxt, lex)):
            if i > start:
                spans.append((start, i))
            start = i + 1
    if start < len(tokens):
        spans.append((start, len(tokens)))
    return spans


def _finite(tok: _Token, lex: Lexicon) -> bool:
    """A past or present trigger verb form: after "and" it starts a second report ("met Fidan on
    Monday and met Lavrov on Wednesday")."""
    return any(f.form in (PAST, THIRD) for f in lex.verbs.get((tok.low,), ()))


def _gap_before(toks: Sequence[_Token], i: int, lex: Lexicon) -> int | None:
    """Days the words before a relation cue allow between the two events: "hours before" at most
    1, "days after" at most 14 (``[relation.gap]``); "two days after" exactly 2, returned as
    ``-2`` (a negative gap is exact: see :class:`~sitegen.events.chronology.Constraint`)."""
    if i >= 2 and toks[i - 1].low in lex.units:
        count = toks[i - 2].low
        number = lex.numbers.get(count) or (int(count) if count.isdigit() and len(count) < 4 else None)
        if number:
            return -number * lex.units[toks[i - 1].low]
    for size in (2, 1):
        words = tuple(t.low for t in toks[max(0, i - size):i])
        if len(words) == size and words in lex.gaps:
            return lex.gaps[words]
    return None


def _subordinate(tokens: Sequence[_Token], i: int, lex: Lexicon,
                 needs_gap: bool = False) -> tuple[str, int | None, int] | None:
    """``(relation, gap, index after the cue)`` when a relation cue after a gap word starts at
    ``i`` (", days after members voted"; ", hours before talks opened"). Without the gap word
    the cue may head a phrase, not a clause (", prior to boarding the plane"), so a clause is
    cut there only when ``needs_gap`` is false."""
    gap = None
    for size in (2, 1):
        if i + size < len(tokens) and _match(tokens, i + size, lex.relation_cues, lex.longest):
            gap = _gap_before(tokens, i + size, lex)
            if gap is not None:
                i += size
                break
    if gap is None and needs_gap:
        return None
    cue = _match(tokens, i, lex.relation_cues, lex.longest)
    if cue is None or lex.relation_cues[cue] == "during":
        return None
    return lex.relation_cues[cue], gap, i + len(cue)


def _match(tokens: Sequence[_Token], i: int, table: dict[Words, str] | dict[Words, tuple[VerbForm, ...]],
           longest: int) -> Words | None:
    if i >= len(tokens) or tokens[i].low not in lexicon().first_words:
        return None
    for size in range(min(longest, len(tokens) - i), 0, -1):
        words = tuple(t.low for t in tokens[i:i + size])
        if words in table:
            return words
    return None


def _inside_quote(text_before: str) -> bool:
    straight = text_before.count('"')
    return straight % 2 == 1 or text_before.count("“") > text_before.count("”")


def _clause_events(
    slug: str, index: int, sentence: Sentence, clause: tuple[int, int], tokens: Sequence[_Token],
    context: _Context, timexes: Sequence[Timex], quotes: Sequence[Quote],
    dct: date | None, lex: Lexicon, earlier: Sequence[_Found], repeats: dict[tuple[int, str], int],
) -> Iterable[tuple[_Found, tuple[str, Words, Entity | None, int | None] | None]]:
    entities = context.named
    lo, hi = clause
    toks = tokens[lo:hi]
    if not toks:
        return
    span = (toks[0].start, toks[-1].end)

    seen_types: set[str] = set()
    verbal = False  # a verb event came before in this clause
    names: frozenset[int] | None = None
    i = 0
    while i < len(toks):
        if toks[i].low not in lex.first_words or _proper(toks[i], i + lo, tokens):
            i += 1
            continue
        verb = _match(toks, i, lex.verbs, lex.longest)
        noun = _match(toks, i, lex.nouns, lex.longest)
        if verb is None and noun is None:
            i += 1
            continue
        size = len(verb or noun or ())
        before = [t.low for t in toks[max(0, i - lex.window):i]]
        status: Status | None = None
        form: VerbForm | None = None
        if verb is not None:
            following = toks[i + len(verb)].low if i + len(verb) < len(toks) else ""
            form, status = _verb_status(lex.verbs[verb], before, following, lex)
            size = len(verb) if form is not None else len(noun or verb)
        if status is None and noun is not None:
            status = "negated" if any(w in lex.negation for w in before[-3:]) else "reported"
        if status is None:
            i += size
            continue
        if form is not None and form.form in (PAST, PARTICIPLE) and verbal and i > 0 and toks[i - 1].text.isalpha() \
                and toks[i - 1].text.islower() and toks[i - 1].low not in lex.perfect and toks[i - 1].low not in lex.between:
            i += size  # "met ... to discuss fishing boats seized near the islands": a noun's modifier
            continue
        if form is not None and form.form in (PAST, PARTICIPLE) and i == 0 and lo == 0 \
                and toks[i].low not in lex.determiner:
            i += size  # "Asked how ..., Mr. Ousley said": a fronted participle, not a report
            continue
        type_ = form.type if form else lex.nouns[noun or ()]
        start, end = toks[i].start, toks[i + size - 1].end
        if type_ in seen_types or (lex.needs[type_] and not any(t.low in lex.needs[type_] for t in toks)) \
                or _inside_quote(sentence.text[:start - sentence.start]):
            i += size
            continue
        kind = "noun" if form is None else "statement" if form.type == "statement" else "verb"
        if names is None:  # once per clause: the tokens that are part of a name
            names = frozenset(t.start for t in toks if any(m.start <= t.start < m.end for m in entities))
        timex = _governing_timex(toks, i, size, kind, sentence, timexes, lex, names)
        relation = _relation(toks, i, entities, lex) or _reference(toks, lex) or _subordinate_relation(toks, i, lex)
        offset = _offset_relation(timex, lex) if timex is not None else None
        if offset is not None and any(f.anchor.startswith("timex:") for f in earlier):
            timex, relation = None, offset  # "Two days later, ...": two days after the event just told
        if form is None:  # a noun: an event only when dated, negated or related
            follows = _relation_verb_after(toks, i + size, lex)
            if status != "negated" and verbal:
                timex = None  # "announced a newly signed deal on Monday": the date is the verb's
            if status != "negated" and timex is None and follows is None:
                i += size
                continue
            if follows is not None:  # "<visit> follows <meetings> over the weekend": the date is the other's
                relation = follows
                timex = timex if timex is not None and timex.start < start else None
        elif form.type == "statement" and timex is None and relation is None \
                and _attributes_quote(sentence, quotes):
            i += size  # "..., he said": the quote carries it (see quotes)
            continue
        if any(t.low in lex.conditional for t in tokens[:lo + i]):
            i += size  # "if Thursday's meeting fails", "If the talks fail, workers will march": hypothetical
            continue
        denied = form is not None and form.type != "statement" and any(t.low in lex.denial for t in toks[:i])
        if denied:
            status = "negated"  # "Nairobi denied that Ruto met rebel commanders"
        if status == "reported" and any(t.low in lex.claim for t in toks[:i]):
            status = "claimed"
        own, anchor, status = _own_date(timex, status, dct)
        name_ends = frozenset(m.end for m in entities)
        subject = _subject_span(toks, i, lex, name_ends) if form is not None else (i, i)
        if denied and subject[0] == subject[1]:  # "Kuleba denied meeting ...": the denier did it
            denial = max(k for k in range(i) if toks[k].low in lex.denial)
            subject = _subject_span(toks, denial, lex, name_ends)
        actors, places = _participants(toks, subject, i, size, form is None, context, lex)
        shared = lo > 0 and tokens[lo - 1].low == "and" and subject[0] == subject[1] and bool(earlier) \
            and earlier[-1].sentence_index == index and bool(earlier[-1].actors)
        if shared:  # "Blinken met Fidan on Monday and met Lavrov on Wednesday": the same subject
            actors.insert(0, earlier[-1].actors[0])
        trigger = sentence.text[start - sentence.start:end - sentence.start]
        key = _key(slug, type_, sentence.text, trigger)
        seen = repeats.get((index, key), 0)
        repeats[(index, key)] = seen + 1
        mention = _Found(_key(slug, type_, sentence.text, trigger, seen), index, sentence, span, start, end, trigger,
                         type_, status, form, actors, places, own, anchor)
        mention.title = _title(mention, toks, subject, i, size, context, timexes, quotes, lex, shared)
        if denied and mention.title:
            mention.title = _cut("Denied: " + mention.title)
        if not mention.title:
            i += size
            continue
        seen_types.add(type_)
        verbal = verbal or form is not None
        yield mention, relation
        i += size


def _proper(tok: _Token, position: int, tokens: Sequence[_Token]) -> bool:
    """A capitalised word inside a sentence is a name ("March", "Rally Party"), not a trigger,
    unless it opens the sentence or a quotation."""
    return position > 0 and tok.text[:1].isupper() and tokens[position - 1].text not in _QUOTE_MARKS


def _verb_status(forms: Sequence[VerbForm], before: Sequence[str], following: str,
                 lex: Lexicon) -> tuple[VerbForm | None, Status | None]:
    """The status a verb form's context gives it, or ``None`` when it reports no event."""
    adverbless = [w for w in before if not w.endswith("ly")]  # "a newly announced venture": "a" is next to it
    prev = adverbless[-1] if adverbless else ""
    prev2 = before[-2] if len(before) > 1 else ""
    negated = any(w in lex.negation or w == "'t" for w in before[-3:])
    if any(w in lex.modal for w in before):
        return None, None  # "could only be visited", "would meet": not a report
    for form in sorted(forms, key=lambda f: f.form):
        status: Status | None = None
        if form.form in (PAST, PARTICIPLE):
            if prev in lex.determiner or (following in ("by", "of") and form.form == PARTICIPLE
                                          and prev not in lex.perfect and prev.isalpha()):
                continue  # "the announced pact", "people accused of racketeering": not a report
            if prev in lex.perfect or form.form == PAST:
                status = "reported"
            if prev2 in lex.future or prev in lex.future:
                status = "scheduled"
        elif form.form == BASE:
            if prev in lex.future or (prev == "be" and prev2 in lex.future):
                status = "scheduled"
            elif prev == "to" and prev2 in lex.schedule_to:
                status = "scheduled"
            elif prev == "did" or (prev == "'t" and prev2 == "didn") or (prev == "not" and prev2 == "did"):
                status = "reported"
        elif form.form == ING:
            if prev in _w("progressive"):
                status = "reported"
            if prev in lex.denial:
                status = "negated"  # "Kuleba denied meeting Hungarian officials"
            if prev == "be" and prev2 in lex.future:
                status = "scheduled"
        elif form.form == THIRD and form.type == "statement" and prev not in lex.irrealis:
            status = "reported"
        if status is not None:
            return form, ("negated" if negated else status)
    return None, None


def _attributes_quote(sentence: Sentence, quotes: Sequence[Quote]) -> bool:
    return any(sentence.start <= q.start < sentence.end for q in quotes)


# -- dating -----------------------------------------------------------------------------------


def _usable(t: Timex, anaphoric: frozenset[str] = frozenset()) -> bool:
    """A DATE or TIME with a calendar interval; or, of the ``anaphoric`` rules, one the tagger
    could not place ("Two days later" after "last year's level"): the event just told places it
    (see _offset_relation)."""
    if t.type not in ("DATE", "TIME") or t.value in _WEAK_TIMEX:
        return False
    return (t.earliest or t.latest) is not None or t.rule in anaphoric


def _governing_timex(toks: Sequence[_Token], i: int, size: int, kind: str, sentence: Sentence,
                     timexes: Sequence[Timex], lex: Lexicon, names: frozenset[int] = frozenset()) -> Timex | None:
    """The calendar expression that dates an event, else ``None``:

    - a verb: the nearest one in its clause;
    - a speech verb: one after it with only a few lower-case words or a name in between ("said on
      Friday", "told reporters on Monday", "said Brandt on Tuesday") or right before it ("Erdogan on
      Friday said"); one after "that", "would", "to" ... dates what was said, not the saying;
    - a noun: one right before it ("Monday's meeting", "the weekend meetings") or after its phrase
      with no verb, pronoun or relative word in between ("meetings with ... over the weekend");
    - any of them: one that opens the sentence ("On Friday, ...") when the clause has none.
    """
    start, end = toks[0].start, toks[-1].end
    trig_start, trig_end = toks[i].start, toks[i + size - 1].end
    inside = [t for t in timexes if start <= t.start and t.end <= end and _usable(t, lex.anaphoric_rules)]
    inside = [t for t in inside if kind == "noun" or not _modifier(t, toks, lex)]
    if kind == "verb":  # "said Tuesday that Hamas had released": Tuesday is the saying's
        inside = [t for t in inside if not any(x.low == "that" for x in toks if min(t.end, trig_start) <= x.start
                                               and x.end <= max(t.start, trig_end))]
    if kind == "verb" and inside:
        return min(inside, key=lambda t: (abs(t.start - trig_start), t.start))
    for t in inside:
        if kind == "statement" and ((t.start >= trig_end and _words_between(toks, trig_end, t.start) <= 8
                                     and all(x.low not in _w("content_openers") and x.low not in lex.between
                                             and x.text not in (",", "'s", "’s")
                                             for x in toks if trig_end <= x.start < t.start))
                                    or (t.end <= trig_start and _words_between(toks, t.end, trig_start) <= 1)):
            return t
        if kind == "noun" and t.end <= trig_start and _words_between(toks, t.end, trig_start) <= 2 \
                and not any(x.low in (_w("relative") | _MARKS) for x in toks if t.end <= x.start and x.end <= trig_start):
            return t
        if kind == "noun" and t.start >= trig_end and _words_between(toks, trig_end, t.start) <= 12 \
                and not any(x.low in (_w("relative") | _MARKS) or x.low in lex.pronouns or x.low in lex.between
                            for x in toks if trig_end <= x.start and x.end <= t.start):
            return t
    opening = [t for t in timexes if sentence.start <= t.start < sentence.start + 12 and _usable(t, lex.anaphoric_rules)
               and (t.end <= start or _comma_after(t, toks)) and t.end <= trig_start
               and (kind != "statement" or _words_between(toks, t.end, trig_start) <= 8)]  # not ", her office said"
    if opening and kind != "noun":
        return opening[0]  # "On Monday, Macron said ...", "Last week, the port authority warned ..."
    if toks[0].low == "when":  # "... in 2001, when more than 100 people died": the date before "when"
        before = [t for t in timexes if t.end <= start and start - t.end <= 3 and _usable(t)]
        return before[-1] if before else None
    return None


def _modifier(t: Timex, toks: Sequence[_Token], lex: Lexicon) -> bool:
    """A time expression between a determiner and a noun modifies the noun ("approved the 2024
    budget", "its 1990 invasion"): it dates the thing, not the clause's verb."""
    before = [x for x in toks if x.end <= t.start][-1:]
    after = [x for x in toks if x.start >= t.end][:1]
    return bool(before) and bool(after) and before[0].low in lex.determiner \
        and after[0].text.isalpha() and after[0].text.islower() and after[0].low not in _w("trailing") \
        and (after[0].low,) not in lex.nouns  # "died in the 2001 earthquake": the event's own date


def _comma_after(t: Timex, toks: Sequence[_Token]) -> bool:
    return any(x.start >= t.end and x.start - t.end <= 1 and x.text == "," for x in toks)


def _own_date(timex: Timex | None, status: Status, dct: date | None) -> tuple[DateRange, str, Status]:
    """A mention's interval before relations: its time expression's days, cut at the publication
    day by its status (what happened did not happen after it; what is scheduled is not before)."""
    if timex is not None:
        lo, hi = timex.earliest, timex.latest
        if dct is not None and status == "scheduled" and hi is not None and hi < dct:
            lo, hi = _in_tense(timex, dct, future=True)  # "On Saturday, X will meet Y": next Saturday
        elif dct is not None and status != "scheduled" and lo is not None and lo > dct:
            lo, hi = _in_tense(timex, dct, future=False)  # "Y met X on Friday, officials will say"
            if lo is not None and lo > dct:
                status = "scheduled"
        anchor = f"timex:{timex.text}"
    else:
        lo, hi, anchor = None, None, "published"
    if dct is not None:
        if status == "scheduled":
            lo = dct if lo is None or lo < dct else lo
        elif hi is None or hi > dct:
            hi = dct
    if lo is not None and hi is not None and lo > hi:
        lo = hi
    return DateRange(lo, hi), anchor, status


def _in_tense(timex: Timex, dct: date, future: bool) -> tuple[date | None, date | None]:
    """The days a time expression names when read in the tense of its event's verb, which the
    tagger cannot always see ("On Saturday, after weeks of talks, ministers will meet": the
    verb comes after an aside). Only relative expressions change ("Saturday"); "4 November 2023" stays."""
    again = next((t for t in tag(timex.text, dct, tense="future" if future else "none") if t.text == timex.text), None)
    if again is None:
        return timex.earliest, timex.latest
    return again.earliest, again.latest


def _relation(toks: Sequence[_Token], trigger_index: int, entities: Sequence[EntityMention],
              lex: Lexicon) -> tuple[str, Words, Entity | None, int | None] | None:
    """"Hours before Blinken's arrival, ..." at the head of the clause: (kind, the event noun, the
    actor named with it, the gap in days the cue allows)."""
    for i in range(min(trigger_index, 4)):
        cue = _match(toks, i, lex.relation_cues, lex.longest)
        if cue is None:
            continue
        gap = _gap_before(toks, i, lex)
        for j in range(i + len(cue), min(i + len(cue) + 5, trigger_index)):
            noun = _match(toks, j, lex.nouns, lex.longest)
            if noun is not None:
                who = next((as_actor(m.entity) for m in entities
                            if toks[i].end <= m.start and m.end <= toks[j].start), None)
                return lex.relation_cues[cue], noun, who, gap
        return None
    return None


def _subordinate_relation(toks: Sequence[_Token], trigger_index: int,
                          lex: Lexicon) -> tuple[str, Words, Entity | None, int | None] | None:
    """", days after members voted": the clause's own event happened before (after) the event of
    the clause it hangs on."""
    found = _subordinate(toks, 0, lex, needs_gap=True)
    if found is None or found[2] > trigger_index:
        return None
    relation, gap, _ = found
    return "sub-" + {"after": "before", "before": "after"}[relation], (), None, gap


def _offset_relation(timex: Timex, lex: Lexicon) -> tuple[str, Words, Entity | None, int | None] | None:
    """"Two days later", "a week earlier" (an anaphoric time expression): exactly that far after /
    before the reference event - the last event the text dated - rather than the last date the
    tagger saw, which may be no event's ("at last year's level")."""
    if timex.rule not in lex.anaphoric_rules:
        return None
    words = timex.text.casefold().split()
    if len(words) != 3 or words[1] not in lex.units or words[2] not in ("later", "earlier"):
        return None
    count = lex.numbers.get(words[0]) or (int(words[0]) if words[0].isdigit() and len(words[0]) < 4 else None)
    if not count:
        return None
    direction = "after" if words[2] == "later" else "before"
    return f"reference-{direction}", (), None, -count * lex.units[words[1]]


def _reference(toks: Sequence[_Token], lex: Lexicon) -> tuple[str, Words, Entity | None, int | None] | None:
    """"Earlier, ..." / "Later, ..." opening the clause."""
    for size in range(3, 0, -1):
        words = tuple(t.low for t in toks[:size])
        if words in lex.reference:
            return f"reference-{lex.reference[words]}", words, None, None
    return None


def _relation_verb_after(toks: Sequence[_Token], i: int, lex: Lexicon) -> tuple[str, Words, Entity | None, int | None] | None:
    """"<event noun> ... follows <event noun>": the noun is related to the later noun."""
    for j in range(i, min(i + 6, len(toks))):
        verb = _match(toks, j, lex.relation_verbs, lex.longest)
        if verb is None:
            continue
        for k in range(j + len(verb), len(toks)):
            noun = _match(toks, k, lex.nouns, lex.longest)
            if noun is not None:
                return f"subject-{lex.relation_verbs[verb]}", noun, None, None
        return None
    return None


def _resolve_relations(
    slug: str, found: list[_Found],
    references: Sequence[tuple[_Found, str, Words, Entity | None, int | None]],
    subjects: Sequence[tuple[_Found, str, Words, Entity | None]],
    sentences: Sequence[Sentence], dct: date | None, lex: Lexicon,
) -> list[Constraint]:
    """Turn each relation into a constraint between two mentions, finding the event it names."""
    constraints: list[Constraint] = []
    for mention, kind, noun, _who in subjects:  # "visit ... follows meetings over the weekend"
        other = _named_event(found, mention, lex.nouns[noun], after_in_text=True)
        if other is not None:
            constraints.append(Constraint(mention.key, kind.removeprefix("subject-"), other.key))
            mention.anchor = f"{kind.removeprefix('subject-')}:{other.key}"
    for mention, kind, noun, who, gap in references:
        if kind.startswith("sub-"):
            main = [f for f in found if f.sentence_index == mention.sentence_index and f.start < mention.start
                    and f.clause != mention.clause]
            if main:
                constraints.append(Constraint(mention.key, kind.removeprefix("sub-"), main[-1].key, gap))
                mention.anchor = f"{kind.removeprefix('sub-')}:{main[-1].key}"
            continue
        if kind.startswith("reference-"):
            other = _reference_event(found, mention)
            relation = kind.removeprefix("reference-")
            if other is None:
                latest = min(mention.own.latest or dct, dct) if dct is not None else None
                if relation == "before" and latest is not None and mention.status != "scheduled" \
                        and (mention.own.earliest is None or mention.own.earliest <= latest):
                    mention.own = DateRange(mention.own.earliest, latest)
                mention.anchor = f"{relation}:published"
                continue
        else:
            relation = kind
            other = _named_event(found, mention, lex.nouns[noun], actor=who)
        if other is None:
            continue
        constraints.append(Constraint(mention.key, relation, other.key, gap))
        mention.anchor = f"{relation}:{other.key}"
    return constraints


def _named_event(found: Sequence[_Found], mention: _Found, type_: str, actor: Entity | None = None,
                 after_in_text: bool = False) -> _Found | None:
    """The event a noun refers to: the same type, sharing the actor when one is named; the nearest
    before the mention, else the nearest after it."""
    candidates = [f for f in found if f is not mention and f.type == type_ and f.status != "negated"]
    if actor is not None:
        with_actor = [f for f in candidates if any(a.name == actor.name for a in f.actors)]
        candidates = with_actor or candidates
    before = [f for f in candidates if f.start < mention.start]
    after = [f for f in candidates if f.start > mention.start]
    if after_in_text:
        return after[0] if after else (before[-1] if before else None)
    return before[-1] if before else (after[0] if after else None)


def _reference_event(found: Sequence[_Found], mention: _Found) -> _Found | None:
    """The reference event for "Earlier," / "Later,": the last event before it that the text dated."""
    dated = [f for f in found if f.start < mention.start and f.anchor.startswith("timex:")]
    return dated[-1] if dated else None


# -- participants and titles -----------------------------------------------------------------

_BREAKS = frozenset({",", ".", ";", ":", '"', "“", "”", "(", ")", "?", "!"})
_MARKS = frozenset({";", ":", "(", ")", '"', "“", "”"})


def _w(name: str) -> frozenset[str]:
    """A word list of ``cues.toml [words]``."""
    return lexicon().words[name]


def _subject_span(toks: Sequence[_Token], i: int, lex: Lexicon, name_ends: frozenset[int]) -> tuple[int, int]:
    """Token span of the words before a verb that name who did it: back over auxiliaries and
    adverbs ("has also"), then back to the clause's last break ("Hours before ..., hundreds of
    demonstrators protested")."""
    j = i
    while j > 0 and (toks[j - 1].low in lex.between or toks[j - 1].low in lex.schedule_to
                     or (toks[j - 1].low.endswith("ly") and toks[j - 1].text.islower())):
        j -= 1
    if j > 1 and toks[j - 1].text == "," and toks[j - 2].end in name_ends:
        j -= 1  # "Magna's chief financial officer, James McAlpine, resigned"
    k = j
    while k > 0 and toks[k - 1].text not in _BREAKS and j - k < 8 and not _speech(toks[k - 1], lex):
        k -= 1
    if k < j and toks[k].text[:1].islower() and toks[k].text.endswith("ing") and k > 1 and toks[k - 1].text == ",":
        return _subject_span(toks, k - 1, lex, name_ends)  # "An Iraqi official, speaking on condition of anonymity, said"
    if k == j and j > 1 and toks[j - 1].text == ",":  # "James McAlpine, Magna's finance chief, resigned"
        p = next((q for q in range(j - 2, max(0, j - 14), -1) if toks[q].text == ","), None)
        if p is not None and p > 0:
            k = p
            while k > 0 and toks[k - 1].text not in _BREAKS and p - k < 8 and not _speech(toks[k - 1], lex):
                k -= 1
            if k < p:
                return k, p
    if j - k == 1 and toks[k].low == "and":
        return j, j  # "noted ... and said": the subject is the other verb's
    if k < j and toks[k].low == "and":  # "Varga, the transport minister, and Brandt held talks"
        k = max(0, k - 12)
        while k < j and toks[k].text in _BREAKS:
            k += 1
    return k, j


def _speech(tok: _Token, lex: Lexicon) -> bool:
    """A speech verb ends the words a subject is looked for in ("X said it agreed")."""
    return any(f.type == "statement" and f.form != BASE for f in lex.verbs.get((tok.low,), ()))


def _participants(toks: Sequence[_Token], subject: tuple[int, int], i: int, size: int, nominal: bool,
                  context: _Context, lex: Lexicon) -> tuple[list[Entity], list[Entity]]:
    """Actors and places: named from the subject to the end of the clause (for a noun, within its
    phrase). A name after "in", "at", "outside" ... is a place; a capital named as a subject acts
    for its country ("Ankara recalled"). "He"/"she" as the subject is the last person named before."""
    first = toks[subject[0]].start if subject[0] < subject[1] else toks[i].start
    last = toks[-1].end
    if nominal:
        first = toks[max(0, i - 3)].start
        last = toks[min(len(toks), i + size + 12) - 1].end
    actors: list[Entity] = []
    places: list[Entity] = []
    starts = [t.start for t in toks]
    was_place = False
    for m in context.named:
        if not (first <= m.start and m.end <= last):
            continue
        at = bisect_left(starts, m.start)
        prev = list(toks[max(0, at - 2):at])
        words = [t.low for t in prev]
        near = words[-1:] + (words[-2:-1] if prev and prev[-1].text.islower() else [])
        possessive = any(t.start == m.end and t.low in ("'s", "’s") for t in toks)  # "Washington's support"
        adjective = is_demonym(m) and at < len(toks) and any(
            t.start >= m.end and t.text.islower() for t in toks[at:at + 3])  # "the Japanese trawler": not a place
        is_place = not possessive and not adjective and (
            any(w in _w("place_prepositions") for w in near)
            or (m.entity.kind == "place" and toks[i].start < m.start and _words_between(toks, toks[i].end, m.start) <= 6)
            or (was_place and bool(words) and words[-1] in (_w("list_glue") | {","})))
        if is_place:
            _add(places, m.entity)
        else:
            _add(actors, as_actor(m.entity))
        was_place = is_place
    pronoun = [t for t in toks[subject[0]:subject[1]] if t.low in lex.pronouns]
    if pronoun and not any(a.kind == "person" for a in actors):
        who = context.antecedent(pronoun[0])
        if who is not None:
            actors.insert(0, who)
    elif subject[0] < subject[1] and toks[subject[0]].low == "who" and subject[0] == 0:
        who = next((as_actor(m.entity) for m in reversed(context.named) if m.end <= toks[0].start
                    and toks[0].start - m.end <= 3), None)  # "Kofi Annan, who appointed ..."
        if who is not None:
            actors.insert(0, who)
    return actors, places


def _add(items: list[Entity], entity: Entity) -> None:
    if all(e.name != entity.name for e in items):
        items.append(entity)




def _title(mention: _Found, toks: Sequence[_Token], subject: tuple[int, int], i: int, size: int,
           context: _Context, timexes: Sequence[Timex], quotes: Sequence[Quote],
           lex: Lexicon, shared_subject: bool = False) -> str:
    """Who did what, from the sentence: "Blinken meets Hakan Fidan in Ankara". A noun event is
    named by its own noun phrase ("Blinken's visit to Turkey"); a statement with nothing after
    its verb by its quote."""
    entities = context.named
    before_verb = [t.low for t in toks[max(0, i - 2):i]]
    if mention.verb is None:
        phrase = _noun_phrase(toks, i, size, entities, timexes, lex)
        if " " not in phrase and not mention.actors and mention.status != "negated":
            return ""  # "Announcement": nothing a reader could use
        return _cut("No " + phrase if mention.status == "negated" else phrase[:1].upper() + phrase[1:])
    sub_start, sub_end = toks[subject[0]].start if subject[0] < subject[1] else 0, toks[subject[1] - 1].end if subject[0] < subject[1] else 0
    named = [m for m in entities if sub_start <= m.start and m.end <= sub_end
             and not any(t.start == m.end and t.low in ("'s", "’s") for t in toks)  # "Kopp's lawyer": not Kopp
             and not _after_preposition(m, toks)  # "Dockworkers at the port of Rotterdam": not Rotterdam
             and not _modifies(m, toks, subject)]  # "The Los Angeles thrift said": not Los Angeles
    both = {as_actor(m.entity).name: m.entity for m in named if as_actor(m.entity).kind != "place"}
    speaker = next((m for m in entities if m.start >= mention.end and m.entity.kind in ("person", "organisation")
                    and _words_between(toks, mention.end, m.start) <= 1), None)
    if mention.type == "statement" and i > 0 and toks[i - 1].text in (",", "'", '"', "”") and speaker is not None:
        return _cut(surname(speaker.entity) + " " + mention.verb.third + _quoted(mention, quotes))  # "..., said Brendan Barba"
    if named and named[-1].entity.kind == "country" and named[-1].text.endswith("s") \
            and named[-1].text != named[-1].entity.name:
        named = []  # "ethnic Albanians marched": the people, not the country
    if len(both) >= 2 and any(t.low == "and" for t in toks[subject[0]:subject[1]]):
        first, *_, last = both.values()
        who, plural = f"{surname(as_actor(first))} and {surname(as_actor(last))}", True
    elif named:
        who, plural = surname(as_actor(named[-1].entity)), False
    elif subject[0] > 1 and toks[subject[0] - 1].text == "," and (apposed := next(
            (m for m in reversed(entities) if m.end == toks[subject[0] - 2].end), None)) is not None:
        who, plural = surname(as_actor(apposed.entity)), False  # "James E. Ousley, group president, said"
    elif subject[0] < subject[1] and all(t.low not in lex.pronouns and t.low not in _w("unresolved_pronouns")
                                         for t in toks[subject[0]:subject[1]]):
        words = list(toks[subject[0]:subject[1]])
        cue = _subordinate(words, 0, lex, needs_gap=True)
        if cue is not None:
            words = words[cue[2]:]
        dated = [n for n, t in enumerate(words) if any(x.start <= t.start < x.end for x in timexes)]
        words = [t for n, t in enumerate(words) if any(c.isalnum() for c in t.text) and n not in dated
                 and not (n + 1 in dated and t.low in _w("date_prepositions"))]  # "A court on Thursday": no "on"
        while words and (words[0].low in lex.clause_openers or words[0].low == "that"):
            words.pop(0)
        who = _join(words)
        plural = _plural(words, lex)
    else:
        lead = mention.actors[0] if mention.actors else None
        who, plural = (surname(lead), False) if lead and (subject[0] < subject[1] or shared_subject) else ("", False)
    passive = mention.verb.form in (PARTICIPLE, PAST) and bool(before_verb) and before_verb[-1] in _w("be")
    verb = mention.verb.base if plural else mention.verb.third
    if passive:  # headline passive: "Another man arrested in Kenya"
        verb = toks[i].text.lower() if mention.verb.form == PARTICIPLE else mention.trigger
    if mention.status == "scheduled":
        verb = "to " + mention.verb.base
    elif mention.status == "negated" and not any(t.low in lex.denial for t in toks[:i]):
        verb = ("do not " if plural else "does not ") + mention.verb.base
    after = [m for m in entities if m.entity.kind == "person" and m.start >= mention.end and m.end <= toks[-1].end
             and (mention.type != "statement" or not who)
             and _words_between(toks, mention.end, m.start) <= (1 if mention.type == "statement" else 6)
             and not any(t.low in _w("coordinators") or t.text in _BREAKS - {","}
                         for t in toks if mention.end <= t.start and t.end <= m.start)
             and surname(m.entity) != who]
    inverted = not who and bool(after) and mention.type == "statement"
    if inverted:  # "..., said Janos Martonyi": the name after the verb is who spoke
        who, after = surname(after[0].entity), []
    rest = _person_object(toks, mention.end, after[0]) if after else "" if inverted \
        else _object_words(toks, i + size, timexes, lex)
    if not who:
        return ""  # "Agrees to pay $4 million": nobody a reader could name
    if mention.type == "statement" and not rest and mention.anchor == "published":
        return ""  # "..., the company said": an attribution, not a dated statement
    if not rest:
        rest = _quoted(mention, quotes).strip()
    said = {as_actor(m.entity).name for m in entities if m.start >= mention.end and m.text in rest}
    said |= {m.entity.name for m in entities if sub_start <= m.start and m.end <= sub_end and m.text in who}
    said |= {m.entity.name for m in entities if m.start >= mention.end and m.text in rest}
    place = next((p for p in mention.places if p.name not in rest and p.name not in said
                  and p.country not in said), None)
    if not who and not rest:
        return ""  # "Says": nothing a reader could use; the caller drops it
    parts = [who, verb, rest, f"in {place.name}" if place else ""]
    title = " ".join(p for p in parts if p)
    return _cut(title[:1].upper() + title[1:])


def _person_object(toks: Sequence[_Token], verb_end: int, person: EntityMention) -> str:
    """The person a verb acts on, named in full, with the short phrase that leads to them
    ("holds talks with Robert Fico"; but "meets Hakan Fidan" for "met his Turkish counterpart,
    Hakan Fidan")."""
    between = [t for t in toks if verb_end <= t.start and t.end <= person.start]
    if 0 < len(between) <= 3 and between[-1].low in _w("leads_to_person") \
            and all(t.text.isalpha() and t.text.islower() for t in between):
        return _join(between) + " " + person.entity.name
    if 1 < len(between) <= 4 and between[0].low in _w("leads_to_person") \
            and all(t.text[:1].isupper() for t in between[1:]):  # "with Egyptian President Abdel Fattah al-Sisi"
        return between[0].text + " " + person.entity.name
    return person.entity.name


def _plural(words: Sequence[_Token], lex: Lexicon) -> bool:
    """Whether a subject phrase takes a plural verb: "X and Y", a plural head noun
    ("demonstrators", "Thousands of people"), or a noun that is plural in form ("police")."""
    if any(t.low == "and" for t in words):
        return True
    stop = next((n for n, t in enumerate(words) if n and (t.low in _w("place_prepositions") or t.low == "of")),
                len(words))  # "Dockworkers at the port of Rotterdam": the head is before "at"
    head = next((t for t in reversed(words[:stop]) if t.text.isalpha()), None)
    if head is None:
        return False
    if head.low in lex.plural_nouns:
        return True
    return head.low.endswith("s") and not head.low.endswith(("ss", "us", "is"))


def _quoted(mention: _Found, quotes: Sequence[Quote]) -> str:
    """' "<the quote of the mention's sentence, cut>"', or nothing."""
    quote = next((q for q in quotes if mention.sentence.start <= q.start < mention.sentence.end), None)
    return f' "{_cut(quote.text.strip().rstrip(",."), 50)}"' if quote is not None else ""


def _after_preposition(m: EntityMention, toks: Sequence[_Token]) -> bool:
    """Whether a name hangs on a preposition: "of Rotterdam", and "from Iceland and Norway"."""
    before = [t for t in toks if t.end <= m.start]
    k, crossed = len(before) - 1, False
    while k >= 0:  # back over "Iceland and" to the word before the list
        if before[k].low in _w("list_glue") or before[k].text == ",":
            crossed = True
        elif not (crossed and before[k].text[:1].isupper()):
            break
        k -= 1
    return k >= 0 and (before[k].low in _w("place_prepositions") or before[k].low == "of")


def _modifies(m: EntityMention, toks: Sequence[_Token], subject: tuple[int, int]) -> bool:
    """A name followed by lower-case words of the subject modifies them ("the Los Angeles thrift")."""
    rest = [t for t in toks[subject[0]:subject[1]] if t.start >= m.end]
    return bool(rest) and rest[0].text[:1].islower() and rest[0].low not in ("and", "or")


def _words_between(toks: Sequence[_Token], start: int, end: int) -> int:
    return sum(1 for t in toks if start <= t.start and t.end <= end)


def _object_words(toks: Sequence[_Token], i: int, timexes: Sequence[Timex], lex: Lexicon) -> str:
    """The words after the verb: up to a break, a time expression, "that"/"and"/"to" + verb, or
    eight words; a name in them is shortened as titles name people ("Blinken")."""
    words: list[_Token] = []
    for tok in toks[i:]:
        if tok.low in ("'s", "’s", "that") and not words:
            continue  # "said that the talks ...": what was said
        if tok.text in _BREAKS or tok.low in _w("object_stops") \
                or (tok.low == "to" and words) or (tok.low in lex.pronouns and len(words) >= 2):
            break
        if any(t.start <= tok.start < t.end and not _modifier(t, toks, lex) for t in timexes):
            while words and words[-1].low in _w("date_prepositions"):
                words.pop()  # "late on Thursday": both go with the date
            if words:
                break
            continue  # "voted on Thursday to accept ...": the date is not the object
        if (tok.low in _w("place_stops") and words) or (tok.low in _w("phrase_ends") and len(words) >= 2):
            break
        words.append(tok)
        if len(words) == OBJECT_WORDS:
            break
    while words and (words[-1].low in _w("trailing") or not any(c.isalnum() for c in words[-1].text)
                     or (len(words) == 1 and words[0].low in lex.pronouns)):
        words.pop()
    return _join(words)


def _noun_phrase(toks: Sequence[_Token], i: int, size: int, entities: Sequence[EntityMention],
                 timexes: Sequence[Timex], lex: Lexicon) -> str:
    """A noun trigger with its modifiers: back over adjectives (and a possessor: "Blinken's"),
    forward over its "with/in/to ..." complements up to a time expression, a verb or a break."""
    start = i
    while start > 0 and toks[start - 1].text.isalpha() and toks[start - 1].text.islower() \
            and toks[start - 1].low not in lex.determiner and toks[start - 1].low not in lex.negation \
            and toks[start - 1].low not in _w("function") and i - start < 3:
        start -= 1
    prefix = ""
    if start > 1 and toks[start - 1].low in ("'s", "’s"):
        owner = next((m for m in entities if m.end == toks[start - 2].end), None)
        if owner is not None:
            prefix = surname(as_actor(owner.entity)) + "'s "
    end = i + size
    while end < len(toks) and end - i < 14:
        tok = toks[end]
        if tok.text in _BREAKS - {","} or any(t.start <= tok.start < t.end for t in timexes):
            break
        if tok.low in _w("phrase_stops") or (tok.text.islower() and tok.low.endswith("ed")) \
                or any(f.form in (PAST, THIRD) for f in lex.verbs.get((tok.low,), ())) \
                or _match(toks, end, lex.relation_verbs, lex.longest):
            break
        end += 1
    verb = toks[end] if end < len(toks) else None
    forms = lex.verbs.get((verb.low,), ()) if verb is not None else ()
    while end > i + size and (toks[end - 1].text in {",", "and", "or"} or toks[end - 1].low in _w("trailing")):
        end -= 1
    phrase = prefix + _join(toks[start:end])
    past = next((f for f in forms if f.form in (PAST, THIRD)), None)
    if past is not None and end == i + size:  # "A magnitude 6.8 earthquake struck southern Peru"
        rest = _object_words(toks, toks.index(verb) + 1, timexes, lex) if verb is not None else ""
        phrase = f"{phrase} {past.third} {rest}".strip()
    return phrase


def _join(toks: Sequence[_Token]) -> str:
    out = ""
    for n, tok in enumerate(toks):
        glue = n and toks[n - 1].end == tok.start
        out += tok.text if glue or not out else " " + tok.text
    return out


def _cut(title: str, limit: int = TITLE_LIMIT) -> str:
    title = " ".join(title.split())
    if len(title) <= limit:
        return title
    return title[:limit - 1].rsplit(" ", 1)[0].rstrip(",;:.") + "…"


def _key(slug: str, type_: str, sentence: str, trigger: str, repeat: int = 0) -> str:
    """The mention's stable id: its article, type, trigger and sentence words (case and spacing
    ignored), hashed. Not its position: moving the paragraph or adding articles keeps it. The
    ``repeat``-th further mention with the same trigger in the same sentence gets its own key."""
    words = " ".join(re.findall(r"\w+", sentence.casefold()))
    parts = (slug, type_, trigger.casefold(), words) + ((str(repeat),) if repeat else ())
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:10]


# -- quotes -----------------------------------------------------------------------------------


def _date_quotes(quotes: Sequence[Quote], mentions: Sequence[EventMention], sentences: Sequence[Sentence],
                 dct: date | None) -> tuple[Quote, ...]:
    """A quote is dated by a statement in its own sentence, else by its speaker's last dated
    statement in the two paragraphs before it, else on or before the publication day."""
    dated: list[Quote] = []
    statements: dict[int, list[EventMention]] = {}
    for m in mentions:
        if m.type == "statement":
            statements.setdefault(m.sentence.start, []).append(m)
    for q in quotes:
        sentence = sentences[q.sentence]
        own = statements.get(sentence.start, [])
        if own:
            dated.append(replace(q, date=own[0].date))
            continue
        recent = [m for m in mentions if m.type == "statement" and m.start < q.start
                  and sentence.paragraph - m.sentence.paragraph <= 2 and m.anchor != "published"
                  and q.speaker is not None and any(a.name == q.speaker for a in m.actors)]
        if recent:
            dated.append(replace(q, date=recent[-1].date))
        else:
            dated.append(replace(q, date=DateRange(None, dct)))
    return tuple(dated)

