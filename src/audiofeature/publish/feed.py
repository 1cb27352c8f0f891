"""feed.xml: an RSS 2.0 podcast feed holding this one edition.

feedgen writes the RSS and the iTunes tags. It has no extension for the Podcasting 2.0
namespace (`podcast:chapters`, `podcast:transcript`), and its itunes:explicit accepts only the
old yes/no/clean where Apple now documents true/false, so a small feedgen extension below adds
those elements through feedgen's own extension hook.
"""

from __future__ import annotations

import uuid
from pathlib import Path

from feedgen.ext.base import BaseEntryExtension, BaseExtension
from feedgen.feed import FeedGenerator
from feedgen.util import xml_elem
from lxml import etree

from audiofeature import __version__
from audiofeature.edition import Edition
from audiofeature.publish.chapters_json import MIME as CHAPTERS_MIME
from audiofeature.publish.info import SIDECARS, Publication

PODCAST_NS = "https://podcastindex.org/namespace/1.0"
ITUNES_NS = "http://www.itunes.com/dtds/podcast-1.0.dtd"
CATEGORY = "News"  # Apple's category list; a newspaper article read aloud is news


class _PodcastIndexFeed(BaseExtension):
    def extend_ns(self) -> dict[str, str]:
        return {"podcast": PODCAST_NS}

    def extend_rss(self, feed: etree._Element) -> etree._Element:
        channel = feed[0]
        xml_elem(f"{{{ITUNES_NS}}}explicit", channel).text = "false"
        return feed


class _PodcastIndexEntry(BaseEntryExtension):
    def __init__(self) -> None:
        self.transcript: tuple[str, str] | None = None  # url, language
        self.chapters: str | None = None  # url

    def extend_rss(self, entry: etree._Element) -> etree._Element:
        if self.transcript:
            url, language = self.transcript
            xml_elem(
                f"{{{PODCAST_NS}}}transcript", entry, url=url, type="text/vtt", language=language
            )
        if self.chapters:
            xml_elem(f"{{{PODCAST_NS}}}chapters", entry, url=self.chapters, type=CHAPTERS_MIME)
        return entry


def _duration(ms: int) -> str:
    seconds = round(ms / 1000)
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    return f"{hours:02d}:{minutes:02d}:{seconds:02d}"


def feed_xml(edition: Edition, publication: Publication, mp3_size: int) -> bytes:
    pub = publication
    page = pub.url(SIDECARS["html"]) if pub.writes("html") else pub.folder_url
    cover = pub.url(pub.cover.file_name) if pub.cover else None

    fg = FeedGenerator()
    fg.load_extension("podcast")
    fg.register_extension("podcastindex", _PodcastIndexFeed, _PodcastIndexEntry, atom=False)
    fg.title(pub.title)
    if pub.base_url:
        fg.link(href=pub.url(SIDECARS["feed"]), rel="self")
    fg.link(href=page, rel="alternate")  # last: feedgen takes the last link for RSS's <link>
    fg.description(pub.description)
    fg.language(pub.language.lower())
    fg.author({"name": pub.artist})
    fg.generator("audiofeature", __version__)
    fg.lastBuildDate(pub.date)
    fg.podcast.itunes_author(pub.artist)
    fg.podcast.itunes_category(CATEGORY)
    fg.podcast.itunes_summary(pub.description)
    fg.podcast.itunes_type("episodic")
    if cover:
        fg.image(url=cover, title=pub.title, link=page)
        fg.podcast.itunes_image(cover)

    entry = fg.add_entry()
    entry.title(pub.title)
    # Stable across rebuilds of the same article, so an app does not list a fixed typo twice.
    entry.guid(str(uuid.uuid5(uuid.NAMESPACE_URL, f"audiofeature:{pub.slug}")), permalink=False)
    entry.link(href=page)
    entry.description(pub.description)
    entry.pubDate(pub.date)
    entry.enclosure(pub.url(pub.mp3_name), str(mp3_size), "audio/mpeg")
    entry.podcast.itunes_author(pub.artist)
    entry.podcast.itunes_duration(_duration(edition.duration_ms))
    entry.podcast.itunes_summary(pub.description)
    entry.podcast.itunes_episode_type("full")
    if cover:
        entry.podcast.itunes_image(cover)
    if pub.writes("transcript"):
        entry.podcastindex.transcript = (pub.url(SIDECARS["transcript"]), pub.language)
    if pub.writes("chapters-json"):
        entry.podcastindex.chapters = pub.url(SIDECARS["chapters-json"])
    return fg.rss_str(pretty=True)


def write_feed(edition: Edition, publication: Publication, folder: Path) -> Path:
    path = folder / SIDECARS["feed"]
    mp3 = folder / publication.mp3_name
    size = mp3.stat().st_size if mp3.exists() else 0
    path.write_bytes(feed_xml(edition, publication, size))
    return path
