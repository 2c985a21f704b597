"""States in French: the French ISO 3166-1 names (pycountry's French translation of the
ISO list) and ``fr_country_words.csv`` (demonyms, capitals, common short forms and
seats of government: "belge", "Pékin", "RDC", "Quai d'Orsay"). Exact matches only, after
the article ("la Belgique", "l'Afrique du Sud", "les Pays-Bas"), case and diacritics are
set aside: a speaker is linked to a state on a name, never on a guess."""

from __future__ import annotations

import csv
import gettext
import re
import unicodedata
from functools import cache
from importlib import resources

import pycountry

ARTICLE = re.compile(r"^(?:les?|la|l['’]|du|des|de la|de l['’]|d['’]|aux?)\s*", re.I)


def key(name: str) -> str:
    """A name compared without its article, case, diacritics, hyphens or apostrophes."""
    text = ARTICLE.sub("", name.strip())
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    text = re.sub(r"[-'’]", " ", text)
    return re.sub(r"\s+", " ", text).strip()


@cache
def _translation() -> gettext.NullTranslations:
    try:
        return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["fr"])
    except OSError:  # a pycountry without its translations: the table alone
        return gettext.NullTranslations()


@cache
def _tables() -> tuple[dict[str, str], dict[str, tuple[str, str]], dict[str, str]]:
    """(French name by code, (code, kind) by key of every word, demonym key -> code)."""
    fr = _translation()
    names: dict[str, str] = {}
    words: dict[str, tuple[str, str]] = {}
    for c in pycountry.countries:
        french = fr.gettext(c.name)
        names[c.alpha_3] = french
        words.setdefault(key(french), (c.alpha_3, "name"))
        common = getattr(c, "common_name", None)
        if common:
            words.setdefault(key(fr.gettext(common)), (c.alpha_3, "name"))
    demonyms: dict[str, str] = {}
    for word, iso3, kind in _words():
        if kind == "demonym":
            demonyms.setdefault(key(word), iso3)
        else:
            words.setdefault(key(word), (iso3, kind))
        names.setdefault(iso3, word if kind == "alias" else iso3)
    return names, words, demonyms


def french_state(name: str) -> str | None:
    """The code of the state a French name, capital, short form or seat of government
    names ("la Belgique", "Pretoria", "RDC", "le Quai d'Orsay"), or None."""
    hit = _tables()[1].get(key(name))
    return hit[0] if hit else None


def demonym_state(word: str) -> str | None:
    """The state of a French adjective of nationality in any gender and number
    ("belge", "sénégalaise", "ivoiriens", "néerlandaises")."""
    demonyms = _tables()[2]
    base = key(word)
    for form in (base, base[:-1] if base.endswith("s") else base):
        for stem in (form, form[:-1] if form.endswith("e") else form,
                     form[:-2] if form.endswith("ne") else form):
            if stem in demonyms:
                return demonyms[stem]
    return None


def french_name(iso3: str) -> str:
    """The French ISO short name of a code ("BEL" -> "Belgique")."""
    return _tables()[0].get(iso3, iso3)


def french_names() -> list[tuple[str, str]]:
    """(name, code) of the French names of states: ISO's French short names (common
    names too) and the table's short forms ("RDC", "Centrafrique"); not capitals,
    demonyms or seats of government, which name a state only as a speaker."""
    fr = _translation()
    out: list[tuple[str, str]] = []
    for c in pycountry.countries:
        out.append((fr.gettext(c.name), c.alpha_3))
        common = getattr(c, "common_name", None)
        if common:
            out.append((fr.gettext(common), c.alpha_3))
    return out + [(word, iso3) for word, iso3, kind in _words() if kind == "alias"]


@cache
def _words() -> list[tuple[str, str, str]]:
    """The (word, code, kind) rows of ``fr_country_words.csv``."""
    path = resources.files("saidwho") / "entities" / "fr_country_words.csv"
    with path.open(encoding="utf-8") as fh:
        rows = [r for r in csv.reader(fh) if r and not r[0].startswith("#")][1:]
    return [(word, iso3, kind) for word, iso3, kind in rows]
