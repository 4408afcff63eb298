"""Reading one article: front matter, .txt rules, and a clear one-line error for each bad input."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from sitegen.errors import Problem, SourceError
from sitegen.sources import read_article

from conftest import REPO, article

UTC = ZoneInfo("UTC")


def read(text: str | bytes, path: str = "story/a.md", tz: ZoneInfo = UTC) -> tuple:
    warnings: list[Problem] = []
    data = text.encode("utf-8") if isinstance(text, str) else text
    return read_article(path, data, tz, warnings.append), warnings


def error_of(text: str | bytes, path: str = "story/a.md") -> str:
    with pytest.raises(SourceError) as caught:
        read(text, path)
    return str(caught.value)


def test_front_matter_fields() -> None:
    a, warnings = read(article(
        "Talks in Ankara", "2023-11-06", "Body *text*.", source="DT Next", url="https://example.org/a",
        author="A. Writer", tags="[diplomacy, Turkey]", lang="en", standfirst="The short version.",
        updated="2023-11-07",
    ))
    assert (a.title, a.published, a.updated, a.source, a.url) == (
        "Talks in Ankara", date(2023, 11, 6), date(2023, 11, 7), "DT Next", "https://example.org/a")
    assert (a.author, a.tags, a.lang, a.standfirst) == ("A. Writer", ("diplomacy", "Turkey"), "en", "The short version.")
    assert a.body == "Body *text*." and a.slug == "a" and not a.retracted and warnings == []


def test_date_is_an_alias_of_published() -> None:
    a, _ = read("---\ntitle: T\ndate: 2023-11-05\n---\nText.\n")
    assert a.published == date(2023, 11, 5)


def test_datetime_with_offset_keeps_its_own_calendar_day() -> None:
    a, _ = read("---\ntitle: T\npublished: 2023-11-06T23:30:00-05:00\n---\nText.\n")
    assert a.published == date(2023, 11, 6)  # 2023-11-07 in UTC, but the article's day is the 6th
    assert a.published_at == datetime(2023, 11, 6, 23, 30, tzinfo=timezone(timedelta(hours=-5)))


def test_naive_datetime_is_read_in_the_configured_timezone() -> None:
    a, _ = read("---\ntitle: T\npublished: 2023-11-06 01:30\n---\nText.\n", tz=ZoneInfo("Asia/Tokyo"))
    assert a.published == date(2023, 11, 6)
    assert a.published_at is not None and a.published_at.utcoffset() == timedelta(hours=9)


def test_slug_comes_from_the_file_name_or_front_matter() -> None:
    assert read("---\ntitle: T\n---\nx\n", path="s/Blinken in Ankara!.md")[0].slug == "blinken-in-ankara"
    assert read("---\ntitle: T\nslug: Talks Day 1\n---\nx\n")[0].slug == "talks-day-1"


def test_unknown_keys_are_kept_and_warned_with_their_line() -> None:
    a, warnings = read("---\ntitle: T\npublished: 2023-11-06\ndesk: world\n---\nx\n")
    assert a.extra == {"desk": "world"}
    assert [str(w) for w in warnings] == [
        "story/a.md:4: unknown front matter key 'desk' kept (known: title, published, date, updated, source,"
        " url, author, tags, lang, slug, standfirst, retracted)"
    ]


def test_missing_published_is_read_with_a_warning() -> None:
    a, warnings = read("---\ntitle: T\n---\nx\n")
    assert a.published is None
    assert [str(w) for w in warnings] == ["story/a.md:1: no 'published' date: its relative dates cannot be resolved"]


def test_non_web_url_is_dropped_with_a_warning() -> None:
    a, warnings = read(article(url="javascript:alert(1)"))
    assert a.url is None
    assert "'url' is 'javascript:alert(1)'" in str(warnings[0]) and str(warnings[0]).startswith("story/a.md:4:")


def test_retracted() -> None:
    assert read(article(retracted="true"))[0].retracted is True
    assert error_of(article(retracted="maybe")) == "story/a.md:4: 'retracted' is 'maybe' (expected true or false)"


# --- .txt ---------------------------------------------------------------------------------------

def test_txt_first_line_title_second_standfirst_then_one_paragraph_per_line() -> None:
    a, warnings = read("Title here\nThe standfirst.\nFirst paragraph.\nSecond paragraph.\n", path="s/t.txt")
    assert (a.title, a.standfirst) == ("Title here", "The standfirst.")
    assert [(p.text, p.line) for p in a.paragraphs] == [("First paragraph.", 3), ("Second paragraph.", 4)]
    assert a.body == "First paragraph.\n\nSecond paragraph."
    assert a.published is None and len(warnings) == 1


def test_txt_second_line_is_body_when_nothing_follows() -> None:
    a, _ = read("Title here\nThe only paragraph.\n", path="s/t.txt")
    assert a.standfirst is None and [p.text for p in a.paragraphs] == ["The only paragraph."]


def test_txt_with_front_matter() -> None:
    a, _ = read("---\ntitle: From header\npublished: 2023-11-06\n---\nLine one.\nLine two.\n", path="s/t.txt")
    assert a.title == "From header" and [p.text for p in a.paragraphs] == ["Line one.", "Line two."]


def test_seed_article_reads_with_its_standfirst() -> None:
    path = REPO / "seeds" / "blinken-meets-turkish-counterpart.md"
    a, warnings = read(path.read_bytes(), path="blinken-meets-turkish-counterpart.md")
    assert warnings == []
    assert a.title == "Blinken meets his Turkish counterpart who asked for 'unconditional ceasefire'"
    assert a.standfirst.startswith("The US tried to convince Turkey") and a.standfirst.endswith("should be mutual.")
    assert a.published == date(2023, 11, 6) and a.source == "DT Next"
    assert a.url == ("https://dtnext.in/news/world/blinken-meets-his-turkish-counterpart-who-asked-for-"
                     "unconditional-ceasefire-746597")
    assert len(a.paragraphs) == 17 and a.paragraphs[0].line == 8  # line numbers point into the file
    assert a.paragraphs[1].text.startswith("Blinken met his Turkish counterpart")
    assert a.standfirst not in a.body  # shown, never counted as separate evidence


def test_seed_matches_the_shared_original_line_for_line() -> None:
    original = (REPO.parent / "shared" / "seeds" / "000_db8ebea197603826.txt")
    if not original.exists():
        pytest.skip("../shared is not beside the checkout")
    lines = [line for line in original.read_text(encoding="utf-8").split("\n") if line.strip()]
    a, _ = read((REPO / "seeds" / "blinken-meets-turkish-counterpart.md").read_bytes())
    assert [a.title, a.standfirst] + [p.text for p in a.paragraphs] == lines


# --- bad input: one line, path:line: what is wrong (what was expected) -----------------------------

@pytest.mark.parametrize("text, expected", [
    ("---\ntitle: T\npublished: [2023\n---\nx\n",
     "story/a.md:3: malformed front matter: expected ',' or ']', but got '<stream end>' (expected 'key: value' lines)"),
    ("---\ntitle: T\n  bad: indent\n---\nx\n",
     "story/a.md:3: malformed front matter: mapping values are not allowed here (expected 'key: value' lines)"),
    ("---\ntitle: T\npublished: 2023-11-06\nNo closing line\n",
     "story/a.md:1: front matter opened with '---' is never closed (expected a closing '---' line)"),
    ("---\n- a list\n---\nx\n",
     "story/a.md:2: front matter is not a list of 'key: value' lines (expected a YAML mapping)"),
    ("---\ntitle: T\npublished: 2023-02-30\n---\nx\n",
     "story/a.md:3: 'published' is '2023-02-30', which is not a calendar date (expected YYYY-MM-DD)"),
    ("---\ntitle: T\npublished: next week\n---\nx\n",
     "story/a.md:3: 'published' is 'next week' (expected YYYY-MM-DD or an ISO 8601 datetime)"),
    ("---\ntitle: T\nupdated: 3/4/24\n---\nx\n",
     "story/a.md:3: 'updated' is '3/4/24' (expected YYYY-MM-DD or an ISO 8601 datetime)"),
    ("---\npublished: 2023-11-06\n---\nx\n",
     "story/a.md:1: no title (expected a 'title:' line in the front matter)"),
    ("---\ntitle: T\n---\n\n", "story/a.md:4: the article has no text (expected paragraphs after the title)"),
    ("", "story/a.md: the file is empty (expected an article)"),
    ("  \n\n", "story/a.md: the file is empty (expected an article)"),
    ("Title\ncaf\xe9 au lait\n".encode("latin-1"),
     "story/a.md:2: the file is not valid UTF-8 (byte 0xe9; expected UTF-8 text)"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "story/a.md: looks like a binary file (expected UTF-8 text)"),
])
def test_bad_input_gives_one_clear_line(text: str | bytes, expected: str) -> None:
    assert error_of(text) == expected


def test_windows_line_endings_and_bom_are_read() -> None:
    a, _ = read(b"\xef\xbb\xbf---\r\ntitle: T\r\npublished: 2023-11-06\r\n---\r\nText.\r\n")
    assert a.title == "T" and a.body == "Text."


def test_yes_no_on_off_are_text_not_booleans() -> None:
    a, _ = read("---\ntitle: No\nsource: ON\npublished: 2023-11-06\n---\nx\n")
    assert (a.title, a.source) == ("No", "ON")
    assert read(article(retracted="True"))[0].retracted is True


def test_scalars_stay_as_written_not_as_yaml_would_type_them() -> None:
    a, _ = read("---\ntitle: 12:30\nsource: 010\nauthor: 1.10\ntags: [2023, 1e3]\npublished: 2023-11-06\n---\nx\n")
    assert (a.title, a.source, a.author, a.tags) == ("12:30", "010", "1.10", ("2023", "1e3"))


@pytest.mark.parametrize("text, expected", [
    ("---\ntitle: T\ntags: !!set {a, b}\n---\nx\n", "story/a.md:3: 'tags' is a mapping of 2 keys (expected a list of words)"),
    ("---\ntitle: [a, b]\n---\nx\n", "story/a.md:2: 'title' is a list of 2 items (expected text)"),
    ("---\ntitle: T\nretracted: yes\n---\nx\n", "story/a.md:3: 'retracted' is 'yes' (expected true or false)"),
    ("---\ntitle: T\npublished: " + "9" * 500 + "\n---\nx\n",
     "story/a.md:3: 'published' is '" + "9" * 52 + "'... (expected YYYY-MM-DD or an ISO 8601 datetime)"),
])
def test_wrong_shapes_are_named_with_their_line(text: str, expected: str) -> None:
    assert error_of(text) == expected


def test_messages_never_echo_a_huge_value() -> None:
    message = error_of("---\ntitle: [" + "x, " * 5_000 + "x]\n---\nbody\n")
    assert message == "story/a.md:2: 'title' is a list of 5001 items (expected text)"
    message = error_of("---\ntitle: [" + "x, " * 100_000 + "x]\n---\nbody\n")
    assert message == ("story/a.md:2: 'title' holds more than 10000 values, counting what YAML aliases repeat"
                       " (expected short front matter)")


def test_yaml_alias_bombs_are_refused_quickly() -> None:
    levels = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for i in range(1, 9):
        prev, name = chr(96 + i), chr(97 + i)
        levels.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]")
    message = error_of("---\n" + "\n".join(levels) + "\ntitle: *i\n---\nx\n")
    assert "holds more than 10000 values, counting what YAML aliases repeat" in message


@pytest.mark.parametrize("name, slug", [
    ("Café Ankara.md", "cafe-ankara"),
    ("Москва-2023-11-06.md", "москва-2023-11-06"),
    ("Газа-2023-11-06.md", "газа-2023-11-06"),
    ("東京.md", "東京"),
    ("__Mixed   CASE__.txt", "mixed-case"),
])
def test_slugs_keep_letters_of_every_script(name: str, slug: str) -> None:
    assert read("---\ntitle: T\n---\nx\n", path=f"s/{name}")[0].slug == slug


def test_txt_lines_that_look_like_markdown_stay_text() -> None:
    from sitegen.render.body import render_body

    a, _ = read("Title\n1. Blinken arrives.\n2023. A year of war.\n# Gaza\n> not a quote\n* star *emph*\n---\n",
                path="s/t.txt")
    html = render_body(a)
    assert html == ("<p>2023. A year of war.</p>\n<p># Gaza</p>\n<p>&gt; not a quote</p>\n"
                    "<p>* star *emph*</p>\n<p>---</p>")
    assert a.standfirst == "1. Blinken arrives."


def test_a_key_given_twice_is_an_error_naming_both_lines() -> None:
    assert error_of("---\ntitle: T\npublished: 2023-11-06\ntitle: U\n---\nx\n") == (
        "story/a.md:4: 'title' is given twice, first on line 2 (expected each key once)")


def test_a_slug_too_long_for_a_file_name_is_an_error() -> None:
    assert error_of("---\ntitle: T\n---\nx\n", path="s/" + "x" * 252 + ".md") == (
        "s/" + "x" * 252 + ".md:1: the slug is 252 bytes long (expected at most 200: it names the page's file)")


def test_an_invalid_lang_is_dropped_with_a_warning() -> None:
    a, warnings = read(article(lang='"not a tag\\" onmouseover=x"'))
    assert a.lang is None
    assert str(warnings[0]).startswith("story/a.md:4: 'lang' is 'not a tag\" onmouseover=x' and is left out")
