"""The accuracy gate: PolNeAR dev scores of each engine must not drop below the baseline.

The floors live in ``accuracy_baseline.json``; raise them as an engine improves, lower
them only on purpose, in a commit of their own.
"""

import json
from pathlib import Path

import pytest
from conftest import polnear_dir

pytestmark = [pytest.mark.model, pytest.mark.polnear]

BASELINE = json.loads((Path(__file__).parent / "accuracy_baseline.json").read_text())
TOLERANCE = 0.002
CASES = [(engine, path) for engine, pinned in sorted(BASELINE["engines"].items())
         for path in sorted(pinned["floors"])]


@pytest.fixture(scope="module")
def scores(nlp, model_nlp):
    root = polnear_dir()
    if root is None:
        pytest.skip("PolNeAR not found at ../shared/data/polnear or $SAIDWHO_POLNEAR")
    from saidwho.evaluate.run import evaluate_polnear
    from saidwho.evaluate.speakers import read_gold_speakers

    speakers = read_gold_speakers(Path(__file__).parent / BASELINE["speakers"]["file"])
    return {engine: evaluate_polnear(pipeline, root, "dev", speakers=speakers).to_dict()
            for engine, pipeline in (("rules", nlp), ("model", model_nlp))}


@pytest.mark.parametrize(("engine", "path"), CASES)
def test_dev_score_holds_its_floor(scores, engine, path):
    family, key = path.split(".", 1)
    value = scores[engine][family][key]["f1"]
    floor = BASELINE["engines"][engine]["floors"][path]
    assert value >= floor - TOLERANCE, f"{engine} {path} F1 {value:.4f} dropped"


@pytest.mark.parametrize("engine", sorted(BASELINE["engines"]))
def test_misattribution_rate_holds_its_ceiling(scores, engine):
    ceiling = BASELINE["engines"][engine]["misattribution_ceiling"]
    assert scores[engine]["misattribution_rate"] <= ceiling + TOLERANCE


def test_model_engine_is_at_least_as_good_as_the_rules_where_it_counts(scores):
    for path in ("attribution.content", "attribution.content+source"):
        family, key = path.split(".", 1)
        assert scores["model"][family][key]["f1"] >= scores["rules"][family][key]["f1"], path


def test_confident_predictions_are_precise(scores):
    """Calibration: among model predictions with confidence >= 0.9, precision >= 0.9."""
    row = next(r for r in scores["model"]["calibration"] if r["min_confidence"] == 0.9)
    assert row["predictions"] > 0
    assert row["precision"] >= BASELINE["engines"]["model"]["precision_at_0.9"] - TOLERANCE


SPEAKER_CASES = [(engine, key) for engine, floors in sorted(BASELINE["speakers"]["floors"].items())
                 for key in sorted(floors)]


@pytest.mark.parametrize(("engine", "key"), SPEAKER_CASES)
def test_speaker_resolution_holds_its_floor(scores, engine, key):
    """Resolved speakers on the hand-made set (tests/data, docs/speaker-annotation.md)."""
    value = scores[engine]["speakers"][key]
    floor = BASELINE["speakers"]["floors"][engine][key]
    assert value >= floor - TOLERANCE, f"{engine} speakers {key} {value:.4f} dropped"


@pytest.mark.parametrize("engine", sorted(BASELINE["engines"]))
def test_no_speaker_is_named_with_a_bare_pronoun(scores, engine):
    assert scores[engine]["speakers"]["bare_pronoun_names"] == 0
    assert scores[engine]["speakers"]["stale_annotations"] == 0
