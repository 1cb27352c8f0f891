"""Mastering in pieces: a one-word fix costs the work of about half a minute of audio.

Loudness is still set once, on the whole: one gain for the edition, found from the loudness and
true-peak figures of every piece. What changed is where the work is done and kept:

- The timeline is cut into pieces (each chapter, and paragraphs about 25 s apart: see
  edition.piece_starts) inside the silent pause before each, on an MP3 frame boundary (see
  mp3frames). The limiter's gain moves over ±30 ms and the loudness
  meter's filters settle in far less than a pause, so levelling, encoding and measuring a piece
  apart gives what doing it on the whole would give.
- Per piece, kept in the cache by its samples: its frame figures (K-weighted energy and
  true-peak maximum per millisecond), the input of the gain search.
- The gain is rounded to a 0.2 dB grid (at most 0.1 LU off the target): after a one-sentence
  fix the gain almost always stays the same, so every other piece levels to the same samples.
- Per piece, kept by its levelled input: its MP3 frames and what they decode to (energy per
  millisecond and true peak), so the edition's final figures, the listener's, are measured
  without decoding the whole file again.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from audiofeature.cachefiles import sharded, write_whole
from audiofeature.edition import (
    CHAPTER_GRID_MS,
    EDITION_RATE,
    PIECE_MIN_PAUSE_MS,
    SAMPLES_PER_MS,
    Edition,
    piece_starts,
)
from audiofeature.publish import mp3frames
from audiofeature.publish.loudness import (
    CEILING_DBTP,
    ENCODER_HEADROOM_DB,
    ENCODER_LOUDNESS_LOSS_LU,
    FRAME_MS,
    LOUDNESS_TOLERANCE,
    Leveller,
    Measured,
    limiter_gain,
    true_peak,
)

# Bump when levelling, encoding or measuring changes what they make from the same samples.
MASTERING_VERSION = "6"
GAIN_STEP_DB = 0.2
# Silence a cut needs on each side: the encoder's delay (1105 samples at 24 kHz, 46 ms) and
# two frames of the codec's overlap, with room to spare.
CUT_MARGIN_MS = 150
# Where a piece begins: this long before its first utterance, inside the pause that precedes it
# (at least edition.PIECE_MIN_PAUSE_MS). A whole number of MP3 frames (24 ms each).
LEAD_MS = 600


assert LEAD_MS % CHAPTER_GRID_MS == 0
assert LEAD_MS + CUT_MARGIN_MS <= PIECE_MIN_PAUSE_MS
# The chapter grid must be whole MP3 frames at the edition's rate, or pieces would not be reused.
assert CHAPTER_GRID_MS * SAMPLES_PER_MS % mp3frames.samples_per_frame(EDITION_RATE) == 0


@dataclass(frozen=True)
class Piece:
    start: int  # samples, a multiple of the MP3 frame length
    samples: np.ndarray

    @property
    def end(self) -> int:
        return self.start + len(self.samples)

    def digest(self) -> str:
        return hashlib.sha256(np.ascontiguousarray(self.samples).data).hexdigest()


@dataclass(frozen=True)
class Encoded:
    """A piece's MP3 frames and what a decoder makes of them."""

    frames: bytes
    energy: np.ndarray  # K-weighted energy per millisecond of the decoded piece
    true_peak: float  # linear, of the decoded piece


@dataclass(frozen=True)
class Mastered:
    mp3: bytes  # untagged
    measured: Measured  # the decoded edition's figures
    gain_db: float
    pieces: int
    encoded: int  # pieces encoded in this run (the rest came from the cache)


def cut_points(edition: Edition) -> list[int]:
    """Sample offsets of the pieces: 0, a cut LEAD_MS before each piece start, the end.

    Pieces (edition.piece_starts: each chapter, and paragraphs about 25 s apart) start on the
    MP3 frame grid (edition.CHAPTER_GRID_MS), and so does every cut: a piece holds a fixed lead
    of silence, its utterances, and the pause up to the next cut, the same samples wherever it
    falls in the edition.
    """
    samples = edition.audio.samples
    margin = CUT_MARGIN_MS * SAMPLES_PER_MS
    starts = piece_starts(edition.script)
    cuts = [0]
    previous_end: int | None = None
    for utterance, timed in edition.timed_utterances():
        if previous_end is not None and utterance.id in starts:
            cut = (timed.start_ms - LEAD_MS) * SAMPLES_PER_MS
            quiet = not np.any(samples[cut - margin : cut + margin])
            if cut - margin >= previous_end * SAMPLES_PER_MS and quiet:
                cuts.append(cut)
        previous_end = timed.end_ms
    cuts.append(len(samples))
    return cuts


class PieceCache:
    """Frame figures and encoded pieces on disk, each file written whole or not at all."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def _path(self, key: str, suffix: str) -> Path:
        return sharded(self.root, key, suffix)

    def _write(self, path: Path, data: bytes) -> None:
        write_whole(path, data)

    def _arrays(self, key: str) -> dict[str, np.ndarray] | None:
        try:
            with np.load(self._path(key, ".npz")) as stored:
                return {name: stored[name] for name in stored.files}
        except (OSError, ValueError, KeyError, EOFError):
            return None

    def _put_arrays(self, key: str, **arrays: np.ndarray) -> None:
        import io

        buffer = io.BytesIO()
        np.savez(buffer, **arrays)
        self._write(self._path(key, ".npz"), buffer.getvalue())

    def figures(self, key: str) -> tuple[np.ndarray, np.ndarray] | None:
        found = self._arrays(key)
        return (found["energy"], found["envelope"]) if found else None

    def gain(self, key: str) -> float | None:
        try:
            return float(json.loads(self._path(key, ".json").read_text(encoding="utf-8")))
        except (OSError, ValueError, TypeError):
            return None

    def put_gain(self, key: str, gain_db: float) -> None:
        self._write(self._path(key, ".json"), json.dumps(gain_db).encode())

    def put_figures(self, key: str, energy: np.ndarray, envelope: np.ndarray) -> None:
        self._put_arrays(key, energy=energy, envelope=envelope)

    def encoded(self, key: str) -> Encoded | None:
        found = self._arrays(key)
        try:
            frames = self._path(key, ".mp3").read_bytes()
        except OSError:
            return None
        if not found:
            return None
        return Encoded(frames, found["energy"], float(found["true_peak"]))

    def put_encoded(self, key: str, encoded: Encoded) -> None:
        self._write(self._path(key, ".mp3"), encoded.frames)
        # The figures last: they mark the entry whole.
        self._put_arrays(key, energy=encoded.energy, true_peak=np.array(encoded.true_peak))


def _key(*parts: object) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part if isinstance(part, bytes) else json.dumps(part).encode())
        digest.update(b"\0")
    return digest.hexdigest()


def _encode(
    piece: Piece, levelled: np.ndarray, last: bool, rate: int, leveller: Leveller
) -> Encoded:
    raw = mp3frames.encode_piece(levelled, rate)
    per_frame = mp3frames.samples_per_frame(rate)
    # A piece ends where the next begins: its flush frames, silence, belong to the next one.
    frames = mp3frames.keep_frames(raw, None if last else len(levelled) // per_frame)
    decoded = mp3frames.decode_piece(frames, rate)
    # The piece's frames decode late by the encoder's and the decoder's delay; what the last
    # frames leave out is the silence the next piece's first frames carry.
    delay = mp3frames.encoder_delay(rate) + mp3frames.DECODER_DELAY
    region = decoded[delay : delay + len(levelled)]
    energy = np.zeros(-(-len(levelled) // leveller.frame))
    measured = leveller.frame_energy(region)
    energy[: len(measured)] = measured
    return Encoded(frames, energy, true_peak(region, rate))


def master_pieces(
    edition: Edition,
    target_lufs: float,
    cache: PieceCache | None,
    jobs: int | None = None,
    ceiling_dbtp: float = CEILING_DBTP,
    on_encode: Callable[[Piece], None] | None = None,
) -> Mastered:
    """Level, encode and measure the edition piece by piece; join the pieces into one MP3."""
    audio = edition.audio
    rate = audio.sample_rate
    cuts = cut_points(edition)
    pieces = [Piece(a, audio.samples[a:b]) for a, b in zip(cuts, cuts[1:], strict=False)]
    workers = jobs or os.cpu_count() or 1
    digests = [""] * len(pieces)

    def figures(index: int) -> tuple[np.ndarray, np.ndarray]:
        piece = pieces[index]
        # Hashed here, on the workers: hashlib releases the GIL on long inputs.
        digests[index] = piece.digest()
        key = _key("figures", MASTERING_VERSION, rate, digests[index])
        found = cache.figures(key) if cache else None
        if found is None:
            measuring = Leveller(piece.samples, rate)
            found = (measuring.energy, measuring.frame_envelope())
            if cache:
                cache.put_figures(key, *found)
        return found

    with ThreadPoolExecutor(max_workers=workers) as pool:
        measured_pieces = list(pool.map(figures, range(len(pieces))))
    leveller = Leveller.from_frames(
        np.concatenate([energy for energy, _ in measured_pieces]),
        np.concatenate([envelope for _, envelope in measured_pieces]),
        len(audio.samples),
        rate,
    )
    pcm_target = target_lufs + ENCODER_LOUDNESS_LOSS_LU
    pcm_ceiling = ceiling_dbtp - ENCODER_HEADROOM_DB
    settings = [MASTERING_VERSION, rate, mp3frames.BITRATE, mp3frames.LAME_QUALITY]
    for _ in range(3):
        # The gain search is the one step that reads the whole edition: kept, so an unchanged
        # rebuild does not repeat it.
        gain_key = _key("gain", MASTERING_VERSION, digests, pcm_target, pcm_ceiling)
        found_gain = cache.gain(gain_key) if cache else None
        if found_gain is None:
            gain_db, _ = leveller.solve(pcm_target, pcm_ceiling, GAIN_STEP_DB, with_curve=False)
            if cache:
                cache.put_gain(gain_key, gain_db)
        else:
            gain_db = found_gain
        gain = 10 ** (gain_db / 20)
        ceiling = 10 ** (pcm_ceiling / 20)

        def encoded(
            index: int, gain: float = gain, ceiling: float = ceiling
        ) -> tuple[Encoded, bool]:
            piece = pieces[index]
            last = index == len(pieces) - 1
            key = _key("encoded", settings, digests[index], gain, ceiling, last)
            found = cache.encoded(key) if cache else None
            if found is not None:
                return found, False
            if on_encode:
                on_encode(piece)
            # The limiter's curve from the piece alone, which is what the whole's curve is
            # there (its gain moves over ±30 ms, the piece's edges are silence), with none of
            # the rounding a running sum over everything before would bring in.
            curve = limiter_gain(measured_pieces[index][1] * gain, ceiling, 1000 // FRAME_MS)
            levelled = leveller.apply(piece.samples, 0, gain, curve)
            made = _encode(piece, levelled, last, rate, leveller)
            if cache:
                cache.put_encoded(key, made)
            return made, True

        with ThreadPoolExecutor(max_workers=workers) as pool:
            done = list(pool.map(encoded, range(len(pieces))))
        results = [result for result, _ in done]
        encoded_now = sum(made for _, made in done)
        loudness = leveller.loudness(np.concatenate([r.energy for r in results]))
        peak_db = 20 * math.log10(max(max(r.true_peak for r in results), 1e-10))
        missed_by = target_lufs - loudness
        over_by = peak_db - ceiling_dbtp
        if not leveller.measurable or (abs(missed_by) <= LOUDNESS_TOLERANCE and over_by <= 0):
            break
        # A lossy encoder moves both figures a little: correct the PCM targets by the miss.
        pcm_target += missed_by
        if over_by > 0:
            pcm_ceiling -= over_by + 0.1
    mp3 = mp3frames.join([r.frames for r in results], len(audio.samples))
    # To a tenth, as loudness meters report it.
    measured = Measured(*(round(v, 1) if math.isfinite(v) else v for v in (loudness, peak_db)))
    return Mastered(mp3, measured, gain_db, len(pieces), encoded_now)
