"""Normalizer throughput on the seed article, in characters per second, and wetext's (the
WeTextProcessing runtime) in the same run where it is installed. wetext is not a dependency.

    .venv/bin/python bench/bench_normalize.py [--rounds N]
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from pathlib import Path

from audiofeature.normalize import normalize

SEED = Path(__file__).resolve().parents[1].parent / "shared" / "seed" / "000_5d21dd49e8bda41c.txt"


def _lines() -> list[str]:
    text = SEED.read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip()]


def _throughput(run: Callable[[str], object], lines: list[str], rounds: int) -> float:
    run(lines[0])  # warm up: imports, compiled patterns, FST loading
    characters = sum(len(line) for line in lines) * rounds
    start = time.perf_counter()
    for _ in range(rounds):
        for line in lines:
            run(line)
    return characters / (time.perf_counter() - start)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    if not SEED.exists():
        print(f"seed article not found at {SEED}; nothing to measure")
        return
    lines = _lines()
    total = sum(len(line) for line in lines)
    print(f"seed: {len(lines)} lines, {total} characters, {args.rounds} rounds")
    ours = _throughput(lambda line: normalize(line), lines, args.rounds)
    spelled = _throughput(lambda line: normalize(line, "spell"), lines, args.rounds)
    print(f"audiofeature.normalize (keep)   {ours:12,.0f} chars/s")
    print(f"audiofeature.normalize (spell)  {spelled:12,.0f} chars/s")
    try:
        from wetext import Normalizer
    except ImportError:
        print("wetext                          not installed (pip install wetext to compare)")
        return
    normalizer = Normalizer(lang="zh", operator="tn")
    theirs = _throughput(normalizer.normalize, lines, max(1, args.rounds // 4))
    print(f"wetext {_version()}                    {theirs:12,.0f} chars/s")
    print(f"ratio ours/wetext               {ours / theirs:12.1f}x")


def _version() -> str:
    from importlib.metadata import version

    return version("wetext")


if __name__ == "__main__":
    main()
