"""The event lexicon: triggers (``triggers.toml``) and the cues of status, clauses, relations and
references (``cues.toml``), loaded once into lookup tables of lower-cased word tuples."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

Words = tuple[str, ...]

# Verb forms, in the order triggers.toml spells them.
BASE, THIRD, PAST, PARTICIPLE, ING = range(5)


@dataclass(frozen=True, slots=True)
class VerbForm:
    """One spelled-out form of a trigger verb: its event type, which form it is, and the
    headline forms used in titles ("meets" after a singular subject, "meet" after a plural)."""

    type: str
    form: int
    third: str
    base: str


@dataclass(frozen=True, slots=True)
class Lexicon:
    verbs: dict[Words, tuple[VerbForm, ...]]
    nouns: dict[Words, str]
    needs: dict[str, frozenset[str]]
    labels: dict[str, str]
    longest: int
    negation: frozenset[str]
    future: frozenset[str]
    schedule_to: frozenset[str]
    irrealis: frozenset[str]
    modal: frozenset[str]
    claim: frozenset[str]
    denial: frozenset[str]
    conditional: frozenset[str]
    perfect: frozenset[str]
    determiner: frozenset[str]
    window: int
    between: frozenset[str]
    clause_openers: frozenset[str]
    clause_marks: frozenset[str]
    relation_cues: dict[Words, str]  # words -> "before" | "after" | "during"
    relation_verbs: dict[Words, str]  # words -> "after" | "before"
    gaps: dict[Words, int]
    units: dict[str, int]  # day/week words -> days, for "two days after"
    numbers: dict[str, int]
    anaphoric_rules: frozenset[str]  # tagger rules whose expressions count from the text's last date
    reference: dict[Words, str]  # words -> "before" | "after"
    pronouns: frozenset[str]
    plural_nouns: frozenset[str]
    words: dict[str, frozenset[str]]  # [words]: the small English lists the title and subject rules read
    first_words: frozenset[str]  # every word a verb, noun, relation cue or relation verb starts with


def _words(phrase: str) -> Words:
    return tuple(phrase.casefold().split())


def _load(name: str) -> dict[str, Any]:
    return tomllib.loads(resources.files("sitegen.events").joinpath("data", "en", name).read_text("utf-8"))


@cache
def lexicon() -> Lexicon:
    """The English lexicon (cached: loaded once per process)."""
    triggers, cues = _load("triggers.toml"), _load("cues.toml")
    verbs: dict[Words, tuple[VerbForm, ...]] = {}
    nouns: dict[Words, str] = {}
    needs: dict[str, frozenset[str]] = {}
    labels: dict[str, str] = {}
    for type_, spec in triggers.items():
        labels[type_] = str(spec.get("label", type_))
        needs[type_] = frozenset(w.casefold() for w in spec.get("needs", ()))
        for forms in spec.get("verbs", ()):
            for index, form in enumerate(forms):
                entry = VerbForm(type_, index, forms[THIRD], forms[BASE])
                known = verbs.get(_words(form), ())
                if all((v.type, v.form) != (type_, index) for v in known):
                    verbs[_words(form)] = (*known, entry)
        for noun in spec.get("nouns", ()):
            nouns.setdefault(_words(noun), type_)
    status, clause, relation, reference = cues["status"], cues["clause"], cues["relation"], cues["reference"]
    rel_cues = {_words(w): kind for kind in ("before", "after", "during") for w in relation[kind]}
    rel_verbs = {_words(w): "after" for w in relation["verbs_after"]}
    rel_verbs.update({_words(w): "before" for w in relation["verbs_before"]})
    longest = max(len(k) for k in (*verbs, *nouns, *rel_cues, *rel_verbs))
    return Lexicon(
        verbs=verbs,
        nouns=nouns,
        needs=needs,
        labels=labels,
        longest=longest,
        negation=frozenset(status["negation"]),
        future=frozenset(status["future"]),
        schedule_to=frozenset(status["schedule_to"]),
        irrealis=frozenset(status["irrealis"]),
        modal=frozenset(status["modal"]),
        claim=frozenset(status["claim"]),
        denial=frozenset(status["denial"]),
        conditional=frozenset(status["conditional"]),
        perfect=frozenset(status["perfect"]),
        determiner=frozenset(status["determiner"]),
        window=int(status["window"]),
        between=frozenset(status["between"]),
        clause_openers=frozenset(clause["openers"]),
        clause_marks=frozenset(clause["marks"]),
        relation_cues=rel_cues,
        relation_verbs=rel_verbs,
        gaps={_words(k): int(v) for k, v in relation["gap"].items()},
        units={k: int(v) for k, v in relation["units"].items()},
        numbers={k: int(v) for k, v in relation["numbers"].items()},
        anaphoric_rules=frozenset(reference["anaphoric_rules"]),
        reference={_words(w): kind for kind in ("before", "after") for w in reference[kind]},
        pronouns=frozenset(cues["quotes"]["pronouns"]),
        plural_nouns=frozenset(cues["title"]["plural_nouns"]),
        words={name: frozenset(words) for name, words in cues["words"].items()},
        first_words=frozenset(k[0] for k in (*verbs, *nouns, *rel_cues, *rel_verbs)),
    )
