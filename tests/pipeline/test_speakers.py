"""Speaker and channel resolution inside an article; needs the English spaCy pipeline."""

import pytest

pytestmark = pytest.mark.model


def speakers(extract, text):
    return [(" ".join(s.text for s in a.source), a.speaker.name if a.speaker else None,
             a.speaker.type if a.speaker else None) for a in extract(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a pronoun resolves to the earlier person
        ("Karim Khan opened the hearing. He said the evidence was strong.",
         ("He", "Karim Khan", "person")),
        # a short name resolves to the earlier full name
        ("Karim Khan opened the hearing. Khan said the evidence was strong.",
         ("Khan", "Karim Khan", "person")),
        # a definite description resolves to the earlier mention with the same head noun
        ("A diplomatic source said the vote was close. The source added that two "
         "countries abstained.", ("The source", "A diplomatic source", "anonymous")),
        # an unnamed source keeps its descriptor
        ("Two officials familiar with the talks said the deal was off.",
         ("Two officials familiar with the talks", "Two officials familiar with the talks",
          "anonymous")),
        # a relative pronoun stands for the noun phrase before it
        ("Karim Khan, who said the evidence was strong, left early.",
         ("who", "Karim Khan", "person")),
        # an apposition keeps the person, not the description
        ("The group's chairman, Tomas Brandt, said the bridge was too expensive.",
         ("The group's chairman, Tomas Brandt", "Tomas Brandt", "person")),
        # a surname the recogniser takes for an organization is still the person
        ("\u201cThis bridge will carry our goods,\u201d said Mayor Elena Varga after the "
         "vote.\n\nVarga told the Lakeside Herald that work would begin in the spring.",
         ("Varga", "Elena Varga", "person")),
        # a description naming its own place is not an anaphor for an earlier body
        ("Port Alder council backs bridge\n\nThe city council of Port Alder said on Monday "
         "that a second bridge would be built.",
         ("The city council of Port Alder", "city council of Port Alder", "organization")),
        # "it" after "The statement was ...": the statement, a document
        ("A group of 12 states has signed a statement on the river. The statement was "
         "drafted by Austria and also endorsed by Norway and Japan. It called on all "
         "countries to share data.", ("It", "statement", "document")),
        # a collective that never spoke is still there for "the group"
        ("A group of 40 states wrote to the court on Monday. The group said threats were "
         "unacceptable.", ("The group", "A group of 40 states", "group")),
        # a paper the recogniser takes for a person does not catch a later "she"
        ("Mayor Elena Varga spoke after the vote. Varga told the Alder Gazette that work "
         "would begin soon. She added that it would cost 40 million euros.",
         ("She", "Elena Varga", "person")),
        # a person's name the parser hangs on the object of the role's preposition
        ("The chief archivist of the city library, Noor Haddad, said the files were lost.",
         ("The chief archivist of the city library, Noor Haddad", "Noor Haddad", "person")),
        # a described body is a new speaker, not the last organization met
        ("The opposition claims that the budget is short. The transport ministry said "
         "the money was there.", ("The transport ministry", "transport ministry",
                                  "organization")),
        # a clause set off by commas says something of the speaker; it does not name it
        ("A port official, who asked not to be named, said the cranes were idle.",
         ("A port official", "A port official", "anonymous")),
        # a capitalised plural at the start of a line names people, not a person
        ("Tolls to rise\n\nTeachers said the new tolls were unfair.",
         ("Teachers", "Teachers", "anonymous")),
        # states in the plural are a group
        ("States sign river pact\n\nTwelve states signed the pact on Monday.",
         ("States", "States", "group")),
    ],
)
def test_resolves_speaker(extract, text, expected):
    assert expected in speakers(extract, text)


def test_anonymous_descriptor_is_kept(extract):
    (att,) = extract("A diplomatic source said the vote was close.")
    assert att.speaker is not None and att.speaker.descriptor == "A diplomatic source"


def test_channel_resolves_to_the_paper_named_earlier(extract):
    text = ("The Lakeside Herald published the letter on Monday. A diplomatic source told "
            "the paper that the talks had failed.")
    att = next(a for a in extract(text) if a.cue[0].text == "told")
    assert att.channel is not None
    assert att.channel.type == "publication"
    assert "Lakeside Herald" in att.channel.name
    assert att.channel.surface is not None and att.channel.surface.text == "the paper"
    assert att.channel.mention is not None and "Lakeside Herald" in att.channel.mention.text


def test_a_name_after_a_headline_stays_whole(extract):
    """The parser must not cut "Tomas | Brandt" when the headline has no full stop."""
    text = "Residents object\n\nTomas Brandt said the residents would go to court."
    (att,) = extract(text)
    assert [s.text for s in att.source] == ["Tomas Brandt"]
    assert att.speaker is not None and att.speaker.name == "Tomas Brandt"


def test_a_request_for_anonymity_is_not_an_attribution(extract):
    atts = extract("A port official, who asked not to be named, said the cranes were idle. "
                   "Another official spoke on condition of anonymity.")
    contents = [" ".join(s.text for s in a.content) for a in atts]
    assert contents == ["the cranes were idle"]


def test_a_claim_by_its_speaker_is_an_attribution(model_extract):
    (att,) = model_extract("There were claims by the harbour union that the cranes were "
                           "unsafe.")
    assert [s.text for s in att.source] == ["the harbour union"]
    assert [s.text for s in att.content] == ["that the cranes were unsafe"]


def test_a_role_drops_its_possessive_and_a_clause_is_no_role(extract):
    atts = extract("The port authority opened the dock. Its director, Clara Voss, said "
                   "work would resume. Kofi Mensah, who leads the union, said it was late.")
    roles = {a.speaker.name: a.speaker.role for a in atts if a.speaker}
    assert roles["Clara Voss"] == "director"
    assert roles["Kofi Mensah"] is None


def test_a_count_written_in_other_digits_is_read_or_left(extract):
    """Found by scripts/fuzz.py: "⁴" is a digit to str.isdigit but not a number to int()."""
    counts = {a.speaker.name: a.speaker.count for a in extract(
        "⁴ officials said the port would close. ٤ diplomats said it would not.") if a.speaker}
    assert counts == {"⁴ officials": None, "٤ diplomats": 4}


def test_a_headline_role_names_the_person_the_article_introduces(model_extract):
    atts = model_extract("Harbour tolls to rise, mayor says\n\nThe harbour mayor, Lena Moss, "
                         "announced on Monday that tolls would rise in May.")
    assert [a.speaker.name for a in atts] == ["Lena Moss", "Lena Moss"]


@pytest.mark.model
def test_a_source_with_its_clause_set_off_by_commas_is_described_without_it(nlp):
    from saidwho.model import Attribution, Segment
    from saidwho.pipeline.speakers import resolve_speakers

    text = "A port official, who asked not to be named, said the cranes were idle."
    doc = nlp(text)
    source = "A port official, who asked not to be named"
    att = Attribution("indirect", source=[Segment.of(text, 0, len(source))],
                      cue=[Segment.of(text, text.index("said"), text.index("said") + 4)],
                      content=[Segment.of(text, text.index("the cranes"), len(text) - 1)])
    resolve_speakers(doc, [att])
    assert att.speaker is not None
    assert (att.speaker.name, att.speaker.type) == ("A port official", "anonymous")
