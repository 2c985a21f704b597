"""Channels: whom a speaker addressed, when the text names it.

"told the paper", "informed reporters", "wrote to the council", "said to reporters in
Geneva", "said in an interview with CNN", "told the Ledger in an interview". The channel
is read from the cue verb's dependents, the same way for both engines: the rule engine
and the trained tagger give a cue span, and the verb in it is looked up in the parse.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from ..model import Attribution, Segment, Speaker
from .spans import char_runs, doc_text

# verbs whose object is the addressee ("told the paper", "briefed reporters")
ADDRESSEE_VERBS = frozenset({"tell", "inform", "assure", "brief", "warn", "remind", "write"})
# verbs of saying that take their addressee with "to" ("said to reporters")
TO_VERBS = ADDRESSEE_VERBS | frozenset({
    "say", "explain", "confirm", "complain", "admit", "speak", "talk", "describe", "insist",
    "suggest", "announce", "reveal", "declare", "concede", "repeat", "promise", "pledge",
    "boast", "joke", "vow", "state", "signal", "send", "deny", "stress", "add", "note",
    "argue", "claim", "acknowledge", "disclose", "recount", "lament", "predict", "caution",
})
# verbs whose object is whom they address, though not what was said ("urged supporters
# to vote", "thanked the crowd"); kept apart from ADDRESSEE_VERBS, which content.py uses
OBJECT_VERBS = ADDRESSEE_VERBS | frozenset({"urge", "encourage", "thank", "implore", "beg",
                                            "exhort", "advise", "press", "caution"})
CHANNEL_VERBS = TO_VERBS | OBJECT_VERBS | {"ask"}
# "in an interview with CNN", "in a call with reporters"
MEETING_NOUNS = frozenset({"interview", "conversation", "call", "briefing", "meeting",
                           "exchange", "chat", "appearance", "podcast"})


def addressee(verb: Token) -> Token | None:
    """The head token of whom a cue verb's speaker addressed, or None."""
    lemma = verb.lemma_.lower()
    if verb.pos_ not in ("VERB", "AUX") or lemma not in CHANNEL_VERBS:
        return None
    if lemma == "ask":  # "Holt asked him about ...", "asked Lena Moss whether ..."
        return next((c for c in verb.children if c.dep_ in ("dobj", "dative")
                     and c.pos_ in ("PROPN", "PRON") and c.lower_ not in ("it", "that",
                                                                          "what")), None)
    if lemma in OBJECT_VERBS:
        for child in verb.children:
            if child.dep_ in ("dobj", "dative") and child.pos_ in ("PROPN", "NOUN", "PRON"):
                if child.dep_ == "dobj" and lemma == "write":  # "wrote a letter"
                    continue
                return child
    for child in verb.children:
        if child.dep_ in ("prep", "dative") and child.lower_ == "to":
            pobj = next((g for g in child.children if g.dep_ == "pobj"), None)
            if pobj is not None and pobj.pos_ in ("PROPN", "NOUN"):
                return pobj
    return _meeting_partner(verb) or _programme(verb)


def _programme(verb: Token) -> Token | None:
    """"said on Fox News Sunday", "said on CNN's State of the Union": the programme or
    network named after "on" (a name, not "on Monday")."""
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.lower_ == "on":
            pobj = next((g for g in prep.children if g.dep_ == "pobj"), None)
            if pobj is not None and pobj.pos_ == "PROPN" and pobj.ent_type_ not in (
                    "DATE", "TIME", "EVENT", "GPE", "LOC", "FAC"):
                return pobj
    return None


def _meeting_partner(verb: Token) -> Token | None:
    """"said in an interview with CNN", "In a Bloomberg interview, X declared", "during an
    interview on CNBC's Squawk Box": the partner or programme of the interview."""
    for prep in verb.children:
        if prep.dep_ != "prep" or prep.lower_ not in ("in", "during"):
            continue
        for noun in prep.children:
            if noun.dep_ != "pobj" or noun.lemma_.lower() not in MEETING_NOUNS:
                continue
            for inner in noun.children:
                if inner.dep_ == "prep" and inner.lower_ in ("with", "on", "to"):
                    return next((g for g in inner.children if g.dep_ == "pobj"), None)
            for inner in noun.children:  # "a Bloomberg interview", "CNN's interview"
                if inner.dep_ in ("compound", "poss") and inner.pos_ == "PROPN":
                    return inner
    return None


def channel_segment(doc: Doc, cue: list[Segment], text: str | None = None) -> Segment | None:
    """The channel named at a cue (its segments), as a text segment; ``text``: the doc's
    text, when the caller has it (``Doc.text`` is rebuilt on every access)."""
    if not cue:
        return None
    span = doc.char_span(cue[0].start, cue[-1].end, alignment_mode="expand")
    if span is None:
        return None
    for tok in sorted(span, key=lambda t: t.pos_ != "VERB"):
        head = addressee(tok)
        if head is None:
            continue
        clauses = {t.i for c in head.children if c.dep_ in ("relcl", "acl")
                   for t in c.subtree}  # "the states | that signed it"
        ids = [t.i for t in head.subtree if t.i not in clauses]
        runs = char_runs(doc, _contiguous_from(head, ids))
        if runs:
            s, e = runs[0]
            return Segment.of(doc_text(doc) if text is None else text, s, e)
    return None


def _contiguous_from(head: Token, ids: list[int]) -> list[int]:
    """The token run around ``head`` (a channel is one phrase: "reporters in Geneva")."""
    have = set(ids)
    lo = hi = head.i
    while lo - 1 in have:
        lo -= 1
    while hi + 1 in have and head.doc[hi + 1].dep_ not in ("relcl", "acl", "cc"):
        hi += 1
    return list(range(lo, hi + 1))


def find_channels(doc: Doc, atts: list[Attribution]) -> None:
    """Set the channel (unresolved: its own text) of each attribution naming one."""
    text = doc_text(doc)
    for att in atts:
        if att.channel is not None:
            continue
        seg = channel_segment(doc, att.cue, text)
        if seg is not None and not _overlaps(seg, att):
            att.channel = Speaker(name=seg.text, mention=seg, surface=seg)


def _overlaps(seg: Segment, att: Attribution) -> bool:
    """Whether a channel overlaps the source, or the content other than as its opening
    words: "urged supporters | to vote" may take the addressee into the content (PolNeAR
    often does), and the addressee is still the channel."""
    if any(s.start < seg.end and seg.start < s.end for s in att.source):
        return True
    return any(s.start < seg.end and seg.start < s.end
               and not (s.start == seg.start and seg.end < s.end) for s in att.content)
