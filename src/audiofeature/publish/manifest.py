"""script.json: the contract other tools read (see DESIGN.md, "Contract: outputs")."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from audiofeature.edition import Edition
from audiofeature.publish.loudness import Measured
from audiofeature.script import Chapter, Script, Utterance


@dataclass(frozen=True)
class RunInfo:
    engine: str
    voice: str
    synthesized: int
    cached: int
    loudness: Measured | None = None
    gain_db: float | None = None  # the edition's one gain
    pieces: int = 0  # the pieces it was mastered in, and how many of them this run encoded
    encoded: int = 0


def _chapter(chapter: Chapter) -> dict[str, Any]:
    return {"id": chapter.id, "title": chapter.title, "kind": chapter.kind}


def _utterance(utterance: Utterance) -> dict[str, Any]:
    return {
        "id": utterance.id,
        "chapter": utterance.chapter,
        "role": utterance.role,
        "written": utterance.written,
        "spoken": utterance.spoken,
        "readings": list(utterance.readings),
        "pause_after_ms": utterance.pause_after_ms,
        "generated": utterance.generated,
        "spans": [[s.w_start, s.w_end, s.s_start, s.s_end] for s in utterance.spans],
    }


def script_document(script: Script, engine: str) -> dict[str, Any]:
    """script.json's shape without the times: what `audiofeature script --format json` prints."""
    return {
        "title": script.title,
        "engine": engine,
        "chapters": [_chapter(c) for c in script.chapters],
        "utterances": [_utterance(u) for u in script.utterances],
    }


def manifest(edition: Edition, run: RunInfo) -> dict[str, Any]:
    script = edition.script
    document: dict[str, Any] = {
        "title": script.title,
        "engine": run.engine,
        "voice": run.voice,
        "duration_ms": edition.duration_ms,
        "stats": {
            "utterances": len(script.utterances),
            "synthesized": run.synthesized,
            "cached": run.cached,
        },
        "chapters": [
            {**_chapter(c), "start_ms": t.start_ms, "end_ms": t.end_ms}
            for c, t in edition.timed_chapters()
        ],
        "utterances": [
            {**_utterance(u), "start_ms": t.start_ms, "end_ms": t.end_ms}
            for u, t in edition.timed_utterances()
        ],
    }
    if run.loudness is not None:
        document["loudness"] = {
            "integrated_lufs": run.loudness.integrated_lufs,
            "true_peak_dbtp": run.loudness.true_peak_dbtp,
        }
    if run.gain_db is not None:
        document["mastering"] = {
            "gain_db": round(run.gain_db, 2),
            "pieces": run.pieces,
            "encoded": run.encoded,
        }
    return document


def write_manifest(edition: Edition, run: RunInfo, path: Path) -> None:
    path.write_text(
        json.dumps(manifest(edition, run), ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
