"""Run only the rules that can match where they run: bucket them by the first word they can
begin with, and each first word's bucket by the second word.

The first two words are found by walking each parsed pattern, so that after "the" (48
rules) only the rules that can go on with the next word ("the weekend": 6) run, and after a
number that is not followed by a unit, a month or the like ("1998 and") 6 of 19. Buckets
this small run fastest rule by rule, each rule's own regex compiled once, on first use
(one regex of all a bucket's rules, as lookaheads, cost a compile per bucket and a loop over
every rule's groups after each match).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from re import _constants as _c  # type: ignore[attr-defined]
from types import MappingProxyType
from typing import Any, Protocol

ANY = "*"  # first-word marker: the rule may begin with any word
DIGIT = "#"  # first-word marker: the rule may begin with a number
_REPEATS = tuple(op for op in (_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", None)) if op is not None)


class _RuleLike(Protocol):
    @property
    def source(self) -> str: ...
    @property
    def flags(self) -> int: ...
    @property
    def first_words(self) -> frozenset[str]: ...
    @property
    def first_pairs(self) -> frozenset[tuple[str, str]]: ...


class _Regexes:
    """Each rule's regex, compiled on first use (memoised: the value never changes, so
    ``tag`` stays a pure function) and shared by every bucket that holds the rule."""

    __slots__ = ("_rules", "_compiled")

    def __init__(self, rules: Sequence[_RuleLike]) -> None:
        self._rules = rules
        self._compiled: list[re.Pattern[str] | None] = [None] * len(rules)

    def __getitem__(self, i: int) -> re.Pattern[str]:
        regex = self._compiled[i]
        if regex is None:
            rule = self._rules[i]
            regex = self._compiled[i] = re.compile(rule.source, rule.flags)
        return regex


class Bucket:
    """The rules that may begin with a word (or two), in rule order, each with its regex."""

    __slots__ = ("members", "_regexes", "_compiled")

    def __init__(self, members: tuple[int, ...], regexes: _Regexes) -> None:
        self.members = members
        self._regexes = regexes
        self._compiled: tuple[tuple[int, re.Pattern[str]], ...] | None = None

    def compiled(self) -> tuple[tuple[int, re.Pattern[str]], ...]:
        """(rule index, regex) for each member (memoised)."""
        if self._compiled is None:
            self._compiled = tuple((i, self._regexes[i]) for i in self.members)
        return self._compiled


@dataclass(frozen=True, slots=True)
class Matcher:
    buckets: Mapping[str, Bucket]  # first word (or DIGIT, ANY) -> bucket
    starter: re.Pattern[str]  # any first word, or the first digit of a number (lower case)
    # first word -> second word (or DIGIT) -> the part of its bucket that may go on with it;
    # ANY -> the part for any other second word (None: no rule). Only words whose bucket splits.
    follow: Mapping[str, Mapping[str, Bucket | None]]


def first_words(pairs: Iterable[tuple[str, str]]) -> frozenset[str]:
    """The first words of ``first_pairs``: the words (case-folded runs of letters and digits)
    a match can begin with; ``DIGIT`` for a number, ``ANY`` when the walk cannot tell."""
    return frozenset(a for a, _ in pairs)


def first_pairs(parsed: Any) -> frozenset[tuple[str, str]]:
    """The first two words a match can begin with: (first word, second word), the second
    ``DIGIT`` for a number, the character itself where one other than a letter or digit
    comes first ("1.5"), and ``ANY`` when anything may follow (where a match may end after
    its first word, or where the walk cannot follow the pattern exactly). The words are
    separated as ``extract.starts`` reads them: by spaces, commas, apostrophes and hyphens;
    a number is one word however long ("1990s"). Complete: a match that begins with a first
    word listed here goes on with a second word listed with it (or ANY is)."""
    found, stems = _openings(parsed)
    if len({a for a, _ in found}) > _MAX_OPENINGS:
        return frozenset({(ANY, ANY)})
    loose = {a for a, _ in found if a.startswith(tuple(stems))}
    return frozenset((a, ANY if a in loose else b) for a, seconds in found for b in seconds)


def _separator(ch: str) -> bool:
    """Characters ``extract.starts`` skips between a word and the next (``_NEXT``)."""
    return ch.isspace() or ch in ",'\u2019-"


def _in_chars(av: Any) -> tuple[set[str], bool] | None:
    """The (lower-cased) characters of a parsed ``[...]`` set, " " standing for every space,
    and whether "0" stands for every digit; None when the set is too wide to list."""
    chars: set[str] = set()
    approx = False
    if av and av[0][0] is _c.NEGATE:  # [^\S\n]: only spaces
        if any(iop is _c.CATEGORY and iav is _c.CATEGORY_NOT_SPACE for iop, iav in av[1:]):
            return {" "}, False
        return None
    for iop, iav in av:
        if iop is _c.LITERAL:
            chars.add(chr(iav).lower())
        elif iop is _c.RANGE and iav[1] - iav[0] < 40:
            chars.update(chr(x).lower() for x in range(iav[0], iav[1] + 1))
        elif iop is _c.CATEGORY and iav is _c.CATEGORY_DIGIT:
            chars.add("0")
            approx = True
        elif iop is _c.CATEGORY and iav is _c.CATEGORY_SPACE:
            chars.add(" ")
        else:
            return None
    return chars, approx


def _blank(ch: str) -> bool:
    return not ch.isalnum()


def _only(items: Any, test: Callable[[str], bool]) -> bool:
    """Does a parsed (sub)pattern consume only characters that pass ``test``? (Repeating one
    that consumes no letter or digit, a run of spaces or hyphens, never changes a word.)"""
    for op, av in items:
        if op is _c.LITERAL:
            ok = test(chr(av))
        elif op is _c.IN:
            listed = _in_chars(av)
            ok = listed is not None and all(test(ch) for ch in listed[0])
        elif op is _c.SUBPATTERN:
            ok = _only(av[-1], test)
        elif op is _c.BRANCH:
            ok = all(_only(b, test) for b in av[1])
        elif op in _REPEATS:
            ok = _only(av[2], test)
        else:
            ok = op in (_c.ASSERT, _c.ASSERT_NOT, _c.AT)
        if not ok:
            return False
    return True


def _begins(items: Any, test: Callable[[str], bool]) -> bool:
    """Does every match of a parsed (sub)pattern begin with a character that passes ``test``?"""
    for op, av in items:
        if op in (_c.ASSERT, _c.ASSERT_NOT, _c.AT):
            continue
        if op is _c.LITERAL:
            return test(chr(av))
        if op is _c.IN:
            listed = _in_chars(av)
            return listed is not None and all(test(ch) for ch in listed[0])
        if op is _c.SUBPATTERN:
            return _begins(av[-1], test)
        if op is _c.BRANCH:
            return all(_begins(b, test) for b in av[1])
        return op in _REPEATS and av[0] > 0 and _begins(av[2], test)
    return False


def _exact_loop(body: Any, prefix: str, first: bool) -> bool:
    """Is walking a loop's body once as good as any number of times, for the words it
    gives? Yes if it consumes no letter or digit; if it begins with a digit where a word
    would begin (a number is DIGIT however long); within a number if it consumes only
    letters and digits (the number goes on); and if it begins with neither, within a word
    (the word ends at once: "twenty-five") or between words (where spaces are skipped)."""
    if _only(body, _blank):
        return True
    if prefix == DIGIT and _only(body, str.isalnum):
        return True
    if not prefix and _begins(body, str.isdigit):
        return True
    return (bool(prefix) or not first) and _begins(body, _blank)


Found = frozenset[Any]  # second words; or, for the first word, (first word, its second words) pairs
_MAX_OPENINGS = 20000  # more first (or second) words than this: the walk cannot tell
_ANYTHING = frozenset({ANY})


def _openings(parsed: Any) -> tuple[frozenset[tuple[str, frozenset[str]]], set[str]]:
    """The first words a match of a parsed pattern can begin with, each with the second
    words that may follow it (ANY where the match may end or the walk cannot tell), and the
    stems of the first words the walk only approximates: it unrolls a loop once, lets "0"
    stand for any digit and keeps the word so far where it cannot follow the pattern. That
    is fine for first words (the starter needs a whole word anyway) but not for what follows
    a first word that begins with such a stem. In a second word an approximation is ANY.

    Memoised by state (the word so far, which word, where in the pattern): paths meet again
    after every space, and the second words do not depend on the first."""
    stems: set[str] = set()
    memo: dict[tuple[Any, ...], Found] = {}
    Frames = tuple[tuple[int, int], ...]  # (id of a list of parsed items, index): hashable
    lists: dict[int, Any] = {}

    def frame(items: Any) -> tuple[int, int]:
        lists[id(items)] = items
        return id(items), 0

    def one(word: str, first: bool) -> Found:
        return frozenset({(word, _ANYTHING)} if first else {word})

    def approximate(prefix: str, first: bool) -> Found | None:
        """Note an approximation: the first word's stem (and go on), or ANY in the second."""
        if not first:
            return _ANYTHING
        stems.add(prefix)
        return None

    def char(ch: str, nxt: Frames, prefix: str, first: bool) -> Found:
        if ch.isalnum():
            if not prefix and ch.isdigit():  # a number: DIGIT; a first one is followed to its end
                return walk(nxt, DIGIT, first) if first else one(DIGIT, first)
            return walk(nxt, prefix if prefix == DIGIT else prefix + ch, first)
        if prefix:  # the word ends here
            return frozenset({(prefix, char(ch, nxt, "", False))}) if first else frozenset({prefix})
        if ch in "'\u2019" or (not first and _separator(ch)):
            return walk(nxt, "", first)  # "'89": the number decides
        return one(ANY, True) if first else frozenset({ch})  # "1.5": "." stands for the second word

    def walk(stack: Frames, prefix: str, first: bool) -> Found:
        keys = []
        out: Found | None = None
        while out is None:
            if not stack:
                out = one(prefix or ANY, first)
                break
            at, i = stack[-1]
            items = lists[at]
            if i >= len(items):
                stack = stack[:-1]
                continue
            key = (prefix, first, stack)
            if key in memo:
                out = memo[key]
                break
            keys.append(key)
            op, av = items[i]
            nxt = stack[:-1] + ((at, i + 1),)
            if op in (_c.ASSERT, _c.ASSERT_NOT, _c.AT):
                stack = nxt
            elif op is _c.SUBPATTERN:
                stack = nxt + (frame(av[-1].data),)
            elif op is _c.LITERAL:
                out = char(chr(av).lower(), nxt, prefix, first)
            elif op is _c.IN:
                listed = _in_chars(av)
                if listed is None:
                    out = approximate(prefix, first) or one(prefix or ANY, first)
                elif listed[1] and prefix not in ("", DIGIT) and (out := approximate(prefix, first)) is not None:
                    break
                else:
                    out = frozenset().union(*(char(ch, nxt, prefix, first) for ch in sorted(listed[0])))
            elif op is _c.BRANCH:
                out = frozenset().union(*(walk(nxt + (frame(branch.data),), prefix, first) for branch in av[1]))
            elif op in _REPEATS:
                if av[1] > 1 and not _exact_loop(av[2], prefix, first) and (out := approximate(prefix, first)) is not None:
                    break
                out = walk(nxt + (frame(av[2].data),), prefix, first)
                if av[0] == 0:
                    out |= walk(nxt, prefix, first)
            else:
                out = approximate(prefix, first) or one(prefix or ANY, first)
        if not first and len(out) > _MAX_OPENINGS:
            out = _ANYTHING
        for key in keys:
            memo[key] = out
        return out

    return walk((frame(parsed.data),), "", True), stems


def build_matcher(rules: Sequence[_RuleLike]) -> Matcher:
    firsts = [r.first_words for r in rules]
    keys = set().union(*firsts) | {ANY}
    cache: dict[tuple[int, ...], Bucket] = {}
    regexes = _Regexes(rules)

    def bucket(members: tuple[int, ...]) -> Bucket:
        if members not in cache:
            cache[members] = Bucket(members, regexes)
        return cache[members]

    buckets: dict[str, Bucket] = {}
    for key in sorted(keys):
        members = tuple(i for i, f in enumerate(firsts) if key in f or ANY in f)
        if members:
            buckets[key] = bucket(members)
    if ANY in buckets:
        raise ValueError("a rule may begin with any word: " + ", ".join(str(i) for i, f in enumerate(firsts) if ANY in f))
    after: list[dict[str, set[str]]] = [{} for _ in rules]  # rule -> first word -> second words
    for i, rule in enumerate(rules):
        for a, b in rule.first_pairs:
            after[i].setdefault(a, set()).add(b)
    follow: dict[str, Mapping[str, Bucket | None]] = {}
    for word, whole in buckets.items():
        seconds = {i: after[i].get(word, {ANY}) for i in whole.members}
        table: dict[str, Bucket | None] = {}
        for second in sorted(set().union(*seconds.values()) | {ANY}):
            members = tuple(i for i in whole.members if second in seconds[i] or ANY in seconds[i])
            table[second] = bucket(members) if members else None
        if any(part is not whole for part in table.values()):
            follow[word] = MappingProxyType(table)
    words = sorted(k for k in buckets if k not in (ANY, DIGIT))
    # matched against the lower-cased text (see extract.starts)
    starter = re.compile(r"(?<![^\W_])(?:(?:" + trie(words) + r")(?![^\W_])|['\u2019]?\d)")
    return Matcher(MappingProxyType(buckets), starter, MappingProxyType(follow))


def trie(words: Sequence[str], space: str | None = None) -> str:
    """A compact regex matching any of ``words``: a character trie, longest first at every branch."""
    root: dict[str, Any] = {}
    for w in words:
        node = root
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, Any]) -> str:
        alts = [((space if space is not None and ch == " " else re.escape(ch)) + emit(node[ch])) for ch in sorted(k for k in node if k)]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if "" in node else body

    return emit(root)
