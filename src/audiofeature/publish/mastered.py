"""A cache of mastered audio: levelled, encoded, measured, keyed by the assembled samples.

Levelling and encoding a 20-minute edition takes most of a rebuild whose clips all come from
the clip cache; when the assembled audio and the loudness settings are what they were, the
MP3 made last time is the right one, and only its tags need writing again.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import shutil
import tempfile
from pathlib import Path

from audiofeature.edition import Edition
from audiofeature.publish.loudness import CEILING_DBTP, Measured
from audiofeature.publish.mp3 import BITRATE, LAME_QUALITY

# Bump when levelling or encoding changes what they make from the same samples.
MASTERING_VERSION = "2"


def mastering_key(edition: Edition, target_lufs: float) -> str:
    digest = hashlib.sha256()
    settings = [MASTERING_VERSION, target_lufs, CEILING_DBTP, BITRATE, LAME_QUALITY]
    digest.update(json.dumps(settings).encode())
    digest.update(str(edition.audio.sample_rate).encode())
    digest.update(edition.audio.samples.tobytes())
    return digest.hexdigest()


class MasteredCache:
    def __init__(self, root: Path) -> None:
        self.root = root

    def get(self, key: str, destination: Path) -> Measured | None:
        """Copy the cached MP3 to destination and return its measurement, or None."""
        audio, figures = self.root / f"{key}.mp3", self.root / f"{key}.json"
        try:
            measured = Measured(**json.loads(figures.read_text(encoding="utf-8")))
            shutil.copyfile(audio, destination)
        except (OSError, ValueError, TypeError):
            return None
        return measured

    def put(self, key: str, audio: Path, measured: Measured) -> None:
        """Keep an untagged MP3 and its figures; written atomically, the figures last."""
        self.root.mkdir(parents=True, exist_ok=True)
        for source, suffix in ((audio, ".mp3"), (None, ".json")):
            fd, tmp = tempfile.mkstemp(dir=self.root, suffix=".part")
            try:
                with os.fdopen(fd, "wb") as handle:
                    if source is None:
                        handle.write(json.dumps(dataclasses.asdict(measured)).encode())
                    else:
                        with source.open("rb") as original:
                            shutil.copyfileobj(original, handle)
                os.replace(tmp, self.root / f"{key}{suffix}")
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
