"""A small network that picks one of a cue's options (its source, its content).

Each option is a row of features; the chooser scores every row and takes the best.
Training maximises the softmax mass of a cue's right options (there may be several:
two runs that both overlap the gold source), with full-batch Adam, seeded.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np


@dataclass
class OptionChooser:
    """Scores a cue's options (one feature row each): a hidden layer of rectified units
    plus a linear term, over standardised features."""

    hidden: np.ndarray  # (N_FEATURES, H)
    hidden_bias: np.ndarray  # (H,)
    out: np.ndarray  # (H,)
    linear: np.ndarray  # (N_FEATURES,)
    mean: np.ndarray
    std: np.ndarray

    def scores(self, X: np.ndarray) -> np.ndarray:
        Z = (X - self.mean) / self.std
        return np.maximum(0.0, Z @ self.hidden + self.hidden_bias) @ self.out + Z @ self.linear

    def choose(self, X: np.ndarray) -> int:
        return int(np.argmax(self.scores(X)))

    def to_dict(self) -> dict[str, Any]:
        return {k: getattr(self, k).tolist() for k in CHOOSER_KEYS}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> OptionChooser:
        return cls(**{k: np.asarray(data[k], dtype=np.float64) for k in CHOOSER_KEYS})


CHOOSER_KEYS = ("hidden", "hidden_bias", "out", "linear", "mean", "std")


def fit_chooser(groups: list[tuple[np.ndarray, np.ndarray]], hidden: int = 16,
                iters: int = 300, learn_rate: float = 0.01, l2: float = 1e-3,
                seed: int = 0) -> OptionChooser:
    """Fit a chooser to cues' option rows and which options are right (a boolean per
    row); groups with no right option are left out. Full-batch Adam on the negative log
    of the softmax mass of the right options; seeded, so reproducible."""
    groups = [(X, right) for X, right in groups if right.any()]
    if not groups:
        raise ValueError("no cue with a right option to fit the chooser on")
    X = np.concatenate([g[0] for g in groups])
    right = np.concatenate([g[1] for g in groups]).astype(np.float64)
    group = np.repeat(np.arange(len(groups)), [len(g[0]) for g in groups])
    n = len(groups)
    mean, std = X.mean(axis=0), X.std(axis=0) + 1e-6
    Z = (X - mean) / std
    rng = np.random.RandomState(seed)
    params = {"hidden": rng.randn(X.shape[1], hidden) * 0.1, "hidden_bias": np.zeros(hidden),
              "out": rng.randn(hidden) * 0.1, "linear": np.zeros(X.shape[1])}
    m1 = {k: np.zeros_like(v) for k, v in params.items()}
    m2 = {k: np.zeros_like(v) for k, v in params.items()}
    for step in range(1, iters + 1):
        h = np.maximum(0.0, Z @ params["hidden"] + params["hidden_bias"])
        s = h @ params["out"] + Z @ params["linear"]
        top = np.full(n, -np.inf)
        np.maximum.at(top, group, s)
        e = np.exp(s - top[group])
        p = e / np.bincount(group, e, n)[group]
        q = p * right
        q = q / np.bincount(group, q, n)[group]
        ds = (p - q) / n  # gradient of the mean loss with respect to each score
        dh = np.outer(ds, params["out"]) * (h > 0)
        grads = {"hidden": Z.T @ dh, "hidden_bias": dh.sum(axis=0), "out": h.T @ ds,
                 "linear": Z.T @ ds}
        for k, g in grads.items():
            g = g + l2 * params[k]
            m1[k] = 0.9 * m1[k] + 0.1 * g
            m2[k] = 0.999 * m2[k] + 0.001 * g * g
            params[k] -= learn_rate * (m1[k] / (1 - 0.9**step)) / (
                np.sqrt(m2[k] / (1 - 0.999**step)) + 1e-8)
    return OptionChooser(params["hidden"], params["hidden_bias"], params["out"],
                         params["linear"], mean, std)
