"""Well-formed spans from the role tagger's token decisions.

The role tagger labels tokens one by one, so a span can stop inside a phrase: the
modifiers before a noun left out ("Free school | meals to expand"), a noun phrase's first
words given to the other role ("The | education | minister, Daniel Okafor" with
"education" as content), or a content that ends on a preposition whose object it lost
("... to work without | intimidation"). These repairs close the spans over the parse:

- a source takes the determiners and modifiers before it that depend on it;
- a content takes the modifiers before it that depend on it;
- a content that ends on a word that cannot end a phrase (a preposition, determiner,
  conjunction, particle, auxiliary) takes that word's dependents to its right;
- a content that opens a quotation takes the quotation mark that closes it, when that
  mark comes right after it ('"We are not against progress. We are against it.| "'), and
  runs to the end of the quotation's paragraph when the tagger stopped it earlier (a
  quotation of several sentences runs past the role tagger's window: '"The court must be
  allowed to work. | It is our duty."'), unless the cue or source lies in between
  (``quotation_closed``, on the attribution's characters).

Nothing crosses the cue, the other role, a line break or the sentence's end. Two more
checks on what the tagger joined:

- a piece of content beyond another cue belongs to that cue ("said it was 'a long overdue
  step', but she warned that schools would need | more kitchen staff |");
- a cue does not end on the preposition of a date ("announced on | Monday");
- the subject of the main clause is not the source of a participle clause before it
  ("Asked whether the port would reopen, | Lund | did not reply": Lund was asked; the
  attribution has no source), unless the participle names its agent ("Asked by ...");
- a content that swallowed the object of the cue's preposition is the that-clause the
  parser hung on that object ("said in | a statement that the bridge would close" becomes
  "said | in a statement | that the bridge would close in May").
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc, Token

from ..model import Attribution, Segment
from ..pipeline.quotes import QUOTE_CHARS, QuoteIndex
from ..pipeline.sources import lends_no_subject
from ..pipeline.spans import sentence_of

# dependents that come before the noun they modify, and belong to its phrase
LEFT_MODIFIERS = frozenset({"det", "amod", "compound", "nummod", "poss", "nmod", "quantmod"})
# parts of speech a phrase cannot end on
OPEN_ENDS = frozenset({"ADP", "DET", "CCONJ", "SCONJ", "PART", "AUX"})

Run = tuple[int, int]


def repair(doc: Doc, cue: Run, source: Run | None, contents: list[Run],
           cues: frozenset[int] = frozenset()) -> tuple[Run, Run | None, list[Run]]:
    """The cue, source and content runs (first and last token, inclusive), repaired.
    ``cues``: the tokens of every cue found in the text (this one's may be among them)."""
    contents = _before_other_cues(cue, contents, cues)
    cue, contents = _clause_of_the_cue_object(doc, cue, contents)
    cue, agent = _cue_trimmed(doc, cue)
    if source is None and agent is not None:
        source = _agent_source(agent, contents)
    cue_tokens = set(range(cue[0], cue[1] + 1))
    if source is not None and _asked_of_the_source(doc, cue, source):
        source = None
    if source is not None:
        source = _without_participle(doc, _one_phrase(doc, source))
        source = _untrailed(doc, (_left_closed(doc, source, cue_tokens),
                                  _noun_closed(doc, source[1], cue_tokens)), QUOTE_CHARS)
    taken = set(range(source[0], source[1] + 1)) if source is not None else set()
    contents = _without(contents, taken)
    blocked = cue_tokens | taken
    out = []
    for run in contents:
        fixed = blocked | _others(contents, run)
        a = _left_closed(doc, run, fixed)
        closed = _untrailed(doc, (a, _right_closed(doc, (a, run[1]), fixed)))
        if closed is not None:
            out.append(closed)
    return cue, source, _holes_filled(doc, _merged(out), blocked)


# marks a source or content does not end on (the comma that closes an apposition, the
# comma before the cue in "..., he said")
TRAILING = frozenset({",", ";", "-", "–", "—"})


def _untrailed(doc: Doc, run: Run, also: frozenset[str] = frozenset()) -> Run | None:
    """The run less the commas, semicolons and dashes (and marks in ``also``) at its
    ends (None if nothing is left)."""
    a, b = run
    marks = TRAILING | also
    while a <= b and (doc[a].text in TRAILING or doc[a].is_space):
        a += 1
    while b >= a and (doc[b].text in marks or doc[b].is_space):
        b -= 1
    return (a, b) if b >= a else None


NOMINALS = frozenset({"NOUN", "PROPN", "PRON"})


def _one_phrase(doc: Doc, run: Run) -> Run:
    """A source that holds more than one phrase hanging outside it is cut to the edges of
    its first noun phrase: "Mayor Elena Varga | after the vote" ("after" hangs on the
    verb), "Officials at the ministry | , speaking on condition of anonymity". A phrase
    that hangs on the noun (an apposition, a relative clause) stays."""
    a, b = run
    inside = range(a, b + 1)
    tops = [i for i in inside if not a <= doc[i].head.i <= b or doc[i].head.i == i]
    if len(tops) < 2:
        return run
    top = next((i for i in tops if doc[i].pos_ in NOMINALS), None)
    if top is None:
        return run
    kept = [i for i in inside if _within(doc, i, top, run)]
    return min(kept), max(kept)


def _without_participle(doc: Doc, run: Run) -> Run:
    """A source less the participle clause set off by a comma at its end ("Officials at
    the ministry | , speaking on condition of anonymity"), which PolNeAR's sources leave
    out (train: 17 of 18 such clauses after ", speaking" lie outside the source)."""
    a, b = run
    while b > a and doc[b].text in TRAILING:
        b -= 1
    for i in range(a + 1, b):
        tok = doc[i + 1]
        if (doc[i].text == "," and tok.tag_ in ("VBG", "VBN") and a <= tok.head.i < i
                and tok.right_edge.i >= b):
            return a, i - 1
    return run


def _within(doc: Doc, i: int, top: int, run: Run) -> bool:
    """Whether token ``i`` is ``top`` or hangs on it through tokens of the run."""
    node = i
    for _ in range(run[1] - run[0] + 1):
        if node == top:
            return True
        head = doc[node].head.i
        if head == node or not run[0] <= head <= run[1]:
            return False
        node = head
    return node == top


def _noun_closed(doc: Doc, last: int, blocked: set[int]) -> int:
    """A source that ends on a modifier runs to the noun it modifies ("the harbour |
    union"): a source is a noun phrase."""
    b = last
    while (doc[b].dep_ in LEFT_MODIFIERS and b < doc[b].head.i <= b + 3
           and doc[b].head.pos_ in ("NOUN", "PROPN")
           and not any(i in blocked or _breaks(doc[i]) for i in range(b + 1, doc[b].head.i + 1))):
        b = doc[b].head.i
    return b


# entity types of a time ("on Monday", "by Friday"): not a cue's part, nor its agent
TIME_ENTITIES = frozenset({"DATE", "TIME"})


def _cue_trimmed(doc: Doc, cue: Run) -> tuple[Run, Token | None]:
    """The cue without the article of its object ("has signed | a"), the "by" of its
    agent ("claims | by the opposition"; PolNeAR train leaves "by" out 156 times to 72)
    or a preposition of time ("said | on Monday"); and the agent it left out, if any."""
    a, b = cue
    while b > a and doc[b].pos_ == "DET" and doc[b].head.i > b:
        b -= 1
    agent = None
    if b > a and doc[b].lower_ == "by":
        agent = next((c for c in doc[b].children if c.dep_ == "pobj"
                      and c.ent_type_ not in TIME_ENTITIES), None)  # not "by Friday"
        if agent is not None:
            b -= 1
    last = doc[b]
    if b > a and last.pos_ == "ADP" and any(
            c.dep_ == "pobj" and c.ent_type_ in TIME_ENTITIES for c in last.children):
        b -= 1
    return (a, b), agent


def _agent_source(agent: Token, contents: list[Run]) -> Run | None:
    """The agent's phrase as the source of a cue that has none, unless a content holds
    it."""
    run = (agent.left_edge.i, agent.right_edge.i)
    if any(a <= run[1] and run[0] <= b for a, b in contents):
        return None
    return run


def _clause_of_the_cue_object(doc: Doc, cue: Run, contents: list[Run]
                              ) -> tuple[Run, list[Run]]:
    """"said in a statement that X", parsed with the that-clause under "statement": the
    content is the clause, not the noun phrase, and the cue ends before the preposition."""
    a, b = cue
    last = doc[b]
    if b == a or last.pos_ != "ADP":
        return cue, contents
    for noun in last.children:
        if noun.dep_ != "pobj":
            continue
        clause = next((c for c in noun.rights if c.dep_ in ("acl", "ccomp") and any(
            m.dep_ == "mark" and m.lower_ == "that" for m in c.children)), None)
        if clause is None or not any(x <= noun.i <= y for x, y in contents):
            continue
        start, end = clause.left_edge.i, clause.right_edge.i
        kept = [(x, y) for x, y in contents if y < noun.left_edge.i or x > end]
        return (a, b - 1), sorted([*kept, (start, end)])
    return cue, contents


def _asked_of_the_source(doc: Doc, cue: Run, source: Run) -> bool:
    """Whether the cue is a past participle heading a clause of its own without a
    subject or agent ("Asked whether ...,") and the source lies outside that clause."""
    head = next((doc[i] for i in range(cue[0], cue[1] + 1) if lends_no_subject(doc[i])),
                None)
    if head is None or any(c.dep_ in ("nsubj", "nsubjpass", "agent") for c in head.children):
        return False
    return not head.left_edge.i <= source[0] <= head.right_edge.i


def _before_other_cues(cue: Run, contents: list[Run], cues: frozenset[int]) -> list[Run]:
    """The content runs with no other cue between them and this cue, outside the runs
    themselves."""
    if not cues or len(contents) < 2:
        return contents
    inside = {i for a, b in contents for i in range(a, b + 1)}

    def beyond(run: Run) -> bool:
        between = range(cue[1] + 1, run[0]) if run[0] > cue[1] else range(run[1] + 1, cue[0])
        return any(i in cues and i not in inside for i in between)

    kept = [r for r in contents if not beyond(r)]
    return kept or contents


def _left_closed(doc: Doc, run: Run, blocked: set[int]) -> int:
    a, b = run
    start = sentence_of(doc[a]).start
    while a - 1 >= start:
        tok = doc[a - 1]
        if (a - 1 in blocked or _breaks(tok) or tok.dep_ not in LEFT_MODIFIERS
                or not a <= tok.head.i <= b):
            break
        a -= 1
    return a


def _right_closed(doc: Doc, run: Run, blocked: set[int]) -> int:
    a, b = run
    end = sentence_of(doc[b]).end  # exclusive
    while doc[b].pos_ in OPEN_ENDS:
        reach = max((t.right_edge.i for t in doc[b].rights), default=b)
        reach = min(reach, end - 1)
        if reach <= b or any(i in blocked or _breaks(doc[i]) for i in range(b + 1, reach + 1)):
            break
        b = reach
    if (doc[a].text in QUOTE_CHARS and b + 1 < len(doc) and doc[b + 1].text in QUOTE_CHARS
            and b + 1 not in blocked
            and sum(doc[i].text in QUOTE_CHARS for i in range(a, b + 1)) % 2 == 1):
        b += 1  # an opened quotation takes its closing mark
    return b


def _holes_filled(doc: Doc, runs: list[Run], blocked: set[int]) -> list[Run]:
    """Content runs with the words between two of them filled in when either run hangs
    on those words in the parse ("Residents of the old quarter | have filed a complaint |
    against the bridge": "against" depends on "filed"), so that a content is a phrase,
    not a phrase with a hole in it; never across the cue, the source or a line break."""
    out: list[Run] = []
    for run in runs:
        if out and _hangs_on_the_gap(doc, out[-1], run, blocked):
            out[-1] = (out[-1][0], run[1])
        else:
            out.append(run)
    return out


def _hangs_on_the_gap(doc: Doc, first: Run, second: Run, blocked: set[int]) -> bool:
    gap = range(first[1] + 1, second[0])
    if not gap or any(i in blocked or _breaks(doc[i]) for i in gap):
        return False
    if sentence_of(doc[first[1]]).start != sentence_of(doc[second[0]]).start:
        return False
    for a, b in (first, second):
        heads = {doc[i].head.i for i in range(a, b + 1)} - set(range(a, b + 1))
        if heads & set(gap):
            return True
    return False


def _breaks(tok: Token) -> bool:
    return tok.is_space or "\n" in tok.text


def _without(runs: list[Run], taken: set[int]) -> list[Run]:
    """``runs`` less the tokens in ``taken`` (a run may split in two)."""
    out = []
    for a, b in runs:
        start = None
        for i in range(a, b + 2):
            inside = i <= b and i not in taken
            if inside and start is None:
                start = i
            elif not inside and start is not None:
                out.append((start, i - 1))
                start = None
    return out


def _others(runs: list[Run], run: Run) -> set[int]:
    return {i for r in runs if r != run for i in range(r[0], r[1] + 1)}


def _merged(runs: list[Run]) -> list[Run]:
    out: list[Run] = []
    for a, b in sorted(runs):
        if out and a <= out[-1][1] + 1:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def quotation_closed(att: Attribution, quotes: QuoteIndex, text: str) -> Attribution:
    """``att`` with each content piece that opens a quotation run to the end of that
    quotation's segment (its paragraph), when nothing of the attribution's cue or source
    lies between."""
    others = [(seg.start, seg.end) for seg in (*att.cue, *att.source)]
    content = []
    changed = False
    for seg in att.content:
        quote = quotes.inside(seg.start)
        end = next((e for s, e in quote.segments if s == seg.start), None) if quote else None
        if (end is not None and seg.end < end
                and not any(seg.end <= a < end for a, _ in others)
                and not any(o.start >= seg.end and o.start < end for o in att.content)):
            seg = Segment.of(text, seg.start, end)
            changed = True
        content.append(seg)
    return replace(att, content=content) if changed else att
