"""The shipped word lists are well formed, say where each reading comes from, and never
change the reading of a character that has only one."""

from __future__ import annotations

from importlib import resources

import pytest
from pypinyin.constants import PINYIN_DICT

from audiofeature.pronounce import wordlists
from audiofeature.pronounce.core import plain_readings
from audiofeature.pronounce.syllables import problem
from audiofeature.pronounce.table import load_table, shipped_table_path

LISTS = ("norms", "history", "places", "brands", "lexicon", "wider", "not_names")


def data_lines(name: str) -> list[str]:
    text = (resources.files("audiofeature") / "data" / f"{name}.tsv").read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line and not line.startswith("#")]


@pytest.mark.parametrize("name", LISTS)
def test_every_line_is_a_word_its_reading_and_a_source(name):
    lines = data_lines(name)
    assert len(lines) >= 20
    for line in lines:
        word, reading, source, *_ = line.split("\t")
        syllables = reading.split()
        assert len(syllables) == len(word), line
        assert all(problem(s) is None for s in syllables), line
        assert source.strip(), line
    assert len(wordlists.load(name)) == len({line.split("\t")[0] for line in lines})


@pytest.mark.parametrize("name", ("norms", "places", "brands", "lexicon", "not_names"))
def test_a_listed_reading_changes_only_characters_with_several_readings(name):
    # (history.tsv may: 金日磾 jīn mì dī keeps a reading of 日 that only the name has.)
    changed = 0
    for word, listed in wordlists.load(name).items():
        for char, ours, plain in zip(word, listed.readings, plain_readings(word), strict=True):
            if ours != plain and ours[:-1] != plain[:-1]:
                changed += 1
                assert len(PINYIN_DICT[ord(char)].split(",")) > 1, (word, char)
    assert changed > 0


def test_places_come_from_the_whole_division_list():
    places = wordlists.load("places")
    assert len(places) > 1000
    counties = [w for w in places if w.endswith(("县", "区", "市", "旗"))]
    assert len(counties) > 500
    assert all(listed.source in ("pypinyin", "cc_cedict") for listed in places.values())


def test_not_names_begin_with_a_surname_of_the_table():
    surnames = load_table(shipped_table_path()).surnames
    not_names = wordlists.load("not_names")
    assert not_names
    for word in not_names:
        assert word[0] in surnames or word[:2] in surnames, word


def test_the_first_list_that_has_a_word_decides_it():
    words, prefixes = wordlists.merged()
    assert words["下调"].list == "norms"
    assert "宁都" in prefixes and "宁都县" in words
    found = [(start, word) for start, word, _ in wordlists.find("江西宁都县的脐橙")]
    assert (2, "宁都") in found and (2, "宁都县") in found


@pytest.mark.parametrize(
    "text", ["进行业务培训", "他在蚌埠市工作", "江西宁都县的脐橙上市了", "摄影家曾海明拍摄的照片"]
)
def test_fast_whole_word_tests_agree_with_their_definitions(text):
    from audiofeature.pronounce.core import (
        _Bounds,
        _cuts_a_listed_word,
        _cuts_a_word,
        _within_one,
    )
    from audiofeature.pronounce.segment import tokens

    found = tokens(text)
    bounds = _Bounds(found)
    spans = [(s, e) for s in range(len(text)) for e in range(s + 1, len(text) + 1)]
    assert spans
    for start, end in spans:
        assert bounds.cuts(start, end) == _cuts_a_word(start, end, found)
        assert bounds.cuts_listed(start, end) == _cuts_a_listed_word(start, end, found)
        assert bounds.within_one(start, end - start) == _within_one(start, end - start, found)


def test_the_cached_lists_are_the_lists(tmp_path, monkeypatch):
    import platformdirs

    monkeypatch.setattr(platformdirs, "user_cache_dir", lambda *a, **k: str(tmp_path))
    wordlists._packed.cache_clear()
    try:
        fresh = wordlists._packed()  # builds and keeps the cache
        assert list(tmp_path.glob("wordlists-*.marshal"))
        wordlists._packed.cache_clear()
        cached = wordlists._packed()  # reads it
        assert cached == fresh == wordlists._build()
        assert len(cached["words"]) > 8000 and "盖章" in cached["not_names"]
    finally:
        wordlists._packed.cache_clear()
