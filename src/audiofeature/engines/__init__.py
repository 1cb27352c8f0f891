"""Speech engines behind one protocol, found by name through a registry.

A new engine is one module that defines a class and decorates it with `@register`. Heavy
engines import their dependencies lazily, so listing engines never loads a model.
"""

from audiofeature.engines.base import (
    Clip,
    Engine,
    SpeechRequest,
    Voice,
    available_engines,
    get_engine,
    register,
)

__all__ = [
    "Clip",
    "Engine",
    "SpeechRequest",
    "Voice",
    "available_engines",
    "get_engine",
    "register",
]
