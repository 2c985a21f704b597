from saidwho.model import Attribution, DocumentResult, Segment, Speaker

TEXT = "Anna said it rains."


def make() -> Attribution:
    return Attribution(
        kind="indirect",
        source=[Segment.of(TEXT, 0, 4)],
        cue=[Segment.of(TEXT, 5, 9)],
        content=[Segment.of(TEXT, 10, 18)],
        speaker=Speaker("Anna", "person", Segment.of(TEXT, 0, 4)),
        confidence=0.8,
    )


def test_segment_text_matches_offsets():
    seg = Segment.of(TEXT, 10, 18)
    assert TEXT[seg.start : seg.end] == seg.text == "it rains"


def test_round_trip_through_dict():
    att = make()
    att.assign_id("doc")
    result = DocumentResult("doc", [att])
    data = result.to_dict()
    assert data["schema"] == "saidwho/1"
    assert set(data["attributions"][0]) == {
        "id", "kind", "source", "cue", "content", "speaker", "channel", "confidence"
    }
    assert DocumentResult.from_dict(data).to_dict() == data


def test_ids_are_stable_and_depend_on_offsets():
    a, b = make(), make()
    a.assign_id("doc")
    b.assign_id("doc")
    assert a.id == b.id and a.id.startswith("doc:")
    b.content = [Segment.of(TEXT, 13, 18)]
    b.assign_id("doc")
    assert a.id != b.id


def test_shift_moves_every_offset():
    att = make()
    att.shift(100)
    assert att.source[0].start == 100 and att.content[0].end == 118
    assert att.speaker is not None and att.speaker.mention is not None
    assert att.speaker.mention.start == 100
