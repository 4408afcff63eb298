"""The only module that writes to disk: stage the whole site, then swap it into place.

A build that fails before :func:`publish` leaves the previous site exactly as it was; a build
that fails while staging removes its staging folder and puts the previous site back. The output
folder never holds a half-written mix; during the swap (two renames) it is briefly absent.
A site that a killed build had moved aside is put back by the next publish.

An ``after_stage`` hook (``build --pdf``) sees the complete staged site and returns more files,
which are staged too before the swap: they are published with the site or not at all.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path, PurePosixPath
from typing import Callable, Iterable

from sitegen.errors import OutputError
from sitegen.model import OutputFile

# Marks a folder as a site built by sitegen, which a later build may replace.
MARKER = ".sitegen-site"

# Given the staged site folder (to read, never to write), returns more files to publish with it.
AfterStage = Callable[[Path], Iterable[OutputFile]]

def publish(files: Iterable[OutputFile], out: Path, *, after_stage: AfterStage | None = None) -> None:
    """Replace the folder ``out`` with exactly ``files`` (plus what ``after_stage`` adds).

    Refuses (``OutputError``) to replace a non-empty folder that sitegen did not build, so a
    mistyped ``-o`` cannot wipe someone's documents. An exception from ``after_stage`` leaves
    the previous site as it was.
    """
    out = out.resolve()
    if out.parent.is_dir():
        _restore_moved_aside(out)
    if out.exists() and not _replaceable(out):
        raise OutputError(
            f"{out}: is not empty and was not built by sitegen (expected an empty folder or a previous site)"
        )
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        stage = Path(tempfile.mkdtemp(prefix=f".{out.name}.staging-", dir=out.parent))
    except OSError as err:
        raise OutputError(f"{out}: cannot be written ({err.strerror or err})") from None
    try:
        os.chmod(stage, 0o755)
        _write(stage, files)
        if after_stage:
            _write(stage, list(after_stage(stage)))
        (stage / MARKER).write_text("built by sitegen; the next build replaces this folder\n")
        _swap(stage, out)
    except OSError as err:
        shutil.rmtree(stage, ignore_errors=True)
        raise OutputError(f"{out}: cannot be written ({err.strerror or err})") from None
    except BaseException:
        shutil.rmtree(stage, ignore_errors=True)
        raise


def _write(stage: Path, files: Iterable[OutputFile]) -> None:
    for file in files:
        target = stage / _safe_relative(file.path)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(file.content)


def _swap(stage: Path, out: Path) -> None:
    if not out.exists():
        os.rename(stage, out)
        return
    old = Path(tempfile.mkdtemp(prefix=f".{out.name}.old-", dir=out.parent))
    os.rmdir(old)
    os.rename(out, old)
    try:
        os.rename(stage, out)
    except BaseException:
        os.rename(old, out)
        raise
    shutil.rmtree(old, ignore_errors=True)


def _restore_moved_aside(out: Path) -> None:
    """Put back the site that a build killed between its two renames had moved aside.

    Leftover staging folders are not removed here: without the build lock (a later feature) they
    may belong to a build that is still running.
    """
    if not out.exists():
        for leftover in sorted(out.parent.glob(f".{out.name}.old-*"))[-1:]:
            os.rename(leftover, out)


def _replaceable(out: Path) -> bool:
    return out.is_dir() and ((out / MARKER).is_file() or not any(out.iterdir()))


def _safe_relative(path: str) -> Path:
    pure = PurePosixPath(path)
    if pure.is_absolute() or ".." in pure.parts or not pure.parts:
        raise OutputError(f"{path}: refusing to write outside the site folder")
    return Path(*pure.parts)
