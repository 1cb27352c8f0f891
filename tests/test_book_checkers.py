"""The books through the tools their readers and their libraries use: EPUBCheck, Ace by DAISY and
daisy-player, on a short article and on the seed's edition (spoken by espeak-ng, which is fast:
the books' structure does not depend on the voice).

`make test` installs the tools when missing (`make booktools`): EPUBCheck and daisy-player from
Debian, Ace from npm into .tools/, run on Debian's Chromium. In CI a missing tool fails the test;
elsewhere it skips.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import time
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from audiofeature.cli import main
from conftest import ROOT, SEED
from test_book import NS, clock_ms, npt_ms

EPUBCHECK = Path(os.environ.get("AUDIOFEATURE_EPUBCHECK", "/usr/share/java/epubcheck.jar"))
ACE = Path(os.environ.get("AUDIOFEATURE_ACE", ROOT / ".tools/ace/node_modules/.bin/ace-cli"))
CHROMIUM = os.environ.get("AUDIOFEATURE_CHROMIUM", "/usr/bin/chromium")
SHORT = """\
晨报记者 王小明

导语：今年1月，全市新增企业120家<script>alert(1)</script>。

# 小城新事

## ● 第一部分

第一句。第二句说了2次。

▲游客在夜市品尝小吃。

## ● 第二部分

最后一段。
"""
# daisy-player lists the sound cards ALSA names in /proc/asound/cards before anything else, and
# stops when there is none (a container, CI). The test gives it one, in a private mount
# namespace of its own: a /proc whose entries are the real ones, plus that list.
FAKE_SOUND_CARD = """\
set -e
real=$(mktemp -d)
mount --rbind /proc "$real"
mount -t tmpfs none /proc
for entry in "$real"/*; do ln -s "$entry" "/proc/${entry##*/}"; done
mkdir /proc/asound
printf ' 0 [Dummy          ]: Dummy - Dummy\\n                      Dummy 1\\n' > /proc/asound/cards
exec "$@"
"""


def _missing(reason: str) -> None:
    # In CI a missing tool is a failure, not a skip: `make test` is meant to install it.
    if os.environ.get("CI"):
        pytest.fail(reason)
    pytest.skip(reason)


def _build(article: Path, out: Path, cache: Path) -> Path:
    args = ["build", str(article), "-o", str(out), "--engine", "espeak", "--cache", str(cache)]
    result = CliRunner().invoke(main, [*args, "--formats", "epub,daisy"])
    assert result.exit_code == 0, result.output
    return out / article.stem


@pytest.fixture(scope="module")
def short(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("short-book")
    (root / "short.md").write_text(SHORT, encoding="utf-8")
    return _build(root / "short.md", root / "out", root / "cache")


@pytest.fixture(scope="module")
def seed_book(tmp_path_factory) -> Path:
    if not SEED.exists():
        pytest.skip("the seed article (../shared/seed) is not beside this checkout")
    root = tmp_path_factory.mktemp("seed-book")
    return _build(SEED, root / "out", root / "cache")


def _manifest(folder: Path) -> dict:
    return json.loads((folder / "script.json").read_text(encoding="utf-8"))


# --- EPUBCheck --------------------------------------------------------------------------------------


def epubcheck(epub: Path) -> str:
    if shutil.which("java") is None or not EPUBCHECK.exists():
        _missing("EPUBCheck is not installed (make booktools)")
    run = subprocess.run(
        ["java", "-jar", str(EPUBCHECK), str(epub)], capture_output=True, text=True, timeout=300
    )
    output = run.stdout + run.stderr
    assert run.returncode == 0, output
    return output


@pytest.mark.parametrize("which", ["short", "seed_book"])
def test_epubcheck_reports_no_error_and_no_warning(which, request):
    folder = request.getfixturevalue(which)
    output = epubcheck(folder / f"{folder.name}.epub")
    assert "Messages: 0 fatals / 0 errors / 0 warnings / 0 infos" in output, output
    assert re.search(r"^(ERROR|WARNING|FATAL|USAGE)", output, re.MULTILINE) is None, output


# --- Ace by DAISY -----------------------------------------------------------------------------------


def ace(epub: Path, report: Path) -> tuple[dict, str]:
    if not ACE.exists() or not Path(CHROMIUM).exists():
        _missing("Ace by DAISY or Chromium is not installed (make booktools)")
    env = {**os.environ, "PUPPETEER_EXECUTABLE_PATH": CHROMIUM, "PUPPETEER_SKIP_DOWNLOAD": "1"}
    run = subprocess.run(
        [str(ACE), "--force", "--outdir", str(report), str(epub)],
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    return json.loads((report / "report.json").read_text(encoding="utf-8")), run.stdout + run.stderr


@pytest.mark.parametrize("which", ["short", "seed_book"])
def test_ace_finds_no_violation(which, request, tmp_path):
    folder = request.getfixturevalue(which)
    report, log = ace(folder / f"{folder.name}.epub", tmp_path / "ace")
    violations = [
        (group["earl:testSubject"]["url"], one["earl:test"]["dct:title"])
        for group in report["assertions"]
        for one in group["assertions"]
    ]
    assert violations == []
    assert report["earl:result"]["earl:outcome"] == "pass"
    # Ace looked at every chapter's document, and found the metadata it asks for.
    chapters = _manifest(folder)["chapters"]
    assert len(chapters) >= 4
    checked = set(re.findall(r"- (\S+\.xhtml): No issues found", log))
    assert checked == {f"{c['id']}.xhtml" for c in chapters} | {"nav.xhtml"}, log
    metadata = report["a11y-metadata"]
    assert metadata["missing"] == [] or set(metadata["missing"]) <= {
        "a11y:certifierCredential",
        "a11y:certifierReport",
    }
    assert {"schema:accessMode", "schema:accessibilitySummary"} <= set(metadata["present"])


# --- the seed's overlays ------------------------------------------------------------------------------


def test_seed_overlays_use_script_json_times_and_add_up_to_the_edition(seed_book):
    manifest = _manifest(seed_book)
    archive = zipfile.ZipFile(seed_book / f"{seed_book.name}.epub")
    clips = []
    for chapter in manifest["chapters"]:
        smil = etree.fromstring(archive.read(f"EPUB/{chapter['id']}.smil"))
        for par in smil.iterfind(".//smil:par", NS):
            audio = par.find("smil:audio", NS)
            fragment = par.find("smil:text", NS).get("src").partition("#")[2]
            clips.append(
                (fragment, clock_ms(audio.get("clipBegin")), clock_ms(audio.get("clipEnd")))
            )
    expected = [(u["id"], u["start_ms"], u["end_ms"]) for u in manifest["utterances"]]
    assert len(expected) > 50
    assert clips == expected

    opf = etree.fromstring(archive.read("EPUB/content.opf"))
    durations = {
        meta.get("refines"): clock_ms(meta.text)
        for meta in opf.iterfind("opf:metadata/opf:meta[@property='media:duration']", NS)
    }
    total = durations.pop(None)
    assert len(durations) == len(manifest["chapters"])
    assert sum(durations.values()) == total == manifest["duration_ms"]

    daisy_clips = []
    for chapter in manifest["chapters"]:
        smil = etree.parse(str(seed_book / "daisy" / f"{chapter['id']}.smil")).getroot()
        for par in smil.iterfind("body/seq/par"):
            audio = par.find("audio")
            fragment = par.find("text").get("src").partition("#")[2]
            daisy_clips.append(
                (fragment, npt_ms(audio.get("clip-begin")), npt_ms(audio.get("clip-end")))
            )
    assert daisy_clips == expected


# --- daisy-player ------------------------------------------------------------------------------------


class Terminal:
    """A tmux server of the test's own (its own socket), one window of `width` x `height`."""

    def __init__(self, name: str, command: list[str], width: int = 160, height: int = 120):
        self.socket = f"af-book-{os.getpid()}-{name}"
        self.tmux(
            "new-session", "-d", "-s", "t", "-x", str(width), "-y", str(height),
            " ".join(_quote(part) for part in command),
        )  # fmt: skip

    def tmux(self, *args: str) -> str:
        run = subprocess.run(
            ["tmux", "-L", self.socket, *args], capture_output=True, text=True, timeout=30
        )
        return run.stdout

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", "t")

    def keys(self, *keys: str) -> None:
        self.tmux("send-keys", "-t", "t", *keys)

    def wait_for(self, *texts: str, timeout: float = 30) -> str:
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen()
            if any(text in screen for text in texts):
                return screen
            time.sleep(0.3)
        raise AssertionError(f"none of {texts} on the screen:\n{screen}")

    def close(self) -> None:
        self.tmux("kill-server")


def _quote(part: str) -> str:
    return "'" + part.replace("'", "'\\''") + "'"


def daisy_player_items(fileset: Path, home: Path) -> list[tuple[int, str]]:
    """daisy-player's list of items for `fileset`: (indent, label), top to bottom."""
    if shutil.which("daisy-player") is None or shutil.which("tmux") is None:
        _missing("daisy-player or tmux is not installed (make booktools)")
    home.mkdir(parents=True, exist_ok=True)
    command = ["env", f"HOME={home}", "daisy-player", str(fileset), "-n", "-i"]
    if not Path("/proc/asound/cards").exists():
        if shutil.which("unshare") is None or os.geteuid() != 0:
            _missing("no sound card, and no unshare(1) as root to give daisy-player one")
        script = home / "fake-sound-card.sh"
        script.write_text(FAKE_SOUND_CARD, encoding="utf-8")
        command = ["unshare", "-m", "--propagation", "private", "sh", str(script), *command]
    terminal = Terminal(fileset.parent.name, [*command, ";", "sleep", "30"])
    try:
        screen = terminal.wait_for("Select a soundcard", "total length")
        if "Select a soundcard" in screen:
            terminal.keys("Enter")  # the first: ALSA's default device
            screen = terminal.wait_for("total length")
        lines = screen.splitlines()
        start = next(i for i, line in enumerate(lines) if "total length" in line) + 1
        items = []
        for line in lines[start:]:
            if not line.strip():
                continue
            label = line.strip()
            cuts = [i for i in (label.find("  "), label.find(" . ")) if i >= 0]
            label = label[: min(cuts)] if cuts else label
            items.append((len(line) - len(line.lstrip(" ")), label.strip()))
        terminal.keys("q")
        return items
    finally:
        terminal.close()


@pytest.mark.parametrize("which", ["short", "seed_book"])
def test_daisy_player_lists_the_chapters_in_order(which, request, tmp_path):
    folder = request.getfixturevalue(which)
    items = daisy_player_items(folder / "daisy", tmp_path / "home")
    chapters = _manifest(folder)["chapters"]
    assert any(c["kind"] == "figure" for c in chapters)
    assert len(items) == len(chapters)
    for (_, label), chapter in zip(items, chapters, strict=True):
        # daisy-player cuts a long label short at a fixed width; the start must be the title's.
        assert label == chapter["title"] or (
            len(label) >= 12 and chapter["title"].startswith(label)
        ), (label, chapter["title"])
    # Photos sit one level down, where a reader moving by level 1 passes over them.
    kinds = [(indent, c["kind"]) for (indent, _), c in zip(items, chapters, strict=True)]
    section_indent = {indent for indent, kind in kinds if kind != "figure"}
    figure_indent = {indent for indent, kind in kinds if kind == "figure"}
    assert len(section_indent) == len(figure_indent) == 1
    assert min(figure_indent) > max(section_indent)


def test_photos_with_captions_alone_claim_no_long_description(short):
    archive = zipfile.ZipFile(short / "short.epub")
    opf = etree.fromstring(archive.read("EPUB/content.opf"))
    features = [
        meta.text
        for meta in opf.iterfind(
            "opf:metadata/opf:meta[@property='schema:accessibilityFeature']", NS
        )
    ]
    assert "synchronizedAudioText" in features
    assert "longDescription" not in features  # its one photo has a caption and no description
