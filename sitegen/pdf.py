"""``build --pdf``: print the staged briefing (``index.html``) to ``briefing.pdf`` with headless Chromium.

Chromium is optional: nothing here is imported unless ``--pdf`` is given, and the core install
needs neither Chromium nor Playwright. The PDF is rendered from the *staged* site, before
``output.publish`` swaps it in, so the site and its PDF are published together or not at all.
Chromium prints into a temporary folder of its own; the bytes come back as an ``OutputFile``
that ``output.py`` writes, so ``output.py`` stays the only writer of the site.

The PDF is the one output that is not byte-identical across rebuilds (Chromium stamps the
creation date into it).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from sitegen.errors import OutputError
from sitegen.model import OutputFile

PDF_NAME = "briefing.pdf"
PAGE = "index.html"
BROWSERS = ("chromium", "chromium-browser", "google-chrome")
TIMEOUT = 60.0  # seconds; the seed briefing prints in about 2 s

# Offline and quiet: no sync, no updates, no first-run dialogs, no shared-memory or GPU needs
# (containers often have a tiny /dev/shm and no GPU).
_FLAGS = (
    "--headless", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
    "--no-pdf-header-footer",
)  # fmt: skip


class PdfError(OutputError):
    """Chromium could not print the briefing; nothing is published."""


def find_browser() -> Path | None:
    """The first of ``chromium``, ``chromium-browser``, ``google-chrome`` on ``PATH``, or ``None``."""
    for name in BROWSERS:
        found = shutil.which(name)
        if found:
            return Path(found)
    return None


def missing_browser_message() -> str:
    return (f"--pdf: no Chromium found on PATH (looked for {', '.join(BROWSERS)}); install it"
            " (Debian: apt-get install chromium) or build without --pdf. Nothing was published.")


def print_briefing(browser: Path, site: Path, timeout: float = TIMEOUT) -> OutputFile:
    """Print ``site/index.html`` with ``browser`` and return it as ``briefing.pdf``.

    Raises :class:`PdfError` naming the page when Chromium fails, times out or writes nothing.
    """
    page = site / PAGE
    if not page.is_file():
        raise PdfError(f"{PDF_NAME}: the site has no {PAGE} to print")
    with tempfile.TemporaryDirectory(prefix="sitegen-chromium-") as scratch:
        target = Path(scratch) / PDF_NAME
        command = [
            str(browser), *_FLAGS, *(["--no-sandbox"] if _is_root() else []),
            f"--user-data-dir={Path(scratch) / 'profile'}", f"--print-to-pdf={target}", page.resolve().as_uri(),
        ]
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=timeout,
                                  stdin=subprocess.DEVNULL, check=False)
        except subprocess.TimeoutExpired:
            raise PdfError(f"{PDF_NAME}: {browser} did not print {PAGE} within {timeout:g} s") from None
        except OSError as err:
            raise PdfError(f"{PDF_NAME}: {browser} cannot be run ({err.strerror or err})") from None
        data = target.read_bytes() if target.is_file() else b""
        if done.returncode != 0 or not data.startswith(b"%PDF-"):
            raise PdfError(f"{PDF_NAME}: {browser} failed to print {PAGE} (exit code {done.returncode}):"
                           f" {_last_line(done.stderr)}")
    return OutputFile(PDF_NAME, data)


def _is_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0  # Chromium's sandbox refuses to run as root


def _last_line(stderr: str) -> str:
    """Chromium's last meaningful complaint (its dbus noise is not one)."""
    lines = [line for line in stderr.splitlines() if line.strip() and "dbus" not in line]
    return lines[-1].strip() if lines else "no error message"
