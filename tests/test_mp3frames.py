"""MP3 pieces joined frame-accurately: the joined file decodes to exactly what one encode of the
whole would, and its Info frame tells a gapless decoder the true length."""

from __future__ import annotations

import struct
import subprocess
from pathlib import Path

import numpy as np
import pytest

from audiofeature.errors import AudioError
from audiofeature.publish import mp3frames

RATE = 24000
FRAME = 576


def tone(seconds: float, hz: float = 300.0) -> np.ndarray:
    t = np.arange(int(seconds * RATE)) / RATE
    return (8000 * np.sin(2 * np.pi * hz * t) * np.sin(np.pi * t / seconds)).astype(np.int16)


def silence(seconds: float) -> np.ndarray:
    return np.zeros(int(seconds * RATE), dtype=np.int16)


def decode(data: bytes, tmp_path: Path) -> np.ndarray:
    path = tmp_path / "x.mp3"
    path.write_bytes(data)
    run = subprocess.run(
        ["ffmpeg", "-v", "error", "-i", str(path), "-f", "s16le", "-"],
        capture_output=True,
        check=True,
    )
    return np.frombuffer(run.stdout, dtype=np.int16)


@pytest.fixture(scope="module")
def timeline() -> tuple[np.ndarray, list[int]]:
    # Three stretches of sound with pauses between them; the cuts fall in the pauses, on frames.
    audio = np.concatenate(
        [tone(1.2), silence(1.0), tone(1.7, 440), silence(1.3), tone(1.01, 220), silence(0.4)]
    )
    cuts = [0, (int(1.7 * RATE)) // FRAME * FRAME, int(4.55 * RATE) // FRAME * FRAME, len(audio)]
    return audio, cuts


def pieces_of(audio: np.ndarray, cuts: list[int]) -> list[bytes]:
    pieces = []
    for index, (start, end) in enumerate(zip(cuts, cuts[1:], strict=False)):
        frames = mp3frames.encode_piece(audio[start:end], RATE)
        last = index == len(cuts) - 2
        pieces.append(mp3frames.keep_frames(frames, None if last else (end - start) // FRAME))
    return pieces


def test_joined_pieces_decode_to_the_whole_encode(timeline, tmp_path):
    audio, cuts = timeline
    joined = decode(mp3frames.join(pieces_of(audio, cuts), len(audio)), tmp_path)
    whole = decode(mp3frames.join([mp3frames.encode_piece(audio, RATE)], len(audio)), tmp_path)
    assert len(joined) == len(whole) == len(audio)
    assert np.array_equal(joined, whole)
    # ...and both are the audio on the same timeline: no lag between them.
    said, given = joined.astype(np.float64), audio.astype(np.float64)
    lags = range(-40, 41)
    match = [float(np.dot(said[100 + lag : -100 + lag], given[100:-100])) for lag in lags]
    assert lags[int(np.argmax(match))] == 0
    for cut in cuts[1:-1]:  # nothing at the joins: they lie in silence
        assert np.abs(joined[cut - 2000 : cut + 2000]).max() == 0


def test_info_frame_counts_and_crcs(timeline):
    from fastcrc import crc16

    audio, cuts = timeline
    pieces = pieces_of(audio, cuts)
    data = mp3frames.join(pieces, len(audio))
    _, frames = mp3frames.frames(b"".join(pieces))
    info = data[: len(data) - sum(len(p) for p in pieces)]
    tag = 4 + 9  # MPEG-2 mono: 9 bytes of side information
    assert info[tag : tag + 4] == b"Info"
    flags, count, size = struct.unpack_from(">III", info, tag + 4)
    assert (flags, count, size) == (0x0F, len(frames), len(data))
    lame = tag + 120
    delay_padding = int.from_bytes(info[lame + 21 : lame + 24], "big")
    delay, padding = delay_padding >> 12, delay_padding & 0xFFF
    assert delay == mp3frames.encoder_delay(RATE) == 576
    assert count * FRAME == delay + len(audio) + padding
    assert struct.unpack_from(">I", info, lame + 28)[0] == len(data)
    assert struct.unpack_from(">H", info, lame + 32)[0] == crc16.arc(data[len(info) :])
    zeroed = bytearray(info[:190])
    zeroed[lame + 34 : lame + 36] = b"\0\0"
    assert struct.unpack_from(">H", info, lame + 34)[0] == crc16.arc(bytes(zeroed))


def test_pieces_that_do_not_cover_the_timeline_are_refused(timeline):
    audio, cuts = timeline
    pieces = pieces_of(audio, cuts)
    with pytest.raises(AudioError, match="does not cover"):
        mp3frames.join(pieces[:-1], len(audio))


def test_a_stream_that_is_not_mp3_is_refused():
    with pytest.raises(AudioError, match="not an MPEG layer III frame"):
        mp3frames.frames(b"RIFF....WAVEfmt ")


def test_a_stretch_cut_from_the_joined_file_decodes_to_the_same_samples(timeline, tmp_path):
    audio, cuts = timeline
    whole = mp3frames.join(pieces_of(audio, cuts), len(audio))
    decoded = decode(whole, tmp_path)
    start, end = 2 * RATE // FRAME * FRAME, int(4.0 * RATE)  # a frame boundary in a pause
    stretch = decode(mp3frames.cut(whole, start, end), tmp_path)
    assert len(stretch) == end - start
    assert np.array_equal(stretch, decoded[start:end])
    assert np.abs(stretch).max() > 1000  # the second tone is in it
    with pytest.raises(AudioError, match="frame grid"):
        mp3frames.cut(whole, start + 1, end)


def test_lame_and_ffmpeg_make_the_same_piece(timeline, monkeypatch):
    """The fast tools are the same codec: a machine with only ffmpeg makes the same edition."""
    import shutil

    audio, _ = timeline
    if shutil.which("lame") is None or shutil.which("mpg123") is None:
        pytest.skip("lame and mpg123 are not installed (make setup installs them)")
    fast = mp3frames.encode_piece(audio, RATE)
    fast_decoded = mp3frames.decode_piece(fast, RATE)
    real_which = shutil.which
    monkeypatch.setattr(
        mp3frames.shutil, "which", lambda n: None if n in ("lame", "mpg123") else real_which(n)
    )
    slow = mp3frames.encode_piece(audio, RATE)
    slow_decoded = mp3frames.decode_piece(slow, RATE)
    assert len(fast) > 1000 and fast == slow
    assert fast_decoded.shape == slow_decoded.shape
    assert np.abs(fast_decoded).max() > 0.1
    assert np.abs(fast_decoded - slow_decoded).max() < 1e-5


def _walked(data: bytes) -> list[int]:
    """Frame offsets found header by header."""
    offsets, offset = [], 0
    while offset < len(data):
        offsets.append(offset)
        offset += mp3frames._header(data, offset)[1]
    return offsets


def test_frame_offsets_of_an_unpadded_stream_and_of_a_padded_one(timeline):
    audio, cuts = timeline
    stream = b"".join(pieces_of(audio, cuts))
    # 64 kb/s at 24 kHz: every frame 192 bytes, found at once
    assert mp3frames._frame_offsets(stream) == _walked(stream) == list(range(0, len(stream), 192))
    # At 44.1 kHz frames are padded now and then: found one by one, and the same way.
    padded = subprocess.run(
        ["lame", "--quiet", "-r", "-s", "44.1", "-m", "m", "--bitwidth", "16", "--signed",
         "--little-endian", "-b", "64", "--cbr", "-t", "--nores", "-", "-"],
        input=np.tile(tone(0.5), 4).tobytes(),
        capture_output=True,
        check=True,
    ).stdout  # fmt: skip
    assert len(set(np.diff(_walked(padded)))) == 2
    assert mp3frames._frame_offsets(padded) == _walked(padded)
