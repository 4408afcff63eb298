"""The wheel works on its own: installed into a fresh venv, run from an unrelated folder, it builds
a site with the theme it ships (``sitegen/_theme``), not the checkout's ``templates/``."""

from __future__ import annotations

import html
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tools import REPO, SEEDS

pytestmark = pytest.mark.slow

SEED_TITLE = "Blinken meets his Turkish counterpart who asked for 'unconditional ceasefire'"
THEME_FILES = ("base.html", "index.html", "timeline.html", "article.html", "assets/style.css")


def _run(args: list[str | Path], cwd: Path, env: dict[str, str] | None = None) -> str:
    result = subprocess.run([str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, f"{args} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}"
    return result.stdout + result.stderr


def _has_hatchling() -> bool:
    try:
        import hatchling  # noqa: F401
    except ImportError:
        return False
    return True


def test_installed_wheel_builds_a_site_with_its_own_theme(tmp_path: Path) -> None:
    wheels = tmp_path / "wheels"
    isolation = ["--no-build-isolation"] if _has_hatchling() else []  # offline when hatchling is here
    _run([sys.executable, "-m", "pip", "wheel", "--no-deps", *isolation, "--disable-pip-version-check",
          "-q", "-w", wheels, REPO], cwd=tmp_path)
    [wheel] = wheels.glob("sitegen-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    missing = [f for f in THEME_FILES if f"sitegen/_theme/{f}" not in names]
    assert not missing, f"theme files missing from {wheel.name}: {missing}"

    # --system-site-packages reuses jinja2, click, ... and pip; sitegen itself comes from the wheel.
    venv = tmp_path / "venv"
    _run([sys.executable, "-m", "venv", "--without-pip", "--system-site-packages", venv], cwd=tmp_path)
    python, sitegen = venv / "bin" / "python", venv / "bin" / "sitegen"
    # --ignore-installed: a sitegen already in the system site-packages must not satisfy this.
    _run([python, "-m", "pip", "install", "--no-deps", "--ignore-installed", "--disable-pip-version-check",
          "-q", wheel], cwd=tmp_path)

    work = tmp_path / "elsewhere"  # not the checkout; the checkout is not on sys.path
    work.mkdir()
    story = work / "story"
    shutil.copytree(SEEDS, story)
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME", "PYTHONSAFEPATH")}
    where = _run([python, "-c", "import sitegen, sys; from sitegen.render import theme_dir;"
                  " print(sitegen.__file__); print(theme_dir()); print(*sys.path, sep='\\n')"], cwd=work, env=env)
    module_file, theme, *path = where.splitlines()
    assert Path(module_file).is_relative_to(venv), f"sitegen imported from {module_file}, not the venv"
    assert Path(theme) == Path(module_file).parent / "_theme", theme
    assert not any(p and Path(p).resolve() == REPO for p in path), f"the checkout is on sys.path: {path}"

    _run([sitegen, "build", "story", "-o", "out"], cwd=work, env=env)
    out = work / "out"
    for page in ("index.html", "timeline.html", "articles/blinken-meets-turkish-counterpart.html"):
        assert (out / page).is_file(), f"{page} was not built"
    assert (out / "assets" / "style.css").read_bytes() == (REPO / "templates" / "assets" / "style.css").read_bytes()
    article = html.unescape((out / "articles" / "blinken-meets-turkish-counterpart.html").read_text("utf-8"))
    assert f"<h1>{SEED_TITLE}</h1>" in article
    assert 'href="../assets/style.css"' in article

    version = wheel.name.split("-")[1]  # the wheel's metadata version, read by hatch from sitegen/__init__.py
    printed = _run([python, "-m", "sitegen", "--version"], cwd=work, env=env)
    assert printed.strip() == f"sitegen, version {version}"
