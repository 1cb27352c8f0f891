"""Cold start of `audiofeature script` on the seed article: budget 1.5 s.

Each run is a fresh interpreter (the way an editor runs the command), so imports, the
pronunciation table, jieba's dictionary and the context model are all loaded every time.
The first run is a warm-up (it may build jieba's cache); the figure is the median of the rest.

    python bench/bench_script.py [ARTICLE] [--runs N]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT.parent / "shared" / "seed" / "000_5d21dd49e8bda41c.txt"
BUDGET_S = 1.5


def command(article: Path) -> list[str]:
    cli = Path(sys.executable).with_name("audiofeature")
    if cli.exists():
        return [str(cli), "script", str(article)]
    return [sys.executable, "-m", "audiofeature", "script", str(article)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("article", nargs="?", type=Path, default=SEED)
    parser.add_argument("--runs", type=int, default=5)
    args, _ = parser.parse_known_args()
    if not args.article.exists():
        print(f"skipped: {args.article} not found")
        return 0
    argv = command(args.article)
    times = []
    for run in range(args.runs + 1):
        start = time.perf_counter()
        done = subprocess.run(argv, capture_output=True, text=True, check=False)
        elapsed = time.perf_counter() - start
        if done.returncode != 0:
            print(f"failed: {done.stderr.strip()}")
            return 1
        if run:
            times.append(elapsed)
    median = statistics.median(times)
    verdict = "ok" if median <= BUDGET_S else "OVER BUDGET"
    print(
        f"audiofeature script {args.article.name}: median {median:.2f} s, "
        f"min {min(times):.2f} s over {len(times)} cold starts (budget {BUDGET_S} s): {verdict}"
    )
    return 0 if median <= BUDGET_S else 1


if __name__ == "__main__":
    raise SystemExit(main())
