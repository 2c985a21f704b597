"""An attribution as one flat row: the columns of ``saidwho export`` (JSON Lines, CSV,
Parquet), of the Parquet that ``saidwho spark`` writes, and (the attribution's part) of
the store's ``attributions`` table. One function builds it, so they all agree.

The full attribution is the column ``attribution``: an object in JSON Lines, its JSON text
in CSV and Parquet.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import date
from typing import Any

from ..model import Attribution

ATTRIBUTION_COLUMNS = ("att_id", "kind", "speaker", "speaker_type", "speaker_iso3",
                       "speaker_key", "speaker_role", "speaker_affiliation", "speaker_count",
                       "channel", "channel_type", "source", "cue", "content", "confidence")
# the columns that come from the article, not the attribution
ARTICLE_COLUMNS = ("doc_id", "title", "url", "date", "outlet", "author", "lang")
EXPORT_COLUMNS = (*ATTRIBUTION_COLUMNS, *ARTICLE_COLUMNS, "attribution")
CONTENT_JOINER = " … "  # between the pieces of a content cut by a cue ("X," he said, "Y")


def attribution_row(att: Attribution, article: Mapping[str, Any] | None = None
                    ) -> dict[str, Any]:
    """The export row of an attribution, with its article's metadata (``doc_id``, title,
    url, date, outlet, author, and ``lang``, the language it was read in:
    ``Document.article_fields()`` or a stored article) when given, None otherwise;
    ``attribution`` is the attribution's JSON text."""
    sp, channel = att.speaker, att.channel
    row: dict[str, Any] = {
        "att_id": att.id, "kind": att.kind,
        "speaker": sp.name if sp else None,
        "speaker_type": sp.type if sp else None,
        "speaker_iso3": sp.iso3 if sp else None,
        "speaker_key": sp.key if sp else None,
        "speaker_role": sp.role if sp else None,
        "speaker_affiliation": sp.affiliation if sp else None,
        "speaker_count": sp.count if sp else None,
        "channel": channel.name if channel else None,
        "channel_type": channel.type if channel else None,
        "source": " ".join(s.text for s in att.source),
        "cue": " ".join(s.text for s in att.cue),
        "content": CONTENT_JOINER.join(s.text for s in att.content),
        "confidence": round(att.confidence, 3),  # as the attribution's JSON keeps it
    }
    meta = article or {}
    row |= {c: meta.get(c) for c in ARTICLE_COLUMNS}
    row["attribution"] = json.dumps(att.to_dict(), ensure_ascii=False)
    return row


def parquet_schema() -> Any:
    """The Parquet columns of ``EXPORT_COLUMNS``: the day as a date, the confidence a
    float, the size of a group an integer, the rest text."""
    import pyarrow as pa

    types = {"confidence": pa.float64(), "speaker_count": pa.int64(), "date": pa.date32()}
    return pa.schema([(c, types.get(c, pa.string())) for c in EXPORT_COLUMNS])


def parquet_values(row: dict[str, Any]) -> dict[str, Any]:
    """A row with the values Parquet's types take (the date as a day)."""
    day = row.get("date")
    try:
        value = date.fromisoformat(day[:10]) if day else None
    except ValueError:  # a date that is not one, kept as written elsewhere
        value = None
    return row | {"date": value}
