"""PolNeAR splits parsed once by the pipeline, with gold and rule attributions beside them.

Parsing the train split takes minutes; ``parse_split`` can keep the result in a cache
folder (a DocBin, the token vectors and the attributions as JSON), reused while the
pipeline, the split and the saidwho version are unchanged.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from spacy.language import Language
from spacy.tokens import Doc, DocBin

from .. import __version__
from ..evaluate.polnear import read_split
from ..model import Attribution


@dataclass
class ParsedDoc:
    id: str
    doc: Doc
    gold: list[Attribution]
    rules: list[Attribution]


def parse_split(
    nlp: Language,
    root: str | Path,
    split: str,
    cache_dir: str | Path | None = None,
    progress: Callable[[int], None] | None = None,
) -> list[ParsedDoc]:
    """Every article of a split parsed by ``nlp`` (which must run the rule component)."""
    gold = list(read_split(root, split))
    key = _cache_key(nlp, split, [g.id for g in gold])
    folder = Path(cache_dir) / f"{split}-{key}" if cache_dir else None
    if folder is not None and (folder / "done").exists():
        return _load(nlp, folder, gold)
    out = []
    for g, doc in zip(gold, nlp.pipe((g.text for g in gold), batch_size=16), strict=True):
        out.append(ParsedDoc(g.id, doc, g.attributions, list(doc._.attributions or [])))
        if progress is not None:
            progress(1)
    if folder is not None:
        _save(folder, out)
    return out


def _cache_key(nlp: Language, split: str, ids: list[str]) -> str:
    """Changes with the pipeline, the split and the rule engine's code and lexicons."""
    meta = json.dumps([nlp.meta.get("name"), nlp.meta.get("version"), nlp.pipe_names,
                       __version__, split, ids], sort_keys=True)
    digest = hashlib.sha1(meta.encode())
    package = Path(__file__).resolve().parent.parent
    for path in sorted([*(package / "pipeline").glob("*.py"), *(package / "lexicons").glob("*")]):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def _save(folder: Path, docs: list[ParsedDoc]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    bin_ = DocBin(store_user_data=False)
    for p in docs:
        bin_.add(p.doc)
    bin_.to_disk(folder / "docs.spacy")
    np.save(folder / "tensors.npy", np.concatenate([p.doc.tensor for p in docs]))
    rules = [[a.to_dict() for a in p.rules] for p in docs]
    (folder / "rules.json").write_text(json.dumps(rules), encoding="utf-8")
    (folder / "done").write_text("", encoding="utf-8")


def _load(nlp: Language, folder: Path, gold: list) -> list[ParsedDoc]:
    docs = list(DocBin().from_disk(folder / "docs.spacy").get_docs(nlp.vocab))
    tensors = np.load(folder / "tensors.npy")
    rules = json.loads((folder / "rules.json").read_text(encoding="utf-8"))
    out = []
    start = 0
    for g, doc, r in zip(gold, docs, rules, strict=True):
        doc.tensor = tensors[start : start + len(doc)]
        start += len(doc)
        out.append(ParsedDoc(g.id, doc, g.attributions, [Attribution.from_dict(a) for a in r]))
    return out
