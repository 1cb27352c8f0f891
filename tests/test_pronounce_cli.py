"""`audiofeature pinyin` and the proofreading marks of `audiofeature script`."""

from __future__ import annotations

from click.testing import CliRunner

from audiofeature.cli import main
from audiofeature.pronounce import mark_readings


def test_pinyin_one_reading_per_character():
    result = CliRunner().invoke(main, ["pinyin", "曾少石在银行,A股"])
    assert result.exit_code == 0
    assert result.output == "zeng1 shao3 shi2 zai4 yin2 hang2 , A 股\n".replace("股", "gu3")


def test_pinyin_reads_stdin_lines_without_normalizing():
    result = CliRunner().invoke(main, ["pinyin"], input="2019年\n行业\n")
    assert result.exit_code == 0
    assert result.output.splitlines() == ["2 0 1 9 nian2", "hang2 ye4"]


def test_pinyin_with_a_user_table(tmp_path):
    table = tmp_path / "t.yaml"
    table.write_text("银行: yin2 xing2\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["pinyin", "--pronunciations", str(table), "银行"])
    assert result.output == "yin2 xing2\n"


def test_marks_show_only_readings_that_differ_from_the_plain_default():
    assert mark_readings("曾少石", ["zeng1", "shao3", "shi2"]) == "曾[zēng]少石"
    assert mark_readings("行业", ["hang2", "ye4"]) == "行业"
    assert mark_readings("A股", ["A", "gu3"]) == "A股"


def test_script_text_marks_readings(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("标题\n\n通讯员曾少石报道。\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["script", str(article), "--engine", "espeak"])
    assert result.exit_code == 0, result.output
    assert "曾[zēng]少石" in result.output
