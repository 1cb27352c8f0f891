"""Layout marks that must never be voiced: ● ▲ # bullets are dropped; a dash used as punctuation
(——, —) is heard as a pause, "，", or as nothing where punctuation already gives one.

Other punctuation stays as printed: engines pause on ASCII and Chinese marks alike.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from audiofeature.normalize.core import Context, Rule

PAUSE = "，"
_PUNCTUATION = set("，。、；：！？…“”‘’「」『』（）《》〈〉【】,.;:!?\"'()[]")


@dataclass(frozen=True)
class Mark:
    text: str
    spoken: str


# ○ is left alone: it is also the zero of 二○一九. · joins foreign names (卡尔·马克思).
MARKER = Rule(
    "punct",
    re.compile(r"[●▲■◆★☆▼▽◇◎※►▶■□◢◣#＃]+"),
    lambda m, c: Mark(m.group(), ""),
    lambda t, c: t.spoken,
)


def _neighbour(context: Context, index: int, step: int) -> str:
    while 0 <= index < len(context.view) and context.view[index].isspace():
        index += step
    return context.view[index] if 0 <= index < len(context.view) else ""


def _tag_dash(match: re.Match[str], context: Context) -> Mark:
    before = _neighbour(context, match.start() - 1, -1)
    after = _neighbour(context, match.end(), 1)
    if not before or not after or before in _PUNCTUATION or after in _PUNCTUATION:
        return Mark(match.group(), "")
    return Mark(match.group(), PAUSE)


DASH = Rule("punct", re.compile(r"[—―─⸺⸻]+|-{2,}"), _tag_dash, lambda t, c: t.spoken)


def _tag_hyphen(match: re.Match[str], context: Context) -> Mark | None:
    before = context.view[match.start() - 1]
    after = context.view[match.end() : match.end() + 1]
    if context.latin == "keep" and any(c.isascii() and c.isalpha() for c in before + after):
        return None  # Mini-LED: a hyphen inside a word the voice reads in English
    return Mark(match.group(), " ")


# A hyphen left between words once every number around it is read (英超-曼城胜, 2-氨基) is a
# separator no voice should read: a short break, as a space.
HYPHEN = Rule(
    "punct",
    re.compile(r"(?<=[^\W_])\s?-\s?"),
    _tag_hyphen,
    lambda t, c: t.spoken,
)

EARLY = [MARKER]
RULES = [DASH, HYPHEN]
