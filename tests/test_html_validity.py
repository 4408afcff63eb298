"""Every built page is valid HTML (Nu checker) and no hostile input becomes markup or a script URL."""

from __future__ import annotations

import json
import re
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from html_tools import OWN_SCRIPTS
from tools import VNU_JAR, require_command, require_file

pytestmark = pytest.mark.slow

_CONTROL = re.compile(r"[\x00-\x20\x7f]+")
_SCHEME = re.compile(r"([a-zA-Z][a-zA-Z0-9+.-]*):")


@pytest.fixture(scope="module")
def site(hostile_site: Path) -> Path:
    return hostile_site


def test_every_page_is_valid_html(site: Path, corpus_site: Path) -> None:
    """The seed story with the hostile article, and a generated corpus of 200 articles (month
    pages, actor pages, marks in many articles): every page of both, in one checker run."""
    java = require_command("java")
    jar = require_file(VNU_JAR, "the Nu HTML checker (npm vnu-jar)")
    pages = sorted(site.rglob("*.html"))
    kinds = {"index.html", "timeline.html", "latest.html", "404.html", "actors/index.html"}
    assert kinds <= {p.relative_to(site).as_posix() for p in pages}, pages
    corpus = corpus_site
    assert len(list(corpus.glob("timeline/*.html"))) >= 2, "the corpus timeline should be split by month"
    # One JVM for both sites: each start costs seconds.
    result = subprocess.run(
        [java, "-Xss8m", "-jar", str(jar), "--skip-non-html", "--errors-only", "--format", "json", str(site),
         str(corpus)],
        capture_output=True, text=True, timeout=300,
    )
    try:
        messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    except (json.JSONDecodeError, KeyError):
        pytest.fail(f"vnu gave no JSON (exit {result.returncode}):\n{result.stdout}\n{result.stderr}")
    errors = [m for m in messages if m.get("type") in ("error", "non-document-error")]
    report = "\n".join(
        f"{m.get('url', '?')}:{m.get('lastLine', '?')}: {m.get('message')} [{m.get('extract', '').strip()}]"
        for m in errors
    )
    assert not errors, f"{len(errors)} Nu checker errors:\n{report}"
    assert result.returncode == 0, result.stderr


class _Markup(HTMLParser):
    """Collects tag names and the decoded values of URL attributes, as a browser reads them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.urls: list[tuple[str, str]] = []
        self.handlers: list[tuple[str, str]] = []
        self.scripts: list[str | None] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag == "script":
            self.scripts.append(dict(attrs).get("src"))
        for name, value in attrs:
            if name in ("href", "src", "action", "formaction") and value is not None:
                self.urls.append((tag, value))
            if name.startswith("on"):
                self.handlers.append((tag, name))


def test_hostile_input_stays_text(site: Path) -> None:
    """A static check that needs no browser: no script element, handler or script-bearing URL."""
    for page in sorted(site.rglob("*.html")):
        markup = _Markup()
        markup.feed(page.read_text(encoding="utf-8"))
        where = page.relative_to(site)
        assert not {"iframe", "svg", "object", "embed"} & set(markup.tags), (where, set(markup.tags))
        for src in markup.scripts:  # the theme's own file only, never inline code
            assert src and ":" not in src and src.lstrip("./").endswith(OWN_SCRIPTS), (where, src)
        assert not markup.handlers, (where, markup.handlers)
        for tag, url in markup.urls:
            scheme = _SCHEME.match(_CONTROL.sub("", url))  # the parser has decoded references
            assert not scheme or scheme[1].lower() in ("http", "https", "mailto"), f"{where}: <{tag}> links to {url!r}"
    article = (site / "articles" / "hostile.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in article
    assert "東京" in article and "Zürich" in article
