"""French channels: whom a speaker addressed, or through what, when the text names it.

"a déclaré à l'AFP", "a confié au Courrier de Lys", "a-t-il expliqué sur Radio Sorbiac",
"au micro de ...", "dans un communiqué", "dans un entretien au Monde", "lors d'une
conférence de presse". Read from the cue verb's dependents (its "à", "au", "auprès de",
"dans", "lors de" and "sur" phrases).
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from ...entities.countries_fr import french_state
from ...model import Attribution, Segment, Speaker
from ..spans import doc_text, sentence_of
from .words import DAY_TIMES

# "dans un communiqué", "lors d'une conférence de presse", "dans un entretien"
MEDIUM_NOUNS = frozenset({
    "communiqué", "déclaration", "entretien", "interview", "lettre", "message", "tribune",
    "conférence", "point", "courrier", "note", "texte", "discours", "vidéo", "tweet",
    "publication", "émission", "audition", "allocution", "lettre ouverte", "réseau",
    "débat", "réunion", "meeting", "rencontre", "visioconférence", "briefing",
})
# words of a paper's or a station's name
PUBLICATION_NAME = re.compile(r"Radio|FM|TV|Télé|Info|Presse|Courrier|Gazette|Journal|Monde")
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


def find_channels(doc: Doc, atts: list[Attribution]) -> None:
    """Set the channel (unresolved: its own text) of each attribution naming one: the
    medium in its sentence ("dans un communiqué", "lors d'une conférence de presse"; the
    paper of "dans un entretien au Monde"), else the addressee of a verb of saying ("a
    déclaré à l'AFP", "a confié au Courrier de Lys"), else the air ("sur Radio Aize", "au
    micro de ..."). Read from the words around the cue, which the parser often hangs
    elsewhere; nothing inside the source or the content."""
    text = doc_text(doc)
    for att in atts:
        if att.channel is not None or not att.cue:
            continue
        span = doc.char_span(att.cue[0].start, att.cue[-1].end, alignment_mode="expand")
        if span is None:
            continue
        taken = [(s.start, s.end) for s in (*att.source, *att.content)]
        found = _medium(span, taken) or _addressee(span, taken) or _asked_by(span, taken)
        if found is not None:
            seg = Segment.of(text, found.start_char, found.end_char)
            att.channel = Speaker(name=seg.text, mention=seg, surface=seg)


def _free(tok: Token, taken: list[tuple[int, int]]) -> bool:
    return not any(s <= tok.idx < e for s, e in taken)


def _medium(cue: Span, taken: list[tuple[int, int]]) -> Span | None:
    """"dans un communiqué", "lors d'une conférence de presse", "dans une déclaration
    commune", "dans un entretien au Monde" (the paper), nearest the cue in its sentence."""
    sent = sentence_of(cue[0])
    best: Span | None = None
    for tok in sent:
        if tok.pos_ != "NOUN" or tok.lemma_.lower() not in MEDIUM_NOUNS or not _free(tok, taken):
            continue
        before = {t.lower_ for t in tok.doc[max(sent.start, tok.i - 4): tok.i]}
        if not before & (MEDIUM_PREPOSITIONS | {"au"}) or "lors" not in before and not (
                before & {"dans", "durant", "pendant"}):
            continue
        phrase = _phrase(tok)
        paper = _partner(tok, taken)
        found = paper if paper is not None else phrase
        if best is None or abs(found.start - cue.start) < abs(best.start - cue.start):
            best = found
    return best


def _partner(noun: Token, taken: list[tuple[int, int]]) -> Span | None:
    """The paper or station of "un entretien au Monde", "une interview à RFI", "un débat
    organisé par Radio Aize"."""
    doc = noun.doc
    i = noun.i + 1
    while i < len(doc) and doc[i].pos_ == "ADJ":
        i += 1
    if i + 1 < len(doc) and doc[i].lower_ in PARTNER_PARTICIPLES:
        i += 1
    if i < len(doc) and doc[i].lower_ in ("au", "à", "avec", "par", "sur"):
        name = _name_at(doc, i + 1, taken)
        if name is not None and not _place(name):
            return name
    return None


def _place(name: Span) -> bool:
    """A town or a state ("un communiqué publié à Bangui"), not a paper or a station."""
    if french_state(name.text) is not None:
        return True
    return len(name) == 1 and name[0].ent_type_ in ("LOC", "GPE") and not (
        PUBLICATION_NAME.search(name.text))


PARTNER_PARTICIPLES = frozenset({"accordé", "accordée", "organisé", "organisée", "diffusé",
                                 "diffusée", "publié", "publiée", "retransmis",
                                 "retransmise"})
# "Interrogée par l'AFP, la porte-parole ...": who asked, at the sentence's start
ASKED = frozenset({"interrogé", "interrogée", "interrogés", "interrogées", "contacté",
                   "contactée", "contactés", "contactées", "joint", "jointe", "joints",
                   "jointes", "sollicité", "sollicitée", "sollicités", "sollicitées",
                   "questionné", "questionnée"})


def _asked_by(cue: Span, taken: list[tuple[int, int]]) -> Span | None:
    """"Interrogée par l'AFP, la porte-parole ... a expliqué": the paper that asked."""
    sent = sentence_of(cue[0])
    doc = cue.doc
    first = sent.start
    if doc[first].lower_ in ASKED and first + 1 < sent.end and doc[first + 1].lower_ == "par":
        return _name_at(doc, first + 2, taken)
    return None


def _name_at(doc: Doc, i: int, taken: list[tuple[int, int]] = ()) -> Span | None:  # type: ignore[assignment]
    """A proper name starting at token ``i`` (its article in: "La Gazette de Sorbiac",
    "l'AFP" without the elided article), short of the source or content (``taken``)."""
    if i < len(doc) and doc[i].lower_ in ("l'", "l’"):
        i += 1
    start = i
    end = i
    while end < len(doc) and _free(doc[end], taken) and (
            doc[end].is_title or doc[end].is_upper or (
            doc[end].like_num and doc[end].pos_ != "DET")
                              or (end > start and doc[end].lower_ in NAME_LINKS
                                  and end + 1 < len(doc) and doc[end + 1].is_title)):
        end += 1
    while end > start and doc[end - 1].lower_ in NAME_LINKS:
        end -= 1
    if end == start or (doc[start].lower_ in ("le", "la", "les") and end - start == 1):
        return None
    return doc[start:end]


NAME_LINKS = frozenset({"de", "des", "du", "d'", "d’", "le", "la", "les", "l'", "l’"})


def _addressee(cue: Span, taken: list[tuple[int, int]]) -> Span | None:
    """"a déclaré à l'AFP", "a confié au Courrier de Lys", "a répondu à ses détracteurs",
    "sur Radio Aize", "au micro de Radio Vallonne": what follows the verb group, times
    and adverbs skipped."""
    doc = cue.doc
    verb = next((t for t in cue if t.pos_ == "VERB"), cue[-1])
    sent = sentence_of(verb)
    i = cue.end
    while i < sent.end and (doc[i].lower_ in SKIPPED or doc[i].pos_ == "ADV"
                            or doc[i].text.startswith("-") or not _free(doc[i], taken)):
        i += 1  # times, adverbs, the clitic, and the source after its verb
    if i >= sent.end or not _free(doc[i], taken):
        return None
    word = doc[i].lower_
    if word == "sur" or (word == "au" and i + 1 < len(doc) and doc[i + 1].lower_ in (
            "micro", "antenne")):
        j = i + 1
        if word == "au":
            j = i + 3 if i + 2 < len(doc) and doc[i + 2].lower_ in ("de", "d'", "du") else i + 2
        name = _name_at(doc, j)
        if name is not None:
            return name
        if j < sent.end and doc[j].pos_ == "DET" and j + 1 < sent.end and doc[
                j + 1].lemma_.lower() in BROADCAST_NOUNS:
            return _named_after(_phrase(doc[j + 1]))
        return None
    if word not in ADDRESSEE_PREPOSITIONS or verb.lemma_.lower() not in ADDRESSEE_VERBS:
        return None
    name = _name_at(doc, i + 1, taken)
    if name is not None:
        return name
    j = i + 1
    while j < sent.end and doc[j].pos_ == "DET":
        j += 1
    if j < sent.end and doc[j].pos_ == "NOUN" and doc[j].lemma_.lower() not in NOT_ADDRESSEES:
        return _named_after(_phrase(doc[j]))
    return None


def _named_after(phrase: Span) -> Span:
    """The name a channel's noun introduces, when one follows it: "au quotidien Le Phare
    de Nouakchott", "sur une radio locale, Vère FM"."""
    doc = phrase.doc
    i = phrase.end + (1 if phrase.end < len(doc) and doc[phrase.end].text == "," else 0)
    name = _name_at(doc, i) if i < len(doc) and doc[i].is_title else None
    return name if name is not None else phrase


def _phrase(noun: Token) -> Span:
    """A channel noun with its adjectives and "de" complement ("conférence de presse",
    "déclaration commune"), without a clause or what the parser hung on it."""
    doc = noun.doc
    end = noun.i + 1
    while end < len(doc) and (doc[end].pos_ == "ADJ" or (
            doc[end].lower_ in ("de", "d'", "d’") and end + 1 < len(doc)
            and doc[end + 1].pos_ == "NOUN")):
        end += 2 if doc[end].lower_ in ("de", "d'", "d’") else 1
    start = noun.i
    while start > 0 and doc[start - 1].pos_ in ("DET", "ADJ") and doc[start - 1].lower_ not in (
            "au", "aux"):
        start -= 1
    return doc[start:min(end, len(doc))]


# times and words between a verb and its addressee: "a déclaré mardi soir à l'AFP"
SKIPPED = DAY_TIMES | {","}
# "à la barre", "au début de ...": places and times, not whom a speaker addressed
NOT_ADDRESSEES = frozenset({"barre", "début", "fin", "issue", "sortie", "moment",
                            "occasion", "tribune", "veille", "lendemain", "heure", "reprise",
                            "suite", "lieu", "place", "fois", "terme", "cours", "tour",
                            "titre", "sujet", "propos", "égard"})
