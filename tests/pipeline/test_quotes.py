import pytest

from saidwho.pipeline.quotes import Quote, QuoteIndex, find_quotes


def texts(text):
    return [[text[s:e] for s, e in q.segments] for q in find_quotes(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('He said "we will go" and "stay".', [['"we will go"'], ['"stay"']]),
        ("“We will not stop,” she said, “until it ends.”",
         [["“We will not stop,”"], ["“until it ends.”"]]),
        # an unclosed quote continues when the next paragraph opens with a quote mark
        ("“First part.\n\n“Second part.” He left.", [["“First part.", "“Second part.”"]]),
        # ... and ends at the paragraph end when it does not
        ("“Unclosed part.\n\nNot a quote.", [["“Unclosed part."]]),
        ("She said ''it is over'' and left.", [["''it is over''"]]),
        ("No quotes at all here.", []),
        ("Rock ’n’ roll isn't a quote.", []),
    ],
)
def test_find_quotes(text, expected):
    assert texts(text) == expected


def test_quote_index_lookups():
    text = 'A "b c" d "e f" g'
    index = QuoteIndex.of(text)
    assert index.inside(text.index("b")) is not None
    assert index.inside(text.index("d")) is None
    assert len(index.overlapping(0, len(text))) == 2
    assert index.covering(text.index('"b'), text.index('c"') + 2)


def test_overlapping_returns_every_quote_in_a_long_range():
    # a sentence quoting a dozen words: all of them overlap the sentence, not only the
    # last few
    words = [f"w{k}" for k in range(12)]
    text = "She listed " + ", ".join(f'"{w}"' for w in words) + " as her words."
    index = QuoteIndex.of(text)
    assert len(index.quotes) == 12
    found = index.overlapping(0, len(text))
    assert [text[q.start + 1 : q.end - 1] for q in found] == words
    assert index.overlapping(text.index('"w3"'), text.index('"w5"')) == index.quotes[3:5]


def test_overlapping_finds_a_long_quote_behind_many_short_ones():
    # quotations nested in one long quotation (as a caller may build them): the long one
    # starts first and overlaps a range at the end, twelve quotations further on
    long = Quote(((0, 200),))
    short = [Quote(((10 + 10 * k, 15 + 10 * k),)) for k in range(12)]
    index = QuoteIndex([long, *short])
    assert index.overlapping(190, 195) == [long]
    assert index.overlapping(12, 130) == [long, *short]
    assert index.overlapping(201, 300) == []
    assert index.overlapping(15, 20) == [long]  # between two short ones


def _texts(text: str) -> list[str]:
    return [text[s:e] for q in find_quotes(text) for s, e in q.segments]


def test_guillemets_pair_with_each_other_and_hold_other_quotes():
    assert _texts("« Ces fonds n'ont pas servi. Ils ont servi une famille », a-t-elle dit.") == [
        "« Ces fonds n'ont pas servi. Ils ont servi une famille »"]
    # a quotation inside guillemets does not end them
    assert _texts("Il a dit : « Le ministre a parlé de “trahison” hier », selon lui.") == [
        "« Le ministre a parlé de “trahison” hier »"]
    # the reversed order some languages print
    assert _texts("Er sagte: »Nein«, und ging.") == ["»Nein«"]
    # a stray closing guillemet opens nothing
    assert _texts("Il a dit non» puis il est parti.") == []


def test_a_quotation_in_guillemets_runs_over_paragraphs():
    text = "« Nous partirons lundi.\n\n« Rien ne changera », a-t-il ajouté.\n\nFin."
    (quote,) = find_quotes(text)
    assert [text[s:e] for s, e in quote.segments] == ["« Nous partirons lundi.",
                                                      "« Rien ne changera »"]
