"""Several articles, published on different days, tell the same events in different words:
merging gives one entry per real event, with the right interval and honest source counts.
The corpora are in tests/corpora/ (our own prose)."""

from __future__ import annotations

from datetime import date

import pytest

from sitegen.events.model import Event

from .story_tools import CORPORA, actor_names, dates, events_of, only


def slugs(event: Event) -> list[str]:
    return [s.article for s in event.sources]


@pytest.fixture(scope="module")
def dock() -> tuple[Event, ...]:
    return events_of(CORPORA / "dock-dispute")


@pytest.fixture(scope="module")
def ferry() -> tuple[Event, ...]:
    return events_of(CORPORA / "ferry-talks")


MARCH = lambda day: date(2024, 3, day)  # noqa: E731


def test_one_protest_two_independent_reports_and_a_wire_copy(dock: tuple[Event, ...]) -> None:
    protest = only([e for e in dock if e.type == "protest"])
    assert dates(protest) == (MARCH(4), MARCH(4))  # "on Monday" from a Wednesday and from a Friday
    assert sorted(slugs(protest)) == ["gazette-2024-03-06", "ledger-2024-03-08", "wire-2024-03-08"]
    assert protest.independent == 2
    copy = next(s for s in protest.sources if s.copy_of)
    assert (copy.article, copy.copy_of) == ("wire-2024-03-08", "ledger-2024-03-08")


def test_the_talks_merge_across_wordings_and_keep_a_dispute_visible(dock: tuple[Event, ...]) -> None:
    talks = only([e for e in dock if e.type == "meeting"])
    assert {"Elena Varga", "Tomas Brandt"} <= actor_names(talks)
    # "on Tuesday" (5 Mar), "earlier this week" (4-8 Mar), "on Wednesday last week" (6 Mar)
    assert talks.disputed  # 5 Mar and 6 Mar cannot both be true: shown, not hidden
    assert dates(talks) == (MARCH(4), MARCH(8))  # the union of what the sources say
    by_article = {s.article: s.date for s in talks.sources}
    assert (by_article["gazette-2024-03-06"].earliest, by_article["courier-2024-03-12"].earliest) == (MARCH(5), MARCH(6))
    assert talks.independent == 3


def test_the_vote_is_thursday_7_march(dock: tuple[Event, ...]) -> None:
    votes = [e for e in dock if e.type == "vote" and any("Thursday" in s.text for s in e.sources)]
    vote = only(votes)
    assert dates(vote) == (MARCH(7), MARCH(7))
    assert vote.independent == 1 and len(vote.sources) == 2


def test_a_resignation_and_a_scheduled_visit(dock: tuple[Event, ...]) -> None:
    resignation = only([e for e in dock if e.type == "resignation"])
    assert dates(resignation) == (MARCH(11), MARCH(11))
    visit = only([e for e in dock if e.type == "visit"])
    assert visit.status == "scheduled" and dates(visit) == (MARCH(8), MARCH(8))


def test_the_timeline_is_in_date_order(dock: tuple[Event, ...]) -> None:
    starts = [e.date.earliest or e.date.latest for e in dock]
    assert all(d is not None for d in starts)
    assert starts == sorted(starts)  # type: ignore[type-var]


def test_signing_reported_on_two_days_is_one_event(ferry: tuple[Event, ...]) -> None:
    signing = only([e for e in ferry if e.type == "agreement" and e.on_timeline and
                    any("signed" in s.text for s in e.sources)])
    assert dates(signing) == (date(2025, 5, 31), date(2025, 5, 31))  # "on Saturday" within "over the weekend"
    assert sorted(slugs(signing)) == ["herald-2025-06-04", "tribune-2025-06-02"]
    assert "Mairi Campbell" in actor_names(signing)


def test_a_vote_that_did_not_happen_stays_apart_from_the_scheduled_one(ferry: tuple[Event, ...]) -> None:
    votes = [e for e in ferry if e.type == "vote"]
    assert sorted(e.status for e in votes) == ["negated", "scheduled"]
    negated = next(e for e in votes if e.status == "negated")
    assert not negated.on_timeline and slugs(negated) == ["herald-2025-06-04"]


def test_ids_survive_an_unrelated_new_article(tmp_path, dock: tuple[Event, ...]) -> None:  # type: ignore[no-untyped-def]
    import shutil

    copy = tmp_path / "dock"
    shutil.copytree(CORPORA / "dock-dispute", copy)
    (copy / "other.md").write_text(
        "---\ntitle: Lighthouse repainted\npublished: 2024-03-09\n---\n"
        "Volunteers repainted the Hook lighthouse on Saturday.\n", encoding="utf-8")
    again = events_of(copy)
    assert {e.id for e in dock} <= {e.id for e in again}


def test_the_same_talks_on_two_days_in_other_words_are_one_disputed_event(make_story) -> None:  # type: ignore[no-untyped-def]
    story = make_story({
        "a.md": "---\ntitle: A\npublished: 2024-03-13\n---\n"
                "Hungarian Prime Minister Viktor Orban met Slovak Prime Minister Robert Fico in Bratislava on Tuesday.\n",
        "b.md": "---\ntitle: B\npublished: 2024-03-14\n---\n"
                "Viktor Orban held talks with Robert Fico in Bratislava on Wednesday.\n",
    })
    talks = only([e for e in events_of(story) if e.type == "meeting"])
    assert talks.disputed and dates(talks) == (MARCH(12), MARCH(13))
    assert sorted(s.date.label for s in talks.sources) == ["12 Mar 2024", "13 Mar 2024"]


def test_a_town_and_its_country_are_the_same_place(make_story) -> None:  # type: ignore[no-untyped-def]
    story = make_story({
        "a.md": "---\ntitle: A\npublished: 2024-03-14\n---\n"
                "Polish Foreign Minister Radoslaw Sikorski visited Kyiv on Tuesday.\n",
        "b.md": "---\ntitle: B\npublished: 2024-03-15\n---\n"
                "Radoslaw Sikorski visited Ukraine this week, his first trip there since January.\n",
    })
    visit = only([e for e in events_of(story) if e.type == "visit"])
    assert dates(visit) == (MARCH(12), MARCH(12))
    assert len(visit.sources) == 2


def test_a_surname_alone_and_other_words_on_the_same_day_are_the_same_meeting(make_story) -> None:  # type: ignore[no-untyped-def]
    story = make_story({
        "a.md": "---\ntitle: A\npublished: 2024-05-06\n---\n"
                "Kenyan President William Ruto met Ethiopian Prime Minister Abiy Ahmed in Addis Ababa on Saturday.\n",
        "b.md": "---\ntitle: B\npublished: 2024-05-08\n---\n"
                "Mr. Ruto's weekend talks with Abiy in the Ethiopian capital lasted until late on Saturday.\n",
    })
    talks = only([e for e in events_of(story) if e.type == "meeting"])
    assert dates(talks) == (date(2024, 5, 4), date(2024, 5, 4)) and len(talks.sources) == 2
    assert talks.title == "Ruto meets Abiy Ahmed in Addis Ababa"
