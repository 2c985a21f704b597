"""Kill an ingest with SIGKILL at random moments, several times, then finish it, and check
that every document is stored exactly once with all of its attributions.

    .venv/bin/python scripts/kill_test.py --runs 5 --documents 3000
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from process_tree import children  # noqa: E402 - the tests' helper, beside this script's repo

NAMES = ["Mara Lind", "Tomas Berg", "Ana Ruiz", "Oren Vale", "Ines Holt", "Kofi Adu"]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--documents", type=int, default=3000)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--workers", type=int, default=1, help="saidwho ingest --workers")
    args = ap.parse_args()
    rng = random.Random(args.seed)
    root = Path(tempfile.mkdtemp(prefix="saidwho-kill-"))
    corpus = root / "corpus"
    corpus.mkdir()
    for k in range(args.documents):
        name = NAMES[k % len(NAMES)]
        (corpus / f"a{k:04d}.txt").write_text(
            f"Report {k}\n\n{name} said that project {k} would be delayed. "
            f"\u201cWe need {k} more weeks,\u201d {name.split()[0]} told reporters.\n",
            encoding="utf-8")
    db = root / "s.db"
    cmd = [sys.executable, "-m", "saidwho.cli", "ingest", str(corpus), "--db", str(db),
           "--engine", "rules", "--workers", str(args.workers)]
    orphans_left = 0
    for run in range(args.runs):
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        delay = rng.uniform(1.5, 4.0)
        time.sleep(delay)
        finished = proc.poll() is not None
        spawned = children(proc.pid)
        if not finished:
            os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        time.sleep(3)  # extraction workers must notice their parent is gone and exit
        orphans_left += sum(1 for pid in spawned if Path(f"/proc/{pid}").exists())
        with sqlite3.connect(db) as conn:
            n = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        print(f"run {run + 1}: killed after {delay:.1f} s"
              f"{' (had finished)' if finished else ''}, {n} articles stored", flush=True)
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    with sqlite3.connect(db) as conn:
        n = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        distinct = conn.execute("SELECT count(DISTINCT hash) FROM articles").fetchone()[0]
        orphans = conn.execute("SELECT count(*) FROM articles r WHERE NOT EXISTS (SELECT 1"
                               " FROM attributions a WHERE a.article_id = r.id)").fetchone()[0]
        atts = conn.execute("SELECT count(*) FROM attributions").fetchone()[0]
        fts = conn.execute("SELECT count(*) FROM attributions_fts").fetchone()[0]
    lost = args.documents - distinct
    print(f"final: {n} articles ({distinct} distinct) of {args.documents}; lost {lost}, "
          f"duplicated {n - distinct}, without attributions {orphans}; "
          f"{atts} attributions, {fts} indexed; worker processes left running: {orphans_left}")
    ok = lost == 0 and n == distinct and orphans == 0 and atts == fts and not orphans_left
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
