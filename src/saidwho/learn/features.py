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

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import numpy as np
from spacy.strings import hash_string  # type: ignore[attr-defined]
from spacy.tokens import Doc, Span, Token

from ..model import Attribution, Segment
from ..pipeline.quotes import QUOTE_CHARS, QuoteIndex
from ..pipeline.spans import doc_text

# Labels of the two taggers.
CUE_LABELS = ("O", "B", "I")
ROLE_LABELS = ("O", "B-SRC", "I-SRC", "B-CNT", "I-CNT")
# The cue window: this many sentences before and after the cue's sentence, at most
# WINDOW_TOKENS tokens on each side of the cue.
WINDOW_SENTS = 1
WINDOW_TOKENS = 80
KEY_CHILD_DEPS = frozenset({"ccomp", "xcomp", "nsubj", "nsubjpass", "dobj", "prep", "mark",
                            "agent", "advcl", "parataxis", "acl", "relcl", "attr", "dative"})
KEY_CHILD_ORDER = {dep: bit for bit, dep in enumerate(sorted(KEY_CHILD_DEPS))}
N_TOKEN_COLUMNS = 17
MAX_DEPTH = 40  # steps walked up the parse tree
N_CUE_COLUMNS = 22
# cue-row columns that depend on the token alone (its lemma, POS, dependency, lower form;
# the first half of the dense part is its vector), and on the cue alone (its words, its
# head's dependency and tag; the second half is its head's vector): computed once per
# token and per cue by the role tagger (network.Compiled)
CUE_ROW_TOKEN_COLUMNS = (0, 1, 2, 13)
CUE_ROW_CUE_COLUMNS = (8, 16)


# the ids of the tokens that are quotation marks (a quote's token is 2, not 1)
QUOTE_MARK_IDS = np.array([hash_string(c) for c in (*QUOTE_CHARS, "''")], dtype=np.uint64)

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

    @cached_property
    def sentence_ends(self) -> frozenset[int]:
        """The tokens that end a sentence with a full stop, question or exclamation mark
        (a mark is its own lemma)."""
        return frozenset(i for i, lemma in enumerate(self.tokens.lemma_)
                         if lemma in (".", "?", "!"))

    @cached_property
    def ancestors(self) -> np.ndarray:
        """Each token's path to the root, up to MAX_DEPTH steps up: row d holds the token
        d steps above each token (the root stays where it is). The rows stop once every
        path has reached its root (further rows would repeat the last)."""
        heads = np.array(self.tokens.heads, dtype=np.int64)
        out = np.empty((MAX_DEPTH + 1, len(heads)), dtype=np.int64)
        out[0] = np.arange(len(heads))
        for d in range(MAX_DEPTH):
            out[d + 1] = heads[out[d]]
            if np.array_equal(out[d + 1], out[d]):
                return out[: d + 2]
        return out


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
    _coded: dict[str, tuple[np.ndarray, list[Any]]] = field(default_factory=dict, repr=False)
    _ids: dict[str, np.ndarray] = field(default_factory=dict, repr=False)

    def coded(self, name: str) -> tuple[np.ndarray, list[Any]]:
        """A column as small integer codes per token, and the value of each code."""
        if name not in self._coded:
            index: dict[Any, int] = {}
            codes = [index.setdefault(v, len(index)) for v in getattr(self, name)]
            self._coded[name] = (np.array(codes, dtype=np.int64), list(index))
        return self._coded[name]

    def ids(self, name: str) -> np.ndarray:
        """An id column (lemma, pos, dep, lower) as an array, cached."""
        if name not in self._ids:
            self._ids[name] = np.array(getattr(self, name), dtype=np.uint64)
        return self._ids[name]

    @classmethod
    def of(cls, doc: Doc) -> TokenTable:
        """Read from the document's arrays, each string looked up once per distinct
        value (no Token objects)."""
        n = len(doc)
        arr = doc.to_array(["HEAD", "LEMMA", "POS", "DEP", "LOWER", "ENT_TYPE", "IS_PUNCT"])
        heads = (np.arange(n) + arr[:, 0].astype(np.int64)).tolist() if n else []
        strings = doc.vocab.strings
        names: dict[int, str] = {}

        def text_of(column: int) -> list[str]:
            out = []
            for key in arr[:, column].tolist():
                name = names.get(key)
                if name is None:
                    name = names[key] = strings[key] if key else ""
                out.append(name)
            return out

        return cls(heads, arr[:, 1].tolist(), arr[:, 2].tolist(), arr[:, 3].tolist(),
                   arr[:, 4].tolist(), text_of(1), text_of(2), text_of(3), text_of(5),
                   [bool(v) for v in arr[:, 6].tolist()])


def doc_info(doc: Doc, rules: list[Attribution], quotes: QuoteIndex | None = None) -> DocInfo:
    quotes = quotes or QuoteIndex.of(doc_text(doc))
    n = len(doc)
    quote = np.zeros(n, dtype=np.int64)
    for q in quotes.quotes:
        for s, e in q.segments:
            rows = tokens_of(doc, s, e)
            quote[rows.start : rows.stop] = 1
    if quotes.quotes:
        quote[(quote == 1) & np.isin(doc.to_array("ORTH"), QUOTE_MARK_IDS)] = 2
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
    """One row per token: its words, tags and dependency, its neighbours, whether it is
    quoted and what the rule engine made of it, and its vector. Read from the document's
    arrays and the token table (no spaCy Token objects but for subjects), each combined
    feature hashed once per distinct combination."""
    doc = info.doc
    n = len(doc)
    ids = np.zeros((n, N_TOKEN_COLUMNS), dtype=np.uint64)
    if n == 0:
        return ids, info.vectors
    tt = info.tokens
    arr = doc.to_array(["LOWER", "LEMMA", "POS", "TAG", "DEP", "SHAPE", "ENT_IOB"])
    heads = np.array(tt.heads, dtype=np.int64)
    lemma = tt.ids("lemma")
    # each token's subject's kind (its first subject-like child)
    subject: list[str] = [""] * n
    for i, head in enumerate(tt.heads):
        if head != i and not subject[head] and tt.dep_[i] in SUBJECT_DEPS:
            subject[head] = _subject_of(i, tt.dep_[i], doc)
    # each token's children's key dependencies, as a bit mask, sorted by name per mask
    dep_code, dep_values = tt.coded("dep_")
    key_bit = np.array([1 << KEY_CHILD_ORDER[d] if d in KEY_CHILD_DEPS else 0
                        for d in dep_values], dtype=np.int64)[dep_code]
    key_bit[heads == np.arange(n)] = 0
    masks = np.zeros(n, dtype=np.int64)
    np.bitwise_or.at(masks, heads, key_bit)
    mask_values, mask_code = np.unique(masks, return_inverse=True)
    mask_code = mask_code.reshape(-1)
    deps = [tuple(d for d, bit in KEY_CHILD_ORDER.items() if mask & (1 << bit))
            for mask in mask_values.tolist()]
    pos_code, pos_values = tt.coded("pos_")
    ent_code, ent_values = tt.coded("ent_type_")
    lemma_code, lemma_values = tt.coded("lemma_")
    tag_code, tag_values = _codes([doc.vocab.strings[k] for k in arr[:, 3].tolist()])
    subject_code, subject_values = _codes(subject)
    # the tags before and after, "" past the text's ends (the code after the last tag)
    edge = len(tag_values)
    tag_values = [*tag_values, ""]
    tag_before = np.concatenate([[edge], tag_code[:-1]])
    tag_after = np.concatenate([tag_code[1:], [edge]])
    ids[:, :5] = arr[:, :5]
    ids[:, 5] = lemma[heads]  # the root's own (trained so: Token identity never held)
    ids[:, 6] = _hashed((None, dep_code, dep_values), (None, pos_code[heads], pos_values))
    ids[1:, 7] = lemma[:-1]
    ids[0, 7] = 1
    ids[:-1, 8] = lemma[1:]
    ids[-1, 8] = 1
    ids[:, 9] = info.quote + 1
    ids[:, 10] = info.rule_roles + 10
    ids[:, 11] = arr[:, 5]
    ids[:, 12] = _hashed((None, ent_code, ent_values),
                         (None, arr[:, 6].astype(np.int64), list(IOB_STRINGS)))
    ids[:, 13] = _hashed((None, mask_code, deps))
    ids[:, 14] = _hashed((None, lemma_code, lemma_values), (None, mask_code, deps))
    ids[:, 15] = _hashed((None, tag_before, tag_values), (None, tag_code, tag_values),
                         (None, tag_after, tag_values))
    ids[:, 16] = _hashed(("subj", None, []), (None, lemma_code, lemma_values),
                         (None, subject_code, subject_values))
    return ids, info.vectors


# Token.ent_iob_ of each value of the ENT_IOB array
IOB_STRINGS = ("", "I", "O", "B")


def _codes(values: list[str]) -> tuple[np.ndarray, list[str]]:
    """Small integer codes of the values, and the value of each code."""
    index: dict[str, int] = {}
    codes = [index.setdefault(v, len(index)) for v in values]
    return np.array(codes, dtype=np.int64), list(index)


SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "poss", "agent"})


def _subject_of(child: int, dep: str, doc: Doc) -> str:
    """What kind of thing a token's subject (or possessor, for nouns) is, from its first
    subject-like child ``child`` (an agent's first child stands for it)."""
    token = doc[child]
    if dep == "agent":
        token = next(iter(token.children), token)
    if token.pos_ == "PRON":
        return f"{dep}:{token.lower_}"
    return f"{dep}:{token.ent_type_ or token.pos_}"


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


# _relpos of every distance up to 40 either way (further ones are all 9 or -9)
_RELPOS_MIDDLE = 40
_RELPOS_ARRAY = np.array([_relpos(d) for d in range(-_RELPOS_MIDDLE, _RELPOS_MIDDLE + 1)])


def _branches(info: DocInfo, tok: np.ndarray, start: np.ndarray, end: np.ndarray,
              head: np.ndarray, tree: bool) -> tuple[np.ndarray, list[str]]:
    """How each row's token hangs off its cue's head in the parse tree, for all rows at
    once: row r is token ``tok[r]`` of the window of the cue [``start[r]``, ``end[r]``)
    headed by ``head[r]``. The branch is "cue" (a token of the cue), "child:DEP" (under
    the head, DEP the dependency of the head's child on the way), "ancestor:DEP" (above
    the head, DEP that of the token's child on the head's way up), "sibling:DEP:DEP2"
    (under the head's own head, DEP the head's dependency and DEP2 that of the branch
    the token is on) or "other". Returns a code per row and the branch of each code;
    codes 0 and 1 are kept for the windows' edges ("start", "end")."""
    is_cue = (tok >= start) & (tok < end)
    if not tree:
        return np.where(is_cue, 2, 3), ["start", "end", "cue", "other"]
    dep_code, deps = info.tokens.coded("dep_")
    up = info.ancestors[:, tok]
    child = _first_below(up, head)
    under = _first_below(info.ancestors[:, head], tok)
    grand = info.ancestors[1, head]
    sibling = np.where(grand != head, _first_below(up, grand), -1)
    kind = np.select([is_cue, child >= 0, under >= 0, sibling >= 0], [0, 1, 2, 3], 4)
    first = np.select([kind == 1, kind == 2, kind == 3],
                      [dep_code[child], dep_code[under], dep_code[head]], 0)
    second = np.where(kind == 3, dep_code[sibling], 0)
    n_deps = max(1, len(deps))
    combos, inverse = np.unique((kind * n_deps + first) * n_deps + second,
                                return_inverse=True)
    names = []
    for combo in combos.tolist():
        rest, b = divmod(combo, n_deps)
        k, a = divmod(rest, n_deps)
        names.append(("cue", f"child:{deps[a]}", f"ancestor:{deps[a]}",
                      f"sibling:{deps[a]}:{deps[b]}", "other")[k])
    return inverse.reshape(-1) + 2, ["start", "end", *names]


def _first_below(up: np.ndarray, target: np.ndarray) -> np.ndarray:
    """For each column of ``up`` (a token's path to the root, see ``DocInfo.ancestors``)
    the node on the path whose head is that column's target, -1 if none within
    MAX_DEPTH steps."""
    steps = up[1:] != up[:-1]  # not yet at the root
    hit = (up[1:] == target) & steps
    depth = hit.argmax(axis=0)
    return np.where(hit.any(axis=0), up[depth, np.arange(up.shape[1])], -1)


def cue_features(info: DocInfo, span: Span, rows: range, tree: bool = True
                 ) -> tuple[np.ndarray, np.ndarray]:
    """The rows of one cue's window (see ``cue_features_many``)."""
    return cue_features_many(info, [span], [rows], tree)


def cue_features_many(info: DocInfo, spans: list[Span], windows: list[range],
                      tree: bool = True) -> tuple[np.ndarray, np.ndarray]:
    """The rows of each cue's window, one after the other: the token's relation to the
    cue in the parse tree and in the text, the cue's words, the rule engine's source and
    content for the same cue, and the vectors of the token and of the cue's head.

    Computed for all the rows at once: the parse-tree branch of each row in Python, every
    combined feature hashed once per distinct combination. ``tree=False`` reproduces
    format-1 weights, trained while the tree relation was always "other" (a bug: Token
    objects were compared by identity)."""
    tt = info.tokens
    sizes = [len(rows) for rows in windows]
    n = sum(sizes)
    width = info.vectors.shape[1]
    if n == 0:
        return (np.zeros((0, N_CUE_COLUMNS), dtype=np.uint64),
                np.zeros((0, 2 * width), dtype=np.float32))
    tok = np.concatenate([np.arange(rows.start, rows.stop) for rows in windows])
    cue_of = np.repeat(np.arange(len(spans)), sizes)
    rule = np.empty(n, dtype=np.int64)
    per_cue = np.empty((len(spans), 6), dtype=np.int64)  # start, end, head, sid, first, last
    cue_lemmas: list[str] = []
    cue_keys = np.empty((len(spans), 2), dtype=np.uint64)  # c_key, head_key
    offset = 0
    for k, (span, rows) in enumerate(zip(spans, windows, strict=True)):
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
        here = rule[offset : offset + len(rows)]
        here[:] = 0 if matched else 3
        for value, marked in ((2, rule_cnt), (1, rule_src)):  # a source token is 1
            inside = [i - rows.start for i in marked if rows.start <= i < rows.stop]
            here[inside] = value
        cue_lemma = "_".join(tt.lemma_[i].lower() for i in range(span.start, span.end))
        cue_lemmas.append(cue_lemma)
        cue_keys[k] = (_h("c", cue_lemma), _h(head_tok.dep_, head_tok.tag_))
        per_cue[k] = (span.start, span.end, head, info.sent_ids[head],
                      min(rule_cnt) if rule_cnt else -1, max(rule_cnt) if rule_cnt else -1)
        offset += len(rows)
    start, end, head, sid, first_rule, last_rule = (per_cue[cue_of, j] for j in range(6))
    branch, branches = _branches(info, tok, start, end, head, tree)
    # the branch before and after each row within its own window
    first_row = np.zeros(n, dtype=bool)
    first_row[np.cumsum([0, *sizes[:-1]])] = True
    last_row = np.zeros(n, dtype=bool)
    last_row[np.cumsum(sizes) - 1] = True
    before = np.where(first_row, 0, np.roll(branch, 1))
    after = np.where(last_row, 1, np.roll(branch, -1))
    d = np.where(tok < start, tok - start, np.where(tok >= end, tok - end + 1, 0))
    rel = np.where(np.abs(d) <= _RELPOS_MIDDLE,
                   _RELPOS_ARRAY[np.clip(d + _RELPOS_MIDDLE, 0, 2 * _RELPOS_MIDDLE)],
                   np.where(d > 0, 9, -9))
    q = info.quote[tok]
    dep_code, deps = tt.coded("dep_")
    pos_code, poses = tt.coded("pos_")
    ent_code, ents = tt.coded("ent_type_")
    lemma_code, lemmas = tt.coded("lemma_")
    punct_code, puncts = tt.coded("is_punct")
    bools = [False, True]
    rels = list(range(-9, 10))
    small = list(range(0, 4))

    B: Column = (None, branch, branches)
    ids = np.empty((n, N_CUE_COLUMNS), dtype=np.uint64)
    ids[:, 0] = tt.ids("lemma")[tok]
    ids[:, 1] = tt.ids("pos")[tok]
    ids[:, 2] = tt.ids("dep")[tok]
    ids[:, 3] = q + 1
    ids[:, 4] = rel + 20
    ids[:, 5] = _hashed(("b", None, []), B)
    ids[:, 6] = _hashed(B, (None, cue_of, cue_lemmas))
    ids[:, 7] = _hashed(B, (None, dep_code[tok], deps))
    ids[:, 8] = cue_keys[cue_of, 0]
    ids[:, 9] = np.clip(info.sent_ids[tok] - sid, -2, 2) + 3
    ids[:, 10] = rule + 40
    ids[:, 11] = _hashed((None, pos_code[tok], poses), (None, rel + 9, rels))
    ids[:, 12] = _hashed((None, ent_code[tok], ents), B)
    ids[:, 13] = tt.ids("lower")[tok]
    ids[:, 14] = _hashed(B, (None, (tok == head).astype(np.int64), bools), (None, q, small))
    ids[:, 15] = _hashed((None, rel + 9, rels), (None, q, small), (None, rule, small))
    ids[:, 16] = cue_keys[cue_of, 1]
    ids[:, 17] = _hashed(B, (None, rule, small))
    ids[:, 18] = _hashed(("prev", None, []), (None, before, branches), B)
    ids[:, 19] = _hashed(("next", None, []), B, (None, after, branches))
    ids[:, 20] = _hashed(("edge", None, []), (None, (tok == first_rule).astype(np.int64), bools),
                        (None, (tok == last_rule).astype(np.int64), bools),
                        (None, punct_code[tok], puncts))
    ids[:, 21] = _hashed((None, lemma_code[tok], lemmas),
                        (None, (before == branch).astype(np.int64), bools),
                        (None, (after == branch).astype(np.int64), bools))
    vectors = np.hstack([info.vectors[tok], info.vectors[head]])
    return ids, vectors


# a part of a combined feature: (a constant, None, []) or (None, codes per row, values)
Column = tuple[object, "np.ndarray | None", list[Any]]


def _hashed(*columns: Column) -> np.ndarray:
    """``_h`` of each row's values, computed once per distinct combination. A column is
    (a constant, None, []) or (None, codes per row, the value of each code); a value that
    is a tuple stands for its items (``_h("said", *deps)``)."""
    coded = [(codes, max(1, len(values))) for _, codes, values in columns if codes is not None]
    radices = [radix for _, radix in coded]
    assert coded and math.prod(radices) < 2**62
    key = coded[0][0].astype(np.int64)
    for codes, radix in coded[1:]:  # one integer per combination (mixed radix)
        key = key * radix + codes
    combos, inverse = np.unique(key, return_inverse=True)
    digits: list[list[int]] = []  # per coded column, its code in each combination
    rest = combos
    for radix in reversed(radices):
        rest, digit = np.divmod(rest, radix)
        digits.append(digit.tolist())
    digits.reverse()
    coded_digits = iter(digits)
    parts = [[constant] * len(combos) if codes is None
             else [values[d] for d in next(coded_digits)]
             for constant, codes, values in columns]
    combos_of: Iterable[tuple[Any, ...]] = zip(*parts, strict=True)
    if any(isinstance(v, tuple) for _, _, values in columns for v in values[:1]):
        combos_of = (sum((v if isinstance(v, tuple) else (v,) for v in combo), ())
                     for combo in combos_of)
    out = np.fromiter((_h(*combo) for combo in combos_of), dtype=np.uint64, count=len(combos))
    return out[inverse.reshape(-1)]


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
