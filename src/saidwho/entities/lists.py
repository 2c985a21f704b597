"""Reading a written list of states: split at commas, semicolons, bullets and line breaks,
and at "and" unless the words around it are one country's name ("Trinidad and Tobago",
also misspelt). The one list reader of statement documents and of news."""

from __future__ import annotations

import re
from functools import cache

from .countries import country_index, resolve_country

SEPARATORS = re.compile(r"\s*(?:[,;\n•·])\s*")
AND = re.compile(r"\s+(?:and|&)\s+", re.IGNORECASE)
HEADINGS = frozenset({"signatories", "signed", "signed by", "endorsed by", "co-sponsors",
                      "cosponsors", "states", "countries", "members", "supporting states",
                      "list of signatories", "country", "state", "member state",
                      "member states", "date", "date of signature", "signature", "no",
                      "number", "name", "#", "participant", "participants"})
# "1. Aruba", "(12) Chile", "a) Peru": the number of an item, not part of its name
ENUMERATION = re.compile(r"^\s*(?:\(?\d{1,3}[.)]|\(?[a-z][.)])\s+")
MAX_ITEM_WORDS = 8


def split_items(chunk: str) -> list[str]:
    """Names of a written list: split at commas, semicolons, bullets and line breaks, and
    at "and" unless the words around it are one name ("Antigua and Barbuda"); a comma
    inside an ISO name ("Korea, Republic of") is kept."""
    parts = [ENUMERATION.sub("", p).strip(" .:\t\"'“”") for p in SEPARATORS.split(chunk)]
    parts = [re.sub(r"^(?:and|&)\s+", "", p, flags=re.IGNORECASE) for p in parts if p]
    joined: list[str] = []
    k = 0
    while k < len(parts):
        if (k + 1 < len(parts) and exact(f"{parts[k]}, {parts[k + 1]}")
                and not (exact(parts[k]) and exact(parts[k + 1]))):
            joined.append(f"{parts[k]}, {parts[k + 1]}")
            k += 2
        else:
            joined.append(parts[k])
            k += 1
    items = []
    for part in joined:
        pieces = [part] if exact(part) or not AND.search(part) else _and_names(part)
        for piece in pieces:
            piece = re.sub(r"^the\s+", "", piece.strip(), flags=re.IGNORECASE)
            if is_item(piece):
                items.append(piece)
    return items


def is_item(piece: str) -> bool:
    """Whether a piece of a list can be a signatory's name: not a heading ("Country"), and
    without digits (a date or a number in another column of a table)."""
    return bool(piece) and len(piece.split()) <= MAX_ITEM_WORDS and (
        piece.casefold().rstrip(".") not in HEADINGS) and not any(ch.isdigit() for ch in piece)


def _and_names(part: str) -> list[str]:
    """The names in "Peru and Turks and Caicos Islands": split at "and", then rejoined,
    longest first, wherever the joined words name a country whose name holds "and"
    ("Trinidad and Tobago", also misspelt: "Trinidad and Tobaggo")."""
    pieces = AND.split(part)
    out = []
    i = 0
    while i < len(pieces):
        # no country's name holds "and" twice: two or three pieces at a time (linear)
        for j in range(min(len(pieces), i + 3), i + 1, -1):
            joined = " and ".join(pieces[i:j])
            if names_with_and(joined):
                out.append(joined)
                i = j
                break
        else:
            out.append(pieces[i])
            i += 1
    return out


def names_with_and(name: str) -> bool:
    """Whether ``name`` resolves (exactly, by alias or by a clear fuzzy match) to one of
    the countries whose own name holds "and"."""
    found = resolve_country(name)
    return found.iso3 is not None and found.iso3 in and_countries()


@cache
def and_countries() -> frozenset[str]:
    """ISO3 codes of the countries with "and" in one of their names."""
    return frozenset(iso3 for key, (iso3, _kind) in country_index().names.items()
                     if " and " in f" {key} ")


def exact(name: str) -> bool:
    return resolve_country(name).match in ("exact", "alias")
