"""Choosing a cue's source among several candidates (the source chooser).

The role tagger gives every token of a cue's window a source probability; the simplest
decoding takes the likeliest run above a threshold. That misses sources the role tagger
is unsure of but the syntax points to (the subject of the clause a participle hangs on:
"..., asserting that ..."; the subject of "was balking at ..."), and takes a likelier run
the syntax speaks against. The chooser scores every candidate together: each run the
role tagger gives some source probability (``OPTION_THRESHOLD``), the rule engine's
source for the same cue, and "no source", each described by the role tagger's
probabilities and by where the run stands in the parse relative to the cue (its
subject, the subject it inherits, the agent of a passive, a possessor). A small network
(``chooser.OptionChooser``) trained on the train split's articles picks the best;
training fits it to the candidates whose attribution gets the gold source.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from spacy.tokens import Span

from .features import DocInfo

# a run of tokens whose source probability reaches this is a candidate
OPTION_THRESHOLD = 0.02
# the dependency labels of a candidate's head token, one feature each
HEAD_DEPS = {"nsubj": 0, "nsubjpass": 0, "csubj": 0, "poss": 1, "pobj": 2, "dobj": 3,
             "appos": 4, "conj": 4}
HEAD_ENTS = {"PERSON": 0, "ORG": 1, "GPE": 1, "NORP": 2}
SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj"})
# a cue's clause inherits the subject of the clause it attaches to through these arcs
# ("Trump, asserting that ...", "was balking at", "wanted to admit")
INHERITS = frozenset({"advcl", "xcomp", "conj", "acl", "ccomp", "pcomp", "prep", "dobj",
                      "pobj"})
INHERIT_STEPS = 4
AGENT = frozenset({"agent"})  # the "by" of a passive, whose object is the agent
OBJECT = frozenset({"pobj"})
POSSESSOR = frozenset({"poss"})
N_FEATURES = 38

Run = tuple[int, int]


@dataclass(frozen=True)
class SourceOption:
    """A candidate source: a token run (first, last) with its mean and peak source
    probability, or no source (``run`` None)."""

    run: Run | None
    mean: float = 0.0
    peak: float = 0.0


def source_options(info: DocInfo, cue: set[int], rows: range, src_p: np.ndarray,
                   runs: list[tuple[int, int, float]]) -> tuple[list[SourceOption], set[int]]:
    """No source, the role tagger's source runs (``runs``, found at OPTION_THRESHOLD), and
    the rule engine's source for this cue when it lies in the window; and that rule
    source's tokens."""
    options = [SourceOption(None)]
    seen: set[Run] = set()
    for a, b, mean in runs:
        peak = float(src_p[a - rows.start : b - rows.start + 1].max())
        options.append(SourceOption((a, b), mean, peak))
        seen.add((a, b))
    rule_source: set[int] = set()
    for rule_cue, rule_src, _content in info.rules:
        if rule_cue & cue:
            rule_source = rule_src
            if rule_src:
                a, b = min(rule_src), max(rule_src)
                if (a, b) not in seen and rows.start <= a and b < rows.stop:
                    probs = src_p[a - rows.start : b - rows.start + 1]
                    options.append(SourceOption((a, b), float(probs.mean()),
                                                float(probs.max())))
            break
    return options, rule_source


def option_features(info: DocInfo, span: Span, rows: range, begin_p: np.ndarray,
                    options: list[SourceOption], content: set[int], rule_source: set[int],
                    has_rule: bool, threshold: float) -> np.ndarray:
    """One row of N_FEATURES per option. ``begin_p``: each row's probability of beginning
    a source; ``content``: the tokens the role tagger calls content; ``threshold``: the
    source threshold of the simple decoding."""
    out = np.zeros((len(options), N_FEATURES))
    best = max((o.mean for o in options if o.run is not None), default=0.0)
    cue_root = _root(info, span.start, span.end - 1)
    direct = _children(info, cue_root, SUBJECTS)
    inherited = _inherited_subject(info, cue_root)
    agent = {w for p in _children(info, cue_root, AGENT) for w in _children(info, p, OBJECT)}
    possessor = _children(info, cue_root, POSSESSOR)
    for k, opt in enumerate(options):
        x = out[k]
        if opt.run is None:
            x[0], x[1], x[2] = 1.0, best, float(has_rule)
            continue
        a, b = opt.run
        tokens = set(range(a, b + 1))
        head = _root(info, a, b)
        before = b < span.start
        same_sentence = info.sent_ids[a] == info.sent_ids[span.start]
        x[3], x[4], x[5] = opt.mean, opt.peak, math.log(max(opt.mean, 1e-4))
        x[6] = begin_p[a - rows.start]
        x[7] = math.log1p(b - a + 1)
        x[8] = before
        x[9] = math.log1p(max(0, span.start - b if before else a - span.end + 1))
        x[10] = same_sentence
        x[11] = before and same_sentence
        x[12] = bool(tokens & content)
        x[13] = bool(tokens & rule_source)
        x[14] = has_rule
        x[15] = opt.mean == best
        x[16] = opt.mean >= threshold
        dep = HEAD_DEPS.get(info.tokens.dep_[head])
        x[17 + (dep if dep is not None else 5)] = 1.0  # 17..22
        x[23] = span.start <= info.tokens.heads[head] < span.end
        pos = info.tokens.pos_[head]
        x[24], x[25], x[26] = pos == "PRON", pos == "PROPN", pos == "NOUN"
        ent = HEAD_ENTS.get(info.tokens.ent_type_[head])
        if ent is not None:
            x[27 + ent] = 1.0  # 27..29
        x[30] = info.quote[head] == 1
        x[31] = bool(tokens & direct)
        x[32] = bool(tokens & inherited)
        x[33] = bool(tokens & agent)
        x[34] = bool(tokens & possessor)
        x[35] = info.tokens.dep_[head] in SUBJECTS and not (x[31] or x[32])
        x[36] = opt.mean * (x[31] or x[32])
        x[37] = 1.0
    return out


def _root(info: DocInfo, a: int, b: int) -> int:
    """The first token of a run whose head lies outside it (or is itself)."""
    heads = info.tokens.heads
    for i in range(a, b + 1):
        if not a <= heads[i] <= b or heads[i] == i:
            return i
    return b


def _children(info: DocInfo, head: int, deps: frozenset[str]) -> set[int]:
    """The tokens attached to ``head`` by one of ``deps``."""
    dep_ = info.tokens.dep_
    heads = info.ancestors[1]  # each token's head (the root's is itself)
    return {i for i in np.flatnonzero(heads == head).tolist() if i != head and dep_[i] in deps}


def _inherited_subject(info: DocInfo, token: int) -> set[int]:
    """The subject of the nearest clause above ``token`` that has one, climbing only
    through the arcs of INHERITS."""
    heads, dep_ = info.tokens.heads, info.tokens.dep_
    for _ in range(INHERIT_STEPS):
        if dep_[token] not in INHERITS or heads[token] == token:
            return set()
        token = heads[token]
        subjects = _children(info, token, SUBJECTS)
        if subjects:
            return subjects
    return set()
