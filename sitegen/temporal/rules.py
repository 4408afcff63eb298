"""Load vocabularies and rules from TOML, check them, compile them once.

Problems raise :class:`RuleError` naming the file, the line and the rule, for example
``temporal/data/en/rules.toml:41: rule 'weekday-bare' uses vocabulary '{wekday}' (known: weekday, month, ...)``.
"""

from __future__ import annotations

import re
from re import _parser  # type: ignore[attr-defined]
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

from sitegen.datafile import read_toml

from .anchors import EventWords
from .matcher import ANY, Matcher, build_matcher, first_pairs, first_words, trie
from .model import RuleError
from .resolve import NumberWords
from .tense import TenseCues, load_cues

DATA = Path(__file__).parent / "data" / "en"
TYPES = ("DATE", "TIME", "DURATION", "SET")
FLAGS = re.IGNORECASE
_REF = re.compile(r"\{(~?)([a-z_]+)(?::([a-z_0-9]+))?\}")
_RULE_FIELDS = {
    "name", "type", "pattern", "resolve", "value", "args", "mod", "priority", "examples",
    "reject_before", "reject_after", "require_before", "require_after", "case_sensitive", "note",
    "keep_ref_before",
}
_EXAMPLE_FIELDS = {"text", "published", "expect", "span", "type", "mod", "note", "others"}
# A space in a pattern or a vocabulary form: any run of whitespace holding at most one line
# break, so a match never runs across a blank line (a paragraph break). Unambiguous: linear.
SPACE = r"(?:[^\S\n]+(?:\n[^\S\n]*)?|\n[^\S\n]*)"


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """A word vocabulary (surface form -> key) or a pattern vocabulary (regex + normaliser name)."""

    name: str
    regex: str  # an alternation without capturing groups
    forms: Mapping[str, str]  # case-folded surface form -> key; empty for pattern vocabularies
    triggers: frozenset[str]
    normalize: str | None = None


@dataclass(frozen=True, slots=True)
class Example:
    text: str
    published: date | None
    expect: str  # the value; "" means this rule must not tag anything here
    span: str | None
    type: str | None
    mod: str | None
    line: int
    others: tuple[str, ...] = ()  # with expect = "": the spans other rules tag there (default: none)


@dataclass(frozen=True, slots=True)
class Rule:
    name: str
    type: str
    pattern: str  # as written in the rule file
    source: str  # the expanded regular expression
    flags: int
    first_pairs: frozenset[tuple[str, str]]  # the first two words a match can begin with (see matcher.first_pairs)
    fields: tuple[tuple[int, str, Vocabulary | None], ...]  # each named group: (number, name in a mention, vocabulary)
    resolve: str | None
    value: str | None
    args: Mapping[str, Any]
    mod: str | None
    priority: int
    reject_before: re.Pattern[str] | None
    reject_after: re.Pattern[str] | None
    require_before: re.Pattern[str] | None
    require_after: re.Pattern[str] | None
    examples: tuple[Example, ...]
    path: str
    line: int
    # searched before the match like require_before: when found, the mention is background
    # ("After a flat second quarter") and does not become the reference time (tagger)
    keep_ref_before: re.Pattern[str] | None = None

    @property
    def first_words(self) -> frozenset[str]:
        """The words a match can begin with."""
        return first_words(self.first_pairs)

    @property
    def regex(self) -> re.Pattern[str]:
        """The rule alone, compiled (``re`` caches it); the tagger runs rules through ``matcher``."""
        return re.compile(self.source, self.flags)


@dataclass(frozen=True, slots=True)
class RuleSet:
    vocabularies: Mapping[str, Vocabulary]
    rules: tuple[Rule, ...]
    trigger: re.Pattern[str]  # the prefilter
    trigger_kinds: Mapping[str, frozenset[str]]  # case-folded trigger word -> categories
    by_name: Mapping[str, Rule] = field(default_factory=dict)
    matcher: Matcher | None = None
    lexicon: frozenset[str] = frozenset()  # every word of every vocabulary and pattern (case-folded)
    tense: TenseCues | None = None  # the [tense] cue lists of the vocabulary file (tense.py)
    numbers: NumberWords | None = None  # [number] and [counting]: how number words add up (resolve.parse_count)
    dct_cut: Mapping[str, str] = field(default_factory=dict)  # [dct_cut]: first word -> "until"/"from" (tagger.bound_interval)
    events: EventWords | None = None  # [eventnoun] and [eventverb]: the events a date beside them dates (anchors.py)
    place_gap: re.Pattern[str] | None = None  # [placeprep]: a place phrase between a clock time and its day (tagger._clock_day)
    list_join: re.Pattern[str] | None = None  # [listjoin]: words that join a day to a list of days ahead (tagger._listed_after_future)
    order: Mapping[str, int] = field(default_factory=dict)  # rule name -> its place in the files (extract.select's last tie-break)


def _short(path: Path) -> str:
    parts = path.parts
    if "temporal" in parts:
        return "/".join(parts[parts.index("temporal"):])
    return str(path)


def _read(path: Path) -> tuple[dict[str, Any], list[str]]:
    return read_toml(path, lambda line, message: RuleError(_short(path), line, "", message))


def _find_line(lines: list[str], needle: str, start: int = 0, stop: int | None = None) -> int:
    """1-based number of the first line in ``lines[start:stop]`` containing ``needle``, else ``start + 1``."""
    for i in range(start, len(lines) if stop is None else stop):
        if needle in lines[i]:
            return i + 1
    return start + 1


def _find_header(lines: list[str], table: str) -> int:
    """1-based number of the line that opens ``table`` (``[tense]``), not one that mentions it."""
    for i, line in enumerate(lines):
        if line.startswith(table):
            return i + 1
    return 1


def _alternation(forms: list[str]) -> str:
    """All forms as one character trie (longest first at every branch); a space matches ``SPACE``."""
    return trie(sorted(set(forms)), space=SPACE)


def load_vocabularies(path: Path) -> tuple[dict[str, Vocabulary], tuple[str, ...], frozenset[str]]:
    data, lines = _read(path)
    where = _short(path)
    data.pop("tense", None)  # tense cues, read by tense.load_cues
    data.pop("counting", None)  # how number words add up, read by _number_words
    data.pop("dct_cut", None)  # read by _dct_cut
    data.pop("event_context", None)  # read by _event_words
    triggers = tuple(data.pop("triggers", ()))
    stopwords = frozenset(data.pop("not_triggers", ()))
    regex_tables = data.pop("regex", {})
    vocabs: dict[str, Vocabulary] = {}
    for name, table in data.items():
        if not isinstance(table, dict):
            raise RuleError(where, _find_line(lines, name), "", f"vocabulary {name!r} must be a table of lists")
        forms: dict[str, str] = {}
        for key, words in table.items():
            if not isinstance(words, list) or not all(isinstance(w, str) and w.strip() for w in words):
                line = _find_line(lines, f"[{name}]")
                raise RuleError(where, _find_line(lines, str(key), line), "", f"vocabulary {name!r}: {key!r} must be a list of words")
            for w in words:
                form = " ".join(w.casefold().split())
                forms[form] = str(key)
                forms[form.replace("'", "\u2019")] = str(key)  # typographic apostrophe: "New Year’s Day"
        kinds = frozenset({name}) if name in triggers else frozenset()
        if kinds and any(f[:1].isdigit() for f in forms):
            kinds |= {"digit"}
        vocabs[name] = Vocabulary(name, _alternation(list(forms)), MappingProxyType(forms), kinds)
    for name, spec in regex_tables.items():
        line = _find_line(lines, f"[regex.{name}]")

        def sub(m: re.Match[str], name: str = name, line: int = line) -> str:
            ref = m.group(2)
            if ref not in vocabs:
                raise RuleError(where, line, "", f"pattern vocabulary {name!r} uses unknown vocabulary '{{{ref}}}'")
            return f"(?:{vocabs[ref].regex})"

        pattern = _REF.sub(sub, spec.get("pattern", ""))
        try:
            re.compile(pattern, FLAGS)
        except re.error as err:
            raise RuleError(where, line, "", f"pattern vocabulary {name!r} is not a valid regex: {err}") from None
        vocabs[name] = Vocabulary(name, pattern, MappingProxyType({}), frozenset(spec.get("triggers", ())), spec.get("normalize"))
    return vocabs, triggers, stopwords


def spaces_to_regex(pattern: str) -> str:
    """A space in a rule pattern (outside a character class) matches ``SPACE``: whitespace
    with at most one line break."""
    out = []
    in_class = False
    escaped = False
    for ch in pattern:
        if escaped:
            out.append(ch)
            escaped = False
            continue
        if ch == "\\":
            escaped = True
        elif ch == "[":
            in_class = True
        elif ch == "]":
            in_class = False
        elif ch == " " and not in_class:
            out.append(SPACE)
            continue
        out.append(ch)
    return "".join(out)


def load_rules(patterns: Path, rule_files: list[Path], known_resolvers: Mapping[str, Callable[..., Any]]) -> RuleSet:
    vocabs, trigger_names, stopwords = load_vocabularies(patterns)
    kinds: dict[str, set[str]] = {}
    for name in trigger_names:
        v = vocabs.get(name)
        if v is None:
            continue
        for form in v.forms:
            for token in re.split(r"[\s-]+", form):
                token = token.rstrip(".")
                if token and token not in stopwords and not token[0].isdigit():
                    kinds.setdefault(token, set()).add(name)
    # digits: not money, decimals or big counts. Matched against the lower-cased text: a
    # case-sensitive regex with one leading lookbehind scans several times faster.
    trigger = re.compile(
        r"(?<![\w$.,£€])(?:\d{1,4}(?![\d%]|[.,]\d)|['\u2019]\d\d|(?:" + trie(sorted(kinds)) + r")(?!\w))"
    )
    frozen_kinds = MappingProxyType({w: frozenset(k) for w, k in kinds.items()})
    rules: list[Rule] = []
    seen: dict[str, str] = {}
    for path in rule_files:
        rules.extend(_load_rule_file(path, vocabs, known_resolvers, seen))
    ruleset = tuple(rules)
    lexicon: set[str] = set()
    for v in vocabs.values():
        for form in v.forms:
            lexicon.update(re.findall(r"[^\W_]+", form))
    for rule in rules:
        lexicon.update(re.findall(r"[a-z]+", _REF.sub(" ", rule.pattern).casefold()))
    return RuleSet(
        MappingProxyType(vocabs), ruleset, trigger, frozen_kinds,
        MappingProxyType({r.name: r for r in rules}), build_matcher(ruleset), frozenset(lexicon),
        _tense_cues(patterns), _number_words(patterns, vocabs), _dct_cut(patterns), _event_words(patterns, vocabs),
        _place_gap(vocabs), _list_join(vocabs), MappingProxyType({r.name: i for i, r in enumerate(ruleset)}),
    )


def _list_join(vocabs: Mapping[str, Vocabulary]) -> re.Pattern[str] | None:
    """A word of ``[listjoin]`` between two days of a list."""
    v = vocabs.get("listjoin")
    return re.compile(rf"\b(?:{v.regex})\b", re.I) if v is not None else None


def _place_gap(vocabs: Mapping[str, Vocabulary]) -> re.Pattern[str] | None:
    """What may stand between a clock time and the day after it: a short place phrase and "on"."""
    v = vocabs.get("placeprep")
    if v is None:
        return None
    place = _alternation([f for f, k in v.forms.items() if k == "place"])
    day = _alternation([f for f, k in v.forms.items() if k == "day"])
    # lower-case words without a full stop: "in the village. On Tuesday" is another sentence's day
    return re.compile(rf"\s+(?:(?-i:{place})\s+(?:[\w'\u2019-]+\s+){{1,4}}?)?(?:(?-i:{day})\s+)?", re.I)


def _event_words(patterns: Path, vocabs: Mapping[str, Vocabulary]) -> EventWords | None:
    """[eventnoun], [eventverb] and the [event_context] words (anchors.py); None without them."""
    nouns, verbs = vocabs.get("eventnoun"), vocabs.get("eventverb")
    data, lines = _read(patterns)
    table = data.get("event_context")
    if nouns is None or verbs is None or table is None:
        return None
    where, line = _short(patterns), _find_header(lines, "[event_context]")
    if not isinstance(table, dict) or not all(
        isinstance(v, list) and v and all(isinstance(w, str) and w.strip() for w in v) for v in table.values()
    ):
        raise RuleError(where, line, "", "[event_context] must be a table of lists of words")
    try:
        return EventWords.from_tables(nouns.forms, verbs.forms, {k: [w.casefold() for w in v] for k, v in table.items()})
    except (ValueError, re.error) as err:
        raise RuleError(where, line, "", str(err)) from None


DCT_CUTS = ("until", "from")


def _dct_cut(patterns: Path) -> Mapping[str, str]:
    """The [dct_cut] table: case-folded first word -> "until" or "from"."""
    data, lines = _read(patterns)
    table = data.get("dct_cut", {})
    where, line = _short(patterns), _find_header(lines, "[dct_cut]")
    if not isinstance(table, dict):
        raise RuleError(where, line, "", "[dct_cut] must be a table of lists")
    out: dict[str, str] = {}
    for key, words in table.items():
        if key not in DCT_CUTS:
            raise RuleError(where, _find_line(lines, str(key), line - 1), "", f"[dct_cut] has key {key!r} (expected one of {', '.join(DCT_CUTS)})")
        if not isinstance(words, list) or not all(isinstance(w, str) and w.strip() and len(w.split()) == 1 for w in words):
            raise RuleError(where, _find_line(lines, str(key), line - 1), "", f"[dct_cut] {key!r} must be a list of single words")
        out.update((w.casefold().strip(), key) for w in words)
    return MappingProxyType(out)


def _number_words(patterns: Path, vocabs: Mapping[str, Vocabulary]) -> NumberWords:
    data, lines = _read(patterns)
    number = vocabs.get("number")
    if number is None:
        raise RuleError(_short(patterns), 1, "", "has no [number] vocabulary (the values of number words)")
    try:
        return NumberWords.from_tables(number.forms, data.get("counting", {}))
    except ValueError as err:
        table = str(err).split(" ", 1)[0]  # the message names its table: "[counting.quantity] key ..."
        raise RuleError(_short(patterns), _find_header(lines, table), "", str(err)) from None


def _tense_cues(patterns: Path) -> TenseCues:
    try:
        return load_cues(patterns)
    except (ValueError, re.error) as err:
        data, lines = _read(patterns)
        raise RuleError(_short(patterns), _find_header(lines, "[tense]"), "", str(err)) from None


def _compile_ctx(raw: str | None, where: str, line: int, rule: str, key: str,
                 vocabs: Mapping[str, Vocabulary] | None = None) -> re.Pattern[str] | None:
    """A context regex; ``{~vocabulary}`` in it stands for the vocabulary's forms (no group)."""
    if raw is None:
        return None
    if vocabs is not None:
        def sub(m: re.Match[str]) -> str:
            if not m.group(1) or m.group(2) not in vocabs:
                raise RuleError(where, line, rule, f"{key} may use only a known vocabulary as '{{~name}}', not {m.group(0)!r}")
            return f"(?:{vocabs[m.group(2)].regex})"
        raw = _REF.sub(sub, raw)
    try:
        return re.compile(raw, FLAGS)
    except re.error as err:
        raise RuleError(where, line, rule, f"{key} is not a valid regex: {err}") from None


def _load_rule_file(
    path: Path,
    vocabs: Mapping[str, Vocabulary],
    resolvers: Mapping[str, Callable[..., Any]],
    seen: dict[str, str],
) -> list[Rule]:
    data, lines = _read(path)
    where = _short(path)
    headers = [i for i, line in enumerate(lines) if line.strip() == "[[rule]]"]
    out: list[Rule] = []
    for n, spec in enumerate(data.get("rule", [])):
        first = headers[n] if n < len(headers) else 0
        stop = headers[n + 1] if n + 1 < len(headers) else len(lines)
        name = str(spec.get("name", f"#{n + 1}"))

        def fail(key: str, message: str, needle: str | None = None) -> RuleError:
            return RuleError(where, _find_line(lines, needle or key, first, stop), name, message)

        unknown = set(spec) - _RULE_FIELDS
        if unknown:
            key = sorted(unknown)[0]
            raise fail(key, f"has unknown field {key!r} (known: {', '.join(sorted(_RULE_FIELDS))})")
        if "name" not in spec:
            raise fail("[[rule]]", "has no name")
        if name in seen:
            raise fail("name", f"is defined twice (first at {seen[name]})")
        seen[name] = f"{where}:{_find_line(lines, 'name', first, stop)}"
        rtype = spec.get("type")
        if rtype not in TYPES:
            raise fail("type", f"has type {rtype!r} (expected one of {', '.join(TYPES)})")
        if ("resolve" in spec) == ("value" in spec):
            raise fail("name", "needs exactly one of 'resolve' (a function in resolve.py) or 'value' (a fixed value)")
        resolver = spec.get("resolve")
        if resolver is not None and resolver not in resolvers:
            raise fail("resolve", f"uses resolver {resolver!r} (known: {', '.join(sorted(resolvers))})")
        pattern = spec.get("pattern")
        if not isinstance(pattern, str) or not pattern:
            raise fail("pattern", "has no pattern")
        groups: dict[str, str] = {}

        def sub(m: re.Match[str]) -> str:
            silent, ref, group = m.groups()
            if ref not in vocabs:
                known = ", ".join(sorted(vocabs))
                raise fail("pattern", f"uses vocabulary '{{{ref}}}' (known: {known})", m.group(0))
            if silent:
                return f"(?:{vocabs[ref].regex})"
            gname = group or ref
            k = 1
            while gname in groups:  # alternatives may reuse a name: "{year}" twice -> year, year__2
                k += 1
                gname = f"{group or ref}__{k}"
            groups[gname] = ref
            return f"(?P<{gname}>{vocabs[ref].regex})"

        expanded = _REF.sub(sub, spaces_to_regex(pattern))
        flags = 0 if spec.get("case_sensitive") else FLAGS
        source = r"(?<![\w$£€])(?:" + expanded + r")(?![\w])"
        try:
            parsed = _parser.parse(source, flags)  # checks the pattern; compiled later, in buckets
        except re.error as err:
            raise fail("pattern", f"has an invalid pattern: {err}") from None
        group_names = tuple(sorted(parsed.state.groupdict, key=parsed.state.groupdict.__getitem__))
        pairs = first_pairs(parsed)
        if ANY in first_words(pairs):
            raise fail("pattern", "can begin with any word (start it with a literal word, a number or a {vocabulary})")
        for g in group_names:
            groups.setdefault(g, "")
        examples = []
        for ex in spec.get("examples", []):
            eline = _find_line(lines, str(ex.get("text", "")), first, stop)
            bad = set(ex) - _EXAMPLE_FIELDS
            if bad or "text" not in ex or "expect" not in ex:
                raise RuleError(where, eline, name, f"has an example without text/expect or with unknown fields {sorted(bad)}")
            pub = ex.get("published")
            try:
                published = date.fromisoformat(pub) if pub else None
            except (TypeError, ValueError):
                raise RuleError(where, eline, name, f"example published is {pub!r} (expected YYYY-MM-DD)") from None
            others = ex.get("others", [])
            if not isinstance(others, list) or not all(isinstance(o, str) for o in others):
                raise RuleError(where, eline, name, f"example others is {others!r} (expected a list of spans)")
            examples.append(
                Example(ex["text"], published, str(ex["expect"]), ex.get("span"), ex.get("type"), ex.get("mod"), eline, tuple(others))
            )
        args = spec.get("args", {})
        out.append(
            Rule(
                name=name,
                type=rtype,
                pattern=pattern,
                source=source,
                flags=flags,
                first_pairs=pairs,
                fields=tuple((parsed.state.groupdict[g], g.split("__", 1)[0], vocabs.get(groups[g])) for g in group_names),
                resolve=resolver,
                value=spec.get("value"),
                args=MappingProxyType(dict(args)),
                mod=spec.get("mod"),
                priority=int(spec.get("priority", 0)),
                reject_before=_compile_ctx(spec.get("reject_before"), where, first + 1, name, "reject_before", vocabs),
                reject_after=_compile_ctx(spec.get("reject_after"), where, first + 1, name, "reject_after", vocabs),
                require_before=_compile_ctx(spec.get("require_before"), where, first + 1, name, "require_before", vocabs),
                require_after=_compile_ctx(spec.get("require_after"), where, first + 1, name, "require_after", vocabs),
                examples=tuple(examples),
                path=where,
                line=first + 1,
                keep_ref_before=_compile_ctx(spec.get("keep_ref_before"), where, first + 1, name, "keep_ref_before", vocabs),
            )
        )
    return out


@lru_cache(maxsize=1)
def default_rules() -> RuleSet:
    """The English rules shipped in ``data/en``, loaded and compiled once per process."""
    from .resolve import RESOLVERS

    files = sorted(p for p in DATA.glob("rules*.toml"))
    return load_rules(DATA / "patterns.toml", files, RESOLVERS)
