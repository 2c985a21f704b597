"""Cue lexicons: which words introduce attributions, in which syntactic frame.

Two files of package data:

* ``cue_frames.tsv``: data-driven, derived from PolNeAR's train split by
  ``scripts/build_cue_lexicon.py``: for each (lemma, frame) pair, how often a verb with
  that lemma in that frame heads a gold cue. The ratio is the cue's prior confidence.
* ``cue_words.txt``: a curated list of speech, thought and report verbs and nouns that
  the corpus may under-represent ("demand", "accusation"), with a default confidence.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib import resources
from typing import Any

DEFAULT_VERB_PRIOR = 0.6
DEFAULT_NOUN_PRIOR = 0.6


@dataclass
class Lexicon:
    """Cue words with prior confidences by syntactic frame."""

    verb_frames: dict[tuple[str, str], float] = field(default_factory=dict)
    verbs: set[str] = field(default_factory=set)
    nouns: dict[str, float] = field(default_factory=dict)

    def verb_prior(self, lemma: str, frame: str) -> float:
        """Prior that ``lemma`` in ``frame`` is a cue; 0 when it is not one."""
        learned = self.verb_frames.get((lemma, frame))
        if learned is not None:
            return learned
        if lemma in self.verbs and frame in ("ccomp", "quote", "head"):
            return DEFAULT_VERB_PRIOR
        return 0.0

    def noun_prior(self, lemma: str) -> float:
        return self.nouns.get(lemma, 0.0)

    def to_dict(self) -> dict[str, Any]:
        return {
            "verb_frames": [[lem, fr, p] for (lem, fr), p in sorted(self.verb_frames.items())],
            "verbs": sorted(self.verbs),
            "nouns": sorted(self.nouns.items()),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Lexicon:
        return cls(
            verb_frames={(lem, fr): float(p) for lem, fr, p in data["verb_frames"]},
            verbs=set(data["verbs"]),
            nouns={n: float(p) for n, p in data["nouns"]},
        )


def load_default_lexicon(min_count: int = 3) -> Lexicon:
    """The lexicon shipped with the package."""
    pkg = resources.files("saidwho") / "lexicons"
    lex = Lexicon()
    for line in (pkg / "cue_frames.tsv").read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        lemma, frame, count, total = line.split("\t")
        if int(count) >= min_count:
            lex.verb_frames[(lemma, frame)] = int(count) / int(total)
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
