"""sitegen serve: the built site on 127.0.0.1, rebuilt when the story changes, never the source."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Callable

import pytest

from sitegen import serve

from conftest import REPO, MakeStory, article


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as err:
        return err.code, ""


def wait_for(condition: Callable[[], bool], seconds: float = 10.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False


def test_snapshot_sees_content_and_new_files_but_not_version_control(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("one")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "index").write_text("x")
    watcher = serve.Watcher(tmp_path)
    assert not watcher.changed()
    (tmp_path / ".git" / "index").write_text("changed")
    assert not watcher.changed()
    (tmp_path / "a.md").write_text("one, longer")
    assert watcher.changed() and not watcher.changed()  # reported once
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.md").write_text("new")
    assert watcher.changed()
    assert set(serve.snapshot(tmp_path)) == {"a.md", "sub/b.md"}


def test_watch_rebuilds_once_per_burst_of_changes(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("0")
    calls: list[float] = []
    stop = threading.Event()
    thread = threading.Thread(target=serve.watch, args=(tmp_path, lambda: calls.append(time.monotonic()), stop, 0.1))
    thread.start()
    try:
        for i in range(5):  # one save written in steps
            (tmp_path / "a.md").write_text("x" * (i + 2))
            time.sleep(0.03)
        assert wait_for(lambda: len(calls) == 1, 5)
        time.sleep(0.4)
        assert len(calls) == 1
    finally:
        stop.set()
        thread.join(5)
    assert not thread.is_alive()


def test_server_serves_only_its_folder_on_localhost(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("<p>hello</p>")
    (tmp_path / "secret.md").write_text("SECRET")
    with serve.Server(site, port=0) as server:
        assert server.url.startswith("http://127.0.0.1:")
        assert fetch(server.url) == (200, "<p>hello</p>")
        assert fetch(server.url + "../secret.md")[1] != "SECRET"
        assert fetch(server.url + "%2e%2e/secret.md")[1] != "SECRET"


@pytest.fixture
def served(make_story: MakeStory, tmp_path: Path):  # type: ignore[no-untyped-def]
    """``sitegen serve`` of a one-article story in a subprocess; yields (process, url, story)."""
    story = make_story({"a.md": article("First version", body="Talks began on Monday.")})
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")]))}
    process = subprocess.Popen(
        [sys.executable, "-m", "sitegen", "serve", str(story), "--port", "0", "-o", str(tmp_path / "out")],
        stderr=subprocess.PIPE, text=True, env=env, cwd=tmp_path,
    )
    assert process.stderr is not None
    lines = []
    for line in process.stderr:
        lines.append(line)
        match = re.search(r"at (http://127\.0\.0\.1:\d+/)", line)
        if match:
            break
    else:
        process.wait(5)
        pytest.fail("serve did not start: " + "".join(lines))
    try:
        yield process, match.group(1), story
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(5)


def test_serve_rebuilds_after_a_change_and_stops_on_ctrl_c(served, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    process, url, story = served
    status, page = fetch(url)
    assert status == 200 and "First version" in page
    assert fetch(url + "a.md")[0] == 404  # the source is not served
    (story / "a.md").write_text(article("Second version", body="Talks began on Monday."), encoding="utf-8")
    assert wait_for(lambda: "Second version" in fetch(url)[1]), "the page was not rebuilt"
    (story / "a.md").write_text("---\ntitle: Broken\npublished: 2023-02-30\n---\nx\n", encoding="utf-8")
    time.sleep(2.5)  # a rebuild that publishes nothing keeps the last good site
    assert "Second version" in fetch(url)[1]
    process.send_signal(signal.SIGINT)
    assert process.wait(10) == 0
    assert process.stderr is not None
    rest = process.stderr.read()
    assert "changed: rebuilding" in rest and "nothing published" in rest and rest.rstrip().endswith("stopped")
    assert "Traceback" not in rest


def test_serve_without_output_uses_a_temporary_folder_and_removes_it(make_story: MakeStory, tmp_path: Path) -> None:
    story = make_story({"a.md": article()})
    env = {**os.environ, "PYTHONPATH": str(REPO), "TMPDIR": str(tmp_path / "tmp")}
    (tmp_path / "tmp").mkdir()
    process = subprocess.Popen([sys.executable, "-m", "sitegen", "serve", str(story), "--port", "0"],
                               stderr=subprocess.PIPE, text=True, env=env, cwd=tmp_path)
    assert process.stderr is not None
    line = ""
    while "serving" not in line:
        line = process.stderr.readline()
        assert line, "serve exited before serving"
    assert any((tmp_path / "tmp").iterdir()) and not (tmp_path / "site").exists()
    process.terminate()  # SIGTERM cleans up like Ctrl-C
    assert process.wait(10) == 0
    assert list((tmp_path / "tmp").iterdir()) == []


def test_serve_port_in_use_is_a_clear_error(make_story: MakeStory, tmp_path: Path) -> None:
    from click.testing import CliRunner

    from sitegen.cli import cli

    site = tmp_path / "other"
    site.mkdir()
    with serve.Server(site, port=0) as taken:
        port = taken.url.rsplit(":", 1)[1].rstrip("/")
        result = CliRunner().invoke(cli, ["serve", str(make_story({"a.md": article()})), "--port", port])
    assert result.exit_code == 2
    assert f"127.0.0.1:{port}: cannot serve (" in result.output and "--port 0" in result.output

