"""Text normalization: written Chinese news copy into the words a newsreader says.

`normalize(text)` returns the spoken text and a map from every spoken span back to the written
span it came from, so captions can show the printed text while the voice says the spoken one.

Each kind of expression has its module (cardinal, decimal, fraction, percent, date, time,
money, measure, range, phone, code, ordinal, math, latin, punct); each recognizes (tags) and
says (verbalizes) separately, and `rules.RULES` orders them. See core.py for the machinery.
"""

from __future__ import annotations

from collections.abc import Mapping

from audiofeature.normalize.core import LatinMode, Normalized, Span, apply

__all__ = ["LatinMode", "Normalized", "Span", "normalize"]


def normalize(
    text: str,
    latin: LatinMode = "keep",
    said_as: Mapping[str, tuple[str, tuple[str, ...]]] | None = None,
) -> Normalized:
    """Say `text` the way a newsreader would: 2019年 二零一九年, 2期 两期, ISO9001 ISO九零零一.

    latin="spell" also spells Latin letters with Chinese letter names, for engines that read
    only pinyin; "keep" leaves them for engines that read English. With "spell", a Latin
    word in `said_as` (lower case → characters and their readings: a pronunciation table's
    iPhone ài fēng) is said so instead of letter by letter.
    """
    # The rules are compiled on first use (a tenth of a second of regular expressions), so a
    # rebuild that remembers every utterance's normalization never compiles them.
    from audiofeature.normalize.rules import RULES, SPELL_RULES

    return apply(SPELL_RULES if latin == "spell" else RULES, text, latin, said_as)
