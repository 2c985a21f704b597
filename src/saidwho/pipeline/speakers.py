"""Speaker resolution inside one article.

Each attribution's source mention is resolved to the speaker it refers to:

* pronouns ("he said") to the latest earlier mention of a compatible kind of speaker;
* short names ("Khan said") to the earlier full name ending in them ("Karim Khan");
* definite descriptions ("the source", "the group", "the paper") to the latest earlier
  mention with the same head noun or of the kind the noun names;
* indefinite descriptions of unnamed people ("a diplomatic source", "two officials")
  become anonymous speakers that keep the description.

The channel ("told the paper") is resolved the same way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from ..actors.collective import MEMBER_NOUN, NUMBER_WORDS, collective_size
from ..actors.linking import link_state
from ..actors.people import acronyms, role_and_affiliation
from ..model import Attribution, Segment, Speaker

PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "his"})
PLURAL_PRONOUNS = frozenset({"they", "them", "their"})
THING_PRONOUNS = frozenset({"it", "its"})
RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom"})
ANONYMOUS_NOUNS = frozenset({
    "source", "official", "aide", "diplomat", "insider", "person", "people", "adviser",
    "advisor", "staffer", "employee", "observer", "analyst", "expert", "witness", "resident",
    "member", "lawmaker", "operative", "strategist", "donor", "voter", "critic", "supporter",
    "officer", "investigator", "negotiator", "delegate", "activist",
})
KIND_NOUNS = {
    "publication": frozenset({"paper", "newspaper", "outlet", "publication", "magazine",
                              "network", "broadcaster", "daily", "tabloid", "site", "website"}),
    "organization": frozenset({"group", "organization", "organisation", "agency", "campaign",
                               "committee", "coalition", "company", "firm", "party", "office",
                               "ministry", "department", "court", "commission", "council",
                               "association", "union", "institute", "foundation", "ngo"}),
    "state": frozenset({"country", "state", "nation", "government", "administration",
                        "kingdom", "republic"}),
    "person": frozenset({"man", "woman", "president", "minister", "spokesman", "spokeswoman",
                         "spokesperson", "senator", "candidate", "governor", "mayor", "leader",
                         "chairman", "chairwoman", "director", "prosecutor", "judge", "lawyer",
                         "ambassador", "secretary", "representative", "nominee", "congressman",
                         "congresswoman", "chief", "founder", "ceo", "author", "professor"}),
}
PUBLICATION_WORDS = re.compile(
    r"\b(Times|Post|Journal|News|Guardian|Telegraph|Tribune|Herald|Gazette|Reuters|"
    r"Associated Press|AP|AFP|CNN|BBC|NBC|ABC|CBS|MSNBC|Fox|Politico|Axios|Bloomberg|"
    r"Breitbart|Daily|Magazine|Economist|Atlantic|Independent|Observer|Mirror|Sun|"
    r"Express|Mail|Le Monde|Der Spiegel|Al Jazeera|Newsweek|Time)\b"
)
ENTITY_TYPES = {"PERSON": "person", "ORG": "organization", "GPE": "state", "NORP": "state"}
INDEFINITE = frozenset({"a", "an", "some", "several", "many", "two", "three", "four",
                        "other", "another", "one"})


@dataclass
class Mention:
    """A mention of a speaker candidate, in text order."""

    segment: Segment
    speaker: Speaker
    head: str  # lower-cased lemma of the head word


def resolve_speakers(doc: Doc, attributions: list[Attribution]) -> None:
    """Fill ``speaker`` and ``channel`` of each attribution, in place."""
    entities: list[Mention] = []
    for ent in doc.ents:
        if ent.label_ in ENTITY_TYPES:
            mention = _entity_mention(ent)
            # a later short name ("Okafor") stands for the full name met before
            entities.append(_named(mention.segment, mention, entities[::-1]))
    entities += _collectives(doc)
    resolved: list[Mention] = []
    short_forms = acronyms(doc.text)
    for att in sorted(attributions, key=lambda a: a.span):
        if att.source:
            span = _span_of(doc, att.source)
            if span is not None:
                mention = _describe(_resolve(span, entities, resolved), span, short_forms)
                att.speaker = link_state(replace(mention.speaker, surface=_segment(span)))
                resolved.append(mention)
        surface = att.channel.surface if att.channel is not None else None
        if surface is not None:
            span = _span_of(doc, [surface])
            if span is not None:
                found = _resolve(span, entities, resolved).speaker
                att.channel = link_state(replace(found, surface=surface))


def _describe(mention: Mention, span: Span, short_forms: dict[str, str]) -> Mention:
    """A person's role and affiliation from an apposition in this mention (kept for later
    mentions of the same person); acronyms defined in the text written out."""
    speaker = mention.speaker
    if speaker.type == "person" and speaker.role is None:
        role, affiliation = role_and_affiliation(span)
        if role or affiliation:
            speaker = replace(speaker, role=role, affiliation=affiliation)
    if speaker.affiliation in short_forms:
        speaker = replace(speaker, affiliation=short_forms[speaker.affiliation])
    if speaker.type in ("organization", "unknown") and speaker.name in short_forms:
        speaker = replace(speaker, name=short_forms[speaker.name])
    return replace(mention, speaker=speaker) if speaker is not mention.speaker else mention


def _segment(span: Span) -> Segment:
    return Segment(span.start_char, span.end_char, span.text)


def _span_of(doc: Doc, segments: list[Segment]) -> Span | None:
    return doc.char_span(segments[0].start, segments[-1].end, alignment_mode="expand")


def _entity_mention(ent: Span) -> Mention:
    kind = ENTITY_TYPES[ent.label_]
    # "the Alder Gazette" is sometimes tagged as a person; people rarely take "the"
    preceded = ent[0].lower_ == "the" or (ent.start > 0 and ent.doc[ent.start - 1].lower_ == "the")
    if (kind == "organization" or (kind == "person" and preceded)) and PUBLICATION_WORDS.search(
            ent.text):
        kind = "publication"
    seg = Segment(ent.start_char, ent.end_char, ent.text)
    name = _strip_article(ent.text)
    return Mention(seg, Speaker(name=name, type=kind, mention=seg), ent.root.lemma_.lower())


def _strip_article(name: str) -> str:
    return re.sub(r"^(the|The)\s+", "", name).strip(" ,")


def _resolve(span: Span, entities: list[Mention], resolved: list[Mention]) -> Mention:
    """The speaker a source or channel mention refers to."""
    root = span.root
    seg = Segment(span.start_char, span.end_char, span.text)
    history = _history(span.start_char, entities, resolved)
    lower = root.lower_
    if lower in RELATIVE_PRONOUNS and root.head.dep_ == "relcl" and len(span) == 1:
        # "Khan, who said ...": the relative pronoun stands for the noun phrase it follows
        noun = root.head.head
        phrase = span.doc[noun.left_edge.i : noun.i + 1]
        return _resolve(phrase, entities, resolved)
    if root.pos_ == "PRON" or lower in PERSON_PRONOUNS | PLURAL_PRONOUNS | THING_PRONOUNS:
        found = _statement_subject(span, history) if lower in THING_PRONOUNS else None
        found = found or _pronoun_antecedent(lower, history)
        return Mention(seg, found.speaker if found else Speaker(span.text, "unknown", seg), lower)
    collective, size = collective_size(span.text)
    if collective:  # "a group of 93 states", "79 UN member states"
        group = Speaker(_strip_article(span.text), "group", seg, count=size)
        return Mention(seg, group, lower)
    ent = _entity_in(span, entities)
    if ent is not None and not _only_modifies(ent, root):
        return _named(seg, ent, history)
    # "the German foreign ministry", "Israeli officials": a body or people of a state keep
    # their own name (link_state adds the state's code).
    head = root.lemma_.lower()
    det = _determiner(span)
    bare_plural = det is None and root.tag_ == "NNS"
    if head in ANONYMOUS_NOUNS and (det in INDEFINITE or bare_plural):
        anon = Speaker(_strip_article(span.text), "anonymous", seg, descriptor=span.text,
                       count=_anonymous_count(span))
        return Mention(seg, anon, head)
    # "the council" refers back; "the city council of Port Alder" names itself
    names_itself = any(t.pos_ == "PROPN" and t.i > root.i for t in span)
    if det in ("the", "this", "that", "these", "those") and not names_itself:
        found = _definite_antecedent(head, history)
        if found is not None:
            return Mention(seg, found.speaker, head)
    if root.pos_ == "PROPN" and len(span) == 1:  # a surname the recogniser missed
        person = _person_by_surname(span.text, history)
        if person is not None:
            return Mention(seg, person.speaker, head)
    kind = next((k for k, nouns in KIND_NOUNS.items() if head in nouns), "unknown")
    if root.pos_ == "PROPN" and PUBLICATION_WORDS.search(span.text):
        kind = "publication"
    return Mention(seg, Speaker(_strip_article(span.text), kind, seg), head)


def _only_modifies(ent: Mention, root: Token) -> bool:
    """Whether a name inside a description only modifies its head: "the German foreign
    ministry", "the city council of Port Alder" speak as the ministry and the council,
    not as the place."""
    if ent.segment.start <= root.idx < ent.segment.end:
        return False
    if ent.speaker.type == "state":
        return True
    return (ent.speaker.type == "organization" and root.pos_ == "NOUN"
            and root.lemma_.lower() in KIND_NOUNS["organization"] | KIND_NOUNS["person"])


def _collectives(doc: Doc) -> list[Mention]:
    """Groups of states named in the text ("a group of 93 states"), whether or not they
    speak: a later "the group" or "the statement" may stand for them."""
    if not MEMBER_NOUN.search(doc.text):  # most articles: no need to walk the chunks
        return []
    found = []
    for chunk in doc.noun_chunks:
        # "A group of 12 states": the chunk is "A group"; the "of" phrase follows it
        phrase = doc[chunk.start : chunk.root.right_edge.i + 1]
        collective, size = collective_size(phrase.text)
        if collective:
            seg = Segment(phrase.start_char, phrase.end_char, phrase.text)
            group = Speaker(_strip_article(phrase.text), "group", seg, count=size)
            found.append(Mention(seg, group, chunk.root.lemma_.lower()))
    # "12 states" inside "A group of 12 states" is the same group
    return [m for m in found if not any(
        o is not m and o.segment.start <= m.segment.start and m.segment.end <= o.segment.end
        for o in found)]


def _statement_subject(span: Span, history: list[Mention]) -> Mention | None:
    """"The statement was drafted by ... It called on ...": "it" continues the subject of
    the sentence before, and a statement speaks for those who made it."""
    sent = span.sent
    if sent.start == 0 or span.start != sent.start:
        return None
    previous = span.doc[sent.start - 1].sent
    subject = next((t for t in previous.root.children
                    if t.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None or subject.lemma_.lower() not in STATEMENT_NOUNS:
        return None
    return next((m for m in history if m.speaker.type == "group"), None)


def _anonymous_count(span: Span) -> int | None:
    """How many unnamed people a description counts: "a source" 1, "two officials" 2;
    None when it does not say ("officials", "several diplomats")."""
    first = span[0].lower_
    if first in ("a", "an", "one", "another") and span.root.tag_ != "NNS":
        return 1
    for tok in span:
        if tok.i >= span.root.i:
            break
        if tok.like_num:
            size = NUMBER_WORDS.get(tok.lower_)
            if size is None and tok.text.replace(",", "").isdigit():
                size = int(tok.text.replace(",", ""))
            return size
    return None


def _history(pos: int, entities: list[Mention], resolved: list[Mention]) -> list[Mention]:
    """Earlier mentions, latest first."""
    # A resolved mention comes before the bare entity at the same place: it may carry
    # what the attribution added (a role from an apposition).
    earlier = [(m.segment.start, rank, m) for rank, group in enumerate((entities, resolved))
               for m in group if m.segment.end <= pos]
    return [m for _start, _rank, m in sorted(earlier, key=lambda x: (x[0], x[1]),
                                             reverse=True)]


def _pronoun_antecedent(pronoun: str, history: list[Mention]) -> Mention | None:
    if pronoun in PERSON_PRONOUNS:
        wanted = {"person"}
    elif pronoun in PLURAL_PRONOUNS:
        wanted = {"organization", "group", "state", "anonymous", "publication"}
    elif pronoun in THING_PRONOUNS:
        wanted = {"organization", "group", "state", "publication"}
    else:
        return None
    return next((m for m in history if m.speaker.type in wanted), None)


def _entity_in(span: Span, entities: list[Mention]) -> Mention | None:
    """The first named entity inside the span (a name in "Khan, the prosecutor,")."""
    inside = [m for m in entities
              if m.segment.start >= span.start_char and m.segment.end <= span.end_char]
    people = [m for m in inside if m.speaker.type == "person"]
    found = people or inside
    return found[0] if found else None


def _named(seg: Segment, ent: Mention, history: list[Mention]) -> Mention:
    """A name resolves to the earlier, longer name it shortens ("Khan" -> "Karim Khan"),
    whatever type the entity recogniser gave the short form: a lone surname is often taken
    for an organization ("Varga told ..." after "Mayor Elena Varga")."""
    person = _person_by_surname(ent.speaker.name, history)
    if person is not None and ent.speaker.type in ("person", "organization", "unknown"):
        return Mention(seg, person.speaker, ent.head)
    return Mention(seg, ent.speaker, ent.head)


def _person_by_surname(name: str, history: list[Mention]) -> Mention | None:
    if " " in name or not name[:1].isupper():
        return None
    return next((m for m in history if m.speaker.type == "person" and " " in m.speaker.name
                 and m.speaker.name.split()[-1] == name), None)


def _determiner(span: Span) -> str | None:
    root = span.root
    for child in root.children:
        if child.dep_ in ("det", "nummod", "predet"):
            return child.lower_ if child.dep_ == "det" else "two"
    return None


STATEMENT_NOUNS = frozenset({"statement", "declaration", "letter", "communique",
                             "communiqué", "text", "appeal"})


def _definite_antecedent(head: str, history: list[Mention]) -> Mention | None:
    for m in history:
        if m.head == head:
            return m
    if head in STATEMENT_NOUNS:  # "the statement called on ...": its authors speak
        return next((m for m in history if m.speaker.type == "group"), None)
    kind = next((k for k, nouns in KIND_NOUNS.items() if head in nouns), None)
    if kind is None:
        return None
    wanted = {kind, "group"} if kind == "organization" else {kind}
    return next((m for m in history if m.speaker.type in wanted), None)
