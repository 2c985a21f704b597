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
