"""French content: what a cue attributes, as character ranges.

By frame (``cue.Frame``): the que-clause ("a déclaré que ..."), the infinitive with its
preposition ("a appelé à voter", "a promis de revenir") and the person urged before it
("a exhorté les partenaires à ..."), the object of a speech act and what completes it
("a dénoncé l'attaque d'un convoi", "a jugé la mobilisation « sans précédent »"), the
noun a speech act takes with a preposition ("a appelé à la retenue"), the quotations
around a reporting clause (« A », a-t-il dit, « B »), the sentence around an incise
("L'accord serait signé lundi, a-t-on appris") and the sentence a "selon X" phrase sits
in. Content that overlaps a quotation takes the whole quotation in, as in English.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc, Token

from ..content import _rest_of_line, _signed_quote, quote_content, widen_to_quotes
from ..cue import Cue, Frame
from ..quotes import QuoteIndex
from ..spans import char_runs, doc_text, sentence_of, subtree_indices
from .channels import MEDIUM_NOUNS, is_channel
from .cues import (
    CLAUSAL,
    OBJECT,
    clause_after_medium,
    complement,
    content_preposition,
    open_complement,
    preposition_after,
    surface_object,
)
from .parsing import in_incise, incise_start, verb_group

Ranges = list[tuple[int, int]]
OBJECT_STOPS = frozenset({"cc", "conj", "parataxis", "advcl", "punct"})
# right dependents that complete what was said: "a jugé la mobilisation « sans précédent »"
RIGHT_COMPLEMENTS = frozenset({"obj", "xcomp", "ccomp", "obl:arg"})
INCISE_END = frozenset({",", ";", ":", "—", "–", ")"})


def content_of(cue: Cue, quotes: QuoteIndex) -> Ranges:
    """Character ranges of the content ``cue`` introduces; empty when it has none."""
    ranges = CONTENT_READERS[cue.frame](cue, quotes)
    return widen_to_quotes(ranges, quotes, cue.token.idx)


def _clausal(cue: Cue, quotes: QuoteIndex) -> Ranges:
    comp = complement(cue.token, CLAUSAL) or clause_after_medium(cue.token)
    return _subtree(cue, comp) if comp is not None else []


def _open(cue: Cue, quotes: QuoteIndex) -> Ranges:
    """The infinitive, its preposition and an object before it (the person urged)."""
    verb = cue.token
    comp = open_complement(verb)
    if comp is None:
        return []
    ids = subtree_indices(comp)
    obj = complement(verb, OBJECT)
    if obj is not None and obj.i < comp.i:
        gap = range(max(t.i for t in obj.subtree) + 1, min(ids))  # "les partenaires, dès
        ids |= subtree_indices(obj) | set(gap)                     # lundi, à voter"
    ids = without_medium(verb.doc, ids)
    return char_runs(verb.doc, ids - {t.i for t in cue.tokens})


def _subtree(cue: Cue, tok: Token) -> Ranges:
    ids = without_medium(tok.doc, subtree_indices(tok))
    return char_runs(tok.doc, ids - {t.i for t in cue.tokens})


MEDIUM_OPENERS = frozenset({"lors", "dans", "pendant", "durant"})


def without_medium(doc: Doc, ids: set[int]) -> set[int]:
    """A content without the channel phrase that ends it, after a comma: "a promis de « ...
    », lors d'une conférence de presse" (the parser hangs it on the complement)."""
    ordered = sorted(ids)
    for k, i in enumerate(ordered[1:], 1):
        tok = doc[i]
        if tok.lower_ in MEDIUM_OPENERS and doc[ordered[k - 1]].text == "," and any(
                t.lemma_.lower() in MEDIUM_NOUNS for t in doc[i: i + 5]):
            return set(ordered[: k - 1])
    return ids


def _completes(verb: Token, child: Token) -> bool:
    """A right-hand dependent that belongs to the content (not a channel or a time)."""
    return child.dep_ in RIGHT_COMPLEMENTS and not is_channel(child)


def _quote(cue: Cue, quotes: QuoteIndex) -> Ranges:
    """What a verb in a sentence with quotations attributes: its own complement when it
    has one ("a contesté ces chiffres", "a indiqué qu'il « soutenait pleinement »"),
    widened to the quotations it overlaps; else, and always for an incise, the quotations
    beside the reporting clause (« A », a-t-il dit, « B »)."""
    verb = cue.token
    quote = quotes.inside(verb.idx)
    if quote is not None:
        return _around_incise(verb, quote.segments)
    if in_incise(verb, cue.tokens):  # what follows the verb is its subject, not content
        return quote_content(cue, quotes, lambda verb, child: False)
    for reader in (_clausal, _open, _object, _prepositional):
        found = reader(cue, quotes)
        if found:
            return found
    return quote_content(cue, quotes, _completes)


def _around_incise(verb: Token, segments: tuple[tuple[int, int], ...]) -> Ranges:
    """The quotation an incise sits in, without the incise: from the comma before it to
    the comma or full stop after it."""
    doc = verb.doc
    start = doc[incise_start(verb, verb_group(verb)) - 1].idx
    end = verb.i + 1
    while end < len(doc) and doc[end].text not in (",", ".", ";", "!", "?"):
        end += 1
    text = doc_text(doc)
    stop = doc[end].idx + 1 if end < len(doc) else len(text)
    out: Ranges = []
    for s, e in segments:
        if e <= start or s >= stop:
            out.append((s, e))
            continue
        if s < start:
            out.append((s, start))
        if stop < e:
            piece = stop
            while piece < e and text[piece].isspace():
                piece += 1
            out.append((piece, e))
    return out


def _incise(cue: Cue, quotes: QuoteIndex) -> Ranges:
    """The sentence around an incise, without the incise: "L'accord serait signé lundi,
    a-t-on appris de source diplomatique", "La Cour, a-t-il dit, restera"."""
    verb = cue.token
    doc = verb.doc
    sent = sentence_of(verb)
    first = incise_start(verb, verb_group(verb))
    end = verb.i + 1
    while end < sent.end and doc[end].text not in INCISE_END:
        end += 1
    ids = {t.i for t in sent if t.i < first - 1 or t.i > end}
    return char_runs(doc, ids)


def _object(cue: Cue, quotes: QuoteIndex) -> Ranges:
    """The object and what completes it on the right, up to a comma or a coordinated
    clause: "a qualifié le projet d'« irresponsable »"."""
    verb = cue.token
    obj = complement(verb, OBJECT)
    if obj is None:
        words = surface_object(verb, verb_group(verb))
        return char_runs(verb.doc, [t.i for t in words])
    ids = subtree_indices(obj)
    for child in verb.rights:
        if child.i <= obj.i or is_channel(child):
            continue
        if child.dep_ in OBJECT_STOPS or child.is_punct:
            break
        if child.dep_ in ("xcomp", "obl:arg", "ccomp"):
            ids |= subtree_indices(child)
    return char_runs(verb.doc, without_medium(verb.doc, ids))


def _prepositional(cue: Cue, quotes: QuoteIndex) -> Ranges:
    """The noun phrase with its preposition: "a appelé | à la retenue"."""
    noun = content_preposition(cue.token)
    if noun is not None:
        return char_runs(cue.token.doc, subtree_indices(noun))
    return char_runs(cue.token.doc, [t.i for t in preposition_after(cue.token)])


def _according(cue: Cue, quotes: QuoteIndex) -> Ranges:
    """The sentence a "selon X" phrase sits in, without the phrase (``according_phrase``)."""
    tok = cue.token
    sent = sentence_of(tok)
    phrase = set(according_phrase(cue))
    ids = [t.i for t in sent if t.i not in phrase]
    while ids and (tok.doc[ids[-1]].is_punct and tok.doc[ids[-1]].text not in QUOTE_ENDS
                   or tok.doc[ids[-1]].is_space):
        ids.pop()  # the full stop
    return char_runs(tok.doc, ids)


QUOTE_ENDS = frozenset({"»", "”", '"'})


def according_phrase(cue: Cue) -> list[int]:
    """The token indices of a "selon X" phrase, read from the words: from the preposition
    to the next comma or the sentence end, an apposed name included ("D'après sa
    présidente, Inès Garnier, près de 800 cyclistes ...")."""
    doc = cue.token.doc
    sent = sentence_of(cue.token)
    start = min(t.i for t in cue.tokens)
    end = max(t.i for t in cue.tokens) + 1
    while end < sent.end and doc[end].text != ",":
        end += 1
    name = end + 1
    while name < sent.end and (doc[name].pos_ == "PROPN" or doc[name].is_title):
        name += 1
    if name > end + 1 and name < sent.end and doc[name].text == ",":
        end = name  # ", Inès Garnier,": an apposition naming the source
    return list(range(start, end))


def _none(cue: Cue, quotes: QuoteIndex) -> Ranges:
    return []


CONTENT_READERS: dict[Frame, Callable[[Cue, QuoteIndex], Ranges]] = {
    Frame.CCOMP: _clausal,
    Frame.XCOMP: _open,
    Frame.QUOTE: _quote,
    Frame.HEAD: _incise,
    Frame.DOBJ: _object,
    Frame.PREP: _prepositional,
    Frame.BARE: _none,
    Frame.ACCORDING: _according,
    Frame.NOUN: _none,
    Frame.COLON: _rest_of_line,
    Frame.DASH: _signed_quote,
}
