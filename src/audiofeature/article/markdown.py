"""Markdown files: CommonMark, with raw HTML inside it and YAML front matter.

CMS and static-site exports (Hexo, Jekyll, feed mirrors) write a post as YAML front matter over a
body that is Markdown, HTML copied from the web page, or both. markdown-it-py (a CommonMark
parser) turns the body into HTML, and the HTML walker (html.py) reads that tree the way it reads
a web page, so images, captions, bold-only lines, lists and headings work the same in both
formats. The whole body is the article: no extractor chooses among its blocks, but hidden
elements, comments and page furniture are still dropped. Front matter is metadata, never spoken;
its title names the article when the body prints no headline.

Newspaper exports also come as Markdown (`# title`, `## ——subtitle`, `## ● head`, `▲caption`),
with each printed line its own line: line breaks are kept as breaks so a line stays a block, and
a body written in Markdown (not HTML) may be cut mid-sentence by the print layout.
"""

from __future__ import annotations

import re

import lxml.html
import yaml
from markdown_it import MarkdownIt
from mdit_py_plugins.front_matter import front_matter_plugin

from audiofeature.article import credits as cr
from audiofeature.article.html import clean_tree, walk_all
from audiofeature.article.model import Byline
from audiofeature.article.spacing import clean
from audiofeature.article.structure import Head, Raw, kicker_text, subtitle_text

_PARSER = (
    MarkdownIt("commonmark", {"html": True, "breaks": True})
    .use(front_matter_plugin)
    .enable(["table", "strikethrough"])
    # An indented block is code in CommonMark, but in an export it is HTML copied with its
    # indentation or a paragraph indented by hand: never code in a news article.
    .disable("code")
)
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")


def front_matter(text: str) -> tuple[dict, str]:
    """The YAML front matter as a mapping ({} when absent or unreadable) and the body after it."""
    # Exports sometimes put blank lines before the opening ---; the parser wants it first.
    stripped = text.lstrip("\ufeff").lstrip(" \t\r\n")
    tokens = _PARSER.parse(stripped)
    if not tokens or tokens[0].type != "front_matter":
        return {}, text
    body_start = tokens[0].map[1] if tokens[0].map else 0
    body = "\n".join(stripped.split("\n")[body_start:])
    try:
        meta = yaml.safe_load(tokens[0].content)
    except yaml.YAMLError:
        meta = None  # unreadable metadata is still metadata: dropped, never spoken
    return (meta if isinstance(meta, dict) else {}), body


def _meta_text(meta: dict, key: str) -> str:
    value = meta.get(key)
    return clean(str(value)) if isinstance(value, str | int | float) else ""


def _text(element: lxml.html.HtmlElement) -> str:
    return clean(element.text_content())


def _next_block(element: lxml.html.HtmlElement) -> lxml.html.HtmlElement | None:
    sibling = element.getnext()
    while sibling is not None and (not isinstance(sibling.tag, str) or not _text(sibling)):
        if isinstance(sibling.tag, str) and sibling.find(".//img") is not None:
            return None  # an image sits between: the headline block has ended
        sibling = sibling.getnext()
    return sibling


def _previous_block(element: lxml.html.HtmlElement) -> lxml.html.HtmlElement | None:
    sibling = element.getprevious()
    while sibling is not None and (not isinstance(sibling.tag, str) or not _text(sibling)):
        sibling = sibling.getprevious()
    return sibling


def _headline(body: lxml.html.HtmlElement) -> Head:
    """The first level-1 heading with its kicker, subtitle and byline, lifted out of the body."""
    title_element = next(iter(body.iter("h1")), None)
    if title_element is None:
        return Head()
    title = _text(title_element)
    before = _previous_block(title_element)
    if (
        before is not None
        and before.tag in (*_HEADINGS, "p")
        and (kick := kicker_text(_text(before)))
    ):
        title = f"{kick}——{title}"
        before.drop_tree()
    subtitle, byline = None, None
    following = _next_block(title_element)
    if (
        following is not None
        and following.tag in (*_HEADINGS, "p")
        and (sub := subtitle_text(_text(following)))
    ):
        subtitle = sub
        following.drop_tree()
        following = _next_block(title_element)
    if following is not None and following.tag == "p":
        found = cr.byline_line(_text(following))
        if isinstance(found, Byline):
            byline = found
            following.drop_tree()
    title_element.drop_tree()
    return Head(title, subtitle, byline)


def markdown_blocks(text: str) -> tuple[Head, list[Raw], bool]:
    """The headline, the body's raw blocks, and whether print-layout cuts may be joined."""
    meta, body = front_matter(text)
    html = _PARSER.render(body)
    doc = lxml.html.document_fromstring(f"<html><body>{html}</body></html>")
    clean_tree(doc)
    root = doc.find("body")
    if root is None:
        return Head(title=_meta_text(meta, "title")), [], False
    head = _headline(root)
    if not head.title:
        head = Head(title=_meta_text(meta, "title"), site=_meta_text(meta, "author"))
    raws = walk_all(root)
    # A body written as HTML was laid out by a web page, whose paragraphs are whole; a body
    # written in Markdown may come from a print layout that cut paragraphs at column breaks.
    written_as_html = bool(re.search(r"^\s*<(?:p|div|section|article)\b", body, re.M | re.I))
    return head, raws, not written_as_html
