"""Words whose reading the dictionaries disagree about: there the context model decides.

pypinyin's phrase data is right for everyday words far more often than the context model
(see `core`), but it has its own mistakes (吡咯 bǐ gē for bǐ luò, 外差 wài chà for wài chā).
Where CC-CEDICT, a dictionary kept by hand, gives a different syllable or tone for one of a
word's polyphonic characters, the word is not taken on trust. (The larger lists in
pypinyin-dict, large_pinyin and zdic, disagree too often for their own faults: zdic reads
连长 lián cháng.) Differences of the neutral tone alone (头发 tóu fa
or tóu fà) are not disputes: both say the same syllable.

The list ships as data (src/audiofeature/data/disputed_words.txt: a word, a tab, the disputed
character positions). It is made from the phrase data of pypinyin and of pypinyin-dict's CC-CEDICT, which is too
large to load at run time; to remake it:

    pip install pypinyin-dict && python -m audiofeature.pronounce.disputes
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path

DATA = "disputed_words.txt"


@cache
def disputed() -> dict[str, frozenset[int]]:
    """Word → positions of its characters whose reading is disputed."""
    path = resources.files("audiofeature") / "data" / DATA
    out: dict[str, frozenset[int]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        word, positions = line.split("\t")
        out[word] = frozenset(int(p) for p in positions.split(","))
    return out


def _make() -> str:  # pragma: no cover - a maintainer's tool, needs pypinyin-dict
    from pypinyin.constants import PHRASES_DICT
    from pypinyin_dict.phrase_pinyin_data import cc_cedict

    from audiofeature.pronounce.context import context_model
    from audiofeature.pronounce.syllables import to_tone_digits

    def digits(entry: list[list[str]]) -> list[str]:
        return [to_tone_digits(s[0]) for s in entry]

    others = [cc_cedict.phrases_dict]
    model = context_model()
    lines = [
        "# Words of pypinyin's phrase data that CC-CEDICT reads differently",
        "# (made by `python -m audiofeature.pronounce.disputes`; see that module).",
    ]
    for word in sorted(PHRASES_DICT):
        ours = digits(PHRASES_DICT[word])
        if len(ours) != len(word):
            continue
        positions = []
        for i, char in enumerate(word):
            if not model.is_polyphonic(char):
                continue
            for table in others:
                entry = table.get(word)
                if not entry or len(entry) != len(word):
                    continue
                theirs = digits(entry)[i]
                same_syllable = theirs[:-1] == ours[i][:-1]
                neutral_only = same_syllable and "5" in (theirs[-1], ours[i][-1])
                if theirs != ours[i] and not neutral_only:
                    positions.append(i)
                    break
        if positions:
            lines.append(f"{word}\t{','.join(map(str, positions))}")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":  # pragma: no cover
    target = Path(__file__).resolve().parents[1] / "data" / DATA
    target.write_text(_make(), encoding="utf-8")
    print(f"{target}: {sum(1 for _ in target.open(encoding='utf-8')) - 2} words")
