"""The published edition: tags, transcript, chapters, feed and player page, from one real build.

The article carries markup and quotes in its title, a paragraph and a caption, so every writer
is also checked for escaping.
"""

from __future__ import annotations

import html
import json
import struct
import zlib
from html.parser import HTMLParser
from pathlib import Path

import pytest
import webvtt
from click.testing import CliRunner
from lxml import etree
from mutagen.id3 import ID3

from audiofeature.cli import main
from audiofeature.publish.info import FORMATS, SIDECARS, parse_formats
from audiofeature.script import DISCLOSURE, FIGURE_ANNOUNCEMENT

EVIL = "<script>alert(1)</script>"
ARTICLE = f"""\
晨报记者 王小明

导语：今年1月，全市新增企业120家{EVIL}。

# 夜市"新事" & 旧事{EVIL}

## ● 第一部分

第一句。第二句说了2次 & "引号"。

▲游客在夜市<img src=x onerror=alert(2)>品尝小吃"&"。

## ● 第二部分

最后一段。
"""
# The article is Markdown, where raw HTML is HTML: the markup is backslash-escaped so that it
# reaches every writer as text, which is what the escaping checks need.
ARTICLE_MD = ARTICLE.replace("<", "\\<")
BASE_URL = "https://audio.example.org/editions"
NAMESPACES = {
    "itunes": "http://www.itunes.com/dtds/podcast-1.0.dtd",
    "podcast": "https://podcastindex.org/namespace/1.0",
    "atom": "http://www.w3.org/2005/Atom",
}


def tiny_png() -> bytes:
    """A valid 1x1 PNG, made here so no binary fixture is needed."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xc0\x20\x20")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def build(root: Path, *extra: str) -> tuple[CliRunner, object]:
    runner = CliRunner()
    args = ["build", str(root / "night.md"), "-o", str(root / "out"), "--engine", "espeak"]
    args += ["--cache", str(root / "cache"), *extra]
    return runner, runner.invoke(main, args)


@pytest.fixture(scope="module")
def edition(tmp_path_factory):
    root = tmp_path_factory.mktemp("publish")
    (root / "night.md").write_text(ARTICLE_MD, encoding="utf-8")
    (root / "cover.png").write_bytes(tiny_png())
    _, result = build(root, "--base-url", BASE_URL, "--cover", str(root / "cover.png"))
    assert result.exit_code == 0, result.output
    folder = root / "out" / "night"
    manifest = json.loads((folder / "script.json").read_text(encoding="utf-8"))
    return {"root": root, "folder": folder, "manifest": manifest}


def test_all_sidecars_written_by_default(edition):
    names = {p.name for p in edition["folder"].iterdir()}
    books = {"night.epub", "daisy"}  # the accessible books come with `all` too
    assert names == {"night.mp3", "script.json", "cover.png", *books, *SIDECARS.values()}


def test_disclosure_is_spoken_once_right_after_the_byline(edition):
    utterances = edition["manifest"]["utterances"]
    assert [u["role"] for u in utterances[:3]] == ["title", "byline", "body"]
    assert utterances[2]["written"] == DISCLOSURE and utterances[2]["generated"] is True
    assert sum(u["generated"] for u in utterances) == 1


def test_tags_say_what_the_edition_is(edition):
    tags = ID3(edition["folder"] / "night.mp3")
    assert tags.version[:2] == (2, 4)
    assert str(tags["TIT2"]) == edition["manifest"]["title"]
    assert str(tags["TPE1"]) == "晨报 王小明"
    assert str(tags["TALB"]) == "晨报"
    assert len(str(tags["TDRC"])) == 10  # YYYY-MM-DD
    comment = tags.getall("COMM")[0].text[0]
    assert DISCLOSURE in comment and "espeak" in comment
    cover = tags.getall("APIC")[0]
    assert cover.mime == "image/png" and cover.data == tiny_png()
    toc = tags.getall("CTOC")[0]
    assert list(toc.child_element_ids) == [c["id"] for c in edition["manifest"]["chapters"]]


def test_transcript_has_one_cue_per_utterance_in_order(edition):
    track = webvtt.read(str(edition["folder"] / "transcript.vtt"))
    utterances = edition["manifest"]["utterances"]
    assert [c.identifier for c in track] == [u["id"] for u in utterances]
    for caption, utterance in zip(track, utterances, strict=True):
        assert caption.start_time.in_milliseconds() == utterance["start_ms"]
        assert caption.end_time.in_milliseconds() == utterance["end_ms"]
        expected = utterance["written"]
        if utterance["role"] == "figure":
            assert caption.raw_text.startswith("<c.figure>")
            expected = FIGURE_ANNOUNCEMENT + expected
        assert html.unescape(caption.text) == expected


def test_transcript_escapes_cue_text(edition):
    text = (edition["folder"] / "transcript.vtt").read_text(encoding="utf-8")
    assert "<script>" not in text and "<img" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text


def test_chapters_vtt_lists_every_chapter(edition):
    track = webvtt.read(str(edition["folder"] / "chapters.vtt"))
    chapters = edition["manifest"]["chapters"]
    assert [c.identifier for c in track] == [c["id"] for c in chapters]
    assert [html.unescape(c.text) for c in track] == [c["title"] for c in chapters]


def test_chapters_json_is_podcasting_2_0_and_in_order(edition):
    document = json.loads((edition["folder"] / "chapters.json").read_text(encoding="utf-8"))
    assert document["version"] == "1.2.0"
    assert document["fileName"] == f"{BASE_URL}/night/night.mp3"
    chapters = document["chapters"]
    listed = edition["manifest"]["chapters"]
    assert len(chapters) == len(listed)
    starts = [c["startTime"] for c in chapters]
    assert starts == sorted(starts) and starts[0] == 0
    for chapter, source in zip(chapters, listed, strict=True):
        assert set(chapter) <= {"startTime", "endTime", "title", "toc", "img", "url"}
        assert isinstance(chapter["title"], str) and chapter["title"] == source["title"]
        assert chapter["startTime"] == source["start_ms"] / 1000
        assert chapter["endTime"] > chapter["startTime"]
        assert chapter.get("toc", True) is (source["kind"] != "figure")


def test_feed_parses_with_its_namespaces(edition):
    folder = edition["folder"]
    tree = etree.parse(str(folder / "feed.xml"))
    rss = tree.getroot()
    assert rss.tag == "rss" and rss.get("version") == "2.0"
    for prefix, uri in NAMESPACES.items():
        assert rss.nsmap.get(prefix) == uri
    items = rss.findall("channel/item")
    assert len(items) == 1
    item = items[0]
    enclosure = item.find("enclosure")
    assert enclosure.get("url") == f"{BASE_URL}/night/night.mp3"
    assert int(enclosure.get("length")) == (folder / "night.mp3").stat().st_size
    assert enclosure.get("type") == "audio/mpeg"
    assert item.findtext("title") == edition["manifest"]["title"]
    assert item.find("itunes:duration", NAMESPACES) is not None
    transcript = item.find("podcast:transcript", NAMESPACES)
    assert transcript.get("url") == f"{BASE_URL}/night/transcript.vtt"
    assert transcript.get("type") == "text/vtt"
    chapters = item.find("podcast:chapters", NAMESPACES)
    assert chapters.get("url") == f"{BASE_URL}/night/chapters.json"
    assert chapters.get("type") == "application/json+chapters"
    channel = rss.find("channel")
    assert channel.findtext("link") == f"{BASE_URL}/night/index.html"
    assert channel.find("itunes:image", NAMESPACES).get("href") == f"{BASE_URL}/night/cover.png"
    assert DISCLOSURE in item.findtext("description")


class _Page(HTMLParser):
    """Collects the page's text (outside script and style) and its script elements."""

    def __init__(self) -> None:
        super().__init__()
        self.text: list[str] = []
        self.scripts: list[str] = []
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self._in: str | None = None

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))
        if tag in ("script", "style"):
            self._in = tag
            if tag == "script":
                self.scripts.append("")

    def handle_endtag(self, tag):
        if tag == self._in:
            self._in = None

    def handle_data(self, data):
        if self._in == "script":
            self.scripts[-1] += data
        elif self._in is None:
            self.text.append(data)


def test_player_page_shows_article_text_as_text(edition):
    page = _Page()
    page.feed((edition["folder"] / "index.html").read_text(encoding="utf-8"))
    text = "".join(page.text)
    assert EVIL in text
    assert '夜市"新事" & 旧事' in text
    assert '<img src=x onerror=alert(2)>品尝小吃"&"。' in text
    assert len(page.scripts) == 1 and "alert" not in page.scripts[0]
    # The caption's <img onerror=...> stayed text: the only image is the cover, no handlers.
    assert [a for t, a in page.elements if t == "img"] == [
        {"class": "cover", "src": "cover.png", "alt": "", "width": "160", "height": "160"}
    ]
    assert not any(name.startswith("on") for _, a in page.elements for name in a)


def test_player_page_lists_chapters_and_cues(edition):
    source = (edition["folder"] / "index.html").read_text(encoding="utf-8")
    manifest = edition["manifest"]
    for chapter in manifest["chapters"]:
        start = chapter["start_ms"]
        assert f'id="{chapter["id"]}"' in source
        assert f'data-start="{start // 1000}.{start % 1000:03d}"' in source
    for utterance in manifest["utterances"]:
        assert f'id="{utterance["id"]}"' in source
    assert 'lang="zh-CN"' in source
    assert "<audio" in source and 'src="night.mp3"' in source
    assert "<figcaption>" in source  # the photo description, shown as text


def test_formats_picks_the_sidecars(edition):
    root = edition["root"]
    _, result = build(root, "-o", str(root / "few"), "--formats", "transcript,feed")
    assert result.exit_code == 0, result.output
    names = {p.name for p in (root / "few" / "night").iterdir()}
    assert names == {"night.mp3", "script.json", "transcript.vtt", "feed.xml"}
    feed = etree.parse(str(root / "few" / "night" / "feed.xml")).getroot()
    item = feed.find("channel/item")
    assert item.find("podcast:chapters", NAMESPACES) is None  # not written: not linked
    assert item.find("enclosure").get("url") == "night.mp3"  # no --base-url: relative


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        ("all", frozenset(FORMATS)),
        ("none", frozenset()),
        ("html", frozenset({"html"})),
        (" feed , chapters-json ", frozenset({"feed", "chapters-json"})),
    ],
)
def test_parse_formats(spec, expected):
    assert parse_formats(spec) == expected


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--formats", "mp4"], "unknown mp4"),
        (["--base-url", "example.org"], "not an http(s) URL"),
        (["--loudness", "3"], "-40.0<=x<=-5.0"),
    ],
)
def test_bad_options_are_refused(tmp_path, args, message):
    (tmp_path / "night.md").write_text(ARTICLE_MD, encoding="utf-8")
    _, result = build(tmp_path, *args)
    assert result.exit_code == 2 and message in result.output


def test_bad_cover_is_one_line_error(tmp_path):
    (tmp_path / "night.md").write_text(ARTICLE_MD, encoding="utf-8")
    (tmp_path / "cover.gif").write_bytes(b"GIF89a")
    _, result = build(tmp_path, "--cover", str(tmp_path / "cover.gif"))
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [
        f"Error: {tmp_path / 'cover.gif'}: the cover must be a JPEG or PNG image"
    ]
