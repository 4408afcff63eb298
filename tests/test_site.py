"""End to end: build a story and read the result the way a browser would."""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner

from sitegen.cli import cli

from conftest import REPO, MakeStory, article
from html_tools import broken_links, own_scripts_only, parse

HOSTILE = "<script>alert('x')</script>"


def build(src: Path, out: Path) -> int:
    return CliRunner().invoke(cli, ["build", str(src), "-o", str(out)], catch_exceptions=False).exit_code


def test_seed_site_from_the_output_html(tmp_path: Path) -> None:
    shutil.copytree(REPO / "seeds", tmp_path / "seeds")
    assert build(tmp_path / "seeds", tmp_path / "site") == 0
    site = tmp_path / "site"
    title = "Blinken meets his Turkish counterpart who asked for 'unconditional ceasefire'"

    index = parse((site / "index.html").read_text())
    assert title in index.text and "6 November 2023" in index.text and "DT Next" in index.text
    assert {a["href"] for a in index.all("a")} >= {"articles/blinken-meets-turkish-counterpart.html", "timeline.html"}
    assert index.all("link")[0]["href"] == "assets/style.css"

    page = parse((site / "articles" / "blinken-meets-turkish-counterpart.html").read_text())
    assert title in page.text
    assert "The US tried to convince Turkey to put more pressure on Hamas" in page.text  # standfirst shown
    assert "for almost two-and-a-half-hours, on Monday morning in Ankara" in page.text
    assert "Al Jazeera quoted Erdogan as saying." in page.text  # the last paragraph
    assert len([1 for tag, _ in page.elements if tag == "p"]) >= 18
    hrefs = [a["href"] for a in page.all("a")]
    assert ("https://dtnext.in/news/world/blinken-meets-his-turkish-counterpart-who-asked-for-"
            "unconditional-ceasefire-746597") in hrefs  # the source URL, never the output path
    assert "../index.html" in hrefs and "../timeline.html" in hrefs
    assert page.all("time")[0]["datetime"] == "2023-11-06"

    timeline = parse((site / "timeline.html").read_text())
    assert "Monday 6 November 2023" in timeline.text and "Blinken meets Hakan Fidan in Ankara" in timeline.text
    ids = {attrs.get("id") for _, attrs in timeline.elements}
    assert {"d-2023-11-03", "d-2023-11-05", "d-2023-11-06", "e-a874efbbd5"} <= ids
    # every event links to the sentence that supports it, and the sentence is marked there
    assert "articles/blinken-meets-turkish-counterpart.html#s-211" in {a["href"] for a in timeline.all("a")}
    assert {"id": "s-211"} in page.all("mark")

    assert broken_links(site) == []


def test_script_and_javascript_links_are_escaped_everywhere(make_story: MakeStory, tmp_path: Path) -> None:
    body = (f"Body {HOSTILE} and <img src=x onerror=alert(1)> and [click](javascript:alert(1))"
            " and [tab](java\tscript:alert(1)) and <a href=\"javascript:alert(2)\">raw</a>\n\n"
            "<iframe src=\"https://evil.example\"></iframe>\n\n[ref]\n\n[ref]: javascript:alert(3)")
    src = make_story({"evil.md": article(
        title=f'"{HOSTILE}"', body=body, source=f'"{HOSTILE}"', standfirst=f'"{HOSTILE}"',
        url="javascript:alert(4)", tags=f'["{HOSTILE}"]', author=f'"{HOSTILE}"',
    )})
    assert build(src, tmp_path / "out") == 0
    for html_file in (tmp_path / "out").rglob("*.html"):
        page = parse(html_file.read_text())
        assert own_scripts_only(page) and page.all("iframe") == [], html_file
        assert all("onerror" not in attrs for _, attrs in page.elements), html_file
        for _, attrs in page.elements:
            for name in ("href", "src"):
                value = (attrs.get(name) or "").replace("\t", "").lower()
                assert not value.startswith(("javascript:", "data:", "vbscript:")), (html_file, attrs)
    article_page = parse((tmp_path / "out" / "articles" / "evil.html").read_text())
    assert HOSTILE in article_page.text  # shown as text, not dropped
    assert "<iframe src=" in article_page.text and "click" in article_page.text


def test_story_templates_override_the_theme(make_story: MakeStory, tmp_path: Path) -> None:
    src = make_story({
        "a.md": article("Overridden"),
        "templates/timeline.html": '{% extends "base.html" %}{% block main %}<p>custom {{ groups|length }}</p>{% endblock %}',
    })
    assert build(src, tmp_path / "out") == 0
    assert "custom 0" in (tmp_path / "out" / "timeline.html").read_text()  # no dated events in "Some text."
    assert "Overridden" in (tmp_path / "out" / "index.html").read_text()


def test_briefing_lists_every_article_newest_first(make_story: MakeStory, tmp_path: Path) -> None:
    src = make_story({
        "z.md": article("Earliest", "2023-11-01", source="Gazette"), "a.md": article("Latest", "2023-11-09"),
        "m.md": article("Middle", "2023-11-05"), "u.md": article("Undated", None),
    })
    assert build(src, tmp_path / "out") == 0
    index = (tmp_path / "out" / "index.html").read_text()
    sources = parse(index[index.index('id="articles-heading"'):]).text
    positions = [sources.index(word) for word in ("Latest", "Middle", "Earliest", "Gazette", "Undated", "date unknown")]
    assert positions == sorted(positions)


def test_static_files_replace_theme_assets_but_not_pages(make_story: MakeStory, tmp_path: Path) -> None:
    src = make_story({"a.md": article("A"), "static/assets/style.css": "body { color: red }",
                      "static/index.html": "<p>not the briefing</p>", "static/img/map.png": b"\x89PNG"})
    result = CliRunner().invoke(cli, ["build", str(src), "-o", str(tmp_path / "out")])
    assert result.exit_code == 0
    assert "static/index.html: not copied: the site's own page index.html has that name [warning]" in result.output
    out = tmp_path / "out"
    assert (out / "assets" / "style.css").read_text() == "body { color: red }"
    assert "not the briefing" not in (out / "index.html").read_text()
    assert (out / "img" / "map.png").read_bytes() == b"\x89PNG"


def test_static_file_where_the_site_needs_a_folder_is_not_copied(make_story: MakeStory, tmp_path: Path) -> None:
    src = make_story({"a.md": article("A"), "static/articles": "a file", "static/index.html/x.png": b"PNG"})
    result = CliRunner().invoke(cli, ["build", str(src), "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert "static/articles: not copied: the site needs a folder articles/ [warning]" in result.output
    assert "static/index.html/x.png: not copied: the site's own page index.html is there [warning]" in result.output
    assert (tmp_path / "out" / "articles" / "a.html").is_file()


def test_config_title_and_description_are_escaped(make_story: MakeStory, tmp_path: Path) -> None:
    src = make_story({"a.md": article("A")})
    (tmp_path / "sitegen.toml").write_text(
        f'source = "{src}"\noutput = "out"\ntitle = "{HOSTILE}"\ndescription = "\\"><script>x()</script>"\n')
    result = CliRunner().invoke(cli, ["build", "--config", str(tmp_path / "sitegen.toml")])
    assert result.exit_code == 0, result.output
    for html_file in (tmp_path / "out").rglob("*.html"):
        page = parse(html_file.read_text())
        assert own_scripts_only(page) and HOSTILE in page.text


def test_static_file_where_the_theme_needs_its_assets_folder(make_story: MakeStory, tmp_path: Path) -> None:
    src = make_story({"a.md": article("A"), "static/assets": "a file"})
    result = CliRunner().invoke(cli, ["build", str(src), "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert "static/assets: not copied: the site needs a folder assets/ [warning]" in result.output
    assert (tmp_path / "out" / "assets" / "style.css").is_file()
