"""The README's development checks, run as written: ruff over the code, tests and scripts,
and mypy over the package (skipped where the dev tools are not installed)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent
BIN = Path(sys.executable).parent


def _tool(name: str) -> str:
    path = BIN / name
    if not path.exists() and shutil.which(name) is None:
        pytest.skip(f"{name} is not installed")
    return str(path) if path.exists() else name


def test_ruff_finds_nothing():
    done = subprocess.run([_tool("ruff"), "check", "src", "tests", "scripts"], cwd=ROOT,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout[-3000:]


def test_mypy_finds_nothing():
    done = subprocess.run([_tool("mypy"), "src"], cwd=ROOT, capture_output=True, text=True,
                          timeout=600)
    assert done.returncode == 0, done.stdout[-3000:]
