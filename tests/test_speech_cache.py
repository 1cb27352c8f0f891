"""The clip cache and parallel synthesis: hits, misses, atomic writes, an interrupted build resumed."""

from __future__ import annotations

import json
import threading
from pathlib import Path
from typing import ClassVar

import numpy as np
import pytest

from audiofeature.engines import Clip, SpeechRequest, get_engine, register
from audiofeature.engines.tone import ToneEngine
from audiofeature.errors import EngineError
from audiofeature.pipeline import BuildOptions, build
from audiofeature.speech import ClipCache, speak_all

ARTICLE = """\
晨报记者 王小明

# 小城新事

第一句话。第二句话。第三句话。

▲游客在夜市品尝小吃。

第四句话。第五句话。
"""


class Counting(ToneEngine):
    """The tone engine, recording what it was asked to say; it can be told to stop after n."""

    spoken: ClassVar[list[str]] = []
    interrupt_after: ClassVar[int | None] = None
    lock = threading.Lock()

    def synthesize(self, request: SpeechRequest) -> Clip:
        with self.lock:
            if self.interrupt_after is not None and len(self.spoken) >= self.interrupt_after:
                raise KeyboardInterrupt
            self.spoken.append(request.text)
        return super().synthesize(request)


@register
class CountingEngine(Counting):
    name: ClassVar[str] = "counting-tone"


@pytest.fixture
def counting():
    CountingEngine.spoken = []
    CountingEngine.interrupt_after = None
    yield CountingEngine
    CountingEngine.spoken = []
    CountingEngine.interrupt_after = None


def requests(*texts: str, rate: str = "+0%") -> list[SpeechRequest]:
    return [
        SpeechRequest(t, tuple(f"a{1 + i % 4}" for i in range(len(t))), "beep", rate) for t in texts
    ]


def test_second_run_is_all_hits(tmp_path, counting):
    engine, cache = counting(), ClipCache(tmp_path)
    first = speak_all(engine, requests("一二", "三四五"), cache, progress=False)
    second = speak_all(engine, requests("一二", "三四五"), cache, progress=False)
    assert (first.synthesized, first.cached) == (2, 0)
    assert (second.synthesized, second.cached) == (0, 2)
    assert counting.spoken == ["一二", "三四五"] or sorted(counting.spoken) == ["一二", "三四五"]
    for a, b in zip(first.clips, second.clips, strict=True):
        assert np.array_equal(a.samples, b.samples) and a.sample_rate == b.sample_rate


@pytest.mark.parametrize(
    "change",
    [
        lambda r: SpeechRequest(r.text, r.readings, "boop", r.rate),  # voice
        lambda r: SpeechRequest(r.text, r.readings, r.voice, "+10%"),  # rate
        lambda r: SpeechRequest(r.text, ("a3", "a3"), r.voice, r.rate),  # engine input
    ],
    ids=["voice", "rate", "input"],
)
def test_anything_that_changes_the_audio_misses(tmp_path, counting, change):
    engine, cache = counting(), ClipCache(tmp_path)
    (base,) = requests("一二")
    speak_all(engine, [base], cache, progress=False)
    again = speak_all(engine, [change(base)], cache, progress=False)
    assert again.synthesized == 1


def test_model_version_is_in_the_key(tmp_path, counting, monkeypatch):
    engine, cache = counting(), ClipCache(tmp_path)
    speak_all(engine, requests("一二"), cache, progress=False)
    monkeypatch.setattr(CountingEngine, "model_version", "tone/2")
    assert speak_all(engine, requests("一二"), cache, progress=False).synthesized == 1


def test_the_same_text_differently_worded_but_same_engine_input_hits(tmp_path, counting):
    # The key is the engine input, not the text: punctuation the engine ignores costs nothing.
    engine, cache = counting(), ClipCache(tmp_path)
    speak_all(engine, requests("一二"), cache, progress=False)
    (same,) = requests("一二")
    quoted = SpeechRequest("“一二", ("“", *same.readings), "beep")
    assert speak_all(engine, [quoted], cache, progress=False).cached == 1


def test_a_damaged_entry_is_spoken_again(tmp_path, counting):
    engine, cache = counting(), ClipCache(tmp_path)
    speak_all(engine, requests("一二"), cache, progress=False)
    (entry,) = tmp_path.glob("*/*.wav")
    entry.write_bytes(entry.read_bytes()[:30])
    assert speak_all(engine, requests("一二"), cache, progress=False).synthesized == 1


def test_parallel_writers_of_one_key_leave_one_whole_file(tmp_path):
    cache = ClipCache(tmp_path)
    clip = Clip(np.arange(24000, dtype=np.int16), 24000)
    threads = [threading.Thread(target=cache.put, args=("ab" * 32, clip)) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert [p.name for p in tmp_path.rglob("*") if p.is_file()] == ["ab" * 32 + ".wav"]
    got = cache.get("ab" * 32)
    assert got is not None and np.array_equal(got.samples, clip.samples)


def test_no_cache_speaks_everything(counting):
    spoken = speak_all(counting(), requests("一", "二", "三"), None, jobs=2, progress=False)
    assert spoken.synthesized == 3 and len(spoken.clips) == 3


def test_engine_errors_are_collected_and_the_rest_cached(tmp_path):
    class Failing(ToneEngine):
        def synthesize(self, request):
            if request.text == "坏":
                raise EngineError("cannot say 坏")
            return super().synthesize(request)

    cache = ClipCache(tmp_path)
    with pytest.raises(EngineError, match=r"1 of 3 utterances are missing \(cannot say 坏\)"):
        speak_all(Failing(), requests("好", "坏", "行行"), cache, jobs=1, progress=False)
    assert len(list(tmp_path.glob("*/*.wav"))) == 2


def build_once(article: Path, tmp_path: Path) -> dict:
    options = BuildOptions(engine="counting-tone", cache_dir=tmp_path / "cache", progress=False)
    build(article, tmp_path / "out", options)
    return json.loads((tmp_path / "out" / "a" / "script.json").read_text(encoding="utf-8"))


def test_interrupted_build_resumes_without_respeaking(tmp_path, counting):
    article = tmp_path / "a.md"
    article.write_text(ARTICLE, encoding="utf-8")
    counting.interrupt_after = 4
    with pytest.raises(KeyboardInterrupt):
        build_once(article, tmp_path)
    assert not (tmp_path / "out" / "a").exists()  # no half edition
    first = list(counting.spoken)
    assert len(first) == 4

    counting.interrupt_after = None
    manifest = build_once(article, tmp_path)
    second = counting.spoken[len(first) :]
    assert not set(first) & set(second)  # nothing finished was spoken again
    total = manifest["stats"]["utterances"]
    assert manifest["stats"] == {"utterances": total, "synthesized": total - 4, "cached": 4}


def test_figures_get_their_own_voice(tmp_path, counting):
    article = tmp_path / "a.md"
    article.write_text(ARTICLE, encoding="utf-8")
    seen: list[tuple[str, str, str]] = []
    original = CountingEngine.synthesize

    def record(self, request):
        seen.append((request.text, request.voice, request.rate))
        return original(self, request)

    CountingEngine.synthesize = record  # type: ignore[method-assign]
    try:
        build_once(article, tmp_path)
    finally:
        CountingEngine.synthesize = original  # type: ignore[method-assign]
    figure = [s for s in seen if "夜市" in s[0]]
    body = [s for s in seen if "第一句话" in s[0]]
    assert figure and all(voice == "boop" and rate == "+0%" for _, voice, rate in figure)
    assert body and all(voice == "beep" for _, voice, _ in body)


def test_one_voice_engines_tell_figures_apart_by_rate(tmp_path, monkeypatch, counting):
    monkeypatch.setattr(CountingEngine, "default_figure_voice", "beep")
    rates: dict[str, str] = {}
    original = CountingEngine.synthesize

    def record(self, request):
        rates[request.text] = request.rate
        return original(self, request)

    monkeypatch.setattr(CountingEngine, "synthesize", record)
    article = tmp_path / "a.md"
    article.write_text(ARTICLE, encoding="utf-8")
    build_once(article, tmp_path)
    assert {r for t, r in rates.items() if "夜市" in t} == {"-10%"}
    assert {r for t, r in rates.items() if "第一句话" in t} == {"+0%"}


def test_registry_knows_the_voices_engines():
    from audiofeature.engines import available_engines

    assert {"local", "edge", "espeak", "tone"} <= set(available_engines())
    assert get_engine("local").input_kind == "pinyin"
    assert get_engine("edge").input_kind == "text"
