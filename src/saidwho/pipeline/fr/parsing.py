"""What the French parse needs before it runs, and the small readings of it every French
step shares: verb groups, inverted subjects, incises."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Token

QUOTE_MARKS = "«»“”‹›"
AUXILIARIES = frozenset({"aux:tense", "aux:pass", "aux", "aux:caus"})
NEGATION = frozenset({"ne", "n'", "n’", "pas", "plus", "jamais", "guère", "point"})
REFLEXIVE = frozenset({"se", "s'", "s’"})
# subject clitics set after the verb: "a-t-il déclaré", "estime-t-elle"
INVERTED = frozenset({"-il", "-elle", "-ils", "-elles", "-on", "-t-il", "-t-elle", "-t-on",
                      "-je", "-nous", "-vous", "-tu"})
EUPHONIC = frozenset({"-t", "-t-"})
SUBJECTS = frozenset({"nsubj", "nsubj:pass", "csubj", "expl:subj"})


def read_guillemets_as_quotes(nlp: Language) -> None:
    """Make the French model read « », “ ” and ‹ › as it reads '"'.

    ``fr_core_news_sm`` was trained on text whose quotations are mostly straight quotes:
    it tags a guillemet as a noun or a verb and roots a sentence on it, which breaks the
    parse of every quotation. The tagger and parser see a token through its lexeme's
    norm, prefix, suffix and shape; giving the guillemets those of '"' in the pipeline's
    vocabulary makes the parse of « A », a-t-il dit that of "A", a-t-il dit, while the
    text, the tokens and every offset stay as written."""
    straight = nlp.vocab['"']
    for mark in QUOTE_MARKS:
        lex = nlp.vocab[mark]
        lex.norm_ = straight.norm_
        lex.prefix_ = straight.prefix_
        lex.suffix_ = straight.suffix_
        lex.shape_ = straight.shape_


def is_inverted_subject(tok: Token) -> bool:
    """A subject clitic after its verb: "-il" in "a-t-il déclaré"."""
    return tok.lower_ in INVERTED


def verb_group(verb: Token) -> list[Token]:
    """The cue span of a verb: the verb with its auxiliaries, negation, reflexive pronoun
    and what lies between them ("n'a pas confirmé", "s'est dit", "a pour sa part appelé"),
    and the adverbs right after it ("dénonce également"). A subject inside the group (an
    inversion: "a-t-il déclaré") cuts it: the part from the verb on is the cue."""
    doc = verb.doc
    parts = [c.i for c in verb.children if c.i < verb.i and (
        c.dep_ in AUXILIARIES or c.lower_ in NEGATION or c.lower_ in REFLEXIVE)]
    start = min(parts, default=verb.i)
    for i in range(start, verb.i):
        tok = doc[i]
        if tok.dep_ in SUBJECTS or is_inverted_subject(tok) or tok.lower_ in EUPHONIC \
                or tok.is_punct:
            start = i + 1
    end = verb.i
    while end + 1 < len(doc) and doc[end + 1].head.i == verb.i and (
            doc[end + 1].pos_ == "ADV" and doc[end + 1].dep_ == "advmod"):
        end += 1
    return [doc[i] for i in range(start, end + 1)]


def inverted_subject(verb: Token) -> Token | None:
    """The clitic subject set after the verb or its auxiliary: "-elle" in
    "estime-t-elle", "-il" in "a-t-il déclaré". Read from the words, not the parse, which
    often gets the clitic wrong."""
    doc = verb.doc
    for i in range(verb.i + 1, min(verb.i + 3, len(doc))):
        if is_inverted_subject(doc[i]):
            return doc[i]
        if doc[i].lower_ not in EUPHONIC:
            break
    for i in range(verb.i - 1, max(verb.i - 3, -1), -1):
        if is_inverted_subject(doc[i]):
            return doc[i]
        if doc[i].lower_ not in EUPHONIC:
            break
    return None


def in_incise(verb: Token, group: list[Token]) -> bool:
    """Whether a verb group opens an incise: right after a comma or a quotation's end
    ("« A », a ajouté le ministre", "L'accord, a-t-il dit, sera signé"), with no subject
    of its own before it."""
    doc = verb.doc
    first = incise_start(verb, group)
    if first == 0:
        return False
    before = doc[first - 1]
    if before.text not in (",", "»", '"', "”", "—", "–", "("):
        return False
    return subject_before(verb) is None


def incise_start(verb: Token, group: list[Token]) -> int:
    """Where a verb's clause starts with its auxiliary and inverted clitics: "a-t-on
    appris" starts at "a" (the clitics and the auxiliary may hang elsewhere in the
    parse)."""
    doc = verb.doc
    first = min([group[0].i] + [c.i for c in verb.children if c.i < verb.i and (
        c.dep_ in AUXILIARIES or is_inverted_subject(c) or c.lower_ in EUPHONIC)])
    while first > 0 and (is_inverted_subject(doc[first - 1])
                         or doc[first - 1].lower_ in EUPHONIC):
        first -= 1
    if first > 0 and doc[first - 1].lemma_ in ("avoir", "être") and doc[first] is not verb:
        first -= 1
    return first


def subject_before(verb: Token) -> Token | None:
    """The verb's subject before it, unless a quotation's end lies between them: in
    "« Chaque année de retard compte », a résumé sa porte-parole" the parser may take a
    word of the quotation for the subject of "a résumé"."""
    doc = verb.doc
    for child in reversed(list(verb.lefts)):  # the nearest, when the parse gives two
        if child.dep_ in SUBJECTS and child.i < verb.i and not is_inverted_subject(child) \
                and child.lower_ not in EUPHONIC:
            if any(doc[i].text in CLOSING for i in range(child.i + 1, verb.i)):
                return None
            return child
    return None


CLOSING = frozenset({"»", "”", '"'})
