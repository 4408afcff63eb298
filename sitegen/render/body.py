"""Article bodies: Markdown to HTML where the article's own HTML is shown as text, never run.

Python-Markdown passes raw HTML through by default. Here its raw-HTML block preprocessor and
inline pattern are removed, so ``<script>`` in an article is escaped like any other text, and a
tree processor drops link and image targets whose scheme is not http, https or mailto
(``javascript:``, ``data:``, ``vbscript:`` ...), keeping the link text (an image keeps its alt text).
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree
from urllib.parse import urlsplit

import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from sitegen.model import Article

SAFE_SCHEMES = frozenset({"", "http", "https", "mailto"})
_CONTROL = re.compile(r"[\x00-\x20\x7f]+")


def is_safe_url(url: str) -> bool:
    """True for relative links and http(s)/mailto; false for script-bearing schemes.

    Browsers ignore control characters and whitespace inside a scheme (``java\\tscript:``),
    so those are removed before the scheme is read. Markdown keeps character references in a
    link target as written and the browser decodes them (``&#106;avascript:``,
    ``javascript&colon;``), so they are decoded first.
    """
    try:
        scheme = urlsplit(_CONTROL.sub("", html.unescape(url))).scheme.lower()
    except ValueError:
        return False
    return scheme in SAFE_SCHEMES


class _SafeLinks(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        for element in root.iter():
            for attribute in ("href", "src"):
                value = element.get(attribute)
                if value is not None and not is_safe_url(value):
                    del element.attrib[attribute]
            if element.tag == "img" and element.get("src") is None:
                element.tag, element.text = "span", element.attrib.pop("alt", "")
            if element.tag == "a" and element.get("href") is not None:
                element.set("rel", "nofollow noopener")


class _EscapeHtml(Extension):
    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")
        md.treeprocessors.register(_SafeLinks(md), "sitegen_safe_links", 0)


# Deeper nesting than any article needs makes Python-Markdown recurse for seconds and then fail.
MAX_NESTING = 64
_LEADING = re.compile(r"^[ \t>]*", re.M)


class NestingError(ValueError):
    """The body is nested (indented or quoted) more deeply than :data:`MAX_NESTING` levels."""


def render_body(article: Article) -> str:
    """The article's body as safe HTML: Markdown for ``.md``, escaped paragraphs for ``.txt``."""
    if article.body_format == "text":
        return "\n".join(f"<p>{html.escape(p.text, quote=False)}</p>" for p in article.paragraphs)
    return render_markdown(article.body)


def render_markdown(source: str) -> str:
    """Render one article body. A new converter per call keeps this a pure function.

    Raises :class:`NestingError` up front for hostile nesting rather than recursing for seconds.
    """
    deepest = max((m.group().expandtabs(4).replace(">", "  ").count(" ") // 2 for m in _LEADING.finditer(source)),
                  default=0)
    if deepest > MAX_NESTING:
        raise NestingError(f"nested {deepest} levels deep (expected at most {MAX_NESTING})")
    return markdown.markdown(source, extensions=[_EscapeHtml()], output_format="html")
