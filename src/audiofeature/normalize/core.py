"""The machinery: ordered rules, each recognizing a stretch of text (tag) and saying it (verbalize).

A rule is a regular expression plus two functions, in the habit of WeTextProcessing's
tn/chinese/rules/*.py: `tag` looks at a match in its context and returns a token (a frozen
dataclass of the parts it recognized) or None to decline; `say` turns that token into words.
Rules run in the order of `rules.RULES`; a stretch claimed by an earlier rule is never
touched by a later one, so priority is simply position in that list.

Matching happens on a *view* of the text in which full-width digits, letters and a few
symbols are replaced by their ASCII forms one character for one character, so every index
in the view is an index in the written text and the span map needs no translation.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Generic, Literal, TypeVar

LatinMode = Literal["keep", "spell"]

T = TypeVar("T")


@dataclass(frozen=True)
class Span:
    """written[w_start:w_end] is spoken as spoken[s_start:s_end]; `kind` names the rule.

    `readings` holds one reading (tone digits) per spoken character where the rule knows how its
    words must sound (letter names: A is 诶 ēi, which a context model would read xī); empty
    where the pronunciation stage decides.
    """

    w_start: int
    w_end: int
    s_start: int
    s_end: int
    kind: str = ""
    readings: tuple[str, ...] = ()


@dataclass(frozen=True)
class Normalized:
    written: str
    spoken: str
    spans: tuple[Span, ...]  # only the rewritten stretches; text between them maps one to one


@dataclass(frozen=True)
class Context:
    """What a tagger may look at besides its match: the whole view and the claims so far."""

    text: str
    view: str
    latin: LatinMode
    claims: Claims
    # Latin words said by given characters and readings (a pronunciation table's: iPhone),
    # keyed in lower case; only where Latin is spelled.
    said_as: Mapping[str, tuple[str, tuple[str, ...]]] = field(default_factory=dict)

    def written(self, match: re.Match[str], group: str | int = 0) -> str:
        """A matched group as printed (the view may have turned full-width forms into ASCII)."""
        start, end = match.span(group)
        return self.text[start:end] if start >= 0 else ""

    def before(self, index: int, width: int) -> str:
        return self.view[max(0, index - width) : index]

    def after(self, index: int, width: int) -> str:
        return self.view[index : index + width]


class Claims:
    """Sorted, non-overlapping [start, end) stretches already taken by a rule."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.kind_at_end: dict[int, str] = {}

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect.bisect_right(self.starts, start)
        if i and self.ends[i - 1] > start:
            return True
        return i < len(self.starts) and self.starts[i] < end

    def gaps(self, length: int) -> list[tuple[int, int]]:
        """The unclaimed stretches of a text of this length."""
        found = []
        cursor = 0
        for start, end in zip(self.starts, self.ends, strict=True):
            if start > cursor:
                found.append((cursor, start))
            cursor = end
        if cursor < length:
            found.append((cursor, length))
        return found

    def add(self, start: int, end: int, kind: str) -> None:
        i = bisect.bisect_right(self.starts, start)
        self.starts.insert(i, start)
        self.ends.insert(i, end)
        self.kind_at_end[end] = kind

    def ending_at(self, index: int) -> str | None:
        """The kind of the claim that ends exactly at index, if any."""
        return self.kind_at_end.get(index)


@dataclass(frozen=True)
class Rule(Generic[T]):
    name: str
    pattern: re.Pattern[str]
    tag: Callable[[re.Match[str], Context], T | None]
    say: Callable[[T, Context], str]
    # Match only inside the stretches no rule has claimed yet, so a run of letters or digits
    # that an earlier rule cut into is still read in full (Hotel12345: "Ho" after "tel12345").
    gaps: bool = False
    # The readings of what `say` returned, one per character, when the rule fixes them.
    readings: Callable[[T, Context], tuple[str, ...]] | None = None


@dataclass(frozen=True)
class Claim:
    start: int
    end: int
    spoken: str
    kind: str
    token: Any
    readings: tuple[str, ...] = ()


# Full-width forms (U+FF01..FF5E) map to ASCII by a fixed offset. Only digits, letters and the
# symbols that take part in numeric expressions are mapped: Chinese punctuation such as ，（）；
# must stay itself, or "分别为12，345" would look like the number 12,345.
_FULLWIDTH_KEEP = set("，（）；！？＂＇")
_VIEW_TABLE = {
    code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F) if chr(code) not in _FULLWIDTH_KEEP
}
_VIEW_TABLE.update({ord("￥"): ord("¥"), ord("\u3000"): ord(" ")})
_VIEW_TABLE.update(
    {ord("\u2212"): ord("-"), ord("\u2012"): ord("-"), ord("∶"): ord(":"), ord("µ"): ord("μ")}
)


def view_of(text: str) -> str:
    return text.translate(_VIEW_TABLE)


def _run(rule: Rule[Any], context: Context, first: int, last: int, taken: list[Claim]) -> None:
    """Claim every match of one rule in view[first:last] that overlaps no earlier claim."""
    claims = context.claims
    search = rule.pattern.search
    pos = first
    while pos <= last:
        match = search(context.view, pos, last)
        if match is None:
            return
        start, end = match.span()
        if end == start or claims.overlaps(start, end):
            pos = start + 1
            continue
        token = rule.tag(match, context)
        if token is None:
            pos = start + 1
            continue
        claims.add(start, end, rule.name)
        spoken = rule.say(token, context)
        readings = rule.readings(token, context) if rule.readings else ()
        taken.append(Claim(start, end, spoken, rule.name, token, readings))
        pos = end


def apply(
    rules: list[Rule[Any]],
    text: str,
    latin: LatinMode,
    said_as: Mapping[str, tuple[str, tuple[str, ...]]] | None = None,
) -> Normalized:
    view = view_of(text)
    claims = Claims()
    context = Context(text, view, latin, claims, said_as or {})
    taken: list[Claim] = []
    for rule in rules:
        stretches = claims.gaps(len(view)) if rule.gaps else [(0, len(view))]
        for first, last in stretches:
            _run(rule, context, first, last, taken)
    taken.sort(key=lambda c: c.start)
    spoken: list[str] = []
    spans: list[Span] = []
    cursor = 0
    length = 0
    for claim in taken:
        spoken.append(text[cursor : claim.start])
        length += claim.start - cursor
        spans.append(
            Span(
                claim.start,
                claim.end,
                length,
                length + len(claim.spoken),
                claim.kind,
                claim.readings,
            )
        )
        spoken.append(claim.spoken)
        length += len(claim.spoken)
        cursor = claim.end
    spoken.append(text[cursor:])
    return Normalized(text, "".join(spoken), tuple(spans))
