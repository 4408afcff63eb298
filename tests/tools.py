"""Helpers for the slow end-to-end tests (Nu checker, real browser, wheel install).

Kept out of ``conftest.py`` so other fixtures there stay independent. A missing external tool
skips the test locally, with the reason, and fails it in CI (``CI=true``): CI must never pass
because a check silently did not run. ``tests/setup.sh`` installs every tool named here.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import re
import shutil
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any, Iterator, NoReturn

import pytest

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"
VNU_JAR = REPO / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE_JS = REPO / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--no-first-run", "--disable-quic",
]  # fmt: skip

IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


def missing_tool(reason: str) -> NoReturn:
    """Fail in CI, skip elsewhere: ``reason`` says what is missing and how to get it."""
    message = f"{reason} (run `bash tests/setup.sh`)"
    if IN_CI:
        pytest.fail(f"CI=true: {message}", pytrace=False)
    pytest.skip(message)


def require_file(path: Path, what: str) -> Path:
    if not path.is_file():
        missing_tool(f"{what} not found at {path}")
    return path


def require_command(name: str) -> str:
    found = shutil.which(name)
    if not found:
        missing_tool(f"`{name}` is not on PATH")
    return found


# A story that tries every way in: script tags, attribute break-outs, script URLs in Markdown
# links, references, images and front matter, raw HTML blocks, entities and non-ASCII text.
HOSTILE_SLUG = "hostile"
HOSTILE_TITLE = 'Café <script>alert(1)</script> "><img src=x onerror=alert(1)> & Zürich'
HOSTILE_ARTICLE = """\
---
title: 'Café <script>alert(1)</script> "><img src=x onerror=alert(1)> & Zürich'
standfirst: 'Standfirst <script>alert(2)</script> "><img src=x onerror=alert(2)> &amp; &lt;b&gt; — Αθήνα'
published: 2023-11-07
source: '<script>alert(3)</script>"><img src=x onerror=alert(3)> Source & Co'
url: 'javascript:alert(4)'
author: '"><svg onload=alert(5)>'
tags: ['<script>alert(6)</script>', '"><img src=x onerror=alert(6)>', 'naïve & “quoted”']
---
Body text <script>alert(7)</script> and "><img src=x onerror=alert(7)> with & and &amp; and &copy; and &#x3C;tag&#x3E;.

Links: [x](javascript:alert(8)), [y](JaVaScRiPt:alert(8)), [z](java&#09;script:alert(8)),
[d](data:text/html,<script>alert(8)</script>), [e](&#106;avascript:alert(8)),
[f](javascript&colon;alert(8)), a [reference][bad] and <javascript:alert(8)>.

[bad]: javascript:alert(9)

![picture](javascript:alert(10))

<div onclick="alert(11)">raw div</div>

<iframe src="javascript:alert(12)"></iframe>

<script>alert(13)</script>

Unicode: 東京, Αθήνα, emoji 📰, Hebrew שלום, zero-width\u200bjoiner.
"""


def hostile_story(folder: Path) -> Path:
    """``seeds/`` plus the hostile article, copied into ``folder``; returns the story folder."""
    story = folder / "story"
    shutil.copytree(SEEDS, story)
    (story / f"{HOSTILE_SLUG}.md").write_text(HOSTILE_ARTICLE, encoding="utf-8")
    return story


def build_site(source: Path, out: Path) -> subprocess.CompletedProcess[str]:
    """``python -m sitegen build SOURCE -o OUT`` with this checkout's code, from ``out``'s parent."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")]))}
    result = subprocess.run(
        [sys.executable, "-m", "sitegen", "build", str(source), "-o", str(out)],
        cwd=out.parent, env=env, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, f"build failed ({result.returncode}):\n{result.stdout}\n{result.stderr}"
    return result


CORPUS_ARTICLES = 200
CORPUS_SEED = 1


def build_corpus(folder: Path, articles: int = CORPUS_ARTICLES, seed: int = CORPUS_SEED) -> Path:
    """A generated story (``benchmarks/corpus.py``: seeded, so the same every run) built by the CLI
    into ``folder/out``; large enough that the timeline is split by month. Tests use the
    session fixture ``corpus_site`` (conftest.py), which calls this once."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")]))}
    subprocess.run([sys.executable, str(REPO / "benchmarks" / "corpus.py"), str(folder / "story"),
                    "--articles", str(articles), "--seed", str(seed)],
                   env=env, check=True, capture_output=True, text=True, timeout=300)
    build_site(folder / "story", folder / "out")
    return folder / "out"


# --- a real browser (Playwright driving Debian's Chromium) ------------------------------------


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextlib.contextmanager
def serve(site: Path) -> Iterator[str]:
    """``site`` served on 127.0.0.1 on a free port, from a thread; yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@contextlib.contextmanager
def chromium() -> Iterator[Any]:
    """A Playwright browser on Debian's Chromium (never `playwright install`; offline-safe flags,
    see ../shared/TOOLBOX.md)."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        missing_tool("Playwright is not installed (pip playwright, see pyproject's test extra)")
    require_file(CHROMIUM, "Debian Chromium (apt chromium)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


class Tab:
    """A fresh page in its own context that records every dialog (alert/confirm/prompt) and page error."""

    def __init__(self, browser: Any) -> None:
        self.context = browser.new_context()
        self.page = self.context.new_page()
        self.page.set_default_timeout(10_000)
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.page.on("dialog", self._on_dialog)
        self.page.on("pageerror", lambda err: self.errors.append(str(err)))

    def _on_dialog(self, dialog: Any) -> None:
        self.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()


def axe_serious(page: Any) -> str:
    """Runs axe-core (npm ``axe-core``) on the loaded page; returns a report of every serious or
    critical violation, one a line, or "" when there is none."""
    axe = require_file(AXE_JS, "axe-core (npm axe-core)")
    page.add_script_tag(path=str(axe))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    serious = [v for v in result["violations"] if v["impact"] in ("serious", "critical")]
    return "\n".join(
        f"{v['impact']}: {v['id']}: {v['help']} ({len(v['nodes'])} nodes, e.g. {v['nodes'][0]['html']}"
        f" at {v['nodes'][0]['target']})"
        for v in serious
    )


A4_POINTS = (595.28, 841.89)


def pdf_info(pdf: Path) -> tuple[int, str]:
    """(pages, pdfinfo's output) of a PDF; needs poppler-utils."""
    pdfinfo = require_command("pdfinfo")
    info = subprocess.run([pdfinfo, str(pdf)], capture_output=True, text=True, check=True).stdout
    found = re.search(r"Pages:\s+(\d+)", info)
    assert found, info
    return int(found[1]), info


def assert_a4(pdf: Path) -> int:
    """Every page of ``pdf`` is A4 (its MediaBoxes and pdfinfo agree); returns the page count."""
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF")
    boxes = re.findall(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]", data)
    assert boxes, "no MediaBox in the PDF"
    for width, height in boxes:
        assert (float(width), float(height)) == pytest.approx(A4_POINTS, abs=2), boxes
    pages, info = pdf_info(pdf)
    size = re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts \(A4\)", info)
    assert size and (float(size[1]), float(size[2])) == pytest.approx(A4_POINTS, abs=2), info
    assert pages == len(boxes) >= 1, info
    return pages
