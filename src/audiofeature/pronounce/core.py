"""The Pronouncer: one reading (tone digits, neutral 5) per character of spoken text.

The readings are decided in this order, each step overruling the one before where it speaks:

1. pypinyin with its phrase data (the plain reading, also what a plain reader would say);
2. the norms and the special readings of names in the shipped word lists (`wordlists`:
   norms.tsv, history.tsv, places.tsv, brands.tsv), wherever their word stands as whole words;
3. each other polyphonic character: a grammar rule where one applies (`rules`); else the
   reading of the dictionary word it belongs to (pypinyin's phrase data, then CC-CEDICT's
   words that pypinyin lacks, lexicon.tsv; the longest word first); else the context model
   (g2pM). The phrase data goes before the model because g2pM learned the labels of its
   training corpus, CPP, where some characters only ever carry one reading: it reads 了解
   le jiě, 充分 chōng fēn, 协调 xié diào, 头发 tóu fā with near certainty. Where the model
   reads otherwise, a word of wider.tsv that jieba also cuts as one word still weighs:
   CC-CEDICT's (not a name) holds like lexicon.tsv's, large_pinyin's where the model is not
   near-certain (NEAR_CERTAIN) or for a neutral tone; else, where the model is not
   near-certain, for a two-character word no dictionary has, the reading the dictionaries'
   two-character words nearly all give the character at that edge (edges.tsv). On CPP-like
   text the model is right far more often than a character's commonest reading, so a
   character's default alone never overrules it: only a word or an edge pattern does;
4. person names (jieba's tags and the words around a name, see `names`): the surname takes
   its surname reading from the table (曾 zēng, 单 shàn …); 曾 in a given name is zēng; a
   given-name character the model was unsure of keeps the plain reading; otherwise a given
   name keeps the readings of step 3 (taking each character's commonest reading did worse:
   彭丽媛, 苏茜). A name that a list reads (a place, a brand) is not a person's;
5. the pronunciation tables (shipped, then the user's), whole words only, longest match
   winning.

Each reading records the step that decided it (`CharReading.why`), for `lint`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Literal

from audiofeature.pronounce.disputes import disputed
from audiofeature.pronounce.names import Name, find_names
from audiofeature.pronounce.pypinyin_data import characters, library, phrases
from audiofeature.pronounce.rules import apply as grammar_rule
from audiofeature.pronounce.segment import Token
from audiofeature.pronounce.syllables import to_tone_digits
from audiofeature.pronounce.table import Entry, Table, load_table, shipped_table_path

Source = Literal["plain", "word", "rule", "context", "name", "table"]

# Below this probability the context model's choice is reported by `lint`.
UNSURE_BELOW = 0.85
# Below this one the plain reading stands (when it is one of the character's readings).
KEEP_PLAIN_BELOW = 0.8
# Below this one a word of wider.tsv or an edge of edges.tsv overrules the context model.
NEAR_CERTAIN = 0.99
# How those decisions begin their `why`: `lint` lists them, the model having disagreed.
OVERRULED_MODEL = ("wider: ", "edges: ")


@dataclass(frozen=True)
class CharReading:
    char: str
    reading: str  # the chosen reading; a non-Chinese character stands for itself
    plain: str  # what a plain reader (pypinyin with its phrase data) says
    source: Source  # the step that decided the reading
    confidence: float | None = None  # the context model's probability, for a polyphone
    alternatives: tuple[str, ...] = ()  # a polyphone's other readings, likeliest first
    why: str = ""  # the list, rule or table line behind the reading

    @property
    def differs(self) -> bool:
        return self.reading != self.plain


@dataclass(frozen=True)
class Analysis:
    text: str
    chars: tuple[CharReading, ...]
    names: tuple[Name, ...]
    table_spans: tuple[tuple[int, int, Entry], ...]

    @property
    def readings(self) -> list[str]:
        return [c.reading for c in self.chars]

    def in_table(self, start: int, end: int) -> bool:
        return any(s <= start and end <= e for s, e, _ in self.table_spans)


def is_han(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff" or "\u3400" <= char <= "\u4dbf" or char == "〇"


def plain_readings(text: str) -> list[str]:
    """What a plain reader says: pypinyin with its phrase data, one reading per character."""
    return list(_plain(text))


@lru_cache(maxsize=256)  # the script asks again for the text it just read, to mark it
def _plain(text: str) -> tuple[str, ...]:
    pypinyin = library()
    Style, lazy_pinyin = pypinyin.Style, pypinyin.lazy_pinyin

    def per_char(chunk: str) -> list[str]:
        return list(chunk)

    def run(chunk: str) -> list[str]:
        # Style.TONE is pypinyin's own data, unconverted: cheaper than TONE3, and our cached
        # to_tone_digits does the rest (an unmarked syllable is the neutral tone).
        return lazy_pinyin(chunk, style=Style.TONE, errors=per_char)

    result = run(text)
    if len(result) != len(text):  # pypinyin merged something: fall back per character
        result = [(run(c) or [c])[0] for c in text]
    return tuple(_digits(r) if is_han(c) else c for c, r in zip(text, result, strict=True))


@lru_cache(maxsize=4096)
def _digits(syllable: str) -> str:
    return to_tone_digits(syllable)


def most_common_reading(char: str) -> str | None:
    """The first reading pypinyin lists for a character (its most common one)."""
    readings = characters().get(ord(char))
    return to_tone_digits(readings.split(",")[0]) if readings else None


def _dictionary_words(text: str, tokens: Sequence[Token]) -> dict[int, tuple[str, str]]:
    """The reading a listed word gives each character in it, with the list that gave it.

    Candidates: jieba's words and pypinyin's own words found in pypinyin's phrase data (a
    character whose reading there other dictionaries dispute maps to "": see `disputes`),
    and the shipped word lists (`wordlists`) wherever they stand as whole words. A norm holds
    wherever its word stands; otherwise the longest word decides (more context), and between
    words of one length the special readings of names go before pypinyin's phrase data, and
    that before CC-CEDICT's lexicon."""
    from audiofeature.pronounce import wordlists

    phrase_data = phrases()  # imports pypinyin, with its phrase data in place
    from pypinyin.seg.mmseg import seg

    best: dict[int, tuple[tuple[int, int, int], str, str]] = {}
    doubts = disputed()
    bounds = _Bounds(tokens)

    def offer(start: int, word: str, readings: Sequence[str], rank: int, why: str) -> None:
        for offset, reading in enumerate(readings):
            key = (int(rank >= NAMES), len(word), rank)
            at = start + offset
            if at not in best or best[at][0] < key:
                best[at] = (key, reading, why)

    def take(word: str, start: int) -> None:
        entry = phrase_data.get(word)
        if len(word) < 2 or not entry or len(entry) != len(word):
            return
        unsure = doubts.get(word, frozenset())
        readings = ["" if i in unsure else _digits(r[0]) for i, r in enumerate(entry)]
        offer(start, word, readings, PHRASES, "pypinyin")

    for token in tokens:
        take(token.word, token.start)
        if len(token.word) >= 3 and token.word not in phrase_data:
            # A long token no dictionary lists is words jieba glued together (中学校长):
            # pypinyin's words inside it, cut longest first from the end, speak for their
            # characters (中学 校长 zhǎng; 迫切 要求 yāo, not 切要 yào).
            for offset, word in _backward_words(token.word, phrase_data):
                take(word, token.start + offset)
    at = 0
    for word in seg.cut(text):
        # pypinyin's own words only where they agree with jieba's: 充分 in 充分利用, but
        # not 行业 in 进行 业务.
        if not bounds.cuts(at, at + len(word)) or bounds.within_one(at, len(word)):
            take(word, at)
        at += len(word)
    for start, word, listed in wordlists.find(text):
        end = start + len(word)
        if listed.stem and not _stands_as_place(text, word, end, bounds):
            continue  # 商都 is a county without 县, but not in 友商都涨价
        if listed.list == "lexicon":
            if bounds.cuts(start, end):
                continue
        elif bounds.cuts_listed(start, end):
            continue
        offer(start, word, listed.readings, RANKS[listed.list], f"{listed.list}: {listed.source}")
    return {at: (reading, why) for at, (_, reading, why) in best.items()}


def _backward_words(text: str, words: Mapping[str, object]) -> list[tuple[int, str]]:
    """The words of `text` (shorter than it) found by maximum matching from its end, with
    their offsets: the classic segmentation, more often right than from the start."""
    found: list[tuple[int, str]] = []
    end = len(text)
    while end > 0:
        for start in range(max(0, end - len(text) + 1), end - 1):
            if text[start:end] in words:
                found.append((start, text[start:end]))
                end = start
                break
        else:
            end -= 1
    return found


# jieba's tags of names: persons, places, organisations, other proper nouns.
PROPER = ("nr", "ns", "nt", "nz")


def _edge_reading(text: str, tokens: Sequence[Token], index: int) -> tuple[str, str] | None:
    """The reading `edges.tsv` gives the character at `index` when it begins or ends a
    two-character token that no dictionary lists, with the reason."""
    from audiofeature.pronounce import wordlists

    phrase_data = phrases()
    token = next(t for t in tokens if t.start <= index < t.end)
    if len(token.word) != 2 or token.word in phrase_data or token.tag.startswith(PROPER):
        return None  # a name is not read by the common words' analogy (商都, a county)
    edge = "first" if index == token.start else "last"
    found = wordlists.edges().get((text[index], edge))
    if found is None:
        return None
    reading, share = found
    return reading, f"edges: {share} two-character words with {text[index]} {edge} read {reading}"


def _neutral_of(reading: str, other: str) -> bool:
    """Whether `reading` is the neutral tone of `other`'s syllable (zi5 of zi3)."""
    return reading.endswith("5") and reading[:-1] == other[:-1] and reading != other


def _wider_words(
    text: str, tokens: Sequence[Token], indices: Sequence[int]
) -> dict[int, tuple[str, str, bool]]:
    """For each of `indices`, the reading wider.tsv gives it where jieba takes the word that
    holds it for one word too (large_pinyin has phrases that are no words: 也曾), with the list
    and source that gave it, and whether it is trusted as a dictionary word kept by hand (a
    word of CC-CEDICT's that jieba does not tag as a name: CC-CEDICT reads names as their own
    people may not, 塞尔维亚 sāi)."""
    from audiofeature.pronounce import wordlists

    bounds = _Bounds(tokens)
    found: dict[int, tuple[str, str, bool]] = {}
    for index in indices:
        token = bounds.token(index)
        listed = wordlists.wider_word(token.word)
        if listed is not None:
            trusted = listed.source == "cc_cedict" and not token.tag.startswith(PROPER)
            reading = listed.readings[index - token.start]
            found[index] = (reading, f"wider: {listed.source}", trusted)
    return found


# Characters the context model does not take for polyphones that a grammar rule reads.
RULE_ONLY = frozenset("血")
# What may follow a place name that ends its phrase.
PHRASE_ENDS = frozenset("，。、；：！？,.;:!?）)」”的和与及")
# The lists whose readings hold whatever the rules or the context model say.
SPECIAL = ("norms", "history", "places", "brands")
# Characters read one way wherever they stand in a person's name.
NAME_CHARACTERS = {"曾": "zeng1"}
# How far a list is trusted, between words of one length (a norm holds whatever the length).
LEXICON, PHRASES, NAMES, NORM = 1, 2, 3, 4
RANKS = {"lexicon": LEXICON, "history": NAMES, "places": NAMES, "brands": NAMES, "norms": NORM}


def _stands_as_place(text: str, word: str, end: int, bounds: _Bounds) -> bool:
    """Whether a place name given without its 县/区/市 goes on with a place-like character
    (宁都县, 宁都人), or ends a word jieba tags as a place. A name ending in 都 must end its
    phrase too: after a noun, 都 is mostly the adverb (友商都涨价, jieba: 友 商都)."""
    if end == len(text) or text[end] in PLACE_SUFFIXES:
        return True
    if word.endswith("都") and text[end] not in PHRASE_ENDS:
        return False
    return bounds.token(end - 1).tag.startswith("ns") and bounds.token(end - 1).end == end


class _Bounds:
    """Which token holds each character: the whole-word tests below in constant time (they
    run for every listed word found in every sentence)."""

    def __init__(self, tokens: Sequence[Token]) -> None:
        self.tokens = tokens
        self.owner: list[int] = []
        for k, token in enumerate(tokens):
            self.owner.extend([k] * len(token.word))

    def token(self, index: int) -> Token:
        return self.tokens[self.owner[index]]

    def cuts(self, start: int, end: int) -> bool:
        """`_cuts_a_word`, fast."""
        if self.token(start).start < start:
            return True
        last = self.token(end - 1)
        if last.end > end:
            rest = last.end - end
            return not (last.start == start and rest == 1 and last.word[-1] in PLACE_SUFFIXES)
        return False

    def within_one(self, start: int, size: int) -> bool:
        return self.owner[start] == self.owner[start + size - 1]

    def cuts_listed(self, start: int, end: int) -> bool:
        """`_cuts_a_listed_word`, fast."""
        phrase_data = phrases()
        for k in range(self.owner[start], self.owner[end - 1] + 1):
            token = self.tokens[k]
            inside = start <= token.start and token.end <= end
            if not inside and len(token.word) >= 2 and token.word in phrase_data:
                return True
        return False


def _cuts_a_listed_word(start: int, end: int, tokens: Sequence[Token]) -> bool:
    """Whether the span [start, end) cuts a word of jieba's that a dictionary lists. jieba
    also glues unknown names to what follows (岑参曾, 吴王夫 差): a name of the lists may cut
    such a token, but not a real word (应城 is no place in 响应城市)."""
    phrase_data = phrases()
    for token in tokens:
        if token.end <= start or token.start >= end or len(token.word) < 2:
            continue
        inside = start <= token.start and token.end <= end
        if not inside and token.word in phrase_data:
            return True
    return False


def _within_one(start: int, size: int, tokens: Sequence[Token]) -> bool:
    """Whether [start, start + size) lies inside a single token (充分 in 充分利用)."""
    return any(t.start <= start and start + size <= t.end for t in tokens)


# A table entry may begin a longer word when what follows is one of these: 蚌埠市, 六安人.
PLACE_SUFFIXES = frozenset("市县区省镇乡村州盟旗人路街站港湾山河湖岛")


def _cuts_a_word(start: int, end: int, tokens: Sequence[Token]) -> bool:
    """Whether the span [start, end) is not made of whole words: a table entry is a word, and
    行业 is not in 进行业务, nor 假发 in 假发票. It may begin a place-like word (蚌埠市)."""
    for token in tokens:
        if token.start < start < token.end:
            return True
        if start <= token.start < end < token.end:
            rest = token.end - end
            if not (token.start == start and rest == 1 and token.word[-1] in PLACE_SUFFIXES):
                return True
    return False


def unlisted_name(text: str) -> bool:
    """Whether a person's name found in the text is one to read by the name rules.

    A "name" that pypinyin's phrase data lists is either a well-known name, read right there
    already, or a common word jieba's dictionary mislabels (朴素, 燕子); so is one that
    CC-CEDICT lists with another reading (盖章, 查尔斯: `not_names.tsv`), and one of the
    special readings of the lists (a place, a brand). One that starts with a common word is a
    phrase jieba mislabels (盖房子, 纪律严明, 葛根粉): real names seldom do.
    """
    from audiofeature.pronounce import wordlists

    phrase_data = phrases()
    return (
        text not in phrase_data
        and text[:2] not in phrase_data
        and not wordlists.is_not_a_name(text)
        and wordlists.before_phrases(text) is None
    )


def _fits(reading: str, options: dict[str, float]) -> bool:
    """A reading the character has: one of the model's, or the neutral tone of one of them
    (the phrase data's 头发 tóufa, for which g2pM has no class)."""
    return reading in options or (
        reading.endswith("5") and any(r[:-1] == reading[:-1] for r in options)
    )


@dataclass(frozen=True)
class Untabled:
    """A text's readings before the table's surnames and words: what `Pronouncer.finish`
    needs, and all of it (a rebuild after a table fix starts here, from memory)."""

    text: str
    chars: tuple[CharReading, ...]
    tokens: tuple[Token, ...] | None  # None: no Chinese character, nothing more to decide
    listed: frozenset[int]  # read by a norm or a name's special reading: no name rule


class Pronouncer:
    def __init__(self, table: Table) -> None:
        self.table = table
        self.longest = max((len(w) for w in table.words), default=0)

    @classmethod
    def from_files(cls, user_table: Path | None = None) -> Pronouncer:
        table = load_table(shipped_table_path())
        if user_table is not None:
            table = table.merged(load_table(user_table))
        return cls(table)

    def readings(self, text: str) -> list[str]:
        """One reading per character; a character that is not Chinese stands for itself."""
        return self.analyse(text).readings

    def analyse(self, text: str) -> Analysis:
        return self.finish(self.untabled(text))

    def untabled(self, text: str) -> Untabled:
        """Every step but the two the table takes part in (surnames, then words): what the
        segmenter, the phrase data, the word lists, the rules and the context model say."""
        plain = plain_readings(text)
        chars = [CharReading(c, r, r, "plain") for c, r in zip(text, plain, strict=True)]
        if not any(is_han(c) for c in text):
            return Untabled(text, tuple(chars), None, frozenset())
        from audiofeature.pronounce.context import context_model
        from audiofeature.pronounce.segment import tokens as segment

        tokens = segment(text)
        words = _dictionary_words(text, tokens)
        model = context_model()
        undecided: list[int] = []
        listed: set[int] = set()  # read by a norm or a name's special reading
        for index, char in enumerate(text):
            from_word, why = words.get(index, ("", ""))
            if from_word and why.startswith(SPECIAL):
                # a norm or a special reading of a name holds, whatever the rules or the model
                others = tuple(r for r in model.options(char) if r != from_word)
                chars[index] = CharReading(char, from_word, plain[index], "word", 1.0, others, why)
                listed.add(index)
                continue
            options = model.options(char)
            if not options and char not in RULE_ONLY:
                continue
            ruled = grammar_rule(text, tokens, index)
            if not options and ruled:  # 血, which the context model does not know as polyphonic
                chars[index] = CharReading(char, ruled, plain[index], "rule", why="grammar rule")
                continue
            if not options:
                continue
            if ruled in options:
                best, source, why = ruled, "rule", "grammar rule"
            elif from_word and _fits(from_word, options):
                best, source = from_word, "word"
            else:
                undecided.append(index)
                continue
            others = tuple(r for r in options if r != best)
            chars[index] = CharReading(char, best, plain[index], source, 1.0, others, why)
        # The model runs only for a sentence with a polyphone nothing else has settled.
        guesses = model.guesses(text) if undecided else {}
        wider = _wider_words(text, tokens, undecided) if undecided else {}
        for index in undecided:
            guess = guesses[index]
            best, why, source = guess.best, "context model (g2pM)", "context"
            from_wider, listed_as, trusted = wider.get(index, ("", "", False))
            sure = guess.confidence >= NEAR_CERTAIN
            if (
                from_wider
                and from_wider != best
                and _fits(from_wider, dict(guess.probabilities))
                and (trusted or not sure or _neutral_of(from_wider, best))
            ):
                # CC-CEDICT's word that is no name holds like lexicon.tsv's (重挫 zhòng).
                # large_pinyin's holds against a model that is not near-certain: the word is
                # the better evidence (重磅 zhòng); a near-certain model knows the context
                # better than a large list's rarer entries (也曾 zēng). Its neutral tone holds
                # even then: the model reads the suffix 子 zǐ with near certainty (一下子,
                # 村子, 段子), which no dictionary does.
                if trusted:
                    why = listed_as
                else:
                    why = f"{listed_as}, " + (
                        "the neutral tone" if sure else "the context model unsure"
                    )
                best, source = from_wider, "word"
            elif (
                not sure
                and (edge := _edge_reading(text, tokens, index))
                and edge[0] != best
                and _fits(edge[0], dict(guess.probabilities))
            ):
                # A two-character word no dictionary has, whose character at this edge the
                # dictionaries' words nearly all read one way (牛畜 like 牲畜 chù).
                best, why, source = edge[0], edge[1], "rule"
            elif (
                guess.confidence < KEEP_PLAIN_BELOW
                and plain[index] in dict(guess.probabilities)
                and plain[index] == most_common_reading(text[index])
            ):
                # Unsure, the model does no better than the plain reading when that is the
                # character's commonest one (right more often there on both development
                # sets); a plain reading from a phrase-data match (美的 dí) is no such prior.
                best, why = plain[index], "context model unsure: the plain reading"
            others = tuple(r for r, _ in guess.probabilities if r != best)
            # where dictionary evidence overruled the model: its probability of our reading
            overruled = source != "context"
            confidence = dict(guess.probabilities).get(best, 0.0) if overruled else guess.confidence
            chars[index] = CharReading(
                text[index], best, plain[index], source, confidence, others, why
            )
        return Untabled(text, tuple(chars), tuple(tokens), frozenset(listed))

    def finish(
        self, untabled: Untabled, is_unlisted_name: Callable[[str], bool] = unlisted_name
    ) -> Analysis:
        """The readings once the table's surnames and words have their say.

        `is_unlisted_name` may answer from a record of earlier answers: it is the one step
        here that reads the phrase data and the word lists."""
        text, tokens, listed = untabled.text, untabled.tokens, untabled.listed
        chars = list(untabled.chars)
        if tokens is None:
            return Analysis(text, untabled.chars, (), ())
        plain = [c.plain for c in chars]
        names = find_names(tokens, self.table.surnames)
        for name in names:
            if name.kind != "person" or not is_unlisted_name(name.text):
                continue
            if any(at in listed for at in range(name.start, name.end)):
                continue  # a place, a historical name or a brand of the lists
            surname = self.table.surnames.get(name.text[: name.surname])
            if surname is not None:
                for offset, reading in enumerate(surname.readings):
                    at = name.start + offset
                    why = f"surname rule, table {Path(surname.source).name}"
                    chars[at] = CharReading(text[at], reading, plain[at], "name", why=why)
            first = name.start + (name.surname if surname is not None else 0)
            for at in range(first, name.end):
                # A name character with a reading of its own in names: 曾 is céng only as
                # the adverb "once", never in a name (范曾 Fàn Zēng).
                reading = NAME_CHARACTERS.get(text[at])
                if reading:
                    why = "name character rule"
                    chars[at] = CharReading(text[at], reading, plain[at], "name", why=why)
                elif chars[at].source == "context" and (chars[at].confidence or 0) < UNSURE_BELOW:
                    # Context says little about a given name: where the model is unsure, the
                    # plain (commonest) reading is the better guess (潘展乐 lè).
                    why = "given name: the plain reading, the context model being unsure"
                    chars[at] = CharReading(text[at], plain[at], plain[at], "name", why=why)

        spans: list[tuple[int, int, Entry]] = []
        bounds = _Bounds(tokens)
        index = 0
        while index < len(text):
            for size in range(min(self.longest, len(text) - index), 0, -1):
                entry = self.table.words.get(text[index : index + size])
                if entry and not bounds.cuts(index, index + size):
                    for offset, reading in enumerate(entry.readings):
                        at = index + offset
                        chars[at] = CharReading(
                            text[at],
                            reading,
                            plain[at],
                            "table",
                            why=f"table {Path(entry.source).name}",
                        )
                    spans.append((index, index + size, entry))
                    index += size
                    break
            else:
                index += 1
        return Analysis(text, tuple(chars), tuple(names), tuple(spans))
