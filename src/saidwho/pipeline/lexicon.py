"""Cue lexicons: which words introduce attributions, in which syntactic frame.

Two files of package data:

* ``cue_frames.tsv``: data-driven, derived from PolNeAR's train split by
  ``scripts/build_cue_lexicon.py``: for each (lemma, frame, subject kind), how often a
  verb outside quotation marks with that lemma, frame and kind of subject heads a gold
  cue. The smoothed ratio is the cue's prior confidence; subject kind ``*`` is the total
  over all kinds and the back-off for rare combinations.
* ``cue_words.txt``: a curated list of speech, thought and report verbs and nouns that
  the corpus may under-represent ("demand", "accusation"), with a default confidence.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from .cue import Frame

DEFAULT_VERB_PRIOR = 0.6
DEFAULT_NOUN_PRIOR = 0.6
# Frames in which a verb of the curated list is a cue without figures from the corpus.
LISTED_VERB_FRAMES = frozenset(f for f in Frame if f.rules.listed_verbs)


@dataclass
class Lexicon:
    """Cue words with prior confidences by syntactic frame."""

    # (lemma, frame, subject kind or "*") -> prior
    verb_frames: dict[tuple[str, Frame, str], float] = field(default_factory=dict)
    verbs: set[str] = field(default_factory=set)
    nouns: dict[str, float] = field(default_factory=dict)

    def verb_prior(self, lemma: str, frame: Frame, subject: str = "*") -> float:
        """Prior that ``lemma`` in ``frame`` with a ``subject`` kind is a cue."""
        learned = self.verb_frames.get((lemma, frame, subject))
        if learned is None:
            learned = self.verb_frames.get((lemma, frame, "*"))
        if learned is not None:
            return learned
        if lemma in self.verbs and frame in LISTED_VERB_FRAMES:
            return DEFAULT_VERB_PRIOR
        return 0.0

    def noun_prior(self, lemma: str) -> float:
        return self.nouns.get(lemma, 0.0)

    def to_dict(self) -> dict[str, Any]:
        return {
            "verb_frames": [[lem, str(fr), sk, p]
                            for (lem, fr, sk), p in sorted(self.verb_frames.items())],
            "verbs": sorted(self.verbs),
            "nouns": sorted(self.nouns.items()),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Lexicon:
        return cls(
            verb_frames={(lem, Frame(fr), sk): float(p)
                         for lem, fr, sk, p in data["verb_frames"]},
            verbs=set(data["verbs"]),
            nouns={n: float(p) for n, p in data["nouns"]},
        )


def load_default_lexicon(min_total: int = 5, smoothing: float = 2.0) -> Lexicon:
    """The lexicon shipped with the package.

    A subject-specific ratio seen fewer than ``min_total`` times is left to the back-off;
    the others are smoothed towards it with ``smoothing`` pseudo-counts.
    """
    pkg = resources.files("saidwho") / "lexicons"
    lex = Lexicon()
    rows: list[tuple[str, Frame, str, int, int]] = []
    for line in (pkg / "cue_frames.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            lem, fr, sk, n, tot = line.split("\t")
            rows.append((lem, Frame(fr), sk, int(n), int(tot)))
    backoff = {(lem, fr): c / t for lem, fr, sk, c, t in rows if sk == "*"}
    for lemma, frame, subject, count, total in rows:
        prior = backoff[(lemma, frame)]
        if subject == "*":
            lex.verb_frames[(lemma, frame, "*")] = prior
        elif total >= min_total:
            lex.verb_frames[(lemma, frame, subject)] = (count + smoothing * prior) / (
                total + smoothing
            )
    for line in (pkg / "cue_words.txt").read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        pos, _, word = line.partition(" ")
        if pos == "VERB":
            lex.verbs.add(word.strip())
        elif pos == "NOUN":
            lex.nouns[word.strip()] = DEFAULT_NOUN_PRIOR
    return lex


def load_verb_list(name: str) -> Lexicon:
    """A lexicon written by hand, without corpus figures: package data ``name`` with one
    verb a line, "lemma<TAB>frames<TAB>prior" (frames separated by spaces), as
    ``lexicons/fr_cue_verbs.tsv``."""
    lex = Lexicon()
    text = (resources.files("saidwho") / "lexicons" / name).read_text(encoding="utf-8")
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        lemma, frames, prior = line.split("\t")
        for frame in frames.split():
            lex.verb_frames[(lemma, Frame(frame), "*")] = float(prior)
    return lex
