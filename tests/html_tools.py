"""Read built pages as a browser's parser would (stdlib html.parser), for structural assertions."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote


@dataclass
class Page:
    elements: list[tuple[str, dict[str, str | None]]] = field(default_factory=list)
    text: str = ""

    def all(self, tag: str) -> list[dict[str, str | None]]:
        return [attrs for name, attrs in self.elements if name == tag]


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = Page()
        self._chunks: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.page.elements.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self._chunks.append(data)

    def close(self) -> None:
        super().close()
        self.page.text = " ".join(" ".join(self._chunks).split())


def parse(html: str) -> Page:
    collector = _Collector()
    collector.feed(html)
    collector.close()
    return collector.page


OWN_SCRIPTS = ("assets/timeline.js",)  # the theme's only script: a file, never inline


def own_scripts_only(page: Page) -> bool:
    """Every ``<script>`` is the theme's own file (``src`` ends in one of :data:`OWN_SCRIPTS`,
    relative, no scheme); no inline script can exist because the element would need no ``src``."""
    for attrs in page.all("script"):
        src = attrs.get("src") or ""
        if ":" in src or not src.lstrip("./").endswith(OWN_SCRIPTS):
            return False
    return True


def broken_links(site: Path) -> list[str]:
    """Every internal link of the built site that does not resolve: a missing file, or a
    ``#fragment`` with no element of that id on the target page. External (http, https, mailto)
    links are not followed; an absolute path (``/x``) is reported, the site must work from any
    folder. Reads ``href`` and ``src`` of every element, as a browser would."""
    pages: dict[Path, Page] = {p.resolve(): parse(p.read_text(encoding="utf-8")) for p in sorted(site.rglob("*.html"))}
    ids = {path: {attrs["id"] for _, attrs in page.elements if attrs.get("id")} for path, page in pages.items()}
    problems = []
    for path, page in pages.items():
        where = path.relative_to(site.resolve())
        for tag, attrs in page.elements:
            for name in ("href", "src"):
                value = attrs.get(name)
                if value is None or value.startswith(("http://", "https://", "mailto:")):
                    continue
                if value.startswith("/"):
                    problems.append(f"{where}: <{tag} {name}={value!r}>: absolute path")
                    continue
                target, _, fragment = value.partition("#")
                file = (path.parent / unquote(target)).resolve() if target else path
                if not file.is_file():
                    problems.append(f"{where}: <{tag} {name}={value!r}>: no file {target}")
                elif fragment and file.suffix == ".html" and unquote(fragment) not in ids.get(file, set()):
                    problems.append(f"{where}: <{tag} {name}={value!r}>: no id {fragment!r} in {target or 'this page'}")
    return problems
