"""Remakes the shipped word data from whole source lists (a maintainer's tool, not run time).

    pip install -e ".[data]"            # pypinyin-dict
    pip download --no-deps cpca && unzip cpca-*.whl 'cpca/resources/adcodes.csv'
    python -m audiofeature.pronounce.sources cpca/resources/adcodes.csv

writes five files into src/audiofeature/data:

- `lexicon.tsv`: CC-CEDICT's words (pypinyin-dict's `cc_cedict` phrase data, a dictionary kept
  by hand) that pypinyin's own phrase data lacks, holding a polyphonic character that CC-CEDICT
  reads other than that character's commonest reading, with one reading only (身着 shēn zhuó,
  朝阳产业 zhāo yáng, 加德满都 … dū). Words CC-CEDICT gives two readings are left to context,
  and so are words where it contradicts pypinyin's reading of a word inside them, and words
  ending in a particle's character (美的 měi dí is mostly 美 + 的).
- `places.tsv`: every division in cpca's list of China's provinces, prefectures and counties
  (from the administrative division codes of the Ministry of Civil Affairs) whose dictionary
  reading (pypinyin's phrase data, else CC-CEDICT; the full name, else the name without its
  县/区/市 …) is known and that holds a polyphonic character: 丰都县 dū, 余干县 gān,
  穆棱市 líng, and also 将乐县 lè, read right by pypinyin but not safe from the context model
  or a surname rule. A name no dictionary lists is left out: nobody wrote its reading. One
  that contradicts pypinyin's reading of a word inside it (CC-CEDICT's 循化撒拉族自治县 with
  撒 sǎ against 撒拉族 sā) is kept as a comment line, out of use. Then foreign places with
  都 dū (都柏林, 加德满都): CC-CEDICT's every word of three or more characters reading 都 dū.
- `wider.tsv`: the words of CC-CEDICT and of pypinyin-dict's `large_pinyin` (a larger word list
  gathered from many dictionaries, with the errors of its size: 也曾 zēng) that none of
  the lists above has, holding a polyphonic character, where the two agree on each polyphone
  when both list the word, with the same exclusions as `lexicon.tsv` (neutral tones included:
  一下子 zi). CC-CEDICT's hold like `lexicon.tsv`'s, large_pinyin's only where the context
  model is not near-certain or for a neutral tone (see `core`).
- `edges.tsv`: a polyphonic character's reading at the start or at the end of a two-character
  word, where the dictionaries' two-character words (pypinyin's phrase data and CC-CEDICT)
  nearly all agree on it (at least 5 words, 90% of them): 畜 last is chù (牲畜, 家畜), first
  mostly xù (畜牧). It reads a two-character word no dictionary has, where the context model
  is not near-certain (see `core`).
- `not_names.tsv`: words jieba's dictionary tags as person names that CC-CEDICT lists as
  words with the other reading of their first character (盖章 gài, 查尔斯 chá).

Only polyphonic characters may differ from the plain reading (CC-CEDICT's neutral tones in
proper names, 牡丹江 mǔ dan, are dropped), so a data line never changes an unambiguous one.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "data"
# A word ending in one of these is more often a word and a particle (美的, 长了, 行着).
PARTICLES = frozenset("的地得了着过么吗呢吧啊")
# wider.tsv's longest words: longer ones are idioms and names, seldom met.
WIDEST = 4
# Longest first: 自治县 before 县.
DIVISION_SUFFIXES = (
    "自治县",
    "自治州",
    "自治旗",
    "地区",
    "林区",
    "特区",
    "新区",
    "矿区",
    "县",
    "区",
    "市",
    "旗",
    "州",
    "盟",
)


def _digits(entry: list[list[str]]) -> list[str]:
    from audiofeature.pronounce.syllables import to_tone_digits

    return [to_tone_digits(s[0]) for s in entry]


def _differs_on_polyphones(word: str, reading: list[str], against: list[str]) -> bool | None:
    """True when the readings differ on a polyphonic character only; None when they differ on
    a character with one reading or by a neutral tone (data not to be trusted there)."""
    differs = False
    for char, ours, theirs in zip(word, reading, against, strict=True):
        if ours == theirs:
            continue
        if ours.endswith("5") or ours not in _readings(char) or len(_readings(char)) < 2:
            return None
        differs = True
    return differs


def _readings(char: str) -> list[str]:
    """A character's readings in pypinyin's character data (Unihan, the 通用规范汉字表 …)."""
    from pypinyin.constants import PINYIN_DICT

    from audiofeature.pronounce.syllables import to_tone_digits

    found = PINYIN_DICT.get(ord(char))
    return [to_tone_digits(r) for r in found.split(",")] if found else []


def _default(char: str) -> str:
    from audiofeature.pronounce.core import most_common_reading

    return most_common_reading(char) or char


def _contradicts_phrases(word: str, reading: list[str]) -> bool:
    """Whether pypinyin's phrase data reads a word inside `word` otherwise (CC-CEDICT's
    循化撒拉族自治县 has 撒 sǎ, its own 撒拉族 and pypinyin's say sā): sources that disagree
    settle nothing, so such a name is left out."""
    from pypinyin.constants import PHRASES_DICT

    for start in range(len(word)):
        for end in range(start + 2, len(word) + 1):
            entry = PHRASES_DICT.get(word[start:end])
            theirs = _digits(entry) if entry and len(entry) == end - start else None
            if theirs and theirs != reading[start:end] and not any(r[-1] == "5" for r in theirs):
                return True
    return False


def lexicon_lines() -> list[str]:
    from pypinyin.constants import PHRASES_DICT
    from pypinyin_dict.phrase_pinyin_data import cc_cedict

    lines = []
    for word, entry in sorted(cc_cedict.phrases_dict.items()):
        if word in PHRASES_DICT or len(word) < 2 or len(entry) != len(word):
            continue
        if any(len(readings) > 1 for readings in entry):
            continue  # CC-CEDICT itself gives two readings: context decides
        reading = _digits(entry)
        if _contradicts_phrases(word, reading):
            continue  # the sources disagree (循化撒拉族自治县 sǎ against 撒拉族 sā)
        if word[-1] in PARTICLES:
            continue  # 美的 (a brand, měi dí) is far more often 美 + the particle 的
        if _differs_on_polyphones(word, reading, [_default(c) for c in word]):
            lines.append(f"{word}\t{' '.join(reading)}\tcc_cedict")
    return lines


def wider_lines() -> list[str]:
    from pypinyin.constants import PHRASES_DICT
    from pypinyin_dict.phrase_pinyin_data import cc_cedict, large_pinyin

    from audiofeature.pronounce import wordlists
    from audiofeature.pronounce.context import context_model

    model = context_model()

    def polyphonic(char: str) -> bool:
        # only where the context model decides: elsewhere such a word would change nothing
        return model.is_polyphonic(char)

    known = set(PHRASES_DICT)
    for name in (*wordlists.BEFORE_PHRASES, *wordlists.AFTER_PHRASES):
        known.update(wordlists.load(name))
    lines: dict[str, str] = {}
    sources = (
        ("cc_cedict", cc_cedict.phrases_dict, large_pinyin.phrases_dict),
        ("large_pinyin", large_pinyin.phrases_dict, cc_cedict.phrases_dict),
    )
    for source, data, other in sources:
        for word, entry in sorted(data.items()):
            if word in known or word in lines or len(word) < 2 or len(entry) != len(word):
                continue
            if len(word) > WIDEST or word[-1] in PARTICLES or not any(map(polyphonic, word)):
                continue
            if any(len(readings) > 1 for readings in entry):
                continue  # the source itself gives two readings: context decides
            reading = _digits(entry)
            theirs = other.get(word)
            if theirs and len(theirs) == len(word):
                against = _digits(theirs)
                if any(
                    a != b and polyphonic(c) for c, a, b in zip(word, reading, against, strict=True)
                ):
                    continue  # the two sources disagree: neither settles the word
            if _differs_on_polyphones(word, reading, [_default(c) for c in word]) is None:
                continue  # a character with one reading read otherwise: not to be trusted
            if _contradicts_phrases(word, reading):
                continue
            lines[word] = f"{word}\t{' '.join(reading)}\t{source}"
    return sorted(lines.values())


# How many two-character words must read a character's edge one way, and how many of them.
EDGE_WORDS, EDGE_SHARE = 5, 0.9


def edge_lines() -> list[str]:
    from collections import Counter

    from pypinyin.constants import PHRASES_DICT
    from pypinyin_dict.phrase_pinyin_data import cc_cedict

    from audiofeature.pronounce.context import context_model

    model = context_model()
    counts: dict[tuple[str, str], Counter[str]] = {}
    words = {**cc_cedict.phrases_dict, **PHRASES_DICT}  # pypinyin's reading where both list one
    for word, entry in words.items():
        if len(word) != 2 or len(entry) != 2 or any(len(r) > 1 for r in entry):
            continue
        for at, edge in ((0, "first"), (1, "last")):
            if model.is_polyphonic(word[at]):
                counts.setdefault((word[at], edge), Counter())[_digits(entry)[at]] += 1
    lines = []
    for (char, edge), readings in sorted(counts.items()):
        reading, most = readings.most_common(1)[0]
        total = sum(readings.values())
        if total >= EDGE_WORDS and most >= EDGE_SHARE * total and reading in model.options(char):
            lines.append(f"{char}\t{edge}\t{reading}\t{most}/{total}")
    return lines


def places_lines(adcodes: Path) -> list[str]:
    from pypinyin.constants import PHRASES_DICT
    from pypinyin_dict.phrase_pinyin_data import cc_cedict

    from audiofeature.pronounce.core import plain_readings

    with adcodes.open(encoding="utf-8", newline="") as handle:
        names = sorted({row["name"] for row in csv.DictReader(handle)})
    lines: dict[str, str] = {}
    for name in names:
        stem = name
        for suffix in DIVISION_SUFFIXES:
            if name.endswith(suffix) and len(name) - len(suffix) >= 2:
                stem = name[: -len(suffix)]
                break
        for word in dict.fromkeys((name, stem)):
            for source, data in (("pypinyin", PHRASES_DICT), ("cc_cedict", cc_cedict.phrases_dict)):
                entry = data.get(word)
                if entry and len(entry) == len(word) and all(len(r) == 1 for r in entry):
                    reading = _digits(entry)
                    polyphonic = any(len(_readings(c)) > 1 for c in word)
                    line = f"{word}\t{' '.join(reading)}\t{source}\t{name}"
                    if not polyphonic or (
                        _differs_on_polyphones(word, reading, plain_readings(word)) is None
                    ):
                        pass
                    elif _contradicts_phrases(word, reading):
                        # kept as data, out of use: the sources disagree
                        lines.setdefault(word, f"# disagrees with pypinyin: {line}")
                    else:
                        lines.setdefault(word, line)
                    break
    # Foreign places in their standard Chinese spelling, where 都 is dū as in 首都 (the adverb
    # is dōu): CC-CEDICT's every word of three characters or more that reads 都 dū.
    for word, entry in sorted(cc_cedict.phrases_dict.items()):
        if len(word) < 3 or word in lines or "都" not in word or len(entry) != len(word):
            continue
        if any(len(r) != 1 for r in entry):
            continue
        reading = _digits(entry)
        if all(reading[i] == "du1" for i, c in enumerate(word) if c == "都") and (
            _differs_on_polyphones(word, reading, plain_readings(word))
        ):
            lines[word] = f"{word}\t{' '.join(reading)}\tcc_cedict\t(都 dū)"
    return sorted(lines.values())


def not_names_lines() -> list[str]:
    """Words jieba's dictionary tags as person names (nr, nrfg, nrt) that begin with a surname
    of our table read otherwise, and that CC-CEDICT lists as words with the other reading:
    盖章 gài, 查尔斯 chá, 任凭 rèn. Such a "name" is not read with the surname reading."""
    from pypinyin_dict.phrase_pinyin_data import cc_cedict

    from audiofeature.pronounce.segment import _jieba_file
    from audiofeature.pronounce.table import load_table, shipped_table_path

    surnames = load_table(shipped_table_path()).surnames
    lines = []
    with _jieba_file("dict.txt").open(encoding="utf-8") as handle:
        for line in handle:
            word, _, tag = line.split()
            if tag not in ("nr", "nrfg", "nrt") or len(word) < 2:
                continue
            surname = surnames.get(word[:2]) if word[:2] in surnames else surnames.get(word[0])
            entry = cc_cedict.phrases_dict.get(word)
            if surname is None or not entry or len(entry) != len(word):
                continue
            reading = _digits(entry)
            if tuple(reading[: len(surname.readings)]) != surname.readings:
                lines.append(f"{word}\t{' '.join(reading)}\tcc_cedict\tjieba {tag}")
    return lines


def _write(name: str, header: str, lines: list[str]) -> None:
    """A data file: one comment line naming its columns, then the lines."""
    (DATA / name).write_text(f"# {header}\n" + "\n".join(lines) + "\n", encoding="utf-8")
    print(f"{name}: {len(lines)}")


def main(argv: list[str]) -> int:  # pragma: no cover - needs pypinyin-dict and cpca's list
    if len(argv) != 1:
        print(__doc__)
        return 2
    made = "made by python -m audiofeature.pronounce.sources"
    _write("lexicon.tsv", f"word\treading\tsource ({made})", lexicon_lines())
    _write(
        "places.tsv",
        f"name\treading\tsource\tdivision ({made} from cpca's adcodes.csv)",
        places_lines(Path(argv[0])),
    )
    _write(
        "wider.tsv",
        f"word\treading\tsource ({made}; weighed against the context model, see core)",
        wider_lines(),
    )
    _write(
        "edges.tsv",
        "character\tedge of a two-character word\treading\twords reading so/all such words"
        f" ({made})",
        edge_lines(),
    )
    _write("not_names.tsv", f"word\treading\tsource\tjieba's tag ({made})", not_names_lines())
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main(sys.argv[1:]))
