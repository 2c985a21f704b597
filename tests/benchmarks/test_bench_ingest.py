"""Ingest with one and with two extraction processes, in one run: the ratio of their times
is the speed-up of --workers 2 (target >= 1.7x on 2 cores). Pipeline loading is included
for both, as a user pays it.

Run: pytest tests/benchmarks/test_bench_ingest.py --benchmark-only -s
"""

from __future__ import annotations

import json
import random
from functools import partial

import pytest

from saidwho.cli import _load_pipeline
from saidwho.store.database import open_store
from saidwho.store.writer import ingest

pytestmark = pytest.mark.model

NAMES = ["Elena Varga", "Tomas Brandt", "Maria Lindqvist", "Daniel Okafor", "Rosa Ibarra"]
TOPICS = ["the harbour bridge", "the school meals plan", "the river treaty", "the port strike"]
ARTICLES = 480
TIMES: dict[int, float] = {}


def corpus(path, n: int = ARTICLES) -> None:
    rng = random.Random(5)
    with open(path, "w", encoding="utf-8") as fh:
        for k in range(n):
            paragraphs = []
            for j in range(12):
                name, topic = rng.choice(NAMES), rng.choice(TOPICS)
                paragraphs.append(
                    f"{name} said on day {j} of report {k} that {topic} would be delayed. "
                    f"\u201cWe need more time for {topic},\u201d {name.split()[1]} told "
                    f"reporters. A council official said the budget for item {j} was cut.")
            fh.write(json.dumps({"id": f"a{k}", "text": "\n\n".join(paragraphs)}) + "\n")


@pytest.mark.parametrize("workers", [1, 2])
def test_ingest_workers(benchmark, tmp_path, workers):
    source = tmp_path / "corpus.jsonl"
    corpus(source)
    loader = partial(_load_pipeline, None, "model")

    def run() -> int:
        db = tmp_path / f"w{workers}-{len(list(tmp_path.glob('*.db')))}.db"
        conn = open_store(db)
        nlp = loader() if workers == 1 else None
        summary = ingest(conn, nlp, [str(source)], workers=workers, loader=loader)
        conn.close()
        return summary.documents

    documents = benchmark.pedantic(run, rounds=1, iterations=1)
    assert documents == ARTICLES
    TIMES[workers] = benchmark.stats.stats.mean
    if len(TIMES) == 2:
        print(f"\ningest {ARTICLES} articles: 1 worker {TIMES[1]:.1f} s, 2 workers "
              f"{TIMES[2]:.1f} s, speed-up {TIMES[1] / TIMES[2]:.2f}x")
