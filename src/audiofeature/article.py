"""Stage 1: an article file becomes an `Article`.

Newspaper exports are laid out for print, not for reading aloud: the headline block can sit in
the middle of the text, paragraphs are cut in two at column breaks, and structure is carried by
markers (`#`, `## ●`, `▲`, `——`). This module repairs the layout and turns every marker into
structure, so no marker ever reaches the spoken text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from audiofeature.errors import ArticleError


@dataclass(frozen=True)
class Credit:
    role: str  # 记者, 通讯员, 摄影 ...
    names: tuple[str, ...]


@dataclass(frozen=True)
class Byline:
    outlet: str  # the paper the credits belong to, may be empty
    credits: tuple[Credit, ...]
    written: str  # the line as printed

    def sentence(self) -> str:
        """The byline as one spoken sentence: 邵阳日报记者宁如娟，通讯员曾少石、陆翔."""
        parts = [f"{c.role}{'、'.join(c.names)}" for c in self.credits]
        return self.outlet + "，".join(parts)


@dataclass(frozen=True)
class Paragraph:
    text: str


@dataclass(frozen=True)
class Figure:
    caption: str
    alt: str = ""
    credit: str = ""


Block = Paragraph | Figure


@dataclass(frozen=True)
class Section:
    heading: str | None  # None for the lead, before the first heading
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class Article:
    title: str
    subtitle: str | None = None
    byline: Byline | None = None
    sections: tuple[Section, ...] = field(default_factory=tuple)

    @property
    def lead(self) -> Section | None:
        if self.sections and self.sections[0].heading is None:
            return self.sections[0]
        return None


# Punctuation that can end a paragraph; a paragraph ending in anything else was cut by the layout.
_CLOSING = "。！？!?…；;：:”’」』）)】》>\"'"
_ROLE_WORDS = (
    "特约记者",
    "实习记者",
    "见习记者",
    "记者",
    "通讯员",
    "实习生",
    "摄影",
    "编辑",
    "撰文",
)
_ROLE_RE = re.compile("(" + "|".join(_ROLE_WORDS) + ")")
_SECTION_MARK = re.compile(r"^[●•◆■□▶►◎○·\s]+")
_FIGURE_MARK = "▲△"
_SUBTITLE_MARK = re.compile(r"^[—–\-─]{2,}\s*")


def read_article_text(path: Path) -> str:
    """Read a text file as UTF-8 (with or without BOM); a clear error when it cannot be read."""
    if not path.exists():
        raise ArticleError(f"{path}: no such file")
    if path.is_dir():
        raise ArticleError(f"{path}: is a directory, not an article file")
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ArticleError(f"{path}: cannot read ({exc.strerror})") from exc
    if b"\x00" in raw[:4096] and not raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ArticleError(f"{path}: looks like a binary file, not an article")
    for encoding in ("utf-8-sig", "utf-16", "gb18030"):
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        if encoding == "utf-16" and not raw.startswith((b"\xff\xfe", b"\xfe\xff")):
            continue
        return text.replace("\r\n", "\n").replace("\r", "\n")
    raise ArticleError(f"{path}: cannot decode the text (not UTF-8, UTF-16 or GB18030)")


def load_article(path: Path) -> Article:
    article = parse_article(read_article_text(path))
    if not article.title and not any(s.blocks for s in article.sections):
        raise ArticleError(f"{path}: the article is empty")
    if not article.title:
        # A file with no headline still deserves a name; the file's stem is what the user chose.
        article = Article(path.stem, article.subtitle, article.byline, article.sections)
    return article


def _blocks_of(text: str) -> list[str]:
    """Split into blank-line-separated blocks; a single newline inside a block stays a break."""
    blocks: list[str] = []
    for chunk in re.split(r"\n\s*\n", text):
        lines = [line.strip().strip("\u3000\u00a0") for line in chunk.split("\n")]
        blocks.extend(line for line in lines if line)
    return blocks


def _parse_byline(line: str) -> Byline | None:
    """A byline names people after role words: 邵阳日报记者 宁如娟 通讯员 曾少石 陆翔."""
    if not _ROLE_RE.search(line) or len(line) > 80 or line[-1] in "。！？":
        return None
    pieces = _ROLE_RE.split(re.sub(r"[（）()]", " ", line))
    outlet = pieces[0].strip()
    credits: list[Credit] = []
    for role, names_text in zip(pieces[1::2], pieces[2::2], strict=True):
        names = tuple(n for n in re.split(r"[\s、，,/]+", names_text) if n)
        if not names:
            continue
        credits.append(Credit(role, names))
    if not credits or any(len(n) > 5 for c in credits for n in c.names):
        return None
    return Byline(outlet=outlet, credits=tuple(credits), written=line)


def _heading_text(line: str) -> tuple[int, str] | None:
    match = re.match(r"^(#{1,6})\s*(.*)$", line)
    if not match:
        return None
    return len(match.group(1)), match.group(2).strip()


def _ends_open(text: str) -> bool:
    return bool(text) and text[-1] not in _CLOSING


def parse_article(text: str) -> Article:
    """Parse plain text or newspaper Markdown into an Article (see the module docstring)."""
    blocks = _blocks_of(text.lstrip("\ufeff"))

    # The headline block: a level-1 heading, optionally a —— subtitle and a byline right after it,
    # wherever it stands. It is lifted out so that what surrounds it reads on without a seam.
    title, subtitle, byline = "", None, None
    for index, line in enumerate(blocks):
        heading = _heading_text(line)
        if heading and heading[0] == 1:
            title = heading[1]
            end = index + 1
            if end < len(blocks):
                sub = _heading_text(blocks[end])
                sub_text = sub[1] if sub else blocks[end]
                if _SUBTITLE_MARK.match(sub_text):
                    subtitle = _SUBTITLE_MARK.sub("", sub_text).strip() or None
                    end += 1
            if end < len(blocks) and _heading_text(blocks[end]) is None:
                byline = _parse_byline(blocks[end])
                if byline:
                    end += 1
            del blocks[index:end]
            break
    if byline is None:
        for index, line in enumerate(blocks[:3]):
            if _heading_text(line) is None and (found := _parse_byline(line)):
                byline = found
                del blocks[index]
                break

    sections: list[Section] = []
    heading: str | None = None
    current: list[Block] = []

    def close_section() -> None:
        if current or heading is not None:
            sections.append(Section(heading, tuple(current)))

    for line in blocks:
        parsed = _heading_text(line)
        if parsed:
            close_section()
            heading = _SECTION_MARK.sub("", parsed[1]).strip() or None
            current = []
            continue
        if line[0] in _FIGURE_MARK:
            caption = line.lstrip(_FIGURE_MARK).strip()
            if caption:
                current.append(Figure(caption=caption))
            continue
        previous = current[-1] if current else None
        if isinstance(previous, Paragraph) and _ends_open(previous.text):
            # Cut by the layout mid-sentence: 标准化试点 / 示范区建设 is one paragraph.
            current[-1] = Paragraph(previous.text + line)
        else:
            current.append(Paragraph(line))
    close_section()
    return Article(title=title, subtitle=subtitle, byline=byline, sections=tuple(sections))
