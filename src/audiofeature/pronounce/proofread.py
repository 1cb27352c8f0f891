"""For the editor: readings marked inline, and the `lint` report of what to check by ear."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from audiofeature.pronounce.core import (
    OVERRULED_MODEL,
    UNSURE_BELOW,
    CharReading,
    Pronouncer,
    is_han,
    plain_readings,
    unlisted_name,
)
from audiofeature.pronounce.names import COMMON_SURNAMES
from audiofeature.pronounce.syllables import to_tone_marks

Kind = Literal["person", "place", "polyphone"]
ADMINISTRATIVE = frozenset("省市县区镇乡村州旗盟")


def mark_readings(text: str, readings: Sequence[str]) -> str:
    """曾[zēng]少石: every reading that differs from the plain default, after its character."""
    plain = plain_readings(text)
    out: list[str] = []
    for char, reading, default in zip(text, readings, plain, strict=True):
        out.append(char)
        if is_han(char) and reading != default:
            out.append(f"[{to_tone_marks(reading)}]")
    return "".join(out)


@dataclass(frozen=True)
class Finding:
    utterance: str  # the utterance id
    kind: Kind
    text: str  # the name, or the polyphonic character
    readings: tuple[str, ...]  # chosen, tone digits, one per character of `text`
    sentence: str
    confidence: float | None = None  # polyphones: the context model's probability
    alternatives: tuple[str, ...] = ()
    # For each polyphonic character of `text`: the character and the step that decided its
    # reading (a list, a rule, a table line, the context model, or the plain reading).
    decided_by: tuple[tuple[str, str], ...] = ()

    def line(self) -> str:
        said = " ".join(to_tone_marks(r) for r in self.readings)
        what = f"{self.utterance}  {self.kind:9} {self.text} [{said}]"
        if self.confidence is not None:
            others = ", ".join(to_tone_marks(r) for r in self.alternatives)
            what += f" ({self.confidence:.0%} sure; also {others})" if others else ""
        steps = "; ".join(f"{char}: {step}" for char, step in self.decided_by)
        return f"{what}\n    {self.sentence}" + (f"\n    decided by: {steps}" if steps else "")


@dataclass(frozen=True)
class Report:
    findings: tuple[Finding, ...]
    utterances: int

    def summary(self) -> str:
        names = sum(f.kind != "polyphone" for f in self.findings)
        unsure = len(self.findings) - names
        return (
            f"{names} name{'s' * (names != 1)} not in the table and "
            f"{unsure} uncertain polyphone{'s' * (unsure != 1)} "
            f"in {self.utterances} utterance{'s' * (self.utterances != 1)}"
        )


def lint(utterances: Iterable[tuple[str, ...]], pronouncer: Pronouncer) -> Report:
    """Names that are not in the table and hold a polyphonic character, and polyphones the
    context model was unsure about, for (id, spoken text) or (id, spoken, written) items.

    Given the written text, a name that is not in it is left out: it is the normalizer's
    work, such as Latin letters spelled with Chinese letter names (ISO 艾斯欧)."""
    from audiofeature.pronounce.context import context_model

    model = context_model()
    findings: list[Finding] = []
    count = 0
    for ident, spoken, *rest in utterances:
        written = rest[0] if rest else spoken
        count += 1
        analysis = pronouncer.analyse(spoken)
        covered: set[int] = set()
        for name in analysis.names:
            if analysis.in_table(name.start, name.end):
                continue
            if name.kind == "person" and not unlisted_name(name.text):
                continue
            if name.text not in written:
                continue
            surnames = pronouncer.table.surnames
            if name.kind == "person" and not (
                name.text[0] in COMMON_SURNAMES or name.text[: name.surname] in surnames
            ):
                continue
            # Settled: a character read by the table, a dictionary word or a surname rule; a
            # polyphonic character the context model (or nothing) decided is worth a listen.
            end = name.end
            if name.kind == "place" and name.text[-1] in ADMINISTRATIVE:
                end -= 1  # 湖南省: the 省 of a province is always shěng
            doubtful = [
                c
                for c in analysis.chars[name.start : end]
                if model.is_polyphonic(c.char) and c.source in ("plain", "context", "rule")
            ]
            if not doubtful:
                continue
            covered.update(range(name.start, name.end))
            chars = analysis.chars[name.start : name.end]
            findings.append(
                Finding(
                    ident,
                    name.kind,  # type: ignore[arg-type]
                    name.text,
                    tuple(analysis.readings[name.start : name.end]),
                    spoken,
                    decided_by=tuple(
                        (c.char, _step(c)) for c in chars if model.is_polyphonic(c.char)
                    ),
                )
            )
        for index, char in enumerate(analysis.chars):
            unsure = (
                char.source == "context"
                and char.confidence is not None
                and char.confidence < UNSURE_BELOW
            )
            # A word's reading against the model's (重磅 zhòng): two sources disagree.
            if index in covered or not (unsure or char.why.startswith(OVERRULED_MODEL)):
                continue
            findings.append(
                Finding(
                    ident,
                    "polyphone",
                    char.char,
                    (char.reading,),
                    spoken,
                    char.confidence,
                    char.alternatives,
                    ((char.char, _step(char)),),
                )
            )
    return Report(tuple(findings), count)


def _step(char: CharReading) -> str:
    """The step that decided a character's reading, for the editor."""
    if char.why:
        return char.why
    return "plain reading (pypinyin)" if char.source == "plain" else char.source
