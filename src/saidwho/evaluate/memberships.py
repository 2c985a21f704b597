"""Scoring memberships read from news (who drafted, signed, co-sponsored, initiated or
joined a statement) against a hand-made set, as ``scripts/build_fr_dev.py`` writes it: one
JSON object a line, ``{"article": ID, "memberships": [{"relation", "members": [ISO3 …],
"partial", "count"?}]}``. A membership is scored as (article, relation, member) triples:
precision over those the text was read to state, recall over those annotated."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import CorpusError
from .scorer import PRF

Triple = tuple[str, str, str]


def read_gold_memberships(path: str | Path) -> dict[str, set[Triple]]:
    """article -> its annotated (article, relation, ISO3) triples."""
    out: dict[str, set[Triple]] = {}
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise CorpusError(f"{path}: cannot read the membership set ({exc})") from exc
    for lineno, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            article = str(row["article"])
            triples = {(article, str(m["relation"]), str(code))
                       for m in row["memberships"] for code in m["members"]}
        except (ValueError, KeyError, TypeError) as exc:
            raise CorpusError(f"{path}:{lineno}: not a membership line ({exc})") from exc
        out.setdefault(article, set()).update(triples)
    return out


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
