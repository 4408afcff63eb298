"""The example corpus (published Monday 2023-11-06) comes out as the issue lists it."""

from __future__ import annotations

from datetime import date

import pytest
from click.testing import CliRunner

from sitegen.cli import cli
from sitegen.events.model import Event

from .story_tools import REPO, actor_names, dates, events_of, only, read

NOV = lambda day: date(2023, 11, day)  # noqa: E731
PUBLISHED = NOV(6)


@pytest.fixture(scope="module")
def events() -> tuple[Event, ...]:
    return events_of(REPO / "seeds")


def of_type(events: tuple[Event, ...], type_: str, *, actor: str | None = None, word: str | None = None) -> list[Event]:
    return [e for e in events if e.type == type_ and (actor is None or actor in actor_names(e))
            and (word is None or any(word in s.text for s in e.sources))]


def test_the_ankara_meeting_is_monday_6_november_exactly(events: tuple[Event, ...]) -> None:
    meeting = only(of_type(events, "meeting", actor="Antony Blinken", word="Monday morning"))
    assert dates(meeting) == (NOV(6), NOV(6))
    assert meeting.date.label == "6 Nov 2023"
    assert "Hakan Fidan" in actor_names(meeting)
    assert "Ankara" in {p.name for p in meeting.places}
    assert meeting.title == "Blinken meets Hakan Fidan in Ankara"
    assert meeting.status == "reported" and meeting.on_timeline


def test_the_airbase_protest_is_an_honest_interval_ending_on_6_november(events: tuple[Event, ...]) -> None:
    protest = only(of_type(events, "protest"))
    earliest, latest = dates(protest)
    assert latest == NOV(6)
    assert earliest is not None and earliest < latest  # hours before an arrival after the weekend: no single day
    assert earliest >= NOV(3)
    assert "airbase" in protest.title


def test_the_recall_of_the_ambassador_has_no_invented_day(events: tuple[Event, ...]) -> None:
    recall = only(of_type(events, "recall"))
    earliest, latest = dates(recall)
    assert latest is not None and latest <= NOV(6)
    assert earliest is None or earliest < latest
    assert "Turkey" in actor_names(recall)  # "Ankara recalled": the capital acts for its country
    assert recall.title.startswith("Turkey recalls its ambassador")


def test_erdogans_friday_statement_is_3_november(events: tuple[Event, ...]) -> None:
    statement = only(of_type(events, "statement", actor="Recep Tayyip Erdogan", word="on Friday"))
    assert dates(statement) == (NOV(3), NOV(3))


def test_the_weekend_meetings_are_within_4_and_5_november(events: tuple[Event, ...]) -> None:
    weekend = only(of_type(events, "meeting", word="over the weekend"))
    earliest, latest = dates(weekend)
    assert earliest is not None and latest is not None
    assert NOV(4) <= earliest <= latest <= NOV(5)
    assert {"Iraq", "Jordan"} <= {p.name for p in weekend.places}


def test_blinkens_remarks_to_reporters_are_6_november(events: tuple[Event, ...]) -> None:
    remarks = only(of_type(events, "statement", actor="Antony Blinken", word="told reporters"))
    assert dates(remarks) == (NOV(6), NOV(6))  # after the Monday meeting, not after publication


def test_there_is_no_joint_statement_event(events: tuple[Event, ...]) -> None:
    joint = [e for e in events if any("no joint statement" in s.text for s in e.sources) and e.type == "statement"]
    assert all(e.status == "negated" and not e.on_timeline for e in joint)
    assert not any("joint statement" in e.title.lower() and e.on_timeline for e in events)


def test_the_standfirst_is_not_a_second_source(events: tuple[Event, ...]) -> None:
    assert all(len(e.sources) == 1 and e.independent == 1 for e in events)
    story, _ = read(REPO / "seeds")
    standfirst = story.articles[0].standfirst or ""
    assert standfirst and not any(s.text in standfirst for e in events for s in e.sources)


def test_no_event_is_dated_after_publication(events: tuple[Event, ...]) -> None:
    for event in events:
        assert event.status != "scheduled", event.title
        assert event.date.latest is not None and event.date.latest <= PUBLISHED, event.title
        assert event.date.earliest is None or event.date.earliest <= PUBLISHED


def test_every_title_is_short_and_from_the_text(events: tuple[Event, ...]) -> None:
    for event in events:
        assert 0 < len(event.title) <= 80
        assert event.sources[0].text in story_text()


def story_text() -> str:
    story, _ = read(REPO / "seeds")
    return "\n\n".join(p.text for p in story.articles[0].paragraphs)


def test_quotes_have_their_speakers_and_dates() -> None:
    story, _ = read(REPO / "seeds")
    quotes = {q.text[:20]: q for q in story.quotes[story.articles[0].slug]}
    ours = next(q for key, q in quotes.items() if key.startswith("Our priority"))
    assert ours.speaker == "Recep Tayyip Erdogan" and ours.date.earliest == ours.date.latest == NOV(3)
    crises = next(q for key, q in quotes.items() if key.startswith("We discussed the cri"))
    assert crises.speaker == "Antony Blinken"  # "he said": the last person named
    assert crises.date.latest is not None and crises.date.latest <= PUBLISHED


def test_sitegen_events_prints_the_timeline() -> None:
    result = CliRunner().invoke(cli, ["events", str(REPO / "seeds")])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].split()[:4] == ["date", "type", "status", "sources"]
    assert any("6 Nov 2023" in line and "Blinken meets Hakan Fidan in Ankara" in line for line in lines)
    assert any("3 Nov 2023" in line and "Erdogan" in line for line in lines)
    assert not any("joint statement" in line.lower() for line in lines)  # negated: off the timeline
    everything = CliRunner().invoke(cli, ["events", str(REPO / "seeds"), "--all"]).output
    assert any("negated" in line and "joint statement" in line.lower() for line in everything.splitlines())


def test_the_build_publishes_events_json_with_the_documented_fields(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import json

    out = tmp_path / "site"
    result = CliRunner().invoke(cli, ["build", str(REPO / "seeds"), "-o", str(out), "-q"])
    assert result.exit_code == 0, result.output
    first = (out / "events.json").read_bytes()
    model = json.loads(first)
    assert set(model) == {"events", "articles"}
    assert [a["slug"] for a in model["articles"]] == ["blinken-meets-turkish-counterpart"]
    for event in model["events"]:
        assert {"id", "title", "type", "date", "status", "actors", "places", "aliases", "sources"} <= set(event)
        assert set(event["date"]) == {"earliest", "latest", "precision", "label"}
        for source in event["sources"]:
            assert {"article", "text", "start", "end", "url"} <= set(source)
    meeting = next(e for e in model["events"] if e["title"] == "Blinken meets Hakan Fidan in Ankara")
    assert meeting["date"] == {"earliest": "2023-11-06", "latest": "2023-11-06", "precision": "day",
                               "label": "6 Nov 2023"}
    source = meeting["sources"][0]
    story, _ = read(REPO / "seeds")
    assert story_text()[source["start"]:source["end"]] == source["text"]
    CliRunner().invoke(cli, ["build", str(REPO / "seeds"), "-o", str(out), "-q"])
    assert (out / "events.json").read_bytes() == first  # deterministic
    printed = CliRunner().invoke(cli, ["events", str(REPO / "seeds"), "--format", "json"]).output
    assert printed.encode("utf-8") == first


def test_an_article_whose_events_cannot_be_read_is_still_published(make_story, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import sitegen.build

    def broken(article):  # type: ignore[no-untyped-def]
        raise ValueError("boom")

    monkeypatch.setattr(sitegen.build, "extract_events", broken)
    src = make_story({"a.md": "---\ntitle: A\npublished: 2024-03-06\n---\nVarga met Brandt on Tuesday.\n"})
    story, report = read(src)
    assert [a.slug for a in story.articles] == ["a"] and story.events == ()
    assert [(p.path, p.severity) for p in report.problems] == [("a.md", "warning")]
    assert "ValueError: boom" in report.problems[0].message
