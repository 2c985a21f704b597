"""Channels (pipeline/channels.py): whom a speaker addressed, read at the cue."""

from __future__ import annotations

import pytest

from saidwho.model import Attribution, Segment
from saidwho.pipeline.channels import find_channels

pytestmark = pytest.mark.model


def _att(text: str, source: str, cue: str, content: str) -> Attribution:
    def seg(words: str) -> Segment:
        start = text.index(words)
        return Segment.of(text, start, start + len(words))

    return Attribution("indirect", source=[seg(source)], cue=[seg(cue)],
                       content=[seg(content)])


@pytest.mark.parametrize(("content", "channel"), [
    ("to vote early", "supporters"),
    # the addressee as the content's opening words (PolNeAR often takes it in)
    ("supporters to vote early", "supporters"),
])
def test_the_object_of_urge_is_the_channel(nlp, content, channel):
    text = "The mayor urged supporters to vote early."
    att = _att(text, "The mayor", "urged", content)
    find_channels(nlp(text), [att])
    assert att.channel is not None and att.channel.name == channel


def test_a_channel_inside_the_content_or_the_source_is_none(nlp):
    text = "The mayor told reporters that the port would open."
    att = _att(text, "The mayor", "told", "The mayor told reporters that the port")
    att.source = []
    find_channels(nlp(text), [att])
    assert att.channel is None
