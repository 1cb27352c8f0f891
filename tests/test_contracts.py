"""The contracts other tools rely on (DESIGN.md), each checked on real builds.

- the timeline tiles: utterances follow each other with exactly their pauses between them, each
  inside its chapter, chapters cover 0…duration, speech sounds inside every cue and silence fills
  the pauses;
- `audiofeature script --format json` has script.json's shape, without the times;
- options that change what is spoken or how (`--voice`, `--figure-voice`, `--no-cache`,
  `--jobs`) do what they say, and `--jobs` never changes a byte of the result;
- the MP3's table of contents is top-level and ordered, and a JPEG cover is embedded as JPEG;
- edge without a network stops the build with one line on stderr and keeps what it had.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner
from mutagen.id3 import ID3, CTOCFlags

from audiofeature.cli import main
from audiofeature.edition import CHAPTER_GRID_MS, EDITION_RATE
from edge_service import Service, tone_mp3, unreachable

ARTICLE = """\
晨报记者 王小明

导语：今年1月，全市新增企业120家。

# 小城新事

## ● 第一部分

第一句。第二句说了2次。

▲游客在夜市品尝小吃。

## ● 第二部分

最后一段。再说一句。
"""
SAMPLES_PER_MS = EDITION_RATE // 1000


def build(root: Path, *extra: str, article: Path | None = None, engine: str = "espeak"):
    article = article or root / "short.md"
    if not article.exists():
        article.write_text(ARTICLE, encoding="utf-8")
    args = ["build", str(article), "-o", str(root / "out"), "--engine", engine, *extra]
    if "--no-cache" not in extra:
        args += ["--cache", str(root / "cache")]
    return CliRunner().invoke(main, args)


def manifest_of(folder: Path) -> dict:
    return json.loads((folder / "script.json").read_text(encoding="utf-8"))


def decode(mp3: Path) -> np.ndarray:
    """The MP3 as the listener's player decodes it (ffmpeg drops the encoder's delay)."""
    raw = subprocess.run(
        ["ffmpeg", "-v", "error", "-i", str(mp3), "-f", "s16le", "-ac", "1", "-ar", "24000", "-"],
        capture_output=True,
        check=True,
    ).stdout
    return np.frombuffer(raw, dtype=np.int16).astype(np.float64) / 32768


def window(audio: np.ndarray, start_ms: int, end_ms: int) -> np.ndarray:
    return audio[start_ms * SAMPLES_PER_MS : end_ms * SAMPLES_PER_MS]


def dbfs(samples: np.ndarray) -> float:
    rms = float(np.sqrt(np.mean(samples**2))) if len(samples) else 0.0
    return 20 * np.log10(max(rms, 1e-10))


@pytest.fixture(scope="module")
def espeak_build(tmp_path_factory):
    root = tmp_path_factory.mktemp("contracts")
    result = build(root)
    assert result.exit_code == 0, result.output
    folder = root / "out" / "short"
    return {"root": root, "folder": folder, "manifest": manifest_of(folder)}


# The timeline --------------------------------------------------------------------------------


def test_utterances_follow_each_other_by_exactly_their_pause(espeak_build):
    utterances = espeak_build["manifest"]["utterances"]
    assert len(utterances) >= 8
    assert utterances[0]["start_ms"] == 0
    for before, after in zip(utterances, utterances[1:], strict=False):
        assert after["start_ms"] == before["end_ms"] + before["pause_after_ms"], after["id"]
        assert before["end_ms"] > before["start_ms"]
    last = utterances[-1]
    assert espeak_build["manifest"]["duration_ms"] == last["end_ms"] + last["pause_after_ms"]


def test_chapters_tile_the_edition_and_hold_their_utterances(espeak_build):
    manifest = espeak_build["manifest"]
    chapters = manifest["chapters"]
    assert [c["kind"] for c in chapters] == ["front", "section", "figure", "section"]
    assert chapters[0]["start_ms"] == 0
    assert chapters[-1]["end_ms"] == manifest["duration_ms"]
    for before, after in zip(chapters, chapters[1:], strict=False):
        assert after["start_ms"] == before["end_ms"]
    by_id = {c["id"]: c for c in chapters}
    held = {c["id"]: 0 for c in chapters}
    for utterance in manifest["utterances"]:
        chapter = by_id[utterance["chapter"]]
        assert chapter["start_ms"] <= utterance["start_ms"] < utterance["end_ms"]
        assert utterance["end_ms"] <= chapter["end_ms"], utterance["id"]
        held[chapter["id"]] += 1
    assert all(held.values()), held  # no empty chapter
    # A chapter starts where its first utterance does: skipping lands on speech, not silence.
    for chapter in chapters:
        first = next(u for u in manifest["utterances"] if u["chapter"] == chapter["id"])
        assert first["start_ms"] == chapter["start_ms"]


def test_speech_in_every_cue_and_silence_in_every_pause(espeak_build):
    manifest = espeak_build["manifest"]
    audio = decode(espeak_build["folder"] / "short.mp3")
    assert abs(len(audio) / SAMPLES_PER_MS - manifest["duration_ms"]) < 60  # one MP3 frame
    pauses_checked = 0
    for utterance in manifest["utterances"]:
        spoken = window(audio, utterance["start_ms"], utterance["end_ms"])
        assert dbfs(spoken) > -35, (utterance["id"], dbfs(spoken))
        # The middle of the pause: its edges may hold the codec's smear of the last syllable.
        pause_start = utterance["end_ms"] + 40
        pause_end = utterance["end_ms"] + utterance["pause_after_ms"] - 40
        if pause_end - pause_start >= 100:
            pause = window(audio, pause_start, pause_end)
            assert np.max(np.abs(pause)) < 0.01, (utterance["id"], np.max(np.abs(pause)))
            pauses_checked += 1
    assert pauses_checked >= len(manifest["utterances"]) - 1


# script --format json -----------------------------------------------------------------------


def test_script_json_has_the_manifest_shape_without_times(espeak_build):
    article = espeak_build["root"] / "short.md"
    result = CliRunner().invoke(
        main, ["script", str(article), "--format", "json", "--engine", "espeak"]
    )
    assert result.exit_code == 0, result.output
    printed = json.loads(result.stdout)
    built = espeak_build["manifest"]
    assert printed["title"] == built["title"] == "小城新事"
    assert printed["engine"] == "espeak"
    untimed = {"start_ms", "end_ms"}
    assert printed["chapters"] == [
        {k: v for k, v in c.items() if k not in untimed} for c in built["chapters"]
    ]
    # The pause before a chapter grows to the chapter grid in the audio (edition.py): the
    # script states the pause asked for, script.json the pause the audio has.
    timing = untimed | {"pause_after_ms"}
    assert [{k: v for k, v in u.items() if k not in timing} for u in printed["utterances"]] == [
        {k: v for k, v in u.items() if k not in timing} for u in built["utterances"]
    ]
    for said, heard in zip(printed["utterances"], built["utterances"], strict=True):
        assert 0 <= heard["pause_after_ms"] - said["pause_after_ms"] < CHAPTER_GRID_MS
    for utterance in printed["utterances"]:
        assert {"id", "chapter", "role", "written", "spoken", "readings"} <= set(utterance)
        assert not untimed & set(utterance)


# Options ------------------------------------------------------------------------------------


def test_jobs_never_change_a_byte(tmp_path):
    outputs = []
    for jobs in ("1", "2"):
        root = tmp_path / f"jobs{jobs}"
        root.mkdir()
        result = build(root, "--jobs", jobs, "--no-cache")
        assert result.exit_code == 0, result.output
        folder = root / "out" / "short"
        outputs.append(((folder / "short.mp3").read_bytes(), (folder / "script.json").read_bytes()))
    assert outputs[0][0] == outputs[1][0]
    assert outputs[0][1] == outputs[1][1]


def test_no_cache_speaks_everything_and_stores_nothing(espeak_build, tmp_path):
    result = build(tmp_path, "--no-cache")
    assert result.exit_code == 0, result.output
    stats = manifest_of(tmp_path / "out" / "short")["stats"]
    assert stats["synthesized"] == stats["utterances"] > 0 and stats["cached"] == 0
    assert not (tmp_path / "cache").exists()
    # ...while the same article with the cache comes from it the second time.
    again = build(espeak_build["root"])
    assert again.exit_code == 0, again.output
    assert manifest_of(espeak_build["folder"])["stats"]["synthesized"] == 0


def _pitch_hz(samples: np.ndarray, rate: int = EDITION_RATE) -> float:
    """The strongest frequency of a voiced stretch: enough to tell the tone engine's voices apart."""
    spectrum = np.abs(np.fft.rfft(samples * np.hanning(len(samples))))
    return float(np.argmax(spectrum) * rate / len(samples))


def _pitches(folder: Path) -> dict[str, float]:
    audio = decode(folder / "short.mp3")
    manifest = manifest_of(folder)
    return {
        u["id"]: _pitch_hz(window(audio, u["start_ms"], u["end_ms"]))
        for u in manifest["utterances"]
    }


def test_voice_and_figure_voice_reach_the_engine(tmp_path):
    # The tone engine's two voices are an octave apart: the audio itself says which one spoke.
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    plain = build(tmp_path / "a", "--voice", "beep", "--figure-voice", "boop", engine="tone")
    assert plain.exit_code == 0, plain.output
    swapped = build(tmp_path / "b", "--voice", "boop", "--figure-voice", "beep", engine="tone")
    assert swapped.exit_code == 0, swapped.output
    manifest = manifest_of(tmp_path / "a" / "out" / "short")
    assert manifest["voice"] == "beep"
    assert manifest_of(tmp_path / "b" / "out" / "short")["voice"] == "boop"
    roles = {u["id"]: u["role"] for u in manifest["utterances"]}
    assert "figure" in roles.values()
    low_a, low_b = (
        _pitches(tmp_path / "a" / "out" / "short"),
        _pitches(tmp_path / "b" / "out" / "short"),
    )
    for uid, role in roles.items():
        body_voice_lower = low_b[uid] < low_a[uid]
        # Swapping the voices lowers the body and raises the figures.
        assert body_voice_lower == (role != "figure"), (uid, role, low_a[uid], low_b[uid])


def test_an_unknown_voice_is_one_line_on_stderr(tmp_path):
    result = build(tmp_path, "--voice", "nosuch", engine="tone")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.strip().splitlines() == [
        "Error: engine 'tone' has no voice 'nosuch' (it has: beep, boop)"
    ]


def test_voices_of_an_unknown_engine(tmp_path):
    result = CliRunner().invoke(main, ["voices", "--engine", "nosuch"])
    assert result.exit_code == 1
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "nosuch" in lines[0] and "unknown engine" in lines[0]


# The MP3's tags -----------------------------------------------------------------------------


def test_table_of_contents_is_top_level_and_ordered(espeak_build):
    tags = ID3(espeak_build["folder"] / "short.mp3")
    tocs = tags.getall("CTOC")
    assert len(tocs) == 1
    toc = tocs[0]
    assert toc.flags & CTOCFlags.TOP_LEVEL
    assert toc.flags & CTOCFlags.ORDERED
    chapter_ids = [c["id"] for c in espeak_build["manifest"]["chapters"]]
    assert list(toc.child_element_ids) == chapter_ids
    assert sorted(frame.element_id for frame in tags.getall("CHAP")) == sorted(chapter_ids)


def _jpeg(path: Path) -> bytes:
    subprocess.run(
        [
            "ffmpeg",
            "-v",
            "error",
            "-f",
            "lavfi",
            "-i",
            "color=c=0x3366cc:s=32x32",
            "-frames:v",
            "1",
            str(path),
        ],
        check=True,
    )
    return path.read_bytes()


def test_jpeg_cover_is_embedded_as_jpeg(tmp_path):
    cover = _jpeg(tmp_path / "photo.jpg")
    assert cover[:3] == b"\xff\xd8\xff"
    result = build(tmp_path, "--cover", str(tmp_path / "photo.jpg"), engine="tone")
    assert result.exit_code == 0, result.output
    folder = tmp_path / "out" / "short"
    pictures = ID3(folder / "short.mp3").getall("APIC")
    assert [(p.mime, p.type, p.data) for p in pictures] == [("image/jpeg", 3, cover)]
    assert (folder / "cover.jpg").read_bytes() == cover
    assert 'href="cover.jpg"' in (folder / "feed.xml").read_text(encoding="utf-8")


# edge without a network ---------------------------------------------------------------------


def files_in(folder: Path) -> dict[Path, bytes]:
    """Every file of an edition, those in the DAISY book's folder too."""
    return {p.relative_to(folder): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_edge_offline_through_the_cli_keeps_the_edition_and_what_was_spoken(tmp_path, monkeypatch):
    service = Service(tone_mp3()).install(monkeypatch)
    first = build(tmp_path, engine="edge")
    assert first.exit_code == 0, first.output
    folder = tmp_path / "out" / "short"
    before = files_in(folder)
    spoken_online = len(service.calls)
    assert spoken_online == manifest_of(folder)["stats"]["utterances"]

    # Two new sentences: the service says the first, then the network goes.
    article = tmp_path / "short.md"
    article.write_text(
        ARTICLE.replace("再说一句。", "再说一句。新加的一句。又加的一句。"), encoding="utf-8"
    )
    Service(tone_mp3(), [None] + [unreachable()] * 50).install(monkeypatch)
    offline = build(tmp_path, engine="edge")
    assert offline.exit_code == 1
    assert offline.stdout == ""
    lines = offline.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), offline.stderr
    assert "network" in lines[0]
    assert files_in(folder) == before
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["short"]  # no scratch folder

    # Back online: only the sentence the network cut off is spoken.
    service = Service(tone_mp3()).install(monkeypatch)
    resumed = build(tmp_path, engine="edge")
    assert resumed.exit_code == 0, resumed.output
    stats = manifest_of(folder)["stats"]
    assert stats["utterances"] == spoken_online + 2
    assert (stats["synthesized"], len(service.calls)) == (1, 1)
