"""WebVTT pieces shared by the transcript and the chapter track.

webvtt-py writes the file (header, cue identifiers, timings) but takes cue text as raw cue
markup, so the text is escaped here: `&`, `<` and `>` would otherwise open tags or entities,
and a line break, a blank line in particular, would end the cue early.
"""

from __future__ import annotations

import re

from webvtt import Caption

_BREAKS = re.compile(r"\s*[\r\n\u2028\u2029]+\s*")


def timestamp(ms: int) -> str:
    hours, rest = divmod(ms, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    seconds, millis = divmod(rest, 1000)
    return f"{hours:02d}:{minutes:02d}:{seconds:02d}.{millis:03d}"


def cue_text(text: str) -> str:
    flat = _BREAKS.sub(" ", text.strip())
    return flat.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def cue(identifier: str, start_ms: int, end_ms: int, markup: str) -> Caption:
    """`markup` is already-escaped cue text (it may hold our own <c>/<v> spans)."""
    return Caption(timestamp(start_ms), timestamp(end_ms), markup, identifier=identifier)
