"""Scores predicted attributions against gold ones, micro-averaged over a corpus.

Three families of figures:

* token overlap per role: tokens are ``\\w+`` matches; a token has a role when it lies
  inside any span of that role in the document;
* exact span per role: each attribution's segments for the role, trimmed of whitespace,
  punctuation and quote marks, must be identical;
* attribution level: gold and predicted attributions are paired one-to-one, greedily by
  content-token Dice (>= 0.5), at three levels: content; content + source (source tokens
  overlap, or both have no source); content + source + cue. At each level only pairs that
  satisfy the level's conditions are eligible.

Content recall is also kept by the gold attribution's kind ("direct": its content holds a
quotation mark; "indirect": it holds none), the recall of quoted and unquoted contents.

The misattribution rate is the share of content-matched pairs whose predicted source does
not overlap the gold source (including a source where gold has none and vice versa).
"""

from __future__ import annotations

import bisect
import re
import string
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..model import Attribution, Segment

TOKEN = re.compile(r"\w+")
ROLES = ("source", "cue", "content")
LEVELS = ("content", "content+source", "content+source+cue")
TRIM = string.whitespace + string.punctuation + "“”‘’«»„‟‹›—–…"
DICE_THRESHOLD = 0.5


@dataclass
class PRF:
    tp: float = 0
    n_pred: float = 0
    n_gold: float = 0

    @property
    def precision(self) -> float:
        return self.tp / self.n_pred if self.n_pred else 0.0

    @property
    def recall(self) -> float:
        return self.tp / self.n_gold if self.n_gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, tp: float, n_pred: float, n_gold: float) -> None:
        self.tp += tp
        self.n_pred += n_pred
        self.n_gold += n_gold

    def to_dict(self) -> dict[str, float]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "tp": self.tp,
            "pred": self.n_pred,
            "gold": self.n_gold,
        }


@dataclass
class Scores:
    token: dict[str, PRF] = field(default_factory=lambda: {r: PRF() for r in ROLES})
    exact: dict[str, PRF] = field(default_factory=lambda: {r: PRF() for r in ROLES})
    attribution: dict[str, PRF] = field(default_factory=lambda: {lv: PRF() for lv in LEVELS})
    matched_contents: int = 0
    misattributed: int = 0
    # content-level recall by the gold attribution's kind (direct: quoted, indirect: not)
    recall_by_kind: dict[str, PRF] = field(default_factory=dict)
    documents: int = 0
    # (confidence, right at content + source level) of every prediction
    confidences: list[tuple[float, bool]] = field(default_factory=list)
    speakers: Any = None  # SpeakerScores (evaluate.speakers), when a speaker set was given
    memberships: PRF | None = None  # (evaluate.memberships), when a membership set was given

    @property
    def misattribution_rate(self) -> float:
        return self.misattributed / self.matched_contents if self.matched_contents else 0.0

    def to_dict(self) -> dict[str, object]:
        return {
            "documents": self.documents,
            "token": {r: p.to_dict() for r, p in self.token.items()},
            "exact": {r: p.to_dict() for r, p in self.exact.items()},
            "attribution": {lv: p.to_dict() for lv, p in self.attribution.items()},
            "misattribution_rate": round(self.misattribution_rate, 4),
            "content_recall_by_kind": {k: {"recall": round(p.recall, 4), "tp": p.tp,
                                           "gold": p.n_gold}
                                       for k, p in sorted(self.recall_by_kind.items())},
            "calibration": calibration_table(self.confidences),
            **({"speakers": self.speakers.to_dict()} if self.speakers is not None else {}),
            **({"memberships": self.memberships.to_dict()}
               if self.memberships is not None else {}),
        }


def token_spans(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in TOKEN.finditer(text)]


def tokens_in(tokens: Sequence[tuple[int, int]], segments: Iterable[Segment]) -> set[int]:
    """Indices of the tokens lying inside any of the segments."""
    out: set[int] = set()
    for seg in segments:
        i = bisect.bisect_left(tokens, (seg.start, -1))
        while i < len(tokens) and tokens[i][1] <= seg.end:
            out.add(i)
            i += 1
    return out


def trimmed(segments: Iterable[Segment]) -> tuple[tuple[int, int], ...]:
    """Segments as offset pairs with whitespace, punctuation and quote marks trimmed."""
    out = []
    for seg in segments:
        start, end, t = seg.start, seg.end, seg.text
        lead = len(t) - len(t.lstrip(TRIM))
        tail = len(t) - len(t.rstrip(TRIM))
        if lead + tail < len(t):
            out.append((start + lead, end - tail))
    return tuple(sorted(set(out)))


def dice(a: set[int], b: set[int]) -> float:
    return 2 * len(a & b) / (len(a) + len(b)) if a or b else 0.0


class Scorer:
    """Accumulates scores document by document."""

    def __init__(self) -> None:
        self.scores = Scores()

    def add(self, text: str, gold: list[Attribution], pred: list[Attribution]) -> None:
        s = self.scores
        s.documents += 1
        toks = token_spans(text)
        for role in ROLES:
            g = set().union(*(tokens_in(toks, getattr(a, role)) for a in gold)) if gold else set()
            p = set().union(*(tokens_in(toks, getattr(a, role)) for a in pred)) if pred else set()
            s.token[role].add(len(g & p), len(p), len(g))
            gx = Counter(t for a in gold if (t := trimmed(getattr(a, role))))
            px = Counter(t for a in pred if (t := trimmed(getattr(a, role))))
            s.exact[role].add(sum((gx & px).values()), sum(px.values()), sum(gx.values()))
        self._add_attribution_level(toks, gold, pred)

    def _add_attribution_level(
        self, toks: list[tuple[int, int]], gold: list[Attribution], pred: list[Attribution]
    ) -> None:
        s = self.scores
        pairs = candidate_pairs(toks, gold, pred)
        for level in LEVELS:
            matched = match_pairs(pairs, level)
            if level == "content":
                s.matched_contents += len(matched)
                s.misattributed += sum(1 for _i, _j, src_ok in matched if not src_ok)
                found = {i for i, _j, _ok in matched}
                for i, att in enumerate(gold):
                    s.recall_by_kind.setdefault(att.kind, PRF()).add(int(i in found), 0, 1)
            if level == "content+source":
                right = {j for _i, j, _ok in matched}
                s.confidences.extend((a.confidence, j in right) for j, a in enumerate(pred))
            s.attribution[level].add(len(matched), len(pred), len(gold))


Pair = tuple[float, int, int, bool, bool]


def candidate_pairs(
    toks: list[tuple[int, int]], gold: list[Attribution], pred: list[Attribution]
) -> list[Pair]:
    """(content Dice, gold index, predicted index, source ok, cue ok) of every gold and
    predicted pair whose contents match, best first."""

    def role_tokens(atts: list[Attribution], role: str) -> list[set[int]]:
        return [tokens_in(toks, getattr(a, role)) for a in atts]

    g = {r: role_tokens(gold, r) for r in ROLES}
    p = {r: role_tokens(pred, r) for r in ROLES}
    pairs = []
    for i in range(len(gold)):
        for j in range(len(pred)):
            d = dice(g["content"][i], p["content"][j])
            if d >= DICE_THRESHOLD:
                src_ok = bool(g["source"][i] & p["source"][j]) or (
                    not g["source"][i] and not p["source"][j]
                )
                cue_ok = bool(g["cue"][i] & p["cue"][j]) or (not g["cue"][i] and not p["cue"][j])
                pairs.append((d, i, j, src_ok, cue_ok))
    pairs.sort(key=lambda x: (-x[0], x[1], x[2]))
    return pairs


def match_pairs(pairs: list[Pair], level: str) -> list[tuple[int, int, bool]]:
    """Greedy one-to-one pairing at one level: (gold index, predicted index, source ok)."""
    used_g: set[int] = set()
    used_p: set[int] = set()
    out = []
    for _d, i, j, src_ok, cue_ok in pairs:
        if i in used_g or j in used_p:
            continue
        if level != "content" and not src_ok:
            continue
        if level == "content+source+cue" and not cue_ok:
            continue
        used_g.add(i)
        used_p.add(j)
        out.append((i, j, src_ok))
    return out


def matched_predictions(
    text: str, gold: list[Attribution], pred: list[Attribution], level: str = "content+source"
) -> set[int]:
    """Indices of the predictions paired with a gold attribution at ``level``."""
    pairs = candidate_pairs(token_spans(text), gold, pred)
    return {j for _i, j, _ok in match_pairs(pairs, level)}


CALIBRATION_EDGES = (0.0, 0.5, 0.6, 0.7, 0.8, 0.9)


def calibration_table(pairs: list[tuple[float, bool]]) -> list[dict[str, float | int]]:
    """For each confidence threshold: how many predictions reach it and their precision
    (right at content + source level)."""
    rows: list[dict[str, float | int]] = []
    for edge in CALIBRATION_EDGES:
        above = [ok for c, ok in pairs if c >= edge]
        rows.append({"min_confidence": edge, "predictions": len(above),
                     "precision": round(sum(above) / len(above), 4) if above else 0.0})
    return rows


def format_calibration(scores: Scores) -> str:
    lines = [f"{'confidence >=':>14}{'predictions':>13}{'precision':>11}"]
    for row in calibration_table(scores.confidences):
        lines.append(f"{row['min_confidence']:>14.1f}{row['predictions']:>13}"
                     f"{row['precision']:>11.3f}")
    return "\n".join(lines)


def format_scores(scores: Scores, title: str = "") -> str:
    """A plain-text report of the scores."""
    lines = [title] if title else []
    lines.append(f"documents: {scores.documents}")
    lines.append(f"{'':28}{'P':>8}{'R':>8}{'F1':>8}")
    for family, table in (("token", scores.token), ("exact", scores.exact),
                          ("attribution", scores.attribution)):
        for key, prf in table.items():
            label = f"{family} {key}"
            lines.append(f"{label:28}{prf.precision:8.3f}{prf.recall:8.3f}{prf.f1:8.3f}")
    lines.append(f"{'misattribution rate':28}{scores.misattribution_rate:8.3f}")
    for kind, prf in sorted(scores.recall_by_kind.items()):
        label = f"content recall, {KIND_NAMES.get(kind, kind)}"
        lines.append(f"{label:28}{'':8}{prf.recall:8.3f}")
    return "\n".join(lines)


KIND_NAMES = {"direct": "quoted", "indirect": "unquoted"}


def format_side_by_side(results: dict[str, Scores], title: str = "") -> str:
    """Several engines' F1 (and P/R) in one table, one column group per engine."""
    names = list(results)
    lines = [title] if title else []
    lines.append(f"documents: {next(iter(results.values())).documents}")
    lines.append(f"{'':28}" + "".join(f"{n + ' P/R/F1':>26}" for n in names))
    for family in ("token", "exact", "attribution"):
        for key in getattr(next(iter(results.values())), family):
            cells = []
            for n in names:
                prf = getattr(results[n], family)[key]
                cells.append(f"{prf.precision:8.3f}{prf.recall:8.3f}{prf.f1:8.3f}  ")
            lines.append(f"{family + ' ' + key:28}" + "".join(f"{c:>26}" for c in cells))
    rates = "".join(f"{results[n].misattribution_rate:24.3f}  " for n in names)
    lines.append(f"{'misattribution rate':28}{rates}")
    kinds = sorted({k for n in names for k in results[n].recall_by_kind})
    for kind in kinds:
        recalls = "".join(f"{results[n].recall_by_kind.get(kind, PRF()).recall:24.3f}  "
                          for n in names)
        lines.append(f"{'content recall, ' + KIND_NAMES.get(kind, kind):28}{recalls}")
    return "\n".join(lines)
