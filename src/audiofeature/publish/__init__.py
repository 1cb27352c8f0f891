"""Stage 5: writers, each independent, from an Edition to files in the edition's folder."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from audiofeature.edition import Edition
from audiofeature.publish.chapters_json import write_chapters_json
from audiofeature.publish.chapters_vtt import write_chapters_vtt
from audiofeature.publish.daisy import write_daisy
from audiofeature.publish.epub import write_epub
from audiofeature.publish.feed import write_feed
from audiofeature.publish.info import FORMATS, Publication
from audiofeature.publish.player import write_player
from audiofeature.publish.transcript import write_transcript

Writer = Callable[[Edition, Publication, Path], Path]

WRITERS: dict[str, Writer] = {
    "transcript": write_transcript,
    "chapters-vtt": write_chapters_vtt,
    "chapters-json": write_chapters_json,
    "feed": write_feed,
    "html": write_player,
    "epub": write_epub,  # after the MP3, which the books carry
    "daisy": write_daisy,
}
assert list(WRITERS) == list(FORMATS)


def write_cover(publication: Publication, folder: Path) -> Path | None:
    """The cover beside the MP3, for the feed's itunes:image and the page."""
    if publication.cover is None:
        return None
    path = folder / publication.cover.file_name
    path.write_bytes(publication.cover.data)
    return path


def write_sidecars(edition: Edition, publication: Publication, folder: Path) -> list[Path]:
    """Every sidecar the publication asks for; the MP3 must already be in `folder`."""
    written = []
    if (cover := write_cover(publication, folder)) is not None:
        written.append(cover)
    for name, writer in WRITERS.items():
        if publication.writes(name):
            written.append(writer(edition, publication, folder))
    return written
