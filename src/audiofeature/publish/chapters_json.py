"""chapters.json: Podcasting 2.0 JSON chapters (`podcast:chapters`, version 1.2.0).

A figure description is a chapter a listener may skip to or past, but it is not part of the
article's outline: `toc: false` keeps it out of an app's table of contents.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from audiofeature.edition import Edition
from audiofeature.publish.info import Publication

MIME = "application/json+chapters"
VERSION = "1.2.0"


def chapters_document(edition: Edition, publication: Publication) -> dict[str, Any]:
    chapters: list[dict[str, Any]] = []
    for chapter, timed in edition.timed_chapters():
        entry: dict[str, Any] = {
            "startTime": timed.start_ms / 1000,
            "endTime": timed.end_ms / 1000,
            "title": chapter.title,
        }
        if chapter.kind == "figure":
            entry["toc"] = False
        chapters.append(entry)
    return {
        "version": VERSION,
        "title": publication.title,
        "author": publication.artist,
        "podcastName": publication.album,
        "fileName": publication.url(publication.mp3_name),
        "chapters": chapters,
    }


def write_chapters_json(edition: Edition, publication: Publication, folder: Path) -> Path:
    path = folder / "chapters.json"
    document = chapters_document(edition, publication)
    path.write_text(json.dumps(document, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return path
