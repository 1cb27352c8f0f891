"""index.html: a self-contained player page beside the MP3.

The audio, a chapter list whose buttons seek, and the whole transcript, lit sentence by
sentence as it plays; photo descriptions are shown as text. Everything works from the keyboard
(native buttons and audio controls, a skip link), and the page labels itself as the audio
version of a text (WCAG's "media alternative for text").

Jinja2 with autoescaping renders it, so every piece of article text is escaped by default, in
text and in attributes alike; the only unescaped values are our own script and stylesheet. The
script's hash goes into a Content-Security-Policy, so even text that slipped through escaping
could not run as script. The page links to its files by relative names, so the folder can be
served from anywhere or opened from disk.
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from urllib.parse import quote

from jinja2 import Environment, select_autoescape
from markupsafe import Markup

from audiofeature import __version__
from audiofeature.edition import Edition, Timed
from audiofeature.publish.info import SIDECARS, Publication
from audiofeature.script import FIGURE_ANNOUNCEMENT, PAUSE_PARAGRAPH, Utterance

LINK_LABELS = {
    "transcript": "文字稿（WebVTT）",
    "chapters-vtt": "章节（WebVTT）",
    "chapters-json": "章节（JSON）",
    "feed": "播客订阅（RSS）",
}


@dataclass(frozen=True)
class CueView:
    id: str
    text: str
    start: str
    end: str


@dataclass
class BlockView:
    kind: str  # title, subtitle, byline, note, heading, body, figure
    cues: list[CueView] = field(default_factory=list)


@dataclass(frozen=True)
class SectionView:
    id: str
    kind: str
    title: str
    blocks: list[BlockView]


def seconds(ms: int) -> str:
    """Exact decimal seconds for data attributes: media time is in seconds."""
    return f"{ms // 1000}.{ms % 1000:03d}"


def clock(ms: int) -> str:
    total = ms // 1000
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def _block_kind(utterance: Utterance) -> str:
    if utterance.generated:
        return "note"
    return utterance.role


def _sections(edition: Edition) -> list[SectionView]:
    times = dict(
        zip((u.id for u in edition.script.utterances), edition.utterance_times, strict=True)
    )
    sections = []
    for chapter, _ in edition.timed_chapters():
        blocks: list[BlockView] = []
        open_paragraph = False
        for utterance in chapter.utterances:
            timed: Timed = times[utterance.id]
            kind = _block_kind(utterance)
            view = CueView(
                utterance.id, utterance.written, seconds(timed.start_ms), seconds(timed.end_ms)
            )
            # Sentences of one paragraph share a <p>: the script marks a paragraph's end with
            # the longer pause that follows its last sentence.
            if kind == "body" and open_paragraph and blocks[-1].kind == "body":
                blocks[-1].cues.append(view)
            else:
                blocks.append(BlockView(kind, [view]))
            open_paragraph = kind == "body" and utterance.pause_after_ms < PAUSE_PARAGRAPH
        sections.append(SectionView(chapter.id, chapter.kind, chapter.title, blocks))
    return sections


@cache
def _asset(name: str) -> str:
    return resources.files("audiofeature.publish").joinpath(name).read_text(encoding="utf-8")


@cache
def _environment() -> Environment:
    return Environment(
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )


def page_html(edition: Edition, publication: Publication) -> str:
    pub = publication
    script = _asset("player.js")
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
    chapters = [
        {
            "id": chapter.id,
            "kind": chapter.kind,
            "title": chapter.title,
            "start": seconds(timed.start_ms),
            "end": seconds(timed.end_ms),
            "clock": clock(timed.start_ms),
            "first_cue": chapter.utterances[0].id,
        }
        for chapter, timed in edition.timed_chapters()
    ]
    links = [
        {"href": SIDECARS[name], "label": label}
        for name, label in LINK_LABELS.items()
        if pub.writes(name)
    ]
    template = _environment().from_string(_asset("player.html.j2"))
    return template.render(
        pub=pub,
        version=__version__,
        mp3=quote(pub.mp3_name),  # the slug may hold any letter: a URL path needs it quoted
        cover=pub.cover.file_name if pub.cover else None,
        chapters=chapters,
        sections=_sections(edition),
        links=links,
        figure_label=FIGURE_ANNOUNCEMENT,
        # Our own code, not article text: the only values rendered unescaped.
        script=Markup(script),
        style=Markup(_asset("player.css")),
        script_hash=f"sha256-{digest}",
    )


def write_player(edition: Edition, publication: Publication, folder: Path) -> Path:
    path = folder / SIDECARS["html"]
    path.write_text(page_html(edition, publication), encoding="utf-8")
    return path
