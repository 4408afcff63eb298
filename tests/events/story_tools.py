"""Read a story folder into its merged timeline, as ``sitegen events`` does."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sitegen.build import BuildReport, read_story
from sitegen.config import load_config
from sitegen.events.model import Event
from sitegen.model import Story

REPO = Path(__file__).resolve().parents[2]
CORPORA = REPO / "tests" / "corpora"


def read(source: Path) -> tuple[Story, BuildReport]:
    config = load_config(None, needs_output=False, cwd=REPO, source=source)
    report = BuildReport()
    return read_story(config, report), report


def events_of(source: Path) -> tuple[Event, ...]:
    story, report = read(source)
    assert not report.errors, report.errors
    return story.events


def actor_names(event: Event) -> set[str]:
    return {a.name for a in event.actors}


def dates(event: Event) -> tuple[date | None, date | None]:
    return event.date.earliest, event.date.latest


def only(events: list[Event]) -> Event:
    assert len(events) == 1, [(e.title, e.date.label) for e in events]
    return events[0]
