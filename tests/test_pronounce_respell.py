"""Respelling for text-only engines: a single-reading homophone where a plain reader errs."""

from __future__ import annotations

import pickle
from importlib import resources

import pytest

from audiofeature.pronounce import Pronouncer, plain_readings, respell_for_text_engine
from audiofeature.pronounce.respell import homophones
from audiofeature.pronounce.syllables import to_tone_digits


@pytest.fixture(scope="module")
def cedict():
    with (resources.files("g2pM") / "digest_cedict.pkl").open("rb") as handle:
        return pickle.load(handle)


def test_zeng_shao_shi_becomes_zeng_with_a_single_reading():
    assert respell_for_text_engine("曾少石", ["zeng1", "shao3", "shi2"]) == "增少石"


@pytest.mark.parametrize(
    "text",
    ["通讯员曾少石报道", "单雄信和查良镛", "记者区志强报道", "发制品行业", "他出生在蚌埠"],
)
def test_a_plain_reader_reads_the_respelled_text_as_we_want(text):
    wanted = Pronouncer.from_files().readings(text)
    respelled = respell_for_text_engine(text, wanted)
    assert len(respelled) == len(text)
    assert plain_readings(respelled) == wanted


def test_nothing_changes_where_the_plain_reading_is_already_right():
    text = "我国经济已由高速增长阶段转向高质量发展阶段。"
    assert respell_for_text_engine(text, plain_readings(text)) == text


def test_no_homophone_keeps_the_character():
    # No character is read only ê: the original stays.
    assert respell_for_text_engine("诶", ["ê5"]) == "诶"


def test_homophones_have_exactly_the_one_reading(cedict):
    from pypinyin.constants import PINYIN_DICT

    table = homophones()
    assert len(table) > 1000
    for reading, char in table.items():
        assert [to_tone_digits(r) for r in cedict[char]] == [reading]
        assert to_tone_digits(PINYIN_DICT[ord(char)].split(",")[0]) == reading


def test_homophones_prefer_common_characters():
    table = homophones()
    assert table["zeng1"] == "增"
    assert table["xie4"] == "谢"
    assert table["ou1"] == "欧"


def test_readings_must_match_the_text():
    with pytest.raises(ValueError):
        respell_for_text_engine("曾少石", ["zeng1"])
