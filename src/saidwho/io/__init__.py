"""Reading documents: files, folders, standard input, uploads, JSON Lines, HTML, WARC.

``document.py`` holds the one document type and the one failure type, ``decode.py`` turns
bytes into text (binary, encoding and HTML checks, once), ``readers.py`` streams documents
from paths. The lowest layer: it imports nothing else of saidwho.
"""

from .document import Document, Failure
from .readers import count_documents, file_document, iter_documents

__all__ = ["Document", "Failure", "count_documents", "file_document", "iter_documents"]
