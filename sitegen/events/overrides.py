"""Editorial overrides: an optional ``events.toml`` in the story's source folder.

An editor can correct what merging found and add what the articles do not give. Every entry
that changes or adds an event marks it ``editorial``; overrides always win over the articles.

```toml
[[event]]                       # change an event found in the articles
id = "e1a2b3c4d5"               # its id or any of its aliases (old ids keep working)
date = "2023-11-06"             # pin the date: YYYY-MM-DD, YYYY-MM (that month), YYYY (that year)
                                # or { earliest = "2023-11-04", latest = "2023-11-05" } (either may go)
title = "Blinken meets Fidan in Ankara"
hide = true                     # keep it in the model, off the timeline
merge = ["0f9e8d7c6b"]          # fold these events into this one (ids or aliases)
note = "why the editor changed it"

[[add]]                         # an event no article gives
title = "Israel recalls its ambassador to Turkey"
date = "2023-10-28"             # as above
type = "recall"                 # an event type
status = "reported"             # optional: reported (default), scheduled, claimed, negated
cite = { url = "https://example.org/recall", text = "what the source says" }
                                # or cite = { article = "<slug>", text = "..." }
note = "..."
```

An ``[[event]]`` needs ``id`` and at least one change; an ``[[add]]`` needs ``title``, ``date``,
``type`` and ``cite`` (with ``url`` or ``article``). An added event's id is ``add-`` and ten hex
digits of a SHA-256 of its title, date and citation: stable while those stay the same, and the
hyphen keeps it apart from every id found in the articles.

:func:`load_overrides` checks the file; each problem names the file and line (of the key when it
can be found, else of the entry's ``[[...]]`` header), what was found and what was expected.
An entry with an error is left out and the rest of the file still applies. Ids that match no
event are only known once events are merged: :func:`sitegen.events.merge.merge_and_check`
reports them as warnings.
"""

from __future__ import annotations

import hashlib
import re
import tomllib
from calendar import monthrange
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any, TypeVar, cast, get_args

from sitegen.errors import Problem
from sitegen.events.model import DateRange, Status

OVERRIDES_NAME = "events.toml"
ADDED_PREFIX = "add-"

_EVENT_KEYS = ("id", "date", "title", "hide", "merge", "note")
_ADD_KEYS = ("title", "date", "type", "status", "cite", "note")
_CITE_KEYS = ("url", "article", "text")
_DATE_EXPECTED = "YYYY-MM-DD, YYYY-MM, YYYY or { earliest = ..., latest = ... }"
_HEADER = re.compile(r"^\s*\[\[\s*(event|add)\s*\]\]\s*(?:#.*)?$")
_OTHER_HEADER = re.compile(r"^\s*\[")
_KEY = re.compile(r"^\s*([A-Za-z0-9_-]+)\s*=")
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Citation:
    """Where an added event comes from: a web page (``url``) or an article of the story
    (``article``, its slug), and what it says."""

    url: str | None
    article: str | None
    text: str


@dataclass(frozen=True, slots=True)
class EventOverride:
    """One ``[[event]]``: changes to the event whose id or alias is ``id``. ``None`` leaves a
    field as merging found it. ``line`` is the entry's header line; ``merge_line`` the line of
    its ``merge`` key."""

    id: str
    line: int
    date: DateRange | None = None
    title: str | None = None
    hide: bool | None = None
    merge: tuple[str, ...] = ()
    merge_line: int = 0
    note: str = ""


@dataclass(frozen=True, slots=True)
class AddedEvent:
    """One ``[[add]]``: an event given by the editor, with its stable ``id``."""

    id: str
    line: int
    title: str
    date: DateRange
    type: str
    status: Status
    cite: Citation
    note: str = ""


@dataclass(frozen=True, slots=True)
class Overrides:
    """Everything a story's ``events.toml`` says, in file order. ``path`` is how problems name
    the file."""

    path: str = OVERRIDES_NAME
    events: tuple[EventOverride, ...] = ()
    added: tuple[AddedEvent, ...] = ()


def load_overrides(path: Path, label: str | None = None) -> tuple[Overrides, list[Problem]]:
    """Read ``path`` (a missing file is no overrides and no problem). ``label`` is how problems
    name the file (default: the path as given). Returns what could be read and every problem."""
    name = label if label is not None else str(path)
    empty = Overrides(name)
    if not path.is_file():
        return empty, []
    try:
        text = path.read_bytes().decode("utf-8")
    except OSError as err:
        return empty, [Problem(name, None, f"cannot be read ({err.strerror or err})")]
    except UnicodeDecodeError:
        return empty, [Problem(name, None, "is not UTF-8 text (expected a TOML file)")]
    return parse_overrides(text, name)


def parse_overrides(text: str, label: str = OVERRIDES_NAME) -> tuple[Overrides, list[Problem]]:
    """:func:`load_overrides` for text already read."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        where = re.search(r"\s*\(at line (\d+), column \d+\)", str(err))
        message = str(err).replace(where.group(), "") if where else str(err)
        line = int(where.group(1)) if where else None
        return Overrides(label), [Problem(label, line, f"{message} (expected TOML)")]
    blocks = _blocks(text)
    problems: list[Problem] = []
    for key in data:
        if key not in ("event", "add"):
            problems.append(Problem(label, _top_line(text, key), f"unknown table '{key}' (expected [[event]] or [[add]])"))
    events = list(_each(data, "event", blocks, label, problems, text, _read_event))
    added = list(_each(data, "add", blocks, label, problems, text, _read_added))
    seen: dict[str, int] = {}
    unique: list[AddedEvent] = []
    for item in added:
        if item.id in seen:
            problems.append(Problem(label, item.line, f"this [[add]] repeats the one on line {seen[item.id]}"
                                    " (same title, date and citation); it is ignored", "warning"))
            continue
        seen[item.id] = item.line
        unique.append(item)
    return Overrides(label, tuple(events), tuple(unique)), problems


def _each(
    data: dict[str, Any],
    kind: str,
    blocks: dict[str, list[tuple[int, dict[str, int]]]],
    label: str,
    problems: list[Problem],
    text: str,
    reader: Callable[[dict[str, Any], _Entry], T | None],
) -> Iterator[T]:
    """The entries of ``[[kind]]`` that ``reader`` accepts without an error."""
    tables = data.get(kind, [])
    if not isinstance(tables, list):
        problems.append(Problem(label, _top_line(text, kind), f"'{kind}' is a single table (expected [[{kind}]] entries)"))
        return
    for table, (line, keys) in zip(tables, blocks[kind], strict=False):
        entry = _Entry(label, line, keys, problems)
        value = reader(table, entry)
        if value is not None and not entry.failed:
            yield value


class _Entry:
    """One ``[[...]]`` table being read: reports problems at the line of a key, or of the header."""

    def __init__(self, label: str, line: int, keys: dict[str, int], problems: list[Problem]) -> None:
        self.label, self.line, self.keys, self.problems = label, line, keys, problems
        self.failed = False

    def error(self, key: str | None, message: str) -> None:
        line = self.keys.get(key, self.line) if key else self.line
        self.problems.append(Problem(self.label, line, f"{message}; this entry is not applied"))
        self.failed = True

    def unknown_keys(self, table: dict[str, Any], known: tuple[str, ...], what: str) -> None:
        for key in table:
            if key not in known:
                self.error(key, f"{what}: unknown key '{key}' (known: {', '.join(known)})")

    def text(self, table: dict[str, Any], key: str, what: str, required: bool = False) -> str | None:
        value = table.get(key)
        if value is None:
            if required:
                self.error(None, f"{what}: '{key}' is missing (expected a non-empty string)")
            return None
        if not isinstance(value, str) or not value.strip():
            self.error(key, f"{what}: '{key}' is {value!r} (expected a non-empty string)")
            return None
        return value.strip()

    def date(self, table: dict[str, Any], what: str, required: bool = False) -> DateRange | None:
        if "date" not in table:
            if required:
                self.error(None, f"{what}: 'date' is missing (expected {_DATE_EXPECTED})")
            return None
        found = parse_date(table["date"])
        if isinstance(found, str):
            self.error("date", f"{what}: 'date' {found}")
            return None
        return found


def _read_event(table: dict[str, Any], entry: _Entry) -> EventOverride | None:
    ident = entry.text(table, "id", "[[event]]", required=True)
    what = f"event '{ident}'" if ident else "[[event]]"
    entry.unknown_keys(table, _EVENT_KEYS, what)
    when = entry.date(table, what)
    title = entry.text(table, "title", what)
    note = entry.text(table, "note", what) or ""
    hide = table.get("hide")
    if hide is not None and not isinstance(hide, bool):
        entry.error("hide", f"{what}: 'hide' is {hide!r} (expected true or false)")
    merge = table.get("merge", [])
    if isinstance(merge, str):
        merge = [merge]
    if not isinstance(merge, list) or not all(isinstance(m, str) and m.strip() for m in merge):
        entry.error("merge", f"{what}: 'merge' is {merge!r} (expected a list of event ids)")
        merge = []
    if ident is None:
        return None
    if when is None and title is None and hide is None and not merge and not entry.failed:
        entry.error(None, f"{what}: nothing to change (expected one of date, title, hide, merge)")
        return None
    others = tuple(dict.fromkeys(m.strip() for m in merge if m.strip() != ident))
    return EventOverride(ident, entry.line, when, title, hide, others, entry.keys.get("merge", entry.line), note)


def _read_added(table: dict[str, Any], entry: _Entry) -> AddedEvent | None:
    what = "[[add]]"
    entry.unknown_keys(table, _ADD_KEYS, what)
    title = entry.text(table, "title", what, required=True)
    when = entry.date(table, what, required=True)
    kind = entry.text(table, "type", what, required=True)
    status = table.get("status", "reported")
    if status not in get_args(Status):
        entry.error("status", f"{what}: 'status' is {status!r} (expected one of {', '.join(get_args(Status))})")
    note = entry.text(table, "note", what) or ""
    cite = _citation(table.get("cite"), entry)
    if title is None or when is None or kind is None or cite is None or entry.failed:
        return None
    return AddedEvent(added_id(title, when, cite), entry.line, title, when, kind, cast(Status, status), cite, note)


def _citation(value: Any, entry: _Entry) -> Citation | None:
    expected = "expected { url = \"https://...\", text = \"...\" } or { article = \"<slug>\", text = \"...\" }"
    if value is None:
        entry.error(None, f"[[add]]: 'cite' is missing ({expected})")
        return None
    if not isinstance(value, dict):
        entry.error("cite", f"[[add]]: 'cite' is {value!r} ({expected})")
        return None
    entry.unknown_keys(value, _CITE_KEYS, "[[add]]: cite")
    url, article, text = value.get("url"), value.get("article"), value.get("text", "")
    if (url is None) == (article is None):
        entry.error("cite", f"[[add]]: 'cite' gives {'both url and article' if url else 'neither url nor article'} ({expected})")
        return None
    if url is not None and not (isinstance(url, str) and re.match(r"https?://\S+$", url)):
        entry.error("cite", f"[[add]]: cite 'url' is {url!r} (expected an http(s) address)")
        return None
    if article is not None and not (isinstance(article, str) and article.strip()):
        entry.error("cite", f"[[add]]: cite 'article' is {article!r} (expected an article's slug)")
        return None
    if not isinstance(text, str):
        entry.error("cite", f"[[add]]: cite 'text' is {text!r} (expected a string)")
        return None
    return Citation(url, article.strip() if isinstance(article, str) else None, text.strip())


def added_id(title: str, when: DateRange, cite: Citation) -> str:
    """``add-`` + 10 hex digits of a SHA-256 of the added event's title, date and citation."""
    parts = (title, str(when.earliest), str(when.latest), cite.url or "", cite.article or "", cite.text)
    return ADDED_PREFIX + hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:10]


def parse_date(value: Any) -> DateRange | str:
    """An override's ``date`` as a :class:`DateRange`, or what is wrong with it (a phrase that
    follows "'date' ...")."""
    if isinstance(value, dict):
        unknown = [k for k in value if k not in ("earliest", "latest")]
        if unknown or not value:
            return f"is {value!r} (expected {_DATE_EXPECTED})"
        ends: list[date | None] = []
        for key in ("earliest", "latest"):
            if value.get(key) is None:
                ends.append(None)
                continue
            end = parse_date(value[key])
            if isinstance(end, str):
                return f"'{key}' {end}"
            ends.append(end.earliest if key == "earliest" else end.latest)
        lo, hi = ends
        if lo is not None and hi is not None and lo > hi:
            return f"runs backwards: earliest {lo} is after latest {hi} (expected earliest <= latest)"
        return DateRange(lo, hi)
    if isinstance(value, date) and not isinstance(value, datetime):
        return DateRange(value, value)
    if isinstance(value, str):
        text = value.strip()
        try:
            if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
                day = date.fromisoformat(text)
                return DateRange(day, day)
            if re.fullmatch(r"\d{4}-\d{2}", text):
                year, month = int(text[:4]), int(text[5:])
                return DateRange(date(year, month, 1), date(year, month, monthrange(year, month)[1]))
            if re.fullmatch(r"\d{4}", text):
                return DateRange(date(int(text), 1, 1), date(int(text), 12, 31))
        except ValueError:
            return f"is {value!r}, which is not a calendar date (expected {_DATE_EXPECTED})"
    return f"is {value!r} (expected {_DATE_EXPECTED})"


def _blocks(text: str) -> dict[str, list[tuple[int, dict[str, int]]]]:
    """For each ``[[event]]``/``[[add]]`` header in file order: its line and the line of each
    key written directly under it. tomllib gives no line numbers for values; the n-th header
    of a kind is the n-th table tomllib returns. (A header inside a multi-line string would
    throw this off; the lines are then only approximate.)"""
    blocks: dict[str, list[tuple[int, dict[str, int]]]] = {"event": [], "add": []}
    keys: dict[str, int] | None = None
    for number, line in enumerate(text.splitlines(), start=1):
        header = _HEADER.match(line)
        if header:
            keys = {}
            blocks[header.group(1)].append((number, keys))
        elif _OTHER_HEADER.match(line):
            keys = None
        elif keys is not None and (key := _KEY.match(line)):
            keys.setdefault(key.group(1), number)
    return blocks


def _top_line(text: str, key: str) -> int | None:
    """The first line that opens or sets ``key`` at the top of the file."""
    pattern = re.compile(rf"^\s*(\[\[?\s*{re.escape(key)}\s*\]|{re.escape(key)}\s*=)")
    for number, line in enumerate(text.splitlines(), start=1):
        if pattern.match(line):
            return number
    return None
