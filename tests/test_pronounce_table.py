"""The pronunciation table: schema, validation with file:line, merging."""

from __future__ import annotations

from pathlib import Path

import pytest

from audiofeature.errors import PronunciationTableError
from audiofeature.pronounce import Pronouncer, load_table, shipped_table_path
from audiofeature.pronounce.syllables import problem, to_tone_digits, to_tone_marks


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "mine.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_shipped_table_loads_and_is_the_root_file():
    table = load_table(shipped_table_path())
    assert table.words["蚌埠"].readings == ("beng4", "bu4")
    assert table.surnames["曾"].readings == ("zeng1",)
    root = Path(__file__).resolve().parents[1] / "pronunciations.yaml"
    assert shipped_table_path().read_text(encoding="utf-8") == root.read_text(encoding="utf-8")


def test_mapping_form_with_note_and_scope(tmp_path):
    table = load_table(
        write(
            tmp_path,
            "王小二: {pinyin: wáng xiǎo èr, note: 我们的记者}\n仇: {pinyin: qiu2, as: surname}\n",
        )
    )
    assert table.words["王小二"].readings == ("wang2", "xiao3", "er4")
    assert table.words["王小二"].note == "我们的记者"
    assert table.surnames["仇"].readings == ("qiu2",)


def test_settings_keys_are_reserved(tmp_path):
    table = load_table(write(tmp_path, "_version: 2\n蚌埠: beng4 bu4\n"))
    assert set(table.words) == {"蚌埠"}


def test_empty_table(tmp_path):
    assert load_table(write(tmp_path, "# nothing yet\n")).words == {}


@pytest.mark.parametrize(
    ("text", "line", "what"),
    [
        ("蚌埠: beng4\n", 1, "2 characters but 1 syllables"),
        ("六安: lu4 an1\n蚌埠: beng4 bu4 ba1\n", 2, "3 syllables"),
        ("蚌埠: beng4 xong1\n", 1, "'xong1' is not a Mandarin syllable"),
        ("蚌埠: beng4 bu9\n", 1, "is not a pinyin syllable"),
        ("\n\n蚌埠: {note: x}\n", 3, "has no 'pinyin'"),
        ("蚌埠: {pinyin: beng4 bu4, sound: x}\n", 1, "unknown key 'sound'"),
        ("蚌埠: {pinyin: beng4 bu4, as: city}\n", 1, "'as' must be one of"),
        ("iPhone 11: ai4 feng1 shi2 yi1\n", 1, "is not a Chinese character"),
        ("华为P30: hua2 wei2\n", 1, "is not a Chinese character"),
        ("iPhone: {pinyin: ai4, as: surname}\n", 1, "a Latin word is said by"),
        ("iPhone: ai4 feng1\niphone: ai4 feng4\n", 2, "already given at"),
        ("蚌埠: beng4 bu4\n蚌埠: bang4 bu4\n", 2, "already given at"),
        ("蚌埠: [beng4, bu4]\n", 1, "must be text"),
        ("- 蚌埠\n", 1, "must be a mapping"),
        ("蚌埠: beng4 bu4\n  x: : :\n", 2, "not valid YAML"),
    ],
)
def test_malformed_entries_name_file_and_line(tmp_path, text, line, what):
    path = write(tmp_path, text)
    with pytest.raises(PronunciationTableError) as caught:
        load_table(path)
    message = str(caught.value)
    assert message.startswith(f"{path}:{line}:"), message
    assert what in message
    assert "\n" not in message


def test_user_table_wins_over_the_shipped_one(tmp_path):
    mine = write(tmp_path, "蚌埠: bang4 bu4\n曾: {pinyin: ceng2, as: surname}\n")
    pronouncer = Pronouncer.from_files(mine)
    assert pronouncer.readings("蚌埠") == ["bang4", "bu4"]
    assert pronouncer.table.surnames["曾"].readings == ("ceng2",)
    assert Pronouncer.from_files().readings("蚌埠") == ["beng4", "bu4"]


def test_missing_user_table(tmp_path):
    with pytest.raises(PronunciationTableError, match="cannot read"):
        Pronouncer.from_files(tmp_path / "nope.yaml")


@pytest.mark.parametrize(
    ("written", "digits", "marked"),
    [
        ("zēng", "zeng1", "zēng"),
        ("ZENG1", "zeng1", "zēng"),
        ("lǜ", "lü4", "lǜ"),
        ("lv4", "lü4", "lǜ"),
        ("lu:4", "lü4", "lǜ"),
        ("jv2", "ju2", "jú"),
        ("de", "de5", "de"),
        ("de0", "de5", "de"),
        ("shuǐ", "shui3", "shuǐ"),
        ("guō", "guo1", "guō"),
        ("lüè", "lüe4", "lüè"),
        ("ê", "ê5", "ê"),
    ],
)
def test_syllable_forms(written, digits, marked):
    assert to_tone_digits(written) == digits
    assert to_tone_marks(digits) == marked
    assert problem(digits) is None


@pytest.mark.parametrize("syllable", ["xong1", "biu2", "jü3", "zhia1", "q1"])
def test_syllables_mandarin_does_not_have(syllable):
    assert problem(syllable)


def test_a_latin_word_is_said_by_its_syllables_where_latin_is_spelled(tmp_path):
    from audiofeature.engines import get_engine
    from audiofeature.pipeline import make_script

    table = write(tmp_path, "iPhone: ai4 feng1\n")
    assert load_table(table).latin["iphone"].readings == ("ai4", "feng1")
    article = tmp_path / "a.md"
    article.write_text("# 新手机\n\n苹果发布新iPhone，IPHONE很贵，ISO认证。\n", encoding="utf-8")
    script = make_script(article, get_engine("local"), table)
    (said,) = [u for u in script.utterances if "苹果" in u.written]
    # iPhone in any case by its two syllables; other Latin still letter by letter
    assert said.spoken.count("艾艾斯欧") == 1 and "艾披" not in said.spoken
    at = said.spoken.index("苹果发布新") + 5
    assert said.readings[at : at + 2] == ("ai4", "feng1")
    later = said.spoken.index("很贵") - 2
    assert said.readings[later : later + 2] == ("ai4", "feng1")
    # a voice that reads English keeps the word as written
    kept = make_script(article, get_engine("edge"), table)
    assert any("iPhone" in u.spoken for u in kept.utterances)
