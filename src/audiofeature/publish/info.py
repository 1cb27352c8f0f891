"""What every writer needs to know about the edition besides its timeline: names, links, cover.

One value, made once by the pipeline, so the MP3 tags, the feed and the player page agree on
title, artist, date and links.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote

from audiofeature.errors import AudiofeatureError
from audiofeature.script import DISCLOSURE

LANGUAGE = "zh-CN"  # BCP 47, for HTML, RSS and WebVTT
ID3_LANGUAGE = "zho"  # ISO 639-2, for ID3's COMM and TLAN

# The sidecars, by the name `--formats` knows them, and the file each one writes. The MP3 and
# script.json are the edition itself (DESIGN.md's output contract) and are always written.
SIDECARS: dict[str, str] = {
    "transcript": "transcript.vtt",
    "chapters-vtt": "chapters.vtt",
    "chapters-json": "chapters.json",
    "feed": "feed.xml",
    "html": "index.html",
}
# The accessible books (DESIGN.md, "Accessible books"): `<slug>.epub` and the folder `daisy/`.
BOOKS: tuple[str, ...] = ("epub", "daisy")
FORMATS: tuple[str, ...] = (*SIDECARS, *BOOKS)


class CoverError(AudiofeatureError):
    """The cover image is missing, unreadable, or not a JPEG or PNG."""


class FormatsError(AudiofeatureError):
    """`--formats` names a sidecar that does not exist."""


@dataclass(frozen=True)
class Cover:
    data: bytes
    mime: str  # image/jpeg or image/png: what ID3 APIC, itunes:image and browsers all take

    @property
    def file_name(self) -> str:
        return "cover.png" if self.mime == "image/png" else "cover.jpg"


def load_cover(path: Path) -> Cover:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise CoverError(f"{path}: cannot read the cover image ({exc.strerror})") from exc
    # Sniffed from the bytes, not the suffix: podcast apps refuse a PNG served as a JPEG.
    if data.startswith(b"\xff\xd8\xff"):
        return Cover(data, "image/jpeg")
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return Cover(data, "image/png")
    raise CoverError(f"{path}: the cover must be a JPEG or PNG image")


def parse_formats(spec: str) -> frozenset[str]:
    """`all`, `none`, or a comma-separated list of sidecar and book names."""
    names = {part.strip() for part in spec.split(",") if part.strip()}
    if names == {"all"}:
        return frozenset(FORMATS)
    if names == {"none"}:
        return frozenset()
    unknown = sorted(names - set(FORMATS))
    if unknown or not names:
        raise FormatsError(
            f"--formats: unknown {', '.join(unknown) or 'empty list'}; choose from "
            f"{', '.join(FORMATS)}, all or none (the MP3 and script.json are always written)"
        )
    return frozenset(names)


def edition_date() -> datetime:
    """Now, or SOURCE_DATE_EPOCH when set, so a rebuild can be byte-for-byte reproducible."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), UTC)
    return datetime.now(UTC).replace(microsecond=0)


@dataclass(frozen=True)
class Publication:
    slug: str
    title: str
    subtitle: str | None
    artist: str  # the paper and the byline's names
    album: str  # the series the edition belongs to: the paper, when known
    byline: str | None  # the byline as printed
    date: datetime
    engine: str
    voice: str
    cover: Cover | None = None
    base_url: str | None = None  # where OUTDIR is served; None: links relative to the folder
    sidecars: frozenset[str] = field(default_factory=lambda: frozenset(FORMATS))
    language: str = LANGUAGE
    disclosure: str = DISCLOSURE

    @property
    def mp3_name(self) -> str:
        return f"{self.slug}.mp3"

    @property
    def comment(self) -> str:
        """The tag that says what this is, beside the spoken line that says it too."""
        return f"{self.disclosure}（语音：{self.engine} {self.voice}）"

    @property
    def description(self) -> str:
        parts = [self.subtitle, self.byline, self.disclosure]
        return "\n".join(part for part in parts if part)

    def writes(self, sidecar: str) -> bool:
        return sidecar in self.sidecars

    def url(self, name: str) -> str:
        """The link to a file of this edition: absolute under --base-url, else relative."""
        if not self.base_url:
            return quote(name)
        return f"{self.base_url.rstrip('/')}/{quote(self.slug)}/{quote(name)}"

    @property
    def folder_url(self) -> str:
        if not self.base_url:
            return "./"
        return f"{self.base_url.rstrip('/')}/{quote(self.slug)}/"
