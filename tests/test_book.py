"""The accessible books read back: the EPUB's package, documents, overlays and accessibility
metadata, and the DAISY 2.02 fileset, from a short article spoken by espeak-ng."""

from __future__ import annotations

import json
import re
import zipfile

import pytest
from click.testing import CliRunner
from lxml import etree

from audiofeature.cli import main
from audiofeature.publish.book import clock, npt
from audiofeature.publish.info import SIDECARS, parse_formats

ARTICLE = """\
<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>夜市"新事" &amp; 旧事</title></head><body>
<article><h1>夜市"新事" &amp; 旧事</h1><p>晨报记者 王小明</p>
<p>导语：今年1月，全市新增企业120家&lt;script&gt;alert(1)&lt;/script&gt;。</p>
<h2>第一部分</h2><p>第一句。第二句说了2次。</p><p>第三句在新的一段。</p>
<figure><img src="a.jpg" alt="夜市的摊位前排着长队，灯笼挂满街道两旁">
<figcaption>游客在夜市品尝小吃。</figcaption></figure>
<h2>第二部分</h2><p>最后一段。再说一句。</p></article></body></html>
"""
NS = {
    "opf": "http://www.idpf.org/2007/opf",
    "dc": "http://purl.org/dc/elements/1.1/",
    "x": "http://www.w3.org/1999/xhtml",
    "smil": "http://www.w3.org/ns/SMIL",
    "epub": "http://www.idpf.org/2007/ops",
    "c": "urn:oasis:names:tc:opendocument:xmlns:container",
}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
CLOCK = re.compile(r"(\d+):(\d\d):(\d\d)\.(\d\d\d)")
NPT = re.compile(r"npt=(\d+)\.(\d\d\d)s")


def clock_ms(value: str) -> int:
    hours, minutes, seconds, millis = map(int, CLOCK.fullmatch(value).groups())
    return ((hours * 60 + minutes) * 60 + seconds) * 1000 + millis


def npt_ms(value: str) -> int:
    seconds, millis = map(int, NPT.fullmatch(value).groups())
    return seconds * 1000 + millis


@pytest.fixture(scope="module")
def book(tmp_path_factory):
    root = tmp_path_factory.mktemp("book")
    (root / "night.html").write_text(ARTICLE, encoding="utf-8")
    args = ["build", str(root / "night.html"), "-o", str(root / "out"), "--engine", "espeak"]
    args += ["--cache", str(root / "cache"), "--formats", "epub,daisy"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    folder = root / "out" / "night"
    manifest = json.loads((folder / "script.json").read_text(encoding="utf-8"))
    archive = zipfile.ZipFile(folder / "night.epub")
    opf = etree.fromstring(archive.read("EPUB/content.opf"))
    return {"folder": folder, "manifest": manifest, "zip": archive, "opf": opf}


def xml(book, name: str) -> etree._Element:
    return etree.fromstring(book["zip"].read(f"EPUB/{name}"))


def manifest_items(book) -> dict[str, etree._Element]:
    return {item.get("id"): item for item in book["opf"].iterfind("opf:manifest/opf:item", NS)}


def metas(book, prop: str) -> list[str]:
    return [m.text for m in book["opf"].iterfind(f"opf:metadata/opf:meta[@property='{prop}']", NS)]


def test_only_the_asked_books_are_written(book):
    names = {p.name for p in book["folder"].iterdir()}
    assert names == {"night.mp3", "script.json", "night.epub", "daisy"}


def test_all_formats_include_both_books():
    assert parse_formats("all") == frozenset(SIDECARS) | {"epub", "daisy"}
    assert parse_formats("epub, daisy") == frozenset({"epub", "daisy"})


# --- the package --------------------------------------------------------------------------------


def test_mimetype_is_first_and_stored(book):
    first = book["zip"].infolist()[0]
    assert first.filename == "mimetype"
    assert first.compress_type == zipfile.ZIP_STORED
    assert book["zip"].read("mimetype") == b"application/epub+zip"


def test_container_points_at_the_package_document(book):
    container = etree.fromstring(book["zip"].read("META-INF/container.xml"))
    (rootfile,) = container.iterfind("c:rootfiles/c:rootfile", NS)
    assert rootfile.get("full-path") == "EPUB/content.opf"
    assert rootfile.get("media-type") == "application/oebps-package+xml"


def test_manifest_lists_every_file_and_the_spine_follows_the_chapters(book):
    items = manifest_items(book)
    in_zip = {n for n in book["zip"].namelist() if n.startswith("EPUB/")} - {"EPUB/content.opf"}
    assert {f"EPUB/{item.get('href')}" for item in items.values()} == in_zip
    spine = [ref.get("idref") for ref in book["opf"].iterfind("opf:spine/opf:itemref", NS)]
    chapters = [c["id"] for c in book["manifest"]["chapters"]]
    assert len(chapters) == 4
    assert spine == chapters
    for chapter in chapters:
        assert items[chapter].get("href") == f"{chapter}.xhtml"
        overlay = items[items[chapter].get("media-overlay")]
        assert overlay.get("media-type") == "application/smil+xml"
    assert book["opf"].get("version") == "3.0"
    assert book["opf"].get(XML_LANG) == "zh-CN"
    assert book["opf"].get("prefix") is None  # EPUB 3.3: reserved prefixes are not declared
    assert book["opf"].findtext("opf:metadata/dc:language", namespaces=NS) == "zh-CN"


def test_nav_lists_the_chapters_in_order_with_figures_marked(book):
    items = manifest_items(book)
    (nav_item,) = [i for i in items.values() if "nav" in (i.get("properties") or "").split()]
    nav = xml(book, nav_item.get("href"))
    assert nav.get("lang") == nav.get(XML_LANG) == "zh-CN"
    (toc,) = nav.iterfind(".//x:nav[@epub:type='toc']", NS)
    entries = toc.findall(".//x:li", NS)
    chapters = book["manifest"]["chapters"]
    assert [li.findtext("x:a", namespaces=NS) for li in entries] == [c["title"] for c in chapters]
    assert [li.find("x:a", NS).get("href") for li in entries] == [
        f"{c['id']}.xhtml" for c in chapters
    ]
    assert [li.get("class") == "figure" for li in entries] == [
        c["kind"] == "figure" for c in chapters
    ]


def test_the_book_carries_the_editions_own_mp3(book):
    mp3 = (book["folder"] / "night.mp3").read_bytes()
    assert book["zip"].read("EPUB/audio/edition.mp3") == mp3
    assert (book["folder"] / "daisy" / "edition.mp3").read_bytes() == mp3


# --- the documents --------------------------------------------------------------------------------


def test_every_sentence_is_an_element_with_its_id_and_written_text(book):
    utterances = book["manifest"]["utterances"]
    assert len(utterances) == 13
    for utterance in utterances:
        document = xml(book, f"{utterance['chapter']}.xhtml")
        (element,) = document.iterfind(f".//*[@id='{utterance['id']}']")
        assert "".join(element.itertext()) == utterance["written"]


def test_documents_are_chinese_and_the_front_is_the_title_page(book):
    front = xml(book, "ch01.xhtml")
    assert front.get("lang") == front.get(XML_LANG) == "zh-CN"
    title = front.find(".//x:h1", NS)
    assert title.text == '夜市"新事" & 旧事'
    assert front.find(".//x:p[@class='byline']", NS).text == "晨报记者王小明"
    (section,) = front.iterfind(".//x:section", NS)
    assert section.get(f"{{{NS['epub']}}}type") == "titlepage"


def test_a_script_in_the_article_stays_text(book):
    raw = book["zip"].read("EPUB/ch01.xhtml").decode("utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in raw
    assert "<script" not in raw
    document = xml(book, "ch01.xhtml")
    assert document.find(".//x:script", NS) is None
    assert any("<script>alert(1)</script>" in (e.text or "") for e in document.iter())
    daisy = (book["folder"] / "daisy" / "content.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in daisy and "<script" not in daisy


def test_paragraphs_keep_their_sentences_together(book):
    section = xml(book, "ch02.xhtml")
    paragraphs = [
        [s.text for s in p.iterfind("x:span", NS)] for p in section.iterfind(".//x:p", NS)
    ]
    assert paragraphs == [["第一句。", "第二句说了2次。"], ["第三句在新的一段。"]]
    assert section.find(".//x:h2", NS).text == "第一部分"


def test_a_photo_is_a_figure_with_caption_and_description(book):
    figure_chapter = next(c for c in book["manifest"]["chapters"] if c["kind"] == "figure")
    document = xml(book, f"{figure_chapter['id']}.xhtml")
    (figure,) = document.iterfind(".//x:figure", NS)
    assert document.find(".//x:img", NS) is None  # no image file came with the article
    caption = figure.find("x:figcaption", NS)
    assert caption is not None and list(figure) == [caption]
    text = "".join(caption.itertext())
    assert "游客在夜市品尝小吃。" in text and "夜市的摊位前排着长队，灯笼挂满街道两旁" in text


# --- the overlays ----------------------------------------------------------------------------------


def epub_clips(book) -> list[tuple[str, int, int]]:
    clips = []
    for chapter in book["manifest"]["chapters"]:
        smil = xml(book, f"{chapter['id']}.smil")
        for par in smil.iterfind(".//smil:par", NS):
            document, _, fragment = par.find("smil:text", NS).get("src").partition("#")
            assert document == f"{chapter['id']}.xhtml"
            audio = par.find("smil:audio", NS)
            assert audio.get("src") == "audio/edition.mp3"
            clips.append(
                (fragment, clock_ms(audio.get("clipBegin")), clock_ms(audio.get("clipEnd")))
            )
    return clips


def test_every_overlay_clip_is_the_script_json_time(book):
    expected = [(u["id"], u["start_ms"], u["end_ms"]) for u in book["manifest"]["utterances"]]
    assert len(expected) == 13
    assert epub_clips(book) == expected


def test_overlay_durations_add_up_to_the_edition(book):
    items = manifest_items(book)
    per_overlay = {}
    for meta in book["opf"].iterfind("opf:metadata/opf:meta[@property='media:duration']", NS):
        per_overlay[meta.get("refines")] = clock_ms(meta.text)
    total = per_overlay.pop(None)
    chapters = book["manifest"]["chapters"]
    assert set(per_overlay) == {f"#{items[c['id']].get('media-overlay')}" for c in chapters}
    assert sum(per_overlay.values()) == total == book["manifest"]["duration_ms"]
    for chapter in chapters:
        overlay = items[chapter["id"]].get("media-overlay")
        assert per_overlay[f"#{overlay}"] == chapter["end_ms"] - chapter["start_ms"]


def test_the_sentence_being_read_is_highlighted(book):
    (active,) = metas(book, "media:active-class")
    css = book["zip"].read("EPUB/book.css").decode("utf-8")
    assert f".{active} {{" in css
    for chapter in book["manifest"]["chapters"]:
        document = xml(book, f"{chapter['id']}.xhtml")
        assert document.find("x:head/x:link[@rel='stylesheet']", NS).get("href") == "book.css"


@pytest.mark.parametrize(
    ("ms", "smil3", "smil1"),
    [
        (0, "0:00:00.000", "npt=0.000s"),
        (61_005, "0:01:01.005", "npt=61.005s"),
        (3_723_456, "1:02:03.456", "npt=3723.456s"),
    ],
)
def test_clock_values_are_exact(ms, smil3, smil1):
    assert clock(ms) == smil3 and clock_ms(smil3) == ms
    assert npt(ms) == smil1 and npt_ms(smil1) == ms


# --- accessibility metadata ------------------------------------------------------------------------


def test_accessibility_metadata(book):
    assert metas(book, "schema:accessMode") == ["textual", "auditory"]
    assert "textual" in metas(book, "schema:accessModeSufficient")
    assert "auditory" in metas(book, "schema:accessModeSufficient")
    features = set(metas(book, "schema:accessibilityFeature"))
    assert {"synchronizedAudioText", "structuralNavigation", "readingOrder"} <= features
    assert "longDescription" in features  # the photo is described in words
    assert metas(book, "schema:accessibilityHazard") == ["none"]
    (summary,) = metas(book, "schema:accessibilitySummary")
    assert "语音合成" in summary and "合成语音" in summary
    assert metas(book, "dcterms:conformsTo") == ["EPUB Accessibility 1.1 - WCAG 2.1 Level AA"]
    (certifier,) = metas(book, "a11y:certifiedBy")
    assert certifier.startswith("audiofeature")
    (narrator,) = metas(book, "media:narrator")
    assert "espeak" in narrator


# --- DAISY 2.02 ---------------------------------------------------------------------------------------


def daisy(book, name: str) -> etree._Element:
    return etree.parse(str(book["folder"] / "daisy" / name)).getroot()


def test_ncc_has_a_heading_per_chapter_and_photos_a_level_below(book):
    ncc = daisy(book, "ncc.html")
    headings = [e for e in ncc.find("x:body", NS) if e.tag.split("}")[1] in ("h1", "h2")]
    chapters = book["manifest"]["chapters"]
    assert [h.findtext("x:a", namespaces=NS) for h in headings] == [c["title"] for c in chapters]
    assert [h.tag.split("}")[1] for h in headings] == [
        "h2" if c["kind"] == "figure" else "h1" for c in chapters
    ]
    assert headings[0].get("class") == "title"
    meta = {m.get("name"): m.get("content") for m in ncc.iterfind("x:head/x:meta", NS)}
    assert meta["dc:format"] == "Daisy 2.02"
    assert meta["ncc:multimediaType"] == "audioFullText"
    assert meta["dc:language"] == "zh-CN"
    assert meta["ncc:tocItems"] == str(len(chapters))
    assert meta["ncc:depth"] == "2"
    files = [p for p in (book["folder"] / "daisy").iterdir() if p.name != "ncc.html"]
    assert meta["ncc:files"] == str(len(files) + 1)


def test_daisy_links_resolve_and_clips_are_the_script_json_times(book):
    ncc = daisy(book, "ncc.html")
    text_ids = {e.get("id") for e in daisy(book, "content.html").iter() if e.get("id")}
    clips = []
    elapsed = 0
    for link in ncc.iterfind(".//x:a", NS):
        smil_name, _, target = link.get("href").partition("#")
        smil = daisy(book, smil_name)
        assert smil.find(f".//*[@id='{target}']") is not None
        meta = {m.get("name"): m.get("content") for m in smil.iterfind("head/meta")}
        assert meta["dc:format"] == "Daisy 2.02"
        played = 0
        for par in smil.iterfind("body/seq/par"):
            document, _, fragment = par.find("text").get("src").partition("#")
            assert document == "content.html" and fragment in text_ids
            audio = par.find("audio")
            assert audio.get("src") == "edition.mp3"
            begin, end = npt_ms(audio.get("clip-begin")), npt_ms(audio.get("clip-end"))
            clips.append((fragment, begin, end))
            played += end - begin
        assert smil.find("body/seq").get("dur") == f"{played / 1000:.3f}s"
        assert meta["ncc:totalElapsedTime"].startswith(f"00:00:{elapsed // 1000:02d}")
        elapsed += played
    expected = [(u["id"], u["start_ms"], u["end_ms"]) for u in book["manifest"]["utterances"]]
    assert len(expected) == 13
    assert clips == expected


def test_the_same_edition_date_makes_the_same_epub_bytes(tmp_path, monkeypatch):
    import time

    (tmp_path / "night.html").write_text(ARTICLE, encoding="utf-8")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    made = []
    for run in range(2):
        out = tmp_path / f"out{run}"
        args = ["build", str(tmp_path / "night.html"), "-o", str(out), "--engine", "espeak"]
        args += ["--cache", str(tmp_path / "cache"), "--formats", "epub"]
        assert CliRunner().invoke(main, args).exit_code == 0
        made.append((out / "night" / "night.epub").read_bytes())
        time.sleep(2.1)  # a zip entry's time has a two-second resolution
    assert made[0] == made[1]
    with zipfile.ZipFile(out / "night" / "night.epub") as archive:
        assert {info.date_time[:3] for info in archive.infolist()} == {(2023, 11, 14)}
