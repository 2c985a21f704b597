"""Country resolution on a test set built here from ISO 3166-1 names (pycountry), the
alias table, UN-style forms and systematic misspellings of them."""

from __future__ import annotations

import random
import unicodedata

import pycountry
import pytest
from rapidfuzz.distance import DamerauLevenshtein

from saidwho.entities.countries import country_index, load_aliases, normalise, resolve_country


def official_and_common_forms() -> list[tuple[str, str]]:
    forms = []
    for c in pycountry.countries:
        for attr in ("name", "official_name", "common_name"):
            value = getattr(c, attr, None)
            if value:
                forms.append((value, c.alpha_3))
                if ", " in value and value.endswith((" of", " of the")):
                    head, tail = value.split(", ", 1)  # "Korea, Republic of" turned round
                    forms.append((f"{tail} {head}", c.alpha_3))
                    forms.append((f"{head} ({tail})", c.alpha_3))
    forms += [(a, code) for a, code in load_aliases()]
    return forms


def _edits(word: str, rng: random.Random) -> list[str]:
    """One deletion, one swap of neighbours, one doubled letter, one vowel changed."""
    k = rng.randrange(1, len(word) - 1)
    out = [word[:k] + word[k + 1:], word[:k] + word[k + 1] + word[k] + word[k + 2:],
           word[:k] + word[k] + word[k:]]
    vowels = [i for i, ch in enumerate(word) if ch in "aeiou" and 0 < i < len(word) - 1]
    if vowels:
        i = rng.choice(vowels)
        out.append(word[:i] + ("e" if word[i] != "e" else "a") + word[i + 1:])
    return out


def misspellings() -> list[tuple[str, str]]:
    rng = random.Random(7)
    keys = country_index().names
    out = []
    for c in pycountry.countries:
        name = getattr(c, "common_name", None) or c.name
        if "," in name or len(name) < 5:
            continue
        stripped = "".join(ch for ch in unicodedata.normalize("NFKD", name)
                           if not unicodedata.combining(ch))
        variants = _edits(name, rng) + ([stripped] if stripped != name else [])
        for v in variants:
            key = normalise(v)
            others = [k for k, (code, _) in keys.items() if code != c.alpha_3
                      and DamerauLevenshtein.distance(key, k) <= 1]
            if not others:  # an edit that lands next to another country is not a test
                out.append((v, c.alpha_3))
    out += [("Lesoto", "LSO"), ("Andoria", "AND"), ("Kirgizstan", "KGZ"),
            ("Tadjikistan", "TJK"), ("Byelorussia", "BLR"), ("Irak", "IRQ"),
            ("Cote dIvoire", "CIV"), ("Turkiye", "TUR"), ("Phillipines", "PHL")]
    return out


def test_every_official_and_common_form_resolves_exactly():
    forms = official_and_common_forms()
    wrong = [(n, code, resolve_country(n).iso3) for n, code in forms
             if resolve_country(n).iso3 != code]
    assert len(forms) > 500
    assert wrong == []


def test_misspellings_resolve_mostly_and_never_wrongly():
    cases = misspellings()
    results = [(n, code, resolve_country(n)) for n, code in cases]
    wrong = [(n, code, m.iso3) for n, code, m in results if m.iso3 not in (None, code)]
    resolved = sum(1 for _n, code, m in results if m.iso3 == code)
    assert len(cases) > 500
    assert wrong == []
    assert resolved / len(cases) >= 0.95, f"{resolved}/{len(cases)}"


@pytest.mark.parametrize(("name", "iso3", "match"), [
    ("Bolivia (Plurinational State of)", "BOL", "exact"),
    ("Kingdom of the Netherlands", "NLD", "exact"),
    ("State of Palestine", "PSE", "exact"),
    ("Côte d'Ivoire", "CIV", "exact"),
    ("Cote d'Ivoire", "CIV", "exact"),
    ("Ivory Coast", "CIV", "alias"),
    ("Czechia", "CZE", "exact"),
    ("Czech Republic", "CZE", "exact"),
    ("Türkiye", "TUR", "exact"),
    ("Turkey", "TUR", "alias"),
    ("Cabo Verde", "CPV", "exact"),
    ("Cape Verde", "CPV", "alias"),
    ("Timor-Leste", "TLS", "exact"),
    ("Republic of Moldova", "MDA", "exact"),
    ("Republic of Korea", "KOR", "exact"),
    ("the UK", "GBR", "alias"),
    ("the US", "USA", "alias"),
    ("Cook Islands", "COK", "exact"),
    ("Lesoto", "LSO", "fuzzy"),
    ("Andoria", "AND", "fuzzy"),
    ("Virgin Islands (British)", "VGB", "exact"),
    ("Virgin Islands (U.S.)", "VIR", "alias"),
])
def test_spellings_from_real_lists(name, iso3, match):
    m = resolve_country(name)
    assert (m.iso3, m.match) == (iso3, match)


def test_unknown_and_ambiguous_names_are_reported_with_candidates():
    unknown = resolve_country("Atlantis")
    assert unknown.iso3 is None and unknown.match is None and unknown.candidates
    between = resolve_country("Nigera")  # Nigeria or Niger?
    assert between.iso3 is None
    assert {"NGA", "NER"} <= {code for code, _ in between.candidates}
    assert resolve_country("").iso3 is None
