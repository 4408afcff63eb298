"""Sentence splitting: a table of tricky news sentences, the seed, paragraphs, properties."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from sitegen.events.model import Sentence
from sitegen.events.sentences import DATA, default_abbreviations, load_abbreviations, split_sentences

SEED = Path(__file__).parents[2] / "seeds" / "blinken-meets-turkish-counterpart.md"

CASES = [  # text, expected sentences, why
    ("Mr. Okafor arrived late. Mrs. Lindqvist did not.", ["Mr. Okafor arrived late.", "Mrs. Lindqvist did not."], "titles never end"),
    ("Dr. Amari met Gen. Castell and Sen. Ruiz.", ["Dr. Amari met Gen. Castell and Sen. Ruiz."], "titles mid-sentence"),
    ("Rep. Hollis and Gov. Brandt spoke at St. Anne's.", ["Rep. Hollis and Gov. Brandt spoke at St. Anne's."], "St. before a name"),
    ("U.S. officials flew in. U.N. monitors stayed.", ["U.S. officials flew in.", "U.N. monitors stayed."], "initialism opens a sentence"),
    ("Aid came from the U.S. State Department.", ["Aid came from the U.S. State Department."], "U.S. before a proper name"),
    ("The ship sailed for the U.S. It never arrived.", ["The ship sailed for the U.S.", "It never arrived."], "U.S. ends before a starter"),
    ("The vote is on Nov. 14 in the capital.", ["The vote is on Nov. 14 in the capital."], "month before a day"),
    ("Talks ended in Jan. The deal collapsed.", ["Talks ended in Jan.", "The deal collapsed."], "month ends before a starter"),
    ("Markets open at 9 a.m. Monday in Tokyo.", ["Markets open at 9 a.m. Monday in Tokyo."], "a.m. before a weekday"),
    ("Polls closed at 8 p.m. Counting began at once.", ["Polls closed at 8 p.m. Counting began at once."], "p.m. before a non-starter: a known miss, kept whole"),
    ("Polls closed at 8 p.m. Then counting began.", ["Polls closed at 8 p.m.", "Then counting began."], "p.m. ends before a starter"),
    ("Acme Inc. and Borel Corp. merged with Tallis Ltd. on Friday.", ["Acme Inc. and Borel Corp. merged with Tallis Ltd. on Friday."], "corporate suffixes"),
    ("Shares of Acme Inc. fell. The board met.", ["Shares of Acme Inc. fell.", "The board met."], "ordinary end after the suffix"),
    ("He lives at No. 10 with his dog.", ["He lives at No. 10 with his dog."], "No. before a number"),
    ("It was Arsenal vs. Chelsea at home.", ["It was Arsenal vs. Chelsea at home."], "vs. never ends"),
    ("They packed tents, stoves, etc. and left.", ["They packed tents, stoves, etc. and left."], "etc. before lower case"),
    ("They packed tents, stoves, etc. The rain came.", ["They packed tents, stoves, etc.", "The rain came."], "etc. before a starter"),
    ("J. R. R. Tolkien wrote it. He was a professor.", ["J. R. R. Tolkien wrote it.", "He was a professor."], "initials"),
    ("George W. Bush visited. Crowds waited.", ["George W. Bush visited.", "Crowds waited."], "middle initial"),
    ("Growth was 3.5 percent, or $1.2 billion. Analysts shrugged.", ["Growth was 3.5 percent, or $1.2 billion.", "Analysts shrugged."], "decimals"),
    ('"We stand ready for peace," he said. Nobody answered.', ['"We stand ready for peace," he said.', "Nobody answered."], "comma inside the quote"),
    ('"We will win." The crowd cheered.', ['"We will win."', "The crowd cheered."], "period inside the closing quote"),
    ("“We will win.” The crowd cheered.", ["“We will win.”", "The crowd cheered."], "curly quotes"),
    ('"Is it over?" she asked. It was.', ['"Is it over?" she asked.', "It was."], "question inside a quote, lower case after"),
    ("Why now? Nobody knows! Still, the talks go on.", ["Why now?", "Nobody knows!", "Still, the talks go on."], "? and ! end"),
    ("He paused... and then went on.", ["He paused... and then went on."], "ellipsis before lower case"),
    ("He paused… and then went on.", ["He paused… and then went on."], "one-character ellipsis"),
    ("It ended there... The next day was calm.", ["It ended there...", "The next day was calm."], "ellipsis before a capital"),
    ('She said "...and what comes after" was unclear.', ['She said "...and what comes after" was unclear.'], "ellipsis opening a quotation"),
    ("Aid to people in need...and what we can do.", ["Aid to people in need...and what we can do."], "ellipsis glued to the next word"),
    ("(The figures were revised.) Nobody noticed.", ["(The figures were revised.)", "Nobody noticed."], "closing bracket"),
    ("Fighting resumed at dawn", ["Fighting resumed at dawn"], "headline without a period"),
    ("The answer was no. The plan failed.", ["The answer was no.", "The plan failed."], "case-sensitive: the word no is no abbreviation"),
    ("He was born in 1990. 2001 changed everything.", ["He was born in 1990.", "2001 changed everything."], "a digit starts a sentence"),
    ("Troops left Kyiv.\nThey went east.", ["Troops left Kyiv.", "They went east."], "a single line break is whitespace"),
    ("  Padded sentence.   ", ["Padded sentence."], "stripped"),
]
assert len({c[0] for c in CASES}) == len(CASES)


def _texts(text: str) -> list[str]:
    return [s.text for s in split_sentences(text)]


@pytest.mark.parametrize("text, expected, why", CASES, ids=[c[2] for c in CASES])
def test_tricky(text: str, expected: list[str], why: str) -> None:
    assert _texts(text) == expected


def test_paragraphs_number_and_bound_sentences() -> None:
    text = "Ceasefire talks stall\n\nTalks stalled on Sunday. Envoys left\n\nThey may return."
    assert [(s.text, s.paragraph) for s in split_sentences(text)] == [
        ("Ceasefire talks stall", 0),
        ("Talks stalled on Sunday.", 1),
        ("Envoys left", 1),
        ("They may return.", 2),
    ]


def test_empty_paragraphs_keep_their_number() -> None:
    text = "One.\n\n\n\nThree."  # "\n\n\n\n" is two breaks, as text.split("\n\n") counts
    assert [(s.text, s.paragraph) for s in split_sentences(text)] == [("One.", 0), ("Three.", 2)]
    assert len("One.\n\n\n\nThree.".split("\n\n")) == 3


def test_an_unfinished_sentence_never_crosses_a_break() -> None:
    text = "He met Mr.\n\nSmith later"
    assert [(s.text, s.paragraph) for s in split_sentences(text)] == [("He met Mr.", 0), ("Smith later", 1)]


def test_offsets_point_into_the_text() -> None:
    text = 'Intro line\n\n"Yes." Then U.S. troops moved. Done!'
    for s in split_sentences(text):
        assert text[s.start : s.end] == s.text


def _seed_body() -> str:
    body = SEED.read_text(encoding="utf-8").split("---\n", 2)[2].strip()
    return "\n\n".join(p.strip() for p in body.split("\n\n"))


def test_seed() -> None:
    sentences = split_sentences(_seed_body())
    texts = [s.text for s in sentences]
    assert len(texts) == 23
    assert texts[6].startswith('"We discussed the crises in Gaza') and texts[6].endswith('Palestinians," he said.')
    assert texts[7].endswith('trade and investment," Blinken added.'), "'years...We' inside a quotation stays"
    assert texts[16] == "During Blinken's visit, Turkey's frustration with Washington was evident."
    assert [s.paragraph for s in sentences][-3:] == [14, 15, 16]


def test_data_file_is_well_formed() -> None:
    abbr = load_abbreviations(DATA)
    assert abbr.never_end and abbr.may_end and "He" in abbr.starters
    assert not abbr.never_end & abbr.may_end, "a form is in both lists"
    assert all(form.endswith(".") for form in abbr.never_end | abbr.may_end)
    assert {"Mr.", "U.S.", "Nov.", "a.m.", "Inc.", "etc.", "No."} <= abbr.never_end | abbr.may_end
    assert default_abbreviations() is default_abbreviations(), "loaded once"


WORDS = ["Mr.", "U.S.", "He", "the", "said", ".", "...", "…", "?", "!", '"', "“", "”", "'", "\n", "\n\n", " ", "3.5", "J.", "a.m.", "etc.", "(", ")"]
texts = st.one_of(
    st.text(max_size=300),
    st.lists(st.sampled_from(WORDS), max_size=60).map(" ".join),
    st.lists(st.one_of(st.sampled_from(WORDS), st.text(max_size=4)), max_size=40).map("".join),
)


@given(texts)
@example("." * 5000)
@example(". " * 2000)
@example("\n\n" * 1000)
@example("Mr." * 2000)
def test_spans_are_valid(text: str) -> None:
    sentences = split_sentences(text)
    end, paragraph = 0, 0
    for s in sentences:
        assert isinstance(s, Sentence)
        assert end <= s.start < s.end <= len(text), "out of order or overlapping"
        assert text[s.start : s.end] == s.text == s.text.strip()
        assert s.paragraph >= paragraph
        assert "\n\n" not in s.text
        end, paragraph = s.end, s.paragraph
    assert "".join(text.split()) == "".join("".join(s.text for s in sentences).split()), "nothing lost"
