"""``sitegen serve``: a local preview that rebuilds when the story changes.

The site is served on 127.0.0.1 from the *output* folder only (never the source folder) by the
standard library's ``http.server`` in a background thread. The source folder is polled: a
:class:`Watcher` compares :func:`snapshot` (every file's size and modification time), and a
change is rebuilt once the folder has been quiet for one interval (an editor saving several
files, or writing one in steps, gives one rebuild). Publishing is atomic, so a failed rebuild
leaves the last good site being served.
"""

from __future__ import annotations

import os
import signal
import threading
import time
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from contextlib import contextmanager
from types import TracebackType
from typing import Any, Callable, Iterator

# path (relative, POSIX) -> (size, mtime in ns)
Snapshot = dict[str, tuple[int, int]]

# Folders whose changes never change the site: version control and caches.
_IGNORED = frozenset({".git", ".hg", ".svn", "__pycache__"})


def snapshot(folder: Path) -> Snapshot:
    """Size and modification time of every file below ``folder`` (links not followed into folders).

    Files that vanish or cannot be read while being listed are left out: they will be seen (or
    missed) by the next poll.
    """
    found: Snapshot = {}
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if d not in _IGNORED)
        for name in files:
            path = Path(root, name)
            try:
                stat = path.stat()
            except OSError:
                continue
            found[path.relative_to(folder).as_posix()] = (stat.st_size, stat.st_mtime_ns)
    return found


class Watcher:
    """Tells whether ``folder`` changed since the last call (or since it was created)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._last = snapshot(folder)

    def changed(self) -> bool:
        current = snapshot(self.folder)
        if current == self._last:
            return False
        self._last = current
        return True


def watch(folder: Path, rebuild: Callable[[], object], stop: threading.Event, interval: float = 0.5) -> None:
    """Call ``rebuild`` after each change to ``folder``, once it has been quiet for ``interval``
    seconds; return when ``stop`` is set."""
    watcher = Watcher(folder)
    while not stop.wait(interval):
        if not watcher.changed():
            continue
        while not stop.wait(interval) and watcher.changed():
            pass  # still being written: wait for a quiet interval
        if not stop.is_set():
            rebuild()


@contextmanager
def sigterm_as_interrupt() -> Iterator[None]:
    """Inside this block SIGTERM (``kill``, a service manager) stops like Ctrl-C, so the same
    clean-up runs. Only in the main thread, where signal handlers can be set."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGTERM, signal.default_int_handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


class _QuietHandler(SimpleHTTPRequestHandler):
    """Serves files; does not log every request (the terminal is for build problems)."""

    def log_message(self, format: str, *args: Any) -> None:
        pass


class Server:
    """An HTTP server for the folder ``root`` on 127.0.0.1 in a daemon thread; ``port`` 0 picks a
    free one. Use as a context manager; :attr:`url` is the address to open.

    ``root`` is looked up on each request, so a site swapped in by a rebuild is served at once.
    """

    def __init__(self, root: Path, port: int = 8000) -> None:
        handler = partial(_QuietHandler, directory=str(root))
        self._httpd = ThreadingHTTPServer(("127.0.0.1", port), handler)  # raises OSError if taken
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever, name="sitegen-serve", daemon=True)

    @property
    def url(self) -> str:
        host, port = self._httpd.server_address[:2]
        return f"http://{host!s}:{port}/"

    def __enter__(self) -> Server:
        self._thread.start()
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 traceback: TracebackType | None) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join()
