"""Loudness: -16 LUFS integrated and true peak at or below -1 dBTP, read by ffmpeg's ebur128."""

from __future__ import annotations

import json
import re
import subprocess

import numpy as np
import pyloudnorm
import pytest
from click.testing import CliRunner
from scipy.signal import butter, sosfilt

from audiofeature.cli import main
from audiofeature.edition import Edition, Timed
from audiofeature.engines import Clip
from audiofeature.publish.loudness import (
    Leveller,
    _running_min,
    limiter_gain,
    measure_file,
    true_peak,
    true_peak_envelope,
)
from audiofeature.publish.mp3 import Tags, write_mp3
from audiofeature.script import Chapter, Script, Utterance

RATE = 24000
SHORT = """\
晨报记者 王小明

导语：今年1月，全市新增企业120家，同比增长42%。

# 小城新事

## ● 第一部分

第一句。第二句说了2次。夜市里人来人往，摊主们忙着招呼客人。

▲游客在夜市品尝小吃。

## ● 第二部分

最后一段，感谢大家收听。
"""


def speech_like(seconds: float = 12.0, seed: int = 7) -> np.ndarray:
    """Bursts of band-limited noise with sharp peaks and silences, as int16."""
    rng = np.random.default_rng(seed)
    n = int(seconds * RATE)
    noise = np.convolve(rng.standard_normal(n), np.ones(4) / 4, mode="same")
    syllables = (np.sin(np.arange(n) * 2 * np.pi * 4 / RATE) > -0.2).astype(float)
    signal = noise * syllables * 0.08
    signal[::8831] *= 6  # peaks well above the body, a few a second: the limiter has work
    return np.clip(signal * 32768, -32768, 32767).astype(np.int16)


def test_true_peak_finds_the_peak_between_samples():
    # A sine at a quarter of the rate, sampled 45° off its crests: every sample reads 0.707,
    # the waveform itself reaches 1.0 (3 dB more) between them.
    t = np.arange(RATE)
    x = np.sin(2 * np.pi * t / 4 + np.pi / 4)
    assert np.abs(x).max() == pytest.approx(np.sqrt(0.5))
    # (The abrupt start and end ring a little: read the middle.)
    middle = true_peak_envelope(x, RATE)[RATE // 10 : -RATE // 10]
    assert 20 * np.log10(middle.max()) == pytest.approx(0.0, abs=0.05)


def test_limiter_gain_keeps_every_peak_under_the_ceiling():
    envelope = np.abs(np.random.default_rng(3).standard_normal(RATE * 3))
    gain = limiter_gain(envelope, 1.5, RATE)
    assert (envelope * gain <= 1.5 + 1e-12).all()
    assert gain.max() <= 1.0
    # Smooth: no sample-to-sample jumps that would click.
    assert np.abs(np.diff(gain)).max() < 0.01


def _limiter_gain_everywhere(envelope: np.ndarray, ceiling: float, rate: int) -> np.ndarray:
    """limiter_gain worked out on every sample, as it was before it skipped unlimited ones."""
    from audiofeature.publish.loudness import LIMITER_WINDOW_MS, _box

    needed = np.minimum(1.0, ceiling / np.maximum(envelope, 1e-12))
    half = max(1, rate * LIMITER_WINDOW_MS // 1000)
    box = 2 * (half // 2) + 1
    return np.minimum(_box(_box(_running_min(needed, half), box), box), needed)


@pytest.mark.parametrize("seed", range(6))
def test_limiter_gain_skips_only_what_no_peak_reaches(seed):
    # Sparse peaks, runs of them, peaks at both ends and near one another: the curve is the
    # one worked out everywhere, to the running sums' rounding (1e-9 at most).
    rng = np.random.default_rng(seed)
    envelope = np.abs(rng.standard_normal(20000)) * 0.3
    for _ in range(rng.integers(1, 40)):
        at = rng.integers(0, len(envelope))
        envelope[at : at + rng.integers(1, 200)] *= 5
    envelope[[0, -1]] *= 10 * (seed % 2)
    fast = limiter_gain(envelope, 1.0, 1000)
    assert np.allclose(fast, _limiter_gain_everywhere(envelope, 1.0, 1000), rtol=0, atol=1e-9)
    assert (envelope * fast <= 1.0 + 1e-12).all()


@pytest.mark.parametrize("length", [1, 2, 7, 60, 61, 62, 1000])
@pytest.mark.parametrize("half", [1, 2, 3, 30, 31, 100])
def test_running_min_is_the_minimum_over_each_window(length, half):
    # Every value against the plain minimum over its window (edges held), ties included.
    x = np.round(np.random.default_rng(length * 1000 + half).random(length), 1)
    padded = np.pad(x, half, mode="edge")
    expected = [padded[i : i + 2 * half + 1].min() for i in range(length)]
    assert np.array_equal(_running_min(x, half), expected)


@pytest.mark.parametrize(("target", "ceiling"), [(-16.0, -2.0), (-23.0, -1.0), (-14.0, -1.0)])
def test_leveller_reaches_target_under_ceiling_same_length(target, ceiling):
    samples = speech_like()
    out, report = Leveller(samples, RATE).level(target, ceiling)
    assert len(out) == len(samples) and out.dtype == np.int16
    measured = pyloudnorm.Meter(RATE).integrated_loudness(out / 32768.0)
    assert measured == pytest.approx(target, abs=0.1)
    assert report.after_lufs == pytest.approx(measured)
    assert 20 * np.log10(true_peak(out / 32768.0, RATE)) <= ceiling + 0.05


def test_unreachable_target_stops_short_without_crushing():
    samples = speech_like()
    samples[::50] = 30000  # all peaks: no gain can bring this to -8 LUFS under -1 dBTP
    leveller = Leveller(samples, RATE)
    out, report = leveller.level(-8.0, -1.0)
    assert report.limited and report.after_lufs < -8.5
    assert report.gain_db <= -8.0 - leveller.before + 6.0 + 1e-9
    assert 20 * np.log10(true_peak(out / 32768.0, RATE)) <= -1.0 + 0.05


def test_silence_and_tiny_clips_pass_through():
    for samples in (np.zeros(RATE, dtype=np.int16), np.full(100, 1000, dtype=np.int16)):
        out, report = Leveller(samples, RATE).level(-16.0, -1.0)
        assert np.array_equal(out, samples) and not report.limited


def test_envelope_is_chunk_independent():
    x = speech_like(seconds=30) / 32768.0  # longer than one chunk
    whole = true_peak_envelope(x, RATE)
    assert len(whole) == len(x)
    assert (whole >= np.abs(x) - 1e-12).all()


def ebur128(path) -> str:
    run = subprocess.run(
        ["ffmpeg", "-nostats", "-i", str(path), "-af", "ebur128=peak=true", "-f", "null", "-"],
        capture_output=True,
        text=True,
        check=True,
    )
    return run.stderr


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("loudness")
    article = root / "short.md"
    article.write_text(SHORT, encoding="utf-8")
    runner = CliRunner()
    base = ["build", str(article), "--engine", "espeak", "--cache", str(root / "cache")]
    base += ["--formats", "none"]
    folders = {}
    for target in (-16.0, -20.0):
        out = root / f"out{int(-target)}"
        result = runner.invoke(main, [*base, "-o", str(out), "--loudness", str(target)])
        assert result.exit_code == 0, result.output
        assert "LUFS" in result.output
        folders[target] = out / "short"
    return folders


@pytest.mark.parametrize("target", [-16.0, -20.0])
def test_encoded_edition_meets_the_target_as_ebur128_reads_it(built, target):
    mp3 = built[target] / "short.mp3"
    measured = measure_file(mp3)
    assert measured.integrated_lufs == pytest.approx(target, abs=1.0)
    assert abs(measured.integrated_lufs - target) <= 0.3  # tighter than the ±1 asked for
    assert measured.true_peak_dbtp <= -1.0
    # The same figures, read off ffmpeg's summary here rather than by measure_file.
    summary = ebur128(mp3).split("Summary:")[1]
    integrated = float(re.search(r"I:\s+(-?[\d.]+) LUFS", summary).group(1))
    peak = float(re.search(r"Peak:\s+(-?[\d.]+) dBFS", summary).group(1))
    assert (integrated, peak) == (measured.integrated_lufs, measured.true_peak_dbtp)
    # The build reports its own BS.1770 reading of the decoded pieces (it never decodes the
    # whole file again): within a tenth or two of what ffmpeg reads.
    manifest = json.loads((built[target] / "script.json").read_text(encoding="utf-8"))
    assert manifest["loudness"]["integrated_lufs"] == pytest.approx(integrated, abs=0.2)
    assert manifest["loudness"]["true_peak_dbtp"] == pytest.approx(peak, abs=0.3)


def test_loudness_does_not_move_any_time(built):
    # Levelled to two targets, the timelines are identical to the millisecond.
    a, b = (
        json.loads((built[t] / "script.json").read_text(encoding="utf-8")) for t in (-16.0, -20.0)
    )
    assert a["duration_ms"] == b["duration_ms"]
    assert [(c["start_ms"], c["end_ms"]) for c in a["chapters"]] == [
        (c["start_ms"], c["end_ms"]) for c in b["chapters"]
    ]
    assert [(u["start_ms"], u["end_ms"]) for u in a["utterances"]] == [
        (u["start_ms"], u["end_ms"]) for u in b["utterances"]
    ]


def one_chapter_edition(samples: np.ndarray) -> Edition:
    ms = len(samples) // (RATE // 1000)
    utterance = Utterance("u0001", "ch01", "body", "句", "句", ("ju4",), (), 0)
    script = Script("题", (Chapter("ch01", "题", "front", (utterance,)),))
    return Edition(script, Clip(samples, RATE), (Timed(0, ms),), (Timed(0, ms),))


def test_regression_lame_noise_shaping_overshoot(tmp_path):
    # A neural vocoder's short high-frequency bursts, levelled hard: LAME's quality levels 0-3
    # decoded them well above the PCM's peaks (+7 dB on the local voice's seed edition).
    rng = np.random.default_rng(1)
    n = RATE * 20
    body = np.convolve(rng.standard_normal(n), np.ones(6) / 6, mode="same") * 0.05
    body *= np.sin(np.arange(n) * 2 * np.pi * 3 / RATE) > -0.3
    band = butter(6, [5000, 11000], btype="band", fs=RATE, output="sos")
    for second in range(1, 20):
        start = second * RATE - 300
        body[start : start + 600] += sosfilt(band, rng.standard_normal(600)) * 0.6 * np.hanning(600)
    samples = np.clip(body * 32768, -32768, 32767).astype(np.int16)
    levelled, _ = Leveller(samples, RATE).level(-15.6, -2.0)
    path = tmp_path / "bursts.mp3"
    write_mp3(one_chapter_edition(levelled), path, Tags("题", "报", "报"))
    assert measure_file(path).true_peak_dbtp <= -1.0
