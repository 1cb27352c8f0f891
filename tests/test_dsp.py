"""The meters' filters without scipy.signal's import: scipy's own values, bit for bit."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest
from scipy import signal

from audiofeature.publish import dsp


def speechlike(n: int, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    bursts = np.repeat(rng.random(n // 240 + 1) ** 3, 240)[:n]
    return rng.standard_normal(n) * bursts * 0.3


@pytest.mark.parametrize("rate", [24000, 48000])
def test_k_weighting_equals_pyloudnorms(rate):
    import pyloudnorm

    ours = dsp.k_weighting(rate)
    theirs = [(st.b, st.a) for st in pyloudnorm.Meter(rate)._filters.values()]
    assert len(ours) == len(theirs) == 2
    for (b, a), (tb, ta) in zip(ours, theirs, strict=True):
        assert np.array_equal(b, tb) and np.array_equal(a, ta)


@pytest.mark.parametrize("seed", range(3))
def test_lfilter_is_scipys(seed):
    x = speechlike(50_000, seed)
    (b, a), _ = dsp.k_weighting(24000)
    zi = np.zeros(2)
    y, zf = dsp.lfilter(b, a, x[:30_000], zi)
    y2, zf2 = dsp.lfilter(b, a, x[30_000:], zf)
    ty, tzf = signal.lfilter(b, a, x[:30_000], zi=zi)
    ty2, _ = signal.lfilter(b, a, x[30_000:], zi=tzf)
    assert np.array_equal(y, ty) and np.array_equal(zf, tzf) and np.array_equal(y2, ty2)
    assert np.abs(y).max() > 0.1


@pytest.mark.parametrize(("up", "down"), [(1, 21), (4, 1), (8, 1), (3, 2)])
def test_upfirdn_is_scipys(up, down):
    h = np.random.default_rng(up).standard_normal(21)
    x = speechlike(10_000, down)
    assert np.array_equal(dsp.upfirdn(h, x, up, down), signal.upfirdn(h, x, up, down))
    rows = x[:4000].reshape(4, 1000)
    assert np.array_equal(
        dsp.upfirdn(h, rows, up, down, axis=1), signal.upfirdn(h, rows, up, down, axis=1)
    )


@pytest.mark.parametrize("up", [4, 8])
def test_resample_poly_is_scipys(up):
    x = speechlike(5_000, up)
    assert np.array_equal(dsp.resample_poly_up(x, up), signal.resample_poly(x, up, 1))
    rows = np.stack([x[:1000], x[1000:2000], x[2000:3000]])
    assert np.array_equal(
        dsp.resample_poly_up(rows, up, axis=1), signal.resample_poly(rows, up, 1, axis=1)
    )


def test_the_cores_load_without_scipy_signal():
    """The point of the module: measuring does not import scipy.signal (a second of start-up)."""
    dsp.k_weighting(24000)  # designed once (with scipy), then kept in the user cache
    code = (
        "import sys, numpy as np\n"
        "from audiofeature.publish import dsp\n"
        "assert dsp._core('_sigtools') is not None and dsp._core('_upfirdn_apply') is not None\n"
        "dsp.upfirdn(np.ones(3), np.ones(10), 2, 1)\n"
        "b, a = dsp.k_weighting(24000)[0]\n"
        "dsp.lfilter(b, a, np.ones(10), np.zeros(2))\n"
        "print('scipy.signal' in sys.modules)\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert run.stdout.strip() == "False"


def test_the_cores_load_once_when_threads_ask_together(monkeypatch):
    import threading

    monkeypatch.setattr(dsp, "_cores", {})
    got: list[object] = []
    threads = [
        threading.Thread(target=lambda: got.append(dsp._core("_upfirdn_apply"))) for _ in range(8)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(got) == 8 and all(core is got[0] for core in got)
    assert hasattr(got[0], "_output_len")
