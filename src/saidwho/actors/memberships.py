"""Who drafted, signed or joined, read from news text.

"The statement was drafted by Belgium, Chile, Jordan, Senegal and Slovenia" and "it was
also signed by Western states including Germany, France, Canada and the UK" give two
membership relations, with the member states resolved to ISO 3166-1 codes; "including"
and "such as" mark a partial list. Only names that resolve exactly or by alias join a
list read from running text, and a list needs at least one of them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ..model import Segment
from .countries import CountryMatch, resolve_country
from .statements import names_with_and, split_items

RELATIONS = {
    "drafted": "drafted", "initiated": "initiated", "led": "led", "prepared": "drafted",
    "signed": "signed", "endorsed": "endorsed", "joined": "joined", "supported": "supported",
    "backed": "supported", "co-sponsored": "cosponsored", "cosponsored": "cosponsored",
}
TRIGGER = re.compile(
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

    @property
    def codes(self) -> list[str]:
        return [m.iso3 for m in self.members if m.iso3]

    def to_dict(self) -> dict[str, Any]:
        return {
            "relation": self.relation,
            "of": self.of,
            "members": [{"name": m.name, "iso3": m.iso3} for m in self.members],
            "partial": self.partial,
            "described": self.described,
            "span": self.span.to_dict(),
        }


def find_memberships(text: str) -> list[Membership]:
    out = []
    for m in TRIGGER.finditer(text):
        start = m.end()
        end_match = SENTENCE_END.search(text, start)
        end = end_match.start() if end_match else len(text)
        # "drafted by A, B and C and also signed by ...": the next relation ends this list
        following = TRIGGER.search(text, start, end)
        if following:
            end = following.start("verb")
        chunk = text[start:end]
        partial = PARTIAL.match(chunk)
        described = None
        if partial:
            described = partial.group("pre").strip() or None
            chunk_start = start + partial.end()
        else:
            chunk_start = start
        members = _leading_states(text[chunk_start:end])
        if not members:
            continue
        last = members[-1].name
        stop = text.find(last, chunk_start)
        stop = stop + len(last) if stop >= 0 else end
        subject = (m.group("subject") or "").strip() or None
        begin = m.start("subject") if subject else m.start("verb")
        out.append(Membership(RELATIONS[m.group("verb")], members, bool(partial),
                              Segment.of(text, begin, stop), subject, described))
    return out


def _leading_states(chunk: str) -> list[CountryMatch]:
    """The states a list starts with, up to the first item that is not one."""
    members = []
    for item in split_items(chunk):
        match = resolve_country(item)
        if (match.match in ("exact", "alias") or " and " in item and names_with_and(item)) and (
                not item[:1].islower()):
            members.append(match)  # "Trinidad and Tobaggo": misspelt, still one name
            continue
        # "Japan on Monday": the list ends inside this item, after its capitalised words
        head = re.match(r"(?:[A-Z][\w'’.-]*\s*)+", item)
        if head:
            match = resolve_country(head.group(0).strip())
            if match.match in ("exact", "alias"):
                members.append(match)
        break
    return members
