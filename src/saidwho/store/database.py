"""Opening the store and keeping its schema current (``PRAGMA user_version`` migrations).

One SQLite file in WAL mode: ``articles`` (one row per distinct text, keyed by the hash of
its normalised text), ``attributions`` (with the speaker's name, type, state code and
identity key beside the full JSON), ``errors`` (inputs that could not be read), and an
FTS5 index over attribution content and speaker names.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from ..errors import InputError
from ..io.dates import normalise_date
from ..model import speaker_key

PRONOUN_LIST = ", ".join(f"'{p}'" for p in sorted({
    "he", "she", "him", "her", "his", "they", "them", "their", "it", "its", "i", "me", "we",
    "us", "you", "who", "whom", "which", "that"}))

MIGRATIONS = [
    """
    CREATE TABLE articles (
        id INTEGER PRIMARY KEY,
        hash TEXT NOT NULL UNIQUE,
        doc_id TEXT NOT NULL,
        source TEXT NOT NULL,
        position TEXT,
        title TEXT, url TEXT, date TEXT, outlet TEXT,
        text TEXT NOT NULL,
        ingested_at TEXT NOT NULL DEFAULT (datetime('now'))
    );
    CREATE TABLE attributions (
        id INTEGER PRIMARY KEY,
        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        att_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        content TEXT NOT NULL,
        cue TEXT, source TEXT,
        speaker TEXT, speaker_type TEXT, speaker_iso3 TEXT,
        confidence REAL,
        json TEXT NOT NULL
    );
    CREATE INDEX attributions_article ON attributions(article_id);
    CREATE INDEX attributions_speaker ON attributions(speaker);
    CREATE INDEX articles_date ON articles(date);
    CREATE TABLE errors (
        id INTEGER PRIMARY KEY,
        source TEXT NOT NULL,
        position TEXT,
        reason TEXT NOT NULL,
        at TEXT NOT NULL DEFAULT (datetime('now')),
        UNIQUE (source, position, reason)
    );
    CREATE VIRTUAL TABLE attributions_fts USING fts5(
        content, speaker, content='attributions', content_rowid='id'
    );
    """,
    # 2: the author of an article (from HTML metadata)
    "ALTER TABLE articles ADD COLUMN author TEXT;",
    # 3: a narrow copy of each attribution's article and date, so a word search sorts its
    # matches by date without reading every matching row of the wide attributions table
    """
    CREATE TABLE attribution_dates (
        id INTEGER PRIMARY KEY REFERENCES attributions(id) ON DELETE CASCADE,
        article_id INTEGER NOT NULL,
        date TEXT
    );
    INSERT INTO attribution_dates (id, article_id, date)
        SELECT a.id, a.article_id, r.date FROM attributions a
        JOIN articles r ON r.id = a.article_id;
    """,
    # 4: an outlet's articles without reading every article (the outlet page, --outlet)
    "CREATE INDEX articles_outlet ON articles(outlet, date);",
    # 5: who drafted, signed or joined what, as read from each article (pipeline.memberships);
    # articles stored before this version have none
    """
    CREATE TABLE memberships (
        id INTEGER PRIMARY KEY,
        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        relation TEXT NOT NULL,
        json TEXT NOT NULL
    );
    CREATE INDEX memberships_article ON memberships(article_id);
    """,
    # 6: who is quoted most, from an index that holds all the counting needs (2.3 s ->
    # 0.14 s on a million attributions); it serves lookups by speaker as the old one did
    """
    DROP INDEX attributions_speaker;
    CREATE INDEX attributions_speaker ON attributions(speaker, speaker_type, article_id);
    """,
    # 7: a speaker is an identity (model.speaker_key: "person:ana ruiz", "state:CHL"), so
    # that "Mayor Ana Ruiz" and "Ana Ruiz" count once; pronouns that older versions stored
    # as speakers' names ("he") become unresolved (no speaker), in the index too
    f"""
    ALTER TABLE attributions ADD COLUMN speaker_key TEXT;
    INSERT INTO attributions_fts (attributions_fts, rowid, content, speaker)
        SELECT 'delete', id, content, speaker FROM attributions
        WHERE lower(speaker) IN ({PRONOUN_LIST});
    INSERT INTO attributions_fts (rowid, content, speaker)
        SELECT id, content, '' FROM attributions WHERE lower(speaker) IN ({PRONOUN_LIST});
    UPDATE attributions SET speaker = NULL, speaker_type = NULL, speaker_iso3 = NULL
        WHERE lower(speaker) IN ({PRONOUN_LIST});
    UPDATE attributions SET speaker_key = saidwho_speaker_key(speaker, speaker_type,
        speaker_iso3) WHERE speaker IS NOT NULL;
    CREATE INDEX attributions_speaker_key ON attributions(speaker_key, article_id, speaker);
    """,
    # 8: dates in ISO 8601 (io.dates: "15 June 2026" -> 2026-06-15, a time in UTC), so
    # that filters and sorting compare like with like; the date as written is kept in
    # date_text, and a date that could not be read is NULL beside it
    """
    ALTER TABLE articles ADD COLUMN date_text TEXT;
    UPDATE articles SET date_text = date, date = saidwho_date(date) WHERE date IS NOT NULL;
    UPDATE attribution_dates SET date = (SELECT r.date FROM articles r
        WHERE r.id = attribution_dates.article_id);
    """,
    # 9: the language an article was read in (articles stored before saidwho read French
    # were read in English); word search folds diacritics ("reforme" finds "réforme")
    """
    ALTER TABLE articles ADD COLUMN lang TEXT;
    UPDATE articles SET lang = 'en';
    DROP TABLE attributions_fts;
    CREATE VIRTUAL TABLE attributions_fts USING fts5(
        content, speaker, content='attributions', content_rowid='id',
        tokenize='unicode61 remove_diacritics 2'
    );
    INSERT INTO attributions_fts (attributions_fts) VALUES ('rebuild');
    """,
]
SCHEMA_VERSION = len(MIGRATIONS)
MMAP_BYTES = 1 << 30
MIGRATION_WAIT_S = 120.0


def open_store(path: str | Path, *, readonly: bool = False) -> sqlite3.Connection:
    """A connection to the store at ``path``, created and migrated unless ``readonly``.
    Raises ``InputError`` naming the path and the reason when it cannot be opened (not a
    store, made by a newer saidwho, missing, or not writable as asked)."""
    try:
        return _open(Path(path), readonly)
    except (sqlite3.OperationalError, OSError) as exc:
        what = "read" if readonly else "write"
        raise InputError(f"{path}: cannot {what} the store ({exc})") from exc


def _open(db: Path, readonly: bool) -> sqlite3.Connection:
    path = db
    if readonly:
        if not db.exists():
            raise InputError(f"{path}: no such store (run saidwho ingest first)")
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
        # reading through a memory map shares the OS page cache between connections and
        # saves a read() per page: word searches on a 1M-attribution store take 4.4 ms
        # instead of 7 ms
        conn.execute(f"PRAGMA mmap_size={MMAP_BYTES}")
    else:
        db.parent.mkdir(parents=True, exist_ok=True)
        # a migration of a large store holds the write lock for a while: others wait
        conn = sqlite3.connect(db, timeout=MIGRATION_WAIT_S)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")
    conn.execute("PRAGMA foreign_keys=ON")
    conn.create_function("saidwho_speaker_key", 3, _speaker_key, deterministic=True)
    conn.create_function("saidwho_date", 1, normalise_date, deterministic=True)
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise InputError(f"{path}: not a saidwho store ({exc})") from exc
    if version > SCHEMA_VERSION:
        conn.close()
        raise InputError(f"{path}: made by a newer saidwho (schema {version})")
    if version < SCHEMA_VERSION:
        if readonly:
            # browsing an older store: upgrade it once, then read it as asked
            conn.close()
            try:
                open_store(db).close()
            except sqlite3.OperationalError as exc:
                raise InputError(f"{path}: made by an older saidwho (schema {version}) and "
                                 f"cannot be upgraded here ({exc})") from exc
            return open_store(db, readonly=True)
        _upgrade(conn)
    return conn


def _speaker_key(name: str | None, kind: str | None, iso3: str | None) -> str | None:
    return speaker_key(name, kind or "unknown", iso3) if name else None


def _upgrade(conn: sqlite3.Connection) -> None:
    """Run the missing migrations in one transaction that holds the write lock from the
    start, reading the version again under it: processes that open an old store at the
    same moment (two server workers) wait for the first and then find nothing to do."""
    level = conn.isolation_level
    conn.isolation_level = None  # transactions by hand
    conn.execute("BEGIN IMMEDIATE")
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        for k in range(version, SCHEMA_VERSION):
            for statement in _statements(MIGRATIONS[k]):
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {k + 1}")
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    finally:
        conn.isolation_level = level


def _statements(script: str) -> list[str]:
    """The statements of a migration script, one by one (``executescript`` would commit)."""
    out, pending = [], ""
    for line in script.splitlines(keepends=True):
        pending += line
        if sqlite3.complete_statement(pending):
            out.append(pending.strip())
            pending = ""
    assert not pending.strip(), f"unfinished statement in a migration: {pending!r}"
    return out
