"""The embedded store: one SQLite file, opened as a ``Store``."""

from .store import Store

__all__ = ["Store"]
