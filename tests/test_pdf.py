"""build --pdf: briefing.pdf printed from the staged site, published with it or not at all."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from sitegen.cli import cli

from conftest import MakeStory, article
from tools import CHROMIUM, require_command, require_file

GOOD = article("Talks in Ankara", "2023-11-06", "Blinken met Fidan in Ankara on Monday.")


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.output


def files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_pdf_without_chromium_is_a_clear_error_and_publishes_nothing(
    make_story: MakeStory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    src = make_story({"a.md": GOOD})
    assert run("build", str(src), "-o", str(out))[0] == 0
    before = files(out)
    empty = tmp_path / "empty-path"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    code, message = run("build", str(src), "-o", str(out), "--pdf")
    assert code == 2
    assert message == ("--pdf: no Chromium found on PATH (looked for chromium, chromium-browser, google-chrome);"
                       " install it (Debian: apt-get install chromium) or build without --pdf."
                       " Nothing was published.\n")
    assert files(out) == before


def fake_browser(folder: Path, script: str) -> None:
    folder.mkdir()
    path = folder / "chromium"
    path.write_text("#!/bin/sh\n" + script)
    path.chmod(0o755)


@pytest.mark.parametrize("script, expected", [
    ("echo 'Failed to connect to the bus: dbus' >&2\necho 'cannot open display' >&2\nexit 3\n",
     "failed to print index.html (exit code 3): cannot open display"),
    ("exit 0\n", "failed to print index.html (exit code 0): no error message"),  # wrote nothing
])
def test_a_failed_print_leaves_the_previous_site(
    make_story: MakeStory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, script: str, expected: str
) -> None:
    out = tmp_path / "out"
    src = make_story({"a.md": GOOD})
    assert run("build", str(src), "-o", str(out))[0] == 0
    before = files(out)
    fake_browser(tmp_path / "bin", script)
    monkeypatch.setenv("PATH", f"{tmp_path / 'bin'}:/usr/bin:/bin")
    code, message = run("build", str(src), "-o", str(out), "--pdf")
    assert code == 2 and f"briefing.pdf: {tmp_path / 'bin' / 'chromium'} {expected}" in message, message
    assert files(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bin", "out", "story"]  # no staging folder left


def test_the_browser_prints_the_staged_index(make_story: MakeStory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The fake browser "prints" the page it was given: the URL must be the staged index.html,
    # complete before the swap, and the PDF must arrive in the site with it.
    fake_browser(tmp_path / "bin", 'for a; do case "$a" in --print-to-pdf=*) target="${a#--print-to-pdf=}";; file://*) url="$a";; esac; done\n'
                 'page="${url#file://}"\nprintf "%%PDF-1.4 fake of %s\\n" "$url" > "$target"\ngrep -q "Talks in Ankara" "$page"\n')
    monkeypatch.setenv("PATH", f"{tmp_path / 'bin'}:/usr/bin:/bin")
    out = tmp_path / "out"
    code, message = run("build", str(make_story({"a.md": GOOD})), "-o", str(out), "--pdf")
    assert code == 0, message
    assert message.splitlines()[-1] == f"printed {out / 'briefing.pdf'}"
    printed = (out / "briefing.pdf").read_text()
    assert re.fullmatch(rf"%PDF-1\.4 fake of file://{re.escape(str(tmp_path))}/\.out\.staging-[^/]+/index\.html\n", printed)


@pytest.mark.slow
def test_real_chromium_prints_the_briefing_on_a4(make_story: MakeStory, tmp_path: Path) -> None:
    require_file(CHROMIUM, "Chromium")
    pdfinfo = require_command("pdfinfo")
    out = tmp_path / "out"
    code, message = run("build", str(make_story({"a.md": GOOD})), "-o", str(out), "--pdf")
    assert code == 0, message
    info = subprocess.run([pdfinfo, str(out / "briefing.pdf")], capture_output=True, text=True, check=True).stdout
    assert re.search(r"^Page size:\s+594\.\d+ x 841\.\d+ pts \(A4\)$", info, re.M), info
    assert int(re.search(r"^Pages:\s+(\d+)$", info, re.M).group(1)) >= 1  # type: ignore[union-attr]
    assert (out / "index.html").is_file()
    # A rebuild without --pdf publishes exactly the site: the old PDF goes with the old site.
    assert run("build", str(tmp_path / "story"), "-o", str(out))[0] == 0
    assert not (out / "briefing.pdf").exists()
