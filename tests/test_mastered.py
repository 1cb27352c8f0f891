"""Mastering in pieces: a rebuild does the work of what changed, and gives what a cold build gives.

Loudness is set on the whole edition, but levelling, encoding and measuring are done per piece
(each chapter, and paragraphs about 25 s apart) and cached, so a one-sentence fix re-encodes one
piece; the result decodes to exactly the samples of a cold build of the fixed article.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

import audiofeature.publish.mastering as mastering
from audiofeature.cli import main
from audiofeature.edition import CHAPTER_GRID_MS, PIECE_MIN_CHARS
from audiofeature.script import PAUSE_BEFORE_BREAK

# The tone engine says each syllable as a tone of its tone digit: sections of different lengths
# sound different (two that sounded the same would share one cached piece).
SECTION = (
    "## ● 第{n}部分\n\n第{n}部分的第一句{more}。这一部分的第二句话长一些，讲夜市里人来人往。\n\n"
)
ARTICLE = "晨报记者 王小明\n\n# 小城新事\n\n导语：今年1月，全市新增企业120家。\n\n" + "".join(
    SECTION.format(n=n, more="，很好" * n) for n in range(1, 6)
)


def build(root: Path, article: str, *extra: str, cache: str = "cache") -> dict:
    (root / "a.md").write_text(article, encoding="utf-8")
    args = ["build", str(root / "a.md"), "-o", str(root / "out"), "--engine", "tone"]
    args += ["--cache", str(root / cache), "--formats", "none", *extra]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    return json.loads((root / "out" / "a" / "script.json").read_text(encoding="utf-8"))


def decoded(root: Path) -> np.ndarray:
    run = subprocess.run(
        ["ffmpeg", "-v", "error", "-i", str(root / "out" / "a" / "a.mp3"), "-f", "s16le", "-"],
        capture_output=True,
        check=True,
    )
    return np.frombuffer(run.stdout, dtype=np.int16)


@pytest.fixture
def encodes(monkeypatch) -> list[int]:
    """The start of every piece encoded (not taken from the cache) in this test."""
    calls: list[int] = []
    real = mastering._encode

    def counting(piece, *args, **kwargs):
        calls.append(piece.start)
        return real(piece, *args, **kwargs)

    monkeypatch.setattr(mastering, "_encode", counting)
    return calls


def test_chapters_start_on_the_frame_grid_and_pieces_follow_chapters(tmp_path):
    manifest = build(tmp_path, ARTICLE)
    chapters = manifest["chapters"]
    assert len(chapters) == 6
    assert all(c["start_ms"] % CHAPTER_GRID_MS == 0 for c in chapters)
    # The pause before a chapter grew by less than the grid to get there.
    last_of = {}
    for utterance in manifest["utterances"]:
        last_of[utterance["chapter"]] = utterance
    for chapter in chapters[:-1]:
        pause = last_of[chapter["id"]]["pause_after_ms"]
        assert PAUSE_BEFORE_BREAK <= pause < PAUSE_BEFORE_BREAK + CHAPTER_GRID_MS
    assert manifest["mastering"]["pieces"] == len(chapters)
    assert manifest["mastering"]["encoded"] == len(chapters)


def test_unchanged_rebuild_encodes_nothing(tmp_path, encodes):
    first = build(tmp_path, ARTICLE)
    first_audio = decoded(tmp_path)
    encodes.clear()
    second = build(tmp_path, ARTICLE)
    assert encodes == []
    assert second["mastering"]["encoded"] == 0
    assert second["loudness"] == first["loudness"]
    assert np.array_equal(decoded(tmp_path), first_audio)


def test_a_fix_in_one_chapter_encodes_that_chapter(tmp_path, encodes):
    build(tmp_path, ARTICLE)
    encodes.clear()
    # A longer first sentence: every later chapter moves, but none of them changes.
    fixed = ARTICLE.replace("导语：今年1月", "导语：据统计，今年1月")
    manifest = build(tmp_path, fixed)
    assert manifest["stats"]["synthesized"] == 1
    assert len(encodes) == 1 and manifest["mastering"]["encoded"] == 1
    assert encodes == [0]  # the front chapter's piece


def test_incremental_build_decodes_to_the_cold_build_of_the_fix(tmp_path):
    fixed = ARTICLE.replace("第3部分的第一句", "第3部分的头一句")
    incremental, cold = tmp_path / "incremental", tmp_path / "cold"
    incremental.mkdir()
    cold.mkdir()
    build(incremental, ARTICLE)
    after_fix = build(incremental, fixed)
    assert after_fix["mastering"]["encoded"] == 1
    from_scratch = build(cold, fixed)
    assert from_scratch["mastering"]["encoded"] == from_scratch["mastering"]["pieces"]
    assert after_fix["loudness"] == from_scratch["loudness"]
    assert np.array_equal(decoded(incremental), decoded(cold))


def test_another_loudness_target_masters_everything_again(tmp_path, encodes):
    first = build(tmp_path, ARTICLE)
    encodes.clear()
    quieter = build(tmp_path, ARTICLE, "--loudness", "-20")
    assert len(encodes) == quieter["mastering"]["pieces"]
    assert quieter["loudness"]["integrated_lufs"] < first["loudness"]["integrated_lufs"] - 3


# One long chapter of paragraphs, each about 60 characters: pieces inside the chapter.
PARAGRAPH = "第{n}段说的是小城第{n}条街上的变化，街边的店铺一家接着一家开门，老人和孩子都爱来这里走走，晚上灯火通明{more}。\n\n"
LONG = "晨报记者 王小明\n\n# 小城长街\n\n## ● 一条长街\n\n" + "".join(
    PARAGRAPH.format(n=n, more="，很热闹" * (n % 3)) for n in range(1, 11)
)


def test_a_long_chapter_is_mastered_in_pieces_of_paragraphs(tmp_path):
    manifest = build(tmp_path, LONG)
    assert len(manifest["chapters"]) == 2
    pieces = manifest["mastering"]["pieces"]
    said = sum(len(u["spoken"]) for u in manifest["utterances"])
    assert 3 <= pieces <= 2 + said // PIECE_MIN_CHARS
    # Every piece starts on the frame grid (the pause before it grew by less than the grid).
    on_grid = [u for u in manifest["utterances"][1:] if u["start_ms"] % CHAPTER_GRID_MS == 0]
    assert len(on_grid) >= pieces - 1


def test_a_fix_in_a_long_chapter_encodes_one_piece_and_matches_a_cold_build(tmp_path, encodes):
    fixed = LONG.replace("第5段说的是", "第5段讲的是")
    incremental, cold = tmp_path / "incremental", tmp_path / "cold"
    incremental.mkdir()
    cold.mkdir()
    before = build(incremental, LONG)
    encodes.clear()
    after_fix = build(incremental, fixed)
    assert after_fix["stats"]["synthesized"] == 1
    assert before["mastering"]["pieces"] >= 3
    assert after_fix["mastering"]["encoded"] == 1 and len(encodes) == 1
    from_scratch = build(cold, fixed)
    assert after_fix["loudness"] == from_scratch["loudness"]
    assert np.array_equal(decoded(incremental), decoded(cold))
