"""The option chooser (``learn.chooser``): what it learns, reproducibly, and how the
weights keep it."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from saidwho.learn.chooser import OptionChooser, fit_chooser

F = 12


def _groups(n: int, seed: int) -> list[tuple[np.ndarray, np.ndarray]]:
    """Cues with three options where the right one holds feature 7 and is
    seldom the likeliest run (feature 3)."""
    rng = np.random.RandomState(seed)
    out = []
    for _ in range(n):
        X = rng.rand(3, F) * 0.1
        right = rng.randint(3)
        X[:, 3] = rng.rand(3)
        X[right, 7] = 1.0
        out.append((X, np.arange(3) == right))
    return out


def test_the_chooser_learns_what_the_right_option_holds():
    chooser = fit_chooser(_groups(300, 0), iters=200)
    test = _groups(100, 1)
    right = sum(bool(r[chooser.choose(X)]) for X, r in test)
    by_probability = sum(bool(r[int(np.argmax(X[:, 3]))]) for X, r in test)
    assert right >= 95 and by_probability < 60


def test_the_chooser_is_reproducible_and_round_trips():
    a = fit_chooser(_groups(50, 0), iters=20, seed=3)
    b = fit_chooser(_groups(50, 0), iters=20, seed=3)
    X = _groups(1, 2)[0][0]
    assert np.array_equal(a.scores(X), b.scores(X))
    back = OptionChooser.from_dict(a.to_dict())
    assert np.allclose(back.scores(X), a.scores(X))


def test_fitting_needs_a_right_option():
    X = np.zeros((2, F))
    with pytest.raises(ValueError, match="no cue"):
        fit_chooser([(X, np.zeros(2, dtype=bool))])


def test_weights_keep_their_chooser(tmp_path: Path):
    from saidwho.learn.tagger import AttributionTagger, packaged_tagger_path

    tagger = AttributionTagger.from_disk(packaged_tagger_path())
    tagger.source_chooser = fit_chooser(_groups(20, 0), iters=5)
    tagger.to_disk(tmp_path)
    back = AttributionTagger.from_disk(tmp_path)
    assert back.source_chooser is not None
    X = _groups(1, 4)[0][0]
    assert np.allclose(back.source_chooser.scores(X), tagger.source_chooser.scores(X))


def test_the_packaged_weights_choose_sources_and_contents():
    from saidwho.learn.contents import N_FEATURES as CONTENT_FEATURES
    from saidwho.learn.sources import N_FEATURES as SOURCE_FEATURES
    from saidwho.learn.tagger import AttributionTagger, packaged_tagger_path

    tagger = AttributionTagger.from_disk(packaged_tagger_path())
    assert tagger.source_chooser is not None and tagger.content_chooser is not None
    assert tagger.source_chooser.linear.shape == (SOURCE_FEATURES,)
    assert tagger.content_chooser.linear.shape == (CONTENT_FEATURES,)
