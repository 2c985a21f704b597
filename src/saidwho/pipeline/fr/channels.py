"""French channels: whom a speaker addressed, or through what, when the text names it.

"a déclaré à l'AFP", "a confié au Courrier de Lys", "a-t-il expliqué sur Radio Sorbiac",
"au micro de ...", "dans un communiqué", "dans un entretien au Monde", "lors d'une
conférence de presse". Read from the cue verb's dependents (its "à", "au", "auprès de",
"dans", "lors de" and "sur" phrases).
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from ...model import Attribution, Segment, Speaker
from ..channels import _overlaps
from ..spans import char_runs

# "dans un communiqué", "lors d'une conférence de presse", "dans un entretien"
MEDIUM_NOUNS = frozenset({
    "communiqué", "déclaration", "entretien", "interview", "lettre", "message", "tribune",
    "conférence", "point", "courrier", "note", "texte", "discours", "vidéo", "tweet",
    "publication", "émission", "audition", "allocution", "lettre ouverte", "réseau",
})
# "sur une radio locale", "sur son blog", "sur le plateau de ..."
BROADCAST_NOUNS = frozenset({"radio", "chaîne", "plateau", "site", "compte", "blog",
                             "antenne", "onde", "réseau", "page", "télévision"})
MEDIUM_PREPOSITIONS = frozenset({"dans", "lors", "durant", "pendant"})
ADDRESSEE_PREPOSITIONS = frozenset({"à", "au", "aux", "auprès"})
# "a déclaré à la radio", "a confié à ses proches": the verbs whose "à X" is the addressee
ADDRESSEE_VERBS = frozenset({
    "déclarer", "dire", "confier", "expliquer", "indiquer", "affirmer", "assurer", "préciser",
    "annoncer", "répondre", "raconter", "lancer", "rappeler", "souligner", "écrire",
    "répéter", "avouer", "promettre", "jurer", "glisser", "révéler", "signaler", "admettre",
    "reconnaître", "certifier", "garantir", "avertir", "prévenir", "estimer", "ajouter",
    "démentir", "confirmer", "détailler", "résumer", "insister", "souffler", "lâcher",
    "murmurer", "rétorquer", "répliquer", "témoigner", "exposer",
})


def is_channel(noun: Token) -> bool:
    """Whether a verb's dependent names a channel: a medium ("dans un communiqué"), a
    microphone or air ("au micro de"), a medium named on "sur" ("sur Radio Sorbiac"), or
    an addressee of a verb of saying ("a déclaré à l'AFP")."""
    case = next((c for c in noun.children if c.dep_ == "case" and c.i < noun.i), None)
    if case is None:
        return False
    prep = case.lower_
    lemma = noun.lemma_.lower()
    if lemma in MEDIUM_NOUNS and (prep in MEDIUM_PREPOSITIONS or _lors(case)):
        return True
    if lemma in ("micro", "antenne", "onde") or (prep == "sur" and (
            noun.pos_ == "PROPN" or lemma in BROADCAST_NOUNS)):
        return True
    verb = noun.head
    return prep in ADDRESSEE_PREPOSITIONS and verb.lemma_.lower() in ADDRESSEE_VERBS and \
        noun.pos_ in ("PROPN", "NOUN", "PRON") and noun.dep_ != "obj"


def _lors(case: Token) -> bool:
    """"lors d'une conférence": "d'" is the case, "lors" the adverb before it."""
    doc = case.doc
    return case.i > 0 and doc[case.i - 1].lower_ in MEDIUM_PREPOSITIONS


def addressee(verb: Token) -> Token | None:
    """The head of the channel phrase among a cue verb's dependents, or None."""
    if verb.pos_ not in ("VERB", "AUX"):
        return None
    for child in verb.children:
        if child.i > verb.i - 8 and child.pos_ in ("NOUN", "PROPN", "PRON") and is_channel(child):
            return child
    return None


def find_channels(doc: Doc, atts: list[Attribution]) -> None:
    """Set the channel (unresolved: its own text) of each attribution naming one."""
    text = doc.text
    for att in atts:
        if att.channel is not None or not att.cue:
            continue
        span = doc.char_span(att.cue[0].start, att.cue[-1].end, alignment_mode="expand")
        if span is None:
            continue
        for tok in span:
            head = addressee(tok)
            if head is None:
                continue
            taken = [(s.start, s.end) for s in (*att.source, *att.content)]
            ids = {t.i for t in head.subtree if t.dep_ not in ("acl", "acl:relcl")
                   and not any(s <= t.idx < e for s, e in taken)} - {
                c.i for c in head.children if c.dep_ == "case"}
            runs = [run for run in char_runs(doc, _around(head, ids))]
            if runs:
                seg = Segment.of(text, runs[0][0], runs[-1][1])
                if not _overlaps(seg, att):
                    att.channel = Speaker(name=seg.text, mention=seg, surface=seg)
                break


def _around(head: Token, ids: set[int]) -> list[int]:
    """The run of ``ids`` around ``head``: "au Courrier des Tanneurs" without the source
    the parser hung on it ("Martine Roux")."""
    lo = hi = head.i
    while lo - 1 in ids:
        lo -= 1
    while hi + 1 in ids:
        hi += 1
    return list(range(lo, hi + 1))
