"""States by name: ISO 3166-1 alpha-3 codes for the names real lists and news use.

Names come from pycountry (ISO 3166-1: short names, official names, common names, and
the "Korea, Republic of" forms turned round), plus the project's alias table
(``country_aliases.csv``: short and historical forms, UN styles, demonyms) and the French
names (``countries_fr``: ISO's French short names, French short forms such as "RDC") in
French text only (``names_in("fr")``), so that French statements read as English ones do. A name is
normalised (case, diacritics, punctuation, a leading "the", "X (Y of)" turned round) and
looked up exactly; failing that, fuzzily (rapidfuzz), and the fuzzy answer is only given
when it is close and clearly ahead of any other country's. Otherwise the name is reported
unresolved or ambiguous with its candidates: never a silent wrong answer.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import cache, cached_property, lru_cache
from importlib import resources

import numpy as np
import pycountry
from rapidfuzz import fuzz, process
from rapidfuzz.distance import DamerauLevenshtein, Levenshtein

from .countries_fr import french_names

# Fuzzy matching: the best candidate must score at least FUZZY_MIN (rapidfuzz ratio, 0-100)
# and lead every other country's candidate by FUZZY_MARGIN; one edit (Damerau-Levenshtein)
# from a name of at least EDIT_MIN_LENGTH characters is accepted when no other country's
# name is as close.
FUZZY_MIN = 88.0
FUZZY_MARGIN = 6.0
EDIT_MIN_LENGTH = 5
FUZZY_NAMES = 12  # the names nearest a key whose countries are candidates
FUZZY_BATCH = 1024  # keys scored together: a matrix of 1024 x ~580 floats (5 MB)
# The longest name in the index has 52 characters ("United Kingdom of Great Britain and
# Northern Ireland"); a name four times as long is no country's, spelt however it is, and is
# not looked up: normalising it (the bracket patterns of _keys) takes time quadratic in
# its length, and a list item can be a whole upload.
MAX_NAME_CHARS = 200

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


# French names of states that are also given names ("Maurice", "Dominique", "Salvador"):
# in English text they name people, so only the French reader (countries_fr) takes them
GIVEN_NAMES = frozenset({"maurice", "dominique", "salvador"})
FRENCH_ARTICLE = re.compile(r"^(?:la|le|les)\s+|^l'\s*")
TURNED_BRACKET = re.compile(r"(.+?)\s*\((.+? of(?: the)?)\)")  # "Bolivia (... State of)"
TURNED_COMMA = re.compile(r"([^,]+?)\s*,\s*(.+? of(?: the)?)")  # "Korea, Republic of"
QUALIFIED = re.compile(r"(.+?)\s*\(([^()]+)\)")  # "Virgin Islands (British)"
BRACKETED = re.compile(r"\(.*?\)")
PUNCTUATION = re.compile(r"[^\w\s]")
SPACES = re.compile(r"\s+")


@lru_cache(maxsize=65536)
def _keys(name: str) -> tuple[str, ...]:
    """Normalised forms of a name, the most specific first: "Virgin Islands (British)"
    gives "british virgin islands" and then "virgin islands"."""
    text = unicodedata.normalize("NFKD", name)
    if not text.isascii():
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.casefold().replace("&", " and ").replace("’", "'").strip()
    text = FRENCH_ARTICLE.sub("", text)  # "la Belgique", "l'Afrique du Sud"
    forms = []
    # the patterns are only tried on names holding their bracket or comma (most do not)
    bracket = "(" in text
    turned = (bracket and TURNED_BRACKET.fullmatch(text)) or (
        "," in text and TURNED_COMMA.fullmatch(text))
    if turned:
        forms.append(f"{turned.group(2)} {turned.group(1)}")
    else:
        qualified = bracket and QUALIFIED.fullmatch(text)
        if qualified:
            forms.append(f"{qualified.group(2)} {qualified.group(1)}")
    forms.append(BRACKETED.sub(" ", text) if bracket else text)
    # "Republic of Iran", "Republic of Ireland": the state's form of government before its
    # name, tried last (a fuzzy match would take them for Iraq and Iceland)
    bare = STATE_FORM.sub("", forms[-1])
    if bare != forms[-1] and bare.strip():
        forms.append(bare)
    out: list[str] = []
    for form in forms:
        form = PUNCTUATION.sub(" ", form.replace("'", ""))
        form = SPACES.sub(" ", form).strip()
        form = form[4:] if form.startswith("the ") else form
        if form not in out:
            out.append(form)
    return tuple(out)


@dataclass
class CountryIndex:
    """Normalised name -> (iso3, kind of match)."""

    names: dict[str, tuple[str, str]]
    display: dict[str, str]  # iso3 -> ISO short name

    @cached_property
    def choices(self) -> list[str]:
        """The names, in the order the fuzzy search ranks ties."""
        return list(self.names)

    @cached_property
    def by_length(self) -> dict[int, tuple[list[str], list[str]]]:
        """For each length of a key, the names that could score FUZZY_MIN against it and
        those one edit away could be: a ratio of 88 needs lengths within 12% of their
        sum, one edit lengths within one (within 13%, and two, to be safe)."""
        lengths: dict[int, list[str]] = {}
        for key in self.names:
            lengths.setdefault(len(key), []).append(key)
        return {n: ([k for m in range(n * 87 // 113, n * 113 // 87 + 2)
                     for k in lengths.get(m, ())],
                    [k for m in (n - 1, n, n + 1) for k in lengths.get(m, ())])
                for n in range(1, MAX_NAME_CHARS + 1)}

    def resolve(self, name: str) -> CountryMatch:
        keys = [k for k in _keys(name) if k]
        if not keys:
            return CountryMatch(name, None, None)
        found = self.exact(name, keys)
        return found if found.iso3 else self._fuzzy(name, keys[0])

    def resolves(self, name: str) -> bool:
        """Whether ``resolve(name)`` gives a country, without its fuzzy search where no
        name is near enough to be its answer (most words of a text that is not a list)."""
        keys = [k for k in _keys(name) if k]
        if not keys:
            return False
        if self.exact(name, keys).iso3:
            return True
        return self._near(keys[0]) and self._fuzzy(name, keys[0]).iso3 is not None

    def _near(self, key: str) -> bool:
        """Whether some name could be the fuzzy answer for ``key``: one scoring at least
        FUZZY_MIN, or one edit away; only names of about its length are scored."""
        near, one_edit = self.by_length.get(len(key), ([], []))
        if process.extractOne(key, near, scorer=fuzz.ratio, score_cutoff=FUZZY_MIN):
            return True
        if len(key) < EDIT_MIN_LENGTH:
            return False
        # a swap of two letters is one edit here and two for Levenshtein, the quicker
        if process.extractOne(key, one_edit, scorer=Levenshtein.distance,
                              score_cutoff=2) is None:
            return False
        return any(DamerauLevenshtein.distance(key, k, score_cutoff=1) <= 1 for k in one_edit)

    def exact(self, name: str, keys: list[str] | None = None) -> CountryMatch:
        """The country a name or alias names exactly (no fuzzy guess)."""
        for key in keys if keys is not None else _keys(name):
            hit = self.names.get(key) if key else None
            if hit is not None:
                return CountryMatch(name, hit[0], hit[1])
        return CountryMatch(name, None, None)

    def _fuzzy(self, name: str, key: str) -> CountryMatch:
        found = process.extract(key, self.choices, scorer=fuzz.ratio, limit=FUZZY_NAMES)
        return self._judge(name, key, found)

    def fuzzy_many(self, named: list[tuple[str, str]]) -> list[CountryMatch]:
        """``_fuzzy`` of many (name, key) pairs: their scores against every name come as
        one matrix (rapidfuzz's cdist), ~5 times faster than a search per name."""
        out: list[CountryMatch] = []
        for start in range(0, len(named), FUZZY_BATCH):
            batch = named[start : start + FUZZY_BATCH]
            scores = process.cdist([key for _name, key in batch], self.choices,
                                   scorer=fuzz.ratio, dtype=np.float64)
            out += [self._judge(name, key, found)
                    for (name, key), found in zip(batch, self._best(scores), strict=True)]
        return out

    def _best(self, scores: np.ndarray) -> list[list[tuple[str, float, int]]]:
        """For each row of scores, the FUZZY_NAMES best-scored names as process.extract
        gives them: best first, ties in the order of ``choices``."""
        rows, n = scores.shape
        keep = np.ones_like(scores, dtype=bool)
        if n > FUZZY_NAMES:  # the scores at least each row's FUZZY_NAMES-th best, ties kept
            cut = np.partition(scores, n - FUZZY_NAMES, axis=1)[:, n - FUZZY_NAMES]
            keep = scores >= cut[:, None]
        row, col = np.nonzero(keep)
        value = scores[row, col]
        order = np.lexsort((col, -value, row))  # by row, best first, then in name order
        row, col, value = row[order], col[order], value[order]
        rank = np.arange(len(row)) - np.searchsorted(row, np.arange(rows))[row]
        first = rank < FUZZY_NAMES
        cols, values = col[first].tolist(), value[first].tolist()
        ends = np.cumsum(np.bincount(row[first], minlength=rows)).tolist()
        out: list[list[tuple[str, float, int]]] = []
        start = 0
        for end in ends:
            at = cols[start:end]
            out.append(list(zip([self.choices[c] for c in at], values[start:end], at,
                                strict=True)))
            start = end
        return out

    def _judge(self, name: str, key: str, found: list[tuple[str, float, int]]
               ) -> CountryMatch:
        """The answer for ``name`` given the names nearest its ``key``, best first."""
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
                     if abs(len(cand) - len(key)) <= 1
                     and DamerauLevenshtein.distance(key, cand, score_cutoff=1) <= 1}
            if len(close) == 1:
                return CountryMatch(name, close.pop(), "fuzzy", candidates)
        return CountryMatch(name, None, None, candidates)


# The language of the text whose names are being read ("en" by default): French names of
# states are only looked up, exactly or fuzzily, in French text (``names_in("fr")``), so
# that English lists and speakers read as they always did ("Island" is no "Islande").
_LANGUAGE: ContextVar[str] = ContextVar("saidwho_country_names", default="en")


@contextmanager
def names_in(lang: str) -> Iterator[None]:
    """Read the names of states of a text in language ``lang`` ("en", "fr") inside."""
    token = _LANGUAGE.set(lang)
    try:
        yield
    finally:
        _LANGUAGE.reset(token)


def country_index() -> CountryIndex:
    """The index of ISO names and the project's aliases, with the French names in French
    text (each built once)."""
    return _index(_LANGUAGE.get())


@cache
def _index(lang: str) -> CountryIndex:
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
    if lang == "fr":
        for french, iso3 in french_names():  # "Allemagne", "Pays-Bas", "RDC"
            if normalise(french) not in GIVEN_NAMES:
                names.setdefault(normalise(french), (iso3, "alias"))
    return CountryIndex(names, display)


def load_aliases() -> list[tuple[str, str]]:
    """(alias, iso3) rows of the bundled alias table."""
    path = resources.files("saidwho") / "entities" / "country_aliases.csv"
    with path.open(encoding="utf-8") as fh:
        rows = [r for r in csv.reader(fh) if r and not r[0].startswith("#")]
    return [(r[0], r[1]) for r in rows[1:]]


def resolve_country(name: str) -> CountryMatch:
    """The country a name refers to: exact, alias, or a fuzzy match that is clear enough."""
    if len(name) > MAX_NAME_CHARS:
        return CountryMatch(name, None, None)
    return _resolve(name, _LANGUAGE.get())


def exact_country(name: str) -> CountryMatch:
    """The country a name or alias names exactly; names that only look like one (a fuzzy
    match) get none. Cheap: for linking speakers, which never take a fuzzy guess."""
    if len(name) > MAX_NAME_CHARS:
        return CountryMatch(name, None, None)
    return _exact(name, _LANGUAGE.get())


def resolve_countries(names: Iterable[str]) -> dict[str, CountryMatch]:
    """``resolve_country`` of each name, the fuzzy searches of those that need one made
    together (a statement can list thousands of names no exact match finds)."""
    index = country_index()
    out: dict[str, CountryMatch] = {}
    fuzzy: list[tuple[str, str]] = []
    for name in dict.fromkeys(names):
        keys = [k for k in _keys(name) if k] if len(name) <= MAX_NAME_CHARS else []
        found = index.exact(name, keys) if keys else CountryMatch(name, None, None)
        if found.iso3 or not keys:
            out[name] = found
        else:
            fuzzy.append((name, keys[0]))
    if len(fuzzy) < FUZZY_BATCH // 16:  # a few: the cached search, one at a time
        out.update((name, resolve_country(name)) for name, _key in fuzzy)
    else:
        out.update(zip([name for name, _key in fuzzy], index.fuzzy_many(fuzzy), strict=True))
    return out


def is_country(name: str) -> bool:
    """``resolve_country(name).resolved``, cheaply for the many names that are no
    country's (every line and list item a statement's text holds is asked)."""
    return len(name) <= MAX_NAME_CHARS and _resolves(name, _LANGUAGE.get())


# Memoised on the name as written: a list names the same states again and again, and a
# hostile text the same word; the caches are bounded so a long run does not grow them.
@lru_cache(maxsize=65536)
def _resolve(name: str, lang: str) -> CountryMatch:
    return _index(lang).resolve(name)


@lru_cache(maxsize=65536)
def _exact(name: str, lang: str) -> CountryMatch:
    return _index(lang).exact(name)


@lru_cache(maxsize=65536)
def _resolves(name: str, lang: str) -> bool:
    return _index(lang).resolves(name)


def country_name(iso3: str) -> str:
    """The ISO short name (or common name) of a code."""
    return country_index().display.get(iso3, iso3)
