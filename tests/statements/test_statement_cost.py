"""The statement reader and the news memberships are linear in their text (issue 15).

No test here is timed: each counts the work a stage hands to the list reader (characters
of list parts cleaned) and to the country lookup (characters of names normalised) on a
hostile text and on one twice as long, and asks that the work no more than double. The
readers these replace re-read the rest of the text for every heading or trigger, four
times the work for twice the text."""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator

import pytest

from saidwho.entities import countries, lists
from saidwho.entities.countries import (
    MAX_NAME_CHARS,
    country_index,
    exact_country,
    is_country,
    resolve_countries,
    resolve_country,
)
from saidwho.entities.lists import iter_items_backward, split_items
from saidwho.pipeline.memberships import _count, find_memberships
from saidwho.statements.statement import MAX_HEADINGS_CROSSED, read_statement


@pytest.fixture
def work(monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, int]]:
    """Characters the list reader cleans and the country lookup normalises, counted."""
    counted = {"list": 0, "lookup": 0}
    clean, keys = lists._clean, countries._keys

    def counting_clean(raw: str, first: bool, last: bool) -> str | None:
        counted["list"] += len(raw)
        return clean(raw, first, last)

    def counting_keys(name: str) -> tuple[str, ...]:
        counted["lookup"] += len(name)
        return keys.__wrapped__(name)

    monkeypatch.setattr(lists, "_clean", counting_clean)
    monkeypatch.setattr(countries, "_keys", counting_keys)
    _forget_lookups()
    yield counted
    _forget_lookups()


CACHES = (countries._resolve, countries._exact, countries._resolves, countries._keys)


def _forget_lookups() -> None:
    for cached in CACHES:
        cached.cache_clear()


def _work(counted: dict[str, int], stage: Callable[[str], object], text: str) -> dict[str, int]:
    _forget_lookups()
    before = dict(counted)
    stage(text)
    return {k: counted[k] - before[k] for k in counted}


HOSTILE = [
    ("led by\n", 400),  # 34 s for 700 of these before
    ("signed by ", 400),  # 110 s for 4,000
    ("led by ", 400),
    ("signed by Chile, ", 300),
    ("Signed by Chile, Peru and Trinidad & Tobago, ", 100),
]


@pytest.mark.parametrize(("unit", "n"), HOSTILE)
@pytest.mark.parametrize("stage", [read_statement, find_memberships],
                         ids=["statement", "memberships"])
def test_twice_the_text_is_at_most_twice_the_work(work, stage, unit, n):
    once = _work(work, stage, unit * n)
    twice = _work(work, stage, unit * 2 * n)
    for kind in ("list", "lookup"):
        assert twice[kind] <= 2.2 * once[kind] + 200, (kind, once, twice)


MEMBERSHIP_HOSTILE = [
    "Chile signed it along with Peru, and ",  # each "along with" read the rest of the sentence
    "Chile signed it along with the EU, and ",
    "The idea came from Chile and ",  # each trigger read to the end of the sentence
    "drafted by Chile and Peru signed it ",
    "Xq, Zv, Chile and Peru were the sponsors and ",
    "Norway, Kenya and Uruguay signed the letter and ",
]


@pytest.mark.parametrize("unit", MEMBERSHIP_HOSTILE)
def test_membership_triggers_in_one_long_sentence_are_linear(work, unit):
    once = _work(work, find_memberships, unit * 200)
    twice = _work(work, find_memberships, unit * 400)
    for kind in ("list", "lookup"):
        assert twice[kind] <= 2.2 * once[kind] + 200, (kind, once, twice)


def test_a_subject_list_is_read_back_only_as_far_as_its_first_non_name(work):
    garbage = ", ".join(f"Word{chr(97 + k % 26)}{chr(97 + k // 26 % 26)}" for k in range(5000))
    found = _work(work, find_memberships, f"{garbage}, Chile and Peru signed the letter.")
    assert found["list"] < 2_000 and found["lookup"] < 2_000  # of 45,000 characters


def test_a_run_in_list_crosses_a_bounded_number_of_headings():
    # the reading kept from before: a list runs on across the next heading in its sentence
    st = read_statement("Statement\n\nIt was drafted by Chile and Peru and endorsed by the "
                        "following States: Ghana, Kenya.\n")
    assert [s.match.name for s in st.signatories if s.role == "drafter"][:2] == ["Chile",
                                                                                 "Peru"]
    assert {s.match.iso3 for s in st.signatories if s.role == "signatory"} == {"GHA", "KEN"}
    # ... but not across more than MAX_HEADINGS_CROSSED of them: every list here is two
    # thirds states, and each held all the rest of the text before (quadratic output)
    text = "Statement\n\n" + "signed by Chile, Peru, Ghana, " * 10 + "\n"
    lists_read = [min(MAX_HEADINGS_CROSSED + 1, 10 - k) for k in range(10)]
    assert len(read_statement(text).signatories) == 3 * sum(lists_read)


def test_a_name_too_long_to_be_a_country_is_not_looked_up(work):
    for name in ("(" * 5_000, "Chile (" + "x" * 5_000 + ")", "a " * 3_000 + "of)"):
        assert resolve_country(name).iso3 is None and exact_country(name).iso3 is None
    assert work["lookup"] == 0
    assert resolve_country("Chile (" + "x" * (MAX_NAME_CHARS - 10) + ")").iso3 == "CHL"


@pytest.mark.parametrize("text", [
    "Chile, Peru and Trinidad and Tobago", "Korea, Republic of, Chile", "1. Chile\n2. Peru",
    "Republic of the, Congo, The Democratic Republic of the", ", ,Chile;  and ;Peru,",
    "Virgin Islands, British, Virgin Islands, U.S. and Saint Kitts and Nevis",
])
def test_the_backward_list_reader_gives_the_forward_names_reversed(text, monkeypatch):
    # blocks of one part at a time, so every block boundary is crossed
    monkeypatch.setattr(lists._parts_backward, "__defaults__", (1,))
    assert list(iter_items_backward(text)) == split_items(text)[::-1]


@pytest.mark.parametrize(("phrase", "count"), [
    ("30 countries", 30), ("1,234 states", 1234), (",5 countries", 5), ("a group of twenty "
                                                                       "states", 20),
    ("12,,3 nations", 123), ("5x two countries", 2), ("no number here", None),
])
def test_counts_are_read_from_the_start_of_their_number(phrase, count):
    assert _count(phrase) == count


def test_the_quick_country_check_agrees_with_the_full_lookup():
    # is_country skips the fuzzy search where no name is near: it must answer as it would
    rng = random.Random(11)
    names = list(country_index().names)
    asked = ["Lesoto", "Andoria", "Phillipines", "Trinidad and Tobaggo", "Atlantis", "",
             "Kirgizstan", "Chille", "Irak", "Iran", "the", "Republic of"]
    for name in rng.sample(names, 150):
        k = rng.randrange(len(name))
        asked += [name[:k] + name[k + 1:], name[:k] + "x" + name[k:], name.title()]
    letters = "abcdefghijklmnopqrstuvwxyz "
    asked += ["".join(rng.choice(letters) for _ in range(rng.randrange(1, 30)))
              for _ in range(300)]
    assert [is_country(n) for n in asked] == [resolve_country(n).resolved for n in asked]


def test_fuzzy_searches_made_together_give_the_answers_made_one_by_one():
    rng = random.Random(5)
    names = list(country_index().names)
    asked = [name[:k] + name[k + 1:] for name in rng.sample(names, 200)
             for k in [rng.randrange(len(name))]]
    asked += ["Atlantis", "Lesoto", "Andoria", "Phillipines", "zz", "", "(" * 300]
    asked += ["".join(rng.choice("abcdefghij ") for _ in range(rng.randrange(1, 20)))
              for _ in range(200)]
    together = resolve_countries(asked)
    assert [together[n].to_dict() for n in asked] == [resolve_country(n).to_dict()
                                                      for n in asked]


def test_statement_html_is_read_with_one_line_per_block():
    from saidwho.statements.documents import html_text

    title, text = html_text("<html><head><title>Joint  statement</title><script>x</script>"
                            "</head><body><p>We call on all states.<br>Signed:</p><ul>"
                            "<li>Chile</li><li>Ghana<!-- note --></li></ul></body></html>")
    assert title == "Joint statement"
    assert text == "We call on all states.\nSigned:\n\nChile\n\nGhana\n"
    assert html_text("<a " * 50_000) == (None, "\n")  # malformed: read, nothing in it
