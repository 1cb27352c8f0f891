"""Grammar rules for polyphones that the context model and the phrase data both get wrong.

Each rule is general Mandarin grammar, stated where it is written, and applies only where the
word segmentation leaves the character on its own (so a dictionary word such as 重视 or
载客 is never touched).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from audiofeature.pronounce.segment import Token

# Characters whose other readings live only inside words: standing alone (a word of one
# character) each has this one. 现代汉语词典 gives 塞 sài and sè, 没 mò, 弄 lòng, 挑 tiǎo,
# 少 shào, 差 chā, chāi and cī, 都 dū only in words (要塞, 闭塞, 沉没, 弄堂, 挑战, 少年,
# 差别, 出差, 参差, 首都); the context model, which learned from few such sentences, reads
# them alone with near certainty all the same (眼睛被塞 sài, 小孩没 mò 啥恶意).
FREE_READING = {
    "塞": "sai1",
    "没": "mei2",
    "弄": "nong4",
    "挑": "tiao1",
    "少": "shao3",
    "差": "cha4",
    "都": "dou1",
}
# Who 分子 (fènzǐ) is a member of: kinds of people by deed or standing.
KINDS_OF_PEOPLE = (
    "犯罪", "诈骗", "不法", "违法", "恐怖", "极端", "黑恶", "涉黑", "涉恶", "腐败",
    "积极", "骨干", "知识", "反动", "敌对", "激进", "暴力", "危险", "分裂", "破坏",
    "投机", "先进", "落后", "贪腐", "犯罪团伙", "走私", "贩毒", "暴恐", "黑社会",
)  # fmt: skip
# What follows 长 "grow": how (得), how far (到), what comes out (出).
GROWN = frozenset({"得", "到", "出", "出来", "出了", "高", "胖", "壮"})
# What follows 累 "tired": how tired.
TIRED_AFTER = frozenset("得坏死垮倒")
# What counts kinds before 种: numerals and demonstratives.
KIND_BEFORE = frozenset("这那各哪某多几每该此同一二三四五六七八九十百千万两")
# What follows 卷 the verb: where it rolls or sweeps things.
ROLLED = frozenset("走起入进成上到")
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
# Before a verb, 地 after an adverbial (认真地学习, 有效地推动) is the particle de.
_CLAUSE_START = re.compile(r"[，,。；;：:！!？?、“”\"（）()《》\s]")
ASPECT = frozenset({"了", "过", "着"})
MANNER_TAGS = frozenset({"a", "ad", "an", "d", "z"})
VERB_READING = {
    "藏": "cang2",
    "铺": "pu1",
    "数": "shu3",
    "量": "liang2",
    "盛": "cheng2",
    "粘": "zhan1",
    "缝": "feng2",
    "扇": "shan1",
}
VERB_FOLLOWERS = frozenset("了着过好起在到往满住进开上")
# Whom a deed is done for: after 为 these make it the preposition "for" (wèi): 为人民服务,
# 执法为民, 为国争光, 为企业办实事. 民 and 国 also inside a set phrase (执政为民, 为国为民).
BENEFICIARIES = frozenset(
    [
        "民", "国", "人民", "群众", "人民群众", "百姓", "老百姓", "民众", "大众", "公众",
        "国家", "祖国", "社会", "企业", "基层", "患者", "病人", "农民", "职工", "员工",
        "游客", "居民", "市民", "村民", "学生", "孩子", "儿童", "老人", "家庭", "家乡",
        "消费者", "用户", "客户", "读者", "观众", "子孙", "后代", "他人", "别人", "大家",
        "你", "您", "我", "他", "她", "我们", "你们", "他们", "她们", "咱们", "其",
    ]
)  # fmt: skip
BENEFICIARY_CHARS = frozenset("民国")
# Verbs that make 为 "as" (wéi) further on in their clause: 以人民为中心, 视群众为亲人,
# 称其为英雄, 选他为代表.
AS_MARKERS = frozenset(
    ["以", "把", "视", "称", "选", "评", "奉", "尊", "拜", "认", "封", "立", "任命", "命名",
     "聘", "推举", "选举", "尊称", "誉"]
)  # fmt: skip
# After these 过 may be the complement "past, across" (拂过脸庞, 穿过街道), not the aspect.
MOTION_VERBS = frozenset("拂穿越跨掠飘走跑飞划闪路经通渡翻跳绕擦流淌滑驶爬游迈冲挤吹漂")
# "Together with": 与 X 同行.
COMPANY = frozenset(["与", "和", "跟", "随", "同", "陪同", "伴随", "随同"])
# What may follow the beneficiary when 为 is "for" without a doubt: anything but a noun or a
# number, which can make 为 the copula (服务对象为企业, 获奖者为国家队选手).
_NOMINAL_TAGS = ("n", "m", "q", "x")
ADVERBIAL_TAGS = frozenset({"a", "ad", "d", "z", "i", "l", "ag", "an"})
# Countries' one-character short names, as news pairs them (中美, 中俄, 中日韩, 中蒙俄).
COUNTRY_SHORT = frozenset("中美俄日韩朝英法德印越泰老缅柬哈吉塔乌土巴澳加意荷葡希埃伊沙菲新马蒙")


def _token_at(tokens: Sequence[Token], index: int) -> tuple[int, Token] | None:
    for n, token in enumerate(tokens):
        if token.start <= index < token.end:
            return n, token
    return None


def _clause_start(text: str, index: int) -> int:
    return index - len(_CLAUSE_START.split(text[:index])[-1])


def _regarded_as(text: str, tokens: Sequence[Token], n: int, index: int) -> bool:
    """Whether a verb of regarding or 以 opens the clause before 为 (以X为Y, 称其为Y)."""
    clause_start = index - len(_CLAUSE_START.split(text[:index])[-1])
    return any(t.word in AS_MARKERS for t in tokens[:n] if t.start >= clause_start)


def _opens_with_yi(word: str) -> bool:
    """Whether a token is 以 "taking …", alone or glued to what follows or to an aspect
    particle before it (以人民, 了以)."""
    return word.startswith("以") or (word.endswith("以") and word[:-1] in ASPECT)


def _counted_rows(text: str, index: int) -> bool:
    """Whether 行 at `index` counts rows or names a trade: after a numeral other than 一
    (两行眼泪, 三行字), or in 这一行, 那一行 (a line of work). 一行 alone is a party that
    travels together (代表团一行: xíng), and so is 这一行人."""
    before = text[index - 1]
    if before in NUMERALS and before not in "一五多数半":  # 五行: the Five Phases, wǔxíng
        return True
    return text[max(0, index - 2) : index] in ("这一", "那一", "哪一") and (
        text[index + 1 : index + 2] != "人"
    )


def _by_whom(tokens: Sequence[Token], n: int) -> bool:
    """Whether 所 stands as a word of its own later in 为's clause (为人们所熟知)."""
    for token in tokens[n + 1 :]:
        if token.tag == "x":
            return False
        if token.word == "所":
            return True
    return False


def _done_for(text: str, tokens: Sequence[Token], n: int, index: int) -> bool:
    """Whether 为 is "for": after its subject, before whom something is done and then the
    deed (热心人士为小欣雨寄来玩具, 公司为客户提供服务); "A 为 B" with no deed after is "is,
    as" (面积为二十万平方米, 中国为世界第二大经济体), and so is 为…所 (为人们所熟知)."""
    if n == 0 or tokens[n - 1].tag.startswith(("v", "p")) or n + 1 >= len(tokens):
        return False
    if not tokens[n + 1].tag.startswith(("n", "r")) or _regarded_as(text, tokens, n, index):
        return False
    clause_start = index - len(_CLAUSE_START.split(text[:index])[-1])
    if any(_opens_with_yi(t.word) for t in tokens[:n] if t.start >= clause_start):
        return False  # 以X为Y, however jieba cut it (以人民 为, 了以 人民 为 中心)
    rest = tokens[n + 2 :]
    for k, token in enumerate(rest):
        if token.tag == "x" or token.word == "所":
            return False  # the clause ended with no deed, or 为…所
        if token.tag.startswith("v") and token.word not in ("是", "为"):
            # A deed goes on to what is done (寄来 玩具, 提供 服务); a "verb" that ends the
            # clause may be a noun jieba mistook (获奖者为国家队选手: wéi).
            return k + 1 < len(rest) and rest[k + 1].tag != "x"
    return False


def _for_whom(text: str, tokens: Sequence[Token], n: int, index: int) -> str | None:
    """wèi for 为 before whom a deed is done (为人民服务, 执法为民), unless a verb of
    regarding or 以 earlier in the clause makes it "as" (以民为本, 视群众为亲人)."""
    token = tokens[n]
    inside = text[token.start : index]  # 执政 in the set phrase 执政为民
    if _regarded_as(text, tokens, n, index) or any(m in inside for m in ("以", "天下")):
        return None
    if index + 1 < token.end:
        # 为 inside a word: 为民, 执政为民, 为国为民 (not 为人, 为公: 为人正直, 天下为公)
        return "wei4" if text[index + 1] in BENEFICIARY_CHARS else None
    if token.start != index or n + 1 >= len(tokens):
        return None  # 为 ends a word: 成为, 作为, 认为 (成为她想要的方向: wéi)
    k = n + 1
    while k < len(tokens) and tokens[k].word in BENEFICIARIES:
        k += 1  # 为人民群众: 人民 then 群众
    if k == n + 1:
        return None
    if k < len(tokens) and not tokens[k].tag.startswith(_NOMINAL_TAGS):
        return "wei4"  # 为人民服务, 为你骄傲
    after_subject = n and tokens[n - 1].tag.startswith("n")
    if k < len(tokens) and tokens[k].tag.startswith("n") and not after_subject:
        # a noun next, but 为 follows a modal or an adverb, not a subject: 要为国家争光
        # (jieba tags 争光 n); after a subject 为 is the copula: 获奖者为国家队选手
        return "wei4"
    if k == n + 2 and tokens[n + 1].word in BENEFICIARY_CHARS:
        return "wei4"  # 为民 at a clause's end: 一心为民
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
    if char == "行" and token.word in ("同行", "结伴同行") and token.end == index + 1:
        # "with someone" then 同行 is travelling together (与总统同行: tóngxíng); 同行 right
        # after 与 is the object, peers in a trade (与同行交流: tóngháng).
        clause = [t for t in tokens[:n] if t.start >= _clause_start(text, index)]
        after = tokens[n + 1] if n + 1 < len(tokens) else None
        # ... and then nothing, 的 or a particle: 与外长同行, 与总统同行的; a verb after it
        # makes 同行 the peers one does something with (与业内同行交流: háng).
        ends = after is None or after.tag == "x" or after.word in ("的", "了", "着", "过")
        for k, t in enumerate(clause):
            if t.word in COMPANY and k + 1 < len(clause) and ends:
                return "xing2"
        if token.word == "结伴同行":
            return "xing2"
    if char == "蒙" and not alone and set(token.word) <= COUNTRY_SHORT:
        # Mongolia's short name is Měng (蒙古 Měnggǔ), in a run of countries' short names the
        # segmenter keeps as one word: 中蒙边境, 中蒙俄经济走廊, 俄蒙两国. Elsewhere 蒙 is méng
        # (蒙受, 启蒙, and the places 蒙山, 蒙阴, 蒙城, 蒙自).
        return "meng3"
    if char == "差" and alone and n and tokens[n - 1].word == "之":
        # X 与 Y 之差: the difference, chā (普通话异读词审音表: 差 chā, 差别, 差额)
        return "cha1"
    if char == "血" and not alone:
        # 普通话异读词审音表: 血 is xuè in compounds and set phrases (献血, 血液, 无偿献血);
        # xiě is colloquial, alone or in a few words listed in norms.tsv (鸡血, 血晕).
        return "xue4"
    if char == "为" and alone and _by_whom(tokens, n):
        # 为…所: the passive "by" (为人们所熟知, 不为外界所知): wéi.
        return "wei2"
    if char == "为":
        served = _for_whom(text, tokens, n, index)
        if served is not None:
            return served
    if char == "为" and alone:
        # 为 opening a clause, or after a pronoun, conjunction or adverb, or after 在 marking
        # what is going on, is "for, in order to" (wèi): 为推动发展, 他们为此努力, 也为我市经济,
        # 还在为这个问题争论; unless 以 or a verb of regarding opens the clause (以企业为主体,
        # 称其为英雄: wéi).
        clause = _CLAUSE_START.split(text[:index])[-1]
        before = tokens[n - 1] if n else None
        after_an_adverb = before is not None and (
            before.tag in ("c", "d", "r") or before.word in ("在", "正在")
        )
        if (not clause or after_an_adverb) and not _regarded_as(text, tokens, n, index):
            return "wei4"
    if char == "为" and alone and _done_for(text, tokens, n, index):
        return "wei4"
    if char == "得" and alone and 0 < n < len(tokens) - 1:
        # Between a pronoun and a verb, 得 is the modal "must" (你得去, 我们得想办法): děi.
        before, after = tokens[n - 1], tokens[n + 1]
        if before.tag == "r" and after.tag.startswith("v") and after.word not in ASPECT:
            return "dei3"
    if char == "得" and alone and 0 < n < len(tokens) - 1:
        # After a verb and before how it was done, 得 is the complement marker: 说得非常清楚,
        # 跑得快, 说得很清楚 (de).
        before, after = tokens[n - 1], tokens[n + 1]
        # After an adjective too, before its degree (好得很, 长得很快), which jieba marks by
        # tagging 得 the particle (ud).
        if (before.tag.startswith("v") or (before.tag == "a" and token.tag == "ud")) and (
            after.tag in MANNER_TAGS or (after.tag != "x" and after.word not in ASPECT)
        ):
            # also a potential or degree complement whatever jieba tags it: 看得过分严重
            return "de5"
    if (
        char == "过"
        and alone
        and token.tag == "ug"
        and n
        and tokens[n - 1].tag.startswith("v")
        and tokens[n - 1].word not in MOTION_VERBS
        and (n + 1 == len(tokens) or tokens[n + 1].word not in ("得", "日子", "年", "节"))
    ):
        # (过得好, 过日子, 过年: 过 is the verb "live, spend", guò)
        # The aspect particle after a verb (探测过, 发生过) is neutral: guo (现代汉语词典).
        return "guo5"
    # 藏, 铺, 数, 量, 盛, 粘, 缝 and 扇 as verbs (cáng, pū, shǔ, liáng, chéng, zhān, féng,
    # shān), known by what follows a verb: an aspect particle or a complement (藏好, 铺满,
    # 盛了一碗饭, 粘在墙上, 缝好); as nouns they are zàng (西藏), pù (店铺), shù, liàng, shèng,
    # nián, fèng and shàn.
    if char in VERB_READING and _reduplicated(text, index):
        # A verb said twice, the second time lighter: 数了数, 量一量, 藏了藏 (the verb reading).
        return VERB_READING[char]
    if char in VERB_READING and alone and text[index + 1 : index + 2] in VERB_FOLLOWERS:
        return VERB_READING[char]
    if (
        char == "中"
        and text[index + 1 : index + 2] in ("了", "过")
        and _after_a_pronoun(tokens, n, index)
    ):
        # Someone 中了: "hit, win" (他中了头奖, 我中过奖), zhòng, which jieba glues to the
        # pronoun (他中); after a noun it is the locative "in" (家中了, 手中了: zhōng).
        return "zhong4"
    if char == "载" and index and text[index - 1] in NUMERALS and (alone or token.tag == "m"):
        return "zai3"
    if char == "地" and alone and token.tag == "n" and n and tokens[n - 1].tag == "m":
        # After a number the noun, places (多地, 三地): the segmenter tags it so.
        return "di4"
    if char == "卷" and alone and n + 1 < len(tokens) and tokens[n + 1].word[0] in ROLLED:
        # The verb "roll, sweep away" before its direction: 卷走, 卷起, 卷入 (juǎn).
        return "juan3"
    if char == "长" and alone and n + 1 < len(tokens) and tokens[n + 1].word in GROWN:
        # "grow": 长得很快, 长到一米八, 长出新芽 (zhǎng; the length cháng takes no such word)
        return "zhang3"
    if char == "尽" and alone and n + 1 < len(tokens) and tokens[n + 1].word[0] in "了到":
        # The verb "exhaust, do one's utmost": 尽了最大努力, 尽到责任 (jìn; jǐn is "let first").
        return "jin4"
    if char == "干" and alone and n and tokens[n - 1].tag == "r":
        # After a pronoun, the verb "do" (我干的, 他干了三年): gàn.
        return "gan4"
    if (
        char == "率"
        and len(token.word) >= 3
        and token.end == index + 1
        and not _listed_exactly(token.word)
        and _a_word(token.word[:-1])
    ):
        # Ending a word the reading lists lack, after a word: the rate lǜ (贡献率, 回报率,
        # 入住率); the verb shuài leads its words (率队, 率先), and 坦率 or 草率 are listed.
        return "lü4"
    if (
        char == "了"
        and index >= 2
        and text[index - 1] in "不得"
        and token.end == index + 1
        and _potential_after_verb(tokens, n, token, index)
    ):
        # V不了, V得了: the potential complement "can (not) finish", liǎo (放不了, 做不了主,
        # 来不了了: the second 了 is the particle).
        return "liao3"
    if (
        char == "种"
        and (alone or _after_a_pronoun(tokens, n, index))
        and text[index + 1 : index + 2] in VERB_FOLLOWERS
        and text[index - 1 : index] not in KIND_BEFORE
    ):
        # "plant" before an aspect particle or complement (种了很多树, 种在院子里): zhòng;
        # after a numeral or a demonstrative it counts kinds (三种了: zhǒng).
        return "zhong4"
    if char == "行" and index and token.end == index + 1 and _counted_rows(text, index):
        return "hang2"
    if char == "宿" and index and text[index - 1] in NUMERALS and token.end == index + 1:
        # nights counted (一宿, 住了三宿): xiǔ
        return "xiu3"
    if char == "累" and text[index + 1 : index + 2] in TIRED_AFTER:
        # "tired" before how tired (累得满头大汗, 累坏了): lèi; 积累, 累计 are lěi.
        return "lei4"
    if (
        char == "得"
        and len(token.word) == 2
        and token.end == index + 1
        and token.tag.startswith("v")
        and not _listed_exactly(token.word)
        and n + 1 < len(tokens)
        and tokens[n + 1].tag in ("a", "d", "ad")
    ):
        # Glued to its verb by jieba (下得 很大, 累得 满头大汗), before how it was done: the
        # complement marker de; the lists' words keep theirs (获得, 觉得, 值得).
        return "de5"
    if char == "着" and _reached(text, token, index):
        # "reach, touch": before 了 (睡着了, 火着了) or as a potential complement (睡不着,
        # 用不着, 够得着), zháo; the aspect particle zhe takes neither.
        return "zhao2"
    if char == "觉" and alone and "睡" in text[max(0, index - 4) : index]:
        # sleep: 睡觉, 睡了一觉, 睡不着觉 (jiào); 觉 "feel" is jué.
        return "jiao4"
    if char == "分" and text.startswith("分子", index):
        reading = _member_or_molecule(text, tokens, n, token, index)
        if reading:
            return reading
    if char in FREE_READING and _stands_free(text, tokens, n, index):
        return FREE_READING[char]
    if char == "地":
        # The segmenter glues 地 to what follows when it cannot place it (积极 地向, 慢慢
        # 地走了): a token that starts with it and no dictionary lists.
        glued = token.start == index and len(token.word) > 1 and not _listed(token.word)
        if (alone or glued or token.start < index) and _after_reduplication(text, index):
            # After a reduplicated word (慢慢地, 高高兴兴地, 轻轻地) 地 is the adverbial
            # particle, whatever follows: such words modify what is done; 地 the noun would
            # start a word of its own (人人 地位, 天天 地里).
            return "de5"
        if (alone or glued) and 0 < n < len(tokens) - int(alone):
            before = tokens[n - 1]
            after = tokens[n + 1] if alone else None
            # Before a verb, or before the preposition that brings in its object (认真地把,
            # 积极地向, 主动地与): the adverbial particle.
            if before.tag in ADVERBIAL_TAGS and (
                after is None or after.tag.startswith("v") or after.tag == "p"
            ):
                return "de5"
    return None


def _member_or_molecule(
    text: str, tokens: Sequence[Token], n: int, token: Token, index: int
) -> str | None:
    """分子: fènzǐ, a member of a kind of people (犯罪分子, 知识分子), or fēnzǐ, a molecule
    (水分子, 分子结构), where what stands with it says which."""
    before = text[token.start : index] if token.start < index else (tokens[n - 1].word if n else "")
    if any(before.endswith(kind) for kind in KINDS_OF_PEOPLE):
        return "fen4"
    if token.start < index and index - token.start == 1:
        return "fen1"  # one character before it in a word: 水分子, 氧分子, 高分子
    if token.start == index and len(token.word) > 2:
        return "fen1"  # the start of a longer word: 分子结构, 分子生物学
    return None


def _stands_free(text: str, tokens: Sequence[Token], n: int, index: int) -> bool:
    """Whether the character at `index` is a word of its own: a token of one character that
    does not begin a name, or a character of a token no dictionary lists with it (the
    segmenter glues 越来越少 together), unless that token is a name (卡塞尔)."""
    token = tokens[n]
    # A verb's complement after it (塞进去, 往眼睛里塞了) outweighs jieba's tag of a name,
    # which it gives such glued pieces (里塞, 塞进去) as readily as real names (卡塞尔).
    as_a_verb = text[index + 1 : index + 2] in VERB_FOLLOWERS
    if len(token.word) == 1:
        return as_a_verb or not _begins_a_name(tokens, n)
    if token.tag.startswith(("nr", "ns", "nt", "nz")) and not as_a_verb:
        return False
    at = index - token.start
    spans = ((a, b) for a in range(at + 1) for b in range(at + 1, len(token.word) + 1))
    return not any(_listed_exactly(token.word[a:b]) for a, b in spans if b - a >= 2)


def _listed_exactly(word: str) -> bool:
    """Whether pypinyin's phrase data or the wider word list has the word."""
    from audiofeature.pronounce import wordlists
    from audiofeature.pronounce.pypinyin_data import phrases

    return word in phrases() or wordlists.wider_word(word) is not None


def _potential_after_verb(tokens: Sequence[Token], n: int, token: Token, index: int) -> bool:
    """Whether the 不 or 得 before the 了 at `index` follows a verb: the verb's own token
    then 不了 (放 不了), or one verb token holding all three (做不了)."""
    if token.start == index - 1:
        return len(token.word) == 2 and n > 0 and tokens[n - 1].tag.startswith("v")
    return token.start < index - 1 and token.tag.startswith("v")


def _reached(text: str, token: Token, index: int) -> bool:
    """Whether 着 at `index` is the complement zháo: before 了, or after 不/得 after a verb,
    and in no word of the lists (着急, 着陆, 不着边际 read it their way)."""
    if _listed_exactly(text[index : index + 2]) or (
        len(token.word) >= 3 and _listed_exactly(token.word)
    ):
        return False
    if text[index + 1 : index + 2] == "了":
        return True
    from audiofeature.pronounce.core import is_han

    return index >= 2 and text[index - 1] in "不得" and is_han(text[index - 2])


def _after_a_pronoun(tokens: Sequence[Token], n: int, index: int) -> bool:
    """Whether the character at `index` follows a pronoun: glued to it in one token (他中), or
    standing alone after one."""
    token = tokens[n]
    if token.start < index:  # not a word of its own (其中, 之中 are)
        last = index - token.start == len(token.word) - 1
        return token.tag == "r" and last and not _a_word(token.word)
    return len(token.word) == 1 and n > 0 and tokens[n - 1].tag == "r"


def _a_word(word: str) -> bool:
    """Whether jieba's dictionary has the word (it has words of every kind, polyphones or
    not, which the reading lists keep only when they decide a reading)."""
    from audiofeature.pronounce.segment import tagger

    return bool(tagger().lexicon.freq(word))


def _begins_a_name(tokens: Sequence[Token], n: int) -> bool:
    """Whether the token after the n-th is a name: a character standing alone before one
    is likely the first of a transliterated name the segmenter split (塞 琉古, Seleucus)."""
    return n + 1 < len(tokens) and tokens[n + 1].tag.startswith(("nr", "ns", "nt", "nz"))


def _reduplicated(text: str, index: int) -> bool:
    """Whether the character at `index` is a verb said twice with 了 or 一 between (数了数)."""
    char = text[index]
    return text[index + 1 : index + 3] in (f"了{char}", f"一{char}") or text[
        max(0, index - 2) : index
    ] in (f"{char}了", f"{char}一")


def _after_reduplication(text: str, index: int) -> bool:
    """Whether the character at `index` follows a reduplicated syllable (慢慢, 高高兴兴)."""
    from audiofeature.pronounce.core import is_han  # core applies these rules: no cycle

    return index >= 2 and text[index - 1] == text[index - 2] and is_han(text[index - 1])


def _listed(word: str) -> bool:
    """Whether a dictionary lists the word, or its first two characters, as a word."""
    return any(_listed_exactly(w) for w in (word, word[:2]))
