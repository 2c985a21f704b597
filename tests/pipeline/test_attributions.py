"""Extraction on sentences the project writes; needs the English spaCy pipeline."""

import pytest

pytestmark = pytest.mark.model


def parts(att):
    return (
        " ".join(s.text for s in att.source),
        " ".join(s.text for s in att.cue),
        " | ".join(s.text for s in att.content),
        att.kind,
    )


CASES = [
    # direct quotes: split by the cue, colon-introduced, several sentences
    ('"We will not stop," she said, "until it ends."',
     ("she", "said", '"We will not stop," | "until it ends."', "direct")),
    ('The minister said: "We are ready. The army is ready."',
     ("The minister", "said", '"We are ready. The army is ready."', "direct")),
    ("Danya Chaikel, the group's representative, said: \"The court must be allowed to work.\"",
     ("Danya Chaikel, the group's representative", "said",
      '"The court must be allowed to work."', "direct")),
    ("“We waited long enough,” said Mayor Elena Varga.",
     ("Mayor Elena Varga", "said", "“We waited long enough,”", "direct")),
    # reported speech with and without "that"
    ("The source added that the statement was drafted in March.",
     ("The source", "added", "that the statement was drafted in March", "indirect")),
    ("The source added the statement was drafted in March.",
     ("The source", "added", "the statement was drafted in March", "indirect")),
    ("He insisted the plan was legal.", ("He", "insisted", "the plan was legal", "indirect")),
    ("The mayor warned that the river could flood the old town.",
     ("The mayor", "warned", "that the river could flood the old town", "indirect")),
    ("The union demanded that wages be raised by ten percent.",
     ("The union", "demanded", "that wages be raised by ten percent", "indirect")),
    ("Opposition leaders denied that they had met the envoy.",
     ("Opposition leaders", "denied", "that they had met the envoy", "indirect")),
    # mixed quote
    ('She called the decision "a disgrace to the city".',
     ("She", "called", 'the decision "a disgrace to the city"', "mixed")),
    # source after the cue, according to, told, in a statement, passive, nominal cues
    ("Taxes will rise next year, said the minister.",
     ("the minister", "said", "Taxes will rise next year", "indirect")),
    ("According to the ministry, taxes will rise next year.",
     ("the ministry", "According to", "taxes will rise next year", "indirect")),
    ("A diplomatic source told the paper that the talks had failed.",
     ("A diplomatic source", "told", "that the talks had failed", "indirect")),
    ('A diplomatic source told The Guardian: "The talks have failed."',
     ("A diplomatic source", "told", '"The talks have failed."', "direct")),
    ("In a statement, the ministry said it would appeal the ruling.",
     ("the ministry", "said", "it would appeal the ruling", "indirect")),
    ("It was announced by the ministry that taxes will rise.",
     ("the ministry", "announced", "that taxes will rise", "indirect")),
    ("There were claims by the office of the prosecutor that it has received threats.",
     ("the office of the prosecutor", "claims", "that it has received threats", "indirect")),
    # content without a source is still an attribution
    ("There were reports that the border had been closed.",
     ("", "reports", "that the border had been closed", "indirect")),
    ("The statement, which called on states to protect the court, was signed.",
     ("which", "called", "to protect the court", "indirect")),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_extracts_attribution(extract, text, expected):
    found = [parts(a) for a in extract(text)]
    assert expected in found


def test_quote_running_over_paragraphs(extract):
    text = ('The chairman said: "The first point is money.\n\n'
            '"The second point is time."\n\nThe meeting ended.')
    (att,) = extract(text)
    assert [s.text for s in att.content] == ['"The first point is money.',
                                            '"The second point is time."']
    assert att.kind == "direct"


def test_following_quote_continues_the_attribution(extract):
    text = '"We will win," the coach said. "Nobody can stop us."'
    (att,) = extract(text)
    assert [s.text for s in att.content] == ['"We will win,"', '"Nobody can stop us."']


def test_offsets_point_into_the_original_text(extract):
    text = "Intro line.\r\n\r\nThe council reports that the bridge is unsafe — “really”.\n"
    for att in extract(text):
        for seg in (*att.source, *att.cue, *att.content):
            assert text[seg.start : seg.end] == seg.text


def test_quote_without_cue_is_not_attributed(extract):
    assert extract('"I am tired." The words came from nowhere.') == []


def test_speaker_labels_and_signature_dashes(extract):
    text = ("Voices From the Square\n\n"
            "\u201cHe never listens to us. Not once.\u201d \u2015 Marta Quiroga\n"
            "\u201cThe town deserves better.\u201d\u2014 Daniel O. Reyes.\n"
            "Transcript follows:\n\n"
            '"HOST: Welcome back to the show.\n\n'
            "Poll: Voters Doubt the Bridge Plan\n")
    found = [parts(a) for a in extract(text)]
    assert ("Marta Quiroga", "\u2015", "\u201cHe never listens to us. Not once.\u201d",
            "direct") in found
    assert ("Daniel O. Reyes", "\u2014", "\u201cThe town deserves better.\u201d",
            "direct") in found
    assert ("HOST", ":", "Welcome back to the show.", "direct") in found
    assert ("Poll", ":", "Voters Doubt the Bridge Plan", "indirect") in found


def test_a_dash_needs_a_quotation_before_and_only_a_name_after(extract):
    text = ("The vote \u2014 delayed twice \u2014 is now set for March.\n"
            "\u201cEnough,\u201d \u2014 and then the crowd went quiet as the lights failed.\n")
    assert not [a for a in extract(text) if a.cue and a.cue[0].text in "\u2014\u2015"]


def test_a_past_participle_clause_does_not_take_the_main_subject_as_source(nlp):
    """In "Asked whether ..., Lund did not reply" Lund was asked: the rule engine gives the
    participle no source, where a present participle ("Speaking ..., Lund said") takes the
    main clause's subject."""
    from saidwho.pipeline.sources import verb_source

    asked = nlp("Asked whether the port would reopen, Lund did not reply.")
    assert asked[0].text == "Asked" and verb_source(asked[0]) is None
    speaking = nlp("Speaking to reporters, Lund said the port would reopen.")
    assert verb_source(speaking[0]).text == "Lund"
