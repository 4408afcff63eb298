"""Actors and places: the seed article, a table of tricky cases, the data files and properties."""

from __future__ import annotations

import tomllib
from datetime import timezone
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitegen.events.entities import DATA, LexiconError, as_actor, find_entities, is_demonym, load_lexicon, surname
from sitegen.events.model import Entity, EntityMention
from sitegen.events.text import article_text
from sitegen.sources import read_article

SEEDS = Path(__file__).resolve().parents[2] / "seeds"

TURKEY = Entity("Turkey", "country")


def _seed_mentions() -> tuple[str, tuple[EntityMention, ...]]:
    path = next(SEEDS.glob("*.md"))
    article = read_article(str(path), path.read_bytes(), timezone.utc, lambda *a: None)
    text = article_text(article)
    return text, find_entities(text)


@pytest.fixture(scope="module")
def seed() -> tuple[str, tuple[EntityMention, ...]]:
    return _seed_mentions()


def _people(mentions: tuple[EntityMention, ...]) -> dict[str, Entity]:
    return {m.entity.name: m.entity for m in mentions if m.entity.kind == "person"}


# -- the seed article ---------------------------------------------------------------------


def test_seed_people_and_roles(seed: tuple[str, tuple[EntityMention, ...]]) -> None:
    people = _people(seed[1])
    blinken, fidan = people["Antony Blinken"], people["Hakan Fidan"]
    assert blinken.role is not None and "Secretary" in blinken.role and blinken.country == "United States"
    assert fidan.role is not None and "foreign" in fidan.role.lower() and fidan.country == "Turkey"
    assert people["Recep Tayyip Erdogan"].role == "President"
    assert "Benjamin Netanyahu" in people
    assert set(people) == {"Antony Blinken", "Hakan Fidan", "Recep Tayyip Erdogan", "Benjamin Netanyahu"}


def test_seed_every_mention_of_a_person_is_one_entity(seed: tuple[str, tuple[EntityMention, ...]]) -> None:
    text, mentions = seed
    blinken = [m for m in mentions if m.entity.name == "Antony Blinken"]
    assert len({m.entity for m in blinken}) == 1
    # "Blinken met", "Secretary Blinken's visit", "Blinken's mission", "During Blinken's visit" ...
    assert sum(1 for m in blinken if m.text == "Blinken") == text.count("Blinken") - 1
    erdogan = [m for m in mentions if m.entity.name == "Recep Tayyip Erdogan"]
    assert len(erdogan) == text.count("Erdogan") and len({m.entity for m in erdogan}) == 1


def test_seed_countries_places_and_bodies(seed: tuple[str, tuple[EntityMention, ...]]) -> None:
    text, mentions = seed
    by_text = {(m.text, m.entity) for m in mentions}
    assert ("Turkish", TURKEY) in by_text
    assert ("Turkey", TURKEY) in by_text
    at = text.index("Turkey's frustration")
    assert any(m.start == at and m.entity == TURKEY for m in mentions)
    ankara = [m for m in mentions if m.text == "Ankara"]
    assert ankara and all(m.entity == Entity("Ankara", "place", country="Turkey") for m in ankara)
    assert as_actor(ankara[-1].entity) == TURKEY  # "Earlier, Ankara recalled its ambassador"
    for name in ("Israel", "Iraq", "Jordan", "Palestine", "United States"):
        assert any(m.entity == Entity(name, "country") for m in mentions), name
    assert ("Hamas", Entity("Hamas", "organisation")) in by_text
    assert ("Al Jazeera", Entity("Al Jazeera", "organisation")) in by_text
    assert ("Gaza", Entity("Gaza", "place", country="Palestine")) in by_text
    assert ("Middle East", Entity("Middle East", "place")) in by_text
    assert ("Tel Aviv", Entity("Tel Aviv", "place", country="Israel")) in by_text
    assert as_actor(Entity("Tel Aviv", "place", country="Israel")).kind == "place"  # a city, not the capital
    assert ("Palestinians", Entity("Palestine", "country")) in by_text
    washington = next(m for m in mentions if m.text == "Washington")
    assert as_actor(washington.entity) == Entity("United States", "country")


def test_seed_no_false_people(seed: tuple[str, tuple[EntityMention, ...]]) -> None:
    texts = {m.text for m in seed[1] if m.entity.kind == "person"}
    for wrong in ("Arab", "Muslim", "Notably", "While Washington", "Washington", "Secretary Blinken",
                  "Blinken's", "Middle East", "Western", "Muslims", "Christians", "Jews", "Hours",
                  "Earlier", "Following", "During", "President Erdogan"):
        assert wrong not in texts, wrong


# -- the tricky table ------------------------------------------------------------------------

# text, expected (surface, canonical name, kind), surfaces that must not be people, why
CASES: list[tuple[str, list[tuple[str, str, str]], list[str], str]] = [
    ("The U.S. and the UK issued a statement.", [("U.S.", "United States", "country"), ("UK", "United Kingdom", "country")], [],
     "dotted and bare abbreviations"),
    ("American and British officials met in the United States.", [("American", "United States", "country"), ("British", "United Kingdom", "country"), ("United States", "United States", "country")], [],
     "demonyms resolve to their country"),
    ("Let us go, said the man who had read the news.", [], ["us"], "'us' is not the US: the gazetteer is case-sensitive"),
    ("Papua New Guinea and Guinea-Bissau joined Guinea.", [("Papua New Guinea", "Papua New Guinea", "country"), ("Guinea-Bissau", "Guinea-Bissau", "country"), ("Guinea", "Guinea", "country")], [],
     "the longest form wins"),
    ("Thousands of Israelis and Palestinians marched.", [("Israelis", "Israel", "country"), ("Palestinians", "Palestine", "country")], [],
     "plural demonyms"),
    ("Moscow said the talks had failed.", [("Moscow", "Moscow", "place")], [], "a capital is a place; as_actor decides"),
    ("Pilgrims gathered in Jerusalem.", [("Jerusalem", "Jerusalem", "place")], [], "Jerusalem: a place without a country"),
    ("Heavy fighting was reported in Crimea and the Donbas.", [("Crimea", "Crimea", "place"), ("Donbas", "Donbas", "place")], [],
     "contested regions are places"),
    ("The Turkish Foreign Ministry summoned the envoy.", [("Turkish Foreign Ministry", "Turkish Foreign Ministry", "organisation")], ["Turkish Foreign Ministry"],
     "a run ending in a head word is an organisation"),
    ("She met officials of the Ministry of Defence of Ukraine.", [("Ministry of Defence of Ukraine", "Ministry of Defence of Ukraine", "organisation")], [],
     "a head word followed by 'of'"),
    ("Protesters gathered outside Incirlik Air Base.", [("Incirlik Air Base", "Incirlik Air Base", "place")], ["Incirlik Air"],
     "a place head word"),
    ("NATO and the EU met at the World Bank with WHO and IMF officials.", [("NATO", "NATO", "organisation"), ("EU", "European Union", "organisation"), ("World Bank", "World Bank", "organisation"), ("WHO", "World Health Organization", "organisation"), ("IMF", "International Monetary Fund", "organisation")], [],
     "acronyms of well-known bodies"),
    ("Who said that? Reuters and AFP reported it, as did The New York Times.", [("Reuters", "Reuters", "organisation"), ("AFP", "Agence France-Presse", "organisation"), ("The New York Times", "The New York Times", "organisation")], ["Who"],
     "news outlets; 'Who' is not WHO"),
    ("Prime Minister Benjamin Netanyahu spoke. Netanyahu later left.", [("Benjamin Netanyahu", "Benjamin Netanyahu", "person"), ("Netanyahu", "Benjamin Netanyahu", "person")], [],
     "a later surname resolves to the full name"),
    ("Smith arrived late.", [], ["Smith"], "a lone unknown word is not a person"),
    ("Mr. Smith arrived late.", [("Smith", "Smith", "person")], [], "an honorific licenses a lone name"),
    ("Osama bin Laden was killed. Bin Laden had hidden for years.", [("Osama bin Laden", "Osama bin Laden", "person")], [],
     "particles inside a name"),
    ("Syrian President Bashar al-Assad met Putin.", [("Bashar al-Assad", "Bashar al-Assad", "person"), ("Syrian", "Syria", "country")], ["Putin"],
     "a hyphenated particle; lone 'Putin' unseen in a full name is left out"),
    ("On Monday Blinken flew to Ankara.", [("Ankara", "Ankara", "place")], ["Monday Blinken", "Blinken"], "weekdays are never names"),
    ("Arab and Muslim leaders met Western diplomats.", [], ["Arab", "Muslim", "Western", "Arab and Muslim"], "group words are not people"),
    ("Michael Jordan visited Jordan.", [("Michael Jordan", "Michael Jordan", "person"), ("Jordan", "Jordan", "country")], [],
     "a country word closing a name"),
    ("Foreign Minister Israel Katz visited Israel.", [("Israel Katz", "Israel Katz", "person"), ("Israel", "Israel", "country")], [],
     "a country word after a title opens a name"),
    ("Hamas leader Ismail Haniyeh lives in Doha.", [("Ismail Haniyeh", "Ismail Haniyeh", "person"), ("Hamas", "Hamas", "organisation"), ("Doha", "Doha", "place")], [],
     "an organisation in a role stays an organisation mention"),
    ("King Abdullah II of Jordan met King Charles III.", [("Abdullah II", "Abdullah II", "person"), ("Charles III", "Charles III", "person"), ("Jordan", "Jordan", "country")], [],
     "regnal numerals close a name"),
    ("John F. Kennedy was president.", [("John F. Kennedy", "John F. Kennedy", "person")], [], "a middle initial"),
    ("Following the talks, the following day was quiet.", [], ["Following"], "a sentence's first word written lower case elsewhere"),
    ("In May, Theresa May resigned.", [("Theresa May", "Theresa May", "person")], ["May"], "a month closing a name"),
    ("Gaza City and the West Bank were named, and Gaza too.", [("Gaza City", "Gaza City", "place"), ("West Bank", "West Bank", "place"), ("Gaza", "Gaza", "place")], [],
     "regions with their country"),
    ("Türkiye, officially, is Turkey.", [("Türkiye", "Turkey", "country"), ("Turkey", "Turkey", "country")], [], "name variants"),
    ("Taiwan, Kosovo and Hong Kong responded.", [("Taiwan", "Taiwan", "country"), ("Kosovo", "Kosovo", "country"), ("Hong Kong", "Hong Kong", "country")], [],
     "actors beyond the UN members"),
    ("The Justice and Development Party won.", [("Justice and Development Party", "Justice and Development Party", "organisation")], [], "a connector inside a body's name"),
    ("Envoy Park Min-jun landed, and Lee Sun-hee greeted him.", [("Park Min-jun", "Park Min-jun", "person"), ("Lee Sun-hee", "Lee Sun-hee", "person")], ["Lee Sun", "Park"],
     "a hyphenated given name stays whole; 'Park' before it is a family name, not a head word"),
    ("Keiko Arai and Park Min-jun met in Tokyo. Arai thanked Park.", [("Keiko Arai", "Keiko Arai", "person"), ("Park Min-jun", "Park Min-jun", "person"), ("Tokyo", "Tokyo", "place"), ("Arai", "Keiko Arai", "person"), ("Park", "Park Min-jun", "person")], ["Keiko Arai and Park"],
     "'and' splits two names; a bare family name resolves like a surname"),
    ("Keiko Arai and Gorky Park were named.", [("Keiko Arai", "Keiko Arai", "person"), ("Gorky Park", "Gorky Park", "place")], [],
     "a place never spans 'and'"),
    ("Kim Jong-un inspected the site. Kim left by train.", [("Kim", "Kim Jong-un", "person")], [],
     "family name first: the first word alone resolves"),
    ("Park Min-jun met Park Ji-woo. Later Park left.", [("Park", "Park Ji-woo", "person")], [],
     "two people share the family name: the nearest before"),
    ("Hakan Fidan spoke. Hakan left.", [("Hakan Fidan", "Hakan Fidan", "person")], ["Hakan"],
     "a given name alone resolves to nobody: only a hyphenated given name puts the family first"),
    ("The Fidan-led talks and Soviet-era tanks were noted.", [], ["Fidan-led", "Fidan", "Soviet-era"],
     "a hyphen before an adjective's ending is no given name"),
    ("Xi Jin-ping and Moon Jae-in spoke.", [("Xi Jin-ping", "Xi Jin-ping", "person"), ("Moon Jae-in", "Moon Jae-in", "person")], [],
     "given names ending like English words ('-ping', '-in') stay whole"),
    ("Pieter de Vries arrived. De Vries said little.", [("Pieter de Vries", "Pieter de Vries", "person"), ("De Vries", "Pieter de Vries", "person")], ["Vries"],
     "a capitalised particle opens a later mention; particles match in any case"),
    ("Mr. Park arrived at the embassy.", [("Park", "Park", "person")], ["Mr. Park"], "an honorific licenses a head word as a name, never a place"),
    ("Gorky Park reopened. Park staff cheered.", [("Gorky Park", "Gorky Park", "place")], ["Park", "Park staff"],
     "a lone head word seen in no name is not a person"),
]
assert len({c[0] for c in CASES}) == len(CASES)


@pytest.mark.parametrize("text, expected, not_people, why", CASES, ids=[c[3] for c in CASES])
def test_tricky(text: str, expected: list[tuple[str, str, str]], not_people: list[str], why: str) -> None:
    found = find_entities(text)
    got = {(m.text, m.entity.name, m.entity.kind) for m in found}
    for want in expected:
        assert want in got, f"{why}: {want} not in {sorted(got)}"
    people = {m.text for m in found if m.entity.kind == "person"} | {m.entity.name for m in found if m.entity.kind == "person"}
    for wrong in not_people:
        assert wrong not in people, f"{why}: {wrong!r} taken for a person"


# text, person, role, country, why
ROLES = [
    ("US State Secretary Antony Blinken arrived.", "Antony Blinken", "US State Secretary", "United States", "title words with a country before the name"),
    ("Blinken met his Turkish counterpart, Hakan Fidan, on Monday.", "Hakan Fidan", "Turkish counterpart", "Turkey", "an appositive before the name"),
    ("He met Hakan Fidan, Turkey's foreign minister, in Ankara.", "Hakan Fidan", "Turkey's foreign minister", "Turkey", "an appositive after the name"),
    ("He met the Minister of Foreign Affairs of Turkey, Hakan Fidan.", "Hakan Fidan", "Minister of Foreign Affairs of Turkey", "Turkey", "a role with 'of' and its country"),
    ("His Turkish counterpart, Hakan Fidan, spoke. Later, Hakan Fidan, Turkey's foreign minister, left.", "Hakan Fidan", "Turkey's foreign minister", "Turkey", "a real role beats a relational one"),
    ("Secretary Blinken spoke. Antony Blinken, the US Secretary of State, left.", "Antony Blinken", "US Secretary of State", "United States", "the most informative role, wherever it is"),
    ("President Recep Tayyip Erdogan spoke. President Erdogan left.", "Recep Tayyip Erdogan", "President", None, "a title alone gives no country"),
    ("Deputy Foreign Minister Ali Bagheri arrived.", "Ali Bagheri", "Deputy Foreign Minister", None, "titles chain"),
    ("Israeli Prime Minister Benjamin Netanyahu spoke.", "Benjamin Netanyahu", "Israeli Prime Minister", "Israel", "a demonym before the title"),
    ("UN Secretary-General Antonio Guterres spoke.", "Antonio Guterres", "UN Secretary-General", None, "a body before the title"),
]


@pytest.mark.parametrize("text, person, role, country, why", ROLES, ids=[r[4] for r in ROLES])
def test_roles(text: str, person: str, role: str, country: str | None, why: str) -> None:
    people = _people(find_entities(text))
    assert person in people, f"{why}: {sorted(people)}"
    assert (people[person].role, people[person].country) == (role, country), why


def test_later_short_name_and_earlier_surname_resolve() -> None:
    found = find_entities("Erdogan spoke first. Later Recep Tayyip Erdogan and Tayyip Erdogan were named.")
    assert {m.entity.name for m in found if m.entity.kind == "person"} == {"Recep Tayyip Erdogan"}


def test_two_people_sharing_a_surname_take_the_nearest() -> None:
    found = find_entities("Joe Biden spoke. Biden left. Then Hunter Biden spoke. Biden stayed.")
    lone = [m.entity.name for m in found if m.text == "Biden"]
    assert lone == ["Joe Biden", "Hunter Biden"]


def test_no_place_or_person_spans_and() -> None:
    text = "Keiko Arai and Park Min-jun met. Lee Sun-hee and Gorky Park, Keiko Arai & Tahrir Square."
    for m in find_entities(text):
        if m.entity.kind in ("place", "person"):
            assert " and " not in m.text and " & " not in m.text, m


# text, the mention's words, whether a demonym, why
DEMONYMS = [
    ("Coastguards fired warning shots at the Japanese trawler.", "Japanese", True, "an adjective before a lower-case noun"),
    ("He phoned his Turkish counterpart.", "Turkish", True, "a demonym in a role"),
    ("Thousands of Israelis marched.", "Israelis", True, "a plural added at load"),
    ("North Korean gunners fired.", "North Korean", True, "a demonym of two words"),
    ("The trawler sailed for Japan.", "Japan", False, "the country's name"),
    ("Officials in Tokyo declined to comment.", "Tokyo", False, "a capital is a place, not a demonym"),
    ("The U.S. embassy closed.", "U.S.", False, "an alias is a name"),
]


@pytest.mark.parametrize("text, words, expected, why", DEMONYMS, ids=[d[3] for d in DEMONYMS])
def test_is_demonym(text: str, words: str, expected: bool, why: str) -> None:
    mention = next(m for m in find_entities(text) if m.text == words)
    assert is_demonym(mention) is expected, why


# name, surname, why
SURNAMES = [
    ("Antony Blinken", "Blinken", "the last word"),
    ("Pieter de Vries", "de Vries", "a particle opens the surname"),
    ("Ursula von der Leyen", "von der Leyen", "several particles"),
    ("Osama bin Laden", "bin Laden", "an Arabic particle"),
    ("Bashar al-Assad", "al-Assad", "a hyphenated particle is one word"),
    ("De Vries", "De Vries", "a capitalised particle opening the name"),
    ("Al Gore", "Gore", "a particle that is also a given name"),
    ("James A. Baker III", "Baker", "initials and a regnal numeral left out"),
    ("Martin Luther King Jr.", "King", "a generational suffix left out"),
    ("Park Min-jun", "Park", "a hyphenated given name puts the family name first"),
    ("Min-jun Park", "Park", "a hyphenated given name first: the family name last"),
    ("Hakan Fidan", "Fidan", "unhyphenated names read given name first"),
    ("Erdogan", "Erdogan", "one word"),
]


@pytest.mark.parametrize("name, expected, why", SURNAMES, ids=[s[2] for s in SURNAMES])
def test_surname(name: str, expected: str, why: str) -> None:
    assert surname(Entity(name, "person")) == expected, why


def test_surname_of_anything_but_a_person_is_its_name() -> None:
    assert surname(Entity("Gorky Park", "place")) == "Gorky Park"
    assert surname(TURKEY) == "Turkey"


def test_surname_of_found_people() -> None:
    found = find_entities("Envoy Park Min-jun met Pieter de Vries and James A. Baker III.")
    assert sorted(surname(e) for e in _people(found).values()) == ["Baker", "Park", "de Vries"]


def test_as_actor() -> None:
    assert as_actor(Entity("Ankara", "place", country="Turkey")) == TURKEY
    assert as_actor(Entity("Istanbul", "place", country="Turkey")) == Entity("Istanbul", "place", country="Turkey")
    assert as_actor(Entity("Jerusalem", "place")) == Entity("Jerusalem", "place")
    assert as_actor(TURKEY) == TURKEY


# -- the data --------------------------------------------------------------------------------


def test_gazetteer_covers_the_un() -> None:
    data = tomllib.loads((DATA / "gazetteer.toml").read_text(encoding="utf-8"))
    members = [c for c in data["country"] if c.get("status", "member") == "member"]
    observers = {c["name"] for c in data["country"] if c.get("status") == "observer"}
    assert len(members) == 193 and observers == {"Holy See", "Palestine"}
    for name in ("Turkey", "United States", "Israel", "Palestine", "Taiwan", "Kosovo", "Hong Kong"):
        assert find_entities(name)[0].entity == Entity(name, "country"), name


def test_a_form_naming_two_entities_is_an_error(tmp_path: Path) -> None:
    gaz = tmp_path / "gazetteer.toml"
    gaz.write_text('[[country]]\nname = "Niger"\n\n[[country]]\nname = "Nigeria"\naliases = ["Niger"]\n', encoding="utf-8")
    with pytest.raises(LexiconError, match=r"gazetteer.toml:6: 'Niger' names both 'Niger' and 'Nigeria'"):
        load_lexicon(gaz, DATA / "titles.toml")


def test_bad_toml_names_the_line(tmp_path: Path) -> None:
    gaz = tmp_path / "gazetteer.toml"
    gaz.write_text('[[country]]\nname = "Niger\n', encoding="utf-8")
    with pytest.raises(LexiconError, match=r"gazetteer.toml:2: is not valid TOML"):
        load_lexicon(gaz, DATA / "titles.toml")


# -- properties ------------------------------------------------------------------------------

_WORDS = st.sampled_from(["Turkey", "Turkish", "U.S.", "US", "Ankara", "President", "Recep", "Tayyip", "Erdogan", "Hakan",
                          "Fidan", ",", ".", "'s", "the", "of", "Minister", "Ministry", "bin", "al", "-", "Mr.", "Gaza",
                          "\n\n", "Jordan", "Michael", "May", "J.", "Foreign", "his", "counterpart", "Al Jazeera", "’",
                          "Park", "Min-jun", "Sun-hee", "and", "Square", "de", "De", "Vries"])


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=200), st.lists(_WORDS, max_size=40).map(" ".join)))
def test_mentions_are_ordered_disjoint_and_exact(text: str) -> None:
    found = find_entities(text)
    end = 0
    for m in found:
        assert end <= m.start < m.end <= len(text)
        assert text[m.start:m.end] == m.text
        end = m.end
    people: dict[str, Entity] = {}
    for m in found:
        if m.entity.kind in ("place", "person"):
            assert not {"and", "&"} & set(m.text.split()), m  # a conjunction joins two names
        if m.entity.kind == "person":
            assert people.setdefault(m.entity.name, m.entity) == m.entity  # one Entity per person


@pytest.mark.parametrize(("text", "names"), [
    ("Eirik Brå met Guðrún Einarsdóttir Oct. 25 in Oslo.", ["Eirik Brå", "Guðrún Einarsdóttir", "Oslo"]),
    ("Halima Msuya arrived in Maputo Sept. 3.", ["Halima Msuya", "Maputo"]),
    ("Julia May Jones spoke.", ["Julia May Jones"]),
])
def test_a_month_abbreviation_before_a_day_is_a_date_not_part_of_a_name(text: str, names: list[str]) -> None:
    assert [m.entity.name for m in find_entities(text)] == names
