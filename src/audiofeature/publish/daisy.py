"""daisy/: a DAISY 2.02 full-text-and-audio fileset, as DAISY players and library services read it.

- `ncc.html`, the navigation centre: an `h1` per chapter (the first, class "title", is the
  article's title), each linking to the chapter's first sentence in its SMIL. A photo is an `h2`
  under the chapter it follows: a player moving at level 1 passes over the photos, one moving at
  level 2 stops at each.
- `chNN.smil`, one per chapter (SMIL 1.0): each sentence's `par` pairs its element in the text
  document with its clip of the edition's MP3, clip-begin/clip-end at the script.json times.
- `content.html`, the text document: the whole article, every sentence an element with its id.
- `edition.mp3`: the edition's own MP3, copied byte for byte (see book.py for why it is not split).

Written by hand with lxml: no maintained Python library writes DAISY 2.02 (the producers that do
are whole applications), and the format is three small kinds of file.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from lxml import etree

from audiofeature import __version__
from audiofeature.edition import Edition
from audiofeature.publish.book import (
    AUDIO_NAME,
    Block,
    Document,
    documents,
    identifier,
    npt,
    summary,
)
from audiofeature.publish.info import Publication
from audiofeature.script import FIGURE_ANNOUNCEMENT, FIGURE_DESCRIPTION

FOLDER = "daisy"
NCC = "ncc.html"
TEXT = "content.html"
XHTML = "http://www.w3.org/1999/xhtml"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
XHTML_DOCTYPE = (
    '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" '
    '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">'
)
SMIL_DOCTYPE = (
    '<!DOCTYPE smil PUBLIC "-//W3C//DTD SMIL 1.0//EN" "http://www.w3.org/TR/REC-smil/SMIL10.dtd">'
)


def hms(ms: int) -> str:
    """DAISY 2.02's clock for ncc:totalTime and the SMIL heads: hh:mm:ss, to the millisecond."""
    hours, rest = divmod(ms, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    seconds, millis = divmod(rest, 1000)
    return f"{hours:02d}:{minutes:02d}:{seconds:02d}.{millis:03d}"


def _played_ms(document: Document) -> int:
    """What the chapter's SMIL plays: its sentences' clips, back to back."""
    return sum(s.time.end_ms - s.time.start_ms for s in document.sentences)


def smil_name(document: Document) -> str:
    return f"{document.id}.smil"


def _html(title: str, language: str) -> tuple[etree._Element, etree._Element, etree._Element]:
    html = etree.Element(f"{{{XHTML}}}html", nsmap={None: XHTML})
    html.set("lang", language)
    html.set(XML_LANG, language)
    head = etree.SubElement(html, "head")
    etree.SubElement(
        head, "meta", {"http-equiv": "Content-type", "content": "text/html; charset=utf-8"}
    )
    etree.SubElement(head, "title").text = title
    return html, head, etree.SubElement(html, "body")


def _fix_namespace(html: etree._Element) -> None:
    # Elements made without a namespace join the document's default (XHTML) one.
    for element in html.iter():
        if isinstance(element.tag, str) and not element.tag.startswith("{"):
            element.tag = f"{{{XHTML}}}{element.tag}"


def _serialize_html(html: etree._Element) -> bytes:
    _fix_namespace(html)
    # Not pretty-printed: whitespace between sentences would show as spaces in Chinese text.
    return etree.tostring(html, xml_declaration=True, encoding="utf-8", doctype=XHTML_DOCTYPE)


def _meta(head: etree._Element, name: str, content: str, scheme: str | None = None) -> None:
    attributes = {"name": name, "content": content}
    if scheme:
        attributes["scheme"] = scheme
    etree.SubElement(head, "meta", attributes)


def ncc(docs: tuple[Document, ...], publication: Publication, files: int) -> bytes:
    html, head, body = _html(publication.title, publication.language)
    total = sum(_played_ms(d) for d in docs)
    figures = sum(d.is_figure for d in docs)
    metadata = [
        ("dc:title", publication.title, None),
        ("dc:creator", publication.artist, None),
        ("dc:publisher", publication.album, None),
        ("dc:date", publication.date.date().isoformat(), "yyyy-mm-dd"),
        ("dc:identifier", identifier(publication), None),
        ("dc:language", publication.language, "ISO 639"),
        ("dc:format", "Daisy 2.02", None),
        ("dc:description", summary(publication, figures), None),
        ("ncc:charset", "utf-8", None),
        ("ncc:generator", f"audiofeature {__version__}", None),
        ("ncc:narrator", f"{publication.engine} {publication.voice}（合成语音）", None),
        ("ncc:multimediaType", "audioFullText", None),
        ("ncc:totalTime", hms(total), "hh:mm:ss"),
        ("ncc:setInfo", "1 of 1", None),
        ("ncc:depth", "2" if figures else "1", None),
        ("ncc:tocItems", str(len(docs)), None),
        ("ncc:files", str(files), None),
        ("ncc:pageFront", "0", None),
        ("ncc:pageNormal", "0", None),
        ("ncc:pageSpecial", "0", None),
        ("ncc:maxPageNormal", "0", None),
        ("ncc:footnotes", "0", None),
        ("ncc:sidebars", "0", None),
        ("ncc:prodNotes", "0", None),
    ]
    for name, content, scheme in metadata:
        _meta(head, name, content, scheme)
    for index, document in enumerate(docs):
        heading = etree.SubElement(body, "h2" if document.is_figure else "h1", id=document.id)
        if index == 0:
            heading.set("class", "title")  # DAISY 2.02: the first heading is the book's title
        first = document.sentences[0]
        link = etree.SubElement(heading, "a", href=f"{smil_name(document)}#t-{first.id}")
        link.text = publication.title if index == 0 else document.chapter.title
    return _serialize_html(html)


def _sentence(parent: etree._Element, tag: str, block: Block, index: int) -> etree._Element:
    sentence = block.sentences[index]
    element = etree.SubElement(parent, tag, id=sentence.id)
    element.text = sentence.utterance.written  # text, never markup
    return element


def text_document(docs: tuple[Document, ...], publication: Publication) -> bytes:
    html, _, body = _html(publication.title, publication.language)
    for document in docs:
        division = etree.SubElement(body, "div", id=f"{document.id}-text")
        division.set("class", "figure" if document.is_figure else document.chapter.kind)
        for block in document.blocks:
            if block.kind == "title":
                _sentence(division, "h1", block, 0).set("class", "title")
            elif block.kind == "heading":
                _sentence(division, "h1", block, 0)
            elif block.kind in ("subtitle", "byline"):
                _sentence(division, "p", block, 0).set("class", block.kind)
            elif block.kind == "paragraph":
                paragraph = etree.SubElement(division, "p")
                for index in range(len(block.sentences)):
                    _sentence(paragraph, "span", block, index)
            else:
                for index in range(len(block.sentences)):
                    line = etree.SubElement(division, "p", {"class": "caption"})
                    label = FIGURE_ANNOUNCEMENT if index == 0 else FIGURE_DESCRIPTION
                    etree.SubElement(line, "span", {"class": "label"}).text = label
                    _sentence(line, "span", block, index)
    return _serialize_html(html)


def smil(document: Document, publication: Publication, elapsed_ms: int) -> bytes:
    root = etree.Element("smil")
    head = etree.SubElement(root, "head")
    played = _played_ms(document)
    for name, content in (
        ("dc:format", "Daisy 2.02"),
        ("dc:title", publication.title),
        ("dc:identifier", identifier(publication)),
        ("title", document.chapter.title),
        ("ncc:generator", f"audiofeature {__version__}"),
        ("ncc:totalElapsedTime", hms(elapsed_ms)),
        ("ncc:timeInThisSmil", hms(played)),
    ):
        etree.SubElement(head, "meta", name=name, content=content)
    layout = etree.SubElement(head, "layout")
    etree.SubElement(layout, "region", id="txtView")
    body = etree.SubElement(root, "body")
    seq = etree.SubElement(body, "seq", dur=f"{played / 1000:.3f}s")
    for sentence in document.sentences:
        par = etree.SubElement(seq, "par", endsync="last", id=f"p-{sentence.id}")
        etree.SubElement(par, "text", src=f"{TEXT}#{sentence.id}", id=f"t-{sentence.id}")
        etree.SubElement(
            par,
            "audio",
            src=AUDIO_NAME,
            id=f"a-{sentence.id}",
            **{"clip-begin": npt(sentence.time.start_ms), "clip-end": npt(sentence.time.end_ms)},
        )
    return etree.tostring(
        root, xml_declaration=True, encoding="utf-8", doctype=SMIL_DOCTYPE, pretty_print=True
    )


def write_daisy(edition: Edition, publication: Publication, folder: Path) -> Path:
    """The MP3 must already be in `folder`: the fileset carries a copy of that very file."""
    docs = documents(edition)
    target = folder / FOLDER
    target.mkdir(exist_ok=True)
    shutil.copyfile(folder / publication.mp3_name, target / AUDIO_NAME)
    elapsed = 0
    for document in docs:
        (target / smil_name(document)).write_bytes(smil(document, publication, elapsed))
        elapsed += _played_ms(document)
    (target / TEXT).write_bytes(text_document(docs, publication))
    files = len(docs) + 3  # the SMILs, ncc.html, the text document and the MP3
    (target / NCC).write_bytes(ncc(docs, publication, files))
    return target
