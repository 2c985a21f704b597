"""Speakers linked to the states they are or speak for, on text written here."""

import pytest

from saidwho.actors.linking import state_code

pytestmark = pytest.mark.model

TEXT = ("The German foreign ministry said the statement was balanced. Israeli officials "
        "said they would not cooperate. Chile said it would sign. The UK said it agreed. "
        "A diplomatic source told the paper that the talks had failed. Jordan Peters, a "
        "lawyer, said the case was weak.")


def test_states_and_their_bodies_carry_the_state_code(extract):
    speakers = {a.speaker.surface.text: a.speaker for a in extract(TEXT)}
    ministry = speakers["The German foreign ministry"]
    assert (ministry.name, ministry.type, ministry.iso3) == (
        "German foreign ministry", "organization", "DEU")
    officials = speakers["Israeli officials"]
    assert (officials.type, officials.iso3) == ("anonymous", "ISR")
    assert (speakers["Chile"].type, speakers["Chile"].iso3) == ("state", "CHL")
    assert speakers["The UK"].iso3 == "GBR"
    assert speakers["A diplomatic source"].iso3 is None
    assert speakers["Jordan Peters, a lawyer"].iso3 is None  # people are not linked


def test_state_code_needs_one_unambiguous_state():
    assert state_code("the Kenyan delegation") == "KEN"
    assert state_code("French and German diplomats") is None  # two states
    assert state_code("the finance committee") is None
