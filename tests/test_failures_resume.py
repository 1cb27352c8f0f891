"""kill -9 in the middle of a build, then the same command again: it finishes, and no utterance
that was already spoken is spoken again."""

import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"
KILL_AFTER_CLIPS = 8
# Not a timing assertion: only a bound so that a broken rerun cannot hang the suite.
GIVE_UP_AFTER_S = 120


def cached_clips(cache: Path) -> int:
    return sum(1 for _ in cache.rglob("*.wav")) if cache.exists() else 0


@pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="espeak-ng is not installed")
def test_kill_9_then_rerun_resumes_from_the_cache(tmp_path):
    article = tmp_path / "long.md"
    shutil.copy(DATA / "long_article.md", article)
    out, cache = tmp_path / "out", tmp_path / "cache"
    command = [
        sys.executable,
        "-m",
        "audiofeature",
        "build",
        str(article),
        "-o",
        str(out),
        "--engine",
        "espeak",
        "--jobs",
        "1",
        "--cache",
        str(cache),
    ]
    # The build stops itself (SIGSTOP) right after its KILL_AFTER_CLIPS-th clip is cached, so
    # the kill lands mid-build however fast or slow the machine is: no race with the clock.
    stopper = (
        "import os, signal, sys\n"
        "from audiofeature.speech import ClipCache\n"
        "from audiofeature.cli import main\n"
        "put, count = ClipCache.put, 0\n"
        "def put_then_stop(self, *args, **kwargs):\n"
        "    global count\n"
        "    put(self, *args, **kwargs)\n"
        "    count += 1\n"
        f"    if count == {KILL_AFTER_CLIPS}:\n"
        "        os.kill(os.getpid(), signal.SIGSTOP)\n"
        "ClipCache.put = put_then_stop\n"
        "sys.argv[0] = 'audiofeature'\n"
        "main()\n"
    )
    process = subprocess.Popen(
        [sys.executable, "-c", stopper, *command[3:]],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    _, status = os.waitpid(process.pid, os.WUNTRACED)
    assert os.WIFSTOPPED(status), "the build ended before it could be killed"
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert process.returncode == -signal.SIGKILL
    cached_before = cached_clips(cache)
    assert cached_before == KILL_AFTER_CLIPS
    assert not (out / "long").exists()  # no half-written edition

    rerun = subprocess.run(command, capture_output=True, text=True, timeout=GIVE_UP_AFTER_S * 5)
    assert rerun.returncode == 0, rerun.stderr
    stats = json.loads((out / "long" / "script.json").read_text(encoding="utf-8"))["stats"]
    assert stats["utterances"] > cached_before  # it was killed in the middle
    assert stats["cached"] == cached_before
    assert stats["synthesized"] == stats["utterances"] - cached_before
    assert cached_clips(cache) == stats["utterances"]
