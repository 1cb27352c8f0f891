"""Rules shared by every input format: blocks as a page or file gives them become an Article.

A reader (text.py, html.py, markdown.py) hands over the headline it found and the body as raw blocks: text,
headings and figures it could recognise by markup. The rules here finish the job the way a
newsreader reads a page: credits said once up front, production credits dropped, photo captions
and credits recognised in their printed styles, headings recognised where no markup shows them,
paragraphs cut by the print layout joined again.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Literal

from audiofeature.article import credits as cr
from audiofeature.article.model import (
    Article,
    Block,
    Byline,
    Credit,
    Figure,
    Paragraph,
    Section,
)
from audiofeature.article.spacing import ZERO_WIDTH, clean, tidy

# Punctuation that can end a paragraph; a paragraph ending in anything else was cut by the layout.
CLOSING = "。！？!?…；;：:”’」』）)】》>\"'"
_CAPTION_MARK = re.compile(
    r"^(?:[图圖]\s*[①-⑳\d一二三四五六七八九十]*\s*[①-⑳]*\s*[：:]"
    r"|(?:图片说明|图片說明|图注|圖注|图说|圖說|资料图|資料圖|资料图片|資料圖片)\s*[①-⑳\d]*\s*[：:]"
    r"|(?:上|下|左|右|题|題|封面|组|組|配)[图圖]\s*[①-⑳\d]*\s*[：:]"
    r"|[图圖][为為](?=\S))\s*"
)
_NUMBERED_HEAD = re.compile(
    r"^(?:[（(][一二三四五六七八九十]{1,3}[）)]|[一二三四五六七八九十]{1,3}[、．.]|\d{1,2}[．、](?!\d))"
    r"\s*(?P<text>.+)$"
)
_SENTENCE_PUNCT = re.compile(r"[。！？；!?;]")
_ALT_SAYS_NOTHING = re.compile(
    r"^(?:点击|单击)?(?:查看|看|放大|浏览)?(?:高清|大|原)?(?:原|大)?(?:图|图片|照片)(?:查看|浏览)?$"
    r"|^(?:image|img|photo|picture|pic|图片|配图|照片|插图|null|undefined|none|untitled|logo)"
    r"[\s_\-\d]*$"
    r"|^[\w\-]+\.(?:jpe?g|png|gif|webp|bmp|svg)$"
    r"|^[\d\s_\-]*$",
    re.I,
)
HEADING_CHARS = 20
CAPTION_CHARS = 200
_NUMERALS = "一二三四五六七八九十"
# 一、加强组织领导。各单位要… → head 加强组织领导, then the text
_PART = re.compile(
    rf"^(?:[（(]([{_NUMERALS}])[）)]|([{_NUMERALS}])[、．.])"
    r"\s*(?P<head>[^。！？；：:，,]{2,20})[。：:](?P<rest>.*)$",
    re.S,
)
# A caption printed right after its photo with no mark is short: one line, one sentence.
BARE_CAPTION_CHARS = 20
SET_OFF_CAPTION_CHARS = 80
_BLOCK_HEADER_END = re.compile(r"\s*(?:图片说明|图片說明|图注|圖注)\s*[：:]?\s*$")
# Page furniture printed as text: the title of a box of links (相关新闻：), a call to scan a code
# or follow an account. Short lines only: a story may mention a QR code in a long paragraph.
_FURNITURE_LINE = re.compile(
    r"^[【\[]?(?:相关新闻|相关阅读|延伸阅读|相关链接|推荐阅读|相关报道|热点推荐|热点新闻|猜你喜欢)"
    r"[】\]]?\s*[：:>》]*$"
    r"|^(?:返回|回到).{0,10}(?:首页|顶部)\s*[>》]*$"
    r"|^(?:您(?:现在)?的?所在的?位置|当前位置|现在位置|所在位置)\s*[：:]"  # breadcrumbs
    r"|^首页\s*[>›»/]"
)
_EDITOR_IN_CHARGE = re.compile(r"^[【\[（(〔]?\s*(?:责任编辑|责编|責任編輯|責編)\s*[：:／/|｜︱\s]")
# A tag a site puts before the headline in square brackets: [某某化妆品] 标题. Not the headline.
_TITLE_TAG = re.compile(r"^\[[^\[\]]{1,16}\]\s*")
# A disclaimer or copyright notice the site prints under every story.
_NOTICE_LINE = re.compile(r"^[【\[]?(?:免责声明|版权声明|特别声明|郑重声明|声明)[】\]]?\s*[：:]")
NOTICE_CHARS = 300
_CRUMB = re.compile(r"\S\s*[>›»]$")
CRUMB_CHARS = 12
_PROMO = re.compile(
    r"(?:扫描|扫码|扫一扫|长按|识别).{0,12}二维码|二维码.{0,8}(?:关注|下载)"
    r"|关注.{0,16}(?:公众号|微信号|官方微信|官方微博|视频号|抖音号)"
    r"|下载.{0,10}(?:客户端|APP)|(?:欢迎|敬请)关注.{0,16}(?:微信|微博|APP|客户端)",
    re.I,
)
PROMO_CHARS = 80
# A link back to the site's front page glued to the end of the last paragraph.
_BACK_LINK = re.compile(
    r"(?:返回|回到)[^。！？]{0,10}?(?:首页|顶部|[，,]?\s*查看更多)\s*[>》]*\s*$"
)
# Link markers web pages put after names: 张杰(微博), 大左(微信号：dazuozone). Page furniture.
_LINK_MARKER = re.compile(
    r"[（(]\s*(?:微博|微信|博客|微信号\s*[：:]\s*[\w.-]+|微信公众号\s*[：:]\s*[\w.-]+)\s*[)）]"
)
_BRACKETED_AUTHOR = re.compile(
    r"^[（(]\s*(?P<role>作者|记者|撰文|文)\s*[：:]\s*(?P<who>[^（()）。！？]{2,40})[）)]$"
)
_TRAILING_SOURCE = re.compile(
    r"^(?P<body>.*[。！？”])\s*[（(]\s*(?P<who>[^（()）。！？，,；;：:\d\s]{2,20})\s*[）)]$", re.S
)
_BRACKETED_SOURCE = re.compile(r"^[（(]\s*([^（()）。！？，,；;：:\d]{2,20})\s*[）)]$")
# An e-mail address or web address printed after a name, in brackets or not.
_CONTACT = re.compile(r"[（(]?\s*(?:[\w.+-]+@[\w-]+(?:\.[\w-]+)+|https?://\S+)\s*[）)]?")
# Marks that open a byline line: ► 文 张三.
_LINE_MARK = re.compile(r"^[►▶▷▸●•◆■□★☆>〉》|｜\s]+")
# Markers that print structure and are never said: ● before a head, ▲ before a caption.
HEADING_MARK = re.compile(r"^[●•◆◇■□▶►◎○·★☆]+\s*")
FIGURE_MARK = "▲△"
_SUBTITLE_MARK = re.compile(r"^[—–\-─－]{2,}\s*")
_KICKER_END = re.compile(r"\s*[—–─－]{1,2}\s*$")
KICKER_CHARS = 30


def subtitle_text(line: str) -> str | None:
    """——我市打造特色消费街区见闻 → the subtitle; None when the line is not one."""
    if not _SUBTITLE_MARK.match(line):
        return None
    return _SUBTITLE_MARK.sub("", line).strip() or None


def kicker_text(line: str) -> str | None:
    """A kicker (引题) printed over the main title ends in a dash: 喜迎国庆——. → its text."""
    line = line.strip()
    if len(line) > KICKER_CHARS or not _KICKER_END.search(line) or _SUBTITLE_MARK.match(line):
        return None
    text = _KICKER_END.sub("", line).strip()
    if not text or re.search(r"[。！？!?]", text):
        return None
    return text


@dataclass(frozen=True)
class Raw:
    kind: Literal["text", "heading", "figure"]
    text: str  # paragraph text, heading text or figure caption
    alt: str = ""
    credit: str = ""
    # the page gave the photo a caption box and left it empty: it has no caption
    no_caption: bool = False
    # text set off from the body: centred, bold, italic or in a smaller font, as captions are
    set_off: bool = False
    # a list item or a table cell is whole by itself: never the piece of a paragraph cut in two
    whole: bool = False


@dataclass(frozen=True)
class Head:
    title: str = ""
    subtitle: str | None = None
    byline: Byline | None = None
    source: str = ""  # 来源：… : the outlet the page credits
    site: str = ""  # the web site's own name, which an alt text may repeat
    author: str = ""  # a page's author field: the byline when the story prints none


def caption_like(text: str) -> bool:
    """A caption in one of its printed styles: 图①：…, 图为…, …（林晓燕 摄）, 新华社发."""
    text = tidy(text)
    return len(text) <= CAPTION_CHARS and bool(
        _CAPTION_MARK.match(text) or cr.photo_credit(text)[1] or cr.bare_photo_credit(text)
    )


def _caption_after_image(
    text: str, image: Raw, head: Head, set_off: bool = False
) -> tuple[str, str] | None:
    """Text right after a photo that printed no caption, when it reads as the caption: it ends
    with a credit (…供图, …摄, 图/…), or it is one short sentence. Text that leads into the
    photo (…如下：, …——) or asks a question is the story's."""
    text = tidy(text)
    if len(text) > CAPTION_CHARS or re.search(r"(?:[：:—…]|[？！?!][”’」』]?)$", text):
        return None
    marked = _CAPTION_MARK.match(text)
    caption, credit = cr.photo_credit(_CAPTION_MARK.sub("", text))
    if not credit:
        caption, credit = cr.loose_photo_credit(caption)
    if credit or marked:
        return caption, credit
    if alt_worth_reading(image.alt, "", head):
        # the page described the photo itself: only a repeat of that is its caption
        return (text, "") if _key(image.alt) in _key(text) else None
    if image.no_caption:
        return None
    sentences = [s for s in re.split(r"[。！？!?]", text) if s.strip()]
    limit = SET_OFF_CAPTION_CHARS if set_off else BARE_CAPTION_CHARS
    if len(text) <= limit and len(sentences) == 1:
        return text, ""
    return None


# A label line opening a sub-story (地点：某地, 时间：…): short, a label, a colon, a value.
_LABEL_LINE = re.compile(r"^[^\s：:，。！？]{1,6}\s*[：:]\s*[^。！？]{1,30}$")
# The sign-off closing an editor's note: ——编者, ——编　者, —— 本报评论员.
_SIGN_OFF = re.compile(r"^[—–─－]{1,2}\s*[^—–─－\s。！？，]{1,4}(?:\s[^\s。！？，]{1,4})?\s*$")


def _standalone(text: str) -> bool:
    """A line that stands alone, never the piece of a paragraph cut by the layout: a label
    line, a sign-off, a byline."""
    return bool(
        _LABEL_LINE.match(text)
        or _SIGN_OFF.match(text)
        or isinstance(cr.byline_line(_LINE_MARK.sub("", text)), Byline)
    )


_WEB_ADDRESS = re.compile(r"https?://|www\.[a-z0-9-]+\.", re.I)
_SENTENCE = re.compile(r"[^。！？!?]*(?:[。！？!?]+[”’」』]?|$)")


def _without_addresses(text: str) -> str:
    """A sentence that gives a web address (收藏以下链接：http://…) tells a reader where to click:
    a listener can do nothing with it, so it is not read."""
    if not _WEB_ADDRESS.search(text):
        return text
    return "".join(s for s in _SENTENCE.findall(text) if not _WEB_ADDRESS.search(s))


def _head_line(text: str, commas: bool = False) -> bool:
    """A short line with no sentence punctuation, as a head is printed."""
    punctuation = r"[。！？；;!?：:、]" if commas else r"[。！？；，,;!?：:、]"
    return (
        0 < len(text.replace(" ", "")) <= HEADING_CHARS
        and not re.search(punctuation, text)
        and not caption_like(text)
    )


def ends_open(text: str) -> bool:
    return bool(text) and text[-1] not in CLOSING


def _key(text: str) -> str:
    return re.sub(r"[\s\u00a0\u3000]+", "", text)


def alt_worth_reading(alt: str, caption: str, head: Head) -> bool:
    """Alt text says something the caption does not: not empty, not 点击查看高清原图, not the
    title or the site's name, not the caption again."""
    alt_key = _key(alt)
    if not alt_key or _ALT_SAYS_NOTHING.match(alt_key) or cr.is_english_photo_credit(alt):
        return False
    if alt_key in {_key(head.title), _key(head.site)}:
        return False
    caption_key = _key(caption)
    if caption_key and (alt_key in caption_key or caption_key in alt_key):
        return False
    # Half of what the alt says already in the caption: hearing it again adds too little.
    bigrams = {alt_key[i : i + 2] for i in range(len(alt_key) - 1)}
    covered = sum(1 for b in bigrams if b in caption_key)
    return not bigrams or covered < len(bigrams) / 2


def _merge_credits(byline: Byline, more: list[Credit]) -> Byline:
    known = {name for credit in byline.credits for name in credit.names}
    extra = []
    for credit in more:
        names = tuple(n for n in credit.names if n not in known)
        if names and credit.role not in cr.EDITOR_ROLES:
            extra.append(Credit(credit.role, names))
    return replace(byline, credits=byline.credits + tuple(extra)) if extra else byline


class _Rules:
    def __init__(self, head: Head, raws: list[Raw], layout_cuts: bool) -> None:
        self.head = head
        self.raws = [self._tidy(r) for r in raws]
        self.raws = [r for r in self.raws if r.text or r.kind == "figure"]
        self.layout_cuts = layout_cuts
        self.byline = head.byline
        self.source = head.source

    @staticmethod
    def _tidy(raw: Raw) -> Raw:
        # Spaces are kept until the end: in a heading 锚定目标　勇担使命 they are a pause, in a
        # paragraph 张\u00a0三 they are typesetting, and byline names need them to split.
        return replace(
            raw,
            text=_without_addresses(
                _BACK_LINK.sub("", _LINK_MARKER.sub("", ZERO_WIDTH.sub("", raw.text)))
            ).strip(),
            alt=clean(ZERO_WIDTH.sub("", raw.alt)),
        )

    def after_the_editor(self) -> None:
        """责任编辑：… is the last line of a story as sites print it: what follows it (other
        stories, tags, links) is the page's, not the story's."""
        for index, raw in enumerate(self.raws):
            if (
                index >= len(self.raws) // 2
                and raw.kind != "figure"
                and _EDITOR_IN_CHARGE.match(raw.text)
            ):
                self.raws = self.raws[:index]
                return

    def production_lines(self) -> None:
        kept = []
        crumbs = False
        for raw in self.raws:
            # a breadcrumb trail printed item by item: 首页 > / 快讯 > / 公司
            if raw.kind != "figure" and len(raw.text) <= CRUMB_CHARS:
                if _CRUMB.search(raw.text):
                    crumbs = True
                    continue
                if crumbs and not _SENTENCE_PUNCT.search(raw.text):
                    crumbs = False
                    continue
            crumbs = False
            if raw.kind in ("text", "heading"):
                # 图片说明： alone is a block header over the captions, said by the figure itself
                text = _BLOCK_HEADER_END.sub("", raw.text)
                if not text or cr.is_origin_line(text):
                    continue
                raw = replace(raw, text=text)
            if raw.kind in ("text", "heading") and (
                cr.is_editor_line(raw.text)
                or _FURNITURE_LINE.match(raw.text)
                or (len(raw.text) <= NOTICE_CHARS and _NOTICE_LINE.match(raw.text))
                or (len(raw.text) <= PROMO_CHARS and _PROMO.search(raw.text))
            ):
                continue
            if raw.kind == "text":
                if info := cr.info_line(raw.text):
                    source, byline = info
                    self.source = self.source or source
                    if byline and self.byline is None:
                        self.byline = byline
                    continue
                if source := cr.source_line(raw.text):
                    self.source = self.source or source
                    continue
            kept.append(raw)
        self.raws = kept

    def _texts(self) -> list[int]:
        return [i for i, r in enumerate(self.raws) if r.kind == "text"]

    def credits(self) -> None:
        texts = [i for i, r in enumerate(self.raws) if r.kind in ("text", "heading")]
        if self.byline is None:
            for index in texts[:3]:
                if cr.bare_photo_credit(self.raws[index].text):
                    continue  # 新华社记者 张三 摄 credits a photo, not the story
                # a byline printed in bold is still a byline, not a heading
                found = cr.byline_line(_LINE_MARK.sub("", self.raws[index].text))
                if found is None and _LABEL_LINE.match(self.raws[index].text):
                    break  # 地点：… opens a sub-story: its byline is read inside it
                if found is False:
                    self.raws[index] = replace(self.raws[index], text="")
                elif found is not None:
                    self.byline = found
                    self.raws[index] = replace(self.raws[index], text="")
                    break
        texts = [i for i in self._texts() if self.raws[i].text]
        if texts:
            first = texts[0]
            found_dateline = cr.dateline(self.raws[first].text)
            if found_dateline:
                byline, rest = found_dateline
                if self.byline is None:
                    self.byline = byline
                else:
                    self.byline = _merge_credits(self.byline, list(byline.credits))
                self.raws[first] = replace(self.raws[first], text=rest)
        self._trailing_byline_lines()
        texts = [i for i in self._texts() if self.raws[i].text]
        if texts:
            last = texts[-1]
            text = self.raws[last].text
            # a caption's credit (▲…（记者 某某 摄）) stays with the caption
            photo = text[0] in FIGURE_MARK or caption_like(text)
            found_trailing = None if photo else cr.trailing_credit(text)
            source = _TRAILING_SOURCE.match(self.raws[last].text)
            if found_trailing is None and source and cr.parse_credits(source["who"]) is None:
                # …趋稳趋优。（某县发改局）: the source, closing the story; not part of it
                self.source = self.source or source["who"]
                self.raws[last] = replace(self.raws[last], text=source["body"])
            if found_trailing:
                names, body = found_trailing
                if names and self.byline is None:
                    written = self.raws[last].text[len(body) :].strip()
                    self.byline = Byline("", tuple(names), written)
                elif names and self.byline is not None:
                    self.byline = _merge_credits(self.byline, names)
                self.raws[last] = replace(self.raws[last], text=body)
        if self.byline is None and self.head.author:
            self.byline = Byline("", (Credit("", (self.head.author,)),), self.head.author)
        if self.byline and cr.own_outlet(self.byline.outlet) and self.source:
            # 本报 on a page that says 来源：青山日报 is the 青山日报; on a site reprinting a paper
            # (来源：人民网－人民日报) it is the paper, named last.
            paper = re.split(r"[－—–-]+", self.source)[-1].strip() or self.source
            self.byline = replace(self.byline, outlet=paper)
        self.raws = [r for r in self.raws if r.text or r.kind == "figure"]

    def _trailing_byline_lines(self) -> None:
        """作者：张三（zhangsan@example.com） or 记者 张三 on a line of its own after the story:
        read once, up front, with the byline."""
        texts = [
            i for i, r in enumerate(self.raws) if r.kind in ("text", "heading") and r.text
        ]  # a byline set in bold after the story is still a byline
        if texts and (match := _BRACKETED_AUTHOR.match(self.raws[texts[-1]].text)):
            # (作者：某某 某大学教授): the name and the affiliation, read up front
            role, who = match.group("role"), clean(match.group("who"))
            credit = Credit(role, (who,))
            if self.byline is None:
                self.byline = Byline("", (credit,), self.raws[texts[-1]].text)
            else:
                self.byline = replace(self.byline, credits=self.byline.credits + (credit,))
            self.raws[texts[-1]] = replace(self.raws[texts[-1]], text="")
            texts = texts[:-1]
        if (
            texts
            and (match := _BRACKETED_SOURCE.match(self.raws[texts[-1]].text))
            and cr.parse_credits(match.group(1), bare_names=True) is None
            and clean(match.group(1)) not in cr.END_MARKS
        ):
            # （某某县发改局） alone after the story: where it came from, not part of it
            self.source = self.source or match.group(1)
            self.raws[texts[-1]] = replace(self.raws[texts[-1]], text="")
            texts = texts[:-1]
        for index in reversed(texts[-3:]):  # only lines after the last paragraph of prose
            line = _CONTACT.sub("", _LINE_MARK.sub("", self.raws[index].text)).strip()
            if not line or cr.bare_photo_credit(line):
                continue
            found = cr.byline_line(line)
            if found is None:
                break
            if found is False:
                self.raws[index] = replace(self.raws[index], text="")
            elif isinstance(found, Byline):
                if self.byline is None:
                    self.byline = found
                else:
                    self.byline = _merge_credits(self.byline, list(found.credits))
                self.raws[index] = replace(self.raws[index], text="")

    def figures(self) -> None:
        raws: list[Raw] = []
        for raw in self.raws:
            previous = raws[-1] if raws else None
            if raw.kind in ("text", "heading") and raw.text[0] in FIGURE_MARK:
                raw = Raw("figure", raw.text.lstrip(FIGURE_MARK).strip())
            if raw.kind == "heading" and caption_like(raw.text):
                raw = Raw("text", raw.text)  # a caption in bold is still a caption
            if (
                raw.kind == "text"
                and previous is not None
                and previous.kind == "figure"
                and not previous.text
                and not previous.credit  # a credit line alone is not a photo
                and (found := _caption_after_image(raw.text, previous, self.head, raw.set_off))
            ):
                raws.append(Raw("figure", found[0], credit=found[1]))  # merged below
                continue
            if raw.kind == "text" and len(raw.text) <= CAPTION_CHARS:
                credit = cr.bare_photo_credit(raw.text)
                if credit is not None:
                    raws.append(Raw("figure", "", credit=credit))  # merged below
                    continue
                marked = _CAPTION_MARK.match(raw.text)
                caption, credit = cr.photo_credit(raw.text)
                if marked or credit:
                    caption = _CAPTION_MARK.sub("", caption)
                    raws.append(Raw("figure", caption, credit=credit))
                    continue
            if raw.kind == "figure" and not raw.credit:
                caption, credit = cr.photo_credit(_CAPTION_MARK.sub("", raw.text))
                if not credit:
                    caption, credit = cr.loose_photo_credit(caption)
                raw = replace(raw, text=caption, credit=credit)
            raws.append(raw)
        self.raws = self._merge_figure_parts(raws)

    def _merge_figure_parts(self, raws: list[Raw]) -> list[Raw]:
        """An image, its caption and its credit often come as separate blocks: make one figure."""
        merged: list[Raw] = []
        for raw in raws:
            previous = merged[-1] if merged else None
            if (
                raw.kind == "figure"
                and previous is not None
                and previous.kind == "figure"
                and self._fits(previous, raw)
            ):
                merged[-1] = Raw(
                    "figure",
                    previous.text or raw.text,
                    previous.alt or raw.alt,
                    previous.credit or raw.credit,
                    previous.no_caption and not raw.text,
                )
                continue
            merged.append(raw)
        result = []
        for index, raw in enumerate(merged):
            if raw.kind == "figure" and not raw.text and not raw.alt:
                # A credit line alone: it belongs to the figure after it, if one follows.
                following = merged[index + 1] if index + 1 < len(merged) else None
                if following is not None and following.kind == "figure" and not following.credit:
                    merged[index + 1] = replace(following, credit=raw.credit)
                continue
            result.append(raw)
        return result

    @staticmethod
    def _fits(first: Raw, second: Raw) -> bool:
        # Each part fills what the other lacks: image (alt) + caption, caption + credit.
        return not (first.text and second.text) and not (first.credit and second.credit)

    def read_alts(self) -> None:
        raws = []
        for raw in self.raws:
            if raw.kind == "figure":
                alt = raw.alt if alt_worth_reading(raw.alt, raw.text, self.head) else ""
                caption, credit = raw.text, raw.credit
                if not caption:
                    caption, alt = alt, ""
                    if not credit:  # the alt text may carry the credit as a caption would
                        caption, credit = cr.photo_credit(caption)
                    if not credit:
                        caption, credit = cr.loose_photo_credit(caption)
                if not caption:
                    continue  # nothing to say about this picture
                raw = replace(raw, text=caption, alt=alt, credit=credit)
            raws.append(raw)
        self.raws = raws

    def numbered_parts(self) -> None:
        """一、… 二、… opening paragraphs in sequence are the parts of a notice or report: each
        becomes a section, headed by its numbered head (up to the first full stop or colon)."""
        numbers = []
        for raw in self.raws:
            match = _PART.match(raw.text) if raw.kind == "text" else None
            numbers.append(_NUMERALS.index(match[1] or match[2]) + 1 if match else 0)
        if 1 not in numbers or 2 not in numbers:
            return
        raws: list[Raw] = []
        expected = 1
        for raw, number in zip(self.raws, numbers, strict=True):
            match = _PART.match(raw.text) if number == expected else None
            if match is None:
                raws.append(raw)
                continue
            expected += 1
            raws.append(Raw("heading", match["head"].strip()))
            if match["rest"].strip():
                raws.append(Raw("text", match["rest"].strip()))
        if expected > 2:
            self.raws = raws

    def headings(self) -> None:
        """Headings with no markup: （一）…, 1．…, or a short bare line between paragraphs."""
        if any(r.kind == "heading" for r in self.raws):
            return  # the file marks its headings; a short line is then a paragraph cut short
        raws = list(self.raws)
        for index, raw in enumerate(raws):
            if raw.kind != "text" or not raw.text:
                continue
            previous = raws[index - 1] if index else None
            following = raws[index + 1] if index + 1 < len(raws) else None
            if following is None or following.kind == "heading":
                continue
            if caption_like(raw.text):
                continue  # a caption is never a heading
            numbered = _NUMBERED_HEAD.match(raw.text)
            if numbered and len(raw.text) <= 30 and not _SENTENCE_PUNCT.search(raw.text):
                raws[index] = Raw("heading", numbered.group("text").strip())
                continue
            if _standalone(raw.text):
                continue  # a label line, a sign-off or a byline is never a heading
            if following.kind == "text" and _standalone(following.text):
                # a sub-story's byline under its subhead: the prose comes after it
                following = raws[index + 2] if index + 2 < len(raws) else None
                if following is None:
                    continue
            if previous is not None and previous.kind == "text" and _standalone(previous.text):
                previous = None  # 地点：… over a subhead opens the sub-story, not a sentence
            bare = raw.text.replace(" ", "")
            after = raws[index + 2] if index + 2 < len(raws) else None
            if (
                index > 0
                and _head_line(raw.text)
                and following.kind == "text"
                and _head_line(following.text, commas=True)
                and (previous is None or previous.kind != "text" or not ends_open(previous.text))
                and after is not None
                and after.kind == "text"
                and not ends_open(after.text)
            ):
                # a head printed on two lines: 《某剧》主创捧场 / 某某获释仍未出席
                raws[index] = Raw("heading", f"{raw.text} {following.text}")
                raws[index + 1] = Raw("text", "")
                continue
            if (
                index > 0
                and len(bare) <= HEADING_CHARS
                and not re.search(r"[。！？；，,;!?：:、]", raw.text)
                and not re.search(r"[\d%％]", raw.text[-1])
                and (previous is None or previous.kind != "text" or not ends_open(previous.text))
                # what follows a heading is prose: a signature block (单位 / 日期) is not
                and following.kind == "text"
                and (not ends_open(following.text) or len(following.text) > 2 * HEADING_CHARS)
            ):
                raws[index] = Raw("heading", raw.text)
        self.raws = [r for r in raws if r.text or r.kind == "figure"]

    def label_lines(self) -> None:
        """地点：… printed over a subhead is read inside the sub-story it opens."""
        raws = list(self.raws)
        for index in range(1, len(raws)):
            before = raws[index - 1]
            if (
                raws[index].kind == "heading"
                and before.kind == "text"
                and _LABEL_LINE.match(before.text)
            ):
                raws[index - 1], raws[index] = raws[index], before
        self.raws = raws

    def join_cuts(self) -> None:
        if not self.layout_cuts:
            return
        joined: list[Raw] = []
        for raw in self.raws:
            previous = joined[-1] if joined else None
            if (
                raw.kind == "text"
                and previous is not None
                and previous.kind == "text"
                and ends_open(previous.text)
                and not _standalone(previous.text)
                and not _standalone(raw.text)
                and not (previous.whole or raw.whole)
            ):
                # Cut by the layout mid-sentence: 标准化试点 / 示范区建设 is one paragraph.
                # Latin words cut at a line end keep their space: public / repository.
                glue = (
                    " "
                    if re.search(r"[A-Za-z0-9,.;:]$", previous.text)
                    and re.match(r"[A-Za-z0-9(]", raw.text)
                    else ""
                )
                joined[-1] = Raw("text", previous.text + glue + raw.text)
                continue
            joined.append(raw)
        self.raws = joined

    def repeats_of_headline(self) -> None:
        headline = {_key(self.head.title), _key(self.head.subtitle or "")} - {""}
        self.raws = [r for r in self.raws if r.kind == "figure" or _key(r.text) not in headline]
        # the headline printed again over the text, broken over a few lines
        title = _key(self.head.title)
        for start in range(min(len(self.raws), 8)):
            joined = ""
            for end in range(start, min(len(self.raws), start + 5)):
                if self.raws[end].kind == "figure":
                    break
                joined += _key(self.raws[end].text)
                if joined == title and end > start:
                    self.raws = self.raws[:start] + self.raws[end + 1 :]
                    return
                if not title.startswith(joined):
                    break

    def stacked_headings(self) -> None:
        """Headings printed one under another (a head and its sub-heads, or a head on two
        lines: 英国《某报》 / 某某再次充满欢声笑语) are one heading. Headings with no text
        under them at all (a page's list titles, 热点新闻, at the end) head nothing."""
        merged: list[Raw] = []
        for raw in self.raws:
            previous = merged[-1] if merged else None
            if raw.kind == "heading" and previous is not None and previous.kind == "heading":
                merged[-1] = Raw("heading", f"{previous.text} {raw.text}")
                continue
            merged.append(raw)
        while merged and merged[-1].kind == "heading":
            merged.pop()
        self.raws = merged

    def sections(self) -> tuple[Section, ...]:
        sections: list[Section] = []
        heading: str | None = None
        current: list[Block] = []
        for raw in self.raws:
            if raw.kind == "heading":
                if current or heading is not None:
                    sections.append(Section(heading, tuple(current)))
                heading = clean(HEADING_MARK.sub("", raw.text)) or None
                current = []
            elif raw.kind == "figure":
                current.append(Figure(tidy(raw.text), tidy(raw.alt), tidy(raw.credit)))
            else:
                current.append(Paragraph(tidy(raw.text)))
        if current or heading is not None:
            sections.append(Section(heading, tuple(current)))
        return tuple(sections)


def build_article(head: Head, raws: list[Raw], layout_cuts: bool = False) -> Article:
    rules = _Rules(head, raws, layout_cuts)
    rules.repeats_of_headline()
    rules.after_the_editor()
    rules.production_lines()
    rules.credits()
    rules.figures()
    rules.read_alts()
    rules.numbered_parts()
    rules.headings()
    rules.label_lines()
    rules.join_cuts()
    rules.stacked_headings()
    return Article(
        title=_TITLE_TAG.sub("", clean(head.title)) or clean(head.title),
        subtitle=clean(head.subtitle) if head.subtitle else None,
        byline=rules.byline,
        sections=rules.sections(),
    )
