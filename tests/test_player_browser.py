"""The player page in a real browser: Debian's headless Chromium, driven by playwright.

A local server (127.0.0.1 only) serves a built edition; the test chooses chapters by mouse and
by keyboard and checks that the audio moved to the chapter's start and that the chapter's first
sentence is the one lit in the transcript. Nothing is downloaded: playwright drives the system
Chromium (`make setup` / `.ci/run` install it through apt when missing).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import threading
from functools import partial
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner

from audiofeature.cli import main

CHROMIUM = os.environ.get("AUDIOFEATURE_CHROMIUM", "/usr/bin/chromium")
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTICLE = """\
晨报记者 王小明

导语：今年1月，全市新增企业120家<script>alert(1)</script>。

# 夜市"新事" & 旧事

## ● 第一部分

第一句。第二句说了2次。

▲游客在夜市品尝小吃。

## ● 第二部分

最后一段。再说一句。
"""


def _missing_browser(reason: str) -> None:
    # In CI a missing browser is a failure, not a skip: .ci/run is meant to install it.
    if os.environ.get("CI"):
        pytest.fail(reason)
    pytest.skip(reason)


class RangeHandler(SimpleHTTPRequestHandler):
    """http.server plus byte ranges: a browser can seek in media only when ranges work."""

    def log_message(self, format, *args):  # noqa: A002 - quiet test output
        pass

    def send_head(self):
        self._remaining = None
        match = re.fullmatch(r"bytes=(\d*)-(\d*)", self.headers.get("Range", ""))
        path = Path(self.translate_path(self.path))
        if not match or not path.is_file():
            return super().send_head()
        size = path.stat().st_size
        first, last = match.groups()
        start = int(first) if first else max(0, size - int(last))
        end = min(int(last), size - 1) if first and last else size - 1
        if start >= size:
            self.send_error(HTTPStatus.REQUESTED_RANGE_NOT_SATISFIABLE)
            return None
        handle = path.open("rb")
        handle.seek(start)
        self.send_response(HTTPStatus.PARTIAL_CONTENT)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Accept-Ranges", "bytes")
        self.send_header("Content-Range", f"bytes {start}-{end}/{size}")
        self.send_header("Content-Length", str(end - start + 1))
        self.end_headers()
        self._remaining = end - start + 1
        return handle

    def copyfile(self, source, outputfile):
        remaining = self._remaining
        if remaining is None:
            return super().copyfile(source, outputfile)
        try:
            while remaining > 0:
                chunk = source.read(min(65536, remaining))
                if not chunk:
                    break
                outputfile.write(chunk)
                remaining -= len(chunk)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the browser had what it wanted and hung up: normal for media
        return None

    def end_headers(self):
        if not self.headers.get("Range"):
            self.send_header("Accept-Ranges", "bytes")
        super().end_headers()


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    root = tmp_path_factory.mktemp("player")
    # Markdown reads raw HTML as HTML: the markup is escaped so the page must show it as text
    (root / "night.md").write_text(ARTICLE.replace("<", "\\<"), encoding="utf-8")
    args = ["build", str(root / "night.md"), "-o", str(root / "out"), "--engine", "espeak"]
    result = CliRunner().invoke(main, [*args, "--cache", str(root / "cache")])
    assert result.exit_code == 0, result.output
    folder = root / "out" / "night"
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(RangeHandler, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    manifest = json.loads((folder / "script.json").read_text(encoding="utf-8"))
    try:
        yield {"url": f"http://127.0.0.1:{server.server_port}/index.html", "manifest": manifest}
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def page(served, tmp_path_factory):
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        _missing_browser(f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing_browser("playwright is not installed (pip install -e '.[dev]')")
    profile = tmp_path_factory.mktemp("chromium-profile")  # a fresh user-data-dir
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(profile), executable_path=CHROMIUM, headless=True, args=FLAGS
        )
        try:
            page = context.new_page()
            dialogs: list[str] = []
            page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
            page.goto(served["url"])
            page.wait_for_function("document.getElementById('audio').readyState >= 1")
            # The media clock stays still: play() is noted, not obeyed, so every check reads a
            # time that only a seek could have set, however slow the machine is.
            page.evaluate(
                """() => {
                    const audio = document.getElementById('audio');
                    audio.muted = true;
                    audio.pause();
                    window.playRequests = 0;
                    audio.play = () => { window.playRequests += 1; return Promise.resolve(); };
                }"""
            )
            yield {"page": page, "dialogs": dialogs, **served}
        finally:
            context.close()


def _state(page) -> dict:
    """The media element's clock and what the page lights for it."""
    return page.evaluate(
        """() => {
            const audio = document.getElementById('audio');
            const lit = document.querySelectorAll('#transcript .cue.active');
            const current = document.querySelectorAll('button.chapter.current');
            return {
                time: audio.currentTime,
                paused: audio.paused,
                plays: window.playRequests,
                lit: Array.from(lit).map((e) => e.id),
                litCurrent: Array.from(lit).map((e) => e.getAttribute('aria-current')),
                chapter: Array.from(current).map((e) => e.id),
            };
        }"""
    )


def _chapter_and_cue(manifest, index):
    chapter = manifest["chapters"][index]
    first = next(u for u in manifest["utterances"] if u["chapter"] == chapter["id"])
    return chapter, first


def _seek_done(page, start_s: float) -> None:
    page.wait_for_function(
        """(start) => {
            const audio = document.getElementById('audio');
            return !audio.seeking && Math.abs(audio.currentTime - start) < 0.001;
        }""",
        arg=start_s,
    )


def _check_landed(page, chapter, first, plays_before: int) -> None:
    state = _state(page)
    assert state["paused"], state
    assert abs(state["time"] - chapter["start_ms"] / 1000) < 0.001, state
    assert state["plays"] == plays_before + 1, state  # choosing a chapter asks to play it
    assert state["lit"] == [first["id"]] and state["litCurrent"] == ["true"], state
    assert state["chapter"] == [chapter["id"]], state


def test_clicking_a_chapter_seeks_and_lights_its_first_sentence(page):
    manifest = page["manifest"]
    chapter, first = _chapter_and_cue(manifest, 2)
    plays = _state(page["page"])["plays"]
    page["page"].click(f"#{chapter['id']}")
    _seek_done(page["page"], chapter["start_ms"] / 1000)
    _check_landed(page["page"], chapter, first, plays)


def test_keyboard_chooses_a_chapter_too(page):
    manifest = page["manifest"]
    chapter, first = _chapter_and_cue(manifest, len(manifest["chapters"]) - 1)
    plays = _state(page["page"])["plays"]
    page["page"].focus(f"#{chapter['id']}")
    page["page"].keyboard.press("Enter")
    _seek_done(page["page"], chapter["start_ms"] / 1000)
    _check_landed(page["page"], chapter, first, plays)


def test_the_lit_sentence_follows_the_clock_through_every_cue_and_pause(page):
    # Seek into the middle of each cue and of the pause after it: the cue stays lit through its
    # pause, and its chapter is the current one.
    utterances = page["manifest"]["utterances"]
    assert len(utterances) >= 8
    for utterance in utterances:
        for at_ms in (
            (utterance["start_ms"] + utterance["end_ms"]) // 2,
            utterance["end_ms"] + utterance["pause_after_ms"] // 2,
        ):
            page["page"].evaluate(
                "(t) => { document.getElementById('audio').currentTime = t; }", at_ms / 1000
            )
            _seek_done(page["page"], at_ms / 1000)
            state = _state(page["page"])
            assert state["lit"] == [utterance["id"]], (at_ms, state)
            assert state["chapter"] == [utterance["chapter"]], (at_ms, state)


def test_article_text_is_shown_as_text_and_never_runs(page):
    transcript = page["page"].inner_text("#transcript")
    assert "<script>alert(1)</script>" in transcript
    assert page["page"].inner_text("h1") == '夜市"新事" & 旧事'
    assert page["dialogs"] == []
