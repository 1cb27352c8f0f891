"""Loudness: the whole edition brought to one integrated loudness under a true-peak ceiling.

Podcast apps expect about -16 LUFS integrated (ITU-R BS.1770) with true peaks at or below
-1 dBTP. Loudness is set once, on the assembled edition, so every utterance keeps its level
relative to the others, and only sample values change: the length, and so every chapter and
cue time, stays exactly what the timeline says.

pyloudnorm measures BS.1770-4 integrated loudness but has no true-peak meter and no limiter.
ffmpeg's `loudnorm` has both, but in its dynamic mode it reshapes the level in 3 s windows,
and its linear mode quietly falls back to the dynamic one when the ceiling cannot be met by
gain alone. Speech synthesis routinely has 18-20 dB between its loudness and its peaks, so the
ceiling can rarely be met by gain alone: hence the small look-ahead peak limiter here, driven by
an oversampled (true-peak) envelope, in numpy/scipy.
"""

from __future__ import annotations

import functools
import math
import os
import re
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from audiofeature.errors import AudioError
from audiofeature.publish import dsp

TARGET_LUFS = -16.0
CEILING_DBTP = -1.0
# MP3 encoding (its low-pass and quantization) lifts true peaks by a few tenths of a dB, so the
# limiter aims this far below the ceiling the listener's decoder must see.
ENCODER_HEADROOM_DB = 1.0
# LAME, as ffmpeg drives it, decodes 0.4-0.5 dB quieter than the PCM it was given, at every bitrate
# and for tones, noise and speech alike (measured here with ebur128). The first pass allows for
# it; the measurement of the encoded file corrects any other encoder.
ENCODER_LOUDNESS_LOSS_LU = 0.4
# BS.1770-4 asks for at least 4x oversampling; ffmpeg's ebur128 meter goes to 192 kHz, and the
# encoder headroom below covers the few hundredths of a dB between the two. 8x cost 3 s a
# 20-minute edition for no audible difference.
METER_RATE = 96_000
LIMITER_WINDOW_MS = 30  # gain moves no faster than this around a peak: no audible clicks
# Limiting may cost this much loudness at most; a target that needs more (audio that is all
# peaks) is left short of, rather than squashed flat.
MAX_MAKEUP_DB = 6.0
LOUDNESS_TOLERANCE = 0.2  # LU: what ebur128 reads (to 0.1) may miss the target by
_CHUNK = 1 << 18
_CONTEXT = 256  # samples of context on each side of a chunk for the interpolation filter


@dataclass(frozen=True)
class LoudnessReport:
    """What was measured before and after, for the build log and the tests."""

    before_lufs: float
    after_lufs: float
    true_peak_dbtp: float
    gain_db: float
    limited: bool


def _db(value: float) -> float:
    return 20 * math.log10(value) if value > 0 else -math.inf


def oversampling(rate: int) -> int:
    return max(4, math.ceil(METER_RATE / rate))


def preload_meter(rate: int) -> None:
    """Load the meters' compiled filters and their coefficients on a background thread.

    A build that speaks new audio must measure it afterwards; while the engine speaks (LiteRT
    and espeak leave the interpreter free) the loading costs the build nothing.
    """
    import threading

    def load() -> None:
        dsp.k_weighting(rate)
        dsp.interpolation_filter(oversampling(rate))
        dsp.upfirdn(np.ones(1), np.ones(1))

    threading.Thread(target=load, daemon=True).start()


def _oversampled_chunks(x: np.ndarray, rate: int) -> Iterator[tuple[int, int, np.ndarray]]:
    """(start, stop, per-sample true-peak maxima) chunk by chunk: the whole oversampled signal
    of a 20-minute edition would take gigabytes, and neither is x ever copied whole."""
    from scipy import signal

    factor = oversampling(rate)
    for start in range(0, len(x), _CHUNK):
        stop = min(start + _CHUNK, len(x))
        lo, hi = max(0, start - _CONTEXT), min(len(x), stop + _CONTEXT)
        piece = np.zeros(stop - start + 2 * _CONTEXT)
        piece[_CONTEXT - (start - lo) : _CONTEXT + (hi - start)] = x[lo:hi]
        up = np.abs(signal.resample_poly(piece, factor, 1))
        middle = up[_CONTEXT * factor : (_CONTEXT + stop - start) * factor]
        yield start, stop, np.maximum(middle.reshape(-1, factor).max(axis=1), np.abs(x[start:stop]))


def true_peak_envelope(x: np.ndarray, rate: int) -> np.ndarray:
    """Per sample, the largest magnitude of the band-limited signal around it (oversampled).

    The straightforward computation, every value summed by resample_poly: `true_peak` and
    `frame_true_peaks` give its maximum and its frame maxima to the bit, for less."""
    envelope = np.empty(len(x), dtype=np.float64)
    for start, stop, maxima in _oversampled_chunks(x, rate):
        envelope[start:stop] = maxima
    return envelope


def true_peak(x: np.ndarray, rate: int) -> float:
    """The largest true-peak magnitude of x: the maximum of `true_peak_envelope`, to the bit.

    Each oversampled value is a weighted sum of the samples within the filter's reach, so it
    is at most `_gain_bound(rate)` times their largest magnitude: blocks are visited loudest
    first and only while that bound can beat the largest value known so far. Those visited are
    oversampled approximately (`_approximate`); only the few blocks whose approximation comes
    within its error of the maximum are oversampled exactly.
    """
    if not len(x):
        return 0.0
    whole = len(x) // _PEAK_BLOCK * _PEAK_BLOCK
    blocks = x[:whole].reshape(-1, _PEAK_BLOCK)
    highs, lows = blocks.max(axis=1), blocks.min(axis=1)
    if whole < len(x):
        highs = np.append(highs, x[whole:].max())
        lows = np.append(lows, x[whole:].min())
    peaks = np.maximum(highs.astype(np.float64), -lows.astype(np.float64))
    # The filter reaches _SUPPORT (< one block) samples past each end of a block.
    reach = np.maximum(peaks, np.maximum(np.append(peaks[1:], 0.0), np.append(0.0, peaks[:-1])))
    bounds = reach * _gain_bound(rate)
    order = np.argsort(-bounds, kind="stable")
    found = float(peaks.max())  # true_peak_envelope is never below |x|
    known = found  # a value the maximum is known to reach
    visited: list[np.ndarray] = []
    uppers: list[np.ndarray] = []
    for first in range(0, len(order), _PEAK_BATCH):
        batch = order[first : first + _PEAK_BATCH]
        batch = batch[bounds[batch] > known]
        if not len(batch):
            break  # bounds only fall from here on
        approx = _approximate(_rows(x, batch * _PEAK_BLOCK, _PEAK_BLOCK), rate)
        if whole < len(x):
            # The last block is short: what the filter rings past the end of x is not x's.
            approx[batch == len(peaks) - 1, len(x) - whole :] = 0.0
        most = approx.reshape(len(batch), -1).max(axis=1).astype(np.float64)
        error = bounds[batch] * _APPROXIMATION
        known = max(known, float((most - error).max()))
        visited.append(batch)
        uppers.append(most + error)
    if visited:
        # Only a block that may exceed what another is known to reach can hold the maximum.
        candidates = np.concatenate(visited)[np.concatenate(uppers) > known]
        if len(candidates):
            up = _oversampled_blocks(x, candidates * _PEAK_BLOCK, _PEAK_BLOCK, rate)
            if whole < len(x):
                up[candidates == len(peaks) - 1, (len(x) - whole) * oversampling(rate) :] = 0.0
            found = max(found, float(up.max()))
    return found


# The interpolation filter (scipy's resample_poly: 10 input samples each side of the output,
# whatever the factor) reaches this far; blocks oversampled with this much of x on each side
# give every value of the whole signal's oversampling, computed by the same sums.
_SUPPORT = 16
_PEAK_BLOCK = 256  # samples: ~10 ms, finer than a syllable's peaks, long beside _SUPPORT
_PEAK_BATCH = 256  # blocks approximated in one call
# `_approximate` sums 21 products in float32 in BLAS's order: it is within 1.4e-6 of the sum of
# their magnitudes of the exact value (the rounding of a 21-term float32 sum, 21 * 2**-24, and
# of the samples and taps to float32, 2**-24 each), so within this much of the bound.
_APPROXIMATION = 1e-5
_MATRIX_ROW = 16  # samples oversampled per row of the matrix product (a divisor of each block)


@functools.cache
def _phase_taps(rate: int) -> tuple[int, np.ndarray]:
    """(first, taps): the oversampled value `q` of sample m (its q-th of `factor` values) is
    the sum, in order, of x[m + first + d] * taps[d, q], as resample_poly adds them up."""
    factor = oversampling(rate)
    centre = 2 * _SUPPORT
    impulse = np.zeros(2 * centre + 1)
    impulse[centre] = 1.0
    # Its response to one sample is the taps themselves, exactly (1.0 times each, plus zeros).
    response = dsp.resample_poly_up(impulse, factor)
    offsets = np.arange(-_SUPPORT, _SUPPORT + 1)
    taps = response[(centre - offsets)[:, None] * factor + np.arange(factor)[None, :]]
    used = np.flatnonzero(np.any(taps != 0, axis=1))
    assert used[0] > 0 and used[-1] < 2 * _SUPPORT, "the filter reaches past _SUPPORT"
    return int(offsets[used[0]]), np.ascontiguousarray(taps[used[0] : used[-1] + 1])


@functools.cache
def _gain_bound(rate: int) -> float:
    """The largest sum of absolute taps over the interpolator's phases: no oversampled value
    exceeds this times the largest magnitude in reach (2.24 at 4x); with rounding allowed for,
    so that a block it rules out truly cannot win."""
    return float(np.abs(_phase_taps(rate)[1]).sum(axis=0).max()) * (1 + 1e-9)


@functools.cache
def _interpolation_matrix(rate: int) -> np.ndarray:
    """The taps laid out so that _MATRIX_ROW + 20 consecutive samples times this matrix give
    the oversampled values of the middle _MATRIX_ROW (one matrix product: BLAS's speed)."""
    _, taps = _phase_taps(rate)
    matrix = np.zeros((_MATRIX_ROW + len(taps) - 1, _MATRIX_ROW, taps.shape[1]), np.float32)
    for sample in range(_MATRIX_ROW):
        matrix[sample : sample + len(taps), sample] = taps
    return matrix.reshape(len(matrix), -1)


def _rows(x: np.ndarray, starts: np.ndarray, block: int) -> np.ndarray:
    """x[s - _SUPPORT : s + block + _SUPPORT] for each start s, zeros beyond x, as float32."""
    index = starts[:, None] + np.arange(-_SUPPORT, block + _SUPPORT)
    inside = (index >= 0) & (index < len(x))
    rows = np.zeros(index.shape, dtype=np.float32)
    rows[inside] = x[index[inside]]
    return rows


def _approximate(rows: np.ndarray, rate: int) -> np.ndarray:
    """|oversampled value| (row, sample, phase) of every sample in the middle of each float32
    row (_SUPPORT on each side), within _APPROXIMATION of its bound of the exact value, at a
    tenth of the cost of resample_poly's sums one by one."""
    first, taps = _phase_taps(rate)
    count, block = rows.shape[0], rows.shape[1] - 2 * _SUPPORT
    rows = np.ascontiguousarray(rows, dtype=np.float32)
    base = rows[:, _SUPPORT + first :]
    stride, item = rows.strides
    windows = np.lib.stride_tricks.as_strided(
        base,
        shape=(count, block // _MATRIX_ROW, _MATRIX_ROW + len(taps) - 1),
        strides=(stride, _MATRIX_ROW * item, item),
        writeable=False,
    )
    up = windows @ _interpolation_matrix(rate)
    return np.abs(up, out=up).reshape(count, block, -1)


def _exact_values(x: np.ndarray, samples: np.ndarray, phases: np.ndarray, rate: int) -> np.ndarray:
    """|oversampled value| phases[i] of sample samples[i] of x, the filter's reach of each
    within x, bit for bit as resample_poly computes it in float64: the same products added in
    the same order, by the same routine (upfirdn, stepping a whole window at a time)."""
    first, taps = _phase_taps(rate)
    windows = np.lib.stride_tricks.sliding_window_view(x, len(taps))
    order = np.argsort(phases, kind="stable")
    ends = np.searchsorted(phases[order], np.arange(taps.shape[1] + 1))
    out = np.empty(len(samples))
    for phase in range(taps.shape[1]):
        chosen = order[ends[phase] : ends[phase + 1]]
        if not len(chosen):
            continue
        # One leading zero: the i-th full window then ends where the (i+1)-th output is taken.
        joined = np.zeros(1 + len(chosen) * len(taps))
        joined[1:] = windows[samples[chosen] + first].reshape(-1)
        sums = dsp.upfirdn(taps[::-1, phase].copy(), joined, 1, len(taps))
        out[chosen] = np.abs(sums[1 : len(chosen) + 1])
    return out


def _oversampled_blocks(x: np.ndarray, starts: np.ndarray, block: int, rate: int) -> np.ndarray:
    """|oversampled x| over [s, s + block) for each start s, one row each (zeros beyond x):
    bit for bit the values of oversampling x whole, in float64."""
    factor = oversampling(rate)
    index = starts[:, None] + np.arange(-_SUPPORT, block + _SUPPORT)
    inside = (index >= 0) & (index < len(x))
    rows = np.zeros(index.shape)
    rows[inside] = x[index[inside]]
    up = dsp.resample_poly_up(rows, factor, axis=1)
    return np.abs(up[:, _SUPPORT * factor : (_SUPPORT + block) * factor])


FRAMES_PER_BLOCK = 48  # frames approximated as one row: 48 ms, long beside _SUPPORT


def frame_true_peaks(
    samples: np.ndarray, start: int, stop: int, frame: int, rate: int
) -> np.ndarray:
    """The maximum of `true_peak_envelope` over each frame of int16 samples[start:stop] (start
    on a frame boundary; the last frame may be short), to the bit, read as fractions of full
    scale.

    Blocks of frames whose filter's reach holds only digital silence (the pauses between
    utterances: a fifth of an edition) are 0 without oversampling. In the others every value
    is first approximated (`_approximate`); only the values that may be their frame's maximum,
    given the approximation's error, are computed exactly: one or two per frame.
    """
    stop = min(stop, len(samples))
    count = -(-(stop - start) // frame)
    block = frame * FRAMES_PER_BLOCK
    blocks = -(-(stop - start) // block)
    # One block either side, so each block's reach (_SUPPORT < block) is within its neighbours.
    lo, hi = start - block, start + (blocks + 1) * block
    padded = np.zeros((blocks + 2) * block, dtype=samples.dtype)
    padded[max(0, lo) - lo : min(hi, len(samples)) - lo] = samples[max(0, lo) : hi]
    sounding = (padded.reshape(-1, block) != 0).any(axis=1)
    out = np.zeros((blocks, FRAMES_PER_BLOCK))
    chosen = np.flatnonzero(sounding[:-2] | sounding[1:-1] | sounding[2:])
    if not len(chosen):
        return out.reshape(-1)[:count]
    # int16 / 32768 is exact in float32 as in float64.
    scaled = padded.astype(np.float32) * np.float32(1 / 32768)
    windows = np.lib.stride_tricks.sliding_window_view(scaled, block + 2 * _SUPPORT)
    rows = windows[(chosen + 1) * block - _SUPPORT]
    factor = oversampling(rate)
    approx = _approximate(rows, rate).reshape(len(chosen), FRAMES_PER_BLOCK, frame * factor)
    last = stop - start - chosen[-1] * block
    if last < block:
        approx.reshape(len(chosen), -1)[-1, last * factor :] = -np.inf  # past the audio's end
    magnitudes = np.abs(rows)
    # true_peak_envelope is never below |x|, which is exact.
    own = magnitudes[:, _SUPPORT : _SUPPORT + block].reshape(len(chosen), FRAMES_PER_BLOCK, -1)
    own = own.max(axis=2)
    # The largest |x| within the filter's reach of each frame: in it and its neighbours.
    reach = own.copy()
    before, after = magnitudes[:, :_SUPPORT].max(axis=1), magnitudes[:, -_SUPPORT:].max(axis=1)
    for shift in range(1, -(-_SUPPORT // frame) + 1):
        reach[:, shift:] = np.maximum(reach[:, shift:], own[:, :-shift])
        reach[:, :-shift] = np.maximum(reach[:, :-shift], own[:, shift:])
        reach[:, :shift] = np.maximum(reach[:, :shift], before[:, None])
        reach[:, -shift:] = np.maximum(reach[:, -shift:], after[:, None])
    error = (reach * np.float32(_gain_bound(rate) * _APPROXIMATION))[:, :, None]
    # A value may be its frame's maximum if it may exceed both |x| and every other value.
    floor = np.maximum(own[:, :, None], approx.max(axis=2, keepdims=True) - error) - error
    frames, position = np.divmod(np.flatnonzero(approx > floor), frame * factor)
    row, frame_index = np.divmod(frames, FRAMES_PER_BLOCK)
    sample = row * rows.shape[1] + _SUPPORT + frame_index * frame + position // factor
    exact = _exact_values(rows.reshape(-1), sample, position % factor, rate)
    result = own.astype(np.float64).reshape(-1)
    np.maximum.at(result, frames, exact)
    out[chosen] = result.reshape(len(chosen), FRAMES_PER_BLOCK)
    return out.reshape(-1)[:count]


def limiter_gain(envelope: np.ndarray, ceiling: float, rate: int) -> np.ndarray:
    """A smooth gain curve that keeps envelope * gain at or below the ceiling everywhere.

    The needed gain is held at its minimum over ±W around each sample, then smoothed with a
    normalized window no wider than ±W: every value averaged at sample n is a minimum over a
    span that contains n, so the smoothed gain never exceeds what n needs.

    Only the stretches around samples over the ceiling are worked out, laid end to end: a
    sample's need reaches 2W at most (held ±W, then two boxes of ±W/2), and beyond that the
    gain is 1. Speech leaves most of an edition unlimited, and the gain search runs this
    several times on every millisecond of it.
    """
    needed = np.minimum(1.0, ceiling / np.maximum(envelope, 1e-12))
    over = np.flatnonzero(needed < 1.0)
    if not len(over):
        return needed
    half = max(1, rate * LIMITER_WINDOW_MS // 1000)
    # Two box filters of ±half/2 each: a triangular window of ±half, in O(n).
    box = 2 * (half // 2) + 1
    reach = half + 2 * (box // 2)
    # Stretches: samples over the ceiling with the need around them, two reaches each side.
    # Kept apart by more than four reaches of unlimited samples (gain 1), stretches laid end
    # to end leave each other's gain as it is on the whole.
    gaps = np.flatnonzero(np.diff(over) > 4 * reach)
    lo = np.maximum(0, over[np.r_[0, gaps + 1]] - 2 * reach)
    hi = np.minimum(len(needed), over[np.r_[gaps, len(over) - 1]] + 2 * reach + 1)
    lengths = hi - lo
    where = np.arange(lengths.sum()) + np.repeat(lo - (np.cumsum(lengths) - lengths), lengths)
    stretches = needed[where]
    smoothed = _box(_box(_running_min(stretches, half), box), box)
    gain = needed.copy()
    # Only rounding can make it exceed the need: clamp that.
    gain[where] = np.minimum(smoothed, stretches)
    return gain


def _running_min(x: np.ndarray, half: int) -> np.ndarray:
    """Minimum over ±half around each value, edges held (scipy.ndimage's minimum_filter1d
    with mode="nearest", whose import alone costs a warm rebuild half a second).

    By doubling: minima over spans of 1, 2, 4, ... values, then two spans that together cover
    the window; a minimum has no rounding, so this is exactly the minimum over the window, in
    a few passes instead of one per value of the window.
    """
    width = 2 * half + 1
    spans = np.pad(x, half, mode="edge")
    span = 1
    while 2 * span <= width:
        spans = np.minimum(spans[:-span], spans[span:])  # the minimum over [i, i + 2 * span)
        span *= 2
    return np.minimum(spans[: len(x)], spans[width - span : width - span + len(x)])


def _box(x: np.ndarray, width: int) -> np.ndarray:
    """Centred moving average of odd width, edges held; a running sum is many times faster
    than scipy.ndimage.uniform_filter1d here, and its rounding error (1e-9) is clamped away."""
    pad = width // 2
    sums = np.cumsum(np.pad(x, (pad + 1, pad), mode="edge"))
    return (sums[width:] - sums[:-width]) / width


FRAME_MS = 1  # the limiter's resolution: its gain moves over 30 ms, 1 ms frames lose nothing
BLOCK_S = 0.4  # BS.1770 gating blocks are 400 ms long and start every 100 ms
STEP_S = 0.1


class Leveller:
    """One edition's samples, measured once, levelled to any target and ceiling.

    Finding the gain that lands on the target after limiting takes several tries; each try
    works on 1 ms frames (the true-peak maximum and the K-weighted energy of each frame), both
    computed once, chunk by chunk, so neither a try nor the whole run ever holds more than a
    few copies of one chunk beside the int16 samples: a 20-minute edition levels in well under
    the memory of its float64 copy.
    """

    def __init__(self, samples: np.ndarray, rate: int) -> None:
        self.samples = samples
        self.length = len(samples)
        self.rate = rate
        self.frame = max(1, rate * FRAME_MS // 1000)
        self._frame_envelope: np.ndarray | None = None
        self.energy = self._frame_energy(samples)
        self._measure_before()

    @classmethod
    def from_frames(
        cls, energy: np.ndarray, envelope: np.ndarray, length: int, rate: int
    ) -> Leveller:
        """A leveller for audio known only by its frames (pieces measured apart, joined):
        it finds the gain and the limiter's curve, and `apply` levels any stretch of it."""
        leveller = cls.__new__(cls)
        leveller.samples = np.zeros(0, dtype=np.int16)
        leveller.length = length
        leveller.rate = rate
        leveller.frame = max(1, rate * FRAME_MS // 1000)
        leveller._frame_envelope = envelope
        leveller.energy = energy
        leveller._measure_before()
        return leveller

    def _measure_before(self) -> None:
        loud_enough = bool(np.any(self.energy > 0))
        measurable = self.length > BLOCK_S * self.rate and loud_enough
        self.before = self._estimate(self.energy) if measurable else -math.inf
        # (gain, loudness after limiting) per ceiling: a later pass starts from what was learnt.
        self._tried: dict[float, list[tuple[float, float]]] = {}

    @property
    def measurable(self) -> bool:
        """False when too short or too quiet to have an integrated loudness (BS.1770 gating)."""
        return math.isfinite(self.before)

    def _chunks(self, length: int | None = None) -> range:
        step = _CHUNK // self.frame * self.frame  # chunks hold whole frames
        return range(0, self.length if length is None else length, step)

    def _frame_reduce(self, values: np.ndarray, reduce: Callable[..., np.ndarray]) -> np.ndarray:
        whole = len(values) // self.frame * self.frame
        out = reduce(values[:whole].reshape(-1, self.frame), axis=1)
        if whole < len(values):
            out = np.append(out, reduce(values[whole:]))
        return out

    def _frame_energy(self, samples: np.ndarray) -> np.ndarray:
        """K-weighted energy per frame, the filters carrying their state across chunks.
        int16 samples are read as fractions of full scale; float samples as they are."""
        stages = dsp.k_weighting(self.rate)
        states = [np.zeros(max(len(a), len(b)) - 1) for b, a in stages]
        parts = []
        step = self._chunks().step
        for start in self._chunks(len(samples)):
            y = samples[start : start + step].astype(np.float64)
            if samples.dtype == np.int16:
                y /= 32768.0
            for index, (b, a) in enumerate(stages):
                y, states[index] = dsp.lfilter(b, a, y, states[index])
            parts.append(self._frame_reduce(y * y, np.sum))
        return np.concatenate(parts) if parts else np.zeros(0)

    def frame_envelope(self) -> np.ndarray:
        """The true-peak envelope's maximum per frame."""
        if self._frame_envelope is None:
            step = self._chunks().step

            def chunk(start: int) -> np.ndarray:
                return frame_true_peaks(self.samples, start, start + step, self.frame, self.rate)

            # Chunks are independent and scipy's polyphase filter releases the GIL: on all
            # cores (two here) this is the longest step of levelling at half the time.
            with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
                parts = list(pool.map(chunk, self._chunks()))
            self._frame_envelope = np.concatenate(parts) if parts else np.zeros(0)
        return self._frame_envelope

    def frame_energy(self, samples: np.ndarray) -> np.ndarray:
        """K-weighted energy per frame of any audio at this leveller's rate."""
        return self._frame_energy(samples)

    def loudness(self, frame_energy: np.ndarray) -> float:
        """BS.1770-4 integrated loudness of audio of this length, from its frame energies."""
        return self._estimate(frame_energy)

    def _estimate(self, frame_energy: np.ndarray) -> float:
        """BS.1770-4 gated loudness from frame energies, with pyloudnorm's exact blocks.

        Its blocks start every 100 ms and last 400 ms, the last one cut short by the end of
        the audio (and still divided by the full length), as pyloudnorm counts them.
        """
        step = max(1, round(STEP_S * self.rate / self.frame))
        seconds = self.length / self.rate
        count = int(np.round((seconds - BLOCK_S) / STEP_S)) + 1
        if count < 1:
            return -math.inf
        steps = -(-len(frame_energy) // step)
        padded = np.zeros(max(steps, count + 3) * step)
        padded[: len(frame_energy)] = frame_energy
        energy = padded.reshape(-1, step).sum(axis=1)
        blocks = energy[:count] + energy[1 : count + 1] + energy[2 : count + 2]
        blocks = (blocks + energy[3 : count + 3]) / (BLOCK_S * self.rate)
        with np.errstate(divide="ignore"):
            loudness = -0.691 + 10 * np.log10(blocks)
        above = blocks[loudness >= -70.0]
        if not len(above):
            return -math.inf
        relative = -0.691 + 10 * math.log10(above.mean()) - 10.0
        gated = blocks[(loudness > relative) & (loudness > -70.0)]
        return -0.691 + 10 * math.log10(gated.mean()) if len(gated) else -math.inf

    def apply(self, samples: np.ndarray, start: int, gain: float, curve: np.ndarray) -> np.ndarray:
        """int16 samples (the stretch of the audio that begins at sample `start`, a frame
        boundary) times the gain and the frame curve, spread linearly over samples (never above
        what each frame needs), chunk by chunk."""
        out = np.empty(len(samples), dtype=np.int16)
        step = self._chunks().step
        centres = (np.arange(len(curve)) + 0.5) * self.frame
        for offset in self._chunks(len(samples)):
            lo, hi = start + offset, start + min(offset + step, len(samples))
            smooth = np.interp(np.arange(lo, hi), centres, curve)
            held = np.repeat(curve[lo // self.frame : -(-hi // self.frame)], self.frame)
            per_sample = np.minimum(smooth, held[: hi - lo]) * gain
            out[offset : offset + hi - lo] = _quantize(
                samples[offset : offset + hi - lo] / 32768.0 * per_sample
            )
        return out

    def _first_guess(self, target_lufs: float, tried: list[tuple[float, float]]) -> float:
        if not tried:
            return target_lufs - self.before
        gain, loudness = min(tried, key=lambda t: abs(t[1] - target_lufs))
        return gain + (target_lufs - loudness)

    def solve(
        self,
        target_lufs: float,
        ceiling_dbtp: float,
        step_db: float = 0.0,
        with_curve: bool = True,
    ) -> tuple[float, np.ndarray]:
        """The gain (dB) that lands on the target after limiting, and the limiter's frame curve
        (empty when not `with_curve`: mastering in pieces makes each piece's own).

        With `step_db`, the gain is rounded to that grid: audio that changed a little (one
        sentence of a long edition) then usually keeps the very same gain, so every part of it
        that did not change levels to the same samples as before.
        """
        ceiling = 10 ** (ceiling_dbtp / 20)
        envelope = self.frame_envelope()
        frames_per_second = 1000 // FRAME_MS
        if not self.measurable:
            return 0.0, np.ones(len(envelope))
        # Limiting takes loudness away, the more so the higher the gain, so the gain that
        # lands on the target is found by the secant method on (gain, loudness after limiting).
        tried = self._tried.setdefault(ceiling_dbtp, [])
        gain_db = self._first_guess(target_lufs, tried)
        most_db = target_lufs - self.before + MAX_MAKEUP_DB
        for _ in range(12):
            gain = 10 ** (gain_db / 20)
            curve = limiter_gain(envelope * gain, ceiling, frames_per_second)
            loudness = self._estimate(self.energy * (gain * curve) ** 2)
            tried.append((gain_db, loudness))
            error = target_lufs - loudness
            if abs(error) < 0.02:
                break
            slope = 1.0
            if len(tried) > 1:
                (g0, l0), (g1, l1) = tried[-2], tried[-1]
                if g1 != g0:
                    # Limiting can only flatten the response: keep the slope in (0.1, 1].
                    slope = min(1.0, max(0.1, (l1 - l0) / (g1 - g0)))
            if gain_db >= most_db and error > 0:
                break  # the target is out of reach without crushing the peaks: stop short
            gain_db = min(most_db, gain_db + error / slope)
        if step_db:
            gain_db = round(gain_db / step_db) * step_db
            if with_curve:
                curve = limiter_gain(envelope * 10 ** (gain_db / 20), ceiling, frames_per_second)
        return gain_db, curve if with_curve else np.zeros(0)

    def level(self, target_lufs: float, ceiling_dbtp: float) -> tuple[np.ndarray, LoudnessReport]:
        """int16 out, same length: gain to the target, peaks limited under the ceiling."""
        envelope = self.frame_envelope()
        if not self.measurable:
            peak = _db(float(envelope.max())) if len(envelope) else -math.inf
            return self.samples.copy(), LoudnessReport(self.before, self.before, peak, 0.0, False)
        gain_db, curve = self.solve(target_lufs, ceiling_dbtp)
        gain = 10 ** (gain_db / 20)
        out = self.apply(self.samples, 0, gain, curve)
        return out, LoudnessReport(
            before_lufs=self.before,
            after_lufs=self._estimate(self._frame_energy(out)),
            # The limiter's own reading; the encoded audio is measured again (mastering).
            true_peak_dbtp=_db(float((envelope * gain * curve).max())),
            gain_db=gain_db,
            limited=bool(curve.min() < 1.0),
        )


def _quantize(y: np.ndarray) -> np.ndarray:
    return np.clip(np.round(y * 32768.0), -32768, 32767).astype(np.int16)


@dataclass(frozen=True)
class Measured:
    """Integrated loudness and true peak of an encoded file, as ffmpeg's ebur128 reads them."""

    integrated_lufs: float
    true_peak_dbtp: float


_SUMMARY_I = re.compile(r"Summary:.*?\bI:\s*(-?[\d.]+|-inf) LUFS", re.S)
_SUMMARY_PEAK = re.compile(r"Summary:.*?True peak:\s*Peak:\s*(-?[\d.]+|-inf) dBFS", re.S)


def measure_file(path: Path) -> Measured:
    """Measure what a listener's decoder gets, with the meter podcast platforms use."""
    command = ["ffmpeg", "-nostats", "-hide_banner", "-i", str(path)]
    command += ["-af", "ebur128=peak=true", "-f", "null", "-"]
    from audiofeature.publish.mp3frames import run_ffmpeg

    run = run_ffmpeg(command)
    stderr = run.stderr.decode(errors="replace")
    loudness = _SUMMARY_I.search(stderr)
    peak = _SUMMARY_PEAK.search(stderr)
    if run.returncode != 0 or not loudness or not peak:
        tail = stderr.strip().splitlines()[-1:] or ["no output"]
        raise AudioError(f"{path}: ffmpeg could not measure its loudness: {tail[0]}")
    return Measured(float(loudness.group(1)), float(peak.group(1)))
