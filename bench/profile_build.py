"""Where a cold build's time goes: wall-clock and CPU seconds per stage, on every thread.

Runs one cold build in this process (a fresh cache) with timers wrapped around each stage's
entry points; CPU seconds are each calling thread's own (time.thread_time) plus the ffmpeg
children's. Stages overlap (synthesis runs on all cores), so wall seconds do not add up to the
total; CPU seconds do, near enough.

    .venv/bin/python bench/profile_build.py [ARTICLE] [--engine local] [--jobs N]
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import resource
import sys
import tempfile
import threading
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
SEED = HERE.parent.parent / "shared" / "seed" / "000_5d21dd49e8bda41c.txt"

wall: dict[str, float] = defaultdict(float)
cpu: dict[str, float] = defaultdict(float)
calls: dict[str, int] = defaultdict(int)
lock = threading.Lock()
_active = threading.local()


def timed(stage: str, function: Callable[..., Any]) -> Callable[..., Any]:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        # A stage inside another (resampling inside levelling) is counted once, in the inner.
        outer = getattr(_active, "stage", None)
        _active.stage = stage
        start_wall, start_cpu = time.perf_counter(), time.thread_time()
        try:
            return function(*args, **kwargs)
        finally:
            spent_wall = time.perf_counter() - start_wall
            spent_cpu = time.thread_time() - start_cpu
            _active.stage = outer
            with lock:
                wall[stage] += spent_wall
                cpu[stage] += spent_cpu
                calls[stage] += 1
                if outer:
                    cpu[outer] -= spent_cpu
                    wall[outer] -= spent_wall

    return wrapper


def patch(owner: Any, name: str, stage: str) -> None:
    setattr(owner, name, timed(stage, getattr(owner, name)))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("article", nargs="?", type=Path, default=SEED)
    parser.add_argument("--engine", default="local")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument(
        "--fix",
        action="store_true",
        help="profile the rebuild after one table entry changes (bench_build's), not the cold "
        "build; imports are then already done, so add a CLI start's (about 0.9 s)",
    )
    args = parser.parse_args()
    if not args.article.exists():
        print(f"skipped: {args.article} not found")
        return 0

    import audiofeature.edition as edition
    import audiofeature.pipeline as pipeline
    import audiofeature.publish as publish
    import audiofeature.publish.mastering as mastering
    import audiofeature.publish.mp3frames as mp3frames
    from audiofeature.engines import local
    from audiofeature.publish import loudness

    patch(pipeline, "prepare", "script (parse, normalize, readings)")
    # Its wall time is the speaking phase's; the workers' CPU is counted in their own stages.
    patch(pipeline, "speak_all", "speaking, all workers (wall)")
    patch(local.Models, "mel", "acoustic model (FastSpeech2)")
    patch(local.Models, "audio", "vocoder (MB-MelGAN)")
    patch(edition, "resample", "resampling to 24 kHz")
    patch(pipeline, "assemble", "assembly")
    patch(loudness.Leveller, "_frame_energy", "levelling: K-weighted energy")
    # Oversampling runs on a pool of threads: timed where each chunk runs, not where it is asked.
    patch(loudness, "frame_true_peaks", "levelling: true-peak envelope")
    patch(loudness.Leveller, "solve", "levelling: gain search")
    patch(loudness.Leveller, "apply", "levelling: gain applied")
    patch(mp3frames, "encode_piece", "encoding (lame)")
    patch(mp3frames, "decode_piece", "checking: decoding the pieces")
    patch(mastering, "true_peak", "checking: true peak of the decoded pieces")
    patch(mp3frames, "join", "joining the pieces")
    patch(pipeline, "tag_mp3", "ID3 tags and chapters")
    patch(pipeline, "write_manifest", "script.json")
    patch(pipeline, "write_sidecars", "sidecars")
    del publish  # imported so its writers resolve before the patch of pipeline's names

    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        options = pipeline.BuildOptions(
            engine=args.engine, jobs=args.jobs, cache_dir=root / "cache", progress=False
        )
        if args.fix:
            from bench_build import AFTER, BEFORE, WORD

            table = root / "table.yaml"
            table.write_text(f"{WORD}: {BEFORE}\n", encoding="utf-8")
            options = dataclasses.replace(options, pronunciations=table)
            pipeline.build(args.article, root / "out", options)
            table.write_text(f"{WORD}: {AFTER}\n", encoding="utf-8")
            for figures in (wall, cpu, calls):
                figures.clear()
        children_before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start_wall, start_cpu = time.perf_counter(), time.process_time()
        result = pipeline.build(args.article, root / "out", options)
        total_wall = time.perf_counter() - start_wall
        total_cpu = time.process_time() - start_cpu
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    child_cpu = (children.ru_utime + children.ru_stime) - (
        children_before.ru_utime + children_before.ru_stime
    )
    audio_s = result.duration_ms / 1000

    print(f"{args.article.name}: {audio_s:.1f} s of audio, engine {args.engine}, jobs {args.jobs}")
    what = "rebuild after one table entry changed" if args.fix else "cold build"
    print(f"{what}: {total_wall:.1f} s wall (RTF {total_wall / audio_s:.4f}), ", end="")
    print(f"{total_cpu:.1f} CPU-s in this process + {child_cpu:.1f} CPU-s in ffmpeg/espeak")
    print(f"{'stage':44} {'calls':>6} {'wall s':>8} {'CPU s':>8} {'CPU %':>6}")
    accounted = 0.0
    for stage in sorted(wall, key=lambda s: -cpu[s]):
        accounted += cpu[stage]
        share = 100 * cpu[stage] / total_cpu if total_cpu else 0.0
        print(f"{stage:44} {calls[stage]:6d} {wall[stage]:8.2f} {cpu[stage]:8.2f} {share:6.1f}")
    print(f"{'(the rest: imports, caches, threads)':44} {'':6} {'':8} ", end="")
    print(f"{total_cpu - accounted:8.2f}")
    print(f"peak RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
