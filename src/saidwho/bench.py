"""Throughput of the full extraction against bare spaCy parsing of the same texts."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from spacy.language import Language

from .extract import extract_many


@dataclass
class BenchResult:
    documents: int
    words: int
    bare_seconds: float
    full_seconds: float
    # (bare, full) seconds of each round, timed back to back
    rounds: list[tuple[float, float]] = field(default_factory=list)

    @property
    def ratio(self) -> float:
        """Extraction speed as a share of bare parsing speed (1.0: no overhead), from the
        best time of each side."""
        return self.bare_seconds / self.full_seconds if self.full_seconds else 0.0

    @property
    def paired_ratio(self) -> float:
        """The median over rounds of each round's ratio: the two sides of a round run
        back to back, so a busy spell on a shared machine slows both (steadier than
        ``ratio`` where the load moves between rounds)."""
        ratios = [r for r, (_bare, full) in zip(self.round_ratios, self.rounds, strict=True)
                  if full]
        return statistics.median(ratios) if ratios else self.ratio

    @property
    def round_ratios(self) -> list[float]:
        """Each round's bare time over its full time."""
        return [bare / full if full else 0.0 for bare, full in self.rounds]

    def to_dict(self) -> dict[str, float | list[float]]:
        return {
            "documents": self.documents,
            "words": self.words,
            "bare_docs_per_s": round(self.documents / self.bare_seconds, 2),
            "bare_words_per_s": round(self.words / self.bare_seconds, 1),
            "full_docs_per_s": round(self.documents / self.full_seconds, 2),
            "full_words_per_s": round(self.words / self.full_seconds, 1),
            "ratio": round(self.ratio, 3),
            "paired_ratio": round(self.paired_ratio, 3),
            "round_ratios": [round(r, 3) for r in self.round_ratios],
        }


def run_bench(nlp: Language, texts: list[str], repeat: int = 2,
              progress: Callable[[str], None] | None = None) -> BenchResult:
    """Time bare parsing and full extraction alternately; keep the best time of each."""
    words = sum(len(t.split()) for t in texts)
    saidwho_pipes = [n for n in nlp.pipe_names if n.startswith("saidwho")]
    rounds = []
    for round_no in range(repeat):
        with nlp.select_pipes(disable=saidwho_pipes):
            start = time.perf_counter()
            for _ in nlp.pipe(texts, batch_size=16):
                pass
            bare = time.perf_counter() - start
        if progress:
            progress(f"round {round_no + 1}: bare parsing {bare:.1f}s")
        start = time.perf_counter()
        for _ in extract_many(nlp, ((str(i), t) for i, t in enumerate(texts))):
            pass
        full = time.perf_counter() - start
        if progress:
            progress(f"round {round_no + 1}: full extraction {full:.1f}s")
        rounds.append((bare, full))
    return BenchResult(len(texts), words, min(b for b, _ in rounds), min(f for _, f in rounds),
                       rounds)
