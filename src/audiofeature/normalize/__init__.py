"""Text normalization: written Chinese news copy into the words a newsreader says.

`normalize(text)` returns the spoken text and a map from every spoken span back to the written
span it came from, so captions can show the printed text while the voice says the spoken one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

import cn2an

LatinMode = Literal["keep", "spell"]


@dataclass(frozen=True)
class Span:
    """written[w_start:w_end] is spoken as spoken[s_start:s_end]."""

    w_start: int
    w_end: int
    s_start: int
    s_end: int


@dataclass(frozen=True)
class Normalized:
    written: str
    spoken: str
    spans: tuple[Span, ...]  # only the rewritten stretches; text between them maps one to one


# A dash (破折号) is heard as a pause, never read out; digits go through cn2an for now.
_NUMBER = re.compile(r"\d+(?:\.\d+)?%?|——+|—")


def normalize(text: str, latin: LatinMode = "keep") -> Normalized:
    """Interim normalizer: digits through cn2an (issue 3 replaces it with the rule set)."""
    spoken: list[str] = []
    spans: list[Span] = []
    cursor = 0
    length = 0
    for match in _NUMBER.finditer(text):
        spoken.append(text[cursor : match.start()])
        length += match.start() - cursor
        said = "，" if match.group()[0] == "—" else cn2an.transform(match.group(), "an2cn")
        spans.append(Span(match.start(), match.end(), length, length + len(said)))
        spoken.append(said)
        length += len(said)
        cursor = match.end()
    spoken.append(text[cursor:])
    return Normalized(text, "".join(spoken), tuple(spans))
