import pytest

from saidwho.errors import CorpusError
from saidwho.evaluate.polnear import parse_ann, read_split

TEXT = "Mara Lind said the vote, held on Monday, was fair. Nobody agreed."
ANN = (
    "T1\tSource 0 9\tMara Lind\n"
    "T2\tCue 10 14\tsaid\n"
    "T3\tContent 15 23;40 49\tthe vote was fair\n"
    "T4\tAttribution 10 14\tsaid\n"
    "E1\tAttribution:T4 Source:T1 Cue:T2 Content:T3\n"
    "T5\tCue 58 64\tagreed\n"
    "T6\tContent 51 57\tNobody\n"
    "T7\tContent 58 64\tagreed\n"
    "T8\tAttribution-no-source 58 64\tagreed\n"
    "E2\tAttribution-no-source:T8 Cue:T5 Content:T6 Content2:T7\n"
    "T9\tDiscuss 0 4\tMara\n"
    "E3\tDiscuss:T9\n"
)


def test_parse_ann_reads_roles_discontinuous_segments_and_repeats():
    atts = parse_ann(ANN, TEXT)
    assert len(atts) == 2  # the Discuss event is ignored
    first, second = atts
    assert [s.text for s in first.source] == ["Mara Lind"]
    assert [(s.start, s.end) for s in first.content] == [(15, 23), (40, 49)]
    assert second.source == []
    assert [s.text for s in second.content] == ["Nobody", "agreed"]


def test_read_split_takes_first_ann_in_sorted_order(tmp_path):
    split = tmp_path / "dev"
    (split / "text").mkdir(parents=True)
    (split / "attributions").mkdir()
    (split / "text" / "a.txt").write_text(TEXT, encoding="utf-8")
    (split / "attributions" / "a_zz.ann").write_text("", encoding="utf-8")
    (split / "attributions" / "a_aa.ann").write_text(ANN, encoding="utf-8")
    docs = list(read_split(tmp_path, "dev"))
    assert [d.id for d in docs] == ["a"]
    assert len(docs[0].attributions) == 2


def test_read_split_rejects_a_folder_that_is_not_polnear(tmp_path):
    with pytest.raises(CorpusError, match="not a PolNeAR split"):
        list(read_split(tmp_path, "dev"))


def test_malformed_offsets_name_the_line():
    with pytest.raises(CorpusError, match=":1:"):
        parse_ann("T1\tSource x y\tfoo\n", TEXT)
