"""Per-article extraction: a table of tricky sentences (our own prose) and properties that hold
for any text."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitegen.events.extract import extract
from sitegen.model import Article, Paragraph

WED = date(2024, 3, 6)  # a Wednesday


def read(text: str, published: date | None = WED) -> list[tuple[str, str, str, str]]:
    paragraphs = tuple(Paragraph(p, 1) for p in text.split("\n\n"))
    article = Article(path="a.md", slug="a", title="t", body=text, body_format="text", paragraphs=paragraphs,
                      published=published)
    return [(m.type, m.status, m.date.label, m.title) for m in extract(article).mentions]


TABLE = [
    # (text, expected (type, status, date label, title) of every mention)
    ("Transport Minister Elena Varga met union leader Tomas Brandt in Rotterdam on Tuesday.",
     [("meeting", "reported", "5 Mar 2024", "Varga meets Tomas Brandt in Rotterdam")]),
    ("Varga will visit Antwerp on Friday.",
     [("visit", "scheduled", "8 Mar 2024", "Varga to visit Antwerp")]),
    ("On Friday, Varga will visit Antwerp.",  # the verb's tense decides the weekday, past the comma
     [("visit", "scheduled", "8 Mar 2024", "Varga to visit Antwerp")]),
    ("In September, parliament approved the 2024 budget.",  # the year names the budget, not the vote
     [("vote", "reported", "Sep 2023", "Parliament approves the 2024 budget")]),
    ("James McAlpine, Magna's finance chief, resigned on Monday.",  # the name before the appositive
     [("resignation", "reported", "4 Mar 2024", "McAlpine resigns")]),
    ("The union is ready to walk out again if Thursday's meeting fails.", []),  # conditions are not plans
    ("If the talks fail, workers will march on parliament next week.", []),
    ("The region was last hit by an earthquake in 2001, when more than 100 people died.",
     [("death", "reported", "2001", "More than 100 people die")]),  # "when" takes the date before it
    ("Last week, the port authority warned that the strike would cost millions.",
     [("statement", "reported", "26 Feb - 3 Mar 2024", "The port authority warns the strike would cost millions")]),
    ("Dockworkers at the port of Rotterdam walked out on Monday.",
     [("strike", "reported", "4 Mar 2024", "Dockworkers at the port of Rotterdam walk out")]),
    ("A magnitude 6.8 earthquake struck southern Peru on Sunday.",
     [("disaster", "reported", "3 Mar 2024", "Earthquake strikes southern Peru")]),
    ("Iceland and Norway held talks in Oslo on Monday. Prices held at last year's level."
     " Two days later, negotiators from Iceland and Norway agreed on a framework.",  # two days after the talks
     [("meeting", "reported", "4 Mar 2024", "Iceland and Norway hold talks in Oslo"),
      ("agreement", "reported", "6 Mar 2024", "Negotiators from Iceland and Norway agree on a framework")]),
    ("The ministers are expected to sign the accord next month.",
     [("agreement", "scheduled", "Apr 2024", "The ministers to sign the accord")]),
    ("There was no vote on the budget.",
     [("vote", "negated", "on or before 6 Mar 2024", "No vote on the budget")]),
    ("Brandt did not resign.",
     [("resignation", "negated", "on or before 6 Mar 2024", "Brandt does not resign")]),
    # modal, irrealis and conditional verbs report nothing
    ("The union would strike if talks failed, and members could vote again.", []),
    ("Officials tried to make the rebels release the hostages.", []),
    ("Asked about the talks, the minister declined to comment.", []),
    # a hedge makes a claim, not a report
    ("Rebels reportedly attacked the convoy on Monday.",
     [("attack", "claimed", "4 Mar 2024", "Rebels attack the convoy")]),
    # an attribution with nothing dated is not a statement event; the report it carries is
    ("The port reopened on Monday, the company said.", []),
    ("Brandt resigned on Monday, the union said.",
     [("resignation", "reported", "4 Mar 2024", "Brandt resigns")]),
    # a speech verb takes the date next to it, not the one in what was said
    ("Varga said on Monday that the strike would end next week.",
     [("statement", "reported", "4 Mar 2024", "Varga says the strike would end")]),
    # "..., said X": the speaker follows the verb
    ('"We have a deal," said Tomas Brandt on Tuesday.',
     [("statement", "reported", "5 Mar 2024", 'Brandt says "We have a deal"')]),
    # a capital acting for its country; a passive; a subordinate relation
    ("Earlier, Paris recalled its ambassador.",
     [("recall", "reported", "on or before 6 Mar 2024", "France recalls its ambassador")]),
    ("Brasilia and Buenos Aires signed a trade agreement on Monday.",  # capitals, accents or not, act for countries
     [("agreement", "reported", "4 Mar 2024", "Brazil and Argentina sign a trade agreement")]),
    ("Two protesters were arrested outside the embassy on Monday.",
     [("arrest", "reported", "4 Mar 2024", "Two protesters arrested outside the embassy")]),
    ("Brandt resigned on Tuesday, days after members voted to accept the offer.",
     [("resignation", "reported", "5 Mar 2024", "Brandt resigns"),
      ("vote", "reported", "20 Feb - 5 Mar 2024", "Members vote to accept the offer")]),
    # a name inside a sentence is not a trigger ("March"), nor is an adjective participle
    ("The March Party announced a newly signed deal on Monday.",
     [("statement", "reported", "4 Mar 2024", "March Party announces a newly signed deal")]),
]


@pytest.mark.parametrize(("text", "expected"), TABLE, ids=[row[0][:40] for row in TABLE])
def test_tricky_sentences(text: str, expected: list[tuple[str, str, str, str]]) -> None:
    assert read(text) == expected


def test_no_publication_date_leaves_relative_dates_open() -> None:
    ((type_, status, label, _),) = read("Varga met Brandt in Rotterdam on Tuesday.", published=None)
    assert (type_, status, label) == ("meeting", "reported", "date unknown")


WORDS = st.sampled_from((
    "Blinken met Fidan on Monday no statement will visit said \" , . Earlier Hours before his arrival protested "
    "Ankara \n\n the weekend over recalled ambassador 's and Friday days denied ; Nov. : two after later following "
    "during who which that it he she they U.S. Mr. was were had has been to would could Two Days weeks hours ( ) "
    "“ ” — 2023 last week yesterday meeting talks Varga resigned voted signed agreement").split(" "))


@settings(max_examples=300, deadline=None)
@given(st.lists(WORDS, max_size=60).map(" ".join), st.dates(date(1990, 1, 1), date(2030, 12, 31)))
def test_any_text_gives_sound_mentions(text: str, published: date) -> None:
    paragraphs = tuple(Paragraph(p, 1) for p in text.split("\n\n"))
    article = Article(path="a.md", slug="a", title="t", body=text, body_format="text", paragraphs=paragraphs,
                      published=published)
    result = extract(article)
    for m in result.mentions:
        assert result.text[m.start:m.end] == m.trigger
        assert m.sentence.start <= m.start < m.end <= m.sentence.end
        assert 0 < len(m.title) <= 80
        lo, hi = m.date.earliest, m.date.latest
        assert lo is None or hi is None or lo <= hi
        if m.status != "scheduled":
            assert hi is not None and hi <= published  # never after publication
    assert len({m.key for m in result.mentions}) == len(result.mentions)


DENIALS = [
    ("Nairobi denied that William Ruto met rebel commanders during the trip.",
     [("statement", "reported", "on or before 6 Mar 2024", "Kenya denies William Ruto met rebel commanders during the trip"),
      ("meeting", "negated", "on or before 6 Mar 2024", "Denied: Ruto meets rebel commanders during the trip")]),
    ("Officials said Tuesday that Hamas had released two hostages.",
     [("statement", "reported", "5 Mar 2024", "Officials say Hamas had released two hostages"),
      ("release", "reported", "on or before 6 Mar 2024", "Hamas releases two hostages")]),  # no day invented
    ("Antony Blinken met Hakan Fidan in Ankara on Monday and met Sergei Lavrov in Moscow on Tuesday.",
     [("meeting", "reported", "4 Mar 2024", "Blinken meets Hakan Fidan in Ankara"),
      ("meeting", "reported", "5 Mar 2024", "Blinken meets Sergei Lavrov in Moscow")]),
]


@pytest.mark.parametrize(("text", "expected"), DENIALS, ids=[row[0][:40] for row in DENIALS])
def test_denials_complements_and_coordinated_reports(text: str, expected: list[tuple[str, str, str, str]]) -> None:
    assert read(text) == expected


def test_markdown_and_html_markup_is_not_read_as_words() -> None:
    body = 'Blinken met <b>Hakan Fidan</b> in [Ankara](https://example.org/a) on **Monday**. <script>x</script>'
    article = Article(path="a.md", slug="a", title="t", body=body, body_format="markdown",
                      paragraphs=(Paragraph(body, 1),), published=date(2023, 11, 6))
    result = extract(article)
    assert len(result.text) == len(body)  # offsets still point into the article text
    (meeting,) = result.mentions
    assert (meeting.title, meeting.date.label) == ("Blinken meets Hakan Fidan in Ankara", "6 Nov 2023")
    assert "<" not in meeting.sentence.text and "](" not in meeting.sentence.text
