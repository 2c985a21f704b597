"""Training the attribution tagger on PolNeAR (``saidwho train``).

The train split is divided, by a seeded shuffle of article ids, into articles to fit on
(90%) and held-out articles used to pick the best epoch of each tagger and to fit the
confidence calibration. The dev split is only scored, at the end, for the report.
Seeds are fixed, so a second run with the same seed gives the same weights and figures.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np

from ..defaults import CUE_THRESHOLD, MODEL_MIN_CONFIDENCE
from ..evaluate.scorer import (
    DICE_THRESHOLD,
    Pair,
    Scorer,
    candidate_pairs,
    dice,
    format_calibration,
    format_scores,
    match_pairs,
    matched_predictions,
    token_spans,
    tokens_in,
)
from ..model import Attribution
from ..pipeline.quotes import QuoteIndex
from . import network
from .chooser import fit_chooser
from .corpus import ParsedDoc, parse_split
from .features import (
    bio,
    cue_features_many,
    doc_info,
    segment_tokens,
    window,
)
from .repair import quotation_closed
from .tagger import (
    RULE_BACKOFF_MIN,
    AttributionTagger,
    Calibration,
    Candidate,
    Choices,
    backoff_indices,
    cue_spans,
    to_attribution,
)

log = logging.getLogger(__name__)
HELD_OUT_SHARE = 0.1
# Cue spans the cue tagger proposes at this probability that are no gold cue are shown to
# the role tagger as cues without source or content, so it learns to turn them down.
NEGATIVE_CUE_THRESHOLD = 0.3
# Decoding choices tried on the held-out articles (see tagger.Decoding).
DECODING_GRID: list[dict[str, Any]] = [
    {"content_threshold": ct, "content_gap": gap, "rule_content": rc}
    for ct in (0.35, 0.5) for gap in (0, 3) for rc in ("", "0.5", "always")
]
CUE_THRESHOLDS = (0.5, 0.4, 0.3)
# source thresholds tried on the held-out articles (Decoding.source_threshold), after the
# grid above. For the packaged weights they chose 0.15 (held-out content + source 0.664 ->
# 0.678 against 0.5); on PolNeAR dev (`saidwho eval`) content + source 0.725 -> 0.729,
# misattribution 6.4% -> 6.1%.
SOURCE_THRESHOLDS = (0.5, 0.35, 0.25, 0.15, 0.1, 0.05)
# a content option is a right one to learn when it matches the gold content this nearly as
# well as the best option does (so the chooser learns the best boundaries, not just any)
CONTENT_LABEL_MARGIN = 0.05
OptionGroup = tuple[np.ndarray, np.ndarray]  # a cue's options' feature rows, which are right


@dataclass
class TrainConfig:
    seed: int = 0
    cue_epochs: int = 3
    role_epochs: int = 3
    batch: int = 256
    learn_rate: float = 0.001
    # the role tagger's rows on each side that its second layer reads (NetConfig.context)
    role_context: int = 2
    role_hidden: int = 192
    # the same for the cue tagger, whose sequences are sentences
    cue_context: int = 2
    cue_hidden: int = 192

    @classmethod
    def of(cls, **values: object) -> TrainConfig:
        """A configuration from the values given, defaults for those that are None."""
        return cls(**{k: v for k, v in values.items() if v is not None})  # type: ignore[arg-type]


def gold_cue_runs(doc_: ParsedDoc) -> dict[tuple[int, int], tuple[set[int], set[int]]]:
    """Each gold cue segment as a token run, with the union of the source and content
    tokens of the gold attributions it is a cue of."""
    doc = doc_.doc
    out: dict[tuple[int, int], tuple[set[int], set[int]]] = {}
    for att in doc_.gold:
        src = segment_tokens(doc, att.source)
        cnt = segment_tokens(doc, att.content)
        for seg in att.cue:
            toks = sorted(segment_tokens(doc, [seg]))
            if not toks:
                continue
            key = (toks[0], toks[-1])
            s, c = out.setdefault(key, (set(), set()))
            s |= src
            c |= cnt
    return out


def cue_rows(docs: list[ParsedDoc], tagger: AttributionTagger
             ) -> tuple[network.Inputs, np.ndarray]:
    parts: list[network.Inputs] = []
    labels = []
    for p in docs:
        parts.append(tagger.cue_inputs(doc_info(p.doc, p.rules)))
        gold: set[int] = set()
        for a, b in gold_cue_runs(p):
            gold.update(range(a, b + 1))
        labels.extend(bio(gold, range(len(p.doc)), p.doc, 1, 2))
    inputs = tuple(np.concatenate([part[k] for part in parts]) for k in range(len(parts[0])))
    return inputs, np.asarray(labels, dtype=np.int64)


def role_rows(docs: list[ParsedDoc], tagger: AttributionTagger,
              threshold: float = NEGATIVE_CUE_THRESHOLD) -> tuple[network.Inputs, np.ndarray]:
    """The role tagger's inputs for every gold cue, and, labelled all outside, for the
    rule engine's cues and the cue tagger's (at ``threshold``) that are no gold cue."""
    ids: list[np.ndarray] = []
    dense: list[np.ndarray] = []
    labels: list[int] = []
    all_windows: list[range] = []
    for p in docs:
        doc = p.doc
        info = doc_info(doc, p.rules)
        runs = gold_cue_runs(p)
        gold_tokens = {i for a, b in runs for i in range(a, b + 1)}
        false_cues = [c for c, _src, _cnt in info.rules if c]
        probs = network.predict(tagger.cue_net, tagger.cue_inputs(info))
        false_cues += [set(range(sp.start, sp.end))
                       for sp, _ in cue_spans(doc, probs, threshold)]
        for cue_tokens in false_cues:
            if not cue_tokens & gold_tokens:
                runs[(min(cue_tokens), max(cue_tokens))] = (set(), set())
        spans = [doc[a : b + 1] for a, b in runs]
        windows = [window(info, span) for span in spans]
        i, d = cue_features_many(info, spans, windows)
        ids.append(i)
        dense.append(d)
        all_windows += windows
        for rows, (src, cnt) in zip(windows, runs.values(), strict=True):
            src_l = bio(src, rows, doc, 1, 2)
            cnt_l = bio(cnt - src, rows, doc, 3, 4)
            labels.extend(s or c for s, c in zip(src_l, cnt_l, strict=True))
    inputs = tagger.role_inputs(np.vstack(ids), np.vstack(dense), all_windows)
    return inputs, np.asarray(labels, dtype=np.int64)


def cue_f1(tagger: AttributionTagger, docs: list[ParsedDoc]) -> float:
    tp = n_pred = n_gold = 0
    for p in docs:
        info = doc_info(p.doc, p.rules)
        probs = network.predict(tagger.cue_net, tagger.cue_inputs(info))
        pred = {(s.start, s.end - 1) for s, _ in cue_spans(p.doc, probs)}
        gold = set(gold_cue_runs(p))
        tp += len(pred & gold)
        n_pred += len(pred)
        n_gold += len(gold)
    return 2 * tp / (n_pred + n_gold) if n_pred + n_gold else 0.0


def score(tagger: AttributionTagger, docs: list[ParsedDoc], min_confidence: float = 0.0
          ) -> Scorer:
    scorer = Scorer()
    for p in docs:
        scorer.add(p.doc.text, p.gold, tagger.predict(p.doc, p.rules, min_confidence))
    return scorer


def fit_calibration(tagger: AttributionTagger, docs: list[ParsedDoc], iters: int = 2000
                    ) -> Calibration:
    """Logistic regression of "right at content + source level" on the raw scores."""
    feats, ys = [], []
    for p in docs:
        quotes = QuoteIndex.of(p.doc.text)
        cands = tagger.candidates(p.doc, p.rules, quotes)
        atts = [to_attribution(p.doc, c, quotes) for c in cands]
        ok = matched_predictions(p.doc.text, p.gold, atts)
        for j, c in enumerate(cands):
            feats.append(c.raw())
            ys.append(1.0 if j in ok else 0.0)
    X = np.asarray(feats, dtype=np.float64)
    y = np.asarray(ys)
    mean, std = X.mean(axis=0), X.std(axis=0) + 1e-9
    Z = (X - mean) / std
    w = np.zeros(Z.shape[1])
    b = 0.0
    for _ in range(iters):
        p_ = 1 / (1 + np.exp(-(Z @ w + b)))
        g = p_ - y
        w -= 0.5 * (Z.T @ g / len(y) + 1e-3 * w)
        b -= 0.5 * g.mean()
    # Undo the standardisation so the calibration reads raw scores.
    weights = (w / std).tolist()
    bias = float(b - (w * mean / std).sum())
    return Calibration(weights, bias)


def _choose(tagger: AttributionTagger, held: list[ParsedDoc], choices: list[dict[str, Any]],
            label: str, say: Callable[[str], None]) -> None:
    """Set the decoding choice (the first of equals) that gives the best content + source
    F1 on the held-out articles."""
    best: tuple[float, dict[str, Any]] = (-1.0, {})
    for choice in choices:
        tagger.decoding = replace(tagger.decoding, **choice)
        f1 = score(tagger, held).scores.attribution["content+source"].f1
        if f1 > best[0]:
            best = (f1, dict(choice))
    tagger.decoding = replace(tagger.decoding, **best[1])
    say(f"  {label} {best[1]}: held-out content+source F1 {best[0]:.4f}")


def choose_decoding(tagger: AttributionTagger, fit: list[ParsedDoc], held: list[ParsedDoc],
                    say: Callable[[str], None], seed: int = 0) -> None:
    """Pick the decoding, the source threshold, the choosers (fitted on ``fit``), the cue
    threshold, the calibration and the default minimum confidence that give the best
    content + source F1 on the held-out articles."""
    _choose(tagger, held, DECODING_GRID, "decoding", say)
    _choose(tagger, held, [{"source_threshold": t} for t in SOURCE_THRESHOLDS],
            "source threshold", say)
    choose_choosers(tagger, fit, held, say, seed)
    choose_calibration(tagger, held, say)


def choose_calibration(tagger: AttributionTagger, held: list[ParsedDoc],
                       say: Callable[[str], None]) -> None:
    """Pick the cue threshold, its calibration and the default minimum confidence, scored
    with the rule backoff that minimum lets in (``min_confidence_f1``), and give the
    backoff its held-out precision at that minimum as its confidence."""
    best_cal: tuple[float, float, float, Calibration, float | None] = (
        -1.0, CUE_THRESHOLD, MODEL_MIN_CONFIDENCE, Calibration(), None)
    tagger.decoding = replace(tagger.decoding, rule_backoff_confidence=None)
    min_confs = [round(float(m), 2) for m in np.arange(0.2, 0.75, 0.05)]
    for threshold in CUE_THRESHOLDS:
        tagger.decoding = replace(tagger.decoding, cue_threshold=threshold)
        tagger.calibration = fit_calibration(tagger, held)
        for min_conf, (f1, precision) in zip(
                min_confs, min_confidence_f1(tagger, held, min_confs), strict=True):
            if f1 > best_cal[0]:
                best_cal = (f1, threshold, min_conf, tagger.calibration, precision)
    f1, threshold, min_conf, tagger.calibration, precision = best_cal
    tagger.decoding = replace(tagger.decoding, cue_threshold=threshold, min_confidence=min_conf,
                              rule_backoff_confidence=precision)
    say(f"  cue threshold {threshold}, minimum confidence {min_conf}: held-out "
        f"content+source F1 {f1:.4f}")
    say(f"  rule backoff: precision {precision} on held-out")


def min_confidence_f1(tagger: AttributionTagger, docs: list[ParsedDoc],
                      min_confs: list[float]) -> list[tuple[float, float | None]]:
    """For each minimum confidence: content + source F1 over ``docs`` and the precision
    of the rule attributions the backoff adds beside the predictions kept. The backoff
    gives them that precision as their confidence, so they count only where it reaches
    the minimum. The texts are predicted once; each minimum keeps a subset."""
    n_gold = 0
    # per minimum: [model right, model kept, backoff right, backoff added, right with it]
    counts = [[0, 0, 0, 0, 0] for _ in min_confs]
    for p in docs:
        n_gold += len(p.gold)
        model = tagger.predict(p.doc, p.rules, 0.0)
        rules = [r for r in p.rules if r.content and r.confidence >= RULE_BACKOFF_MIN]
        universe = model + rules
        pairs = candidate_pairs(token_spans(p.doc.text), p.gold, universe)
        for min_conf, c in zip(min_confs, counts, strict=True):
            kept = [j for j, a in enumerate(model) if a.confidence >= min_conf]
            added = {len(model) + k for k in backoff_indices([model[j] for j in kept], rules)}
            both = _right(pairs, set(kept) | added)
            c[0] += len(_right(pairs, set(kept)))
            c[1] += len(kept)
            c[2] += len(both & added)
            c[3] += len(added)
            c[4] += len(both)
    out: list[tuple[float, float | None]] = []
    for min_conf, (n_right, n_kept, n_backoff_right, n_added, n_right_both) in zip(
            min_confs, counts, strict=True):
        precision = round(n_backoff_right / n_added, 3) if n_added else None
        if precision is not None and precision >= min_conf:
            n_right, n_kept = n_right_both, n_kept + n_added
        out.append((2 * n_right / (n_kept + n_gold) if n_kept + n_gold else 0.0, precision))
    return out


def _right(pairs: list[Pair], kept: set[int]) -> set[int]:
    """The kept predictions paired with a gold attribution at content + source level."""
    return {j for _i, j, _ok in match_pairs([q for q in pairs if q[2] in kept],
                                            "content+source")}


def option_rows(tagger: AttributionTagger, docs: list[ParsedDoc]
                ) -> tuple[list[OptionGroup], list[OptionGroup]]:
    """Each predicted cue's source options and its content options (their feature rows),
    with which of them are right. A source option is right when the attribution it gives
    matches a gold content and has its source; a content option when its Dice with the
    content of a gold attribution sharing the cue is at least 0.5 and within
    CONTENT_LABEL_MARGIN of the best option's."""
    sources: list[OptionGroup] = []
    contents: list[OptionGroup] = []
    for p in docs:
        doc_sources, doc_contents = _doc_option_rows(tagger, p)
        sources += doc_sources
        contents += doc_contents
    return sources, contents


def _doc_option_rows(tagger: AttributionTagger, p: ParsedDoc
                     ) -> tuple[list[OptionGroup], list[OptionGroup]]:
    text = p.doc.text
    quotes = QuoteIndex.of(text)
    toks = token_spans(text)
    choices = Choices()
    tagger.candidates(p.doc, p.rules, quotes, choices)

    def attribution(cand: Candidate) -> Attribution:
        return quotation_closed(to_attribution(p.doc, cand, quotes, text), quotes, text)

    sources = []
    for X, cands in choices.sources:
        right = np.zeros(len(cands), dtype=bool)
        for k, cand in enumerate(cands):
            if cand is not None:
                pairs = candidate_pairs(toks, p.gold, [attribution(cand)])
                right[k] = bool(pairs) and pairs[0][3]
        sources.append((X, right))
    gold = [(tokens_in(toks, g.cue), tokens_in(toks, g.content)) for g in p.gold]
    contents = []
    for X, options in choices.contents:
        cue = tokens_in(toks, attribution(options[0]).cue)
        same_cue = [content for gold_cue, content in gold if gold_cue & cue]
        if same_cue:
            fits = np.array([max(dice(tokens_in(toks, attribution(c).content), g)
                                 for g in same_cue) for c in options])
            contents.append((X, (fits >= DICE_THRESHOLD)
                             & (fits >= fits.max() - CONTENT_LABEL_MARGIN)))
    return sources, contents


def choose_choosers(tagger: AttributionTagger, fit: list[ParsedDoc],
                    held: list[ParsedDoc], say: Callable[[str], None], seed: int = 0) -> None:
    """Fit the source chooser, then the content chooser, on ``fit``; keep each if it
    raises content + source F1 on the held-out articles (before the cue threshold and
    the calibration are chosen: every prediction counts)."""
    tagger.source_chooser = tagger.content_chooser = None
    for name in ("source", "content"):
        sources, contents = option_rows(tagger, fit)
        groups = sources if name == "source" else contents
        if not any(right.any() for _X, right in groups):
            say(f"  {name} chooser: no cue with a right option to fit it on, left out")
            continue
        without = score(tagger, held).scores.attribution["content+source"].f1
        setattr(tagger, f"{name}_chooser", fit_chooser(groups, seed=seed))
        with_ = score(tagger, held).scores.attribution["content+source"].f1
        if with_ <= without:
            setattr(tagger, f"{name}_chooser", None)
        say(f"  {name} chooser ({len(groups)} cues): held-out content+source F1 "
            f"{with_:.4f} against {without:.4f} without, "
            f"{'kept' if with_ > without else 'left out'}")


def _fit(net: object, X: network.Inputs, y: np.ndarray, cfg: TrainConfig,
         rng: np.random.RandomState, evaluate: Callable[[], float], label: str,
         say: Callable[[str], None], t0: float, epochs: int) -> None:
    """Train ``net`` epoch by epoch and keep the weights of its best held-out epoch."""
    opt = network.make_optimizer(cfg.learn_rate)
    best = (-1.0, b"")
    for epoch in range(1, epochs + 1):
        loss = network.train_epoch(net, opt, X, y, rng, cfg.batch)  # type: ignore[arg-type]
        f1 = evaluate()
        say(f"  epoch {epoch}: loss {loss:.4f}, held-out {label} {f1:.4f} "
            f"({time.time() - t0:.0f} s)")
        if f1 > best[0]:
            best = (f1, net.to_bytes())  # type: ignore[attr-defined]
    net.from_bytes(best[1])  # type: ignore[attr-defined]


def train(
    nlp_loader: Callable[[], object],
    root: str | Path,
    out: str | Path,
    config: TrainConfig | None = None,
    cache_dir: str | Path | None = None,
    say: Callable[[str], None] = print,
) -> AttributionTagger:
    cfg = config or TrainConfig()
    t0 = time.time()
    nlp = nlp_loader()
    say("parsing the train and dev splits")
    train_docs = parse_split(nlp, root, "train", cache_dir)  # type: ignore[arg-type]
    dev_docs = parse_split(nlp, root, "dev", cache_dir)  # type: ignore[arg-type]
    rng = np.random.RandomState(cfg.seed)
    order = rng.permutation(len(train_docs))
    n_held = max(1, int(len(train_docs) * HELD_OUT_SHARE))
    held = [train_docs[i] for i in sorted(order[:n_held])]
    fit = [train_docs[i] for i in sorted(order[n_held:])]
    say(f"{len(fit)} articles to fit, {len(held)} held out, {len(dev_docs)} dev "
        f"({time.time() - t0:.0f} s)")

    rng = network.seed_everything(cfg.seed)
    tagger = AttributionTagger(
        cue_cfg=replace(AttributionTagger.default_cue_config(), seed=cfg.seed,
                        context=cfg.cue_context, hidden=cfg.cue_hidden),
        role_cfg=replace(AttributionTagger.default_role_config(), seed=cfg.seed,
                         context=cfg.role_context, hidden=cfg.role_hidden))
    tagger.decoding = replace(tagger.decoding, tree_features=True)

    X, y = cue_rows(fit, tagger)
    say(f"cue tagger: {len(y)} token rows")
    _fit(tagger.cue_net, X, y, cfg, rng, lambda: cue_f1(tagger, held), "cue F1", say, t0,
         epochs=cfg.cue_epochs)
    del X, y

    X, y = role_rows(fit, tagger)
    say(f"role tagger: {len(y)} window rows")
    _fit(tagger.role_net, X, y, cfg, rng,
         lambda: score(tagger, held).scores.attribution["content+source"].f1,
         "content+source F1", say, t0, epochs=cfg.role_epochs)
    del X, y

    return finish(tagger, fit, held, dev_docs, out, cfg, say, t0)


def finish(tagger: AttributionTagger, fit: list[ParsedDoc], held: list[ParsedDoc],
           dev_docs: list[ParsedDoc], out: str | Path, cfg: TrainConfig,
           say: Callable[[str], None], t0: float) -> AttributionTagger:
    """What follows the networks' training: the decoding, the choosers, the calibration
    and the backoff chosen on the held-out articles; the dev report; the weights saved."""
    choose_decoding(tagger, fit, held, say, cfg.seed)
    dev = score(tagger, dev_docs, tagger.decoding.min_confidence)
    tagger.info |= {
        "trained_on": "PolNeAR train split",
        "seed": cfg.seed,
        "articles_fit": len(fit),
        "articles_held_out": len(held),
        "config": cfg.__dict__,
        "dev": dev.scores.to_dict() | {"misattribution_rate": dev.scores.misattribution_rate},
        "seconds": round(time.time() - t0),
    }
    tagger.to_disk(out)
    say(format_scores(dev.scores, "dev (engine model)"))
    say(format_calibration(dev.scores))
    say(f"saved to {out} ({time.time() - t0:.0f} s)")
    return tagger
