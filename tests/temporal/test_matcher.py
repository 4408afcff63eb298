"""Two-word buckets: after an opening word ("the", "about" ...) only the rules that can go on
with the next word run, and they find exactly what the whole first-word bucket finds."""

from __future__ import annotations

import dataclasses
import re
from re import _parser  # type: ignore[attr-defined]
from types import MappingProxyType

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitegen.temporal.extract import candidates
from sitegen.temporal.matcher import ANY, DIGIT, first_pairs
from sitegen.temporal.rules import RuleSet, default_rules

from .test_properties import WORDS


def _pairs(pattern: str) -> set[tuple[str, str]]:
    return set(first_pairs(_parser.parse(pattern, re.IGNORECASE)))


@pytest.mark.parametrize(
    "pattern, pairs",
    [
        ("the (?:next|last) week", {("the", "next"), ("the", "last")}),
        ("(?:the )?(?:next|last)-week", {("the", "next"), ("the", "last"), ("next", "week"), ("last", "week")}),
        (r"the\s+\d+", {("the", DIGIT)}),
        (r"\d{4}s", {(DIGIT, ANY)}),
        ("the", {("the", ANY)}),  # may end after its first word
        ("the/year", {("the", "/")}),  # starts() reads words apart only at spaces, commas, apostrophes, hyphens
        (r"\d{1,2}(?:st|nd|rd|th)? of (?:may|june)", {(DIGIT, "of")}),  # a number is one word: "5th"
        (r"\d+(?:\.\d+)? years", {(DIGIT, "years"), (DIGIT, ".")}),
        (r"\d{1,3}(?:,\d{3})* days", {(DIGIT, "days"), (DIGIT, DIGIT)}),
        (r"\d(?:\d|,)+ days", {(DIGIT, ANY)}),  # "1,,5 days": a loop that may end the number or not
        # a loop that ends the word at once: the first iteration gives the second word
        (r"(?:one|two)(?:[- ](?:one|two)){0,3} days", {(a, b) for a in ("one", "two") for b in ("one", "two", "days")}),
        (r"(?:'x)+ y", {("x", ANY)}),  # "'x'x y": before the first word it does not
        ("year's end", {("year", "s")}),
        ("(?:the )+year", {("the", ANY)}),  # a loop: "the the year"
        (r"the (?:very )+day", {("the", ANY)}),
        (r"the mid\d{4}", {("the", ANY)}),  # "0" stands for any digit inside a word
        # "FY1999": a first word the walk cannot list; every first word from "fy" on keeps ANY
        (r"FY ?\d{4} results", {("fy", ANY), ("fy0", ANY)}),
        (r"the [a-z]\w* week", {("the", ANY)}),
    ],
)
def test_first_pairs(pattern: str, pairs: set[tuple[str, str]]) -> None:
    assert _pairs(pattern) == pairs


def _whole_buckets(rules: RuleSet) -> RuleSet:
    """The rules with every first word's bucket left whole, as before two-word buckets."""
    assert rules.matcher is not None
    follow = {w: MappingProxyType({ANY: b}) for w, b in rules.matcher.buckets.items()}
    return dataclasses.replace(rules, matcher=dataclasses.replace(rules.matcher, follow=MappingProxyType(follow)))


def _found(text: str, rules: RuleSet) -> list[tuple[int, int, str, dict[str, object]]]:
    return [(m.start, m.end, m.rule.name, dict(m.groups)) for m in candidates(text, rules)]


WHOLE = _whole_buckets(default_rules())
OPENERS = ["the", "a", "an", "about", "last", "this", "next", "some", "the same", "the following", "early", "mid-"]
EXAMPLES = sorted({ex.text for rule in default_rules().rules for ex in rule.examples})


def test_rule_examples_find_the_same() -> None:
    for text in EXAMPLES:
        assert _found(text, default_rules()) == _found(text, WHOLE), text


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(WORDS + OPENERS), max_size=30).map(" ".join))
def test_random_texts_find_the_same(text: str) -> None:
    assert _found(text, default_rules()) == _found(text, WHOLE)
