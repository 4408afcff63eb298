"""Helpers for the slow end-to-end tests (Nu checker, real browser, wheel install).

Kept out of ``conftest.py`` so other fixtures there stay independent. A missing external tool
skips the test locally, with the reason, and fails it in CI (``CI=true``): CI must never pass
because a check silently did not run. ``tests/setup.sh`` installs every tool named here.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import NoReturn

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


def corpus_site(folder: Path, articles: int = CORPUS_ARTICLES, seed: int = 1) -> Path:
    """A generated story (``benchmarks/corpus.py``: seeded, so the same every run) built into
    ``folder/out``; large enough that the timeline is split by month."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")]))}
    subprocess.run([sys.executable, str(REPO / "benchmarks" / "corpus.py"), str(folder / "story"),
                    "--articles", str(articles), "--seed", str(seed)],
                   env=env, check=True, capture_output=True, text=True, timeout=300)
    build_site(folder / "story", folder / "out")
    return folder / "out"
