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
        self.emb = state["embedding.weight"]
        size = state["lstm.weight_hh_l0"].shape[1]
        self.size = size
        # Both directions step together: one matmul with a block-diagonal recurrent matrix,
        # and the gates regrouped as [i f o | g] for both, so each step is a handful of numpy
        # calls on one vector (the per-call overhead, not arithmetic, is the cost here).
        order = np.r_[0 : 2 * size, 3 * size : 4 * size, 2 * size : 3 * size]  # i f o g

        def gates(weight: np.ndarray) -> np.ndarray:
            return weight[order]

        w_ih = (gates(state["lstm.weight_ih_l0"]), gates(state["lstm.weight_ih_l0_reverse"]))
        self.b = (
            gates(state["lstm.bias_ih_l0"] + state["lstm.bias_hh_l0"]),
            gates(state["lstm.bias_ih_l0_reverse"] + state["lstm.bias_hh_l0_reverse"]),
        )
        self.w_ih = w_ih
        w_hh = np.zeros((2 * size, 8 * size), dtype=np.float32)
        fw, bw = gates(state["lstm.weight_hh_l0"]).T, gates(state["lstm.weight_hh_l0_reverse"]).T
        # Columns: [fw i f o | bw i f o | fw g | bw g]
        w_hh[:size, 0 : 3 * size] = fw[:, : 3 * size]
        w_hh[size:, 3 * size : 6 * size] = bw[:, : 3 * size]
        w_hh[:size, 6 * size : 7 * size] = fw[:, 3 * size :]
        w_hh[size:, 7 * size : 8 * size] = bw[:, 3 * size :]
        self.w_hh = w_hh
        self.fc0 = (state["logit_layer.0.weight"], state["logit_layer.0.bias"])
        self.fc1 = (state["logit_layer.2.weight"], state["logit_layer.2.bias"])

    def is_polyphonic(self, char: str) -> bool:
        return char in self.readings

    def _hidden(self, ids: np.ndarray) -> np.ndarray:
        """[T, 2H]: forward and backward hidden states of the bi-LSTM."""
        size, steps = self.size, len(ids)
        emb = self.emb[ids]
        fw = emb @ self.w_ih[0].T + self.b[0]  # input projections for all steps at once
        bw = (emb @ self.w_ih[1].T + self.b[1])[::-1]
        # Per step, the same column layout as w_hh: [fw ifo | bw ifo | fw g | bw g].
        x = np.concatenate(
            [fw[:, : 3 * size], bw[:, : 3 * size], fw[:, 3 * size :], bw[:, 3 * size :]], axis=1
        )
        h = np.zeros(2 * size, dtype=np.float32)
        c = np.zeros(2 * size, dtype=np.float32)
        out = np.empty((steps, 2 * size), dtype=np.float32)
        split = 6 * size
        for t in range(steps):
            z = x[t] + h @ self.w_hh
            s = 1.0 / (1.0 + np.exp(-z[:split]))
            g = np.tanh(z[split:])
            # s holds [fw i f o | bw i f o]; pick i, f, o for both directions.
            s = s.reshape(2, 3, size)
            c = s[:, 1].reshape(-1) * c + s[:, 0].reshape(-1) * g
            h = s[:, 2].reshape(-1) * np.tanh(c)
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
        picked = hidden[[i + 1 for i in targets]]
        layer = np.maximum(picked @ self.fc0[0].T + self.fc0[1], 0.0)
        logits = layer @ self.fc1[0].T + self.fc1[1]
        result: dict[int, Guess] = {}
        for row, index in zip(logits, targets, strict=True):
            options = self.readings[text[index]]
            scores = np.array([row[k] for k, _ in options], dtype=np.float64)
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
