"""A stand-in for edge-tts' network layer, shared by the edge tests: no test reaches the service."""

from __future__ import annotations

import io
import threading
import time

import aiohttp
import edge_tts
import pytest
from pydub.generators import Sine


def tone_mp3() -> bytes:
    tone = Sine(440).to_audio_segment(duration=400).set_frame_rate(24000).set_channels(1)
    out = io.BytesIO()
    tone.export(out, format="mp3", bitrate="48k")
    return out.getvalue()


def forbidden() -> aiohttp.ClientResponseError:
    return aiohttp.ClientResponseError(None, (), status=403, message="Forbidden")  # type: ignore[arg-type]


def unreachable() -> aiohttp.ClientConnectorError:
    """What aiohttp raises when the machine has no route to the service."""
    return aiohttp.ClientConnectorError(
        aiohttp.client_reqrep.ConnectionKey(
            "speech.platform.bing.com", 443, True, True, None, None, None
        ),
        OSError(-3, "Temporary failure in name resolution"),
    )


class Service:
    """Plays the service: each call to Communicate.stream takes the next scripted outcome
    (an exception to raise, or None for a clip); past the script, every call succeeds."""

    def __init__(self, mp3: bytes, script: list[BaseException | None] | None = None) -> None:
        self.mp3 = mp3
        self.script = list(script or [])
        self.calls: list[tuple[str, str, str]] = []
        self.active = 0
        self.most_active = 0
        self.lock = threading.Lock()
        self.delay_s = 0.0

    def install(self, monkeypatch: pytest.MonkeyPatch) -> Service:
        service = self

        async def stream(communicate):
            with service.lock:
                text = b"".join(communicate.texts).decode()
                config = communicate.tts_config
                service.calls.append((text, config.voice, config.rate))
                outcome = service.script.pop(0) if service.script else None
                service.active += 1
                service.most_active = max(service.most_active, service.active)
            try:
                if service.delay_s:
                    time.sleep(service.delay_s)  # blocking on purpose: each worker has its loop
                if outcome is not None:
                    raise outcome
                yield {"type": "WordBoundary", "offset": 0.0, "duration": 1.0, "text": text}
                half = len(service.mp3) // 2
                yield {"type": "audio", "data": service.mp3[:half]}
                yield {"type": "audio", "data": service.mp3[half:]}
            finally:
                with service.lock:
                    service.active -= 1

        monkeypatch.setattr(edge_tts.Communicate, "stream", stream)
        return self
