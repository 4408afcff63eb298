#!/usr/bin/env python3
"""TempEval-3 Task A scorer for ``sitegen.temporal`` (timex extraction + normalisation).

Run from the repository root::

    python benchmarks/tempeval.py                      # our tagger + dateparser reference
    python benchmarks/tempeval.py --folder TimeBank    # development set only
    python benchmarks/tempeval.py --list               # every error of our tagger
    python benchmarks/tempeval.py --dump errors.tsv    # same, written to a file
    python benchmarks/tempeval.py --tagger gold-echo --no-dateparser   # must score 1.0

Gold: ``/work/shared/corpora/tempeval3-train`` (TimeBank = development set,
AQUAINT = held-out check).  Offsets are character offsets into the text content of
``<TEXT>`` (tags removed, entities decoded, first character = the newline after
``<TEXT>``).  The DCT and empty TIMEX3s are not part of the gold.

Scoring follows TempEval-3 Task A (UzZaman et al. 2013):

* strict match  = identical (start, end); relaxed match = overlapping spans.  Each gold
  and each system timex takes part in at most one match (strict pairs are fixed first,
  then the remaining overlaps greedily by largest overlap, ties by position).
* attribute (type, value) P = relaxed matches with the correct attribute / system
  timexes, R = the same / gold timexes.  Value = exact string equality of TIMEX3
  ``value``; ``mod`` is reported separately as accuracy over relaxed matches.
* per gold type T: recall over gold of type T, precision over system timexes whose
  own type is T.
"""
from __future__ import annotations

import argparse
import collections
import datetime as dt
import gc
import json
import os
import re
import statistics
import sys
import time
import xml.etree.ElementTree as ET
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Callable, Iterable

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = Path("/work/shared/corpora/tempeval3-train")
FOLDERS = ("TimeBank", "AQUAINT")
TYPES = ("DATE", "TIME", "DURATION", "SET")

# Published counts of the corpus README; the loader must reproduce them exactly.
EXPECTED = {
    "docs": {"TimeBank": 183, "AQUAINT": 73},
    "timex": {"TimeBank": 1243, "AQUAINT": 579},
    "chars": {"TimeBank": 338989, "AQUAINT": 189711},
    "types": {"DATE": 1505, "DURATION": 257, "TIME": 30, "SET": 30},
}


# --------------------------------------------------------------------------- data


@dataclass(frozen=True)
class Span:
    """A timex, gold or system.  ``rule`` is ``None`` for gold."""

    start: int
    end: int
    text: str
    type: str
    value: str
    mod: str | None = None
    rule: str | None = None


@dataclass
class Doc:
    doc_id: str
    folder: str
    dct: dt.date | None
    text: str
    gold: list[Span] = field(default_factory=list)


# ------------------------------------------------------------------------- loader


def _parse_date(value: str | None) -> dt.date | None:
    if not value:
        return None
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})", value)
    return dt.date(int(m[1]), int(m[2]), int(m[3])) if m else None


def text_and_tags(text_el: ET.Element) -> tuple[str, list[tuple[ET.Element, int, int]]]:
    """The plain text inside ``<TEXT>`` and every element in it with its character span, in
    document order (a parent after its children)."""
    parts: list[str] = []
    tagged: list[tuple[ET.Element, int, int]] = []
    pos = 0

    def walk(el: ET.Element) -> None:
        nonlocal pos
        if el.text:
            parts.append(el.text)
            pos += len(el.text)
        for child in el:
            start = pos
            walk(child)
            tagged.append((child, start, pos))
            if child.tail:
                parts.append(child.tail)
                pos += len(child.tail)

    walk(text_el)
    return "".join(parts), tagged


def parse_timeml(xml_text: str | bytes, doc_id: str = "?", folder: str = "?") -> Doc:
    """Parse one TimeML document into its TEXT content, DCT and gold TIMEX3 spans."""
    root = ET.fromstring(xml_text)
    dct = None
    for dct_el in root.iter("DCT"):
        for t in dct_el.iter("TIMEX3"):
            dct = _parse_date(t.get("value"))
    text_el = root.find(".//TEXT")
    if text_el is None:
        raise ValueError(f"{doc_id}: no <TEXT> element")

    text, tagged = text_and_tags(text_el)
    gold = sorted((Span(start, end, text[start:end], el.get("type", ""), el.get("value", ""), el.get("mod"))
                   for el, start, end in tagged
                   if el.tag == "TIMEX3" and end > start and el.get("functionInDocument") != "CREATION_TIME"),
                  key=lambda s: (s.start, s.end))
    return Doc(doc_id, folder, dct, text, gold)


def load_corpus(root: Path = DEFAULT_CORPUS, folders: Iterable[str] = FOLDERS) -> list[Doc]:
    docs = []
    for folder in folders:
        for path in sorted((root / folder).glob("*.tml")):
            docs.append(parse_timeml(path.read_bytes(), path.stem, folder))
    return docs


def corpus_counts(docs: list[Doc]) -> dict:
    counts: dict = {"docs": {}, "timex": {}, "chars": {}, "types": {}}
    for d in docs:
        counts["docs"][d.folder] = counts["docs"].get(d.folder, 0) + 1
        counts["timex"][d.folder] = counts["timex"].get(d.folder, 0) + len(d.gold)
        counts["chars"][d.folder] = counts["chars"].get(d.folder, 0) + len(d.text)
        for g in d.gold:
            counts["types"][g.type] = counts["types"].get(g.type, 0) + 1
    return counts


def self_check(docs: list[Doc]) -> dict:
    """Assert the loader reproduces the README counts (full corpus only)."""
    counts = corpus_counts(docs)
    for key, expected in EXPECTED.items():
        assert counts[key] == expected, f"loader {key}: got {counts[key]}, expected {expected}"
    for d in docs:
        assert d.dct is not None, f"{d.doc_id}: no DCT"
        assert d.text.startswith("\n"), f"{d.doc_id}: TEXT does not start with a newline"
    return counts


# ----------------------------------------------------------------------- matching


def match(gold: list[Span], system: list[Span]) -> list[tuple[int, int]]:
    """One-to-one relaxed alignment of gold and system indices.

    Identical spans are paired first; the remaining overlapping pairs are taken greedily
    by largest overlap (ties: earlier gold, then earlier system).  Deterministic.
    """
    pairs: list[tuple[int, int]] = []
    used_g: set[int] = set()
    used_s: set[int] = set()
    by_span: dict[tuple[int, int], list[int]] = collections.defaultdict(list)
    for j, s in enumerate(system):
        by_span[(s.start, s.end)].append(j)
    for i, g in enumerate(gold):
        cands = by_span.get((g.start, g.end))
        if cands:
            j = cands.pop(0)
            pairs.append((i, j))
            used_g.add(i)
            used_s.add(j)
    cand: list[tuple[int, int, int]] = []
    for i, g in enumerate(gold):
        if i in used_g:
            continue
        for j, s in enumerate(system):
            if j in used_s:
                continue
            ov = min(g.end, s.end) - max(g.start, s.start)
            if ov > 0:
                cand.append((-ov, i, j))
    for _, i, j in sorted(cand):
        if i not in used_g and j not in used_s:
            pairs.append((i, j))
            used_g.add(i)
            used_s.add(j)
    return sorted(pairs)


def _prf(tp: int, n_sys: int, n_gold: int) -> dict:
    p = tp / n_sys if n_sys else (1.0 if n_gold == 0 else 0.0)
    r = tp / n_gold if n_gold else (1.0 if n_sys == 0 else 0.0)
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"P": p, "R": r, "F1": f}


@dataclass
class Counts:
    """Sufficient statistics; add them up over documents, then call ``figures``."""

    n_gold: int = 0
    n_sys: int = 0
    strict: int = 0
    relaxed: int = 0
    type_ok: int = 0
    value_ok: int = 0
    mod_ok: int = 0
    # per type: gold-side and system-side numerators/denominators
    g_n: collections.Counter = field(default_factory=collections.Counter)
    s_n: collections.Counter = field(default_factory=collections.Counter)
    g_rel: collections.Counter = field(default_factory=collections.Counter)
    s_rel: collections.Counter = field(default_factory=collections.Counter)
    g_strict: collections.Counter = field(default_factory=collections.Counter)
    s_strict: collections.Counter = field(default_factory=collections.Counter)
    g_val: collections.Counter = field(default_factory=collections.Counter)
    s_val: collections.Counter = field(default_factory=collections.Counter)

    def add(self, other: "Counts") -> None:
        for k, v in vars(other).items():
            cur = getattr(self, k)
            if isinstance(cur, collections.Counter):
                cur.update(v)
            else:
                setattr(self, k, cur + v)

    def figures(self) -> dict:
        out = {
            "gold": self.n_gold, "system": self.n_sys,
            "strict": _prf(self.strict, self.n_sys, self.n_gold),
            "relaxed": _prf(self.relaxed, self.n_sys, self.n_gold),
            "type": _prf(self.type_ok, self.n_sys, self.n_gold),
            "value": _prf(self.value_ok, self.n_sys, self.n_gold),
            "mod_accuracy": self.mod_ok / self.relaxed if self.relaxed else None,
            "by_type": {},
        }
        for t in sorted(set(TYPES) | set(self.g_n) | set(self.s_n),
                        key=lambda t: (t not in TYPES, TYPES.index(t) if t in TYPES else 0, t)):
            def pr(gk, sk):
                p = sk[t] / self.s_n[t] if self.s_n[t] else None
                r = gk[t] / self.g_n[t] if self.g_n[t] else None
                f = 2 * p * r / (p + r) if p is not None and r is not None and p + r else (
                    0.0 if p is not None and r is not None else None)
                return {"P": p, "R": r, "F1": f}
            out["by_type"][t] = {
                "gold": self.g_n[t], "system": self.s_n[t],
                "strict": pr(self.g_strict, self.s_strict),
                "relaxed": pr(self.g_rel, self.s_rel),
                "value": pr(self.g_val, self.s_val),
            }
        return out


def score_doc(gold: list[Span], system: list[Span],
              pairs: list[tuple[int, int]] | None = None) -> Counts:
    if pairs is None:
        pairs = match(gold, system)
    c = Counts(n_gold=len(gold), n_sys=len(system))
    c.g_n.update(g.type for g in gold)
    c.s_n.update(s.type for s in system)
    for i, j in pairs:
        g, s = gold[i], system[j]
        c.relaxed += 1
        c.g_rel[g.type] += 1
        c.s_rel[s.type] += 1
        if (g.start, g.end) == (s.start, s.end):
            c.strict += 1
            c.g_strict[g.type] += 1
            c.s_strict[s.type] += 1
        if g.type == s.type:
            c.type_ok += 1
        if g.value == s.value:
            c.value_ok += 1
            c.g_val[g.type] += 1
            c.s_val[s.type] += 1
        if (g.mod or None) == (s.mod or None):
            c.mod_ok += 1
    return c


def score(gold: list[Span], system: list[Span]) -> dict:
    """Score one gold/system list pair; returns the figures dict."""
    return score_doc(gold, system).figures()


def score_corpus(docs: list[Doc], outputs: dict[str, list[Span]]) -> dict:
    """Figures overall, per folder and per gold type (inside each)."""
    total = Counts()
    per_folder: dict[str, Counts] = {}
    for d in docs:
        c = score_doc(d.gold, outputs[d.doc_id])
        total.add(c)
        per_folder.setdefault(d.folder, Counts()).add(c)
    return {"overall": total.figures(),
            "folders": {f: c.figures() for f, c in per_folder.items()}}


# ------------------------------------------------------------------------ taggers


def _sitegen_tagger() -> Callable[[str, dt.date | None], list[Span]]:
    if str(REPO_ROOT) not in sys.path:
        sys.path.insert(0, str(REPO_ROOT))
    from sitegen.temporal import tag  # noqa: PLC0415

    def run(text: str, dct: dt.date | None) -> list[Span]:
        return [Span(t.start, t.end, getattr(t, "text", text[t.start:t.end]),
                     str(t.type), str(t.value), getattr(t, "mod", None) or None,
                     getattr(t, "rule", None) or "?")
                for t in tag(text, dct)]

    run.raw = tag  # type: ignore[attr-defined]
    return run


def _dateparser_tagger() -> Callable[[str, dt.date | None], list[Span]]:
    from dateparser.search import search_dates  # noqa: PLC0415

    def run(text: str, dct: dt.date | None) -> list[Span]:
        settings = {"PREFER_DATES_FROM": "past"}
        if dct is not None:
            settings["RELATIVE_BASE"] = dt.datetime(dct.year, dct.month, dct.day)
        found = search_dates(text, languages=["en"], settings=settings) or []
        out, pos = [], 0
        for sub, when in found:
            k = text.find(sub, pos)
            if k < 0:  # dateparser may normalise whitespace; skip what cannot be placed
                continue
            out.append(Span(k, k + len(sub), sub, "DATE", when.strftime("%Y-%m-%d"),
                            None, "dateparser"))
            pos = k + len(sub)
        return out

    return run


def make_tagger(name: str, docs: list[Doc]) -> Callable[[str, dt.date | None], list[Span]]:
    if name == "sitegen":
        return _sitegen_tagger()
    if name == "dateparser":
        return _dateparser_tagger()
    if name == "gold-echo":  # stand-in that returns the gold: must score 1.0
        by_text = {d.text: d.gold for d in docs}
        return lambda text, dct: [Span(g.start, g.end, g.text, g.type, g.value, g.mod, "gold")
                                  for g in by_text.get(text, [])]
    raise ValueError(f"unknown tagger {name!r}")


def check_outputs(docs: list[Doc], outputs: dict[str, list[Span]]) -> list[str]:
    """Sanity problems in system output (bad offsets, text not equal to text[start:end])."""
    problems = []
    for d in docs:
        for s in outputs[d.doc_id]:
            if not (0 <= s.start < s.end <= len(d.text)):
                problems.append(f"{d.doc_id}: bad offsets {s.start}-{s.end} ({s.rule})")
            elif d.text[s.start:s.end] != s.text:
                problems.append(f"{d.doc_id}: text {s.text!r} != text[{s.start}:{s.end}] "
                                f"{d.text[s.start:s.end]!r} ({s.rule})")
            if s.type not in TYPES:
                problems.append(f"{d.doc_id}: unknown type {s.type!r} ({s.rule})")
    return problems


# ------------------------------------------------------------------------- timing


def run_timed(tagger, docs: list[Doc], repeats: int) -> tuple[dict[str, list[Span]], dict]:
    """Run ``tagger`` over all docs once cold (first use: rule loading and compiling, timed and
    reported apart), then ``repeats`` times warm; outputs of the first run + timing. The median
    is over the warm runs: the steady state a build sees after its first article."""
    n_chars = sum(len(d.text) for d in docs)
    gc.collect()
    w0 = time.perf_counter()
    outputs = {d.doc_id: tagger(d.text, d.dct) for d in docs}
    cold = time.perf_counter() - w0
    walls, cpus = [], []
    for _ in range(repeats):
        gc.collect()
        w0, c0 = time.perf_counter(), time.process_time()
        out = {d.doc_id: tagger(d.text, d.dct) for d in docs}
        walls.append(time.perf_counter() - w0)
        cpus.append(time.process_time() - c0)
        if out != outputs:
            print("WARNING: tagger output differs between repeats (not deterministic)")
    if not walls:  # a single (slow reference) run: the cold run is the measurement
        walls, cpus = [cold], []
    rates = sorted(n_chars / w for w in walls if w > 0) or [float("inf")]
    timing = {
        "chars": n_chars, "repeats": len(walls), "wall_s": walls, "cpu_s": cpus, "cold_s": cold,
        "chars_per_s_median": statistics.median(rates),
        "chars_per_s_min": rates[0], "chars_per_s_max": rates[-1], "cold_chars_per_s": n_chars / cold,
        "chars_per_cpu_s_median": statistics.median(n_chars / c for c in cpus if c > 0)
        if any(c > 0 for c in cpus) else None,
    }
    return outputs, timing


# ------------------------------------------------------------------------- errors


def shape(s: str) -> str:
    """Abstract a value: digits -> 9, so 1998-01-08 and 1998-01-07 group together."""
    return re.sub(r"\d", "9", s) if s else "''"


def _ctx(text: str, start: int, end: int, width: int = 35) -> str:
    left = text[max(0, start - width):start]
    right = text[end:end + width]
    return (left + "[" + text[start:end] + "]" + right).replace("\n", " ")


@dataclass
class Error:
    kind: str
    doc_id: str
    gold: Span | None
    system: Span | None
    example: str
    context: str
    detail: str = ""


def find_errors(docs: list[Doc], outputs: dict[str, list[Span]]) -> list[Error]:
    """All errors, one per (match facet): missed, spurious, span, type, value, mod."""
    errors: list[Error] = []
    for d, kind, g, s in losses(docs, outputs):
        if kind == "missed":
            errors.append(Error(f"missed {g.type}", d.doc_id, g, None,
                                g.text.lower(), _ctx(d.text, g.start, g.end), shape(g.value)))
        elif kind == "spurious":
            errors.append(Error(f"spurious {s.rule}", d.doc_id, None, s,
                                s.text.lower(), _ctx(d.text, s.start, s.end), s.type))
        else:
            ctx = _ctx(d.text, min(g.start, s.start), max(g.end, s.end))
            if (g.start, g.end) != (s.start, s.end):
                if s.start <= g.start and s.end >= g.end:
                    how = "too long"
                elif s.start >= g.start and s.end <= g.end:
                    how = "too short"
                else:
                    how = "shifted"
                errors.append(Error(f"span {how} {s.rule}", d.doc_id, g, s,
                                    f"gold {g.text!r} vs ours {s.text!r}", ctx))
            if g.type != s.type:
                errors.append(Error(f"wrong type {s.rule}: gold {g.type} vs ours {s.type}",
                                    d.doc_id, g, s, f"{g.text!r}", ctx))
            if g.value != s.value:
                hint = ""
                if shape(g.value) == shape(s.value):  # same granularity: anchoring/direction
                    hint = " (ours later)" if s.value > g.value else " (ours earlier)"
                errors.append(Error(
                    f"wrong value {s.rule}: gold {shape(g.value)} vs ours {shape(s.value)}{hint}",
                    d.doc_id, g, s, f"{s.text!r}: {g.value} vs {s.value}", ctx))
            if (g.mod or None) != (s.mod or None):
                errors.append(Error(f"wrong mod {s.rule}: gold {g.mod} vs ours {s.mod}",
                                    d.doc_id, g, s, f"{g.text!r}", ctx))
    return errors


def error_kinds(errors: list[Error], n: int = 10, n_examples: int = 3) -> list[dict]:
    """The ``n`` most frequent error kinds with their most frequent examples."""
    groups: dict[str, list[Error]] = collections.defaultdict(list)
    for e in errors:
        groups[e.kind].append(e)
    out = []
    for kind, errs in sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0]))[:n]:
        ex = collections.Counter(e.example for e in errs)
        k_ex = n_examples + 2 if kind.startswith(("missed", "spurious")) else n_examples
        top = sorted(ex.items(), key=lambda kv: (-kv[1], kv[0]))[:k_ex]
        item = {"kind": kind, "count": len(errs),
                "examples": [{"example": k, "count": c} for k, c in top]}
        if kind.startswith(("missed", "spurious")):
            det = collections.Counter(e.detail for e in errs)
            item["breakdown"] = sorted(det.items(), key=lambda kv: (-kv[1], kv[0]))[:6]
        out.append(item)
    return out


def format_error_line(e: Error) -> str:
    g, s = e.gold, e.system
    gs = f"{g.text!r} {g.type} {g.value}" + (f" mod={g.mod}" if g.mod else "") + \
        f" @{g.start}-{g.end}" if g else "-"
    ss = f"{s.text!r} {s.type} {s.value}" + (f" mod={s.mod}" if s.mod else "") + \
        f" @{s.start}-{s.end} rule={s.rule}" if s else "-"
    return "\t".join([e.doc_id, e.kind, "gold: " + gs, "ours: " + ss, "ctx: " + e.context])


# -------------------------------------------------------------------------- audit


def _phrase(s: str) -> str:
    return " ".join(s.casefold().split())


_PREV_WORD = re.compile(r"([^\W_]+)[^\w]*$")


def _use(text: str, start: int, end: int) -> tuple[str, str]:
    """A phrase in one use: the word before it (case-folded) and the phrase as written (spaces
    folded), so "Orangemen march" is no use of the month "March" and "in the weeks before" none
    of "After weeks of"."""
    m = _PREV_WORD.search(text, max(0, start - 40), start)
    return (m.group(1).casefold() if m else "", " ".join(text[start:end].split()))


_POD = re.compile(r"T(?:MO|AF|EV|NI|DT)$")


_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_BARE_WEEKDAY = re.compile(r"(?i)^(" + "|".join(_WEEKDAYS) + r")(?:\s+(?:morning|afternoon|evening|night))?$")


def _wording(phrase: str, flags: int = 0) -> re.Pattern[str]:
    """The words of ``phrase`` as whole words, any run of spaces between them."""
    return re.compile(r"(?<![\w])" + r"\s+".join(re.escape(w) for w in phrase.split()) + r"(?![\w])", flags)


def _iso(value: str) -> str:
    """The gold's value in ISO 8601 / TIMEX3 form: weeks zero-padded (``2000-W7`` ->
    ``2000-W07``), placeholders for an unknown month or day of a known year dropped
    (``1949-XX`` and ``1949-XX-XX`` are ``1949``)."""
    value = re.sub(r"^(\d{4}-W)(\d)(?!\d)", r"\g<1>0\2", value or "")
    return re.sub(r"^(\d{4})(?:-XX)+$", r"\1", value)


def _impossible_weekday(g: Span, dct: dt.date | None) -> bool:
    """A bare weekday ("Tuesday", "Friday night") whose gold day is another weekday, or lies
    more than a week from the publication date: no reading of the phrase gives that value."""
    m = _BARE_WEEKDAY.match(g.text.strip())
    day = _parse_date(g.value)
    if not m or day is None or dct is None:
        return False
    return day.weekday() != _WEEKDAYS.index(m.group(1).lower()) or abs((day - dct).days) > 7


def losses(docs: list[Doc], outputs: dict[str, list[Span]]):
    """Each doc's value-F1 outcome per timex: ``(doc, kind, gold, system)`` with kind
    ``spurious`` (no gold), ``missed`` (no system), ``right`` or ``wrong`` (value)."""
    for d in docs:
        gold, system = d.gold, outputs[d.doc_id]
        pairs = match(gold, system)
        mg = {i for i, _ in pairs}
        ms = {j for _, j in pairs}
        for j, s in enumerate(system):
            if j not in ms:
                yield d, "spurious", None, s
        for i, g in enumerate(gold):
            if i not in mg:
                yield d, "missed", g, None
        for i, j in pairs:
            yield d, "right" if gold[i].value == system[j].value else "wrong", gold[i], system[j]


def audit(docs: list[Doc], outputs: dict[str, list[Span]]) -> dict:
    """Sort every loss of value F1 by what the gold does with the same phrase elsewhere.

    A loss is a system timex without a gold match (spurious), a gold timex without a system
    match (missed), or a match whose value differs. For each, the audit asks the corpus
    whether its own annotators did what we did with the same words in the same use:

    * spurious, and the gold tags the same words (as written) elsewhere;
    * missed, and the same phrase stands untagged after the same word elsewhere ("the recent
      sale" tagged, "the recent closing" not);
    * wrong value of a different form (shape) on the same words as the gold's, and the gold
      gives that phrase a value of our form elsewhere ("last week" as ``1989-WXX`` here,
      ``1998-W08`` there);
    * wrong value that is ours less a part of day the issue asks for ("Monday morning" is
      ``2023-11-06TMO``, where the gold often writes the day alone);
    * wrong value that is the gold's in ISO form (``2000-W07`` for ``2000-W7``, ``1949`` for
      ``1949-XX``);
    * wrong value where the gold's day for a bare weekday is another weekday, or more than a
      week from publication (``Tuesday`` = 1990-08-07 in a paper of 1990-08-15).

    Those losses are conventions the gold itself does not keep: fixing one instance breaks its
    twin. The rest are "consistent" losses (the gold never tags the phrase, tags it wherever it
    stands, or gives no excuse for the value): real errors of ours, a convention we could follow,
    or a gold value wrong against its own text, which the audit cannot tell apart. The ceiling
    is the value F1 with every consistent loss fixed and the inconsistent ones left as they are.
    """
    gold_values: dict[str, set[str]] = collections.defaultdict(set)
    gold_texts: set[str] = set()
    for d in docs:
        for g in d.gold:
            gold_values[_phrase(g.text)].add(shape(g.value))
            gold_texts.add(_use(d.text, g.start, g.end)[1])

    def untagged_elsewhere(doc: Doc, start: int, end: int) -> bool:
        prev, phrase = _use(doc.text, start, end)
        rx = _wording(phrase)
        for d in docs:
            for m in rx.finditer(d.text):
                if (d.doc_id, m.start()) == (doc.doc_id, start) or _use(d.text, m.start(), m.end())[0] != prev:
                    continue
                if not any(g.start < m.end() and m.start() < g.end for g in d.gold):
                    return True
        return False

    classes: collections.Counter = collections.Counter()
    examples: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    value_ok = fix_ok = fix_sys = 0  # fix_*: what fixing every consistent loss would change
    n_gold = sum(len(d.gold) for d in docs)
    n_sys = sum(len(outputs[d.doc_id]) for d in docs)

    def note(cls: str, text: str) -> None:
        classes[cls] += 1
        examples[cls][_phrase(text)] += 1

    for d, kind, g, s in losses(docs, outputs):
        if kind == "right":
            value_ok += 1
        elif kind == "spurious":
            if _use(d.text, s.start, s.end)[1] in gold_texts:
                note("spurious: the gold tags the phrase elsewhere", s.text)
            else:
                note("spurious: the gold never tags the phrase", s.text)
                fix_sys -= 1
        elif kind == "missed":
            if untagged_elsewhere(d, g.start, g.end):
                note("missed: the phrase stands untagged elsewhere", g.text)
            else:
                note("missed: the gold tags the phrase wherever it stands", g.text)
                fix_sys += 1
                fix_ok += 1
        elif _style_excuse(g, s, d.dct):
            note(_style_excuse(g, s, d.dct), s.text)
        elif (_phrase(g.text) == _phrase(s.text) and shape(g.value) != shape(s.value)
              and shape(s.value) in gold_values[_phrase(s.text)]):
            note("wrong value: the gold gives the phrase our form elsewhere", s.text)
        else:
            note("wrong value: no excuse in the gold", s.text)
            fix_ok += 1
    now = _prf(value_ok, n_sys, n_gold)["F1"]
    ceiling = _prf(value_ok + fix_ok, n_sys + fix_sys, n_gold)["F1"]
    return {"value_f1": now, "ceiling_value_f1": ceiling, "classes": dict(classes),
            "examples": {k: v.most_common(8) for k, v in examples.items()}}


LABELS = Path(__file__).resolve().parent / "tempeval-audit-labels.tsv"


def load_labels(path: Path = LABELS) -> dict[tuple, set[str]]:
    """Every reader's labels (``OURS-WRONG``, ``GOLD-WRONG``, ``BOTH-DEFENSIBLE``) for losses,
    keyed ``(doc, kind, start)`` where the row gives the start offset (of the gold timex for
    ``MISSED``, ours otherwise) and ``(doc, kind, phrase)`` where it does not. Readers who
    disagree are all kept."""
    labels: dict[tuple, set[str]] = collections.defaultdict(set)
    with path.open(encoding="utf-8") as f:
        header = f.readline().rstrip("\n").split("\t")
        for line in f:
            row = dict(zip(header, line.rstrip("\n").split("\t")))
            key = row.get("start") or _phrase(row["phrase"])
            labels[(row["doc"], row["kind"], int(key) if key.isdigit() else key)].add(row["label"])
    return dict(labels)


def _style_excuse(g: Span, s: Span, dct: dt.date | None) -> str | None:
    """Why a wrong value is the gold's style rather than an error of ours, if it is: ours less
    a part of day the issue asks for, the gold's value in non-ISO form, or a bare weekday the
    gold puts on another day."""
    if _POD.search(s.value or "") and _POD.sub("", s.value) == g.value:
        return "wrong value: a part of day the issue asks for"
    if _iso(g.value) == s.value:
        return "wrong value: the gold writes our value in a non-ISO form (W7, 1949-XX)"
    if _impossible_weekday(g, dct):
        return "wrong value: the gold's day is not that weekday within a week of publication"
    return None


def labelled_ceiling(docs: list[Doc], outputs: dict[str, list[Span]], labels: dict[tuple, set[str]]) -> dict:
    """The value F1 with every loss of ours fixed, and nothing else.

    Stricter than the ceiling of :func:`audit`, which counts every loss the gold cannot excuse
    as ours. Here a loss counts as fixable when

    * some reader labels it ours, or no reader labelled it (readers who call it the gold's
      error or a matter of convention excuse it only if none calls it ours);
    * for a spurious tag, the gold leaves the same wording untagged in at least half its uses;
      for a miss, the gold tags it in at least half (a use inside a longer gold timex is no use
      of the wording alone): otherwise following the gold here costs more tags than it wins;
    * for a wrong value, it is not the gold's style (:func:`_style_excuse`), nor a form
      (ISO-normalised) the gold gives the same wording less often than it gives ours.
    """
    uses: dict[str, tuple[int, int]] = {}

    def tag_rate(phrase: str) -> tuple[int, int]:
        if phrase not in uses:
            rx = _wording(phrase, re.I)
            n = tagged = 0
            for d in docs:
                for m in rx.finditer(d.text):
                    cover = [g for g in d.gold if g.start < m.end() and m.start() < g.end]
                    if any(_phrase(g.text) != phrase and g.start <= m.start() and m.end() <= g.end
                           for g in cover):
                        continue
                    n += 1
                    tagged += bool(cover)
            uses[phrase] = (n, tagged)
        return uses[phrase]

    forms: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    for d in docs:
        for g in d.gold:
            forms[_phrase(g.text)][shape(_iso(g.value))] += 1

    def ours(doc: Doc, kind: str, span: Span) -> bool:
        """No reader's label, or one reader says it is ours."""
        said = labels.get((doc.doc_id, kind, span.start), set()) | labels.get((doc.doc_id, kind, _phrase(span.text)), set())
        return not said or "OURS-WRONG" in said

    value_ok = fix_ok = fix_sys = 0
    n_gold = sum(len(d.gold) for d in docs)
    n_sys = sum(len(outputs[d.doc_id]) for d in docs)
    fixable: collections.Counter = collections.Counter()
    items: list[tuple[str, str, str, str, str]] = []  # (doc, kind, text, gold value, our value)
    for d, kind, g, s in losses(docs, outputs):
        if kind == "right":
            value_ok += 1
        elif kind == "spurious":
            n, tagged = tag_rate(_phrase(s.text))
            if ours(d, "SPURIOUS", s) and 2 * tagged <= n:
                fix_sys -= 1
                fixable["spurious"] += 1
                items.append((d.doc_id, "spurious", s.text, "-", s.value))
        elif kind == "missed":
            n, tagged = tag_rate(_phrase(g.text))
            if ours(d, "MISSED", g) and 2 * tagged >= n:
                fix_sys += 1
                fix_ok += 1
                fixable["missed"] += 1
                items.append((d.doc_id, "missed", g.text, g.value, "-"))
        else:
            form = forms[_phrase(s.text)]
            minority = (_phrase(g.text) == _phrase(s.text)
                        and form[shape(s.value)] > form[shape(_iso(g.value))])
            if not _style_excuse(g, s, d.dct) and not minority and ours(d, "WRONG-VALUE", s):
                fix_ok += 1
                fixable["wrong value"] += 1
                items.append((d.doc_id, "wrong value", s.text, g.value, s.value))
    return {"value_f1": _prf(value_ok, n_sys, n_gold)["F1"],
            "labelled_ceiling_value_f1": _prf(value_ok + fix_ok, n_sys + fix_sys, n_gold)["F1"],
            "fixable": dict(fixable), "items": items}


def format_audit(a: dict) -> str:
    lines = [f"value F1 {a['value_f1']:.3f}; with every consistent loss fixed (and the gold's "
             f"inconsistencies left as they are): {a['ceiling_value_f1']:.3f}"]
    for cls, n in sorted(a["classes"].items()):
        ex = "; ".join(f"{t} x{c}" if c > 1 else t for t, c in a["examples"][cls][:6])
        lines.append(f"  {n:4d}  {cls}   e.g. {ex}")
    return "\n".join(lines)


# ------------------------------------------------------------------------- report


def _f(x) -> str:
    return "  -  " if x is None else f"{x:.3f}"


def format_figures(name: str, res: dict) -> str:
    lines = [f"== {name} =="]
    hdr = f"{'':<10}{'gold':>6}{'sys':>6} | {'strict P/R/F1':^17} | {'relaxed P/R/F1':^17} |" \
          f" {'type F1':>7} | {'value P/R/F1':^17} | {'mod acc':>7}"
    lines.append(hdr)
    rows = [("overall", res["overall"])] + list(res["folders"].items())
    for label, fig in rows:
        def prf(k):
            return " ".join(_f(fig[k][m]) for m in ("P", "R", "F1"))
        lines.append(f"{label:<10}{fig['gold']:>6}{fig['system']:>6} | {prf('strict')} | "
                     f"{prf('relaxed')} | {_f(fig['type']['F1']):>7} | {prf('value')} | "
                     f"{_f(fig['mod_accuracy']):>7}")
    lines.append(f"by gold type (overall; R over gold of the type, P over system timexes of "
                 f"the type):")
    for t, fig in res["overall"]["by_type"].items():
        def prf(k):
            return " ".join(_f(fig[k][m]) for m in ("P", "R", "F1"))
        lines.append(f"  {t:<8}{fig['gold']:>6}{fig['system']:>6} | {prf('strict')} | "
                     f"{prf('relaxed')} | {'':>7} | {prf('value')}")
    return "\n".join(lines)


def format_timing(name: str, t: dict) -> str:
    s = (f"{name}: {t['chars_per_s_median']:,.0f} chars/s median over {t['repeats']} run(s) "
         f"of {t['chars']:,} chars (min {t['chars_per_s_min']:,.0f}, "
         f"max {t['chars_per_s_max']:,.0f}; wall {statistics.median(t['wall_s']):.2f} s/run")
    if t.get("chars_per_cpu_s_median"):
        s += f"; {t['chars_per_cpu_s_median']:,.0f} chars per CPU-second"
    if t["cpu_s"]:  # warm runs were timed apart from the first, cold one
        s += f"); first (cold) run {t['cold_s']:.2f} s = {t['cold_chars_per_s']:,.0f} chars/s, rules loaded and compiled on first use"
        return s
    return s + ")"


def format_error_kinds(kinds: list[dict]) -> str:
    lines = []
    for k in kinds:
        ex = "; ".join(f"{e['example']}" + (f" x{e['count']}" if e["count"] > 1 else "")
                       for e in k["examples"])
        lines.append(f"{k['count']:>5}  {k['kind']}\n       e.g. {ex}")
        if "breakdown" in k:
            label = "gold value shapes" if k["kind"].startswith("missed") else "types"
            lines.append(f"       {label}: " + ", ".join(f"{v} x{c}" for v, c in k["breakdown"]))
    return "\n".join(lines)


# Inputs that would hang a tagger with quadratic (or worse) backtracking: runs of trigger
# words and of whitespace. Their time is a figure, like throughput; tests only check the spans.
PATHOLOGICAL = {
    "'one ' x3000": "one " * 3000,
    "'1 ' x3000": "1 " * 3000,
    "'twenty-' x3000 + years": "twenty-" * 3000 + "years",
    "'early ' x3000 + 1990": "early " * 3000 + "1990",
    "'10:30 ' x1000": "10:30 " * 1000,
    "' \\n' x3000 + May": " \n" * 3000 + "May",
}


def time_pathological(tagger) -> dict[str, float]:
    """Seconds to tag each pathological input once (publication date 2023-11-06)."""
    tagger("warm up 1999", dt.date(2023, 11, 6))
    out = {}
    for name, text in PATHOLOGICAL.items():
        t0 = time.perf_counter()
        tagger(text, dt.date(2023, 11, 6))
        out[name] = time.perf_counter() - t0
    return out


# --------------------------------------------------------------------------- main


def evaluate(name: str, tagger, docs: list[Doc], repeats: int) -> dict:
    outputs, timing = run_timed(tagger, docs, repeats)
    res = score_corpus(docs, outputs)
    res["timing"] = timing
    res["problems"] = check_outputs(docs, outputs)[:200]
    res["_outputs"] = outputs
    return res


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--folder", choices=("TimeBank", "AQUAINT", "all"), default="all")
    ap.add_argument("--tagger", choices=("sitegen", "gold-echo", "dateparser"),
                    default="sitegen", help="system under test (gold-echo/dateparser are "
                    "stand-ins for checking the scorer)")
    ap.add_argument("--repeats", type=int, default=5, help="warm timing repeats of our tagger (after one cold run)")
    ap.add_argument("--no-dateparser", action="store_true", help="skip the reference run")
    ap.add_argument("--errors", type=int, default=10, metavar="N",
                    help="how many error kinds to show")
    ap.add_argument("--list", action="store_true", help="print every error of our tagger")
    ap.add_argument("--dump", type=Path, metavar="FILE", help="write every error to FILE (TSV)")
    ap.add_argument("--kind", metavar="SUBSTR", help="with --list/--dump: only errors whose "
                    "kind contains SUBSTR (e.g. 'missed DURATION', 'relday')")
    ap.add_argument("--json", type=Path, metavar="FILE", help="also write figures as JSON")
    ap.add_argument("--audit", action="store_true", help="sort every loss of value F1 by whether "
                    "the gold treats the same phrase the same way elsewhere (see audit())")
    args = ap.parse_args(argv)

    all_docs = load_corpus(args.corpus)
    counts = self_check(all_docs)
    print("corpus:", ", ".join(f"{f} {counts['docs'][f]} docs / {counts['timex'][f]:,} timex / "
                               f"{counts['chars'][f]:,} chars" for f in FOLDERS),
          f"| total {sum(counts['timex'].values()):,} timex / "
          f"{sum(counts['chars'].values()):,} chars |",
          " ".join(f"{t} {counts['types'][t]:,}" for t in TYPES), "(matches README)")
    docs = all_docs if args.folder == "all" else [d for d in all_docs if d.folder == args.folder]
    report: dict = {"corpus": counts, "folder": args.folder, "systems": {}}

    try:
        tagger = make_tagger(args.tagger, all_docs)
    except ImportError as exc:
        print(f"\n{args.tagger}: SKIPPED, not importable ({exc}); "
              f"try --tagger gold-echo to check the scorer")
        tagger = None
    if tagger is not None:
        res = evaluate(args.tagger, tagger, docs, args.repeats)
        outputs = res.pop("_outputs")
        print()
        print(format_figures(f"{args.tagger} ({args.folder})", res))
        print(format_timing(args.tagger, res["timing"]))
        if args.tagger == "sitegen":
            res["pathological_s"] = time_pathological(tagger)
            print("pathological inputs (seconds each): "
                  + ", ".join(f"{k} {v:.3f}" for k, v in res["pathological_s"].items()))
        if res["problems"]:
            print(f"WARNING: {len(res['problems'])} malformed system timexes, e.g.:")
            for p in res["problems"][:5]:
                print("  ", p)
        # AQUAINT is the held-out check: its individual errors are shown only when asked for
        # by name (--folder AQUAINT), so tuning on the default run never sees them.
        error_folder = "TimeBank" if args.folder == "all" else args.folder
        error_docs = [d for d in docs if d.folder == error_folder]
        errors = find_errors(error_docs, outputs)
        res["errors"] = error_kinds(errors, args.errors)
        print(f"\n{args.errors} most frequent error kinds of {args.tagger} on {error_folder} "
              f"({len(errors)} errors in all; one matched timex can have several):")
        print(format_error_kinds(res["errors"]) or "  none")
        if args.list or args.dump:
            lines = [format_error_line(e) for e in errors
                     if not args.kind or args.kind in e.kind]
            if args.dump:
                args.dump.write_text("\n".join(lines) + "\n", encoding="utf-8")
                print(f"wrote {len(lines)} errors to {args.dump}")
            if args.list:
                print("\nall errors (doc, kind, gold, ours, context):")
                print("\n".join(lines))
        if args.audit:
            res["audit"] = audit(docs, outputs)
            print(f"\naudit of value F1 losses ({args.folder}):")
            print(format_audit(res["audit"]))
            res["labelled"] = labelled_ceiling(docs, outputs, load_labels())
            fx = res["labelled"]["fixable"]
            print(f"with only the losses of ours fixed (labels: {LABELS.name}; see labelled_ceiling()): "
                  f"{res['labelled']['labelled_ceiling_value_f1']:.3f} "
                  f"({', '.join(f'{n} {k}' for k, n in sorted(fx.items()))} fixable)")
            if args.list:
                print("the losses counted as ours (doc, kind, text, gold, ours; see tempeval-ceiling.md):")
                for item in res["labelled"]["items"]:
                    print("  " + "\t".join(item))
        report["systems"][args.tagger] = res

    if not args.no_dateparser and args.tagger != "dateparser":
        try:
            ref = make_tagger("dateparser", all_docs)
        except ImportError as exc:
            print(f"\ndateparser reference: SKIPPED, not importable ({exc}); "
                  f"pip install dateparser (or the 'bench' extra)")
        else:
            res = evaluate("dateparser", ref, docs, 0)  # slow: its one (cold) run is the measurement
            res.pop("_outputs")
            print()
            print(format_figures(f"dateparser.search.search_dates reference ({args.folder})",
                                 res))
            print(format_timing("dateparser", res["timing"]))
            report["systems"]["dateparser"] = res

    if args.json:
        args.json.write_text(json.dumps(report, indent=1, default=str), encoding="utf-8")
        print(f"\nwrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
