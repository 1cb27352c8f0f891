"""Person names: found from jieba's tags and from the words around them, read as names.

A polyphonic surname is read the way it is read as a surname (曾 zēng, 单 shàn, 解 xiè …,
from the table's `as: surname` entries). A name is what jieba tags nr (unless it ends like a
place: 查干湖), a lone surname before a name jieba knows (区 志强), a surname before a form
of address (单先生, 曾某, 单连长) unless an adverb comes before it (曾任局长), and a lone
surname with a short given name after a title (通讯员 曾少石, 副市长 盖立新).
"""

from __future__ import annotations

from collections.abc import Container, Sequence
from dataclasses import dataclass

from audiofeature.pronounce.segment import Token

# jieba's person tags: nr (a Chinese name), nrfg (a name it lists as a word).
PERSON_TAGS = frozenset({"nr", "nrfg"})
# nrt: a transliterated foreign name; read it as written, not with Chinese surname readings.
PLACE_TAGS = frozenset({"ns"})

# Words that are followed by a person's name in news copy: bylines (记者 宁如娟), titles
# (局长 何育新), forms of address. A name after one of these is a name even when jieba has
# not tagged it.
TITLES_BEFORE = frozenset(
    [
        "记者",
        "通讯员",
        "实习生",
        "摄影",
        "编辑",
        "责编",
        "主编",
        "作者",
        "撰稿",
        "口述",
        "整理",
        "报道员",
        "书记",
        "副书记",
        "局长",
        "副局长",
        "主任",
        "副主任",
        "市长",
        "副市长",
        "县长",
        "副县长",
        "省长",
        "副省长",
        "区长",
        "镇长",
        "乡长",
        "村长",
        "主席",
        "副主席",
        "部长",
        "副部长",
        "厅长",
        "处长",
        "科长",
        "所长",
        "院长",
        "校长",
        "董事长",
        "总经理",
        "经理",
        "总裁",
        "行长",
        "社长",
        "台长",
        "站长",
        "队长",
        "组长",
        "会长",
        "秘书长",
        "主委",
        "委员",
        "代表",
        "议员",
        "总理",
        "教授",
        "老师",
        "医生",
        "博士",
        "研究员",
        "工程师",
        "律师",
        "法官",
        "检察官",
        "警官",
        "民警",
        "同志",
        "先生",
        "女士",
        "村民",
        "市民",
        "居民",
        "网友",
        "患者",
        "选手",
        "运动员",
        "演员",
        "导演",
        "歌手",
        "作家",
        "诗人",
        "画家",
        "负责人",
        "创始人",
        "发言人",
        "联系人",
        "法人",
        "户主",
        "嫌疑人",
        "犯罪嫌疑人",
        "被告人",
        "原告",
    ]
)
# Words that follow a surname alone: 单先生, 曾某, 解老师.
TITLES_AFTER = frozenset(
    [
        "某",
        "某某",
        "先生",
        "女士",
        "小姐",
        "老师",
        "同志",
        "师傅",
        "大爷",
        "大妈",
        "阿姨",
        "总",
        "老",
        "书记",
        "局长",
        "主任",
        "市长",
        "县长",
        "省长",
        "部长",
        "院长",
        "校长",
        "经理",
        "董事长",
        "处长",
        "科长",
        "所长",
        "教授",
        "医生",
        "博士",
        "律师",
        "警官",
        "连长",
        "排长",
        "班长",
        "营长",
        "团长",
        "师长",
        "军长",
        "司令",
        "政委",
        "队长",
        "组长",
        "厂长",
        "站长",
        "社长",
        "行长",
        "会长",
        "主席",
        "委员",
        "代表",
        "同学",
        "大夫",
        "老板",
    ]
)
# Words that name a name: 原名 查海生, 笔名 …
NAMING_WORDS = frozenset(["原名", "本名", "名叫", "笔名", "艺名", "化名", "乳名", "小名"])
# What a noun for a kind of person ends with (摄影家, 影星, 名将, 选手, 设计师): like a title,
# it often comes just before the person's name in news copy.
PERSON_NOUN_ENDINGS = frozenset("家星将手员师匠")
# Words ending in 家 that are no kind of person but everyone, a household or a country: a
# surname-like character after them is the adverb (大家都, 全家都很高兴: dōu, not the name 都).
NOT_PERSONS = frozenset(
    ["大家", "全家", "国家", "人家", "自家", "各家", "每家", "商家", "厂家", "店家", "老家",
     "农家", "住家", "婆家", "娘家", "本家", "我家", "你家", "他家", "她家", "咱家", "一家",
     "两家", "这家", "那家", "哪家", "万家", "千家", "百家", "独家", "皇家", "公家", "私家",
     "东家", "酒家", "船家"]
)  # fmt: skip
NAME_MAX = 4
# A "person" ending like this is a place that jieba mistook: 查干湖, 单家村.
PLACE_ENDINGS = frozenset("湖山河江海岛村镇乡县市省州区路街港湾峰岭坝庄屯寨堡坪塘沟塔")
# A "person" followed by one of these is a place: 牟家 坝镇, 单家 村.
PLACE_AFTER = frozenset(["镇", "乡", "村", "县", "区", "市", "街道", "社区", "一带", "境内"])
# What the word after a lone surname cannot be, when it is a given name: function words.
# (jieba tags given names as anything else: 盖 立新 comes out as v + d.)
# One-character adverbs, never a given name after a surname-like character: 作家都很喜欢,
# 运动员都很努力 (都 dōu; jieba tags given names as adverbs too, 立新, so not the tag).
ADVERBS = frozenset("不很也都还就才又再更最太已没挺真越")
NOT_GIVEN_NAME_TAGS = frozenset(
    {"p", "c", "u", "ul", "uj", "uz", "ug", "uv", "ud", "m", "q", "f", "r", "x", "y", "e", "o"}
)
# The commonest single-character surnames (about 280 of the 百家姓 still in wide use): jieba's
# HMM also tags words such as 牛鼻子 or 智能化 as names, and `lint` lists only what looks
# like a person: a name that starts with a surname.
COMMON_SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶"
    "程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺"
    "顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿"
    "关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华"
    "喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗"
    "瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝区盖朴员"
    "晋谈练訾鞠浦璩揭郦诸"
)


@dataclass(frozen=True)
class Name:
    start: int
    end: int
    text: str
    kind: str  # "person" or "place"
    surname: int  # characters of the surname at the start (0: not known, e.g. a place)


def _han(word: str) -> bool:
    return all("\u4e00" <= c <= "\u9fff" for c in word)


def _surname_length(name: str, surnames: Container[str]) -> int:
    if len(name) >= 3 and name[:2] in surnames:
        return 2
    return 1


def _before_a_name(token: Token) -> bool:
    """A title, a noun for a kind of person or a naming word: what a name follows."""
    word = token.word
    if word in TITLES_BEFORE or word in NAMING_WORDS:
        return True
    return (
        len(word) >= 2
        and word[-1] in PERSON_NOUN_ENDINGS
        and word not in NOT_PERSONS
        and token.tag.startswith("n")
    )


def find_names(tokens: Sequence[Token], surnames: Container[str]) -> list[Name]:
    """Person and place names in a tokenised sentence, in order."""
    found: list[Name] = []
    taken: set[int] = set()

    def add(start: int, end: int, text: str, kind: str, surname: int) -> None:
        if start in taken:
            return
        taken.add(start)
        found.append(Name(start, end, text, kind, surname))

    for n, token in enumerate(tokens):
        after = tokens[n + 1] if n + 1 < len(tokens) else None
        if token.tag in PERSON_TAGS and 2 <= len(token.word) <= NAME_MAX and _han(token.word):
            if token.word[-1] in PLACE_ENDINGS or (after is not None and after.word in PLACE_AFTER):
                # 查干湖, 莘塔, tagged nr: a lake, a town, not a person
                add(token.start, token.end, token.word, "place", 0)
            else:
                surname = _surname_length(token.word, surnames)
                add(token.start, token.end, token.word, "person", surname)
        elif token.tag in PLACE_TAGS and _han(token.word) and len(token.word) >= 2:
            add(token.start, token.end, token.word, "place", 0)
        elif token.word in surnames and after is not None:
            # 区 + 志强 (a given name jieba knows), 单 + 先生, 曾 + 某
            if after.tag in PERSON_TAGS and len(after.word) <= 2 and _han(after.word):
                add(token.start, after.end, token.word + after.word, "person", len(token.word))
            elif after.word in TITLES_AFTER and not (n and tokens[n - 1].tag == "d"):
                # 单先生, 曾某; but after an adverb the character is a verb itself:
                # 曾任局长 "once served as director", 先后任书记
                add(token.start, token.end, token.word, "person", len(token.word))
        if _before_a_name(token) and after is not None and after.start not in taken:
            # 通讯员 曾华: a surname standing alone after a title, then a one- or two-character
            # given name that is not a common word (区长 查看了 is no name).
            given = tokens[n + 2] if n + 2 < len(tokens) else None
            if (
                after.word in surnames
                and given is not None
                and _han(given.word)
                and len(given.word) <= 2
                and given.tag not in NOT_GIVEN_NAME_TAGS
                and given.word not in ADVERBS
                and not given.tag.startswith("v")  # 专家曾表示, 局长曾任: the adverb 曾
            ):
                text = after.word + given.word
                add(after.start, given.end, text, "person", len(after.word))
    return sorted(found, key=lambda name: name.start)
