"""Reading the TOML data files that rules and vocabularies live in, with their lines kept for
messages that point at them."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any, Callable

_LINE = re.compile(r"line (\d+)")


def read_toml(path: Path, error: Callable[[int, str], Exception]) -> tuple[dict[str, Any], list[str]]:
    """``path``'s table and its lines. A syntax error raises ``error(line, message)``, so each
    caller reports it in its own terms (``file:line: is not valid TOML: ...``)."""
    raw = path.read_text(encoding="utf-8")
    try:
        return tomllib.loads(raw), raw.splitlines()
    except tomllib.TOMLDecodeError as err:
        m = _LINE.search(str(err))
        raise error(int(m.group(1)) if m else 1, f"is not valid TOML: {err}") from None
