"""One exception base for every failure a user can cause or fix.

The CLI turns these into a single line on stderr and exit code 1; anything else is a bug and
keeps its traceback.
"""


class AudiofeatureError(Exception):
    """Base of all domain errors."""


class ArticleError(AudiofeatureError):
    """The article file is missing, unreadable, or holds no article."""


class PronunciationTableError(AudiofeatureError):
    """A pronunciation table is malformed; the message names file:line."""


class EngineError(AudiofeatureError):
    """An engine is unknown, not installed, or failed to synthesize."""


class AudioError(AudiofeatureError):
    """Encoding or decoding audio failed (carries ffmpeg's stderr)."""
