"""chapters.vtt: the chapters as a WebVTT chapter track (<track kind="chapters">)."""

from __future__ import annotations

from pathlib import Path

from webvtt import WebVTT

from audiofeature.edition import Edition
from audiofeature.publish.info import Publication
from audiofeature.publish.vtt import cue, cue_text


def chapter_track(edition: Edition) -> WebVTT:
    captions = [
        cue(c.id, t.start_ms, t.end_ms, cue_text(c.title)) for c, t in edition.timed_chapters()
    ]
    return WebVTT(captions=captions)


def write_chapters_vtt(edition: Edition, publication: Publication, folder: Path) -> Path:
    path = folder / "chapters.vtt"
    path.write_text(chapter_track(edition).content, encoding="utf-8")
    return path
