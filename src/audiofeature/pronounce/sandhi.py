"""Tone sandhi: the tones a speaker actually says, from the dictionary (citation) tones.

Readings in the script stay in citation tones (what an editor proofreads and a dictionary
lists); engines that are driven by pinyin get the surface tones, as the corpora their voices
were trained on are transcribed (Baker: 卡尔普 ka2 er2 pu3, 一个 yi2 ge4). pypinyin has the
same rules (`pypinyin.contrib.tone_sandhi`) but applies them to its own readings, inside its
own segmentation; these work on ours, which come from several sources.
"""

from __future__ import annotations

from collections.abc import Sequence

from audiofeature.pronounce.segment import Token, tokens

# Characters that make 一 part of a number or an ordinal, where it keeps its first tone
# (第一, 一九九八, 十一, 一一零).
_NUMERIC = set("零〇一二三四五六七八九十百千万亿两第")


def _tone(reading: str) -> str:
    return reading[-1] if reading[-1:].isdigit() else ""


def _with_tone(reading: str, tone: str) -> str:
    return reading[:-1] + tone


def surface_tones(
    text: str, readings: Sequence[str], words: Sequence[Token] | None = None
) -> tuple[str, ...]:
    """One reading per character of text, with 一, 不 and third-tone sandhi applied; `words`
    are the segmenter's words of the text, when they are known already."""
    out = list(readings)
    syllables = [i for i, r in enumerate(out) if _tone(r)]
    following = {a: b for a, b in zip(syllables, syllables[1:], strict=False) if b == a + 1}

    if not (any(c in text for c in "一不") or "3" in "".join(out)):
        words: Sequence[Token] = []
    elif words is None:
        words = tokens(text)
    # 一 ending a word of its own keeps its tone whatever follows (统一 思想, 唯一 的).
    word_final = {t.end - 1 for t in words if len(t.word) > 1}

    # Third tone before third tone becomes second, within a word (保管 bao2 guan3); in a run of
    # three or more in one word all but the last rise (展览馆 zhan2 lan2 guan3).
    if any(_tone(r) == "3" for r in out):
        for token in words:
            run = [i for i in range(token.start, token.end) if _tone(out[i]) == "3"]
            contiguous = all(b == a + 1 for a, b in zip(run, run[1:], strict=False))
            if len(run) >= 2 and contiguous:
                for i in run[:-1]:
                    out[i] = _with_tone(out[i], "2")

    for index, char in enumerate(text):
        after = following.get(index)
        if char == "不" and out[index] == "bu4" and after is not None:
            # 不 rises before a falling tone: 不是 bu2 shi4.
            if _tone(out[after]) == "4":
                out[index] = "bu2"
        elif char == "一" and out[index] == "yi1" and after is not None:
            before = text[index - 1] if index else ""
            if before in _NUMERIC or text[after] in _NUMERIC or index in word_final:
                continue  # a number, an ordinal or the end of a word: 第一, 一九九八, 统一
            # Before a falling tone 一 rises (一个 yi2 ge4), before the others it falls (一天 yi4).
            out[index] = "yi2" if _tone(out[after]) == "4" else "yi4"
    return tuple(out)
