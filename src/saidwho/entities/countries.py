"""States by name: ISO 3166-1 alpha-3 codes for the names real lists and news use.

Names come from pycountry (ISO 3166-1: short names, official names, common names, and
the "Korea, Republic of" forms turned round), plus the project's alias table
(``country_aliases.csv``: short and historical forms, UN styles, demonyms). A name is
normalised (case, diacritics, punctuation, a leading "the", "X (Y of)" turned round) and
looked up exactly; failing that, fuzzily (rapidfuzz), and the fuzzy answer is only given
when it is close and clearly ahead of any other country's. Otherwise the name is reported
unresolved or ambiguous with its candidates: never a silent wrong answer.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources

import pycountry
from rapidfuzz import fuzz, process
from rapidfuzz.distance import DamerauLevenshtein

# Fuzzy matching: the best candidate must score at least FUZZY_MIN (rapidfuzz ratio, 0-100)
# and lead every other country's candidate by FUZZY_MARGIN; one edit (Damerau-Levenshtein)
# from a name of at least EDIT_MIN_LENGTH characters is accepted when no other country's
# name is as close.
FUZZY_MIN = 88.0
FUZZY_MARGIN = 6.0
EDIT_MIN_LENGTH = 5

MATCH_KINDS = ("exact", "alias", "fuzzy")


@dataclass(frozen=True)
class CountryMatch:
    """How a name as written resolved: ``iso3`` is None when unresolved or ambiguous."""

    name: str
    iso3: str | None
    match: str | None  # exact | alias | fuzzy, None when unresolved
    candidates: tuple[tuple[str, float], ...] = field(default=())  # (iso3, score), best first

    @property
    def resolved(self) -> bool:
        return self.iso3 is not None

    def to_dict(self) -> dict[str, object]:
        return {
            "name": self.name,
            "iso3": self.iso3,
            "match": self.match,
            "candidates": [{"iso3": c, "score": round(s, 1)} for c, s in self.candidates],
        }


def normalise(name: str) -> str:
    """Lower case, no diacritics or punctuation, "&" as "and", no leading "the", and
    "Bolivia (Plurinational State of)" / "Korea, Republic of" turned round."""
    return _keys(name)[0]


STATE_FORM = re.compile(
    r"^(?:the\s+)?(?:(?:islamic|democratic|federal|people'?s|united|plurinational|socialist|"
    r"arab|federative|bolivarian|cooperative|oriental)\s+)*(?:republic|kingdom|state|"
    r"commonwealth|principality|sultanate|grand duchy|federation|emirate)\s+of\s+(?:the\s+)?")


def _keys(name: str) -> list[str]:
    """Normalised forms of a name, the most specific first: "Virgin Islands (British)"
    gives "british virgin islands" and then "virgin islands"."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.casefold().replace("&", " and ").replace("’", "'").strip()
    forms = []
    turned = re.fullmatch(r"(.+?)\s*\((.+? of(?: the)?)\)", text) or re.fullmatch(
        r"([^,]+?)\s*,\s*(.+? of(?: the)?)", text)
    if turned:
        forms.append(f"{turned.group(2)} {turned.group(1)}")
    else:
        qualified = re.fullmatch(r"(.+?)\s*\(([^()]+)\)", text)
        if qualified:
            forms.append(f"{qualified.group(2)} {qualified.group(1)}")
    forms.append(re.sub(r"\(.*?\)", " ", text))
    # "Republic of Iran", "Republic of Ireland": the state's form of government before its
    # name, tried last (a fuzzy match would take them for Iraq and Iceland)
    bare = STATE_FORM.sub("", forms[-1])
    if bare != forms[-1] and bare.strip():
        forms.append(bare)
    out = []
    for form in forms:
        form = re.sub(r"[^\w\s]", " ", form.replace("'", ""))
        form = re.sub(r"\s+", " ", form).strip()
        form = re.sub(r"^the ", "", form)
        if form not in out:
            out.append(form)
    return out


@dataclass
class CountryIndex:
    """Normalised name -> (iso3, kind of match)."""

    names: dict[str, tuple[str, str]]
    display: dict[str, str]  # iso3 -> ISO short name

    def resolve(self, name: str) -> CountryMatch:
        keys = [k for k in _keys(name) if k]
        if not keys:
            return CountryMatch(name, None, None)
        found = self.exact(name, keys)
        return found if found.iso3 else self._fuzzy(name, keys[0])

    def exact(self, name: str, keys: list[str] | None = None) -> CountryMatch:
        """The country a name or alias names exactly (no fuzzy guess)."""
        for key in keys if keys is not None else _keys(name):
            hit = self.names.get(key) if key else None
            if hit is not None:
                return CountryMatch(name, hit[0], hit[1])
        return CountryMatch(name, None, None)

    def _fuzzy(self, name: str, key: str) -> CountryMatch:
        found = process.extract(key, list(self.names), scorer=fuzz.ratio, limit=12)
        best: dict[str, float] = {}
        for cand, score, _ in found:
            code = self.names[cand][0]
            best[code] = max(best.get(code, 0.0), float(score))
        ranked = sorted(best.items(), key=lambda kv: -kv[1])[:5]
        candidates = tuple(ranked)
        if not ranked:
            return CountryMatch(name, None, None)
        top_code, top_score = ranked[0]
        runner_up = ranked[1][1] if len(ranked) > 1 else 0.0
        if top_score >= FUZZY_MIN and top_score - runner_up >= FUZZY_MARGIN:
            return CountryMatch(name, top_code, "fuzzy", candidates)
        if len(key) >= EDIT_MIN_LENGTH:
            close = {self.names[cand][0] for cand, _s, _ in found
                     if DamerauLevenshtein.distance(key, cand) <= 1}
            if len(close) == 1:
                return CountryMatch(name, close.pop(), "fuzzy", candidates)
        return CountryMatch(name, None, None, candidates)


@cache
def country_index() -> CountryIndex:
    """The index of ISO names and the project's aliases (built once)."""
    names: dict[str, tuple[str, str]] = {}
    display: dict[str, str] = {}
    for c in pycountry.countries:
        display[c.alpha_3] = getattr(c, "common_name", None) or c.name
        for attr in ("name", "official_name", "common_name"):
            value = getattr(c, attr, None)
            if value:
                names.setdefault(normalise(value), (c.alpha_3, "exact"))
    for alias, iso3 in load_aliases():
        names.setdefault(normalise(alias), (iso3, "alias"))
    return CountryIndex(names, display)


def load_aliases() -> list[tuple[str, str]]:
    """(alias, iso3) rows of the bundled alias table."""
    path = resources.files("saidwho") / "entities" / "country_aliases.csv"
    with path.open(encoding="utf-8") as fh:
        rows = [r for r in csv.reader(fh) if r and not r[0].startswith("#")]
    return [(r[0], r[1]) for r in rows[1:]]


@lru_cache(maxsize=65536)
def resolve_country(name: str) -> CountryMatch:
    """The country a name refers to: exact, alias, or a fuzzy match that is clear enough."""
    return country_index().resolve(name)


@lru_cache(maxsize=65536)
def exact_country(name: str) -> CountryMatch:
    """The country a name or alias names exactly; names that only look like one (a fuzzy
    match) get none. Cheap: for linking speakers, which never take a fuzzy guess."""
    return country_index().exact(name)


def country_name(iso3: str) -> str:
    """The ISO short name (or common name) of a code."""
    return country_index().display.get(iso3, iso3)
