"""French cues: the words that introduce an attribution.

* verbs of the lexicon in a frame that takes content ("a déclaré que", "a appelé à",
  "« ... », a-t-il ajouté", "a dénoncé la décision"), with their auxiliaries, negation and
  reflexive pronoun ("n'a pas confirmé", "s'est dit");
* the prepositions "selon X" and "d'après X", and "pour X," opening a sentence (an
  opinion: "Pour La Vigie du Sud, la réforme arrive trop tard");
* a speaker label's colon and a signature dash, read as in English.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
from spacy.symbols import VERB
from spacy.tokens import Doc, Token

from ..cue import Cue, Frame
from ..cues import colon_cue, dash_cue, sentence_window
from ..lexicon import Lexicon
from ..quotes import QuoteIndex
from .channels import is_channel
from .parsing import in_incise, incise_start, inverted_subject, verb_group
from .words import DAY_TIMES, DAYS, MONTHS

ACCORDING_PRIOR = 0.9
ASKED_PRIOR = 0.85
OPINION_PRIOR = 0.6
CLAUSAL = frozenset({"ccomp"})
OPEN = frozenset({"xcomp"})
OBJECT = frozenset({"obj"})
# prepositions that introduce what a speech act is about: "appeler à", "plaider pour"
CONTENT_PREPOSITIONS = frozenset({"à", "au", "aux", "de", "d'", "d’", "du", "des", "sur",
                                  "contre", "pour", "en"})
PREPOSITIONAL = frozenset({"obl:arg", "obl", "obl:mod", "iobj"})
RELATIVE = frozenset({"lequel", "laquelle", "lesquels", "lesquelles", "qui", "quoi"})
# "Pour Noël, ...": times, not holders of an opinion
NOT_OPINION = DAYS | MONTHS | {"noël", "pâques", "l'instant", "instant", "moment", "heure",
                               "toussaint", "ramadan", "aïd", "hanoukka", "l'heure"}
# "a de son côté indiqué", "a pour sa part appelé", "met en garde": not what was said
NOT_CONTENT = frozenset({"côté", "part", "garde"})
VOWELS = tuple("aeiouyhéèêàâîôûAEIOUYHÉ")
DASHES = frozenset("―—–")
# words that open a cue of their own: "selon", "(d')après", "pour", "Interrogée"
OPENERS = frozenset({"selon", "après", "d'après", "d’après", "pour"})


def find_cues(doc: Doc, lexicon: Lexicon, quotes: QuoteIndex, min_prior: float) -> Iterator[Cue]:
    """All cue candidates in ``doc`` whose prior reaches ``min_prior``, in text order.

    Only the tokens that can open a cue are looked at closely: verbs, the words beside a
    hyphenated clitic ("raconte-t-elle", tagged a noun), the participles of a question,
    the prepositions of "selon X", colons and dashes (read from arrays, once)."""
    words = doc.to_array(["POS", "LOWER"])
    openers = [doc.vocab.strings.add(w) for w in OPENERS | ASKED]
    found = (words[:, 0] == VERB) | np.isin(words[:, 1], openers)
    candidates = set(np.flatnonzero(found).tolist())
    for tok in doc:
        text = tok.text
        if text[:1] == "-":  # a clitic: the words on either side
            candidates.update((tok.i - 1, tok.i + 1))
        elif text == ":" or any(ch in DASHES for ch in text):
            candidates.add(tok.i)
    for sent in doc.sents:
        if not any(sent.start <= i < sent.end for i in candidates):
            continue
        sent_quotes = quotes.overlapping(*sentence_window(sent))
        for tok in sent:
            if tok.i not in candidates:
                continue
            cue = (_according_cue(tok) or _verb_cue(tok, lexicon, quotes, bool(sent_quotes))
                   or colon_cue(tok) or dash_cue(tok, quotes))
            if cue is not None and cue.prior >= min_prior:
                yield cue


def lexicon_keys(verb: Token) -> list[str]:
    """How the lexicon may list a verb: reflexive first ("s'inquiéter", "se dire"), then a
    locution ("mettre en garde"), then its lemma."""
    lemma = verb.lemma_.lower()
    keys = []
    if any(c.lower_ in ("se", "s'", "s’") and c.i < verb.i for c in verb.children):
        keys.append(("s'" if lemma.startswith(VOWELS) else "se ") + lemma)
    if lemma == "mettre" and any(c.lower_ == "garde" for c in verb.children):
        keys.append("mettre en garde")
    keys.append(lemma)
    return keys


def _verb_cue(tok: Token, lexicon: Lexicon, quotes: QuoteIndex,
              sent_has_quote: bool) -> Cue | None:
    if tok.pos_ != "VERB" and tok.lower_ not in ASKED and not _before_clitic(tok):
        return None
    if quotes.inside(tok.idx) is not None and not quoted_incise(tok):
        return None  # the speaker's words, not the reporter's
    if tok.pos_ == "VERB":
        keys = lexicon_keys(tok) + _guessed_lemmas(tok)  # "conteste" lemmatised "conteste"
    elif tok.lower_ in ASKED and preposition_after(tok):
        keys = ["interroger"]  # "Interrogée sur ...", often tagged a name at a sentence start
    elif tok.is_alpha and inverted_subject(tok) is not None:
        keys = _guessed_lemmas(tok)  # "raconte-t-elle", tagged a noun or an adjective
    else:
        return None
    group = verb_group(tok)
    frame = frame_of(tok, group, quotes, sent_has_quote)
    prior = max((lexicon.verb_prior(key, frame) for key in keys), default=0.0)
    if prior <= 0 and tok.lower_ in ASKED and preposition_after(tok):
        prior = ASKED_PRIOR  # "Interrogée sur son avenir, ...": a question put to her
    if prior <= 0:
        prior = _learned_from_prior(tok, frame)
        if prior <= 0:
            return None
    parts = list(group)
    if "mettre en garde" in keys:
        parts += [t for c in tok.children if c.lower_ == "garde" for t in c.subtree]
    source_case = learned_from(tok)
    if source_case is not None:
        parts.append(source_case)  # "appris de (source diplomatique)"
    return Cue(tok, sorted(parts, key=lambda t: t.i), frame, prior)


def _before_clitic(tok: Token) -> bool:
    """Whether a hyphenated clitic follows or precedes (a cheap test before
    ``inverted_subject``)."""
    doc = tok.doc
    return (tok.i + 1 < len(doc) and doc[tok.i + 1].text[:1] == "-") or (
        tok.i > 0 and doc[tok.i - 1].text[:1] == "-")


def quoted_incise(verb: Token) -> bool:
    """An incise set inside the guillemets, as French typesetting allows: "« La réforme est
    prête, a-t-elle expliqué. Elle sera présentée lundi. »" (a verb after a comma with
    its clitic subject after it)."""
    if inverted_subject(verb) is None:
        return False
    doc = verb.doc
    first = incise_start(verb, verb_group(verb))
    return first > 0 and doc[first - 1].text == ","


def _guessed_lemmas(tok: Token) -> list[str]:
    """Infinitives a present-tense form may belong to: "lance" -> "lancer", "dit" ->
    "dire"; the lexicon says which is a verb of saying."""
    lower = tok.lower_
    guesses = [tok.lemma_.lower()]
    if lower.endswith("e"):
        guesses.append(lower + "r")  # 1st group: estime, raconte, lance
    if lower.endswith(("it", "is")):
        guesses.append(lower[:-1] + "re")  # dit -> dire, écrit -> écrire
    if lower.endswith("t"):
        guesses.append(lower[:-1] + "r")  # 2nd group: réagit, avertit, garantit
    return guesses


def _learned_from_prior(verb: Token, frame: Frame) -> float:
    """"a-t-on appris de source diplomatique": what the newsroom learned from a source."""
    if verb.lemma_.lower() == "apprendre" and learned_from(verb) is not None and frame in (
            Frame.CCOMP, Frame.HEAD, Frame.QUOTE):
        return ACCORDING_PRIOR
    return 0.0


def learned_from(verb: Token) -> Token | None:
    """The "de" of "appris de source X", when the verb is "apprendre"."""
    if verb.lemma_.lower() != "apprendre":
        return None
    for child in verb.children:
        if child.dep_ in PREPOSITIONAL and child.i > verb.i:
            case = next((c for c in child.children if c.dep_ == "case"), None)
            if case is not None and case.lower_ in ("de", "d'", "d’", "auprès"):
                return case
    return None


def frame_of(verb: Token, group: list[Token], quotes: QuoteIndex, sent_has_quote: bool) -> Frame:
    """The frame of a candidate cue verb (``cue.Frame``), read from its UD dependents."""
    comp = complement(verb, CLAUSAL) or clause_after_medium(verb)
    if comp is not None:
        in_quote = quotes.inside(comp.idx) is not None
        return Frame.QUOTE if in_quote else Frame.CCOMP
    if open_complement(verb) is not None:
        return Frame.XCOMP
    if sent_has_quote:
        return Frame.QUOTE
    if in_incise(verb, group):
        return Frame.HEAD
    if complement(verb, OBJECT) is not None:
        return Frame.DOBJ
    if content_preposition(verb) is not None or preposition_after(verb):
        return Frame.PREP
    if surface_object(verb, group):
        return Frame.DOBJ
    return Frame.BARE


# times between a verb and its object: "a démenti dimanche soir tout retard"
TIME_WORDS = DAY_TIMES | {"veille", "lendemain", "soirée", "matinée", "après-midi", "encore",
                          "déjà", "aussitôt", "immédiatement", "publiquement", "vivement",
                          "fermement", "également", "aussi", "toutefois", "pourtant"}
OBJECT_END = frozenset({",", ";", ":", ".", "!", "?", "(", "—", "–"})


def surface_object(verb: Token, group: list[Token]) -> list[Token]:
    """The object of a verb the parser missed, read from the words: what follows the verb
    group (times skipped) when it opens with a determiner, a noun or a number, up to a
    comma or the sentence end: "a réclamé dix-huit mois d'emprisonnement"."""
    doc = verb.doc
    i = group[-1].i + 1
    while i < len(doc) and doc[i].lower_ in TIME_WORDS:
        i += 1
    if i >= len(doc) or doc[i].pos_ not in ("DET", "NOUN", "NUM", "PROPN") or (
            doc[i].is_sent_start):
        return []
    end = i
    while end < len(doc) and doc[end].text not in OBJECT_END and not doc[end].is_sent_start \
            and not (doc[end].pos_ == "CCONJ" and end + 1 < len(doc)
                     and doc[end + 1].pos_ in ("VERB", "AUX", "ADV")):
        if end > i and doc[end].pos_ in ("VERB", "AUX") and doc[end].dep_ != "acl":
            break
        end += 1
    return list(doc[i:end])


def clause_after_medium(verb: Token) -> Token | None:
    """The que-clause the parser hung on the medium: "a indiqué dans un communiqué que
    l'enquête était close" (a relative clause of "communiqué" in the parse)."""
    for child in verb.children:
        if child.i > verb.i and is_channel(child):
            for clause in child.children:
                if clause.dep_.startswith("acl") and clause.left_edge.lower_ in ("que", "qu'",
                                                                                  "qu’"):
                    return clause
    return None


def preposition_after(verb: Token) -> list[Token]:
    """What an "Interrogé sur ..." clause asks about, read from the words: the
    preposition after the participle and what follows, up to the comma."""
    doc = verb.doc
    if verb.lower_ not in ASKED or verb.i + 1 >= len(doc) or doc[verb.i + 1].lower_ not in (
            "sur", "à", "au", "aux", "quant"):
        return []
    if not (verb.is_sent_start or (verb.i > 0 and doc[verb.i - 1].is_punct
                                   and doc[verb.i - 1].is_sent_start)):
        return []  # "Le suspect a été interrogé sur les faits": no question reported
    end = verb.i + 1
    while end < len(doc) and doc[end].text not in (",", ".", ";", ":") and not (
            end > verb.i + 1 and doc[end].is_sent_start):
        end += 1
    words = list(doc[verb.i + 1: end])
    return words if any(t.pos_ in ("NOUN", "PROPN", "PRON", "VERB") for t in words) else []


# participles that open a question put to the subject: "Interrogée sur son avenir, ..."
ASKED = frozenset({"interrogé", "interrogée", "interrogés", "interrogées", "questionné",
                   "questionnée", "questionnés", "questionnées"})


def complement(verb: Token, deps: frozenset[str]) -> Token | None:
    for child in verb.children:
        if child.dep_ in deps and child.i > verb.i:
            return child
    return None


def open_complement(verb: Token) -> Token | None:
    """An infinitive complement: "a promis de revenir", "appelle à voter"."""
    for child in verb.children:
        if child.dep_ in OPEN and child.pos_ in ("VERB", "AUX") and child.i > verb.i:
            return child
    return None


def content_preposition(verb: Token) -> Token | None:
    """The noun a speech act takes with a preposition: "a appelé à la retenue", "plaide
    pour un fonds", "s'est félicitée de ces clarifications"."""
    for child in verb.children:
        if child.dep_ not in PREPOSITIONAL or child.i < verb.i or child.pos_ not in (
                "NOUN", "PROPN", "PRON"):
            continue
        if child.lemma_.lower() in NOT_CONTENT:
            continue
        case = next((c for c in child.children if c.dep_ == "case" and c.i < child.i), None)
        if case is not None and case.lower_ in CONTENT_PREPOSITIONS and not is_channel(child):
            return child
    return None


def _according_cue(tok: Token) -> Cue | None:
    """"selon X", "d'après X": the preposition is the cue, X the source."""
    lower = tok.lower_
    if lower == "selon":
        words = [tok]
    elif lower == "après" and tok.i > 0 and tok.doc[tok.i - 1].lower_ in ("d'", "d’"):
        words = [tok.doc[tok.i - 1], tok]
    elif lower in ("d'après", "d’après"):
        words = [tok]
    elif lower == "pour":
        return _opinion_cue(tok)
    else:
        return None
    head = according_source(tok)
    if head is None or head.lower_ in RELATIVE:
        return None  # "les rumeurs selon lesquelles ...": a relative, not an attribution
    return Cue(tok, words, Frame.ACCORDING, ACCORDING_PRIOR)


def according_source(prep: Token) -> Token | None:
    """The noun or pronoun a preposition introduces (the preposition is its "case")."""
    head = prep.head
    if prep.dep_ == "fixed":  # "d'" + "après": "après" is fixed to "d'"
        head = head.head
    if head is prep or head.i < prep.i or head.pos_ not in ("NOUN", "PROPN", "PRON"):
        nxt = prep.doc[prep.i + 1] if prep.i + 1 < len(prep.doc) else None
        return nxt if nxt is not None and nxt.pos_ in ("PROPN", "PRON") else None
    return head


def _opinion_cue(tok: Token) -> Cue | None:
    """"Pour X, ...": at a sentence start, a name or a pronoun, then a comma."""
    doc = tok.doc
    if not (tok.is_sent_start or (tok.i > 0 and doc[tok.i - 1].is_sent_start
                                  and doc[tok.i - 1].is_punct)):
        return None
    head = according_source(tok)
    if head is None or not (head.pos_ == "PROPN" or head.is_title
                            or head.lower_ in ("lui", "elle", "eux", "elles")):
        return None
    if head.lower_ in NOT_OPINION or head.ent_type_ == "DATE":
        return None  # "Pour Noël, ...": a time
    end = max(t.i for t in head.subtree) + 1
    if end >= len(doc) or doc[end].text != ",":
        return None
    return Cue(tok, [tok], Frame.ACCORDING, OPINION_PRIOR)
