import pytest

from saidwho import extract as extract_mod
from saidwho.extract import chunks


def test_chunks_cover_the_text_and_cut_at_paragraphs():
    text = ("word " * 30 + "\n\n") * 50
    parts = chunks(text, size=400)
    assert "".join(c for _, c in parts) == text
    assert all(len(c) <= 400 for _, c in parts)
    assert all(c.endswith("\n\n") for _, c in parts[:-1])
    assert [o for o, _ in parts] == [sum(len(c) for _, c in parts[:i]) for i in range(len(parts))]


def test_chunks_without_paragraphs_cut_at_spaces():
    text = "word " * 500
    parts = chunks(text, size=300)
    assert "".join(c for _, c in parts) == text
    assert all(c.endswith(" ") for _, c in parts[:-1])


@pytest.mark.model
def test_long_text_offsets_survive_chunking(nlp, monkeypatch):
    monkeypatch.setattr(extract_mod, "CHUNK_CHARS", 200)
    para = "The mayor said that taxes would rise in May.\n\n"
    text = "Intro.\n\n" + para * 12
    result = extract_mod.extract_text(nlp, text, "long")
    assert len(result.attributions) == 12
    for att in result.attributions:
        for seg in (*att.source, *att.cue, *att.content):
            assert text[seg.start : seg.end] == seg.text
    assert len({a.id for a in result.attributions}) == 12


@pytest.mark.model
def test_empty_text_gives_empty_result(nlp):
    assert extract_mod.extract_text(nlp, "", "empty").attributions == []
