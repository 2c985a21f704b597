"""``saidwho bench``'s figures: the ratio of the best times and the median of the rounds'
ratios (no timing is asserted: only how the figures follow from the times)."""

from __future__ import annotations

import spacy

from saidwho.bench import BenchResult, run_bench


def test_the_paired_ratio_is_the_median_of_the_rounds_ratios():
    # a busy spell slowed both sides of the second round
    result = BenchResult(10, 1000, 20.0, 25.0, [(20.0, 25.0), (30.0, 31.0), (21.0, 30.0)])
    assert result.ratio == 0.8  # best bare over best full, from different rounds
    assert result.paired_ratio == 0.8  # the median of 0.8, 0.968 and 0.7
    figures = result.to_dict()
    assert figures["round_ratios"] == [0.8, 0.968, 0.7]
    assert figures["paired_ratio"] == 0.8 and figures["ratio"] == 0.8
    assert BenchResult(1, 1, 2.0, 4.0).paired_ratio == 0.5  # no rounds kept: the ratio


def test_run_bench_times_every_round_of_both_sides():
    nlp = spacy.blank("en")
    result = run_bench(nlp, ["Ana Ruiz said the port would close."] * 3, repeat=3)
    assert len(result.rounds) == 3 and result.documents == 3 and result.words == 21
    assert result.bare_seconds == min(bare for bare, _ in result.rounds)
    assert result.full_seconds == min(full for _, full in result.rounds)
    assert all(bare > 0 and full > 0 for bare, full in result.rounds)
