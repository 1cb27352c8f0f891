"""Context disambiguation of polyphones with g2pM's bi-LSTM (PyPI `g2pM`, weights shipped).

g2pM's own `__call__` runs the LSTM cell by cell in float64 and takes the best of all 876
classes, so it can answer a reading the character does not have. Here the same weights run
with the input projections done once per sentence, and the answer is chosen among the
character's own readings, with a probability the caller can use (and `lint` can report).
"""

from __future__ import annotations

import pickle
from dataclasses import dataclass
from functools import cache
from importlib import resources

import numpy as np

from audiofeature.pronounce.syllables import to_tone_digits

_BOS, _EOS, _UNK = "시", "끝", "<UNK>"  # g2pM's own sentence markers


@dataclass(frozen=True)
class Guess:
    """The context model's view of one polyphonic character: readings by probability."""

    probabilities: tuple[tuple[str, float], ...]  # best first, over the character's readings

    @property
    def best(self) -> str:
        return self.probabilities[0][0]

    @property
    def confidence(self) -> float:
        return self.probabilities[0][1]


class ContextModel:
    def __init__(self) -> None:
        root = resources.files("g2pM")

        def load(name: str) -> object:
            with (root / name).open("rb") as handle:
                return pickle.load(handle)  # noqa: S301 - g2pM's own shipped files

        cedict = load("digest_cedict.pkl")
        self.char2idx: dict[str, int] = load("char2idx.pkl")  # type: ignore[assignment]
        class2idx: dict[str, int] = load("class2idx.pkl")  # type: ignore[assignment]
        state = {k: np.asarray(v, dtype=np.float32) for k, v in load("np_ckpt.pkl").items()}  # type: ignore[attr-defined]
        # Readings of each polyphonic character, as class indices and as our syllables.
        self.readings: dict[str, tuple[tuple[int, str], ...]] = {
            char: tuple((class2idx[p], to_tone_digits(p)) for p in prons if p in class2idx)
            for char, prons in cedict.items()  # type: ignore[attr-defined]
            if len(prons) > 1
        }
        size = state["lstm.weight_hh_l0"].shape[1]
        self.size = size
        # Both directions step together, one vector per step laid out gate by gate:
        # [i fw, i bw | f fw, f bw | o fw, o bw | g fw, g bw], so each gate is a contiguous
        # slice. The sigmoid gates are pre-scaled by 1/2, since sigmoid(x) = tanh(x/2)/2 + 1/2:
        # one tanh serves all four gates. Per-call overhead, not arithmetic, is the cost here.
        torch_order = {"i": 0, "f": 1, "g": 2, "o": 3}  # PyTorch's gate order in the weights

        def gate(weight: np.ndarray, name: str) -> np.ndarray:
            k = torch_order[name]
            return weight[k * size : (k + 1) * size]

        names = ("i", "f", "o", "g")
        scale = {"i": 0.5, "f": 0.5, "o": 0.5, "g": 1.0}
        suffixes = ("", "_reverse")
        w_hh = np.zeros((2 * size, 8 * size), dtype=np.float32)
        self.w_ih = []
        self.b = []
        for d, suffix in enumerate(suffixes):
            w_ih = state[f"lstm.weight_ih_l0{suffix}"]
            w_hh_d = state[f"lstm.weight_hh_l0{suffix}"]
            bias = state[f"lstm.bias_ih_l0{suffix}"] + state[f"lstm.bias_hh_l0{suffix}"]
            self.w_ih.append(np.concatenate([gate(w_ih, n) * scale[n] for n in names]))
            self.b.append(np.concatenate([gate(bias, n) * scale[n] for n in names]))
            for slot, n in enumerate(names):
                col = (2 * slot + d) * size
                w_hh[d * size : (d + 1) * size, col : col + size] = gate(w_hh_d, n).T * scale[n]
        self.w_hh = w_hh
        # Each character's input projection, for the whole vocabulary at once: a sentence is
        # then a table lookup. A matrix product per sentence is where a multi-threaded BLAS
        # wakes its threads, whose spinning, on a busy two-core machine, tripled the time.
        emb = state["embedding.weight"]
        self.proj = [emb @ w.T + b for w, b in zip(self.w_ih, self.b, strict=True)]
        self.fc0 = (state["logit_layer.0.weight"], state["logit_layer.0.bias"])
        self.fc1 = (state["logit_layer.2.weight"], state["logit_layer.2.bias"])

    def is_polyphonic(self, char: str) -> bool:
        return char in self.readings

    def options(self, char: str) -> tuple[str, ...]:
        """The readings of a polyphonic character; () for any other."""
        return tuple(reading for _, reading in self.readings.get(char, ()))

    def _hidden(self, ids: np.ndarray) -> np.ndarray:
        """[T, 2H]: forward and backward hidden states of the bi-LSTM."""
        size, steps = self.size, len(ids)
        fw = self.proj[0][ids].reshape(steps, 4, 1, size)
        bw = self.proj[1][ids][::-1].reshape(steps, 4, 1, size)
        x = np.concatenate([fw, bw], axis=2).reshape(steps, 8 * size)  # the layout of w_hh
        h = np.zeros(2 * size, dtype=np.float32)
        c = np.zeros(2 * size, dtype=np.float32)
        out = np.empty((steps, 2 * size), dtype=np.float32)
        two, six = 2 * size, 6 * size
        for t in range(steps):
            u = np.tanh(x[t] + h @ self.w_hh)
            gates = u[:six] * 0.5 + 0.5  # i, f, o
            c = gates[two : 2 * two] * c + gates[:two] * u[six:]
            h = gates[2 * two :] * np.tanh(c)
            out[t] = h
        result = out.copy()
        result[:, size:] = out[::-1, size:]  # the backward half back in reading order
        return result

    def guesses(self, text: str) -> dict[int, Guess]:
        """A Guess for every polyphonic character of `text`, by index."""
        targets = [i for i, char in enumerate(text) if char in self.readings]
        if not targets:
            return {}
        unk = self.char2idx[_UNK]
        ids = np.array(
            [self.char2idx[_BOS]]
            + [self.char2idx.get(char, unk) for char in text]
            + [self.char2idx[_EOS]],
            dtype=np.int64,
        )
        hidden = self._hidden(ids)
        result: dict[int, Guess] = {}
        for index in targets:
            # The output layer for this character's own readings only (a few rows, not 876).
            options = self.readings[text[index]]
            rows = [k for k, _ in options]
            layer = np.maximum(self.fc0[0] @ hidden[index + 1] + self.fc0[1], 0.0)
            scores = (self.fc1[0][rows] @ layer + self.fc1[1][rows]).astype(np.float64)
            scores = np.exp(scores - scores.max())
            scores /= scores.sum()
            ranked = sorted(
                zip((s for _, s in options), scores.tolist(), strict=True), key=lambda p: -p[1]
            )
            result[index] = Guess(tuple(ranked))
        return result


@cache
def context_model() -> ContextModel:
    """Loaded once, on first use: the pinyin command and the script share it."""
    return ContextModel()
