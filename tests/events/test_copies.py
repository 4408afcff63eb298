"""Copies are not corroboration: wire copy and lifted passages are found, original reporting is not."""

from __future__ import annotations

import itertools
import random
from datetime import date

from sitegen.events.copies import ArticleInfo, find_copies, normalised_words
from sitegen.events.model import Sentence


def article(slug: str, published: str | None, *sentences: str, url: str | None = None) -> ArticleInfo:
    """An article whose text is ``sentences`` joined by spaces, each one its own paragraph."""
    spans, text = [], ""
    for number, sentence in enumerate(sentences):
        if text:
            text += " "
        spans.append(Sentence(len(text), len(text) + len(sentence), sentence, number))
        text += sentence
    day = date.fromisoformat(published) if published else None
    return ArticleInfo(slug, day, url, text, tuple(spans))


WIRE = (
    "Dockworkers in the northern port of Varnholm walked off the job on Tuesday after talks over night-shift pay collapsed.",
    "The harbour authority said three container ships were left waiting at anchor outside the breakwater.",
    "Union organiser Pella Maruk told the crowd that the strike would last until the owners returned to the table.",
    "It was the second stoppage this year.",
)

OWN = (
    "Fishermen in Varnholm say the strike has barely touched their trade.",
    "Our reporter counted about forty pickets at the main gate by mid-morning, most of them in orange union vests.",
)


def test_wire_copy_in_two_outlets_is_found_sentence_by_sentence() -> None:
    agency = article("agency-strike", "2024-05-14", *WIRE)
    outlet = article("outlet-strike", "2024-05-14", *WIRE[:3])  # trimmed
    paper = article("paper-strike", "2024-05-15", *OWN, *WIRE)
    copies = find_copies([paper, outlet, agency])
    assert copies == {
        **{("outlet-strike", s.start): "agency-strike" for s in outlet.sentences},
        **{("paper-strike", s.start): "agency-strike" for s in paper.sentences[2:]},
    }


def test_the_short_sentence_counts_only_inside_a_republication() -> None:
    agency = article("a-agency", "2024-05-14", *WIRE)
    short = "It was the second stoppage this year."
    quoting = article("b-blog", "2024-05-15", "A quiet week on the quays, until now.", short)
    assert find_copies([agency, quoting]) == {}  # seven words alone: a formula, not a lifted passage
    republished = article("c-outlet", "2024-05-15", *WIRE)
    assert ("c-outlet", republished.sentences[3].start) in find_copies([agency, republished])


def test_light_edits_and_punctuation_do_not_hide_a_copy() -> None:
    original = article("first", "2024-05-14", WIRE[0], WIRE[1])
    edited = article(
        "second",
        "2024-05-15",
        "Dock workers in the northern port of Varnholm walked off the job on Tuesday, after talks over "
        "night-shift pay had collapsed.",
    )
    assert find_copies([original, edited]) == {("second", 0): "first"}


def test_a_lifted_passage_in_original_reporting() -> None:
    original = article("first", "2024-05-14", *WIRE)
    feature = article("second", "2024-05-16", OWN[0], WIRE[2], OWN[1])
    assert find_copies([feature, original]) == {("second", feature.sentences[1].start): "first"}


def test_independent_reports_of_one_fact_are_not_copies() -> None:
    one = article("one", "2024-05-14", "Port workers in Varnholm began a strike on Tuesday over pay for night shifts.")
    two = article(
        "two",
        "2024-05-14",
        "A walkout over night-shift wages shut the Varnholm docks on Tuesday, the union said.",
    )
    assert find_copies([one, two]) == {}


def test_the_earlier_article_is_the_original_whatever_the_input_order() -> None:
    texts = [("c", "2024-05-13"), ("a", "2024-05-14"), ("b", "2024-05-14"), ("d", None)]
    articles = [article(slug, day, *WIRE) for slug, day in texts]
    results = {tuple(find_copies(list(p)).items()) for p in itertools.permutations(articles)}
    assert len(results) == 1
    (result,) = results
    assert set(dict(result).values()) == {"c"}  # same day: slug order; undated: last
    assert {slug for slug, _ in dict(result)} == {"a", "b", "d"}


def test_a_copy_points_to_the_first_article_not_the_intermediate_one() -> None:
    chain = [article(slug, day, *WIRE) for slug, day in (("x1", "2024-05-14"), ("x2", "2024-05-15"), ("x3", "2024-05-16"))]
    assert set(find_copies(chain).values()) == {"x1"}


def test_an_article_never_copies_itself() -> None:
    repeat = article("loop", "2024-05-14", WIRE[0], "Meanwhile, elsewhere on the coast.", WIRE[0])
    assert find_copies([repeat]) == {}


def test_normalised_words_ignore_case_quotes_and_width() -> None:
    assert normalised_words("“Strike!” said ＭARUK’s union") == normalised_words('"strike" said maruk\'s UNION')


def test_many_articles_at_once() -> None:
    """500 articles, every fifth a republication of the one before: exactly those are copies.
    (Speed is measured apart: the index makes it one look-up per shingle.)"""
    rng = random.Random(4)
    words = [f"{rng.choice('bdfgklmnprstvz')}{rng.choice('aeiou')}{rng.choice('lmnrst')}{n}" for n in range(3000)]
    texts: list[tuple[str, ...]] = []
    articles = []
    for n in range(500):
        if n % 5 == 4:
            texts.append(texts[-1])
            articles.append(article(f"copy{n:04d}", "2024-06-02", *texts[-1]))
            continue
        texts.append(tuple(" ".join(rng.choices(words, k=rng.randint(9, 30))) + "." for _ in range(20)))
        articles.append(article(f"orig{n:04d}", "2024-06-01", *texts[-1]))
    copies = find_copies(articles)
    assert len(copies) == 100 * 20
    assert {slug for slug, _ in copies} == {f"copy{n:04d}" for n in range(4, 500, 5)}
    assert all(source == f"orig{int(slug[4:]) - 1:04d}" for (slug, _), source in copies.items())
