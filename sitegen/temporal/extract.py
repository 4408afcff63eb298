"""Extraction: find candidate mentions with the rules, near trigger words only.

A cheap prefilter (one compiled regex of trigger words and digits) marks windows of text;
each rule runs only in the windows that contain one of its trigger vocabularies. Overlapping
candidates are settled longest first, then by priority, then by rule order.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .resolve import NORMALIZERS
from .rules import Rule, RuleSet

WINDOW = 70  # characters either side of a trigger
_CONTEXT = 48  # characters a rule's reject/require patterns may look at


@dataclass(frozen=True, slots=True)
class Mention:
    """An extracted, not yet resolved, time expression."""

    start: int
    end: int
    rule: Rule
    groups: Mapping[str, Any]  # normalised: vocabulary keys, numbers


def windows(text: str, rules: RuleSet) -> list[tuple[int, int, frozenset[str]]]:
    """Merged ``(start, end, trigger kinds)`` windows around trigger words, ends on whitespace."""
    out: list[tuple[int, int, set[str]]] = []
    n = len(text)
    kinds_of = rules.trigger_kinds
    for m in rules.trigger.finditer(text):
        s, e = m.span()
        word = m.group(0)
        kinds = {"digit"} if word[0].isdigit() else kinds_of.get(word.casefold(), set())
        if not kinds:
            continue
        lo = max(0, s - WINDOW)
        hi = min(n, e + WINDOW)
        if out and lo <= out[-1][1]:
            prev = out[-1]
            out[-1] = (prev[0], max(prev[1], hi), prev[2] | kinds)
        else:
            out.append((lo, hi, set(kinds)))
    result = []
    for lo, hi, kinds in out:
        while hi < n and not text[hi].isspace():
            hi += 1
        result.append((lo, hi, frozenset(kinds)))
    return result


def _normalise(rule: Rule, rules: RuleSet, groups: dict[str, str | None]) -> dict[str, Any] | None:
    out: dict[str, Any] = {}
    for name, raw in groups.items():
        if raw is None:
            continue
        vocab = rules.vocabularies.get(rule.groups.get(name, ""))
        name = name.split("__", 1)[0]
        if vocab is None:
            out[name] = raw
        elif vocab.normalize:
            try:
                value = NORMALIZERS[vocab.normalize](raw)
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
        before = text[max(0, s - _CONTEXT) : s]
        if rule.reject_before is not None and rule.reject_before.search(before):
            return False
        if rule.require_before is not None and not rule.require_before.search(before):
            return False
    if rule.reject_after is not None or rule.require_after is not None:
        after = text[e : e + _CONTEXT]
        if rule.reject_after is not None and rule.reject_after.match(after):
            return False
        if rule.require_after is not None and not rule.require_after.match(after):
            return False
    return True


def candidates(text: str, rules: RuleSet) -> list[Mention]:
    """Every rule match near a trigger, context-checked and normalised (may overlap)."""
    found: list[Mention] = []
    wins = windows(text, rules)
    for rule in rules.rules:
        anchors = rule.anchors
        finditer = rule.regex.finditer
        for lo, hi, kinds in wins:
            if anchors and anchors.isdisjoint(kinds):
                continue
            for m in finditer(text, lo, hi):
                s, e = m.span()
                if s == e or not _context_ok(rule, text, s, e):
                    continue
                groups = _normalise(rule, rules, m.groupdict())
                if groups is None:
                    continue
                found.append(Mention(s, e, rule, groups))
    return found


def select(found: list[Mention], order: Mapping[str, int]) -> list[Mention]:
    """Non-overlapping mentions, longest first, then higher priority, then earlier rule; sorted by start."""
    ranked = sorted(found, key=lambda c: (-(c.end - c.start), -c.rule.priority, order[c.rule.name], c.start))
    taken: list[Mention] = []
    spans: list[tuple[int, int]] = []
    for c in ranked:
        if any(c.start < e and s < c.end for s, e in spans):
            continue
        taken.append(c)
        spans.append((c.start, c.end))
    taken.sort(key=lambda c: c.start)
    return taken
