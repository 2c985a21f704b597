"""The embedded store: one SQLite file of articles, attributions and ingest errors."""
