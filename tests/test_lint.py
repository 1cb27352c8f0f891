"""`audiofeature lint`: names not in the table, uncertain polyphones, a summary."""

from __future__ import annotations

from click.testing import CliRunner

from audiofeature.cli import main
from audiofeature.pronounce import Pronouncer, lint


def test_names_with_a_polyphone_not_in_the_table_are_listed():
    sentence = "记者单洪涛和通讯员曾少石在蚌埠采访了朝阳区的陆翔，副市长曾华明也在场。"
    report = lint([("u1", sentence)], Pronouncer.from_files())
    # 单洪涛: the surname is in the table (shàn) and no other character is polyphonic;
    # 曾少石 and 蚌埠 are table entries. 曾华明's given name holds 华, which nothing settles.
    assert [(f.kind, f.text) for f in report.findings] == [("person", "曾华明")]
    finding = report.findings[0]
    assert finding.sentence == sentence
    assert finding.readings == ("zeng1", "hua2", "ming2")


def test_a_name_whose_given_name_is_polyphonic_is_listed():
    report = lint([("u7", "副市长曾华明出席会议。")], Pronouncer.from_files())
    people = [f for f in report.findings if f.kind == "person"]
    assert [f.text for f in people] == ["曾华明"]
    assert people[0].utterance == "u7"
    assert people[0].readings[0] == "zeng1"
    assert "u7" in people[0].line() and "副市长曾华明出席会议。" in people[0].line()


def test_uncertain_polyphones_carry_confidence_and_alternatives():
    # 克难: the context model hesitates between nán and nàn, and nothing else decides.
    report = lint([("u1", "推动各级各部门进一步解放思想,勇于攻坚克难。")], Pronouncer.from_files())
    unsure = [f for f in report.findings if f.kind == "polyphone"]
    assert [f.text for f in unsure] == ["难"]
    for finding in unsure:
        assert finding.confidence is not None and finding.confidence < 0.85
        assert finding.alternatives == ("nan4",)


def test_summary_counts():
    report = lint([("u1", "你好。"), ("u2", "今天天气很好。")], Pronouncer.from_files())
    assert report.summary() == "0 names not in the table and 0 uncertain polyphones in 2 utterances"


def test_lint_command_on_an_article(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text(
        "标题在此\n\n副市长曾华明出席会议并讲话。记者单洪涛报道。\n", encoding="utf-8"
    )
    result = CliRunner().invoke(main, ["lint", str(article), "--engine", "espeak"])
    assert result.exit_code == 0, result.output
    lines = result.output.strip().splitlines()
    assert "曾华明" in result.output
    assert lines[-1].startswith(f"{article}: ")
    assert "1 name not in the table and" in lines[-1]


def test_lint_reports_a_broken_table_in_one_line(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("标题\n\n正文。\n", encoding="utf-8")
    table = tmp_path / "t.yaml"
    table.write_text("蚌埠: beng4\n", encoding="utf-8")
    result = CliRunner().invoke(
        main, ["lint", str(article), "--engine", "espeak", "--pronunciations", str(table)]
    )
    assert result.exit_code == 1
    assert f"{table}:1:" in result.output


def test_names_the_normalizer_made_are_left_out():
    # Latin letters spelled with letter names for a pinyin engine: 艾艾斯欧 is not a person.
    spoken = "通过了艾艾斯欧九零零一认证，记者曾华明报道"
    written = "通过了ISO9001认证，记者曾华明报道"
    report = lint([("u1", spoken, written)], Pronouncer.from_files())
    assert [f.text for f in report.findings if f.kind == "person"] == ["曾华明"]


def test_each_flagged_reading_says_which_step_decided_it():
    report = lint([("u7", "副市长曾华明出席会议。")], Pronouncer.from_files())
    person = next(f for f in report.findings if f.kind == "person")
    steps = dict(person.decided_by)
    assert steps["曾"].startswith("surname rule, table pronunciations.yaml:")
    assert "华" in steps
    assert "decided by: 曾: surname rule" in person.line()
    report = lint([("u1", "勇于攻坚克难。")], Pronouncer.from_files())
    unsure = [f for f in report.findings if f.kind == "polyphone"]
    # 56% sure of nán: the plain reading, nán too, stands
    assert [f.decided_by for f in unsure] == [(("难", "context model unsure: the plain reading"),)]
