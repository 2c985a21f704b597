"""Scoring memberships read from news (who drafted, signed, co-sponsored, initiated or
joined a statement) against a hand-made set, as ``scripts/build_fr_dev.py`` writes it: one
JSON object a line, ``{"article": ID, "memberships": [{"relation", "members": [ISO3 …],
"partial", "count"?}]}``. A membership is scored as (article, relation, member) triples:
precision over those the text was read to state, recall over those annotated."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .scorer import PRF
from .speakers import read_annotations

Triple = tuple[str, str, str]


def read_gold_memberships(path: str | Path) -> dict[str, set[Triple]]:
    """article -> its annotated (article, relation, ISO3) triples."""
    out: dict[str, set[Triple]] = {}
    for article, triples in read_annotations(path, _triples, "membership set",
                                             "membership line"):
        out.setdefault(article, set()).update(triples)
    return out


def _triples(row: dict[str, Any]) -> tuple[str, set[Triple]]:
    article = str(row["article"])
    return article, {(article, str(m["relation"]), str(code))
                     for m in row["memberships"] for code in m["members"]}


@dataclass
class MembershipScorer:
    gold: dict[str, set[Triple]]
    scores: PRF = field(default_factory=PRF)

    def add(self, article: str, predicted: list[dict[str, Any]]) -> None:
        """Score one article's memberships (``DocumentResult.memberships``)."""
        found = {(article, str(m["relation"]), str(member["iso3"]))
                 for m in predicted for member in m["members"] if member.get("iso3")}
        wanted = self.gold.get(article, set())
        self.scores.add(len(found & wanted), len(found), len(wanted))
