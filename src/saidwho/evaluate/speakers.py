"""Scoring resolved speakers against a hand-made speaker set (docs/speaker-annotation.md).

Gold attributions and predictions are paired as the content-level accuracy figures pair
them; for each pair whose gold source mention is annotated, the predicted speaker's name,
type and channel are compared with the annotation. Name accuracy is reported overall and
by how the gold mention names its speaker (pronoun, short name, full name, description).
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from ..errors import CorpusError
from ..model import SPEAKER_TYPES, Attribution, Speaker
from .scorer import candidate_pairs, match_pairs, token_spans

T = TypeVar("T")
MENTION_KINDS = ("pronoun", "short", "full", "description")
BARE_PRONOUNS = frozenset({"he", "she", "him", "her", "his", "hers", "they", "them", "their",
                           "it", "its", "i", "me", "my", "we", "us", "our", "you", "who",
                           "whom", "which", "that"})


@dataclass(frozen=True)
class GoldSpeaker:
    """The annotated speaker of one gold source mention."""

    article: str
    start: int
    end: int
    mention: str
    kind: str
    name: str
    aliases: tuple[str, ...]
    type: str
    iso3: str | None = None
    channel: GoldChannel | None = None

    def accepts(self, name: str | None) -> bool:
        return _named_as(name, (self.name, *self.aliases))


@dataclass(frozen=True)
class GoldChannel:
    name: str
    aliases: tuple[str, ...] = ()
    type: str = "unknown"

    def accepts(self, name: str | None) -> bool:
        return _named_as(name, (self.name, *self.aliases))


def _named_as(name: str | None, names: tuple[str, ...]) -> bool:
    """Whether a predicted name is one of the annotated names, normalised."""
    return name is not None and normalise(name) in {normalise(n) for n in names}


def normalise(name: str) -> str:
    """A name compared without case, a leading article (English or French), a possessive
    or odd spacing."""
    name = unicodedata.normalize("NFKC", name).replace("’", "'").strip(" ,.;:\"'")
    # a French article: "une source", "la Vigie du Sud", "l'AFP"; not "UN" ("UN chief")
    name = re.sub(r"^(?:[Uu]ne?|[Dd]es)\s+(?=[a-zà-ÿ])", "", name)
    name = re.sub(r"^(?:le|la|les)\s+|^l'(?=\S)", "", name, flags=re.I)
    name = name.lower()
    name = re.sub(r"^(?:the|a|an)\s+", "", name)
    name = re.sub(r"'s?$", "", name)
    return re.sub(r"\s+", " ", name).strip()


def read_annotations(path: str | Path, read: Callable[[Any], T], what: str,
                     item: str) -> list[T]:
    """``read`` of each JSON Lines object of a hand-made set (blank lines skipped); a
    ``CorpusError`` naming the file (``what`` it holds) or the line (not an ``item``)."""
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise CorpusError(f"{path}: cannot read the {what} ({exc})") from exc
    out = []
    for lineno, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            out.append(read(json.loads(line)))
        except (ValueError, KeyError, TypeError) as exc:
            raise CorpusError(f"{path}:{lineno}: not a {item} ({exc})") from exc
    return out


def read_gold_speakers(path: str | Path) -> dict[str, dict[tuple[int, int], GoldSpeaker]]:
    """The annotations of a speaker set: article -> (start, end) -> annotation."""
    out: dict[str, dict[tuple[int, int], GoldSpeaker]] = {}
    for gold in read_annotations(path, _gold_speaker, "speaker set", "speaker annotation"):
        out.setdefault(gold.article, {})[(gold.start, gold.end)] = gold
    return out


def _gold_speaker(row: dict[str, Any]) -> GoldSpeaker:
    if row["kind"] not in MENTION_KINDS:
        raise ValueError(f"kind {row['kind']!r}")
    if row["type"] not in SPEAKER_TYPES:
        raise ValueError(f"type {row['type']!r}")
    chan = row.get("channel")
    channel = GoldChannel(str(chan["name"]), tuple(chan.get("aliases", ())),
                          str(chan.get("type", "unknown"))) if chan else None
    return GoldSpeaker(str(row["article"]), int(row["start"]), int(row["end"]),
                       str(row["mention"]), row["kind"], str(row["name"]),
                       tuple(str(a) for a in row.get("aliases", ())), row["type"],
                       row.get("iso3"), channel)


@dataclass
class SpeakerScores:
    """Counts of right and scored speakers, overall and by mention kind."""

    scored: int = 0
    name_right: int = 0
    type_right: int = 0
    channel_right: int = 0
    gold_channels: int = 0
    channels_found: int = 0  # gold channels whose prediction names them right
    bare_pronouns: int = 0  # predicted speakers named with a bare pronoun
    by_kind: dict[str, list[int]] = field(
        default_factory=lambda: {k: [0, 0] for k in MENTION_KINDS})  # [right, scored]
    stale: int = 0  # annotations whose offsets no longer hold their mention

    def to_dict(self) -> dict[str, Any]:
        def ratio(a: int, b: int) -> float:
            return round(a / b, 4) if b else 0.0

        return {
            "scored": self.scored,
            "name_accuracy": ratio(self.name_right, self.scored),
            "type_accuracy": ratio(self.type_right, self.scored),
            "channel_accuracy": ratio(self.channel_right, self.scored),
            "channel_recall": ratio(self.channels_found, self.gold_channels),
            "gold_channels": self.gold_channels,
            "bare_pronoun_names": self.bare_pronouns,
            "name_accuracy_by_kind": {k: {"accuracy": ratio(r, n), "scored": n}
                                      for k, (r, n) in self.by_kind.items()},
            "stale_annotations": self.stale,
        }


class SpeakerScorer:
    """Accumulates speaker scores document by document."""

    def __init__(self, gold: dict[str, dict[tuple[int, int], GoldSpeaker]]) -> None:
        self.gold = gold
        self.scores = SpeakerScores()

    def add(self, doc_id: str, text: str, gold: list[Attribution],
            pred: list[Attribution]) -> None:
        annotated = self.gold.get(doc_id)
        if not annotated:
            return
        self.scores.stale += sum(1 for (s, e), g in annotated.items()
                                 if text[s:e] != g.mention)
        pairs = candidate_pairs(token_spans(text), gold, pred)
        for i, j, _src_ok in match_pairs(pairs, "content"):
            source = gold[i].source
            if not source:
                continue
            entry = annotated.get((source[0].start, source[-1].end))
            if entry is not None:
                self._score(entry, pred[j])

    def _score(self, gold: GoldSpeaker, pred: Attribution) -> None:
        s = self.scores
        speaker: Speaker | None = pred.speaker
        name = speaker.name if speaker else None
        name_ok = gold.accepts(name)
        type_ok = speaker is not None and speaker.type == gold.type
        chan = pred.channel.name if pred.channel else None
        chan_ok = (gold.channel is None and chan is None) or (
            gold.channel is not None and gold.channel.accepts(chan))
        s.scored += 1
        s.name_right += name_ok
        s.type_right += type_ok
        s.channel_right += chan_ok
        s.by_kind[gold.kind][0] += name_ok
        s.by_kind[gold.kind][1] += 1
        if gold.channel is not None:
            s.gold_channels += 1
            s.channels_found += chan_ok
        if name is not None and normalise(name) in BARE_PRONOUNS:
            s.bare_pronouns += 1


def format_speaker_scores(results: dict[str, SpeakerScores]) -> str:
    """Each engine's speaker figures in one table."""
    names = list(results)
    dicts = {n: results[n].to_dict() for n in names}
    lines = [f"{'speakers':28}" + "".join(f"{n:>10}" for n in names)]
    lines.append(f"{'scored attributions':28}" + "".join(f"{dicts[n]['scored']:>10}"
                                                          for n in names))
    for key, label in (("name_accuracy", "name accuracy"), ("type_accuracy", "type accuracy"),
                       ("channel_accuracy", "channel accuracy"),
                       ("channel_recall", "channel recall")):
        lines.append(f"{label:28}" + "".join(f"{dicts[n][key]:>10.3f}" for n in names))
    for kind in MENTION_KINDS:
        cells = "".join(
            f"{dicts[n]['name_accuracy_by_kind'][kind]['accuracy']:>10.3f}" for n in names)
        count = dicts[names[0]]["name_accuracy_by_kind"][kind]["scored"]
        lines.append(f"{'  name, ' + kind + f' ({count})':28}" + cells)
    lines.append(f"{'bare pronoun as name':28}" + "".join(
        f"{dicts[n]['bare_pronoun_names']:>10}" for n in names))
    stale = Counter(results[n].stale for n in names).most_common(1)[0][0]
    if stale:
        lines.append(f"warning: {stale} annotation(s) no longer point at their mention")
    return "\n".join(lines)
