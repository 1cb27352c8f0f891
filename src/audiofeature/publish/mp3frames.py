"""MP3 pieces encoded apart and joined frame-accurately into one gapless file.

A rebuild that changes one chapter should re-encode one chapter. LAME, with its bit reservoir
off, makes frames that each carry their own data, and a frame of a piece encoded from the
timeline's sample `start` (a multiple of the frame length) decodes exactly where the same frame
of a whole-file encode would: the encoder's delay lines up. Pieces are cut in the middle of
silent pauses, so the few frames around a join encode silence on both sides and the decoder's
overlap carries nothing audible across it.

The joined file needs one Xing/LAME "Info" frame in front: its frame count, byte count, seek
table and the encoder delay and padding that a gapless decoder trims. No library writes one for
frames joined by hand (ffmpeg's muxer writes it only for a stream it encoded itself), so it is
built here from the one ffmpeg writes for a short encode, with the counts, the padding and both
CRCs set for the joined file (LAME tag format, rev. 1: http://gabriel.mp3-tech.org/mp3infotag.html).
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
import shutil
import struct
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from audiofeature.cachefiles import cache_folder, write_whole
from audiofeature.errors import AudioError

BITRATE = "64k"  # mono speech: transparent at 64 kb/s
# LAME's quality levels 0-3 (ffmpeg's default is 3) add noise shaping that, on the short
# high-frequency bursts a neural vocoder makes, decodes up to 10 dB above the PCM it was given:
# clicks, and true peaks far over the ceiling. Level 5 (LAME's long-time default) does not.
LAME_QUALITY = "5"
DECODER_DELAY = 529  # samples every MP3 decoder adds (the polyphase filterbank), per LAME

_BITRATES_KBPS = {
    # (MPEG version is 1, layer III): index → kb/s
    True: (0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320),
    False: (0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160),
}
_RATES = {3: (44100, 48000, 32000), 2: (22050, 24000, 16000), 0: (11025, 12000, 8000)}


@dataclass(frozen=True)
class FrameFormat:
    sample_rate: int
    samples_per_frame: int
    side_info_bytes: int


def _header(data: bytes, offset: int) -> tuple[FrameFormat, int]:
    """The format and the byte length of the Layer III frame at offset."""
    (word,) = struct.unpack_from(">I", data, offset)
    version = (word >> 19) & 3
    if word >> 21 != 0x7FF or version == 1 or (word >> 17) & 3 != 1:
        raise AudioError(f"not an MPEG layer III frame at byte {offset}")
    mpeg1 = version == 3
    bitrate = _BITRATES_KBPS[mpeg1][(word >> 12) & 15] * 1000
    rate = _RATES[version][(word >> 10) & 3]
    padding = (word >> 9) & 1
    mono = (word >> 6) & 3 == 3
    per_frame = 1152 if mpeg1 else 576
    length = (144 if mpeg1 else 72) * bitrate // rate + padding
    side = (17 if mono else 32) if mpeg1 else (9 if mono else 17)
    return FrameFormat(rate, per_frame, side), length


def _frame_offsets(data: bytes) -> list[int]:
    """Where each frame starts. A stream has few distinct headers (one bitrate, two padding
    bits), so each is decoded once: a 14-minute edition has 34,000 frames."""
    if len(data) >= 4:
        # A constant bitrate that divides evenly (64 kb/s at 24 kHz: 192 bytes) never pads:
        # every frame has the first one's header and length, checked at once.
        length = _header(data, 0)[1]
        if len(data) % length == 0:
            headers = np.frombuffer(data, dtype=np.uint8).reshape(-1, length)[:, :4]
            if (headers == headers[0]).all():
                return list(range(0, len(data), length))
    lengths: dict[bytes, int] = {}
    offsets: list[int] = []
    offset = 0
    while offset < len(data):
        word = data[offset : offset + 4]
        length = lengths.get(word)
        if length is None:
            length = lengths[word] = _header(data, offset)[1]
        offsets.append(offset)
        offset += length
    return offsets


def frames(data: bytes) -> tuple[FrameFormat, list[bytes]]:
    """Split a bare MP3 stream (no tags, no Info frame) into its frames."""
    found: list[bytes] = []
    offset = 0
    first: FrameFormat | None = None
    while offset < len(data):
        form, length = _header(data, offset)
        first = first or form
        found.append(data[offset : offset + length])
        offset += length
    if first is None:
        raise AudioError("the encoder made no MP3 frames")
    return first, found


def run_ffmpeg(command: list[str], stdin: bytes = b"") -> subprocess.CompletedProcess[bytes]:
    """ffmpeg (or ffprobe) run to the end, output captured; one clear error when it is missing."""
    try:
        return subprocess.run(command, input=stdin, capture_output=True, check=False)
    except FileNotFoundError as exc:
        raise AudioError(
            "ffmpeg is not installed: run `make setup` or apt-get install ffmpeg"
        ) from exc


def _run_ffmpeg(command: list[str], pcm: bytes) -> bytes:
    run = run_ffmpeg(command, pcm)
    if run.returncode != 0:
        raise AudioError(
            f"ffmpeg could not encode the MP3: {run.stderr.decode(errors='replace').strip()}"
        )
    return run.stdout


def _encoder_args(rate: int) -> list[str]:
    return [
        "ffmpeg", "-v", "error", "-nostdin", "-f", "s16le", "-ar", str(rate), "-ac", "1",
        "-i", "pipe:0", "-c:a", "libmp3lame", "-b:a", BITRATE,
        "-compression_level", LAME_QUALITY, "-reservoir", "0",
        "-id3v2_version", "0", "-write_id3v1", "0",
    ]  # fmt: skip


def encode_piece(samples: np.ndarray, rate: int) -> bytes:
    """Bare frames for int16 mono samples: no Info frame, no tags, no bit reservoir.

    The lame command is the same LAME library ffmpeg's libmp3lame drives, with the same
    settings, and makes the same bytes (tests/test_mp3frames.py checks); it starts in 7 ms
    where ffmpeg takes 80, which counts when an edition is cut into dozens of pieces. Its
    ReplayGain analysis is off: it fills only the LAME tag, which pieces do not carry, and it
    took two thirds of the encoding time (6 of 9 CPU-s for the seed).
    """
    if shutil.which("lame") is None:
        return _run_ffmpeg(
            [*_encoder_args(rate), "-write_xing", "0", "-f", "mp3", "pipe:1"], samples.tobytes()
        )
    command = [
        "lame", "--quiet", "-r", "-s", f"{rate / 1000:g}", "--bitwidth", "16", "--signed",
        "--little-endian", "-m", "m", "-b", BITRATE.removesuffix("k"), "-q", LAME_QUALITY,
        "--nores", "-t", "--noreplaygain", "-", "-",
    ]  # fmt: skip
    run = subprocess.run(command, input=samples.tobytes(), capture_output=True, check=False)
    if run.returncode != 0:
        raise AudioError(f"lame could not encode the MP3: {run.stderr.decode(errors='replace')}")
    return run.stdout


def decode_piece(frames: bytes, rate: int) -> np.ndarray:
    """float32 samples of bare MP3 frames, the decoder's delay left in (as ffmpeg leaves it).

    mpg123 where it is installed: it starts in 2 ms where ffmpeg takes 80, and its samples
    are ffmpeg's to 2e-6 (both are float decoders of the same standard)."""
    if shutil.which("mpg123") is not None:
        command = ["mpg123", "--quiet", "--encoding", "f32", "--stdout", "-"]
        run = subprocess.run(command, input=frames, capture_output=True, check=False)
        tool = "mpg123"
    else:
        command = ["ffmpeg", "-v", "error", "-nostdin", "-f", "mp3", "-i", "pipe:0"]
        command += ["-f", "f32le", "-ac", "1", "-ar", str(rate), "pipe:1"]
        run = run_ffmpeg(command, frames)
        tool = "ffmpeg"
    if run.returncode != 0:
        raise AudioError(
            f"{tool} could not decode an encoded piece: {run.stderr.decode(errors='replace')}"
        )
    return np.frombuffer(run.stdout, dtype=np.float32)


def _ffmpeg_template(rate: int) -> bytes:
    """The first frame of a short MP3 ffmpeg writes: its Info frame. Kept in the user cache
    under the ffmpeg binary's size and time, so a rebuild does not start ffmpeg just for it."""
    args = [*_encoder_args(rate), "-y"]
    binary = shutil.which("ffmpeg")
    stamp = os.stat(binary) if binary else None
    material = json.dumps([args, binary, stamp and [stamp.st_size, stamp.st_mtime_ns]])
    kept = cache_folder() / "mp3" / f"info-{hashlib.sha256(material.encode()).hexdigest()[:24]}"
    with contextlib.suppress(OSError):
        return kept.read_bytes()
    with tempfile.TemporaryDirectory() as scratch:
        path = Path(scratch) / "template.mp3"
        _run_ffmpeg([*args, str(path)], bytes(2 * rate // 10))
        data = path.read_bytes()
    frame = data[: _header(data, 0)[1]]
    with contextlib.suppress(OSError):  # no writable cache: the next build asks ffmpeg again
        write_whole(kept, frame)
    return frame


@functools.cache
def _info_template(rate: int) -> tuple[bytes, int]:
    """The Info frame ffmpeg writes, and the encoder delay its LAME tag states."""
    data = _ffmpeg_template(rate)
    form, length = _header(data, 0)
    frame = data[:length]
    tag = 4 + form.side_info_bytes
    if frame[tag : tag + 4] not in (b"Info", b"Xing"):
        raise AudioError("ffmpeg wrote no Info frame to build the joined MP3's from")
    delay = int.from_bytes(frame[tag + 141 : tag + 144], "big") >> 12
    return frame, delay


def _crc16(data: bytes) -> int:
    from fastcrc import crc16  # CRC-16/ARC, as the LAME tag's CRCs are

    return crc16.arc(data)


def join(pieces: list[bytes], total_samples: int) -> bytes:
    """One gapless MP3 from pieces whose frames tile the timeline, with its Info frame.

    The frames decode, after the decoder trims the stated delay and padding, to exactly
    `total_samples` samples.
    """
    form, _ = frames(pieces[0][:4096]) if pieces and pieces[0] else (None, [])
    if form is None:
        raise AudioError("nothing to join into an MP3")
    audio = b"".join(pieces)
    positions = _frame_offsets(audio)
    count = len(positions)
    template, delay = _info_template(form.sample_rate)
    padding = count * form.samples_per_frame - delay - total_samples
    if not 0 <= padding < 4096:
        raise AudioError(f"the joined MP3 does not cover the edition ({padding} samples over)")
    frame = bytearray(template)
    tag = 4 + form.side_info_bytes
    size = len(frame) + len(audio)
    struct.pack_into(">III", frame, tag + 4, 0x0F, count, size)
    # Seek table: at i % of the duration, the byte position as a fraction of the file (/256).
    toc = bytes(
        min(255, 256 * (len(frame) + positions[i * count // 100]) // size) for i in range(100)
    )
    frame[tag + 16 : tag + 116] = toc
    lame = tag + 120  # the LAME tag follows the quality indicator
    frame[lame + 21 : lame + 24] = ((delay << 12) | padding).to_bytes(3, "big")
    struct.pack_into(">I", frame, lame + 28, size)
    struct.pack_into(">H", frame, lame + 32, _crc16(audio))
    # The tag's own CRC covers the frame's first 190 bytes, itself counted as zero (as LAME
    # and ffmpeg compute it; for MPEG-1 the field sits just past those 190 bytes).
    struct.pack_into(">H", frame, lame + 34, 0)
    struct.pack_into(">H", frame, lame + 34, _crc16(bytes(frame[:190])))
    return bytes(frame) + audio


def cut(mp3: bytes, start: int, end: int) -> bytes:
    """A gapless MP3 of samples start..end of a joined MP3, its frames copied, not re-encoded.

    `start` must lie on the frame grid with silence before it (a chapter start: the edition
    puts chapters there), so the copied frames decode to the very samples the whole file holds.
    """
    form, _ = _header(mp3, 0)
    per_frame = form.samples_per_frame
    if start % per_frame:
        raise AudioError(f"sample {start} is not on the MP3 frame grid ({per_frame} samples)")
    _, found = frames(mp3[len(_info_frame(mp3)) :])
    delay = encoder_delay(form.sample_rate) + DECODER_DELAY
    first = start // per_frame
    last = min(len(found), -(-(end + delay) // per_frame))
    return join([b"".join(found[first:last])], end - start)


def _info_frame(mp3: bytes) -> bytes:
    form, length = _header(mp3, 0)
    tag = 4 + form.side_info_bytes
    return mp3[:length] if mp3[tag : tag + 4] in (b"Info", b"Xing") else b""


def keep_frames(piece: bytes, count: int | None) -> bytes:
    """The first `count` frames of a piece (all when None): a piece ends where the next begins."""
    _, found = frames(piece)
    if count is not None:
        if len(found) < count:
            raise AudioError(f"the encoder made {len(found)} frames where {count} were needed")
        found = found[:count]
    return b"".join(found)


def encoder_delay(rate: int) -> int:
    """Samples of silence LAME puts in front of what it was given (576 at 24 kHz)."""
    return _info_template(rate)[1]


def samples_per_frame(rate: int) -> int:
    return 1152 if rate >= 32000 else 576
