"""Membership relations read from news text written here."""

import json

import pytest
from click.testing import CliRunner

from saidwho.cli import main
from saidwho.pipeline.memberships import find_memberships

STORY = ("A group of 93 states demanded that the court be allowed to work without "
         "intimidation. The statement was drafted by Belgium, Chile, Jordan, Senegal and "
         "Slovenia. It was also signed by Western states including Germany, France, Canada "
         "and the UK. The plan was backed by the minister and his aides. The resolution, "
         "led by Mexico, passed. A text was endorsed by the U.S. and Japan on Monday.")


def test_drafted_and_signed_lists_with_partial_lists_and_subjects():
    found = find_memberships(STORY)
    drafted, signed, led, endorsed = found
    assert (drafted.relation, drafted.of, drafted.partial) == ("drafted", "The statement", False)
    assert drafted.codes == ["BEL", "CHL", "JOR", "SEN", "SVN"]
    assert (signed.relation, signed.partial, signed.described) == (
        "signed", True, "Western states")
    assert signed.codes == ["DEU", "FRA", "CAN", "GBR"]
    assert (led.relation, led.codes) == ("led", ["MEX"])
    assert endorsed.codes == ["USA", "JPN"]
    assert STORY[drafted.span.start : drafted.span.end] == drafted.span.text


def test_two_relations_in_one_sentence_keep_their_own_lists():
    text = ("The statement was drafted by Belgium, Senegal and Slovenia and also signed by "
            "states including Germany, France and Canada.")
    drafted, signed = find_memberships(text)
    assert (drafted.relation, drafted.partial, drafted.codes) == (
        "drafted", False, ["BEL", "SEN", "SVN"])
    assert drafted.span.text.endswith("Slovenia")
    assert (signed.relation, signed.partial, signed.described, signed.codes) == (
        "signed", True, "states", ["DEU", "FRA", "CAN"])


def test_people_are_not_members():
    assert find_memberships("The plan was backed by the minister and his aides.") == []
    assert find_memberships("It was signed by Jordan Peters and Ana Ruiz.") == []


@pytest.mark.model
def test_extract_output_has_the_memberships(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text(STORY, encoding="utf-8")
    result = CliRunner().invoke(main, ["extract", str(path)])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.output)
    assert [m["relation"] for m in doc["memberships"]] == ["drafted", "signed", "led",
                                                           "endorsed"]
    assert doc["memberships"][1]["members"][-1] == {"name": "UK", "iso3": "GBR", "type": "state"}


@pytest.mark.parametrize("text", [
    "The statement was drafted by Chile, Peru and Trinidad and Tobago.",
    "The statement was drafted by Chile, Peru and Trinidad and Tobaggo.",
    "The statement was drafted by Trinidad and Tobago, Chile and Peru.",
])
def test_news_lists_keep_names_holding_and(text):
    (m,) = find_memberships(text)
    assert (m.relation, sorted(m.codes)) == ("drafted", ["CHL", "PER", "TTO"])


def test_members_that_are_not_states_are_kept_without_a_code():
    (signed,) = find_memberships("The statement was signed by the European Union, Norway "
                                 "and the State of Palestine.")
    assert [(m["name"], m["iso3"], m["type"]) for m in signed.to_dict()["members"]] == [
        ("European Union", None, "organization"), ("Norway", "NOR", "state"),
        ("State of Palestine", "PSE", "state")]
    (joined,) = find_memberships("Kosovo and Taiwan also signed the letter.")
    assert joined.codes == ["XKX", "TWN"]


def test_every_relation_names_the_statement_it_is_of():
    text = ("A joint statement on the court was published on Monday. It was drafted by "
            "Belgium, Chile and Jordan. Norway and Kenya signed the statement on Tuesday. "
            "A separate letter was signed by Peru.")
    assert [(m.relation, m.of) for m in find_memberships(text)] == [
        ("drafted", "A joint statement"), ("signed", "A joint statement"),
        ("signed", "A separate letter")]
