"""Stage 4: clips and pauses on one timeline; chapter and cue times read off that timeline.

Every clip is padded to a whole millisecond at one sample rate, so the times written to the
MP3's chapters and to script.json are exact integers taken from the assembled audio.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from audiofeature.engines import Clip
from audiofeature.script import Chapter, Script, Utterance

EDITION_RATE = 24000
SAMPLES_PER_MS = EDITION_RATE // 1000
# Every chapter, and every piece the mastering cuts the edition into, starts on this grid (one
# MP3 frame, 576 samples), lengthening the pause before it by less than the grid: a piece's
# audio is then the same samples on the same frame boundaries wherever it falls, so what was
# levelled and encoded for it once is reused (publish/mastering).
CHAPTER_GRID_MS = 24
# A piece starts at a chapter, or at a paragraph once this much text has been said since the
# last piece began (about 12 s; paragraphs are mostly longer, so most start one): a one-word fix
# re-masters a paragraph or two, not its chapter. Counted in written characters, so a reading
# fix never moves a cut.
PIECE_MIN_CHARS = 60
# The pause before a piece must hold its cut: mastering's lead and margin (600 + 150 ms).
PIECE_MIN_PAUSE_MS = 750


def piece_starts(script: Script) -> frozenset[str]:
    """The utterances that begin a piece of the edition's audio (the first one aside)."""
    starts: set[str] = set()
    said = 0
    previous: Utterance | None = None
    for chapter in script.chapters:
        for index, utterance in enumerate(chapter.utterances):
            if previous is not None and (
                index == 0
                or (previous.pause_after_ms >= PIECE_MIN_PAUSE_MS and said >= PIECE_MIN_CHARS)
            ):
                starts.add(utterance.id)
                said = 0
            said += len(utterance.spoken)
            previous = utterance
    return frozenset(starts)


@dataclass(frozen=True)
class Timed:
    start_ms: int
    end_ms: int


@dataclass(frozen=True)
class Edition:
    script: Script
    audio: Clip
    utterance_times: tuple[Timed, ...]  # in script order
    chapter_times: tuple[Timed, ...]

    @property
    def duration_ms(self) -> int:
        return len(self.audio.samples) // SAMPLES_PER_MS

    def timed_chapters(self) -> list[tuple[Chapter, Timed]]:
        return list(zip(self.script.chapters, self.chapter_times, strict=True))

    def timed_utterances(self) -> list[tuple[Utterance, Timed]]:
        return list(zip(self.script.utterances, self.utterance_times, strict=True))


def resample(clip: Clip, rate: int) -> Clip:
    if clip.sample_rate == rate:
        return clip
    from pydub import AudioSegment  # imported when needed: the local voice speaks at 24 kHz

    segment = AudioSegment(
        clip.samples.tobytes(), frame_rate=clip.sample_rate, sample_width=2, channels=1
    )
    converted = segment.set_frame_rate(rate)
    return Clip(np.frombuffer(converted.raw_data, dtype=np.int16), rate)


def assemble(script: Script, clips: Sequence[Clip]) -> Edition:
    utterances = script.utterances
    if len(clips) != len(utterances):
        raise ValueError(f"{len(clips)} clips for {len(utterances)} utterances")
    starts = piece_starts(script)
    before_a_piece = {
        before.id
        for before, after in zip(utterances, utterances[1:], strict=False)
        if after.id in starts
    }
    voiced = [resample(clip, EDITION_RATE).samples for clip in clips]
    times: list[Timed] = []
    pauses: dict[str, int] = {}
    cursor_ms = 0
    for utterance, samples in zip(utterances, voiced, strict=True):
        whole_ms = -(-len(samples) // SAMPLES_PER_MS)
        times.append(Timed(cursor_ms, cursor_ms + whole_ms))
        cursor_ms += whole_ms
        pause = utterance.pause_after_ms
        if utterance.id in before_a_piece:
            pause += -(cursor_ms + pause) % CHAPTER_GRID_MS
        pauses[utterance.id] = pause
        cursor_ms += pause
    # Laid out in one array of silence: no padded copy of each clip, no second copy to join.
    samples = np.zeros(cursor_ms * SAMPLES_PER_MS, dtype=np.int16)
    for timed, voice in zip(times, voiced, strict=True):
        start = timed.start_ms * SAMPLES_PER_MS
        samples[start : start + len(voice)] = voice
    audio = Clip(samples, EDITION_RATE)
    # The script records the pauses as they are in the audio.
    script = dataclasses.replace(
        script,
        chapters=tuple(
            dataclasses.replace(
                chapter,
                utterances=tuple(
                    dataclasses.replace(u, pause_after_ms=pauses[u.id]) for u in chapter.utterances
                ),
            )
            for chapter in script.chapters
        ),
    )
    by_id = {u.id: t for u, t in zip(utterances, times, strict=True)}
    starts = [
        0 if i == 0 else by_id[c.utterances[0].id].start_ms for i, c in enumerate(script.chapters)
    ]
    ends = starts[1:] + [cursor_ms]
    chapter_times = tuple(Timed(s, e) for s, e in zip(starts, ends, strict=True))
    return Edition(script, audio, tuple(times), chapter_times)
