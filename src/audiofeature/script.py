"""Stage 2: an `Article` becomes a `Script`, the exact words to be spoken, in chapters.

Each utterance keeps what was printed (`written`), what is said (`spoken`), one reading per
spoken character, the span map between them, its role and the pause that follows it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Literal

from audiofeature.article import Article, Figure, Paragraph
from audiofeature.normalize import LatinMode, Normalized, Span, normalize

Role = Literal["title", "subtitle", "byline", "heading", "body", "figure"]
ChapterKind = Literal["front", "section", "figure"]

# Pauses after an utterance, in milliseconds: a listener hears structure as silence.
PAUSE_SENTENCE = 350
PAUSE_PARAGRAPH = 750
PAUSE_BEFORE_BREAK = 1300  # before a heading or a figure: a new chapter starts
PAUSE_AFTER_HEADING = 700
FIGURE_ANNOUNCEMENT = "图片说明："
# A page's alt text that says more than the caption describes what the photo shows.
FIGURE_DESCRIPTION = "画面："
# Said once, after the headline block: a listener must know the voice is synthetic and that
# this is the article read aloud, not a programme of its own.
DISCLOSURE = "本音频由语音合成技术生成，是文章的音频版本。"
CHAPTER_TITLE_CHARS = 18


@dataclass(frozen=True)
class Utterance:
    id: str
    chapter: str
    role: Role
    written: str
    spoken: str
    readings: tuple[str, ...]
    spans: tuple[Span, ...]
    pause_after_ms: int
    generated: bool = False  # not article text: a line the edition says about itself


@dataclass(frozen=True)
class Chapter:
    id: str
    title: str
    kind: ChapterKind
    utterances: tuple[Utterance, ...]


@dataclass(frozen=True)
class Script:
    title: str
    chapters: tuple[Chapter, ...]

    @property
    def utterances(self) -> tuple[Utterance, ...]:
        return tuple(u for chapter in self.chapters for u in chapter.utterances)


Reader = Callable[[str], list[str]]
# role, written text, pause after, spoken prefix [, generated]
_Item = tuple[Role, str, int, str] | tuple[Role, str, int, str, bool]

# A sentence ends at 。！？ (or their ASCII forms) or an ellipsis, taking any closing quotes with
# it. A semicolon is a pause inside a sentence, not an end: splitting there cuts quotations apart.
_SENTENCE_END = re.compile(r"[^。！？!?…]*(?:[。！？!?]+|…+|$)[”’」』）)】》\"']*")


def split_sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE_END.findall(text) if s.strip()]


def _short_title(text: str) -> str:
    text = text.strip()
    if len(text) <= CHAPTER_TITLE_CHARS:
        return text
    return text[:CHAPTER_TITLE_CHARS].rstrip("，,、：:；;") + "…"


Normalizer = Callable[[str, LatinMode], Normalized]


class _Builder:
    def __init__(self, reader: Reader, latin: LatinMode, normalizer: Normalizer) -> None:
        self.reader = reader
        self.latin = latin
        self.normalizer = normalizer
        self.chapters: list[Chapter] = []
        self.pending: list[Utterance] = []
        self.count = 0

    def utterance(
        self,
        chapter: str,
        role: Role,
        written: str,
        pause: int,
        prefix: str = "",
        generated: bool = False,
    ) -> Utterance:
        normalized = self.normalizer(written, self.latin)
        spoken = prefix + normalized.spoken
        shift = len(prefix)
        spans = tuple(
            Span(s.w_start, s.w_end, s.s_start + shift, s.s_end + shift) for s in normalized.spans
        )
        read = list(self.reader(spoken))
        for s in normalized.spans:  # where the normalizer fixed how its words sound (letters)
            if s.readings:
                read[s.s_start + shift : s.s_end + shift] = s.readings
        readings = tuple(read)
        self.count += 1
        return Utterance(
            id=f"u{self.count:04d}",
            chapter=chapter,
            role=role,
            written=written,
            spoken=spoken,
            readings=readings,
            spans=spans,
            pause_after_ms=pause,
            generated=generated,
        )

    def chapter(self, kind: ChapterKind, title: str, items: Iterator[_Item]) -> None:
        chapter_id = f"ch{len(self.chapters) + 1:02d}"
        utterances = tuple(self.utterance(chapter_id, *item) for item in items)
        if not utterances:
            return
        # The last pause of a chapter is the break before whatever comes next.
        last = utterances[-1]
        utterances = utterances[:-1] + (
            Utterance(**{**last.__dict__, "pause_after_ms": PAUSE_BEFORE_BREAK}),
        )
        self.chapters.append(Chapter(chapter_id, title, kind, utterances))


def _paragraph_items(role: Role, text: str) -> Iterator[tuple[Role, str, int, str]]:
    sentences = split_sentences(text)
    for index, sentence in enumerate(sentences):
        last = index == len(sentences) - 1
        yield role, sentence, PAUSE_PARAGRAPH if last else PAUSE_SENTENCE, ""


def build_script(
    article: Article,
    reader: Reader,
    latin: LatinMode = "keep",
    normalizer: Normalizer = normalize,
) -> Script:
    builder = _Builder(reader, latin, normalizer)

    def front() -> Iterator[_Item]:
        yield "title", article.title, PAUSE_PARAGRAPH, ""
        if article.subtitle:
            yield "subtitle", article.subtitle, PAUSE_PARAGRAPH, ""
        if article.byline:
            yield "byline", article.byline.sentence(), PAUSE_PARAGRAPH, ""
        yield "body", DISCLOSURE, PAUSE_PARAGRAPH, "", True
        if article.lead:
            for block in article.lead.blocks:
                if isinstance(block, Paragraph):
                    yield from _paragraph_items("body", block.text)

    builder.chapter("front", article.title, front())

    def figure_items(figure: Figure) -> Iterator[tuple[Role, str, int, str]]:
        yield "figure", figure.caption, PAUSE_PARAGRAPH, FIGURE_ANNOUNCEMENT
        if figure.alt:
            yield "figure", figure.alt, PAUSE_PARAGRAPH, FIGURE_DESCRIPTION
        if figure.credit:
            # who took the photo is said with the photo, once (本报记者 张三 摄)
            yield "figure", figure.credit, PAUSE_PARAGRAPH, ""

    # A figure closes the section it is printed in: the story is read without a break, then its
    # photos, each a chapter of its own that a listener can skip. The same for the lead, whose
    # text is in the front chapter. So a section is always one chapter, as its heading promises.
    for section in article.sections:
        figures = [b for b in section.blocks if isinstance(b, Figure)]
        if section.heading is not None or section is not article.lead:
            run: list[tuple[Role, str, int, str]] = []
            if section.heading:
                run.append(("heading", section.heading, PAUSE_AFTER_HEADING, ""))
            for block in section.blocks:
                if isinstance(block, Paragraph):
                    run.extend(_paragraph_items("body", block.text))
            builder.chapter("section", section.heading or _short_title(article.title), iter(run))
        for figure in figures:
            builder.chapter("figure", _short_title("图：" + figure.caption), figure_items(figure))
    return Script(title=article.title, chapters=tuple(builder.chapters))
