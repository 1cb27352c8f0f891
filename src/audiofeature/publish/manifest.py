"""script.json: the contract other tools read (see DESIGN.md, "Contract: outputs")."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from audiofeature.edition import Edition
from audiofeature.publish.loudness import Measured


@dataclass(frozen=True)
class RunInfo:
    engine: str
    voice: str
    synthesized: int
    cached: int
    loudness: Measured | None = None


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
            {
                "id": c.id,
                "title": c.title,
                "kind": c.kind,
                "start_ms": t.start_ms,
                "end_ms": t.end_ms,
            }
            for c, t in edition.timed_chapters()
        ],
        "utterances": [
            {
                "id": u.id,
                "chapter": u.chapter,
                "role": u.role,
                "written": u.written,
                "spoken": u.spoken,
                "readings": list(u.readings),
                "start_ms": t.start_ms,
                "end_ms": t.end_ms,
                "pause_after_ms": u.pause_after_ms,
                "generated": u.generated,
                "spans": [[s.w_start, s.w_end, s.s_start, s.s_end] for s in u.spans],
            }
            for u, t in edition.timed_utterances()
        ],
    }
    if run.loudness is not None:
        document["loudness"] = {
            "integrated_lufs": run.loudness.integrated_lufs,
            "true_peak_dbtp": run.loudness.true_peak_dbtp,
        }
    return document


def write_manifest(edition: Edition, run: RunInfo, path: Path) -> None:
    path.write_text(
        json.dumps(manifest(edition, run), ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
