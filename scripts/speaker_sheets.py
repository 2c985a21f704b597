"""Write annotation sheets for the speaker-resolution dev set (docs/speaker-annotation.md).

One Markdown sheet per PolNeAR article: the article text with every gold source mention
marked ``[[S3: ...]]``, then a table of the mentions (id, offsets, text, cue, the start of
the content) to resolve by hand. The sheets hold article text: write them outside the
repository. Usage:

    python scripts/speaker_sheets.py --polnear ../shared/data/polnear --out /tmp/sheets \
        [--split dev] [--every 2]
"""

from __future__ import annotations

import argparse
from pathlib import Path

from saidwho.evaluate.polnear import read_split


def sheet(doc_id: str, text: str, atts: list) -> str:
    mentions: dict[tuple[int, int], dict] = {}
    for att in atts:
        if not att.source:
            continue
        key = (att.source[0].start, att.source[-1].end)
        entry = mentions.setdefault(key, {"cues": [], "contents": []})
        entry["cues"].append(" ".join(s.text for s in att.cue))
        entry["contents"].append(" ".join(s.text for s in att.content)[:80])
    keys = sorted(mentions)
    ids = {k: f"S{n}" for n, k in enumerate(keys, 1)}
    marked, last = [], 0
    for start, end in keys:
        if start < last:  # overlapping source mentions: mark the first only
            continue
        marked += [text[last:start], f"[[{ids[(start, end)]}: ", text[start:end], "]]"]
        last = end
    marked.append(text[last:])
    rows = [f"# {doc_id}", "", "".join(marked), "", "## Source mentions", "",
            "| id | start | end | text | cue(s) | content begins |", "|---|---|---|---|---|---|"]
    for key in keys:
        e = mentions[key]
        surface = text[key[0]:key[1]].replace("|", "/").replace("\n", " ")
        rows.append(f"| {ids[key]} | {key[0]} | {key[1]} | {surface} | "
                    f"{' / '.join(e['cues'])} | {e['contents'][0].replace('|', '/')} |")
    return "\n".join(rows) + "\n"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--polnear", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--split", default="dev")
    ap.add_argument("--every", type=int, default=2, help="take every Nth article")
    args = ap.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    docs = list(read_split(args.polnear, args.split))[:: args.every]
    for doc in docs:
        (out / f"{doc.id}.md").write_text(sheet(doc.id, doc.text, doc.attributions),
                                          encoding="utf-8")
    print(f"{len(docs)} sheets in {out}")


if __name__ == "__main__":
    main()
