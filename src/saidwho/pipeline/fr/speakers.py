"""French speaker resolution inside one article: who each source mention is.

A mention is read in this order:

* a subject pronoun ("il", "elle", "ils", "-t-elle", "selon lui"): the latest earlier
  speaker, else the latest earlier person, organization, state or group that agrees
  with it in number, and in gender where the gender is known (a person's from a title or
  a role: "Mme", "la ministre"; a thing's from its noun: "la Commission ... elle");
* a relative pronoun ("qui"): the noun its clause hangs on;
* a name: a person (titles set aside, an earlier full name for a surname alone), a state
  (its French name, capital, seat of government or an organ with its adjective of
  nationality: "le Quai d'Orsay", "Pretoria", "la diplomatie belge"), a publication, an
  organization (the name after "l'association", "l'ONG");
* a description: a role the article gave a named person ("le maire", "la directrice"),
  a document or organization named before ("le texte", "l'entreprise"), a group that
  counts its members ("un groupe de 93 États"), or an unnamed source, kept whole with
  what identifies it ("un responsable européen qui a requis l'anonymat").

The channel ("a confié au Courrier de Lys") is read as a name. States are linked to their
ISO 3166 code (``entities.countries_fr``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Span, Token

from ...entities.countries_fr import demonym_state, french_name, french_state
from ...model import Attribution, Segment, Speaker, SpeakerType
from ..quotes import QuoteIndex
from ..spans import doc_text
from .words import (
    DEFINITE,
    DOCUMENT_NOUNS,
    GROUP_HEADS,
    GROUP_NOUNS,
    INDEFINITE,
    NUMBER_WORDS,
    ORGANIZATION_NOUNS,
    PEOPLE_NOUNS,
    PRONOUNS,
    PUBLICATION_NOUNS,
    PUBLICATION_WORDS,
    RELATIVES,
    ROLE_NOUNS,
    STATE_NOUNS,
    TITLES,
)

ARTICLE = re.compile(r"^(?:(?:les|le|la|une|un|des|du|de la)\s+|(?:de l|l|d)['’]\s*)", re.I)
NAME_ENTITIES = frozenset({"PER", "PERSON"})
# organizations a bare definite description refers back to ("l'entreprise")
GENERIC_ORGANIZATIONS = frozenset({"entreprise", "organisation", "association", "ong",
                                   "société", "fondation", "collectif", "groupe", "firme",
                                   "compagnie", "organisme", "fonderie", "usine"})


@dataclass
class Known:
    """A speaker the article has named, where, and what agrees with it."""

    speaker: Speaker
    start: int
    gender: str | None = None  # "m", "f", None: unknown
    number: str = "s"
    roles: set[str] = field(default_factory=set)  # role nouns it was given ("maire")
    spoke: bool = False


def resolve_speakers(doc: Doc, attributions: list[Attribution]) -> None:
    """Fill ``speaker`` and ``channel`` of each attribution, in place."""
    quotes = QuoteIndex.of(doc_text(doc))
    known = _named_people(doc, quotes)
    for att in sorted(attributions, key=lambda a: a.span):
        span = _span(doc, att.source)
        if span is not None:
            found = _resolve(span, known, quotes)
            if found is None:
                att.speaker = None
            else:
                att.speaker = replace(found.speaker, surface=_seg(span))
                known.append(replace(found, start=span.start_char, spoke=True))
        if att.channel is not None and att.channel.surface is not None:
            chan = _span(doc, [att.channel.surface])
            if chan is not None:
                read = _describe(chan, known, channel=True)
                if chan[0].is_title and read.speaker.type in ("publication", "unknown"):
                    # a channel read as a name is the name as written: "Courrier de Lys"
                    read.speaker = replace(read.speaker, name=_bare(chan.text))
                att.channel = replace(read.speaker, surface=att.channel.surface)


def _span(doc: Doc, segments: list[Segment]) -> Span | None:
    if not segments:
        return None
    return doc.char_span(segments[0].start, segments[-1].end, alignment_mode="expand")


def _seg(span: Span) -> Segment:
    """A span as a segment, without ``Doc.text`` (rebuilt from the tokens on each use)."""
    return Segment(span.start_char, span.end_char, span.text)


def _resolve(span: Span, known: list[Known], quotes: QuoteIndex) -> Known | None:
    word = span.text.lower().lstrip("-").removeprefix("t-")
    if len(span) <= 2 and word in PRONOUNS:
        return _antecedent(span, word, known)
    if len(span) == 1 and word in RELATIVES:
        return _relative(span, known, quotes)
    return _describe(span, known)


def _antecedent(span: Span, pronoun: str, known: list[Known]) -> Known | None:
    """The latest earlier speaker agreeing with the pronoun, else the latest earlier
    mention that does."""
    gender, number = PRONOUNS[pronoun]
    before = [k for k in known if k.start < span.start_char]
    agreeing = [k for k in before if _agrees(k, gender, number)
                and (k.spoke or k.speaker.type == "person")]
    spoke = [k for k in agreeing if k.spoke]
    people = [k for k in agreeing if k.speaker.type == "person"] if number == "s" else []
    speaking_people = [k for k in people if k.spoke]
    for pool in (speaking_people, people, spoke, agreeing):
        if pool:
            return max(pool, key=lambda k: k.start)
    return None


def _agrees(k: Known, gender: str, number: str) -> bool:
    if k.number != number and not (number == "p" and k.speaker.type == "group"):
        return False
    if k.speaker.type in ("anonymous", "group") and number == "s" and k.number == "p":
        return False
    return k.gender is None or k.gender == gender or number == "p"


def _relative(span: Span, known: list[Known], quotes: QuoteIndex) -> Known | None:
    """"la déclaration, qui appelle ...": the noun the relative clause hangs on."""
    clause = span.root.head
    noun = clause.head if clause.dep_.startswith("acl") else None
    if noun is None or noun.pos_ not in ("NOUN", "PROPN", "PRON"):
        return None
    for k in sorted(known, key=lambda k: -k.start):
        mention = k.speaker.surface or k.speaker.mention
        if mention is not None and mention.start <= noun.idx < mention.end:
            return k
    doc = noun.doc
    ids = [t.i for t in noun.subtree if not t.dep_.startswith("acl") and t.i < span.root.i]
    phrase = doc[min(ids): max(ids) + 1] if ids else doc[noun.i: noun.i + 1]
    while len(phrase) > 1 and phrase[-1].is_punct:
        phrase = phrase[:-1]
    return _describe(phrase, known)


def _describe(span: Span, known: list[Known], channel: bool = False) -> Known:
    """What a name or a description names (see the module documentation)."""
    text = span.text.strip(" ,")
    head = _head(span)
    lemma = head.lemma_.lower() if head is not None else ""
    word = head.lower_ if head is not None else ""
    first = span[0].lower_
    start = span.start_char
    states = [t for t in span if t.pos_ == "PROPN" and french_state(t.text)]
    if len(states) >= 2 and any(t.lower_ == "et" for t in span):
        return _known(text, "group", start, span, number="p")  # "Berlin et Paris"
    if _named_organization(span):  # "l'ONG Plumes Libres", "l'association Vère Vivante"
        return _known(_proper_part(span) or _bare(text), "organization", start, span)
    person = _person_in(span)
    if lemma in PUBLICATION_NOUNS and first in DEFINITE and _bare_role(span):
        earlier = _latest(known, start, "publication")  # "le quotidien"
        if earlier is not None:
            return replace(earlier, start=start)
    if PUBLICATION_WORDS.search(text) or lemma in PUBLICATION_NOUNS and _proper_part(span):
        return _known(_proper_part(span) or _bare(text), "publication", start, span)
    iso3 = _state(span, head)
    if iso3 is not None and person is None:
        return _known(french_name(iso3), "state", start, span, iso3=iso3)
    if person is not None:
        name, gender = person
        return _person(name, gender, span, known, start)
    if head is not None and head.pos_ == "PROPN" and len(span) <= 3 and not channel:
        for k in sorted(known, key=lambda k: -k.start):  # a surname alone: "Verhaegen"
            if k.speaker.type == "person" and k.speaker.name.split()[-1] == head.text:
                return replace(k, start=start)
    if lemma in ROLE_NOUNS and first in DEFINITE and _bare_role(span):
        for k in sorted(known, key=lambda k: -k.start):  # "le maire", "la directrice"
            if k.speaker.type == "person" and lemma in k.roles and k.start < start:
                return replace(k, start=start)
    if lemma in DOCUMENT_NOUNS:
        if first in DEFINITE:
            earlier = _latest(known, start, "document", lemma)
            if earlier is not None:
                return earlier
        return _known(_bare(text), "document", start, span)
    count = _count(span)
    grouped = word in GROUP_NOUNS or lemma + "s" in GROUP_NOUNS
    if (lemma in GROUP_HEADS or count is not None and grouped
            or (first == "les" and grouped)):
        return _known(_bare(text), "group", start, span, count=count, number="p")
    if lemma in ORGANIZATION_NOUNS or word in ORGANIZATION_NOUNS or (
            head is not None and head.ent_type_ == "ORG"):
        if lemma in GENERIC_ORGANIZATIONS and first in DEFINITE and _bare_role(span):
            earlier = _latest(known, start, "organization")  # "l'entreprise"
            if earlier is not None:
                return replace(earlier, start=start)
        plural = head is not None and "Plur" in head.morph.get("Number", [])
        if plural and first in INDEFINITE:
            return _known(text, "anonymous", start, span, number="p", descriptor=text)
        return _known(_apposed_name(span) or _bare(text), "organization", start, span)
    if lemma in PEOPLE_NOUNS or (head is not None and head.pos_ == "NOUN"
                                 and lemma.endswith(("eur", "euse", "iste", "ien", "ienne"))):
        plural = head is not None and "Plur" in head.morph.get("Number", [])
        if first in INDEFINITE or plural or first not in DEFINITE:
            return _known(text, "anonymous", start, span, descriptor=text,
                          number="p" if plural else "s")
        return _known(_bare(text), "person", start, span)
    if head is not None and head.ent_type_ in ("LOC", "GPE"):
        return _known(_bare(text), "state" if iso3 else "organization", start, span)
    return _known(_bare(text), "unknown", start, span)


def _person(name: str, gender: str | None, span: Span, known: list[Known],
            start: int) -> Known:
    """A named person: the fullest earlier form of the name, with the roles the span gives
    ("le maire, Hugo Delcambre": maire)."""
    roles = {t.lemma_.lower() for t in span if t.lemma_.lower() in ROLE_NOUNS}
    roles |= {t.lower_ for t in span if t.lower_ in ROLE_NOUNS}
    for k in sorted(known, key=lambda k: -k.start):
        if k.speaker.type == "person" and (
                k.speaker.name == name or k.speaker.name.endswith(" " + name)
                or name.endswith(" " + k.speaker.name)):
            k.roles |= roles
            full = max(k.speaker.name, name, key=len)
            return Known(replace(k.speaker, name=full), start, k.gender or gender,
                         roles=k.roles)
    speaker = Speaker(name, "person", _seg(span))
    return Known(speaker, start, gender or _gender(span), roles=roles)


def _known(name: str, kind: SpeakerType, start: int, span: Span, *, iso3: str | None = None,
           count: int | None = None, number: str | None = None,
           descriptor: str | None = None) -> Known:
    head = _head(span)
    plural = head is not None and "Plur" in head.morph.get("Number", [])
    speaker = Speaker(name, kind, _seg(span), iso3=iso3, count=count,
                      descriptor=descriptor)
    return Known(speaker, start, _gender(span), number or ("p" if plural else "s"))


def _latest(known: list[Known], start: int, kind: str, lemma: str | None = None
            ) -> Known | None:
    """The latest earlier mention of a kind (with the same head noun first)."""
    earlier = [k for k in known if k.start < start and k.speaker.type == kind]
    if lemma is not None:
        same = [k for k in earlier if lemma in k.speaker.name.lower()]
        earlier = same or earlier
    return max(earlier, key=lambda k: k.start) if earlier else None


def _head(span: Span) -> Token | None:
    words = [t for t in span if not t.is_punct]
    if not words:
        return None
    root = span.root
    if root.pos_ in ("NOUN", "PROPN", "PRON"):
        return root
    return next((t for t in words if t.pos_ in ("NOUN", "PROPN")), root)


def _bare(text: str) -> str:
    """A description without its article and a parenthesised acronym."""
    text = re.sub(r"\s*\([^)]*\)?\s*$", "", text.strip(" ,"))
    return ARTICLE.sub("", text).strip()


def _bare_role(span: Span) -> bool:
    """A description that is its head noun and little more: "le maire", "la directrice",
    "l'entreprise", not "le maire de Lyon"."""
    return sum(1 for t in span if not t.is_punct) <= 3 and not any(
        t.pos_ == "PROPN" for t in span)


def _apposed_name(span: Span) -> str | None:
    """The name set after a description and a comma: "L'association des usagers du vélo,
    Vallières à Roues" -> "Vallières à Roues"."""
    comma = next((t.i for t in span if t.text == ","), None)
    if comma is None or comma + 1 >= span.end or not span.doc[comma + 1].is_title:
        return None
    return span.doc[comma + 1: span.end].text.strip(" ,") or None


def _named_organization(span: Span) -> bool:
    """A description opening with a noun of organization and going on with a name: "l'ONG
    Plumes Libres", "L'association Vère Vivante"."""
    words = [t for t in span if t.pos_ != "DET"]
    return len(words) >= 2 and words[0].lower_ in ORGANIZATION_NOUNS and words[1].is_title


def _person_in(span: Span) -> tuple[str, str | None] | None:
    """The person a span names, titles set aside, with the gender a title says: the last
    name of capitalised words the recogniser found ("la ministre béninoise de la Culture,
    Rosine Agbodjan": Rosine Agbodjan)."""
    names = [ent for ent in span.ents if ent.label_ in NAME_ENTITIES
             and all(t.is_title or t.pos_ == "PROPN" or t.is_punct for t in ent)]
    if names:
        return _untitled(names[-1])
    run: list[Token] = []
    for tok in span:  # a name the recogniser missed: two or more capitalised words
        if tok.pos_ == "PROPN" and tok.is_title or (run and tok.text.startswith("-")):
            run.append(tok)
            continue
        if len(run) >= 2 and not PUBLICATION_WORDS.search(" ".join(t.text for t in run)):
            return _untitled(span.doc[run[0].i: run[-1].i + 1])
        run = []
    if len(run) >= 2 and not PUBLICATION_WORDS.search(" ".join(t.text for t in run)) \
            and french_state(" ".join(t.text for t in run)) is None:
        return _untitled(span.doc[run[0].i: run[-1].i + 1])
    return None


def _untitled(name: Span) -> tuple[str, str | None]:
    gender = None
    doc = name.doc
    start = name.start
    if start > 0 and doc[start - 1].lower_ in TITLES:
        gender = TITLES[doc[start - 1].lower_]
    while start < name.end - 1 and doc[start].lower_.rstrip(".") + (
            "." if doc[start].text.endswith(".") else "") in TITLES:
        gender = TITLES.get(doc[start].lower_) or gender
        start += 1
    return doc[start: name.end].text.strip(" ,"), gender


def _word_gender(tok: Token) -> str | None:
    """The gender of a noun, from its determiner's features ("la ministre": a noun of
    either gender takes its determiner's) or its own."""
    for word in [*(c for c in tok.children if c.pos_ == "DET"), tok]:
        found = word.morph.get("Gender", [])
        if found in (["Fem"], ["Masc"]):
            return "f" if found == ["Fem"] else "m"
    return None


def _gender(span: Span) -> str | None:
    """The gender a span's head or its determiner carries."""
    head = _head(span)
    for tok in [t for t in span if t.pos_ == "DET"] + ([head] if head is not None else []):
        found = tok.morph.get("Gender", [])
        if found == ["Fem"]:
            return "f"
        if found == ["Masc"]:
            return "m"
    return None


def _state(span: Span, head: Token | None) -> str | None:
    """The state a span names or speaks for: a French name, capital, seat of government
    ("Quai d'Orsay"), or an organ with an adjective of nationality."""
    text = span.text.strip(" ,")
    found = french_state(text)
    if found is not None:
        return found
    if head is None:
        return None
    if head.pos_ == "PROPN":
        name = span.doc[head.left_edge.i: head.right_edge.i + 1].text
        found = french_state(name) or french_state(head.text)
        if found is not None and len(span) <= 4:
            return found
    if head.lemma_.lower() in STATE_NOUNS:
        for tok in span:
            if tok.pos_ == "ADJ" and tok.head == head:
                found = demonym_state(tok.text)
                if found is not None:
                    return found
    return None


def _proper_part(span: Span) -> str | None:
    """The name inside a description: "l'association Vère Vivante" -> "Vère Vivante",
    "l'hebdomadaire Horizon Hebdo" -> "Horizon Hebdo"; a parenthesised acronym left
    out."""
    words = list(span)
    for k, tok in enumerate(words):
        if tok.text in ("(", ","):
            words = words[:k]
            break
    start = next((k for k, t in enumerate(words) if t.pos_ == "PROPN" or (
        k > 0 and t.is_title and t.i > span.start)), None)
    if start is None:
        return None
    if start > 0 and words[start - 1].lower_ in ("le", "la", "les", "l'") and words[
            start - 1].is_title:
        start -= 1  # "Le Pigeon Voyageur": the article is part of the name
    out = span.doc[words[start].i: words[-1].i + 1].text.strip(" ,")
    return out or None


def _count(span: Span) -> int | None:
    """The number a group's description gives ("93 États", "onze pays", "Cinquante-deux
    États")."""
    for tok in span:
        if tok.like_num and tok.text.isdigit():
            return int(tok.text)
        parts = tok.lower_.split("-")
        if parts and all(p in NUMBER_WORDS or p == "et" for p in parts):
            values = [NUMBER_WORDS[p] for p in parts if p in NUMBER_WORDS]
            return sum(values) if values else None
    return None


def _named_people(doc: Doc, quotes: QuoteIndex) -> list[Known]:
    """The people and publications the article names outside quotations, as candidates
    for the pronouns and descriptions ("le quotidien") before anyone has spoken of
    them."""
    out: list[Known] = []
    for found in PUBLICATION_WORDS.finditer(quotes.text):
        span = doc.char_span(found.start(), found.end(), alignment_mode="expand")
        if span is None or quotes.inside(found.start()) is not None:
            continue
        left = span.root.left_edge.i
        right = span.root.right_edge.i + 1
        phrase = doc[max(left, span.sent.start): min(right, span.sent.end)]
        name = _proper_part(phrase) if len(phrase) <= 6 else None
        if name:
            out.append(Known(Speaker(name, "publication", _seg(phrase)),
                             phrase.start_char))
    for ent in [*doc.ents, *_name_runs(doc)]:
        if quotes.inside(ent.start_char) is not None:
            continue
        if ent.label_ in NAME_ENTITIES:
            name, gender = _untitled(ent)
            sent = ent.sent
            before = doc[max(sent.start, ent.start - 6): ent.start]
            role_words = [t for t in before if t.lemma_.lower() in ROLE_NOUNS]
            roles = {t.lemma_.lower() for t in role_words}
            out.append(Known(Speaker(name, "person", _seg(ent)), ent.start_char,
                             gender or _word_gender(role_words[-1]) if role_words else gender,
                             roles=roles))
    return out


def _name_runs(doc: Doc) -> list[Span]:
    """Runs of two or more capitalised proper nouns the recogniser left out, as person
    names ("Hélène Marchetti-Diallo"), unless a state or a publication."""
    out: list[Span] = []
    covered = {t.i for ent in doc.ents for t in ent}
    run: list[Token] = []
    for tok in [*doc, None]:
        if tok is not None and tok.i not in covered and (
                tok.pos_ == "PROPN" and tok.is_title or (run and tok.text.startswith("-"))):
            run.append(tok)
            continue
        if len(run) >= 2:
            span = Span(doc, run[0].i, run[-1].i + 1, label="PER")
            if not PUBLICATION_WORDS.search(span.text) and french_state(span.text) is None:
                out.append(span)
        run = []
    return out
