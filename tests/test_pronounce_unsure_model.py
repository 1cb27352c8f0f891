"""Where the context model is not near-certain, dictionary evidence decides: a word of
wider.tsv (CC-CEDICT's and large_pinyin's words that the other lists lack) that jieba also
takes for one word, else, for a two-character word no dictionary has, the reading the
dictionaries' two-character words nearly all give the character at that edge (edges.tsv).
A near-certain model keeps its reading, and so does every step before the model."""

from __future__ import annotations

import pytest

from audiofeature.pronounce import Pronouncer, lint, wordlists
from audiofeature.pronounce.context import context_model
from audiofeature.pronounce.core import NEAR_CERTAIN, _edge_reading
from audiofeature.pronounce.segment import tokens


@pytest.fixture(scope="module")
def pronouncer():
    return Pronouncer.from_files()


def decided(pronouncer, text: str, char: str):
    return pronouncer.analyse(text).chars[text.index(char)]


def model_guess(text: str, char: str):
    return context_model().guesses(text)[text.index(char)]


# (sentence, character, reading): the model prefers another reading, unsure, and a
# dictionary word that jieba also cuts as one word says this one.
WIDER_WORDS = [
    ("这个消息对市场来说是重磅利好", "重", "zhong4"),  # 重磅 (the model: chóng)
    ("他的病情属于重度感染", "重", "zhong4"),  # 重度
    ("两市重挫近百点", "重", "zhong4"),  # 重挫
    ("高利贷者对农民层层盘剥", "剥", "bo1"),  # 盘剥 (the model: bāo)
    ("这哪像个样子", "子", "zi5"),  # 样子 (the model: zǐ)
]


@pytest.mark.parametrize(("text", "char", "expected"), WIDER_WORDS)
def test_a_dictionary_word_overrules_an_unsure_model(pronouncer, text, char, expected):
    guess = model_guess(text, char)
    assert guess.best != expected and guess.confidence < NEAR_CERTAIN  # the case it is for
    reading = decided(pronouncer, text, char)
    assert reading.reading == expected
    assert reading.why.startswith("wider: ")


# (sentence, character, reading, a listed word that reads the character otherwise)
WIDER_CONTROLS = [
    # the model is near-certain: large_pinyin's 蠡湖 lí is its own mistake
    ("无锡的蠡湖公园风景很美", "蠡", "li3", "蠡湖"),
    # large_pinyin's "word" 也曾 (zēng) is two words to jieba: not a word here
    ("他也曾想过放弃", "曾", "ceng2", "也曾"),
]


@pytest.mark.parametrize(("text", "char", "expected", "word"), WIDER_CONTROLS)
def test_a_dictionary_word_does_not_overrule_where_it_must_not(
    pronouncer, text, char, expected, word
):
    listed = wordlists.wider_word(word)
    assert listed is not None
    assert listed.readings[word.index(char)] != expected  # the list would say otherwise
    reading = decided(pronouncer, text, char)
    assert reading.reading == expected
    assert reading.source == "context"


def test_a_given_name_keeps_the_model_reading_where_it_is_fairly_sure(pronouncer):
    # 少 in given names is mostly shào (刘少奇): the plain reading (shǎo) is taken only where
    # the model is unsure (below 0.85), not wherever it is short of near-certain
    text = "记者陈少华报道"
    guess = model_guess(text, "少")
    assert guess.best == "shao4" and 0.85 <= guess.confidence < NEAR_CERTAIN
    assert decided(pronouncer, text, "少").reading == "shao4"


def test_the_lists_before_the_model_keep_their_place(pronouncer):
    # 调节 is in pypinyin's phrase data: the model (unsure) is not even asked
    reading = decided(pronouncer, "这把椅子的靠背可以调节", "调")
    assert (reading.reading, reading.why) == ("tiao2", "pypinyin")


def test_an_edge_reads_a_two_character_word_no_dictionary_has(pronouncer):
    text = "村里的牛畜都赶进了圈"
    guess = model_guess(text, "畜")
    assert guess.best == "xu4" and guess.confidence < NEAR_CERTAIN
    reading = decided(pronouncer, text, "畜")
    assert reading.reading == "chu4"  # as in 牲畜, 家畜
    assert reading.why.startswith("edges: ")


@pytest.mark.parametrize(
    ("text", "char", "why"),
    [
        # jieba takes 商都 for a place (a county's name): the adverb stays dōu
        ("各家友商都涨价了", "都", "a name"),
        # 牲畜 is a dictionary word: its own reading holds
        ("草原上的牲畜很多", "畜", "a word"),
    ],
)
def test_an_edge_reads_neither_names_nor_listed_words(text, char, why):
    at = text.index(char)
    token = next(t for t in tokens(text) if t.start <= at < t.end)
    assert len(token.word) == 2  # an edge of a two-character token, the rule's case
    edge = "first" if at == token.start else "last"
    assert (char, edge) in wordlists.edges()
    assert _edge_reading(text, tokens(text), at) is None, why


def test_edges_hold_only_readings_the_model_knows():
    model = context_model()
    edges = wordlists.edges()
    assert len(edges) > 100
    for (char, edge), (reading, share) in edges.items():
        assert edge in ("first", "last")
        assert reading in model.options(char), char
        most, total = map(int, share.split("/"))
        assert total >= 5 and most >= 0.9 * total, (char, edge, share)


def test_a_listed_word_is_found_and_not_its_prefix_or_extension():
    # the lines are searched by bisection: a word's prefix and its extensions sort beside it
    listed = wordlists.wider_word("盘剥")
    assert listed is not None and listed.readings == ("pan2", "bo1")
    assert listed.list == "wider" and listed.source in ("cc_cedict", "large_pinyin")
    assert wordlists.wider_word("盘") is None
    assert wordlists.wider_word("盘剥者们") is None
    assert wordlists.wider_word("剥盘") is None


def test_lint_lists_a_reading_that_overruled_the_model(pronouncer):
    report = lint([("u1", "村里的牛畜都赶进了圈")], pronouncer)
    found = [f for f in report.findings if f.kind == "polyphone"]
    assert [(f.text, f.readings) for f in found] == [("畜", ("chu4",))]
    assert found[0].alternatives == ("xu4",)
    assert found[0].confidence is not None and found[0].confidence < 0.5  # the model's view
    assert found[0].decided_by[0][1].startswith("edges: ")
