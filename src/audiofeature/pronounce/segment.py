"""Words and their parts of speech, from jieba (loaded once, on first use)."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import cache
from typing import Any


@dataclass(frozen=True)
class Token:
    word: str
    tag: str  # jieba's part-of-speech tag: nr person, ns place, v verb …
    start: int

    @property
    def end(self) -> int:
        return self.start + len(self.word)


@cache
def _tagger() -> Any:
    import jieba
    import jieba.posseg

    jieba.setLogLevel(logging.WARNING)  # jieba prints its loading progress otherwise
    return jieba.posseg.dt


def tokens(text: str) -> list[Token]:
    out: list[Token] = []
    at = 0
    for pair in _tagger().cut(text):
        out.append(Token(pair.word, pair.flag, at))
        at += len(pair.word)
    return out
