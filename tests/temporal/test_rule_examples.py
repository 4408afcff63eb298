"""Every rule's examples (in data/en/rules*.toml) run as a test."""

from __future__ import annotations

import pytest

from sitegen.temporal import tag
from sitegen.temporal.rules import Example, Rule, default_rules

CASES = [(rule, ex) for rule in default_rules().rules for ex in rule.examples]


def _id(case: tuple[Rule, Example]) -> str:
    rule, ex = case
    return f"{rule.name}:{ex.line}"


def test_every_rule_has_an_example() -> None:
    missing = [r.name for r in default_rules().rules if not r.examples]
    assert missing == []


@pytest.mark.parametrize("case", CASES, ids=[_id(c) for c in CASES])
def test_rule_example(case: tuple[Rule, Example]) -> None:
    rule, ex = case
    found = tag(ex.text, ex.published)
    mine = [t for t in found if t.rule == rule.name]
    where = f"{rule.path}:{ex.line}: rule {rule.name!r} on {ex.text!r}"
    if ex.expect == "":
        assert mine == [], f"{where}: expected nothing, got {mine}"
        others = [(t.text, t.rule, t.value) for t in found]
        assert [t.text for t in found] == list(ex.others), f"{where}: expected only {list(ex.others)} tagged, got {others}"
        return
    assert mine, f"{where}: no match (got {[(t.text, t.rule, t.value) for t in found]})"
    t = mine[0]
    assert t.value == ex.expect, f"{where}: value {t.value!r}, expected {ex.expect!r}"
    if ex.span is not None:
        assert t.text == ex.span, f"{where}: span {t.text!r}, expected {ex.span!r}"
    if ex.type is not None:
        assert t.type == ex.type, f"{where}: type {t.type!r}, expected {ex.type!r}"
    if ex.mod is not None:
        assert t.mod == ex.mod, f"{where}: mod {t.mod!r}, expected {ex.mod!r}"
