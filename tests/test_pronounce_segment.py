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
    "新换代的秃鹰军团有效地辅助了地面部队",
    "",
    "   ",
    "《一站到底》，最终一连击败六位守擂者。",
]


def seed_lines() -> list[str]:
    seed = Path(__file__).resolve().parents[2] / "shared" / "seed" / "000_5d21dd49e8bda41c.txt"
    return seed.read_text(encoding="utf-8").splitlines() if seed.exists() else []


@pytest.mark.parametrize("text", SENTENCES + seed_lines())
def test_same_words_and_tags_as_jieba(text):
    ours = [(t.word, t.tag) for t in tokens(text)]
    theirs = [(pair.word, pair.flag) for pair in jieba.posseg.cut(text)]
    assert ours == theirs


def test_offsets_cover_the_text():
    text = "通讯员曾少石 报道, 2019年"
    found = tokens(text)
    assert "".join(t.word for t in found) == text
    for token in found:
        assert text[token.start : token.end] == token.word
