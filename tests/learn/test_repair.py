"""Span repairs over the parse (``learn.repair``): the tagger's token decisions closed
into phrases. Token runs are (first, last), inclusive."""

from __future__ import annotations

import pytest

from saidwho.learn.repair import repair

pytestmark = pytest.mark.model


def _run(doc, words: str) -> tuple[int, int]:
    """The token run of the first occurrence of ``words``."""
    span = doc.char_span(doc.text.index(words), doc.text.index(words) + len(words))
    assert span is not None, words
    return span.start, span.end - 1


def _text(doc, run) -> str:
    return doc[run[0] : run[1] + 1].text


@pytest.fixture(scope="module")
def parse(nlp):
    return nlp


def test_modifiers_before_a_noun_join_the_content(parse):
    doc = parse("Free school meals to expand, minister says")
    cue, src, (content,) = repair(doc, _run(doc, "says"), _run(doc, "minister"),
                                  [_run(doc, "meals to expand")])
    assert _text(doc, content) == "Free school meals to expand"


def test_a_source_takes_its_own_modifiers_back_from_the_content(parse):
    doc = parse("The education minister, Daniel Okafor, announced that meals will be free.")
    cue, src, contents = repair(doc, _run(doc, "announced"),
                                _run(doc, "minister, Daniel Okafor,"),
                                [_run(doc, "education"), _run(doc, "that meals will be free")])
    assert _text(doc, src) == "The education minister, Daniel Okafor"  # (no closing comma)
    assert [_text(doc, c) for c in contents] == ["that meals will be free"]


def test_a_content_does_not_end_on_a_preposition(parse):
    doc = parse("The group demanded that the court be allowed to work without fear.")
    _, _, (content,) = repair(doc, _run(doc, "demanded"), _run(doc, "The group"),
                              [_run(doc, "that the court be allowed to work without")])
    assert _text(doc, content) == "that the court be allowed to work without fear"


def test_a_quotation_keeps_its_closing_mark(parse):
    doc = parse('Ruiz said: "We are ready. We have waited."')
    _, _, (content,) = repair(doc, _run(doc, "said"), _run(doc, "Ruiz"),
                              [_run(doc, '"We are ready. We have waited.')])
    assert _text(doc, content) == '"We are ready. We have waited."'


def test_content_beyond_another_cue_is_left_to_that_cue(parse):
    doc = parse("Lund said it was a good step, but she warned that staff would be short.")
    said, warned = _run(doc, "said"), _run(doc, "warned")
    cues = frozenset([*range(said[0], said[1] + 1), *range(warned[0], warned[1] + 1)])
    _, _, contents = repair(doc, said, _run(doc, "Lund"),
                            [_run(doc, "it was a good step"), _run(doc, "staff would be short")],
                            cues)
    assert [_text(doc, c) for c in contents] == ["it was a good step"]


def test_a_cue_does_not_end_on_the_preposition_of_a_date(parse):
    doc = parse("Okafor announced on Monday that meals will be free.")
    cue, _, _ = repair(doc, _run(doc, "announced on"), _run(doc, "Okafor"),
                       [_run(doc, "that meals will be free")])
    assert _text(doc, cue) == "announced"


def test_nothing_crosses_the_cue(parse):
    doc = parse("Meals, the minister said, will be free.")
    cue = _run(doc, "said")
    _, _, contents = repair(doc, cue, _run(doc, "the minister"), [_run(doc, "will be free")])
    assert all(not (c[0] <= cue[0] <= c[1]) for c in contents)


def _att(text: str, cue: str, source: str, *contents: str):
    from saidwho.model import Attribution, Segment

    def seg(words: str) -> Segment:
        start = text.index(words)
        return Segment.of(text, start, start + len(words))

    return Attribution(kind="direct", source=[seg(source)] if source else [],
                       cue=[seg(cue)], content=[seg(c) for c in contents])


def test_a_content_that_opens_a_quotation_runs_to_its_end():
    from saidwho.learn.repair import quotation_closed
    from saidwho.pipeline.quotes import QuoteIndex

    text = '"We will not stop," she said. "The court must work. It is our duty."\n\nNext.'
    att = _att(text, "said", "she", '"We will not stop,"', '"The court must work.')
    fixed = quotation_closed(att, QuoteIndex.of(text), text)
    assert [s.text for s in fixed.content] == ['"We will not stop,"',
                                               '"The court must work. It is our duty."']
    # no further than the quotation's paragraph, and a content already whole is kept
    assert quotation_closed(fixed, QuoteIndex.of(text), text) == fixed


def test_a_quotation_is_not_extended_over_its_own_cue_or_source():
    from saidwho.learn.repair import quotation_closed
    from saidwho.pipeline.quotes import QuoteIndex

    text = 'He wrote: "The plan, Ruiz said, will fail."'
    att = _att(text, "said", "Ruiz", '"The plan,')
    assert quotation_closed(att, QuoteIndex.of(text), text) == att


@pytest.mark.parametrize(("text", "cue", "content", "want_cue", "want_content"), [
    # the clause the parser hung on the cue's object is the content, the cue drops "in"
    ("The council said in a statement that the bridge would close in May.", "said in",
     "a statement that the bridge would close", "said", "that the bridge would close in May"),
    # an object without a that-clause is left alone
    ("The council pointed to a statement issued on Monday.", "pointed to",
     "a statement issued on Monday", "pointed to", "a statement issued on Monday"),
])
def test_a_that_clause_hung_on_the_cue_object_is_the_content(parse, text, cue, content,
                                                              want_cue, want_content):
    doc = parse(text)
    got_cue, _, contents = repair(doc, _run(doc, cue), _run(doc, "The council"),
                                  [_run(doc, content)])
    assert _text(doc, got_cue) == want_cue
    assert [_text(doc, r) for r in contents] == [want_content]


def test_the_main_subject_is_not_the_source_of_a_participle_clause(parse):
    doc = parse("Asked whether the port would reopen, Lund did not reply.")
    _, source, _ = repair(doc, _run(doc, "Asked"), _run(doc, "Lund"),
                          [_run(doc, "whether the port would reopen")])
    assert source is None
    doc = parse("Asked by reporters whether the port would reopen, Lund did not reply.")
    _, source, _ = repair(doc, _run(doc, "Asked"), _run(doc, "reporters"),
                          [_run(doc, "whether the port would reopen")])
    assert source is not None and _text(doc, source) == "reporters"


def test_a_source_or_content_does_not_end_on_a_comma_or_an_opening_mark(parse):
    doc = parse('The report "Open water" said the river was low.')
    _, src, _ = repair(doc, _run(doc, "said"), _run(doc, 'The report "'),
                       [_run(doc, "the river was low")])
    assert _text(doc, src) == "The report"
    doc = parse("Tomas Brandt, the chairman, said the plan was late, and costly.")
    _, src, (content,) = repair(doc, _run(doc, "said"), _run(doc, ", the chairman,"),
                                [_run(doc, "the plan was late,")])
    assert (_text(doc, src), _text(doc, content)) == ("the chairman", "the plan was late")


def test_a_source_is_one_phrase_without_a_participle_clause(parse):
    doc = parse("Mayor Elena Varga after the vote said the bridge would open in May.")
    _, src, _ = repair(doc, _run(doc, "said"), _run(doc, "Mayor Elena Varga after the vote"),
                       [_run(doc, "the bridge would open in May")])
    assert _text(doc, src) == "Mayor Elena Varga"
    doc = parse("Officials at the ministry, speaking on condition of anonymity, said the "
                "cost had not been agreed.")
    _, src, _ = repair(doc, _run(doc, "said"),
                       _run(doc, "Officials at the ministry, speaking on condition of "
                                 "anonymity,"),
                       [_run(doc, "the cost had not been agreed")])
    assert _text(doc, src) == "Officials at the ministry"
    doc = parse("Ana Ruiz, the minister who signed the accord, said the river was low.")
    _, src, _ = repair(doc, _run(doc, "said"),
                       _run(doc, "Ana Ruiz, the minister who signed the accord,"),
                       [_run(doc, "the river was low")])
    assert _text(doc, src) == "Ana Ruiz, the minister who signed the accord"


def test_a_cue_does_not_end_on_the_article_of_its_object(parse):
    doc = parse("A group of 12 states has signed a joint statement on the river.")
    cue, _, (content,) = repair(doc, _run(doc, "has signed a"),
                                _run(doc, "A group of 12 states"),
                                [_run(doc, "joint statement on the river")])
    assert (_text(doc, cue), _text(doc, content)) == ("has signed",
                                                      "a joint statement on the river")


def test_a_cue_leaves_out_the_by_of_its_agent_which_is_the_source(parse):
    doc = parse("There were claims by the opposition that the plan is not funded.")
    cue, source, _ = repair(doc, _run(doc, "claims by the"), None,
                            [_run(doc, "that the plan is not funded")])
    assert _text(doc, cue) == "claims"
    assert source is not None and _text(doc, source) == "the opposition"


def test_a_date_after_by_is_neither_in_the_cue_nor_the_source(parse):
    doc = parse("Officials said by Friday that the budget would be cut.")
    cue, source, _ = repair(doc, _run(doc, "said by"), None,
                            [_run(doc, "that the budget would be cut")])
    assert _text(doc, cue) == "said"
    assert source is None


def test_the_words_a_content_hangs_on_fill_its_hole(parse):
    doc = parse("Their lawyer said residents of the old quarter have filed a complaint "
                "against the bridge.")
    _, _, contents = repair(doc, _run(doc, "said"), _run(doc, "Their lawyer"),
                            [_run(doc, "residents of the old quarter"),
                             _run(doc, "against the bridge")])
    assert [_text(doc, r) for r in contents] == [
        "residents of the old quarter have filed a complaint against the bridge"]


def test_a_hole_is_not_filled_across_the_cue_or_between_unrelated_runs(parse):
    doc = parse('"The port will open," Lund said, "and the ships will come."')
    _, _, contents = repair(doc, _run(doc, "said"), _run(doc, "Lund"),
                            [_run(doc, "The port will open"), _run(doc, "and the ships")])
    assert len(contents) == 2
