"""Front matter between ``---`` lines (YAML, as Jekyll and Hugo write it), with line numbers.

Dates are not left to YAML: its timestamp rule would turn ``2023-02-30`` into a crash and a
naive datetime into an unspecified zone. They stay strings here and are parsed strictly by
:func:`parse_published`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from typing import Any

import yaml

from sitegen.errors import SourceError


class _Loader(yaml.SafeLoader):
    """YAML's safe loader without implicit timestamps (dates are parsed by us) and where only
    ``true``/``false`` are booleans: YAML 1.1 would read a title ``No`` or a source ``ON`` as one."""


_Loader.yaml_implicit_resolvers = {
    first: [
        (tag, regexp)
        for tag, regexp in resolvers
        if tag not in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool")
    ]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))


@dataclass(frozen=True, slots=True)
class FrontMatter:
    """The parsed mapping, the file line of each key, and where the body starts (1-based)."""

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
    block = "\n".join(lines[1:end])
    try:
        node = yaml.compose(block, Loader=_Loader)
        values = yaml.load(block, Loader=_Loader) if node is not None else {}
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = 2 + mark.line if mark else 1
        problem = (err.problem or err.context or "invalid YAML").strip()
        raise SourceError(path, line, f"malformed front matter: {problem} (expected 'key: value' lines)") from None
    except yaml.YAMLError as err:
        raise SourceError(path, 1, f"malformed front matter: {err} (expected 'key: value' lines)") from None
    except RecursionError:
        raise SourceError(path, 2, "malformed front matter: nested too deeply (expected 'key: value' lines)") from None
    if not isinstance(values, dict) or not isinstance(node, (yaml.MappingNode, type(None))):
        raise SourceError(path, 2, "front matter is not a list of 'key: value' lines (expected a YAML mapping)")
    key_lines: dict[str, int] = {}
    if node is not None:
        for key_node, _ in node.value:
            key_lines[str(key_node.value)] = 2 + key_node.start_mark.line
    for key in values:
        if not isinstance(key, str):
            raise SourceError(path, key_lines.get(str(key), 2), f"front matter key {key!r} is not a name (expected text)")
    return FrontMatter(values=values, lines=key_lines, body="\n".join(lines[end + 1 :]), body_line=end + 2)


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
            raise ValueError(f"is {text!r}, which is not a calendar date (expected YYYY-MM-DD)") from None
    try:
        stamp = datetime.fromisoformat(text.replace(" ", "T", 1))
    except ValueError:
        raise ValueError(f"is {text!r} (expected YYYY-MM-DD or an ISO 8601 datetime)") from None
    if stamp.tzinfo is None:
        stamp = stamp.replace(tzinfo=tz)
    return stamp.date(), stamp
