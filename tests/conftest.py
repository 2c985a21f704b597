from __future__ import annotations

import os
import random
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
    """The rule engine, whose constructions most tests pin down."""
    from saidwho.extract import load_pipeline

    return load_pipeline(engine="rules")


@pytest.fixture(scope="session")
def model_nlp():
    """The trained engine with the packaged weights (the default)."""
    from saidwho.extract import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def fr_nlp():
    """The French pipeline (the rule engine with the French grammar)."""
    from saidwho.extract import load_pipeline

    return load_pipeline(lang="fr", engine="rules")


@pytest.fixture(scope="session")
def fr_extract(fr_nlp):
    """The attributions of a French text."""
    from saidwho.extract import extract_text

    def run(text: str):
        return extract_text(fr_nlp, text, "t").attributions

    return run


@pytest.fixture(scope="session")
def extract(nlp):
    from saidwho.extract import extract_text

    def run(text: str):
        return extract_text(nlp, text, "t").attributions

    return run


@pytest.fixture(scope="session")
def model_extract(model_nlp):
    """``extract`` with the trained engine (the default)."""
    from saidwho.extract import extract_text

    def run(text: str):
        return extract_text(model_nlp, text, "t").attributions

    return run


# A small PolNeAR-like corpus (brat standoff) written from templates, for training tests.
NAMES = ["Mara Lind", "Tomas Berg", "Ana Ruiz", "Oren Vale", "Ines Holt", "Kofi Adu",
         "Lena Park", "Rui Costa"]
CLAUSES = ["the budget was too small", "the vote would be delayed", "talks had stalled",
           "the bridge must be repaired", "the plan would cost jobs", "taxes will rise",
           "the council had acted in haste", "nobody was consulted"]
QUOTES = ["We will not give up", "This is a good day for the town", "Nobody asked us",
          "The numbers do not add up", "We need more time", "It is a fair deal"]
FILLER = ["The meeting ran late.", "Rain fell over the harbour.", "The hall was full.",
          "Results are due next week."]


def _article(rng: random.Random) -> tuple[str, list[tuple]]:
    text = ""
    atts = []
    for _ in range(6):
        name = rng.choice(NAMES)
        if rng.random() < 0.5:
            clause = rng.choice(CLAUSES)
            s = len(text)
            text += f"{name} said that {clause}. "
            src = (s, s + len(name))
            cue = (src[1] + 1, src[1] + 5)
            cnt = (cue[1] + 1, cue[1] + 6 + len(clause))
        else:
            quote = rng.choice(QUOTES)
            s = len(text)
            text += f"\u201c{quote},\u201d {name} said. "
            cnt = (s, s + len(quote) + 3)
            src = (cnt[1] + 1, cnt[1] + 1 + len(name))
            cue = (src[1] + 1, src[1] + 5)
        atts.append((src, cue, cnt))
        text += rng.choice(FILLER) + "\n\n"
    return text, atts


def write_corpus(root: Path, n_train: int = 24, n_dev: int = 3, seed: int = 0) -> Path:
    rng = random.Random(seed)
    for split, n in (("train", n_train), ("dev", n_dev)):
        (root / split / "text").mkdir(parents=True)
        (root / split / "attributions").mkdir(parents=True)
        for k in range(n):
            text, atts = _article(rng)
            lines = []
            for j, (src, cue, cnt) in enumerate(atts):
                t = 4 * j
                for off, (label, (a, b)) in enumerate(
                    (("Source", src), ("Cue", cue), ("Content", cnt), ("Attribution", cue)), 1
                ):
                    lines.append(f"T{t + off}\t{label} {a} {b}\t{text[a:b]}")
                lines.append(f"E{j + 1}\tAttribution:T{t + 4} Source:T{t + 1} Cue:T{t + 2} "
                             f"Content:T{t + 3}")
            (root / split / "text" / f"a{k:02d}.txt").write_text(text, encoding="utf-8")
            (root / split / "attributions" / f"a{k:02d}_x.ann").write_text(
                "\n".join(lines) + "\n", encoding="utf-8")
    return root


@pytest.fixture(scope="session")
def mini_polnear(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_corpus(tmp_path_factory.mktemp("polnear"))
