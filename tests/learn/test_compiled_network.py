"""The compiled networks the trained engine predicts with give the thinc networks' outputs
(to float rounding), with and without blocks of inputs shared between rows."""

from __future__ import annotations

import numpy as np
import pytest

from saidwho.learn import network
from saidwho.learn.features import (
    CUE_ROW_CUE_COLUMNS,
    CUE_ROW_TOKEN_COLUMNS,
    cue_features,
    doc_info,
    window,
)
from saidwho.learn.network import Compiled, NetConfig, Shared


def _trained_a_little(cfg: NetConfig, rows: int = 600) -> tuple[object, tuple, np.ndarray]:
    """A network after a few updates (so no weight is at its initial value), and rows."""
    rng = network.seed_everything(3)
    net = network.build(cfg)
    ids = rng.randint(0, 50, size=(rows, cfg.n_columns)).astype(np.uint64)
    dense = rng.standard_normal((rows, cfg.n_dense)).astype(np.float32)
    y = rng.randint(0, cfg.n_labels, size=rows)
    opt = network.make_optimizer(0.01)
    for _ in range(3):
        network.train_epoch(net, opt, (ids, dense), y, rng, batch=64)
    return net, (ids, dense), y


def test_a_compiled_network_predicts_what_the_network_predicts():
    net, X, _ = _trained_a_little(NetConfig(n_columns=5, n_dense=8, n_labels=3))
    expected = network.predict(net, X)
    got = network.predict(Compiled(net), X, batch=128)
    assert got.shape == expected.shape
    np.testing.assert_allclose(got, expected, atol=1e-5)
    np.testing.assert_allclose(got.sum(axis=1), 1.0, atol=1e-5)


def test_shared_blocks_are_computed_once_per_key_with_the_same_result():
    cfg = NetConfig(n_columns=6, n_dense=8, n_labels=5)
    net, (ids, dense), _ = _trained_a_little(cfg)
    # rows 2k and 2k+1 share columns 0 and 3 and the first half of the dense inputs
    # (a token seen from two cues); blocks of 100 rows share column 5 and the rest of the
    # dense inputs (the rows of one cue's window)
    ids[1::2, [0, 3]] = ids[0::2, [0, 3]]
    dense[1::2, :4] = dense[0::2, :4]
    for start in range(0, len(ids), 100):
        ids[start : start + 100, 5] = ids[start, 5]
        dense[start : start + 100, 4:] = dense[start, 4:]
    shared = (Shared((0, 3), 0, 4, np.arange(len(ids)) // 2),
              Shared((5,), 4, 8, np.arange(len(ids)) // 100))
    expected = network.predict(net, (ids, dense))
    got = network.predict(Compiled(net), (ids, dense), batch=250, shared=shared)
    np.testing.assert_allclose(got, expected, atol=1e-5)


@pytest.mark.model
def test_the_columns_declared_shared_depend_on_the_token_or_the_cue_alone(nlp):
    doc = nlp("Ruiz said the port would open, and Lund told reporters it would not.")
    info = doc_info(doc, [])
    said, told = doc[1:2], doc[9:10]
    rows = {}
    for span in (said, told):
        ids, dense = cue_features(info, span, window(info, span))
        rows[span.start] = dict(zip(window(info, span), zip(ids, dense, strict=True),
                                    strict=True))
    width = info.vectors.shape[1]
    for i in set(rows[said.start]) & set(rows[told.start]):
        (ids_a, dense_a), (ids_b, dense_b) = rows[said.start][i], rows[told.start][i]
        assert list(ids_a[list(CUE_ROW_TOKEN_COLUMNS)]) == list(ids_b[list(CUE_ROW_TOKEN_COLUMNS)])
        assert np.array_equal(dense_a[:width], dense_b[:width])
    for span in (said, told):
        ids = np.array([r[0] for r in rows[span.start].values()])
        dense = np.array([r[1] for r in rows[span.start].values()])
        assert (ids[:, list(CUE_ROW_CUE_COLUMNS)] == ids[0, list(CUE_ROW_CUE_COLUMNS)]).all()
        assert (dense[:, width:] == dense[0, width:]).all()


@pytest.mark.model
def test_the_packaged_tagger_predicts_with_compiled_networks_and_the_same_attributions(
        model_nlp):
    tagger = model_nlp.get_pipe("saidwho_tagger").tagger
    assert isinstance(tagger.role_fast, Compiled) and isinstance(tagger.cue_fast, Compiled)
    text = ('Ana Ruiz, the port director, said on Monday that the harbour would reopen. '
            '"We are ready," she told reporters. Officials in Lund denied the claim, '
            'according to a council statement.')
    compiled = [a.to_dict() for a in model_nlp(text)._.attributions]
    fast = tagger.cue_fast, tagger.role_fast
    tagger.cue_fast, tagger.role_fast = tagger.cue_net, tagger.role_net
    try:
        plain = [a.to_dict() for a in model_nlp(text)._.attributions]
    finally:
        tagger.cue_fast, tagger.role_fast = fast
    assert compiled == plain and len(compiled) >= 2


def test_combined_features_hash_each_rows_values():
    from saidwho.learn.features import _h, _hashed

    branch = np.array([0, 1, 1, 2, 0])
    flag = np.array([1, 0, 1, 1, 1])
    names = ["cue", "child:ccomp", "other"]
    got = _hashed(("prev", None, []), (None, branch, names), (None, flag, [False, True]))
    assert got.tolist() == [_h("prev", names[b], bool(f)) for b, f in zip(branch, flag,
                                                                        strict=True)]


@pytest.mark.model
def test_the_rows_of_many_cues_are_each_cues_rows_one_after_the_other(nlp):
    from saidwho.learn.features import cue_features_many

    doc = nlp('Ruiz said the port would open. "No," Lund told reporters, and the council '
              "denied it, according to a statement.")
    info = doc_info(doc, doc._.attributions or [])
    spans = [doc[1:2], doc[10:11], doc[17:18], doc[20:22]]
    windows = [window(info, span) for span in spans]
    ids, dense = cue_features_many(info, spans, windows)
    one_by_one = [cue_features(info, span, rows) for span, rows in zip(spans, windows,
                                                                      strict=True)]
    assert np.array_equal(ids, np.vstack([i for i, _ in one_by_one]))
    assert np.array_equal(dense, np.vstack([d for _, d in one_by_one]))


def _sequences(rng: np.random.RandomState, cfg: NetConfig, lengths: list[int]
               ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    n = sum(lengths)
    ids = rng.randint(0, 50, size=(n, cfg.n_columns)).astype(np.uint64)
    dense = rng.standard_normal((n, cfg.n_dense)).astype(np.float32)
    return ids, dense, np.array(lengths), rng.randint(0, cfg.n_labels, size=n)


def test_a_network_with_context_learns_and_compiles_to_the_same_outputs():
    cfg = NetConfig(n_columns=4, n_dense=6, n_labels=3, hidden=16, context=2)
    rng = network.seed_everything(5)
    net = network.build(cfg)
    ids, dense, lengths, y = _sequences(rng, cfg, [7, 1, 12, 30, 5] * 12)
    opt = network.make_optimizer(0.01)
    losses = [network.train_epoch(net, opt, (ids, dense, lengths), y, rng, batch=64)
              for _ in range(4)]
    assert losses[-1] < losses[0]
    expected = net.predict((ids, dense, lengths))
    # in batches of whole sequences, compiled or not
    np.testing.assert_allclose(network.predict(net, (ids, dense, lengths), batch=50),
                               expected, atol=1e-6)
    np.testing.assert_allclose(network.predict(Compiled(net), (ids, dense, lengths), batch=90),
                               expected, atol=1e-5)


def test_a_row_of_a_network_with_context_sees_its_own_sequence_only():
    cfg = NetConfig(n_columns=3, n_dense=4, n_labels=3, hidden=8, context=1)
    rng = network.seed_everything(1)
    net = network.build(cfg)
    X = _sequences(rng, cfg, [5] * 40)
    opt = network.make_optimizer(0.01)
    for _ in range(2):  # (an untrained softmax layer is all zeros)
        network.train_epoch(net, opt, X[:3], X[3], rng, batch=50)
    ids, dense, _, _ = _sequences(rng, cfg, [3, 3])
    before = network.predict(net, (ids, dense, np.array([3, 3])))
    dense[3:] += 5.0  # change the second sequence only
    ids[3:] += 7
    after = network.predict(net, (ids, dense, np.array([3, 3])))
    np.testing.assert_allclose(after[:3], before[:3], atol=1e-6)
    assert not np.allclose(after[3:], before[3:])
    # as one sequence, the first sequence's last row sees the change
    joined = network.predict(net, (ids, dense, np.array([6])))
    assert not np.allclose(joined[2], before[2])
    np.testing.assert_allclose(joined[:2], before[:2], atol=1e-6)


def test_neighbours_backward_is_the_gradient_of_neighbours():
    rng = np.random.RandomState(2)
    lengths = np.array([4, 1, 6])
    pos, rem = network.positions(lengths)
    assert pos.tolist() == [0, 1, 2, 3, 0, 0, 1, 2, 3, 4, 5]
    assert rem.tolist() == [3, 2, 1, 0, 0, 5, 4, 3, 2, 1, 0]
    h = rng.standard_normal((11, 3))
    g = rng.standard_normal((11, 15))
    # <neighbours(h), g> == <h, neighbours_backward(g)>: the map is linear
    lhs = float((network.neighbours(h, pos, rem, 2) * g).sum())
    rhs = float((h * network.neighbours_backward(g, pos, rem, 2)).sum())
    assert lhs == pytest.approx(rhs)


def test_neighbours_are_the_rows_around_each_row_within_its_sequence():
    lengths = np.array([3, 1, 2])
    pos, rem = network.positions(lengths)
    h = np.arange(1, 7, dtype=np.float32).reshape(6, 1)  # rows 1..6, one column
    wide = network.neighbours(h, pos, rem, 2)
    # [h[i-2], h[i-1], h[i], h[i+1], h[i+2]], zeros past the sequence's ends
    assert wide.tolist() == [
        [0, 0, 1, 2, 3], [0, 1, 2, 3, 0], [1, 2, 3, 0, 0],
        [0, 0, 4, 0, 0],
        [0, 0, 5, 6, 0], [0, 5, 6, 0, 0]]
