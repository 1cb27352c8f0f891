"""scipy.signal's lfilter, upfirdn and resample_poly, and the filters the meters take from
scipy and pyloudnorm, without importing scipy.signal.

Why: importing scipy.signal (pyloudnorm imports it too) costs 0.9-1.3 s here, most of a rebuild
after a one-word fix, which measures one piece of audio. The routines' compiled cores
(`_sigtools`, `_upfirdn_apply`) load on their own in 0.1 s, and the wrappers below call them as
scipy's own Python wrappers do, so every value is scipy's, bit for bit (tests/test_dsp.py holds
them against scipy.signal). Where the cores cannot be loaded so (another scipy's layout),
scipy.signal is imported after all. The filters' coefficients are designed by scipy and
pyloudnorm once and kept in the user cache (cachefiles.derived).
"""

from __future__ import annotations

import functools
import importlib.machinery
import importlib.util
import io
import threading
from pathlib import Path
from typing import Any

import numpy as np

from audiofeature.cachefiles import derived, installed_stamp

_lock = threading.Lock()


_cores: dict[str, Any] = {}
_core_lock = threading.Lock()


def _core(name: str) -> Any | None:
    """scipy.signal's compiled module `name`, loaded without scipy.signal's __init__; once, under
    a lock, as the meters' preloading thread and the build may ask for it at the same moment."""
    with _core_lock:
        if name not in _cores:
            _cores[name] = _load_core(name)
        return _cores[name]


def _load_core(name: str) -> Any | None:
    spec = importlib.util.find_spec("scipy")
    if spec is None or not spec.submodule_search_locations:
        return None
    folder = Path(next(iter(spec.submodule_search_locations))) / "signal"
    found = sorted(folder.glob(f"{name}.*.so")) + sorted(folder.glob(f"{name}.*.pyd"))
    if not found:
        return None
    qualified = f"scipy.signal.{name}"
    try:
        loader = importlib.machinery.ExtensionFileLoader(qualified, str(found[0]))
        module_spec = importlib.util.spec_from_file_location(qualified, found[0], loader=loader)
        if module_spec is None:
            return None
        module = importlib.util.module_from_spec(module_spec)
        loader.exec_module(module)
        return module
    except (ImportError, OSError):
        return None


def lfilter(b: np.ndarray, a: np.ndarray, x: np.ndarray, zi: np.ndarray) -> tuple[Any, Any]:
    """scipy.signal.lfilter(b, a, x, zi=zi) for 1-D float64 x and a filter with len(a) > 1."""
    core = _core("_sigtools")
    if core is None or len(a) < 2:
        from scipy import signal

        return signal.lfilter(b, a, x, zi=zi)
    return core._linear_filter(b, a, x, -1, zi)


def _pad_h(h: np.ndarray, up: int) -> np.ndarray:
    # scipy.signal._upfirdn._pad_h: the taps transposed by phase and flipped.
    full = np.zeros(len(h) + (-len(h) % up), h.dtype)
    full[: len(h)] = h
    return np.ascontiguousarray(full.reshape(-1, up).T[:, ::-1].ravel())


def upfirdn(h: np.ndarray, x: np.ndarray, up: int = 1, down: int = 1, axis: int = -1) -> Any:
    """scipy.signal.upfirdn(h, x, up, down, axis) with zeros beyond x, float64."""
    core = _core("_upfirdn_apply")
    if core is None:
        from scipy import signal

        return signal.upfirdn(h, x, up, down, axis=axis)
    x = np.asarray(x)
    dtype = np.result_type(h.dtype, x.dtype, np.float32)
    h = np.asarray(h, dtype)
    shape = np.asarray(x.shape, dtype=np.int64)
    shape[axis] = core._output_len(len(h), x.shape[axis], up, down)
    out = np.zeros(shape, dtype=dtype, order="C")
    core._apply(
        np.asarray(x, dtype),
        _pad_h(h, up),
        out,
        up,
        down,
        axis % x.ndim,
        core.mode_enum("constant"),
        0,
    )
    return out


def _npy(array: np.ndarray) -> bytes:
    buffer = io.BytesIO()
    np.save(buffer, array, allow_pickle=False)
    return buffer.getvalue()


@functools.cache
def interpolation_filter(up: int) -> np.ndarray:
    """resample_poly's filter for `up` times, scaled by it: firwin(20 up + 1, 1 / up,
    ('kaiser', 5.0)) * up, as scipy designs it."""

    def design(_: bytes) -> bytes:
        from scipy import signal

        return _npy(signal.firwin(20 * up + 1, 1.0 / up, window=("kaiser", 5.0)) * up)

    with _lock:
        made = derived(f"firwin-{up}x", installed_stamp("scipy").encode(), [Path(__file__)], design)
    return np.load(io.BytesIO(made), allow_pickle=False)


def resample_poly_up(x: np.ndarray, up: int, axis: int = -1) -> Any:
    """scipy.signal.resample_poly(x, up, 1, axis) for float64 x: the same filter, padding and
    trim around the same upfirdn."""
    core = _core("_upfirdn_apply")
    if core is None:
        from scipy import signal

        return signal.resample_poly(x, up, 1, axis=axis)
    h = interpolation_filter(up)
    n_in = x.shape[axis]
    n_out = n_in * up
    pre_remove = 10 * up + 1  # resample_poly's n_pre_pad is 1 when down is 1
    post = 0
    while core._output_len(len(h) + 1 + post, n_in, up, 1) < n_out + pre_remove:
        post += 1
    padded = np.concatenate([np.zeros(1), h, np.zeros(post)])
    y = upfirdn(padded, x, up, 1, axis=axis)
    keep = [slice(None)] * y.ndim
    keep[axis] = slice(pre_remove, pre_remove + n_out)
    return y[tuple(keep)]


@functools.cache
def k_weighting(rate: int) -> tuple[tuple[np.ndarray, np.ndarray], ...]:
    """BS.1770-4's K-weighting at `rate` as pyloudnorm designs it: ((b, a), (b, a))."""

    def design(_: bytes) -> bytes:
        import pyloudnorm

        stages = [(st.b, st.a) for st in pyloudnorm.Meter(rate)._filters.values()]
        assert all(len(b) == len(a) for b, a in stages)
        return _npy(np.array([np.concatenate([b, a]) for b, a in stages], dtype=np.float64))

    with _lock:
        made = derived(
            f"k-weighting-{rate}", installed_stamp("pyloudnorm").encode(), [Path(__file__)], design
        )
    rows = np.load(io.BytesIO(made), allow_pickle=False)
    return tuple((row[: len(row) // 2].copy(), row[len(row) // 2 :].copy()) for row in rows)
