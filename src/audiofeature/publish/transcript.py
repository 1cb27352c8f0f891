"""transcript.vtt: one cue per utterance, the written text, timed from the assembled audio.

Podcast apps (Podcasting 2.0 `podcast:transcript`) and the browser's <track> both read WebVTT.
Figure descriptions are marked twice: a `figure` class span for software, and the spoken
announcement (图片说明：) in the text for people, as the listener hears it.
"""

from __future__ import annotations

from pathlib import Path

from webvtt import WebVTT

from audiofeature.edition import Edition
from audiofeature.publish.info import Publication
from audiofeature.publish.vtt import cue, cue_text
from audiofeature.script import FIGURE_ANNOUNCEMENT, Utterance


def cue_markup(utterance: Utterance) -> str:
    if utterance.role == "figure":
        return f"<c.figure>{cue_text(FIGURE_ANNOUNCEMENT + utterance.written)}</c>"
    if utterance.generated:
        return f"<c.note>{cue_text(utterance.written)}</c>"
    return cue_text(utterance.written)


def transcript(edition: Edition) -> WebVTT:
    captions = [
        cue(u.id, t.start_ms, t.end_ms, cue_markup(u)) for u, t in edition.timed_utterances()
    ]
    return WebVTT(captions=captions)


def write_transcript(edition: Edition, publication: Publication, folder: Path) -> Path:
    path = folder / "transcript.vtt"
    path.write_text(transcript(edition).content, encoding="utf-8")
    return path
