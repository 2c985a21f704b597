"""Linking speakers to the states they are or speak for.

A state speaker ("Chile", "the United States") gets its ISO 3166-1 code; so does a
government body or official group named after one ("the German foreign ministry",
"Israeli officials", "the French government"), which keeps its own name and type. Only
exact and alias matches count here: a fuzzy guess is never put on a speaker. People are
not linked (a minister's affiliation is a different relation). A capital that speaks
("Berlin said", "Moscow denied") stands for its government (``capitals.csv``).
"""

from __future__ import annotations

import csv
import re
from dataclasses import replace
from functools import cache
from importlib import resources

from ..model import Speaker
from .countries import exact_country

WORD = re.compile(r"[A-Z][\w'’.-]*(?:\s+(?:of|and|the)?\s*[A-Z][\w'’.-]*)*")
MAX_WORDS = 6


def state_code(text: str) -> str | None:
    """The one state a phrase names, by a name or adjective of it; None if none or two."""
    whole = exact_country(text)
    if whole.match in ("exact", "alias"):
        return whole.iso3
    codes = set()
    for m in WORD.finditer(text):
        words = m.group(0).split()
        for n in range(min(len(words), MAX_WORDS), 0, -1):
            for k in range(len(words) - n + 1):
                found = exact_country(" ".join(words[k : k + n]))
                if found.match in ("exact", "alias") and found.iso3:
                    codes.add(found.iso3)
    return codes.pop() if len(codes) == 1 else None


@cache
def capitals() -> dict[str, str]:
    """Capital -> ISO3, for governments named by their capital ("Berlin said")."""
    path = resources.files("saidwho") / "entities" / "capitals.csv"
    with path.open(encoding="utf-8") as fh:
        rows = [r for r in csv.reader(fh) if r and not r[0].startswith("#")]
    return {r[0]: r[1] for r in rows[1:]}


def link_state(speaker: Speaker) -> Speaker:
    """The speaker with ``iso3`` set where it is, or speaks for, a single state; a name
    that is a state's name ("Chile", tagged as an organization) becomes a state."""
    if speaker.iso3 or speaker.type == "unknown":
        return speaker
    capital = capitals().get(speaker.name)
    if capital and speaker.type in ("state", "organization", "person"):
        # "Berlin said": a capital alone as the speaker stands for its government (the
        # tagger often takes it for a person or an organization)
        return replace(speaker, iso3=capital, type="state")
    if speaker.type == "person":
        return speaker
    whole = exact_country(speaker.name)
    if whole.match in ("exact", "alias") and speaker.type != "anonymous":
        return replace(speaker, iso3=whole.iso3, type="state")
    names = [speaker.name]
    if speaker.surface is not None:
        names.append(speaker.surface.text)
    for text in names:
        code = state_code(text)
        if code:
            return replace(speaker, iso3=code)
    return speaker
