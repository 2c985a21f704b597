"""Reading a written list of states: split at commas, semicolons, bullets and line breaks,
and at "and" unless the words around it are one country's name ("Trinidad and Tobago",
also misspelt). The one list reader of statement documents and of news."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import cache, lru_cache

from .countries import MAX_NAME_CHARS, country_index, exact_country, is_country, resolve_country

SEPARATOR = re.compile(r"[,;\n•·]")
# "(?<!\s)": a match begins where its run of spaces does, so a long run is read once
# (a bare "\s+" is tried again from every space of the run: quadratic in its length)
AND = re.compile(r"(?<!\s)\s+(?:and|et|&)\s+", re.IGNORECASE)  # "et": French lists
HEADINGS = frozenset({"signatories", "signed", "signed by", "endorsed by", "co-sponsors",
                      "cosponsors", "states", "countries", "members", "supporting states",
                      "list of signatories", "country", "state", "member state",
                      "member states", "date", "date of signature", "signature", "no",
                      "number", "name", "#", "participant", "participants",
                      # French
                      "signataires", "liste des signataires", "états", "pays", "état",
                      "membres", "états membres", "pays signataires", "états signataires",
                      "nom"})
# "1. Aruba", "(12) Chile", "a) Peru": the number of an item, not part of its name
ENUMERATION = re.compile(r"^\s*(?:\(?\d{1,3}[.)]|\(?[a-z][.)])\s+")
MAX_ITEM_WORDS = 8
LEADING_AND = re.compile(r"^(?:and|et|&)\s+", re.IGNORECASE)
LEADING_THE = re.compile(r"^(?:the|la|le|les)\s+|^l['’]\s*", re.IGNORECASE)


def split_items(chunk: str) -> list[str]:
    """Names of a written list: split at commas, semicolons, bullets and line breaks, and
    at "and" unless the words around it are one name ("Antigua and Barbuda"); a comma
    inside an ISO name ("Korea, Republic of") is kept."""
    return list(iter_items(chunk))


def iter_items(chunk: str) -> Iterator[str]:
    """``split_items`` one name at a time, reading no further into ``chunk`` than the
    names asked for (a list's reader stops at its first item that is no name)."""
    return _items(_parts(chunk))


def iter_items_backward(chunk: str) -> Iterator[str]:
    """``split_items`` last name first, reading no further back into ``chunk`` than the
    names asked for (the states that end a text before a verb, whatever comes first).

    The parts are read back in blocks, doubling; a block begins at a part its neighbour
    before it does not join ("Korea, Republic of" is one name), so each block's names are
    the ones the whole chunk gives there."""
    back = _parts_backward(chunk)
    ahead = next(back, None)  # the part before the block being read
    size = 8
    while ahead is not None:
        block = [ahead]  # last part first
        ahead = next(back, None)
        while ahead is not None and (len(block) < size or _joins(ahead, block[-1])):
            block.append(ahead)
            ahead = next(back, None)
        yield from reversed(list(_items(reversed(block))))
        size *= 2


def _items(parts: Iterable[str]) -> Iterator[str]:
    """The names of a list's parts, in order: two parts that make one name ("Korea",
    "Republic of") joined, and a part split at "and" where it holds two names."""
    parts = iter(parts)
    part = next(parts, None)
    while part is not None:
        after = next(parts, None)
        if after is not None and _joins(part, after):
            part, after = f"{part}, {after}", next(parts, None)
        yield from _names(part) if len(part) <= MAX_NAME_CHARS else _names.__wrapped__(part)
        part = after


@lru_cache(maxsize=65536)  # a list repeats its names, a hostile text its words
def _names(part: str) -> tuple[str, ...]:
    """The names in one part of a list: split at "and" unless it is one name."""
    pieces = [part] if exact(part) or not AND.search(part) else _and_names(part)
    return tuple(piece for piece in (LEADING_THE.sub("", p.strip()) for p in pieces)
                 if is_item(piece))


def _joins(part: str, after: str) -> bool:
    """Whether two parts are one name with a comma in it ("Korea, Republic of") rather
    than two names."""
    return not (exact(part) and exact(after)) and exact(f"{part}, {after}")


def _parts(chunk: str) -> Iterator[str]:
    """The parts of a list between its separators, in order (empty ones dropped)."""
    pos = 0
    ends = [m.start() for m in SEPARATOR.finditer(chunk)]
    for k, end in enumerate([*ends, len(chunk)]):
        part = _clean(chunk[pos:end], first=k == 0, last=k == len(ends))
        pos = end + 1
        if part is not None:
            yield part


def _parts_backward(chunk: str, step: int = 4096) -> Iterator[str]:
    """``_parts`` last first, finding the separators a stretch of ``step`` characters
    at a time from the end."""
    end, hi = len(chunk), len(chunk)  # the next part ends at ``end``
    while hi > 0:
        lo = max(0, hi - step)
        for sep in reversed([m.start() for m in SEPARATOR.finditer(chunk, lo, hi)]):
            part = _clean(chunk[sep + 1 : end], first=False, last=end == len(chunk))
            end = sep
            if part is not None:
                yield part
        hi = lo
    part = _clean(chunk[:end], first=True, last=end == len(chunk))
    if part is not None:
        yield part


def _clean(raw: str, first: bool, last: bool) -> str | None:
    """A part as the list reader takes it: without the spaces next to a separator (as
    splitting at ``\\s*[,;\\n•·]\\s*`` leaves it), the number of an enumeration, quotes
    and a leading "and" (None for a part with nothing else; "and" alone leaves "")."""
    raw = raw if first else raw.lstrip()
    raw = raw if last else raw.rstrip()
    part = ENUMERATION.sub("", raw).strip(" .:\t\"'“”")
    return LEADING_AND.sub("", part) if part else None


def is_item(piece: str) -> bool:
    """Whether a piece of a list can be a signatory's name: not a heading ("Country"), and
    without digits (a date or a number in another column of a table)."""
    return bool(piece) and len(piece.split()) <= MAX_ITEM_WORDS and (
        piece.casefold().rstrip(".") not in HEADINGS) and not any(map(str.isdigit, piece))


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
    if not is_country(name):  # most joins are of two names, or none
        return False
    found = resolve_country(name)
    return found.iso3 is not None and found.iso3 in and_countries()


@cache
def and_countries() -> frozenset[str]:
    """ISO3 codes of the countries with "and" in one of their names."""
    return frozenset(iso3 for key, (iso3, _kind) in country_index().names.items()
                     if " and " in f" {key} ")


def exact(name: str) -> bool:
    """Whether a name names a country exactly or by an alias (never a fuzzy guess)."""
    return exact_country(name).match in ("exact", "alias")
