"""Sources and channels: who a cue's content is attributed to, and through whom.

The source is the cue verb's subject (a relative pronoun included: "X, who said ..." has
"who" as its source mention, resolved to X by the speaker step), the agent of a passive
("was announced by X"), the noun a participle hangs on ("a statement saying ..."), or, for a
participle or a
coordinated verb without a subject of its own ("..., saying ...", "... and added ..."),
the subject of the verb it depends on (not for a past participle: in "Asked whether ...,
Lund did not reply" Lund was asked, and the text names no source). "according to X",
"X's claim that" and "claims by X that" take the object of the preposition or the
possessor.
Channels ("told the paper") are read in ``channels.py``.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Span, Token

from .cue import Cue, Frame
from .spans import char_runs

SUBJECTS = frozenset({"nsubj", "csubj"})
INHERITS_SUBJECT = frozenset({"advcl", "xcomp", "conj", "ccomp", "parataxis"})
RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom"})
NOUN_SOURCE_PREPS = frozenset({"by", "from", "of"})
DASH_NAME_MAX = 6
SOURCE_CUT = frozenset({"relcl", "acl", "advcl", "punct", "cc", "conj"})


def source_token(cue: Cue) -> Token | None:
    """The head token of the cue's source, or None when the text names none."""
    return SOURCE_READERS[cue.frame](cue.token)


FIRST_SECOND_PERSON = frozenset({"i", "we", "you", "me", "us"})
NAMED = frozenset({"PERSON", "ORG", "GPE", "NORP"})
SUBJECT_KINDS = ("none", "p12", "p3", "ent", "noun")


def subject_kind(verb: Token) -> str:
    """A coarse class of a verb's source, which changes how likely it is a cue: none,
    first or second person pronoun (p12), other pronoun (p3), named entity, other noun."""
    src = verb_source(verb)
    if src is None:
        return "none"
    if src.lower_ in FIRST_SECOND_PERSON:
        return "p12"
    if src.pos_ == "PRON":
        return "p3"
    return "ent" if src.ent_type_ in NAMED else "noun"


def verb_source(verb: Token) -> Token | None:
    """The source of a cue verb (see the module documentation)."""
    return _verb_source(verb, depth=0)


def _verb_source(verb: Token, depth: int) -> Token | None:
    for child in verb.children:
        if child.dep_ == "agent":
            return next((g for g in child.children if g.dep_ == "pobj"), None)
    for child in verb.children:
        if child.dep_ in SUBJECTS:
            if child.lower_ == "it" and child.dep_ == "nsubj" and _is_expletive(verb):
                return None
            return child
    if verb.dep_ in ("relcl", "acl") and verb.head.pos_ in ("NOUN", "PROPN", "PRON"):
        return verb.head
    if lends_no_subject(verb):
        return None
    if verb.dep_ in INHERITS_SUBJECT and verb.head is not verb and depth < 3:
        return _verb_source(verb.head, depth + 1)
    return None


def lends_no_subject(verb: Token) -> bool:
    """A past participle heading a clause of its own: the main clause's subject is who it
    was done to ("Asked whether ..., Lund did not reply": Lund was asked)."""
    return verb.tag_ == "VBN" and verb.dep_ == "advcl"


def _is_expletive(verb: Token) -> bool:
    return any(c.dep_ == "ccomp" and c.i > verb.i for c in verb.children) and verb.lemma_ in (
        "seem", "appear", "be",
    )


def _label_source(colon: Token) -> Token | None:
    """A speaker label's last word, before its colon: "WALLACE: ..."."""
    return colon.doc[colon.i - 1]


def _dash_source(dash: Token) -> Token | None:
    """The name that signs a quotation after a dash."""
    name = dash_name(dash)
    return name.root if name is not None else None


def _according_object(tok: Token) -> Token | None:
    for prep in [*tok.children, *(tok.doc[tok.i + 1 : tok.i + 2])]:
        if prep.lower_ == "to":
            return next((g for g in prep.children if g.dep_ == "pobj"), None)
    return None


def _noun_source(noun: Token) -> Token | None:
    for child in noun.children:
        if child.dep_ == "poss":
            return child
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ in NOUN_SOURCE_PREPS:
            pobj = next((g for g in child.children if g.dep_ == "pobj"), None)
            if pobj is not None and pobj.pos_ in ("PROPN", "NOUN", "PRON"):
                return pobj
    for child in noun.children:
        if child.dep_ == "compound" and child.ent_type_ in ("ORG", "GPE", "PERSON", "NORP"):
            return child
    return None


def source_ranges(src: Token, cue: Cue, content: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The source mention: the source's noun phrase, without relative clauses or content."""
    ids = _phrase_indices(src)
    ids -= {t.i for t in cue.tokens}
    ids = {i for i in ids if not _in_ranges(src.doc[i].idx, content)}
    return char_runs(src.doc, ids)


def _phrase_indices(src: Token) -> set[int]:
    """The noun phrase headed by ``src``: its subtree cut at clauses and coordination."""
    ids = {src.i}
    stack = [c for c in src.children if c.dep_ not in SOURCE_CUT]
    while stack:
        tok = stack.pop()
        ids |= {t.i for t in tok.subtree}
    lo, hi = min(ids), max(ids)
    return set(range(lo, hi + 1)) & {t.i for t in src.subtree}


def _in_ranges(pos: int, ranges: list[tuple[int, int]]) -> bool:
    return any(s <= pos < e for s, e in ranges)


def dash_name(tok: Token) -> Span | None:
    """The name after a signature dash: up to the end of the line, a few capitalised words."""
    doc = tok.doc
    end = tok.i + 1
    while end < len(doc) and "\n" not in doc[end - 1].text_with_ws and not doc[end].is_space:
        end += 1
    name = doc[tok.i + 1 : end]
    words = [t for t in name if not t.is_punct]
    if not 1 <= len(words) <= DASH_NAME_MAX:
        return None
    if not all(t.is_title or t.is_upper or t.pos_ == "PROPN" or len(t) == 1 for t in words):
        return None
    while len(name) and name[-1].is_punct:
        name = name[:-1]
    return name if len(name) else None


# The source of a cue of each frame, read from the cue's anchor token.
SOURCE_READERS: dict[Frame, Callable[[Token], Token | None]] = {
    **{frame: verb_source for frame in Frame if frame.rules.verb},
    Frame.ACCORDING: _according_object,
    Frame.NOUN: _noun_source,
    Frame.COLON: _label_source,
    Frame.DASH: _dash_source,
}
