"""Web pages: the article found among navigation, ads, comments and duplicated copies.

trafilatura (well kept, tuned on thousands of real pages) decides which text is the article. It
drops what a listener needs, though: the headline when a site puts its logo in the h1, the
subtitle, and figure captions. So we use its text to find the article's container in the page,
then walk that container ourselves, in page order, keeping headings and figures (image alt text
and caption) and only the text trafilatura kept. Title, subtitle and byline are looked for
around the container. The shared rules (structure.py) then treat the blocks like any others.
"""

from __future__ import annotations

import re

import lxml.etree
import lxml.html

from audiofeature.article import credits as cr
from audiofeature.article.model import Byline
from audiofeature.article.spacing import tidy
from audiofeature.article.structure import Head, Raw, caption_like

_DROP_TAGS = (
    "script",
    "style",
    "noscript",
    "template",
    "iframe",
    "object",
    "embed",
    "form",
    "button",
    "select",
    "textarea",
    "input",
    "svg",
    "canvas",
    "video",
    "audio",
    "link",
    "meta",
    # struck-out text is withdrawn by its author: not read
    "s",
    "del",
    "strike",
)
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
# class/id words of page furniture, matched as whole words of the attribute (ad-top, share_box).
_JUNK = re.compile(
    r"(?:^|[\s_-])(?:ad|ads|adv|advert\w*|banner|share\w*|social|comments?|comment\w*|reply"
    r"|related|relate\w*|recommend\w*|hot\w*|rank\w*|nav\w*|menu|breadcrumbs?|crumbs?|footer"
    r"|sidebar|toolbar|login|copyright|tags?|keywords?|pagination|qrcode|subscribe"
    r"|download|gotop|backtop|fontsize|font-size|qr|appendqr)(?:$|[\s_-])",
    re.I,
)
_JUNK_TAGS = ("nav", "aside", "footer")
_JUNK_ROLES = ("navigation", "complementary", "contentinfo", "banner", "search")
_BLOCK_TAGS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "dd",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "tbody",
        "thead",
        "tfoot",
        "td",
        "th",
        "tr",
        "ul",
        "center",
    ]
)
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
_WHOLE_TAGS = frozenset(["li", "td", "th", "dt", "dd"])
_TITLE_SEPARATORS = re.compile(r"\s*[_|｜]\s*|\s+[-–—－]\s+")
_SUBTITLE_CLASS = re.compile(r"sub-?title|subhead|fu-?title|vice-?title|fubiaoti", re.I)
_SOURCE_IN_LINE = re.compile(r"(?:来源|稿源)\s*[：:]\s*([^\s\d【】\[\]（）()|｜:：]{2,24})")
_MIN_PARAGRAPH_KEY = 6
# Text this short in the same block as an image is its caption; longer text is a paragraph that
# happens to hold an image.
SHORT_CAPTION = 60
MIN_ARTICLE_CHARS = 40
CONTAINER_SHARE = 0.8


class NoArticle(Exception):
    """The page holds no article text (an index page, an error page, a login wall)."""


class TooLong(Exception):
    """The page's article text is past the limit; args[0] is its length."""


def _squash(text: str) -> str:
    """Collapse line breaks and runs of spaces; &nbsp; and U+3000 stay for the shared rules."""
    return re.sub(r"[ \t\n\r\f\v]+", " ", text).strip(" \t\n\r\f\v\u00a0\u3000")


def _key(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _classes(element: lxml.html.HtmlElement) -> str:
    return f"{element.get('class', '')} {element.get('id', '')}"


def clean_tree(doc: lxml.html.HtmlElement) -> None:
    """Remove what is never read: scripts, styles, comments, hidden copies."""
    for node in list(doc.iter(lxml.etree.Comment, lxml.etree.ProcessingInstruction)):
        _drop(node)
    for node in list(doc.iter(*_DROP_TAGS)):
        _drop(node)
    for node in list(doc.iter()):
        if not isinstance(node.tag, str):
            continue
        hidden = (
            node.get("hidden") is not None
            or node.get("aria-hidden") == "true"
            or _HIDDEN_STYLE.search(node.get("style", ""))
        )
        if hidden and node.getparent() is not None:
            _drop(node)


def _drop(node: lxml.etree._Element) -> None:
    """Remove a node but keep the text that follows it."""
    parent = node.getparent()
    if parent is None:
        return
    node.drop_tree() if hasattr(node, "drop_tree") else parent.remove(node)


def _is_junk(element: lxml.html.HtmlElement) -> bool:
    return (
        element.tag in _JUNK_TAGS
        or element.get("role") in _JUNK_ROLES
        or bool(_JUNK.search(_classes(element)))
    )


def _in_junk(element: lxml.html.HtmlElement, stop: lxml.html.HtmlElement | None = None) -> bool:
    node = element
    while node is not None and node is not stop:
        if isinstance(node.tag, str) and _is_junk(node):
            return True
        node = node.getparent()
    return False


def _text(element: lxml.html.HtmlElement) -> str:
    return _squash(element.text_content())


def _kept_paragraphs(markup: str) -> list[str]:
    """The article text as trafilatura finds it, one key per paragraph."""
    import trafilatura  # a fifth of a second to import: only web pages pay for it

    extracted = trafilatura.extract(
        markup,
        output_format="xml",
        include_comments=False,
        include_tables=False,
        include_images=False,
        include_formatting=True,
        deduplicate=False,
    )
    if not extracted:
        return []
    tree = lxml.etree.fromstring(extracted.encode("utf-8"))
    main = tree.find("main")
    root = main if main is not None else tree
    keys = []
    for node in root.iter("p", "head", "item", "quote", "cell", "list"):
        key = _key("".join(node.itertext()))
        if key:
            keys.append(key)
    return keys


def _container(doc: lxml.html.HtmlElement, keys: list[str]) -> lxml.html.HtmlElement:
    """The element that holds most of the kept paragraphs, the deepest such (one copy only)."""
    elements = [e for e in doc.iter() if isinstance(e.tag, str)]
    element_keys = {e: _key(e.text_content()) for e in elements}
    depth = {}
    for element in elements:
        parent = element.getparent()
        depth[element] = depth.get(parent, -1) + 1 if parent is not None else 0
    cover: dict[lxml.html.HtmlElement, set[int]] = {}
    long_keys = [k for k in keys if len(k) >= _MIN_PARAGRAPH_KEY]
    for index, key in enumerate(long_keys):
        holders = [e for e in elements if key in element_keys[e]]
        holder_set = set(holders)
        # the innermost holders: no child of theirs holds the paragraph too
        for holder in holders:
            if any(child in holder_set for child in holder):
                continue
            node = holder
            while node is not None:
                cover.setdefault(node, set()).add(index)
                node = node.getparent()
    if not cover:
        body = doc.find("body")
        return body if body is not None else doc
    chars = {e: sum(len(long_keys[i]) for i in found) for e, found in cover.items()}
    most = max(chars.values())
    order = {e: i for i, e in enumerate(elements)}
    # The deepest element holding nearly all the kept text: the story's own box, not the
    # page column that also holds the lists of other stories trafilatura let through.
    close = [e for e in cover if chars[e] >= CONTAINER_SHARE * most]
    return max(close, key=lambda e: (depth[e], chars[e], -order[e]))


def _densest(doc: lxml.html.HtmlElement) -> tuple[lxml.html.HtmlElement | None, int]:
    """The element whose own paragraphs (<p> children, less their link text) hold the most
    text, with that count."""
    best, most = None, 0
    for element in doc.iter():
        if not isinstance(element.tag, str) or _in_junk(element):
            continue
        chars = 0
        for child in element:
            if isinstance(child.tag, str) and child.tag == "p":
                linked = sum(len(_key(a.text_content())) for a in child.iter("a"))
                chars += max(0, len(_key(child.text_content())) - linked)
        if chars > most:
            best, most = element, chars
    return best, most


def _meta(doc: lxml.html.HtmlElement, *names: str) -> str:
    for name in names:
        for attribute in ("property", "name"):
            found = doc.xpath(f"//meta[@{attribute}=$name]/@content", name=name)
            if found and found[0].strip():
                return tidy(found[0])
    return ""


def _title_and_site(doc: lxml.html.HtmlElement) -> tuple[list[str], str]:
    titles = []
    for value in (_meta(doc, "og:title", "twitter:title", "title"), doc.findtext(".//title")):
        if value and value.strip():
            value = tidy(value)
            titles.append(value)
            titles.extend(p for p in _TITLE_SEPARATORS.split(value) if p)
    site = _meta(doc, "og:site_name", "application-name")
    head_title = doc.findtext(".//title") or ""
    parts = [p for p in _TITLE_SEPARATORS.split(tidy(head_title)) if p]
    if not site and len(parts) > 1:
        site = parts[-1]
    return titles, site


def _find_title(
    doc: lxml.html.HtmlElement, container: lxml.html.HtmlElement
) -> tuple[str, lxml.html.HtmlElement | None, str]:
    """The headline: the heading the page's own <title> names, not the logo in the h1."""
    meta_titles, site = _title_and_site(doc)
    meta_keys = {_key(t) for t in meta_titles if len(_key(t)) >= 2}
    site_key = _key(site)
    best: tuple[float, lxml.html.HtmlElement] | None = None
    body = doc.find("body")
    for element in (body if body is not None else doc).iter():
        if not isinstance(element.tag, str):
            continue
        is_heading = element.tag in _HEADINGS
        titled = "title" in _classes(element).lower() and not _SUBTITLE_CLASS.search(
            _classes(element)
        )
        if not (is_heading or titled):
            continue
        text = _text(element)
        key = _key(text)
        if not key or len(key) > 80 or key == site_key or _in_junk(element):
            continue
        score = 0.0
        if key in meta_keys:
            score = 3
        elif any(key in m or m in key for m in meta_keys if min(len(m), len(key)) >= 4):
            score = 2
        score += 0.5 if element.tag in ("h1", "h2") else 0.25 if is_heading else 0
        if best is None or score > best[0]:
            best = (score, element)
    if best is not None and best[0] >= 2:
        return _text(best[1]), best[1], site
    # No heading agrees with the page's <title>: trust the <title> itself.
    fallback = meta_titles[1] if len(meta_titles) > 1 else (meta_titles or [""])[0]
    return fallback, None, site


def _between(
    doc: lxml.html.HtmlElement, start: lxml.html.HtmlElement | None, stop: lxml.html.HtmlElement
) -> list[lxml.html.HtmlElement]:
    """Elements after `start` (not inside it) and before `stop`, in page order."""
    if start is None:
        return []
    found = []
    inside_start = set(start.iter())
    started = False
    for element in doc.iter():
        if element is stop:
            break
        if element is start:
            started = True
            continue
        if started and element not in inside_start and isinstance(element.tag, str):
            found.append(element)
    return found


def _headline_extras(
    around: list[lxml.html.HtmlElement],
) -> tuple[str | None, str, Byline | None, str]:
    """Subtitle, source outlet, byline and author field printed between the title and the
    article text."""
    subtitle, source, byline, author = None, "", None, ""
    for element in around[:40]:
        if _is_junk(element) or element.tag in _BLOCK_TAGS - {"p", "div", "span"} - set(_HEADINGS):
            continue
        text = _text(element)
        if not text or len(text) > 120:
            continue
        if subtitle is None and (
            re.match(r"^[—–－-]{1,2}", text) or _SUBTITLE_CLASS.search(_classes(element))
        ):
            subtitle = re.sub(r"^[—–－-]+\s*", "", text) or None
            continue
        if info := cr.info_line(text):
            source = source or info[0]
            byline = byline or info[1]
            continue
        if not source and (match := _SOURCE_IN_LINE.search(text)):
            source = match.group(1)
        if not author and _AUTHOR_CLASS.search(_classes(element)) and _PLAIN_NAME.match(text):
            author = text  # the page's author field: a name or an account name, nothing else
            continue
        if byline is None:
            for piece in [text, *re.split(r"\s{2,}|[|｜]", element.text_content())]:
                piece = tidy(piece)
                found = cr.byline_line(piece) if piece else None
                if isinstance(found, Byline):
                    byline = found
                    break
    return subtitle, source, byline, author


def _image_figure(image: lxml.html.HtmlElement) -> Raw | None:
    if not image.get("src") and not image.get("data-src") and not image.get("alt"):
        return None
    size = [image.get("width", ""), image.get("height", "")]
    if any(s.isdigit() and int(s) < 40 for s in size):
        return None  # an icon or a tracking pixel
    source = (image.get("src") or image.get("data-src") or "").rsplit("/", 1)[-1]
    label = f"{image.get('alt', '')} {image.get('title', '')}"
    if _LOGO.search(source) or _BACK_HOME.search(label):
        return None  # the site's logo, a link back to its front page
    return Raw("figure", "", alt=_squash(image.get("alt", "") or image.get("title", "")))


def _has_blocks(element: lxml.html.HtmlElement) -> bool:
    return any(isinstance(d.tag, str) and d.tag in _BLOCK_TAGS for d in element.iterdescendants())


def _inline_lines(element: lxml.html.HtmlElement) -> list[str]:
    """The text of an inline-only element, split at <br>."""
    parts: list[str] = []

    def visit(node: lxml.html.HtmlElement) -> None:
        if node.text:
            parts.append(node.text)
        for child in node:
            if isinstance(child.tag, str):
                if child.tag == "br":
                    parts.append("\n")
                else:
                    visit(child)
            if child.tail:
                parts.append(child.tail)

    visit(element)
    return [_squash(line) for line in "".join(parts).split("\n") if _squash(line)]


_BOLD_STYLE = re.compile(r"font-weight\s*:\s*(?:bold|[6-9]00)|\bstrong-bold\b|\bbold\b", re.I)


def _is_strong(element: lxml.html.HtmlElement) -> bool:
    """<strong>, <b>, or any element styled bold (style, class, or a CMS's own attribute)."""
    if element.tag in ("strong", "b"):
        return True
    return any(
        _BOLD_STYLE.search(value)
        for name, value in element.attrib.items()
        if name in ("style", "class") or name.endswith("-style")
    )


# Class names that print a heading level: bjh-h3, title-h2, h3.
_PLAIN_NAME = re.compile(r"^[\u3400-\u9fff·•]{2,12}$")
_HEAD_CLASS = re.compile(r"(?:^|[\s_-])h[1-6](?:$|[\s_-])", re.I)
_AUTHOR_CLASS = re.compile(r"author|writer|byline|zuozhe", re.I)


def _is_bold(element: lxml.html.HtmlElement) -> bool:
    return _is_strong(element) or bool(_HEAD_CLASS.search(element.get("class", "")))


_SET_OFF_STYLE = re.compile(
    r"text-align\s*:\s*center|align-center|font-size\s*:\s*(?:\d(?:\.\d+)?pt|1[0-3]px|x?-?small)"
    r"|(?:^|[\s_-])(?:desc|caption|note|pic-?txt|img-?txt)",
    re.I,
)


def _set_off(element: lxml.html.HtmlElement, text: str) -> bool:
    """The text is set off from the body as a caption is: centred, in a smaller font, italic or
    bold (on the block itself or on elements holding all its text)."""

    def marked(node: lxml.html.HtmlElement) -> bool:
        if node.tag in ("center", "i", "em", "small", "figcaption") or _is_bold(node):
            return True
        if node.tag == "p" and node.get("align", "").lower() == "center":
            return True
        return any(
            _SET_OFF_STYLE.search(value)
            for name, value in node.attrib.items()
            if name in ("style", "class") or name.endswith("-style")
        )

    if marked(element):
        return True
    inner = "".join(
        _text(n)
        for n in element.iter()
        if isinstance(n.tag, str)
        and n is not element
        and marked(n)
        and not any(marked(a) for a in n.iterancestors() if a is not element)
    )
    return bool(inner) and _key(inner) == _key(text)


def _bold_only(element: lxml.html.HtmlElement, text: str) -> bool:
    """All the text is bold: set in bold elements, or in an element that is bold itself."""
    if _is_bold(element):
        return True
    bold = "".join(
        _text(b)
        for b in element.iter()
        if isinstance(b.tag, str)
        and _is_bold(b)
        and not any(_is_bold(a) for a in b.iterancestors() if a is not element)
    )
    return bool(bold) and _key(bold) == _key(text)


LINK_SHARE = 0.6
# A head set in bold can run to a full line of the page: 某某被吓坏，层层套路被骗走百万元.
BOLD_HEAD_CHARS = 40
_DOCUMENT_CLOSE = re.compile(r"</(?:html|body)\s*>", re.I)
_LOGO = re.compile(r"logo|icon|favicon", re.I)
_BACK_HOME = re.compile(r"(?:返回|回到).{0,10}首页")
_CAPTION_CLASS = re.compile(r"desc|caption|descr|pic-?txt|img-?txt|imgtitle|tuzhu", re.I)
# A lead or summary box the site prints over the story (导语): part of the story, though
# extractors often drop it as a teaser.
_LEAD_CLASS = re.compile(
    r"(?:^|[\s_-])(?:introduction|intro|lead|summary|digest|daoyu)(?:$|[\s_-])", re.I
)


def _mostly_links(element: lxml.html.HtmlElement) -> bool:
    """A block whose text is mostly link text is navigation (返回首页>>, lists of other stories),
    not the story: a story links a word here and there."""
    text = _key(element.text_content())
    if not text:
        return False
    linked = sum(len(_key(a.text_content())) for a in element.iter("a"))
    return linked >= LINK_SHARE * len(text)


class _Walker:
    def __init__(self, kept: str | None) -> None:
        self.kept = kept  # all kept text, whitespace removed; None keeps every text
        self.raws: list[Raw] = []

    def keeps(self, text: str) -> bool:
        key = _key(text)
        if self.kept is None:
            return bool(key)
        # captions and bylines inside the story's box are the story's, whatever the extractor says
        return bool(key) and (
            key in self.kept
            or caption_like(text)
            or isinstance(cr.byline_line(_squash(text)), Byline)
        )

    def add_text(self, text: str, set_off: bool = False, whole: bool = False) -> None:
        text = _squash(text)
        if text and self.keeps(text):
            self.raws.append(Raw("text", text, set_off=set_off, whole=whole))

    def figure(self, element: lxml.html.HtmlElement) -> None:
        images = [f for f in (_image_figure(i) for i in element.iter("img")) if f]
        alt = next((f.alt for f in images if f.alt), "")
        captions = [_text(c) for c in element.iter("figcaption")]
        caption = " ".join(c for c in captions if c)
        if not caption:
            # a caption in a span or p beside the image
            caption = " ".join(
                line for line in _inline_lines(element) if line and _key(line) != _key(alt)
            )
        if images or caption:
            empty_box = not caption and any(
                isinstance(box.tag, str)
                and box.tag != "img"
                and _CAPTION_CLASS.search(_classes(box))
                and not _text(box)
                for box in element.iter()
            )
            self.raws.append(Raw("figure", caption, alt=alt, no_caption=empty_box))

    def walk(self, element: lxml.html.HtmlElement) -> None:
        if not isinstance(element.tag, str) or _is_junk(element):
            return
        tag = element.tag
        if tag == "figure":
            self.figure(element)
            return
        if tag == "figcaption":
            # a caption outside any figure: the shared rules join it to the image before it
            if text := _text(element):
                self.raws.append(Raw("figure", text))
            return
        if tag == "img":
            if found := _image_figure(element):
                self.raws.append(found)
            return
        if tag != "a" and _mostly_links(element):
            return
        if self.kept is not None and _LEAD_CLASS.search(_classes(element)):
            kept, self.kept = self.kept, None
            self.walk_children(element)
            self.kept = kept
            return
        if tag in _HEADINGS:
            text = _text(element)
            if text and self.keeps(text):
                self.raws.append(Raw("heading", text))
            return
        if not _has_blocks(element):
            self.inline_block(element)
            return
        self.walk_children(element)

    def walk_children(self, element: lxml.html.HtmlElement) -> None:
        if not _has_blocks(element):
            self.inline_block(element)
            return
        if element.text:
            self.add_text(element.text)
        for child in element:
            self.walk(child)
            if child.tail:
                self.add_text(child.tail)

    def inline_block(self, element: lxml.html.HtmlElement) -> None:
        images = [i for i in element.iter("img") if _image_figure(i)]
        lines = _inline_lines(element)
        text = " ".join(lines)
        if (
            len(images) == 1
            and (not text or len(text) <= SHORT_CAPTION or caption_like(text))
            and not isinstance(cr.byline_line(text), Byline)
        ):
            self.figure(element)  # an image with its caption beside it, which trafilatura drops
            return
        for image in images:
            if found := _image_figure(image):
                self.raws.append(found)
        if (
            len(lines) == 1
            and len(text) <= BOLD_HEAD_CHARS
            # a head may ask a question; a statement or a quotation ending in 。 is not a head
            and text.rstrip("”’」』\"'）)")[-1:] not in "。；;，,"
            and _bold_only(element, text)
            and self.keeps(text)
        ):
            self.raws.append(Raw("heading", text))
            return
        set_off = _set_off(element, text)
        whole = any(
            isinstance(n.tag, str) and n.tag in _WHOLE_TAGS
            for n in (element, *element.iterancestors())
        )
        for line in lines:
            self.add_text(line, set_off, whole)


def walk_all(root: lxml.html.HtmlElement) -> list[Raw]:
    """Every block under `root`, in order: for a document that is all article (Markdown)."""
    walker = _Walker(None)
    walker.walk(root)
    return walker.raws


def html_blocks(markup: str, max_chars: int | None = None) -> tuple[Head, list[Raw]]:
    """Raise NoArticle when the page holds no article, TooLong past `max_chars`."""
    # A page stitched from includes can close </html> halfway; libxml2 then drops the rest.
    # Browsers ignore a stray close, and so do we: the parser adds the closing tags itself.
    markup = _DOCUMENT_CLOSE.sub("", markup)
    try:
        doc = lxml.html.document_fromstring(markup)
    except (lxml.etree.ParserError, ValueError) as exc:
        raise NoArticle(str(exc)) from None
    clean_tree(doc)
    cleaned = lxml.html.tostring(doc, encoding="unicode")
    kept = _kept_paragraphs(cleaned)
    total = sum(len(k) for k in kept)
    if total < MIN_ARTICLE_CHARS:
        raise NoArticle("no article text")
    if max_chars is not None and total > max_chars:
        raise TooLong(total)  # before the search for the container, which grows with it
    container = _container(doc, kept)
    walker = _Walker("\n".join(kept))
    dense, dense_chars = _densest(doc)
    if dense is not None and dense_chars > 2 * total:
        # The extractor kept a menu and missed the story (it happens on pages with unusual
        # markup): the box with the most paragraph text is the story, read whole.
        container, walker = dense, _Walker(None)
    title, title_element, site = _find_title(doc, container)
    subtitle, source, byline, author = _headline_extras(_between(doc, title_element, container))
    walker.walk(container)
    head = Head(title, subtitle, byline, source, site, author)
    return head, walker.raws
