"""The accuracy gate: PolNeAR dev scores must not drop below the pinned baseline.

The floors live in ``accuracy_baseline.json``; raise them as the engine improves, lower
them only on purpose, in a commit of their own.
"""

import json
from pathlib import Path

import pytest
from conftest import polnear_dir

pytestmark = [pytest.mark.model, pytest.mark.polnear]

BASELINE = json.loads((Path(__file__).parent / "accuracy_baseline.json").read_text())
TOLERANCE = 0.002


@pytest.fixture(scope="module")
def scores(nlp):
    root = polnear_dir()
    if root is None:
        pytest.skip("PolNeAR not found at ../shared/data/polnear or $SAIDWHO_POLNEAR")
    from saidwho.evaluate.run import evaluate_polnear

    return evaluate_polnear(nlp, root, "dev").to_dict()


@pytest.mark.parametrize("path", sorted(BASELINE["floors"]))
def test_dev_score_holds_its_floor(scores, path):
    family, key = path.split(".", 1)
    value = scores[family][key]["f1"]
    assert value >= BASELINE["floors"][path] - TOLERANCE, f"{path} F1 {value:.4f} dropped"


def test_misattribution_rate_holds_its_ceiling(scores):
    assert scores["misattribution_rate"] <= BASELINE["misattribution_ceiling"] + TOLERANCE
