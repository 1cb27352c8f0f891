"""Latin (and Greek) letters for engines that read only pinyin: said by their Chinese names.

With latin="keep" letters stay as written, for engines that read English (ISO, GDP, iPad).
With latin="spell" every letter is said by the name Mandarin speakers give it (ISO 艾 艾斯 欧,
GDP 吉 迪 披, 5A级 五诶级), written in Chinese characters *and* given its reading: the pinyin
voices say readings, not characters, and the pronunciation stage would read some of these
characters by context (诶 xī, 艾 yì, 乐 yuè, 阿 ē). Each reading is one the local voice can
say (its finals, src/audiofeature/data/syllables.txt) and the character's own, never a rare
one: A is ēi (诶), not the archaic xī. Q's kiù is not Mandarin: qiū is the nearest the voice says.

There is no official table of Chinese letter names. These follow mainland classroom and
broadcast usage: A ēi, B bì, C xī, D dí, E yī, F ài fú, G jí, H ài chǐ, I ài, J jié, K kāi,
L ài lè, M ài mǔ, N ēn, O ōu, P pī, Q qiū, R ā ěr, S ài sī, T tī, U yōu, V wéi, W dá bù liū,
X ài kè sī, Y wāi, Z zéi. Greek letters get their customary names (阿尔法, 贝塔, 伽马 …).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from audiofeature.normalize.core import Context, Rule

# letter: (characters, their readings), one reading per character.
LETTER_NAMES: dict[str, tuple[str, str]] = {
    "A": ("诶", "ei1"),
    "B": ("毕", "bi4"),
    "C": ("西", "xi1"),
    "D": ("迪", "di2"),
    "E": ("伊", "yi1"),
    "F": ("艾弗", "ai4 fu2"),
    "G": ("吉", "ji2"),
    "H": ("艾尺", "ai4 chi3"),
    "I": ("艾", "ai4"),
    "J": ("杰", "jie2"),
    "K": ("开", "kai1"),
    "L": ("艾乐", "ai4 le4"),
    "M": ("艾姆", "ai4 mu3"),
    "N": ("恩", "en1"),
    "O": ("欧", "ou1"),
    "P": ("披", "pi1"),
    "Q": ("丘", "qiu1"),
    "R": ("阿尔", "a1 er3"),
    "S": ("艾斯", "ai4 si1"),
    "T": ("踢", "ti1"),
    "U": ("优", "you1"),
    "V": ("维", "wei2"),
    "W": ("达布溜", "da2 bu4 liu1"),
    "X": ("艾克斯", "ai4 ke4 si1"),
    "Y": ("歪", "wai1"),
    "Z": ("贼", "zei2"),
}

GREEK_NAMES: dict[str, tuple[str, str]] = {
    "α": ("阿尔法", "a1 er3 fa3"),
    "β": ("贝塔", "bei4 ta3"),
    "γ": ("伽马", "ga1 ma3"),
    "δ": ("德尔塔", "de2 er3 ta3"),
    "ε": ("艾普西隆", "ai4 pu3 xi1 long2"),
    "θ": ("西塔", "xi1 ta3"),
    "λ": ("兰姆达", "lan2 mu3 da2"),
    "μ": ("缪", "miu4"),
    "π": ("派", "pai4"),
    "σ": ("西格玛", "xi1 ge2 ma3"),
    "φ": ("斐", "fei3"),
    "ω": ("欧米伽", "ou1 mi3 ga1"),
    "Δ": ("德尔塔", "de2 er3 ta3"),
    "Ω": ("欧米伽", "ou1 mi3 ga1"),
    "Σ": ("西格玛", "xi1 ge2 ma3"),
}


def _name(char: str) -> tuple[str, str] | None:
    if char.isascii() and char.isalpha():
        return LETTER_NAMES[char.upper()]
    return GREEK_NAMES.get(char)


def spell(text: str) -> str:
    """Each letter by its name: ISO 艾艾斯欧."""
    return "".join(name[0] for name in map(_name, text) if name)


def spell_readings(text: str) -> tuple[str, ...]:
    """The readings of spell(text), one per character: ISO ai4 ai4 si1 ou1."""
    return tuple(r for name in map(_name, text) if name for r in name[1].split())


@dataclass(frozen=True)
class Letters:
    text: str
    said: str = ""  # a word said otherwise than by its letters (a table's iPhone 爱疯)
    readings: tuple[str, ...] = ()


def _tag(match: re.Match[str], context: Context) -> Letters | None:
    if context.latin != "spell":
        return None
    word = match.group()
    said_as = context.said_as.get(word.lower())
    if said_as is not None:
        return Letters(word, *said_as)
    return Letters(word)


_GREEK = "".join(GREEK_NAMES)
LATIN = Rule(
    "latin",
    re.compile(rf"[A-Za-z{_GREEK}]+"),
    _tag,
    lambda t, c: t.said or spell(t.text),
    gaps=True,
    readings=lambda t, c: t.readings or spell_readings(t.text),
)

_DIGIT_NAMES = {
    d: (w, r)
    for d, w, r in zip(
        "0123456789",
        "零一二三四五六七八九",
        ["ling2", "yi1", "er4", "san1", "si4", "wu3", "liu4", "qi1", "ba1", "jiu3"],
        strict=True,
    )
}
_JOINTS = {
    ".": ("点", "dian3"),
    "@": ("艾特", "ai4 te4"),
    "-": ("杠", "gang4"),
    "_": ("下划线", "xia4 hua4 xian4"),
}


def _spell_address(text: str) -> tuple[str, tuple[str, ...]]:
    """Letters by name, digits one by one, joints by their Chinese names: 点, 艾特, 杠."""
    said, readings = "", []
    for char in text:
        name = _name(char) or _DIGIT_NAMES.get(char) or _JOINTS.get(char)
        if name:
            said += name[0]
            readings += name[1].split()
    return said, tuple(readings)


@dataclass(frozen=True)
class Address:
    said: str
    readings: tuple[str, ...]


def _tag_address(match: re.Match[str], context: Context) -> Address:
    # A web address is said by its host (tech.example.com: 踢伊西艾尺点…); the scheme and the
    # path are no use to a listener. An e-mail address is said whole, @ as 艾特. Voices that
    # read English get the host as written, its digits in Chinese like every other digit.
    address = match["host"] or match["mail"]
    if context.latin != "spell":
        return Address("".join(_DIGIT_NAMES[c][0] if c.isdigit() else c for c in address), ())
    said, readings = _spell_address(address)
    return Address(said, readings)


ADDRESS = Rule(
    "latin",
    re.compile(
        r"(?:https?://|(?=www\.))(?P<host>[A-Za-z0-9.-]+[A-Za-z0-9])[A-Za-z0-9./~%?=&#:+_-]*"
        r"|(?P<mail>[A-Za-z0-9._+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,})"
    ),
    _tag_address,
    lambda t, c: t.said,
    readings=lambda t, c: t.readings or (),
)

# A slash between letters (GB/T, TCP/IP) is not said: the letters are read as one group.
SLASH = Rule(
    "latin",
    re.compile(r"(?<=[A-Za-z])/(?=[A-Za-z])"),
    lambda m, c: Letters("/"),
    lambda t, c: " ",
)

# A plus ending a name (B+轮, C++) is said 加 by the pinyin voices; voices reading English say plus.
PLUS = Rule(
    "latin",
    re.compile(r"(?<=[A-Za-z])\+{1,2}(?![0-9+])"),
    lambda m, c: Letters(m.group()) if c.latin == "spell" else None,
    lambda t, c: "加" * len(t.text),
    readings=lambda t, c: ("jia1",) * len(t.text),
)

EARLY = [ADDRESS]
RULES = [LATIN, PLUS]
BOTH = [SLASH]
