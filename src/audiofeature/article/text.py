"""Plain text and newspaper Markdown become raw blocks for the shared rules.

Newspaper exports are laid out for print, not for reading aloud: the headline block can sit in
the middle of the text, paragraphs are cut in two at column breaks, and structure is carried by
markers (`#`, `## ●`, `▲`, `——`). Plain text carries it by position only: a short first line is
the title, a line opening with —— under it the subtitle.
"""

from __future__ import annotations

import re

from audiofeature.article import credits as cr
from audiofeature.article.model import Article, Byline
from audiofeature.article.structure import Head, Raw, build_article, kicker_text

_SECTION_MARK = re.compile(r"^[●•◆■□▶►◎○·\s]+")
_FIGURE_MARK = "▲△"
_SUBTITLE_MARK = re.compile(r"^[—–\-─－]{2,}\s*")
# The title of an official notice runs into its body when a file has no line breaks:
# 关于做好春节期间安全工作的通知各镇（街道）：… The title form 关于…的通知 is fixed by the
# national standard for official documents (GB/T 9704), so it can be cut off safely.
_NOTICE_TITLE = re.compile(
    r"^(关于[^。！？]{2,80}?的(?:通知|通告|公告|决定|意见|批复|报告|函|请示|通报|办法|规定))"
)
TITLE_CHARS = 40


# A notice printed as one physical line sets its paragraphs apart by runs of ideographic
# spaces (the indent of the next paragraph): a run of two or more is a paragraph break.
_PARAGRAPH_RUN = re.compile(r"[ \t]*\u3000{2,}[ \t]*")


def _lines(text: str) -> list[str]:
    """Non-empty lines, stripped; a blank line and a single newline both end a block."""
    split = (part for line in text.split("\n") for part in _PARAGRAPH_RUN.split(line))
    lines = (line.strip().strip("\u3000\u00a0") for line in split)
    return [line for line in lines if line]


def _heading(line: str) -> tuple[int, str] | None:
    match = re.match(r"^(#{1,6})\s*(.*)$", line)
    if not match:
        return None
    return len(match.group(1)), match.group(2).strip()


def _can_be_title(line: str) -> bool:
    return (
        len(line) <= TITLE_CHARS
        and line[-1] not in "。；;，,、：:"
        and not line.startswith(("▲", "△", "（", "("))
        and cr.dateline(line + "。") is None
        and cr.byline_line(line) is None
        and cr.source_line(line) is None
        and not cr.is_editor_line(line)
    )


def _headline(lines: list[str]) -> tuple[Head, list[str]]:
    """Find the headline block and lift it out, so what surrounds it reads on without a seam."""
    title, subtitle, byline = "", None, None
    for index, line in enumerate(lines):
        heading = _heading(line)
        if heading and heading[0] == 1:
            title = heading[1]
            end = index + 1
            if end < len(lines):
                sub = _heading(lines[end])
                sub_text = sub[1] if sub else lines[end]
                if _SUBTITLE_MARK.match(sub_text):
                    subtitle = _SUBTITLE_MARK.sub("", sub_text).strip() or None
                    end += 1
            if end < len(lines) and _heading(lines[end]) is None:
                found = cr.byline_line(lines[end])
                if isinstance(found, Byline):
                    byline = found
                    end += 1
            return Head(title, subtitle, byline), lines[:index] + lines[end:]
    if not lines or any(_heading(line) for line in lines):
        return Head(), lines  # Markdown with no level-1 heading: no title to guess
    notice = _NOTICE_TITLE.match(lines[0])
    if notice and len(lines[0]) > notice.end():
        return Head(notice.group(1)), [lines[0][notice.end() :], *lines[1:]]
    if len(lines) == 1:
        return Head(), lines
    if len(lines) > 2 and (kicker := kicker_text(lines[0])) and _can_be_title(lines[1]):
        # a kicker (引题) ending in a dash over the main title: both are the headline
        lines = [f"{kicker}——{lines[1]}", *lines[2:]]
    elif not _can_be_title(lines[0]):
        return Head(), lines
    end = 1
    if _SUBTITLE_MARK.match(lines[1]):
        subtitle = _SUBTITLE_MARK.sub("", lines[1]).strip() or None
        end = 2
    return Head(lines[0], subtitle), lines[end:]


def text_blocks(text: str) -> tuple[Head, list[Raw]]:
    head, lines = _headline(_lines(text))
    raws: list[Raw] = []
    for line in lines:
        heading = _heading(line)
        if heading:
            raws.append(Raw("heading", _SECTION_MARK.sub("", heading[1]).strip()))
        elif line[0] in _FIGURE_MARK:
            raws.append(Raw("figure", line.lstrip(_FIGURE_MARK).strip()))
        else:
            raws.append(Raw("text", line))
    return head, raws


def parse_text(text: str) -> Article:
    """Parse plain text or newspaper Markdown into an Article (see the module docstring)."""
    head, raws = text_blocks(text.lstrip("\ufeff"))
    return build_article(head, raws, layout_cuts=True)
