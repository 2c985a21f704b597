"""The PySpark job in Spark local mode (Java 17 and the spark extra are installed in CI)."""

import json

import pytest
from click.testing import CliRunner

from saidwho.cli import main

pytest.importorskip("pyspark")
pytestmark = pytest.mark.model

DOCS = [
    {"id": "h1", "text": "A diplomatic source told the paper that the talks had failed.",
     "date": "2026-01-02", "outlet": "Herald"},
    {"id": "g1", "text": "Mara Lind said that the harbour would close. \u201cWe need more "
     "time,\u201d she told reporters.", "date": "2026-01-03", "outlet": "Gazette"},
]


def test_spark_local_mode_writes_partitioned_parquet_like_export(tmp_path):
    import pyarrow.parquet as pq

    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps(d) + "\n" for d in DOCS), encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["spark", str(src), str(out), "--engine", "rules",
                                       "--master", "local[1]"])
    assert result.exit_code == 0, result.output
    assert (out / "date=2026-01-02" / "outlet=Herald").is_dir()
    table = pq.read_table(out)
    rows = table.to_pylist()
    assert {r["doc_id"] for r in rows} == {"h1", "g1"}
    assert {"att_id", "speaker", "content", "attribution", "channel"} <= set(table.column_names)
    herald = next(r for r in rows if r["doc_id"] == "h1")
    assert (herald["speaker"], herald["outlet"]) == ("A diplomatic source", "Herald")

    db = str(tmp_path / "s.db")
    CliRunner().invoke(main, ["ingest", str(src), "--db", db, "--engine", "rules"])
    exported = CliRunner().invoke(main, ["export", "--db", db]).output.splitlines()
    assert sorted(r["att_id"] for r in rows) == sorted(json.loads(x)["att_id"]
                                                       for x in exported)


def test_the_spark_job_passes_its_time_limit_to_the_extraction(monkeypatch):
    """--time-limit reaches every batch's extraction (0: none); a document over it is
    skipped like any failed one (extract_many's error result)."""
    import pyarrow as pa

    import saidwho.extract as extract_mod
    import saidwho.spark_job as spark_job
    from saidwho.model import DocumentResult

    seen = []

    def fake_extract_languages(pipelines, docs, time_limit=None):
        seen.append(time_limit)
        return [DocumentResult(doc_id, text=text, error="too long to extract in the time "
                               "limit", lang=lang) for doc_id, text, lang in docs]

    monkeypatch.setattr(extract_mod, "extract_languages", fake_extract_languages)
    monkeypatch.setitem(spark_job._PIPELINES, ("rules", "auto"), object())
    batch = pa.RecordBatch.from_pylist([{"id": "d1", "text": "Lund said it."}])
    for limit, expected in ((5.0, 5.0), (0, None)):
        (out,) = spark_job.extract_batches(iter([batch]), engine="rules", time_limit=limit)
        assert out.num_rows == 0
        assert seen[-1] == expected
