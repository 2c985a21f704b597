from saidwho.evaluate.scorer import Scorer, trimmed
from saidwho.model import Attribution, Segment

TEXT = 'Ines Paro said that the harbour will close. "We are sad," workers said.'


def att(text, source, cue, content):
    def segs(spans):
        return [Segment.of(text, s, e) for s, e in spans]

    return Attribution("indirect", segs(source), segs(cue), segs(content))


GOLD = [
    att(TEXT, [(0, 9)], [(10, 14)], [(15, 43)]),
    att(TEXT, [(57, 64)], [(65, 69)], [(44, 57)]),
]


def score(pred):
    s = Scorer()
    s.add(TEXT, GOLD, pred)
    return s.scores


def test_perfect_prediction_scores_one():
    sc = score(GOLD)
    for family in (sc.token, sc.exact, sc.attribution):
        for prf in family.values():
            assert prf.f1 == 1.0
    assert sc.misattribution_rate == 0.0


def test_wrong_source_counts_as_misattribution():
    pred = [GOLD[0], att(TEXT, [(0, 4)], [(65, 69)], [(44, 57)])]
    sc = score(pred)
    assert sc.attribution["content"].f1 == 1.0
    assert sc.attribution["content+source"].tp == 1
    assert sc.misattribution_rate == 0.5


def test_content_below_dice_threshold_does_not_match():
    pred = [att(TEXT, [(0, 9)], [(10, 14)], [(36, 43)])]  # "close" only
    sc = score(pred)
    assert sc.attribution["content"].tp == 0
    assert sc.token["content"].tp == 1


def test_exact_match_ignores_quote_marks_and_punctuation():
    assert TEXT[44:57] == '"We are sad,"'
    assert trimmed([Segment.of(TEXT, 44, 57)]) == trimmed([Segment.of(TEXT, 45, 55)])
    pred = [GOLD[0], att(TEXT, [(57, 64)], [(65, 69)], [(45, 55)])]
    assert score(pred).exact["content"].f1 == 1.0


def test_matching_is_one_to_one():
    pred = [GOLD[0], GOLD[0]]
    sc = score(pred)
    assert sc.attribution["content"].tp == 1
    assert sc.attribution["content"].precision == 0.5


def test_content_recall_is_kept_by_the_gold_kind():
    from dataclasses import replace

    from saidwho.evaluate.scorer import format_scores

    gold = [GOLD[0], replace(GOLD[1], kind="direct")]
    s = Scorer()
    s.add(TEXT, gold, [GOLD[0]])  # the unquoted content found, the quoted one missed
    kinds = s.scores.recall_by_kind
    assert (kinds["indirect"].recall, kinds["direct"].recall) == (1.0, 0.0)
    assert s.scores.to_dict()["content_recall_by_kind"]["direct"] == {
        "recall": 0.0, "tp": 0, "gold": 1}
    assert "content recall, unquoted" in format_scores(s.scores)
