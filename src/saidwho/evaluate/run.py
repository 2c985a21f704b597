"""Evaluating a pipeline on PolNeAR."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from spacy.language import Language

from ..extract import extract_many
from .memberships import MembershipScorer, Triple
from .polnear import read_split
from .scorer import Scorer, Scores
from .speakers import GoldSpeaker, SpeakerScorer


def evaluate_polnear(
    nlp: Language,
    root: str | Path,
    split: str = "dev",
    progress: Callable[[int], None] | None = None,
    speakers: dict[str, dict[tuple[int, int], GoldSpeaker]] | None = None,
    memberships: dict[str, set[Triple]] | None = None,
) -> Scores:
    """Extract attributions from every article of a split and score them against gold;
    with a speaker set (``evaluate.speakers``), score the resolved speakers too; with a
    membership set (``evaluate.memberships``), the memberships read from the text."""
    gold = list(read_split(root, split))
    scorer = Scorer()
    speaker_scorer = SpeakerScorer(speakers) if speakers is not None else None
    member_scorer = MembershipScorer(memberships) if memberships is not None else None
    results = extract_many(nlp, ((g.id, g.text) for g in gold))
    for g, result in zip(gold, results, strict=True):
        scorer.add(g.text, g.attributions, result.attributions)
        if speaker_scorer is not None:
            speaker_scorer.add(g.id, g.text, g.attributions, result.attributions)
        if member_scorer is not None:
            member_scorer.add(g.id, result.memberships)
        if progress is not None:
            progress(1)
    if speaker_scorer is not None:
        scorer.scores.speakers = speaker_scorer.scores
    if member_scorer is not None:
        scorer.scores.memberships = member_scorer.scores
    return scorer.scores

