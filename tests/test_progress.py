"""The progress bar appears only on a terminal, and only once reading takes about a second."""

from __future__ import annotations

import io
import sys

import pytest

from sitegen import cli


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_bar_appears_after_a_second_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    terminal = FakeTerminal()
    now = [100.0]
    monkeypatch.setattr(sys, "stderr", terminal)
    monkeypatch.setattr(cli.time, "monotonic", lambda: now[0])
    bar = cli._ProgressBar()
    bar(1, 50)
    now[0] += 0.5
    bar(2, 50)
    assert terminal.getvalue() == ""  # a quick build shows nothing
    now[0] += 1.0
    bar(25, 50)
    bar(50, 50)
    bar.close()
    assert "Reading articles" in terminal.getvalue() and "100%" in terminal.getvalue()


def test_no_bar_when_stderr_is_not_a_terminal(tmp_path, make_story) -> None:  # type: ignore[no-untyped-def]
    from click.testing import CliRunner

    from conftest import article

    src = make_story({f"a{i}.md": article(f"A{i}") for i in range(20)})
    result = CliRunner().invoke(cli.cli, ["build", str(src), "-o", str(tmp_path / "out")])
    assert result.output == f"built {tmp_path / 'out'}: 20 of 20 articles, 0 errors, 0 warnings\n"
