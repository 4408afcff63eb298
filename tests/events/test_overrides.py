"""events.toml: each kind of override applies, wins, is marked editorial; problems name file:line."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitegen.events.merge import merge_and_check
from sitegen.events.model import Event
from sitegen.events.overrides import Overrides, load_overrides, parse_overrides

from .test_merge import APART, EARLY, LATE, LOOKBACK, PREVIEW, REPORT, THREE, UNRELATED, UNRELATED_MENTION, days

STORIES = {
    "apart": (APART, [EARLY, LATE]),  # two entries no article links: a-early#0, b-late#0
    "three": (THREE, [PREVIEW, REPORT, LOOKBACK]),  # one entry, courier-preview#0, with two aliases
}


def build(toml: str, story: str = "apart") -> tuple[dict[str, Event], list[str]]:
    """Merge ``story`` and an unrelated article under ``toml``: events by id, and every
    problem as its one line."""
    overrides, problems = parse_overrides(toml, "story/events.toml")
    mentions, articles = STORIES[story]
    events, more = merge_and_check([*mentions, UNRELATED_MENTION], [*articles, UNRELATED], overrides)
    return {e.id: e for e in events}, [str(p) for p in problems + more]


def test_no_file_is_no_overrides(tmp_path: Path) -> None:
    assert load_overrides(tmp_path / "events.toml") == (Overrides(str(tmp_path / "events.toml")), [])


def test_pin_a_date_and_retitle_by_an_alias() -> None:
    events, problems = build('''
[[event]]
id = "ledger-talks#0"   # an alias of courier-preview#0
date = { earliest = "2023-11-05", latest = "2023-11-06" }
title = "Blinken and Fidan meet in Ankara"
note = "the ministry's readout gives two days"
''', "three")
    assert problems == []
    event = events["courier-preview#0"]
    assert event.date == days("2023-11-05", "2023-11-06")
    assert event.title == "Blinken and Fidan meet in Ankara"
    assert event.editorial
    assert [s.date for s in event.sources] == [m.date for m in THREE]  # each source keeps its own
    assert not events["aaa-earlier#0"].editorial


def test_a_pinned_date_settles_a_dispute() -> None:
    events, _ = build('[[event]]\nid = "a-early#0"\nmerge = ["b-late#0"]\n')
    assert not events["a-early#0"].disputed  # the two overlap
    assert events["a-early#0"].date == days("2023-11-06")
    events, _ = build('[[event]]\nid = "a-early#0"\nmerge = ["b-late#0"]\ndate = 2023-11-07\n')
    assert events["a-early#0"].date == days("2023-11-07")


def test_hide_keeps_the_event_in_the_model() -> None:
    events, problems = build('[[event]]\nid = "a-early#0"\nhide = true\n')
    assert problems == []
    assert events["a-early#0"].hidden and not events["a-early#0"].on_timeline and events["a-early#0"].editorial


def test_merge_folds_one_entry_into_another_and_keeps_its_id_as_an_alias() -> None:
    events, problems = build('''
[[event]]
id = "b-late#0"
merge = ["a-early#0"]
''')
    assert problems == []
    assert "b-late#0" not in events  # the founding mention is the earliest: a-early#0
    merged = events["a-early#0"]
    assert merged.aliases == ("b-late#0",)
    assert [s.article for s in merged.sources] == ["a-early", "b-late"]
    assert merged.editorial


def test_add_an_event_with_a_citation() -> None:
    toml = '''
[[add]]
title = "Israel recalls its ambassador to Turkey"
date = "2023-10-28"
type = "recall"
cite = { url = "https://example.org/recall", text = "Israel called its envoys home." }

[[add]]
title = "Blinken lands in Ankara"
date = "2023-11-05"
type = "visit"
status = "reported"
cite = { article = "a-early", text = "Blinken arrived late on Sunday." }
'''
    events, problems = build(toml)
    assert problems == []
    added = [e for e in events.values() if e.id.startswith("add-")]
    assert [e.title for e in added] == ["Israel recalls its ambassador to Turkey", "Blinken lands in Ankara"]
    assert all(e.editorial and e.status == "reported" for e in added)
    assert added[0].sources[0].url == "https://example.org/recall" and added[0].sources[0].article == ""
    assert added[1].sources[0].article == "a-early"
    again, _ = build(toml)
    assert [e.id for e in again.values()] == list(events)  # stable ids, same chronological order
    assert list(events)[0] == added[0].id  # 28 Oct comes first


def test_unknown_ids_are_warnings_naming_the_line() -> None:
    events, problems = build('''[[event]]
id = "a-early#0"
merge = ["gone#3"]

[[event]]
id = "nowhere"
title = "Never applied"
''')
    assert problems == [
        "story/events.toml:3: event 'a-early#0': merge: 'gone#3' is not the id or alias of any event; it is not merged",
        "story/events.toml:5: event 'nowhere' is not the id or alias of any event (its article may have changed"
        " or gone); this entry is ignored",
    ]
    assert len(events) == 3 and not any(e.editorial for e in events.values())


@pytest.mark.parametrize(
    ("entry", "line", "message"),
    [
        ('[[event]]\nid = "a-early#0"\ntitle = "x"\ndate = "2023-13-01"\n', 4,
         "event 'a-early#0': 'date' is '2023-13-01', which is not a calendar date (expected YYYY-MM-DD, YYYY-MM, YYYY"
         " or { earliest = ..., latest = ... }); this entry is not applied"),
        ('[[event]]\nid = "a-early#0"\ndate = { earliest = "2023-11-07", latest = "2023-11-06" }\n', 3,
         "event 'a-early#0': 'date' runs backwards: earliest 2023-11-07 is after latest 2023-11-06 (expected"
         " earliest <= latest); this entry is not applied"),
        ('[[event]]\nid = "a-early#0"\ndate = "last Tuesday"\n', 3,
         "event 'a-early#0': 'date' is 'last Tuesday' (expected YYYY-MM-DD, YYYY-MM, YYYY or { earliest = ...,"
         " latest = ... }); this entry is not applied"),
        ('[[event]]\nid = "a-early#0"\nhide = "yes"\n', 3,
         "event 'a-early#0': 'hide' is 'yes' (expected true or false); this entry is not applied"),
        ('[[event]]\nid = "a-early#0"\ntitel = "typo"\n', 3,
         "event 'a-early#0': unknown key 'titel' (known: id, date, title, hide, merge, note); this entry is not applied"),
        ('[[event]]\nid = "a-early#0"\n', 1,
         "event 'a-early#0': nothing to change (expected one of date, title, hide, merge); this entry is not applied"),
        ('[[event]]\ntitle = "no id"\n', 1,
         "[[event]]: 'id' is missing (expected a non-empty string); this entry is not applied"),
        ('[[add]]\ntitle = "A vote"\ndate = "2023-11-08"\ntype = "vote"\n', 1,
         "[[add]]: 'cite' is missing (expected { url = \"https://...\", text = \"...\" } or { article = \"<slug>\","
         " text = \"...\" }); this entry is not applied"),
        ('[[add]]\ntitle = "A vote"\ndate = "2023-11-08"\ntype = "vote"\nstatus = "rumoured"\n'
         'cite = { url = "https://example.org" }\n', 5,
         "[[add]]: 'status' is 'rumoured' (expected one of reported, scheduled, claimed, negated); this entry is not applied"),
        ('[[add]]\ntitle = "A vote"\ndate = "2023-11-08"\ntype = "vote"\ncite = { url = "ftp://x" }\n', 5,
         "[[add]]: cite 'url' is 'ftp://x' (expected an http(s) address); this entry is not applied"),
        ('[[evnt]]\nid = "x"\n', 1, "unknown table 'evnt' (expected [[event]] or [[add]])"),
        ('[[event]]\nid = "a-early#0"\ntitle = "unclosed\n', 3,
         "Illegal character '\\n' (expected TOML)"),
    ],
)
def test_errors_name_file_line_found_and_expected(entry: str, line: int, message: str) -> None:
    _, problems = parse_overrides(entry, "story/events.toml")
    assert [str(p) for p in problems] == [f"story/events.toml:{line}: {message}"]


def test_a_bad_entry_does_not_stop_the_rest_of_the_file() -> None:
    events, problems = build('''[[event]]
id = "a-early#0"
date = "2023-02-30"
title = "Not applied: the date is wrong"

[[event]]
id = "b-late#0"
title = "Talks in Ankara run into the night"
''')
    assert problems == [
        "story/events.toml:3: event 'a-early#0': 'date' is '2023-02-30', which is not a calendar date (expected"
        " YYYY-MM-DD, YYYY-MM, YYYY or { earliest = ..., latest = ... }); this entry is not applied"
    ]
    assert events["a-early#0"].title == "Blinken sits down with Hakan Fidan" and not events["a-early#0"].editorial
    assert events["b-late#0"].title == "Talks in Ankara run into the night"


def test_month_and_year_dates() -> None:
    overrides, problems = parse_overrides('[[event]]\nid = "x"\ndate = "2023-11"\n[[event]]\nid = "y"\ndate = "2024"\n')
    assert problems == []
    assert [o.date for o in overrides.events] == [days("2023-11-01", "2023-11-30"), days("2024-01-01", "2024-12-31")]


def test_the_file_is_read_from_disk_with_its_label(tmp_path: Path) -> None:
    path = tmp_path / "events.toml"
    path.write_bytes(b"[[event]]\nid = \"a\"\nhide = 1\n")
    _, problems = load_overrides(path, "seeds/events.toml")
    assert [str(p) for p in problems] == [
        "seeds/events.toml:3: event 'a': 'hide' is 1 (expected true or false); this entry is not applied"
    ]
    path.write_bytes(b"\xff\xfe")
    assert [str(p) for p in load_overrides(path, "seeds/events.toml")[1]] == [
        "seeds/events.toml: is not UTF-8 text (expected a TOML file)"
    ]
