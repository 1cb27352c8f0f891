"""Microsoft's online neural voices through edge-tts: natural, but only while the machine is online.

The service refuses custom SSML (no phoneme tags), so a reading we want that differs from what it
would say is respelled with a homophone character, for the audio only. It fails now and then
(403, "No audio was received", timeouts, rate limits): each utterance is retried with exponential
backoff, and concurrency is bounded so we do not provoke the rate limit ourselves.
"""

from __future__ import annotations

import io
import random
import threading
import time
from collections.abc import Callable, Sequence
from typing import ClassVar

import numpy as np

from audiofeature.engines.base import Clip, GaveUp, SpeechRequest, Voice, parse_rate, register
from audiofeature.errors import AudioError, EngineError

MAX_CONCURRENT = 4  # connections at once, whatever --jobs says
ATTEMPTS = 6
BACKOFF_S = 1.0  # first wait; doubles each try, with jitter
BACKOFF_MAX_S = 30.0
CONNECT_TIMEOUT_S = 10
RECEIVE_TIMEOUT_S = 60
LIST_TIMEOUT_S = 4.0  # `audiofeature voices` must answer quickly when offline
OFFLINE_HINT = "the edge engine needs the network (use --engine local offline)"


def respell(text: str, readings: Sequence[str]) -> str:
    """The text the service is given: readings it would get wrong respelled with homophones."""
    from audiofeature.pronounce import respell_for_text_engine

    return respell_for_text_engine(text, readings)


def _retryable(exc: BaseException) -> bool:
    import aiohttp
    from edge_tts.exceptions import NoAudioReceived, WebSocketError

    if isinstance(exc, aiohttp.ClientResponseError):  # includes the websocket handshake
        return exc.status in (403, 408, 429) or exc.status >= 500
    if _offline(exc):
        return False  # no route, no DNS: waiting will not help within one build
    return isinstance(
        exc,
        NoAudioReceived
        | WebSocketError
        | TimeoutError  # asyncio's too, since Python 3.11
        | aiohttp.ClientError,
    )


def _offline(exc: BaseException) -> bool:
    import aiohttp

    return isinstance(exc, aiohttp.ClientConnectorError)


def _describe(exc: BaseException) -> str:
    """One short phrase for a network failure (aiohttp's own messages run to several lines)."""
    import aiohttp

    if isinstance(exc, aiohttp.ClientResponseError):
        return f"HTTP {exc.status}"
    if isinstance(exc, aiohttp.ClientConnectorError):
        return f"no connection: {exc.os_error.strerror or exc.os_error}"
    if isinstance(exc, TimeoutError):  # asyncio's too, since Python 3.11
        return "timed out"
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def decode_mp3(data: bytes) -> Clip:
    """MP3 bytes to mono 16-bit PCM, through pydub (ffmpeg)."""
    from pydub import AudioSegment
    from pydub.exceptions import CouldntDecodeError

    try:
        segment = AudioSegment.from_file(io.BytesIO(data), format="mp3")
    except (CouldntDecodeError, IndexError) as exc:
        raise AudioError(f"edge-tts sent audio ffmpeg cannot decode: {exc}") from None
    segment = segment.set_channels(1).set_sample_width(2)
    return Clip(np.frombuffer(segment.raw_data, dtype=np.int16), segment.frame_rate)


@register
class EdgeEngine:
    name: ClassVar[str] = "edge"
    input_kind: ClassVar[str] = "text"
    model_version: ClassVar[str] = "edge-tts/online"
    default_voice: ClassVar[str] = "zh-CN-YunyangNeural"
    default_figure_voice: ClassVar[str] = "zh-CN-XiaoxiaoNeural"
    surface_tones: ClassVar[bool] = False  # it reads text and applies its own sandhi
    # Network-bound, not CPU-bound: more workers than cores pays off.
    default_jobs: ClassVar[int] = MAX_CONCURRENT

    def __init__(
        self,
        sleep: Callable[[float], None] = time.sleep,
        attempts: int = ATTEMPTS,
        backoff_s: float = BACKOFF_S,
    ) -> None:
        self.sleep = sleep
        self.attempts = attempts
        self.backoff_s = backoff_s
        self._slots = threading.BoundedSemaphore(MAX_CONCURRENT)

    def prepare(self) -> None:
        try:
            import edge_tts  # noqa: F401
        except ImportError:
            raise EngineError("edge-tts is not installed: pip install edge-tts") from None

    def voices(self) -> list[Voice]:
        """The service's zh-CN voices (asks it: fails fast, with a clear reason, when offline)."""
        import asyncio  # here, not at the top: an offline build never pays its import

        import edge_tts

        async def fetch() -> list[dict]:
            return await asyncio.wait_for(edge_tts.list_voices(), LIST_TIMEOUT_S)

        try:
            listed = asyncio.run(fetch())
        except Exception as exc:  # any network failure means the same thing to the user
            raise EngineError(
                f"cannot list voices: offline ({_describe(exc)}); {OFFLINE_HINT}"
            ) from None
        return [
            Voice(v["ShortName"], f"{v.get('Gender', '').lower()}, {v.get('FriendlyName', '')}")
            for v in listed
            if v.get("Locale", "").startswith("zh-")
        ]

    def engine_input(self, request: SpeechRequest) -> str:
        return respell(request.text, request.readings)

    def synthesize(self, request: SpeechRequest) -> Clip:
        import asyncio

        parse_rate(request.rate)
        text = self.engine_input(request).strip()
        if not text:
            return Clip(np.zeros(2400, np.int16), 24000)
        last = ""
        for attempt in range(self.attempts):
            if attempt:
                wait = min(BACKOFF_MAX_S, self.backoff_s * 2 ** (attempt - 1))
                self.sleep(wait * (0.5 + random.random() / 2))
            try:
                with self._slots:
                    data = asyncio.run(self._fetch(text, request.voice, request.rate))
            except Exception as exc:
                if _offline(exc):  # no utterance will get through: stop the whole run
                    raise GaveUp(f"edge-tts failed: {_describe(exc)}; {OFFLINE_HINT}") from None
                if not _retryable(exc):
                    raise EngineError(f"edge-tts failed: {_describe(exc)}") from None
                last = _describe(exc)
                continue
            return decode_mp3(data)
        raise GaveUp(f"edge-tts gave up after {self.attempts} tries ({last})")

    async def _fetch(self, text: str, voice: str, rate: str) -> bytes:
        import edge_tts

        communicate = edge_tts.Communicate(
            text,
            voice,
            rate=rate,
            connect_timeout=CONNECT_TIMEOUT_S,
            receive_timeout=RECEIVE_TIMEOUT_S,
        )
        audio = bytearray()
        async for chunk in communicate.stream():
            if chunk["type"] == "audio":
                audio += chunk.get("data", b"")
        return bytes(audio)
