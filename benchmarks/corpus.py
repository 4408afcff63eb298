"""A seeded generator of synthetic news stories that knows its own truth.

    python benchmarks/corpus.py OUT_DIR --articles 200 --seed 1 [--start 2023-10-01] [--days 60]
    python benchmarks/corpus.py --score OUT_DIR

The story world (below, as data) is a set of recurring actors: invented ministers and officials
of real countries, organisations and cities, grouped in *threads* (a fisheries row, a river
treaty, a port dispute, boats seized at sea, a budget crisis, an insurgency). Episodes of true
events (a visit with its meeting, the statement after it and a protest hours before the
arrival; talks and the agreement two days later; an attack, the condemnation, the recall of an
ambassador, a release; protests, a vote, a resignation) are laid on a calendar. Articles,
published on different days by several outlets, each report a few of those events with date
expressions relative to their own publication day ("on Monday", "yesterday", "over the
weekend", "last week", "earlier this month", "in October", "on 4 November", "Nov. 4", "two days
later", "following the meeting", "hours before X's arrival", "earlier", "will meet on Friday",
"next week"), with background sentences, quotes, negations and some wire copy republished by
several outlets.

``OUT_DIR/truth.json`` lists every true event (id, type, actors, place, date) and every
sentence that mentions one, with the expression used and its class (``day``, ``range``,
``month``, ``relation``, ``vague``), so that benchmarks can score an extractor against it.
Same seed and arguments -> byte-identical files: one ``random.Random(seed)``, no clock.

``--score`` reads the folder with sitegen and compares the merged timeline to the truth.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

# --------------------------------------------------------------------------------------------
# The story world: all prose and names here are written for this generator.

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
AP_MONTHS = ("Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.",
             "Nov.", "Dec.")


@dataclass(frozen=True)
class Person:
    name: str
    role: str  # as written before the name: "Foreign Minister"
    country: str
    pronoun: str  # "he" / "she"

    @property
    def short(self) -> str:
        return self.name.split()[-1]


@dataclass(frozen=True)
class Country:
    name: str
    adjective: str
    capital: str
    cities: tuple[str, ...]
    people: tuple[Person, ...]
    parliament: str


def _country(name: str, adjective: str, capital: str, cities: tuple[str, ...], parliament: str,
             *people: tuple[str, str, str]) -> Country:
    return Country(name, adjective, capital, cities,
                   tuple(Person(n, r, name, p) for n, r, p in people), parliament)


COUNTRIES: dict[str, Country] = {c.name: c for c in (
    _country("Norway", "Norwegian", "Oslo", ("Bergen", "Tromsø"), "the Storting",
             ("Håkon Vestre", "Foreign Minister", "he"), ("Sigrid Aaslund", "Prime Minister", "she"),
             ("Eirik Brå", "Fisheries Minister", "he")),
    _country("Iceland", "Icelandic", "Reykjavik", ("Akureyri",), "the Althing",
             ("Guðrún Einarsdóttir", "Foreign Minister", "she"),
             ("Kjartan Ólafsson", "Prime Minister", "he")),
    _country("Chile", "Chilean", "Santiago", ("Valparaíso", "Antofagasta"), "the Chilean Senate",
             ("Matías Fuenzalida", "Foreign Minister", "he"),
             ("Catalina Reyes Ossandón", "President", "she")),
    _country("Argentina", "Argentine", "Buenos Aires", ("Mendoza", "Córdoba"), "the Argentine Congress",
             ("Federico Lanús", "Foreign Minister", "he"), ("Mariela Quiroga", "Energy Minister", "she")),
    _country("Bolivia", "Bolivian", "La Paz", ("Santa Cruz",), "the Bolivian Assembly",
             ("Rosa Mamani Quispe", "Foreign Minister", "she")),
    _country("Kenya", "Kenyan", "Nairobi", ("Mombasa", "Kisumu"), "the Kenyan National Assembly",
             ("Wanjiru Kamau", "Interior Minister", "she"), ("Daniel Otieno Mbugua", "Transport Minister", "he")),
    _country("Tanzania", "Tanzanian", "Dodoma", ("Dar es Salaam", "Mwanza"), "the Tanzanian parliament",
             ("Halima Msuya", "Foreign Minister", "she")),
    _country("Indonesia", "Indonesian", "Jakarta", ("Surabaya", "Batam"), "the Indonesian House",
             ("Rizal Santoso", "Foreign Minister", "he"), ("Dewi Kartika", "Fisheries Minister", "she")),
    _country("Vietnam", "Vietnamese", "Hanoi", ("Da Nang", "Haiphong"), "the Vietnamese National Assembly",
             ("Trần Minh Đức", "Foreign Minister", "he")),
    _country("Portugal", "Portuguese", "Lisbon", ("Porto", "Coimbra"), "the Portuguese parliament",
             ("Inês Carvalho Moura", "Finance Minister", "she"), ("João Teixeira", "Prime Minister", "he"),
             ("Rui Gonçalves", "Labour Minister", "he")),
    _country("Mozambique", "Mozambican", "Maputo", ("Pemba", "Nampula"), "the Mozambican Assembly",
             ("Armando Cossa", "Defence Minister", "he"), ("Luísa Mondlane", "Foreign Minister", "she")),
    _country("Germany", "German", "Berlin", ("Hamburg",), "the Bundestag",
             ("Jürgen Weißmann", "Development Minister", "he")),
)}

ORG_PEOPLE: tuple[Person, ...] = (
    Person("Amara Ndiaye", "UN special envoy", "United Nations", "she"),
    Person("Elena Vasquez-Moretti", "EU Fisheries Commissioner", "European Union", "she"),
    Person("Kwame Boateng", "African Union mediator", "African Union", "he"),
)


@dataclass(frozen=True)
class Thread:
    """A running story: who is in it, what it is about, and what people say about it."""

    key: str
    countries: tuple[str, ...]  # the first two are the main parties
    mediator: Person | None
    topic: str  # "mackerel quotas in the North Atlantic"
    short_topic: str  # "the mackerel row"
    kinds: tuple[str, ...]  # episode kinds it produces
    tags: tuple[str, ...]
    stances: tuple[str, ...]  # what a party "said that ..."
    quotes: tuple[str, ...]
    background: tuple[str, ...]  # sentences with no event; {a} {b} are the parties
    protesters: tuple[str, ...]
    bill: str = "the bill"
    target: str = "a convoy"
    captives: str = "prisoners"
    group: str = "the authorities"


THREADS: tuple[Thread, ...] = (
    Thread(
        "fisheries", ("Norway", "Iceland", "Germany"),
        ORG_PEOPLE[1], "mackerel quotas in the North Atlantic", "the mackerel row",
        ("visit", "talks", "talks", "domestic"), ("fisheries", "North Atlantic"),
        ("its fleet would keep fishing at last year's level until a new share was settled",
         "the scientific advice on stocks had to come before national interests",
         "a fair split of the quota was still within reach"),
        ("We are not asking for more fish, we are asking for a fair share of what is left",
         "Nobody wins if the stock collapses, and that is where we are heading",
         "Our coastal towns cannot wait another season for an answer"),
        ("{a} and {b} have argued over the size of their catches for more than a decade.",
         "The mackerel stock has moved north as the sea has warmed, redrawing old fishing grounds.",
         "Scientists have recommended deep cuts to the total catch for three years in a row.",
         "Fishing accounts for a large share of export earnings in several coastal regions."),
        ("fishermen", "trawler crews", "coastal residents"), "the new quota law",
    ),
    Thread(
        "river", ("Chile", "Argentina", "Bolivia"),
        None, "the sharing of Andean river water", "the water dispute",
        ("visit", "talks", "domestic"), ("water", "Andes"),
        ("the upstream dams had cut the flow reaching farms across the border",
         "any new treaty must be based on measured flows, not on old maps",
         "the glacier melt had made a new water-sharing formula urgent"),
        ("Water that crosses a border is a shared responsibility, not a weapon",
         "We came to listen, but our farmers need rain and rivers, not speeches",
         "There can be no lasting deal without the communities that live along the river"),
        ("{a} and {b} share several rivers that rise in the high Andes.",
         "A drought now in its fourth year has left reservoirs in the region at record lows.",
         "The treaty that governs the shared basins was drafted in the 1970s.",
         "Farmers downstream have long complained that upstream projects were built without consultation."),
        ("farmers", "irrigation workers", "residents of river towns"), "the water emergency law",
    ),
    Thread(
        "port", ("Kenya", "Tanzania"),
        ORG_PEOPLE[2], "access to the Lake Victoria ports", "the port dispute",
        ("visit", "talks", "domestic"), ("trade", "East Africa"),
        ("the new port fees broke the spirit of the regional customs union",
         "lorries had been left waiting at the border for days",
         "trade across the lake would resume once the inspections were lifted"),
        ("Every day the trucks sit at the border, families on both sides lose money",
         "We want a lake that joins our economies, not one that divides them",
         "The fees were agreed in good faith and they will be applied in good faith"),
        ("{a} and {b} are each other's largest trading partners in the region.",
         "Cargo volumes on the lake have doubled in the past five years.",
         "The customs union has struggled to settle disputes over non-tariff barriers."),
        ("truck drivers", "traders", "dock workers"), "the port levy bill",
    ),
    Thread(
        "boats", ("Indonesia", "Vietnam"),
        None, "fishing boats seized near the Natuna Islands", "the boat seizures",
        ("crisis", "talks", "visit"), ("maritime", "Southeast Asia"),
        ("the crews had been fishing illegally inside its exclusive economic zone",
         "the detained fishermen must be treated in line with international law",
         "the coastguard had acted within its rights"),
        ("These are fishermen, not criminals, and they must be allowed to go home",
         "Our waters are not open to anyone who ignores the law",
         "We will defend our fishermen wherever they work"),
        ("{a} and {b} have overlapping claims to waters rich in fish.",
         "Dozens of foreign boats have been seized in the area over the past few years.",
         "Both governments describe their relationship as a strategic partnership."),
        ("relatives of the crews", "fishing families", "students"), "the maritime security bill",
        target="a patrol boat", captives="fishermen", group="the coastguard",
    ),
    Thread(
        "budget", ("Portugal", "Germany"),
        None, "the austerity budget", "the budget crisis",
        ("domestic", "domestic", "talks"), ("economy", "Portugal"),
        ("the spending cuts were the only way to keep borrowing costs down",
         "the government had broken its promise to protect pensions",
         "the deficit target would be met without new taxes"),
        ("This budget asks the most from those who have the least",
         "We cannot spend money we do not have, and the markets know it",
         "I will not defend a plan that I no longer believe in"),
        ("{a} has run a budget surplus in only a handful of years since joining the euro.",
         "Public sector wages were frozen for several years after the debt crisis.",
         "The governing coalition holds a majority of just four seats."),
        ("teachers", "nurses", "pensioners", "public sector workers"), "the 2024 budget",
    ),
    Thread(
        "insurgency", ("Mozambique", "Tanzania"),
        ORG_PEOPLE[0], "the insurgency in the northern provinces", "the northern insurgency",
        ("crisis", "crisis", "visit"), ("security", "Mozambique"),
        ("the army had retaken control of the main coastal road",
         "humanitarian convoys needed guaranteed safe passage",
         "regional troops would stay until the villages were safe"),
        ("Every family that fled deserves to come home to a village that is safe",
         "We will not negotiate with people who burn schools",
         "The humanitarian situation is worse than anything we have seen this year"),
        ("Fighting in the north has displaced hundreds of thousands of people since 2017.",
         "Gas projects off the northern coast have been suspended because of the violence.",
         "Aid agencies say many villages can only be reached by air."),
        ("displaced families", "students", "market traders"), "the security law",
        target="a convoy", captives="hostages", group="the insurgents",
    ),
)

OUTLETS: tuple[tuple[str, str], ...] = (  # name, host (.example is reserved for examples)
    ("The Harbour Herald", "harbourherald.example"),
    ("Northline Daily", "northline.example"),
    ("Continental Review", "continentalreview.example"),
    ("The Civic Ledger", "civicledger.example"),
    ("Lakeside Times", "lakesidetimes.example"),
    ("Global Desk", "globaldesk.example"),
    ("Compass Post", "compasspost.example"),
)
WIRES: tuple[tuple[str, str], ...] = (
    ("Meridian Press Agency", "meridianpress.example"),
    ("Atlas Wire", "atlaswire.example"),
)

# Templates. {A} is an actor introduced with role ("Norwegian Foreign Minister Håkon Vestre"),
# {a} the surname; {B}/{b} the counterpart; {W} the date expression with its leading space.
PAST: dict[str, tuple[str, ...]] = {
    "meeting": ("{A} met {B} in {place}{W} to discuss {topic}.",
                "{A} held talks with {B}{W} in {place}, focusing on {topic}."),
    "visit": ("{A} arrived in {place}{W} for a two-day visit.",
              "{A} visited {place}{W}, {his} first trip there since taking office."),
    "statement": ("{A} said{W} that {stance}.",
                  "{A} told reporters in {place}{W} that {stance}."),
    "protest": ("Hundreds of {protesters} protested outside the parliament in {place}{W}.",
                "Thousands of {protesters} marched through {place}{W} to denounce {short_topic}."),
    "vote": ("{parliament} voted{W} to approve {bill}.",
             "Lawmakers in {place} approved {bill}{W} by {yes} votes to {no}."),
    "agreement": ("{A} and {B} signed an agreement on {topic}{W} in {place}.",
                  "Negotiators from {country} and {country2} agreed{W} on a framework to settle {short_topic}."),
    "attack": ("Gunmen attacked {target} near {place}{W}, killing {n} people.",
               "Insurgents raided a village outside {place}{W} and set fire to the market."),
    "release": ("{group_cap} released {n} {captives}{W} after talks brokered by {mediator}.",
                "{n} {captives} were freed{W} and flown to {place}."),
    "resignation": ("{A} resigned{W} after weeks of pressure over {short_topic}.",
                    "{A} stepped down{W}, saying {he} could no longer defend {bill}."),
    "recall": ("{country} recalled its ambassador to {country2}{W} over {short_topic}.",
               "{capital} recalled its ambassador from {capital2}{W} in protest."),
}
FUTURE: dict[str, tuple[str, ...]] = {
    "meeting": ("{A} will meet {B} in {place}{W} to discuss {topic}.",
                "{A} is expected to hold talks with {B} in {place}{W}."),
    "visit": ("{A} will visit {place}{W}.",
              "{A} is due to travel to {place}{W} for talks on {short_topic}."),
    "vote": ("{parliament} will vote on {bill}{W}.",),
    "agreement": ("{A} and {B} are expected to sign an agreement on {topic}{W}.",),
    "statement": ("{A} will address {parliament}{W} on {short_topic}.",),
    "protest": ("Unions say {protesters} will march through {place}{W}.",),
    "resignation": ("{A} will step down{W}, {his} office said.",),
}
NEGATIONS: dict[str, tuple[str, ...]] = {
    "agreement": ("There was no agreement on {topic}.", "The two sides did not sign a joint declaration."),
    "statement": ("There was no joint statement after the talks.",),
    "meeting": ("{a} did not meet {b} during the trip.",),
}
QUOTE_TAILS = ('"{quote}," {he} said.', '"{quote}," {a} added.', '"{quote}," {he} told reporters.')
TITLE_VERBS = {
    "meeting": "{a} meets {b} over {short_topic}", "visit": "{a} visits {place} as {short_topic} drags on",
    "statement": "{a}: {stance_short}", "protest": "Protests in {place} over {short_topic}",
    "vote": "{parliament_cap} approves {bill}", "agreement": "{country} and {country2} sign deal on {short_topic}",
    "attack": "Attack near {place} kills {n}", "release": "{n} {captives} freed",
    "resignation": "{a} resigns over {short_topic}", "recall": "{country} recalls ambassador over {short_topic}",
}

# --------------------------------------------------------------------------------------------
# The true events


@dataclass
class Mention:
    article: str  # file name
    published: str
    expression: str
    kind: str  # day | range | month | relation | vague
    tense: str  # past | future
    sentence: str
    copy_of: str | None = None


@dataclass
class TrueEvent:
    id: str
    type: str
    date: date
    thread: str
    actors: list[str]
    place: str
    country: str
    fill: dict[str, str]
    mentions: list[Mention] = field(default_factory=list)


@dataclass
class Episode:
    thread: Thread
    kind: str
    events: list[TrueEvent]  # chronological
    relations: dict[str, tuple[str, str]]  # event id -> (relation, id of the event it is told against)


def _role(p: Person) -> str:
    """ "Norwegian Foreign Minister Håkon Vestre", "UN special envoy Amara Ndiaye"."""
    if p.country in COUNTRIES:
        return f"{COUNTRIES[p.country].adjective} {p.role} {p.name}"
    return f"{p.role} {p.name}"


class World:
    def __init__(self, rng: random.Random, first: date, last: date, n_episodes: int) -> None:
        self.rng = rng
        self.events: list[TrueEvent] = []
        self.episodes: list[Episode] = []
        span = (last - first).days + 1
        days = sorted(first + timedelta(days=rng.randrange(span)) for _ in range(n_episodes))
        for day in days:
            thread = rng.choice(THREADS)
            self.episodes.append(self._episode(thread, rng.choice(thread.kinds), day))
        # indexes by day, so that composing an article costs the same at 10,000 articles as at 200
        self.episodes_on: dict[date, list[Episode]] = defaultdict(list)
        self.thread_on: dict[tuple[str, date], list[TrueEvent]] = defaultdict(list)
        for episode in self.episodes:
            for day in sorted({e.date for e in episode.events}):
                self.episodes_on[day].append(episode)
        for ev in self.events:
            self.thread_on[(ev.thread, ev.date)].append(ev)

    def around(self, thread: str, first: date, last: date) -> list[TrueEvent]:
        """The thread's events from ``first`` to ``last``, in date order."""
        return [ev for n in range((last - first).days + 1)
                for ev in self.thread_on.get((thread, first + timedelta(days=n)), [])]

    def _event(self, thread: Thread, kind: str, day: date, actors: list[Person], place: str,
               country: str, **extra: str) -> TrueEvent:
        rng = self.rng
        a = actors[0] if actors else None
        b = actors[1] if len(actors) > 1 else None
        c1, c2 = COUNTRIES[thread.countries[0]], COUNTRIES[thread.countries[1]]
        if country == c2.name:
            c1, c2 = c2, c1
        fill = {
            "A": _role(a) if a else "", "a": a.short if a else "", "B": _role(b) if b else "",
            "b": b.short if b else "", "he": a.pronoun if a else "they",
            "his": {"he": "his", "she": "her"}.get(a.pronoun, "their") if a else "their",
            "place": place, "topic": thread.topic, "short_topic": thread.short_topic,
            "stance": rng.choice(thread.stances), "quote": rng.choice(thread.quotes),
            "protesters": rng.choice(thread.protesters), "parliament": c1.parliament,
            "bill": thread.bill, "yes": str(rng.randint(110, 140)), "no": str(rng.randint(60, 105)),
            "country": c1.name, "country2": c2.name, "capital": c1.capital, "capital2": c2.capital,
            "target": thread.target, "n": str(rng.randint(3, 19)), "captives": thread.captives,
            "group": thread.group, "mediator": thread.mediator.name if thread.mediator else "the Red Cross",
        }
        fill.update(extra)
        ev = TrueEvent(f"ev{len(self.events) + 1:05d}", kind, day, thread.key,
                       [p.name for p in actors], place, country, fill)
        self.events.append(ev)
        return ev

    def _episode(self, thread: Thread, kind: str, day: date) -> Episode:
        rng = self.rng
        c1, c2 = (COUNTRIES[n] for n in rng.sample(thread.countries[:2], 2))
        p1 = rng.choice(c1.people)
        p2 = rng.choice(c2.people)
        ev: list[TrueEvent] = []
        rel: dict[int, tuple[str, int]] = {}  # by creation index, before sorting
        if kind == "visit":
            guest = p1 if rng.random() < 0.7 or not thread.mediator else thread.mediator
            place = c2.capital
            ev.append(self._event(thread, "visit", day, [guest], place, c2.name))
            ev.append(self._event(thread, "meeting", day, [guest, p2], place, c2.name))
            ev.append(self._event(thread, "statement", day, [guest], place, c2.name))
            rel[2] = ("following", 1)
            if rng.random() < 0.6:
                ev.append(self._event(thread, "protest", day, [], place, c2.name))
                rel[3] = ("hours-before", 0)
        elif kind == "talks":
            place = rng.choice((c1.capital, c2.capital, *c1.cities))
            ev.append(self._event(thread, "meeting", day, [p1, p2], place, c1.name))
            if rng.random() < 0.6:
                ev.append(self._event(thread, "agreement", day + timedelta(days=2), [p1, p2], place, c1.name))
                rel[1] = ("two-days-later", 0)
            ev.append(self._event(thread, "statement", day, [p2], place, c1.name))
            rel[len(ev) - 1] = ("following", 0)
        elif kind == "crisis":
            place = rng.choice(c1.cities)
            ev.append(self._event(thread, "attack", day, [], place, c1.name))
            recall_day = day + timedelta(days=rng.randint(0, 2))
            ev.append(self._event(thread, "statement", recall_day + timedelta(days=rng.randint(0, 2)), [p2],
                                  c2.capital, c2.name))
            ev.append(self._event(thread, "recall", recall_day, [], c2.capital, c2.name))
            rel[2] = ("earlier", 1)  # "Earlier, X recalled ...", told after the statement
            ev.append(self._event(thread, "release", day + timedelta(days=rng.randint(3, 8)), [], c1.capital, c1.name))
        else:  # domestic: the thread's home country
            c1 = COUNTRIES[thread.countries[0]]
            place = c1.capital
            minister = rng.choice(c1.people)
            ev.append(self._event(thread, "protest", day, [], place, c1.name))
            ev.append(self._event(thread, "vote", day + timedelta(days=rng.randint(1, 4)), [], place, c1.name))
            if rng.random() < 0.5:
                ev.append(self._event(thread, "resignation", day + timedelta(days=rng.randint(3, 9)), [minister],
                                      place, c1.name))
        relations = {ev[k].id: (r, ev[o].id) for k, (r, o) in rel.items()}
        ev.sort(key=lambda e: e.date)  # stable: same-day events keep their story order
        return Episode(thread, kind, ev, relations)


# --------------------------------------------------------------------------------------------
# Date expressions, relative to an article's publication day


def _iso_week(d: date) -> tuple[int, int]:
    year, week, _ = d.isocalendar()
    return year, week


def past_expressions(when: date, published: date, rng: random.Random) -> list[tuple[str, str]]:
    """Ways a reporter writing on ``published`` can date a past event of day ``when``:
    (expression as written mid-sentence, class)."""
    delta = (published - when).days
    weekday = WEEKDAYS[when.weekday()]
    out: list[tuple[str, str]] = []
    if delta == 0:
        out += [(f"on {weekday}", "day"), (f"on {weekday} morning", "day"), (f"earlier on {weekday}", "day")]
    elif delta == 1:
        out += [("yesterday", "day"), (f"on {weekday}", "day"), (f"on {weekday} evening", "day"),
                (f"late on {weekday}", "day")]
    elif delta <= 6:
        out += [(f"on {weekday}", "day"), (f"on {weekday}", "day")]
    if when.weekday() >= 5 and published.weekday() < 5 and 1 <= delta <= 6:
        out += [("over the weekend", "range"), ("at the weekend", "range")]
    if _iso_week(when) == _iso_week(published - timedelta(days=7)):
        out.append(("last week", "range"))
    if (when.year, when.month) == (published.year, published.month) and delta >= 3:
        out.append(("earlier this month", "range"))
    months_back = (published.year - when.year) * 12 + published.month - when.month
    if 1 <= months_back <= 3:
        out.append((f"in {MONTHS[when.month - 1]}", "month"))
    if delta >= 2 or rng.random() < 0.2:
        out += [(f"on {when.day} {MONTHS[when.month - 1]}", "day"),
                (f"on {MONTHS[when.month - 1]} {when.day}", "day"),
                (f"{AP_MONTHS[when.month - 1]} {when.day}", "day")]
    return out


def future_expressions(when: date, published: date) -> list[tuple[str, str]]:
    ahead = (when - published).days
    weekday = WEEKDAYS[when.weekday()]
    out: list[tuple[str, str]] = [(f"on {when.day} {MONTHS[when.month - 1]}", "day")]
    if ahead == 1:
        out += [("tomorrow", "day"), (f"on {weekday}", "day")]
    elif 2 <= ahead <= 6:
        out += [(f"on {weekday}", "day"), (f"on {weekday}", "day")]
    if _iso_week(when) == _iso_week(published + timedelta(days=7)):
        out.append(("next week", "range"))
    if (when.year, when.month) == (published.year, published.month) and ahead >= 3:
        out.append(("later this month", "range"))
    return out


RELATIONS: dict[str, tuple[str, str]] = {  # relation -> (fronted phrase, class)
    "following": ("Following the meeting", "relation"),
    "hours-before": ("Hours before {a}'s arrival", "relation"),
    "two-days-later": ("Two days later", "relation"),
    "earlier": ("Earlier", "vague"),
}
_FRONTABLE = ("on ", "yesterday", "last week", "over the weekend", "at the weekend", "earlier this month", "in ")


def _fill(template: str, values: dict[str, str]) -> str:
    text = template.format_map(values)
    return text[0].upper() + text[1:]


def _sentence(template: str, ev: TrueEvent, when: str, fronted: str | None) -> str:
    """The event's sentence with the expression ``when`` in place, or ``fronted`` opening it."""
    values = dict(ev.fill, group_cap=ev.fill["group"][:1].upper() + ev.fill["group"][1:])
    if fronted is None:
        return _fill(template, dict(values, W=f" {when}" if when else ""))
    body = template.replace("{group_cap}", "{group}")
    if not body.startswith("{"):
        body = body[0].lower() + body[1:]
    return f"{fronted}, " + body.format_map(dict(values, W=""))


# --------------------------------------------------------------------------------------------
# Articles


@dataclass
class Draft:
    title: str
    standfirst: str
    paragraphs: list[list[str]]
    mentions: list[tuple[TrueEvent, str, str, str, str]]  # event, expression, class, tense, sentence
    negations: list[tuple[str, str]]  # type, sentence
    quotes: list[tuple[str, str, str]]  # speaker, quote, event id
    tags: tuple[str, ...]


STANDFIRSTS = (
    "The latest turn in {short_topic}, which has strained ties between {country} and {country2}.",
    "Officials on both sides say the next few days will decide whether {short_topic} can be contained.",
    "{country} and {country2} remain far apart on {topic}.",
)


def compose(world: World, rng: random.Random, published: date) -> Draft:
    """One article published on ``published``: a lead episode near that day, an older event of
    the same thread as background and sometimes an upcoming one."""
    near = list({id(e): e for n in (2, 1, 0) for e in world.episodes_on.get(published - timedelta(days=n), [])}.values())
    if not near:
        near = sorted(world.episodes, key=lambda e: (abs((e.events[0].date - published).days), e.events[0].id))[:3]
    lead = rng.choice(near)
    thread = lead.thread
    sentences: list[str] = []
    mentions: list[tuple[TrueEvent, str, str, str, str]] = []
    negations: list[tuple[str, str]] = []
    quotes: list[tuple[str, str, str]] = []
    told: set[str] = set()

    def tell(ev: TrueEvent, allow_relation: bool) -> None:
        past = ev.date <= published
        templates = PAST if past else FUTURE
        if ev.type not in templates:
            return
        template = rng.choice(templates[ev.type])
        relation = lead.relations.get(ev.id)
        if past and allow_relation and relation and relation[1] in told and rng.random() < 0.75:
            phrase, kind = RELATIONS[relation[0]]
            other = next(e for e in lead.events if e.id == relation[1])
            phrase = phrase.format_map(other.fill)
            text = _sentence(template, ev, "", phrase)
            expression = phrase
        else:
            options = past_expressions(ev.date, published, rng) if past else future_expressions(ev.date, published)
            expression, kind = rng.choice(options)
            front = rng.random() < 0.25 and expression.startswith(_FRONTABLE)
            text = _sentence(template, ev, expression, expression[0].upper() + expression[1:] if front else None)
        sentences.append(text)
        mentions.append((ev, expression, kind, "past" if past else "future", text))
        told.add(ev.id)
        if ev.type == "statement" and past and ev.actors and rng.random() < 0.7:
            tail = _fill(rng.choice(QUOTE_TAILS), ev.fill)
            sentences.append(tail)
            quotes.append((ev.actors[0], ev.fill["quote"], ev.id))

    order = list(lead.events)
    for ev in lead.events:  # "Earlier, ..." is told after the event it is earlier than
        relation = lead.relations.get(ev.id)
        if relation and relation[0] == "earlier" and ev.date <= published:
            order.remove(ev)
            order.insert(next(i for i, e in enumerate(order) if e.id == relation[1]) + 1, ev)
    for ev in order:
        if ev.date <= published + timedelta(days=10):
            tell(ev, True)
    if lead.kind == "talks" and not any(e.type == "agreement" and e.date <= published for e in lead.events) \
            and any(e.date <= published for e in lead.events) and rng.random() < 0.6:
        text = _fill(rng.choice(NEGATIONS["agreement"]), lead.events[0].fill)
        sentences.append(text)
        negations.append(("agreement", text))
    # Background: an older event of the same thread, and sometimes an upcoming one.
    older = [e for e in world.around(thread.key, published - timedelta(days=45), published - timedelta(days=3))
             if e.id not in told]
    body = [sentences]
    if older:
        extra: list[str] = []
        sentences = extra
        for ev in rng.sample(older, min(len(older), rng.randint(1, 2))):
            tell(ev, False)
        body.append(extra)
    upcoming = [e for e in world.around(thread.key, published + timedelta(days=1), published + timedelta(days=12))
                if e.id not in told and e.type in FUTURE]
    if upcoming and rng.random() < 0.5:
        sentences = body[-1]
        tell(rng.choice(upcoming), False)
    first = lead.events[0]
    context = [_fill(s, {"a": first.fill["country"], "b": first.fill["country2"]})
               for s in rng.sample(thread.background, rng.randint(1, 2))]
    paragraphs: list[list[str]] = []
    for group in body:
        while group:
            size = rng.randint(1, 3)
            paragraphs.append(group[:size])
            group = group[size:]
    paragraphs.insert(min(len(paragraphs), 2), context)
    headline = next((ev for ev, *_ in reversed(mentions) if ev.date <= published and ev in lead.events), first)
    values = dict(headline.fill, parliament_cap=headline.fill["parliament"][:1].upper() + headline.fill["parliament"][1:],
                  stance_short=headline.fill["stance"].split(",")[0])
    return Draft(
        title=_fill(TITLE_VERBS[headline.type], values),
        standfirst=_fill(rng.choice(STANDFIRSTS), first.fill),
        paragraphs=[p for p in paragraphs if p],
        mentions=mentions, negations=negations, quotes=quotes, tags=thread.tags,
    )


def _yaml(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar


def _slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60]


def generate(out: Path, articles: int, seed: int, start: date, days: int) -> dict[str, Any]:
    """Write ``articles`` articles and ``truth.json`` into ``out``; return the truth."""
    rng = random.Random(seed)
    n_episodes = max(6, round(articles * 0.3))
    world = World(rng, start - timedelta(days=30), start + timedelta(days=days + 7), n_episodes)
    files: dict[str, str] = {}
    records: list[dict[str, Any]] = []
    negations: list[dict[str, str]] = []
    quotes: list[dict[str, str]] = []
    index = 0
    while index < articles:
        published = start + timedelta(days=rng.randrange(days))
        draft = compose(world, rng, published)
        wire = rng.random() < 0.15 and articles - index >= 3
        outlets = [rng.choice(WIRES)] + rng.sample(OUTLETS, rng.randint(1, 2)) if wire else [rng.choice(OUTLETS)]
        original: str | None = None
        for n, (outlet, host) in enumerate(outlets):
            index += 1
            irregular = "txt-plain" if index % 97 == 41 else "txt" if index % 29 == 5 else "md"
            suffix = ".md" if irregular == "md" else ".txt"
            name = f"{published.isoformat()}-{host.split('.')[0]}-{index:05d}{suffix}"
            title = draft.title if n == 0 else rng.choice(("", "WIRE: ", "Update: ")) + draft.title
            url = None if index % 23 == 7 else f"https://www.{host}/{published:%Y/%m/%d}/{_slugify(draft.title)}-{index}"
            paragraphs = [" ".join(p) for p in draft.paragraphs]
            if n > 0:
                paragraphs.append(f"({outlets[0][0]})")
            stamp = f"{published.isoformat()}T{7 + index % 12:02d}:{index * 7 % 60:02d}:00+01:00" \
                if index % 11 == 3 else published.isoformat()
            if irregular == "txt-plain":  # no front matter: title, standfirst, one paragraph a line
                text = "\n".join([title, draft.standfirst, *paragraphs]) + "\n"
            else:
                head = ["---", f"title: {_yaml(title)}", f"published: {stamp}", f"source: {_yaml(outlet)}"]
                if url:
                    head.append(f"url: {url}")
                head += [f"standfirst: {_yaml(draft.standfirst)}", f"tags: [{', '.join(draft.tags)}]", "---"]
                sep = "\n" if irregular == "txt" else "\n\n"
                text = "\n".join(head) + "\n" + sep.join(paragraphs) + "\n"
            files[name] = text
            dated = irregular != "txt-plain"
            records.append({"file": name, "published": published.isoformat() if dated else None,
                            "source": outlet, "url": url, "copy_of": original, "format": irregular})
            for ev, expression, kind, tense, sentence in draft.mentions:
                ev.mentions.append(Mention(name, published.isoformat() if dated else "", expression, kind,
                                           tense, sentence, original))
            negations += [{"article": name, "type": t, "sentence": s} for t, s in draft.negations]
            quotes += [{"article": name, "speaker": sp, "text": q, "event": e} for sp, q, e in draft.quotes]
            original = original or name
    people = [p for c in COUNTRIES.values() for p in c.people] + list(ORG_PEOPLE)
    truth: dict[str, Any] = {
        "generator": "benchmarks/corpus.py",
        "arguments": {"articles": articles, "seed": seed, "start": start.isoformat(), "days": days},
        "actors": [{"name": p.name, "role": p.role, "country": p.country} for p in people],
        "articles": records,
        "events": [{
            "id": ev.id, "type": ev.type, "date": ev.date.isoformat(), "thread": ev.thread,
            "actors": ev.actors, "place": ev.place, "country": ev.country,
            "mentions": [m.__dict__ for m in ev.mentions],
        } for ev in world.events],
        "negations": negations,
        "quotes": quotes,
    }
    out.mkdir(parents=True, exist_ok=True)
    for name in sorted(files):
        (out / name).write_text(files[name], encoding="utf-8")
    (out / "truth.json").write_text(json.dumps(truth, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return truth


# --------------------------------------------------------------------------------------------
# Scoring sitegen's timeline against the truth


def _norm(text: str) -> str:
    return " ".join(text.split())


def _contains(lo: date | None, hi: date | None, day: date) -> bool:
    return (lo is None or lo <= day) and (hi is None or day <= hi)


def score(folder: Path, show: int = 5) -> dict[str, Any]:
    """Read ``folder`` with sitegen and compare its merged events with ``truth.json``.

    A true event is *found* when an event of sitegen's timeline model has its type and a source
    whose sentence is one of the true event's mention sentences (the link); its date then
    *contains* the true day (closed interval), or is *exactly* it. Our events linked to a true
    event of their type whose interval excludes the true day *contradict* the truth.
    """
    root = str(Path(__file__).resolve().parent.parent)
    if root not in sys.path:  # this checkout's sitegen, not an installed copy
        sys.path.insert(0, root)
    from sitegen.build import BuildReport, read_story
    from sitegen.config import load_config

    truth = json.loads((folder / "truth.json").read_text(encoding="utf-8"))
    config = load_config(None, needs_output=False, cwd=folder, source=folder)
    report = BuildReport()
    story = read_story(config, report)
    file_of = {a.slug: a.path for a in story.articles}
    dated = {a["file"] for a in truth["articles"] if a["published"]}
    by_sentence: dict[tuple[str, str], list[tuple[dict[str, Any], dict[str, Any]]]] = defaultdict(list)
    for ev in truth["events"]:
        for m in ev["mentions"]:
            by_sentence[(m["article"], _norm(m["sentence"]))].append((ev, m))
    negation_sentences = {(n["article"], _norm(n["sentence"])) for n in truth["negations"]}

    def links(source_article: str, text: str) -> list[tuple[dict[str, Any], dict[str, Any]]]:
        path = file_of.get(source_article, "")
        text = _norm(text)
        found = by_sentence.get((path, text), [])
        if found:
            return found
        return [x for (p, s), xs in by_sentence.items() if p == path and (text in s or s in text) for x in xs]

    linked: dict[str, list[Any]] = defaultdict(list)  # true id -> our events of its type linked to it
    own: dict[tuple[str, str], list[Any]] = defaultdict(list)  # (true id, file) -> that source's own dates
    contradict: list[tuple[Any, dict[str, Any]]] = []
    wrong_type: list[tuple[Any, str]] = []
    unlinked: list[Any] = []
    negated_reported: list[Any] = []
    ours = [e for e in story.events if not e.editorial]
    for event in ours:
        hits = [(ev, m) for s in event.sources for ev, m in links(s.article, s.text)]
        if any((file_of.get(s.article, ""), _norm(s.text)) in negation_sentences for s in event.sources) \
                and event.status == "reported":
            negated_reported.append(event)
        if not hits:
            unlinked.append(event)
            continue
        same = [ev for ev, _ in hits if ev["type"] == event.type]
        if not same:
            wrong_type.append((event, hits[0][0]["type"]))
            continue
        for ev in {e["id"]: e for e in same}.values():
            linked[ev["id"]].append(event)
        for s in event.sources:
            for ev, m in links(s.article, s.text):
                if ev["type"] == event.type:
                    own[(ev["id"], m["article"])].append(s.date)
        if event.date.earliest or event.date.latest:
            if not any(_contains(event.date.earliest, event.date.latest, date.fromisoformat(ev["date"])) for ev in same):
                contradict.append((event, same[0]))

    def grade(kind: str) -> dict[str, Any]:
        events = [ev for ev in truth["events"]
                  if any(m["kind"] == kind and m["copy_of"] is None and m["article"] in dated for m in ev["mentions"])]
        found = contains = exact = 0
        mentions = [(ev, m) for ev in truth["events"] for m in ev["mentions"]
                    if m["kind"] == kind and m["copy_of"] is None and m["article"] in dated]
        own_ok = 0
        for ev, m in mentions:
            day = date.fromisoformat(ev["date"])
            own_ok += any(d.earliest and d.latest and _contains(d.earliest, d.latest, day)
                          for d in own.get((ev["id"], m["article"]), []))
        misses: list[str] = []
        for ev in events:
            day = date.fromisoformat(ev["date"])
            cands = linked.get(ev["id"], [])
            found += bool(cands)
            ok = [c for c in cands if c.date.earliest and c.date.latest and _contains(c.date.earliest, c.date.latest, day)]
            contains += bool(ok)
            exact += any(c.date.earliest == c.date.latest == day for c in ok)
            if not ok and len(misses) < show:
                m = next(m for m in ev["mentions"] if m["kind"] == kind and m["copy_of"] is None)
                got = "; ".join(f"{c.type} {c.date.label}" for c in cands) or "not found"
                misses.append(f"{ev['id']} {ev['type']} {ev['date']} [{m['expression']}] pub {m['published']}: "
                              f"{m['sentence']!r} -> {got}")
        n = len(events) or 1
        return {"events": len(events), "found": round(found / n, 3), "contains": round(contains / n, 3),
                "exact": round(exact / n, 3), "mentions": len(mentions),
                "mention_contains": round(own_ok / (len(mentions) or 1), 3), "misses": misses}

    bounded = [e for e in ours if e.date.earliest or e.date.latest]
    return {
        "articles": len(story.articles), "errors": len(report.errors), "warnings": len(report.warnings),
        "true_events_mentioned": sum(1 for ev in truth["events"] if ev["mentions"]),
        "our_events": len(ours), "our_dated_events": len(bounded),
        "by_class": {k: grade(k) for k in ("day", "range", "month", "relation", "vague")},
        "contradicting": len(contradict),
        "contradicting_share_of_dated": round(len(contradict) / (len(bounded) or 1), 3),
        "contradicting_examples": [f"{e.type} {e.date.label} vs true {t['date']} ({t['id']}): {e.sources[0].text!r}"
                                   for e, t in contradict[:show]],
        "wrong_type": len(wrong_type),
        "wrong_type_examples": [f"ours {e.type} / true {t}: {e.sources[0].text!r}" for e, t in wrong_type[:show]],
        "unlinked": len(unlinked),
        "unlinked_examples": [f"{e.type} {e.status} {e.date.label}: {e.sources[0].text!r}" for e in unlinked[:show]],
        "negation_reported": len(negated_reported),
    }


def _print_score(result: dict[str, Any]) -> None:
    print(f"articles {result['articles']} (errors {result['errors']}, warnings {result['warnings']}); "
          f"true events mentioned {result['true_events_mentioned']}; our events {result['our_events']}, "
          f"dated {result['our_dated_events']}")
    print("true events by mention class (original articles): found / merged date contains the true day / is"
          " exactly it; mentions whose own source date contains it")
    for kind, g in result["by_class"].items():
        print(f"  {kind:9} {g['events']:5}  found {g['found']:.3f}  contains {g['contains']:.3f}  exact {g['exact']:.3f}"
              f"   mentions {g['mentions']:5}  source date contains {g['mention_contains']:.3f}")
    print(f"our dated events contradicting the truth: {result['contradicting']} "
          f"({result['contradicting_share_of_dated']:.3f} of dated)")
    print(f"our events linked to a true event of another type: {result['wrong_type']}")
    print(f"our events from sentences that mention no true event: {result['unlinked']}")
    print(f"reported events drawn from negated sentences: {result['negation_reported']}")
    for key in ("contradicting_examples", "wrong_type_examples", "unlinked_examples"):
        if result[key]:
            print(f"{key.replace('_', ' ')}:")
            for line in result[key]:
                print(f"  {line}")
    for kind, g in result["by_class"].items():
        if g["misses"]:
            print(f"misses ({kind}):")
            for line in g["misses"]:
                print(f"  {line}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="folder to write (or, with --score, to read)")
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--start", type=date.fromisoformat, default=date(2023, 10, 1))
    parser.add_argument("--days", type=int, default=60)
    parser.add_argument("--score", action="store_true", help="score sitegen's events in OUT against its truth.json")
    parser.add_argument("--show", type=int, default=5, help="examples of each kind of error (with --score)")
    parser.add_argument("--json", action="store_true", help="print the score as JSON")
    args = parser.parse_args(argv)
    if args.score:
        result = score(args.out, args.show)
        if args.json:
            print(json.dumps(result, indent=1, ensure_ascii=False))
        else:
            _print_score(result)
        return 0
    if args.articles < 1 or args.days < 1:
        parser.error("--articles and --days must be at least 1")
    if args.out.exists() and any(args.out.iterdir()):
        parser.error(f"{args.out}: not empty (the generator writes into an empty or new folder)")
    truth = generate(args.out, args.articles, args.seed, args.start, args.days)
    print(f"{args.out}: {len(truth['articles'])} articles, {len(truth['events'])} true events "
          f"({sum(1 for e in truth['events'] if e['mentions'])} mentioned)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
