"""End to end: a short article, real audio from espeak-ng, read back with ffprobe and mutagen."""

import json
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from mutagen.id3 import ID3

from audiofeature.cli import main

SHORT = """\
晨报记者 王小明

导语：今年1月，全市新增企业120家。

# 小城新事

## ● 第一部分

第一句。第二句说了2次。

▲游客在夜市品尝小吃。

## ● 第二部分

最后一段。
"""


def ffprobe(path: Path) -> dict:
    out = subprocess.run(
        ["ffprobe", "-v", "error", "-show_chapters", "-show_format", "-of", "json", str(path)],
        capture_output=True,
        check=True,
        text=True,
    )
    return json.loads(out.stdout)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("e2e")
    article = root / "short.md"
    article.write_text(SHORT, encoding="utf-8")
    runner = CliRunner()
    args = [
        "build",
        str(article),
        "-o",
        str(root / "out"),
        "--engine",
        "espeak",
        "--cache",
        str(root / "cache"),
    ]
    result = runner.invoke(main, args)
    assert result.exit_code == 0, result.output
    folder = root / "out" / "short"
    return {"root": root, "article": article, "folder": folder, "args": args, "runner": runner}


def test_outputs_exist(built):
    assert (built["folder"] / "short.mp3").stat().st_size > 1000
    assert (built["folder"] / "script.json").exists()


def test_mp3_decodes_and_duration_agrees(built):
    manifest = json.loads((built["folder"] / "script.json").read_text(encoding="utf-8"))
    decoded = subprocess.run(
        ["ffmpeg", "-v", "error", "-i", str(built["folder"] / "short.mp3"), "-f", "null", "-"],
        capture_output=True,
        text=True,
    )
    assert decoded.returncode == 0 and not decoded.stderr.strip(), decoded.stderr
    seconds = float(ffprobe(built["folder"] / "short.mp3")["format"]["duration"])
    # MP3 frames add encoder delay and padding: at most a frame or two.
    assert abs(seconds * 1000 - manifest["duration_ms"]) < 100


def test_chapters_read_back_equal_manifest(built):
    manifest = json.loads((built["folder"] / "script.json").read_text(encoding="utf-8"))
    chapters = ffprobe(built["folder"] / "short.mp3")["chapters"]
    assert [c["tags"]["title"] for c in chapters] == [c["title"] for c in manifest["chapters"]]
    for probed, listed in zip(chapters, manifest["chapters"], strict=True):
        assert round(float(probed["start_time"]) * 1000) == listed["start_ms"]
        assert round(float(probed["end_time"]) * 1000) == listed["end_ms"]
    assert [c["kind"] for c in manifest["chapters"]] == ["front", "section", "figure", "section"]


def test_id3_has_ordered_toc(built):
    tags = ID3(built["folder"] / "short.mp3")
    assert tags.version[:2] == (2, 4)
    toc = tags.getall("CTOC")[0]
    manifest = json.loads((built["folder"] / "script.json").read_text(encoding="utf-8"))
    assert list(toc.child_element_ids) == [c["id"] for c in manifest["chapters"]]
    assert str(tags["TIT2"]) == "小城新事"


def test_manifest_contract(built):
    manifest = json.loads((built["folder"] / "script.json").read_text(encoding="utf-8"))
    assert set(manifest) >= {
        "title",
        "engine",
        "voice",
        "duration_ms",
        "stats",
        "chapters",
        "utterances",
    }
    assert manifest["engine"] == "espeak"
    assert manifest["stats"]["utterances"] == len(manifest["utterances"])
    for utterance in manifest["utterances"]:
        assert set(utterance) >= {
            "id",
            "chapter",
            "role",
            "written",
            "spoken",
            "readings",
            "start_ms",
            "end_ms",
        }
        assert utterance["end_ms"] > utterance["start_ms"]
    starts = [u["start_ms"] for u in manifest["utterances"]]
    assert starts == sorted(starts)


def test_rebuild_comes_from_cache(built):
    result = built["runner"].invoke(main, built["args"])
    assert result.exit_code == 0, result.output
    manifest = json.loads((built["folder"] / "script.json").read_text(encoding="utf-8"))
    assert manifest["stats"]["synthesized"] == 0
    assert manifest["stats"]["cached"] == manifest["stats"]["utterances"]
