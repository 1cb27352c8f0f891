"""The CLI: domain errors are one line and exit code 1, never a traceback."""

import pytest
from click.testing import CliRunner

from audiofeature.cli import main


@pytest.fixture
def runner():
    return CliRunner()


def one_line_error(result) -> str:
    """The error is one line on stderr, and nothing is printed on stdout."""
    assert result.exit_code == 1, result.output
    assert result.stdout == "", result.stdout
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("Error: ") and "Traceback" not in lines[0]
    return lines[0]


def test_missing_file(runner, tmp_path):
    line = one_line_error(
        runner.invoke(main, ["build", str(tmp_path / "nope.md"), "-o", str(tmp_path)])
    )
    assert "nope.md" in line and "no such file" in line


def test_empty_article(runner, tmp_path):
    path = tmp_path / "empty.md"
    path.write_text("\n  \n", encoding="utf-8")
    line = one_line_error(runner.invoke(main, ["build", str(path), "-o", str(tmp_path / "out")]))
    assert "empty.md" in line and "empty" in line


def test_directory_is_not_an_article(runner, tmp_path):
    line = one_line_error(runner.invoke(main, ["script", str(tmp_path)]))
    assert "directory" in line


def test_unknown_engine(runner, tmp_path):
    path = tmp_path / "a.md"
    path.write_text("# 标题\n\n正文。\n", encoding="utf-8")
    line = one_line_error(
        runner.invoke(main, ["build", str(path), "--engine", "nosuch", "-o", str(tmp_path)])
    )
    assert "nosuch" in line and "unknown engine" in line


def test_bad_rate(runner, tmp_path):
    path = tmp_path / "a.md"
    path.write_text("# 标题\n\n正文。\n", encoding="utf-8")
    line = one_line_error(
        runner.invoke(main, ["build", str(path), "--rate", "fast", "-o", str(tmp_path)])
    )
    assert "rate" in line


def test_script_text(runner, seed_path):
    result = runner.invoke(main, ["script", str(seed_path)])
    assert result.exit_code == 0
    assert "以「质」取胜 引领高质量发展" in result.output


def test_pinyin_one_reading_per_character(runner):
    result = runner.invoke(main, ["pinyin"], input="你好a\n中国\n")
    assert result.output.splitlines() == ["ni3 hao3 a", "zhong1 guo2"]


def test_normalize_stdin(runner):
    result = runner.invoke(main, ["normalize"], input="增长42%\n")
    assert result.output.strip() == "增长百分之四十二"


def test_voices_lists_engines(runner):
    result = runner.invoke(main, ["voices"])
    assert result.exit_code == 0
    assert "espeak" in result.output and "cmn-latn-pinyin" in result.output


def test_module_entry_point():
    import subprocess
    import sys

    out = subprocess.run(
        [sys.executable, "-m", "audiofeature", "--help"], capture_output=True, text=True
    )
    assert out.returncode == 0 and "build" in out.stdout


@pytest.mark.parametrize(
    ("args", "code", "stream", "said"),
    [
        (["--version"], 0, "stdout", "audiofeature"),
        (["build"], 2, "stderr", "Missing argument"),
        (["script", "no-such-article.md"], 1, "stderr", "no-such-article.md"),
    ],
)
def test_the_entry_point_exits_with_clicks_code_and_all_its_output(args, code, stream, said):
    # run() leaves by os._exit: the exit code and the buffered streams must survive that.
    import subprocess
    import sys

    out = subprocess.run(
        [sys.executable, "-m", "audiofeature", *args], capture_output=True, text=True
    )
    assert out.returncode == code
    assert said in getattr(out, stream)


def test_the_entry_point_flushes_a_long_output_into_a_pipe(tmp_path):
    import subprocess
    import sys

    lines = [f"第{i}行" for i in range(3000)]
    out = subprocess.run(
        [sys.executable, "-m", "audiofeature", "pinyin"],
        input="\n".join(lines) + "\n",
        capture_output=True,
        text=True,
    )
    assert out.returncode == 0
    assert len(out.stdout.splitlines()) == len(lines)


def test_regression_multiline_error_is_folded_into_one_line():
    from audiofeature.cli import _fail
    from audiofeature.errors import AudioError

    folded = _fail(
        AudioError("out.mp3: ffmpeg could not encode:\n  line one\n\n  line two\n")
    ).message
    assert folded == "out.mp3: ffmpeg could not encode: | line one | line two"
