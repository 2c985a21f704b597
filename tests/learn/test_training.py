"""`saidwho train` end to end on a small corpus the tests write themselves."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from saidwho.cli import main
from saidwho.extract import extract_text, load_pipeline
from saidwho.learn.tagger import AttributionTagger

pytestmark = pytest.mark.model

ARTICLE = ("Ines Holt said that the harbour would close. The hall was full.\n\n"
           "\u201cWe need more time,\u201d Kofi Adu said. Rain fell.\n")


def _train(corpus: Path, out: Path, seed: int = 0) -> None:
    result = CliRunner().invoke(main, [
        "train", "--polnear", str(corpus), "--out", str(out), "--seed", str(seed),
        "--cue-epochs", "8", "--role-epochs", "8",
    ])
    assert result.exit_code == 0, result.output


@pytest.fixture(scope="module")
def trained(mini_polnear: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("weights") / "tagger"
    _train(mini_polnear, out)
    return out


def test_training_writes_loadable_weights_with_a_report(trained: Path):
    meta = json.loads((trained / "tagger.json").read_text(encoding="utf-8"))
    assert meta["format"] == "saidwho-tagger/1"
    assert meta["info"]["seed"] == 0
    assert "content+source" in meta["info"]["dev"]["attribution"]
    assert meta["info"]["dev"]["calibration"]
    tagger = AttributionTagger.from_disk(trained)
    assert tagger.cue_cfg.n_labels == 3 and tagger.role_cfg.n_labels == 5


def test_training_is_reproducible(trained: Path, mini_polnear: Path, tmp_path: Path):
    again = tmp_path / "again"
    _train(mini_polnear, again)
    for name in ("cue.bin", "role.bin", "tagger.json"):
        first = (trained / name).read_bytes()
        second = (again / name).read_bytes()
        if name == "tagger.json":
            first_meta, second_meta = json.loads(first), json.loads(second)
            first_meta["info"].pop("seconds")
            second_meta["info"].pop("seconds")
            assert first_meta == second_meta
        else:
            assert first == second, name


def test_trained_weights_find_the_attributions_they_were_trained_on(trained: Path):
    nlp = load_pipeline(weights=str(trained), min_confidence=0.0)
    atts = extract_text(nlp, ARTICLE).attributions
    found = {(a.source[0].text if a.source else "", a.cue[0].text) for a in atts}
    assert ("Ines Holt", "said") in found
    assert ("Kofi Adu", "said") in found
    quoted = next(a for a in atts if a.source and a.source[0].text == "Kofi Adu")
    assert quoted.content[0].text.startswith("\u201cWe need more time")
    assert quoted.kind == "direct"


def test_extract_accepts_weights_and_rejects_a_folder_without_them(trained: Path,
                                                                    tmp_path: Path):
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    ok = CliRunner().invoke(main, ["extract", str(article), "--weights", str(trained)])
    assert ok.exit_code == 0, ok.output
    assert json.loads(ok.output.splitlines()[0])["attributions"]
    bad = CliRunner().invoke(main, ["extract", str(article), "--weights", str(tmp_path)])
    assert bad.exit_code != 0
    assert "trained weights" in bad.output


def test_train_names_a_folder_that_is_not_polnear(tmp_path: Path):
    result = CliRunner().invoke(main, ["train", "--polnear", str(tmp_path),
                                       "--out", str(tmp_path / "w")])
    assert result.exit_code != 0
    assert "not a PolNeAR split" in result.output


def test_training_takes_the_widths_of_the_hidden_layers(mini_polnear: Path, tmp_path: Path):
    out = tmp_path / "narrow"
    result = CliRunner().invoke(main, [
        "train", "--polnear", str(mini_polnear), "--out", str(out), "--cue-epochs", "1",
        "--role-epochs", "1", "--cue-hidden", "48", "--role-hidden", "64",
    ])
    assert result.exit_code == 0, result.output
    tagger = AttributionTagger.from_disk(out)
    assert (tagger.cue_cfg.hidden, tagger.role_cfg.hidden) == (48, 64)
    assert json.loads((out / "tagger.json").read_text(encoding="utf-8"))[
        "info"]["config"]["cue_hidden"] == 48
    bad = CliRunner().invoke(main, ["train", "--polnear", str(mini_polnear), "--out",
                                    str(tmp_path / "x"), "--role-hidden", "4"])
    assert bad.exit_code != 0 and "--role-hidden" in bad.output


def test_the_minimum_confidence_is_scored_with_the_backoff_it_lets_in(trained: Path,
                                                                       mini_polnear: Path):
    """``min_confidence_f1`` scores every minimum from one prediction per text: the same
    F1 as predicting again at that minimum with the backoff at its measured precision."""
    from dataclasses import replace

    from saidwho.learn.corpus import parse_split
    from saidwho.learn.train import min_confidence_f1, score

    docs = parse_split(load_pipeline(engine="rules"), mini_polnear, "train")
    tagger = AttributionTagger.from_disk(trained)
    tagger.decoding = replace(tagger.decoding, rule_backoff_confidence=None)
    mins = [0.0, 0.5, 0.9]
    results = min_confidence_f1(tagger, docs, mins)
    assert len(results) == len(mins)
    for min_conf, (f1, precision) in zip(mins, results, strict=True):
        assert precision is None or 0.0 <= precision <= 1.0
        tagger.decoding = replace(tagger.decoding, rule_backoff_confidence=precision)
        again = score(tagger, docs, min_conf).scores.attribution["content+source"].f1
        assert f1 == pytest.approx(again)
