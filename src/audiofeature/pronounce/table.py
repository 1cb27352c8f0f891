"""Pronunciation tables: YAML files of words and names with their pinyin.

The schema is documented at the top of the shipped pronunciations.yaml. Every problem is
reported with file:line and what is wrong, because a table is edited by hand.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Literal

import yaml

from audiofeature.errors import PronunciationTableError
from audiofeature.pronounce.syllables import problem, to_tone_digits

# A Latin word of the table: letters only, as the spelling rule finds them (iPhone).
LATIN_WORD = re.compile(r"[A-Za-z]+")
Scope = Literal["word", "surname"]
SCOPES: tuple[Scope, ...] = ("word", "surname")
ENTRY_KEYS = frozenset({"pinyin", "note", "as"})


@dataclass(frozen=True)
class Entry:
    word: str
    readings: tuple[str, ...]
    source: str  # file:line, for messages
    scope: Scope = "word"
    note: str = ""


@dataclass(frozen=True)
class Table:
    """Entries by scope: `words` apply wherever they occur (longest match), `surnames` only at
    the start of a person's name; `latin` are Latin words (iPhone), said by their syllables
    where a voice can say only Mandarin, instead of letter by letter, keyed in lower case."""

    words: dict[str, Entry]
    surnames: dict[str, Entry]
    latin: dict[str, Entry] = field(default_factory=dict)

    def merged(self, over: Table) -> Table:
        """This table with `over`'s entries replacing ours (the user's table wins)."""
        return Table(
            {**self.words, **over.words},
            {**self.surnames, **over.surnames},
            {**self.latin, **over.latin},
        )


def _is_han(char: str) -> bool:
    code = ord(char)
    return (
        0x4E00 <= code <= 0x9FFF
        or 0x3400 <= code <= 0x4DBF
        or 0x20000 <= code <= 0x3134F
        or 0xF900 <= code <= 0xFAFF
        or char == "〇"
    )


def _scalar(node: yaml.Node, where: str, what: str) -> str:
    if not isinstance(node, yaml.ScalarNode) or not str(node.value).strip():
        raise PronunciationTableError(f"{where}: {what} must be text")
    return str(node.value).strip()


def _entry(key_node: yaml.Node, value_node: yaml.Node, path: Path) -> Entry:
    where = f"{path}:{key_node.start_mark.line + 1}"
    word = _scalar(key_node, where, "a word")
    scope: str = "word"
    note = ""
    if isinstance(value_node, yaml.MappingNode):
        fields: dict[str, yaml.Node] = {}
        for k, v in value_node.value:
            name = str(k.value)
            if name not in ENTRY_KEYS:
                raise PronunciationTableError(
                    f"{path}:{k.start_mark.line + 1}: entry {word!r} has an unknown key "
                    f"{name!r} (known: {', '.join(sorted(ENTRY_KEYS))})"
                )
            fields[name] = v
        if "pinyin" not in fields:
            raise PronunciationTableError(f"{where}: entry {word!r} has no 'pinyin'")
        value_node = fields["pinyin"]
        if "note" in fields:
            note = _scalar(fields["note"], where, f"the note of {word!r}")
        if "as" in fields:
            scope = _scalar(fields["as"], where, f"'as' of {word!r}")
            if scope not in SCOPES:
                raise PronunciationTableError(
                    f"{where}: entry {word!r}: 'as' must be one of {', '.join(SCOPES)}, "
                    f"not {scope!r}"
                )
    text = _scalar(value_node, where, f"the pinyin of {word!r}")
    syllables = tuple(to_tone_digits(s) for s in text.replace(",", " ").split())
    latin = LATIN_WORD.fullmatch(word) is not None
    foreign = [c for c in word if not _is_han(c)]
    if foreign and not latin:
        raise PronunciationTableError(
            f"{where}: entry {word!r}: {foreign[0]!r} is not a Chinese character "
            "(a table gives one syllable per character, or the syllables of one Latin word)"
        )
    if latin and (scope != "word" or not syllables):
        raise PronunciationTableError(
            f"{where}: entry {word!r}: a Latin word is said by one or more syllables, "
            "wherever it stands (no 'as')"
        )
    if not latin and len(syllables) != len(word):
        raise PronunciationTableError(
            f"{where}: entry {word!r} has {len(word)} characters but {len(syllables)} "
            f"syllables ({text!r})"
        )
    for syllable in syllables:
        why = problem(syllable)
        if why:
            raise PronunciationTableError(f"{where}: entry {word!r}: {why}")
    if scope == "surname" and len(word) > 2:
        raise PronunciationTableError(
            f"{where}: entry {word!r}: a surname has one or two characters"
        )
    return Entry(word, syllables, where, scope, note)  # type: ignore[arg-type]


def load_table(path: Path) -> Table:
    """Read and check one table; raise PronunciationTableError naming file:line."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise PronunciationTableError(f"{path}: cannot read ({exc.strerror})") from exc
    except UnicodeDecodeError:
        raise PronunciationTableError(f"{path}: not UTF-8 text") from None
    try:
        # libyaml's composer where PyYAML has it: the same nodes and marks, ten times faster
        # (the shipped table took 0.12 s to compose, a tenth of a rebuild).
        data = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark else str(path)
        raise PronunciationTableError(
            f"{where}: not valid YAML ({getattr(exc, 'problem', exc)})"
        ) from None
    table = Table({}, {})
    if data is None:
        return table
    if not isinstance(data, yaml.MappingNode):
        raise PronunciationTableError(
            f"{path}:{data.start_mark.line + 1}: a pronunciation table must be a mapping "
            "of word: pinyin"
        )
    seen: dict[str, str] = {}
    for key_node, value_node in data.value:
        key = str(key_node.value).strip()
        where = f"{path}:{key_node.start_mark.line + 1}"
        if key.startswith("_"):
            continue  # reserved for settings
        entry = _entry(key_node, value_node, path)
        slot = (entry.scope, entry.word)
        if f"{slot}" in seen:
            raise PronunciationTableError(
                f"{where}: entry {key!r} is already given at {seen[f'{slot}']}"
            )
        seen[f"{slot}"] = where
        if LATIN_WORD.fullmatch(entry.word):
            slot = ("latin", entry.word.lower())
            if f"{slot}" in seen:
                raise PronunciationTableError(
                    f"{where}: entry {key!r} is already given at {seen[f'{slot}']}"
                )
            seen[f"{slot}"] = where
            table.latin[entry.word.lower()] = entry
            continue
        (table.surnames if entry.scope == "surname" else table.words)[entry.word] = entry
    return table


def shipped_table_path() -> Path:
    return Path(str(resources.files("audiofeature") / "data" / "pronunciations.yaml"))
