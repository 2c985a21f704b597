"""Reading documents: files, folders, JSON Lines, HTML, WARC crawls and standard input.

``corpus.py`` reads every kind of file into documents with their metadata; ``inputs.py``
gives ``extract`` its texts, through the same reader for every file that is not plain
text. The lowest layer: it imports nothing else of saidwho.
"""
