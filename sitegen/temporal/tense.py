"""Local tense cues: does the clause around a mention point to the future?

The cue words are data (``[tense]`` in ``data/en/patterns.toml``); this module only says
how they combine.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .matcher import trie

_BOUNDARY = re.compile(r"[.;!?\"\u201c\u201d]\s|\n")
_WORD = re.compile(r"(?<![\w'\u2019-])(?:([a-z]+(?:['\u2019][a-z]+)?)|([A-Z][A-Za-z]*))\b(?![-\u2019'])|,")
_TOKEN = re.compile(r"[\w'\u2019-]+")  # a word or a number (_present_after)
_NAME = "<name>"  # a capitalised word that is no word of the cue lists: a name, a subject ("Britain voted")
KEYS = ("future", "perfect", "perfect_participle", "perfect_gap", "future_after", "past_before", "past_gap", "participle_aux", "future_in_past", "report", "report_relative", "deadline",
        "deadline_past", "past_only", "past_forms", "past_subject", "not_subject", "name_compound", "verb_next", "clause_opens", "determiner", "reduced_next", "causative", "not_past", "not_finite_after",
        "past_suffix", "passive", "aside_opens", "bare_before", "fronted", "clause_join",
        "done", "scheduled_present", "scheduled_gap", "scheduled_adverb", "scheduled_prep",
        "scheduling", "scheduling_stop", "scheduling_past", "infinitive", "present_marks", "deferral", "range_open", "range_join", "modal", "reported_future",
        "bare_past", "plural_noun", "object_next", "background", "finite_next", "forward", "ahead_prep", "ahead_article", "ahead_gap", "past_aux")


def _alternation(words: list[str]) -> str:
    """The cues as one character trie, longest first at every branch, so it matches what a
    plain alternation of them longest first does; spaces between words match ``\\s+``. A
    trie tries one branch per character where the alternation tried every cue: "future" is
    searched three times faster."""
    return trie(sorted({" ".join(w.casefold().split()) for w in words}), space=r"\s+")


@dataclass(frozen=True, slots=True)
class TenseCues:
    """The compiled ``[tense]`` lists (see ``patterns.toml`` for what each one means)."""

    future: re.Pattern[str]  # also finds the words of perfect, which it must not count
    perfect: frozenset[str]
    perfect_participle: frozenset[str]  # "been", "done": after "would have" a perfect ...
    perfect_gap: frozenset[str]  # ... with these or an adverb in -ly between ("would have never")
    future_after: re.Pattern[str]  # right after the mention
    future_later: re.Pattern[str]  # the same words anywhere
    past_before: re.Pattern[str]  # with the words of past_gap allowed before the mention
    participle_aux: re.Pattern[str]  # "be", an adverb in -ly may follow: a past_before word after it is a participle
    future_in_past: re.Pattern[str]
    report: re.Pattern[str]
    report_any: re.Pattern[str]  # a reporting verb anywhere; group 1: a word of report_relative before it
    deadline: re.Pattern[str]
    deadline_past: re.Pattern[str]
    past_only: frozenset[str]
    past_forms: frozenset[str]
    past_subject: frozenset[str]
    not_subject: frozenset[str]  # "Ukrainian": a capitalised adjective, no name
    name_compound: frozenset[str]  # "Iran backed militias": after a name, before a noun, an adjective ...
    verb_next: frozenset[str]  # ... unless one of these follows ("Iran backed the plan")
    that_subject: re.Pattern[str]  # "that the bank ": a subject before an ambiguous past form
    reduced_before: re.Pattern[str]  # "for the raid " (not "have their children ") before a word in -ed ...
    reduced_after: re.Pattern[str]  # ... and " out" after it: a past participle
    not_past: frozenset[str]
    not_finite_after: frozenset[str]
    past_suffix: tuple[str, ...]  # "-ed"
    passive: re.Pattern[str]  # " by " right after a participle
    aside_opens: re.Pattern[str]  # a comma or "who"/"which": an aside may begin
    bare_before: re.Pattern[str]  # only these words between an aside's last comma and the mention
    fronted: re.Pattern[str]  # only these words between the sentence start and a fronted mention
    joined: re.Pattern[str]  # ", and on": a comma or semicolon, a joining word and words of fronted before a mention
    infinitive: re.Pattern[str]  # "to start": what follows is later than the verb before it (past_narrative)
    subject_np: re.Pattern[str]  # "The funeral home operator ": a sentence's opening noun phrase before a past form
    present_marks: frozenset[str]  # "is", "has": a verb in the present
    deferral: re.Pattern[str]  # "postponed", "extended": a span that runs on from a past verb (span_past)
    done: re.Pattern[str]  # "'s ruling" after the mention: an event that has happened
    scheduled_present: re.Pattern[str]  # "meet Monday", "begin at 5 a.m. Friday": a present verb right before the mention
    determiner_before: re.Pattern[str]  # a determiner right before: the timetable's verb is a noun ("his return")
    scheduled_for: re.Pattern[str]  # "called a referendum for": an event set for the day after it; group 1: a past auxiliary before
    scheduled_after: re.Pattern[str]  # "'s" or "was" right after the mention: not a day set ahead
    range_open: re.Pattern[str]  # "between" right before the mention ...
    range_join: re.Pattern[str]  # ... and "and" alone between it and the next: a range's start
    modal: re.Pattern[str]  # a modal: what follows the last one is the clause's verb (past_clause)
    reported_future: re.Pattern[str]  # "would": a future seen from a past day (reported_would)
    background: re.Pattern[str]  # "since " right before a date: background, no new reference time (tagger._background)
    bare_past: frozenset[str]  # "quit", "set": past and present alike, past after a singular noun phrase (_singular_subject)
    subject_before: re.Pattern[str]  # a determiner and up to four words, the last one (group "noun") the subject's head
    plural_noun: frozenset[str]  # "people", "police": plurals without -s
    object_next: frozenset[str]  # "the", "it", "out": an object or a particle, so the word before is a verb
    finite_next: frozenset[str]  # "were", "is": a finite verb right after the mention, so a timetable's "verb" before it was a noun
    forward: re.Pattern[str]  # "signalled", "forecast": what follows is ahead of the verb (past_narrative, past_clause)
    ahead: re.Pattern[str]  # "to a hike in", "for a vote in" (one word): an event still to come before the mention (past_narrative)
    past_aux: frozenset[str]  # "was", "had": a finite past verb right after the mention (past_moment)

    @classmethod
    def from_table(cls, table: Mapping[str, list[str]]) -> TenseCues:
        missing = [k for k in KEYS if not table.get(k)]
        if missing:
            raise ValueError(f"[tense] needs non-empty lists {', '.join(missing)}")
        alt = {k: _alternation(table[k]) for k in KEYS}
        i = re.IGNORECASE

        def words(key: str) -> frozenset[str]:
            return frozenset(w.casefold() for w in table[key])

        def right_before(key: str) -> re.Pattern[str]:  # a cue right before the mention
            return re.compile(rf"\b(?:{alt[key]})\s+$", i)

        def anywhere(key: str) -> re.Pattern[str]:
            return re.compile(rf"\b(?:{alt[key]})\b", i)

        return cls(
            future=re.compile(rf"\b(?:{_alternation(table['future'] + table['perfect'])})\b", i),
            perfect=frozenset(" ".join(w.casefold().split()) for w in table["perfect"]),
            perfect_participle=words("perfect_participle"),
            perfect_gap=words("perfect_gap"),
            future_after=re.compile(rf"\s*,?\s*(?:{alt['future_after']})\b", i),
            future_later=anywhere("future_after"),
            past_before=re.compile(rf"\b(?:{alt['past_before']})\s+(?:(?:{alt['past_gap']})\s+)?$", i),
            participle_aux=re.compile(rf"\b(?:{alt['participle_aux']})\s+(?:[a-z]+ly\s+)?$", i),
            future_in_past=right_before("future_in_past"),
            report=re.compile(rf"\b(?:{alt['report']})\s*$", i),
            report_any=re.compile(rf"(?:\b({alt['report_relative']})\s+)?\b(?:{alt['report']})\b", i),
            deadline=right_before("deadline"),
            deadline_past=anywhere("deadline_past"),
            past_only=words("past_only"),
            past_forms=words("past_forms"),
            past_subject=words("past_subject"),
            not_subject=words("not_subject"),
            name_compound=words("name_compound"),
            verb_next=words("verb_next"),
            present_marks=words("present_marks"),
            deferral=anywhere("deferral"),
            that_subject=re.compile(rf"\b(?:{alt['clause_opens']})\s+(?:{alt['determiner']})\s+(?:[a-z]+\s+){{1,2}}$", i),
            reduced_before=re.compile(
                rf"(?<![\w'\u2019])(?!(?:{alt['causative']})\b)[a-z]+\s+(?:{alt['determiner']})\s+[a-z]+\s+$", i),
            reduced_after=re.compile(rf"\s+(?:{alt['reduced_next']})\b"),
            not_past=words("not_past"),
            not_finite_after=words("not_finite_after"),
            past_suffix=tuple(w.casefold() for w in table["past_suffix"]),
            passive=re.compile(rf" (?:{alt['passive']}) "),  # lower case, single spaces: as written after a participle
            aside_opens=re.compile(rf",|\b(?:{alt['aside_opens']})\b", i),
            bare_before=re.compile(rf"^[\s,]*(?:(?:{alt['bare_before']})\s+)*$", i),
            fronted=re.compile(rf"^\s*(?:(?:{alt['fronted']})\s+)*$", i),
            infinitive=re.compile(rf"\b(?:{alt['infinitive']})\s+(?!(?:{alt['determiner']})\b)[a-z]+\b"),
            subject_np=re.compile(
                rf"\s*(?:{alt['determiner']})\s+(?:[\w'\u2019&.-]+\s+){{1,5}}?"
                rf"(?=(?:{alt['past_only']}|{alt['past_forms']}|[a-z]{{3,}}ed)\b)", i),
            joined=re.compile(rf"[,;]\s*(?:{alt['clause_join']})\s+(?:(?:{alt['fronted']})\s+)*$", i),
            done=re.compile(rf"['\u2019]s\s+(?:[\w-]+\s+)?(?:{alt['done']})\b", i),
            scheduled_present=re.compile(
                rf"\b(?:{alt['scheduled_present']})\s+(?:(?:[a-z]+ly|{alt['scheduled_adverb']})\s+)?"
                rf"(?:(?:{alt['scheduled_prep']})\s+(?:[\w'\u2019.-]+\s+){{1,3}}?(?:{alt['scheduled_gap']})\s+|(?:(?:{alt['scheduled_gap']})\s+)?)$"),
            determiner_before=right_before("determiner"),
            scheduled_for=re.compile(
                rf"(?:\b({alt['scheduling_past']})\s+)?\b(?:{alt['scheduling']})\s+"
                rf"(?:(?!(?:{alt['scheduling_stop']})\b)[\w'\u2019-]+\s+){{0,4}}?for\s+$", i),
            scheduled_after=re.compile(rf"['\u2019]s\b|\s+(?:{alt['future_in_past']})\b", i),
            range_open=right_before("range_open"),
            range_join=re.compile(rf"\s*(?:{alt['range_join']})\s*", i),
            modal=re.compile(rf"(?:\b|(?=['\u2019]))(?:{alt['modal']})\b", i),
            reported_future=re.compile(rf"(?:{alt['reported_future']})", i),
            background=right_before("background"),
            bare_past=words("bare_past"),
            subject_before=re.compile(rf"(?<![\w'\u2019-])(?:{alt['determiner']})\s+(?:[a-z][a-z-]*\s+){{0,3}}(?P<noun>[a-z][a-z-]*)\s+$", i),
            plural_noun=words("plural_noun"),
            object_next=words("object_next"),
            finite_next=words("finite_next"),
            forward=anywhere("forward"),
            ahead=re.compile(rf"\b(?:{alt['ahead_prep']})\s+(?:{alt['ahead_article']})\s+[\w-]+\s+(?:{alt['ahead_gap']})\s+$", i),
            past_aux=words("past_aux"),
        )


def load_cues(path: Path) -> TenseCues:
    with path.open("rb") as f:
        return TenseCues.from_table(tomllib.load(f).get("tense", {}))


@lru_cache(maxsize=1)
def default_cues() -> TenseCues:
    return load_cues(Path(__file__).parent / "data" / "en" / "patterns.toml")


def has_past_verb(text: str, cues: TenseCues, previous: str = "", subject: bool = True) -> bool:
    """Is there a finite past verb in ``text``? A word of ``past_only`` ("met", "went"), or a
    word of ``past_forms`` or a lower-case word ending in -ed (not in ``not_past``) right after a
    comma, a word of ``past_subject`` or a name ("was signed", "they collapsed", ", collapsed",
    "Britain voted", "that the bank cut"; a capitalised word of the lists counts as that word: "The planned talks"; one
    of ``not_subject`` is no name: "Ukrainian displaced families"; nor is a name before half a
    compound adjective: "Iran backed militias", see ``_compound``), or
    anywhere with ``subject=False`` (where a verb is due: "On Tuesday, the court ruled"); never
    after a word of ``not_finite_after`` ("will be held", "the planned talks"), nor before "by"
    (a passive participle). A word in -ed after a determiner and a noun and before a word of
    ``reduced_next`` is a past participle of a past event too ("the raid carried out in")."""
    prev = previous.casefold()
    for m in _WORD.finditer(text):
        if m.group(2):
            word = m.group(2).casefold()
            if not (word in cues.past_subject or word in cues.not_finite_after):
                prev = "" if word in cues.not_subject else _NAME
                continue
        else:
            word = m.group(1) or ","
        if prev not in cues.not_finite_after and not cues.passive.match(text, m.end()):
            if word in cues.past_only or (word in cues.bare_past and _singular_subject(text, m, cues)):
                return True
            ambiguous = word in cues.past_forms or (word.endswith(cues.past_suffix) and len(word) > 4 and word not in cues.not_past)
            if ambiguous and (prev in cues.past_subject or not subject or (prev == _NAME and not _compound(text, m, cues))
                              or cues.that_subject.search(text, 0, m.start())):
                return True
            if (word.endswith(cues.past_suffix) and len(word) > 4 and word not in cues.not_past
                    and cues.reduced_before.search(text, 0, m.start()) and cues.reduced_after.match(text, m.end())):
                return True
        prev = word
    return False


def _singular_subject(text: str, m: re.Match[str], cues: TenseCues) -> bool:
    """Is the word ``m``, one of ``bare_past`` ("quit", "cut": the same form in the past and the
    present), a finite past verb after a singular noun phrase ("the junior coalition partner quit
    the government")? In the present a singular subject takes -s ("quits"); so a determiner and up
    to four words before it, the last no plural (not in -s, not of ``plural_noun``), and an object
    or a particle right after it (``object_next``: not "the spending cut on Friday", a noun) leave
    only the past. A plural subject does not count: in "will vote after the partners quit the
    government" the present, with the clause's future, reads as well."""
    np = cues.subject_before.search(text, 0, m.start())
    if np is None:
        return False
    noun = np.group("noun").casefold()
    if (noun.endswith("s") and not noun.endswith("ss")) or noun in cues.plural_noun:
        return False
    after = _WORD.search(text, m.end())
    return after is not None and after.start() - m.end() <= 1 and after.group(0).casefold() in cues.object_next


def is_perfect(text: str, cue: re.Match[str], cues: TenseCues) -> bool:
    """Is the cue a modal perfect ("would have", "should've") followed by a past participle:
    "been", a word of ``perfect_participle``, ``past_only`` or ``past_forms``, or a lower-case
    word in -ed not in ``not_past``, with an adverb in -ly or a word of ``perfect_gap`` allowed
    between ("would have never sailed")? Not "would have to sign", "would have a day off",
    "should have their children vaccinated": there the modal is a future cue as without "have"."""
    if " ".join(cue.group(0).casefold().split()) not in cues.perfect:
        return False
    for m in _WORD.finditer(text, cue.end()):
        word = m.group(1)
        if word is None:  # a comma or a capitalised word
            return False
        if word in cues.perfect_gap or (word.endswith("ly") and len(word) > 4):
            continue
        return (word in cues.perfect_participle or word in cues.past_only or word in cues.past_forms
                or (word.endswith(cues.past_suffix) and len(word) > 4 and word not in cues.not_past))
    return False


def _compound(text: str, m: re.Match[str], cues: TenseCues) -> bool:
    """Is the word ``m`` after a name half of a compound adjective written apart ("Iran backed
    militias", "Google owned apps"): a word of ``name_compound`` before a lower-case word not of
    ``verb_next``?"""
    if m.group(0).casefold() not in cues.name_compound:
        return False
    after = _WORD.search(text, m.end())
    return after is not None and after.group(1) is not None and after.group(1) not in cues.verb_next


def _timetable(before: str, cues: TenseCues) -> bool:
    """Does ``before`` end in a timetable's verb in the present ("meet separately", "opens",
    "returns from recess on"; see ``scheduled_present``), neither a noun after a determiner ("his
    return to Paris on") nor after a finite past verb ("Investors cheered returns from the fund on")?"""
    m = cues.scheduled_present.search(before)
    return m is not None and not (cues.determiner_before.search(before, 0, m.start())
                                  or has_past_verb(before[: m.start()], cues))


_NEXT_WORD = re.compile(r"[ \t]+(?:[a-z]+ly[ \t]+)?([a-z]+)\b")


def _finite_after(text: str, end: int, cues: TenseCues) -> bool:
    """Is the word right after ``end`` (an adverb in -ly may come between) a finite verb: one of
    ``finite_next`` ("were", "is"), ``past_only``, or one of ``past_forms`` or a lower-case word
    in -ed not in ``not_past``, not before "by" ("showed", "helped"; not "led by")? Then the
    mention closes its clause's subject ("Stock returns on Monday were poor")."""
    m = _NEXT_WORD.match(text, end)
    if m is None:
        return False
    word = m.group(1)
    if word in cues.finite_next or word in cues.past_only:
        return True
    ambiguous = word in cues.past_forms or (word.endswith(cues.past_suffix) and len(word) > 4 and word not in cues.not_past)
    return ambiguous and not cues.passive.match(text, m.end())


def _past_later(text: str, end: int, cues: TenseCues) -> bool:
    """Is there a finite past verb after ``end`` in its sentence, before any reporting verb ("booked
    a flight for Monday but missed it"; not "called a vote for Sunday, officials said")?"""
    after = _clause_after(text, end, FAR)
    report = cues.report_any.search(after)
    return has_past_verb(after[: report.start()] if report else after, cues, subject=False)


def _future_after_fronted(text: str, end: int, cues: TenseCues) -> bool:
    """A mention that opens its sentence ("On Tuesday, the league plans to ...") takes a cue of
    ``future_after`` in the clause after it (a plan in the present: "On Friday, the government
    planned to pay" tells what was planned for a past Friday), if nothing stands between them
    that could end the clause or hold the verb: no comma or "who", no past verb ("On Tuesday,
    the court ruled that it will ..."), no past auxiliary before the cue ("had")."""
    head = _clause_after(text, end, FAR).lstrip(" ,")
    cue = cues.future_later.search(head)
    if cue is None:
        return False
    between = head[: cue.start()]
    return not (cues.aside_opens.search(between) or cues.future_in_past.search(between)
                or has_past_verb(between, cues, subject=False))


def _parenthetical(before: str, cue: re.Match[str], cues: TenseCues) -> bool:
    """The cue sits in an aside closed by a comma before the mention: ", who will retire soon,"
    or ", set to resume," (but "will, on Friday," keeps its cue)."""
    between = before[cue.end() :]
    comma = between.rfind(",")
    if comma < 0 or cues.bare_before.match(between[comma + 1 :]):
        return False
    return cues.aside_opens.search(before[: cue.start()]) is not None


NEAR = 60  # characters before the mention that the past, report and deadline cues look at
FAR = 120  # ... and the future cues (a sentence's subject and its "will" stand further off)


def _clause(text: str, start: int, width: int) -> str:
    """Up to ``width`` characters before ``start``, from the last sentence boundary on."""
    before = text[max(0, start - width) : start]
    cut = None
    for m in _BOUNDARY.finditer(before):
        cut = m.end()
    return before if cut is None else before[cut:]


def _clause_after(text: str, end: int, width: int) -> str:
    """Up to ``width`` characters after ``end``, to the next sentence boundary."""
    after = text[end : end + width]
    stop = _BOUNDARY.search(after)
    return after[: stop.start()] if stop else after


def reporting_date(before: str, cues: TenseCues) -> bool:
    """A reporting verb right before the mention (``before``: its clause up to it): "said
    Friday", "said on Friday". The day is the saying's, not the story's; not after "be" ("will
    be announced on Thursday" is a plan)."""
    # The one English left here: a character strip, not a word ("said on Friday" -> "said", but
    # "said no" -> "said" too). Making it a [tense] word list would change what it strips.
    stripped = before.rstrip(" ,on")
    m = cues.report.search(stripped)
    return m is not None and not cues.participle_aux.search(stripped, 0, m.start())


def dates_a_report(text: str, start: int, cues: TenseCues | None = None) -> bool:
    """The mention at ``start`` dates a saying ("the company said on Friday")."""
    return reporting_date(_clause(text, start, NEAR), cues or default_cues())


def tense_at(text: str, start: int, end: int, cues: TenseCues | None = None) -> str:
    """"future", "past" or "none" for the mention ``text[start:end]``.

    * "none" if a reporting verb comes right before it ("said Friday"): the saying is past;
    * "past" if a past cue ("ended", "since", "was") comes right before it, unless the cue is a
      participle after "be" ("will be closed on Friday": the future cue decides);
    * "none" if it names an event that has happened ("Wednesday's ruling"), whatever the
      clause says of the future ("would look for ways around Wednesday's ruling");
    * "future" right after a verb in the present that news uses for a timetable ("meet
      separately Monday", "opens Friday", "returns from recess on Tuesday"; see _timetable), unless a
      finite verb follows the mention ("Stock returns on Monday were poor": the "verb" was a noun);
    * "future" right after a verb of scheduling, its object and "for" ("called a referendum for
      Sunday", "is set for Monday"), unless a past auxiliary comes before the verb ("had called")
      or the mention names its event or is followed by one ("Sunday's rally", "for Saturday was"),
      or a finite past verb follows later in its sentence ("booked a flight for Monday but missed it");
    * "future" after a deadline ("by Friday", "until Tuesday"), unless its clause is in the
      past, before the cue or after the mention ("had gone by Friday", "was not until Tuesday");
    * "future" if the sentence (up to FAR characters before; the cues above look NEAR) has a
      future cue ("will", "is to", "scheduled", "is expected to"), unless the cue follows a past
      auxiliary ("had been due to"), sits in an aside closed by a comma (", who will retire
      soon,"), or a finite past verb comes between it and the mention ("who will retire met
      rebels on Tuesday");
    * "future" if a future cue follows within 25 characters ("Friday, will ..."), unless a
      finite past verb comes before the mention in its clause (the cue is the main clause's:
      "The club, which won its last game on Sunday, will ..."), or later in
      the clause of a mention that opens its sentence ("On Tuesday, the league plans to ...");
    * for a mention that opens a clause joined by a comma and "and", "but" ... (``clause_join``:
      "..., and on Monday she will address"), its own clause decides before the clause before it
      does: "future" for a cue in it as for a mention that opens its sentence, "past" for a
      finite past verb in it before any cue ("..., and on Monday teachers walked out");
    * "none" otherwise.
    """
    cues = cues or default_cues()
    before = _clause(text, start, NEAR)
    if reporting_date(before, cues):
        return "none"
    past = cues.past_before.search(before)
    if past and not cues.participle_aux.search(before, 0, past.start()):
        return "past"
    if cues.done.match(text, end):
        return "none"
    if _timetable(before, cues) and not _finite_after(text, end, cues):
        return "future"
    scheduled = cues.scheduled_for.search(before)
    if scheduled and not scheduled.group(1) and not cues.scheduled_after.match(text, end) and not _past_later(text, end, cues):
        return "future"
    deadline = cues.deadline.search(before)
    if deadline:
        past = cues.deadline_past.search(before, 0, deadline.start()) or cues.deadline_past.search(text[end : end + 40])
        return "none" if past else "future"
    if cues.joined.search(before):
        if _future_after_fronted(text, end, cues):
            return "future"
        own = _clause_after(text, end, FAR).lstrip(" ,").split(",", 1)[0]
        cue = cues.future_later.search(own)
        if has_past_verb(own[: cue.start()] if cue else own, cues, subject=False):
            return "past"  # "..., and on Monday teachers walked out": the clause's own past
    clause = _clause(text, start, FAR)
    for cue in reversed(list(cues.future.finditer(clause))):
        if cues.future_in_past.search(clause[: cue.start()]) or is_perfect(clause + text[start:end], cue, cues):
            break
        if _parenthetical(clause, cue, cues):
            continue
        if has_past_verb(clause[cue.end() :], cues, cue.group(0).split()[-1]):
            break
        return "future"
    if cues.fronted.match(before) and _future_after_fronted(text, end, cues):
        return "future"
    after = _clause_after(text, end, 25)
    # a reporting verb that introduces the mention's clause is no past event of the mention
    # ("Officials said the ferry service on Friday will resume"; not "which reported ... on Friday, will")
    opens = max((m.end() for m in cues.report_any.finditer(before) if not m.group(1)), default=0)
    if cues.future_after.match(after) and not has_past_verb(before[opens:], cues):
        return "future"
    return "none"


def past_clause(text: str, start: int, end: int, cues: TenseCues | None = None) -> bool:
    """Is the clause of the mention ``text[start:end]`` told in the past: a finite past verb
    before it ("Thousands of fans packed the stadium this weekend"), or after it when it opens
    its sentence ("This Saturday, thousands rallied")? Only what follows the last reporting verb
    or modal counts ("Police said the march is this Saturday": the saying is past, not the march;
    "warned that temperatures could top 100 degrees this weekend"), and an aside closed by a comma
    does not ("The show, which opened in May, closes this Saturday")."""
    cues = cues or default_cues()
    before = _clause(text, start, FAR)
    cut = max((m.end() for m in cues.report_any.finditer(before)), default=0)
    cut = max((m.end() for m in cues.forward.finditer(before, cut)), default=cut)
    cut = max((m.end() for m in cues.modal.finditer(before, cut)), default=cut)
    parts = before[cut:].split(",")
    kept = parts[:1] + [q for q in parts[1:-1] if not cues.aside_opens.match(q.lstrip())] + parts[1:][-1:]
    if has_past_verb(",".join(kept), cues, subject=False):
        return True
    return cues.fronted.match(before) is not None and has_past_verb(_clause_after(text, end, FAR), cues, subject=False)


def past_narrative(text: str, start: int, end: int, cues: TenseCues | None = None) -> bool:
    """Is the clause of the mention ``text[start:end]`` told in the past by its own verb, so that a
    month without a cue is the last one ("The company changed from a fiscal year to a calendar year
    in December", published in October: 1988's)? Stricter than past_clause: a finite past verb
    after a subject (``has_past_verb``), or after a noun phrase that opens the sentence with a
    determiner ("The funeral home operator changed"); only what follows the last reporting verb,
    modal or infinitive counts ("Dealers placed orders to start the first trading day for
    November": the start is later than the placing), and an aside closed by a comma does not."""
    cues = cues or default_cues()
    before = _clause(text, start, FAR)
    if cues.ahead.search(before):
        return False  # "left the door open to a hike in December": a hike still to come
    cut = max((m.end() for m in cues.report_any.finditer(before)), default=0)
    cut = max((m.end() for m in cues.forward.finditer(before, cut)), default=cut)
    cut = max((m.end() for m in cues.modal.finditer(before, cut)), default=cut)
    cut = max((m.end() for m in cues.infinitive.finditer(before, cut)), default=cut)
    parts = before[cut:].split(",")
    kept = ",".join(parts[:1] + [q for q in parts[1:-1] if not cues.aside_opens.match(q.lstrip())] + parts[1:][-1:])
    if has_past_verb(kept, cues):
        return True
    opens_sentence = start - len(before) == 0 or len(before) < min(start, FAR)
    subject = cues.subject_np.match(kept) if cut == 0 and opens_sentence else None
    return (subject is not None and has_past_verb(kept[subject.end() :], cues, "it")
            and not cues.present_marks.intersection(w.casefold() for w in _TOKEN.findall(subject.group(0)))
            and not _present_after(kept[subject.end() :], cues))


def past_moment(text: str, start: int, end: int, cues: TenseCues | None = None) -> bool:
    """Is the present moment ``text[start:end]`` ("this historic moment") told in the past: its
    clause is (past_clause: "Nobody knew at this critical moment"), or a word of ``past_aux``
    follows it ("This historic moment was captured")? Then it is a moment of the story, not now."""
    cues = cues or default_cues()
    nxt = _NEXT_WORD.match(text, end)
    return (nxt is not None and nxt.group(1) in cues.past_aux) or past_clause(text, start, end, cues)


def span_past(text: str, start: int, end: int, cues: TenseCues | None = None) -> bool:
    """Does the mention ``text[start:end]`` end a span in the past ("He stayed in Paris until
    January")? Its clause is told in the past (past_narrative) and has no verb of ``deferral``,
    which makes the span run on from the past verb ("postponed the vote until January", "has
    extended loans through January")."""
    cues = cues or default_cues()
    return (past_narrative(text, start, end, cues)
            and cues.deferral.search(_clause(text, start, FAR)) is None)


def _present_after(text: str, cues: TenseCues) -> bool:
    """Does a verb in the present follow the first word of ``text`` (a past form after an opening
    noun phrase)? A word of ``present_marks``, or a lower-case word in -s (not -ss) after a word
    that is none of ``verb_next`` and not that first word: "issued in 1985 matures", "reached on
    Friday takes effect"; not "changed its rules", "sold shares", "moved to new offices"."""
    words = _TOKEN.findall(text)
    for i, word in enumerate(words[1:], 1):
        w = word.casefold()
        if w in cues.present_marks:
            return True
        if (i > 1 and word.islower() and len(w) > 3 and w.endswith("s") and not w.endswith("ss")
                and words[i - 1].casefold() not in cues.verb_next):
            return True
    return False


def reported_would(text: str, start: int, cues: TenseCues | None = None) -> bool:
    """Is the last future cue of the clause before ``start`` a ``reported_future`` ("would")
    after a finite past verb ("On Monday, the minister said a decision would come by the end of
    the day")? That future is seen from the day the story is on, not from publication."""
    cues = cues or default_cues()
    clause = _clause(text, start, FAR)
    last = None
    for last in cues.future.finditer(clause):
        pass
    return (last is not None and cues.reported_future.fullmatch(last.group(0)) is not None
            and has_past_verb(clause[: last.start()], cues, subject=False))


def range_start(text: str, start: int, end: int, next_start: int, cues: TenseCues | None = None) -> bool:
    """Does the mention ``text[start:end]`` open a range that the mention at ``next_start``
    closes ("between Saturday and July 7", "from Monday through Sept. 3")? Such a day lies on
    the same side of publication as the range's end, which the caller resolves."""
    cues = cues or default_cues()
    return (cues.range_open.search(text, max(0, start - 20), start) is not None
            and cues.range_join.fullmatch(text, end, next_start) is not None)
