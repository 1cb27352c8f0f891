"""The engine protocol, the value types it trades in, and the registry."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import ClassVar, Literal, Protocol

import numpy as np

from audiofeature.errors import EngineError

InputKind = Literal["pinyin", "text"]


class GaveUp(EngineError):
    """The engine keeps failing whatever it is asked (a service down, a quota spent): the build
    stops asking it, and what was already spoken stays cached."""


@dataclass(frozen=True)
class Voice:
    name: str
    description: str


@dataclass(frozen=True)
class SpeechRequest:
    """What to say: the spoken text and one reading per character of it."""

    text: str
    readings: tuple[str, ...]
    voice: str
    rate: str = "+0%"  # spelled as edge-tts spells it


@dataclass(frozen=True, eq=False)
class Clip:
    """Mono 16-bit audio. Immutable: the samples array is made read-only."""

    samples: np.ndarray
    sample_rate: int

    def __post_init__(self) -> None:
        samples = np.ascontiguousarray(self.samples, dtype=np.int16)
        samples.setflags(write=False)
        object.__setattr__(self, "samples", samples)

    @property
    def duration_ms(self) -> float:
        return len(self.samples) * 1000 / self.sample_rate


class Engine(Protocol):
    name: ClassVar[str]
    input_kind: ClassVar[InputKind]
    model_version: ClassVar[str]
    default_voice: ClassVar[str]
    # The voice for photo descriptions; where it equals default_voice (one-voice engines), the
    # figures are told apart by rate instead (FIGURE_RATE_STEP).
    default_figure_voice: ClassVar[str]
    # A pinyin engine whose voice learned surface tones (一个 yi2 ge4, 你好 ni2 hao3) is given
    # them; the script's readings stay in citation tones for proofreading.
    surface_tones: ClassVar[bool]

    def voices(self) -> list[Voice]: ...

    def prepare(self) -> None:
        """Load what synthesis needs, once, before the workers start; raise EngineError with an
        install hint when something is missing, so a build fails at once and says why."""
        ...

    def engine_input(self, request: SpeechRequest) -> str:
        """The exact input the engine is given: the cache key is built from it."""
        ...

    def synthesize(self, request: SpeechRequest) -> Clip: ...


# Where the figure voice is the body voice, figures are spoken this much slower, so a listener
# hears that a description is playing.
FIGURE_RATE_STEP = -10


def shift_rate(rate: str, percent: int) -> str:
    """'+0%' shifted by -10 -> '-10%'; stays in the edge-tts spelling."""
    parse_rate(rate)
    return f"{int(rate.strip()[:-1]) + percent:+d}%"


def parse_rate(rate: str) -> float:
    """'+10%' -> 1.1, '-20%' -> 0.8; the edge-tts spelling of a speaking rate."""
    text = rate.strip()
    try:
        if not text.endswith("%") or text[0] not in "+-":
            raise ValueError
        factor = 1 + int(text[:-1]) / 100
    except ValueError:
        raise EngineError(f"rate {rate!r}: write it as edge-tts does, e.g. +10% or -20%") from None
    if not 0.25 <= factor <= 4:
        raise EngineError(f"rate {rate!r}: must lie between -75% and +300%")
    return factor


_REGISTRY: dict[str, type] = {}
# Modules that define built-in engines; importing one registers its engines.
_BUILTIN_MODULES = (
    "audiofeature.engines.local",
    "audiofeature.engines.edge",
    "audiofeature.engines.espeak",
    "audiofeature.engines.tone",
)


def register(cls: type) -> type:
    _REGISTRY[cls.name] = cls
    return cls


def _load_builtins() -> None:
    for module in _BUILTIN_MODULES:
        importlib.import_module(module)


def available_engines() -> list[str]:
    _load_builtins()
    return sorted(_REGISTRY)


def get_engine(name: str) -> Engine:
    _load_builtins()
    factory: Callable[[], Engine] | None = _REGISTRY.get(name)
    if factory is None:
        known = ", ".join(sorted(_REGISTRY))
        raise EngineError(f"unknown engine {name!r} (known: {known})")
    return factory()
