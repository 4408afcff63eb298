"""The briefing's choices, from hand-built events: ranking, what is new, who's who, key quotes,
the lede; and where the timeline puts uncertain dates. All pure functions of (story, config)."""

from __future__ import annotations

import math
from dataclasses import replace
from datetime import date, datetime, timezone
from pathlib import Path

import pytest

from sitegen.config import Config
from sitegen.events.model import DateRange, Entity, Event, Quote, Source
from sitegen.model import Article, Paragraph, Story
from sitegen.render import briefing
from sitegen.render.chronology import date_markup, groups, layout, newest_first, placement, unique_slugs
from sitegen.render.briefing import key_developments, score, what_is_new

BLINKEN = Entity("Antony Blinken", "person", "US State Secretary", "United States")
FIDAN = Entity("Hakan Fidan", "person", None, "Turkey")
FIDAN_ROLE = Entity("Hakan Fidan", "person", "Turkish foreign minister", None)
TURKEY = Entity("Turkey", "country")
CONFIG = Config(source=Path("."), output=Path("out"))
UTC = timezone.utc


def day(text: str) -> date:
    return date.fromisoformat(text)


def when(lo: str | None, hi: str | None = "same") -> DateRange:
    return DateRange(day(lo) if lo else None, (day(lo) if lo else None) if hi == "same" else (day(hi) if hi else None))


def src(article: str, copy_of: str | None = None, start: int = 0) -> Source:
    return Source(article, "A sentence.", start, start + 11, None, DateRange(), copy_of)


def event(eid: str, dates: DateRange, *sources: Source, kind: str = "statement", actors: tuple[Entity, ...] = (),
          status: str = "reported") -> Event:
    said = tuple(replace(s, status=status) for s in sources or (src("a"),))  # type: ignore[arg-type]  # each source says what the entry says
    return Event(eid, f"Event {eid}", kind, status, dates, actors, (), (), said)  # type: ignore[arg-type]


def art(slug: str, published: str | None, at: str | None = None) -> Article:
    return Article(path=f"{slug}.md", slug=slug, title=slug.title(), body="x", body_format="markdown", paragraphs=(),
                   published=day(published) if published else None,
                   published_at=datetime.fromisoformat(at) if at else None, source=f"{slug} news")


# --- ranking -------------------------------------------------------------------------------------

HALF = 2 ** (-1 / 3)  # a day's decay with a half-life of 3 days
RANK_CASES = [  # event, today, expected score, why
    (event("a", when("2023-11-06"), kind="meeting"), "2023-11-06", 2 + 2, "one source, meeting, today: no decay"),
    (event("b", when("2023-11-05"), kind="meeting"), "2023-11-06", (2 + 2) * HALF, "a day old"),
    (event("h", when("2023-11-03"), kind="meeting"), "2023-11-06", (2 + 2) / 2, "three days old: half"),
    (event("c", when(None, "2023-11-06")), "2023-11-06", 1 + 2, "on or before today: aged from its latest day"),
    (event("d", when(None, None), kind="attack"), "2023-11-06", 0, "undated: last"),
    (event("e", when("2023-11-10"), kind="vote", status="scheduled"), "2023-11-06", 2.5 + 2, "future: age 0"),
    (event("f", when("2023-11-06"), src("a"), src("b"), src("c", copy_of="a")), "2023-11-06", 1 + 2 * math.log2(3),
     "two independent sources (a copy is no corroboration): 2 x log2(3)"),
    (event("s", when("2023-11-06"), *(src(x) for x in "abcdefg")), "2023-11-06", 1 + 2 * 3, "seven sources: 2 x log2(8)"),
    (event("g", when("2023-11-04", "2023-11-05"), kind="unknown-type"), "2023-11-06", (1 + 2) * HALF,
     "a range counts from its last day; unknown types weigh 1"),
]
assert len({c[0].id for c in RANK_CASES}) == len(RANK_CASES)


@pytest.mark.parametrize("ev, today, expected, why", RANK_CASES, ids=[c[3] for c in RANK_CASES])
def test_score(ev: Event, today: str, expected: float, why: str) -> None:
    assert score(ev, day(today)).score == pytest.approx(expected, abs=1e-5), why


def test_score_parts_and_the_lede_bonus() -> None:
    ranked = score(event("x", when("2023-11-03"), kind="meeting"), day("2023-11-06"), lede=True)
    assert (ranked.type, ranked.sources, ranked.lede, ranked.age, ranked.decay) == (2, 2, 2, 3, 0.5)
    assert ranked.importance == 6 and ranked.score == 3


def test_key_developments_order_and_ties() -> None:
    same = [event(i, when("2023-11-06")) for i in ("zz", "aa")]
    older = event("old", when("2023-11-01"))
    hidden = event("neg", when("2023-11-06"), status="negated")
    corroborated = event("big", when("2023-11-05"), src("a"), src("b"), src("c"), kind="attack")
    ranked = key_developments([older, *same, hidden, corroborated], day("2023-11-06"))
    assert [r.event.id for r in ranked] == ["big", "aa", "zz", "old"]  # (3+4)x0.79; ties by id; negated never
    assert key_developments([older, *same], day("2023-11-06"), limit=1)[0].event.id == "aa"


def test_recent_beats_many_sources_a_week_ago() -> None:
    """The reviewer's case: 2 points per source used to outweigh any recency."""
    week_old = event("old", when("2023-10-30"), *(src(x) for x in "abcdefg"), kind="attack")  # (3+6) x 0.5^(7/3) = 1.8
    today = event("new", when("2023-11-06"))  # 1 + 2 = 3
    assert [r.event.id for r in key_developments([week_old, today], day("2023-11-06"))] == ["new", "old"]


def test_an_event_in_an_articles_first_paragraph_ranks_first() -> None:
    """The seed's case: the lede's statement beats a same-day meeting reported further down."""
    lead = Article(path="s.md", slug="s", title="S", body="x", body_format="markdown",
                   paragraphs=(Paragraph("First paragraph.", 8), Paragraph("Second one.", 10)), published=day("2023-11-06"))
    asks = event("asks", when(None, "2023-11-06"), src("s", start=0))
    meets = event("meets", when("2023-11-06"), src("s", start=18), kind="meeting")
    assert briefing.lede_ends([lead]) == {"s": len("First paragraph.")}
    ranked = key_developments([meets, asks], day("2023-11-06"), ledes=briefing.lede_ends([lead]))
    assert [(r.event.id, r.score) for r in ranked] == [("asks", 1 + 2 + 2), ("meets", 2 + 2)]


# --- what is new ---------------------------------------------------------------------------------


def story(articles: list[Article], events: list[Event], quotes: dict[str, tuple[Quote, ...]] | None = None) -> Story:
    return Story(articles=tuple(articles), bodies={a.slug: "" for a in articles}, events=tuple(events),
                 quotes=quotes or {})


ARTICLES = [
    art("old", "2023-11-04", "2023-11-04T09:00:00+00:00"),
    art("mid", "2023-11-05", "2023-11-05T20:00:00+00:00"),
    art("new", "2023-11-06", "2023-11-06T12:00:00+00:00"),
    art("wire", "2023-11-06", "2023-11-06T13:00:00+00:00"),
    art("undated", None),
]
NEW_EVENTS = [
    event("fresh", when("2023-11-06"), src("new")),
    event("stale", when("2023-11-03"), src("old")),
    event("updated", when("2023-11-03"), src("old"), src("new")),
    event("copied", when("2023-11-03"), src("old"), src("wire", copy_of="old")),
    event("both", when("2023-11-05"), src("mid"), src("new")),
    event("undated-only", when("2023-11-01"), src("undated")),
]


def test_what_is_new_from_the_newest_article() -> None:
    """Now = the newest article (13:00 on 6 Nov); the window is the 24 hours before it."""
    items = what_is_new(story(ARTICLES, NEW_EVENTS), CONFIG)
    assert [(i.event.id, i.kind, i.articles) for i in items] == [
        ("fresh", "new", ("new",)),
        ("both", "new", ("mid", "new")),  # 20:00 on 5 Nov is inside 13:00 6 Nov - 24 h
        ("updated", "updated", ("new",)),
    ]  # "copied" gained only a copy; "stale" nothing; an undated article is never new


def test_what_is_new_with_as_of_and_a_shorter_window() -> None:
    config = replace(CONFIG, as_of=datetime(2023, 11, 5, 23, 0, tzinfo=UTC), new_window_hours=6)
    items = what_is_new(story(ARTICLES, NEW_EVENTS), config)
    assert [(i.event.id, i.kind) for i in items] == [("both", "new")]  # later articles do not exist yet


def test_date_only_articles_count_as_the_end_of_their_day() -> None:
    arts = [art("a", "2023-11-05"), art("b", "2023-11-06")]
    evs = [event("x", when("2023-11-05"), src("a")), event("y", when("2023-11-06"), src("b"))]
    assert briefing.reference_time(story(arts, evs), CONFIG) == datetime(2023, 11, 6, 23, 59, 59, tzinfo=UTC)
    assert [i.event.id for i in what_is_new(story(arts, evs), CONFIG)] == ["y"]


def test_no_dated_article_means_nothing_is_new() -> None:
    assert what_is_new(story([art("u", None)], [event("x", when("2023-11-01"), src("u"))]), CONFIG) == []


def test_what_is_new_is_newest_first_so_the_cut_drops_the_oldest() -> None:
    """By the event's latest possible day, then its first report (later first); new and updated
    mixed; undated last."""
    arts = [art("early", "2023-11-06", "2023-11-06T08:00:00+00:00"), art("late", "2023-11-06", "2023-11-06T12:00:00+00:00"),
            art("before", "2023-11-01", "2023-11-01T08:00:00+00:00")]
    evs = [event("undated", when(None, None), src("late")),
           event("older-day", when("2023-11-02"), src("late")),
           event("same-day-early", when("2023-11-05"), src("early")),
           event("same-day-late", when("2023-11-05"), src("late")),
           event("updated", when("2023-11-06"), src("before"), src("early")),
           event("open", when(None, "2023-11-06"), src("early"))]
    items = what_is_new(story(arts, evs), CONFIG)
    assert [i.event.id for i in items] == ["open", "updated", "same-day-late", "same-day-early", "older-day", "undated"]


# --- as of "now": everything cut at --as-of -------------------------------------------------------

AS_OF = replace(CONFIG, as_of=datetime(2023, 11, 5, 23, 59, 59, tzinfo=UTC))  # --as-of 2023-11-05


def test_an_event_counts_only_with_the_sources_published_by_now() -> None:
    evs = [event("grew", when("2023-11-03", "2023-11-05"), src("old"), src("mid"), src("new")),
           event("later", when("2023-11-06"), src("new")),
           event("narrowed-later", when("2023-11-01", "2023-11-04"), src("old"), src("new")),
           event("undated-article", when("2023-11-01"), src("undated"))]
    evs[2] = replace(evs[2], sources=(replace(evs[2].sources[0], date=when("2023-11-01", "2023-11-04")),
                                      replace(evs[2].sources[1], date=when("2023-11-04"))), date=when("2023-11-04"))
    view = briefing.cut(story(ARTICLES, evs), AS_OF)
    assert [a.slug for a in view.articles] == ["mid", "old"]  # newest first; undated: cannot be shown to be out
    assert [(e.id, e.independent) for e in view.events] == [("grew", 2), ("narrowed-later", 1)]
    assert view.events[1].date == when("2023-11-01", "2023-11-04")  # as its first source gave it
    assert briefing.cut(story(ARTICLES, evs), CONFIG).events == tuple(evs)  # without --as-of: every article


def test_the_briefing_as_of_a_day_shows_nothing_later() -> None:
    def q(text: str, speaker: str, on: str) -> Quote:
        return Quote(0, len(text), text, speaker, 0, when(on))

    evs = [event("early", when("2023-11-04"), src("old"), kind="meeting", actors=(BLINKEN, FIDAN)),
           event("late", when("2023-11-06"), src("new"), kind="attack", actors=(BLINKEN,))]
    quotes = {"old": (q("We talked for a very long time", "Blinken", "2023-11-04"),),
              "new": (q("We will talk again very soon indeed", "Blinken", "2023-11-06"),)}
    b = briefing.build(story(ARTICLES, evs, quotes), AS_OF)
    assert [r.event.id for r in b.top] == ["early"]
    assert [k.article.slug for k in b.quotes] == ["old"]
    assert [(a.name, a.latest_action.id if a.latest_action else None) for a in b.whos_who] == [
        ("Antony Blinken", "early"), ("Hakan Fidan", None)]
    assert [a.slug for a in b.sources] == ["mid", "old"] and b.more_sources == 0
    assert b.lede == "1 event from 2 articles, 4 Nov 2023. Most significant: Event early (4 Nov 2023)."
    assert [i.event.id for i in b.new] == []  # "mid" (5 Nov 20:00) reports nothing


# --- who's who, quotes, lede ----------------------------------------- -----------------------------------------------------------------------


def test_whos_who_people_first_with_roles_and_latest_action() -> None:
    evs = [
        event("1", when("2023-11-03"), actors=(FIDAN, TURKEY)),
        event("2", when("2023-11-06"), actors=(BLINKEN, FIDAN_ROLE)),
        event("3", when(None, None), actors=(FIDAN,)),
        event("4", when("2023-11-07"), actors=(BLINKEN,), status="claimed"),
    ]
    found = briefing.actors(evs)
    assert [(a.name, a.role, a.country, len(a.events)) for a in found] == [
        ("Hakan Fidan", "Turkish foreign minister", "Turkey", 3),  # role filled from a later mention
        ("Antony Blinken", "US State Secretary", "United States", 1),  # a claim is not on the timeline
        ("Turkey", None, None, 1),
    ]
    assert found[0].latest.id == "2"  # the last dated event, not the undated one


def test_whos_who_leaves_out_places_and_news_outlets_and_says_who_acted() -> None:
    gaza = Entity("Gaza", "place")
    jazeera = Entity("Al Jazeera", "organisation")
    dt_next = Entity("DT Next", "organisation")
    evs = [event("tells", when("2023-11-05"), actors=(BLINKEN,)),  # timeline order
           event("asks", when(None, "2023-11-06"), actors=(TURKEY, jazeera, gaza, dt_next)),
           event("meets", when("2023-11-06"), actors=(BLINKEN, TURKEY, FIDAN))]
    found = briefing.whos_who(evs, briefing.outlets([replace(art("dt", "2023-11-06"), source="DT Next")]))
    assert [(a.name, a.latest_action.id if a.latest_action else None, a.latest.id) for a in found] == [
        ("Antony Blinken", "meets", "meets"),
        ("Hakan Fidan", None, "meets"),  # met, never the subject: "last named in", not an action
        ("Turkey", "asks", "meets"),  # its action is what it did, not the last event naming it
    ]


def test_source_note_never_says_zero_independent_sources() -> None:
    arts = {a.slug: a for a in ARTICLES}
    assert briefing.source_note(event("one", when("2023-11-06"), src("new")), arts) == "1 independent source"
    assert briefing.source_note(event("two", when("2023-11-06"), src("old"), src("new"), src("wire", "new")), arts) == (
        "2 independent sources")
    copied = event("copy", when("2023-11-06"), src("wire", copy_of="new"))
    assert copied.independent == 0
    assert briefing.source_note(copied, arts) == "1 source (a copy of new news)"
    assert briefing.source_note(event("c2", when("2023-11-06"), src("wire", "new"), src("mid", "old")), arts) == (
        "2 sources (copies of new news, old news)")


def test_sources_list_is_capped_newest_first() -> None:
    arts = [art(f"a{i:02}", "2023-11-06", f"2023-11-06T{i:02}:00:00+00:00") for i in range(12)]
    b = briefing.build(story(arts, []), CONFIG)
    assert [a.slug for a in b.sources] == [f"a{i:02}" for i in range(11, 1, -1)] and b.more_sources == 2


def test_story_title_is_the_users_or_the_top_events_headline() -> None:
    arts = [replace(art("old", "2023-11-04"), title="Talks begin"), replace(art("new", "2023-11-06"), title="Talks end")]
    evs = [event("big", when("2023-11-04"), src("old"), kind="attack"), event("small", when("2023-11-04"), src("new"))]
    s = story(arts, evs)
    assert briefing.build(s, CONFIG).title == "Talks begin"  # the article reporting the top event
    assert briefing.build(s, replace(CONFIG, title="Ankara talks")).title == "Ankara talks"
    assert briefing.build(story(arts, []), CONFIG).title == "Talks end"  # no event: the newest article
    assert briefing.build(story([], []), CONFIG).title == "sitegen"


def test_key_quotes_latest_first_one_per_speaker_first() -> None:
    def q(text: str, speaker: str | None, on: str, start: int) -> Quote:
        return Quote(start, start + len(text), text, speaker, 0, when(on))

    quotes = {"new": (q("We will keep talking to everyone here", "Blinken", "2023-11-06", 0),
                      q("And we will talk again very soon indeed", "Blinken", "2023-11-06", 50),
                      q("Too short", "Fidan", "2023-11-06", 100),
                      q("Nobody said this at all in public", None, "2023-11-06", 150)),
              "old": (q("Our priority is a ceasefire right now", "Erdogan", "2023-11-03", 0),
                      q("We will keep talking to everyone here", "Blinken", "2023-11-06", 80))}
    chosen = briefing.key_quotes(story(ARTICLES, [], quotes), limit=2)
    assert [(k.quote.speaker, k.article.slug) for k in chosen] == [("Blinken", "new"), ("Erdogan", "old")]
    assert len(briefing.key_quotes(story(ARTICLES, [], quotes), limit=5)) == 3  # the repeat counts once


def test_lede_from_description_or_the_timeline() -> None:
    evs = [event("m", when("2023-11-06"), kind="meeting"), event("s", when("2023-11-03"))]
    s = story(ARTICLES[:2], evs)
    top = key_developments(evs, day("2023-11-06"))
    view = briefing.cut(s, CONFIG)
    assert briefing.lede(view, replace(CONFIG, description="Talks in Ankara."), top) == "Talks in Ankara."
    assert briefing.lede(view, CONFIG, top) == (
        "2 events from 2 articles, 3 Nov 2023 to 6 Nov 2023. Most significant: Event m (6 Nov 2023).")


# --- where the timeline puts uncertain dates -----------------------------------------------------

PLACEMENT_CASES = [  # range, expected (kind, day), why
    (when("2023-11-06"), ("day", "2023-11-06"), "a day is its day"),
    (when(None, "2023-11-06"), ("day", "2023-11-06"), "on or before: the day by which it happened"),
    (when("2023-11-04", "2023-11-05"), ("day", "2023-11-05"), "a weekend: under its last day"),
    (when("2023-11-06", None), ("day", "2023-11-06"), "on or after: its first possible day"),
    (when("2023-11-01", "2023-11-30"), ("period", "2023-11-01"), "a month: its own group, opening the month"),
    (when("2023-10-20", "2023-11-06"), ("period", "2023-10-20"), "a long range: its own group"),
    (when(None, None), ("undated", None), "date unknown: last"),
]


@pytest.mark.parametrize("dates, expected, why", PLACEMENT_CASES, ids=[c[2] for c in PLACEMENT_CASES])
def test_placement(dates: DateRange, expected: tuple[str, str | None], why: str) -> None:
    kind, at = placement(dates)
    assert (kind, at.isoformat() if at else None) == expected, why


def test_groups_in_reading_order() -> None:
    evs = [event("m", when("2023-11-01", "2023-11-30")), event("a", when("2023-11-03")),
           event("b", when(None, "2023-11-06")), event("c", when("2023-11-06")), event("u", when(None, None)),
           event("x", when("2023-11-06"), status="negated")]
    found = groups(evs)
    assert [(g.anchor, [e.id for e in g.events]) for g in found] == [
        ("p-2023-11-01-2023-11-30", ["m"]), ("d-2023-11-03", ["a"]), ("d-2023-11-06", ["b", "c"]), ("d-undated", ["u"])]
    assert found[0].heading == "Nov 2023 (no exact day)" and found[2].heading == "Monday 6 November 2023"
    assert [g.anchor for g in newest_first(found)] == ["d-2023-11-06", "d-2023-11-03", "p-2023-11-01-2023-11-30"]
    assert [e.id for e in newest_first(found)[0].events] == ["c", "b"]


def test_layout_splits_by_month_above_the_threshold() -> None:
    evs = [event("a", when("2023-10-31")), replace(event("b", when("2023-11-01")), aliases=("old",))]
    assert layout(evs, split_after=2).event_href("b") == "timeline.html#e-b"
    split = layout(evs, split_after=1)
    assert split.split and split.event_href("b") == "timeline/2023-11.html#e-b"
    assert split.event_href("old") == "timeline/2023-11.html#e-old"
    assert split.group_href("d-2023-10-31") == "timeline/2023-10.html#d-2023-10-31"


@pytest.mark.parametrize("dates", [c[0] for c in PLACEMENT_CASES] + [
    when("2023-12-30", "2024-01-02"), when("2023-10-30", "2023-11-02"), when("2023-01-01", "2023-12-31")])
def test_date_markup_reads_as_the_label(dates: DateRange) -> None:
    import re
    assert re.sub(r"<[^>]+>", "", str(date_markup(dates))) == dates.label


def test_actor_slugs_are_unique_and_stable() -> None:
    assert unique_slugs(["Recep Tayyip Erdoğan", "recep tayyip erdogan", "Index", "東京"]) == {
        "Index": "index-2", "Recep Tayyip Erdoğan": "recep-tayyip-erdogan",
        "recep tayyip erdogan": "recep-tayyip-erdogan-2", "東京": "-"}
