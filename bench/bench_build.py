"""Build the seed with the default (local) voice: cold, warm, after a one-entry table change.

Prints: cold wall time / audio duration (goal <= 0.03 on 2 cores), the bare model's serial
synthesis time for the same utterances, warm rebuild (goal <= 5% of cold), rebuild after one
pronunciation-table entry changed (goal <= 10% of cold, re-speaking only the utterances holding
it), and peak RSS (goal <= 1 GB). Builds run as the real command, in a child process each.

    .venv/bin/python bench/bench_build.py [ARTICLE] [--jobs N]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
SEED = HERE.parent.parent / "shared" / "seed" / "000_5d21dd49e8bda41c.txt"
# One entry of a user table, then the same word read another way: a name an editor corrects
# (the byline's 曾 as a surname is zēng, not céng).
WORD, BEFORE, AFTER = "曾少石", "ceng2 shao3 shi2", "zeng1 shao3 shi2"


def build(article: Path, out: Path, cache: Path, table: Path, jobs: int) -> tuple[float, dict]:
    command = [
        sys.executable,
        "-m",
        "audiofeature",
        "build",
        str(article),
        "-o",
        str(out),
        "--cache",
        str(cache),
        "--pronunciations",
        str(table),
        "--jobs",
        str(jobs),
        "--formats",
        "none",
    ]
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    return wall, json.loads((out / article.stem / "script.json").read_text(encoding="utf-8"))


def serial_model_seconds(article: Path, table: Path) -> tuple[float, float]:
    """The engine alone, one utterance after another on one thread: (seconds, audio seconds)."""
    from audiofeature.engines import SpeechRequest, get_engine
    from audiofeature.pipeline import prepare

    engine = get_engine("local")
    _, script, _ = prepare(article, engine, table)
    requests = [SpeechRequest(u.spoken, u.readings, "baker") for u in script.utterances]
    engine.prepare()
    engine.synthesize(requests[0])  # load the interpreters outside the timing
    start = time.perf_counter()
    audio_ms = sum(engine.synthesize(r).duration_ms for r in requests)
    return time.perf_counter() - start, audio_ms / 1000


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("article", nargs="?", type=Path, default=SEED)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()
    if not args.article.exists():
        print(f"skipped: {args.article} not found")
        return 0
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        table, out, cache = root / "names.yaml", root / "out", root / "cache"
        table.write_text(f"{WORD}: {BEFORE}\n", encoding="utf-8")
        load = os.getloadavg()[0]

        cold, manifest = build(args.article, out, cache, table, args.jobs)
        child = resource.getrusage(resource.RUSAGE_CHILDREN)
        audio_s = manifest["duration_ms"] / 1000
        cold_cpu = child.ru_utime + child.ru_stime
        warm, warm_manifest = build(args.article, out, cache, table, args.jobs)
        table.write_text(f"{WORD}: {AFTER}\n", encoding="utf-8")
        edit, edit_manifest = build(args.article, out, cache, table, args.jobs)
        peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        from audiofeature.publish.loudness import measure_file

        checked = measure_file(out / args.article.stem / f"{args.article.stem}.mp3")
        holding = sum(WORD in u["written"] for u in manifest["utterances"])
        serial, serial_audio = serial_model_seconds(args.article, table)

    print(f"article: {args.article.name}, engine {manifest['engine']}, jobs {args.jobs}")
    print(f"load average before the run: {load:.2f} on {os.cpu_count()} cores")
    print(f"audio: {audio_s:.1f} s in {manifest['stats']['utterances']} utterances")
    print(f"cold build: {cold:.1f} s wall, RTF {cold / audio_s:.4f} (goal <= 0.03)")
    print(f"  cpu time {cold_cpu:.1f} s: {cold_cpu / audio_s:.4f} cpu-s per audio s")
    print(
        f"bare model, serial: {serial:.1f} s for {serial_audio:.1f} s of speech, "
        f"RTF {serial / serial_audio:.4f}"
    )
    print(
        f"warm rebuild: {warm:.1f} s = {100 * warm / cold:.1f}% of cold (goal <= 5%), "
        f"stats {warm_manifest['stats']}"
    )
    print(
        f"one table entry changed ({WORD}): {edit:.1f} s = {100 * edit / cold:.1f}% of cold "
        f"(goal <= 10%), re-spoke {edit_manifest['stats']['synthesized']} "
        f"(utterances holding it: {holding}), re-encoded "
        f"{edit_manifest['mastering']['encoded']} of {edit_manifest['mastering']['pieces']} "
        "pieces"
    )
    print(
        f"loudness of the final MP3 (our meter): {edit_manifest['loudness']['integrated_lufs']} "
        f"LUFS, true peak {edit_manifest['loudness']['true_peak_dbtp']} dBTP"
    )
    print(
        f"ffmpeg ebur128 on that MP3: {checked.integrated_lufs} LUFS (goal -16 +-1), "
        f"true peak {checked.true_peak_dbtp} dBTP (goal <= -1)"
    )
    print(f"peak RSS of a build: {peak_mb:.0f} MB (goal <= 1024)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
