"""Pronunciation: one pinyin reading (tone digits, neutral 5) per character of spoken text.

Readings come from pypinyin with its phrase data, then the pronunciation tables (the shipped
one, then the user's), longest match winning.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import yaml
from pypinyin import Style, lazy_pinyin

from audiofeature.errors import PronunciationTableError

_TONE_MARKS = {"\u0304": "1", "\u0301": "2", "\u030c": "3", "\u0300": "4"}
_SYLLABLE = re.compile(r"^[a-zü]+[1-5]$")


def to_tone_digits(syllable: str) -> str:
    """zēng -> zeng1, fa4 -> fa4, lü4/lv4/lü -> lü4 ...; an unmarked syllable is neutral (5)."""
    text = syllable.strip().lower().replace("v", "ü").replace("u:", "ü")
    if text and text[-1] in "12345":
        return text
    tone = "5"
    plain = []
    for char in unicodedata.normalize("NFD", text):
        if char in _TONE_MARKS:
            tone = _TONE_MARKS[char]
        elif char == "\u0308":  # the diaeresis of ü, decomposed
            plain[-1] = "ü"
        else:
            plain.append(char)
    return "".join(plain) + tone


@dataclass(frozen=True)
class Entry:
    word: str
    readings: tuple[str, ...]
    source: str  # file:line, for messages


def load_table(path: Path) -> dict[str, Entry]:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise PronunciationTableError(f"{path}: cannot read ({exc.strerror})") from exc
    try:
        data = yaml.compose(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark else str(path)
        raise PronunciationTableError(
            f"{where}: not valid YAML ({getattr(exc, 'problem', exc)})"
        ) from None
    if data is None:
        return {}
    if not isinstance(data, yaml.MappingNode):
        raise PronunciationTableError(
            f"{path}:1: a pronunciation table must be a mapping of word: pinyin"
        )
    table: dict[str, Entry] = {}
    for key_node, value_node in data.value:
        word = str(key_node.value).strip()
        where = f"{path}:{key_node.start_mark.line + 1}"
        if word.startswith("_"):
            continue
        if isinstance(value_node, yaml.MappingNode):
            fields = {k.value: v for k, v in value_node.value}
            if "pinyin" not in fields:
                raise PronunciationTableError(f"{where}: entry {word!r} has no 'pinyin'")
            value_node = fields["pinyin"]
        if not isinstance(value_node, yaml.ScalarNode) or not str(value_node.value).strip():
            raise PronunciationTableError(f"{where}: entry {word!r} needs its pinyin as text")
        syllables = tuple(to_tone_digits(s) for s in str(value_node.value).split())
        if len(syllables) != len(word):
            raise PronunciationTableError(
                f"{where}: entry {word!r} has {len(word)} characters but {len(syllables)} syllables"
            )
        for syllable in syllables:
            if not _SYLLABLE.match(syllable):
                raise PronunciationTableError(
                    f"{where}: entry {word!r}: {syllable!r} is not a pinyin syllable"
                )
        table[word] = Entry(word, syllables, where)
    return table


def shipped_table_path() -> Path:
    return Path(str(resources.files("audiofeature") / "data" / "pronunciations.yaml"))


class Pronouncer:
    def __init__(self, table: dict[str, Entry]) -> None:
        self.table = table
        self.longest = max((len(w) for w in table), default=0)

    @classmethod
    def from_files(cls, user_table: Path | None = None) -> Pronouncer:
        table = load_table(shipped_table_path())
        if user_table is not None:
            table.update(load_table(user_table))
        return cls(table)

    def readings(self, text: str) -> list[str]:
        """One reading per character; a character that is not Chinese stands for itself."""
        result = lazy_pinyin(
            text, style=Style.TONE3, neutral_tone_with_five=True, errors=lambda s: list(s)
        )
        if len(result) != len(text):  # pypinyin merged something: fall back per character
            result = [
                lazy_pinyin(
                    c, style=Style.TONE3, neutral_tone_with_five=True, errors=lambda s: list(s)
                )[0]
                for c in text
            ]
        index = 0
        while index < len(text):
            for size in range(min(self.longest, len(text) - index), 0, -1):
                entry = self.table.get(text[index : index + size])
                if entry:
                    result[index : index + size] = entry.readings
                    index += size
                    break
            else:
                index += 1
        return result
