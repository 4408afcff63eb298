"""Events the text dates, as anchors for "the day after the shooting".

News often counts from an event rather than from a date: "the day after his death", "in the
weeks before the shooting", "10 days before the murder". The text usually dates the event
elsewhere: "the Oct. 23 slaying", "Slepian was shot to death last Oct. 23", "last fall when
he was gunned down". While the tagger reads, every date it resolves is checked for an event
word beside it; an event noun later counts from that date (rule ``event-relative``).

The words are data: ``[eventnoun]`` and ``[eventverb]`` in ``patterns.toml`` group nouns and
past verbs by the event they name (``killing``: "slaying", "murder", "shooting", "death",
"killed", "shot to death" ...), so "the shooting" finds the date of "the Oct. 23 slaying".

An event dated twice is kept at the finer date when one holds the other ("last fall", then
"the Oct. 23 slaying"); two dates that disagree ("the 1996 bombing", "the January 1998
bombing") leave it undated: "the weeks before the bombing" names neither for sure.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from .calendar import Point, interval_of
from .matcher import trie

_SENTENCE = r"[^.;:!?\n]"  # no sentence or clause break between the event word and the date
AFTER = 80  # characters after a date in which its event word may stand ("the Oct. 23 sniper shooting")
BEFORE = 100  # ... and before it ("the killing of Dr. Barnett Slepian on", "was shot to death on the night of")
NEAR = 12  # characters before a date read for its determiner ("the ") or a bounding word ("since ")


CONTEXT_KEYS = ("determiner", "place", "happen", "date_prep", "day_part", "when", "bound")


def _alt(words: Iterable[str]) -> str:
    """The words as one regex (matcher.trie, longest first); a space matches any whitespace."""
    return trie(sorted(set(words)), space=r"\s+")


@dataclass(frozen=True, slots=True)
class EventWords:
    """The compiled ``[eventnoun]`` / ``[eventverb]`` vocabularies (forms -> event) and the
    ``[event_context]`` words around them (see ``patterns.toml``)."""

    nouns: Mapping[str, str]
    verbs: Mapping[str, str]
    before_date: re.Pattern[str]  # "the shooting on ", "the killing of Dr. Slepian on ", "was shot to death last "
    after_date: re.Pattern[str]  # " slaying", "'s sniper shooting", " when he was gunned down"
    determiner: re.Pattern[str]  # "the " right before a date that comes before its noun
    bound: re.Pattern[str]  # "since " right before the date: a bound of something else ("arrested since 1990")
    key_words: re.Pattern[str]  # the longest word of every event noun and verb: most dates have none near them

    @classmethod
    def from_tables(cls, nouns: Mapping[str, str], verbs: Mapping[str, str],
                    context: Mapping[str, list[str]]) -> EventWords:
        """Compile the event nouns and verbs (form -> event) with the ``[event_context]`` words
        (keys: ``CONTEXT_KEYS``); a missing key is a ValueError naming it."""
        missing = [k for k in CONTEXT_KEYS if not context.get(k)]
        if missing:
            raise ValueError(f"[event_context] lacks {', '.join(missing)}")
        noun, verb = _alt(nouns), _alt(verbs)
        det, place, happen = _alt(context["determiner"]), _alt(context["place"]), _alt(context["happen"])
        prep, pod, when = _alt(context["date_prep"]), _alt(context["day_part"]), _alt(context["when"])
        before = (
            # a noun after its determiner ("charged with murder Thursday" dates the charge), a phrase
            # naming its victim or place, a verb of taking place, then on/in/of: "the shooting on",
            # "the killing of the doctor on", "the bombings in Kenya and Tanzania last week", "the
            # vote was held on", "the storm hit"
            rf"\b(?:{det}|[\w.]+['\u2019]s)\s+(?:[\w-]+\s+){{0,2}}?(?P<noun>{noun})"
            rf"(?:\s+(?:{place})\s+[^.;:!?,\n]{{1,40}}?)?(?:\s+(?:{happen}))?"
            rf"\s+(?:(?:{prep})\s+(?:(?:{pod})\s+)?)?$"
            # a past verb of the event in the same clause: "was shot to death on the night of",
            # "was killed in his kitchen by a sniper's bullet"
            rf"|\b(?P<verb>{verb})\b[^.;:!?,\n]{{0,60}}$"
        )
        after = (
            # the date before its noun: "the Oct. 23 slaying", "last month's bombing", "the 1996
            # Olympic bombing" (at most two words between)
            rf"^(?:'s|\u2019s)?\s+(?:[\w-]+\s+){{0,2}}?(?P<noun>{noun})\b"
            # "last fall when he was gunned down"
            rf"|^{_SENTENCE}{{0,12}}?\b(?:{when})\b{_SENTENCE}{{0,40}}?\b(?P<verb>{verb})\b"
        )
        return cls(
            nouns, verbs, re.compile(before, re.I), re.compile(after, re.I),
            re.compile(rf"\b(?:{det})\s+$", re.I), re.compile(rf"\b(?:{_alt(context['bound'])})\s+$", re.I),
            re.compile(rf"\b(?:{_alt(max(f.split(), key=len) for f in (*nouns, *verbs))})\b"),
        )

    def key_positions(self, text: str) -> list[int]:
        """Where event words stand in ``text`` (sorted): one scan per text, for dated_event."""
        return [m.start() for m in self.key_words.finditer(text.lower())]  # lower() keeps offsets but for a few letters: positions are only a prefilter

    def dated_event(self, text: str, start: int, end: int, keys: list[int]) -> str | None:
        """The event the date at ``text[start:end]`` dates, if an event word stands beside it
        (``keys``: key_positions(text), to skip the dates with none near them)."""
        i = bisect_left(keys, start - BEFORE)
        if i == len(keys) or keys[i] > end + AFTER:
            return None
        tail = text[end : end + AFTER]
        possessive = tail[:1] in "'\u2019"
        m = self.after_date.match(tail)
        if m is not None and (m.group("verb") or possessive or self.determiner.search(text, max(0, start - NEAR), start)):
            return self._event(m)
        if possessive:
            return None  # "the attack on Monday's plan": the date is the plan's
        m = self.before_date.search(text, max(0, start - BEFORE), start)
        if m is not None and not self.bound.search(text, max(0, start - NEAR), start):
            return self._event(m)
        return None

    def _event(self, m: re.Match[str]) -> str | None:
        if m.group("noun"):
            return self.nouns.get(" ".join(m.group("noun").casefold().split()))
        return self.verbs.get(" ".join(m.group("verb").casefold().split()))


def record(events: dict[str, Point | None], event: str, point: Point) -> None:
    """Date ``event`` at ``point``: the finer of two dates when one holds the other; none when
    they disagree (two events of one kind)."""
    if event not in events:
        events[event] = point
        return
    old = events[event]
    if old is None or old == point:
        return
    (os, oe), (ns, ne) = interval_of(old), interval_of(point)
    if os <= ns and ne <= oe:
        events[event] = point
    elif not (ns <= os and oe <= ne):
        events[event] = None
