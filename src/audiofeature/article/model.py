"""The Article and its parts: what every reader of an article file produces."""

from __future__ import annotations

from dataclasses import dataclass, field

# Roles whose holders are the paper's own people, so the outlet reads straight into the role:
# 邵阳日报记者宁如娟. Any other role is set off by a comma: 新华网，作者张三.
_STAFF_ROLES = (
    *("记者", "特约记者", "实习记者", "见习记者", "通讯员", "实习生", "摄影记者"),
    *("記者", "特約記者", "實習記者", "見習記者", "通訊員", "實習生", "攝影記者"),
)
# A role printed as one character before a slash is said in full: 文/张三 → 撰文张三.
_SPOKEN_ROLE = {"文": "撰文", "图": "摄影", "摄": "摄影", "圖": "攝影", "攝": "攝影", "": "作者"}


@dataclass(frozen=True)
class Credit:
    role: str  # 记者, 通讯员, 摄影 ... as printed; "" when only names were printed: （张三）
    names: tuple[str, ...]

    def spoken(self) -> str:
        return _SPOKEN_ROLE.get(self.role, self.role) + "、".join(self.names)


@dataclass(frozen=True)
class Byline:
    outlet: str  # the paper the credits belong to, may be empty
    credits: tuple[Credit, ...]
    written: str  # the line as printed
    dateline: str = ""  # 北京3月5日电: where and when the story was filed, if printed

    def sentence(self) -> str:
        """The byline as one spoken sentence: 邵阳日报记者宁如娟，通讯员曾少石、陆翔."""
        credits = "，".join(c.spoken() for c in self.credits)
        head = self.outlet + self.dateline
        if not head or not credits:
            return head + credits
        joined = not self.dateline and self.credits[0].role in _STAFF_ROLES
        return head + ("" if joined else "，") + credits


@dataclass(frozen=True)
class Paragraph:
    text: str


@dataclass(frozen=True)
class Figure:
    caption: str  # what is read for the figure; a page's alt text when it printed no caption
    alt: str = ""  # a description worth reading besides the caption, else ""
    credit: str = ""  # 本报记者 张三 摄, 新华社发, 受访者供图 ...


Block = Paragraph | Figure


@dataclass(frozen=True)
class Section:
    heading: str | None  # None for the lead, before the first heading
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class Article:
    title: str
    subtitle: str | None = None
    byline: Byline | None = None
    sections: tuple[Section, ...] = field(default_factory=tuple)

    @property
    def lead(self) -> Section | None:
        if self.sections and self.sections[0].heading is None:
            return self.sections[0]
        return None

    def text_length(self) -> int:
        """Characters that will be read, for the size limit."""
        total = len(self.title) + len(self.subtitle or "")
        for section in self.sections:
            total += len(section.heading or "")
            for block in section.blocks:
                total += len(block.text if isinstance(block, Paragraph) else block.caption)
        return total
