"""docs/dates.md cannot drift: its example session runs, and every rule it names exists."""

from __future__ import annotations

import doctest
import re
from pathlib import Path

from sitegen.temporal.rules import default_rules

DOC = Path(__file__).resolve().parents[2] / "docs" / "dates.md"


def test_example_session_runs() -> None:
    text = DOC.read_text(encoding="utf-8")
    block = re.search(r"```python\n(.*?)```", text, re.S)
    assert block is not None
    parser = doctest.DocTestParser()
    test = parser.get_doctest(block.group(1), {}, "dates.md", str(DOC), 0)
    runner = doctest.DocTestRunner(optionflags=doctest.NORMALIZE_WHITESPACE)
    runner.run(test)
    assert runner.failures == 0


def test_rule_names_in_doc_exist() -> None:
    text = DOC.read_text(encoding="utf-8")
    names = set(default_rules().by_name)
    for name in re.findall(r"rule = \"([a-z-]+)\"|^name = \"([a-z-]+)\"", text, re.M):
        n = name[0] or name[1]
        assert n in names, n
