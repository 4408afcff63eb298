"""The exports (sitegen/render/exports.py): each parses with a real reader, ids hold across
rebuilds and new articles, dates follow docs/exports.md, hostile text stays inert."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import feedparser
import icalendar
import pytest

from conftest import REPO, MakeStory, article
from sitegen.build import BuildReport, read_story
from sitegen.config import Config, load_config
from sitegen.events.model import DateRange, Event, Source
from sitegen.model import Article, Paragraph, Story
from sitegen.render.exports import event_url, export_files, fold, ics_text

A = "{http://www.w3.org/2005/Atom}"
SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
BASE = "https://example.org/story/"
HOSTILE = '<script>alert("x")</script> & \'q\' \x00\x07\x1b\ufffe line\nbreak; a, b \\ c'


def seeds(base_url: str = "") -> tuple[Story, Config]:
    config = load_config(None, needs_output=False, cwd=REPO, source=REPO / "seeds")
    return read_story(config, BuildReport()), replace(config, base_url=base_url)


def story_of(folder: Path) -> tuple[Story, Config]:
    config = load_config(None, needs_output=False, cwd=folder, source=folder)
    return read_story(config, BuildReport()), config


def make_event(id: str, earliest: date | None, latest: date | None, *, title: str = "Something happens",
               status: str = "reported", hidden: bool = False, slug: str = "a",
               url: str = "https://news.example/a?x=1&y=2") -> Event:
    source = Source(slug, "Something happened.", 0, 19, url, DateRange(earliest, latest))
    return Event(id=id, title=title, type="meeting", status=status,  # type: ignore[arg-type]
                 date=DateRange(earliest, latest), actors=(), places=(), aliases=(), sources=(source,),
                 hidden=hidden)


def hand_story(*events: Event, title: str = "A title") -> Story:
    art = Article(path="a.md", slug="a", title=title, body="Something happened.", body_format="markdown",
                  paragraphs=(Paragraph("Something happened.", 5),), published=date(2023, 11, 6),
                  published_at=datetime.fromisoformat("2023-11-06T09:30:00+01:00"), source="Wire & Co")
    return Story(articles=(art,), bodies={"a": "<p>Something happened.</p>"}, events=events)


def hand_config(tmp_path: Path, **values: str) -> Config:
    return replace(Config(source=tmp_path / "my-story", output=tmp_path / "out"), title="Ankara talks", **values)


D = date(2023, 11, 6)
INTERVALS = [  # id, earliest, latest, (DTSTART, DTEND) in the calendar, TimelineJS (start, end), why
    ("day", D, D, (D, D + timedelta(1)), ({"year": 2023, "month": 11, "day": 6}, None), "one all-day event"),
    ("range", date(2023, 11, 4), D, (date(2023, 11, 4), D + timedelta(1)),
     ({"year": 2023, "month": 11, "day": 4}, {"year": 2023, "month": 11, "day": 6}), "covers every possible day"),
    ("month", date(2023, 11, 1), date(2023, 11, 30), (date(2023, 11, 1), date(2023, 12, 1)),
     ({"year": 2023, "month": 11}, None), "TimelineJS: a month with no day"),
    ("year", date(2023, 1, 1), date(2023, 12, 31), (date(2023, 1, 1), date(2024, 1, 1)),
     ({"year": 2023}, None), "TimelineJS: a year alone"),
    ("before", None, D, (D, D + timedelta(1)), ({"year": 2023, "month": 11, "day": 6}, None), "its known end"),
    ("after", D, None, (D, D + timedelta(1)), ({"year": 2023, "month": 11, "day": 6}, None), "its known start"),
]
assert len({c[0] for c in INTERVALS}) == len(INTERVALS)


def interval_story() -> Story:
    events = [make_event(f"i-{c[0]}", c[1], c[2]) for c in INTERVALS]
    return hand_story(*events, make_event("i-unknown", None, None))


# --- the set of files ----------------------------------------------------------------------


def test_files_and_sitemap_only_with_base_url() -> None:
    story, config = seeds()
    assert set(export_files(story, config)) == {"timeline.json", "feed.xml", "events.ics"}
    story, config = seeds(BASE)
    files = export_files(story, config)
    assert set(files) == {"timeline.json", "feed.xml", "events.ics", "sitemap.xml"}
    locs = [e.text for e in ET.fromstring(files["sitemap.xml"]).iter(f"{SM}loc")]
    assert locs[:2] == [BASE, BASE + "timeline.html"]
    assert BASE + "articles/blinken-meets-turkish-counterpart.html" in locs
    assert all(loc and loc.startswith(BASE) for loc in locs)


def test_sitemap_lists_given_pages_but_not_404(tmp_path: Path) -> None:
    files = export_files(hand_story(), hand_config(tmp_path, base_url=BASE),
                         pages=["index.html", "actors/ab.html", "404.html", "articles/a.html"])
    urls = ET.fromstring(files["sitemap.xml"]).findall(f"{SM}url")
    assert [u.findtext(f"{SM}loc") for u in urls] == [BASE, BASE + "actors/ab.html", BASE + "articles/a.html"]
    assert urls[2].findtext(f"{SM}lastmod") == "2023-11-06"


def test_same_inputs_same_bytes() -> None:
    assert export_files(*seeds(BASE)) == export_files(*seeds(BASE))


def test_event_url_is_the_timeline_anchor() -> None:
    assert event_url(make_event("abc123", D, D), hand_config(Path("/x"))) == "timeline.html#e-abc123"


def test_only_timeline_events_are_exported(tmp_path: Path) -> None:
    story = hand_story(make_event("shown", D, D), make_event("hidden", D, D, hidden=True),
                       make_event("negated", D, D, status="negated"), make_event("claimed", D, D, status="claimed"),
                       make_event("planned", D, D, status="scheduled"))
    files = export_files(story, hand_config(tmp_path))
    for name in ("timeline.json", "feed.xml", "events.ics"):
        text = files[name].decode()
        assert "e-shown" in text and "e-planned" in text, name
        assert not any(f"e-{i}" in text for i in ("hidden", "negated", "claimed")), name


# --- feed.xml ------------------------------------------------------------------------------


def atom_entries(data: bytes) -> tuple[Any, list[ET.Element]]:
    """Checks what RFC 4287 requires of a feed and each entry (feedparser's ``bozo`` only catches
    malformed XML); returns feedparser's reading and the entries."""
    parsed = feedparser.parse(data)
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    feed = ET.fromstring(data)
    for tag in ("id", "title", "updated"):
        assert (feed.findtext(A + tag) or "").strip(), tag
    datetime.fromisoformat(feed.findtext(A + "updated", "").replace("Z", "+00:00"))
    assert feed.find(f"{A}author/{A}name") is not None
    entries = feed.findall(A + "entry")
    for entry in entries:
        for tag in ("id", "title", "updated", "published"):
            assert (entry.findtext(A + tag) or "").strip(), tag
        for tag in ("updated", "published"):
            datetime.fromisoformat(entry.findtext(A + tag, "").replace("Z", "+00:00"))
        assert entry.find(f"{A}link[@rel='alternate']") is not None
    ids = [e.findtext(A + "id", "") for e in entries]
    assert len(set(ids)) == len(ids)
    assert all(re.match(r"(tag|https?):", i) for i in ids), "entry ids are absolute IRIs"
    return parsed, entries


@pytest.mark.parametrize("base_url", ["", BASE])
def test_atom_feed_parses_with_required_elements(base_url: str) -> None:
    story, config = seeds(base_url)
    parsed, entries = atom_entries(export_files(story, config)["feed.xml"])
    assert len(entries) == sum(e.on_timeline for e in story.events) > 0
    ids = [e.findtext(A + "id", "") for e in entries]
    prefix = BASE + "timeline.html#e-" if base_url else "tag:sitegen.invalid,2023-11-06:e-"
    assert all(i.startswith(prefix) for i in ids)
    assert [e.link for e in parsed.entries][0].startswith(base_url + "timeline.html#e-")


def test_feed_times_come_from_the_articles(tmp_path: Path) -> None:
    feed = ET.fromstring(export_files(hand_story(make_event("x", D, D)), hand_config(tmp_path))["feed.xml"])
    assert feed.findtext(A + "updated") == "2023-11-06T09:30:00+01:00"
    entry = feed.find(A + "entry")
    assert entry is not None and entry.findtext(A + "published") == "2023-11-06T09:30:00+01:00"
    assert entry.findtext(f"{A}author/{A}name") == "Wire & Co"
    assert feed.findtext(A + "id") == "tag:ankara-talks.invalid,2023-11-06:feed"


def test_ids_stable_across_an_unrelated_article(make_story: MakeStory) -> None:
    seed = (REPO / "seeds" / "blinken-meets-turkish-counterpart.md").read_text(encoding="utf-8")
    folder = make_story({"blinken.md": seed})
    old = export_files(*story_of(folder))
    make_story({"budget.md": article("Council passes budget", "2023-11-08",
                                     "The city council approved the budget on Tuesday in Leeds.")})
    new = export_files(*story_of(folder))
    assert old != new
    old_ids = [e.findtext(A + "id") for e in ET.fromstring(old["feed.xml"]).iter(A + "entry")]
    new_ids = [e.findtext(A + "id") for e in ET.fromstring(new["feed.xml"]).iter(A + "entry")]
    assert old_ids and set(old_ids) <= set(new_ids)
    uids = [{str(c["UID"]) for c in icalendar.Calendar.from_ical(f["events.ics"]).walk("VEVENT")} for f in (old, new)]
    assert uids[0] and uids[0] <= uids[1]
    slides = [{s["unique_id"] for s in json.loads(f["timeline.json"])["events"]} for f in (old, new)]
    assert slides[0] <= slides[1]


# --- events.ics ----------------------------------------------------------------------------


def calendar(data: bytes) -> icalendar.Calendar:
    cal = icalendar.Calendar.from_ical(data)
    for component in cal.walk():
        assert not getattr(component, "errors", []), (component.name, component.errors)
    return cal


def ics_events(data: bytes) -> list[Any]:
    """Parses with ``icalendar`` with no component errors and checks what RFC 5545 requires of
    our all-day events (CRLF lines of at most 75 octets); returns the VEVENTs."""
    events = calendar(data).walk("VEVENT")
    assert events and len({str(e["UID"]) for e in events}) == len(events)
    for event in events:
        for key in ("UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY"):
            assert key in event, key
        assert type(event["DTSTART"].dt) is date and type(event["DTEND"].dt) is date
        assert event["DTEND"].dt > event["DTSTART"].dt, str(event["UID"])
    assert all(line.endswith(b"\r") or not line for line in data.split(b"\n"))
    assert max(len(line) for line in data.split(b"\r\n")) <= 75
    return list(events)


@pytest.mark.parametrize("base_url", ["", BASE])
def test_ics_parses_without_errors(base_url: str) -> None:
    story, config = seeds(base_url)
    for event in ics_events(export_files(story, config)["events.ics"]):
        assert event["DTSTAMP"].dt == datetime.fromisoformat("2023-11-06T00:00:00+00:00")
        assert ("URL" in event) == bool(base_url)


@pytest.mark.parametrize("case", INTERVALS, ids=[c[0] for c in INTERVALS])
def test_ics_intervals(case: tuple, tmp_path: Path) -> None:  # type: ignore[type-arg]
    name, _, _, (start, end), _, why = case
    cal = calendar(export_files(interval_story(), hand_config(tmp_path))["events.ics"])
    found = {str(e["UID"]).rsplit(":", 1)[1]: e for e in cal.walk("VEVENT")}
    assert "e-i-unknown" not in found, "an unknown date has no day in a calendar"
    event = found[f"e-i-{name}"]
    assert (event["DTSTART"].dt, event["DTEND"].dt) == (start, end), why
    assert str(event["SUMMARY"]).endswith(")") == (name != "day"), "the label says how sure the date is"


def test_ics_text_escaping_and_folding() -> None:
    assert ics_text("a,b;c\\d\ne\x07") == "a\\,b\\;c\\\\d\\ne"
    line = "SUMMARY:" + "é" * 100
    folded = fold(line)
    assert all(len(part) <= 75 for part in folded.split(b"\r\n"))
    assert folded.replace(b"\r\n ", b"").decode("utf-8") == line + "\r\n"


# --- timeline.json -------------------------------------------------------------------------


def _timelinejs_date(value: dict[str, Any]) -> tuple[int, ...]:
    """A TimelineJS3 date object: ``year`` (required, an integer), then optional month and day
    that make a real date; returns it as a tuple for ordering."""
    assert isinstance(value["year"], int), value
    parts = [value["year"]]
    if "month" in value:
        assert isinstance(value["month"], int) and 1 <= value["month"] <= 12, value
        parts.append(value["month"])
        if "day" in value:
            date(value["year"], value["month"], value["day"])
            parts.append(value["day"])
    else:
        assert "day" not in value, value
    return tuple(parts)


def timelinejs_slides(data: bytes) -> list[dict[str, Any]]:
    """What TimelineJS3 requires of its JSON: an ``events`` list whose slides each have a
    ``start_date`` with a ``year``; and what we promise besides (unique ids, headline, text, a
    group and a display date, an end no earlier than the start); returns the slides."""
    timeline = json.loads(data)
    assert set(timeline["title"]["text"]) == {"headline", "text"}
    slides: list[dict[str, Any]] = timeline["events"]
    assert slides and len({s["unique_id"] for s in slides}) == len(slides)
    for slide in slides:
        start = _timelinejs_date(slide["start_date"])
        if "end_date" in slide:
            assert _timelinejs_date(slide["end_date"]) >= start, slide["unique_id"]
        assert slide["text"]["headline"] and isinstance(slide["text"]["text"], str)
        assert slide["unique_id"].startswith("e-") and slide["group"] and slide["display_date"]
    return slides


def test_timeline_json_has_what_timelinejs_requires() -> None:
    story, config = seeds()
    slides = timelinejs_slides(export_files(story, config)["timeline.json"])
    blinken = next(s for s in slides if s["text"]["headline"] == "Blinken meets Hakan Fidan in Ankara")
    assert blinken["start_date"] == {"year": 2023, "month": 11, "day": 6} and "end_date" not in blinken


@pytest.mark.parametrize("case", INTERVALS, ids=[c[0] for c in INTERVALS])
def test_timeline_json_dates(case: tuple, tmp_path: Path) -> None:  # type: ignore[type-arg]
    name, _, _, _, (start, end), why = case
    slides = {s["unique_id"]: s for s in json.loads(export_files(interval_story(), hand_config(tmp_path))["timeline.json"])["events"]}
    assert "e-i-unknown" not in slides, "TimelineJS requires a start_date"
    slide = slides[f"e-i-{name}"]
    assert (slide["start_date"], slide.get("end_date")) == (start, end), why


# --- hostile text ------------------------------------------------------------------------


@pytest.mark.parametrize("base_url", ["", BASE])
def test_hostile_titles_stay_inert(tmp_path: Path, base_url: str) -> None:
    story = hand_story(make_event("bad", D, D, title=HOSTILE, url="java\tscript:alert(1)"), title=HOSTILE)
    config = hand_config(tmp_path, base_url=base_url, description=HOSTILE)
    config = replace(config, title=HOSTILE)
    files = export_files(story, config)
    for name in ("feed.xml", "sitemap.xml") if base_url else ("feed.xml",):
        ET.fromstring(files[name])  # well-formed XML 1.0
        assert b"<script" not in files[name], name
    assert feedparser.parse(files["feed.xml"]).bozo == 0
    entry = ET.fromstring(files["feed.xml"]).find(A + "entry")
    assert entry is not None and entry.find(f"{A}link[@rel='related']") is None, "no script links"
    assert entry.findtext(A + "title") == '<script>alert("x")</script> & \'q\' line break; a, b \\ c'
    timeline = json.loads(files["timeline.json"])
    headline = timeline["events"][0]["text"]["headline"]
    assert "<" not in headline and headline.startswith("&lt;script&gt;")
    assert "<script" not in timeline["events"][0]["text"]["text"] and "<script" not in timeline["title"]["text"]["text"]
    event = calendar(files["events.ics"]).walk("VEVENT")[0]
    assert str(event["SUMMARY"]) == entry.findtext(A + "title")


def test_json_exports_stay_inert_when_pasted_into_a_page() -> None:
    import json

    from sitegen.render.exports import inert_json

    value = {"title": "</script><script>alert(1)</script> & \u2028"}
    text = inert_json(value)
    assert json.loads(text) == value
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text


# --- the generated corpus ------------------------------------------------------------------


def _timeline_model(site: Path) -> list[dict[str, Any]]:
    events: list[dict[str, Any]] = json.loads((site / "events.json").read_text(encoding="utf-8"))["events"]
    return [e for e in events if e["on_timeline"]]


@pytest.mark.slow
def test_corpus_exports_are_valid(corpus_site: Path) -> None:
    """The built files of the 200-article corpus (no base_url: tag: ids): the feed, the calendar
    and timeline.json each parse, with what their formats require, one item per event."""
    model = _timeline_model(corpus_site)
    dated = {e["id"] for e in model if e["date"]["earliest"] or e["date"]["latest"]}
    assert len(model) > 150, "expected a corpus large enough to split the timeline"

    _, entries = atom_entries((corpus_site / "feed.xml").read_bytes())
    feed_ids = [e.findtext(A + "id", "") for e in entries]
    assert all(i.startswith("tag:") for i in feed_ids), feed_ids[:3]
    assert sorted(i.rsplit(":e-", 1)[1] for i in feed_ids) == sorted(e["id"] for e in model)

    events = ics_events((corpus_site / "events.ics").read_bytes())
    assert sorted(str(e["UID"]).rsplit(":e-", 1)[1] for e in events) == sorted(dated)

    slides = timelinejs_slides((corpus_site / "timeline.json").read_bytes())
    assert sorted(s["unique_id"][2:] for s in slides) == sorted(dated)


def test_feed_and_calendar_show_the_story_title_readers_see(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Untitled stories: the feed and calendar carry the title the pages derive from the articles,
    while ids keep using config.title (so they do not move when a newer article arrives)."""
    from click.testing import CliRunner

    from sitegen.cli import cli

    out = tmp_path / "site"
    assert CliRunner().invoke(cli, ["build", str(REPO / "seeds"), "-o", str(out), "-q"]).exit_code == 0
    feed = (out / "feed.xml").read_text(encoding="utf-8")
    assert "<title>Blinken meets his Turkish counterpart" in feed
    assert "X-WR-CALNAME:Blinken meets his Turkish counterpart" in (out / "events.ics").read_text(encoding="utf-8")
    assert "tag:sitegen.invalid," in feed  # the id scheme is unchanged
