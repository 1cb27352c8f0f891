"""Bad input and hostile conditions: one clear line, exit code 1, and the last good edition kept.

Every case first builds a good edition of `a.txt` into OUT/a/, then makes the next build of the
same slug fail, and checks that OUT/a/ is byte for byte what it was and no scratch folder is
left behind.
"""

import errno
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from audiofeature.cli import main

DATA = Path(__file__).parent / "data"
GOOD = "标题\n\n本报讯（记者 林晓燕）今年秋季开学以来，全县小学接入网络。\n\n第二段很短。\n"


def one_line_error(result) -> str:
    """The error is one line on stderr, and nothing is printed on stdout."""
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.stdout == "", result.stdout
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("Error: ") and "Traceback" not in lines[0]
    return lines[0]


def snapshot(folder: Path) -> dict[str, bytes]:
    # Every file, those in the DAISY book's folder too.
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


class Workspace:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.out = root / "out"
        self.cache = root / "cache"
        self.article = root / "a.txt"
        self.runner = CliRunner()

    def build(self, *paths: Path, extra: tuple[str, ...] = ()):
        args = ["build", *map(str, paths), "-o", str(self.out), "--engine", "tone"]
        return self.runner.invoke(main, [*args, "--cache", str(self.cache), *extra])

    def assert_edition_kept(self, before: dict[str, bytes]) -> None:
        assert snapshot(self.out / "a") == before
        assert [p.name for p in self.out.iterdir()] == ["a"]  # no scratch folder left


@pytest.fixture
def ws(tmp_path) -> Workspace:
    ws = Workspace(tmp_path)
    ws.article.write_text(GOOD, encoding="utf-8")
    result = ws.build(ws.article)
    assert result.exit_code == 0, result.output
    ws.before = snapshot(ws.out / "a")
    return ws


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "the article is empty"),
        (b"  \n\t\r\n\xe3\x80\x80\n", "the article is empty"),
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8, "is a PNG image, not an article"),
        (b"%PDF-1.7\n" + bytes(range(256)), "is a PDF document, not an article"),
        (bytes((i * 151 + 7) % 256 for i in range(4096)), "binary file"),
        ("一二三四五六七八九十。\n".encode() * 180_000, "too long for one audio edition"),
        ("正文。".encode("utf-16-le")[:-1] + b"\xff\xfe", "binary file"),
    ],
    ids=["empty", "whitespace", "png", "pdf", "binary", "5mb-text", "broken-utf16"],
)
def test_bad_article_file(ws, content, expected):
    ws.article.write_bytes(content)
    line = one_line_error(ws.build(ws.article))
    assert "a.txt" in line and expected in line
    ws.assert_edition_kept(ws.before)


def test_five_megabyte_text_is_refused_quickly_with_the_limit(ws):
    ws.article.write_bytes("新闻。".encode() * 600_000)  # 5.4 MB
    line = one_line_error(ws.build(ws.article))
    assert "1,800,000 characters" in line and "100,000" in line


def test_huge_web_page(ws):
    page = ws.root / "a.html"
    body = "".join(f"<p>第{i}段：社区建设、城市管理和公共服务的新闻正文。</p>" for i in range(5000))
    page.write_text(f"<html><body><h1>题</h1><div>{body}</div></body></html>", encoding="utf-8")
    line = one_line_error(ws.build(page))
    assert "a.html" in line and "too long for one audio edition" in line
    ws.assert_edition_kept(ws.before)


def test_huge_file_is_refused_unread(ws):
    with ws.article.open("wb") as handle:
        handle.truncate(17 * 1024 * 1024)
    line = one_line_error(ws.build(ws.article))
    assert "too large" in line


def test_directory_without_articles(ws):
    empty = ws.root / "empty"
    empty.mkdir()
    line = one_line_error(ws.build(empty))
    assert "empty" in line and "no article files" in line


def test_html_page_without_article(ws):
    page = ws.root / "a.html"
    shutil.copy(DATA / "no_article.html", page)
    line = one_line_error(ws.build(page))
    assert "a.html" in line and "no article text found" in line
    ws.assert_edition_kept(ws.before)


@pytest.mark.parametrize("markup", ["", "<html><body></body></html>", "<p>广告</p>"])
def test_empty_html(ws, markup):
    page = ws.root / "a.html"
    page.write_text(markup, encoding="utf-8")
    line = one_line_error(ws.build(page))
    assert "a.html" in line
    ws.assert_edition_kept(ws.before)


@pytest.mark.parametrize(
    ("table", "where"),
    [
        ("曾少石: zēng shǎo shí\n发制品: fa4 zhi4: pin3\n", "bad.yaml:2"),
        ("曾少石: zēng shǎo\n", "bad.yaml:1"),
        ("好人: hao3 ren2\n坏: xyz9\n", "bad.yaml:2"),
    ],
)
def test_malformed_pronunciation_table(ws, table, where):
    bad = ws.root / "bad.yaml"
    bad.write_text(table, encoding="utf-8")
    line = one_line_error(ws.build(ws.article, extra=("--pronunciations", str(bad))))
    assert where in line
    ws.assert_edition_kept(ws.before)


def test_output_directory_is_a_file(tmp_path):
    ws = Workspace(tmp_path)
    ws.article.write_text(GOOD, encoding="utf-8")
    ws.out.write_text("not a folder", encoding="utf-8")
    line = one_line_error(ws.build(ws.article))
    assert str(ws.out) in line and "cannot write" in line


def _without_root_file_powers() -> None:
    """Root may write anywhere. Dropping the capabilities that let it ignore file modes (from
    the bounding set, so they are gone after exec) makes the kernel refuse as it would refuse
    any user."""
    import ctypes

    pr_capbset_drop = 24
    cap_dac_override, cap_dac_read_search, cap_fowner = 1, 2, 3
    libc = ctypes.CDLL(None, use_errno=True)
    for capability in (cap_dac_override, cap_dac_read_search, cap_fowner):
        if libc.prctl(pr_capbset_drop, capability, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP) failed")


def test_output_directory_not_writable(ws):
    # A real refusal by the kernel: the output folder is read-only to the user who builds.
    os.chmod(ws.out, 0o555)
    command = [sys.executable, "-m", "audiofeature", "build", str(ws.article), "-o", str(ws.out)]
    command += ["--engine", "tone", "--cache", str(ws.cache)]
    result = subprocess.run(
        command,
        capture_output=True,
        text=True,
        preexec_fn=_without_root_file_powers if os.geteuid() == 0 else None,
    )
    os.chmod(ws.out, 0o755)
    assert result.returncode == 1, result.stderr
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0] == (
        f"Error: {ws.out}: cannot write the edition here ({os.strerror(errno.EACCES)})"
    )
    ws.assert_edition_kept(ws.before)


def _write_to_a_full_disk(*args, **kwargs):
    # /dev/full refuses every write with ENOSPC: the kernel's own error, not one we made up.
    with open("/dev/full", "wb") as full:
        full.write(b"x" * 65536)
        full.flush()


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full (Linux)")
def test_disk_full_while_writing_the_edition(ws, monkeypatch):
    import audiofeature.pipeline as pipeline

    def half_written(edition, run, path):
        path.write_text('{"title": "half', encoding="utf-8")
        _write_to_a_full_disk()

    monkeypatch.setattr(pipeline, "write_manifest", half_written)
    ws.article.write_text(GOOD.replace("很短", "改过"), encoding="utf-8")
    line = one_line_error(ws.build(ws.article))
    assert line == (
        f"Error: {ws.out / 'a'}: cannot write the edition ({os.strerror(errno.ENOSPC)})"
    )
    ws.assert_edition_kept(ws.before)


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full (Linux)")
def test_disk_full_while_caching_clips(ws, monkeypatch):
    from audiofeature.speech import ClipCache

    monkeypatch.setattr(ClipCache, "put", _write_to_a_full_disk)
    ws.article.write_text(GOOD.replace("很短", "是新写的"), encoding="utf-8")
    line = one_line_error(ws.build(ws.article))
    assert line == (f"Error: {ws.cache}: cannot store spoken clips ({os.strerror(errno.ENOSPC)})")
    ws.assert_edition_kept(ws.before)


def test_many_articles_one_bad(tmp_path):
    ws = Workspace(tmp_path)
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(GOOD, encoding="utf-8")
    (folder / "b.txt").write_text("   \n", encoding="utf-8")
    shutil.copy(DATA / "news_page.html", folder / "c.html")
    extra = tmp_path / "d.md"
    extra.write_text("# 另一篇\n\n正文一句。\n", encoding="utf-8")
    result = ws.build(folder, extra)
    assert result.exit_code == 1
    errors = result.stderr.splitlines()
    assert len(errors) == 2 and "Traceback" not in result.stderr
    assert errors[0] == f"Error: {folder / 'b.txt'}: the article is empty"
    assert errors[1] == "Error: 1 of 4 articles failed"
    built = result.stdout.splitlines()
    assert [Path(line.split()[0]).name for line in built] == ["a.mp3", "c.mp3", "d.mp3"]
    assert sorted(p.name for p in ws.out.iterdir()) == ["a", "c", "d"]


def test_two_inputs_with_one_slug(tmp_path):
    ws = Workspace(tmp_path)
    (tmp_path / "x.txt").write_text(GOOD, encoding="utf-8")
    shutil.copy(DATA / "news_page.html", tmp_path / "x.html")
    result = ws.build(tmp_path / "x.txt", tmp_path / "x.html")
    assert result.exit_code == 1
    assert "same output folder" in result.stderr and "same output folder" not in result.stdout
    assert [p.name for p in ws.out.iterdir()] == ["x"]
