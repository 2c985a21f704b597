"""Syntactic frames of cue verbs: how a verb takes the content it attributes.

* ``ccomp``: a clausal complement ("said that taxes will rise", "said taxes will rise");
* ``xcomp``: an open complement, for intention and request verbs ("vowed to fight");
* ``quote``: no complement outside a quotation, but a quotation in the sentence
  (""We will win," she said" or "she said: "...""), the quotation is the content;
* ``head``: the verb is a parenthetical inside its content
  ("The plan, he said, will fail");
* ``dobj``: the content is a noun phrase object ("criticized the plan", "cited a poll");
* ``prep``: the content is the object of a preposition that is part of the cue
  ("called for a recount", "spoke about the economy");
* ``bare``: nothing the verb could attribute.

The frames are members of ``cue.Frame``.
"""

from __future__ import annotations

from spacy.tokens import Token

from .cue import Frame

FRAMES = tuple(f for f in Frame if f.rules.verb)
CLAUSAL = frozenset({"ccomp"})
OPEN = frozenset({"xcomp"})
OBJECT = frozenset({"dobj"})
PARENTHETICAL = frozenset({"parataxis", "advcl", "ccomp"})


def complement(verb: Token, deps: frozenset[str]) -> Token | None:
    """The first child of ``verb`` with one of the dependency labels ``deps``."""
    for child in verb.children:
        if child.dep_ in deps:
            return child
    return None


def verb_frame(verb: Token, in_quote: bool, sentence_has_quote: bool) -> Frame:
    """The frame of a candidate cue verb.

    ``in_quote`` tells whether the verb's clausal complement (if any) lies inside a
    quotation; ``sentence_has_quote`` whether the sentence holds a quotation that the verb
    is not part of.
    """
    if complement(verb, CLAUSAL) is not None:
        return Frame.QUOTE if in_quote else Frame.CCOMP
    if complement(verb, OPEN) is not None:
        return Frame.XCOMP
    if sentence_has_quote:
        return Frame.QUOTE
    if _is_parenthetical(verb):
        return Frame.HEAD
    if complement(verb, OBJECT) is not None:
        return Frame.DOBJ
    if cue_preposition(verb) is not None:
        return Frame.PREP
    return Frame.BARE


def cue_preposition(verb: Token) -> Token | None:
    """A preposition right after the verb (or its particle) that has an object."""
    for child in verb.rights:
        if child.dep_ == "prt":
            continue
        has_object = any(g.dep_ in ("pobj", "pcomp") for g in child.children)
        return child if child.dep_ == "prep" and child.i <= verb.i + 2 and has_object else None
    return None


def _is_parenthetical(verb: Token) -> bool:
    """A reporting clause set inside or after its content: "X, he said, ..." or "X, he said."."""
    head = verb.head
    if head is verb or verb.dep_ not in PARENTHETICAL or head.pos_ not in ("VERB", "AUX"):
        return False
    return any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children) and any(
        t.text == "," for t in verb.doc[min(verb.i, head.i) : max(verb.i, head.i)]
    )
