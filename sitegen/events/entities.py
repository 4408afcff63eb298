"""The actors and places a text names: countries, places, organisations and people.

:func:`find_entities` returns every mention in text order, non-overlapping, each resolved to a
canonical :class:`~sitegen.events.model.Entity`. It works on tokens (letter runs, digit runs and
single other characters) in five linear passes:

1. **Gazetteer and titles.** At each token the longest match in two token tries wins: the
   gazetteer (``data/en/gazetteer.toml``, case-sensitive: "US" is not "us") and the role words
   (``data/en/titles.toml``, case-folded: "Foreign Minister", "foreign minister"). A country's
   name, alias or demonym is the country ("Turkish" -> Turkey); its capital and cities are
   places with the country set ("Ankara" -> ``Entity("Ankara", "place", country="Turkey")``).
   Whether a capital is an actor is the caller's call: :func:`as_actor` maps it to its country,
   and :func:`is_demonym` tells "the Japanese trawler" from "Japan". A capitalised word joined
   by a hyphen to a lower-case one is one word, a hyphenated given name ("Min-jun"), unless
   the lower-case part makes an adjective ("Fidan-led", "Soviet-era"; a list in ``titles.toml``).
2. **Named bodies and places.** A run of capitalised words ending in an organisation head word
   ("Turkish Foreign Ministry", "Justice and Development Party") or starting with one followed
   by "of" ("Ministry of Defence") is an organisation; with a place head word ("Incirlik Air
   Base", "Tahrir Square") it is a place. A country word inside gives the country. A place
   never spans a conjunction ("Keiko Arai and Gorky Park" is a person and a place); an
   organisation may ("Justice and Development Party"). A head word followed by a hyphenated
   given name is a family name ("Park Min-jun"), not a head.
3. **People.** Other runs of capitalised words, two to four of them with particles ("bin",
   "al-", "von der") allowed inside, are people's names, unless a word is never a name
   (weekdays, function words, "Arab", ...). A sentence's first word is dropped from a run when
   the text also uses it in lower case ("Following" / "following"), unless it is a particle
   opening the name ("De Vries said"); particles match in any case. A head word alone ("Park")
   is a name only if it resolves to one seen in the text or follows a title ("President Park").
4. **Roles.** Title words before a name ("US State Secretary Antony Blinken"), an appositive
   before it ("his Turkish counterpart, Hakan Fidan,") or after it ("Hakan Fidan, Turkey's
   foreign minister,") give the role; a country word in the role gives the country. Of all the
   roles a person has in the text, the most informative wins: not merely relational
   ("counterpart"), then with a country, then the longest, then the first.
5. **Names within the text.** A later surname, first and last name or shorter tail ("Blinken",
   "Tayyip Erdogan") resolves to the full name seen anywhere in the text (the nearest before,
   else the first after, also when two people share the word); a lone capitalised word never
   seen in a full name is a person only after a title or honorific ("President Erdogan",
   "Mr. Smith"). A name's first word alone resolves only when the family name comes first,
   which only a hyphenated given name shows ("Park" for "Park Min-jun", never "Hakan" for
   "Hakan Fidan": a given name alone is too often someone else's). Every mention of one person
   carries the same Entity; :func:`surname` gives the part of it a title goes with.

Pronouns are not resolved here. Precision comes before recall: what is not clearly a name is
left out.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Generic, TypeVar

from sitegen.datafile import read_toml
from sitegen.errors import SitegenError

from .model import Entity, EntityKind, EntityMention

DATA = Path(__file__).parent / "data" / "en"

__all__ = ["LexiconError", "Lexicon", "as_actor", "find_entities", "is_demonym", "lexicon", "load_lexicon", "surname"]

_TOKEN = re.compile(r"[^\W\d_]+|\d+|\S")
_SPACED_TOKEN = re.compile(r"(\s*)([^\W\d_]+|\d+|\S)")  # the same tokens, with the space before each
_SPACE = re.compile(r"\s+")
_REGNAL = re.compile(r"[IVX]{2,4}")  # "Abdullah II", "Charles III": capitals inside a name

JOINED, SPACED, BROKEN, SKIPPED = 0, 1, 2, 3  # what separates an item from the one before it
# (SKIPPED: ordinary lower-case words no rule reads were left out between them)

V = TypeVar("V")


class LexiconError(SitegenError):
    """A problem in a data file, named by file and line."""

    def __init__(self, path: str, line: int, message: str) -> None:
        self.path, self.line, self.message = path, line, message
        super().__init__(f"{path}:{line}: {message}")


class _Trie(Generic[V]):
    """Token sequences to values; a key step is (gap before the token, token text)."""

    __slots__ = ("children", "value")

    def __init__(self) -> None:
        self.children: dict[tuple[int, str], _Trie[V]] = {}
        self.value: V | None = None

    def add(self, key: Sequence[tuple[int, str]], value: V) -> V | None:
        """Store ``value`` under ``key``; return the value already there, if any."""
        node = self
        for step in key:
            node = node.children.setdefault(step, _Trie())
        old = node.value
        if old is None:
            node.value = value
        return old

    def longest(self, texts: Sequence[str], gaps: Sequence[int], i: int, fold: bool) -> tuple[int, V] | None:
        """The longest key starting at token ``i``: (index after its last token, value)."""
        node: _Trie[V] | None = self
        best: tuple[int, V] | None = None
        k, n = i, len(texts)
        while k < n:
            gap = SPACED if k == i else gaps[k]
            if gap == BROKEN:
                break
            assert node is not None
            node = node.children.get((gap, texts[k].lower() if fold else texts[k]))
            if node is None:
                break
            k += 1
            if node.value is not None:
                best = (k, node.value)
        return best


def _key(form: str, fold: bool) -> tuple[tuple[int, str], ...]:
    """A written form as trie steps: "U.S." -> U . S . joined; "Gaza Strip" -> two spaced."""
    out: list[tuple[int, str]] = []
    end = 0
    for m in _TOKEN.finditer(form):
        gap = SPACED if not out or m.start() > end else JOINED
        out.append((gap, m.group().lower() if fold else m.group()))
        end = m.end()
    return tuple(out)


@dataclass(frozen=True, slots=True)
class Lexicon:
    """The English gazetteer and name words, loaded once (see :func:`lexicon`)."""

    gazetteer: _Trie[Entity]
    titles: _Trie[str]  # value: "title", "relational" or "honorific"
    capitals: Mapping[str, str]  # capital city -> its country
    demonyms: frozenset[str]  # every demonym form, with the plurals added at load
    never: frozenset[str]  # case-folded words never in a person's name
    months: frozenset[str]  # case-folded
    weekdays: frozenset[str]  # case-folded
    particles: frozenset[str]
    connectors: frozenset[str]
    conjunctions: frozenset[str]  # connectors that join two names ("and"): never inside a place or person
    hyphen_adjectives: frozenset[str]  # "led" in "Fidan-led": not a hyphenated given name
    hyphen_adjective_endings: tuple[str, ...]
    name_suffixes: frozenset[str]  # case-folded: "Jr." after a last name
    given_name_particles: frozenset[str]  # "Al" in "Al Gore": a given name, not a surname's particle
    determiners: frozenset[str]
    abbreviations: frozenset[str]  # case-folded, without the final full stop
    organisation_heads: frozenset[str]
    place_heads: frozenset[str]
    news: frozenset[str]  # case-folded names and aliases of the organisations of kind "news"
    keep: frozenset[str]  # the lower-case words some rule reads; other lower-case words are skipped


def _read(path: Path) -> tuple[dict[str, Any], list[str]]:
    return read_toml(path, lambda line, message: LexiconError(_short(path), line, message))


def _short(path: Path) -> str:
    parts = path.parts
    return "/".join(parts[parts.index("events"):]) if "events" in parts else str(path)


def _line(lines: list[str], needle: str, start: int = 1) -> int:
    """1-based number of the first line from ``start`` holding ``"needle"``, else ``start``."""
    quoted = f'"{needle}"'
    return next((i + 1 for i in range(start - 1, len(lines)) if quoted in lines[i]), start)


def _words(table: Mapping[str, Any], name: str, path: Path, lines: list[str]) -> list[str]:
    value = table.get(name, [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise LexiconError(_short(path), _line(lines, name) if name in "".join(lines) else 1, f"{name!r} is {value!r} (expected a list of words)")
    return value


def _plurals(demonym: str) -> list[str]:
    """Regular plurals added at load: "Israeli" -> "Israelis", "Afghan" -> "Afghans"."""
    return [demonym + "s"] if demonym.endswith(("an", "i")) and " " not in demonym else []


def load_lexicon(gazetteer: Path, titles: Path) -> Lexicon:
    """Read and check both files; every problem names its file and line."""
    data, lines = _read(gazetteer)
    trie: _Trie[Entity] = _Trie()
    capitals: dict[str, str] = {}
    demonyms: set[str] = set()
    news: set[str] = set()
    where = _short(gazetteer)

    entry_line = 1
    entry_lines = {line.split("=", 1)[1].strip().strip('"'): i + 1 for i, line in enumerate(lines) if line.startswith("name =")}

    def add(form: str, entity: Entity, generated: bool = False) -> None:
        old = trie.add(_key(form, fold=False), entity)
        if old is not None and old != entity and not generated:
            raise LexiconError(where, _line(lines, form, entry_line), f"{form!r} names both {old.name!r} and {entity.name!r} (a form may name one entity)")

    tables: tuple[tuple[str, EntityKind], ...] = (("country", "country"), ("place", "place"), ("organisation", "organisation"))
    for table, kind in tables:
        for entry in data.get(table, []):
            name = entry.get("name")
            if not isinstance(name, str) or not name.strip():
                raise LexiconError(where, 1, f"a [[{table}]] has name {name!r} (expected a non-empty string)")
            entry_line = entry_lines.get(name, 1)
            country = entry.get("country")
            if country is not None and not isinstance(country, str):
                raise LexiconError(where, _line(lines, name), f"{name!r}: country is {country!r} (expected a name)")
            if kind == "country":
                me = Entity(name, "country")
                for form in [name, *_words(entry, "aliases", gazetteer, lines), *_words(entry, "demonyms", gazetteer, lines)]:
                    add(form, me)
                for form in _words(entry, "demonyms", gazetteer, lines):
                    demonyms.add(form)
                    for plural in _plurals(form):
                        add(plural, me, generated=True)
                        demonyms.add(plural)
                capital = entry.get("capital")
                if capital is not None:
                    if not isinstance(capital, str):
                        raise LexiconError(where, _line(lines, name), f"{name!r}: capital is {capital!r} (expected a name)")
                    capitals[capital] = name
                    capitals.setdefault(_unaccented(capital), name)  # "Brasilia", "Bogota"
                    add(capital, Entity(capital, "place", country=name))
                for place in [*_words(entry, "cities", gazetteer, lines), *_words(entry, "regions", gazetteer, lines)]:
                    add(place, Entity(place, "place", country=name))
            else:
                me = Entity(name, kind, country=country)
                for form in [name, *_words(entry, "aliases", gazetteer, lines)]:
                    add(form, me)
                    if entry.get("kind") == "news":
                        news.add(form.casefold())

    words, wlines = _read(titles)

    def vocab(name: str) -> list[str]:
        return _words(words, name, titles, wlines)

    title_trie: _Trie[str] = _Trie()
    for form in vocab("honorifics"):
        title_trie.add(_key(form, fold=True), "honorific")
    for form in vocab("relational"):
        title_trie.add(_key(form, fold=True), "relational")
    for head in vocab("portfolio_heads"):
        for portfolio in vocab("portfolios"):
            for form in (f"{portfolio} {head}", f"{head} of {portfolio}", f"{head} for {portfolio}"):
                title_trie.add(_key(form, fold=True), "title")
    for form in vocab("titles"):
        title_trie.add(_key(form, fold=True), "title")

    def folded(name: str) -> frozenset[str]:
        return frozenset(w.lower() for w in vocab(name))

    keep = {t for _, t in trie.children} | {t for _, t in title_trie.children} | {"s", "of", "the"}
    keep |= set(vocab("particles")) | set(vocab("connectors")) | folded("determiners") | folded("abbreviations")
    return Lexicon(
        gazetteer=trie,
        titles=title_trie,
        capitals=capitals,
        demonyms=frozenset(demonyms),
        never=folded("never_names"),
        months=folded("months"),
        weekdays=folded("weekdays"),
        particles=frozenset(vocab("particles")),
        connectors=frozenset(vocab("connectors")),
        conjunctions=frozenset(vocab("conjunctions")),
        hyphen_adjectives=folded("hyphen_adjectives"),
        hyphen_adjective_endings=tuple(w.lower() for w in vocab("hyphen_adjective_endings")),
        name_suffixes=folded("name_suffixes"),
        given_name_particles=frozenset(vocab("given_name_particles")),
        determiners=folded("determiners"),
        abbreviations=folded("abbreviations"),
        organisation_heads=frozenset(vocab("organisation_heads")),
        place_heads=frozenset(vocab("place_heads")),
        news=frozenset(news),
        keep=frozenset(keep),
    )


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The English data shipped in ``data/en``, loaded once per process."""
    return load_lexicon(DATA / "gazetteer.toml", DATA / "titles.toml")


def as_actor(entity: Entity) -> Entity:
    """The entity as someone who acts: a capital stands for its country ("Ankara recalled its
    ambassador" -> Turkey). Other cities ("Tel Aviv"), contested places ("Jerusalem") and
    everything else stay as they are."""
    if entity.kind == "place":
        capitals = lexicon().capitals
        country = capitals.get(entity.name)
        if country is not None and entity.country == country:
            return Entity(country, "country")
    return entity


def is_demonym(mention: EntityMention) -> bool:
    """Whether the mention's words are a demonym of its country rather than a name of it:
    "Japanese" in "the Japanese trawler", "Turkish" in "his Turkish counterpart", "Israelis".
    The entity is the country all the same; a caller looking for places or actors can tell a
    ship's flag or a people from the country itself."""
    return mention.entity.kind == "country" and _SPACE.sub(" ", mention.text) in lexicon().demonyms


def surname(entity: Entity) -> str:
    """The part of a person's name a later mention or a title uses: the last name word with the
    particles before it ("de Vries" for "Pieter de Vries", "bin Laden" for "Osama bin Laden",
    "De Vries" for "De Vries", "Al Thani" for "Tamim bin Hamad Al Thani"), without initials,
    generational suffixes or regnal numerals ("Baker" for "James A. Baker III"); the first word
    when the family name comes first, told by a hyphenated given name ("Park" for "Park
    Min-jun"). A particle that is also a given name opens none ("Gore" for "Al Gore"; the
    list is ``given_name_particles`` in ``titles.toml``). Anything but a person keeps its name."""
    words = entity.name.split()
    if entity.kind != "person" or len(words) < 2:
        return entity.name
    lex = lexicon()
    while len(words) > 1 and (_REGNAL.fullmatch(words[-1]) or words[-1].lower() in lex.name_suffixes):
        words.pop()
    if _family_first(words):
        return words[0]
    i = len(words) - 1
    while i > 0 and words[i - 1].lower() in lex.particles and not (i == 1 and words[0] in lex.given_name_particles):
        i -= 1
    return " ".join(words[i:])


def _unaccented(name: str) -> str:
    """"Brasilia" for "Brasília": news often drops the accents of a capital's name."""
    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))


# ---------------------------------------------------------------------------------------------
# the passes

WORD, PUNCT, ENT, TITLE = "word", "punct", "ent", "title"
_SENTENCE_END = frozenset(".!?")
_OPENERS = frozenset("\"'“‘([«")
_APOSTROPHES = frozenset("'’")
_CLOSERS = frozenset(",.;:)!?\"”’")


class _Item:
    """A token or a matched phrase."""

    __slots__ = ("kind", "start", "end", "gap", "text", "entity", "title", "first")

    def __init__(self, kind: str, start: int, end: int, gap: int, text: str, entity: Entity | None = None, title: str = "") -> None:
        self.kind, self.start, self.end, self.gap, self.text = kind, start, end, gap, text
        self.entity, self.title = entity, title
        self.first = False  # the first word of a sentence


def _tokens(text: str) -> tuple[list[int], list[int], list[str], list[int]]:
    starts: list[int] = []
    ends: list[int] = []
    texts: list[str] = []
    gaps: list[int] = []
    pos = 0
    for space, token in _SPACED_TOKEN.findall(text):
        if space:
            pos += len(space)
            gaps.append(BROKEN if "\n" in space and space.count("\n") >= 2 else SPACED)
        else:
            gaps.append(JOINED)
        starts.append(pos)
        texts.append(token)
        pos += len(token)
        ends.append(pos)
    if gaps:
        gaps[0] = SPACED
    return starts, ends, texts, gaps


def _scan(text: str, lex: Lexicon) -> tuple[list[_Item], set[str]]:
    """Pass 1: tokens, with gazetteer entries and titles matched longest first; also the
    words the text writes in lower case."""
    starts, ends, texts, gaps = _tokens(text)
    items: list[_Item] = []
    i, n = 0, len(texts)
    gaz, titles, keep = lex.gazetteer, lex.titles, lex.keep
    gaz_first, title_first = gaz.children, titles.children
    skipped = False
    while i < n:
        t = texts[i]
        if t[0].islower() and t not in keep:
            skipped = True
            i += 1
            continue
        gap = gaps[i]
        if skipped:
            gap, skipped = (BROKEN if gap == BROKEN else SKIPPED), False
        if not t[0].isalpha():
            items.append(_Item(PUNCT, starts[i], ends[i], gap, t))
            i += 1
            continue
        g = gaz.longest(texts, gaps, i, fold=False) if (SPACED, t) in gaz_first else None
        ti = titles.longest(texts, gaps, i, fold=True) if (SPACED, t.lower()) in title_first else None
        if g is not None and (ti is None or g[0] >= ti[0]):
            end = g[0]
            items.append(_Item(ENT, starts[i], ends[end - 1], gap, text[starts[i]:ends[end - 1]], entity=g[1]))
        elif ti is not None:
            end = ti[0]
            items.append(_Item(TITLE, starts[i], ends[end - 1], gap, text[starts[i]:ends[end - 1]], title=ti[1]))
        else:
            end = _word_end(texts, gaps, i, lex)
            items.append(_Item(WORD, starts[i], ends[end - 1], gap, text[starts[i]:ends[end - 1]]))
        i = end
    _mark_sentence_starts(items, lex)
    return items, {t for t in set(texts) if t[0].islower()}


def _word_end(texts: Sequence[str], gaps: Sequence[int], i: int, lex: Lexicon) -> int:
    """The token after the word at ``i``: a capitalised word joined by a hyphen to a lower-case
    one is one word, a hyphenated given name ("Min-jun"), unless the lower-case part makes it
    an adjective ("Fidan-led", "Soviet-era") or a third part follows ("Stratford-upon-Avon")."""
    n = len(texts)
    if not (i + 2 < n and texts[i][0].isupper() and texts[i + 1] == "-" and gaps[i + 1] == JOINED and gaps[i + 2] == JOINED):
        return i + 1
    tail = texts[i + 2]
    if not (tail.isalpha() and tail.islower()) or (i + 3 < n and gaps[i + 3] == JOINED and texts[i + 3] == "-"):
        return i + 1
    if tail in lex.hyphen_adjectives or tail.endswith(lex.hyphen_adjective_endings):
        return i + 1
    return i + 3


def _hyphenated_given(word: str) -> bool:
    """Whether ``word`` is a hyphenated given name as :func:`_word_end` reads one: "Min-jun"."""
    head, hyphen, tail = word.partition("-")
    return bool(hyphen) and head[:1].isupper() and head.isalpha() and tail.isalpha() and tail.islower()


def _family_first(words: Sequence[str]) -> bool:
    """Whether a name's words put the family name first: two or three words whose second is a
    hyphenated given name ("Park Min-jun", "Tsai Ing-wen"). Unhyphenated names ("Kim Jong Un",
    "Hakan Fidan") are read given name first: nothing in their form tells the order."""
    return 2 <= len(words) <= 3 and _hyphenated_given(words[1])


def _opens_family_name(items: Sequence[_Item], k: int) -> bool:
    """Whether item ``k`` is a word followed by a hyphenated given name: "Park" in "Park Min-jun"."""
    return k + 1 < len(items) and items[k].kind == WORD and items[k + 1].kind == WORD and items[k + 1].gap == SPACED and _hyphenated_given(items[k + 1].text)


def _mark_sentence_starts(items: list[_Item], lex: Lexicon) -> None:
    at_start = True
    for k, it in enumerate(items):
        if it.gap == BROKEN:
            at_start = True
        elif it.gap == SKIPPED:
            at_start = False
        if it.kind != PUNCT:
            it.first = at_start
            at_start = False
        elif it.text in _SENTENCE_END:
            at_start = not (it.text == "." and k > 0 and it.gap == JOINED and _abbreviation(items, k - 1, lex))
        elif it.text not in _OPENERS:
            at_start = False


def _abbreviation(items: list[_Item], k: int, lex: Lexicon) -> bool:
    """Whether the full stop after item ``k`` belongs to an abbreviation ("Mr.", "U.S.", "J.")."""
    prev = items[k]
    if prev.kind == PUNCT:
        return False
    if len(prev.text) == 1 and prev.text.isupper():
        return True
    if prev.text.lower().rstrip(".") in lex.abbreviations:
        return True
    return prev.kind != WORD and prev.text.endswith(".")


def _country_of(entity: Entity | None) -> str | None:
    if entity is None:
        return None
    return entity.name if entity.kind == "country" else entity.country


def _kind(it: _Item) -> str | None:
    return it.entity.kind if it.entity is not None else None


def _capitalised(it: _Item) -> bool:
    """A capitalised word or phrase that may be part of a body's name; an honorific never is
    ("Mr. Park" is a person, not a park)."""
    return it.kind != PUNCT and it.text[:1].isupper() and it.title != "honorific"


def _bodies(text: str, items: list[_Item], lex: Lexicon) -> list[_Item]:
    """Pass 2: runs of capitalised words ending in (or opening with) a head word become one
    organisation or place item."""
    out: list[_Item] = []
    k, n = 0, len(items)
    heads = lex.organisation_heads | lex.place_heads
    while k < n:
        it = items[k]
        if not _capitalised(it) or (it.first and it.kind == WORD and it.text.lower() in lex.never):
            out.append(it)
            k += 1
            continue
        # the run: capitalised items, inner connectors, hyphen joins
        run = [k]
        j = k + 1
        while j < n:
            nxt = items[j]
            if nxt.gap == SPACED and _capitalised(nxt):
                run.append(j)
                j += 1
            elif nxt.gap == SPACED and nxt.kind == WORD and nxt.text in lex.connectors and j + 1 < n and items[j + 1].gap == SPACED and _capitalised(items[j + 1]):
                run.extend((j, j + 1))
                j += 2
            elif nxt.gap == JOINED and nxt.text == "-" and j + 1 < n and items[j + 1].gap == JOINED and _capitalised(items[j + 1]):
                run.extend((j, j + 1))
                j += 2
            else:
                break
        # "Park" in "Park Min-jun" is a family name, not a head word
        head_at = [r for r in run if items[r].kind == WORD and items[r].text in heads and not _opens_family_name(items, r)]
        if not head_at:
            out.extend(items[r] for r in run)
            k = j
            continue
        last_head = head_at[-1]
        stop = run.index(last_head)
        tail = run[stop + 1:]
        if tail and items[tail[0]].text in ("of", "for"):
            stop = len(run) - 1
        members = run[: stop + 1]
        kind: EntityKind = "place" if items[last_head].text in lex.place_heads else "organisation"
        joins = [m for m, r in enumerate(members) if items[r].kind == WORD and items[r].text in lex.conjunctions]
        if kind == "place" and joins:  # a place never spans "and": "Keiko Arai and Gorky Park"
            out.extend(_bodies(text, [items[r] for r in members[: joins[-1] + 1]], lex))
            run = run[joins[-1] + 1:]
            members = members[joins[-1] + 1:]
        words = [r for r in members if items[r].kind != PUNCT and items[r].text not in lex.connectors]
        if len(words) < 2:
            out.extend(items[r] for r in run)
            k = j
            continue
        first, last = items[members[0]], items[members[-1]]
        country = next((c for c in (_country_of(items[r].entity) for r in members) if c), None)
        name = _SPACE.sub(" ", text[first.start:last.end])
        body = _Item(ENT, first.start, last.end, first.gap, text[first.start:last.end], entity=Entity(name, kind, country=country))
        body.first = first.first
        out.append(body)
        out.extend(items[r] for r in run[len(members):])
        k = j
    return out


@dataclass(slots=True)
class _Candidate:
    """A run of name words: its span, its words, how it was licensed and the roles around it."""

    start: int
    end: int
    key: tuple[str, ...]
    licensed: bool
    roles: list[tuple[str, str | None, bool, int]]  # text, country, relational, position


class _People:
    """Pass 3 and 4: name runs over the items, with the roles the text gives them."""

    def __init__(self, text: str, items: list[_Item], lower_seen: set[str], lex: Lexicon) -> None:
        self.text, self.items, self.lex = text, items, lex
        self.lower_seen = lower_seen
        self.caps_inside = {it.text for it in items if it.kind == WORD and not it.first and it.text[:1].isupper()}

    def namey(self, k: int, first: bool) -> bool:
        """Whether item ``k`` can be a word of a person's name."""
        it = self.items[k]
        t = it.text
        if it.kind != WORD or not t[:1].isupper():
            return False
        if len(t) == 1:  # an initial: "J." inside a name
            return not first and k + 2 < len(self.items) and self.items[k + 1].text == "." and self.items[k + 1].gap == JOINED
        low = t.lower()
        if t.isupper() and not (not first and _REGNAL.fullmatch(t)):
            return False
        if low in self.lex.never or low in self.lex.weekdays:
            return False
        if self.head(k):
            return _opens_family_name(self.items, k)  # "Park Min-jun"
        if low in self.lex.months:  # "Eirik Brå Oct. 25", "in Lisbon on May 4": a date, not a name
            nxt = self.items[k + 1] if k + 1 < len(self.items) else None
            if nxt is not None and nxt.text == "." and k + 2 < len(self.items):
                nxt = self.items[k + 2]
            return not first and not (nxt is not None and nxt.gap == SPACED and nxt.text[:1].isdigit())
        return True

    def head(self, k: int) -> bool:
        """Whether item ``k`` is an organisation's or place's head word ("Ministry", "Park")."""
        t = self.items[k].text
        return t in self.lex.organisation_heads or t in self.lex.place_heads

    def lone_head(self, k: int) -> bool:
        """A head word standing alone, which may be a family name seen before ("Arai thanked
        Park") or after a title ("President Park"), but never opens a longer name ("Army Says")."""
        items = self.items
        it = items[k]
        if it.kind != WORD or not self.head(k) or it.text.isupper():
            return False
        return not (k + 1 < len(items) and items[k + 1].gap in (SPACED, JOINED) and items[k + 1].kind != PUNCT)

    def place_word(self, k: int) -> bool:
        """A one-word country or place that may be part of a person's name ("Michael Jordan")."""
        it = self.items[k]
        e = it.entity
        return it.kind == ENT and e is not None and e.kind in ("country", "place") and " " not in it.text and it.text.isalpha() and it.text[:1].isupper() and not it.text.isupper()

    def runs(self) -> list[tuple[int, int]]:
        """Item ranges [a, b) that may be names."""
        items, n = self.items, len(self.items)
        out: list[tuple[int, int]] = []
        k = 0
        while k < n:
            start_ok = self.namey(k, first=True)
            particle_start = items[k].kind == WORD and items[k].text in self.lex.particles and k + 2 < n and items[k + 1].text == "-" and items[k + 1].gap == JOINED and items[k + 2].gap == JOINED and self.namey(k + 2, first=False)
            place_start = self.place_word(k) and k + 1 < n and items[k + 1].gap == SPACED and self.namey(k + 1, first=False) and (
                _kind(items[k]) == "place" or (k > 0 and items[k - 1].kind == TITLE and items[k].gap == SPACED)
            )
            if not (start_ok or particle_start or place_start):
                if self.lone_head(k):
                    out.append((k, k + 1))
                k += 1
                continue
            j = self._extend(k + (2 if particle_start else 0))
            out.append((k, j))
            k = j
        return out

    def _extend(self, k: int) -> int:
        """The end (exclusive) of the name run whose last word so far is item ``k``."""
        items, n = self.items, len(self.items)
        j = k + 1
        while j < n:
            nxt = items[j]
            if items[j - 1].kind == WORD and len(items[j - 1].text) == 1 and nxt.text == "." and nxt.gap == JOINED:
                j += 1  # the full stop of an initial
                continue
            if nxt.gap == SPACED and self.namey(j, first=False):
                j += 1
            elif nxt.gap == JOINED and nxt.text == "-" and j + 1 < n and items[j + 1].gap == JOINED and self.namey(j + 1, first=False):
                j += 2
            elif nxt.gap == JOINED and nxt.text in _APOSTROPHES and j + 1 < n and items[j + 1].gap == JOINED and self.namey(j + 1, first=False):
                j += 2  # O'Brien; "Blinken's" stops here: "s" is not a name
            elif nxt.gap == SPACED and nxt.kind == WORD and nxt.text in self.lex.particles:
                if j + 1 < n and items[j + 1].gap == SPACED and self.namey(j + 1, first=False):
                    j += 2
                elif j + 2 < n and items[j + 1].text == "-" and items[j + 1].gap == JOINED and items[j + 2].gap == JOINED and self.namey(j + 2, first=False):
                    j += 3
                else:
                    break
            elif nxt.gap == SPACED and self.place_word(j):
                j += 1  # "Michael Jordan": a place word closes the name
                break
            else:
                break
        return j

    def candidates(self) -> list[_Candidate]:
        items = self.items
        out: list[_Candidate] = []
        for a, b in self.runs():
            a = self._drop_common_first(a, b)
            if a >= b:
                continue
            while b > a and (items[b - 1].kind == PUNCT or items[b - 1].text in self.lex.particles):
                b -= 1  # a trailing initial's stop or particle is not part of the name
            words = [it.text for it in items[a:b] if it.kind != PUNCT]
            if words and len(words[-1]) == 1:
                b -= 2 if items[b - 1].kind == PUNCT else 1
                words = words[:-1]
            names = [w for w in words if w not in self.lex.particles]
            if not names or len(names) > 4 or b <= a:
                continue
            roles = self._roles(a, b - 1)
            titled = a > 0 and items[a - 1].kind == TITLE and items[a].gap == SPACED
            licensed = titled or (bool(roles) and not (b - a == 1 and self.head(a)))
            # particles match in any case: "De Vries said" is "Pieter de Vries"
            key = tuple(w.lower() if w.lower() in self.lex.particles else w for w in words)
            out.append(_Candidate(items[a].start, items[b - 1].end, key, licensed, roles))
        return out

    def _drop_common_first(self, a: int, b: int) -> int:
        """A sentence's first word is not a name when the text also writes it in lower case,
        unless it is a particle opening the name ("De Vries said", "Bin Laden had")."""
        it = self.items[a]
        low = it.text.lower()
        if low in self.lex.particles and a + 1 < b:
            return a
        if it.kind == WORD and it.first and low in self.lower_seen and it.text not in self.caps_inside:
            a += 1
            while a < b and self.items[a].kind == PUNCT:
                a += 1
        return a

    # roles -----------------------------------------------------------------------------

    def _mod(self, j: int) -> int | None:
        """If items ending at ``j`` are a country, place or body (or its possessive), where they start."""
        items = self.items
        if items[j].kind == ENT:
            return j
        if j >= 2 and items[j].text == "s" and items[j].gap == JOINED and items[j - 1].text in _APOSTROPHES and items[j - 1].gap == JOINED and items[j - 2].kind == ENT:
            return j - 2
        return None

    def _chain_back(self, e: int) -> tuple[int, str | None, bool] | None:
        """A role ending at item ``e``: (its first item, its country, whether only relational).

        Grammar, read forwards: (MOD ['s])* (TITLE)+ [of [the] MOD]."""
        items = self.items
        j, state, first = e, "start", -1
        titles, strong = 0, False
        country: str | None = None
        while j >= 0:
            it = items[j]
            if first >= 0 and items[first].gap != SPACED:
                break
            mod = self._mod(j)
            if state in ("start", "title", "mod", "need_title") and it.kind == TITLE and it.title != "honorific":
                titles += 1
                strong = strong or it.title == "title"
                state, first, j = "title", j, j - 1
            elif state in ("start", "title", "mod") and mod is not None:
                country = _country_of(items[mod].entity) or country
                state, first, j = ("complement" if state == "start" else "mod"), mod, mod - 1
            elif state == "complement" and it.kind == WORD and it.text == "the":
                state, j = "complement_the", j - 1
            elif state in ("complement", "complement_the") and it.kind == WORD and it.text == "of":
                state, j = "need_title", j - 1
            else:
                break
            if state in ("complement_the", "need_title") and items[j + 1].gap != SPACED:
                return None
        if titles == 0 or state not in ("title", "mod"):
            return None
        return first, country, not strong

    def _chain_forward(self, s: int) -> tuple[int, int, str | None, bool] | None:
        """A role starting at item ``s`` and closed by punctuation or the end of the text:
        [DET] (MOD ['s])* (TITLE)+ [of [the] MOD]. Returns (first, last, country, relational)."""
        items, n = self.items, len(self.items)
        j = s
        if j < n and items[j].kind == WORD and items[j].text.lower() in self.lex.determiners:
            j += 1
        first = j
        country: str | None = None
        while j < n and items[j].kind == ENT and items[j].gap == SPACED:
            country = _country_of(items[j].entity) or country
            j += 1
            if j + 1 < n and items[j].text in _APOSTROPHES and items[j].gap == JOINED and items[j + 1].text == "s" and items[j + 1].gap == JOINED:
                j += 2
        titles, strong = 0, False
        while j < n and items[j].kind == TITLE and items[j].title != "honorific" and items[j].gap == SPACED:
            titles += 1
            strong = strong or items[j].title == "title"
            j += 1
        if titles == 0:
            return None
        if j + 1 < n and items[j].kind == WORD and items[j].text == "of" and items[j].gap == SPACED:
            m = j + 1
            if items[m].kind == WORD and items[m].text == "the" and m + 1 < n:
                m += 1
            if items[m].kind == ENT and items[m].gap == SPACED:
                country = _country_of(items[m].entity) or country
                j = m + 1
        if j < n and not (items[j].kind == PUNCT and items[j].text in _CLOSERS and items[j].gap == JOINED):
            return None
        return first, j - 1, country, not strong

    def _role(self, first: int, last: int, country: str | None, relational: bool) -> tuple[str, str | None, bool, int]:
        items = self.items
        text = _SPACE.sub(" ", self.text[items[first].start:items[last].end])
        return text, country, relational, items[first].start

    def _roles(self, a: int, b: int) -> list[tuple[str, str | None, bool, int]]:
        """The roles the text gives the name in items a..b (inclusive)."""
        items, n = self.items, len(self.items)
        out = []
        if a > 0 and items[a].gap == SPACED:
            found = self._chain_back(a - 1)
            if found is not None:
                out.append(self._role(found[0], a - 1, found[1], found[2]))
            elif items[a - 1].text == "," and items[a - 1].gap == JOINED and a > 1:
                closed = b + 1 >= n or (items[b + 1].kind == PUNCT and items[b + 1].text in _CLOSERS and items[b + 1].gap == JOINED)
                found = self._chain_back(a - 2) if closed else None
                if found is not None:
                    out.append(self._role(found[0], a - 2, found[1], found[2]))
        if b + 2 < n and items[b + 1].text == "," and items[b + 1].gap == JOINED:
            fwd = self._chain_forward(b + 2)
            if fwd is not None:
                out.append(self._role(fwd[0], fwd[1], fwd[2], fwd[3]))
        return out


def _resolve(candidates: list[_Candidate]) -> list[tuple[_Candidate, tuple[str, ...]]]:
    """Pass 5: each candidate with the key of the full name it stands for (dropped if none)."""
    seen: dict[tuple[str, ...], list[int]] = {}
    for c in candidates:
        if len(c.key) >= 2:
            seen.setdefault(c.key, []).append(c.start)
    parts: dict[tuple[str, ...], set[tuple[str, ...]]] = {}
    for full in seen:
        for cut in range(1, len(full)):
            parts.setdefault(full[cut:], set()).add(full)
        if len(full) >= 3:
            parts.setdefault((full[0], full[-1]), set()).add(full)
        if _family_first(full):  # "Park" for "Park Min-jun"; never "Hakan" for "Hakan Fidan"
            parts.setdefault(full[:1], set()).add(full)

    def canonical(key: tuple[str, ...]) -> tuple[str, ...]:
        longer = parts.get(key)
        if not longer:
            return key
        return max(longer, key=lambda k: (len(k), -seen[k][0]))

    out = []
    for c in candidates:
        options = {canonical(k) for k in parts.get(c.key, ())}
        if not options:
            if len(c.key) >= 2 or c.licensed:
                out.append((c, c.key))
            continue
        if len(options) == 1:
            out.append((c, options.pop()))
            continue
        # several people share the word: the nearest full name before, else the first after
        places = [(p, k) for k in seen for p in seen[k] if canonical(k) in options]
        before = [pk for pk in places if pk[0] < c.start]
        pick = max(before) if before else min(places)
        out.append((c, canonical(pick[1])))
    return out


def _best_role(roles: Iterable[tuple[str, str | None, bool, int]]) -> tuple[str | None, str | None]:
    """The most informative role: not only relational, then with a country, then the longest,
    then the first; the country falls back to any role's."""
    ranked = sorted(roles, key=lambda r: (r[2], r[1] is None, -len(r[0]), r[3]))
    if not ranked:
        return None, None
    text, country = ranked[0][0], ranked[0][1]
    if country is None:
        country = next((r[1] for r in sorted(ranked, key=lambda r: r[3]) if r[1]), None)
    return text, country


def find_entities(text: str) -> tuple[EntityMention, ...]:
    """Every country, place, organisation and person ``text`` names, in order and
    non-overlapping, each resolved to its canonical entity (see the module docstring)."""
    lex = lexicon()
    scanned, lower_seen = _scan(text, lex)
    items = _bodies(text, scanned, lex)
    people = _People(text, items, lower_seen, lex)
    resolved = _resolve(people.candidates())

    names: dict[tuple[str, ...], str] = {}
    roles: dict[tuple[str, ...], list[tuple[str, str | None, bool, int]]] = {}
    for c, key in resolved:
        if c.key == key and key not in names:
            names[key] = _SPACE.sub(" ", text[c.start:c.end])
        roles.setdefault(key, []).extend(c.roles)
    entities = {}
    for key, found in roles.items():
        role, country = _best_role(found)
        entities[key] = Entity(names.get(key, " ".join(key)), "person", role=role, country=country)

    mentions = [EntityMention(c.start, c.end, text[c.start:c.end], entities[key]) for c, key in resolved]
    taken = [(m.start, m.end) for m in mentions]
    inside = _Spans(taken)
    for it in items:
        if it.kind == ENT and it.entity is not None and not inside.overlaps(it.start, it.end):
            mentions.append(EntityMention(it.start, it.end, it.text, it.entity))
    mentions.sort(key=lambda m: m.start)
    return tuple(mentions)


class _Spans:
    """Sorted disjoint spans, asked whether a span overlaps any of them."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.spans = sorted(spans)
        self.starts = [s for s, _ in self.spans]

    def overlaps(self, start: int, end: int) -> bool:
        from bisect import bisect_right

        i = bisect_right(self.starts, start) - 1
        for s, e in self.spans[max(i, 0): i + 2]:
            if s < end and start < e:
                return True
        return False
