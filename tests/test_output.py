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


def test_after_stage_adds_files_seen_in_the_complete_staged_site(tmp_path: Path) -> None:
    out = tmp_path / "site"
    seen: list[dict[str, bytes]] = []

    def hook(stage: Path) -> list[OutputFile]:
        seen.append(snapshot(stage))
        return [OutputFile("briefing.pdf", b"%PDF-" + stage.joinpath("index.html").read_bytes())]

    output.publish([OutputFile("index.html", b"v1"), OutputFile("a/b.html", b"b")], out, after_stage=hook)
    assert seen == [{"index.html": b"v1", "a/b.html": b"b"}]
    assert snapshot(out)["briefing.pdf"] == b"%PDF-v1"
    output.publish([OutputFile("index.html", b"v3")], out)  # no hook: no PDF left over from before
    assert "briefing.pdf" not in snapshot(out)


def test_a_failing_after_stage_leaves_the_previous_site(tmp_path: Path) -> None:
    out = tmp_path / "site"
    output.publish([OutputFile("index.html", b"v1")], out)
    before = snapshot(out)

    def hook(stage: Path) -> list[OutputFile]:
        raise OutputError("briefing.pdf: chromium failed")

    with pytest.raises(OutputError, match="chromium failed"):
        output.publish([OutputFile("index.html", b"v2")], out, after_stage=hook)
    with pytest.raises(OutputError, match="outside the site folder"):
        output.publish([OutputFile("index.html", b"v2")], out, after_stage=lambda stage: [OutputFile("../x", b"")])
    assert snapshot(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]
