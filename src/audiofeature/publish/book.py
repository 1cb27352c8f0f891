"""What the two accessible books share: the edition cut into documents of text blocks, each
sentence with its clip of the edition's audio, and the words the books say about themselves.

Both books play the edition's own MP3, whole: every clip is a span of that one file, at the
script.json times. The audio is never split by chapter, so there is no cut to land on an MP3 frame
(24 ms at 24 kHz, which chapter starts do not fall on) and no re-encoding: the book and the
edition hold the same bytes, hence the same samples. EPUB Media Overlays and DAISY 2.02 SMIL both
allow any number of clips from one audio file.
"""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass
from typing import Literal

from audiofeature.edition import Edition, Timed
from audiofeature.publish.info import Publication
from audiofeature.script import PAUSE_SENTENCE, Chapter, Utterance

AUDIO_NAME = "edition.mp3"  # ASCII: EPUB and DAISY file names travel through old zip tools

BlockKind = Literal["title", "subtitle", "byline", "heading", "paragraph", "figure"]


@dataclass(frozen=True)
class Sentence:
    utterance: Utterance
    time: Timed

    @property
    def id(self) -> str:
        return self.utterance.id


@dataclass(frozen=True)
class Block:
    """A heading, a paragraph of sentences, or a figure (its caption, then its description)."""

    kind: BlockKind
    sentences: tuple[Sentence, ...]


@dataclass(frozen=True)
class Document:
    chapter: Chapter
    time: Timed  # the chapter's span of the edition, the silences after its sentences included
    blocks: tuple[Block, ...]

    @property
    def id(self) -> str:
        return self.chapter.id

    @property
    def sentences(self) -> tuple[Sentence, ...]:
        return tuple(s for block in self.blocks for s in block.sentences)

    @property
    def is_figure(self) -> bool:
        return self.chapter.kind == "figure"

    @property
    def heading(self) -> Sentence | None:
        """The sentence that names the document, where the article printed one."""
        for block in self.blocks:
            if block.kind in ("title", "heading"):
                return block.sentences[0]
        return None


def _blocks(chapter: Chapter, times: dict[str, Timed]) -> tuple[Block, ...]:
    blocks: list[Block] = []
    run: list[Sentence] = []
    for utterance in chapter.utterances:
        sentence = Sentence(utterance, times[utterance.id])
        if utterance.role == "figure":
            # A figure's utterances are its caption and then, when the page had one, the
            # description: one figure, whose caption and description are both text.
            if blocks and blocks[-1].kind == "figure":
                blocks[-1] = Block("figure", (*blocks[-1].sentences, sentence))
            else:
                blocks.append(Block("figure", (sentence,)))
            continue
        if utterance.role != "body":
            blocks.append(Block(utterance.role, (sentence,)))
            continue
        run.append(sentence)
        # The script keeps no paragraphs, but it pauses longer after a paragraph's last sentence.
        if utterance.pause_after_ms != PAUSE_SENTENCE:
            blocks.append(Block("paragraph", tuple(run)))
            run = []
    if run:
        blocks.append(Block("paragraph", tuple(run)))
    return tuple(blocks)


def documents(edition: Edition) -> tuple[Document, ...]:
    """One document per chapter, in the edition's order."""
    times = {u.id: t for u, t in edition.timed_utterances()}
    return tuple(
        Document(chapter, timed, _blocks(chapter, times))
        for chapter, timed in edition.timed_chapters()
    )


def identifier(publication: Publication) -> str:
    """The same edition of the same article keeps its identifier across rebuilds."""
    key = f"{publication.slug}\n{publication.title}\n{publication.date.date().isoformat()}"
    return f"urn:uuid:{uuid.UUID(bytes=hashlib.sha256(key.encode()).digest()[:16], version=5)}"


def clock(ms: int) -> str:
    """SMIL 3 full clock value, H:MM:SS.mmm: exact to the millisecond, as script.json is."""
    hours, rest = divmod(ms, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    seconds, millis = divmod(rest, 1000)
    return f"{hours}:{minutes:02d}:{seconds:02d}.{millis:03d}"


def npt(ms: int) -> str:
    """SMIL 1.0 normal play time, as DAISY 2.02 writes clip-begin and clip-end."""
    return f"npt={ms // 1000}.{ms % 1000:03d}s"


def summary(publication: Publication, figures: int) -> str:
    """EPUB's accessibilitySummary and the DAISY book's description: what a reader gets."""
    parts = [
        "本书是文章的有声版本，全文文字与合成语音逐句同步，朗读时高亮当前句子。",
        f"音频由语音合成技术生成（{publication.engine}，{publication.voice}），不是真人朗读。",
        "目录按章节排列，可按标题和句子跳转。",
    ]
    if figures:
        parts.append(f"文中{figures}张图片以图片说明和文字描述呈现，并朗读出来。")
    return "".join(parts)
