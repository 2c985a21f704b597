"""The one reader of inputs (saidwho.io): documents, failures, bytes to text."""

from __future__ import annotations

import codecs
import json

from saidwho.io import Document, Failure, iter_documents
from saidwho.io.decode import decode, is_html


def test_decode_reads_utf8_with_or_without_a_byte_order_mark_and_utf16():
    assert decode("caf\u00e9 said".encode(), "a.txt") == "caf\u00e9 said"
    assert decode(codecs.BOM_UTF8 + "caf\u00e9".encode(), "a.txt") == "caf\u00e9"
    assert decode(codecs.BOM_UTF16_LE + "caf\u00e9".encode("utf-16-le"), "a.txt") == "caf\u00e9"


def test_decode_names_the_file_and_the_reason():
    binary = decode(b"\x00\x01\x02", "blob.txt")
    assert isinstance(binary, Failure) and str(binary).startswith("blob.txt: binary file")
    latin = decode("a\nb caf\u00e9".encode("latin-1"), "l.txt", "line 4")
    assert str(latin) == "l.txt:line 4: not valid UTF-8: byte 0xe9 at offset 7 (line 2)"


def test_html_is_known_by_its_suffix_or_its_start():
    assert is_html("page.HTM", "words")
    assert is_html("page.txt", "  <!DOCTYPE html><html>")
    assert not is_html("notes.txt", "The <b> tag is bold.")


def test_a_record_becomes_a_document_by_field_or_a_failure():
    doc = Document.from_record({"guid": 7, "body": "Ana said no.", "source": "Courier"},
                               source="feed.jsonl", position="line 3",
                               fields={"id": "guid", "text": "body", "outlet": "source"})
    assert isinstance(doc, Document)
    assert (doc.id, doc.outlet, doc.where) == ("7", "Courier", "feed.jsonl:line 3")
    assert doc.metadata == {"title": None, "url": None, "date": None, "outlet": "Courier",
                            "author": None}
    empty = Document.from_record({"text": "  "}, source="feed.jsonl")
    assert isinstance(empty, Document)  # a document with nothing in it; the store declines
    missing = Document.from_record({"title": "x"}, source="feed.jsonl")
    assert isinstance(missing, Failure) and missing.reason == "no 'text' string"


def test_every_kind_of_input_comes_through_one_reader(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "x.txt").write_text("Ana said no.", encoding="utf-8")
    (tmp_path / "b" / "x.txt").write_bytes(codecs.BOM_UTF8 + b"Ben said yes.")
    (tmp_path / "notes.md").write_text("Cy said maybe.", encoding="utf-8")
    (tmp_path / "feed.jsonl").write_text(json.dumps({"id": "f1", "text": "Di said so."})
                                         + "\n", encoding="utf-8")
    (tmp_path / "skip.bin").write_bytes(b"\x00")
    items = list(iter_documents([str(tmp_path), str(tmp_path / "missing.txt")]))
    docs = [i for i in items if isinstance(i, Document)]
    assert [(d.id, d.text) for d in docs] == [
        ("x", "Ana said no."), ("x", "Ben said yes."), ("f1", "Di said so."),
        ("notes", "Cy said maybe.")]
    assert [str(i) for i in items if isinstance(i, Failure)] == [
        f"{tmp_path / 'missing.txt'}: no such file"]
