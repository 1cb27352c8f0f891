"""Readings remembered between builds: asked once per text and table entries, and a table fix
re-reads exactly the utterances holding its word."""

from __future__ import annotations

from pathlib import Path

import pytest

from audiofeature.pronounce import Pronouncer, load_table, shipped_table_path
from audiofeature.pronounce.remembered import RememberedReadings
from audiofeature.pronounce.table import Entry, Table

TEXTS = ["曾少石在会上发言。", "市场监管局开展执法检查。", "今天天气很好。"]


def shipped() -> Table:
    return load_table(shipped_table_path())


def with_entry(table: Table, word: str, readings: str, scope: str = "word") -> Table:
    entry = Entry(word, tuple(readings.split()), "test:1", scope)  # type: ignore[arg-type]
    extra = Table({word: entry}, {}) if scope == "word" else Table({}, {word: entry})
    return table.merged(extra)


def reader(table: Table, root: Path) -> RememberedReadings:
    return RememberedReadings(table, root, lambda: Pronouncer(table))


def test_what_is_remembered_is_what_the_pronouncer_says(tmp_path):
    table = shipped()
    first = reader(table, tmp_path)
    said = [first(text) for text in TEXTS]
    assert first.asked == len(TEXTS)
    assert said == [Pronouncer(table).readings(text) for text in TEXTS]
    again = reader(table, tmp_path)
    assert [again(text) for text in TEXTS] == said
    assert again.asked == 0


def test_the_pronouncer_is_not_loaded_when_everything_is_remembered(tmp_path):
    table = shipped()
    for text in TEXTS:
        reader(table, tmp_path)(text)
    loaded: list[bool] = []

    def load() -> Pronouncer:
        loaded.append(True)
        return Pronouncer(table)

    remembered = RememberedReadings(table, tmp_path, load)
    for text in TEXTS:
        remembered(text)
    assert not loaded


@pytest.mark.parametrize(
    ("word", "readings", "scope", "reread"),
    [
        ("曾少石", "ceng2 shao3 shi2", "word", [TEXTS[0]]),
        ("曾", "ceng2", "surname", [TEXTS[0]]),
        ("执法", "zhi2 fa3", "word", [TEXTS[1]]),
        ("公园", "gong1 yuan2", "word", []),  # in no text: nothing is read again
    ],
)
def test_a_table_fix_rereads_only_the_texts_holding_its_word(
    tmp_path, word, readings, scope, reread
):
    table = shipped()
    before = reader(table, tmp_path)
    for text in TEXTS:
        before(text)
    fixed = with_entry(table, word, readings, scope)
    analysed: list[str] = []

    class Counting(Pronouncer):
        def untabled(self, text: str):  # type: ignore[no-untyped-def]
            analysed.append(text)
            return super().untabled(text)

    after = RememberedReadings(fixed, tmp_path, lambda: Counting(fixed))
    results = [after(text) for text in TEXTS]
    # Read again from what the pronouncer said before the table: none from the start.
    assert analysed == []
    assert after.finished == len(reread) and after.asked == 0
    assert results == [Pronouncer(fixed).readings(text) for text in TEXTS]
    assert [after.tokens(text) is not None for text in TEXTS] == [t in reread for t in TEXTS]


# Read in a fresh interpreter, after another one read the same texts under the table before
# the fix: the fix is applied without the segmenter, the phrase data or the context model.
AFTER_A_FIX = """
import sys
from pathlib import Path
from audiofeature.pronounce import Pronouncer, load_table, shipped_table_path
from audiofeature.pronounce.remembered import RememberedReadings
from audiofeature.pronounce.table import Entry, Table
table = load_table(shipped_table_path())
if sys.argv[2] == "fixed":
    entry = Entry("曾少石", ("ceng2", "shao3", "shi2"), "test:1", "word")
    table = table.merged(Table({"曾少石": entry}, {}))
reader = RememberedReadings(table, Path(sys.argv[1]), lambda: Pronouncer(table))
print(" ".join(reader("曾少石在会上发言，一个人也不少。")))
heavy = ("pypinyin", "jieba", "g2pM", "audiofeature.pronounce.context")
print(" ".join(sorted(m for m in heavy if m in sys.modules)))
"""


def test_a_fix_loads_none_of_the_pronouncers_models(tmp_path):
    import subprocess
    import sys

    def run(which: str) -> list[str]:
        command = [sys.executable, "-c", AFTER_A_FIX, str(tmp_path), which]
        return subprocess.run(command, capture_output=True, text=True, check=True).stdout.split(
            "\n"
        )

    before = run("shipped")
    assert before[0].startswith("zeng1 shao3 shi2") and before[1]  # read: the models loaded
    after = run("fixed")
    assert after[0].startswith("ceng2 shao3 shi2")
    assert after[1] == ""
    assert after[0].split()[3:] == before[0].split()[3:]


def test_a_damaged_entry_is_read_again(tmp_path):
    table = shipped()
    first = reader(table, tmp_path)
    first(TEXTS[2])
    stored = list(tmp_path.rglob("*.json"))
    assert len(stored) == 2  # the readings, and what was said before the table
    for path in stored:
        path.write_text("[", encoding="utf-8")
    again = reader(table, tmp_path)
    assert again(TEXTS[2]) == Pronouncer(table).readings(TEXTS[2])
    assert again.asked == 1


NORMALIZED = ["2019年营收10625万元，增长70%。", "通过ISO9001认证。", "今天天气很好。"]


@pytest.mark.parametrize("latin", ["keep", "spell"])
def test_remembered_normalization_is_the_normalizers(tmp_path, monkeypatch, latin):
    from audiofeature.normalize import normalize
    from audiofeature.pronounce import remembered
    from audiofeature.pronounce.remembered import RememberedNormalizer

    first = RememberedNormalizer(tmp_path)
    made = [first(text, latin) for text in NORMALIZED]
    assert made == [normalize(text, latin) for text in NORMALIZED]
    assert any(s.readings for n in made for s in n.spans) or latin == "keep"
    assert any(n.spans for n in made)

    def refuse(text: str, latin: str) -> None:
        raise AssertionError(f"normalized again: {text}")

    monkeypatch.setattr(remembered, "normalize", refuse)
    again = RememberedNormalizer(tmp_path)
    assert [again(text, latin) for text in NORMALIZED] == made


def test_a_latin_entry_is_part_of_the_normalization_key(tmp_path):
    from audiofeature.pronounce.remembered import RememberedNormalizer

    text = "苹果发布新iPhone。"
    before = RememberedNormalizer(tmp_path)(text, "spell")
    said_as = {"iphone": ("爱疯", ("ai4", "feng1"))}
    after = RememberedNormalizer(tmp_path, said_as)(text, "spell")
    assert "艾披" in before.spoken and "爱疯" in after.spoken
    assert RememberedNormalizer(tmp_path, said_as)("天气很好。", "spell").spoken == "天气很好。"
