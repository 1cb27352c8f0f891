"""espeak-ng with its pinyin voice: tiny, fast, robotic. Our readings are spoken as given."""

from __future__ import annotations

import io
import shutil
import subprocess
import wave
from typing import ClassVar

import numpy as np

from audiofeature.engines.base import Clip, SpeechRequest, Voice, parse_rate, register
from audiofeature.engines.pinyin_input import pinyin_line
from audiofeature.errors import EngineError

BASE_WORDS_PER_MINUTE = 165


@register
class EspeakEngine:
    name: ClassVar[str] = "espeak"
    input_kind: ClassVar[str] = "pinyin"
    model_version: ClassVar[str] = "espeak-ng/cmn-latn-pinyin/1"
    default_voice: ClassVar[str] = "cmn-latn-pinyin"
    default_figure_voice: ClassVar[str] = "cmn-latn-pinyin"
    surface_tones: ClassVar[bool] = True  # it says each tone digit as given, no sandhi of its own

    def __init__(self) -> None:
        self.binary = shutil.which("espeak-ng")

    def prepare(self) -> None:
        if self.binary is None:
            raise EngineError(
                "espeak-ng is not installed: run `make setup` or apt-get install espeak-ng"
            )

    def voices(self) -> list[Voice]:
        return [Voice("cmn-latn-pinyin", "Mandarin, reads tone-numbered pinyin (robotic, offline)")]

    def engine_input(self, request: SpeechRequest) -> str:
        return pinyin_line(request.text, request.readings)

    def synthesize(self, request: SpeechRequest) -> Clip:
        if self.binary is None:
            raise EngineError(
                "espeak-ng is not installed: run `make setup` or apt-get install espeak-ng"
            )
        if request.voice != self.default_voice:
            raise EngineError(
                f"espeak has no voice {request.voice!r} (it has {self.default_voice})"
            )
        speed = round(BASE_WORDS_PER_MINUTE * parse_rate(request.rate))
        line = self.engine_input(request) or "."
        result = subprocess.run(
            [self.binary, "-v", self.default_voice, "-s", str(speed), "--stdout", "--", line],
            capture_output=True,
            check=False,
        )
        if result.returncode != 0:
            raise EngineError(f"espeak-ng failed: {result.stderr.decode(errors='replace').strip()}")
        with wave.open(io.BytesIO(result.stdout)) as wav:
            rate = wav.getframerate()
            frames = wav.readframes(wav.getnframes())
        return Clip(np.frombuffer(frames, dtype=np.int16), rate)
