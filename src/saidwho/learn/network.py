"""The taggers' network: hashed embeddings of the id columns, the dense vectors beside them,
two hidden layers and a softmax. Built with thinc (spaCy's machine-learning library)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from typing import Any

import numpy as np
from thinc.api import Adam, HashEmbed, Model, Optimizer, Relu, Softmax, chain, fix_random_seed

Rows = tuple[np.ndarray, np.ndarray]


@dataclass
class NetConfig:
    n_columns: int
    n_dense: int
    n_labels: int
    embed_width: int = 32
    embed_rows: int = 4096
    hidden: int = 192
    dropout: float = 0.25
    seed: int = 0

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def build(cfg: NetConfig) -> Model:
    embeds: list[Model] = [
        HashEmbed(nO=cfg.embed_width, nV=cfg.embed_rows, column=k, seed=cfg.seed * 100 + k)
        for k in range(cfg.n_columns)
    ]
    features: Model = Model("features", _features_forward, init=_features_init, layers=embeds)
    model: Model = chain(
        features,
        Relu(nO=cfg.hidden, dropout=cfg.dropout),
        Relu(nO=cfg.hidden, dropout=cfg.dropout),
        Softmax(nO=cfg.n_labels),
    )
    width = cfg.n_columns * cfg.embed_width + cfg.n_dense
    ids = np.zeros((2, cfg.n_columns), dtype=np.uint64)
    dense = np.zeros((2, cfg.n_dense), dtype=np.float32)
    model.initialize(X=(ids, dense), Y=np.zeros((2, cfg.n_labels), dtype=np.float32))
    assert model.layers[1].get_dim("nI") == width
    return model


def _features_init(model: Model, X: Rows | None = None, Y: np.ndarray | None = None) -> None:
    for layer in model.layers:
        layer.initialize()


def _features_forward(model: Model, X: Rows, is_train: bool) -> tuple[np.ndarray, Callable]:
    ids, dense = X
    outs = []
    backs = []
    for layer in model.layers:
        out, back = layer(ids, is_train)
        outs.append(out)
        backs.append(back)
    Y = np.hstack([*outs, dense]).astype(np.float32)

    def backprop(dY: np.ndarray) -> Rows:
        col = 0
        for out, back in zip(outs, backs, strict=True):
            width = out.shape[1]
            back(np.ascontiguousarray(dY[:, col : col + width]))
            col += width
        return X

    return Y, backprop


def predict(model: Model, X: Rows, batch: int = 4096) -> np.ndarray:
    ids, dense = X
    if len(ids) == 0:
        return np.zeros((0, model.get_dim("nO")), dtype=np.float32)
    parts = [model.predict((ids[i : i + batch], dense[i : i + batch]))
             for i in range(0, len(ids), batch)]
    return np.vstack(parts)


def batches(n: int, size: int, rng: np.random.RandomState) -> Iterator[np.ndarray]:
    order = rng.permutation(n)
    for i in range(0, n, size):
        yield order[i : i + size]


def train_epoch(model: Model, optimizer: Optimizer, X: Rows, y: np.ndarray,
                rng: np.random.RandomState, batch: int = 256) -> float:
    """One pass over the rows in random order; returns the mean loss."""
    ids, dense = X
    n_labels = model.get_dim("nO")
    total = 0.0
    for idx in batches(len(y), batch, rng):
        probs, backprop = model.begin_update((ids[idx], dense[idx]))
        truth = np.zeros((len(idx), n_labels), dtype=np.float32)
        truth[np.arange(len(idx)), y[idx]] = 1.0
        total += float(-np.log(probs[np.arange(len(idx)), y[idx]] + 1e-9).sum())
        backprop((probs - truth) / len(idx))
        model.finish_update(optimizer)
    return total / max(1, len(y))


def seed_everything(seed: int) -> np.random.RandomState:
    fix_random_seed(seed)
    return np.random.RandomState(seed)


def make_optimizer(learn_rate: float = 0.001) -> Optimizer:
    return Adam(learn_rate)
