"""The edge engine against a stand-in for its network layer: no test reaches the service."""

from __future__ import annotations

import edge_tts
import numpy as np
import pytest
from edge_tts.exceptions import NoAudioReceived

from audiofeature.engines import SpeechRequest
from audiofeature.engines.base import GaveUp
from audiofeature.engines.edge import MAX_CONCURRENT, EdgeEngine
from audiofeature.errors import EngineError
from audiofeature.speech import ClipCache, speak_all
from edge_service import Service, forbidden, tone_mp3


@pytest.fixture(scope="module")
def mp3() -> bytes:
    return tone_mp3()


@pytest.fixture
def sleeps() -> list[float]:
    return []


@pytest.fixture
def engine(sleeps) -> EdgeEngine:
    return EdgeEngine(sleep=sleeps.append, attempts=4, backoff_s=1.0)


def request(text: str = "新闻联播", voice: str = "zh-CN-YunyangNeural") -> SpeechRequest:
    return SpeechRequest(text, tuple("x1" for _ in text), voice, "+10%")


def test_speaks_and_decodes_mp3(monkeypatch, engine, mp3):
    service = Service(mp3).install(monkeypatch)
    clip = engine.synthesize(request())
    assert clip.sample_rate == 24000
    assert 350 < clip.duration_ms < 500  # 400 ms of tone, plus MP3 padding
    assert np.abs(clip.samples).max() > 1000
    assert service.calls == [
        ("新闻联播", "Microsoft Server Speech Text to Speech Voice (zh-CN, YunyangNeural)", "+10%")
    ]


@pytest.mark.parametrize(
    "failure",
    [forbidden(), NoAudioReceived("No audio was received."), TimeoutError()],
    ids=["403", "no-audio", "timeout"],
)
def test_retries_with_exponential_backoff(monkeypatch, engine, sleeps, mp3, failure):
    service = Service(mp3, [failure, failure]).install(monkeypatch)
    clip = engine.synthesize(request())
    assert clip.duration_ms > 0
    assert len(service.calls) == 3
    assert len(sleeps) == 2
    # Jitter keeps each wait within [half, whole] of 1 s, 2 s, …
    assert 0.5 <= sleeps[0] <= 1.0 and 1.0 <= sleeps[1] <= 2.0


def test_gives_up_after_the_last_try(monkeypatch, engine, sleeps, mp3):
    Service(mp3, [forbidden()] * 10).install(monkeypatch)
    with pytest.raises(GaveUp, match="gave up after 4 tries.*HTTP 403"):
        engine.synthesize(request())
    assert len(sleeps) == 3


def test_offline_fails_at_once(engine, sleeps):
    # conftest's stand-in makes the network unreachable
    with pytest.raises(EngineError, match="needs the network"):
        engine.synthesize(request())
    assert sleeps == []


def test_voices_offline_say_so(engine):
    with pytest.raises(EngineError, match="offline"):
        engine.voices()


def test_voices_online_lists_chinese_ones(monkeypatch, engine):
    async def listed():
        return [
            {"ShortName": "zh-CN-YunyangNeural", "Locale": "zh-CN", "Gender": "Male"},
            {"ShortName": "en-US-AriaNeural", "Locale": "en-US", "Gender": "Female"},
        ]

    monkeypatch.setattr(edge_tts, "list_voices", listed)
    assert [v.name for v in engine.voices()] == ["zh-CN-YunyangNeural"]


def test_concurrency_is_bounded(monkeypatch, engine, mp3):
    service = Service(mp3).install(monkeypatch)
    service.delay_s = 0.05
    requests = [request(f"第{i}句") for i in range(12)]
    spoken = speak_all(engine, requests, None, jobs=12, progress=False)
    assert len(spoken.clips) == 12
    assert service.most_active <= MAX_CONCURRENT


def test_giving_up_stops_the_run_and_keeps_what_was_spoken(monkeypatch, tmp_path, mp3, sleeps):
    engine = EdgeEngine(sleep=sleeps.append, attempts=2, backoff_s=0.0)
    requests = [request(f"第{i}句") for i in range(8)]
    cache = ClipCache(tmp_path)
    # Three utterances go through, then the service refuses everything.
    Service(mp3, [None, None, None] + [forbidden()] * 100).install(monkeypatch)
    with pytest.raises(EngineError, match=r"5 of 8 utterances are missing.*run again to resume"):
        speak_all(engine, requests, cache, jobs=1, progress=False)

    service = Service(mp3).install(monkeypatch)
    spoken = speak_all(engine, requests, cache, jobs=1, progress=False)
    assert (spoken.synthesized, spoken.cached) == (5, 3)
    assert len(service.calls) == 5


def test_text_is_respelled_for_the_audio(monkeypatch, engine, mp3):
    import audiofeature.engines.edge as edge

    monkeypatch.setattr(edge, "respell", lambda text, readings: text.replace("曾", "增"))
    service = Service(mp3).install(monkeypatch)
    engine.synthesize(request("曾少石"))
    assert service.calls[0][0] == "增少石"
    assert engine.engine_input(request("曾少石")) == "增少石"


def test_overridden_reading_reaches_the_service_as_a_homophone(engine):
    got = engine.engine_input(request_with("曾少石说", "zeng1 shao3 shi2 shuo1"))
    assert got[1:] == "少石说" and got[0] != "曾"


def request_with(text: str, readings: str) -> SpeechRequest:
    return SpeechRequest(text, tuple(readings.split()), "zh-CN-YunyangNeural")


def test_offline_stops_the_run_at_the_first_utterance(engine, tmp_path):
    requests = [request(f"第{i}句") for i in range(20)]
    with pytest.raises(EngineError, match=r"utterances are missing.*needs the network"):
        speak_all(engine, requests, ClipCache(tmp_path), jobs=1, progress=False)
