"""Store benchmark: a synthetic store of N attributions, then search latency (p50/p95).

    .venv/bin/python scripts/bench_store.py --db /tmp/big.db --attributions 1000000

Articles, speakers and contents are generated from a seeded vocabulary (no corpus text).
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import time
from pathlib import Path

from saidwho.io import Document
from saidwho.model import KINDS, Attribution, DocumentResult, Segment, Speaker
from saidwho.store import Store

WORDS = [f"w{k}" for k in range(5000)] + ["court", "bridge", "vote", "talks", "budget"]


def build(db: Path, n: int, per_article: int = 10, seed: int = 0) -> float:
    """A store of ``n`` synthetic attributions, written as ingest writes them."""
    rng = random.Random(seed)
    speakers = [f"Speaker {k}" for k in range(20000)]
    start = time.perf_counter()
    with Store.open(db) as store:
        for a in range(n // per_article):
            contents = [" ".join(rng.choices(WORDS, k=20)) for _ in range(per_article)]
            text = "\n".join(contents)
            doc = Document(f"d{a}", text, "synthetic", title=f"title {a}",
                           date=f"2026-{1 + a % 12:02d}-{1 + a % 28:02d}",
                           outlet=f"outlet{a % 50}")
            result = DocumentResult(doc.id, text=text)
            offset = 0
            for content in contents:
                segment = Segment(offset, offset + len(content), content)
                offset += len(content) + 1
                result.attributions.append(Attribution(
                    rng.choice(KINDS), content=[segment], confidence=0.9,
                    speaker=Speaker(rng.choice(speakers), "person")))
            store.write(doc, result)
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return time.perf_counter() - start


def latency(db: Path, queries: int = 200, seed: int = 1) -> dict[str, float]:
    rng = random.Random(seed)
    store = Store.open(db, readonly=True)
    out = {}
    for name, make in (("word", lambda: {"words": rng.choice(WORDS)}),
                       ("speaker", lambda: {"speaker": f"Speaker {rng.randrange(20000)}"})):
        times = []
        for _ in range(queries):
            t = time.perf_counter()
            store.search(limit=20, **make())
            times.append((time.perf_counter() - t) * 1000)
        times.sort()
        out[f"{name}_p50_ms"] = round(statistics.median(times), 2)
        out[f"{name}_p95_ms"] = round(times[int(0.95 * len(times)) - 1], 2)
    store.close()
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--db", required=True)
    ap.add_argument("--attributions", type=int, default=1_000_000)
    args = ap.parse_args()
    db = Path(args.db)
    if not db.exists():
        print(f"built in {build(db, args.attributions):.0f} s", flush=True)
    figures = latency(db) | {"store_mb": round(db.stat().st_size / 2**20, 1)}
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
