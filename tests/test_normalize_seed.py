"""The seed article's whole spoken script, pinned: one utterance's spoken text per line.

Readings are not pinned here (pronunciation work changes them); only what is said.
UPDATE_GOLDEN=1 rewrites tests/golden/seed_spoken.txt; review the diff before accepting.
"""

from __future__ import annotations

import pytest

from conftest import GOLDEN, SEED, check_golden

PINNED = [
    "一万零六百二十五万元",  # 10625万元: a count, not digits
    "二零一九年",  # 2019年: a year, digit by digit
    "百分之七十",  # 70%
    "两期",  # 2期: 两 before a measure word
    "一千二百三十一处",  # 1231处
    "一次合格率",  # 1次合格率
    "“十三五”",  # a slogan stays as written
    "艾艾斯欧九零零一",  # ISO9001: letters spelled (espeak reads pinyin), digits one by one
    "百分之百",  # 100%
]


@pytest.fixture(scope="module")
def seed_spoken() -> str:
    from audiofeature.engines import get_engine
    from audiofeature.pipeline import make_script

    if not SEED.exists():
        pytest.skip("the seed article (../shared/seed) is not beside this checkout")
    script = make_script(SEED, get_engine("espeak"))
    return "".join(u.spoken + "\n" for u in script.utterances)


def test_seed_spoken_script_matches_golden(seed_spoken: str) -> None:
    check_golden("seed_spoken.txt", seed_spoken)


@pytest.mark.parametrize("words", PINNED)
def test_seed_numbers_are_said_as_a_newsreader_says_them(seed_spoken: str, words: str) -> None:
    assert words in seed_spoken


def test_golden_file_pins_the_same_numbers() -> None:
    golden = (GOLDEN / "seed_spoken.txt").read_text(encoding="utf-8")
    for words in PINNED:
        assert words in golden
    assert not any(c.isdigit() and c.isascii() for c in golden)
