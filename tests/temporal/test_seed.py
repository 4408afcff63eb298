"""The seed article's expressions, published Monday 2023-11-06."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from sitegen.temporal import Timex, tag

SEED = Path(__file__).resolve().parents[2] / "seeds"
PUBLISHED = date(2023, 11, 6)

SENTENCES = [  # sentence, span, type, value
    ("Blinken met his Turkish counterpart, Hakan Fidan, for almost two-and-a-half-hours, on Monday morning in Ankara.",
     "almost two-and-a-half-hours", "DURATION", "PT2H30M"),
    ("Blinken met his Turkish counterpart, Hakan Fidan, for almost two-and-a-half-hours, on Monday morning in Ankara.",
     "Monday morning", "TIME", "2023-11-06TMO"),
    ('"Turkey has played a critical role, over the last couple of years...', "the last couple of years", "DURATION", "P2Y"),
    ("Blinken's visit follows meetings with Arab leaders in Iraq, Palestine, and Jordan over the weekend.",
     "the weekend", "DATE", "2023-W44-WE"),
    ("Arab leaders have voiced their frustration over support for Israel during its month long assault on Gaza.",
     "month long", "DURATION", "P1M"),
    ("Earlier, Ankara recalled its ambassador from Tel Aviv.", "Earlier", "DATE", "PAST_REF"),
    ("Hours before Blinken's arrival, hundreds of demonstrators protested.", "Hours", "DURATION", "PTXH"),
    ('"Our priority is to establish a humanitarian ceasefire quickly," Erdogan said on Friday.', "Friday", "DATE", "2023-11-03"),
]


def _find(found: list[Timex], span: str) -> Timex:
    hits = [t for t in found if t.text == span]
    assert hits, f"{span!r} not tagged; got {[(t.text, t.value) for t in found]}"
    return hits[0]


@pytest.mark.parametrize("sentence, span, type_, value", SENTENCES, ids=[s[1] for s in SENTENCES])
def test_seed_sentence(sentence: str, span: str, type_: str, value: str) -> None:
    t = _find(tag(sentence, PUBLISHED), span)
    assert (t.type, t.value) == (type_, value)
    assert sentence[t.start : t.end] == span


def test_seed_article_whole() -> None:
    path = SEED / "blinken-meets-turkish-counterpart.md"
    if not path.exists():
        pytest.skip("seed article not present")
    text = path.read_text(encoding="utf-8").split("---\n", 2)[-1]  # the body, without front matter
    found = tag(text, PUBLISHED)
    got = {(t.text, t.value) for t in found}
    for _, span, _, value in SENTENCES:
        assert (span, value) in got
    weekend = _find(found, "the weekend")
    assert (weekend.earliest, weekend.latest) == (date(2023, 11, 4), date(2023, 11, 5))
    monday = _find(found, "Monday morning")
    assert (monday.earliest, monday.latest) == (PUBLISHED, PUBLISHED)
    assert "2023-11-06" not in {t.value for t in tag(text, None)}
