"""The generated 200-article corpus (``benchmarks/corpus.py``, fixed seed, built once per session by
the ``corpus_site`` fixture) in a real browser: axe-core on every page kind, month pages in day
order with the right headings, every event anchor of ``events.json`` resolves (``timeline.html``
keeps an anchor for each after the split), a sample lands on ``:target``, filters, and the
briefing prints on A4 paper. The Nu checker, the link crawl and the exports check the same build
(test_html_validity.py, test_links.py, test_exports.py)."""

from __future__ import annotations

import json
import random
import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from html_tools import parse
from tools import Tab, assert_a4, axe_serious

pytestmark = pytest.mark.slow

PAGE_KINDS = ["index", "timeline index", "month", "latest", "article", "actor", "actors index", "404"]
_DAY = re.compile(r"d-(\d{4}-\d{2}-\d{2})")
_PERIOD = re.compile(r"p-(\d{4}-\d{2}-\d{2})-(\d{4}-\d{2}-\d{2})")


@pytest.fixture(scope="module")
def model(corpus_site: Path) -> list[dict[str, Any]]:
    """The events ``events.json`` puts on the timeline."""
    events = json.loads((corpus_site / "events.json").read_text(encoding="utf-8"))["events"]
    return [e for e in events if e["on_timeline"]]


@pytest.fixture(scope="module")
def months(corpus_site: Path) -> list[str]:
    found = sorted(p.relative_to(corpus_site).as_posix() for p in corpus_site.glob("timeline/*.html"))
    assert len(found) >= 2, "the corpus timeline should be split by month"
    return found


@pytest.fixture(scope="module")
def pages(corpus_site: Path, model: list[dict[str, Any]], months: list[str]) -> dict[str, str]:
    """One page of each kind: the busiest month, the article with most supporting sentences, the
    first actor of who's who."""
    busiest = max(months, key=lambda m: len(parse((corpus_site / m).read_text(encoding="utf-8")).all("article")))
    cited: dict[str, int] = {}
    for event in model:
        for source in event["sources"]:
            cited[source["article"]] = cited.get(source["article"], 0) + 1
    article = min(cited, key=lambda slug: (-cited[slug], slug))
    links = [a.get("href") or "" for a in parse((corpus_site / "actors" / "index.html").read_text(encoding="utf-8")).all("a")]
    actors = [(corpus_site / "actors" / href).resolve().relative_to(corpus_site.resolve()).as_posix() for href in links
              if href.endswith(".html") and ":" not in href]
    actors = [a for a in actors if a.startswith("actors/") and a != "actors/index.html"]
    assert actors, "no actor page linked from actors/index.html"
    found = {"index": "index.html", "timeline index": "timeline.html", "month": busiest, "latest": "latest.html",
             "article": f"articles/{article}.html", "actor": actors[0], "actors index": "actors/index.html",
             "404": "404.html"}
    for path in found.values():
        assert (corpus_site / path).is_file(), path
    return found


@pytest.fixture(scope="module")
def site(corpus_site: Path) -> Path:
    """What ``base_url`` (conftest.py) serves."""
    return corpus_site


@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_no_serious_accessibility_violations(tab: Tab, base_url: str, pages: dict[str, str], kind: str) -> None:
    page = tab.page
    page.goto(base_url + pages[kind])
    report = axe_serious(page)
    assert not report, f"{pages[kind]}:\n{report}"
    assert tab.errors == []


_GROUPS = """() => [...document.querySelectorAll('.timeline-day')].map(g => ({
    id: g.id, heading: g.querySelector('h2').innerText,
    events: [...g.querySelectorAll('article.event')].map(a => ({
        id: a.id, label: a.querySelector('.event-date').innerText,
        times: [...a.querySelectorAll('.event-date time')].map(t => t.dateTime)}))}))"""


def _heading(day: date) -> str:
    return f"{day:%A} {day.day} {day:%B %Y}"


def test_month_pages_show_days_in_order(tab: Tab, base_url: str, months: list[str],
                                        model: list[dict[str, Any]]) -> None:
    """On every month page: days in increasing date order, each headed by its own weekday and
    date, a "no exact day" group just before its first day, every event under a day its date
    allows and with the model's label; together the month pages show every event once."""
    labels = {e["id"]: e["date"]["label"] for e in model}
    shown: list[str] = []
    page = tab.page
    for month in months:
        page.goto(base_url + month)
        keys: list[tuple[date, int, date]] = []
        for group in page.evaluate(_GROUPS):
            where = f"{month} #{group['id']}"
            if day_match := _DAY.fullmatch(group["id"]):
                day = date.fromisoformat(day_match[1])
                keys.append((day, 1, day))
                assert group["heading"] == _heading(day), where
                for event in group["events"]:  # a day, the last of a range, or the known end/start
                    assert day.isoformat() in event["times"], (where, event)
            elif period := _PERIOD.fullmatch(group["id"]):
                start, end = date.fromisoformat(period[1]), date.fromisoformat(period[2])
                keys.append((start, 0, end))  # before its first day; shorter first
                assert start < end and "(no exact " in group["heading"], (where, group["heading"])
            else:
                assert group["id"] == "d-undated" and month == "timeline/undated.html", where
                continue
            if month != "timeline/undated.html":
                assert keys[-1][0].strftime("timeline/%Y-%m.html") == month, f"{where} is on the wrong month page"
            for event in group["events"]:
                assert event["id"].startswith("e-") and event["label"] == labels.get(event["id"][2:]), (where, event)
                shown.append(event["id"][2:])
        assert keys == sorted(keys) and len(set(keys)) == len(keys), f"{month}: days out of order: {keys}"
    assert sorted(shown) == sorted(labels), "the month pages together show each timeline event once"
    assert tab.errors == []


def test_every_event_anchor_resolves(tab: Tab, base_url: str, model: list[dict[str, Any]], months: list[str]) -> None:
    """``timeline.html#e-<id>`` (what the feed and calendar link to) and every alias exist on the
    index, whose line links to the event's ``<article>`` on its month page; the alias anchors are
    there too."""
    page = tab.page
    on_month: dict[str, tuple[str, set[str]]] = {}  # event id -> (month page, ids inside its article)
    for month in months:
        page.goto(base_url + month)
        found = page.evaluate("""() => [...document.querySelectorAll('article.event')].map(a =>
            [a.id, [...a.querySelectorAll('[id]')].map(e => e.id)])""")
        for article_id, inner in found:
            assert article_id not in on_month, f"#{article_id} is on {on_month[article_id][0]} and {month}"
            on_month[article_id] = (month, set(inner))
    page.goto(base_url + "timeline.html")
    index_ids = set(page.evaluate("() => [...document.querySelectorAll('[id]')].map(e => e.id)"))
    problems = []
    for event in model:
        anchor = f"e-{event['id']}"
        aliases = {f"e-{a}" for a in event["aliases"]}
        if anchor not in on_month:
            problems.append(f"#{anchor}: no <article> on any month page")
            continue
        month, inner = on_month[anchor]
        if missing := aliases - inner:
            problems.append(f"{month} #{anchor}: alias anchors missing {sorted(missing)}")
        if missing := ({anchor} | aliases) - index_ids:
            problems.append(f"timeline.html: no {sorted(missing)}")
            continue
        href = page.evaluate(f"() => document.getElementById('{anchor}').querySelector('a[href]')?.getAttribute('href')")
        if href != f"{month}#{anchor}":
            problems.append(f"timeline.html #{anchor} links to {href!r}, not {month}#{anchor}")
    assert not problems, "\n".join(problems)


def test_a_sample_of_anchors_lands_on_target(tab: Tab, base_url: str, model: list[dict[str, Any]],
                                             months: list[str]) -> None:
    """Opening ``timeline.html#e-<id>`` and ``timeline/<month>.html#e-<id>`` (and a day) scrolls to
    the element and makes it ``:target``: a fixed sample, the first and the last event."""
    sample = [model[0], *random.Random(5).sample(model[1:-1], 8), model[-1]]
    page = tab.page
    page.set_viewport_size({"width": 1000, "height": 600})
    page.goto(base_url + "timeline.html")
    lines = page.evaluate("""ids => ids.map(id => document.getElementById(id).querySelector('a[href]')
        .getAttribute('href'))""", [f"e-{e['id']}" for e in sample])
    targets: list[str] = []
    for event, month in zip(sample, lines):
        targets += [f"timeline.html#e-{event['id']}", month]
        if event["aliases"]:
            targets.append(f"{month.partition('#')[0]}#e-{event['aliases'][0]}")
    days = sorted({f"d-{e['date']['latest']}" for e in sample if e["date"]["precision"] == "day"})
    assert days, "no day-precision event in the sample"
    targets += [f"timeline.html#{d}" for d in days[:3]]
    for target in targets:
        anchor = target.partition("#")[2]
        page.goto(base_url + target)
        assert page.evaluate("document.querySelector(':target')?.id") == anchor, target
        if page.locator(f"#{anchor}").evaluate("e => e.classList.contains('alias')"):
            continue  # an empty alias span: the event around it is what shows
        assert page.locator(f"#{anchor}").is_visible(), target
        top = page.evaluate(f"document.getElementById('{anchor}').getBoundingClientRect().top")
        assert -2 <= top < 600, f"{target}: not scrolled into view (top {top})"  # subpixel rounding
    assert tab.errors == []


def test_filters_on_a_month_page(tab: Tab, base_url: str, pages: dict[str, str]) -> None:
    page = tab.page
    page.goto(base_url + pages["month"])
    events = page.locator("article.event")
    total = events.count()
    actor = page.get_by_label("Actor")
    slug = actor.locator("option").nth(1).get_attribute("value")
    actor.select_option(slug)
    visible = page.locator("article.event:visible")
    assert 0 < visible.count() < total
    assert all(slug in (v.get_attribute("data-actors") or "").split() for v in visible.all())
    for day in page.locator(".timeline-day").all():  # a day with nothing left is hidden too
        assert day.is_visible() == (day.locator("article.event:visible").count() > 0)
    kind = visible.first.get_attribute("data-type")
    page.get_by_label("Type").select_option(kind)
    assert all(v.get_attribute("data-type") == kind for v in page.locator("article.event:visible").all())
    actor.select_option(label="Everyone")
    page.get_by_label("Type").select_option(label="All types")
    assert page.locator("article.event:visible").count() == total
    assert tab.errors == []


def test_briefing_prints_on_a4(tab: Tab, base_url: str, tmp_path: Path) -> None:
    page = tab.page
    page.goto(base_url + "index.html")
    page.emulate_media(media="print")
    assert page.locator("nav").is_hidden() and page.locator(".site-footer").is_hidden()
    pdf = tmp_path / "briefing.pdf"
    page.pdf(path=str(pdf), prefer_css_page_size=True)
    assert_a4(pdf)  # the page budget (two A4 pages) is the seed's: test_browser.py
