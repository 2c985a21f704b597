"""Reading the store: counts, word search, who is quoted most, the export, profiles of a
speaker (attributions over time, the outlets that quote them, who they are quoted
alongside) and of an outlet (whom it quotes, its share of anonymous sources, direct against
reported speech), one stored article with its attributions, and reported memberships.

Everything here reads what the writer wrote; nothing re-runs the NLP.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from datetime import date, timedelta

from ..errors import QueryError
from ..model import KINDS, SPEAKER_TYPES, Attribution, DocumentResult, speaker_key
from .rows import ARTICLE_COLUMNS, attribution_row, parquet_schema, parquet_values


def speaker_keys(conn: sqlite3.Connection, name: str) -> list[str]:
    """The identities a name asked for stands for: its key under every type ("Mayor Ana
    Ruiz" -> "person:ana ruiz", ...) and those of the speakers stored under exactly that
    name ("Chile" -> "state:CHL")."""
    keys = {speaker_key(name, kind) for kind in SPEAKER_TYPES}
    keys |= {k for (k,) in conn.execute(
        "SELECT DISTINCT speaker_key FROM attributions WHERE speaker = ?", (name,)) if k}
    return sorted(keys)


def known_speakers(conn: sqlite3.Connection, names: list[str]) -> set[str]:
    """Those of ``names`` the store holds attributions of (its speaker page is not empty)."""
    known = set()
    for name in names:
        keys = speaker_keys(conn, name)
        found = conn.execute("SELECT 1 FROM attributions WHERE speaker_key IN"
                             f" ({', '.join('?' * len(keys))}) LIMIT 1", keys).fetchone()
        if found:
            known.add(name)
    return known


def speaker_profile(conn: sqlite3.Connection, name: str, limit: int = 200
                    ) -> dict[str, object]:
    """Everything the store holds about one speaker: the identity (``model.speaker_key``)
    behind the name asked for, whichever way each article wrote it."""
    keys = speaker_keys(conn, name)
    among = f"a.speaker_key IN ({', '.join('?' * len(keys))})"
    total, types, names = _one(
        conn, "SELECT count(*), group_concat(DISTINCT a.speaker_type),"
        f" group_concat(DISTINCT a.speaker) FROM attributions a WHERE {among}", *keys)
    by_month = conn.execute(
        "SELECT substr(r.date, 1, 7) AS month, count(*) FROM attributions a"
        f" JOIN articles r ON r.id = a.article_id WHERE {among}"
        " GROUP BY month ORDER BY month", keys)
    outlets = conn.execute(
        "SELECT r.outlet, count(*) AS n FROM attributions a JOIN articles r"
        f" ON r.id = a.article_id WHERE {among} AND r.outlet IS NOT NULL"
        " GROUP BY r.outlet ORDER BY n DESC, r.outlet", keys)
    # other speakers of the articles this one speaks in, by how many articles they share
    alongside = conn.execute(
        "SELECT max(b.speaker), b.speaker_key, count(DISTINCT b.article_id) AS n"
        " FROM attributions b WHERE b.article_id IN"
        f" (SELECT a.article_id FROM attributions a WHERE {among})"
        f" AND b.speaker_key IS NOT NULL AND b.speaker_key NOT IN ({', '.join('?' * len(keys))})"
        " GROUP BY b.speaker_key ORDER BY n DESC, b.speaker_key LIMIT 20", [*keys, *keys])
    return {
        "speaker": name,
        "types": sorted((types or "").split(",")) if types else [],
        "names": sorted((names or "").split(",")) if names else [],
        "attributions": total,
        "by_month": [{"month": m or "undated", "attributions": n} for m, n in by_month],
        "outlets": [{"outlet": o, "attributions": n} for o, n in outlets],
        "alongside": [{"speaker": s, "type": k.split(":", 1)[0], "articles": n}
                      for s, k, n in alongside],
        "items": _items(conn, among, keys, limit),
    }


def outlet_profile(conn: sqlite3.Connection, outlet: str, top: int = 20) -> dict[str, object]:
    """Whom an outlet quotes most, its share of anonymous sources, and its mix of kinds."""
    articles, total, anonymous = _one(
        conn, "SELECT count(DISTINCT r.id), count(a.id),"
        " coalesce(sum(a.speaker_type = 'anonymous'), 0) FROM articles r"
        " LEFT JOIN attributions a ON a.article_id = r.id WHERE r.outlet = ?", outlet)
    kinds = dict(conn.execute(
        "SELECT a.kind, count(*) FROM attributions a JOIN articles r ON r.id = a.article_id"
        " WHERE r.outlet = ? GROUP BY a.kind", (outlet,)).fetchall())
    speakers = conn.execute(
        "SELECT max(a.speaker), a.speaker_key, count(*) AS n FROM attributions a"
        " JOIN articles r ON r.id = a.article_id WHERE r.outlet = ? AND a.speaker_key"
        " IS NOT NULL GROUP BY a.speaker_key ORDER BY n DESC, a.speaker_key LIMIT ?",
        (outlet, top))
    return {
        "outlet": outlet,
        "articles": articles,
        "attributions": total,
        "anonymous_share": round(anonymous / total, 4) if total else 0.0,
        "kinds": {k: kinds.get(k, 0) for k in KINDS},
        "speakers": [{"speaker": s, "type": k.split(":", 1)[0], "attributions": n}
                     for s, k, n in speakers],
    }


def outlets(conn: sqlite3.Connection) -> list[dict[str, object]]:
    rows = conn.execute(
        "SELECT r.outlet, count(DISTINCT r.id), count(a.id) FROM articles r"
        " LEFT JOIN attributions a ON a.article_id = r.id WHERE r.outlet IS NOT NULL"
        " GROUP BY r.outlet ORDER BY count(a.id) DESC, r.outlet")
    return [{"outlet": o, "articles": n, "attributions": a} for o, n, a in rows]


def stored_article(conn: sqlite3.Connection, doc_id: str | None = None,
                   number: int | None = None) -> tuple[dict[str, object],
                                                       DocumentResult] | None:
    """An article's metadata and its stored attributions, as extracted at ingest time, by
    its store number (unique) or its document id (the first stored, when several files
    gave the same id)."""
    where, key = ("id = ?", number) if number is not None else ("doc_id = ?", doc_id)
    row = conn.execute("SELECT id, doc_id, title, url, date, outlet, author, text"
                       f" FROM articles WHERE {where} ORDER BY id LIMIT 1", (key,)).fetchone()
    if row is None:
        return None
    meta = dict(zip(("id", "doc_id", "title", "url", "date", "outlet", "author"), row[:7],
                    strict=True))
    atts = [Attribution.from_dict(json.loads(j)) for (j,) in conn.execute(
        "SELECT json FROM attributions WHERE article_id = ? ORDER BY id", (row[0],))]
    memberships = [json.loads(j) for (j,) in conn.execute(
        "SELECT json FROM memberships WHERE article_id = ? ORDER BY id", (row[0],))]
    return meta, DocumentResult(id=row[1], attributions=atts, text=row[7],
                                memberships=memberships)


def _items(conn: sqlite3.Connection, where: str, values: list[str], limit: int
           ) -> list[dict[str, object]]:
    cols = ("kind", "cue", "content", "date", "outlet", "article", "doc_id", "title")
    rows = conn.execute(
        "SELECT a.kind, a.cue, a.content, r.date, r.outlet, r.id, r.doc_id, r.title"
        f" FROM attributions a JOIN articles r ON r.id = a.article_id WHERE {where}"
        " ORDER BY r.date DESC, a.id LIMIT ?", [*values, limit])
    return [dict(zip(cols, row, strict=True)) for row in rows]


def _one(conn: sqlite3.Connection, sql: str, *args: object) -> tuple:  # type: ignore[type-arg]
    return tuple(conn.execute(sql, args).fetchone())


def reported_memberships(conn: sqlite3.Connection, limit: int = 200
                         ) -> list[dict[str, object]]:
    """Who drafted, signed or joined what, as the stored articles report it, newest first."""
    rows = conn.execute(
        "SELECT m.json, r.id, r.doc_id, r.title, r.date, r.outlet FROM memberships m"
        " JOIN articles r ON r.id = m.article_id ORDER BY r.date DESC, m.id LIMIT ?",
        (limit,))
    return [json.loads(j) | {"article": n, "doc_id": d, "title": t, "date": date,
                             "outlet": o}
            for j, n, d, t, date, o in rows]


def stats(conn: sqlite3.Connection) -> dict[str, int]:
    def count(sql: str) -> int:
        return int(conn.execute(sql).fetchone()[0])

    return {
        "articles": count("SELECT count(*) FROM articles"),
        "attributions": count("SELECT count(*) FROM attributions"),
        "speakers": count("SELECT count(DISTINCT speaker_key) FROM attributions"
                          " WHERE speaker_key IS NOT NULL"),
        "errors": count("SELECT count(*) FROM errors"),
        # articles whose date as written could not be read as a date (undated in filters)
        "unread_dates": count("SELECT count(*) FROM articles WHERE date IS NULL"
                              " AND date_text IS NOT NULL"),
    }


def check_date(value: str | None, name: str) -> date | None:
    """A date filter (YYYY-MM-DD), or a QueryError naming it."""
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise QueryError(f"{name} {value!r}: not a date (YYYY-MM-DD)") from None


SEARCH_COLUMNS = ("id", "kind", "speaker", "speaker_type", "speaker_iso3", "cue", "content",
                  "confidence", "article", "doc_id", "title", "date", "outlet", "url")
SELECT_ROWS = ("SELECT a.id, a.kind, a.speaker, a.speaker_type, a.speaker_iso3, a.cue,"
               " a.content, a.confidence, r.id, r.doc_id, r.title, r.date, r.outlet, r.url")


def _printable(text: str) -> str:
    """Control characters as spaces (SQLite ends a query string at a NUL byte)."""
    return "".join(ch if ch.isprintable() else " " for ch in text)


def plain_query(words: str) -> str | None:
    """Words as a person types them, as an FTS5 query: each word quoted (so an
    apostrophe, a quotation mark, a colon or AND mean nothing special), all of them
    required; a word ending in ``*`` matches as a prefix. None when nothing in it is a word
    the index holds (only punctuation)."""
    terms = []
    for word in _printable(words).split():
        prefix = word.endswith("*")
        core = word.rstrip("*")
        if not any(ch.isalnum() for ch in core):
            continue
        quoted = '"' + core.replace('"', '""') + '"'
        terms.append(quoted + ("*" if prefix else ""))
    return " ".join(terms) or None


def search(conn: sqlite3.Connection, words: str | None = None, *, speaker: str | None = None,
           speaker_type: str | None = None, kind: str | None = None, outlet: str | None = None,
           since: str | None = None, until: str | None = None, limit: int = 20,
           fts: bool = False) -> list[dict[str, object]]:
    """Attributions whose content or speaker hold all of ``words`` (plain words; with
    ``fts``, FTS5 query syntax), newest first, filtered by speaker name (its words, in
    order), speaker type, kind, outlet and date (``since``/``until``: YYYY-MM-DD).

    Raises ``QueryError`` for what a person typed that cannot be searched: a raw query
    the index refuses, words without a letter or digit, a date that is not a date."""
    match = []
    if words:
        query = words if fts else plain_query(words)
        if query is None:
            raise QueryError(f"search {words!r}: no word to search for")
        match.append(f"({query})")
    if speaker:
        # the speaker's words in sequence, through the full-text index ("Ruiz" finds
        # "Ana Ruiz"): a LIKE '%...%' would scan the whole table
        phrase = " ".join(_printable(speaker).split()).replace('"', '""')
        if not any(ch.isalnum() for ch in phrase):
            raise QueryError(f"speaker {speaker!r}: no word to search for")
        match.append(f'speaker : "{phrase}"')
    first, last = check_date(since, "since"), check_date(until, "until")
    # ``until`` takes in its whole day: a stored time ("2026-06-15T10:00:00+00:00") sorts
    # after the day itself, but before the next one
    dates = [(clause, value.isoformat()) for clause, value in (
        ("date >= ?", first), ("date < ?", last + timedelta(days=1) if last else None))
        if value]
    if match and not (speaker_type or kind or outlet):
        # the matches' dates come from the narrow attribution_dates table; only the newest
        # ``limit`` are read from the wide tables
        where = " AND ".join(["attributions_fts MATCH ?", *(f"d.{c}" for c, _ in dates)])
        sql = (f"{SELECT_ROWS} FROM (SELECT d.id, d.article_id FROM attributions_fts f"
               f" JOIN attribution_dates d ON d.id = f.rowid WHERE {where}"
               " ORDER BY d.date DESC, d.id LIMIT ?) t JOIN attributions a ON a.id = t.id"
               " JOIN articles r ON r.id = t.article_id ORDER BY r.date DESC, a.id")
        args = [" AND ".join(match), *(v for _, v in dates), limit]
    else:
        joins, conditions, args = "", [], []
        if match:
            joins = " JOIN attributions_fts f ON f.rowid = a.id"
            conditions.append("attributions_fts MATCH ?")
            args.append(" AND ".join(match))
        for clause, value in (("a.speaker_type = ?", speaker_type), ("a.kind = ?", kind),
                              ("r.outlet = ?", outlet), *((f"r.{c}", v) for c, v in dates)):
            if value:
                conditions.append(clause)
                args.append(value)
        where = f" WHERE {' AND '.join(conditions)}" if conditions else ""
        sql = (f"{SELECT_ROWS} FROM attributions a JOIN articles r ON r.id = a.article_id"
               f"{joins}{where} ORDER BY r.date DESC, a.id LIMIT ?")
        args.append(limit)
    try:
        rows = conn.execute(sql, args).fetchall()
    except sqlite3.OperationalError as exc:
        if not match or any(w in str(exc) for w in ("database", "disk")):
            raise  # a locked, damaged or unreadable store is not the words' fault
        # the raw full-text query's own syntax: the user's words, not a fault of the store
        raise QueryError(f"bad search {words!r}: {exc}") from exc
    return [dict(zip(SEARCH_COLUMNS, row, strict=True)) for row in rows]


def speakers(conn: sqlite3.Connection, top: int = 20) -> dict[str, object]:
    """Who is quoted most, and the share of attributions to anonymous sources."""
    total = int(conn.execute("SELECT count(*) FROM attributions").fetchone()[0])
    anonymous = int(conn.execute("SELECT count(*) FROM attributions"
                                 " WHERE speaker_type = 'anonymous'").fetchone()[0])
    # one row per identity (speaker_key), named by its longest name as written ("Ana
    # Ruiz" over "Ruiz"); all from one covering index
    rows = conn.execute(
        "SELECT speaker_key, count(*) AS n, count(DISTINCT article_id), speaker,"
        " max(length(speaker)) FROM attributions WHERE speaker_key IS NOT NULL"
        " GROUP BY speaker_key ORDER BY n DESC, speaker_key LIMIT ?", (top,))
    return {
        "attributions": total,
        "anonymous_share": round(anonymous / total, 4) if total else 0.0,
        "speakers": [{"speaker": s, "type": key.split(":", 1)[0], "key": key,
                      "attributions": n, "articles": a} for key, n, a, s, _ in rows],
    }


def export_rows(conn: sqlite3.Connection) -> Iterator[dict[str, object]]:
    """Every attribution joined with its article's metadata, streamed (``rows``)."""
    cur = conn.execute(
        "SELECT a.json, r.doc_id, r.title, r.url, r.date, r.outlet, r.author, r.lang"
        " FROM attributions a JOIN articles r ON r.id = a.article_id ORDER BY a.id")
    for stored, *meta in cur:
        att = Attribution.from_dict(json.loads(stored))
        yield attribution_row(att, dict(zip(ARTICLE_COLUMNS, meta, strict=True)))


PARQUET_BATCH = 10_000


def export_parquet(conn: sqlite3.Connection, path: str) -> int:
    """Every attribution with its article's metadata, as Parquet (pyarrow), written in
    batches so memory stays flat. Returns the number of rows."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = parquet_schema()
    rows = 0
    with pq.ParquetWriter(path, schema) as writer:
        batch: list[dict[str, object]] = []
        for row in export_rows(conn):
            batch.append(parquet_values(row))
            if len(batch) == PARQUET_BATCH:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                rows += len(batch)
                batch = []
        if batch or not rows:
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
            rows += len(batch)
    return rows
