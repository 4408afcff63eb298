"""Configuration: an optional ``sitegen.toml`` plus command-line overrides, validated all at once."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, replace
from datetime import date, datetime, time
from datetime import timezone as dt_timezone
from pathlib import Path
from typing import Any, Callable
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sitegen.errors import ConfigError

CONFIG_NAME = "sitegen.toml"

# key -> (python type, human description). Later features add keys here.
_KEYS: dict[str, tuple[type, str]] = {
    "source": (str, "a folder path"),
    "output": (str, "a folder path"),
    "title": (str, "a string"),
    "description": (str, "a string"),
    "base_url": (str, "an absolute http(s) URL such as 'https://example.org/story/'"),
    "language": (str, "a language tag such as 'en'"),
    "timezone": (str, "an IANA time zone name such as 'Europe/London'"),
    "strict": (bool, "true or false"),
    "as_of": (object, "a date or date-time such as 2023-11-06 or 2023-11-06T18:00:00+00:00"),
    "new_window": (object, "a number of hours such as 24, or a duration such as '36h' or '2d'"),
}


@dataclass(frozen=True, slots=True)
class Config:
    """Everything a build needs to know, with paths already absolute."""

    source: Path
    output: Path
    title: str = "sitegen"
    description: str = ""
    base_url: str = ""
    language: str = "en"
    timezone: str = "UTC"
    strict: bool = False
    config_file: Path | None = None
    as_of: datetime | None = None  # "now" for the briefing; None: the newest article's publication time
    new_window_hours: float = 24.0  # what is new: first reported this long before as_of


def load_config(
    path: Path | None = None,
    *,
    cwd: Path | None = None,
    needs_output: bool = True,
    **overrides: Any,
) -> Config:
    """Load ``path`` (or ``sitegen.toml`` in ``cwd`` if it exists) and apply ``overrides``.

    ``None`` overrides are ignored, so CLI flags that were not given leave the file's values alone.
    Paths in the file resolve against the file's folder; paths given as overrides resolve against
    ``cwd``. With ``needs_output`` false (``sitegen check``) the output folder is not checked. Every problem is collected and raised together as one :class:`ConfigError`, each line
    ``sitegen.toml: key: message``.
    """
    cwd = (cwd or Path.cwd()).resolve()
    problems: list[str] = []
    data: dict[str, Any] = {}
    label = CONFIG_NAME
    base = cwd
    config_file: Path | None = None

    if path is None and (cwd / CONFIG_NAME).is_file():
        path = cwd / CONFIG_NAME
    if path is not None:
        path = (cwd / path).resolve()
        label = _label(path, cwd)
        try:
            raw = path.read_bytes()
        except OSError as err:
            raise ConfigError([f"{label}: cannot be read ({err.strerror or err})"]) from None
        try:
            data = tomllib.loads(raw.decode("utf-8"))
        except UnicodeDecodeError:
            raise ConfigError([f"{label}: is not UTF-8 text (expected a TOML file)"]) from None
        except tomllib.TOMLDecodeError as err:
            where = re.search(r"\s*\(at line (\d+), column \d+\)", str(err))
            message = str(err).replace(where.group(), "") if where else str(err)
            line = f":{where.group(1)}" if where else ""
            raise ConfigError([f"{label}{line}: {message} (expected TOML)"]) from None
        base = path.parent
        config_file = path

    values: dict[str, Any] = {}
    for key in data:
        if key not in _KEYS:
            problems.append(f"{label}: {key}: unknown key (known: {', '.join(_KEYS)})")
        elif not isinstance(data[key], _KEYS[key][0]):
            problems.append(f"{label}: {key}: {data[key]!r} is not {_KEYS[key][1]}")
        else:
            values[key] = data[key]
    sources: dict[str, Path] = {k: base for k in values}
    origins = {k: f"{label}: {k}" for k in values}
    for key, value in overrides.items():
        if value is None:
            continue
        if key not in _KEYS:
            raise TypeError(f"unknown override {key!r}")
        values[key] = value
        sources[key] = cwd
        origins[key] = f"command line: {key}"

    source = (sources.get("source", cwd) / str(values.get("source", "seeds"))).resolve()
    output = (sources.get("output", cwd) / str(values.get("output", "site"))).resolve()
    settings = {k: v for k, v in values.items() if k not in ("source", "output", "as_of", "new_window")}
    config = replace(Config(source=source, output=output, config_file=config_file), **settings)
    if "as_of" in values:
        as_of = _moment(values["as_of"], config.timezone)
        if as_of is None:
            problems.append(f"{origins['as_of']}: {values['as_of']!r} is not {_KEYS['as_of'][1]}")
        config = replace(config, as_of=as_of)
    if "new_window" in values:
        hours = _hours(values["new_window"])
        if hours is None:
            problems.append(f"{origins['new_window']}: {values['new_window']!r} is not {_KEYS['new_window'][1]}")
        else:
            config = replace(config, new_window_hours=hours)
    problems.extend(_validate(config, lambda key: origins.get(key, f"default: {key}"), needs_output))
    if problems:
        raise ConfigError(problems)
    return config


def _validate(config: Config, origin: Callable[[str], str], needs_output: bool) -> list[str]:
    """Problems with the values themselves, each named after where the value came from:
    ``sitegen.toml: key``, ``command line: key`` or ``default: key``."""
    problems = []
    if not config.source.is_dir():
        what = "does not exist" if not config.source.exists() else "is not a folder"
        problems.append(f"{origin('source')}: '{config.source}' {what} (expected the folder of articles)")
    if not needs_output:
        pass
    elif config.output == config.source or config.output.is_relative_to(config.source):
        problems.append(
            f"{origin('output')}: '{config.output}' is inside the source folder '{config.source}'"
            " (it would be read as articles)"
        )
    elif config.source.is_relative_to(config.output):
        problems.append(
            f"{origin('output')}: '{config.output}' contains the source folder '{config.source}'"
            " (publishing would replace the articles)"
        )
    if config.base_url and not (
        config.base_url.startswith(("http://", "https://")) and config.base_url.endswith("/")
    ):
        problems.append(f"{origin('base_url')}: {config.base_url!r} is not {_KEYS['base_url'][1]} ending in '/'")
    if not re.fullmatch(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*", config.language):
        problems.append(f"{origin('language')}: {config.language!r} is not {_KEYS['language'][1]}")
    try:
        ZoneInfo(config.timezone)
    except (ZoneInfoNotFoundError, ValueError):
        problems.append(f"{origin('timezone')}: {config.timezone!r} is not {_KEYS['timezone'][1]}")
    return problems


def _moment(value: Any, timezone: str) -> datetime | None:
    """A date or date-time as an aware date-time; a bare date is the end of that day, a naive
    time is in the story's time zone."""
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value) if "T" in value or " " in value.strip() else date.fromisoformat(value)
        except ValueError:
            return None
    if isinstance(value, datetime):
        moment = value
    elif isinstance(value, date):
        moment = datetime.combine(value, time(23, 59, 59))
    else:
        return None
    if moment.tzinfo is None:
        try:
            moment = moment.replace(tzinfo=ZoneInfo(timezone))
        except (ZoneInfoNotFoundError, ValueError):
            moment = moment.replace(tzinfo=dt_timezone.utc)
    return moment


def _hours(value: Any) -> float | None:
    """24, 36.5, '36h', '2d' -> hours; anything else (or not positive) -> None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value) if value > 0 else None
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([hd])\s*", str(value))
    if not match:
        return None
    hours = float(match.group(1)) * (24 if match.group(2) == "d" else 1)
    return hours if hours > 0 else None


def _label(path: Path, cwd: Path) -> str:
    try:
        return str(path.relative_to(cwd))
    except ValueError:
        return str(path)
