"""Find the articles and static files of a story folder, in a deterministic order."""

from __future__ import annotations

import fnmatch
from dataclasses import dataclass
from pathlib import Path

ARTICLE_SUFFIXES = (".md", ".txt")
# Folders of a story that are not articles: the theme override and files copied verbatim.
RESERVED_DIRS = ("templates", "static")
# Files still being written by an editor or a sync tool, and notes that are not articles.
IGNORED_PATTERNS = (".*", "_*", "README*", "*.tmp", "*~", ".#*")


@dataclass(frozen=True, slots=True)
class Discovery:
    """What a source folder holds. Paths are relative to the folder, in POSIX form, sorted."""

    root: Path
    articles: tuple[str, ...]
    static: tuple[str, ...]


def is_ignored(name: str) -> bool:
    """True for names that are never read: hidden, private, READMEs, files being written."""
    return any(fnmatch.fnmatchcase(name, pattern) for pattern in IGNORED_PATTERNS)


def discover(root: Path) -> Discovery:
    """List the articles (``.md``/``.txt`` anywhere below ``root``) and the files under ``static/``.

    Hidden and private names (``.x``, ``_x``), ``README*`` and partial files (``*.tmp``, ``*~``,
    ``.#*``) are skipped at every level, folders included. ``templates/`` and ``static/`` at the top
    level are not searched for articles. Symbolic links to folders are not followed, so a link loop
    cannot hang a build. The order is by path, code point by code point, on every platform.
    """
    articles = [
        rel
        for rel in _walk(root, root)
        if rel.split("/", 1)[0] not in RESERVED_DIRS or "/" not in rel
        if rel.lower().endswith(ARTICLE_SUFFIXES)
    ]
    static_dir = root / "static"
    static = [f"static/{rel}" for rel in _walk(static_dir, static_dir)] if static_dir.is_dir() else []
    return Discovery(root=root, articles=tuple(sorted(articles)), static=tuple(sorted(static)))


def _walk(folder: Path, root: Path) -> list[str]:
    found: list[str] = []
    for entry in sorted(folder.iterdir(), key=lambda p: p.name):
        if is_ignored(entry.name):
            continue
        if entry.is_dir() and not entry.is_symlink():
            found.extend(_walk(entry, root))
        elif entry.is_file():
            found.append(entry.relative_to(root).as_posix())
    return found
