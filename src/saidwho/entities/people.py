"""People's roles and affiliations from appositions, and acronyms from their definitions.

"Danya Chaikel, the International Federation for Human Rights' representative to the
ICC" -> role "representative to the ICC", affiliation "International Federation for
Human Rights"; "The ICC's chief prosecutor, Karim Khan" -> role "chief prosecutor",
affiliation "ICC". "the International Criminal Court (ICC)" defines ICC, so a speaker or
affiliation written "ICC" gets the full name.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from spacy.tokens import Span

DETERMINERS = re.compile(r"^(?:the|a|an|its|their|his|her|our|my|your)\s+", re.IGNORECASE)
TRAILING = re.compile(r"\s+(?:of|at|for|from|to|with|in)\s*$", re.IGNORECASE)
ACRONYM = re.compile(
    r"\b(?P<long>(?:[A-Z][\w'’-]*)(?:\s+(?:of|for|the|on|and|de|des|du|la|le|"
    r"[A-Z][\w'’-]*)){1,8})\s+\((?P<short>[A-Z][A-Z&.-]{1,9})\)"
)


def acronyms(text: str) -> dict[str, str]:
    """Acronyms defined in the text ("Long Name (LN)") -> their long forms. The first
    letter of the acronym must begin one of the long form's words."""
    out: dict[str, str] = {}
    for m in ACRONYM.finditer(text):
        long, short = m.group("long"), m.group("short").replace(".", "")
        initials = {w[0] for w in long.split() if w[0].isupper()}
        if short[0] in initials and len(short) <= len(long.split()) + 2:
            out.setdefault(short, DETERMINERS.sub("", long))
    return out


RELATIVE = frozenset({"who", "whose", "whom", "which", "that"})


def role_and_affiliation(surface: Span, name: str | None = None,
                         ents: Sequence[Span] | None = None) -> tuple[str | None, str | None]:
    """The role and organization an apposition gives a person named in ``surface`` (the
    one called ``name`` when several are: "Ruiz's chief of staff, Tom Ode"). ``ents``: the
    document's entities, when the caller has them (``Span.ents`` re-reads them all)."""
    ents = surface.doc.ents if ents is None else ents
    if "," not in surface.text:
        return None, None
    inside = [e for e in ents if surface.start <= e.start and e.end <= surface.end]
    people = [e for e in inside if e.label_ == "PERSON"]
    if not people:
        return None, None
    person = next((e for e in people if name and e.text in name), people[-1] if name
                  else people[0])
    before = surface.doc[surface.start : person.start]
    after = surface.doc[person.end : surface.end]
    phrase = after if len(after) > len(before) else before
    text = phrase.text.strip(" ,;—–-")
    words = [t for t in phrase if not t.is_punct]
    if not words or words[0].lower_ in RELATIVE or phrase.root.pos_ == "PRON":
        return None, None  # "Jonas Petrov, who leads the Trust": a clause, not a role
    affiliation = None
    orgs = [e for e in inside if e.label_ == "ORG" and phrase.start <= e.start
            and e.end <= phrase.end]
    if orgs:
        org = orgs[0]
        affiliation = re.sub(r"(?:’s|'s|'|’)$", "", DETERMINERS.sub("", org.text)).strip()
        start = org.start_char - phrase.start_char
        end = org.end_char - phrase.start_char
        rest = phrase.text[:start] + phrase.text[end:]
        rest = re.sub(r"^\s*(?:’s|'s|'|’)", " ", rest.lstrip()) if start <= 4 else rest
        text = rest.strip(" ,;—–-")
    role = DETERMINERS.sub("", re.sub(r"\s+", " ", text.replace("’s ", " ").replace("'s ", " ")
                                      )).strip()
    role = TRAILING.sub("", role).strip(" ,'’")
    return role or None, affiliation or None
