"""output.publish: the whole site or the previous one, never a half-written mix."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitegen import output
from sitegen.errors import OutputError
from sitegen.model import OutputFile


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_publish_replaces_the_previous_site_exactly(tmp_path: Path) -> None:
    out = tmp_path / "site"
    output.publish([OutputFile("index.html", b"v1"), OutputFile("old.html", b"gone soon")], out)
    output.publish([OutputFile("index.html", b"v2"), OutputFile("articles/a.html", b"a")], out)
    assert snapshot(out) == {"index.html": b"v2", "articles/a.html": b"a", output.MARKER: snapshot(out)[output.MARKER]}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]  # no staging or old folders left


def test_a_failure_while_writing_leaves_the_previous_site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "site"
    output.publish([OutputFile("index.html", b"v1")], out)
    before = snapshot(out)
    calls = []
    real = Path.write_bytes

    def failing(self: Path, data: bytes) -> int:
        calls.append(self)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        return real(self, data)

    monkeypatch.setattr(Path, "write_bytes", failing)
    with pytest.raises(OutputError, match="No space left on device"):
        output.publish([OutputFile("index.html", b"v2"), OutputFile("timeline.html", b"t")], out)
    assert snapshot(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


@pytest.mark.parametrize("bad", ["../escape.html", "/etc/passwd", ""])
def test_paths_outside_the_site_are_refused(tmp_path: Path, bad: str) -> None:
    with pytest.raises(OutputError):
        output.publish([OutputFile(bad, b"x")], tmp_path / "site")
    assert not (tmp_path / "escape.html").exists() and not (tmp_path / "site").exists()
