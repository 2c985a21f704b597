import pytest

from saidwho.pipeline.quotes import QuoteIndex, find_quotes


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
