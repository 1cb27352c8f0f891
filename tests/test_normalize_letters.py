"""Letters and Roman numerals for the pinyin voices (issue 10, item 4; issue 15).

The pinyin voices are given readings, not characters: the letter names must reach them with
the readings the normalizer chose, each one the local voice can say and the character's own.
"""

from __future__ import annotations

import pytest
from pypinyin import Style, pinyin

from audiofeature.article import parse_article
from audiofeature.engines.local import _FINALS, split_syllable
from audiofeature.normalize import normalize
from audiofeature.normalize.latin import GREEK_NAMES, LETTER_NAMES, spell, spell_readings
from audiofeature.normalize.roman import value
from audiofeature.script import build_script

NAMES = sorted({**LETTER_NAMES, **GREEK_NAMES}.items())


@pytest.mark.parametrize(("letter", "name"), NAMES)
def test_each_letter_name_is_said_with_readings_the_local_voice_has(letter, name) -> None:
    characters, readings = name
    readings = readings.split()
    assert len(readings) == len(characters)
    for reading in readings:
        parts = split_syllable(reading)
        assert parts is not None and parts[1] in _FINALS, (letter, reading)


@pytest.mark.parametrize(("letter", "name"), NAMES)
def test_each_letter_name_reads_its_characters_by_their_own_sound(letter, name) -> None:
    # Never a rare reading of another syllable (诶 as xī): the syllable is one the dictionary
    # gives the character; only the tone of an interjection such as 诶 may differ.
    characters, readings = name
    for character, reading in zip(characters, readings.split(), strict=True):
        own = {p.rstrip("12345") for p in pinyin(character, style=Style.TONE3, heteronym=True)[0]}
        assert reading.rstrip("12345") in own, (letter, character, reading, own)


def test_a_is_said_ei_not_xi() -> None:
    result = normalize("5A级景区", "spell")
    assert result.spoken == "五诶级景区"
    (letters,) = [s for s in result.spans if s.kind == "latin"]
    assert letters.readings == ("ei1",)


def test_spelled_readings_follow_the_spelled_characters() -> None:
    assert spell("GDP") == "吉迪披"
    assert spell_readings("GDP") == ("ji2", "di2", "pi1")
    assert spell_readings("aβ") == ("ei1", "bei4", "ta3")


def test_the_script_gives_the_voice_the_letter_readings_not_the_readers() -> None:
    # A reader that says every character xī, as a context model read 诶: the letters' own
    # readings must win, and everything else keeps the reader's.
    article = parse_article("# 题\n\n这是5A级景区。\n")
    script = build_script(article, lambda text: ["xi1"] * len(text), "spell")
    (utterance,) = [u for u in script.utterances if u.written == "这是5A级景区。"]
    said = dict(zip(utterance.spoken, utterance.readings, strict=True))
    assert said["诶"] == "ei1"
    assert said["级"] == "xi1"


def test_letters_keep_their_readings_when_kept_for_english_voices() -> None:
    result = normalize("5A级景区")
    assert result.spoken == "五A级景区"
    assert all(not s.readings for s in result.spans)


@pytest.mark.parametrize(
    ("numeral", "number"),
    [("Ⅰ", 1), ("Ⅳ", 4), ("Ⅸ", 9), ("Ⅻ", 12), ("ⅩⅣ", 14), ("XIX", 19), ("ⅯⅯⅩⅩⅣ", 2024)],
)
def test_roman_numerals_are_valued(numeral: str, number: int) -> None:
    assert value(numeral) == number


@pytest.mark.parametrize("numeral", ["IIII", "VV", "IC", "XM"])
def test_malformed_roman_numerals_have_no_value(numeral: str) -> None:
    assert value(numeral) is None


@pytest.mark.parametrize("latin", ["keep", "spell"])
def test_roman_numerals_are_numbers_in_both_modes(latin: str) -> None:
    assert normalize("第Ⅲ阶段Ⅱ类", latin).spoken == "第三阶段二类"  # type: ignore[arg-type]
