"""Find the articles and static files of a story folder, in a deterministic order."""

from __future__ import annotations

import fnmatch
from dataclasses import dataclass
from pathlib import Path

from sitegen.errors import Problem

ARTICLE_SUFFIXES = (".md", ".txt")
# Folders of a story that are not articles: the theme override and files copied verbatim.
RESERVED_DIRS = ("templates", "static")
# Files still being written by an editor or a sync tool: never read, not even from static/.
PARTIAL_PATTERNS = ("*.tmp", "*~", ".#*")
# Hidden and private names and notes: never read as articles (static/ copies them verbatim).
IGNORED_PATTERNS = (".*", "_*", "README*", *PARTIAL_PATTERNS)


@dataclass(frozen=True, slots=True)
class Discovery:
    """What a source folder holds. Paths are relative to the folder, in POSIX form, sorted."""

    articles: tuple[str, ...]
    static: tuple[str, ...]
    problems: tuple[Problem, ...] = ()


def discover(root: Path) -> Discovery:
    """List the articles (``.md``/``.txt`` anywhere below ``root``) and the files under ``static/``.

    Hidden and private names (``.x``, ``_x``), ``README*`` and partial files (``*.tmp``, ``*~``,
    ``.#*``) are skipped at every level, folders included. ``templates/`` and ``static/`` at the top
    level are not searched for articles; ``static/`` is copied verbatim, dotfiles such as
    ``.nojekyll`` and ``.well-known/`` included, but for partial files. Symbolic links to folders
    are not followed, so a link loop cannot hang a build; a link to a file outside the story folder
    is skipped with a warning (it would publish or read files from elsewhere). A folder that cannot
    be listed is reported and skipped. The order is by path, code point by code point, on every platform.
    """
    problems: list[Problem] = []
    articles = [
        rel
        for rel in _walk(root, root, root, IGNORED_PATTERNS, problems, skip=RESERVED_DIRS)
        if rel.lower().endswith(ARTICLE_SUFFIXES)
    ]
    static_dir = root / "static"
    static = []
    if static_dir.is_dir() and not static_dir.is_symlink():
        static = [f"static/{rel}" for rel in _walk(static_dir, static_dir, root, PARTIAL_PATTERNS, problems)]
    return Discovery(tuple(sorted(articles)), tuple(sorted(static)), tuple(problems))


def _walk(
    folder: Path, base: Path, story: Path, ignored: tuple[str, ...], problems: list[Problem], skip: tuple[str, ...] = ()
) -> list[str]:
    """Files below ``folder`` as paths relative to ``base``; ``skip`` names folders of ``folder``
    itself not to enter. Problems name paths relative to the ``story`` folder."""
    try:
        entries = sorted(folder.iterdir(), key=lambda p: p.name)
    except OSError as err:
        where = folder.relative_to(story).as_posix()
        problems.append(Problem(where, None, f"folder cannot be read ({err.strerror or err}); skipped"))
        return []
    found: list[str] = []
    for entry in entries:
        if entry.name in skip or any(fnmatch.fnmatchcase(entry.name, pattern) for pattern in ignored):
            continue
        if entry.is_symlink() and not entry.resolve().is_relative_to(story.resolve()):
            problems.append(Problem(entry.relative_to(story).as_posix(), None,
                                    "skipped: a link to a file outside the story folder (expected a file inside it)",
                                    "warning"))
        elif entry.is_dir() and not entry.is_symlink():
            found.extend(_walk(entry, base, story, ignored, problems))
        elif entry.is_file():
            found.append(entry.relative_to(base).as_posix())
    return found
