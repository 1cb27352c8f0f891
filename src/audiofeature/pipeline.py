"""The one module that knows the order of the stages: article → script → speech → edition → files."""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from audiofeature.article import Article, load_article
from audiofeature.edition import EDITION_RATE, assemble
from audiofeature.engines import Engine, SpeechRequest, get_engine
from audiofeature.engines.base import FIGURE_RATE_STEP, shift_rate
from audiofeature.errors import AudiofeatureError, EngineError
from audiofeature.normalize import normalize
from audiofeature.pronounce import Pronouncer
from audiofeature.pronounce.remembered import (
    Remembered,
    RememberedNormalizer,
    RememberedReadings,
    remembered_surface_tones,
)
from audiofeature.pronounce.respell import latin_said_as
from audiofeature.pronounce.segment import Token
from audiofeature.publish import write_sidecars
from audiofeature.publish.info import FORMATS, Publication, edition_date, load_cover
from audiofeature.publish.loudness import TARGET_LUFS, Measured, preload_meter
from audiofeature.publish.manifest import RunInfo, write_manifest
from audiofeature.publish.mastering import PieceCache, master_pieces
from audiofeature.publish.mp3 import tag_mp3, tags_for
from audiofeature.script import Script, Utterance, build_script
from audiofeature.speech import ClipCache, default_cache_dir, speak_all


@dataclass(frozen=True)
class BuildOptions:
    engine: str = "local"
    voice: str | None = None
    figure_voice: str | None = None  # photo descriptions; default: the engine's figure voice
    rate: str = "+0%"
    pronunciations: Path | None = None
    jobs: int | None = None
    cache_dir: Path | None = None
    use_cache: bool = True
    progress: bool = True
    loudness: float = TARGET_LUFS  # integrated LUFS of the whole edition
    cover: Path | None = None  # JPEG or PNG
    base_url: str | None = None  # where OUTDIR is served: makes the feed's links absolute
    formats: frozenset[str] = frozenset(FORMATS)  # sidecars and books beside the MP3


@dataclass(frozen=True)
class BuildResult:
    folder: Path
    mp3: Path
    duration_ms: int
    synthesized: int
    cached: int
    loudness: Measured | None = None  # what the MP3 decodes to, by the BS.1770 meter


def slug_of(path: Path) -> str:
    slug = re.sub(r"[^\w.-]+", "-", path.stem).strip("-.")
    return slug or "article"


def prepare(
    article_path: Path,
    engine: Engine,
    pronunciations: Path | None = None,
    readings_cache: Path | None = None,
) -> tuple[Article, Script, Callable[[str], Sequence[Token] | None]]:
    """The article and its script, and what tells the segmenter's words of a text read
    anew in this run (None for the others)."""
    article = load_article(article_path)
    # Building a pronouncer only reads the tables; its models load when it first reads.
    pronouncer = Pronouncer.from_files(pronunciations)
    latin = "spell" if engine.input_kind == "pinyin" else "keep"
    # The table's Latin words (iPhone) are said by their syllables where Latin is spelled.
    said_as = latin_said_as(pronouncer.table.latin) if latin == "spell" else {}
    if readings_cache is None:
        script = build_script(
            article, pronouncer.readings, latin, lambda text, mode: normalize(text, mode, said_as)
        )
        return article, script, lambda text: None
    reader = RememberedReadings(
        pronouncer.table,
        readings_cache,
        lambda: pronouncer,
        on_first_miss=getattr(engine, "warm_up", None),
    )
    normalizer = RememberedNormalizer(readings_cache, said_as)
    return article, build_script(article, reader, latin, normalizer), reader.tokens


def make_script(article_path: Path, engine: Engine, pronunciations: Path | None = None) -> Script:
    return prepare(article_path, engine, pronunciations)[1]


def _artist(article: Article) -> str:
    if article.byline is None:
        return "audiofeature"
    names = "、".join(name for credit in article.byline.credits for name in credit.names)
    return " ".join(part for part in (article.byline.outlet, names) if part)


def build(article_path: Path, outdir: Path, options: BuildOptions) -> BuildResult:
    engine = get_engine(options.engine)
    voice = options.voice or engine.default_voice
    figure_voice = options.figure_voice or engine.default_figure_voice
    # One voice for both roles: photo descriptions are told apart by their rate.
    figure_rate = (
        shift_rate(options.rate, FIGURE_RATE_STEP) if figure_voice == voice else options.rate
    )
    try:
        known = {v.name for v in engine.voices()}
    except EngineError:
        known = set()  # the engine cannot list them now (offline): it says so when it speaks
    for wanted in (voice, figure_voice):
        if known and wanted not in known:
            raise AudiofeatureError(
                f"engine {engine.name!r} has no voice {wanted!r} "
                f"(it has: {', '.join(sorted(known))})"
            )
    cache_root = options.cache_dir or default_cache_dir()
    # Folder names that cannot clash with the clips' two-hex-digit folders.
    readings_cache = cache_root / "readings" if options.use_cache else None
    article, script, tokens = prepare(article_path, engine, options.pronunciations, readings_cache)
    memo = Remembered(readings_cache) if readings_cache else None
    cover = load_cover(options.cover) if options.cover else None  # fail before speaking

    def request(utterance: Utterance) -> SpeechRequest:
        readings = utterance.readings
        if engine.surface_tones:
            readings = remembered_surface_tones(
                memo, utterance.spoken, readings, tokens(utterance.spoken)
            )
        if utterance.role == "figure":
            return SpeechRequest(utterance.spoken, readings, figure_voice, figure_rate)
        return SpeechRequest(utterance.spoken, readings, voice, options.rate)

    requests = [request(u) for u in script.utterances]
    cache = ClipCache(cache_root) if options.use_cache else None
    pieces = PieceCache(cache_root / "pieces") if options.use_cache else None
    try:
        spoken = speak_all(
            engine,
            requests,
            cache,
            jobs=options.jobs,
            progress=options.progress,
            before_speaking=lambda: preload_meter(EDITION_RATE),
        )
    except OSError as exc:  # the clip cache cannot be written: full disk, no permission
        where = cache.root if cache else "speech"
        raise AudiofeatureError(f"{where}: cannot store spoken clips ({exc.strerror})") from exc
    edition = assemble(script, spoken.clips)

    slug = slug_of(article_path)
    folder = outdir / slug
    try:
        outdir.mkdir(parents=True, exist_ok=True)
        # Everything is written into a scratch folder beside the target and swapped in at the
        # end, so an interrupted or failed run never leaves half an edition over a good one.
        scratch = Path(tempfile.mkdtemp(prefix=f".{slug}.", dir=outdir))
    except OSError as exc:
        raise AudiofeatureError(
            f"{outdir}: cannot write the edition here ({exc.strerror})"
        ) from exc
    try:
        publication = Publication(
            slug=slug,
            title=script.title,
            subtitle=article.subtitle,
            artist=_artist(article),
            album=article.byline.outlet
            if article.byline and article.byline.outlet
            else "audiofeature",
            byline=article.byline.written if article.byline else None,
            date=edition_date(),
            engine=engine.name,
            voice=voice,
            cover=cover,
            base_url=options.base_url,
            sidecars=options.formats,
        )
        mp3 = scratch / publication.mp3_name
        tags = tags_for(publication)
        # Loudness is set once, on the whole edition; the work is done and cached per chapter,
        # so a rebuild after a one-word fix levels and encodes one chapter (publish/mastering).
        mastered = master_pieces(edition, options.loudness, pieces, jobs=options.jobs)
        mp3.write_bytes(mastered.mp3)
        measured = mastered.measured
        tag_mp3(edition, mp3, tags)
        write_manifest(
            edition,
            RunInfo(
                engine.name,
                voice,
                spoken.synthesized,
                spoken.cached,
                measured,
                mastered.gain_db,
                mastered.pieces,
                mastered.encoded,
            ),
            scratch / "script.json",
        )
        write_sidecars(edition, publication, scratch)
        os.chmod(scratch, 0o755)
        if folder.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{slug}.old.", dir=outdir))
            os.replace(folder, old / slug)
            os.replace(scratch, folder)
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.replace(scratch, folder)
    except OSError as exc:
        raise AudiofeatureError(f"{folder}: cannot write the edition ({exc.strerror})") from exc
    finally:
        if scratch.exists():
            shutil.rmtree(scratch, ignore_errors=True)
    return BuildResult(
        folder,
        folder / f"{slug}.mp3",
        edition.duration_ms,
        spoken.synthesized,
        spoken.cached,
        measured,
    )
