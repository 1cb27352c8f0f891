"""Dictionary evidence the context model (g2pM) is weighed against, after the lists that go
before it: a word of wider.tsv that jieba also takes for one word (CC-CEDICT's, when it is no
name, holds like lexicon.tsv; large_pinyin's only where the model is not near-certain, or for
a neutral tone), else, for a two-character word no dictionary has, the reading the
dictionaries' two-character words nearly all give the character at that edge (edges.tsv)."""

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


# (sentence, character, reading, the step): the model prefers another reading, and a
# dictionary word that jieba also cuts as one word says this one.
WIDER_WORDS = [
    # CC-CEDICT's words, no names: they hold whatever the model's confidence
    ("这个消息对市场来说是重磅利好", "重", "zhong4", "wider: cc_cedict"),  # the model: chóng
    ("他的病情属于重度感染", "重", "zhong4", "wider: cc_cedict"),
    ("受消息影响港股重挫", "重", "zhong4", "wider: cc_cedict"),
    ("这哪像个样子", "子", "zi5", "wider: cc_cedict"),  # the model: zǐ
    ("他一下子就明白了", "子", "zi5", "wider: cc_cedict"),  # the model: zǐ, near-certain
    ("村子里来了几位客人", "子", "zi5", "wider: cc_cedict"),
    # large_pinyin's: where the model is unsure, or for the neutral tone
    ("记者走进寨子采访村民", "子", "zi5", "wider: large_pinyin, the context model unsure"),
    ("山上有一个寨子", "子", "zi5", "wider: large_pinyin, the neutral tone"),
]


@pytest.mark.parametrize(("text", "char", "expected", "step"), WIDER_WORDS)
def test_a_dictionary_word_overrules_the_model(pronouncer, text, char, expected, step):
    assert model_guess(text, char).best != expected  # the case it is for
    reading = decided(pronouncer, text, char)
    assert (reading.reading, reading.why) == (expected, step)


# (sentence, character, reading, a listed word that reads the character otherwise)
WIDER_CONTROLS = [
    # the model is near-certain, and large_pinyin's 悉数 xīshǔ is not the adverb "all"
    ("警方将涉案人员悉数抓获", "数", "shu4", "悉数"),
    # large_pinyin's "word" 也曾 (zēng) is two words to jieba: not a word here
    ("他也曾想过放弃", "曾", "ceng2", "也曾"),
    # a name: CC-CEDICT's 塞尔维亚 sāi is not how Chinese news says it
    ("塞尔维亚队赢得了比赛", "塞", "sai4", "塞尔维亚"),
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


def test_a_large_list_word_yields_to_a_near_certain_model(pronouncer):
    text = "警方将涉案人员悉数抓获"
    assert model_guess(text, "数").confidence >= NEAR_CERTAIN
    assert wordlists.wider_word("悉数").source == "large_pinyin"


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
    listed = wordlists.wider_word("重磅")
    assert listed is not None and listed.readings == ("zhong4", "bang4")
    assert (listed.list, listed.source) == ("wider", "cc_cedict")
    assert wordlists.wider_word("重") is None
    assert wordlists.wider_word("重磅消息") is None
    assert wordlists.wider_word("磅重") is None


def test_lint_lists_a_reading_that_overruled_the_model(pronouncer):
    report = lint([("u1", "村里的牛畜都赶进了圈")], pronouncer)
    found = [f for f in report.findings if f.kind == "polyphone"]
    assert [(f.text, f.readings) for f in found] == [("畜", ("chu4",))]
    assert found[0].alternatives == ("xu4",)
    assert found[0].confidence is not None and found[0].confidence < 0.5  # the model's view
    assert found[0].decided_by[0][1].startswith("edges: ")
