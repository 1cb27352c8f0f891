"""Who wrote it, who took the photo, who edited it: credit lines in their printed forms.

A newsreader says the reporters once, up front (本报记者林晓燕，通讯员周凯), says who took a
photo only as part of the photo, and never reads the production credits (责任编辑, 校对, 审核).
These rules find the credits wherever papers and sites print them: a byline line, a dateline
opening the first paragraph (本报讯（记者 某某）, 新华社北京3月5日电（记者 某某）), a bracketed
name closing the story ((某某)), a photo credit ending in 摄.
"""

from __future__ import annotations

import re

from audiofeature.article.model import Byline, Credit
from audiofeature.article.spacing import clean, tidy

_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# Taiwan and Hong Kong papers print the same words in traditional characters: 本報訊（記者…）.
_TRADITIONAL = str.maketrans(
    "记讯报电员实习见编辑责摄图来发审监制统筹划约网台导际专题采写综资据为",
    "記訊報電員實習見編輯責攝圖來發審監製統籌劃約網臺導際專題採寫綜資據為",
)


def both_scripts(*words: str) -> tuple[str, ...]:
    """Each word in simplified and in traditional characters."""
    return tuple(dict.fromkeys(f for w in words for f in (w, w.translate(_TRADITIONAL))))


def _alt(*words: str) -> str:
    return "(?:" + "|".join(sorted(both_scripts(*words), key=len, reverse=True)) + ")"


_PRINTED_ROLES = both_scripts(
    "特约记者",
    "实习记者",
    "见习记者",
    "首席记者",
    "摄影记者",
    "全媒体记者",
    "融媒体记者",
    "记者",
    "特约通讯员",
    "通讯员",
    "实习生",
    "摄影",
    "撰文",
    "作者",
    "编译",
    "整理",
    "采写",
)
# Production credits: printed, never read aloud.
EDITOR_ROLES = both_scripts(
    "责任编辑",
    "值班编辑",
    "值班主任",
    "总编辑",
    "责编",
    "编辑",
    "校对",
    "审核",
    "审校",
    "审稿",
    "监制",
    "主编",
    "一审",
    "二审",
    "三审",
    "终审",
    "初审",
    "复审",
    "编审",
    "美编",
    "排版",
    "统筹",
    "策划",
    "出品",
    "制作",
    "设计",
    "版式设计",
    "版式",
    "排版设计",
    "美术设计",
    "制图",
    "视觉",
    "摄像",
    "剪辑",
    "后期",
)
# 文/张三 图/李四: a one-character role only counts when a separator follows it.
_SHORT_ROLE = _alt("文", "图", "摄") + r"(?=\s*[/／|｜︱:：]|\s+\S)"
_ROLE_RE = re.compile(
    "("
    + "|".join(sorted(_PRINTED_ROLES + EDITOR_ROLES, key=len, reverse=True))
    + "|"
    + _SHORT_ROLE
    + ")"
)
_SEPARATORS = r"[\s、，,/／|｜︱:：;；\u00a0\u3000]+"
# Words that close a credit but are not names: 记者 张三 北京报道, 张三 摄.
_TRAILING_WORDS = re.compile(
    _alt("报道", "报导", "摄", "摄影", "发", "采写", "整理", "整合", "编译", "供图")
)
_NAME = re.compile(rf"^[{_CJK}]{{2,4}}$|^[{_CJK}]{{1,8}}[·•・][{_CJK}]{{1,8}}$")
# An ending that is not a name: （完）, （待续）.
END_MARKS = {"完", "全文完", "待续", "未完待续", "续完", "终", "全文终"}
_OPEN = "（("
_CLOSE = "）)"
_EDITOR_LINE = re.compile(
    r"^[【\[（(〔]?\s*(?:" + "|".join(EDITOR_ROLES) + r")\s*[：:／/|｜︱\s\u00a0\u3000]"
)
_SOURCE_LINE = re.compile(
    r"^[【\[（(〔]?\s*" + _alt("本文来源", "文章来源", "信息来源", "来源", "稿源") + r"\s*[：:]\s*"
    r"(?P<source>[^\s【】\[\]（）()|｜:：]{2,24})"
)
_OUTLET_NAME = re.compile(r"^.{2,8}" + _alt("网", "报", "社", "台", "刊", "新闻", "杂志") + "$")
_OWN_OUTLET = both_scripts("本报", "本台", "本刊", "本网", "本站")
_OUTLET_END = re.compile(r"^.{1,10}?" + _alt("报", "社", "网", "台", "刊", "站"))
_DATELINE = re.compile(
    # 本报讯（…）, 新华社北京3月5日电（…）, or the outlet in lenticular brackets: 【某某网】（…）
    rf"^(?P<head>[^\s{_OPEN}{_CLOSE}，。：:“”]{{0,24}}?{_alt('讯', '电')}|【[^【】\s]{{2,12}}】)?\s*"
    rf"[{_OPEN}](?P<inner>[^{_OPEN}{_CLOSE}]{{2,60}})[{_CLOSE}]\s*(?P<rest>.*)$",
    re.S,
)
_TRAILING_CREDIT = re.compile(
    rf"^(?P<body>.*?)\s*[{_OPEN}](?P<inner>[^{_OPEN}{_CLOSE}]{{1,40}})[{_CLOSE}]\s*$", re.S
)
_PHOTO_WORDS = (
    _alt("摄", "摄影", "供图", "资料图片", "资料图")
    + "|"
    + _alt("社", "网", "台", "报", "/", "／")
    + r"\s*"
    + _alt("发")
    + "|"
    + _alt("图")
    + rf"[^{_OPEN}{_CLOSE}]*"
    + _alt("提供")
    + "|"
    + _alt("图片来源")
    + rf"[：:][^{_OPEN}{_CLOSE}]+"
)
_PHOTO_CREDIT = re.compile(
    rf"(?P<credit>[{_OPEN}](?P<inner>[^{_OPEN}{_CLOSE}]{{1,40}}?(?:{_PHOTO_WORDS}))[{_CLOSE}])\s*$"
)
_BARE_PHOTO_CREDIT = re.compile(
    rf"^[{_OPEN}]?(?P<inner>[^，。！？{_OPEN}{_CLOSE}]{{1,30}}?\s*[/／]?\s*"
    + "(?:"
    + _alt("摄", "摄影", "供图")
    + "|"
    + _alt("社", "网", "台", "报", "/", "／")
    + r"\s*"
    + _alt("发")
    + rf"))[{_CLOSE}]?$"
)


# Lines naming where the printed story came from or what it was first called: 原标题：…,
# （原题为《…》）, 原文链接：… . They are about the page, not part of the story.
_ORIGIN_LINE = re.compile(
    r"^[（(【\[]?\s*(?:原标题|原题为|原题|原文标题|原文链接|原文地址|本文链接|阅读原文)\s*[：:]?"
)


def is_origin_line(line: str) -> bool:
    return len(line) <= 120 and bool(_ORIGIN_LINE.match(line))


def _names(text: str) -> tuple[str, ...] | None:
    """Names separated by spaces or 、; a two-character name padded to 张　三 is one name."""
    tokens = [t for t in re.split(_SEPARATORS, text) if t]
    while (
        tokens
        and _TRAILING_WORDS.fullmatch(tokens[-1])
        or tokens
        and tokens[-1].endswith(both_scripts("报道", "报导"))
    ):
        tokens.pop()
    names: list[str] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if len(token) == 1 and index + 1 < len(tokens) and len(tokens[index + 1]) == 1:
            token += tokens[index + 1]
            index += 1
        if not _NAME.match(token):
            return None
        names.append(token)
        index += 1
    return tuple(names) if names else None


def parse_credits(text: str, bare_names: bool = False) -> tuple[str, list[Credit]] | None:
    """`outlet 记者 张三 通讯员 李四` → (outlet, credits), editors included; None if not credits.

    With `bare_names`, text holding names only (张三 李四) is one credit with no role.
    """
    text = clean(re.sub(r"[【】\[\]〔〕]", " ", text))
    pieces = _ROLE_RE.split(text)
    if len(pieces) == 1:
        if not bare_names or (names := _names(text)) is None or len(names) > 3:
            return None
        return "", [Credit("", names)]
    outlet = pieces[0].strip(" ：:，,、")
    if len(outlet) > 12 or re.search(r"[，。！？；,.!?;]", outlet):
        return None  # 据本报记者了解…: a sentence, not a credit
    credits: list[Credit] = []
    roles, texts = pieces[1::2], pieces[2::2]
    for index, (role, names_text) in enumerate(zip(roles, texts, strict=True)):
        if index + 1 < len(roles) and names_text and not names_text[-1].isspace():
            # 采写：南都记者 张三: the word touching the next role is that role's outlet
            head, _, prefix = names_text.rpartition(" ")
            prefix = prefix.lstrip(" ：:/／|｜︱")
            labelled = names_text.lstrip().startswith(("：", ":")) and not head.strip(" ：:")
            outlet_like = 2 <= len(prefix) <= 8 and not re.search(r"[，。！？；,.!?;]", prefix)
            if outlet_like and (own_outlet(prefix) or _OUTLET_NAME.match(prefix) or labelled):
                outlet = outlet or prefix
                names_text = head
        names = _names(names_text)
        if names is None:
            if names_text.strip(" ：:/／|｜︱"):
                return None
            continue
        if len(names) > 1 and not outlet and _OUTLET_NAME.match(names[0]):
            outlet, names = names[0], names[1:]  # 文 观察者网 杨蓉: the outlet, then the writer
        credits.append(Credit(role, names))
    return (outlet, credits) if credits else None


def _spoken_credits(credits: list[Credit]) -> tuple[Credit, ...]:
    return tuple(c for c in credits if c.role not in EDITOR_ROLES)


def byline_line(line: str) -> Byline | None | bool:
    """A line that is a byline: the Byline; a line of editor credits only: False; else None."""
    if not line or len(line) > 80 or line[-1] in "。！？!?":
        return None
    parsed = parse_credits(line)
    if parsed is None:
        return _name_and_outlet(line)
    outlet, credits = parsed
    spoken = _spoken_credits(credits)
    if not spoken:
        return False
    return Byline(outlet=outlet, credits=spoken, written=clean(line))


_NAME_SLASH_OUTLET = re.compile(
    r"^(?P<names>[^/／|｜]{2,20}?)\s*[/／|｜]\s*(?P<outlet>[^/／|｜\s]{2,12})$"
)


def _name_and_outlet(line: str) -> Byline | None:
    """张三/青年报 or 张三 李四｜某某网: the writers, then the outlet they write for."""
    match = _NAME_SLASH_OUTLET.match(clean(line))
    if not match or not _OUTLET_NAME.match(match["outlet"]):
        return None
    names = _names(match["names"])
    if names is None or len(names) > 3:
        return None
    return Byline(match["outlet"], (Credit("", names),), clean(line))


def _split_outlet(head: str) -> tuple[str, str]:
    """本报北京3月5日电 → (本报, 北京3月5日电); 本报讯 → (本报, "")."""
    if head.endswith(("讯", "訊")):
        head = head[:-1]
    match = _OUTLET_END.match(head)
    if match:
        return match.group(0), head[match.end() :]
    return "", head


def dateline(paragraph: str) -> tuple[Byline, str] | None:
    """本报讯（记者 林晓燕）今年… → (the byline, 今年…); None when the paragraph has none."""
    match = _DATELINE.match(paragraph)
    if not match or not match.group("rest").strip():
        return None
    head = (match.group("head") or "").strip("【】")
    parsed = parse_credits(match.group("inner"), bare_names=bool(head))
    if parsed is None:
        return None
    outlet, credits = parsed
    head_outlet, place = _split_outlet(head)
    spoken = _spoken_credits(credits)
    byline = Byline(
        outlet=head_outlet or outlet,
        credits=spoken,
        written=clean(paragraph[: match.start("rest")]),
        dateline=place if place not in ("电", "電") else "",
    )
    return byline, match.group("rest").strip()


_BRACKET_SOURCE = re.compile(r"^(?:资料|素材|信息|本文|文章)?(?:来源|来自)\s*[：:]")


def trailing_credit(paragraph: str) -> tuple[list[Credit] | None, str] | None:
    """…资源共享。（记者 林晓燕） → (its credits, the text before); （完） → (None, text).

    Only a bracket after the end of a sentence counts: …的报告（2023年） is part of the text.
    """
    match = _TRAILING_CREDIT.match(paragraph)
    if not match:
        return None
    body = match.group("body").strip()
    if body and body[-1] not in "。！？!?”’」』…":
        return None
    inner = clean(match.group("inner"))
    if inner in END_MARKS or _BRACKET_SOURCE.match(inner):
        return None, body  # （完）, （资料来源：某报）: not read
    parsed = parse_credits(inner, bare_names=True)
    if parsed is None or parsed[0]:
        return None
    return parsed[1], body


_INFO_LABEL = re.compile(
    _alt(
        *("来源", "稿源", "文章来源", "信息来源", "作者", "记者", "通讯员", "摄影"),
        *("编辑", "责任编辑", "责编", "校对", "审核"),
        *("发布时间", "发布日期", "发表时间", "更新时间", "时间", "日期"),
        *("浏览次数", "浏览量", "浏览", "点击数", "点击量", "点击", "阅读量", "阅读"),
        *("字号", "字体", "分享到", "打印"),
    )
    + r"\s*[：:]"
)
_INFO_SOURCES = both_scripts("来源", "稿源", "文章来源", "信息来源")
_INFO_AUTHORS = both_scripts("作者", "记者", "通讯员", "摄影")


def info_line(line: str) -> tuple[str, Byline | None] | None:
    """A page's information line, 作者：李明　来源：青山晚报　发布时间：2023-06-01 → its source
    and byline; None when the line is not one (it has fewer than two such labels)."""
    if len(line) > 160:
        return None
    labels = list(_INFO_LABEL.finditer(line))
    if len(labels) < 2:
        return None
    source, found = "", []
    for label, following in zip(labels, [*labels[1:], None], strict=True):
        name = label.group(0).rstrip(" ：:")
        value = line[label.end() : following.start() if following else len(line)]
        value = value.strip(" |｜\u3000\u00a0\t")
        if name in _INFO_SOURCES and not source and value:
            source = re.split(r"[\s|｜]+", value)[0]
        elif name in _INFO_AUTHORS and (names := _names(value)):
            found.append(Credit(name, names))
    byline = Byline(outlet=source, credits=tuple(found), written=clean(line)) if found else None
    return source, byline


def is_editor_line(line: str) -> bool:
    return len(line) <= 100 and bool(_EDITOR_LINE.match(line))


def source_line(line: str) -> str | None:
    """来源：青山日报 → 青山日报, for a short line that names where the story came from."""
    if len(line) > 80:
        return None
    match = _SOURCE_LINE.match(line)
    return match.group("source").rstrip("）)】]") if match else None


def own_outlet(outlet: str) -> bool:
    """本报, 本台 … : the outlet as the story calls itself."""
    return outlet in _OWN_OUTLET


def photo_credit(caption: str) -> tuple[str, str]:
    """图为…。（林晓燕 摄） → (图为…。, 林晓燕 摄); no credit: (caption, "")."""
    match = _PHOTO_CREDIT.search(caption)
    if not match:
        return caption, ""
    return caption[: match.start()].strip(), tidy(match.group("inner"))


_LOOSE_CREDIT_END = re.compile(
    _alt("摄", "摄影", "供图", "提供", "资料", "资料图", "资料图片")
    + "$|"
    + _alt("社", "网", "台", "报", "刊", "站", "闻")
    + r"\s*"
    + _alt("发", "图")
    + "$|"
    + r"\s"
    + _alt("图")
    + "$"
)
LOOSE_CREDIT_CHARS = 30
# …纸团。某某分局供图 某某网: a credit clause after the caption's last sentence
_PHOTO_WORD = re.compile(_alt("摄", "供图", "提供", "图片来源"))


def loose_photo_credit(caption: str) -> tuple[str, str]:
    """A caption whose credit closes it without brackets: …纸团。某某分局供图 某某网发,
    …商业街，某某新闻图, …最爱。图/受访者提供 → (caption, credit); no credit: (caption, "").

    The credit is the last clause: after the last sentence end, else after the last comma or
    space. Only for text already known to stand beside a photo."""
    caption = caption.strip()
    last = re.split(r"[。！？!?]", caption)[-1]
    if not (_LOOSE_CREDIT_END.search(caption) or (last != caption and _PHOTO_WORD.search(last))):
        return caption, ""
    for marks in ("。！？!?", "，, \u3000\u00a0"):
        cut = max(caption.rfind(mark) for mark in marks)
        if cut <= 0:
            continue
        credit = caption[cut + 1 :].strip()
        if 2 <= len(credit) <= LOOSE_CREDIT_CHARS and len(_PHOTO_WORD.sub("", credit)) >= 2:
            return caption[: cut + 1].strip().rstrip("，, "), tidy(credit)
        return caption, ""
    return caption, ""


# A photo credit in English, whole: (Credit: Nasa), Photo: Reuters, Image courtesy of …,
# © Getty Images. Pages from agencies' feeds leave them in the image's alt text.
_ENGLISH_CREDIT = re.compile(
    r"^[\s(（\[]*(?:(?:photo|image|picture|video)(?:\s*(?:credits?|courtesy|source))?"
    r"\s*(?:[:：]|by\b)|credits?\s*[:：]|(?:(?:photo|image|picture|video)\s+)?courtesy\s+of\b|source\s*[:：]|copyright\b|©)"
    r"\s*[^()（）]{1,80}?[)）\]]?\s*$",
    re.I,
)


def is_english_photo_credit(line: str) -> bool:
    """(Credit: Nasa), Photo: Reuters/Alamy: a credit, not a description of the photo."""
    return bool(_ENGLISH_CREDIT.match(line)) and not re.search(r"[\u4e00-\u9fff]", line)


def bare_photo_credit(line: str) -> str | None:
    """A line that is only a photo credit (本报记者 张三 摄, （新华社发）) → the credit."""
    match = _BARE_PHOTO_CREDIT.match(line.strip())
    if not match:
        return None
    inner = tidy(match.group("inner"))
    who = re.sub(r"\s*[/／]?\s*" + _alt("摄影", "摄", "供图", "发") + "$", "", inner)
    if who and parse_credits(who, bare_names=True) is None and len(who) > 8:
        return None
    return inner
