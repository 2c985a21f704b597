"""The cue frames (``pipeline.cue.Frame``): one member each, with its rules and readers."""

import json
from importlib import resources

from saidwho.pipeline.content import CONTENT_READERS
from saidwho.pipeline.cue import FRAME_RULES, Frame
from saidwho.pipeline.frames import FRAMES
from saidwho.pipeline.lexicon import Lexicon, load_default_lexicon
from saidwho.pipeline.sources import SOURCE_READERS, verb_source


def test_every_frame_has_its_rules_and_readers():
    assert set(FRAME_RULES) == set(Frame)
    assert set(CONTENT_READERS) == set(Frame)
    assert set(SOURCE_READERS) == set(Frame)


def test_frames_read_and_write_as_their_names():
    assert Frame("ccomp") is Frame.CCOMP
    assert Frame.CCOMP == "ccomp"
    assert str(Frame.XCOMP) == "xcomp"
    assert f"{Frame.QUOTE}" == "quote"
    assert hash(Frame.DASH) == hash("dash")
    assert [str(f) for f in FRAMES] == ["ccomp", "xcomp", "quote", "head", "dobj", "prep",
                                        "bare"]


def test_frame_rules():
    assert {f for f in Frame if f.rules.punctuation} == {Frame.COLON, Frame.DASH}
    assert {f for f in Frame if f.rules.listed_verbs} == {Frame.CCOMP, Frame.QUOTE, Frame.HEAD}
    assert {f for f in Frame if SOURCE_READERS[f] is verb_source} == set(FRAMES)


def test_every_frame_of_the_packaged_lexicon_is_a_frame():
    table = (resources.files("saidwho") / "lexicons" / "cue_frames.tsv").read_text("utf-8")
    names = {line.split("\t")[1] for line in table.splitlines()
             if line and not line.startswith("#")}
    assert names <= {str(f) for f in FRAMES}
    lexicon = load_default_lexicon()
    assert all(type(fr) is Frame for _lem, fr, _sk in lexicon.verb_frames)


def test_a_saved_lexicon_reads_back_the_same():
    lexicon = load_default_lexicon()
    saved = lexicon.to_dict()
    text = json.dumps(saved)
    assert Lexicon.from_dict(json.loads(text)).to_dict() == saved
    assert all(type(row[1]) is str for row in saved["verb_frames"])
    # a lexicon written with frame names (as saved before frames were an enum) reads too
    old = {"verb_frames": [["say", "ccomp", "*", 0.9]], "verbs": ["vow"], "nouns": []}
    read = Lexicon.from_dict(old)
    assert read.verb_prior("say", Frame.CCOMP) == 0.9
    assert read.verb_prior("vow", Frame.HEAD) > 0
    assert read.verb_prior("vow", Frame.DOBJ) == 0
    assert read.to_dict() == old
