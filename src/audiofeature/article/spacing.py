"""Spaces in printed Chinese: which are pauses and which are only typesetting."""

from __future__ import annotations

import re

CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
ZERO_WIDTH = re.compile("[\u200b-\u200d\u2060\ufeff\u00ad]")
# Spaces that typesetting puts between characters (张\u00a0三, 李　明 to pad a two-character name):
# not pauses, so they go. An ordinary space between words stays.
_TYPESET_SPACE = re.compile(rf"(?<=[{CJK}])[\u00a0\u3000\u2002-\u200a\u202f\u205f]+(?=[{CJK}])")


def clean(text: str) -> str:
    """Every run of spaces, of any kind, becomes one space."""
    return re.sub(r"[\s\u00a0\u3000]+", " ", ZERO_WIDTH.sub("", text)).strip()


def tidy(text: str) -> str:
    """Typesetting spaces between characters removed, then `clean`."""
    return clean(_TYPESET_SPACE.sub("", ZERO_WIDTH.sub("", text)))
