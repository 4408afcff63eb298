"""The timeline pages from hand-built stories: where "now" puts the jump link and the newest-first
page, month labels and periods with no exact month, copies collapsed into one line, honest source
counts, the 404 page's links, and that building the views stays linear."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, datetime, timezone
from pathlib import Path

import pytest

from sitegen.config import Config
from sitegen.events.model import DateRange, Entity, Event, Source
from sitegen.model import Article, Paragraph, Story
from sitegen.render import chronology, pages
from sitegen.render.chronology import coming_up, groups, latest_day, layout, month_label, newest_first, page_label

CONFIG = Config(source=Path("."), output=Path("out"))
UTC = timezone.utc
BODY = "Alpha met Beta on Monday. Gamma will vote on Friday. Delta resigned."


def day(text: str) -> date:
    return date.fromisoformat(text)


def when(lo: str | None, hi: str | None = "same") -> DateRange:
    return DateRange(day(lo) if lo else None, (day(lo) if lo else None) if hi == "same" else (day(hi) if hi else None))


def src(article: str, start: int = 0, end: int = 25, copy_of: str | None = None, status: str = "reported") -> Source:
    return Source(article, BODY[start:end], start, end, None, DateRange(), copy_of, status)  # type: ignore[arg-type]


def event(eid: str, dates: DateRange, *sources: Source, status: str = "reported",
          actors: tuple[Entity, ...] = ()) -> Event:
    said = sources or (src("a"),)
    return Event(eid, f"Event {eid}", "meeting", status, dates, actors, (), (), said)  # type: ignore[arg-type]


def art(slug: str, published: str, source: str | None = None) -> Article:
    return Article(path=f"{slug}.md", slug=slug, title=slug.title(), body=BODY, body_format="markdown",
                   paragraphs=(Paragraph(BODY, 1),), published=day(published), published_at=None, source=source or f"{slug} news")


def story(articles: list[Article], events: list[Event]) -> Story:
    return Story(articles=tuple(articles), bodies={a.slug: f"<p>{BODY}</p>" for a in articles},
                 events=tuple(events), quotes={})


# --- "now": the jump link and the newest-first page ------------------------------------------------

NOW_EVENTS = [
    event("old", when("2023-11-01")),
    event("past-plan", when("2023-11-05"), status="scheduled"),
    event("news", when("2023-11-04")),
    event("future", when("2023-12-03"), status="scheduled"),
    event("later", when("2023-12-10"), status="scheduled"),
    event("year", when("2024-01-01", "2024-12-31"), status="scheduled"),
]


def test_latest_day_is_the_last_reported_day_on_or_before_now() -> None:
    found = groups(NOW_EVENTS)
    assert latest_day(found, day("2023-11-06")).anchor == "d-2023-11-04"  # 5 Nov holds only a plan
    assert latest_day(found, day("2023-11-03")).anchor == "d-2023-11-01"
    assert latest_day(found, day("2023-10-01")) is None
    assert latest_day(found, None).anchor == "d-2023-11-04"  # no "now": still never a scheduled day


def test_newest_first_starts_from_now_and_the_future_is_coming_up() -> None:
    found = groups(NOW_EVENTS)
    today = day("2023-11-06")
    assert [g.anchor for g in newest_first(found, today=today)] == ["d-2023-11-05", "d-2023-11-04", "d-2023-11-01"]
    assert [g.anchor for g in coming_up(found, today)] == [  # soonest first
        "d-2023-12-03", "d-2023-12-10", "p-2024-01-01-2024-12-31"]
    assert [g.anchor for g in coming_up(found, today, limit=1)] == ["d-2023-12-03"]
    assert coming_up(found, None) == []


def test_latest_page_has_a_labelled_coming_up_group() -> None:
    html = _pages(story([art("a", "2023-11-06")], NOW_EVENTS))["latest.html"]
    assert html.index('id="coming-up-heading">Coming up</h2>') < html.index("Event future") < html.index(
        "Latest</h2>") < html.index("Event news")
    assert "Dated after Monday 6 November 2023" in html
    timeline = _pages(story([art("a", "2023-11-06")], NOW_EVENTS))["timeline.html"]
    assert 'href="timeline.html#d-2023-11-04">Jump to the latest day' in timeline


def test_as_of_moves_now() -> None:
    config = replace(CONFIG, as_of=datetime(2023, 12, 31, 12, 0, tzinfo=UTC))
    html = _pages(story([art("a", "2023-11-06")], NOW_EVENTS), config)
    assert 'href="timeline.html#d-2023-11-04">Jump' in html["timeline.html"]  # December holds only plans
    latest = html["latest.html"]
    assert latest.index("Event year") < latest.index("Latest</h2>") < latest.index("Event later")  # 10 Dec is past
    assert "Dated after Sunday 31 December 2023" in html["latest.html"]


# --- month labels and periods with no exact month ----------------------------------------------------


def test_month_labels() -> None:
    found = groups([event("y", when("2022-01-01", "2022-12-31")), event("n", when("2023-11-06")),
                    event("j", when("2022-01-05")), event("m", when("2023-10-01", "2023-10-31"))])
    assert month_label("2023-11") == "Nov 2023"
    assert found[0].heading == "2022 (no exact month)" and found[0].no_exact_month
    assert [g.heading for g in found if g.period and not g.no_exact_month] == ["Oct 2023 (no exact day)"]
    months = dict(layout([e for g in found for e in g.events]).months)
    assert page_label("2022-01", months["2022-01"]) == "Jan 2022"  # January has days of its own
    assert page_label("2022-01", months["2022-01"][:1]) == "2022 (no exact month)"
    assert page_label("2023-10", months["2023-10"]) == "Oct 2023"


def test_split_pages_say_where_a_year_only_event_is(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(chronology, "SPLIT_AFTER", 1)
    evs = [event("y", when("2022-01-01", "2022-12-31")), event("n", when("2023-11-06"))]
    html = _pages(story([art("a", "2023-11-06")], evs))
    assert ">2022 (no exact month)</a></h2>" in html["timeline.html"]  # the index
    assert ">Nov 2023</a></h2>" in html["timeline.html"] and ">2023-11<" not in html["timeline.html"]
    page = html["timeline/2022-01.html"]  # the URL keeps the month
    assert "<title>2022 (no exact month) · Timeline" in page
    assert "The sources give no month for these: they are listed at the start of 1 January 2022" in page
    assert 'aria-current="page">2022 (no exact month)</a>' in page
    assert "<title>November 2023 · Timeline" in html["timeline/2023-11.html"]


def test_split_after_and_newest_limit_are_data(tmp_path: Path) -> None:
    assert chronology.settings() == chronology.Settings(split_after=chronology.SPLIT_AFTER,
                                                        newest_limit=chronology.NEWEST_LIMIT)
    bad = tmp_path / "site.toml"
    bad.write_text("[timeline]\nsplit_after = 0\n[latest]\nnewest_limit = 100\n")
    with pytest.raises(ValueError, match=r"site.toml: \[timeline\] split_after is 0 \(expected a whole number"):
        chronology.settings(bad)


# --- sources: copies collapse, the count is honest -------------------------------------------------------


def test_copies_collapse_into_one_line_with_a_link_to_each() -> None:
    articles = [art("orig", "2023-11-06", "Origin Post")] + [art(f"c{i}", "2023-11-06", f"Copy {i}") for i in range(5)]
    sources = [src("orig")] + [src(f"c{i}", copy_of="orig") for i in range(5)] + [src("c0", 26, 51, copy_of="orig")]
    html = _pages(story(articles, [event("e", when("2023-11-06"), *sources)]))["timeline.html"]
    entry = html[html.index('id="e-e"'):html.index("</article>")]
    assert entry.count(BODY[:25]) == 1  # the copied sentence once
    assert "and 5 copies: " in entry and "1 independent source<" in entry
    for i in range(5):
        assert f'href="articles/c{i}.html#s-0">Copy {i}, 6 November 2023</a>' in entry
    assert 'href="articles/orig.html#s-0"' in entry


def test_independent_sentences_stay_one_by_one() -> None:
    articles = [art("a", "2023-11-06"), art("b", "2023-11-06")]
    html = _pages(story(articles, [event("e", when("2023-11-06"), src("a"), src("b", 26, 51))]))["timeline.html"]
    assert html.count('<span class="sentence">') == 2 and "copies" not in html and "2 independent sources" in html


SUPPORT_CASES = [  # sources, status, wording, why
    ((src("a"),), "reported", "1 independent source", "one report"),
    ((src("a"), src("b"), src("c", copy_of="a")), "reported", "2 independent sources", "a copy adds nothing"),
    ((src("w", copy_of="gone"),), "reported", "reported only in a copy", "the original is not in the story"),
    ((src("w", copy_of="x"), src("v", copy_of="x")), "reported", "reported only in copies (2 articles)", "copies only"),
    ((src("a", status="scheduled"),), "reported", "not independently confirmed", "only an announcement"),
]


@pytest.mark.parametrize("sources, status, wording, why", SUPPORT_CASES, ids=[c[3] for c in SUPPORT_CASES])
def test_support_never_says_zero(sources: tuple[Source, ...], status: str, wording: str, why: str) -> None:
    assert pages.support(event("e", when("2023-11-06"), *sources, status=status)) == wording, why


def test_no_page_says_zero_independent_sources() -> None:
    articles = [art("w", "2023-11-06", "Wire Copy")]
    html = _pages(story(articles, [event("e", when("2023-11-06"), src("w", copy_of="missing"))]))
    for path in ("timeline.html", "latest.html"):
        assert "0 independent" not in html[path] and "reported only in a copy" in html[path]
    assert "(copy of an article not in this story)" in html["timeline.html"]


# --- 404 ---------------------------------------------------------------------------------------------------


def test_404_links_are_absolute_with_base_url() -> None:
    html = _pages(story([art("a", "2023-11-06")], [event("e", when("2023-11-06"))]),
                  replace(CONFIG, base_url="https://example.org/story/"))["404.html"]
    links = re.findall(r'(?:href|src)="([^"]*)"', html)
    assert links and all(link.startswith("https://example.org/story/") for link in links), links
    assert 'href="https://example.org/story/assets/style.css"' in html


def test_404_links_are_relative_without_base_url() -> None:
    html = _pages(story([art("a", "2023-11-06")], [event("e", when("2023-11-06"))]))["404.html"]
    links = re.findall(r'(?:href|src)="([^"]*)"', html)
    assert 'href="assets/style.css"' in html and not [link for link in links if link.startswith("/")]


def _pages(st: Story, config: Config = CONFIG) -> dict[str, str]:
    return {f.path: f.content.decode("utf-8") for f in pages.plan(st, config).files if f.path.endswith(".html")}
