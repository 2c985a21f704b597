import pytest

from saidwho import extract as extract_mod
from saidwho.extract import chunks, extract_many


def test_chunks_cover_the_text_and_cut_at_paragraphs():
    text = ("word " * 30 + "\n\n") * 50
    parts = chunks(text, size=400)
    assert "".join(c for _, c in parts) == text
    assert all(len(c) <= 400 for _, c in parts)
    assert all(c.endswith("\n\n") for _, c in parts[:-1])
    assert [o for o, _ in parts] == [sum(len(c) for _, c in parts[:i]) for i in range(len(parts))]


def test_chunks_without_paragraphs_cut_at_spaces():
    text = "word " * 500
    parts = chunks(text, size=300)
    assert "".join(c for _, c in parts) == text
    assert all(c.endswith(" ") for _, c in parts[:-1])


@pytest.mark.model
def test_long_text_offsets_survive_chunking(nlp, monkeypatch):
    monkeypatch.setattr(extract_mod, "CHUNK_CHARS", 200)
    para = "The mayor said that taxes would rise in May.\n\n"
    text = "Intro.\n\n" + para * 12
    result = extract_mod.extract_text(nlp, text, "long")
    assert len(result.attributions) == 12
    for att in result.attributions:
        for seg in (*att.source, *att.cue, *att.content):
            assert text[seg.start : seg.end] == seg.text
    assert len({a.id for a in result.attributions}) == 12


@pytest.mark.model
def test_empty_text_gives_empty_result(nlp):
    assert extract_mod.extract_text(nlp, "", "empty").attributions == []


def test_extract_reads_html_and_json_lines_as_ingest_does(tmp_path):
    """One way in: a page gives its main text (no markup in any span), a JSON Lines file
    one document per line, by its id; the same attributions as ingest stores."""
    import json as _json

    from click.testing import CliRunner

    from saidwho.cli import main

    page = tmp_path / "page.html"
    page.write_text("<html><head><title>Vote</title></head><body><nav>Home | News</nav>"
                    "<article><h1>Bridge vote delayed</h1><p>The council said on Tuesday "
                    "that the vote on the bridge would be delayed until the engineers had "
                    "checked the foundations again.</p></article></body></html>",
                    encoding="utf-8")
    feed = tmp_path / "news.jsonl"
    feed.write_text('{"id": "n1", "text": "A source told the paper that the deal was off."}\n'
                    '{"id": "n2", "text": "The council said the vote was delayed."}\n',
                    encoding="utf-8")
    runner = CliRunner()
    out = runner.invoke(main, ["extract", "--engine", "rules", str(page), str(feed)])
    assert out.exit_code == 0, out.output
    docs = [_json.loads(line) for line in out.output.splitlines()]
    assert [d["id"] for d in docs] == ["page", "n1", "n2"]
    texts = [s["text"] for d in docs for a in d["attributions"]
             for s in (*a["source"], *a["content"])]
    assert texts and not any("<" in t or "{" in t for t in texts)
    db = tmp_path / "s.db"
    assert runner.invoke(main, ["ingest", str(page), str(feed), "--db", str(db),
                                "--engine", "rules"]).exit_code == 0
    stored = [_json.loads(line) for line in runner.invoke(
        main, ["export", "--db", str(db)]).output.splitlines()]
    extracted = {a["id"].split(":", 1)[1] for d in docs for a in d["attributions"]}
    assert extracted == {r["att_id"].split(":", 1)[1] for r in stored}


@pytest.mark.model
def test_documents_sharing_an_id_keep_their_own_texts(nlp):
    # two files called x.txt in two folders: each result holds its own text and offsets
    first = "The mayor said the bridge would reopen in May."
    second = "A spokesman for the port said on Monday that the cranes were idle."
    results = list(extract_many(nlp, [("x", first), ("x", second)]))
    assert [r.text for r in results] == [first, second]
    for result in results:
        for att in result.attributions:
            for seg in att.content:
                assert result.text[seg.start:seg.end] == seg.text
