"""The seed article read right: readings of the script built the way `build` builds it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from audiofeature.engines import get_engine
from audiofeature.pipeline import make_script

SEED = Path(__file__).resolve().parents[2] / "shared" / "seed" / "000_5d21dd49e8bda41c.txt"


@pytest.fixture(scope="module")
def seed_utterances():
    if not SEED.exists():
        pytest.skip("the seed article (../shared/seed) is not beside this checkout")
    return make_script(SEED, get_engine("espeak")).utterances


def readings_of(utterances, word: str) -> list[tuple[str, ...]]:
    found = []
    for utterance in utterances:
        for match in re.finditer(re.escape(word), utterance.spoken):
            found.append(tuple(utterance.readings[match.start() : match.end()]))
    assert found, f"{word} is not in the seed's script"
    return found


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("曾少石", ("zeng1", "shao3", "shi2")),  # 曾 as a surname, not céng
        ("发制品", ("fa4", "zhi4", "pin3")),  # hair products: fà
        ("调研", ("diao4", "yan2")),
        ("调度", ("diao4", "du4")),
        ("行业", ("hang2", "ye4")),
        ("晏丽君", ("yan4", "li4", "jun1")),
        ("宁如娟", ("ning4", "ru2", "juan1")),  # 宁 as a surname: nìng
        ("了解", ("liao3", "jie3")),
        ("协调", ("xie2", "tiao2")),
        ("执法为民", ("zhi2", "fa3", "wei4", "min2")),  # 为 "for" the people: wèi
    ],
)
def test_seed_word_readings(seed_utterances, word, expected):
    for found in readings_of(seed_utterances, word):
        assert found == expected


def test_chu_after_the_count_of_hazards_is_chu4(seed_utterances):
    # 隐患1231处: whatever words the normalizer gives the number, the 处 after it is chù.
    hits = []
    for utterance in seed_utterances:
        match = re.search(r"隐患[零一二三四五六七八九十百千万两\d]+处", utterance.spoken)
        if match:
            hits.append(utterance.readings[match.end() - 1])
    assert hits == ["chu4"]


def test_every_reading_is_one_per_character(seed_utterances):
    for utterance in seed_utterances:
        assert len(utterance.readings) == len(utterance.spoken)


def test_seed_lines_marked_readings_golden():
    """Every line of the seed without digits or Latin letters (so the normalizer, owned
    elsewhere, does not change it), with the readings that differ from the plain default
    marked: tests/golden/pronounce_seed_marked.txt."""
    from audiofeature.pronounce import Pronouncer, mark_readings
    from conftest import check_golden

    if not SEED.exists():
        pytest.skip("the seed article (../shared/seed) is not beside this checkout")
    pronouncer = Pronouncer.from_files()
    lines = [
        line.strip()
        for line in SEED.read_text(encoding="utf-8").splitlines()
        if line.strip() and not re.search(r"[0-9A-Za-z]", line)
    ]
    marked = "".join(mark_readings(line, pronouncer.readings(line)) + "\n" for line in lines)
    check_golden("pronounce_seed_marked.txt", marked)
