"""The progress bar appears only on a terminal, and only once a build takes about a second."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from sitegen import cli

from conftest import MakeStory, article


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def run_build(stderr: io.StringIO, src: Path, out: Path, monkeypatch: pytest.MonkeyPatch, step: float) -> str:
    """Run ``sitegen build`` with ``stderr`` as the terminal and a clock that advances ``step``
    seconds each time it is read."""
    now = [1000.0]

    def clock() -> float:
        now[0] += step
        return now[0]

    monkeypatch.setattr(sys, "stderr", stderr)
    monkeypatch.setattr(cli.time, "monotonic", clock)
    with pytest.raises(SystemExit) as caught:
        cli.cli.main(["build", str(src), "-o", str(out)], prog_name="sitegen")
    assert caught.value.code == 0
    return stderr.getvalue()


@pytest.fixture
def story(make_story: MakeStory) -> Path:
    return make_story({f"a{i:02}.md": article(f"A{i}") for i in range(30)})


def test_slow_build_on_a_terminal_shows_clicks_bar(story: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shown = run_build(FakeTerminal(), story, tmp_path / "out", monkeypatch, step=0.2)
    assert "Reading articles" in shown and "100%" in shown


def test_quick_build_on_a_terminal_shows_no_bar(story: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shown = run_build(FakeTerminal(), story, tmp_path / "out", monkeypatch, step=0.001)
    assert "Reading articles" not in shown and shown.startswith("built ")


def test_slow_build_into_a_pipe_shows_no_bar(story: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shown = run_build(io.StringIO(), story, tmp_path / "out", monkeypatch, step=0.2)
    written = sum(1 for p in (tmp_path / "out").rglob("*") if p.is_file() and p.name != ".sitegen-site")
    assert shown == f"built {tmp_path / 'out'}: 30 of 30 articles, 0 errors, 0 warnings; {written} files written\n"
