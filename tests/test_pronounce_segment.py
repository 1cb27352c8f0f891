"""Our lazily loaded copy of jieba's tagger gives exactly what jieba.posseg gives."""

from __future__ import annotations

from pathlib import Path

import jieba
import jieba.posseg
import pytest

from audiofeature.pronounce.segment import tokens

jieba.setLogLevel(60)

SENTENCES = [
    "邵阳日报记者宁如娟，通讯员曾少石、陆翔",
    "市委副书记、市长刘事青及副市长晏丽君先后3次到省市场监管局专题汇报质量工作",
    "单雄信和查良镛、解缙、仇英都是名人。",
    "朴槿惠会见了区志强。ISO9001 认证 c++ 3.14 A股",
    "他曾经去过盖州。\t曾国藩的家书\r\n第二行",
    "新组建的支援小队有效地配合了地面行动",
    "",
    "   ",
    "《开心辞典》，最后连续战胜五位对手。",
]
SEED = Path(__file__).resolve().parents[2] / "shared" / "seed" / "000_5d21dd49e8bda41c.txt"


def jieba_words(text: str) -> list[tuple[str, str]]:
    return [(pair.word, pair.flag) for pair in jieba.posseg.cut(text)]


@pytest.mark.parametrize("text", SENTENCES)
def test_same_words_and_tags_as_jieba(text):
    assert [(t.word, t.tag) for t in tokens(text)] == jieba_words(text)


def test_same_words_and_tags_as_jieba_on_the_seed():
    if not SEED.exists():
        pytest.skip("the seed article (../shared/seed) is not beside this checkout")
    lines = SEED.read_text(encoding="utf-8").splitlines()
    assert len(lines) > 10
    differ = [
        line for line in lines if [(t.word, t.tag) for t in tokens(line)] != jieba_words(line)
    ]
    assert differ == []


def test_offsets_cover_the_text():
    text = "通讯员曾少石 报道, 2019年"
    found = tokens(text)
    assert "".join(t.word for t in found) == text
    for token in found:
        assert text[token.start : token.end] == token.word
