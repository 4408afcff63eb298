"""Front matter between ``---`` lines (YAML, as Jekyll and Hugo write it), with line numbers.

Dates are not left to YAML: its timestamp rule would turn ``2023-02-30`` into a crash and a
naive datetime into an unspecified zone. They stay strings here and are parsed strictly by
:func:`parse_published`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from typing import Any

import yaml

from sitegen.errors import SourceError


# Bounds the walk over the YAML node graph: aliases can make a few lines stand for billions of
# values ("billion laughs"); no honest front matter comes near this.
MAX_VALUES = 10_000


@dataclass(frozen=True, slots=True)
class FrontMatter:
    """The values as written, the file line of each key, and where the body starts (1-based).

    Scalars stay the text the author typed: YAML 1.1 would turn a title ``12:30`` into 750,
    a source ``010`` into 8 and a title ``No`` into false. Only ``null``/empty becomes ``None``.
    Sequences become lists and mappings dicts (of the same plain values).
    """

    values: dict[str, Any]
    lines: dict[str, int]
    body: str
    body_line: int


def split(text: str, path: str) -> FrontMatter | None:
    """Parse the front matter at the top of ``text``; ``None`` if the file has none.

    Raises :class:`SourceError` naming the line for an unclosed block, bad YAML, or a block that
    is not a mapping of keys to values.
    """
    lines = text.split("\n")
    if lines[0].rstrip() != "---":
        return None
    for end in range(1, len(lines)):
        if lines[end].rstrip() in ("---", "..."):
            break
    else:
        raise SourceError(path, 1, "front matter opened with '---' is never closed (expected a closing '---' line)")
    try:
        node = yaml.compose("\n".join(lines[1:end]), Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = 2 + mark.line if mark else 1
        problem = (err.problem or err.context or "invalid YAML").strip()
        raise SourceError(path, line, f"malformed front matter: {problem} (expected 'key: value' lines)") from None
    except yaml.YAMLError as err:
        raise SourceError(path, 1, f"malformed front matter: {err} (expected 'key: value' lines)") from None
    except RecursionError:
        raise SourceError(path, 2, "malformed front matter: nested too deeply (expected 'key: value' lines)") from None
    if node is None:
        return FrontMatter({}, {}, "\n".join(lines[end + 1 :]), end + 2)
    if not isinstance(node, yaml.MappingNode):
        raise SourceError(path, 2, "front matter is not a list of 'key: value' lines (expected a YAML mapping)")
    values: dict[str, Any] = {}
    key_lines: dict[str, int] = {}
    budget = [MAX_VALUES]
    for key_node, value_node in node.value:
        line = 2 + key_node.start_mark.line
        if not isinstance(key_node, yaml.ScalarNode) or not key_node.value:
            raise SourceError(path, line, "a front matter key is not a name (expected 'key: value')")
        if key_node.value in key_lines:
            raise SourceError(path, line, f"'{key_node.value[:60]}' is given twice, first on line"
                              f" {key_lines[key_node.value]} (expected each key once)")
        try:
            values[key_node.value] = _plain(value_node, budget)
        except _TooLarge:
            raise SourceError(path, line, f"'{key_node.value}' holds more than {MAX_VALUES} values, counting"
                              " what YAML aliases repeat (expected short front matter)") from None
        key_lines[key_node.value] = line
    return FrontMatter(values, key_lines, "\n".join(lines[end + 1 :]), end + 2)


class _TooLarge(Exception):
    pass


def _plain(node: yaml.Node, budget: list[int]) -> Any:
    """The value of ``node`` as plain text, lists and dicts, visiting at most ``budget[0]`` nodes."""
    budget[0] -= 1
    if budget[0] < 0:
        raise _TooLarge
    if isinstance(node, yaml.ScalarNode):
        return None if node.tag == "tag:yaml.org,2002:null" else node.value
    if isinstance(node, yaml.SequenceNode):
        return [_plain(item, budget) for item in node.value]
    return {str(_plain(k, budget)): _plain(v, budget) for k, v in node.value}


def parse_published(value: Any, tz: tzinfo) -> tuple[date, datetime | None]:
    """Read a ``published``/``updated`` value: ``YYYY-MM-DD`` or an ISO datetime.

    A datetime with a UTC offset keeps its own calendar day (``2023-11-06T23:30-05:00`` is the 6th,
    not the 7th in UTC); a naive datetime is read in ``tz``. Raises ``ValueError`` with the
    expectation spelled out.
    """
    text = str(value).strip() if isinstance(value, (str, int, float)) else None
    if text is None or not text:
        raise ValueError(f"is {value!r} (expected YYYY-MM-DD or an ISO 8601 datetime)")
    if len(text) == 10 and text[4] == "-" and text[7] == "-":
        try:
            return date.fromisoformat(text), None
        except ValueError:
            raise ValueError(f"is {_short(text)}, which is not a calendar date (expected YYYY-MM-DD)") from None
    try:
        stamp = datetime.fromisoformat(text.replace(" ", "T", 1))
    except ValueError:
        raise ValueError(f"is {_short(text)} (expected YYYY-MM-DD or an ISO 8601 datetime)") from None
    if stamp.tzinfo is None:
        stamp = stamp.replace(tzinfo=tz)
    return stamp.date(), stamp


def _short(text: str, limit: int = 60) -> str:
    return repr(text) if len(text) <= limit else repr(text[: limit - 8]) + "..."
