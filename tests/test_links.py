"""No broken internal links: every href and src of every built page points at a file of the
site, and every ``#fragment`` at an element with that id (days, events, aliases, sentences)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from sitegen.cli import cli
from sitegen.render import chronology

from conftest import REPO
from html_tools import broken_links, parse


def _build(src: Path, out: Path) -> None:
    result = CliRunner().invoke(cli, ["build", str(src), "-o", str(out)], catch_exceptions=False)
    assert result.exit_code == 0, result.output


def test_seed_site_has_no_broken_links(tmp_path: Path) -> None:
    shutil.copytree(REPO / "seeds", tmp_path / "seeds")
    _build(tmp_path / "seeds", tmp_path / "site")
    assert broken_links(tmp_path / "site") == []


def test_split_timeline_keeps_every_anchor(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Above the threshold the timeline becomes month pages; timeline.html keeps an anchor for
    every day and event, linking on, so links given out before the split still land."""
    monkeypatch.setattr(chronology, "SPLIT_AFTER", 3)
    shutil.copytree(REPO / "seeds", tmp_path / "seeds")
    _build(tmp_path / "seeds", tmp_path / "site")
    site = tmp_path / "site"
    assert broken_links(site) == []
    month = parse((site / "timeline" / "2023-11.html").read_text())
    index = parse((site / "timeline.html").read_text())
    month_ids = {a.get("id") for _, a in month.elements}
    index_ids = {a.get("id") for _, a in index.elements}
    assert {"d-2023-11-06", "e-a874efbbd5"} <= month_ids
    assert {i for i in month_ids if i and i.startswith(("d-", "e-"))} <= index_ids  # nothing given out is lost
    assert "timeline/2023-11.html#e-a874efbbd5" in {a["href"] for a in index.all("a")}
    assert [a for a in month.all("article") if a.get("id") == "e-a874efbbd5"]  # the canonical entry
    latest = parse((site / "latest.html").read_text())
    assert "timeline/2023-11.html#e-a874efbbd5" in {a["href"] for a in latest.all("a")}


@pytest.mark.slow
def test_generated_corpus_has_no_broken_links(corpus_site: Path) -> None:
    """200 generated articles: the timeline is split by month and every link still lands."""
    assert (corpus_site / "timeline").is_dir(), "expected month pages for a corpus this large"
    assert broken_links(corpus_site) == []


def test_broken_links_are_found(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_text('<p id="x"><a href="b.html">b</a> <a href="#y">y</a> <a href="#x">x</a>'
                                     ' <a href="/abs.html">abs</a> <a href="https://example.org/">ext</a></p>')
    assert broken_links(tmp_path) == [
        "a.html: <a href='b.html'>: no file b.html",
        "a.html: <a href='#y'>: no id 'y' in this page",
        "a.html: <a href='/abs.html'>: absolute path",
    ]
