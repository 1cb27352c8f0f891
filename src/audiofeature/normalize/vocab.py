"""Word lists the rules share: measure words, unit symbols, currencies, context cues.

These are data, general to Chinese news copy; no entry exists for one sentence.
"""

from __future__ import annotations

import re

CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"


def by_length(words: str) -> list[str]:
    """A whitespace-separated list, longest first, so a regex alternation prefers 千克 to 千."""
    return sorted(dict.fromkeys(words.split()), key=len, reverse=True)


# Measure words and unit nouns before which a lone 2 is said 两 (2期 两期, 2家 两家, 2米 两米).
# Ordinal-like words are deliberately absent: 2号 二号, 2楼 二楼, 2级 二级, 2路 二路, 2层 (floor)
# 二层, 2版 二版, 2代 二代, 2手 二手, 2孩 二孩, 2等奖 二等奖.
MEASURE_WORDS = by_length(
    """
    个 位 名 人 次 期 家 件 条 只 张 台 辆 架 艘 座 栋 幢 间 所 种 类
    项 款 批 份 届 场 轮 年 天 周 岁 倍 成 小时 钟头 分钟 秒 秒钟 点 分
    米 公里 千米 厘米 毫米 里 克 千克 公斤 斤 吨 升 毫升 亩 公顷 平方米
    平方公里 平方千米 立方米 度 摄氏度 瓦 千瓦 元 美元 欧元 英镑 日元 港元 块
    角 毛 万 亿 千 百 节 句 篇 本 部 套 头 匹 片 颗 粒 枚 把 段 组 队
    支 对 双 副 声 遍 趟 步 股 笔 起 宗 例 处 口 户 根 杯 瓶 盒 包 袋
    箱 圈 票 桌 席 排 列 样 门 国 岸 地 省 市 县 区 村 方 边 侧 端 局
    盘 球 车 季 大 者 回 下 番 阵 顿 班 任 室 厅 院 党 极 面 级别 届次
    周年 个月 星期 礼拜 微克 毫克 纳米 微米 千瓦时 兆瓦 千伏 伏 海里 英里 英尺
    英寸 码 磅 盎司 加仑 桶 立方 平方 毫升 分贝 首 幅 册 卷 期次 科 堂 课
    封 道 扇 面 台次 人次 户次 架次 班次 车次 轮次 万元 亿元 千元 百元 美分
    """
)
# Words that begin like a measure word but are not one: 2季度 二季度, 2分之1 二分之一.
NOT_MEASURE = (
    "季度",
    "分之",
    "年级",
    "两",
    "点零",
    "成员",
    "国家",
    "国际",
    "国内",
)

MEASURE_AHEAD = re.compile(
    r"\s?(?!" + "|".join(NOT_MEASURE) + r")(?:" + "|".join(MEASURE_WORDS) + r")"
)

# Unit symbols after a number, longest first so ms is not m+s. Each must not run on into more
# Latin letters (5G, 5A级 are codes, not units).
UNITS: dict[str, str] = {
    "km/h": "千米每小时",
    "㎞/h": "千米每小时",
    "m/s": "米每秒",
    "kW·h": "千瓦时",
    "kWh": "千瓦时",
    "mAh": "毫安时",
    "km²": "平方千米",
    "km2": "平方千米",
    "m²": "平方米",
    "m2": "平方米",
    "㎡": "平方米",
    "cm²": "平方厘米",
    "cm2": "平方厘米",
    "mm²": "平方毫米",
    "m³": "立方米",
    "m3": "立方米",
    "㎥": "立方米",
    "cm³": "立方厘米",
    "kcal": "千卡",
    "mph": "英里每小时",
    "kHz": "千赫",
    "MHz": "兆赫",
    "GHz": "吉赫",
    "kPa": "千帕",
    "MPa": "兆帕",
    "min": "分钟",
    "°C": "摄氏度",
    "℃": "摄氏度",
    "°F": "华氏度",
    "℉": "华氏度",
    "kg": "千克",
    "㎏": "千克",
    "mg": "毫克",
    "km": "千米",
    "㎞": "千米",
    "cm": "厘米",
    "㎝": "厘米",
    "mm": "毫米",
    "㎜": "毫米",
    "μm": "微米",
    "μg": "微克",
    "ng": "纳克",
    "nm": "纳米",
    "ml": "毫升",
    "mL": "毫升",
    "ms": "毫秒",
    "kW": "千瓦",
    "MW": "兆瓦",
    "GW": "吉瓦",
    "kV": "千伏",
    "mA": "毫安",
    "Hz": "赫兹",
    "dB": "分贝",
    "Pa": "帕",
    "ha": "公顷",
    "lb": "磅",
    "oz": "盎司",
    "ft": "英尺",
    "g": "克",
    "m": "米",
    "t": "吨",
    "L": "升",
    "s": "秒",
    "h": "小时",
    "W": "瓦",
    "V": "伏",
    "°": "度",
    "′": "分",  # of arc: 30°15′ 三十度十五分
    "″": "秒",
}
UNIT_PATTERN = (
    r"(?:"
    + "|".join(re.escape(u) for u in sorted(UNITS, key=len, reverse=True))
    + r")(?![A-Za-z²³])"
)
TEMPERATURE_UNITS = {"°C", "℃", "°F", "℉", "°"}

# Currency signs and codes written before the amount; the name is said after it.
CURRENCY_BEFORE: dict[str, str] = {
    "US$": "美元",
    "HK$": "港元",
    "NT$": "新台币",
    "A$": "澳元",
    "C$": "加元",
    "S$": "新加坡元",
    "$": "美元",
    "¥": "元",
    "€": "欧元",
    "£": "英镑",
    "₩": "韩元",
    "₹": "卢比",
    "₽": "卢布",
    "CNY": "元",
    "RMB": "元",
    "USD": "美元",
    "HKD": "港元",
    "EUR": "欧元",
    "GBP": "英镑",
    "JPY": "日元",
    "KRW": "韩元",
    "AUD": "澳元",
    "CAD": "加元",
    "SGD": "新加坡元",
    "CHF": "瑞士法郎",
    "TWD": "新台币",
}
CURRENCY_PATTERN = "|".join(re.escape(c) for c in sorted(CURRENCY_BEFORE, key=len, reverse=True))
CURRENCY_CODES = [c for c in CURRENCY_BEFORE if c.isalpha()]

# Chinese currency words after an amount (money.py drops trailing zeros before them).
CURRENCY_AFTER = by_length(
    """
    元 美元 欧元 英镑 日元 港元 港币 澳元 韩元 加元 卢布 卢比 法郎 新台币
    人民币 美分 欧分 便士 块 角 毛
    """
)

# Words around a N:M or N-M that make it a score, not a time or a range.
SCORE_BEFORE = re.compile(
    r"(?:(?:比分|比赛|战胜|击败|负于|不敌|大比分|总比分|比数|爆冷|逆转|力克)\S{0,3}|以)\s?$"
)
SCORE_AFTER = re.compile(
    r"^\s?(?:战胜|击败|取胜|获胜|落败|告负|负于|不敌|惜败|完胜|大胜|战平|逼平|胜|负|赢|输|领先|落后|力克|逆转"
    r"|的比分|比分|收官|结束)"
)

# Words that put a bare N-M between team names or in a match report: a score, not a range.
SPORTS_CONTEXT = re.compile(
    r"英超|西甲|意甲|德甲|法甲|中超|欧冠|亚冠|欧联|联赛|杯赛|比赛|赛季|主场|客场|球队|进球|破门"
    r"|绝平|绝杀|扳平|战平|逼平|点球|半场|加时|主队|客队|连胜|连败|首发|球迷|夺冠|晋级|淘汰"
)

# A magnitude, currency or per cent after a number: it is an amount whatever precedes it.
AMOUNT_AHEAD = re.compile(r"\s?(?:[万亿]|[%‰]|" + "|".join(CURRENCY_AFTER) + ")")

# What after a number makes it a quantity (a unit, a measure word, a currency, a per cent).
QUANTITY_AHEAD = re.compile(
    rf"\s?(?:{UNIT_PATTERN}|[%‰]|" + "|".join(CURRENCY_AFTER) + r")|" + MEASURE_AHEAD.pattern
)
