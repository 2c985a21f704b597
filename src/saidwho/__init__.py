"""saidwho: who said what, on whose word."""

import logging

from .model import SCHEMA, Attribution, DocumentResult, Segment, Speaker

__version__ = "0.1.0"
__all__ = ["SCHEMA", "Attribution", "DocumentResult", "Segment", "Speaker", "__version__"]

logging.getLogger(__name__).addHandler(logging.NullHandler())
