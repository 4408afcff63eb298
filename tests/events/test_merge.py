"""Merging mentions across articles: one entry per real event, honest dates, copies apart, stable ids."""

from __future__ import annotations

import itertools
from datetime import date

from sitegen.events.copies import ArticleInfo
from sitegen.events.merge import merge
from sitegen.events.model import DateRange, Entity, EventMention, Sentence, Status

from .test_copies import article

BLINKEN = Entity("Antony Blinken", "person", "US secretary of state")
FIDAN = Entity("Hakan Fidan", "person", "Turkish foreign minister")
LAVROV = Entity("Sergei Lavrov", "person")
ERDOGAN = Entity("Recep Tayyip Erdogan", "person")
TURKEY = Entity("Turkey", "country")
ISRAEL = Entity("Israel", "country")
ANKARA = Entity("Ankara", "place", country="Turkey")


def days(earliest: str | None, latest: str | None = "") -> DateRange:
    """``days("2023-11-06")`` is that day; ``days(a, b)`` the range; ``None`` an open end."""
    lo = date.fromisoformat(earliest) if earliest else None
    hi = lo if latest == "" else (date.fromisoformat(latest) if latest else None)
    return DateRange(lo, hi)


def mention(
    item: ArticleInfo,
    number: int,
    title: str,
    when: DateRange,
    actors: tuple[Entity, ...] = (BLINKEN, FIDAN),
    places: tuple[Entity, ...] = (ANKARA,),
    type: str = "meeting",
    status: Status = "reported",
) -> EventMention:
    """The mention of ``item``'s sentence ``number``; its key is ``<slug>#<number>``."""
    sentence: Sentence = item.sentences[number]
    return EventMention(
        key=f"{item.slug}#{number}", article=item.slug, sentence=sentence, start=sentence.start,
        end=sentence.end, trigger=type, type=type, status=status, title=title, actors=actors,
        places=places, date=when, anchor="test",
    )


# Three outlets, three days, three ways of dating one meeting.
PREVIEW = article("courier-preview", "2023-11-03",
                  "Blinken will meet Turkish Foreign Minister Hakan Fidan in Ankara early next week, officials said.")
REPORT = article("ledger-talks", "2023-11-06",
                 "Blinken met Hakan Fidan in Ankara on Monday for talks on the war in Gaza.")
LOOKBACK = article("weekly-review", "2023-11-08",
                   "Fidan had hosted Blinken in Ankara for talks earlier this week, days after the recall.")
THREE = [
    mention(PREVIEW, 0, "Blinken to meet Hakan Fidan in Ankara", days("2023-11-06", "2023-11-08"), status="scheduled"),
    mention(REPORT, 0, "Blinken meets Hakan Fidan in Ankara", days("2023-11-06")),
    mention(LOOKBACK, 0, "Hakan Fidan hosts Blinken in Ankara", days("2023-11-06", "2023-11-08")),
]


def test_three_articles_one_entry_with_the_tightest_interval() -> None:
    (event,) = merge(THREE, [PREVIEW, REPORT, LOOKBACK])
    assert event.date == days("2023-11-06") and not event.disputed
    assert event.status == "reported"
    assert event.title == "Blinken meets Hakan Fidan in Ankara"  # earliest *reported* independent mention
    assert event.id == "courier-preview#0"
    assert event.aliases == ("ledger-talks#0", "weekly-review#0")
    assert [s.article for s in event.sources] == ["courier-preview", "ledger-talks", "weekly-review"]
    assert [s.date for s in event.sources] == [m.date for m in THREE]
    assert event.independent == 2  # the preview announced it; two articles report that it happened
    assert [s.status for s in event.sources] == ["scheduled", "reported", "reported"]
    assert [a.name for a in event.actors] == ["Antony Blinken", "Hakan Fidan"]
    assert event.places == (ANKARA,)


def test_dates_that_do_not_overlap_make_a_disputed_entry() -> None:
    sunday = article("a-sunday", "2023-11-06", "Blinken met Hakan Fidan in Ankara on Sunday for talks on Gaza.")
    monday = article("b-monday", "2023-11-07", "Blinken met Hakan Fidan in Ankara on Monday for talks on Gaza.")
    mentions = [
        mention(sunday, 0, "Blinken meets Hakan Fidan in Ankara", days("2023-11-05")),
        mention(monday, 0, "Blinken meets Hakan Fidan in Ankara", days("2023-11-06")),
    ]
    (event,) = merge(mentions, [sunday, monday])
    assert event.disputed
    assert event.date == days("2023-11-05", "2023-11-06")
    assert [s.date for s in event.sources] == [days("2023-11-05"), days("2023-11-06")]


def test_the_same_meeting_weeks_apart_is_two_meetings() -> None:
    first = article("a-first", "2023-10-13", "Blinken met Hakan Fidan in Ankara on Friday for talks on Gaza.")
    second = article("b-second", "2023-11-06", "Blinken met Hakan Fidan in Ankara on Monday for talks on Gaza.")
    mentions = [
        mention(first, 0, "Blinken meets Hakan Fidan in Ankara", days("2023-10-13")),
        mention(second, 0, "Blinken meets Hakan Fidan in Ankara", days("2023-11-06")),
    ]
    assert len(merge(mentions, [first, second])) == 2


WIRE = ("Turkey recalled its ambassador to Israel for consultations on Saturday, "
        "the foreign ministry in Ankara said in a statement.")


def test_wire_copy_in_two_outlets_is_one_independent_report_and_one_copy() -> None:
    agency = article("agency-recall", "2023-11-04", WIRE, url="https://agency.example/recall")
    outlet = article("outlet-recall", "2023-11-05", "From our correspondent in Istanbul.", WIRE)
    recall = dict(actors=(TURKEY, ISRAEL), places=(ANKARA,), type="recall")
    mentions = [
        mention(agency, 0, "Turkey recalls its ambassador to Israel", days("2023-11-04"), **recall),  # type: ignore[arg-type]
        mention(outlet, 1, "Turkey recalls its ambassador to Israel", days("2023-11-04"), **recall),  # type: ignore[arg-type]
    ]
    (event,) = merge(mentions, [outlet, agency])
    assert [(s.article, s.copy_of) for s in event.sources] == [("agency-recall", None), ("outlet-recall", "agency-recall")]
    assert event.independent == 1
    assert event.sources[0].url == "https://agency.example/recall"


def test_a_copy_re_dated_against_a_later_day_does_not_dispute_the_original() -> None:
    text = "Blinken met Hakan Fidan in Ankara yesterday for talks on the war in Gaza, officials said."
    agency = article("agency", "2023-11-07", text)
    late = article("reprint", "2023-11-09", text)
    mentions = [
        mention(agency, 0, "Blinken meets Hakan Fidan in Ankara", days("2023-11-06")),
        mention(late, 0, "Blinken meets Hakan Fidan in Ankara", days("2023-11-08")),  # "yesterday" read again
    ]
    (event,) = merge(mentions, [agency, late])
    assert event.date == days("2023-11-06") and not event.disputed
    assert event.independent == 1


def test_different_meetings_with_one_shared_actor_stay_apart() -> None:
    turkey = article("a-turkey", "2023-11-06", "Blinken met Hakan Fidan for talks on Monday.")
    russia = article("b-russia", "2023-11-06", "Blinken met Sergei Lavrov for talks on Monday.")
    mentions = [
        mention(turkey, 0, "Blinken meets Hakan Fidan", days("2023-11-06"), places=()),
        mention(russia, 0, "Blinken meets Sergei Lavrov", days("2023-11-06"), actors=(BLINKEN, LAVROV), places=()),
    ]
    events = merge(mentions, [turkey, russia])
    assert [e.title for e in events] == ["Blinken meets Hakan Fidan", "Blinken meets Sergei Lavrov"]


def test_an_article_naming_fewer_people_does_not_chain_two_meetings() -> None:
    turkey = article("a-turkey", "2023-11-06", "Blinken met Hakan Fidan for talks on Monday.")
    russia = article("b-russia", "2023-11-06", "Blinken met Sergei Lavrov for talks on Monday.")
    vague = article("c-vague", "2023-11-07", "Blinken met his counterpart for talks on Monday.")
    mentions = [
        mention(turkey, 0, "Blinken meets Hakan Fidan", days("2023-11-06"), places=()),
        mention(russia, 0, "Blinken meets Sergei Lavrov", days("2023-11-06"), actors=(BLINKEN, LAVROV), places=()),
        mention(vague, 0, "Blinken meets his counterpart", days("2023-11-06"), actors=(BLINKEN,), places=()),
    ]
    events = merge(mentions, [turkey, russia, vague])
    assert sorted(len(e.sources) for e in events) == [1, 2]


def test_negated_never_merges_into_reported() -> None:
    said = article("a-said", "2023-11-06", "Blinken and Fidan issued a joint statement on Gaza after their talks in Ankara.")
    denied = article("b-denied", "2023-11-06", "There was no joint statement from Blinken and Fidan after their talks in Ankara.")
    again = article("c-denied", "2023-11-07", "Blinken and Fidan did not issue a joint statement after their talks in Ankara.")
    common = dict(type="statement")
    mentions = [
        mention(said, 0, "Blinken and Hakan Fidan issue a joint statement", days("2023-11-06"), **common),  # type: ignore[arg-type]
        mention(denied, 0, "No joint statement from Blinken and Hakan Fidan", days("2023-11-06"), status="negated", **common),  # type: ignore[arg-type]
        mention(again, 0, "No joint statement from Blinken and Hakan Fidan", days("2023-11-06"), status="negated", **common),  # type: ignore[arg-type]
    ]
    events = merge(mentions, [said, denied, again])
    assert sorted((e.status, len(e.sources)) for e in events) == [("negated", 2), ("reported", 1)]


def test_a_restatement_in_one_article_is_one_report() -> None:
    item = article(
        "ledger", "2023-11-06",
        "Blinken met Hakan Fidan in Ankara on Monday.",
        "Hours later, Erdogan met the prime minister of Qatar in Ankara.",
        "The meeting between Blinken and Hakan Fidan in Ankara lasted two hours.",
    )
    mentions = [
        mention(item, 0, "Blinken meets Hakan Fidan in Ankara", days("2023-11-06")),
        mention(item, 1, "Erdogan meets the prime minister of Qatar", days("2023-11-06"), actors=(ERDOGAN,)),
        mention(item, 2, "Blinken meets Hakan Fidan in Ankara", days("2023-11-06")),
    ]
    events = merge(mentions, [item])
    assert [len(e.sources) for e in events] == [2, 1]
    restated = events[0]
    assert restated.independent == 1 and restated.sources[1].copy_of is None  # one article, one report


def test_output_does_not_depend_on_input_order() -> None:
    extra = article("zeta", "2023-11-05", "Protesters gathered outside the Incirlik airbase on Sunday.")
    mentions = [
        *THREE,
        mention(extra, 0, "Protest at Incirlik airbase", days("2023-11-05"), actors=(), places=(TURKEY,), type="protest"),
    ]
    articles = [PREVIEW, REPORT, LOOKBACK, extra]
    results = {
        merge(list(ms), list(arts))
        for ms in itertools.permutations(mentions)
        for arts in itertools.permutations(articles)
    }
    assert len(results) == 1


def test_chronological_order_open_starts_sort_by_their_end() -> None:
    item = article(
        "story", "2023-11-06",
        "Turkey recalled its ambassador to Israel.",
        "Blinken met Hakan Fidan in Ankara on Monday.",
        "Protesters marched in Ankara over the weekend.",
        "Erdogan spoke to reporters in Ankara late in October.",
    )
    mentions = [
        mention(item, 0, "Turkey recalls its ambassador", days(None, "2023-11-06"), actors=(TURKEY, ISRAEL), type="recall"),
        mention(item, 1, "Blinken meets Hakan Fidan in Ankara", days("2023-11-06")),
        mention(item, 2, "Protest in Ankara", days("2023-11-04", "2023-11-05"), actors=(), type="protest"),
        mention(item, 3, "Erdogan speaks to reporters", days("2023-10-21", "2023-10-31"), actors=(ERDOGAN,), type="statement"),
    ]
    titles = [e.title for e in merge(mentions, [item])]
    assert titles == [
        "Erdogan speaks to reporters",
        "Protest in Ankara",
        "Turkey recalls its ambassador",  # on or before 6 Nov: placed at 6 Nov, before the closed day
        "Blinken meets Hakan Fidan in Ankara",
    ]


# -- identity -------------------------------------------------------------------------------

UNRELATED = article("aaa-earlier", "2023-11-01", "Flooding closed the coastal road near Izmir on Wednesday.")
UNRELATED_MENTION = mention(UNRELATED, 0, "Flooding closes road near Izmir", days("2023-11-01"),
                            actors=(), places=(Entity("Izmir", "place"),), type="disaster")


def test_an_unrelated_article_changes_no_id() -> None:
    recall = article("recall", "2023-11-04", WIRE)
    mentions = [*THREE, mention(recall, 0, "Turkey recalls its ambassador", days("2023-11-04"),
                                actors=(TURKEY, ISRAEL), type="recall")]
    articles = [PREVIEW, REPORT, LOOKBACK, recall]
    before = {(e.id, e.aliases) for e in merge(mentions, articles)}
    after = {(e.id, e.aliases) for e in merge([*mentions, UNRELATED_MENTION], [*articles, UNRELATED])}
    assert after == before | {("aaa-earlier#0", ())}


# Two reports of one meeting that share no name (one names the people, the other only the
# city): alone, two entries.
EARLY = article("a-early", "2023-11-06", "Blinken sat down with Fidan on Monday.")
LATE = article("b-late", "2023-11-07", "The talks in Ankara ran late into the night.")
BRIDGE = article("c-bridge", "2023-11-10", "Blinken held talks with Fidan in Ankara on Monday.")
APART = [
    mention(EARLY, 0, "Blinken sits down with Hakan Fidan", days("2023-11-06"), places=()),
    mention(LATE, 0, "Talks in Ankara run late", days("2023-11-06", "2023-11-07"), actors=()),
]
BRIDGING = mention(BRIDGE, 0, "Blinken holds talks with Hakan Fidan in Ankara", days("2023-11-06"))


def test_an_article_bridging_two_entries_leaves_one_survivor_listing_the_other_id() -> None:
    apart = merge(APART, [EARLY, LATE])
    assert [e.id for e in apart] == ["a-early#0", "b-late#0"]
    (joined,) = merge([*APART, BRIDGING], [EARLY, LATE, BRIDGE])
    assert joined.id == "a-early#0"
    assert joined.aliases == ("b-late#0", "c-bridge#0")
    assert joined.date == days("2023-11-06") and not joined.disputed
    assert joined.title == "Blinken sits down with Hakan Fidan"


def test_after_a_split_every_old_id_is_still_an_id_or_alias() -> None:
    joined = merge([*APART, BRIDGING], [EARLY, LATE, BRIDGE])
    split = merge(APART, [EARLY, LATE])  # the bridging article withdrawn
    known = {name for e in split for name in (e.id, *e.aliases)}
    assert {e.id for e in joined} <= known
    assert {a for e in joined for a in e.aliases} - known == {"c-bridge#0"}  # only the withdrawn mention
