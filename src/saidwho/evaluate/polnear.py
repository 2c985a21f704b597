"""Reader for PolNeAR (Newell, Margolin and Ruths, LREC 2018) in brat standoff format.

Layout: ``SPLIT/text/STEM.txt`` and ``SPLIT/attributions/STEM_ANNOTATOR.ann``. Per article
only the first ``.ann`` file in sorted order is read. Attributions are ``E`` lines whose
trigger is ``Attribution`` or ``Attribution-no-source``; ``Discuss`` and ``Discard`` are
annotator notes and are ignored. A role may repeat (``Content2``): the union is taken.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import CorpusError
from ..model import Attribution, Kind, Segment

ATTRIBUTION_TRIGGERS = frozenset({"Attribution", "Attribution-no-source"})
ROLES = ("source", "cue", "content")
SPLITS = ("train", "dev", "test")


@dataclass
class GoldDocument:
    id: str
    text: str
    attributions: list[Attribution]


def read_split(root: str | Path, split: str = "dev") -> Iterator[GoldDocument]:
    """Yield the gold documents of one split, in file-name order."""
    split_dir = Path(root) / split
    text_dir = split_dir / "text"
    ann_dir = split_dir / "attributions"
    if not text_dir.is_dir() or not ann_dir.is_dir():
        raise CorpusError(
            f"{split_dir}: not a PolNeAR split (expected text/ and attributions/ folders)"
        )
    for text_path in sorted(text_dir.glob("*.txt")):
        stem = text_path.stem
        anns = sorted(ann_dir.glob(f"{_glob_escape(stem)}_*.ann"))
        anns = [a for a in anns if a.stem.rsplit("_", 1)[0] == stem]
        if not anns:
            continue
        text = text_path.read_text(encoding="utf-8")
        ann = anns[0].read_text(encoding="utf-8")
        yield GoldDocument(stem, text, parse_ann(ann, text, anns[0]))


def _glob_escape(name: str) -> str:
    return re.sub(r"([*?\[])", r"[\1]", name)


def parse_ann(ann: str, text: str, where: Path | str = "<ann>") -> list[Attribution]:
    """Parse brat standoff into attributions (source, cue and content segments)."""
    spans: dict[str, list[Segment]] = {}
    events: list[tuple[str, list[tuple[str, ...]]]] = []
    for lineno, line in enumerate(ann.splitlines(), 1):
        if not line.strip():
            continue
        fields = line.split("\t")
        if line.startswith("T") and len(fields) >= 2:
            spans[fields[0]] = _parse_textbound(fields[1], text, where, lineno)
        elif line.startswith("E") and len(fields) >= 2:
            args = [tuple(a.split(":", 1)) for a in fields[1].split() if ":" in a]
            events.append((fields[0], args))
    out = []
    for _, args in events:
        if not args or args[0][0] not in ATTRIBUTION_TRIGGERS:
            continue
        roles: dict[str, list[Segment]] = {r: [] for r in ROLES}
        for role, ref in args[1:]:
            key = re.sub(r"\d+$", "", role).lower()
            if key in roles and ref in spans:
                roles[key].extend(spans[ref])
        kind: Kind = "direct" if _has_quote(roles["content"]) else "indirect"
        out.append(
            Attribution(
                kind=kind,
                source=sorted(set(roles["source"])),
                cue=sorted(set(roles["cue"])),
                content=sorted(set(roles["content"])),
            )
        )
    return out


def _parse_textbound(field: str, text: str, where: Path | str, lineno: int) -> list[Segment]:
    try:
        _, offsets = field.split(" ", 1)
        segs = []
        for part in offsets.split(";"):
            start, end = (int(x) for x in part.split())
            segs.append(Segment.of(text, start, end))
        return segs
    except ValueError as exc:
        raise CorpusError(f"{where}:{lineno}: malformed text-bound annotation") from exc


def _has_quote(segments: list[Segment]) -> bool:
    """Whether a content holds a quotation mark: straight, curly or French guillemets."""
    return any(ch in seg.text for seg in segments for ch in "\"“”«»")
