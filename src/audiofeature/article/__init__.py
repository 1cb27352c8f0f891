"""Stage 1: an article file (plain text, newspaper Markdown or a web page) becomes an `Article`.

decode.py turns bytes into text whatever the encoding; text.py (plain text), html.py (web pages)
and markdown.py (Markdown, through the HTML walker) turn text into raw blocks; structure.py
applies the rules every format shares. Layout noise is repaired on the way
and every marker becomes structure, so no marker ever reaches the spoken text.
"""

from __future__ import annotations

import re
from pathlib import Path

from audiofeature.article.decode import decode, read_bytes
from audiofeature.article.model import (
    Article,
    Block,
    Byline,
    Credit,
    Figure,
    Paragraph,
    Section,
)
from audiofeature.article.structure import build_article
from audiofeature.article.text import parse_text
from audiofeature.errors import ArticleError

__all__ = [
    "Article",
    "Block",
    "Byline",
    "Credit",
    "Figure",
    "Paragraph",
    "Section",
    "ARTICLE_SUFFIXES",
    "article_files",
    "MAX_ARTICLE_CHARS",
    "is_html",
    "load_article",
    "parse_article",
    "parse_html",
    "parse_markdown",
    "read_article_text",
]

HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml")
MARKDOWN_SUFFIXES = (".md", ".markdown")
ARTICLE_SUFFIXES = (".txt", *MARKDOWN_SUFFIXES, *HTML_SUFFIXES)
# Read at a newsreader's pace of about 250 characters a minute, 100 000 characters take close to
# seven hours: far past any article, so a bigger text is a book or a dump and is refused early.
MAX_ARTICLE_CHARS = 100_000
_HTML_START = re.compile(
    r"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.I | re.S
)


def is_html(path: Path, text: str) -> bool:
    return path.suffix.lower() in HTML_SUFFIXES or bool(_HTML_START.match(text[:2048]))


def article_files(folder: Path) -> list[Path]:
    """The article files in a folder (not its sub-folders), in name order; hidden files skipped."""
    return sorted(
        p
        for p in folder.iterdir()
        if p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES and not p.name.startswith(".")
    )


def parse_article(text: str) -> Article:
    """Parse plain text into an Article."""
    return parse_text(text)


def parse_markdown(text: str) -> Article:
    """Parse Markdown (CommonMark, raw HTML, YAML front matter) into an Article."""
    from audiofeature.article.markdown import markdown_blocks  # lxml and markdown-it: on demand

    head, raws, layout_cuts = markdown_blocks(text)
    return build_article(head, raws, layout_cuts=layout_cuts)


def parse_html(markup: str) -> Article:
    """Parse a web page into an Article; ArticleError when it holds none."""
    from audiofeature.article.html import NoArticle, html_blocks

    try:
        head, raws = html_blocks(markup)
    except NoArticle:
        raise ArticleError("no article text found in the web page") from None
    return build_article(head, raws, layout_cuts=False)


def read_article_text(path: Path) -> str:
    """The file as text, whatever its encoding; a one-line ArticleError when it is not text."""
    raw = read_bytes(path)
    return decode(raw, str(path), html=path.suffix.lower() in HTML_SUFFIXES)


def _too_long(path: Path, length: int) -> ArticleError:
    return ArticleError(
        f"{path}: {length:,} characters is too long for one audio edition (the limit is "
        f"{MAX_ARTICLE_CHARS:,}, about 7 hours of speech); split it into several articles"
    )


def load_article(path: Path) -> Article:
    raw = read_bytes(path)
    html = path.suffix.lower() in HTML_SUFFIXES or bool(
        _HTML_START.match(raw[:2048].decode("latin-1"))
    )
    text = decode(raw, str(path), html=html)
    if html:
        from audiofeature.article.html import NoArticle, TooLong, html_blocks  # lxml: on demand

        try:
            head, raws = html_blocks(text, MAX_ARTICLE_CHARS)
        except NoArticle:
            raise ArticleError(f"{path}: no article text found in the web page") from None
        except TooLong as exc:
            raise _too_long(path, exc.args[0]) from None
        article = build_article(head, raws, layout_cuts=False)
    elif path.suffix.lower() in MARKDOWN_SUFFIXES:
        if len(text) > 4 * MAX_ARTICLE_CHARS:  # markup included: far past the limit
            raise _too_long(path, len(re.sub(r"\s+", "", text)))
        article = parse_markdown(text)
    else:
        # Check before parsing: a 5 MB text would take long to parse only to be refused.
        length = len(re.sub(r"\s+", "", text))
        if length > MAX_ARTICLE_CHARS:
            raise _too_long(path, length)
        article = parse_text(text)
    if article.text_length() > MAX_ARTICLE_CHARS:
        raise _too_long(path, article.text_length())
    if not article.title and not any(s.blocks for s in article.sections):
        raise ArticleError(f"{path}: the article is empty")
    if not article.title:
        # A file with no headline still deserves a name; the file's stem is what the user chose.
        article = Article(path.stem, article.subtitle, article.byline, article.sections)
    return article
