"""Run many rules at once: bucket them by the first word they can begin with.

Within a bucket all rules form one regex of optional lookaheads, one per rule, each capturing
that rule's match; a single ``match`` call at a word start tries every rule that can begin
with that word, in C. The first words are found by walking each parsed pattern.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from re import _constants as _c  # type: ignore[attr-defined]
from types import MappingProxyType
from typing import Any, Protocol

ANY = "*"  # first-word marker: the rule may begin with any word
DIGIT = "#"  # first-word marker: the rule may begin with a number
_GROUP = re.compile(r"\(\?P<([A-Za-z_0-9]+)>")
_REPEATS = tuple(op for op in (_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", None)) if op is not None)


class _RuleLike(Protocol):
    @property
    def source(self) -> str: ...
    @property
    def flags(self) -> int: ...
    @property
    def group_names(self) -> tuple[str, ...]: ...
    @property
    def first_words(self) -> frozenset[str]: ...


Slot = tuple[int, int, tuple[tuple[str, int], ...]]  # (rule index, match group, ((name, group), ...))


class Bucket:
    """The rules that may begin with one word, as one regex, compiled on first use (memoised:
    the value never changes, so ``tag`` stays a pure function)."""

    __slots__ = ("members", "_rules", "_flags", "_compiled")

    def __init__(self, rules: Sequence[_RuleLike], members: tuple[int, ...], flags: int) -> None:
        self.members = members
        self._rules = rules
        self._flags = flags
        self._compiled: tuple[re.Pattern[str], tuple[Slot, ...]] | None = None

    def compiled(self) -> tuple[re.Pattern[str], tuple[Slot, ...]]:
        if self._compiled is None:
            self._compiled = combine(self._rules, self.members, self._flags)
        return self._compiled


@dataclass(frozen=True, slots=True)
class Matcher:
    buckets: Mapping[str, Bucket]  # first word (or DIGIT, ANY) -> bucket
    starter: re.Pattern[str]  # any first word, or the first digit of a number (lower case)


def first_words(parsed: Any) -> frozenset[str]:
    """The words (case-folded runs of letters and digits) a match of a parsed pattern
    (``re._parser.parse``) can begin with; ``DIGIT`` for a number, ``ANY`` when the walk
    cannot tell."""
    out: set[str] = set()
    Frames = tuple[tuple[Any, int], ...]

    def char(ch: str, nxt: Frames, prefix: str) -> None:
        if ch.isalnum():
            if not prefix and ch.isdigit():
                out.add(DIGIT)
            else:
                walk(nxt, prefix + ch)
        elif prefix:
            out.add(prefix)
        elif ch in "'\u2019":
            walk(nxt, prefix)  # "'89": the number decides
        else:
            out.add(ANY)

    def walk(stack: Frames, prefix: str) -> None:
        if len(out) > 20000:
            out.add(ANY)
            return
        while stack:
            items, i = stack[-1]
            if i >= len(items):
                stack = stack[:-1]
                continue
            op, av = items[i]
            nxt = stack[:-1] + ((items, i + 1),)
            if op in (_c.ASSERT, _c.ASSERT_NOT, _c.AT):
                stack = nxt
                continue
            if op is _c.LITERAL:
                char(chr(av).lower(), nxt, prefix)
                return
            if op is _c.IN:
                chars: set[str] = set()
                for iop, iav in av:
                    if iop is _c.LITERAL:
                        chars.add(chr(iav).lower())
                    elif iop is _c.RANGE and iav[1] - iav[0] < 40:
                        chars.update(chr(x).lower() for x in range(iav[0], iav[1] + 1))
                    elif iop is _c.CATEGORY and iav is _c.CATEGORY_DIGIT:
                        chars.add("0")
                    elif iop is _c.CATEGORY and iav is _c.CATEGORY_SPACE:
                        chars.add(" ")
                    else:
                        out.add(prefix or ANY)
                        return
                for ch in sorted(chars):
                    char(ch, nxt, prefix)
                return
            if op is _c.SUBPATTERN:
                stack = nxt + ((av[-1], 0),)
                continue
            if op is _c.BRANCH:
                for branch in av[1]:
                    walk(nxt + ((branch, 0),), prefix)
                return
            if op in _REPEATS:
                if av[0] == 0:
                    walk(nxt, prefix)
                walk(nxt + ((av[2], 0),), prefix)
                return
            out.add(prefix or ANY)
            return
        out.add(prefix or ANY)

    walk(((parsed.data, 0),), "")
    return frozenset(out)


def combine(rules: Sequence[_RuleLike], members: tuple[int, ...], flags: int) -> tuple[re.Pattern[str], tuple[Slot, ...]]:
    parts = []
    for i in members:
        rule = rules[i]
        body = _GROUP.sub(f"(?P<r{i}_\\1>", rule.source)
        if not rule.flags & re.IGNORECASE:
            body = f"(?-i:{body})"
        parts.append(f"(?:(?=(?P<r{i}__>{body}))|)")
    regex = re.compile("".join(parts), flags)
    index = regex.groupindex
    slots = []
    for i in members:
        named = tuple((name, index[f"r{i}_{name}"]) for name in rules[i].group_names)
        slots.append((i, index[f"r{i}__"], named))
    return regex, tuple(slots)


def build_matcher(rules: Sequence[_RuleLike], flags: int) -> Matcher:
    firsts = [r.first_words for r in rules]
    keys = set().union(*firsts) | {ANY}
    cache: dict[tuple[int, ...], Bucket] = {}
    buckets: dict[str, Bucket] = {}
    for key in sorted(keys):
        members = tuple(i for i, f in enumerate(firsts) if key in f or ANY in f)
        if not members:
            continue
        if members not in cache:
            cache[members] = Bucket(rules, members, flags)
        buckets[key] = cache[members]
    if ANY in buckets:
        raise ValueError("a rule may begin with any word: " + ", ".join(str(i) for i, f in enumerate(firsts) if ANY in f))
    words = sorted(k for k in buckets if k not in (ANY, DIGIT))
    # matched against the lower-cased text (see extract.starts)
    starter = re.compile(r"(?<![^\W_])(?:(?:" + trie(words) + r")(?![^\W_])|['\u2019]?\d)")
    return Matcher(MappingProxyType(buckets), starter)


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
