"""Latin (and Greek) letters for engines that read only pinyin: spelled with Chinese letter names.

With latin="keep" letters stay as written, for engines that read English (ISO, GDP, iPad).
With latin="spell" every letter is said by its English name written in Chinese characters,
the way Mandarin speakers say letters aloud (ISO 艾艾斯欧, GDP 吉迪披, 5G 五吉).

There is no official table of Chinese characters for English letter names. The set below
follows the renderings common in mainland usage (诶 比 西 迪 伊 艾弗 吉 艾尺 艾 杰 开 艾乐 艾姆
恩 欧 披 丘 阿尔 艾斯 踢 优 维 达布溜 艾克斯 歪 贼), with each character chosen so pypinyin gives
it one reading only (诶 ei2, 乐 le4 not 勒 lei1), since the readings drive the voice.
Greek letters get their customary names (阿尔法, 贝塔, 伽马 …).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from audiofeature.normalize.core import Context, Rule

LETTER_NAMES: dict[str, str] = {
    "A": "诶",
    "B": "比",
    "C": "西",
    "D": "迪",
    "E": "伊",
    "F": "艾弗",
    "G": "吉",
    "H": "艾尺",
    "I": "艾",
    "J": "杰",
    "K": "开",
    "L": "艾乐",
    "M": "艾姆",
    "N": "恩",
    "O": "欧",
    "P": "披",
    "Q": "丘",
    "R": "阿尔",
    "S": "艾斯",
    "T": "踢",
    "U": "优",
    "V": "维",
    "W": "达布溜",
    "X": "艾克斯",
    "Y": "歪",
    "Z": "贼",
}

GREEK_NAMES: dict[str, str] = {
    "α": "阿尔法",
    "β": "贝塔",
    "γ": "伽马",
    "δ": "德尔塔",
    "ε": "艾普西隆",
    "θ": "西塔",
    "λ": "兰姆达",
    "μ": "缪",
    "π": "派",
    "σ": "西格玛",
    "φ": "斐",
    "ω": "欧米伽",
    "Δ": "德尔塔",
    "Ω": "欧米伽",
    "Σ": "西格玛",
}


def spell(text: str) -> str:
    """Each letter by its name: ISO 艾艾斯欧."""
    names = []
    for char in text:
        if char.isascii() and char.isalpha():
            names.append(LETTER_NAMES[char.upper()])
        elif char in GREEK_NAMES:
            names.append(GREEK_NAMES[char])
    return "".join(names)


@dataclass(frozen=True)
class Letters:
    text: str


def _tag(match: re.Match[str], context: Context) -> Letters | None:
    if context.latin != "spell":
        return None
    return Letters(match.group())


_GREEK = "".join(GREEK_NAMES)
LATIN = Rule(
    "latin",
    re.compile(rf"[A-Za-z{_GREEK}]+"),
    _tag,
    lambda t, c: spell(t.text),
    gaps=True,
)

# A slash between letters (GB/T, TCP/IP) is not said: the letters are read as one group.
SLASH = Rule(
    "latin",
    re.compile(r"(?<=[A-Za-z])/(?=[A-Za-z])"),
    lambda m, c: Letters("/"),
    lambda t, c: " ",
)

RULES = [LATIN]
BOTH = [SLASH]
