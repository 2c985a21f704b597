"""The taggers' network: hashed embeddings of the id columns, the dense vectors beside them,
two hidden layers and a softmax. Built with thinc (spaCy's machine-learning library)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, replace
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


def predict(model: Model | Compiled, X: Rows, batch: int = 4096,
            shared: tuple[Shared, ...] = ()) -> np.ndarray:
    """Label probabilities of the rows ``X``, ``batch`` rows at a time (``shared``: see
    ``Compiled.predict``)."""
    ids, dense = X
    if len(ids) == 0:
        return np.zeros((0, _labels(model)), dtype=np.float32)
    if isinstance(model, Compiled):
        parts = [model.predict((ids[i : i + batch], dense[i : i + batch]),
                               tuple(replace(s, keys=s.keys[i : i + batch]) for s in shared))
                 for i in range(0, len(ids), batch)]
    else:
        parts = [model.predict((ids[i : i + batch], dense[i : i + batch]))
                 for i in range(0, len(ids), batch)]
    return np.vstack(parts)


def _labels(model: Model | Compiled) -> int:
    return model.n_labels if isinstance(model, Compiled) else int(model.get_dim("nO"))


class Compiled:
    """A trained network (``build``) for prediction only: the same outputs (to float
    rounding) in less time, for rows whose inputs repeat.

    The first layer is linear in its inputs, so it is a sum over blocks of them. A block
    that many rows share (the columns describing a token, which every window holding the
    token repeats; those describing a cue, which all its window's rows repeat) is computed
    once per distinct value and added to each row that has it (``predict``'s ``shared``);
    only the other columns go through the first layer row by row. Embeddings are looked up
    and summed as thinc's HashEmbed does (4 hashed rows per id)."""

    def __init__(self, model: Model) -> None:
        features, first, second, last = model.layers
        self.ops = model.ops
        self.w1 = np.asarray(_param(first, "W"), dtype=np.float32)  # (hidden, inputs)
        self.b1 = np.asarray(_param(first, "b"), dtype=np.float32)
        self.tables: list[tuple[int, np.ndarray]] = []  # per column: (seed, table)
        for k, embed in enumerate(features.layers):
            table = embed.layers[-1]
            assert table.attrs["column"] == k
            self.tables.append((int(table.attrs["seed"]),
                                np.asarray(table.get_param("E"), dtype=np.float32)))
        self.width = self.tables[0][1].shape[1] if self.tables else 0
        self.n_dense = self.w1.shape[1] - self.width * len(self.tables)
        self.w2 = np.ascontiguousarray(np.asarray(_param(second, "W"), dtype=np.float32).T)
        self.b2 = np.asarray(_param(second, "b"), dtype=np.float32)
        self.w3 = np.ascontiguousarray(np.asarray(_param(last, "W"), dtype=np.float32).T)
        self.b3 = np.asarray(_param(last, "b"), dtype=np.float32)
        self.n_labels = int(self.b3.shape[0])
        self._blocks: dict[tuple[tuple[int, ...], int, int], np.ndarray] = {}

    def predict(self, X: Rows, shared: tuple[Shared, ...] = ()) -> np.ndarray:
        """Label probabilities of the rows ``X``. ``shared``: blocks of columns and dense
        inputs that rows repeat, each with a key per row; rows with the same key must have
        the same values in that block."""
        ids, dense = X
        n = len(ids)
        hidden = np.empty((n, len(self.b1)), dtype=np.float32)
        hidden[:] = self.b1
        own_columns = set(range(len(self.tables)))
        own_dense = np.ones(self.n_dense, dtype=bool)
        for block in shared:
            _, first, inverse = np.unique(block.keys, return_index=True, return_inverse=True)
            hidden += self._first_layer(ids[first], dense[first], block.columns,
                                        block.dense_from, block.dense_to)[inverse]
            own_columns -= set(block.columns)
            own_dense[block.dense_from : block.dense_to] = False
        columns = tuple(sorted(own_columns))
        spans = _runs_of(own_dense)
        for lo, hi in spans[1:]:  # more than one run of dense inputs: one block each
            hidden += self._first_layer(ids, dense, (), lo, hi)
        lo, hi = spans[0] if spans else (0, 0)
        hidden += self._first_layer(ids, dense, columns, lo, hi)
        np.maximum(hidden, 0, out=hidden)
        hidden = hidden @ self.w2
        hidden += self.b2
        np.maximum(hidden, 0, out=hidden)
        scores = hidden @ self.w3
        scores += self.b3
        scores -= scores.max(axis=1, keepdims=True)
        np.exp(scores, out=scores)
        scores /= scores.sum(axis=1, keepdims=True)
        return scores

    def _first_layer(self, ids: np.ndarray, dense: np.ndarray, columns: tuple[int, ...],
                     dense_from: int, dense_to: int) -> np.ndarray:
        """The first layer's pre-activation share of these columns and dense inputs."""
        width = self.width
        ops: Any = self.ops  # thinc's array types are narrower than numpy's
        parts: list[np.ndarray] = []
        for column in columns:
            seed, table = self.tables[column]
            keys = ops.hash(np.ascontiguousarray(ids[:, column], dtype=np.uint64), seed)
            parts.append(ops.gather_add(table, keys % table.shape[0]))
        parts.append(np.asarray(dense[:, dense_from:dense_to], dtype=np.float32))
        inputs = np.hstack(parts)
        key = (columns, dense_from, dense_to)
        weights = self._blocks.get(key)
        if weights is None:
            dims = [d for c in columns for d in range(c * width, (c + 1) * width)]
            offset = width * len(self.tables)
            dims += list(range(offset + dense_from, offset + dense_to))
            weights = self._blocks[key] = np.ascontiguousarray(self.w1[:, dims].T)
        return inputs @ weights  # type: ignore[no-any-return]


@dataclass(frozen=True)
class Shared:
    """A block of a network's inputs that rows repeat: id columns, a range of the dense
    inputs, and a key per row (equal keys: equal values in the block)."""

    columns: tuple[int, ...]
    dense_from: int
    dense_to: int
    keys: np.ndarray


def _runs_of(mask: np.ndarray) -> list[tuple[int, int]]:
    """[start, end) of each run of True in ``mask``."""
    runs = []
    start = None
    for i, on in enumerate([*mask.tolist(), False]):
        if on and start is None:
            start = i
        elif not on and start is not None:
            runs.append((start, i))
            start = None
    return runs


def _param(layer: Model, name: str) -> np.ndarray:
    """A parameter of a layer, or of the first sublayer that has it (Relu with dropout is
    a chain of the affine layer and the dropout)."""
    for node in layer.walk():
        if node.has_param(name):
            return np.asarray(node.get_param(name))
    raise KeyError(name)


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
