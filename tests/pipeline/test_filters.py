"""An engine's last checks (pipeline/filters.py): a headline's content stays in it."""

from __future__ import annotations

import pytest

from saidwho.model import Attribution, Segment
from saidwho.pipeline.filters import is_headline, keep_headlines_whole

TEXT = ("Harbour tolls to rise, mayor says\n\nThe harbour master, Lena Moss, announced on "
        "Monday that tolls would rise in May.")


def test_headlines_are_single_lines_without_a_full_stop():
    assert is_headline("Harbour tolls to rise, mayor says")
    assert not is_headline("The mayor said tolls would rise.")
    assert not is_headline("Line one\nline two")


def test_a_headline_keeps_only_its_own_content():
    cue = Segment.of(TEXT, TEXT.index("says"), TEXT.index("says") + 4)
    inside = Segment.of(TEXT, 0, TEXT.index(","))
    below = Segment.of(TEXT, TEXT.index("The harbour"), TEXT.index("The harbour") + 11)
    head = Attribution("indirect", cue=[cue], content=[inside, below])
    only_below = Attribution("indirect", cue=[cue], content=[below])
    said = TEXT.index("announced")
    body = Attribution("indirect", cue=[Segment.of(TEXT, said, said + 9)], content=[below])
    kept = keep_headlines_whole(TEXT, [head, only_below, body])
    assert kept == [head, body] and head.content == [inside]


@pytest.mark.model
def test_both_engines_keep_the_headline_content_in_the_headline(nlp, model_nlp):
    end = TEXT.index("\n")
    for pipeline in (nlp, model_nlp):
        for att in pipeline(TEXT)._.attributions:
            if att.cue[0].start < end:
                assert all(s.end <= end for s in att.content)


@pytest.mark.parametrize(("content", "asked"), [
    ("not to be named", True), ("not to be", True), ("on condition of anonymity", True),
    ("not to be trusted with the port", False), ("the cranes were idle", False)])
def test_a_request_for_anonymity_is_read_from_its_content(content, asked):
    from saidwho.pipeline.filters import is_anonymity_request

    att = Attribution("indirect", content=[Segment.of(content, 0, len(content))])
    assert is_anonymity_request(att) is asked
