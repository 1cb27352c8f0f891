"""<slug>.epub: EPUB 3.3 with media overlays, for reading systems that read and listen at once.

One XHTML document per chapter, every sentence an element with the utterance's id; one SMIL
overlay per document pairs each sentence with its clip of the edition's MP3 at the script.json
times. The front document is the title page (title, subtitle, byline). Photos are `figure`s whose
`figcaption` holds the caption and the description: the article brings no image file.

EbookLib packages the book (mimetype first and stored, container.xml, the OPF's metadata,
manifest and spine, the NCX). The documents, the nav and the overlays are written here with lxml
and handed to it as plain items, because EbookLib's own HTML and nav items re-parse their content
as HTML (dropping the `epub:` namespace, the sentence markup's attributes) and its nav cannot mark
a chapter as a figure.
"""

from __future__ import annotations

import zipfile
from datetime import datetime
from importlib.resources import files
from pathlib import Path
from typing import Any

from ebooklib import epub
from lxml import etree

from audiofeature import __version__
from audiofeature.edition import Edition
from audiofeature.publish.book import (
    AUDIO_NAME,
    Block,
    Document,
    clock,
    documents,
    identifier,
    summary,
)
from audiofeature.publish.info import Publication
from audiofeature.script import FIGURE_ANNOUNCEMENT, FIGURE_DESCRIPTION

XHTML = "http://www.w3.org/1999/xhtml"
OPS = "http://www.idpf.org/2007/ops"
SMIL = "http://www.w3.org/ns/SMIL"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
ACTIVE_CLASS = "-epub-media-overlay-active"  # the class reading systems put on the sentence read
STYLESHEET = "book.css"
AUDIO_HREF = f"audio/{AUDIO_NAME}"
CONFORMANCE = "EPUB Accessibility 1.1 - WCAG 2.1 Level AA"


def _h(tag: str) -> str:
    return f"{{{XHTML}}}{tag}"


def _page(title: str, language: str) -> tuple[etree._Element, etree._Element]:
    html = etree.Element(_h("html"), nsmap={None: XHTML, "epub": OPS})
    html.set("lang", language)
    html.set(XML_LANG, language)
    head = etree.SubElement(html, _h("head"))
    etree.SubElement(head, _h("meta"), charset="utf-8")
    etree.SubElement(head, _h("title")).text = title
    etree.SubElement(head, _h("link"), rel="stylesheet", type="text/css", href=STYLESHEET)
    return html, etree.SubElement(html, _h("body"))


def _serialize(html: etree._Element) -> bytes:
    # Not pretty-printed: whitespace between a paragraph's sentences would show as spaces
    # between Chinese sentences.
    return etree.tostring(html, xml_declaration=True, encoding="utf-8", doctype="<!DOCTYPE html>")


def _sentence(parent: etree._Element, tag: str, block: Block, index: int) -> etree._Element:
    sentence = block.sentences[index]
    element = etree.SubElement(parent, _h(tag), id=sentence.id)
    # Text, never markup: a `<script>` the article printed stays the characters it was.
    element.text = sentence.utterance.written
    return element


def _block(section: etree._Element, block: Block) -> None:
    if block.kind == "title":
        _sentence(section, "h1", block, 0)
    elif block.kind == "heading":
        _sentence(section, "h2", block, 0)
    elif block.kind in ("subtitle", "byline"):
        _sentence(section, "p", block, 0).set("class", block.kind)
    elif block.kind == "paragraph":
        paragraph = etree.SubElement(section, _h("p"))
        if block.sentences[0].utterance.generated:
            paragraph.set("class", "note")
        for index in range(len(block.sentences)):
            _sentence(paragraph, "span", block, index)
    else:
        figure = etree.SubElement(section, _h("figure"))
        caption = etree.SubElement(figure, _h("figcaption"))
        # The labels the listener hears (图片说明：, 画面：) are shown too, outside the sentence.
        for index, label in enumerate((FIGURE_ANNOUNCEMENT, FIGURE_DESCRIPTION)):
            if index >= len(block.sentences):
                break
            line = etree.SubElement(caption, _h("p"), {"class": "label-line"})
            etree.SubElement(line, _h("span"), {"class": "label"}).text = label
            _sentence(line, "span", block, index)
        for index in range(2, len(block.sentences)):
            _sentence(etree.SubElement(caption, _h("p")), "span", block, index)


def content_document(document: Document, publication: Publication) -> bytes:
    html, body = _page(document.chapter.title, publication.language)
    section = etree.SubElement(body, _h("section"), id=document.id)
    if document.heading is None:
        # No printed heading (the lead, a section's continuation, a photo): the region is named
        # by the chapter's title so a screen reader announces where it is.
        section.set("aria-label", document.chapter.title)
    else:
        section.set("aria-labelledby", document.heading.id)
    if document.chapter.kind == "front":
        section.set(f"{{{OPS}}}type", "titlepage")
    for block in document.blocks:
        _block(section, block)
    return _serialize(html)


def nav_document(docs: tuple[Document, ...], publication: Publication) -> bytes:
    html, body = _page(publication.title, publication.language)
    nav = etree.SubElement(body, _h("nav"), {f"{{{OPS}}}type": "toc", "role": "doc-toc"})
    nav.set("aria-labelledby", "toc-title")
    etree.SubElement(nav, _h("h1"), id="toc-title").text = "目录"
    items = etree.SubElement(nav, _h("ol"))
    for document in docs:
        item = etree.SubElement(items, _h("li"))
        if document.is_figure:
            item.set("class", "figure")
        link = etree.SubElement(item, _h("a"), href=f"{document.id}.xhtml")
        link.text = document.chapter.title
    return _serialize(html)


def overlay(document: Document) -> bytes:
    smil = etree.Element(f"{{{SMIL}}}smil", nsmap={None: SMIL, "epub": OPS}, version="3.0")
    body = etree.SubElement(smil, f"{{{SMIL}}}body")
    seq = etree.SubElement(body, f"{{{SMIL}}}seq", id=f"seq-{document.id}")
    seq.set(f"{{{OPS}}}textref", f"{document.id}.xhtml#{document.id}")
    for sentence in document.sentences:
        par = etree.SubElement(seq, f"{{{SMIL}}}par", id=f"par-{sentence.id}")
        etree.SubElement(par, f"{{{SMIL}}}text", src=f"{document.id}.xhtml#{sentence.id}")
        etree.SubElement(
            par,
            f"{{{SMIL}}}audio",
            src=AUDIO_HREF,
            clipBegin=clock(sentence.time.start_ms),
            clipEnd=clock(sentence.time.end_ms),
        )
    return etree.tostring(smil, xml_declaration=True, encoding="utf-8", pretty_print=True)


def _meta(book: epub.EpubBook, prop: str, value: str, refines: str | None = None) -> None:
    attributes = {"property": prop}
    if refines:
        attributes["refines"] = refines
    book.add_metadata(None, "meta", value, attributes)


def _accessibility(book: epub.EpubBook, publication: Publication, docs: tuple[Document, ...]):
    """EPUB Accessibility 1.1: how the book can be perceived, and what it promises."""
    figures = sum(block.kind == "figure" for d in docs for block in d.blocks)
    for mode in ("textual", "auditory"):
        _meta(book, "schema:accessMode", mode)
    # The text alone carries everything (photos are described in words), and so does the voice,
    # which reads the descriptions aloud.
    for sufficient in ("textual", "auditory", "textual,auditory"):
        _meta(book, "schema:accessModeSufficient", sufficient)
    features = ["synchronizedAudioText", "structuralNavigation", "readingOrder", "tableOfContents"]
    # A photo whose page described it (alt text saying more than the caption) carries that
    # description as text; a caption alone describes nothing more than any caption does.
    if any(b.kind == "figure" and len(b.sentences) > 1 for d in docs for b in d.blocks):
        features.append("longDescription")
    for feature in features:
        _meta(book, "schema:accessibilityFeature", feature)
    _meta(book, "schema:accessibilityHazard", "none")
    _meta(book, "schema:accessibilitySummary", summary(publication, figures))
    _meta(book, "dcterms:conformsTo", CONFORMANCE)
    _meta(book, "a11y:certifiedBy", f"audiofeature {__version__}")


def build_epub(edition: Edition, publication: Publication, audio: bytes) -> epub.EpubBook:
    docs = documents(edition)
    book = epub.EpubBook()
    book.set_identifier(identifier(publication))
    book.set_title(publication.title)
    book.set_language(publication.language)
    book.add_author(publication.artist)
    book.add_metadata("DC", "publisher", publication.album)
    book.add_metadata("DC", "date", publication.date.date().isoformat())
    book.add_metadata("DC", "description", publication.description)

    book.add_item(
        epub.EpubItem(
            uid="css",
            file_name=STYLESHEET,
            media_type="text/css",
            content=files("audiofeature.publish").joinpath("book.css").read_bytes(),
        )
    )
    book.add_item(
        epub.EpubItem(uid="audio", file_name=AUDIO_HREF, media_type="audio/mpeg", content=audio)
    )
    nav = epub.EpubItem(
        uid="nav",
        file_name="nav.xhtml",
        media_type="application/xhtml+xml",
        content=nav_document(docs, publication),
    )
    nav.properties = ["nav"]
    book.add_item(nav)
    spine = []
    for document in docs:
        item = epub.EpubItem(
            uid=document.id,
            file_name=f"{document.id}.xhtml",
            media_type="application/xhtml+xml",
            content=content_document(document, publication),
        )
        item.media_overlay = f"mo-{document.id}"
        book.add_item(item)
        book.add_item(
            epub.EpubSMIL(
                uid=f"mo-{document.id}",
                file_name=f"{document.id}.smil",
                content=overlay(document),
            )
        )
        duration = document.time.end_ms - document.time.start_ms
        _meta(book, "media:duration", clock(duration), refines=f"#mo-{document.id}")
        spine.append(item)
    # Each overlay's duration is its chapter's span of the edition, silences included, so
    # together they make the edition's whole length.
    _meta(book, "media:duration", clock(edition.duration_ms))
    _meta(book, "media:narrator", f"{publication.engine} {publication.voice}（合成语音）")
    _meta(book, "media:active-class", ACTIVE_CLASS)
    _accessibility(book, publication, docs)

    book.toc = [epub.Link(f"{d.id}.xhtml", d.chapter.title, f"toc-{d.id}") for d in docs]
    book.add_item(epub.EpubNcx())
    book.spine = spine
    return book


class _DatedZip(zipfile.ZipFile):
    """A zip whose entries carry one given time instead of the clock's: the same edition
    date (SOURCE_DATE_EPOCH) makes the same bytes. EbookLib writes entries by name only, and
    zipfile then stamps each with the time of writing."""

    def __init__(self, *args: Any, when: datetime, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.when = max(when.replace(tzinfo=None), datetime(1980, 1, 1)).timetuple()[:6]

    def writestr(  # type: ignore[override]
        self,
        zinfo_or_arcname: str | zipfile.ZipInfo,
        data: bytes | str,
        compress_type: int | None = None,
        compresslevel: int | None = None,
    ) -> None:
        if isinstance(zinfo_or_arcname, str):
            # What zipfile itself sets for a name, but the time.
            info = zipfile.ZipInfo(zinfo_or_arcname, date_time=self.when)
            info.compress_type = self.compression
            info._compresslevel = self.compresslevel  # type: ignore[attr-defined]
            info.external_attr = 0o600 << 16
            zinfo_or_arcname = info
        super().writestr(zinfo_or_arcname, data, compress_type, compresslevel)


class _Writer(epub.EpubWriter):
    """EbookLib's writer with two changes to the package element it has no option for:
    `xml:lang`, where reading systems (and Ace) take the publication's language from, and no
    `prefix`: every prefix used here (schema, a11y, media, dcterms, rendition) is reserved by
    EPUB 3.3, which asks that reserved prefixes not be declared."""

    def write(self) -> None:
        # EbookLib's own write, with entries dated by the edition (see _DatedZip).
        self.out = _DatedZip(
            self.file_name,
            "w",
            zipfile.ZIP_DEFLATED,
            compresslevel=self.options["compresslevel"],
            when=self.options["mtime"],
        )
        self.out.writestr("mimetype", "application/epub+zip", compress_type=zipfile.ZIP_STORED)
        self._write_container()
        self._write_opf()
        self._write_items()
        self.out.close()

    def _write_opf_metadata(self, root):  # type: ignore[no-untyped-def]
        root.set(XML_LANG, self.book.language)
        root.attrib.pop("prefix", None)
        super()._write_opf_metadata(root)

    def _write_items(self):  # type: ignore[no-untyped-def]
        # The MP3 is stored, not deflated: compressed audio does not shrink (deflating 14
        # minutes of it took a quarter of a second to save 1%), and a reading system can play
        # a stored entry straight from the zip. EbookLib has no per-item option for this.
        items = list(self.book.items)
        audio = [item for item in items if item.media_type.startswith("audio/")]
        for item in audio:
            name = f"{self.book.FOLDER_NAME}/{item.file_name}"
            self.out.writestr(name, item.get_content(), compress_type=zipfile.ZIP_STORED)
        self.book.items = [item for item in items if item not in audio]
        try:
            super()._write_items()
        finally:
            self.book.items = items


def write_epub(edition: Edition, publication: Publication, folder: Path) -> Path:
    """The MP3 must already be in `folder`: the book carries that very file."""
    audio = (folder / publication.mp3_name).read_bytes()
    path = folder / f"{publication.slug}.epub"
    book = build_epub(edition, publication, audio)
    # Not epub.write_epub, which swallows a failed write and returns False.
    writer = _Writer(str(path), book, {"mtime": publication.date, "epub3_pages": False})
    writer.process()
    writer.write()
    return path
