"""Who an article mentions before anyone speaks: the candidates speaker resolution picks
from, and the evidence it weighs.

* names the recogniser tags, with titled names it misses ("Mayor Ana Ruiz") and lists of
  named actors as groups with members ("Belgium, Chile and Jordan");
* descriptions that a later mention may refer to: groups of states ("a group of 93
  states"), documents ("a new poll") and unnamed people ("a source");
* each person's gender where the article shows it, and their role words ("Republican
  nominee Donald Trump", "Lena Moss, the harbour master").
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass, field, replace

from spacy.symbols import NOUN, PROPN  # type: ignore[attr-defined]
from spacy.tokens import Doc, Span, Token

from ..entities.collective import MEMBER_NOUN, NUMBER_WORDS, collective_size
from ..entities.countries import exact_country
from ..entities.linking import link_state
from ..model import Segment, Speaker, SpeakerType
from ..pipeline.memberships import Membership, find_memberships
from .quotes import QuoteIndex
from .spans import doc_text, tokens_where
from .speaker_words import (
    ANONYMOUS_NOUNS,
    DOCUMENT_NOUNS,
    ENTITY_TYPES,
    FEMALE_PRONOUNS,
    FEMALE_WORDS,
    INDEFINITE,
    MALE_PRONOUNS,
    MALE_WORDS,
    PERSON_SUFFIX,
    PUBLICATION_WORDS,
    ROLE_FORMS,
    STATEMENT_NOUNS,
    TITLES,
)


def collect_mentions(doc: Doc) -> Context:
    """The article's candidate mentions, in text order, with the evidence about them."""
    text = doc_text(doc)  # spaCy rebuilds doc.text on every access
    sents = list(doc.sents)
    ctx = Context(doc, text, QuoteIndex.of(text), sents, [s.start_char for s in sents], [],
                  ents=tuple(doc.ents))
    entities = ctx.entities
    people = _person_names(ctx.ents)
    # "Mayor Ana Ruiz", "the minister, Ana Ruiz," the recogniser missed
    for ent in _titled_names(doc) + _apposed_names(doc):
        entities.append(ctx.decorate(_entity_mention(ent), ent))
    for ent in ctx.ents:
        if ent.label_ in ENTITY_TYPES:
            mention = ctx.decorate(_entity_mention(ent, people), ent)
            # a later short name ("Okafor") stands for the full name met before
            found = named(mention.segment, mention, entities[::-1])
            entities.append(replace(mention, speaker=found.speaker))
    entities += [ctx.decorate(m, doc.char_span(m.segment.start, m.segment.end,
                                                 alignment_mode="expand"))
                 for m in _descriptions(doc, text, entities)]
    entities.sort(key=lambda m: m.segment.start)
    entities += _lists(ctx)
    entities.sort(key=lambda m: m.segment.start)
    ctx.genders = _genders(doc, len(text), entities)
    ctx.roles = _roles(doc, entities)
    return ctx


@dataclass
class Mention:
    """A mention of a speaker candidate, in text order."""

    segment: Segment
    speaker: Speaker
    head: str  # lower-cased lemma of the head word
    sent: int = -1  # index of its sentence
    subject: bool = False  # the subject of its clause
    quoted: bool = False  # inside a quotation
    spoke: bool = False  # an attribution's resolved source
    named: bool = True  # a name (not a description such as "a source")


@dataclass
class Context:
    """What resolution knows about one article."""

    doc: Doc
    text: str
    quotes: QuoteIndex
    sents: list[Span]
    sent_starts: list[int]
    entities: list[Mention]
    genders: dict[str, str] = field(default_factory=dict)
    roles: dict[str, set[str]] = field(default_factory=dict)
    ents: tuple[Span, ...] = ()
    _memberships: list[Membership] | None = None

    def memberships(self) -> list[Membership]:
        """Who the text says drafted, signed or joined what (read once, when asked)."""
        if self._memberships is None:  # read by saidwho_memberships, or here
            found = self.doc._.memberships if Doc.has_extension("memberships") else None
            self._memberships = found if found is not None else find_memberships(self.text)
        return self._memberships

    def sent_of(self, char: int) -> int:
        return bisect.bisect_right(self.sent_starts, char) - 1

    def decorate(self, mention: Mention, span: Span | None) -> Mention:
        if span is None:
            return mention
        mention.sent = self.sent_of(span.start_char)
        mention.subject = span.root.dep_ in ("nsubj", "nsubjpass")
        mention.quoted = self.quotes.inside(span.start_char) is not None
        return mention


def _titled_names(doc: Doc) -> list[Span]:
    """Runs of capitalised proper nouns after a title ("Mayor Ana Ruiz", "Ms. Kira Vale")
    that the recogniser did not tag, as PERSON spans (title included, as spaCy does)."""
    out = []
    for i in tokens_where(doc, "LOWER", lambda word: word.rstrip(".") in TITLES
                          ).nonzero()[0].tolist():
        tok = doc[i]
        if tok.ent_type_ or not tok.is_title:
            continue
        end = tok.i + 1
        while end < len(doc) and end - tok.i <= 3 and doc[end].pos_ == "PROPN" and (
                doc[end].is_title and not doc[end].ent_type_):
            end += 1
        if end - tok.i >= 3 or (end - tok.i == 2 and tok.text.endswith(".")):
            out.append(Span(doc, tok.i + 1, end, label="PERSON"))
    return out


def _apposed_names(doc: Doc) -> list[Span]:
    """Runs of two or three capitalised proper nouns the recogniser did not tag, in
    apposition with a noun for a person ("the foreign minister, Ana Ruiz,", "Ana Ruiz, the
    foreign minister,"), as PERSON spans."""
    out = []
    for i in (doc.to_array("POS") == PROPN).nonzero()[0].tolist():
        tok = doc[i]
        if tok.ent_type_ or not tok.is_title or tok.dep_ == "compound":
            continue
        start = tok.i
        while start > 0 and tok.i - start < 2 and doc[start - 1].pos_ == "PROPN" and (
                doc[start - 1].is_title and not doc[start - 1].ent_type_
                and doc[start - 1].head.i == tok.i):
            start -= 1
        if start == tok.i:
            continue
        apposed = [tok.head] if tok.dep_ == "appos" else []
        apposed += [c for c in tok.children if c.dep_ == "appos"]
        if any(a.pos_ == "NOUN" and _names_a_person(a) for a in apposed):
            out.append(Span(doc, start, tok.i + 1, label="PERSON"))
    return out


def _names_a_person(noun: Token) -> bool:
    word = noun.lower_
    return bool(PERSON_SUFFIX.search(word)) or word in MALE_WORDS or word in FEMALE_WORDS


def _lists(ctx: Context) -> list[Mention]:
    """Lists of named actors ("Belgium, Chile and Jordan drafted ..."), whether or not they
    speak: a later "they" stands for the group."""
    out = []
    for m in ctx.entities:
        span = ctx.doc.char_span(m.segment.start, m.segment.end, alignment_mode="expand")
        if span is None or span.root.dep_ == "conj" or not any(
                c.dep_ == "conj" for c in span.root.children):
            continue
        group = coordinated(span, ctx, [])
        if group is not None:
            group.named = False
            out.append(ctx.decorate(group, span))
    return out


def _person_names(ents: tuple[Span, ...]) -> set[str]:
    """Names and surnames the recogniser tags as a person somewhere in the article: the
    same name tagged an organization or a place elsewhere ("Trump, a Republican,") is the
    person."""
    out = set()
    for ent in ents:
        if ent.label_ == "PERSON" and ent[-1].pos_ == "PROPN":
            out.add(ent.text)
            out.add(ent[-1].text)
    return out


def _entity_mention(ent: Span, people: frozenset[str] | set[str] = frozenset()) -> Mention:
    kind = ENTITY_TYPES[ent.label_]
    if kind in ("organization", "state") and ent.text in people and len(ent) <= 3:
        kind = "person"
    # "the Alder Gazette" is sometimes tagged as a person; people rarely take "the"
    preceded = ent[0].lower_ == "the" or (ent.start > 0 and ent.doc[ent.start - 1].lower_ == "the")
    if (kind == "organization" or (kind == "person" and preceded)) and PUBLICATION_WORDS.search(
            ent.text):
        kind = "publication"
    seg = Segment(ent.start_char, ent.end_char, ent.text)
    name = re.sub(r"\s*['’]s?$", "", strip_article(ent.text))  # "Donald Trump’s"
    return Mention(seg, Speaker(name=name, type=kind, mention=seg), ent.root.lemma_.lower())


def strip_article(name: str) -> str:
    return re.sub(r"^(the|The)\s+", "", name).strip(" ,")


def _list_members(tokens: list[Token]) -> list[tuple[Token, Span | None]]:
    """The heads of a list's members, each with the whole name where it is a country's
    name holding "and" ("Trinidad and Tobago": its head is its last word)."""
    out: list[tuple[Token, Span | None]] = []
    for tok in tokens:
        if out:
            prev = out[-1][0]
            between = tok.doc[prev.i + 1 : tok.left_edge.i]
            first = min([prev.i] + [c.i for c in prev.children if c.dep_ == "compound"])
            joined = tok.doc[first : tok.i + 1]
            if [t.lower_ for t in between] == ["and"] and country(joined.text) is not None:
                out[-1] = (tok, joined)
                continue
        out.append((tok, None))
    return out


def country(name: str) -> str | None:
    return exact_country(name).iso3


def coordinated(span: Span, ctx: Context, resolved: list[Mention]) -> Mention | None:
    """"Belgium, Chile and Jordan", "Sens. Ann Fox and Tom Ode": a group of named members."""
    root = span.root
    while root.dep_ == "conj" and root.head.pos_ in ("PROPN", "NOUN"):
        root = root.head  # the list's first member
    # the tagger's source may hold only part of the list ("Sens. Ann Fox | , Bo Dale ...")
    conjuncts = [t for t in root.conjuncts if t.pos_ in ("PROPN", "NOUN")]
    if root.pos_ not in ("PROPN", "NOUN") or not conjuncts or not any(
            c.dep_ == "cc" for t in (root, *conjuncts) for c in t.children):
        return None
    last = max(conjuncts, key=lambda t: t.i)
    first = min(span.start, root.left_edge.i)
    span = span.doc[first : max(span.end, last.right_edge.i + 1)]
    members: list[Speaker] = []
    history = history_before(span.start_char, ctx.entities, resolved)
    seen: set[int] = set()
    for tok, whole in _list_members(sorted((root, *conjuncts), key=lambda t: t.i)):
        if whole is not None:
            members.append(link_state(Speaker(whole.text, "state")))
            continue
        ent = next((m for m in ctx.entities
                    if m.named and m.segment.start <= tok.idx < m.segment.end), None)
        if ent is not None and ent.segment.start in seen:
            continue  # "Trinidad and Tobago": one name holding "and"
        if ent is not None:
            seen.add(ent.segment.start)
        if ent is None and tok.pos_ == "PROPN":  # a name the recogniser missed
            first = min([tok.i] + [c.i for c in tok.children if c.dep_ == "compound"])
            piece = span.doc[first : tok.i + 1]
            kind: SpeakerType = ("person" if len(piece) > 1 and country(piece.text) is None
                                 else "organization")
            members.append(link_state(Speaker(piece.text, kind)))
            continue
        if ent is None or ent.speaker.type not in ("person", "state", "organization", "group"):
            return None  # "voters and officials": not a group of named members
        members.append(link_state(named(ent.segment, ent, history).speaker))
    seg = Segment(span.start_char, span.end_char, span.text)
    name = strip_article(span.text)
    group = Speaker(name, "group", seg, count=len(members),
                    members=tuple(replace(m, mention=None, surface=None) for m in members))
    return Mention(seg, group, root.lemma_.lower())


def _has_noun(doc: Doc, lemmas: frozenset[str] | set[str]) -> bool:
    """Whether a noun of the text has one of these (lower-case) lemmas."""
    nouns = doc.to_array("POS") == NOUN
    return bool((nouns & tokens_where(doc, "LEMMA", lambda lemma: lemma.lower() in lemmas)
                 ).any())


def _descriptions(doc: Doc, text: str, entities: list[Mention]) -> list[Mention]:
    """Mentions that are not names but may be referred to later: groups of states ("a
    group of 93 states"), documents ("a new ad", "the statement") and unnamed people ("a
    source") introduced in the text, whether or not they speak."""
    found = []
    collectives = MEMBER_NOUN.search(text) is not None
    named = {m.segment.start for m in entities}
    wanted = DOCUMENT_NOUNS | STATEMENT_NOUNS | ANONYMOUS_NOUNS
    if not collectives and not _has_noun(doc, wanted):
        return []
    for chunk in doc.noun_chunks:
        root = chunk.root
        if root.pos_ != "NOUN" or root.idx in named:
            continue
        head = root.lemma_.lower()
        if collectives:
            # "A group of 12 states": the chunk is "A group"; the "of" phrase follows it
            phrase = doc[chunk.start : root.right_edge.i + 1]
            phrase_text = text[phrase.start_char : phrase.end_char]  # its .text, not rebuilt
            size = collective_size(phrase_text)
            if size[0]:
                seg = Segment(phrase.start_char, phrase.end_char, phrase_text)
                group = Speaker(strip_article(phrase_text), "group", seg, count=size[1])
                found.append(Mention(seg, group, head))
                continue
        if head not in wanted:
            continue
        det = determiner(chunk)
        seg = Segment(chunk.start_char, chunk.end_char, chunk.text)
        if head in DOCUMENT_NOUNS and det != "the" or head in STATEMENT_NOUNS:
            name = re.sub(r"^(?:a|an)\s+", "", strip_article(chunk.text), flags=re.I)
            doc_speaker = Speaker(name, "document", seg)
            found.append(Mention(seg, doc_speaker, head))
        elif det in INDEFINITE and head in ANONYMOUS_NOUNS:
            anon = Speaker(strip_article(chunk.text), "anonymous", seg, descriptor=chunk.text,
                           count=anonymous_count(chunk))
            found.append(Mention(seg, anon, head))
    for m in found:
        m.named = False
    # "12 states" inside "A group of 12 states" is the same group
    return [m for m in found if not any(
        o is not m and o.segment.start <= m.segment.start and m.segment.end <= o.segment.end
        for o in found)]


def _genders(doc: Doc, length: int, entities: list[Mention]) -> dict[str, str]:
    """Each person's gender where the article shows it: a title or gendered role noun next
    to the name, or the pronouns that follow the name in its own sentence when it is the
    subject and no other person is named in between. Conflicting evidence gives none."""
    votes: dict[str, Counter[str]] = {}
    people = [m for m in entities if m.speaker.type == "person"]
    for n, m in enumerate(people):
        span = doc.char_span(m.segment.start, m.segment.end, alignment_mode="expand")
        if span is None:
            continue
        count = votes.setdefault(m.speaker.name, Counter())
        for word in _words_around(span):
            if word in MALE_WORDS:
                count["m"] += 2
            elif word in FEMALE_WORDS:
                count["f"] += 2
        if span.root.dep_ not in ("nsubj", "nsubjpass"):
            continue
        stop = people[n + 1].segment.start if n + 1 < len(people) else length
        for tok in doc[span.end :]:
            if tok.idx >= stop or tok.is_sent_start:
                break
            if tok.lower_ in MALE_PRONOUNS:
                count["m"] += 1
            elif tok.lower_ in FEMALE_PRONOUNS:
                count["f"] += 1
    out = {}
    for name, count in votes.items():
        if count["m"] >= 2 * count["f"] and count["m"]:
            out[name] = "m"
        elif count["f"] >= 2 * count["m"] and count["f"]:
            out[name] = "f"
    return out


def _words_around(span: Span) -> list[str]:
    """Title and role words of a name: those before it in its phrase ("Mayor", "Ms.") and
    the heads of its appositions."""
    doc = span.doc
    words = [t.lower_ for t in doc[span.root.left_edge.i : span.start]]
    words += [t.lower_ for t in span[:1]]
    if span.start > 0:
        words.append(doc[span.start - 1].lower_)
    words += [c.lower_ for c in span.root.children if c.dep_ == "appos"]
    if span.root.dep_ == "appos":
        words.append(span.root.head.lower_)
    return [w.rstrip(".") if w not in MALE_WORDS | FEMALE_WORDS else w for w in words]


def role_word(tok: Token) -> str:
    """A role word in one form: "Gov." and "governor", "GOP" and "Republican"."""
    word = tok.lemma_.lower().rstrip(".")
    return ROLE_FORMS.get(word, word)


def _roles(doc: Doc, entities: list[Mention]) -> dict[str, set[str]]:
    """Role words of each named person ("Republican nominee Donald Trump", "Lena Moss, the
    harbour master"), for a later "the nominee" or "the harbour master"."""
    out: dict[str, set[str]] = {}
    for m in entities:
        if m.speaker.type != "person":
            continue
        span = doc.char_span(m.segment.start, m.segment.end, alignment_mode="expand")
        if span is None:
            continue
        words = {role_word(t) for t in doc[span.root.left_edge.i : span.start]
                 if t.pos_ in ("NOUN", "PROPN", "ADJ")}
        words |= {role_word(t) for t in span if t.pos_ == "NOUN"}
        for app in (c for c in span.root.children if c.dep_ == "appos"):
            words |= {role_word(t) for t in app.subtree if t.pos_ in ("NOUN", "ADJ")}
        if span.root.dep_ == "appos" and span.root.head.pos_ == "NOUN":
            head = span.root.head
            words |= {role_word(t) for t in head.subtree
                      if t.pos_ in ("NOUN", "ADJ") and not span.start <= t.i < span.end}
        if words:
            out.setdefault(m.speaker.name, set()).update(words)
    return out


def anonymous_count(span: Span) -> int | None:
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
            digits = tok.text.replace(",", "")
            if size is None and digits.isdecimal():  # what int() reads ("⁴" is no decimal)
                size = int(digits)
            return size
    return None


def history_before(pos: int, entities: list[Mention], resolved: list[Mention]) -> list[Mention]:
    """Earlier mentions, latest first."""
    # A resolved mention comes before the bare entity at the same place: it may carry
    # what the attribution added (a role from an apposition).
    earlier = [(m.segment.start, rank, m) for rank, group in enumerate((entities, resolved))
               for m in group if m.segment.end <= pos]
    return [m for _start, _rank, m in sorted(earlier, key=lambda x: (x[0], x[1]),
                                             reverse=True)]


def named(seg: Segment, ent: Mention, history: list[Mention]) -> Mention:
    """A name resolves to the earlier, longer name it shortens ("Khan" -> "Karim Khan"),
    whatever type the entity recogniser gave the short form: a lone surname is often taken
    for an organization ("Varga told ..." after "Mayor Elena Varga")."""
    person = person_by_surname(ent.speaker.name, history)
    if person is not None and ent.speaker.type in ("person", "organization", "unknown"):
        return Mention(seg, person.speaker, ent.head)
    return Mention(seg, ent.speaker, ent.head)


def person_by_surname(name: str, history: list[Mention]) -> Mention | None:
    """The person, named in full before, whose surname this is ("Cruz"); of several ("Ted
    Cruz", "Heidi Cruz"), the one named most often, then the latest. (Longer short forms,
    "Guajardo Villarreal", and organizations by their first word, "Peabody" for "Peabody
    Energy", were tried: both lost more than they won on the dev speaker set.)"""
    if " " in name or not name[:1].isupper():
        return None
    people = [m for m in history if m.speaker.type == "person" and " " in m.speaker.name
              and m.speaker.name.split()[-1] == name]
    counts = Counter(m.speaker.name for m in people)
    # max() keeps the first of equals: history is latest first
    return max(people, key=lambda m: counts[m.speaker.name]) if people else None


def determiner(span: Span) -> str | None:
    root = span.root
    for child in root.children:
        if child.dep_ in ("det", "nummod", "predet"):
            return child.lower_ if child.dep_ == "det" else "two"
    return None
