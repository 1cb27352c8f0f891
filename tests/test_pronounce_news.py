"""Readings of news copy: names found by what stands around them, and the shipped word lists
(norms, historical names, places, brands), each class a table of our own sentences."""

from __future__ import annotations

import pytest

from audiofeature.pronounce import Pronouncer


@pytest.fixture(scope="module")
def analyse():
    pronouncer = Pronouncer.from_files()

    def char(text: str, target: str):
        return pronouncer.analyse(text).chars[text.index(target)]

    return char


# A polyphonic surname after a noun for a kind of person or a naming word.
SURNAMES_AFTER_PERSON_NOUNS = [
    ("摄影家曾海明拍摄的照片获奖", "曾", "zeng1"),
    ("这位诗人原名查立新", "查", "zha1"),
    ("射击名将解文涛夺得金牌", "解", "xie4"),
    ("跳水女将曲晓雨完成了训练", "曲", "qu1"),
    ("演员阚丽华出演了新剧", "阚", "kan4"),
    ("画家王曾向家乡捐赠画作", "曾", "zeng1"),  # 曾 in a given name: zēng
]
# The same characters where no person is named.
NOT_NAMES = [
    ("请在申请表上盖章", "盖", "gai4"),
    ("英国国王查尔斯出访加拿大", "查", "cha2"),  # a transliterated name
    ("专家曾表示担忧", "曾", "ceng2"),
    ("这名运动员曾获得冠军", "曾", "ceng2"),
    ("局长曾多次强调", "曾", "ceng2"),
    ("画家查看了展品", "查", "cha2"),
    ("作家单独完成了这部书", "单", "dan1"),
    ("专家解释了原因", "解", "jie3"),
]
PLACES = [
    ("江西宁都县的脐橙上市了", "都", "du1"),
    ("陇南市武都区的花椒", "都", "du1"),
    ("青海都兰县的枸杞", "都", "du1"),
    ("意大利都灵的汽车工业", "都", "du1"),
    ("洪都拉斯的咖啡出口", "都", "du1"),
    ("湖北应城市的石膏矿", "应", "ying4"),
    ("吉林长岭县的玉米", "长", "chang2"),
    ("大家都去了县城", "都", "dou1"),  # the adverb
]
HISTORY = [
    ("冒顿单于统一了草原各部", "冒", "mo4"),
    ("冒顿单于统一了草原各部", "单", "chan2"),
    ("樊於期献出了首级", "於", "wu1"),
    ("曾参是孔子的学生", "参", "shen1"),
    ("唐朝设安西都护府", "都", "du1"),
    ("金日磾是西汉名臣", "日", "mi4"),
    ("龟兹古国的壁画", "龟", "qiu1"),
    ("燕昭王筑台招贤", "燕", "yan1"),
    ("屈原曾任三闾大夫", "大", "da4"),
]
BRANDS = [
    ("他买了一盒乐高积木", "乐", "le4"),
    ("蔚来发布了新车型", "蔚", "wei4"),
    ("海底捞新开了门店", "捞", "lao1"),
    ("中行发布了公告", "行", "hang2"),
]
# Words the norms settle (普通话异读词审音表, 现代汉语词典) and rules for everyday words.
WORDS = [
    ("医院组织职工无偿献血", "血", "xue4"),
    ("血液中心库存充足", "血", "xue4"),
    ("计算样本的方差", "差", "cha1"),
    ("两个数之差", "差", "cha1"),
    ("飞机平稳着陆", "着", "zhuo2"),
    ("嘉宾身着正装出席", "着", "zhuo2"),
    ("病人感到胸闷", "闷", "men4"),
    ("央行上调了存款利率", "调", "tiao2"),
    ("社区请来大夫义诊", "大", "dai4"),
    ("老师批改卷子到深夜", "卷", "juan4"),
    ("这里的蔬菜很便宜", "便", "pian2"),
    ("他们一路结伴同行", "行", "xing2"),
    ("代表团与外长同行", "行", "xing2"),
    ("我们与同行交流经验", "行", "hang2"),
    ("新能源是朝阳产业", "朝", "zhao1"),
    ("这种蛮横的做法", "横", "heng4"),
    ("探测器曾经探测过月球", "过", "guo5"),
    ("把问题看得过分严重", "得", "de5"),
]


# Where a list or a rule must not reach.
LIST_AND_RULE_CONTROLS = [
    ("读书成为她每天的习惯", "为", "wei2"),  # 为 ending the word 成为
    ("各家友商都涨价了", "都", "dou1"),  # 商都 is a county, but not here
    ("据华龙网报道", "华", "hua2"),  # 华龙 (区) without its 区 is no place
    ("这是一种很美的心境", "的", "de5"),  # 美的 the brand is rarer than 美 + 的
    ("一阵风拂过脸庞", "过", "guo4"),  # 过 "past", not the aspect
    ("我们讨论过这个问题", "过", "guo5"),
    ("以后不会过得这么辛苦", "过", "guo4"),  # the verb "live"
]


@pytest.mark.parametrize(("text", "char", "expected"), LIST_AND_RULE_CONTROLS)
def test_lists_and_rules_stay_where_they_belong(analyse, text, char, expected):
    assert analyse(text, char).reading == expected


@pytest.mark.parametrize(("text", "char", "expected"), SURNAMES_AFTER_PERSON_NOUNS)
def test_surnames_after_person_nouns(analyse, text, char, expected):
    assert analyse(text, char).reading == expected


@pytest.mark.parametrize(("text", "char", "expected"), NOT_NAMES)
def test_surname_rule_does_not_fire_outside_names(analyse, text, char, expected):
    assert analyse(text, char).reading == expected


@pytest.mark.parametrize(("text", "char", "expected"), PLACES)
def test_place_names(analyse, text, char, expected):
    assert analyse(text, char).reading == expected


@pytest.mark.parametrize(("text", "char", "expected"), HISTORY)
def test_historical_names_and_titles(analyse, text, char, expected):
    assert analyse(text, char).reading == expected


@pytest.mark.parametrize(("text", "char", "expected"), BRANDS)
def test_brands(analyse, text, char, expected):
    assert analyse(text, char).reading == expected


@pytest.mark.parametrize(("text", "char", "expected"), WORDS)
def test_everyday_words(analyse, text, char, expected):
    assert analyse(text, char).reading == expected


@pytest.mark.parametrize(
    ("text", "char", "step"),
    [
        ("江西宁都县的脐橙上市了", "都", "places: cc_cedict"),
        ("樊於期献出了首级", "於", "history: 辞海"),
        ("体检时要查血脂", "血", "grammar rule"),
        ("医院组织职工无偿献血", "血", "norms: 普通话异读词审音表"),
        ("央行上调了存款利率", "调", "norms: 现代汉语词典"),
        ("蔚来发布了新车型", "蔚", "brands: company romanisation"),
        ("摄影家曾海明拍摄的照片获奖", "曾", "surname rule, table pronunciations.yaml"),
    ],
)
def test_each_reading_says_which_step_decided_it(analyse, text, char, step):
    assert analyse(text, char).why.startswith(step)
