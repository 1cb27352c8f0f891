"""Words and their parts of speech: jieba's `posseg.cut`, with jieba's data, loaded lazily.

Why not call `jieba.posseg` itself: importing it reads all 349,046 lines of jieba's dictionary
into two dicts and its hidden Markov model from Python modules, about 1.3 s on a cold start,
while `audiofeature script` has 1.5 s in all. Here the same dictionary is regrouped once, on
first use, into a cache file indexed by first character (jieba keeps a cache of its own for
the same reason); a run then parses only the groups of the characters it meets. The segmenter
and tagger below follow jieba 0.42.1 (`Tokenizer.get_DAG`, `Tokenizer.calc`,
`POSTokenizer.__cut_DAG`, `posseg.viterbi`; MIT licence) step for step, and a test checks that
they give exactly what `jieba.posseg.cut` gives.
"""

from __future__ import annotations

import importlib.util
import logging
import marshal
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from math import log
from pathlib import Path
from typing import Any

log_ = logging.getLogger(__name__)

CACHE_FORMAT = 3
MIN_FLOAT = -3.14e100
MIN_INF = float("-inf")

_HAN_DETAIL = re.compile("([\u4e00-\u9fd5]+)")
_SKIP_DETAIL = re.compile(r"([\.0-9]+|[a-zA-Z0-9]+)")
_HAN_INTERNAL = re.compile("([\u4e00-\u9fd5a-zA-Z0-9+#&\\._]+)")
_SKIP_INTERNAL = re.compile(r"(\r\n|\s)")
_ENG = re.compile("[a-zA-Z0-9]+")
_NUM = re.compile(r"[\.0-9]+")


@dataclass(frozen=True)
class Token:
    word: str
    tag: str  # jieba's part-of-speech tag: nr person, ns place, v verb …
    start: int

    @property
    def end(self) -> int:
        return self.start + len(self.word)


def _jieba_file(*parts: str) -> Path:
    # Found without importing jieba: its import alone costs 0.15 s (it loads pkg_resources).
    spec = importlib.util.find_spec("jieba")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("jieba is not installed")
    return Path(next(iter(spec.submodule_search_locations)), *parts)


def _build(dictionary: Path) -> dict[str, Any]:
    """Regroup jieba's dictionary by first character, each group ready to unmarshal: its
    words with their frequencies (and every prefix of a word with 0, as jieba's own
    `gen_pfdict` makes them) and their tags; jieba's HMM tables go along, also packed."""
    import pickle

    freqs: dict[str, dict[str, int]] = {}
    tags: dict[str, dict[str, str]] = {}
    total = 0
    with dictionary.open(encoding="utf-8") as handle:
        for line in handle:
            line = line.strip()
            if not line:
                continue
            word, freq, tag = line.split(" ")
            total += int(freq)
            group = freqs.setdefault(word[0], {})
            group[word] = int(freq)
            tags.setdefault(word[0], {})[word] = tag
    for group in freqs.values():
        for word in list(group):
            for end in range(1, len(word)):
                group.setdefault(word[:end], 0)
    hmm = []
    for name in ("char_state_tab.p", "prob_start.p", "prob_trans.p", "prob_emit.p"):
        with _jieba_file("posseg", name).open("rb") as handle:
            hmm.append(pickle.load(handle))  # noqa: S301 - jieba's own shipped model
    char_states, start_p, trans_p, emit_p = hmm
    # The emission table turned around (character → state → log probability) and packed per
    # character with the character's possible states: a run unpacks only what it meets.
    by_char: dict[str, dict[Any, float]] = {}
    for state, emissions in emit_p.items():
        for char, value in emissions.items():
            by_char.setdefault(char, {})[state] = value
    chars = set(by_char) | set(char_states)
    return {
        "format": CACHE_FORMAT,
        "total": total,
        "groups": {first: marshal.dumps((freqs[first], tags[first])) for first in freqs},
        "hmm": (start_p, trans_p),
        "chars": {
            char: marshal.dumps((char_states.get(char), by_char.get(char, {}))) for char in chars
        },
    }


@cache
def _data() -> dict[str, Any]:
    from audiofeature.pronounce.packed import packed

    dictionary = _jieba_file("dict.txt")
    stat = dictionary.stat()
    stamp = f"{CACHE_FORMAT}-{stat.st_size}-{int(stat.st_mtime)}"
    return packed("jieba-lexicon", stamp, CACHE_FORMAT, lambda: _build(dictionary))


class Lexicon:
    """jieba's dictionary (word → frequency, prefixes → 0, word → tag), unpacked per first
    character on demand."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.total: int = data["total"]
        self.logtotal = log(self.total)
        self._packed: dict[str, bytes] = data["groups"]
        self._groups: dict[str, tuple[dict[str, int], dict[str, str]]] = {}

    def _group(self, first: str) -> tuple[dict[str, int], dict[str, str]]:
        group = self._groups.get(first)
        if group is None:
            packed = self._packed.get(first)
            group = marshal.loads(packed) if packed else ({}, {})
            self._groups[first] = group
        return group

    def freq(self, word: str) -> int | None:
        return self._group(word[0])[0].get(word)

    def tag(self, word: str) -> str:
        return self._group(word[0])[1].get(word, "x")


class Tagger:
    def __init__(self) -> None:
        data = _data()
        self.lexicon = Lexicon(data)
        self.start_p, self.trans_p = data["hmm"]
        self._packed_chars: dict[str, bytes] = data["chars"]
        self._chars: dict[str, tuple[Any, dict[Any, float]]] = {}

    def _char(self, char: str) -> tuple[Any, dict[Any, float]]:
        """The states a character can take (None: any) and its emission log probabilities."""
        found = self._chars.get(char)
        if found is None:
            packed = self._packed_chars.get(char)
            found = marshal.loads(packed) if packed else (None, {})
            self._chars[char] = found
        return found

    # -- jieba.Tokenizer.get_DAG and .calc ---------------------------------------------------
    def _dag(self, sentence: str) -> dict[int, list[int]]:
        dag: dict[int, list[int]] = {}
        n = len(sentence)
        for k in range(n):
            ends = []
            i = k
            frag = sentence[k]
            while i < n:
                freq = self.lexicon.freq(frag)
                if freq is None:
                    break
                if freq:
                    ends.append(i)
                i += 1
                frag = sentence[k : i + 1]
            dag[k] = ends or [k]
        return dag

    def _route(self, sentence: str, dag: dict[int, list[int]]) -> dict[int, tuple[float, int]]:
        n = len(sentence)
        route: dict[int, tuple[float, int]] = {n: (0.0, 0)}
        logtotal = self.lexicon.logtotal
        for idx in range(n - 1, -1, -1):
            route[idx] = max(
                (log(self.lexicon.freq(sentence[idx : x + 1]) or 1) - logtotal + route[x + 1][0], x)
                for x in dag[idx]
            )
        return route

    # -- jieba.posseg.viterbi ----------------------------------------------------------------
    def _viterbi(self, obs: str) -> list[tuple[str, str]]:
        # jieba's emit_p[y].get(c, MIN_FLOAT) is emissions(c).get(y, MIN_FLOAT) here.
        start_p, trans_p = self.start_p, self.trans_p
        table: list[dict[Any, float]] = [{}]
        path: list[dict[Any, Any]] = [{}]
        all_states = trans_p.keys()
        states, emit = self._char(obs[0])
        for y in states or all_states:
            table[0][y] = start_p[y] + emit.get(y, MIN_FLOAT)
            path[0][y] = ""
        for t in range(1, len(obs)):
            table.append({})
            path.append({})
            states, emit = self._char(obs[t])
            prev_states = [x for x in path[t - 1] if len(trans_p[x]) > 0]
            expect_next = {y for x in prev_states for y in trans_p[x]}
            obs_states = set(states or all_states) & expect_next
            if not obs_states:
                obs_states = expect_next if expect_next else set(all_states)
            for y in obs_states:
                prob, state = max(
                    (table[t - 1][y0] + trans_p[y0].get(y, MIN_INF) + emit.get(y, MIN_FLOAT), y0)
                    for y0 in prev_states
                )
                table[t][y] = prob
                path[t][y] = state
        _, state = max((table[-1][y], y) for y in path[-1])
        route: list[Any] = [None] * len(obs)
        for i in range(len(obs) - 1, -1, -1):
            route[i] = state
            state = path[i][state]
        return route

    # -- jieba.posseg.POSTokenizer ------------------------------------------------------------
    def _cut_hmm(self, sentence: str) -> Iterator[tuple[str, str]]:
        pos_list = self._viterbi(sentence)
        begin, nexti = 0, 0
        for i, char in enumerate(sentence):
            pos = pos_list[i][0]
            if pos == "B":
                begin = i
            elif pos == "E":
                yield sentence[begin : i + 1], pos_list[i][1]
                nexti = i + 1
            elif pos == "S":
                yield char, pos_list[i][1]
                nexti = i + 1
        if nexti < len(sentence):
            yield sentence[nexti:], pos_list[nexti][1]

    def _cut_detail(self, sentence: str) -> Iterator[tuple[str, str]]:
        for blk in _HAN_DETAIL.split(sentence):
            if _HAN_DETAIL.match(blk):
                yield from self._cut_hmm(blk)
            else:
                for x in _SKIP_DETAIL.split(blk):
                    if x:
                        if _NUM.match(x):
                            yield x, "m"
                        elif _ENG.match(x):
                            yield x, "eng"
                        else:
                            yield x, "x"

    def _flush(self, buf: str) -> Iterator[tuple[str, str]]:
        if len(buf) == 1:
            yield buf, self.lexicon.tag(buf)
        elif not self.lexicon.freq(buf):
            yield from self._cut_detail(buf)
        else:
            for elem in buf:
                yield elem, self.lexicon.tag(elem)

    def _cut_dag(self, sentence: str) -> Iterator[tuple[str, str]]:
        route = self._route(sentence, self._dag(sentence))
        x = 0
        buf = ""
        n = len(sentence)
        while x < n:
            y = route[x][1] + 1
            word = sentence[x:y]
            if y - x == 1:
                buf += word
            else:
                if buf:
                    yield from self._flush(buf)
                    buf = ""
                yield word, self.lexicon.tag(word)
            x = y
        if buf:
            yield from self._flush(buf)

    def cut(self, sentence: str) -> Iterator[tuple[str, str]]:
        for blk in _HAN_INTERNAL.split(sentence):
            if not blk:
                continue
            if _HAN_INTERNAL.match(blk):
                yield from self._cut_dag(blk)
                continue
            for x in _SKIP_INTERNAL.split(blk):
                if _SKIP_INTERNAL.match(x):
                    yield x, "x"
                else:
                    for xx in x:
                        if _NUM.match(xx):
                            yield xx, "m"
                        elif _ENG.match(x):
                            yield xx, "eng"
                        else:
                            yield xx, "x"


@cache
def tagger() -> Tagger:
    return Tagger()


def tokens(text: str) -> list[Token]:
    out: list[Token] = []
    at = 0
    for word, tag in tagger().cut(text):
        out.append(Token(word, tag, at))
        at += len(word)
    return out
