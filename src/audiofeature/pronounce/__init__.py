"""Pronunciation: one pinyin reading (tone digits, neutral 5) per character of spoken text.

See `core` for the order in which readings are decided, `table` for the pronunciation tables,
`respell` for text-only engines and `lint` for the proofreading report.
"""

from audiofeature.pronounce.core import (
    Analysis,
    CharReading,
    Pronouncer,
    most_common_reading,
    plain_readings,
)
from audiofeature.pronounce.proofread import Finding, Report, lint, mark_readings
from audiofeature.pronounce.respell import respell_for_text_engine
from audiofeature.pronounce.syllables import to_tone_digits, to_tone_marks
from audiofeature.pronounce.table import Entry, Table, load_table, shipped_table_path

__all__ = [
    "Analysis",
    "CharReading",
    "Entry",
    "Finding",
    "Report",
    "Pronouncer",
    "Table",
    "lint",
    "load_table",
    "mark_readings",
    "most_common_reading",
    "plain_readings",
    "respell_for_text_engine",
    "shipped_table_path",
    "to_tone_digits",
    "to_tone_marks",
]
