"""Turn readings into the pinyin line that pinyin-driven engines are given."""

from __future__ import annotations

import re

SYLLABLE = re.compile(r"^[a-zü]+[1-5]$")
# Pauses the engines understand: a comma for a short break, a full stop for a long one.
SHORT_BREAK = set('，、,：:（）()—“”‘’"《》「」『』')
LONG_BREAK = set("。！？!?；;…")


def pinyin_line(text: str, readings: tuple[str, ...]) -> str:
    """Syllables separated by spaces, with ',' and '.' where the text pauses."""
    out: list[str] = []
    for char, reading in zip(text, readings, strict=True):
        if SYLLABLE.match(reading):
            out.append(reading.replace("ü", "v"))
        elif char in LONG_BREAK:
            if out and out[-1] not in (",", "."):
                out.append(".")
            elif out and out[-1] == ",":
                out[-1] = "."
        elif char in SHORT_BREAK and out and out[-1] not in (",", "."):
            out.append(",")
    while out and out[0] in (",", "."):
        out.pop(0)
    return " ".join(out)
