"""The seed article's whole spoken script, pinned: one utterance's spoken text per line.

Readings are not pinned here (pronunciation work changes them); only what is said.
UPDATE_GOLDEN=1 rewrites tests/golden/seed_spoken.txt; review the diff before accepting.
"""

from __future__ import annotations

import pytest

from audiofeature.normalize import normalize
from conftest import SEED, check_golden

# (as printed, as said): the expressions the seed turns on, each said the way a newsreader says it.
PINNED = [
    ("10625万元", "一万零六百二十五万元"),  # a count, not digits
    ("2019年", "二零一九年"),  # a year, digit by digit
    ("70%", "百分之七十"),
    ("2期", "两期"),  # 两 before a measure word
    ("1231处", "一千二百三十一处"),
    ("1次合格率", "一次合格率"),
    ("“十三五”", "“十三五”"),  # a slogan stays as written
    ("ISO9001", "艾艾斯欧九零零一"),  # letters spelled (espeak reads pinyin), digits one by one
    ("100%", "百分之百"),
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


@pytest.mark.parametrize(("written", "words"), PINNED)
def test_seed_numbers_are_said_as_a_newsreader_says_them(
    seed_spoken: str, written: str, words: str
) -> None:
    assert words in seed_spoken


@pytest.mark.parametrize(("written", "words"), PINNED)
def test_the_normalizer_says_each_pinned_expression(written: str, words: str) -> None:
    # Behaviour, not test data against test data: the normalizer itself, without the seed.
    assert normalize(written, "spell").spoken == words


def test_no_digit_reaches_the_voice_in_the_seed(seed_spoken: str) -> None:
    assert seed_spoken.strip()
    assert not any(c.isdigit() and c.isascii() for c in seed_spoken)
