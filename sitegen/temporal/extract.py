"""Extraction: find candidate mentions with the rules, near trigger words only.

A cheap prefilter (one compiled regex of trigger words and digits) finds the places where a
time expression may be; the rules run only at those places and at the words just before
them, and only those that can begin with the words there (see ``matcher.py``). Overlapping
candidates are settled longest first, then by priority, then by rule order.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .matcher import ANY, DIGIT, Bucket
from .resolve import NORMALIZERS, NumberWords
from .rules import Rule, RuleSet

LOOKBACK = 32  # a match may begin this many characters before its trigger word
CONTEXT = 48  # characters a rule's reject/require patterns may look at
# The next word, or the character that stands for it ("1.5"), as matcher.first_pairs reads patterns;
# after a number, from its end ("1990s")
_NEXT = re.compile(r"[\s,'\u2019-]*([^\W_]+|[^\s,'\u2019-])")
_AFTER_NUMBER = re.compile(r"[^\W_]*+[\s,'\u2019-]*([^\W_]+|[^\s,'\u2019-])")
_BLANK_LINE = re.compile(r"\n[^\S\n]*\n")  # a paragraph break: no time expression spans one


@dataclass(frozen=True, slots=True)
class Mention:
    """An extracted, not yet resolved, time expression."""

    start: int
    end: int
    rule: Rule
    groups: Mapping[str, Any]  # normalised: vocabulary keys, numbers


def starts(text: str, rules: RuleSet) -> list[tuple[int, Bucket]]:
    """Where a match may begin, with the rules that may begin there: the words that can open
    a time expression, from ``LOOKBACK`` characters before each trigger word (a digit, a
    month, "year" ...) up to it."""
    matcher = rules.matcher
    assert matcher is not None
    lower = text.lower()
    if len(lower) != len(text):  # a few characters change length when lower-cased: keep offsets exact
        lower = "".join(ch if len(ch.lower()) != 1 else ch.lower() for ch in text)
    spans: list[list[int]] = []
    for m in rules.trigger.finditer(lower):
        s, e = m.span()
        lo = s - LOOKBACK if s > LOOKBACK else 0
        if spans and lo <= spans[-1][1]:
            spans[-1][1] = e
        else:
            spans.append([lo, e])
    out: list[tuple[int, Bucket]] = []
    buckets = matcher.buckets
    follow = matcher.follow
    digit = buckets.get(DIGIT)
    finditer = matcher.starter.finditer
    triggers = rules.trigger_kinds
    lexicon = rules.lexicon
    after = _NEXT.match
    after_number = _AFTER_NUMBER.match
    for lo, hi in spans:
        for w in finditer(lower, lo, hi):
            word = w.group(0)
            if not word[0].isalpha():
                if digit is None:
                    continue
                word, nxt = DIGIT, after_number(lower, w.end())
            elif word not in triggers:  # "the", "last", "about" ...: only if the next word may go on
                nxt = after(lower, w.end())
                if nxt is None or not (nxt.group(1)[0].isdigit() or nxt.group(1) in lexicon):
                    continue
            elif word in follow:
                nxt = after(lower, w.end())
            else:
                out.append((w.start(), buckets[word]))
                continue
            bucket = _going_on(buckets[word], follow.get(word), nxt)
            if bucket is not None:
                out.append((w.start(), bucket))
    return out


def _going_on(whole: Bucket, table: Mapping[str, Bucket | None] | None, nxt: re.Match[str] | None) -> Bucket | None:
    """The part of a first word's bucket that may go on with the next word (None: no rule)."""
    if table is None:
        return whole
    if nxt is None:
        return table[ANY]
    second = nxt.group(1)
    if second[0].isdigit():
        return table.get(DIGIT, table[ANY])
    if not second.isascii():  # ignoring case, re matches "ſ" for a rule's "s"
        return whole
    return table.get(second, table[ANY])


def _normalise(rule: Rule, numbers: NumberWords | None, m: re.Match[str]) -> dict[str, Any] | None:
    """A match's groups as its mention keeps them (vocabulary keys, numbers); None when one
    is not a form of its vocabulary."""
    out: dict[str, Any] = {}
    for group, name, vocab in rule.fields:
        raw = m.group(group)
        if raw is None:
            continue
        if vocab is None:
            out[name] = raw
        elif vocab.normalize:
            assert numbers is not None  # load_rules always reads them
            try:
                value = NORMALIZERS[vocab.normalize](raw, numbers)
            except (ValueError, AttributeError, KeyError):
                return None
            out[name] = value
        else:
            key = vocab.forms.get(" ".join(raw.casefold().split()))
            if key is None:
                return None
            out[name] = key
    return out


def _context_ok(rule: Rule, text: str, s: int, e: int) -> bool:
    if rule.reject_before is not None or rule.require_before is not None:
        before = text[max(0, s - CONTEXT) : s]
        if rule.reject_before is not None and rule.reject_before.search(before):
            return False
        if rule.require_before is not None and not rule.require_before.search(before):
            return False
    if rule.reject_after is not None or rule.require_after is not None:
        after = text[e : e + CONTEXT]
        if rule.reject_after is not None and rule.reject_after.match(after):
            return False
        if rule.require_after is not None and not rule.require_after.match(after):
            return False
    return True


def candidates(text: str, rules: RuleSet) -> list[Mention]:
    """Every rule match that begins at a possible start, context-checked and normalised (may overlap)."""
    all_rules = rules.rules
    found: list[Mention] = []
    for pos, bucket in starts(text, rules):
        for ri, regex in bucket.compiled():
            m = regex.match(text, pos)
            if m is None:
                continue
            s, e = m.span()
            if s == e:
                continue
            if "\n" in text[s:e] and _BLANK_LINE.search(text, s, e):
                continue  # a pattern's own [\s-]* ran across a paragraph break
            rule = all_rules[ri]
            if not _context_ok(rule, text, s, e):
                continue
            groups = _normalise(rule, rules.numbers, m)
            if groups is None:
                continue
            found.append(Mention(s, e, rule, groups))
    return found


def select(found: list[Mention], order: Mapping[str, int]) -> list[Mention]:
    """Non-overlapping mentions, longest first, then higher priority, then earlier rule; sorted by start."""
    ranked = sorted(found, key=lambda c: (-(c.end - c.start), -c.rule.priority, order[c.rule.name], c.start))
    taken: list[Mention] = []
    used: set[int] = set()  # characters already covered (only those of candidates)
    for c in ranked:
        span = range(c.start, c.end)
        if not used.isdisjoint(span):
            continue
        taken.append(c)
        used.update(span)
    taken.sort(key=lambda c: c.start)
    return taken
