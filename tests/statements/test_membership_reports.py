"""Memberships read from short reports written for this project, one or more per way
reporters write who drafted, signed, co-sponsored or joined a statement (issue 12):
passive and active voice, copular sentences, lists after "of", counts in brackets, lists
in the next sentence with exclusions, "and N other countries", names holding "and"."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from saidwho.pipeline.memberships import find_memberships

REPORTS = json.loads((Path(__file__).parent.parent / "data" / "membership_reports.json")
                     .read_text(encoding="utf-8"))


def _pairs(text: str) -> set[tuple[str, str]]:
    return {(m.relation, code) for m in find_memberships(text) for code in m.codes}


def test_recall_and_precision_by_relation_and_state():
    tp = fp = fn = 0
    for report in REPORTS:
        expected = {(rel, code) for rel, code, _partial in report["expected"]}
        found = _pairs(report["text"])
        tp, fp, fn = tp + len(expected & found), fp + len(found - expected), fn + len(
            expected - found)
    assert len(REPORTS) >= 15
    assert tp / (tp + fn) >= 0.95, f"recall {tp / (tp + fn):.3f}"
    assert tp / (tp + fp) >= 0.98, f"precision {tp / (tp + fp):.3f}"


@pytest.mark.parametrize("report", REPORTS, ids=lambda r: r["text"][:40])
def test_each_report_gives_its_members_partial_and_count(report):
    found = find_memberships(report["text"])
    expected = {(rel, code): partial for rel, code, partial in report["expected"]}
    got = {(m.relation, code): m.partial for m in found for code in m.codes}
    assert got == expected
    if "count" in report:
        assert report["count"] in [m.count for m in found]
    for m in found:  # every span points at the text it claims
        assert report["text"][m.span.start : m.span.end] == m.span.text


def test_a_state_named_after_but_not_is_not_a_member():
    text = ("The declaration was endorsed by 30 countries. Italy and Greece were among them, "
            "as were Egypt and Tunisia, but not Turkey.")
    assert "TUR" not in {c for m in find_memberships(text) for c in m.codes}


def test_news_without_statements_gives_no_members():
    text = ("Norway signed a striker from Kenya. Chile is backing away from the plan. The "
            "minister joined the talks late, and Peru was among the first to leave.")
    assert find_memberships(text) == []
