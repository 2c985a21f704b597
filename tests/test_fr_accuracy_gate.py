"""The French accuracy gate: the rule engine's scores on the project's French sets
(docs/fr-dev-set.md) must not drop below the floors of ``fr_accuracy_baseline.json``.

Both sets are built here from their sources with ``scripts/build_fr_dev.py`` (PolNeAR's
layout, the speaker file and the membership file) and scored the way ``saidwho eval
--lang fr`` scores them.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.model

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "build_fr_dev.py"
BASELINE = json.loads((Path(__file__).parent / "fr_accuracy_baseline.json").read_text())
TOLERANCE = 0.002
SETS = sorted(BASELINE["sets"])


@pytest.fixture(scope="module")
def scores(fr_nlp, tmp_path_factory):
    from saidwho.evaluate.memberships import read_gold_memberships
    from saidwho.evaluate.run import evaluate_polnear
    from saidwho.evaluate.speakers import read_gold_speakers

    out = {}
    for name in SETS:
        folder = tmp_path_factory.mktemp(f"fr-{name}")
        source = ROOT / BASELINE["sets"][name]["source"]
        done = subprocess.run([sys.executable, str(SCRIPT), "--source", str(source),
                               "--out", str(folder)], capture_output=True, text=True,
                              timeout=120)
        assert done.returncode == 0, done.stderr
        speakers = read_gold_speakers(folder / "fr_dev_speakers.jsonl")
        members = read_gold_memberships(folder / "fr_dev_memberships.jsonl")
        out[name] = evaluate_polnear(fr_nlp, folder, "dev", speakers=speakers,
                                     memberships=members).to_dict()
    return out


@pytest.mark.parametrize(("name", "path"), [(n, p) for n in SETS
                                            for p in sorted(BASELINE["sets"][n]["floors"])])
def test_french_score_holds_its_floor(scores, name, path):
    family, key = path.split(".", 1)
    value = scores[name][family][key]["f1"]
    assert value >= BASELINE["sets"][name]["floors"][path] - TOLERANCE, (name, path, value)


@pytest.mark.parametrize(("name", "key"), [(n, k) for n in SETS
                                           for k in sorted(BASELINE["sets"][n]["speakers"])])
def test_french_speakers_hold_their_floor(scores, name, key):
    value = scores[name]["speakers"][key]
    assert value >= BASELINE["sets"][name]["speakers"][key] - TOLERANCE, (name, key, value)


@pytest.mark.parametrize(("name", "key"), [(n, k) for n in SETS for k in ("recall", "precision")])
def test_french_memberships_hold_their_floor(scores, name, key):
    value = scores[name]["memberships"][key]
    assert value >= BASELINE["sets"][name]["memberships"][key] - TOLERANCE, (name, key, value)
