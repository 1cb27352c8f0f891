"""Stage 5: writers, each independent, from an Edition to files in the edition's folder."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path

from audiofeature.edition import Edition
from audiofeature.publish.info import FORMATS, Publication

Writer = Callable[[Edition, Publication, Path], Path]

# Writers are imported when a build asks for them: lxml, EbookLib, feedgen and jinja2 would cost
# every `script` or `normalize` run a tenth of a second and more of its start, for nothing.
WRITERS: dict[str, str] = {
    "transcript": "transcript:write_transcript",
    "chapters-vtt": "chapters_vtt:write_chapters_vtt",
    "chapters-json": "chapters_json:write_chapters_json",
    "feed": "feed:write_feed",
    "html": "player:write_player",
    "epub": "epub:write_epub",  # after the MP3, which the books carry
    "daisy": "daisy:write_daisy",
}
assert list(WRITERS) == list(FORMATS)


def writer(name: str) -> Writer:
    module, function = WRITERS[name].split(":")
    return getattr(importlib.import_module(f"audiofeature.publish.{module}"), function)


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
    for name in WRITERS:
        if publication.writes(name):
            written.append(writer(name)(edition, publication, folder))
    return written
