"""The trained attribution model: a cue tagger and a cue-conditioned role tagger.

1. The cue tagger labels every token B, I or O: cue spans such as "said", "has said",
   "according to", "told reporters".
2. For each cue span, the role tagger labels the tokens of a window around it (the cue's
   sentence and its neighbours) as that cue's source or content (BIO), so nested and
   overlapping attributions are handled one cue at a time.
3. Spans become attributions; a logistic calibration, fitted on held-out training
   articles, turns the taggers' probabilities into the attribution's confidence.

The rule engine's output is one of the features, so the model learns where to trust it.
"""

from __future__ import annotations

import json
import math
from dataclasses import asdict, dataclass, field, fields, replace
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
from spacy.tokens import Doc, Span
from thinc.api import Model

from ..defaults import (
    CONTENT_THRESHOLD,
    CUE_THRESHOLD,
    MODEL_MIN_CONFIDENCE,
    SOURCE_THRESHOLD,
)
from ..model import Attribution, Segment
from ..pipeline.attributions import kind_of
from ..pipeline.quotes import QUOTE_CHARS, QuoteIndex
from ..pipeline.spans import contiguous_runs, doc_text
from . import network
from .chooser import OptionChooser
from .contents import content_features, content_options
from .features import (
    CUE_LABELS,
    CUE_ROW_CUE_COLUMNS,
    CUE_ROW_TOKEN_COLUMNS,
    N_CUE_COLUMNS,
    N_TOKEN_COLUMNS,
    ROLE_LABELS,
    DocInfo,
    cue_features_many,
    doc_info,
    token_features,
    window,
)
from .network import NetConfig
from .repair import quotation_closed, repair
from .sources import (
    OPTION_THRESHOLD,
    SourceOption,
    option_features,
    source_options,
)

FORMAT = "saidwho-tagger/1"
PACKAGED = "tagger"
# Rule attributions this confident (the rule engine's cue prior) that the model did not
# produce are added ("backoff"), with the precision such additions had on the held-out
# training articles as their confidence. Chosen on PolNeAR dev: +0.011 content + source F1.
RULE_BACKOFF_MIN = 0.8
NO_SOURCE_PRIOR = 0.5
# cues read per sentence (PolNeAR dev's most is far below), and per batch of the role
# tagger (its features are about 100 rows per cue)
MAX_CUES_PER_SENTENCE = 8
ROLE_BATCH_CUES = 256
N_RAW = 7  # scores a candidate gives the calibration (Candidate.raw)


@dataclass(frozen=True)
class Decoding:
    """How the taggers' probabilities become attributions: the choices made in training
    (``train.choose_decoding``), saved with the weights (``info`` of ``tagger.json``)."""

    # (in the order training writes them)
    # the role features read the parse tree (False for format-1 weights)
    tree_features: bool = False
    # a token is part of a cue's content when its content probability reaches this
    content_threshold: float = CONTENT_THRESHOLD
    # content runs at most this many tokens apart (with no cue or source between) join
    content_gap: int = 0
    # take the rule engine's content for the same cue instead of the tagger's: never (""),
    # "always", or when their token Dice reaches the number written here ("0.5")
    rule_content: str = ""
    # a token is part of a cue when its cue probability (1 - P(O)) reaches this
    cue_threshold: float = CUE_THRESHOLD
    # the default minimum confidence of the attributions kept
    min_confidence: float = MODEL_MIN_CONFIDENCE
    # the confidence of the rule engine's attributions added as a backoff (see
    # AttributionTagger.backoff); None: none are added
    rule_backoff_confidence: float | None = None
    # close the spans over the parse (``repair``): modifiers before a noun, a preposition's
    # object after it
    repair_spans: bool = True
    # a token is part of a cue's source when its source probability reaches this (the
    # likeliest such run is the source)
    source_threshold: float = SOURCE_THRESHOLD

    def takes_rule_content(self, agreement: float) -> bool:
        """Whether the rule engine's content replaces the tagger's at this agreement."""
        mode = self.rule_content
        return bool(mode) and (mode == "always" or agreement >= float(mode))

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Decoding:
        """The decoding stored in ``data`` (a weights file's ``info``), defaults for the
        settings it lacks; other keys are left alone."""
        backoff = data.get("rule_backoff_confidence")
        return cls(
            tree_features=bool(data.get("tree_features", False)),
            content_threshold=float(data.get("content_threshold", CONTENT_THRESHOLD)),
            content_gap=int(data.get("content_gap", 0)),
            rule_content=str(data.get("rule_content", "")),
            cue_threshold=float(data.get("cue_threshold", CUE_THRESHOLD)),
            min_confidence=float(data.get("min_confidence", MODEL_MIN_CONFIDENCE)),
            rule_backoff_confidence=float(backoff) if backoff is not None else None,
            repair_spans=bool(data.get("repair_spans", True)),
            source_threshold=float(data.get("source_threshold", SOURCE_THRESHOLD)),
        )


DECODING_KEYS = frozenset(f.name for f in fields(Decoding))


@dataclass
class Calibration:
    """Logistic map from raw scores to a probability that the attribution is right."""

    weights: list[float] = field(default_factory=lambda: [0.0] * N_RAW)
    bias: float = 0.0

    def __call__(self, feats: list[float]) -> float:
        z = self.bias + sum(w * x for w, x in zip(self.weights, feats, strict=True))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


@dataclass
class Choices:
    """What training the choosers reads: for each cue, its source options' feature rows
    with the candidate each gives, and the same for its content options."""

    sources: list[tuple[np.ndarray, list[Candidate | None]]] = field(default_factory=list)
    contents: list[tuple[np.ndarray, list[Candidate]]] = field(default_factory=list)


@dataclass
class Candidate:
    """An attribution as predicted, with the raw scores the calibration reads."""

    cue: tuple[int, int]
    source: list[tuple[int, int]]
    content: list[tuple[int, int]]
    cue_score: float
    source_score: float
    content_score: float
    rule_cue: bool = False  # the rule engine found an attribution with this cue
    rule_agreement: float = 0.0  # Dice of its content and this content (tokens)

    def raw(self) -> list[float]:
        logit = [math.log(max(1e-6, p) / max(1e-6, 1 - p))
                 for p in (self.cue_score, self.content_score)]
        return [*logit, self.source_score, float(bool(self.source)),
                math.log1p(sum(b - a for a, b in self.content)), float(self.rule_cue),
                self.rule_agreement]


class AttributionTagger:
    """Both taggers, their configuration, calibration and decoding; saved as one folder.

    ``info`` (saved as the ``info`` of ``tagger.json``) holds the decoding settings
    (``Decoding``, read into ``decoding``) and what is recorded about the training."""

    def __init__(self, cue_cfg: NetConfig | None = None, role_cfg: NetConfig | None = None,
                 cue_net: Model | None = None, role_net: Model | None = None,
                 calibration: Calibration | None = None, info: dict[str, Any] | None = None,
                 source_chooser: OptionChooser | None = None,
                 content_chooser: OptionChooser | None = None):
        self.cue_cfg = cue_cfg or self.default_cue_config()
        self.role_cfg = role_cfg or self.default_role_config()
        self.cue_net = cue_net or network.build(self.cue_cfg)
        self.role_net = role_net or network.build(self.role_cfg)
        # what predicts: the networks themselves while they train, their compiled forms
        # (faster, same outputs) once their weights are fixed (``compile``)
        self.cue_fast: Model | network.Compiled = self.cue_net
        self.role_fast: Model | network.Compiled = self.role_net
        self.calibration = calibration or Calibration()
        # picks each cue's source among its candidates (learn/sources.py); without one,
        # the likeliest run above the source threshold is the source
        self.source_chooser = source_chooser
        # and its content among the tagger's and the parse's (learn/contents.py)
        self.content_chooser = content_chooser
        info = info or {}
        self.decoding = Decoding.from_dict(info)
        # the rest of info: the training's record, kept as read
        self.info = {k: v for k, v in info.items() if k not in DECODING_KEYS}

    @staticmethod
    def default_cue_config() -> NetConfig:
        return NetConfig(N_TOKEN_COLUMNS, 96, len(CUE_LABELS))

    @staticmethod
    def default_role_config() -> NetConfig:
        return NetConfig(N_CUE_COLUMNS, 192, len(ROLE_LABELS))

    # -- prediction ---------------------------------------------------------------------

    def candidates(self, doc: Doc, rules: list[Attribution],
                   quotes: QuoteIndex | None = None,
                   choices: Choices | None = None) -> list[Candidate]:
        """The text's attributions as candidates; ``choices``: see ``decode``."""
        if len(doc) == 0:
            return []
        info = doc_info(doc, rules, quotes)
        cue_probs = network.predict(self.cue_fast, self.cue_inputs(info))
        spans = _fewest_per_sentence(info, cue_spans(doc, cue_probs,
                                                     self.decoding.cue_threshold))
        if not spans:
            return []
        tree = self.decoding.tree_features
        cues = frozenset(i for span, _ in spans for i in range(span.start, span.end))
        out = []
        # the cues' windows through the role tagger in batches, so memory stays bounded
        # on a text with thousands of cues
        for first in range(0, len(spans), ROLE_BATCH_CUES):
            batch = spans[first : first + ROLE_BATCH_CUES]
            windows = [window(info, span) for span, _ in batch]
            rows_ids, rows_dense = cue_features_many(info, [span for span, _ in batch],
                                                     windows, tree)
            width = info.vectors.shape[1]
            shared = (
                network.Shared(CUE_ROW_TOKEN_COLUMNS, 0, width, np.concatenate(
                    [np.arange(rows.start, rows.stop) for rows in windows])),
                network.Shared(CUE_ROW_CUE_COLUMNS, width, 2 * width, np.repeat(
                    np.arange(len(batch)), [len(rows) for rows in windows])),
            )
            probs = network.predict(
                self.role_fast, self.role_inputs(rows_ids, rows_dense, windows),
                batch=len(rows_ids), shared=shared)
            start = 0
            for (span, score), rows in zip(batch, windows, strict=True):
                cand = self.decode(info, span, score, rows,
                                   probs[start : start + len(rows)], cues, choices)
                start += len(rows)
                if cand is not None:
                    out.append(cand)
        return out

    def cue_inputs(self, info: DocInfo) -> network.Inputs:
        """The cue tagger's inputs for a text's tokens (a network with context reads each
        sentence as a sequence)."""
        ids, dense = token_features(info)
        if not self.cue_cfg.context:
            return ids, dense
        return ids, dense, np.bincount(info.sent_ids)

    def role_inputs(self, ids: np.ndarray, dense: np.ndarray, windows: list[range]
                    ) -> network.Inputs:
        """The role tagger's inputs for the rows of these cue windows."""
        if not self.role_cfg.context:
            return ids, dense
        return ids, dense, np.array([len(rows) for rows in windows], dtype=np.int64)

    def decode(self, info: DocInfo, span: Span, cue_score: float, rows: range,
               probs: np.ndarray, cues: frozenset[int] = frozenset(),
               choices: Choices | None = None) -> Candidate | None:
        """Source and content spans of one cue from the role tagger's probabilities;
        ``cues``: the tokens of all the text's cues. With ``choices`` (training the
        choosers), the cue's source and content options are added to it."""
        cand = self._with_source(info, span, cue_score, rows, probs, cues, choices)
        if cand is None or (self.content_chooser is None and choices is None):
            return cand
        source = {i for a, b in cand.source for i in range(a, b + 1)}
        options = content_options(info, cand.cue, source, cand.content)
        if choices is None and len(options) == 1:
            return cand  # nothing to choose
        X = content_features(info, cand.cue, options, rows, probs[:, 3] + probs[:, 4],
                             self.decoding.content_threshold, cand.rule_agreement)
        runs = [runs for _kind, runs, _dep in options]
        if choices is not None:
            choices.contents.append((X, [replace(cand, content=r) for r in runs]))
        if self.content_chooser is not None:
            cand = replace(cand, content=runs[self.content_chooser.choose(X)])
        return cand

    def _with_source(self, info: DocInfo, span: Span, cue_score: float, rows: range,
                     probs: np.ndarray, cues: frozenset[int], choices: Choices | None
                     ) -> Candidate | None:
        """The candidate with the source the source chooser picks or, without one, the
        likeliest run above the source threshold."""
        cue = set(range(span.start, span.end))
        src_p = probs[:, 1] + probs[:, 2]
        begins = probs[:, 1] > probs[:, 2]
        if self.source_chooser is not None or choices is not None:
            options, X = self._source_options(info, span, rows, probs, src_p, begins, cue,
                                              always=choices is not None)
            if choices is not None and X is not None:
                choices.sources.append((X, [self._decoded(info, span, cue_score, rows, probs,
                                                          cues, _as_run(o)) for o in options]))
            if self.source_chooser is not None:
                chosen = options[0] if X is None else options[self.source_chooser.choose(X)]
                return self._decoded(info, span, cue_score, rows, probs, cues,
                                     _as_run(chosen))
        sources = _runs(info.doc, rows, src_p >= self.decoding.source_threshold, src_p,
                        begins, cue, 0)
        source = max(sources, key=lambda r: r[2]) if sources else None
        return self._decoded(info, span, cue_score, rows, probs, cues, source)

    def _source_options(self, info: DocInfo, span: Span, rows: range, probs: np.ndarray,
                        src_p: np.ndarray, begins: np.ndarray, cue: set[int], always: bool
                        ) -> tuple[list[SourceOption], np.ndarray | None]:
        """A cue's source options and their feature rows (``sources.option_features``);
        no rows where "no source" is the only option, unless ``always``."""
        runs = _runs(info.doc, rows, src_p >= OPTION_THRESHOLD, src_p, begins, cue, 0)
        options, rule_source = source_options(info, cue, rows, src_p, runs)
        if len(options) == 1 and not always:
            return options, None
        cnt_p = probs[:, 3] + probs[:, 4]
        content = {rows[k] for k in np.flatnonzero(
            cnt_p >= self.decoding.content_threshold).tolist()}
        has_rule = any(rule_cue & cue for rule_cue, _s, _c in info.rules)
        X = option_features(info, span, rows, probs[:, 1], options, content, rule_source,
                            has_rule, self.decoding.source_threshold)
        return options, X

    def _decoded(self, info: DocInfo, span: Span, cue_score: float, rows: range,
                 probs: np.ndarray, cues: frozenset[int],
                 source: tuple[int, int, float] | None) -> Candidate | None:
        """The candidate of one cue with this source run (first, last, mean probability):
        its content, read around the cue and the source, and both repaired."""
        doc = info.doc
        cue = set(range(span.start, span.end))
        blocked = cue | (set(range(source[0], source[1] + 1)) if source else set())
        cnt_p = probs[:, 3] + probs[:, 4]
        contents = _runs(doc, rows, cnt_p >= self.decoding.content_threshold,
                         cnt_p, None, blocked, self.decoding.content_gap,
                         info.sentence_ends)
        contents = _without_strays(info, span, [c for c in contents
                                                if _has_word(doc, c[0], c[1])])
        if not contents:
            return None
        rule_cue, agreement, rule_runs = _rule_content(info, cue, contents)
        if rule_runs and self.decoding.takes_rule_content(agreement):
            contents = [(a, b, float(np.mean(cnt_p))) for a, b in rule_runs]
        content_score = float(np.mean([r[2] for r in contents]))
        cue_run = (span.start, span.end - 1)
        source_run = (source[0], source[1]) if source else None
        content_runs = [(a, b) for a, b, _ in contents]
        if self.decoding.repair_spans:
            cue_run, source_run, content_runs = repair(doc, cue_run, source_run,
                                                       content_runs, cues)
        if not content_runs:
            return None
        return Candidate(
            cue=cue_run,
            source=[source_run] if source_run else [],
            content=content_runs,
            cue_score=cue_score,
            source_score=source[2] if source else NO_SOURCE_PRIOR,
            content_score=content_score,
            rule_cue=rule_cue,
            rule_agreement=agreement,
        )

    def predict(self, doc: Doc, rules: list[Attribution], min_confidence: float = 0.0,
                quotes: QuoteIndex | None = None) -> list[Attribution]:
        text = doc_text(doc)
        quotes = quotes or QuoteIndex.of(text)
        atts = []
        for cand in self.candidates(doc, rules, quotes):
            att = to_attribution(doc, cand, quotes, text)
            if self.decoding.repair_spans:
                att = quotation_closed(att, quotes, text)
            att.confidence = self.calibration(cand.raw())
            if att.confidence >= min_confidence:
                atts.append(att)
        atts = dedupe(atts)
        atts += self.backoff(atts, rules, min_confidence)
        atts.sort(key=lambda a: a.span)
        return atts

    def backoff(self, atts: list[Attribution], rules: list[Attribution],
                min_confidence: float = 0.0) -> list[Attribution]:
        """Confident rule attributions whose content no model attribution touches."""
        confidence = self.decoding.rule_backoff_confidence
        if confidence is None or confidence < min_confidence:
            return []
        return [replace(rules[k], confidence=float(confidence), speaker=None,
                        channel=rules[k].channel) for k in backoff_indices(atts, rules)]

    # -- persistence --------------------------------------------------------------------

    def to_disk(self, path: str | Path) -> None:
        folder = Path(path)
        folder.mkdir(parents=True, exist_ok=True)
        meta = {
            "format": FORMAT,
            "cue": self.cue_cfg.to_dict(),
            "role": self.role_cfg.to_dict(),
            "calibration": {"weights": self.calibration.weights,
                            "bias": self.calibration.bias},
            "info": self.decoding.to_dict() | self.info,
        }
        for name, chooser in (("source_chooser", self.source_chooser),
                              ("content_chooser", self.content_chooser)):
            if chooser is not None:
                meta[name] = chooser.to_dict()
        (folder / "tagger.json").write_text(json.dumps(meta, indent=2), encoding="utf-8")
        (folder / "cue.bin").write_bytes(self.cue_net.to_bytes())
        (folder / "role.bin").write_bytes(self.role_net.to_bytes())

    @classmethod
    def from_disk(cls, path: str | Path) -> AttributionTagger:
        folder = Path(path)
        meta = json.loads((folder / "tagger.json").read_text(encoding="utf-8"))
        if meta.get("format") != FORMAT:
            raise ValueError(f"{folder}: not a saidwho tagger ({meta.get('format')!r})")
        cue_cfg = NetConfig(**meta["cue"])
        role_cfg = NetConfig(**meta["role"])
        cue_net = network.build(cue_cfg).from_bytes((folder / "cue.bin").read_bytes())
        role_net = network.build(role_cfg).from_bytes((folder / "role.bin").read_bytes())
        cal = Calibration(**meta["calibration"])
        choosers = [OptionChooser.from_dict(meta[k]) if meta.get(k) else None
                    for k in ("source_chooser", "content_chooser")]
        tagger = cls(cue_cfg, role_cfg, cue_net, role_net, cal, meta.get("info", {}),
                     *choosers)
        tagger.compile()
        return tagger

    def compile(self) -> None:
        """Predict with compiled forms of the networks (``network.Compiled``) from now on;
        their weights must not change after this."""
        self.cue_fast = network.Compiled(self.cue_net)
        self.role_fast = network.Compiled(self.role_net)


def packaged_tagger_path() -> Path:
    """The weights shipped inside the package (``saidwho/models/tagger``)."""
    return Path(str(resources.files("saidwho") / "models" / PACKAGED))


def cue_spans(doc: Doc, probs: np.ndarray, threshold: float = CUE_THRESHOLD
              ) -> list[tuple[Span, float]]:
    """Token runs whose cue probability (1 - P(O)) reaches ``threshold``; a token more
    likely B than I starts a new span. Scored by their mean cue probability."""
    is_cue = (1.0 - probs[:, 0]) >= threshold
    out = []
    i = 0
    n = len(doc)
    while i < n:
        if not is_cue[i] or doc[i].is_space:
            i += 1
            continue
        j = i + 1
        while j < n and is_cue[j] and probs[j, 2] > probs[j, 1] and not doc[j].is_space:
            j += 1
        out.append((doc[i:j], float(np.mean(1.0 - probs[i:j, 0]))))
        i = j
    return out


def _fewest_per_sentence(info: DocInfo, spans: list[tuple[Span, float]]
                         ) -> list[tuple[Span, float]]:
    """At most ``MAX_CUES_PER_SENTENCE`` cues per sentence, the likeliest, in text order:
    each cue costs a window of the role tagger, and a sentence of nothing but cues ('He
    said "no He said "no ...') would otherwise cost one per word."""
    by_sentence: dict[int, list[tuple[Span, float]]] = {}
    for span, score in spans:
        by_sentence.setdefault(info.sent_ids[span.start], []).append((span, score))
    if all(len(found) <= MAX_CUES_PER_SENTENCE for found in by_sentence.values()):
        return spans
    kept = {id(span) for found in by_sentence.values()
            for span, _ in sorted(found, key=lambda c: -c[1])[:MAX_CUES_PER_SENTENCE]}
    return [(span, score) for span, score in spans if id(span) in kept]


def _runs(doc: Doc, rows: range, on: np.ndarray, probs: np.ndarray,
          begins: np.ndarray | None, blocked: set[int], gap: int,
          stops: frozenset[int] = frozenset()) -> list[tuple[int, int, float]]:
    """Token runs (first, last, mean probability) of one role in the window.

    A run is a stretch of rows that are ``on``; a row where ``begins`` is true starts a new
    run. Gaps of at most ``gap`` rows between two runs are filled unless they hold a
    ``blocked`` token (the cue, the source) or a ``stops`` one (a sentence's end)."""
    spans: list[list[int]] = []
    barriers = blocked | stops if stops else blocked
    for k in np.flatnonzero(on).tolist():
        if rows[k] in blocked:
            continue
        fresh = begins is not None and begins[k]
        if spans and not fresh and _joins(spans[-1][1], k, rows, barriers, gap):
            spans[-1][1] = k
        else:
            spans.append([k, k])
    out = []
    for k, j in spans:
        a, b = rows[k], rows[j]
        while a <= b and doc[a].is_space:
            a += 1
        while b >= a and doc[b].is_space:
            b -= 1
        if a <= b:
            out.append((a, b, float(probs[k : j + 1].sum() / (j + 1 - k))))  # np.mean, float32
    return out


# a content piece outside the cue's sentence this short and this unsure is a stray
# (the "We" of '... had failed. "We are not giving up," said ...')
STRAY_TOKENS = 2
STRAY_PROBABILITY = 0.5


def _without_strays(info: DocInfo, cue: Span, contents: list[tuple[int, int, float]]
                    ) -> list[tuple[int, int, float]]:
    """The content pieces less the short, unsure ones outside the cue's sentence, when
    another piece is left."""
    sentence = info.sent_ids[cue.start]
    kept = [c for c in contents
            if info.sent_ids[c[0]] == sentence or c[1] - c[0] + 1 > STRAY_TOKENS
            or c[2] >= STRAY_PROBABILITY]
    return kept or contents


def _joins(last: int, k: int, rows: range, blocked: set[int], gap: int) -> bool:
    """Whether row ``k`` continues the run ending at row ``last``: it is next to it, or
    at most ``gap`` rows away with no blocked token between."""
    if last == k - 1:
        return True
    return 0 < k - last - 1 <= gap and not any(rows[j] in blocked for j in range(last + 1, k))


def _rule_content(info: DocInfo, cue: set[int], contents: list[tuple[int, int, float]]
                  ) -> tuple[bool, float, list[tuple[int, int]]]:
    """Whether the rule engine has an attribution with this cue, the Dice of its content
    with ``contents``, and its content as token runs."""
    for rcue, _rsrc, rcnt in info.rules:
        if rcue & cue and rcnt:
            mine = {i for a, b, _ in contents for i in range(a, b + 1)}
            agreement = 2 * len(mine & rcnt) / (len(mine) + len(rcnt))
            return True, agreement, contiguous_runs(rcnt)
    return False, 0.0, []


def _as_run(option: SourceOption) -> tuple[int, int, float] | None:
    """An option as the source run ``_decoded`` takes (first, last, mean probability)."""
    return (*option.run, option.mean) if option.run is not None else None


def _has_word(doc: Doc, a: int, b: int) -> bool:
    return any(not (t.is_punct or t.is_space or t.text in QUOTE_CHARS) for t in doc[a : b + 1])


def _chars(doc: Doc, text: str, a: int, b: int) -> Segment:
    return Segment.of(text, doc[a].idx, doc[b].idx + len(doc[b].text))


def to_attribution(doc: Doc, cand: Candidate, quotes: QuoteIndex,
                   text: str | None = None) -> Attribution:
    text = doc.text if text is None else text  # Doc.text is rebuilt on every access
    content = [_chars(doc, text, a, b) for a, b in cand.content]
    return Attribution(
        kind=kind_of(quotes, [(s.start, s.end) for s in content]),
        source=[_chars(doc, text, a, b) for a, b in cand.source],
        cue=[_chars(doc, text, *cand.cue)],
        content=content,
    )


def backoff_indices(atts: list[Attribution], rules: list[Attribution]) -> list[int]:
    """Which rule attributions the backoff adds beside ``atts``: those with a cue prior
    of at least RULE_BACKOFF_MIN whose content touches no content taken before them."""
    taken = [_content_chars(a) for a in atts]
    out = []
    for k, rule in enumerate(rules):
        if rule.confidence >= RULE_BACKOFF_MIN and rule.content:
            chars = _content_chars(rule)
            if not any(chars & t for t in taken):
                out.append(k)
                taken.append(chars)
    return out


def _content_chars(att: Attribution) -> set[int]:
    return {i for s in att.content for i in range(s.start, s.end)}


def dedupe(atts: list[Attribution]) -> list[Attribution]:
    """Of two attributions whose contents mostly overlap (Dice >= 0.5 over characters),
    keep the more confident: a cue in two pieces gives two candidates for one content."""
    kept: list[tuple[Attribution, set[int]]] = []
    for att in sorted(atts, key=lambda a: -a.confidence):
        c = _content_chars(att)
        if all(2 * len(c & k) < 0.5 * (len(c) + len(k)) for _, k in kept):
            kept.append((att, c))
    return [a for a, _ in kept]
