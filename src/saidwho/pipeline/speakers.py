"""Speaker resolution inside one article.

Each attribution's source mention is resolved to the speaker it refers to:

* pronouns ("he said") to the latest earlier mention of a compatible kind of speaker;
* short names ("Khan said") to the earlier full name ending in them ("Karim Khan");
* definite descriptions ("the source", "the group", "the paper") to the latest earlier
  mention with the same head noun or of the kind the noun names;
* indefinite descriptions of unnamed people ("a diplomatic source", "two officials")
  become anonymous speakers that keep the description;
* a person named with a role ("Republican nominee Donald Trump", "Lena Moss, the harbour
  master") is what a later "the nominee" or "the harbour master" refers to;
* coordinated names ("Belgium, Chile and Jordan said") are a group with its members;
* documents (a poll, a report, an ad, a statement) speak as documents.

Pronouns agree in gender and number: the evidence for a person's gender is their title
("Mr.", "Ms."), gendered role nouns ("spokeswoman") and the pronouns that follow them in
their own sentences; a pronoun whose only candidates disagree stays unresolved (no
speaker) rather than wrong. Among agreeing candidates the most salient wins: recent
speakers and subjects before objects, names inside quotations last.

The channel ("told the paper") is resolved the same way.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from ..entities.collective import collective_size
from ..entities.linking import link_state
from ..entities.people import acronyms, role_and_affiliation
from ..model import Attribution, Segment, Speaker, SpeakerType
from .filters import is_headline
from .mentions import (
    Context,
    Mention,
    anonymous_count,
    collect_mentions,
    coordinated,
    country,
    determiner,
    history_before,
    named,
    person_by_surname,
    role_word,
    strip_article,
)
from .paragraphs import PARAGRAPH_BREAK
from .speaker_words import (
    ANONYMOUS_NOUNS,
    DATELINE,
    DEFINITE,
    DESCRIPTION_STOPS,
    DOCUMENT_NOUNS,
    FEMALE_WORDS,
    FIRST_PERSON,
    INDEFINITE,
    KIND_NOUNS,
    MALE_PRONOUNS,
    MALE_WORDS,
    PERSON_PRONOUNS,
    PERSON_SUFFIX,
    PLURAL_PRONOUNS,
    PUBLICATION_WORDS,
    RELATIVE_PRONOUNS,
    SHARE_NOUNS,
    SOMEONE,
    STATEMENT_NOUNS,
    THING_PRONOUNS,
    TITLES,
    TRAILING_POS,
)


def resolve_speakers(doc: Doc, attributions: list[Attribution]) -> None:
    """Fill ``speaker`` and ``channel`` of each attribution, in place."""
    ctx = collect_mentions(doc)
    resolved: list[Mention] = []
    short_forms = acronyms(ctx.text)
    ordered = sorted(attributions, key=lambda a: a.span)
    for att in ordered:
        span = _span_of(doc, att.source) if att.source else None
        if span is not None:
            found = _headline_role(span, ctx) or _resolve(span, ctx, resolved)
            if found is None:  # an unresolved pronoun is no speaker
                att.speaker = None
            else:
                mention = _describe(found, span, short_forms, ctx.ents)
                att.speaker = link_state(replace(mention.speaker, surface=_segment(span)))
                resolved.append(ctx.decorate(replace(mention, spoke=True), span))
        surface = att.channel.surface if att.channel is not None else None
        if surface is not None:
            span = _span_of(doc, [surface])
            if span is not None:
                chan = _resolve(span, ctx, resolved)
                if chan is None and span.text.lower() in ("me", "us") and (
                        ctx.quotes.inside(span.start_char) is None):
                    # "told me" outside any quotation: the article's own author
                    chan = Mention(surface, Speaker("the author", "person", surface), "author")
                att.channel = (link_state(replace(chan.speaker, surface=surface))
                               if chan is not None else None)
    _first_person(ctx.text, ordered)


def _headline_role(span: Span, ctx: Context) -> Mention | None:
    """"Free school meals to expand, minister says": a headline's bare role noun names the
    person the article introduces with that role ("The education minister, Daniel
    Okafor, announced ..."), the first one after the headline."""
    if len(span) != 1 or not (span[0].is_lower and span[0].is_alpha):
        return None
    first = PARAGRAPH_BREAK.search(ctx.text)  # the headline is the first paragraph
    end = first.start() if first else len(ctx.text)
    if span.start_char >= end or not is_headline(ctx.text[:end]):
        return None
    role = role_word(span[0])
    if role not in KIND_NOUNS["person"] and role not in TITLES:
        return None  # "union warns": a body, not the person who heads it
    for m in ctx.entities:
        if (m.segment.start > end and m.named and m.speaker.type == "person"
                and role in ctx.roles.get(m.speaker.name, ())):
            return Mention(_segment(span), m.speaker, role)
    return None


def _first_person(text: str, atts: list[Attribution]) -> None:
    """"I think ...", inside a quotation someone is said to have said: the quoted speaker."""
    for att in atts:
        if att.speaker is not None or not att.source:
            continue
        src = att.source[0]
        if text[src.start:src.end].lower() not in FIRST_PERSON:
            continue
        outer = next((o for o in atts if o is not att and o.speaker is not None and any(
            c.start <= src.start and src.end <= c.end for c in o.content)), None)
        if outer is not None and outer.speaker is not None:
            att.speaker = replace(outer.speaker, surface=src)


def _describe(mention: Mention, span: Span, short_forms: dict[str, str],
              ents: tuple[Span, ...] = ()) -> Mention:
    """A person's role and affiliation from an apposition in this mention (kept for later
    mentions of the same person); acronyms defined in the text written out."""
    speaker = mention.speaker
    if speaker.type == "person" and speaker.role is None:
        role, affiliation = role_and_affiliation(span, speaker.name, ents or None)
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


def _resolve(span: Span, ctx: Context, resolved: list[Mention]) -> Mention | None:
    """The speaker a source or channel mention refers to; None for a pronoun nothing in
    the article agrees with."""
    span = _without_dateline(_whole_phrase(span))
    root = span.root
    seg = Segment(span.start_char, span.end_char, span.text)
    history = history_before(span.start_char, ctx.entities, resolved)
    lower = root.lower_
    if lower in RELATIVE_PRONOUNS and root.head.dep_ == "relcl" and len(span) == 1:
        # "Khan, who said ...": the relative pronoun stands for the noun phrase it follows
        noun = root.head.head
        phrase = span.doc[noun.left_edge.i : noun.i + 1]
        return _resolve(phrase, ctx, resolved)
    if lower in SOMEONE:  # "someone familiar with the talks"
        described = _description(span)
        return Mention(seg, Speaker(described, "anonymous", seg, descriptor=described,
                                    count=1), lower)
    if len(span) <= 2 and (root.pos_ == "PRON" or lower in PERSON_PRONOUNS | PLURAL_PRONOUNS
                           | THING_PRONOUNS):
        found = _statement_subject(span, ctx, history) if lower in THING_PRONOUNS else None
        found = found or _pronoun_antecedent(span, lower, ctx, history)
        if found is None:
            return None
        return Mention(seg, found.speaker, lower)
    group = coordinated(span, ctx, resolved)
    if group is not None:
        return group
    collective, size = collective_size(span.text)
    if collective:  # "a group of 93 states", "79 UN member states"
        return Mention(seg, Speaker(strip_article(span.text), "group", seg, count=size), lower)
    ent = _entity_in(span, ctx.entities)
    if ent is not None and not _only_modifies(ent, root):
        if root.ent_type_ == "NORP" and root.tag_ in ("NN", "NNP") and determiner(span) == "the":
            # "the Republican": one person, the one called a Republican before
            found = _by_role(span, root.lemma_.lower(), ctx, history)
            if found is not None:
                return Mention(seg, found.speaker, root.lemma_.lower())
        return named(seg, ent, history)
    # "the German foreign ministry", "Israeli officials": a body or people of a state keep
    # their own name (link_state adds the state's code).
    head = root.lemma_.lower()
    det = determiner(span)
    bare_plural = det is None and root.tag_ in ("NNS", "NNPS")
    if _is_people_noun(root) and (det in INDEFINITE or bare_plural or lower in (
            "someone", "somebody")):
        described = _description(span)
        anon = Speaker(strip_article(described), "anonymous", seg, descriptor=described,
                       count=anonymous_count(span))
        return Mention(seg, anon, head)
    # "the council" refers back; "the city council of Port Alder" names itself
    names_itself = any(t.pos_ == "PROPN" and t.i > root.i for t in span) or (
        _kind_of(root) not in ("person", "anonymous")
        and any(t.ent_type_ in ("GPE", "NORP", "ORG", "PERSON") for t in span))
    if det in DEFINITE and not names_itself:
        found = _definite_antecedent(span, head, ctx, history)
        if found is not None:
            return Mention(seg, found.speaker, head)
    if root.pos_ == "PROPN" and len(span) == 1:  # a surname the recogniser missed
        person = person_by_surname(span.text, history)
        if person is not None:
            return Mention(seg, person.speaker, head)
    kind = _kind_of(root)
    if kind == "anonymous" and root.tag_ == "NN" and (det in DEFINITE or any(
            c.dep_ == "poss" for c in root.children)):
        kind = "person"  # "the announcer", "Connecticut's tax commissioner": one known person
    if root.pos_ == "PROPN" and PUBLICATION_WORDS.search(span.text):
        kind = "publication"
    elif kind == "unknown" and len(span) == 1 and root.tag_ == "NNP" and root.is_title and (
            country(root.text) is None and root.ent_type_ in ("", "PERSON")):
        kind = "person"  # "Holt asked": a lone surname the recogniser missed
    elif kind == "unknown" and _is_propn_name(span):
        # "Mayor Ana Ruiz" the recogniser missed: the name without its title
        first = span[0].lower_.rstrip(".")
        title = span[0].text if first in TITLES else None
        name = span[1:].text if title else span.text
        gender = "m" if first in MALE_WORDS else "f" if first in FEMALE_WORDS else None
        if gender is not None:
            ctx.genders.setdefault(name, gender)
        return Mention(seg, Speaker(name, "person", seg, role=title), head)
    text = _description(span) if kind in ("document", "anonymous", "group") else span.text
    return Mention(seg, Speaker(strip_article(text), kind, seg), head)


COLLECTIVE_HEADS = frozenset({"group", "number", "coalition", "bloc", "dozen", "handful",
                              "couple", "alliance"})


def _whole_phrase(span: Span) -> Span:
    """The whole noun phrase of a source the tagger cut short: "’s campaign" is "Donald
    Trump’s campaign", "Judge" (before "Frank Nervo") is "Judge Frank Nervo"."""
    root = span.root
    for _ in range(3):  # "Gary | Johnson’s doctor": compound, then possessor
        if root.head.i >= span.end and (
                (root.dep_ == "compound" and root.head.pos_ == "PROPN")  # "Judge | Frank Nervo"
                or (root.dep_ == "poss" and root.head.pos_ == "NOUN")  # "Obama’s | aides"
                or (root.dep_ in ("det", "amod", "nummod", "quantmod")
                    and root.head.pos_ == "NOUN")):  # "A | majority of", "several | groups"
            root = root.head
        elif (root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.pos_ == "NOUN"
              and root.head.head.lemma_.lower() in SHARE_NOUNS | COLLECTIVE_HEADS):
            root = root.head.head  # "A group of 93 | states", "a majority of | voters"
        else:
            break
    if root.pos_ not in ("NOUN", "PROPN"):
        return span
    start = span.start
    if root.left_edge.i < start and (span[0].dep_ in ("case", "compound", "amod", "poss")
                                     or root.i < span.start):
        start = root.left_edge.i
    end = max(span.end, root.i + 1)
    if root.lemma_.lower() in SHARE_NOUNS | COLLECTIVE_HEADS:
        # "a majority of voters", "a number of tax experts": the people counted
        of = next((c for c in root.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        if of is not None:
            end = max(end, of.right_edge.i + 1)
    return span.doc[start:end] if (start, end) != (span.start, span.end) else span


def _description(span: Span) -> str:
    """How a description names its unnamed speaker: its whole noun phrase within the
    sentence ("Many people involved | in the negotiations", "a number of tax experts | I
    spoke to"), without a trailing preposition or comma the tagger took in ("A group of
    doctors in")."""
    root = span.root
    end = span.end
    if root.pos_ in ("NOUN", "PROPN") or root.lower_ in SOMEONE:
        for child in root.rights:  # a subtree never leaves its sentence
            if not _modifies(child):
                continue
            end = max(end, child.right_edge.i + 1)
    stop = next((t.i for t in span.doc[root.i + 1 : end]
                 if t.text in DESCRIPTION_STOPS or _opens_clause_set_off(t)), None)
    end = stop if stop is not None else end
    while end > span.start + 1 and span.doc[end - 1].pos_ in TRAILING_POS:
        end -= 1
    return span.doc[span.start : end].text


# the words that open a relative clause set off by a comma (", that" rarely does)
SET_OFF_RELATIVES = (RELATIVE_PRONOUNS - {"that"}) | {"whose"}


def _opens_clause_set_off(comma: Token) -> bool:
    """Whether a comma opens a relative clause set off by commas ("A council official |,
    who asked not to be named,"): said of the speaker, not part of its description."""
    if comma.text != "," or comma.i + 1 >= len(comma.doc):
        return False
    after = comma.doc[comma.i + 1]
    return after.lower_ in SET_OFF_RELATIVES or any(
        t.dep_ in ("relcl", "acl") and t.left_edge.i == after.i
        for t in after.ancestors)


def _set_off(clause: Token) -> bool:
    """Whether a clause opens right after a comma."""
    return clause.left_edge.i > 0 and clause.doc[clause.left_edge.i - 1].text == ","


def _modifies(child: Token) -> bool:
    """Whether a right dependent of a noun belongs to its description: a prepositional
    phrase, an apposition, a participle ("involved in the talks") or a relative clause
    that opens with a relative word or its own subject ("who ...", "I spoke to"), not a
    clause the parser hung on the noun ("voters | expect Clinton to win"), nor a clause
    set off by a comma."""
    if child.dep_ in ("prep", "appos", "amod", "compound", "nummod"):
        return True
    if child.dep_ in ("relcl", "acl"):
        if _set_off(child):
            return False  # ", who asked not to be named": said of it, not naming it
        return child.tag_ in ("VBN", "VBG") or child.left_edge.pos_ in ("PRON", "DET")
    return False


def _kind_of(root: Token) -> SpeakerType:
    """The kind of speaker a description's head noun names."""
    head = root.lemma_.lower()
    if head in DOCUMENT_NOUNS:
        return "document"
    if head in SHARE_NOUNS or root.ent_type_ == "PERCENT":
        return "group"  # "Twelve percent (of voters)", "a majority of voters"
    kind = next((k for k, nouns in KIND_NOUNS.items() if head in nouns), None)
    if kind in ("organization", "state") and root.tag_ in ("NNS", "NNPS"):
        return "group"  # "some environmental groups", "mining companies", "States sign"
    if kind is not None:
        return kind
    return "anonymous" if _is_people_noun(root) else "unknown"


def _qualified(root: Token) -> bool:
    """Whether a noun carries words that say which one it is ("the finance ministry",
    "the office of the chief prosecutor"), not only "the"."""
    return any(c.dep_ in ("compound", "amod", "nmod", "prep", "poss", "nummod")
               for c in root.children)


def _is_people_noun(tok: Token) -> bool:
    """Whether a common noun names people: listed, or shaped like a noun of agents. A
    capitalised plural the tagger took for a name ("Teachers welcomed ...") counts too."""
    lemma = tok.lemma_.lower()
    if tok.tag_ == "NNPS" and lemma.endswith("s"):
        lemma = lemma[:-1]
    if lemma in ANONYMOUS_NOUNS or lemma in KIND_NOUNS["person"]:
        return True
    if tok.pos_ != "NOUN" or lemma in DOCUMENT_NOUNS:
        return False
    if any(lemma in nouns for kind, nouns in KIND_NOUNS.items() if kind != "person"):
        return False
    return bool(PERSON_SUFFIX.search(lemma)) and len(lemma) > 4


def _is_propn_name(span: Span) -> bool:
    """A run of two to four capitalised proper nouns, a title allowed first."""
    words = [t for t in span if not t.is_punct]
    if words and words[0].lower_.rstrip(".") in TITLES:
        words = words[1:]
    return 2 <= len(words) <= 4 and all(t.pos_ == "PROPN" and t.text[:1].isupper()
                                        for t in words)


def _without_dateline(span: Span) -> Span:
    """"MOSCOW - Officials said": the dateline is not part of the source."""
    m = DATELINE.match(span.text)
    if m is None or m.end() >= len(span.text):
        return span
    cut = span.doc.char_span(span.start_char + m.end(), span.end_char,
                             alignment_mode="contract")
    return cut if cut is not None and len(cut) else span


def _only_modifies(ent: Mention, root: Token) -> bool:
    """Whether a name inside a description only modifies its head: "the German foreign
    ministry", "the city council of Port Alder", "Clinton supporters", "a Homeland
    Security official" speak as the ministry, the council, the supporters, the official,
    not as the name. A name in apposition to the head is the speaker ("Ruiz's chief of
    staff, Tom Ode")."""
    if ent.segment.start <= root.idx < ent.segment.end or _apposed(ent, root):
        return False
    return (ent.speaker.type in ("state", "group") or root.pos_ == "NOUN"
            or _kind_of(root) != "unknown")


def _apposed(ent: Mention, root: Token) -> bool:
    """Whether the name and the head are in apposition, either way round. A person's
    name the parser hung on the object of the head's preposition counts too, when that
    object does not name a person: "The chief prosecutor of the regional court, Ines
    Halvorsen," (not "the spokesman for the mayor, Ana Ruiz,")."""
    start, end = ent.segment.start, ent.segment.end
    for child in root.children:
        if child.dep_ == "appos" and start <= child.idx < end:
            return True
    if root.dep_ == "appos" and start <= root.head.idx < end:
        return True
    if ent.speaker.type != "person" or not _is_people_noun(root):
        return False
    return any(t.dep_ == "appos" and start <= t.idx < end and t.head.dep_ == "pobj"
               and t.head.head.head == root and not _is_people_noun(t.head)
               for t in root.subtree)


def _statement_subject(span: Span, ctx: Context, history: list[Mention]) -> Mention | None:
    """"The statement was drafted by ... It called on ...": "it" continues the subject of
    the sentence before, and a statement speaks for those who made it."""
    here = ctx.sent_of(span.start_char)
    if here <= 0 or span.start_char != ctx.sent_starts[here]:
        return None
    previous = ctx.sents[here - 1]
    subject = next((t for t in previous.root.children
                    if t.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None or subject.lemma_.lower() not in STATEMENT_NOUNS:
        return None
    return _statement(subject.lemma_.lower(), ctx, span.start_char, history)


def _statement(head: str, ctx: Context, pos: int, history: list[Mention]) -> Mention | None:
    """The statement (letter, declaration) last named, as a document speaker whose author
    is the group that made it (its name and count), with as members the states the text
    says drafted, signed or joined it ("drafted by Belgium, Chile and Jordan")."""
    # one statement per article: named by its first mention ("a joint statement"), as
    # the memberships name what they are of
    documents = [m for m in history if m.head == head and m.speaker.type == "document"]
    document = documents[-1] if documents else None
    groups = [m for m in history if m.speaker.type == "group"]
    # a group named as such ("a group of 93 states") before a list of some of its members
    group = next((m for m in groups if m.speaker.count and not m.speaker.members),
                 groups[0] if groups else None)
    if document is None:
        return group
    speaker = document.speaker
    if group is not None and not speaker.affiliation:
        author = group.speaker
        speaker = replace(speaker, affiliation=author.name, members=author.members,
                          count=author.count)
    members = _statement_members(ctx, pos, head)
    if members:
        speaker = replace(speaker, members=members)
    return replace(document, speaker=speaker) if speaker is not document.speaker else document


def _statement_members(ctx: Context, pos: int, head: str) -> tuple[Speaker, ...]:
    """States the text names, before ``pos``, as drafting, signing or joining a statement
    ("The statement was drafted by A and B and signed by C"), each once, with the relation
    as its role; those read as the subject's ("The letter, signed by ...") first."""
    found = [m for m in ctx.memberships() if m.span.end <= pos]
    named = [m for m in found if m.of and head in m.of.lower()]
    out: dict[str, Speaker] = {}
    for membership in named + [m for m in found if m not in named]:
        for state in membership.members:
            if state.iso3 and state.iso3 not in out:
                out[state.iso3] = Speaker(state.name, "state", iso3=state.iso3,
                                          role=membership.relation)
    return tuple(out.values())


PRONOUN_WINDOW = 8  # sentences back a pronoun's antecedent may lie


def _pronoun_antecedent(span: Span, pronoun: str, ctx: Context,
                        history: list[Mention]) -> Mention | None:
    """The most salient earlier mention that agrees with the pronoun in gender and number:
    recent speakers and subjects first, names inside quotations and possessors last."""
    if pronoun in PERSON_PRONOUNS:
        wanted = {"person"}
        gender = "m" if pronoun in MALE_PRONOUNS else "f"
    elif pronoun in PLURAL_PRONOUNS:
        wanted = {"organization", "group", "state", "anonymous", "publication", "document"}
        gender = None
    elif pronoun in THING_PRONOUNS:
        wanted = {"organization", "group", "state", "publication", "document"}
        gender = None
    else:
        return None
    here = ctx.sent_of(span.start_char)
    quote = ctx.quotes.inside(span.start_char)
    best: tuple[float, int, Mention] | None = None
    for rank, m in enumerate(history):
        if m.speaker.type not in wanted or here - m.sent > PRONOUN_WINDOW:
            continue
        known = ctx.genders.get(m.speaker.name)
        if gender is not None and known is not None and known != gender:
            continue
        if pronoun in PLURAL_PRONOUNS and m.speaker.type == "anonymous" and (
                m.speaker.count == 1):
            continue
        score = -0.6 * (here - m.sent) + 1.2 * m.spoke + 0.8 * m.subject
        score += 0.6 * (known is not None and known == gender)
        if m.quoted and (quote is None or ctx.quotes.inside(m.segment.start) is not quote):
            score -= 1.0
        if pronoun in PLURAL_PRONOUNS and m.speaker.type in ("group", "anonymous"):
            score += 0.5
        if best is None or (score, -rank) > (best[0], -best[1]):
            best = (score, rank, m)
    return best[2] if best is not None else None


def _entity_in(span: Span, entities: list[Mention]) -> Mention | None:
    """The named entity a span is about: the one holding its head, else one in apposition
    to the head ("Ruiz's chief of staff, Tom Ode"), else the first person, else the first
    name inside it."""
    inside = [m for m in entities if m.named
              and m.segment.start >= span.start_char and m.segment.end <= span.end_char]
    if not inside:
        return None
    root = span.root
    holding = [m for m in inside if m.segment.start <= root.idx < m.segment.end]
    apposed = [m for m in inside if _apposed(m, root)]
    people = [m for m in inside if m.speaker.type == "person"]
    return (holding or apposed or people or inside)[0]


def _by_role(span: Span, head: str, ctx: Context, history: list[Mention]) -> Mention | None:
    """"The nominee", "the GOP nominee", "the harbour master": the person named with that
    role before; of several, the one whose role shares most of the description's other
    words ("Democratic" against "Republican"), then the latest."""
    words = {role_word(t) for t in span if t.i != span.root.i
             and t.pos_ in ("ADJ", "NOUN", "PROPN")}
    best: tuple[int, int, Mention] | None = None
    for rank, m in enumerate(history):
        roles = ctx.roles.get(m.speaker.name, set())
        if m.speaker.type != "person" or head not in roles:
            continue
        score = len(words & roles)
        if best is None or score > best[0]:
            best = (score, rank, m)
    if best is None or (words and best[0] == 0 and len(words) > 1):
        return None
    return best[2]


def _definite_antecedent(span: Span, head: str, ctx: Context,
                         history: list[Mention]) -> Mention | None:
    """What "the source", "the paper", "the nominee", "the statement" refers back to."""
    if head in STATEMENT_NOUNS:  # "the statement called on ...": the statement speaks
        return _statement(head, ctx, span.start_char, history)
    for m in history:
        if m.head == head:
            return m
    kind = _kind_of(span.root)
    if kind in ("person", "anonymous"):
        return _by_role(span, head, ctx, history)
    if kind == "unknown" or _qualified(span.root):
        return None  # "the finance ministry" after "the opposition" is a new speaker
    return next((m for m in history if m.speaker.type == kind or (
        kind == "organization" and m.speaker.type == "group"
        and (m.speaker.count or m.speaker.members))), None)
