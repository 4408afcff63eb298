"""The machine-readable exports of the site: ``timeline.json`` (TimelineJS3), ``feed.xml`` (Atom
1.0), ``events.ics`` (iCalendar, RFC 5545) and, when ``base_url`` is set, ``sitemap.xml``.

Every format is one small pure function of the story and the config; nothing reads the clock, so
the same inputs give the same bytes. Only events that are ``on_timeline`` are exported (reported
or scheduled, not hidden by an editor); ``events.json`` is the place for the whole model.
Formats, identifiers and date handling are explained in ``docs/exports.md``.
"""

from __future__ import annotations

import json
import re
import unicodedata
import xml.etree.ElementTree as ET
from datetime import date, datetime, time, timedelta, timezone
from html import escape as html_escape
from typing import Iterable, Sequence
from urllib.parse import quote
from zoneinfo import ZoneInfo

from sitegen import __version__
from sitegen.config import Config
from sitegen.events.model import DateRange, Event
from sitegen.model import Article, Story
from sitegen.render.body import is_safe_url

ATOM_NS = "http://www.w3.org/2005/Atom"
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
NO_DATE = datetime(1970, 1, 1, tzinfo=timezone.utc)  # a story with no dated article at all
_ID_PAGE = "timeline.html#e-{id}"  # frozen: an id never follows event_url when the timeline is split
# What XML 1.0 forbids (C0 controls but tab, LF, CR; lone surrogates; U+FFFE, U+FFFF).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# What RFC 5545 TEXT forbids (CONTROL but HTAB; a newline is escaped before this applies).
_NOT_ICS = re.compile("[\x00-\x08\x0a-\x1f\x7f\ud800-\udfff]")


def export_files(story: Story, config: Config, pages: Sequence[str] | None = None,
                 title: str | None = None) -> dict[str, bytes]:
    """Every export, by its path at the site root. ``sitemap.xml`` only when ``base_url`` is set;
    it lists ``pages`` (the site's HTML paths) when given, else the index, the timeline and the
    article pages. ``title`` is the story's title as readers see it (the pages' title, derived
    from the articles when ``config.title`` is not set); identifiers keep using ``config.title``,
    so they do not change when a newer article changes the derived title."""
    shown = title or config.title
    files = {
        "timeline.json": timeline_json(story, config, shown),
        "feed.xml": atom_feed(story, config, shown),
        "events.ics": icalendar(story, config, shown),
    }
    if config.base_url:
        files["sitemap.xml"] = sitemap(story, config, pages)
    return files


def event_url(event: Event, config: Config) -> str:
    """The page and anchor of an event, relative to the site root. The one place that knows it:
    when the timeline is split by month this becomes ``timeline/YYYY-MM.html#e-<id>``."""
    return f"timeline.html#e-{event.id}"


def article_url(slug: str) -> str:
    """An article's page, relative to the site root."""
    return f"articles/{slug}.html"


# --- identifiers -----------------------------------------------------------------------------


def absolute(path: str, config: Config) -> str | None:
    """``path`` (relative to the site root) as an absolute URL, or ``None`` without ``base_url``."""
    return config.base_url + quote(path, safe="/#") if config.base_url else None


def entry_id(event: Event, story: Story, config: Config) -> str:
    """The event's permanent absolute id, used as the Atom entry id and the iCalendar UID:
    ``<base_url>timeline.html#e-<id>`` with ``base_url``, else ``tag:<authority>:e-<id>``."""
    if config.base_url:
        return config.base_url + _ID_PAGE.format(id=event.id)
    return f"{tag_authority(story, config)}:e-{event.id}"


def feed_id(story: Story, config: Config) -> str:
    """The feed's (and calendar's) own absolute id: the site's address, else ``tag:<authority>:feed``."""
    return config.base_url or f"{tag_authority(story, config)}:feed"


def tag_authority(story: Story, config: Config) -> str:
    """``tag:<title-slug>.invalid,<YYYY-MM-DD>`` (RFC 4151's ``tag:`` + taggingEntity).

    The name is the story's title (``config.title``) as an ASCII DNS label under ``.invalid``, a
    domain reserved by RFC 2606 that nobody can own, so the tag never claims someone else's name;
    it does not depend on where the source folder is or what it is called. The date is the
    earliest publication day of the story's articles: it tells apart stories of the same name told
    at different times, and adding later articles never changes it.
    """
    ascii_name = unicodedata.normalize("NFKD", config.title).encode("ascii", "ignore").decode("ascii").lower()
    label = re.sub(r"[^a-z0-9]+", "-", ascii_name).strip("-")[:63].strip("-") or "story"
    days = [a.published for a in story.articles if a.published is not None]
    first = min(days) if days else NO_DATE.date()
    return f"tag:{label}.invalid,{first.isoformat()}"


# --- time stamps -----------------------------------------------------------------------------


def article_time(article: Article, config: Config) -> datetime | None:
    """When an article was last published: its ``updated`` day when later than its publication,
    else its timestamp, else midnight of its day in ``config.timezone``; ``None`` if undated."""
    zone = ZoneInfo(config.timezone)
    stamp = article.published_at
    if stamp is None and article.published is not None:
        stamp = datetime.combine(article.published, time(), zone)
    if article.updated is not None and (stamp is None or article.updated > stamp.date()):
        stamp = datetime.combine(article.updated, time(), zone)
    return stamp


def story_updated(story: Story, config: Config) -> datetime:
    """The newest article's time: the feed's ``updated`` and the calendar's ``DTSTAMP``."""
    times = [t for t in (article_time(a, config) for a in story.articles) if t is not None]
    return max(times, default=NO_DATE)


def event_times(event: Event, story: Story, config: Config) -> tuple[datetime, datetime]:
    """(first, last) time among the articles that report ``event``; the story's newest time when
    none of them is dated (an editor's event citing a web page)."""
    by_slug = {a.slug: a for a in story.articles}
    times = sorted(t for t in (article_time(by_slug[s.article], config) for s in event.sources
                               if s.article in by_slug) if t is not None)
    if not times:
        newest = story_updated(story, config)
        return newest, newest
    return times[0], times[-1]


def _rfc3339(stamp: datetime) -> str:
    return stamp.isoformat(timespec="seconds").replace("+00:00", "Z")


# --- text ------------------------------------------------------------------------------------


def xml_text(text: str) -> str:
    """``text`` with every character XML 1.0 forbids removed (escaping is ElementTree's job)."""
    return _NOT_XML.sub("", text)


def one_line(text: str) -> str:
    """A title: forbidden characters removed, runs of white space (newlines too) as one space."""
    return " ".join(xml_text(text).split())


def _publications(event: Event, story: Story) -> list[str]:
    """The distinct publications (else authors) of the articles reporting ``event``, in order."""
    by_slug = {a.slug: a for a in story.articles}
    names = []
    for source in event.sources:
        article = by_slug.get(source.article)
        name = (article.source or article.author) if article is not None else None
        if name and one_line(name) not in names:
            names.append(one_line(name))
    return names


def _summary(event: Event, story: Story) -> str:
    """Plain text: the date label, the status when not plainly reported, and who reports it."""
    parts = [event.date.label]
    if event.status != "reported":
        parts.append(event.status)
    if event.disputed:
        parts.append("sources disagree on the date")
    names = _publications(event, story)
    if names:
        parts.append("reported by " + ", ".join(names))
    return xml_text("; ".join(parts) + ".")


# --- timeline.json (TimelineJS3) -------------------------------------------------------------


def timeline_json(story: Story, config: Config, title: str | None = None) -> bytes:
    """TimelineJS3's JSON: a ``title`` slide and one slide per dated timeline event.

    TimelineJS reads ``headline`` and ``text`` as HTML, so both are escaped here; links point at
    the site (absolute with ``base_url``, else relative to the site root). An event with no known
    day at all is left out: TimelineJS requires a ``start_date``.
    """
    slides = []
    for event in story.events:
        dates = _tl_dates(event.date)
        if not event.on_timeline or dates is None:
            continue
        start, end = dates
        slide: dict[str, object] = {"unique_id": f"e-{event.id}", "start_date": start}
        if end is not None:
            slide["end_date"] = end
        slide["display_date"] = event.date.label
        slide["text"] = {"headline": html_escape(one_line(event.title)), "text": _tl_text(event, story, config)}
        slide["group"] = one_line(event.type)
        slides.append(slide)
    data = {
        "title": {"text": {"headline": html_escape(one_line(title or config.title)),
                           "text": html_escape(xml_text(config.description))}},
        "events": slides,
    }
    return (inert_json(data) + "\n").encode("utf-8")


def _tl_dates(when: DateRange) -> tuple[dict[str, int], dict[str, int] | None] | None:
    """(start_date, end_date or None) for TimelineJS: a month or a year is given as one with no
    finer parts; a closed span as start and end; an open span by its known end alone."""
    lo, hi = when.earliest, when.latest
    kind = when.precision
    if lo is not None and kind == "year":
        return {"year": lo.year}, None
    if lo is not None and kind == "month":
        return {"year": lo.year, "month": lo.month}, None
    if lo is not None and hi is not None and kind == "range":
        return _tl_day(lo), _tl_day(hi)
    known = lo or hi
    return (_tl_day(known), None) if known is not None else None


def _tl_day(day: date) -> dict[str, int]:
    return {"year": day.year, "month": day.month, "day": day.day}


def _tl_text(event: Event, story: Story, config: Config) -> str:
    """The slide's HTML: the summary, then each source sentence linked to its article page."""
    titles = {a.slug: a.title for a in story.articles}
    items = []
    for source in event.sources:
        quote_html = html_escape(one_line(source.text))
        if source.article in titles:
            href = absolute(article_url(source.article), config) or article_url(source.article)
            name = html_escape(one_line(titles[source.article]))
            items.append(f'<li>{quote_html} (<a href="{html_escape(href)}">{name}</a>)</li>')
        else:
            items.append(f"<li>{quote_html}</li>")
    sources = f"<ul>{''.join(items)}</ul>" if items else ""
    return f"<p>{html_escape(_summary(event, story))}</p>{sources}"


# --- feed.xml (Atom 1.0, RFC 4287) -----------------------------------------------------------


def atom_feed(story: Story, config: Config, title: str | None = None) -> bytes:
    """One Atom entry per timeline event, in timeline order.

    Entry ids are permanent (see :func:`entry_id`); ``published``/``updated`` are the first and
    last times of the articles reporting the event, the feed's ``updated`` the newest article's.
    Without ``base_url`` the links are relative references, which Atom resolves against the
    feed's own address (the site root).
    """
    feed = ET.Element("feed", {"xmlns": ATOM_NS, _XML_LANG: config.language})
    _sub(feed, "id", feed_id(story, config))
    _sub(feed, "title", one_line(title or config.title))
    if config.description.strip():
        _sub(feed, "subtitle", xml_text(config.description))
    _sub(feed, "updated", _rfc3339(story_updated(story, config)))
    author = ET.SubElement(feed, "author")
    _sub(author, "name", one_line(title or config.title) or "sitegen")
    _link(feed, "alternate", absolute("timeline.html", config) or "timeline.html", "text/html")
    if config.base_url:
        _link(feed, "self", config.base_url + "feed.xml", "application/atom+xml")
    generator = _sub(feed, "generator", "sitegen")
    generator.set("version", __version__)
    for event in story.events:
        if event.on_timeline:
            feed.append(_atom_entry(event, story, config))
    return _xml_bytes(feed)


def _atom_entry(event: Event, story: Story, config: Config) -> ET.Element:
    first, last = event_times(event, story, config)
    entry = ET.Element("entry")
    _sub(entry, "id", entry_id(event, story, config))
    _sub(entry, "title", one_line(event.title) or event.date.label)
    _sub(entry, "published", _rfc3339(first))
    _sub(entry, "updated", _rfc3339(last))
    for name in _publications(event, story):
        _sub(ET.SubElement(entry, "author"), "name", name)
    page = event_url(event, config)
    _link(entry, "alternate", absolute(page, config) or page, "text/html")
    for url in dict.fromkeys(s.url for s in event.sources if s.url and is_safe_url(s.url)):
        _link(entry, "related", xml_text(url), None)
    ET.SubElement(entry, "category", {"term": one_line(event.type)})
    _sub(entry, "summary", _summary(event, story)).set("type", "text")
    return entry


def _sub(parent: ET.Element, tag: str, text: str) -> ET.Element:
    element = ET.SubElement(parent, tag)
    element.text = text
    return element


def _xml_bytes(root: ET.Element) -> bytes:
    """The document, indented, with its XML declaration and a final newline."""
    ET.indent(root)
    data: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return data + b"\n"


def _link(parent: ET.Element, rel: str, href: str, media_type: str | None) -> None:
    attrs = {"rel": rel, "href": href}
    if media_type:
        attrs["type"] = media_type
    ET.SubElement(parent, "link", attrs)


# --- events.ics (iCalendar, RFC 5545) --------------------------------------------------------


def icalendar(story: Story, config: Config, title: str | None = None) -> bytes:
    """One all-day ``VEVENT`` per dated timeline event (see :func:`ics_days` for intervals).

    ``DTSTAMP`` is the newest article's time in UTC (the calendar is ``METHOD:PUBLISH``, so it
    says when this version was made), ``LAST-MODIFIED`` the newest article reporting the event;
    ``UID`` is the Atom entry id. Lines end in CRLF and are folded at 75 octets.
    """
    stamp = _ics_utc(story_updated(story, config))
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//sitegen//sitegen//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "NAME:" + ics_text(one_line(title or config.title)),
        "X-WR-CALNAME:" + ics_text(one_line(title or config.title)),
    ]
    if config.description.strip():
        lines.append("DESCRIPTION:" + ics_text(config.description))
    for event in story.events:
        days = ics_days(event.date)
        if not event.on_timeline or days is None:
            continue
        start, end = days
        title = one_line(event.title) or event.date.label
        if event.date.precision != "day":
            title += f" ({event.date.label})"
        lines += [
            "BEGIN:VEVENT",
            "UID:" + ics_text(entry_id(event, story, config)),
            "DTSTAMP:" + stamp,
            f"DTSTART;VALUE=DATE:{start:%Y%m%d}",
            f"DTEND;VALUE=DATE:{end:%Y%m%d}",
            "SUMMARY:" + ics_text(title),
            "DESCRIPTION:" + ics_text(_summary(event, story)),
            "CATEGORIES:" + ics_text(one_line(event.type)),
            "STATUS:" + ("CONFIRMED" if event.status == "reported" else "TENTATIVE"),
            "TRANSP:TRANSPARENT",
            "LAST-MODIFIED:" + _ics_utc(event_times(event, story, config)[1]),
        ]
        url = absolute(event_url(event, config), config)
        if url:
            lines.append("URL:" + url)
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return b"".join(fold(line) for line in lines)


def ics_days(when: DateRange) -> tuple[date, date] | None:
    """(DTSTART, DTEND) of an all-day event; DTEND is exclusive (the day after the last).

    A day is that day; a month, a year or a closed span covers all its days (the event happened on
    one of them: the summary carries the label, "4-5 Nov 2023"); an open span ("on or before
    6 Nov") is its one known day, labelled; an unknown date is ``None`` (left out).
    """
    lo, hi = when.earliest, when.latest
    if lo is not None and hi is not None:
        return lo, hi + timedelta(days=1)
    known = lo if lo is not None else hi
    return (known, known + timedelta(days=1)) if known is not None else None


def ics_text(text: str) -> str:
    """An RFC 5545 TEXT value: backslash, semicolon, comma and newline escaped, other control
    characters removed."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")
    return _NOT_ICS.sub("", text)


def fold(line: str) -> bytes:
    """One content line as UTF-8 with CRLF, folded so that no line exceeds 75 octets (a
    continuation line's leading space counts) and no character is split."""
    out = bytearray()
    width = 75
    current = bytearray()
    for char in line:
        encoded = char.encode("utf-8")
        if len(current) + len(encoded) > width:
            out += current + b"\r\n "
            current = bytearray()
            width = 74
        current += encoded
    return bytes(out + current + b"\r\n")


def _ics_utc(stamp: datetime) -> str:
    return stamp.astimezone(timezone.utc).strftime("%Y%m%dT%H%M%SZ")


# --- sitemap.xml -----------------------------------------------------------------------------


def sitemap(story: Story, config: Config, pages: Iterable[str] | None = None) -> bytes:
    """The sitemaps.org list of the site's pages as absolute URLs (only with ``base_url``).
    Article pages carry their last publication day as ``lastmod``; ``404.html`` is never listed."""
    articles = {article_url(a.slug): a for a in story.articles}
    if pages is None:
        pages = ["index.html", "timeline.html", *sorted(articles)]
    urlset = ET.Element("urlset", {"xmlns": SITEMAP_NS})
    for path in dict.fromkeys(pages):
        if path == "404.html" or path.endswith("/404.html"):
            continue
        url = ET.SubElement(urlset, "url")
        _sub(url, "loc", config.base_url if path == "index.html" else absolute(path, config) or path)
        stamp = article_time(articles[path], config) if path in articles else None
        if stamp is not None:
            _sub(url, "lastmod", stamp.date().isoformat())
    return _xml_bytes(urlset)


_INERT = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"})


def inert_json(value: object) -> str:
    """JSON that stays inert wherever it is pasted: ``<``, ``>``, ``&`` and the two line
    separators JavaScript source cannot hold are written as ``\\uXXXX`` escapes (the same value
    for any JSON reader), so a ``</script>`` in an article cannot close a script element."""
    return json.dumps(value, indent=2, ensure_ascii=False).translate(_INERT)
