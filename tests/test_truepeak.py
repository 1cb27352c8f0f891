"""The fast true-peak meters give, to the bit, what oversampling the whole signal gives.

`true_peak` skips blocks that provably cannot hold the maximum, and the frame envelope skips
digital silence and oversamples blocks apart: both are checked against the straightforward
computation (`true_peak_envelope`, which oversamples everything, chunk by chunk) on random
signals and on speech-like ones (loud bursts in quiet or in silence), since a single bit of
difference in the envelope can move a rounding in the limiter and so a sample of the MP3.
"""

from __future__ import annotations

import os

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from audiofeature.publish import loudness
from audiofeature.publish.loudness import (
    Leveller,
    frame_true_peaks,
    true_peak,
    true_peak_envelope,
)

RATE = 24000
FRAME = RATE // 1000

# The same examples on every run; HYPOTHESIS_EXPLORE=1 draws anew.
drawn = settings(
    deadline=None,
    max_examples=60,
    suppress_health_check=[HealthCheck.too_slow],
    derandomize=not os.environ.get("HYPOTHESIS_EXPLORE"),
)


def straightforward_peak(x: np.ndarray, rate: int = RATE) -> float:
    return float(true_peak_envelope(x, rate).max()) if len(x) else 0.0


def straightforward_frames(samples: np.ndarray, rate: int = RATE) -> np.ndarray:
    frame = rate // 1000
    envelope = true_peak_envelope(samples.astype(np.float64) / 32768.0, rate)
    whole = len(envelope) // frame * frame
    frames = envelope[:whole].reshape(-1, frame).max(axis=1)
    return np.append(frames, envelope[whole:].max()) if whole < len(envelope) else frames


def make_signal(seed: int, length: int, kind: str) -> np.ndarray:
    """float64 in about ±1: noise, speech-like bursts (in a noise floor or in digital
    silence, with a few sharp spikes), or a tone near Nyquist whose peaks fall between samples."""
    rng = np.random.default_rng(seed)
    if kind == "noise":
        return rng.standard_normal(length) * rng.uniform(0.01, 0.4)
    if kind == "tone":
        t = np.arange(length)
        return 0.7 * np.sin(2 * np.pi * t * rng.uniform(0.2, 0.5) + rng.uniform(0, 2 * np.pi))
    if kind == "clipped steps":  # long runs of equal samples: many oversampled values tie
        levels = rng.choice([-0.8, -0.3, 0.0, 0.3, 0.8], size=-(-length // 50))
        return np.repeat(levels, 50)[:length]
    floor = 0.0 if kind == "bursts in silence" else rng.uniform(1e-4, 3e-3)
    x = rng.standard_normal(length) * floor
    for _ in range(int(rng.integers(1, 12))):
        start = int(rng.integers(0, length))
        size = int(rng.integers(1, 4000))
        burst = np.convolve(rng.standard_normal(size), np.ones(3) / 3, mode="same")
        x[start : start + size] = burst[: len(x[start : start + size])] * rng.uniform(0.01, 0.3)
    spikes = rng.integers(0, length, size=int(rng.integers(0, 4)))
    x[spikes] = rng.choice([-0.9, 0.9], size=len(spikes))
    return x


KINDS = st.sampled_from(["noise", "tone", "clipped steps", "bursts in quiet", "bursts in silence"])


@drawn
@given(
    seed=st.integers(0, 2**32 - 1),
    length=st.one_of(st.integers(1, 700), st.integers(700, 40_000), st.integers(250_000, 300_000)),
    kind=KINDS,
    single=st.booleans(),
)
def test_true_peak_is_the_straightforward_maximum_to_the_bit(seed, length, kind, single):
    x = make_signal(seed, length, kind)
    if single:  # decoded MP3 pieces are float32
        x = x.astype(np.float32)
    assert true_peak(x, RATE) == straightforward_peak(x)


@drawn
@given(
    seed=st.integers(0, 2**32 - 1),
    length=st.one_of(st.integers(1, 3000), st.integers(3000, 60_000)),
    kind=KINDS,
    start_frame=st.integers(0, 40),
)
def test_frame_true_peaks_are_the_straightforward_frame_maxima_to_the_bit(
    seed, length, kind, start_frame
):
    samples = np.clip(make_signal(seed, length, kind) * 32768, -32768, 32767).astype(np.int16)
    expected = straightforward_frames(samples)
    start = min(start_frame * FRAME, (len(samples) - 1) // FRAME * FRAME)
    got = frame_true_peaks(samples, start, len(samples) + 1000, FRAME, RATE)
    assert len(got) == len(expected) - start // FRAME
    assert np.array_equal(got, expected[start // FRAME :])


@pytest.mark.parametrize("kind", ["bursts in silence", "bursts in quiet"])
def test_frame_envelope_over_several_chunks_is_the_straightforward_one(kind):
    # Longer than two of the leveller's chunks, ending in a short frame.
    samples = np.clip(make_signal(5, 2 * loudness._CHUNK + 1234, kind) * 32768, -32768, 32767)
    samples = samples.astype(np.int16)
    samples[: loudness._CHUNK // 2] = 0  # a long stretch of digital silence
    envelope = Leveller(samples, RATE).frame_envelope()
    expected = straightforward_frames(samples)
    assert np.array_equal(envelope, expected)
    assert (expected[: loudness._CHUNK // 2 // FRAME - 1] == 0).all()
    assert expected.min() == 0.0 and expected.max() > 0.1  # both kinds of block were there


def test_true_peak_oversamples_only_the_blocks_that_can_win(monkeypatch):
    # Speech: most blocks are too quiet to hold the peak and are never looked at; of those
    # approximated, only the one or two holding the peak are oversampled exactly.
    approximated, exact = [], []
    approximate, oversample = loudness._approximate, loudness._oversampled_blocks

    def counting_approximate(rows, rate):
        approximated.append(len(rows))
        return approximate(rows, rate)

    def counting_exact(x, starts, *args):
        exact.append(len(starts))
        return oversample(x, starts, *args)

    monkeypatch.setattr(loudness, "_approximate", counting_approximate)
    monkeypatch.setattr(loudness, "_oversampled_blocks", counting_exact)
    x = make_signal(11, 20 * RATE, "bursts in quiet").astype(np.float32)
    assert true_peak(x, RATE) == straightforward_peak(x)
    blocks = -(-len(x) // loudness._PEAK_BLOCK)
    assert 0 < sum(approximated) < blocks / 10
    assert 0 < sum(exact) <= 3


def test_exact_values_are_resample_polys_and_approximations_within_their_error():
    rng = np.random.default_rng(4)
    x = rng.standard_normal(5000) * 0.3
    factor = loudness.oversampling(RATE)
    from scipy import signal

    whole = signal.resample_poly(x, factor, 1)
    samples = rng.integers(loudness._SUPPORT, len(x) - loudness._SUPPORT, 500)  # reach inside x
    phases = rng.integers(0, factor, 500)
    exact = loudness._exact_values(x, samples, phases, RATE)
    assert np.array_equal(exact, np.abs(whole[samples * factor + phases]))
    starts = np.arange(0, 4800, 256)
    approx = loudness._approximate(loudness._rows(x, starts, 256), RATE)
    truth = np.abs(whole[: len(starts) * 256 * factor]).reshape(approx.shape)
    error = np.abs(approx - truth).max()
    assert 0 < error < np.abs(x).max() * loudness._gain_bound(RATE) * loudness._APPROXIMATION


def test_the_gain_bound_holds_and_is_reached():
    bound = loudness._gain_bound(RATE)
    assert 2.0 < bound < 2.5  # 4x at 24 kHz: the half-sample phase sums to 2.24
    rng = np.random.default_rng(2)
    signs = np.sign(rng.standard_normal((200, 64)))
    assert max(true_peak(row, RATE) for row in signs) <= bound
    # The worst case: samples whose signs follow one phase's taps around one output reach it.
    factor = loudness.oversampling(RATE)
    taps = true_peak_envelope(np.eye(64)[32], RATE)  # |taps|, per input sample: max over phases
    assert taps.max() <= bound
    from scipy import signal

    response = signal.resample_poly(np.eye(64)[32], factor, 1)
    phases = [response[p::factor] for p in range(factor)]
    widest = max(phases, key=lambda phase: np.abs(phase).sum())
    worst = np.sign(widest[::-1])
    assert true_peak(worst, RATE) == pytest.approx(bound, rel=1e-8)
