"""French sources: who a cue's content is attributed to.

The cue verb's subject, also when it follows the verb ("a-t-il déclaré", "estime-t-elle",
"a ajouté le ministre"); the agent of a passive ("a été annoncé par X"); the source of
"appris de source diplomatique" (not "on", the newsroom); the noun a participle qualifies
("un communiqué affirmant que"); for a participle or a coordinated verb without a subject
("..., estimant que", "... et a ajouté"), the subject of the verb it depends on, except
for a past participle clause ("Interrogée sur son avenir, la ministre ..." names no source
of the question). "selon X", "d'après X" and "pour X" take X.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Token

from ..cue import Cue, Frame
from ..sources import _dash_source, _label_source
from ..spans import char_runs, sentence_of
from .channels import is_channel
from .cues import ASKED, NOT_CONTENT, according_source, learned_from
from .parsing import (
    in_incise,
    inverted_subject,
    is_inverted_subject,
    subject_before,
    verb_group,
)
from .words import DAY_TIMES, PUBLICATION_WORDS, ROLE_NOUNS

INHERITS_SUBJECT = frozenset({"advcl", "xcomp", "conj", "ccomp", "parataxis"})
# an inverted noun subject the parser took for an object: "a ajouté le ministre"
POSTVERBAL = frozenset({"obj", "nsubj", "appos", "iobj", "obl:arg", "dep", "xcomp", "nmod"})
SOURCE_CUT = frozenset({"acl", "acl:relcl", "advcl", "cc", "conj", "case", "punct",
                        "parataxis", "ccomp"})
IMPERSONAL = frozenset({"on", "-on", "-t-on"})
ANONYMITY = ("anonymat", "anonyme")


def source_token(cue: Cue) -> Token | None:
    """The head token of the cue's source, or None when the text names none."""
    return SOURCE_READERS[cue.frame](cue.token)


def verb_source(verb: Token) -> Token | None:
    return _verb_source(verb, 0)


def _verb_source(verb: Token, depth: int) -> Token | None:
    if lends_no_subject(verb) and verb.lower_ in ASKED:
        return None
    for child in verb.children:
        if child.dep_ == "obl:agent":
            return child
    inverted = inverted_subject(verb)
    if inverted is not None:
        return _learned_source(verb) if inverted.lower_ in IMPERSONAL else inverted
    subject = subject_before(verb)
    if subject is not None:
        if subject.dep_ in ("expl:subj", "nsubj:pass"):
            return None  # "il faut", "la décision a été annoncée"
        if subject.lower_ in IMPERSONAL:
            return _learned_source(verb)
        return subject
    if in_incise(verb, verb_group(verb)):
        after = _postverbal_subject(verb)
        if after is not None:
            return after
    participle = _participle_source(verb)
    if participle is not None:
        return participle
    if verb.dep_ == "acl" and verb.head.pos_ in ("NOUN", "PROPN", "PRON") and not _has_case(
            verb.head):
        return verb.head
    if lends_no_subject(verb):
        return None
    if verb.dep_ in INHERITS_SUBJECT and verb.head is not verb and depth < 3:
        return _verb_source(verb.head, depth + 1)
    return _root_noun(verb)


def _root_noun(verb: Token) -> Token | None:
    """The subject the parser made the sentence's root: in "La directrice réclame « ... »
    et appelle ..." it may take "réclame" for an adjective of "directrice", and hang the
    rest on the noun."""
    root = sentence_of(verb).root
    if root.pos_ in ("NOUN", "PROPN") and root.i < verb.i and not _has_case(root) and (
            verb.is_ancestor(root) is False and root.is_ancestor(verb)):
        return root
    return None


def lends_no_subject(verb: Token) -> bool:
    """A past participle heading a clause of its own ("Interrogée sur son avenir, ...")."""
    if verb.lower_ in ASKED and (verb.is_sent_start or verb.i == 0):
        return True
    return verb.dep_ == "advcl" and "Part" in verb.morph.get("VerbForm", []) and (
        "Pres" not in verb.morph.get("Tense", [])) and not any(
        c.dep_ in AUX_DEPS for c in verb.children)


AUX_DEPS = frozenset({"aux:tense", "aux:pass"})


def _learned_source(verb: Token) -> Token | None:
    """"a-t-on appris de source diplomatique": the source is what "de" introduces."""
    case = learned_from(verb)
    return case.head if case is not None else None


def _postverbal_subject(verb: Token) -> Token | None:
    """The subject after an incise's verb: "« ... », a ajouté le ministre", "a déclaré à
    l'AFP Mamadou Guèye": the first noun after the verb that no preposition introduces
    and that is not a time ("mardi"), read from the words up to the sentence end (the
    parser often hangs the name on the channel before it)."""
    doc = verb.doc
    sent = sentence_of(verb)
    for tok in doc[verb.i + 1 : sent.end]:
        if tok.text in (".", ";", "«", "»", '"', ":") or tok.pos_ == "VERB":
            return None
        if tok.pos_ not in ("NOUN", "PROPN", "PRON") or tok.lower_ in TIME_WORDS:
            continue
        if _has_case(tok) or _has_case(tok.head) and tok.dep_ in ("flat:name", "amod"):
            continue
        return tok
    return None


TIME_WORDS = DAY_TIMES | {"veille", "lendemain", "soirée", "matinée", "après-midi", "semaine",
                          "mois", "an", "année", "jour"}


def _participle_source(verb: Token) -> Token | None:
    """"..., qualifiant l'agression d'« inacceptable »": a present participle after a
    comma speaks for the subject of the sentence's main verb."""
    doc = verb.doc
    if not verb.lower_.endswith("ant") or verb.i == 0 or doc[verb.i - 1].text != ",":
        return None
    root = sentence_of(verb).root
    subject = next((c for c in root.children if c.dep_ in ("nsubj", "csubj")), None)
    return subject


def _has_case(tok: Token) -> bool:
    return any(c.dep_ == "case" for c in tok.children)


def source_ranges(src: Token, cue: Cue, content: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The source mention: its noun phrase with its apposition, without the preposition
    that introduces it, a clause that only adds a fact, the cue or the content; a clitic
    without its hyphen ("-il" is "il")."""
    ids = {src.i} if is_inverted_subject(src) else _phrase(src) - {t.i for t in cue.tokens}
    doc = src.doc
    first = min(ids)
    while first > 0 and not doc[first - 1].whitespace_ and doc[first - 1].is_alpha and not (
            is_inverted_subject(src)):
        first -= 1  # "Cinquante-deux États": the word the hyphen joins
        ids.add(first)
    ids = {i for i in ids if not any(s <= doc[i].idx < e for s, e in content)}
    cut = next((i for i in sorted(ids) if doc[i].lower_ in ("lors", "pendant", "durant")
                and i > src.i), None)
    if cut is not None:  # "un porte-parole ... lors d'une conférence de presse"
        ids = {i for i in ids if i < cut}
    runs = char_runs(src.doc, ids)
    hyphen = src.idx if src.text.startswith("-") and len(src.text) > 1 else -1
    return [(s + 1, e) if s == hyphen else (s, e) for s, e in runs]


def _phrase(src: Token) -> set[int]:
    ids = {src.i}
    for child in src.children:
        if child.dep_ in ("conj", "cc") and src.pos_ == "PROPN" and (
                child.pos_ in ("PROPN", "CCONJ")):
            ids |= {t.i for t in child.subtree}  # "Berlin et Paris"
            continue
        if child.dep_ == "conj" and child.pos_ == "ADJ" or child.dep_ == "cc" and any(
                c.pos_ == "ADJ" for c in src.children if c.dep_ == "conj"):
            ids |= {t.i for t in child.subtree}  # "27 États insulaires et côtiers"
            continue
        if child.dep_ == "conj" and child.pos_ == "PROPN" and src.lemma_.lower() in (
                ROLE_NOUNS) and not any(c.dep_ == "cc" for c in child.children):
            ids |= {t.i for t in child.subtree}  # "la maire, Lucie Morel": an apposition
            continue
        if child.dep_ in SOURCE_CUT and not _identifies(child):
            continue
        if child.i < src.i and any(c.dep_ == "case" for c in child.children):
            continue  # "à la tribune l'ambassadeur": a place before the name
        if child.i > src.i and not _belongs(src, child):
            continue
        ids |= {t.i for t in child.subtree}
    lo, hi = min(ids), max(ids)
    return set(range(lo, hi + 1)) & {t.i for t in src.subtree} - {
        c.i for c in src.children if c.dep_ == "case"}


def _belongs(src: Token, child: Token) -> bool:
    """Whether a dependent after the source's head is part of the mention: not a channel or
    a time ("lors d'une conférence de presse", "de son côté"), and after a comma only an
    apposed name or role ("Mamadou Guèye, président d'un collectif"), not a circumstance
    ("une mère, banderole à la main")."""
    if is_channel(child) or child.lemma_.lower() in NOT_CONTENT or any(
            c.dep_ == "case" and c.lower_ in ("lors", "pendant", "durant", "dans")
            for c in child.children):
        return False
    if any(c.dep_ == "case" and c.lower_ in ("à", "au", "aux") for c in child.children) and (
            child.ent_type_ == "ORG" or PUBLICATION_WORDS.search(child.text)):
        return False  # "a déclaré le ministre à l'AFP": whom he told
    doc = src.doc
    comma = any(doc[i].text == "," for i in range(src.i + 1, child.left_edge.i))
    return not comma or child.pos_ == "PROPN" or child.lemma_.lower() in ROLE_NOUNS


def _identifies(clause: Token) -> bool:
    """A relative clause that says who an unnamed speaker is: "qui a requis l'anonymat"."""
    return clause.dep_ == "acl:relcl" and any(
        t.lower_.startswith(ANONYMITY) for t in clause.subtree)


SOURCE_READERS: dict[Frame, Callable[[Token], Token | None]] = {
    **{frame: verb_source for frame in Frame if frame.rules.verb},
    Frame.ACCORDING: according_source,
    Frame.NOUN: lambda noun: None,
    Frame.COLON: _label_source,
    Frame.DASH: _dash_source,
}
