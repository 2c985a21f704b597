"""The taggers' network: hashed embeddings of the id columns, the dense vectors beside them,
two hidden layers and a softmax. Built with thinc (spaCy's machine-learning library).

A network with ``context`` > 0 reads its rows as sequences (a cue's window): its second
layer sees the first layer's output for each row and for the ``context`` rows on either
side within the same sequence, so a row's label depends on its neighbours' (a content
is a run of tokens, not a set of single decisions). Its inputs carry the sequences'
lengths: ``(ids, dense, lengths)``."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, replace
from typing import Any

import numpy as np
from thinc.api import Adam, HashEmbed, Model, Optimizer, Relu, Softmax, chain, fix_random_seed

Rows = tuple[np.ndarray, np.ndarray]
# (ids, dense) or, for a network with context, (ids, dense, lengths of the sequences)
Inputs = tuple[np.ndarray, ...]


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
    # rows on each side of a row that its second layer reads (0: none, rows independent)
    context: int = 0

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def build(cfg: NetConfig) -> Model:
    embeds: list[Model] = [
        HashEmbed(nO=cfg.embed_width, nV=cfg.embed_rows, column=k, seed=cfg.seed * 100 + k)
        for k in range(cfg.n_columns)
    ]
    features: Model = Model("features", _features_forward, init=_features_init, layers=embeds)
    width = cfg.n_columns * cfg.embed_width + cfg.n_dense
    ids = np.zeros((2, cfg.n_columns), dtype=np.uint64)
    dense = np.zeros((2, cfg.n_dense), dtype=np.float32)
    Y = np.zeros((2, cfg.n_labels), dtype=np.float32)
    if cfg.context:
        layers = [features,
                  Relu(nO=cfg.hidden, nI=width, dropout=cfg.dropout),
                  Relu(nO=cfg.hidden, nI=(2 * cfg.context + 1) * cfg.hidden,
                       dropout=cfg.dropout),
                  Softmax(nO=cfg.n_labels, nI=cfg.hidden)]
        model: Model = Model("context", _context_forward, init=_context_init, layers=layers,
                             dims={"nO": cfg.n_labels}, attrs={"context": cfg.context})
        model.initialize(X=(ids, dense, np.array([2])), Y=Y)
    else:
        model = chain(
            features,
            Relu(nO=cfg.hidden, dropout=cfg.dropout),
            Relu(nO=cfg.hidden, dropout=cfg.dropout),
            Softmax(nO=cfg.n_labels),
        )
        model.initialize(X=(ids, dense), Y=Y)
    assert model.layers[1].get_dim("nI") == width
    return model


def _context_init(model: Model, X: Inputs | None = None, Y: np.ndarray | None = None
                  ) -> None:
    for layer in model.layers:
        layer.initialize()


def _context_forward(model: Model, X: Inputs, is_train: bool
                     ) -> tuple[np.ndarray, Callable]:
    ids, dense, lengths = X
    features, first, second, last = model.layers
    k = model.attrs["context"]
    pos, rem = positions(lengths)
    f, back_f = features((ids, dense), is_train)
    h1, back_1 = first(f, is_train)
    wide = neighbours(h1, pos, rem, k)
    h2, back_2 = second(wide, is_train)
    out, back_3 = last(h2, is_train)

    def backprop(dY: np.ndarray) -> Inputs:
        d_wide = back_2(back_3(dY))
        back_f(back_1(neighbours_backward(d_wide, pos, rem, k)))
        return X

    return out, backprop


def positions(lengths: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each row's index in its sequence and the rows after it in the sequence."""
    lengths = np.asarray(lengths, dtype=np.int64)
    n = int(lengths.sum())
    starts = np.repeat(np.cumsum(lengths) - lengths, lengths)
    pos = np.arange(n) - starts
    return pos, np.repeat(lengths, lengths) - pos - 1


def neighbours(h: np.ndarray, pos: np.ndarray, rem: np.ndarray, k: int) -> np.ndarray:
    """Each row's vector beside those of the ``k`` rows before and after it in its
    sequence (zeros past the sequence's ends): [h[i-k], ..., h[i], ..., h[i+k]]."""
    n, d = h.shape
    out = np.empty((n, (2 * k + 1) * d), dtype=h.dtype)
    for j, offset in enumerate(range(-k, k + 1)):
        block = out[:, j * d : (j + 1) * d]
        if offset == 0:
            block[:] = h
        elif offset < 0:  # shifted as one block, then the rows past a sequence's start
            block[-offset:] = h[:offset]
            block[np.nonzero(pos < -offset)[0]] = 0
        else:
            block[:-offset] = h[offset:]
            block[np.nonzero(rem < offset)[0]] = 0
    return out


def neighbours_backward(d_wide: np.ndarray, pos: np.ndarray, rem: np.ndarray, k: int
                        ) -> np.ndarray:
    """The gradient of ``neighbours``' input from that of its output."""
    n = len(d_wide)
    d = d_wide.shape[1] // (2 * k + 1)
    dh = np.zeros((n, d), dtype=d_wide.dtype)
    for j, offset in enumerate(range(-k, k + 1)):
        block = d_wide[:, j * d : (j + 1) * d]
        if offset == 0:
            dh += block
            continue
        rows = np.nonzero(pos >= -offset if offset < 0 else rem >= offset)[0]
        dh[rows + offset] += block[rows]  # distinct rows for one offset
    return dh


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


def predict(model: Model | Compiled, X: Inputs, batch: int = 4096,
            shared: tuple[Shared, ...] = ()) -> np.ndarray:
    """Label probabilities of the rows ``X``, about ``batch`` rows at a time (``shared``:
    see ``Compiled.predict``). A network with context takes ``(ids, dense, lengths)`` and
    is given whole sequences at a time."""
    ids, dense = X[0], X[1]
    if len(ids) == 0:
        return np.zeros((0, _labels(model)), dtype=np.float32)
    parts = []
    for lo, hi, lengths in _batches_of(X, batch):
        part: Inputs = (ids[lo:hi], dense[lo:hi], *lengths)
        if isinstance(model, Compiled):
            parts.append(model.predict(part, tuple(replace(s, keys=s.keys[lo:hi])
                                                   for s in shared)))
        else:
            parts.append(model.predict(part))
    return np.vstack(parts)


def _batches_of(X: Inputs, batch: int) -> Iterator[tuple[int, int, tuple[np.ndarray, ...]]]:
    """[lo, hi) row ranges of about ``batch`` rows, and the lengths of the sequences in
    each (for inputs with lengths; a range holds whole sequences)."""
    n = len(X[0])
    if len(X) == 2:
        for lo in range(0, n, batch):
            yield lo, min(n, lo + batch), ()
        return
    lengths = np.asarray(X[2], dtype=np.int64)
    first = 0
    lo = 0
    while first < len(lengths):
        sizes = np.cumsum(lengths[first:])
        last = first + max(1, int(np.searchsorted(sizes, batch, side="right")))
        hi = lo + int(lengths[first:last].sum())
        yield lo, hi, (lengths[first:last],)
        first, lo = last, hi


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
        self.context = int(model.attrs.get("context", 0))
        self._blocks: dict[tuple[tuple[int, ...], int, int], np.ndarray] = {}

    def predict(self, X: Inputs, shared: tuple[Shared, ...] = ()) -> np.ndarray:
        """Label probabilities of the rows ``X`` (with the sequences' lengths for a
        network with context). ``shared``: blocks of columns and dense inputs that rows
        repeat, each with a key per row; rows with the same key must have the same values
        in that block."""
        ids, dense = X[0], X[1]
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
        if self.context:
            pos, rem = positions(X[2])
            hidden = neighbours(hidden, pos, rem, self.context) @ self.w2
        else:
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
        inputs = np.empty((len(ids), width * len(columns) + dense_to - dense_from),
                          dtype=np.float32)
        for j, column in enumerate(columns):
            seed, table = self.tables[column]
            keys = ops.hash(np.ascontiguousarray(ids[:, column], dtype=np.uint64), seed)
            inputs[:, j * width : (j + 1) * width] = _gather_add(table, keys % table.shape[0])
        inputs[:, width * len(columns):] = dense[:, dense_from:dense_to]
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


def _gather_add(table: np.ndarray, keys: np.ndarray) -> np.ndarray:
    """The sum of the table's rows named in each row of ``keys`` (thinc's ``gather_add``,
    added in the same order, so the same sums, in about a third of its time)."""
    out = table.take(keys[:, 0], axis=0)
    for k in range(1, keys.shape[1]):
        out += table.take(keys[:, k], axis=0)
    return out


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


def train_epoch(model: Model, optimizer: Optimizer, X: Inputs, y: np.ndarray,
                rng: np.random.RandomState, batch: int = 256) -> float:
    """One pass over the rows in random order (over the sequences, for inputs with
    lengths: about ``batch`` rows of whole sequences an update); returns the mean loss."""
    n_labels = model.get_dim("nO")
    total = 0.0
    for idx, part in _shuffled(X, batch, rng):
        probs, backprop = model.begin_update(part)
        labels = y[idx]
        truth = np.zeros((len(idx), n_labels), dtype=np.float32)
        truth[np.arange(len(idx)), labels] = 1.0
        total += float(-np.log(probs[np.arange(len(idx)), labels] + 1e-9).sum())
        backprop((probs - truth) / len(idx))
        model.finish_update(optimizer)
    return total / max(1, len(y))


def _shuffled(X: Inputs, batch: int, rng: np.random.RandomState
              ) -> Iterator[tuple[np.ndarray, Inputs]]:
    """Batches of rows in random order (row indices, inputs); whole sequences, shuffled
    as units, for inputs with lengths."""
    ids, dense = X[0], X[1]
    if len(X) == 2:
        for idx in batches(len(ids), batch, rng):
            yield idx, (ids[idx], dense[idx])
        return
    lengths = np.asarray(X[2], dtype=np.int64)
    starts = np.cumsum(lengths) - lengths
    order = rng.permutation(len(lengths))
    group: list[int] = []
    rows = 0
    for k, s in enumerate(order.tolist()):
        group.append(s)
        rows += int(lengths[s])
        if rows >= batch or k == len(order) - 1:
            idx = np.concatenate([np.arange(starts[g], starts[g] + lengths[g]) for g in group])
            yield idx, (ids[idx], dense[idx], lengths[group])
            group, rows = [], 0


def seed_everything(seed: int) -> np.random.RandomState:
    fix_random_seed(seed)
    return np.random.RandomState(seed)


def make_optimizer(learn_rate: float = 0.001) -> Optimizer:
    return Adam(learn_rate)
