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

import bisect
import re
from collections import Counter
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Span, Token

from ..actors.collective import MEMBER_NOUN, NUMBER_WORDS, collective_size
from ..actors.countries import exact_country
from ..actors.linking import link_state
from ..actors.memberships import Membership, find_memberships
from ..actors.people import acronyms, role_and_affiliation
from ..model import Attribution, Segment, Speaker
from .quotes import QuoteIndex

MALE_PRONOUNS = frozenset({"he", "him", "his", "himself"})
FEMALE_PRONOUNS = frozenset({"she", "her", "hers", "herself"})
PERSON_PRONOUNS = MALE_PRONOUNS | FEMALE_PRONOUNS
PLURAL_PRONOUNS = frozenset({"they", "them", "their"})
THING_PRONOUNS = frozenset({"it", "its"})
SOMEONE = frozenset({"someone", "somebody", "anyone", "anybody"})
FIRST_PERSON = frozenset({"i", "me", "my", "we", "us", "our"})
MALE_WORDS = frozenset({"mr", "mr.", "sir", "spokesman", "congressman", "chairman",
                        "businessman", "husband", "father", "son", "brother", "king", "prince",
                        "uncle", "nephew", "boy", "man", "gentleman", "actor", "lord"})
FEMALE_WORDS = frozenset({"mrs", "mrs.", "ms", "ms.", "miss", "madam", "dame", "spokeswoman",
                          "congresswoman", "chairwoman", "businesswoman", "wife", "mother",
                          "daughter", "sister", "queen", "princess", "aunt", "niece", "girl",
                          "woman", "lady", "actress", "widow", "grandmother"})
DOCUMENT_NOUNS = frozenset({
    "poll", "survey", "report", "study", "statement", "declaration", "letter", "communique",
    "communiqué", "memo", "memorandum", "ad", "advertisement", "commercial", "video", "clip",
    "spot",
    "film", "documentary", "tweet", "post", "email", "e-mail", "filing", "complaint",
    "lawsuit", "suit", "brief", "ruling", "order", "analysis", "assessment", "audit",
    "editorial", "op-ed", "column", "article", "story", "book", "slide", "document",
    "transcript", "release", "platform", "resolution", "petition", "text", "appeal",
    "projection", "forecast", "estimate", "data", "figure", "record", "message", "website",
})
RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom"})
ANONYMOUS_NOUNS = frozenset({
    "source", "official", "aide", "diplomat", "insider", "person", "people", "adviser",
    "advisor", "staffer", "employee", "observer", "analyst", "expert", "witness", "resident",
    "member", "lawmaker", "operative", "strategist", "donor", "voter", "critic", "supporter",
    "officer", "investigator", "negotiator", "delegate", "activist", "reporter", "journalist",
    "someone", "somebody", "anyone", "ally", "friend", "associate", "lawyer",
    "attorney", "economist", "scientist", "researcher", "doctor", "physician", "worker",
    "veteran", "leader", "regulator", "questioner", "speechwriter", "environmentalist",
    "republican", "democrat", "conservative", "liberal", "participant",
})
# people named by what they do: "-er", "-or", "-ist", "-ian" nouns, read as people when no
# list above claims them ("speechwriters", "regulators", "physicians")
PERSON_SUFFIX = re.compile(r"(?:er|or|ist|ian|ant|ent|man|men|woman|women|ee)s?$")
KIND_NOUNS = {
    "publication": frozenset({"paper", "newspaper", "outlet", "publication", "magazine",
                              "network", "broadcaster", "daily", "tabloid", "site", "website",
                              "journal", "channel", "station", "weekly", "program",
                              "programme", "show"}),
    "organization": frozenset({"group", "organization", "organisation", "agency", "campaign",
                               "committee", "coalition", "company", "firm", "party", "office",
                               "ministry", "department", "court", "commission", "council",
                               "association", "union", "institute", "foundation", "ngo",
                               "bank", "panel", "board", "university", "center", "centre",
                               "corporation", "bureau", "authority", "tribunal", "team",
                               "league", "fund", "charity", "lab", "laboratory", "church",
                               "hospital", "school", "club", "alliance", "bloc", "caucus"}),
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
ENTITY_TYPES = {"PERSON": "person", "ORG": "organization", "GPE": "state", "NORP": "group"}
INDEFINITE = frozenset({"a", "an", "some", "several", "many", "two", "three", "four",
                        "other", "another", "one", "most", "few", "all", "both", "any",
                        "no", "more"})
SHARE_NOUNS = frozenset({"percent", "majority", "plurality", "minority", "half", "third",
                         "quarter", "share", "proportion"})
DEFINITE = frozenset({"the", "this", "that", "these", "those", "its", "their"})
TITLES = frozenset({"mr", "mrs", "ms", "miss", "dr", "sen", "senator", "rep", "gov",
                    "governor", "mayor", "president", "minister", "secretary", "judge",
                    "justice", "gen", "general", "col", "adm", "sir", "dame", "prof",
                    "professor", "ambassador", "chancellor", "prime", "rev", "lt", "capt",
                    "sgt", "chairman", "chairwoman", "speaker", "commissioner", "attorney"})
# a dateline glued to the first sentence: "MOSCOW - ", "GENEVA (Reuters) -"
DATELINE = re.compile(r"^[A-Z][A-Z .,'-]{2,40}(?:\([^)]{1,30}\))?\s*[-—–:]\s*")


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
        if self._memberships is None:
            self._memberships = find_memberships(self.text)
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


def resolve_speakers(doc: Doc, attributions: list[Attribution]) -> None:
    """Fill ``speaker`` and ``channel`` of each attribution, in place."""
    text = doc.text  # rebuilt by spaCy on every access: read once
    sents = list(doc.sents)
    ctx = Context(doc, text, QuoteIndex.of(text), sents, [s.start_char for s in sents], [],
                  ents=tuple(doc.ents))
    entities = ctx.entities
    people = _person_names(ctx.ents)
    for ent in _titled_names(doc):  # "Mayor Ana Ruiz" the recogniser missed
        entities.append(ctx.decorate(_entity_mention(ent), ent))
    for ent in ctx.ents:
        if ent.label_ in ENTITY_TYPES:
            mention = ctx.decorate(_entity_mention(ent, people), ent)
            # a later short name ("Okafor") stands for the full name met before
            named = _named(mention.segment, mention, entities[::-1])
            entities.append(replace(mention, speaker=named.speaker))
    entities += [ctx.decorate(m, doc.char_span(m.segment.start, m.segment.end,
                                                 alignment_mode="expand"))
                 for m in _descriptions(doc, text, entities)]
    entities.sort(key=lambda m: m.segment.start)
    entities += _lists(ctx)
    entities.sort(key=lambda m: m.segment.start)
    ctx.genders = _genders(doc, len(text), entities)
    ctx.roles = _roles(doc, entities)
    resolved: list[Mention] = []
    short_forms = acronyms(text)
    ordered = sorted(attributions, key=lambda a: a.span)
    for att in ordered:
        if att.source:
            span = _span_of(doc, att.source)
            if span is not None:
                found = _resolve(span, ctx, resolved)
                if found is None:  # an unresolved pronoun is no speaker
                    att.speaker = None
                    continue
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
    _first_person(text, ordered)


def _titled_names(doc: Doc) -> list[Span]:
    """Runs of capitalised proper nouns after a title ("Mayor Ana Ruiz", "Ms. Kira Vale")
    that the recogniser did not tag, as PERSON spans (title included, as spaCy does)."""
    out = []
    for tok in doc:
        if tok.ent_type_ or not tok.is_title or tok.lower_.rstrip(".") not in TITLES:
            continue
        end = tok.i + 1
        while end < len(doc) and end - tok.i <= 3 and doc[end].pos_ == "PROPN" and (
                doc[end].is_title and not doc[end].ent_type_):
            end += 1
        if end - tok.i >= 3 or (end - tok.i == 2 and tok.text.endswith(".")):
            out.append(Span(doc, tok.i + 1, end, label="PERSON"))
    return out


def _lists(ctx: Context) -> list[Mention]:
    """Lists of named actors ("Belgium, Chile and Jordan drafted ..."), whether or not they
    speak: a later "they" stands for the group."""
    out = []
    for m in ctx.entities:
        span = ctx.doc.char_span(m.segment.start, m.segment.end, alignment_mode="expand")
        if span is None or span.root.dep_ == "conj" or not any(
                c.dep_ == "conj" for c in span.root.children):
            continue
        group = _coordinated(span, ctx, [])
        if group is not None:
            group.named = False
            out.append(ctx.decorate(group, span))
    return out


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


def _entity_mention(ent: Span, people: set[str] = frozenset()) -> Mention:  # type: ignore[assignment]
    kind = ENTITY_TYPES[ent.label_]
    if kind in ("organization", "state") and ent.text in people and len(ent) <= 3:
        kind = "person"
    # "the Alder Gazette" is sometimes tagged as a person; people rarely take "the"
    preceded = ent[0].lower_ == "the" or (ent.start > 0 and ent.doc[ent.start - 1].lower_ == "the")
    if (kind == "organization" or (kind == "person" and preceded)) and PUBLICATION_WORDS.search(
            ent.text):
        kind = "publication"
    seg = Segment(ent.start_char, ent.end_char, ent.text)
    name = re.sub(r"\s*['’]s?$", "", _strip_article(ent.text))  # "Donald Trump’s"
    return Mention(seg, Speaker(name=name, type=kind, mention=seg), ent.root.lemma_.lower())


def _strip_article(name: str) -> str:
    return re.sub(r"^(the|The)\s+", "", name).strip(" ,")


def _resolve(span: Span, ctx: Context, resolved: list[Mention]) -> Mention | None:
    """The speaker a source or channel mention refers to; None for a pronoun nothing in
    the article agrees with."""
    span = _without_dateline(_whole_phrase(span))
    root = span.root
    seg = Segment(span.start_char, span.end_char, span.text)
    history = _history(span.start_char, ctx.entities, resolved)
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
    group = _coordinated(span, ctx, resolved)
    if group is not None:
        return group
    collective, size = collective_size(span.text)
    if collective:  # "a group of 93 states", "79 UN member states"
        return Mention(seg, Speaker(_strip_article(span.text), "group", seg, count=size), lower)
    ent = _entity_in(span, ctx.entities)
    if ent is not None and not _only_modifies(ent, root):
        if root.ent_type_ == "NORP" and root.tag_ in ("NN", "NNP") and _determiner(span) == "the":
            # "the Republican": one person, the one called a Republican before
            found = _by_role(span, root.lemma_.lower(), ctx, history)
            if found is not None:
                return Mention(seg, found.speaker, root.lemma_.lower())
        return _named(seg, ent, history)
    # "the German foreign ministry", "Israeli officials": a body or people of a state keep
    # their own name (link_state adds the state's code).
    head = root.lemma_.lower()
    det = _determiner(span)
    bare_plural = det is None and root.tag_ in ("NNS", "NNPS")
    if _is_people_noun(root) and (det in INDEFINITE or bare_plural or lower in (
            "someone", "somebody")):
        described = _description(span)
        anon = Speaker(_strip_article(described), "anonymous", seg, descriptor=described,
                       count=_anonymous_count(span))
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
        person = _person_by_surname(span.text, history)
        if person is not None:
            return Mention(seg, person.speaker, head)
    kind = _kind_of(root)
    if kind == "anonymous" and root.tag_ == "NN" and (det in DEFINITE or any(
            c.dep_ == "poss" for c in root.children)):
        kind = "person"  # "the announcer", "Connecticut's tax commissioner": one known person
    if root.pos_ == "PROPN" and PUBLICATION_WORDS.search(span.text):
        kind = "publication"
    elif kind == "unknown" and len(span) == 1 and root.pos_ == "PROPN" and root.is_title and (
            _country(root.text) is None and root.ent_type_ in ("", "PERSON")):
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
    return Mention(seg, Speaker(_strip_article(text), kind, seg), head)


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
        else:
            break
    if root.pos_ not in ("NOUN", "PROPN"):
        return span
    start = span.start
    if root.left_edge.i < start and span[0].dep_ in ("case", "compound", "amod", "poss"):
        start = root.left_edge.i
    end = max(span.end, root.i + 1)
    if root.lemma_.lower() in SHARE_NOUNS | {"number", "group", "dozen", "handful", "couple"}:
        # "a majority of voters", "a number of tax experts": the people counted
        of = next((c for c in root.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        if of is not None:
            end = max(end, of.right_edge.i + 1)
    return span.doc[start:end] if (start, end) != (span.start, span.end) else span


TRAILING_POS = frozenset({"ADP", "DET", "CCONJ", "SCONJ", "PUNCT", "PART", "SPACE"})


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
    stop = next((t.i for t in span.doc[root.i + 1 : end] if t.text in DESCRIPTION_STOPS), None)
    end = stop if stop is not None else end
    while end > span.start + 1 and span.doc[end - 1].pos_ in TRAILING_POS:
        end -= 1
    return span.doc[span.start : end].text


DESCRIPTION_STOPS = frozenset({":", "—", "–", '"', "“", "”", "(", ";"})


def _modifies(child: Token) -> bool:
    """Whether a right dependent of a noun belongs to its description: a prepositional
    phrase, an apposition, a participle ("involved in the talks") or a relative clause
    that opens with a relative word or its own subject ("who ...", "I spoke to"), not a
    clause the parser hung on the noun ("voters | expect Clinton to win")."""
    if child.dep_ in ("prep", "appos", "amod", "compound", "nummod"):
        return True
    if child.dep_ in ("relcl", "acl"):
        return child.tag_ in ("VBN", "VBG") or child.left_edge.pos_ in ("PRON", "DET")
    return False


def _kind_of(root: Token) -> str:
    """The kind of speaker a description's head noun names."""
    head = root.lemma_.lower()
    if head in DOCUMENT_NOUNS:
        return "document"
    if head in SHARE_NOUNS or root.ent_type_ == "PERCENT":
        return "group"  # "Twelve percent (of voters)", "a majority of voters"
    kind = next((k for k, nouns in KIND_NOUNS.items() if head in nouns), None)
    if kind == "organization" and root.tag_ == "NNS":
        return "group"  # "some environmental groups", "mining companies"
    if kind is not None:
        return kind
    return "anonymous" if _is_people_noun(root) else "unknown"


def _is_people_noun(tok: Token) -> bool:
    """Whether a common noun names people: listed, or shaped like a noun of agents."""
    lemma = tok.lemma_.lower()
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
            if [t.lower_ for t in between] == ["and"] and _country(joined.text) is not None:
                out[-1] = (tok, joined)
                continue
        out.append((tok, None))
    return out


def _country(name: str) -> str | None:
    return exact_country(name).iso3


def _without_dateline(span: Span) -> Span:
    """"MOSCOW - Officials said": the dateline is not part of the source."""
    m = DATELINE.match(span.text)
    if m is None or m.end() >= len(span.text):
        return span
    cut = span.doc.char_span(span.start_char + m.end(), span.end_char,
                             alignment_mode="contract")
    return cut if cut is not None and len(cut) else span


def _coordinated(span: Span, ctx: Context, resolved: list[Mention]) -> Mention | None:
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
    history = _history(span.start_char, ctx.entities, resolved)
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
            kind = "person" if len(piece) > 1 and _country(piece.text) is None else "organization"
            members.append(link_state(Speaker(piece.text, kind)))
            continue
        if ent is None or ent.speaker.type not in ("person", "state", "organization", "group"):
            return None  # "voters and officials": not a group of named members
        members.append(link_state(_named(ent.segment, ent, history).speaker))
    seg = Segment(span.start_char, span.end_char, span.text)
    name = _strip_article(span.text)
    group = Speaker(name, "group", seg, count=len(members),
                    members=tuple(replace(m, mention=None, surface=None) for m in members))
    return Mention(seg, group, root.lemma_.lower())


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
    """Whether the name and the head are in apposition, either way round."""
    start, end = ent.segment.start, ent.segment.end
    for child in root.children:
        if child.dep_ == "appos" and start <= child.idx < end:
            return True
    return root.dep_ == "appos" and start <= root.head.idx < end


def _descriptions(doc: Doc, text: str, entities: list[Mention]) -> list[Mention]:
    """Mentions that are not names but may be referred to later: groups of states ("a
    group of 93 states"), documents ("a new ad", "the statement") and unnamed people ("a
    source") introduced in the text, whether or not they speak."""
    found = []
    collectives = MEMBER_NOUN.search(text) is not None
    named = {m.segment.start for m in entities}
    wanted = DOCUMENT_NOUNS | STATEMENT_NOUNS | ANONYMOUS_NOUNS
    if not collectives and not any(t.pos_ == "NOUN" and t.lemma_.lower() in wanted
                                   for t in doc):
        return []
    for chunk in doc.noun_chunks:
        root = chunk.root
        if root.pos_ != "NOUN" or root.idx in named:
            continue
        head = root.lemma_.lower()
        if collectives:
            # "A group of 12 states": the chunk is "A group"; the "of" phrase follows it
            phrase = doc[chunk.start : root.right_edge.i + 1]
            size = collective_size(phrase.text)
            if size[0]:
                seg = Segment(phrase.start_char, phrase.end_char, phrase.text)
                group = Speaker(_strip_article(phrase.text), "group", seg, count=size[1])
                found.append(Mention(seg, group, head))
                continue
        if head not in wanted:
            continue
        det = _determiner(chunk)
        seg = Segment(chunk.start_char, chunk.end_char, chunk.text)
        if head in DOCUMENT_NOUNS and det != "the" or head in STATEMENT_NOUNS:
            name = re.sub(r"^(?:a|an)\s+", "", _strip_article(chunk.text), flags=re.I)
            doc_speaker = Speaker(name, "document", seg)
            found.append(Mention(seg, doc_speaker, head))
        elif det in INDEFINITE and head in ANONYMOUS_NOUNS:
            anon = Speaker(_strip_article(chunk.text), "anonymous", seg, descriptor=chunk.text,
                           count=_anonymous_count(chunk))
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


ROLE_FORMS = {"gov": "governor", "sen": "senator", "rep": "representative", "gen": "general",
              "pres": "president", "gop": "republican", "dem": "democrat",
              "democratic": "democrat", "atty": "attorney", "secy": "secretary"}


def _role_word(tok: Token) -> str:
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
        words = {_role_word(t) for t in doc[span.root.left_edge.i : span.start]
                 if t.pos_ in ("NOUN", "PROPN", "ADJ")}
        words |= {_role_word(t) for t in span if t.pos_ == "NOUN"}
        for app in (c for c in span.root.children if c.dep_ == "appos"):
            words |= {_role_word(t) for t in app.subtree if t.pos_ in ("NOUN", "ADJ")}
        if span.root.dep_ == "appos" and span.root.head.pos_ == "NOUN":
            head = span.root.head
            words |= {_role_word(t) for t in head.subtree
                      if t.pos_ in ("NOUN", "ADJ") and not span.start <= t.i < span.end}
        if words:
            out.setdefault(m.speaker.name, set()).update(words)
    return out


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
    document = next((m for m in history if m.head == head
                     and m.speaker.type == "document"), None)
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


def _named(seg: Segment, ent: Mention, history: list[Mention]) -> Mention:
    """A name resolves to the earlier, longer name it shortens ("Khan" -> "Karim Khan"),
    whatever type the entity recogniser gave the short form: a lone surname is often taken
    for an organization ("Varga told ..." after "Mayor Elena Varga")."""
    person = _person_by_surname(ent.speaker.name, history)
    if person is not None and ent.speaker.type in ("person", "organization", "unknown"):
        return Mention(seg, person.speaker, ent.head)
    return Mention(seg, ent.speaker, ent.head)


def _person_by_surname(name: str, history: list[Mention]) -> Mention | None:
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


def _determiner(span: Span) -> str | None:
    root = span.root
    for child in root.children:
        if child.dep_ in ("det", "nummod", "predet"):
            return child.lower_ if child.dep_ == "det" else "two"
    return None


STATEMENT_NOUNS = frozenset({"statement", "declaration", "letter", "communique",
                             "communiqué", "text", "appeal"})


def _by_role(span: Span, head: str, ctx: Context, history: list[Mention]) -> Mention | None:
    """"The nominee", "the GOP nominee", "the harbour master": the person named with that
    role before; of several, the one whose role shares most of the description's other
    words ("Democratic" against "Republican"), then the latest."""
    words = {_role_word(t) for t in span if t.i != span.root.i
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
    if kind == "unknown":
        return None
    return next((m for m in history if m.speaker.type == kind or (
        kind == "organization" and m.speaker.type == "group"
        and (m.speaker.count or m.speaker.members))), None)
