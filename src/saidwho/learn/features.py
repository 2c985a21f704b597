"""Features of a parsed document for the trained attribution model.

Two kinds of rows, both as a pair (ids: uint64 [n, k], vectors: float32 [n, d]):

* token rows (``token_features``), one per token, for the cue tagger: the token's words,
  tags and dependency, its neighbours, whether it is quoted and what the rule engine made
  of it, plus the pipeline's contextual token vector (``doc.tensor``);
* cue rows (``cue_features``), one per token in the window around a cue, for the role
  tagger that marks that cue's source and content: the token's relation to the cue in the
  parse tree and in the text, the cue's words, the rule engine's source and content for the
  same cue, plus the vectors of the token and of the cue's head.

Ids are spaCy string hashes or small integers; the network hashes them into its tables.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from spacy.strings import hash_string  # type: ignore[attr-defined]
from spacy.tokens import Doc, Span, Token

from ..model import Attribution, Segment
from ..pipeline.quotes import QUOTE_CHARS, QuoteIndex

# Labels of the two taggers.
CUE_LABELS = ("O", "B", "I")
ROLE_LABELS = ("O", "B-SRC", "I-SRC", "B-CNT", "I-CNT")
# The cue window: this many sentences before and after the cue's sentence, at most
# WINDOW_TOKENS tokens on each side of the cue.
WINDOW_SENTS = 1
WINDOW_TOKENS = 80
KEY_CHILD_DEPS = frozenset({"ccomp", "xcomp", "nsubj", "nsubjpass", "dobj", "prep", "mark",
                            "agent", "advcl", "parataxis", "acl", "relcl", "attr", "dative"})
N_TOKEN_COLUMNS = 17
MAX_DEPTH = 40  # steps walked up the parse tree
N_CUE_COLUMNS = 22
# cue-row columns that depend on the token alone (its lemma, POS, dependency, lower form;
# the first half of the dense part is its vector), and on the cue alone (its words, its
# head's dependency and tag; the second half is its head's vector): computed once per
# token and per cue by the role tagger (network.Compiled)
CUE_ROW_TOKEN_COLUMNS = (0, 1, 2, 13)
CUE_ROW_CUE_COLUMNS = (8, 16)


_HASHES: dict[tuple[object, ...], int] = {}
HASH_CACHE_SIZE = 500_000


def _h(*parts: object) -> int:
    """A stable 64-bit id of the parts (spaCy's string hash), memoised."""
    value = _HASHES.get(parts)
    if value is None:
        value = hash_string("\x1f".join(str(p) for p in parts))
        if len(_HASHES) < HASH_CACHE_SIZE:
            _HASHES[parts] = value
    return value


@dataclass
class DocInfo:
    """Per-document facts shared by both kinds of rows."""

    doc: Doc
    quote: np.ndarray  # 0 outside quotations, 1 inside, 2 a quote mark
    rule_roles: np.ndarray  # bit mask: 1 rule cue, 2 rule source, 4 rule content
    sent_ids: np.ndarray
    vectors: np.ndarray
    rules: list[tuple[set[int], set[int], set[int]]]  # (cue, source, content) token sets
    tokens: TokenTable


@dataclass
class TokenTable:
    """The token attributes the cue rows read, as plain lists (spaCy's Token objects are
    created on every access, which dominates the cost of featurising a window)."""

    heads: list[int]
    lemma: list[int]
    pos: list[int]
    dep: list[int]
    lower: list[int]
    lemma_: list[str]
    pos_: list[str]
    dep_: list[str]
    ent_type_: list[str]
    is_punct: list[bool]

    @classmethod
    def of(cls, doc: Doc) -> TokenTable:
        toks = list(doc)
        return cls([t.head.i for t in toks], [t.lemma for t in toks], [t.pos for t in toks],
                   [t.dep for t in toks], [t.lower for t in toks], [t.lemma_ for t in toks],
                   [t.pos_ for t in toks], [t.dep_ for t in toks],
                   [t.ent_type_ for t in toks], [t.is_punct for t in toks])


def doc_info(doc: Doc, rules: list[Attribution], quotes: QuoteIndex | None = None) -> DocInfo:
    quotes = quotes or QuoteIndex.of(doc.text)
    n = len(doc)
    quote = np.zeros(n, dtype=np.int64)
    for q in quotes.quotes:
        for s, e in q.segments:
            for i in tokens_of(doc, s, e):
                quote[i] = 2 if doc[i].text in QUOTE_CHARS or doc[i].text == "''" else 1
    rule_roles = np.zeros(n, dtype=np.int64)
    rule_sets = []
    for att in rules:
        sets = (segment_tokens(doc, att.cue), segment_tokens(doc, att.source),
                segment_tokens(doc, att.content))
        for bit, idx in zip((1, 2, 4), sets, strict=True):
            for i in idx:
                rule_roles[i] |= bit
        rule_sets.append(sets)
    sent_ids = np.zeros(n, dtype=np.int64)
    for k, sent in enumerate(doc.sents):
        sent_ids[sent.start : sent.end] = k
    vectors = doc.tensor if doc.tensor is not None and len(doc.tensor) == n else None
    if vectors is None or vectors.ndim != 2:
        vectors = np.zeros((n, 96), dtype=np.float32)
    return DocInfo(doc, quote, rule_roles, sent_ids, vectors.astype(np.float32), rule_sets,
                   TokenTable.of(doc))


def tokens_of(doc: Doc, start: int, end: int) -> range:
    """Indices of the tokens overlapping the character range [start, end)."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return range(0)
    return range(span.start, span.end)


def segment_tokens(doc: Doc, segments: list[Segment]) -> set[int]:
    out: set[int] = set()
    for seg in segments:
        out.update(i for i in tokens_of(doc, seg.start, seg.end) if not doc[i].is_space)
    return out


def token_features(info: DocInfo) -> tuple[np.ndarray, np.ndarray]:
    doc = info.doc
    n = len(doc)
    ids = np.zeros((n, N_TOKEN_COLUMNS), dtype=np.uint64)
    for t in doc:
        prev = doc[t.i - 1] if t.i > 0 else None
        nxt = doc[t.i + 1] if t.i + 1 < n else None
        child_deps = sorted({c.dep_ for c in t.children if c.dep_ in KEY_CHILD_DEPS})
        ids[t.i] = (
            t.lower, t.lemma, t.pos, t.tag, t.dep,
            t.head.lemma if t.head is not t else 0,
            _h(t.dep_, t.head.pos_),
            prev.lemma if prev is not None else 1,
            nxt.lemma if nxt is not None else 1,
            info.quote[t.i] + 1,
            info.rule_roles[t.i] + 10,
            t.shape,
            _h(t.ent_type_, t.ent_iob_),
            _h(*child_deps),
            _h(t.lemma_, *child_deps),
            _h(prev.tag_ if prev is not None else "", t.tag_, nxt.tag_ if nxt is not None else ""),
            _h("subj", t.lemma_, _subject_kind(t)),
        )
    return ids, info.vectors


def _subject_kind(t: Token) -> str:
    """What kind of thing the token's subject (or possessor, for nouns) is."""
    for c in t.children:
        if c.dep_ in ("nsubj", "nsubjpass", "poss", "agent"):
            head = c if c.dep_ != "agent" else next(iter(c.children), c)
            if head.pos_ == "PRON":
                return f"{c.dep_}:{head.lower_}"
            return f"{c.dep_}:{head.ent_type_ or head.pos_}"
    return ""


def cue_head(span: Span) -> Token:
    """The token of a cue that heads it: the span's root, a verb where there is one."""
    root = span.root
    if root.pos_ in ("VERB", "NOUN", "ADP"):
        return root
    verbs = [t for t in span if t.pos_ == "VERB"]
    return verbs[-1] if verbs else root


def window(info: DocInfo, span: Span) -> range:
    doc = info.doc
    sid_first = info.sent_ids[span.start]
    sid_last = info.sent_ids[span.end - 1]
    lo = span.start
    while lo > 0 and info.sent_ids[lo - 1] >= sid_first - WINDOW_SENTS:
        lo -= 1
    hi = span.end
    while hi < len(doc) and info.sent_ids[hi] <= sid_last + WINDOW_SENTS:
        hi += 1
    return range(max(lo, span.start - WINDOW_TOKENS), min(hi, span.end + WINDOW_TOKENS))


def _relpos(d: int) -> int:
    if abs(d) <= 5:
        return d
    sign = 1 if d > 0 else -1
    for k, limit in enumerate((10, 20, 40), 1):
        if abs(d) <= limit:
            return sign * (5 + k)
    return sign * 9


def _below(i: int, target: int, heads: list[int]) -> int | None:
    """The token on ``i``'s path to the root whose head is ``target`` (None if none)."""
    node = i
    for _ in range(MAX_DEPTH):
        if heads[node] == node:
            return None
        if heads[node] == target:
            return node
        node = heads[node]
    return None


def _branch(i: int, head: int, cue_tokens: set[int], heads: list[int], deps: list[str]
            ) -> str:
    """How token ``i`` hangs off the cue's head in the parse tree."""
    if i in cue_tokens:
        return "cue"
    child = _below(i, head, heads)
    if child is not None:
        return f"child:{deps[child]}"
    under = _below(head, i, heads)
    if under is not None:
        return f"ancestor:{deps[under]}"
    grand = heads[head]
    if grand != head:
        sibling = _below(i, grand, heads)
        if sibling is not None:
            return f"sibling:{deps[head]}:{deps[sibling]}"
    return "other"


def cue_features(info: DocInfo, span: Span, rows: range, tree: bool = True
                 ) -> tuple[np.ndarray, np.ndarray]:
    """``tree=False`` reproduces format-1 weights, trained while the tree relation was
    always "other" (a bug: Token objects were compared by identity)."""
    tt = info.tokens
    head_tok = cue_head(span)
    head = head_tok.i
    cue_tokens = set(range(span.start, span.end))
    rule_src: set[int] = set()
    rule_cnt: set[int] = set()
    matched = False
    for cue, src, cnt in info.rules:
        if cue & cue_tokens:
            matched = True
            rule_src |= src
            rule_cnt |= cnt
    sid = int(info.sent_ids[head])
    ids = np.zeros((len(rows), N_CUE_COLUMNS), dtype=np.uint64)
    cue_lemma = "_".join(tt.lemma_[i].lower() for i in range(span.start, span.end))
    if tree:
        branches = [_branch(i, head, cue_tokens, tt.heads, tt.dep_) for i in rows]
    else:
        branches = ["cue" if i in cue_tokens else "other" for i in rows]
    first_rule = min(rule_cnt) if rule_cnt else -1
    last_rule = max(rule_cnt) if rule_cnt else -1
    head_key = _h(head_tok.dep_, head_tok.tag_)
    c_key = _h("c", cue_lemma)
    quote = info.quote.tolist()
    sent_ids = info.sent_ids.tolist()
    for k, i in enumerate(rows):
        branch = branches[k]
        before = branches[k - 1] if k > 0 else "start"
        after = branches[k + 1] if k + 1 < len(branches) else "end"
        rel = _relpos(i - span.start if i < span.start else (i - span.end + 1 if i >= span.end
                                                             else 0))
        rule = 1 if i in rule_src else 2 if i in rule_cnt else 0 if matched else 3
        q = quote[i]
        ids[k] = (
            tt.lemma[i], tt.pos[i], tt.dep[i], q + 1, rel + 20,
            _h("b", branch), _h(branch, cue_lemma), _h(branch, tt.dep_[i]),
            c_key, min(2, max(-2, sent_ids[i] - sid)) + 3,
            rule + 40, _h(tt.pos_[i], rel), _h(tt.ent_type_[i], branch), tt.lower[i],
            _h(branch, i == head, q),
            _h(rel, q, rule),
            head_key,
            _h(branch, rule),
            _h("prev", before, branch), _h("next", branch, after),
            _h("edge", i == first_rule, i == last_rule, tt.is_punct[i]),
            _h(tt.lemma_[i], before == branch, after == branch),
        )
    vectors = np.hstack([info.vectors[rows.start : rows.stop],
                         np.repeat(info.vectors[head : head + 1], len(rows), axis=0)])
    return ids, vectors


def bio(indices: set[int], rows: range, doc: Doc, begin: int, inside: int) -> list[int]:
    """BIO labels of rows for one role (0 where the token is outside)."""
    out = []
    for i in rows:
        if i in indices:
            starts = i - 1 not in indices or doc[i - 1].is_space
            out.append(begin if starts else inside)
        else:
            out.append(0)
    return out
