"""Collective actors named with their size: "a group of 93 states", "79 UN member states",
"the five countries", "a coalition of 12 governments"."""

from __future__ import annotations

import re

NUMBER_WORDS = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "dozens": None, "several": None, "many": None,
}
_NUMBER = r"(?P<n>\d[\d,]*|" + "|".join(NUMBER_WORDS) + r")"
_NOUNS = ("states", "countries", "nations", "governments", "delegations")
_MEMBERS = (r"(?:[A-Z][\w.-]*\s+){0,2}(?:member\s+states|states\s+parties|member\s+countries|"
            + "|".join(_NOUNS) + ")")
# Every collective names one of these nouns: a text without any needs no closer look.
MEMBER_NOUN = re.compile(r"\b(?:" + "|".join(_NOUNS) + r")\b", re.IGNORECASE)
COLLECTIVE = re.compile(
    r"^(?:(?:a|an|the)\s+)?(?:(?:core\s+)?(?:group|coalition|bloc|alliance|number|"
    r"majority)\s+of\s+)?(?:some\s+|about\s+|nearly\s+|more\s+than\s+|at\s+least\s+)?"
    + _NUMBER + r"\s+" + _MEMBERS + r"\b",
    re.IGNORECASE,
)


def collective_size(text: str) -> tuple[bool, int | None]:
    """Whether ``text`` names a collective of states, and its size when it is given."""
    m = COLLECTIVE.match(text.strip())
    if m is None:
        return False, None
    raw = m.group("n").lower().replace(",", "")
    return True, int(raw) if raw.isdecimal() else NUMBER_WORDS.get(raw)
