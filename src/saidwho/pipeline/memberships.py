"""Who drafted, signed, co-sponsored or joined, read from news text, sentence by sentence.

* passive: "The statement was drafted by Belgium, Chile and Slovenia", "signed by the
  envoys in Geneva of A, B and C", "endorsed by the following States: A, B";
* active: "Norway, Kenya and Uruguay signed the letter", "Ghana joined the statement",
  "Japan is co-sponsoring the resolution", "A further eight states (A, B, ...) signed",
  "A signed the statement along with B and C";
* copular: "A, B and C were the main sponsors", "were later added as co-sponsors", "A and
  B were among the 40 states that endorsed it";
* "The idea came from A, B and C" (initiated);
* a count now, names in the next sentence: "endorsed by 30 countries. A and B were among
  them, as were C and D, but not E" (E is not a member).

Members are states resolved to ISO 3166-1 codes (exactly or by alias; a name holding "and"
also when misspelt). ``partial`` marks a list that names only some ("including", "among
them", "and 30 other countries", fewer names than the count); ``count`` is the number the
text gives. Every pattern reads a bounded stretch of its own sentence: linear in the text.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Any

from ..entities.collective import NUMBER_WORDS
from ..entities.countries import CountryMatch, exact_country, resolve_country
from ..entities.lists import iter_items, iter_items_backward, names_with_and
from ..model import Segment

RELATIONS = {
    "drafted": "drafted", "initiated": "initiated", "led": "led", "prepared": "drafted",
    "signed": "signed", "endorsed": "endorsed", "joined": "joined", "supported": "supported",
    "backed": "supported", "co-sponsored": "cosponsored", "cosponsored": "cosponsored",
}
VERB_BY = re.compile(
    r"(?:(?P<subject>\b(?:[Tt]he|[Ii]ts|[Tt]his|[Tt]hat|[Ii]t|[Tt]hey)\b[\w\s'’-]{0,40}?)\s+"
    r"(?:was|were|is|are|has been|have been|had been)\s+)?(?:also\s+|jointly\s+|later\s+)?"
    r"(?P<verb>" + "|".join(RELATIONS) + r")\s+by\s+",
)
PARTIAL = re.compile(r"^(?P<pre>[^.;:]{0,60}?)\b(?:including|such as|among them)\s+",
                     re.IGNORECASE)
SENTENCE_END = re.compile(r"\.(?=\s+[A-Z\"“]|\s*$)|[;:\n]")


@dataclass
class Membership:
    relation: str  # drafted | initiated | led | signed | endorsed | joined | ...
    members: list[CountryMatch]
    partial: bool  # the text names only some members ("including", "such as")
    span: Segment
    of: str | None = None  # what was drafted or signed ("The statement"), when named
    described: str | None = None  # how the members are described ("Western states")
    count: int | None = None  # how many the text says there are ("a group of 20 countries")

    def shifted(self, offset: int) -> Membership:
        """The same relation with its span moved (for texts read in chunks)."""
        return replace(self, span=self.span.shifted(offset))

    @property
    def codes(self) -> list[str]:
        return [m.iso3 for m in self.members if m.iso3]

    def to_dict(self) -> dict[str, Any]:
        return {
            "relation": self.relation,
            "of": self.of,
            "members": [{"name": m.name, "iso3": m.iso3,
                         "type": "state" if m.iso3 else "organization"}
                        for m in self.members],
            "partial": self.partial,
            "described": self.described,
            "count": self.count,
            "span": self.span.to_dict(),
        }


def find_memberships(text: str) -> list[Membership]:
    """Every membership relation the text states, sentence by sentence, in text order."""
    out: list[Membership] = []
    pending: Membership | None = None  # "endorsed by 30 countries." names them next
    for start, end in _sentences(text):
        found = _passive(text, start, end)
        # an active subject begins after any list already read before its verb
        found += _active(text, start, end, [m.span.end for m in found if m.members])
        found += _copular(text, start, end) + _came_from(text, start, end)
        if pending is not None:
            found += _among_them(text, start, end, pending)
        pending = next((m for m in found if not m.members and m.count), None)
        out += [m for m in found if m.members]
    out.sort(key=lambda m: (m.span.start, m.span.end))
    _name_what(text, out)
    return out


THING = re.compile(
    r"\b(?:[Tt]he|[Aa]n?|[Tt]his|[Tt]hat|[Ii]ts|[Tt]heir)\s+(?:[\w-]+\s+){0,3}?"
    r"(?P<noun>statement|letter|declaration|resolution|appeal|text|communiqu[eé]|proposal|"
    r"motion|petition|initiative)s?\b")


OBJECT_REACH = 40  # how far after a relation its object ("signed the statement") may be


def _name_what(text: str, found: list[Membership]) -> None:
    """Name what each membership is of, one name per statement in the article: the first
    mention of the statement the relation is about ("A joint statement ... It was drafted
    by ..." and "... signed the statement" are both of "A joint statement")."""
    things = list(THING.finditer(text))
    if not things:
        return
    first: dict[str, str] = {}
    for t in things:
        first.setdefault(t.group("noun").lower(), t.group(0))
    starts = [t.start() for t in things]
    for m in found:
        # the statement named in the relation itself, else the one named last before it
        stop = text.find(".", m.span.end, m.span.end + OBJECT_REACH)
        stop = stop if stop >= 0 else min(m.span.end + OBJECT_REACH, len(text))
        j = bisect.bisect_left(starts, m.span.start)
        k = bisect.bisect_right(starts, m.span.start) - 1
        thing = things[j] if j < len(things) and starts[j] < stop else (
            things[k] if k >= 0 else None)
        if thing is not None:
            m.of = first[thing.group("noun").lower()]


ABBREVIATION = re.compile(r"(?:\b[A-Z]|\b(?:St|Mr|Mrs|Ms|Dr|Sen|Gen|Gov|Rep|Fed|No|Jr|Sr|Mt))$")


def _sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence: ends at ".", "!" or "?" before a capital or the end
    (not after an initial or "St."), and at line breaks."""
    out, start = [], 0
    for m in re.finditer(r"[.!?](?=\s+[\"“A-Z]|\s*$)|\n", text):
        if m.group(0) == "." and ABBREVIATION.search(text, max(start, m.start() - 4),
                                                       m.start()):
            continue
        if text[start : m.start()].strip():
            out.append((start, m.start()))
        start = m.end()
    if text[start:].strip():
        out.append((start, len(text)))
    return out


def _passive(text: str, start: int, end: int) -> list[Membership]:
    """"drafted by A, B and C", "signed by the envoys in Geneva of A and B", "endorsed by
    the following States: A, B", "endorsed by 30 countries" (a count, named later)."""
    out = []
    triggers = list(VERB_BY.finditer(text, start, end))
    for k, m in enumerate(triggers):
        # "drafted by A, B and C and also signed by ...": the next relation ends this list
        stop = triggers[k + 1].start("verb") if k + 1 < len(triggers) else end
        subject = (m.group("subject") or "").strip() or None
        begin = m.start("subject") if subject else m.start("verb")
        found = _list_membership(text, m.end(), stop, RELATIONS[m.group("verb")], begin,
                                 subject)
        if found is not None:
            out.append(found)
    return out


LEAD_IN = re.compile(r"^[^,;]{0,60}?(?::|\bof)\s+")  # "the following States:", "envoys of"
# A number is read from the start of its run of digits and commas only: begun again at
# every digit of "1,2,3,..." it would be read to its end each time (quadratic).
COUNT = re.compile(r"(?:(?<![\d,]),*(?=\d)|(?=[^\d,]))"
                   r"(?P<n>\d[\d,]*|" + "|".join(NUMBER_WORDS) + r")\s+(?:other\s+|more\s+)?"
                   r"(?:[A-Z][\w.-]*\s+){0,2}(?:member\s+)?(?:states|countries|nations|"
                   r"governments|delegations)\b", re.IGNORECASE)
OTHERS = re.compile(r"\b(?:and|along\s+with|together\s+with|plus)\s+(?:some\s+|about\s+)?"
                    r"(?P<n>\d+|\w+)\s+other\s+(?:states|countries|nations|governments)\b",
                    re.IGNORECASE)


def _list_membership(text: str, start: int, stop: int, relation: str, begin: int,
                     subject: str | None) -> Membership | None:
    """The membership a list after a trigger gives, or a count to be named later."""
    chunk = text[start:stop]
    partial = PARTIAL.match(chunk)
    described = None
    offset = 0
    if partial:
        described = partial.group("pre").strip() or None
        offset = partial.end()
    members = _leading_states(chunk[offset:])
    if not members:
        lead = LEAD_IN.match(chunk)
        if lead:
            offset = lead.end()
            members = _leading_states(chunk[offset:])
    count = _count(chunk[: offset] if members else chunk)
    others = OTHERS.search(chunk)
    if not members:
        if count is None:
            return None
        span = Segment.of(text, begin, start + len(chunk.rstrip(" ,")))
        return Membership(relation, [], True, span, subject, described, count)
    if others:  # "Chile, Argentina and 30 other countries"
        count = len(members) + (_number(others.group("n")) or 0)
    last = members[-1].name
    end = text.find(last, start + offset, stop)
    end = end + len(last) if end >= 0 else stop
    is_partial = bool(partial) or others is not None or (count is not None
                                                         and count > len(members))
    return Membership(relation, members, is_partial, Segment.of(text, begin, end), subject,
                      described, count)


ACTIVE = re.compile(
    r"\b(?:(?P<aux>is|are|was|were|has been|have been)\s+)?(?:also\s+|later\s+|jointly\s+)?"
    r"(?P<verb>signed|endorsed|joined|backed|supported|drafted|co-sponsored|cosponsored|"
    r"sponsored|initiated|co-sponsoring|cosponsoring|sponsoring|signing|endorsing|joining|"
    r"backing|supporting)\b(?!\s+by\b)")
ACTIVE_RELATIONS = {"signed": "signed", "signing": "signed", "endorsed": "endorsed",
                    "endorsing": "endorsed", "joined": "joined", "joining": "joined",
                    "backed": "supported", "backing": "supported", "supported": "supported",
                    "supporting": "supported", "drafted": "drafted", "initiated": "initiated",
                    "co-sponsored": "cosponsored", "cosponsored": "cosponsored",
                    "sponsored": "cosponsored", "co-sponsoring": "cosponsored",
                    "cosponsoring": "cosponsored", "sponsoring": "cosponsored"}
# what a state signs: the object of an active relation verb, or nothing ("Ghana signed.")
SIGNED_THING = re.compile(  # used with .match(text, pos): anchored where the verb ends
    r"\s*(?:the|a|an|this|that|its|their|on)?\s*(?:[\w-]+\s+){0,3}?(?:statement|letter|text|"
    r"declaration|resolution|appeal|proposal|motion|communiqu[eé]|initiative|call|document|"
    r"petition|draft|agreement|pledge|it|them|on)\b|\s*(?:[,.;]|$|along with)", re.IGNORECASE)
ALONG_WITH = re.compile(r"\balong\s+with\s+", re.IGNORECASE)
ALONG_WITH_REACH = 80  # characters after the verb


def _active(text: str, start: int, end: int, barriers: list[int] | None = None
            ) -> list[Membership]:
    """"Norway, Kenya and Uruguay signed the letter", "Ghana joined the statement", "Japan
    is co-sponsoring the resolution", "A further eight states (A, B, ...) signed", "A group
    of 20 countries, among them A, B and C, backed the proposal", "A signed the statement
    along with B and C": the states just before the verb (and after "along with")."""
    out = []
    floor = start  # a subject never reaches back past the verb before it (linear time)
    barriers = sorted(barriers or ())
    verbs = list(ACTIVE.finditer(text, start, end))
    starts = [v.start() for v in verbs]
    for m in verbs:
        since, floor = floor, m.end()
        k = bisect.bisect_right(barriers, m.start())  # the last list read before the verb
        since = max(since, barriers[k - 1]) if k else since
        if not SIGNED_THING.match(text, m.end(), end):
            continue
        subject = _subject_states(text, since, m.start())
        if subject is None:
            continue
        members, partial, count, begin = subject
        # "signed the statement along with ...": close after the verb's object
        along = ALONG_WITH.search(text, m.end(), min(end, m.end() + ALONG_WITH_REACH))
        stop = m.end()
        if along:
            # the list is read up to the next verb at most ("... along with B, and C
            # joined": C's clause ends it), so no stretch is read twice
            k = bisect.bisect_left(starts, along.end())
            limit = verbs[k].end() if k < len(verbs) else end
            more = _leading_states(text[along.end() : limit])
            seen = {y.iso3 for y in members}
            members += [x for x in more if x.iso3 not in seen]
            if more:
                last = more[-1].name
                found = text.find(last, along.end(), limit)
                stop = found + len(last) if found >= 0 else end
        relation = ACTIVE_RELATIONS[m.group("verb").lower()]
        out.append(Membership(relation, members, partial, Segment.of(text, begin, stop),
                              None, None, count))
    return out


COPULAR = re.compile(
    r"\b(?:were|was|are|is)\s+(?:later\s+|also\s+|then\s+)?(?:added\s+as\s+|listed\s+as\s+|"
    r"(?:among\s+)?the\s+(?:main\s+|original\s+|first\s+|only\s+|other\s+)?)?"
    r"(?P<noun>co-?sponsors|sponsors|drafters|authors|signatories|initiators|supporters|"
    r"endorsers)\b", re.IGNORECASE)
NOUN_RELATIONS = {"co-sponsors": "cosponsored", "cosponsors": "cosponsored",
                  "sponsors": "cosponsored", "drafters": "drafted", "authors": "drafted",
                  "signatories": "signed", "initiators": "initiated", "supporters": "supported",
                  "endorsers": "endorsed"}
AMONG = re.compile(
    r"\b(?:were|are|was|is)\s+(?:also\s+)?among\s+(?:the\s+)?(?P<count>[\w,]+)\s+(?:other\s+)?"
    r"(?:states|countries|nations|governments)\s+(?:that|which|who)\s+(?:have\s+|had\s+)?"
    r"(?:also\s+)?(?P<verb>" + "|".join(ACTIVE_RELATIONS) + r")\b", re.IGNORECASE)


def _copular(text: str, start: int, end: int) -> list[Membership]:
    """"A, B and C were the main sponsors of the resolution", "A and B were later added as
    co-sponsors", "A and B were among the 40 states that endorsed it"."""
    out = []
    for m, members, partial, count, begin in _with_subjects(COPULAR, text, start, end):
        out.append(Membership(NOUN_RELATIONS[m.group("noun").lower()], members, partial,
                              Segment.of(text, begin, m.end()), None, None, count))
    for m, members, _partial, _count, begin in _with_subjects(AMONG, text, start, end):
        out.append(Membership(ACTIVE_RELATIONS[m.group("verb").lower()], members, True,
                              Segment.of(text, begin, m.end()), None, None,
                              _number(m.group("count"))))
    return out


def _with_subjects(pattern: re.Pattern[str], text: str, start: int, end: int
                   ) -> Iterator[tuple[re.Match[str], list[CountryMatch], bool, int | None, int]]:
    """Each match of ``pattern`` in the sentence with the states before it, read back no
    further than the previous match (linear time)."""
    floor = start
    for m in pattern.finditer(text, start, end):
        since, floor = floor, m.end()
        subject = _subject_states(text, since, m.start())
        if subject is not None:
            yield (m, *subject)


CAME_FROM = re.compile(r"\b(?:idea|initiative|proposal|plan|draft|text)\s+(?:first\s+)?"
                       r"came\s+from\s+", re.IGNORECASE)


def _came_from(text: str, start: int, end: int) -> list[Membership]:
    """"The idea came from A, B and C": who initiated it."""
    out = []
    triggers = list(CAME_FROM.finditer(text, start, end))
    for k, m in enumerate(triggers):
        stop = triggers[k + 1].start() if k + 1 < len(triggers) else end  # as _passive
        found = _list_membership(text, m.end(), stop, "initiated", m.start(), None)
        if found is not None and found.members:
            out.append(found)
    return out


# matched from the last space before "were", then taken back to the first (a "\s+" tried
# from every space of a long run would read the run again each time)
AMONG_THEM = re.compile(r"\s(?:were|are)\s+(?:also\s+)?among\s+them\b", re.IGNORECASE)
AS_WERE = re.compile(r"\bas\s+(?:were|was|did|have|has)\s+", re.IGNORECASE)
BUT_NOT = re.compile(r"\bbut\s+not\s+", re.IGNORECASE)


def _among_them(text: str, start: int, end: int, pending: Membership) -> list[Membership]:
    """After "endorsed by 30 countries.": "A, B and C were among them, as were D and E, but
    not F" names some of them (F not)."""
    m = AMONG_THEM.search(text, start, end)
    if m is None:
        return []
    begin = m.start()
    while begin > start and text[begin - 1].isspace():
        begin -= 1
    members = _trailing_states(text[start:begin])
    if not members:
        return []
    stop = m.end()
    more = AS_WERE.search(text, m.end(), end)
    if more:
        cut = BUT_NOT.search(text, more.end(), end)
        extra = _leading_states(text[more.end() : cut.start() if cut else end])
        members += extra
        if extra:
            found = text.find(extra[-1].name, more.end(), end)
            stop = found + len(extra[-1].name) if found >= 0 else stop
    return [Membership(pending.relation, members, True, Segment.of(text, start, stop),
                       pending.of, pending.described, pending.count)]


def _subject_states(text: str, start: int, verb: int
                    ) -> tuple[list[CountryMatch], bool, int | None, int] | None:
    """The states a clause names as its subject, just before its verb: (members, partial,
    count, where the subject begins). "A further eight states (A, ...)": the list in
    brackets and the count; "A group of 20 countries, among them A, B": partial."""
    before = text[start:verb].rstrip(" ,")
    bracket = re.search(r"[(\[]([^()\[\]]+)[)\]]\s*$", before)
    if bracket:
        members = _leading_states(bracket.group(1))
        head = before[: bracket.start()]
        count = _count(head)
        if members:
            return (members, count is not None and count > len(members), count,
                    start + len(head) - len(head.lstrip()))
    among = re.search(r"\b(?:among\s+them|including|such\s+as)\s+", before, re.IGNORECASE)
    if among:
        members = _leading_states(before[among.end() :])
        if members:
            return members, True, _count(before[: among.start()]), start
    members = _trailing_states(before)
    if not members:
        return None
    first = before.rfind(members[0].name)
    return members, False, None, start + max(first, 0)


def _trailing_states(before: str) -> list[CountryMatch]:
    """The members a text ends with ("... Norway, Kenya and Uruguay"), in order."""
    out: list[CountryMatch] = []
    for item in iter_items_backward(before):  # read back no further than the first non-name
        match = _member(item)
        if match is None:
            break
        out.append(match)
    return out[::-1]


def _count(text: str) -> int | None:
    """The number of states a phrase counts ("30 countries", "a group of twenty states")."""
    m = COUNT.search(text)
    return _number(m.group("n")) if m else None


def _number(word: str) -> int | None:
    raw = word.lower().replace(",", "")
    return int(raw) if raw.isdecimal() else NUMBER_WORDS.get(raw)


# bodies of states that sign and join as members in their own right; kept as members
# without a code (never mapped to a country)
ORGANIZATIONS = {
    "european union": "European Union", "eu": "European Union",
    "african union": "African Union", "au": "African Union", "asean": "ASEAN",
    "arab league": "Arab League", "league of arab states": "Arab League",
    "organisation of islamic cooperation": "Organisation of Islamic Cooperation",
    "organization of islamic cooperation": "Organisation of Islamic Cooperation",
    "oic": "Organisation of Islamic Cooperation", "council of europe": "Council of Europe",
    "caricom": "CARICOM", "mercosur": "Mercosur", "ecowas": "ECOWAS",
    "gulf cooperation council": "Gulf Cooperation Council",
}


def _member(item: str) -> CountryMatch | None:
    """A list item as a member: a state (exactly, by alias, or a misspelt name holding
    "and") or one of the ORGANIZATIONS (no code); None for anything else."""
    if item[:1].islower() and not item.lower().startswith("the "):
        return None
    if exact_country(item).match in ("exact", "alias") or (
            " and " in item and names_with_and(item)):
        return resolve_country(item)  # "Trinidad and Tobaggo": misspelt, still one name
    name = ORGANIZATIONS.get(re.sub(r"^the\s+", "", item.strip(), flags=re.I).lower())
    return CountryMatch(name, None, None) if name else None


CLAUSE_VERB = re.compile(  # a verb after a name: the name begins a clause
    r"(?:also\s+|later\s+|then\s+)?(?:" + "|".join(ACTIVE_RELATIONS) + r"|said|says|was|were|"
    r"is|are|has|have|had|will|would|did|does|called|added|agreed|refused|declined)\b")


def _leading_states(chunk: str) -> list[CountryMatch]:
    """The members a list starts with, up to the first item that is not one."""
    members = []
    for item in iter_items(chunk):  # read no further than the first item that is no name
        match = _member(item)
        if match is not None:
            members.append(match)
            continue
        # "Japan on Monday": the list ends inside this item, after its capitalised words,
        # unless they are the subject of a clause of their own ("and Kosovo joined it")
        head = re.match(r"(?:[A-Z][\w'’.-]*\s*)+", item)
        if head and not CLAUSE_VERB.match(item, head.end()):
            match = resolve_country(head.group(0).strip())
            if match.match in ("exact", "alias"):
                members.append(match)
        break
    return members
