"""Shared fixtures: a factory for story folders written from dicts of path -> text or bytes."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable, Iterator

import pytest

REPO = Path(__file__).resolve().parent.parent

MakeStory = Callable[..., Path]


@pytest.fixture
def make_story(tmp_path: Path) -> MakeStory:
    """``make_story({"a.md": "...", "static/CNAME": b"..."})`` -> the story folder's path."""

    def make(files: dict[str, str | bytes], name: str = "story") -> Path:
        root = tmp_path / name
        root.mkdir(parents=True, exist_ok=True)
        for rel, content in files.items():
            path = root / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content, encoding="utf-8")
        return root

    return make


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed story plus a hostile article, built once by the CLI for the slow real-tool tests.
    They only read it."""
    from tools import build_site, hostile_story

    folder = tmp_path_factory.mktemp("hostile")
    build_site(hostile_story(folder), folder / "out")
    return folder / "out"


@pytest.fixture(scope="session")
def corpus_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The generated corpus (``benchmarks/corpus.py``, 200 articles, fixed seed) built once by the
    CLI for every slow test that checks it (Nu checker, links, browser, axe, exports). They only
    read it."""
    from tools import build_corpus

    return build_corpus(tmp_path_factory.mktemp("corpus"))


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """One headless Chromium (Playwright) for the session; each test opens its own context."""
    from tools import chromium

    with chromium() as launched:
        yield launched


@pytest.fixture(scope="module")
def base_url(site: Path) -> Iterator[str]:
    """The module's ``site`` fixture served on 127.0.0.1 (a free port); the URL ends in "/"."""
    from tools import serve

    with serve(site) as url:
        yield url


@pytest.fixture
def tab(browser: Any) -> Iterator[Any]:
    """A fresh browser context and page (``tools.Tab``: records dialogs and page errors)."""
    from tools import Tab

    tab = Tab(browser)
    yield tab
    tab.context.close()


def article(title: str = "A title", published: str | None = "2023-11-06", body: str = "Some text.", **extra: str) -> str:
    """The text of a Markdown article with front matter."""
    lines = ["---", f"title: {title}"]
    if published is not None:
        lines.append(f"published: {published}")
    lines += [f"{key}: {value}" for key, value in extra.items()]
    lines += ["---", "", body, ""]
    return "\n".join(lines)
