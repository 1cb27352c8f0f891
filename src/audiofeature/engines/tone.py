"""A deterministic synthetic engine for tests: each syllable is a short tone, no model needed.

Its pitch contour follows the tone digit, so tests can tell readings apart in the audio.
"""

from __future__ import annotations

from typing import ClassVar

import numpy as np

from audiofeature.engines.base import Clip, SpeechRequest, Voice, parse_rate, register
from audiofeature.engines.pinyin_input import pinyin_line

SAMPLE_RATE = 16000
SYLLABLE_MS = 60
BREAK_MS = {",": 60, ".": 120}
TONE_HZ = {"1": (260, 260), "2": (200, 280), "3": (200, 170), "4": (300, 180), "5": (220, 220)}


@register
class ToneEngine:
    name: ClassVar[str] = "tone"
    input_kind: ClassVar[str] = "pinyin"
    model_version: ClassVar[str] = "tone/1"
    default_voice: ClassVar[str] = "beep"
    default_figure_voice: ClassVar[str] = "boop"
    surface_tones: ClassVar[bool] = False  # tests read the script's readings back from it

    def prepare(self) -> None:
        pass

    def voices(self) -> list[Voice]:
        return [
            Voice("beep", "a tone per syllable, for tests"),
            Voice("boop", "the same, an octave lower"),
        ]

    def engine_input(self, request: SpeechRequest) -> str:
        return pinyin_line(request.text, request.readings)

    def synthesize(self, request: SpeechRequest) -> Clip:
        factor = parse_rate(request.rate)
        octave = 0.5 if request.voice == "boop" else 1.0
        pieces: list[np.ndarray] = []
        for token in self.engine_input(request).split():
            if token in BREAK_MS:
                pieces.append(np.zeros(int(SAMPLE_RATE * BREAK_MS[token] / 1000 / factor)))
                continue
            start, end = TONE_HZ.get(token[-1], TONE_HZ["5"])
            count = int(SAMPLE_RATE * SYLLABLE_MS / 1000 / factor)
            freq = np.linspace(start, end, count) * octave
            phase = 2 * np.pi * np.cumsum(freq) / SAMPLE_RATE
            envelope = np.minimum(1, np.minimum(np.arange(count), np.arange(count)[::-1]) / 80)
            pieces.append(0.3 * np.sin(phase) * envelope)
        audio = np.concatenate(pieces) if pieces else np.zeros(SAMPLE_RATE // 10)
        return Clip((audio * 32767).astype(np.int16), SAMPLE_RATE)
