"""Stage 3: one clip per utterance, from an engine, through a content-addressed cache.

The cache key is everything that changes the audio: engine, model version, voice, rate and the
exact engine input. A one-word fix re-speaks one utterance; a run that is interrupted keeps every
clip it finished, because each is written (atomically) the moment it is made.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import wave
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import platformdirs

from audiofeature.cachefiles import sharded, write_whole
from audiofeature.engines import Clip, Engine, SpeechRequest
from audiofeature.engines.base import GaveUp
from audiofeature.errors import EngineError


def default_cache_dir() -> Path:
    return Path(platformdirs.user_cache_dir("audiofeature")) / "clips"


class ClipCache:
    """Clips as WAV files named by the hash of their key; safe for parallel writers."""

    def __init__(self, root: Path) -> None:
        self.root = root

    @staticmethod
    def key(engine: Engine, request: SpeechRequest) -> str:
        material = [
            engine.name,
            engine.model_version,
            request.voice,
            request.rate,
            engine.engine_input(request),
        ]
        return hashlib.sha256(json.dumps(material, ensure_ascii=False).encode()).hexdigest()

    def _path(self, key: str) -> Path:
        return sharded(self.root, key, ".wav")

    def get(self, key: str) -> Clip | None:
        path = self._path(key)
        try:
            with wave.open(str(path), "rb") as wav:
                frames = wav.readframes(wav.getnframes())
                return Clip(np.frombuffer(frames, dtype=np.int16), wav.getframerate())
        except (FileNotFoundError, EOFError, wave.Error):
            return None

    def put(self, key: str, clip: Clip) -> None:
        buffer = io.BytesIO()
        with wave.open(buffer, "wb") as wav:
            wav.setnchannels(1)
            wav.setsampwidth(2)
            wav.setframerate(clip.sample_rate)
            wav.writeframes(clip.samples.tobytes())
        write_whole(self._path(key), buffer.getvalue())


@dataclass(frozen=True)
class Spoken:
    clips: tuple[Clip, ...]  # in the order of the requests
    synthesized: int
    cached: int


def speak_all(
    engine: Engine,
    requests: Sequence[SpeechRequest],
    cache: ClipCache | None,
    jobs: int | None = None,
    progress: bool = True,
    before_speaking: Callable[[], None] | None = None,
) -> Spoken:
    """Synthesize every request not already cached, in parallel; clips come back in order.

    Each worker caches its clip the moment it is made, so an interrupted build (Ctrl-C, a
    failure) keeps every finished utterance and the next run resumes where this one stopped.
    """
    clips: list[Clip | None] = [None] * len(requests)
    keys = [ClipCache.key(engine, r) for r in requests]
    todo: list[int] = []
    for index, key in enumerate(keys):
        hit = cache.get(key) if cache else None
        if hit is None:
            todo.append(index)
        else:
            clips[index] = hit
    if not todo:
        return Spoken(tuple(c for c in clips if c is not None), synthesized=0, cached=len(clips))
    if before_speaking:
        before_speaking()  # new audio is coming: later stages may start getting ready
    engine.prepare()

    def work(index: int) -> Clip:
        clip = engine.synthesize(requests[index])
        if cache:
            cache.put(keys[index], clip)
        return clip

    failures: list[str] = []
    # Engines bound by the network rather than the CPU say how many workers suit them.
    workers = max(1, jobs or getattr(engine, "default_jobs", None) or os.cpu_count() or 1)
    pool = ThreadPoolExecutor(max_workers=workers)
    from tqdm import tqdm  # 20 ms to import (it reads its version's metadata): only to speak

    with tqdm(
        total=len(todo),
        desc="speaking",
        unit="utt",
        disable=not progress,
        leave=False,
    ) as bar:
        # Longest first: the last utterances to finish are then short ones, and no core waits
        # long for the others at the end (the text's length stands for the work).
        order = sorted(todo, key=lambda i: -len(requests[i].text))
        futures = {pool.submit(work, i): i for i in order}
        try:
            for future in as_completed(futures):
                bar.update(1)
                error = future.exception()
                if isinstance(error, GaveUp):
                    # The engine is failing as a whole: ask it nothing more.
                    failures.append(str(error))
                    break
                if isinstance(error, EngineError):
                    failures.append(str(error))
                elif error is not None:
                    raise error
                else:
                    clips[futures[future]] = future.result()
        finally:
            # Whatever stopped us (a give-up, Ctrl-C), workers already running finish and
            # cache what they hold; the rest never start.
            pool.shutdown(wait=True, cancel_futures=True)
    if failures:
        # Workers still running at a give-up finished after the loop stopped: count them in.
        for future, index in futures.items():
            if clips[index] is None and not future.cancelled() and future.exception() is None:
                clips[index] = future.result()
        missing = sum(1 for c in clips if c is None)
        raise EngineError(
            f"{missing} of {len(requests)} utterances are missing ({failures[0]}); "
            f"the {len(requests) - missing} spoken are cached: run again to resume"
        )
    done = [c for c in clips if c is not None]
    return Spoken(tuple(done), synthesized=len(todo), cached=len(requests) - len(todo))
