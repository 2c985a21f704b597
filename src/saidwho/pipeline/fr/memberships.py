"""Who drafted, signed, co-sponsored, initiated or joined a joint statement, read from
French news, sentence by sentence (the English reader is ``pipeline/memberships.py``; the
records are the same ``Membership``).

* participles with "par": "Le texte a été rédigé par la Belgique, le Sénégal et le
  Chili", "coparrainé par ...", "signée notamment par ..." (partial), "signé par des pays
  de toutes les régions, parmi lesquels la France, ..." (partial);
* "à l'initiative de la France et du Costa Rica" (initiated);
* an active verb after its list: "la Belgique, l'Allemagne et la France ont coparrainé un
  texte", "L'Afrique du Sud s'est jointe à la déclaration", "les Émirats arabes unis se
  sont joints aux coparrains", "le Kenya a rejoint l'initiative" (joined).

A list item is a state's French name with its article or preposition ("la Belgique",
"l'Afrique du Sud", "les Pays-Bas", "du Ghana", "Sao Tomé-et-Principe"), resolved
exactly (``entities.countries_fr``); a list ends at its first item that names no state.
A relation stated in the conditional ("aurait été rédigé par") is not recorded: the text
does not vouch for it.
"""

from __future__ import annotations

import re

from ...entities.countries import CountryMatch
from ...entities.countries_fr import french_state
from ...model import Segment
from ..memberships import Membership

PARTICIPLES = {"rédigé": "drafted", "préparé": "drafted", "élaboré": "drafted",
               "signé": "signed", "cosigné": "signed", "paraphé": "signed",
               "coparrainé": "cosponsored", "parrainé": "cosponsored",
               "soutenu": "endorsed", "appuyé": "endorsed", "endossé": "endorsed",
               "initié": "initiated", "lancé": "initiated"}
PASSIVE = re.compile(
    r"\b(?P<verb>" + "|".join(PARTICIPLES) + r")(?:e|s|es)?\s+"
    r"(?:(?:conjointement|également|aussi|ensuite|finalement|déjà)\s+)*"
    r"(?P<notably>notamment\s+)?par\s+", re.IGNORECASE)
INITIATIVE = re.compile(r"\bà\s+l['’]initiative\s+(?=de\b|du\b|des\b|d['’])", re.IGNORECASE)
ACTIVE = re.compile(
    r"\s(?P<aux>a|ont|avait|avaient|vient de|viennent de)\s+(?:(?:également|aussi|déjà|"
    r"finalement|ensuite)\s+)?(?P<verb>" + "|".join(PARTICIPLES) + r"|rejoint)\b"
    r"|\s(?P<joined>s['’](?:est|était)\s+(?:\w+\s+)?joint(?:e)?|se\s+sont\s+(?:\w+\s+)?"
    r"joint(?:e)?s|s['’](?:est|était)\s+associé(?:e)?|se\s+sont\s+associé(?:e)?s)\b",
    re.IGNORECASE)
CONDITIONAL = re.compile(r"\b(?:aurai(?:en)?t|serai(?:en)?t)\s+(?:été\s+)?$", re.IGNORECASE)
PARTIAL_OPENERS = re.compile(
    r"^(?P<described>[^,;.]{0,60}?),?\s*(?:parmi\s+lesquel(?:le)?s|dont|notamment|"
    r"entre\s+autres|en\s+particulier|comme)\s+", re.IGNORECASE)
ITEM_SPLIT = re.compile(r",\s*|\s+et\s+|\s+ainsi\s+que\s+|\s+puis\s+")
LEADING = re.compile(r"^(?:et\s+)?(?:(?:de\s+la|des|du|de|par)\s+|(?:de\s+l|d)['’]\s*)?"
                     r"(?:(?:les|la|le)\s+|l['’]\s*)?", re.IGNORECASE)
SENTENCE = re.compile(r"[^.!?\n]+[.!?]?")
MAX_LIST_CHARS = 600


def find_memberships(text: str) -> list[Membership]:
    """Every membership relation the French text states, in text order."""
    out: list[Membership] = []
    for sent in SENTENCE.finditer(text):
        start, end = sent.span()
        out += _passive(text, start, end) + _initiative(text, start, end)
        out += _active(text, start, end)
    out.sort(key=lambda m: (m.span.start, m.span.end))
    return [m for m in out if m.members]


def _passive(text: str, start: int, end: int) -> list[Membership]:
    out = []
    for m in PASSIVE.finditer(text, start, end):
        if CONDITIONAL.search(text, max(start, m.start() - 20), m.start()):
            continue
        relation = PARTICIPLES[m.group("verb").lower()]
        members, partial, list_end = _forward_list(text, m.end(), end)
        out.append(Membership(relation, members, partial or bool(m.group("notably")),
                              Segment.of(text, m.start(), list_end or m.end())))
    return out


def _initiative(text: str, start: int, end: int) -> list[Membership]:
    out = []
    for m in INITIATIVE.finditer(text, start, end):
        members, partial, list_end = _forward_list(text, m.end(), end)
        out.append(Membership("initiated", members, partial,
                              Segment.of(text, m.start(), list_end or m.end())))
    return out


def _active(text: str, start: int, end: int) -> list[Membership]:
    out = []
    for m in ACTIVE.finditer(text, start, end):
        if m.group("joined") or (m.group("verb") or "").lower() == "rejoint":
            relation = "joined"
        else:
            relation = PARTICIPLES[m.group("verb").lower()]
        members, list_start = _backward_list(text, start, m.start())
        if members:
            out.append(Membership(relation, members, False,
                                  Segment.of(text, list_start, m.end())))
    return out


def _state(item: str) -> CountryMatch | None:
    name = LEADING.sub("", item.strip(" «»\"“”.;:!?")).strip()
    if not name or len(name) > 60:
        return None
    iso3 = french_state(name)
    return CountryMatch(name, iso3, "exact") if iso3 else None


def _forward_list(text: str, start: int, end: int) -> tuple[list[CountryMatch], bool, int]:
    """The states listed from ``start``: (members, whether only some are named, where the
    list ends). "des pays de toutes les régions, parmi lesquels A, B et C" names some."""
    stretch = text[start:min(end, start + MAX_LIST_CHARS)]
    partial = False
    offset = 0
    opener = PARTIAL_OPENERS.match(stretch)
    if opener is not None and _state(opener.group("described").split(",")[0]) is None:
        partial = True
        offset = opener.end()
    members: list[CountryMatch] = []
    list_end = 0
    for piece, piece_end in _pieces(stretch[offset:]):
        state = _state(piece)
        if state is None:
            break
        members.append(state)
        list_end = start + offset + piece_end
    return members, partial, list_end


def _pieces(stretch: str) -> list[tuple[str, int]]:
    """The items of a list with where each ends: the stretches between commas, "et" and
    "ainsi que"."""
    out = []
    at = 0
    for sep in ITEM_SPLIT.finditer(stretch):
        out.append((stretch[at:sep.start()], sep.start()))
        at = sep.end()
    out.append((stretch[at:], len(stretch)))
    return out


def _backward_list(text: str, start: int, stop: int) -> tuple[list[CountryMatch], int]:
    """The states listed right before an active verb, back to the sentence start or a
    leading phrase ("Dans la soirée, la Belgique, l'Allemagne et la France ont ...")."""
    stretch = text[start:stop]
    members: list[CountryMatch] = []
    first = len(stretch)
    for piece, piece_end in reversed(_pieces(stretch)):
        state = _state(piece)
        if state is None:
            break
        members.insert(0, state)
        first = piece_end - len(piece)
    if not members:
        return [], stop
    return members, start + first
