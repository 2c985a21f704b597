"""The extraction as a PySpark job: ``saidwho spark INPUT OUTPUT`` or
``spark-submit .../site-packages/saidwho/spark_job.py INPUT OUTPUT`` (absolute imports, so
the file runs as a script where saidwho is installed).

Reads JSON Lines (fields id, text, title, url, date, outlet), Parquet with the same
columns, or text files (one document each) from any path Spark can read; extracts with
one spaCy pipeline per Python worker process (loaded once, reused across batches) through
Arrow (``mapInArrow``); writes Parquet partitioned by date and outlet with the columns of
``saidwho export``.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Iterator
from typing import Any

from saidwho.defaults import DOCUMENT_TIME_LIMIT
from saidwho.io.document import FIELDS, Document, Failure
from saidwho.store.rows import attribution_row, parquet_schema, parquet_values

INPUT_COLUMNS = FIELDS
log = logging.getLogger(__name__)
_PIPELINES: dict[tuple[str, str], Any] = {}


def extract_batches(batches: Iterator[Any], engine: str = "model",
                    time_limit: float | None = DOCUMENT_TIME_LIMIT,
                    lang: str = "auto") -> Iterator[Any]:
    """Arrow record batches of documents in, record batches of attributions out, each
    document read in its language (its ``lang`` column, else ``lang``; ``auto``:
    detected); a document seen to need more than ``time_limit`` seconds is logged and
    skipped."""
    import pyarrow as pa

    from saidwho.extract import extract_languages, load_pipeline
    from saidwho.language import Pipelines

    if (engine, lang) not in _PIPELINES:
        _PIPELINES[(engine, lang)] = Pipelines(
            lambda code: load_pipeline(engine=engine, lang=code), lang)
    pipelines = _PIPELINES[(engine, lang)]
    schema = parquet_schema()
    for batch in batches:
        docs = []
        for record in batch.to_pylist():
            doc = Document.from_record(record, source="spark")
            if isinstance(doc, Failure):  # no text, an oversized one, a lone surrogate
                log.warning("saidwho: skipped a record: %s", doc)
            else:
                docs.append(doc)
        rows = []
        results = extract_languages(pipelines, ((doc.id, doc.text, doc.lang) for doc in docs),
                                    time_limit=time_limit or None)
        for doc, result in zip(docs, results, strict=True):
            if result.error is not None:
                log.warning("saidwho: skipped %s: %s", doc.id, result.error)
                continue
            article = doc.article_fields() | {"lang": result.lang}
            rows += [parquet_values(attribution_row(att, article))
                     for att in result.attributions]
        yield pa.RecordBatch.from_pylist(rows, schema=schema)


def run(input_path: str, output_path: str, fmt: str = "jsonl", engine: str = "model",
        master: str | None = None, time_limit: float | None = DOCUMENT_TIME_LIMIT,
        lang: str = "auto") -> None:
    from functools import partial

    from pyspark.sql import SparkSession
    from pyspark.sql import functions as F
    from pyspark.sql.pandas.types import from_arrow_schema

    # Python workers run this interpreter unless the cluster says otherwise
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    builder = SparkSession.builder.appName("saidwho")
    if master:
        builder = builder.master(master)
    spark = builder.getOrCreate()
    try:
        if fmt == "jsonl":
            # every field as text (a number as written): given a schema, Spark reads the
            # input once, where inferring one costs a whole extra pass over the corpus
            df = spark.read.schema(", ".join(f"`{c}` STRING" for c in INPUT_COLUMNS)).json(
                input_path)
        elif fmt == "parquet":
            df = spark.read.parquet(input_path)
        else:
            df = (spark.read.text(input_path, wholetext=True).withColumnRenamed("value", "text")
                  .withColumn("id", F.input_file_name()))
        for col in INPUT_COLUMNS:
            if col not in df.columns:
                df = df.withColumn(col, F.lit(None).cast("string"))
        df = df.select(*[F.col(c).cast("string") for c in INPUT_COLUMNS])
        schema = from_arrow_schema(parquet_schema())
        out = df.mapInArrow(partial(extract_batches, engine=engine, time_limit=time_limit,
                                    lang=lang), schema)
        out.write.mode("overwrite").partitionBy("date", "outlet").parquet(output_path)
    finally:
        spark.stop()


def main(argv: list[str] | None = None) -> None:
    import argparse

    ap = argparse.ArgumentParser(prog="saidwho.spark_job", description=__doc__)
    ap.add_argument("input")
    ap.add_argument("output")
    ap.add_argument("--format", default="jsonl", choices=["jsonl", "parquet", "text"])
    ap.add_argument("--engine", default="model", choices=["model", "rules"])
    ap.add_argument("--master", help="e.g. local[2]; default: spark-submit's setting")
    ap.add_argument("--time-limit", type=float, default=DOCUMENT_TIME_LIMIT,
                    help="seconds a document may take (0: no limit)")
    ap.add_argument("--lang", default="auto", choices=["en", "fr", "auto"],
                    help="the texts' language (auto: detected for each document)")
    args = ap.parse_args(argv)
    run(args.input, args.output, args.format, args.engine, args.master, args.time_limit,
        args.lang)


if __name__ == "__main__":
    # spark-submit runs this file as __main__, whose functions cloudpickle ships by value,
    # with a fresh _PIPELINES on every task: a pipeline loaded per partition. The installed
    # module's are shipped by reference, so each Python worker loads its pipeline once.
    from saidwho.spark_job import main as installed_main

    installed_main(sys.argv[1:])
