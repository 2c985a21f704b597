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

from saidwho.model import speaker_key
from saidwho.store.database import open_store
from saidwho.store.ingest import search

WORDS = [f"w{k}" for k in range(5000)] + ["court", "bridge", "vote", "talks", "budget"]
KINDS = ("direct", "indirect", "mixed")


def build(db: Path, n: int, per_article: int = 10, seed: int = 0) -> float:
    rng = random.Random(seed)
    conn = open_store(db)
    speakers = [f"Speaker {k}" for k in range(20000)]
    start = time.perf_counter()
    with conn:
        for a in range(n // per_article):
            date = f"2026-{1 + a % 12:02d}-{1 + a % 28:02d}"
            cur = conn.execute(
                "INSERT INTO articles (hash, doc_id, source, title, date, outlet, text)"
                " VALUES (?, ?, 'synthetic', ?, ?, ?, '')",
                (f"h{a}", f"d{a}", f"title {a}", date, f"outlet{a % 50}"))
            for _ in range(per_article):
                content = " ".join(rng.choices(WORDS, k=20))
                sp = rng.choice(speakers)
                row = conn.execute(
                    "INSERT INTO attributions (article_id, att_id, kind, content, speaker,"
                    " speaker_type, speaker_key, confidence, json) VALUES (?, ?, ?, ?, ?,"
                    " 'person', ?, 0.9, '{}')", (cur.lastrowid, f"d{a}:x", rng.choice(KINDS),
                                                content, sp, speaker_key(sp, "person")))
                conn.execute("INSERT INTO attributions_fts (rowid, content, speaker)"
                             " VALUES (?, ?, ?)", (row.lastrowid, content, sp))
                conn.execute("INSERT INTO attribution_dates (id, article_id, date)"
                             " VALUES (?, ?, ?)", (row.lastrowid, cur.lastrowid, date))
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return time.perf_counter() - start


def latency(db: Path, queries: int = 200, seed: int = 1) -> dict[str, float]:
    rng = random.Random(seed)
    conn = open_store(db, readonly=True)
    out = {}
    for name, make in (("word", lambda: {"words": rng.choice(WORDS)}),
                       ("speaker", lambda: {"speaker": f"Speaker {rng.randrange(20000)}"})):
        times = []
        for _ in range(queries):
            t = time.perf_counter()
            search(conn, limit=20, **make())
            times.append((time.perf_counter() - t) * 1000)
        times.sort()
        out[f"{name}_p50_ms"] = round(statistics.median(times), 2)
        out[f"{name}_p95_ms"] = round(times[int(0.95 * len(times)) - 1], 2)
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
