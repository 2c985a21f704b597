"""An attribution as one flat row: the columns of ``saidwho export``, of the Parquet that
``saidwho spark`` writes, and (the attribution's part) of the store's ``attributions``
table. One function builds it, so the three agree."""

from __future__ import annotations

import json

from ..io import Document
from ..model import Attribution

EXPORT_COLUMNS = ("att_id", "kind", "speaker", "speaker_type", "speaker_iso3", "speaker_key",
                  "source", "cue", "content", "confidence", "doc_id", "title", "url", "date",
                  "outlet", "author", "attribution_json")
# the columns that come from the article, not the attribution
ARTICLE_COLUMNS = ("doc_id", "title", "url", "date", "outlet", "author")
CONTENT_JOINER = " … "  # between the pieces of a content cut by a cue ("X," he said, "Y")


def attribution_row(att: Attribution, doc: Document | None = None) -> dict[str, object]:
    """The export row of an attribution, with its article's metadata when ``doc`` is
    given (None otherwise)."""
    sp = att.speaker
    row: dict[str, object] = {
        "att_id": att.id, "kind": att.kind,
        "speaker": sp.name if sp else None,
        "speaker_type": sp.type if sp else None,
        "speaker_iso3": sp.iso3 if sp else None,
        "speaker_key": sp.key if sp else None,
        "source": " ".join(s.text for s in att.source),
        "cue": " ".join(s.text for s in att.cue),
        "content": CONTENT_JOINER.join(s.text for s in att.content),
        "confidence": att.confidence,
    }
    meta = doc.metadata if doc else {}
    row |= {"doc_id": doc.id if doc else None} | {c: meta.get(c) for c in ARTICLE_COLUMNS[1:]}
    row["attribution_json"] = json.dumps(att.to_dict(), ensure_ascii=False)
    return row
