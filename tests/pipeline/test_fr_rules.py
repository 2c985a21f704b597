"""French attributions: one sentence (written for these tests) per form the French
grammar reads (pipeline/fr), with the source, cue and content it must give."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.model


def _found(atts, source, cue, content):
    for att in atts:
        src = " | ".join(s.text for s in att.source)
        cues = " | ".join(s.text for s in att.cue)
        body = " | ".join(s.text for s in att.content)
        if (src, cues, body) == (source, cue, content):
            return att
    return None


CASES = [
    # que-clause, auxiliary in the cue
    ("La ministre a déclaré que le budget serait voté avant l'été.",
     "La ministre", "a déclaré", "que le budget serait voté avant l'été"),
    # negation and a reflexive verb inside the cue
    ("Le maire ne s'est pas dit surpris par la décision.",
     "Le maire", "ne s'est pas dit", "surpris par la décision"),
    # a quotation with a clitic inversion: the cue is the participle, the source the clitic
    ("« Nous ne reculerons pas », a-t-il affirmé mardi.",
     "il", "affirmé", "« Nous ne reculerons pas »"),
    # simple tense inversion
    ("« Le calendrier sera tenu », assure-t-elle.",
     "elle", "assure", "« Le calendrier sera tenu »"),
    # an inverted noun subject after the incise's verb
    ("« Rien n'est décidé », a ajouté le porte-parole du gouvernement.",
     "le porte-parole du gouvernement", "a ajouté", "« Rien n'est décidé »"),
    # selon X, d'après X
    ("Selon le syndicat, trois cents emplois sont menacés.",
     "le syndicat", "Selon", "trois cents emplois sont menacés"),
    ("D'après des sources proches du dossier, l'usine fermera en juin.",
     "des sources proches du dossier", "D'après", "l'usine fermera en juin"),
    # a speech act with an infinitive: the person urged is part of the content
    ("Le président a exhorté les députés à voter le texte.",
     "Le président", "a exhorté", "les députés à voter le texte"),
    # a speech act with its object
    ("L'association a dénoncé la fermeture de la maternité.",
     "L'association", "a dénoncé", "la fermeture de la maternité"),
    # appeler à + noun: the preposition goes with the content
    ("Les syndicats ont appelé à une grève générale.",
     "Les syndicats", "ont appelé", "à une grève générale"),
    # reported conditional with "a-t-on appris de source ..."
    ("L'accord serait signé jeudi, a-t-on appris de source diplomatique.",
     "source diplomatique", "appris de", "L'accord serait signé jeudi"),
    # a quote continued after its incise: two pieces of one content
    ("« La réforme est prête, a-t-elle expliqué. Elle sera présentée lundi. »",
     "elle", "expliqué", "« La réforme est prête | Elle sera présentée lundi. »"),
]


@pytest.mark.parametrize(("text", "source", "cue", "content"), CASES)
def test_french_form(fr_extract, text, source, cue, content):
    atts = fr_extract(text)
    assert _found(atts, source, cue, content) is not None, [
        ([s.text for s in a.source], [s.text for s in a.cue], [s.text for s in a.content])
        for a in atts]


def test_a_past_participle_clause_names_no_source(fr_extract):
    atts = fr_extract("Interrogée sur son avenir, la juge a souri.")
    asked = [a for a in atts if a.cue and a.cue[0].text == "Interrogée"]
    assert asked and asked[0].source == []


def test_selon_lequel_is_a_relative_not_an_attribution(fr_extract):
    atts = fr_extract("Le ministère a démenti les rumeurs selon lesquelles la digue aurait cédé.")
    assert all(a.cue[0].text != "selon" for a in atts)
    assert any(a.cue[0].text == "a démenti" for a in atts)


CHANNELS = [
    ("« Nous irons jusqu'au bout », a déclaré le ministre à l'AFP.", "AFP"),
    ("« Nous irons jusqu'au bout », a confié la maire au Courrier du Val.", "Courrier du Val"),
    ("Le parquet a indiqué dans un communiqué que l'enquête était close.", "communiqué"),
    ("Le préfet a promis une aide rapide lors d'une conférence de presse.",
     "conférence de presse"),
    ("« C'est un scandale », a-t-il dit sur Radio Vallée.", "Radio Vallée"),
]


@pytest.mark.parametrize(("text", "channel"), CHANNELS)
def test_french_channel(fr_extract, text, channel):
    atts = fr_extract(text)
    assert [a.channel.name for a in atts if a.channel is not None] == [channel]


SPEAKERS = [
    # a pronoun takes the latest speaker of its gender
    ("La ministre de la Santé, Claire Dumas, a annoncé un plan. Le maire, Paul Roche, a "
     "salué l'annonce. « C'est une bonne nouvelle », a-t-elle ajouté.",
     "elle", "Claire Dumas", "person"),
    # a role given to a named person, taken up later
    ("Le maire, Paul Roche, a salué l'annonce. Le maire a aussi réclamé des moyens.",
     "Le maire", "Paul Roche", "person"),
    # a state by its seat of government, capital or an organ with its adjective
    ("Le Quai d'Orsay a condamné l'attaque.", "Le Quai d'Orsay", "France", "state"),
    ("Pretoria a démenti toute implication.", "Pretoria", "Afrique du Sud", "state"),
    ("La diplomatie belge a réclamé une enquête.", "La diplomatie belge", "Belgique", "state"),
    # a group that counts its members
    ("Un groupe de 12 États a réclamé un moratoire.", "Un groupe de 12 États",
     "groupe de 12 États", "group"),
    # an unnamed source keeps its description
    ("Un diplomate européen a estimé que le texte était trop faible.",
     "Un diplomate européen", "Un diplomate européen", "anonymous"),
    # an organization by the name after its noun
    ("L'ONG Terre Claire a dénoncé la pollution du fleuve.", "L'ONG Terre Claire",
     "Terre Claire", "organization"),
]


@pytest.mark.parametrize(("text", "source", "name", "kind"), SPEAKERS)
def test_french_speaker(fr_extract, text, source, name, kind):
    atts = [a for a in fr_extract(text) if " ".join(s.text for s in a.source) == source]
    assert atts, [[s.text for s in a.source] for a in fr_extract(text)]
    speaker = atts[-1].speaker
    assert speaker is not None and (speaker.name, speaker.type) == (name, kind)


def test_a_state_speaker_is_linked_to_its_code(fr_extract):
    (att,) = fr_extract("Le Quai d'Orsay a condamné l'attaque.")
    assert att.speaker.iso3 == "FRA"


@pytest.mark.parametrize("text", [
    "Pour Noël, la mairie installe un sapin sur la place.",  # a time, not an opinion
    "Le suspect a été interrogé sur les faits par la police.",  # no question reported
    "Les élèves interrogés sur leurs goûts préfèrent les frites.",
])
def test_not_attributions(fr_extract, text):
    assert fr_extract(text) == []


def test_memberships_in_french_news():
    from saidwho.pipeline.fr.memberships import find_memberships

    (signed,) = find_memberships(
        "La déclaration a été signée notamment par la France, la Belgique et le Chili.")
    assert (signed.relation, signed.codes, signed.partial) == (
        "signed", ["FRA", "BEL", "CHL"], True)
    found = find_memberships("La France a signé la déclaration, et le Mali a rejoint le texte.")
    assert [(m.relation, m.codes) for m in found] == [("signed", ["FRA"]), ("joined", ["MLI"])]
    (joined,) = find_memberships("Le Niger et le Nigeria ont rejoint la coalition.")
    assert joined.codes == ["NER", "NGA"] and joined.span.text.startswith("Le Niger")
    assert find_memberships("Le texte aurait été rédigé par la France et le Mali.") == []


def test_french_sentences_start_only_after_an_end_and_long_runs_are_cut(fr_nlp):
    from saidwho.pipeline.paragraphs import MAX_SENTENCE_TOKENS

    doc = fr_nlp("« Nous sommes prêts », se dit Bruxelles, qui attend la suite. Le texte "
                 "suivra.\n\nLYON (AHP) - Le maire a parlé.")
    starts = [t.text for t in doc if t.is_sent_start]
    assert starts == ["«", "Le", "LYON", "Le"]  # none inside the incise; after a dateline
    long = fr_nlp(" ".join(["mot"] * 400))
    assert max(len(s) for s in long.sents) <= MAX_SENTENCE_TOKENS
