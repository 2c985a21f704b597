"""Exceptions the library raises; only the CLI turns them into messages and exit codes."""


class SaidwhoError(Exception):
    """Base class for every error saidwho raises on purpose."""


class InputError(SaidwhoError):
    """An input file or directory cannot be read as text."""


class ModelNotFoundError(SaidwhoError):
    """The requested spaCy pipeline is not installed."""


class CorpusError(SaidwhoError):
    """An evaluation corpus is missing or malformed."""


class QueryError(SaidwhoError):
    """A search the store's full-text index refuses (its query syntax)."""


class ExtractionError(SaidwhoError):
    """The pipeline failed on a document (``extract_text``; ``extract_many`` gives the
    document back with its ``error`` set instead)."""


class TimeLimitExceeded(ExtractionError):
    """A document's extraction would take longer than the time limit it was given."""
