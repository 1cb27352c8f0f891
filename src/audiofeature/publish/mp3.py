"""The MP3: encoded by ffmpeg (through pydub), tagged with ID3v2.4 chapters by mutagen.

pydub cannot write CHAP/CTOC frames; mutagen can, so encoding and tagging are two steps.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from mutagen.id3 import (
    APIC,
    CHAP,
    COMM,
    CTOC,
    ID3,
    TALB,
    TCON,
    TDRC,
    TIT2,
    TIT3,
    TLAN,
    TPE1,
    TSSE,
    CTOCFlags,
    PictureType,
)
from mutagen.id3._tags import save_frame

from audiofeature import __version__
from audiofeature.edition import Edition
from audiofeature.publish import mp3frames
from audiofeature.publish.info import ID3_LANGUAGE, Cover, Publication


class _OrderedID3(ID3):
    """ID3 that writes frames in the order they were added.

    mutagen sorts frames by size before writing, which scrambles CHAP frames; ffmpeg and many
    players list chapters in frame order, so the order must be ours. mutagen has no public switch
    for this, hence the override of its (stable since 1.2x) `_write` hook.
    """

    def _write(self, config):  # type: ignore[no-untyped-def]
        return bytearray().join(save_frame(frame, config=config) for frame in self.values())


@dataclass(frozen=True)
class Tags:
    title: str
    artist: str
    album: str
    subtitle: str | None = None
    date: str | None = None  # ISO 8601, as ID3v2.4's TDRC takes it
    comment: str | None = None  # what the edition is: synthesized speech, the article's audio
    language: str = ID3_LANGUAGE
    cover: Cover | None = None
    encoder: str | None = None


def tags_for(publication: Publication) -> Tags:
    return Tags(
        title=publication.title,
        artist=publication.artist,
        album=publication.album,
        subtitle=publication.subtitle,
        date=publication.date.date().isoformat(),
        comment=publication.comment,
        cover=publication.cover,
        encoder=f"audiofeature {__version__}; {publication.engine} {publication.voice}",
    )


def write_mp3(edition: Edition, path: Path, tags: Tags) -> None:
    encode_mp3(edition, path)
    tag_mp3(edition, path, tags)


def encode_mp3(edition: Edition, path: Path) -> None:
    """The audio alone, untagged, in one piece (builds encode in pieces: publish/mastering)."""
    samples = edition.audio.samples
    frames = mp3frames.encode_piece(samples, edition.audio.sample_rate)
    path.write_bytes(mp3frames.join([frames], len(samples)))


def tag_mp3(edition: Edition, path: Path, tags: Tags) -> None:
    """ID3v2.4 tags, chapters in our order and an ordered table of contents, in one save."""
    id3 = _OrderedID3()
    id3.add(TIT2(encoding=3, text=tags.title))
    id3.add(TPE1(encoding=3, text=tags.artist))
    id3.add(TALB(encoding=3, text=tags.album))
    if tags.subtitle:
        id3.add(TIT3(encoding=3, text=tags.subtitle))
    if tags.date:
        id3.add(TDRC(encoding=3, text=tags.date))
    id3.add(TCON(encoding=3, text="Speech"))
    id3.add(TLAN(encoding=3, text=tags.language))
    if tags.comment:
        id3.add(COMM(encoding=3, lang=tags.language, desc="", text=tags.comment))
    if tags.encoder:
        id3.add(TSSE(encoding=3, text=tags.encoder))
    if tags.cover:
        id3.add(
            APIC(
                encoding=3,
                mime=tags.cover.mime,
                type=PictureType.COVER_FRONT,
                desc="cover",
                data=tags.cover.data,
            )
        )
    chapter_ids = []
    for chapter, timed in edition.timed_chapters():
        chapter_ids.append(chapter.id)
        id3.add(
            CHAP(
                element_id=chapter.id,
                start_time=timed.start_ms,
                end_time=timed.end_ms,
                sub_frames=[TIT2(encoding=3, text=chapter.title)],
            )
        )
    id3.add(
        CTOC(
            element_id="toc",
            flags=CTOCFlags.TOP_LEVEL | CTOCFlags.ORDERED,
            child_element_ids=chapter_ids,
            sub_frames=[TIT2(encoding=3, text=tags.title)],
        )
    )
    id3.save(str(path), v2_version=4)
