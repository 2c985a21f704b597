"""The highlighter: one sweep over the segment boundaries gives the same markup as testing
every segment against every piece of the text, and stays linear on long articles."""

from __future__ import annotations

import html
import random
import time

import pytest

from saidwho import highlight as hl
from saidwho.model import Attribution, DocumentResult, Segment, Speaker


def every_mark_per_piece(result: DocumentResult) -> str:
    """The highlighter as it was: each piece tests every mark (quadratic), the reference
    the sweep must match byte for byte."""
    text = result.text or ""
    entries = hl.speaker_entries(result)
    marks = [(seg.start, seg.end, role, n) for n, att in enumerate(result.attributions)
             for role in hl.ROLES for seg in getattr(att, role)]
    cuts = sorted({0, len(text), *(m[0] for m in marks), *(m[1] for m in marks)})
    focusable: set[int] = set()
    pieces = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        chunk = html.escape(text[a:b])
        active = [m for m in marks if m[0] <= a and b <= m[1]]
        pieces.append(hl._mark(chunk, active, result.attributions, entries, focusable, b)
                      if active else chunk)
    return "".join(pieces)


def segment(text: str, rng: random.Random, width: int) -> Segment:
    start = rng.randrange(len(text) + 1)
    end = min(len(text), start + rng.randrange(width))  # some empty
    return Segment.of(text, start, end)


def random_article(seed: int, attributions: int = 40) -> DocumentResult:
    """Nested, overlapping, shared and empty segments, several per role, some speakers
    unresolved."""
    rng = random.Random(seed)
    text = "".join(rng.choice("ab <&>\"'\n") for _ in range(rng.randrange(1, 400)))
    atts = []
    for _ in range(rng.randrange(attributions)):
        att = Attribution(
            rng.choice(["direct", "indirect", "mixed"]),  # type: ignore[arg-type]
            source=[segment(text, rng, 12) for _ in range(rng.randrange(2))],
            cue=[segment(text, rng, 8) for _ in range(rng.randrange(1, 3))],
            content=[segment(text, rng, 120) for _ in range(rng.randrange(1, 3))],
            speaker=rng.choice([None, Speaker("Ana Ruiz", "person"),
                                Speaker("the council", "organization")]))
        atts.append(att)
    return DocumentResult("t", atts, text)


@pytest.mark.parametrize("seed", range(200))
def test_the_sweep_marks_what_every_piece_test_marked(seed):
    result = random_article(seed)
    assert str(hl.highlight(result)[0]) == every_mark_per_piece(result)


def test_segments_past_the_end_and_reversed_cut_as_before():
    text = "Ana said it rained."
    att = Attribution("indirect", source=[Segment(0, 3, "Ana")], cue=[Segment(4, 8, "said")],
                      content=[Segment(9, 30, "it rained."), Segment(12, 10, "")],
                      speaker=Speaker("Ana", "person"))
    result = DocumentResult("t", [att], text)
    assert str(hl.highlight(result)[0]) == every_mark_per_piece(result)


def test_a_long_article_with_many_attributions_is_linear():
    """Hostile input: 200 KB with an attribution every 40 characters took 1.6 s and more
    (quadratic); the sweep takes about a tenth of a second."""
    sentence = 'Ana Ruiz said that "the port will reopen".  '
    text = sentence * (200_000 // len(sentence))
    atts = []
    for k in range(0, len(text), len(sentence)):
        atts.append(Attribution("direct", source=[Segment.of(text, k, k + 8)],
                                cue=[Segment.of(text, k + 9, k + 13)],
                                content=[Segment.of(text, k + 19, k + 42)],
                                speaker=Speaker("Ana Ruiz", "person")))
    start = time.perf_counter()
    marked, speakers = hl.highlight(DocumentResult("t", atts, text))
    assert time.perf_counter() - start < 1.5
    assert marked.count("<mark ") == 3 * len(atts) and speakers[0].attributions == len(atts)
