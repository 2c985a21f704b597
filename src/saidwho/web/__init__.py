"""The web UI (``saidwho serve``): pages and a JSON API over the extraction library and the
read-only store."""
