"""Grammar rules for polyphones that the context model and the phrase data both get wrong.

Each rule is general Mandarin grammar, stated where it is written, and applies only where the
word segmentation leaves the character on its own (so a dictionary word such as 重视 or
载客 is never touched).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from audiofeature.pronounce.segment import Token

# Degree adverbs: what follows one is an adjective (很长 cháng, 太重 zhòng, 很差 chà).
DEGREE_1 = frozenset("很太挺较蛮极更最真")
DEGREE_2 = frozenset(
    [
        "非常",
        "特别",
        "比较",
        "十分",
        "相当",
        "这么",
        "那么",
        "多么",
        "如此",
        "有点",
        "更加",
        "格外",
        "极其",
        "越发",
    ]
)
# The reading of a polyphone when it is an adjective.
ADJECTIVE = {
    "长": "chang2",
    "重": "zhong4",
    "好": "hao3",
    "少": "shao3",
    "难": "nan2",
    "薄": "bao2",
    "空": "kong1",
    "强": "qiang2",
    "干": "gan1",
    "横": "heng2",
    "散": "san3",
    "累": "lei4",
    "冲": "chong4",
    "差": "cha4",
    "行": "xing2",
    "正": "zheng4",
}
# 载 counting years (三载, 千载, 数载) is zǎi.
NUMERALS = frozenset("一二三四五六七八九十百千万两半数几多")
# Before a verb, 地 after an adverbial (认真地学习, 有效地辅助) is the particle de.
_CLAUSE_START = re.compile(r"[，,。；;：:！!？?、“”\"（）()《》\s]")
ASPECT = frozenset({"了", "过", "着"})
MANNER_TAGS = frozenset({"a", "ad", "an", "d", "z"})
VERB_READING = {"藏": "cang2", "铺": "pu1"}
VERB_FOLLOWERS = frozenset("了着过好起在到往满住进开上")
ADVERBIAL_TAGS = frozenset({"a", "ad", "d", "z", "i", "l", "ag", "an"})


def _token_at(tokens: Sequence[Token], index: int) -> tuple[int, Token] | None:
    for n, token in enumerate(tokens):
        if token.start <= index < token.end:
            return n, token
    return None


def apply(text: str, tokens: Sequence[Token], index: int) -> str | None:
    """The reading a rule gives the character at `index`, or None when no rule applies."""
    char = text[index]
    found = _token_at(tokens, index)
    if found is None:
        return None
    n, token = found
    alone = len(token.word) == 1
    if char in ADJECTIVE and token.end == index + 1:
        # 很长 (its own word) or 太重 (jieba keeps adverb and adjective together)
        before = text[token.start : index] if not alone else ""
        if alone:
            before = tokens[n - 1].word if n else ""
        if before and (before[-1:] in DEGREE_1 or before[-2:] in DEGREE_2):
            return ADJECTIVE[char]
    if char == "为" and alone:
        # 为 opening a clause, or after a pronoun, conjunction or adverb, is "for, in order to"
        # (wèi): 为推动发展, 他们为此努力, 也为我市经济; unless the clause has a 以 before it
        # (以企业为主体, wéi).
        clause = _CLAUSE_START.split(text[:index])[-1]
        before_tag = tokens[n - 1].tag if n else "x"
        if (not clause or before_tag in ("c", "d", "r")) and "以" not in clause:
            return "wei4"
    if char == "得" and alone and 0 < n < len(tokens) - 1:
        # Between a pronoun and a verb, 得 is the modal "must" (你得去, 我们得想办法): děi.
        before, after = tokens[n - 1], tokens[n + 1]
        if before.tag == "r" and after.tag.startswith("v") and after.word not in ASPECT:
            return "dei3"
    if char == "得" and alone and 0 < n < len(tokens) - 1:
        # After a verb and before how it was done, 得 is the complement marker: 看得过分严重,
        # 跑得快, 说得很清楚 (de).
        before, after = tokens[n - 1], tokens[n + 1]
        if before.tag.startswith("v") and after.tag in MANNER_TAGS:
            return "de5"
    # 藏 and 铺 as verbs (cáng, pū), known by what follows a verb: an aspect particle or a
    # complement (藏好, 藏在, 铺往, 铺满); as nouns they are zàng (西藏) and pù (店铺).
    if (
        char in VERB_READING
        and alone
        and n < len(tokens) - 1
        and tokens[n + 1].word[0] in VERB_FOLLOWERS
    ):
        return VERB_READING[char]
    if char == "载" and index and text[index - 1] in NUMERALS and (alone or token.tag == "m"):
        return "zai3"
    if char == "地" and alone and 0 < n < len(tokens) - 1:
        before, after = tokens[n - 1], tokens[n + 1]
        reduplicated = len(before.word) >= 2 and before.word[0] == before.word[1]
        if (before.tag in ADVERBIAL_TAGS or reduplicated) and after.tag.startswith("v"):
            return "de5"
    return None
