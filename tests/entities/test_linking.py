"""Speakers linked to the states they are or speak for, on text written here."""

import pytest

from saidwho.entities.linking import state_code

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


GROUPS = ("A group of 93 states demanded that the court be allowed to work without "
          "intimidation. The group said the threats were unacceptable. 79 UN member states "
          "said they supported the court. The five countries said in a joint statement that "
          "they would keep funding it.")


def test_collective_actors_carry_their_size_and_are_the_group_later(extract):
    speakers = [(a.speaker.surface.text, a.speaker) for a in extract(GROUPS)]
    first = dict(speakers)["A group of 93 states"]
    assert (first.type, first.count) == ("group", 93)
    later = dict(speakers)["The group"]
    assert later.name == first.name and later.count == 93
    assert dict(speakers)["79 UN member states"].count == 79
    assert dict(speakers)["The five countries"].count == 5


@pytest.mark.parametrize(("text", "size"), [
    ("a coalition of 12 governments", 12), ("some 40 countries", 40),
    ("the 27 EU member states", 27), ("several states", None),
])
def test_collective_sizes(text, size):
    from saidwho.entities.collective import collective_size

    assert collective_size(text) == (True, size)


def test_not_collectives():
    from saidwho.entities.collective import collective_size

    assert collective_size("the foreign ministry")[0] is False
    assert collective_size("93 percent of voters")[0] is False


def test_anonymous_sources_keep_their_descriptor_and_count(extract):
    text = ("A diplomatic source told the paper that the vote was close. Two officials "
            "familiar with the matter said the draft had changed. Officials said it was "
            "final.")
    speakers = {a.speaker.surface.text: a.speaker for a in extract(text)}
    source = speakers["A diplomatic source"]
    assert (source.type, source.descriptor, source.count) == (
        "anonymous", "A diplomatic source", 1)
    two = next(s for k, s in speakers.items() if k.startswith("Two officials"))
    assert (two.type, two.count) == ("anonymous", 2)
    assert speakers["Officials"].count is None


def test_the_statement_speaks_for_the_group_that_made_it(extract):
    text = ("A group of 93 states issued a statement on Friday. The statement called on "
            "all governments to protect the court.")
    (att,) = [a for a in extract(text) if a.cue[0].text.startswith("called")]
    # the statement speaks as a document, linked to the group that issued it
    assert (att.speaker.name, att.speaker.type) == ("statement", "document")
    assert (att.speaker.affiliation, att.speaker.count) == ("A group of 93 states", 93)


PEOPLE = ("The International Criminal Court (ICC) is under pressure. Danya Chaikel, the "
          "International Federation for Human Rights' representative to the ICC, said: \"The "
          "court must be allowed to work.\" She added that threats had grown. The ICC's chief "
          "prosecutor, Karim Khan, said the office had received threats. The ICC said it "
          "would not bow. Berlin said the statement went too far.")


def test_roles_affiliations_acronyms_and_capitals(extract):
    speakers = [a.speaker for a in extract(PEOPLE)]
    chaikel = speakers[0]
    assert (chaikel.name, chaikel.role, chaikel.affiliation) == (
        "Danya Chaikel", "representative to the ICC", "International Federation for Human Rights")
    assert speakers[1].surface.text == "She" and speakers[1].role == chaikel.role
    khan = next(s for s in speakers if s.name == "Karim Khan")
    assert (khan.role, khan.affiliation) == ("chief prosecutor", "International Criminal Court")
    court = next(s for s in speakers if s.surface.text == "The ICC")
    assert court.name == "International Criminal Court"
    berlin = next(s for s in speakers if s.name == "Berlin")
    assert (berlin.type, berlin.iso3) == ("state", "DEU")


def test_acronym_definitions_need_a_matching_initial():
    from saidwho.entities.people import acronyms

    assert acronyms("the International Federation for Human Rights (FIDH) and the "
                    "World Health Organization (WHO)") == {
        "FIDH": "International Federation for Human Rights",
        "WHO": "World Health Organization"}
    assert acronyms("Karim Khan (ICC) said") == {}
