from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def polnear_dir() -> Path | None:
    """PolNeAR from $SAIDWHO_POLNEAR or ../shared/data/polnear beside the checkout."""
    env = os.environ.get("SAIDWHO_POLNEAR")
    candidates = [Path(env)] if env else []
    candidates.append(ROOT.parent / "shared" / "data" / "polnear")
    return next((c for c in candidates if (c / "dev").is_dir()), None)


@pytest.fixture(scope="session")
def nlp():
    from saidwho.extract import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def extract(nlp):
    from saidwho.extract import extract_text

    def run(text: str):
        return extract_text(nlp, text, "t").attributions

    return run
