"""Choosing a cue's content among several candidates (the content chooser).

The role tagger decides token by token, so its content is sometimes cut at a comma or a
nested clause, or runs on past the clause the cue introduces. The parse offers whole
clauses: the complement of the cue ("said [that ...]", "urged [the council to ...]",
"questions [about ...]"), the clause a parenthetical cue interrupts ("The deal, he said,
is dead"), and the rule engine reads one content per cue from them. The chooser scores
the role tagger's content (as decoded and repaired) against these, each described by
the role tagger's content probabilities over it, its overlap with the tagger's content
and where it stands in the parse, and keeps the best (``chooser.OptionChooser``,
trained on the train split's articles on the options that match the gold content best).
"""

from __future__ import annotations

import math

import numpy as np
from spacy.tokens import Token

from ..pipeline.spans import contiguous_runs
from .features import DocInfo

Run = tuple[int, int]

# the cue head's dependents whose subtree may be its content, one feature each
COMPLEMENTS = ("ccomp", "xcomp", "dobj", "advcl", "acl", "prep", "pcomp", "attr", "oprd",
               "relcl", "conj")
# a cue attached by one of these interrupts the clause around it ("X, he said, is Y")
INTERRUPTS = frozenset({"parataxis", "advcl", "ccomp"})
# marks a content option does not begin or end on
EDGE_MARKS = frozenset(",.;:-\u2013\u2014")
KINDS = ("tagger", "rules", "complement", "interrupted")
N_FEATURES = 32


def content_options(info: DocInfo, cue: Run, source: set[int], content: list[Run]
                    ) -> list[tuple[str, list[Run], str]]:
    """(kind, runs, dependency label) of each distinct content option: the tagger's
    (``content``), the rule engine's for this cue, each complement of the cue's head,
    and the clause the cue interrupts; all without the cue's and the source's tokens."""
    a, b = cue
    taken = source | set(range(a, b + 1))
    options = [("tagger", list(content), "")]
    seen = {tuple(content)}

    def add(kind: str, toks: set[int], dep: str) -> None:
        runs = _trimmed(info, contiguous_runs(toks - taken))
        if runs and tuple(runs) not in seen:
            options.append((kind, runs, dep))
            seen.add(tuple(runs))

    cue_tokens = set(range(a, b + 1))
    for rule_cue, _rule_source, rule_content in info.rules:
        if rule_cue & cue_tokens and rule_content:
            add("rules", rule_content, "")
            break
    root = info.doc[a : b + 1].root
    for child in root.children:
        if child.dep_ in COMPLEMENTS and not a <= child.i <= b:
            add("complement", _subtree(child), child.dep_)
    if root.dep_ in INTERRUPTS and root.head.i != root.i:
        add("interrupted", _subtree(root.head) - _subtree(root), root.dep_)
    return options


def content_features(info: DocInfo, cue: Run, options: list[tuple[str, list[Run], str]],
                     rows: range, cnt_p: np.ndarray, threshold: float,
                     rule_agreement: float) -> np.ndarray:
    """One row of N_FEATURES per option; ``cnt_p``: the window rows' content
    probabilities, ``threshold`` the content threshold."""
    out = np.zeros((len(options), N_FEATURES))
    tagger = {i for s, e in options[0][1] for i in range(s, e + 1)}
    tagger_p = _probs(tagger, rows, cnt_p)
    for k, (kind, runs, dep) in enumerate(options):
        toks = {i for s, e in runs for i in range(s, e + 1)}
        p = _probs(toks, rows, cnt_p)
        x = out[k]
        x[KINDS.index(kind)] = 1.0  # 0..3
        x[4], x[5], x[6] = p.mean(), (p >= threshold).mean(), p.min()
        x[7] = 2 * len(toks & tagger) / (len(toks) + len(tagger))
        x[8] = len(toks & tagger) / len(tagger)
        x[9] = len(toks - tagger) / len(toks)
        x[10] = math.log1p(len(toks))
        if dep in COMPLEMENTS:
            x[11 + COMPLEMENTS.index(dep)] = 1.0  # 11..21
        elif dep:
            x[22] = 1.0
        x[23] = len({int(info.sent_ids[i]) for i in toks}) > 1
        first = min(toks)
        x[24] = info.tokens.dep_[first] == "mark"
        x[25] = first > cue[1]
        x[26] = float(np.mean([info.quote[i] == 1 for i in toks]))
        x[27] = math.log1p(len(tagger))
        x[28] = tagger_p.mean()
        x[29] = len(runs)
        x[30] = rule_agreement
        x[31] = 1.0
    return out


def _probs(toks: set[int], rows: range, cnt_p: np.ndarray) -> np.ndarray:
    """The content probabilities of these tokens (0 outside the window)."""
    return np.array([cnt_p[i - rows.start] if rows.start <= i < rows.stop else 0.0
                     for i in sorted(toks)] or [0.0])


def _subtree(token: Token) -> set[int]:
    """The tokens under ``token`` in the parse, itself included (a projective parse's
    subtree is the stretch between its edges)."""
    return set(range(token.left_edge.i, token.right_edge.i + 1))


def _trimmed(info: DocInfo, runs: list[Run]) -> list[Run]:
    """The runs without the spaces and marks at their edges."""
    doc = info.doc
    out = []
    for a, b in runs:
        while a <= b and (doc[a].is_space or doc[a].text in EDGE_MARKS):
            a += 1
        while b >= a and (doc[b].is_space or doc[b].text in EDGE_MARKS):
            b -= 1
        if a <= b:
            out.append((a, b))
    return out
