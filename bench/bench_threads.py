"""Threads or processes for the local voice: how far do worker threads scale?

Speaks the seed's utterances with the local voice, once on one worker thread and once on one
thread per core, and measures the share of a worker's time spent holding the GIL (everything
but the two models' native calls, which release it). By Amdahl's law that share bounds what
threads can gain on more cores than this machine has; processes would not share the GIL, but
each would load its own models. Prints the measured speed-up, the GIL share, the predicted
speed-up for 16 cores, and the memory one more process would cost.

    .venv/bin/python bench/bench_threads.py [ARTICLE]
"""

from __future__ import annotations

import argparse
import os
import resource
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
SEED = HERE.parent.parent / "shared" / "seed" / "000_5d21dd49e8bda41c.txt"

native = threading.local()


def counted(function: Callable[..., Any]) -> Callable[..., Any]:
    """`function`, its wall time added to the calling thread's native seconds."""

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            native.seconds = getattr(native, "seconds", 0.0) + time.perf_counter() - start

    return wrapper


def speak(engine: Any, requests: list[Any], workers: int) -> tuple[float, float, float]:
    """(wall seconds, summed worker seconds, summed native seconds) for all requests."""
    totals = {"busy": 0.0, "native": 0.0}
    lock = threading.Lock()

    def work(request: Any) -> None:
        native.seconds = 0.0
        start = time.perf_counter()
        engine.synthesize(request)
        busy = time.perf_counter() - start
        with lock:
            totals["busy"] += busy
            totals["native"] += native.seconds

    order = sorted(requests, key=lambda r: -len(r.text))
    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=workers) as pool:
        list(pool.map(work, order))
    return time.perf_counter() - start, totals["busy"], totals["native"]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("article", nargs="?", type=Path, default=SEED)
    args = parser.parse_args()
    if not args.article.exists():
        print(f"skipped: {args.article} not found")
        return 0
    from audiofeature.engines import SpeechRequest, get_engine, local, melgan
    from audiofeature.pipeline import prepare

    engine = get_engine("local")
    _, script, _ = prepare(args.article, engine)
    requests = [SpeechRequest(u.spoken, u.readings, "baker") for u in script.utterances]
    before_models = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    engine.synthesize(requests[0])  # load the models outside the timing
    after_models = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    # The two native calls per segment: LiteRT's interpreter and ONNX Runtime's session.
    local.Models.mel = counted(local.Models.mel)  # type: ignore[method-assign]
    melgan.Vocoder.__call__ = counted(melgan.Vocoder.__call__)  # type: ignore[method-assign]

    cores = os.cpu_count() or 1
    one_wall, one_busy, one_native = speak(engine, requests, 1)
    all_wall, _, _ = speak(engine, requests, cores)
    held = 1 - one_native / one_busy

    def amdahl(n: int) -> float:
        return 1 / (held + (1 - held) / n)

    print(f"article: {args.article.name}, {len(requests)} utterances, {cores} cores")
    print(f"1 worker thread: {one_wall:.1f} s")
    print(
        f"{cores} worker threads: {all_wall:.1f} s, speed-up {one_wall / all_wall:.2f} "
        f"(Amdahl's bound from the GIL share: {amdahl(cores):.2f})"
    )
    print(
        f"GIL held {100 * held:.1f}% of a worker's time (models' native calls: "
        f"{one_native:.1f} of {one_busy:.1f} s)"
    )
    print(
        f"predicted on 16 cores with threads: speed-up <= {amdahl(16):.1f}; "
        f"on 64: <= {amdahl(64):.1f}"
    )
    print(
        f"memory: {before_models:.0f} MB before the models, {after_models:.0f} MB after; "
        f"one more process would add about {after_models:.0f} MB"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
