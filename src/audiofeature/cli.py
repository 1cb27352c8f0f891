"""The command line. Domain errors become one line on stderr and exit code 1 here, and only here."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import click

from audiofeature import __version__
from audiofeature.errors import AudiofeatureError

DEFAULT_ENGINE = "local"


def _fail(exc: AudiofeatureError) -> click.ClickException:
    # One line, always: an error that carries a tool's output (ffmpeg's stderr) is folded.
    return click.ClickException(
        " | ".join(line.strip() for line in str(exc).splitlines() if line.strip())
    )


def _formats(ctx: click.Context, param: click.Parameter, value: str) -> frozenset[str]:
    from audiofeature.publish.info import parse_formats

    try:
        return parse_formats(value)
    except AudiofeatureError as exc:
        raise click.BadParameter(str(exc).removeprefix("--formats: ")) from None


def _base_url(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is None:
        return None
    from urllib.parse import urlsplit

    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise click.BadParameter(
            f"{value!r} is not an http(s) URL such as https://example.org/audio"
        )
    return value


def _lines(text: str | None) -> list[str]:
    if text is not None:
        return [text]
    return [line.rstrip("\n") for line in sys.stdin]


def run() -> None:
    """The console entry point: `main`, then out without the interpreter's teardown.

    Freeing a build's objects one by one (pypinyin's and jieba's dictionaries, the models'
    sessions) takes a fifth of a second at exit, a tenth of a one-word rebuild. Every file is
    closed and renamed into place before a command returns, so nothing is left to flush but
    the standard streams."""
    try:
        main()
        code = 0
    except SystemExit as exc:
        if exc.code is None or isinstance(exc.code, int):
            code = exc.code or 0
        else:  # sys.exit("message"): what the interpreter would print
            print(exc.code, file=sys.stderr)
            code = 1
    try:
        sys.stdout.flush()
    except (OSError, ValueError):  # a closed pipe (| head): nothing left to say
        code = code or 1
    sys.stderr.flush()
    os._exit(code)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="audiofeature")
def main() -> None:
    """Turn a Chinese news article into an accessible audio edition.

    \b
    Quick start:
      audiofeature build article.md -o out/     chaptered MP3 + script.json in out/article/
      audiofeature script article.md            the spoken script, to proofread
    """


@main.command()
@click.argument("articles", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--outdir",
    type=click.Path(path_type=Path),
    default=Path("out"),
    show_default=True,
    help="Folder that receives one sub-folder per article.",
)
@click.option(
    "--engine",
    default=DEFAULT_ENGINE,
    show_default=True,
    help="Speech engine (see `audiofeature voices`).",
)
@click.option("--voice", default=None, help="Voice for the body text (default: the engine's own).")
@click.option(
    "--figure-voice",
    default=None,
    help="Voice for photo descriptions (default: a second voice, or a slower rate).",
)
@click.option(
    "--rate",
    default="+0%",
    show_default=True,
    help="Speaking rate, spelled as edge-tts does: +10%, -20%.",
)
@click.option(
    "--pronunciations",
    type=click.Path(path_type=Path),
    default=None,
    help="Your pronunciation table (YAML), merged over the shipped one.",
)
@click.option(
    "--jobs",
    type=click.IntRange(min=1),
    default=None,
    help="Parallel synthesis workers [default: all cores].",
)
@click.option(
    "--cache",
    "cache_dir",
    type=click.Path(path_type=Path),
    default=None,
    help="Clip cache folder [default: the user cache directory].",
)
@click.option("--no-cache", is_flag=True, help="Speak everything afresh and cache nothing.")
@click.option(
    "--loudness",
    type=click.FloatRange(-40.0, -5.0),
    default=-16.0,
    show_default=True,
    help="Integrated loudness of the edition, LUFS (ITU-R BS.1770); true peak stays <= -1 dBTP.",
)
@click.option(
    "--cover",
    type=click.Path(path_type=Path),
    default=None,
    help="Cover image (JPEG or PNG) for the MP3 tags, the feed and the player page.",
)
@click.option(
    "--base-url",
    default=None,
    callback=_base_url,
    help="Public URL of OUTDIR: the feed links to BASE_URL/<slug>/<file>.",
)
@click.option(
    "--formats",
    default="all",
    show_default=True,
    callback=_formats,
    help="Sidecars to write, comma-separated: transcript, chapters-vtt, chapters-json, feed, "
    "html, epub (EPUB 3 with media overlays), daisy (DAISY 2.02); or all, none. The MP3 and "
    "script.json are always written.",
)
def build(
    articles: tuple[Path, ...],
    outdir: Path,
    engine: str,
    voice: str | None,
    figure_voice: str | None,
    rate: str,
    pronunciations: Path | None,
    jobs: int | None,
    cache_dir: Path | None,
    no_cache: bool,
    loudness: float,
    cover: Path | None,
    base_url: str | None,
    formats: frozenset[str],
) -> None:
    """Build the audio edition of each ARTICLE (.txt, .md or .html, or a folder of them) into
    OUTDIR/<slug>/. An article that fails is reported and the others still build."""
    from audiofeature.pipeline import BuildOptions
    from audiofeature.pipeline import build as run_build

    options = BuildOptions(
        engine=engine,
        voice=voice,
        figure_voice=figure_voice,
        rate=rate,
        pronunciations=pronunciations,
        jobs=jobs,
        cache_dir=cache_dir,
        use_cache=not no_cache,
        progress=sys.stderr.isatty(),
        loudness=loudness,
        cover=cover,
        base_url=base_url,
        formats=formats,
    )
    from audiofeature.article import article_files
    from audiofeature.errors import ArticleError
    from audiofeature.pipeline import slug_of

    todo: list[Path | AudiofeatureError] = []
    for given in articles:
        if given.is_dir():
            todo.extend(
                article_files(given)
                or [ArticleError(f"{given}: a folder with no article files in it (.txt .md .html)")]
            )
        else:
            todo.append(given)
    failed = 0
    slugs: dict[str, Path] = {}
    for item in todo:
        try:
            if isinstance(item, AudiofeatureError):
                raise item
            slug = slug_of(item)
            if slug in slugs:
                raise ArticleError(
                    f"{item}: has the same output folder {outdir / slug} as {slugs[slug]}; "
                    "rename one of them"
                )
            slugs[slug] = item
            result = run_build(item, outdir, options)
        except AudiofeatureError as exc:
            if len(todo) == 1:
                raise _fail(exc) from None
            click.echo(f"Error: {_fail(exc).message}", err=True)
            failed += 1
            continue
        click.echo(
            f"{result.mp3}  {result.duration_ms / 1000:.1f} s  "
            f"({result.synthesized} spoken, {result.cached} from cache)"
            + (
                f"  {result.loudness.integrated_lufs:.1f} LUFS, "
                f"true peak {result.loudness.true_peak_dbtp:.1f} dBTP"
                if result.loudness
                else ""
            )
        )
    if failed:
        raise click.ClickException(f"{failed} of {len(todo)} articles failed")


@main.command()
@click.argument("article", type=click.Path(path_type=Path))
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
@click.option(
    "--engine", default=DEFAULT_ENGINE, show_default=True, help="Engine the script is prepared for."
)
@click.option(
    "--pronunciations",
    type=click.Path(path_type=Path),
    default=None,
    help="Your pronunciation table.",
)
def script(article: Path, fmt: str, engine: str, pronunciations: Path | None) -> None:
    """Print the spoken script of ARTICLE, without making audio."""
    from audiofeature.engines import get_engine
    from audiofeature.pipeline import make_script

    try:
        made = make_script(article, get_engine(engine), pronunciations)
    except AudiofeatureError as exc:
        raise _fail(exc) from None
    if fmt == "json":
        from audiofeature.publish.manifest import script_document

        payload = script_document(made, engine)
        click.echo(json.dumps(payload, ensure_ascii=False, indent=1))
        return
    from audiofeature.pronounce import mark_readings

    # Each reading that differs from the plain default is shown after its character:
    # 曾[zēng]少石, so an editor proofreads exactly what will be said.
    for chapter in made.chapters:
        click.echo(f"## {chapter.title}  [{chapter.kind}]")
        for utterance in chapter.utterances:
            marked = mark_readings(utterance.spoken, utterance.readings)
            click.echo(f"{utterance.id} {utterance.role:8} {marked}")
        click.echo()


@main.command()
@click.argument("article", type=click.Path(path_type=Path))
@click.option(
    "--engine", default=DEFAULT_ENGINE, show_default=True, help="Engine the script is prepared for."
)
@click.option(
    "--pronunciations",
    type=click.Path(path_type=Path),
    default=None,
    help="Your pronunciation table.",
)
def lint(article: Path, engine: str, pronunciations: Path | None) -> None:
    """List names and polyphones in ARTICLE whose reading should be checked by ear.

    Person and place names that are not in the pronunciation table and hold a character with
    several readings, and polyphones the context model was unsure about, each with its
    sentence and the reading chosen; a summary line at the end.
    """
    from audiofeature.engines import get_engine
    from audiofeature.pipeline import make_script
    from audiofeature.pronounce import Pronouncer
    from audiofeature.pronounce import lint as find_doubts

    try:
        made = make_script(article, get_engine(engine), pronunciations)
        report = find_doubts(
            ((u.id, u.spoken, u.written) for u in made.utterances),
            Pronouncer.from_files(pronunciations),
        )
    except AudiofeatureError as exc:
        raise _fail(exc) from None
    for finding in report.findings:
        click.echo(finding.line())
    click.echo(f"{article}: {report.summary()}")


@main.command()
@click.argument("text", required=False)
@click.option(
    "--latin",
    type=click.Choice(["keep", "spell"]),
    default="keep",
    show_default=True,
    help="Latin letters as written, or spelled with Chinese letter names.",
)
def normalize(text: str | None, latin: str) -> None:
    """Say TEXT (or each stdin line) the way a newsreader would: 2019年 → 二零一九年."""
    from audiofeature.normalize import normalize as run

    for line in _lines(text):
        click.echo(run(line, latin).spoken)  # type: ignore[arg-type]


@main.command()
@click.argument("text", required=False)
@click.option(
    "--pronunciations",
    type=click.Path(path_type=Path),
    default=None,
    help="Your pronunciation table.",
)
def pinyin(text: str | None, pronunciations: Path | None) -> None:
    """One reading per character of TEXT (or each stdin line), tone digits, neutral 5."""
    from audiofeature.pronounce import Pronouncer

    try:
        pronouncer = Pronouncer.from_files(pronunciations)
    except AudiofeatureError as exc:
        raise _fail(exc) from None
    for line in _lines(text):
        click.echo(" ".join(pronouncer.readings(line)))


@main.command()
@click.option("--engine", default=None, help="Only this engine's voices.")
def voices(engine: str | None) -> None:
    """List the voices of each engine."""
    from audiofeature.engines import available_engines, get_engine

    names = [engine] if engine else available_engines()
    for name in names:
        try:
            found = get_engine(name)
        except AudiofeatureError as exc:
            raise _fail(exc) from None
        click.echo(
            f"{name} ({found.input_kind} input; default voice {found.default_voice}, "
            f"photo descriptions {found.default_figure_voice})"
        )
        try:
            listed = found.voices()
        except AudiofeatureError as exc:  # e.g. edge offline: say so, list the others
            click.echo(f"  voices not available: {exc}")
            continue
        for voice in listed:
            click.echo(f"  {voice.name:28} {voice.description}")
