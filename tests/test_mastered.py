"""A rebuild whose assembled audio is unchanged reuses the mastered MP3 instead of levelling again."""

import json

from click.testing import CliRunner

import audiofeature.pipeline as pipeline
from audiofeature.cli import main

ARTICLE = "# 小城新事\n\n第一句说了2次。第二句。\n\n## ● 部分\n\n最后一段。\n"


def build(tmp_path, extra=()):
    args = ["build", str(tmp_path / "a.md"), "-o", str(tmp_path / "out"), "--engine", "tone"]
    args += ["--cache", str(tmp_path / "cache"), "--formats", "none", *extra]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    return json.loads((tmp_path / "out" / "a" / "script.json").read_text(encoding="utf-8"))


def test_unchanged_rebuild_does_not_master_again(tmp_path, monkeypatch):
    (tmp_path / "a.md").write_text(ARTICLE, encoding="utf-8")
    first = build(tmp_path)

    def must_not_master(*args, **kwargs):
        raise AssertionError("mastered again although nothing changed")

    monkeypatch.setattr(pipeline, "master", must_not_master)
    second = build(tmp_path)
    assert second["loudness"] == first["loudness"]
    assert second["chapters"] == first["chapters"]


def test_changed_text_or_target_masters_again(tmp_path, monkeypatch):
    (tmp_path / "a.md").write_text(ARTICLE, encoding="utf-8")
    build(tmp_path)
    calls = []
    real = pipeline.master
    monkeypatch.setattr(pipeline, "master", lambda *a, **k: calls.append(1) or real(*a, **k))
    build(tmp_path, ["--loudness", "-20"])
    (tmp_path / "a.md").write_text(ARTICLE.replace("最后", "最先"), encoding="utf-8")
    build(tmp_path)
    assert len(calls) == 2
