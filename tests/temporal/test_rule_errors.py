"""Broken rule files give errors naming the file, the line and the rule."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitegen.temporal import RuleError
from sitegen.temporal.resolve import RESOLVERS
from sitegen.temporal.rules import DATA, load_rules

GOOD = """
[[rule]]
name = "weekday-ok"
type = "DATE"
pattern = '{weekday}'
resolve = "weekday"
"""


def _rules(tmp_path: Path, body: str) -> Path:
    folder = tmp_path / "temporal" / "data" / "en"
    folder.mkdir(parents=True)
    path = folder / "rules.toml"
    path.write_text(body, encoding="utf-8")
    return path


def test_unknown_vocabulary_names_file_line_and_rule(tmp_path: Path) -> None:
    path = _rules(tmp_path, GOOD + """
[[rule]]
name = "weekday-bare"
type = "DATE"
pattern = '\\b{wekday}\\b'
resolve = "weekday"
""")
    with pytest.raises(RuleError) as err:
        load_rules(DATA / "patterns.toml", [path], RESOLVERS)
    msg = str(err.value)
    assert msg.startswith("temporal/data/en/rules.toml:11: rule 'weekday-bare' uses vocabulary '{wekday}' (known: ")
    assert "weekday" in msg and "month" in msg
    assert (err.value.path, err.value.line, err.value.rule) == ("temporal/data/en/rules.toml", 11, "weekday-bare")


@pytest.mark.parametrize(
    "field, message",
    [
        ("resolve = \"nope\"", "uses resolver 'nope'"),
        ("type = \"DAY\"\nvalue = \"X\"", "has type 'DAY'"),
    ],
)
def test_other_problems(tmp_path: Path, field: str, message: str) -> None:
    body = "[[rule]]\nname = \"r1\"\npattern = '{weekday}'\n" + field + ("\ntype = \"DATE\"\n" if "type" not in field else "\n")
    path = _rules(tmp_path, body)
    with pytest.raises(RuleError, match=message):
        load_rules(DATA / "patterns.toml", [path], RESOLVERS)


def test_duplicate_rule_names(tmp_path: Path) -> None:
    path = _rules(tmp_path, GOOD + GOOD)
    with pytest.raises(RuleError, match="is defined twice"):
        load_rules(DATA / "patterns.toml", [path], RESOLVERS)


def test_invalid_toml(tmp_path: Path) -> None:
    path = _rules(tmp_path, "[[rule]]\nname = \n")
    with pytest.raises(RuleError, match=r"rules.toml:2: is not valid TOML"):
        load_rules(DATA / "patterns.toml", [path], RESOLVERS)


def test_timex_to_dict_field_order() -> None:
    from datetime import date

    from sitegen.temporal import tag

    t = tag("They met on Monday.", date(2023, 11, 6))[0]
    d = t.to_dict()
    assert list(d) == ["start", "end", "text", "type", "value", "mod", "earliest", "latest", "rule"]
    assert d["earliest"] == "2023-11-06" and d["mod"] is None


def test_a_rule_that_can_begin_anywhere_is_refused(tmp_path: Path) -> None:
    path = _rules(tmp_path, "[[rule]]\nname = \"greedy\"\ntype = \"DATE\"\npattern = '\\\\w+ {weekday}'\nresolve = \"weekday\"\n")
    with pytest.raises(RuleError, match=r"rules.toml:4: rule 'greedy' can begin with any word"):
        load_rules(DATA / "patterns.toml", [path], RESOLVERS)


def test_missing_tense_cues_name_the_vocabulary_file(tmp_path: Path) -> None:
    rules = _rules(tmp_path, GOOD)
    patterns = rules.parent / "patterns.toml"
    text = (DATA / "patterns.toml").read_text(encoding="utf-8")
    patterns.write_text(text.replace('\nreport = [', '\nreported = ['), encoding="utf-8")
    with pytest.raises(RuleError) as err:
        load_rules(patterns, [rules], RESOLVERS)
    assert str(err.value).startswith("temporal/data/en/patterns.toml:")
    assert "[tense] needs non-empty lists report" in str(err.value)
    assert text.splitlines()[err.value.line - 1].startswith("[tense]")


@pytest.mark.parametrize(
    "old, new, message",
    [
        ('\nvague = [', '\nvaguely = [', "[counting] needs 'vague' as a non-empty list of words"),
        ('\n12 = ["dozen"]', '\ntwelve = ["dozen"]', "[counting.quantity] key 'twelve' is not a whole number"),
        ('\n90 = ["ninety"]', '\nninety = ["ninety"]', "[number] key 'ninety' is not a whole number"),
    ],
)
def test_broken_number_words_name_the_vocabulary_file(tmp_path: Path, old: str, new: str, message: str) -> None:
    rules = _rules(tmp_path, GOOD)
    patterns = rules.parent / "patterns.toml"
    text = (DATA / "patterns.toml").read_text(encoding="utf-8")
    assert old in text
    patterns.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(RuleError) as err:
        load_rules(patterns, [rules], RESOLVERS)
    assert str(err.value).startswith("temporal/data/en/patterns.toml:")
    assert message in str(err.value)
    assert text.splitlines()[err.value.line - 1].startswith(message.split(" ", 1)[0])  # the table's header


def test_broken_dct_cut_names_the_vocabulary_file(tmp_path: Path) -> None:
    rules = _rules(tmp_path, GOOD)
    patterns = rules.parent / "patterns.toml"
    text = (DATA / "patterns.toml").read_text(encoding="utf-8")
    patterns.write_text(text.replace('\nuntil = ["earlier"]', '\nbefore = ["earlier"]', 1), encoding="utf-8")
    with pytest.raises(RuleError) as err:
        load_rules(patterns, [rules], RESOLVERS)
    assert str(err.value).startswith("temporal/data/en/patterns.toml:")
    assert "[dct_cut] has key 'before' (expected one of until, from)" in str(err.value)
    assert patterns.read_text(encoding="utf-8").splitlines()[err.value.line - 1].startswith("before = ")


def test_context_regex_uses_only_known_silent_vocabularies(tmp_path: Path) -> None:
    """`{~sportword}` in a reject/require regex stands for the vocabulary; an unknown or a
    named reference is an error naming the key."""
    ok = _rules(tmp_path, GOOD.replace("resolve = \"weekday\"", "resolve = \"weekday\"\nreject_after = '\\s+{~sportword}\\b'"))
    rule = load_rules(DATA / "patterns.toml", [ok], RESOLVERS).rules[0]
    assert rule.reject_after is not None and rule.reject_after.match(" playoffs")
    ok.write_text(GOOD.replace("resolve = \"weekday\"", "resolve = \"weekday\"\nreject_after = '\\s+{~sprtword}\\b'"), encoding="utf-8")
    with pytest.raises(RuleError) as err:
        load_rules(DATA / "patterns.toml", [ok], RESOLVERS)
    assert "reject_after" in str(err.value) and "sprtword" in str(err.value)


def test_broken_event_context_names_the_vocabulary_file(tmp_path: Path) -> None:
    """The words around event nouns (anchors.py) are data: a missing list is an error at its table."""
    rules = _rules(tmp_path, GOOD)
    patterns = rules.parent / "patterns.toml"
    text = (DATA / "patterns.toml").read_text(encoding="utf-8")
    patterns.write_text(text.replace('\nwhen = ["when"]', '\nwhenever = ["when"]', 1), encoding="utf-8")
    with pytest.raises(RuleError) as err:
        load_rules(patterns, [rules], RESOLVERS)
    assert str(err.value).startswith("temporal/data/en/patterns.toml:")
    assert "[event_context] lacks when" in str(err.value)
    assert patterns.read_text(encoding="utf-8").splitlines()[err.value.line - 1].startswith("[event_context]")
