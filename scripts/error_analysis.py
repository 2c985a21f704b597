"""Error analysis of an engine on a PolNeAR split: where attributions are lost.

    .venv/bin/python scripts/error_analysis.py --polnear ../shared/data/polnear [--engine rules]

Each gold attribution is put in the first bucket that applies: its cue was not found at
all; its cue was found but no prediction has its content (Dice >= 0.5); its content was
found but with a source that does not overlap the gold source (a misattribution); right.
Predictions that match no gold content are counted by their cue.
Prints counts and the most frequent cue lemmas of each bucket; no corpus text.
"""

from __future__ import annotations

import argparse
from collections import Counter

from saidwho.evaluate.polnear import read_split
from saidwho.evaluate.scorer import candidate_pairs, match_pairs, token_spans, tokens_in
from saidwho.extract import extract_many, load_pipeline


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--polnear", required=True)
    ap.add_argument("--split", default="dev")
    ap.add_argument("--engine", default="model")
    args = ap.parse_args()
    nlp = load_pipeline(engine=args.engine)
    gold_docs = list(read_split(args.polnear, args.split))
    buckets: Counter[str] = Counter()
    lemmas: dict[str, Counter[str]] = {}
    misattributed: Counter[str] = Counter()
    false_pos: Counter[str] = Counter()
    results = extract_many(nlp, ((g.id, g.text) for g in gold_docs))
    for g, result in zip(gold_docs, results, strict=True):
        doc = nlp.make_doc(g.text)
        toks = token_spans(g.text)
        pred = result.attributions
        pairs = candidate_pairs(toks, g.attributions, pred)
        by_content = {i: (j, ok) for i, j, ok in match_pairs(pairs, "content")}
        pred_cues = [tokens_in(toks, a.cue) for a in pred]
        for i, att in enumerate(g.attributions):
            cue = tokens_in(toks, att.cue)
            lemma = " ".join(t.lower_ for s in att.cue
                             for t in doc.char_span(s.start, s.end, alignment_mode="expand")
                             or [])[:24]
            if i in by_content:
                j, ok = by_content[i]
                if ok:
                    bucket = "right"
                else:
                    bucket = "misattributed"
                    misattributed["no source predicted" if not pred[j].source else
                                  "gold has no source" if not att.source else
                                  "another source"] += 1
            elif any(cue & pc for pc in pred_cues):
                bucket = "cue found, content wrong"
            else:
                bucket = "cue not found"
            buckets[bucket] += 1
            lemmas.setdefault(bucket, Counter())[lemma] += 1
        matched = {j for _i, j, _ok in match_pairs(pairs, "content")}
        for j, att in enumerate(pred):
            if j not in matched:
                false_pos[" ".join(s.text.lower() for s in att.cue)[:24]] += 1
    total = sum(buckets.values())
    print(f"{args.split}, engine {args.engine}: {total} gold attributions")
    for bucket, n in buckets.most_common():
        top = ", ".join(f"{w} {c}" for w, c in lemmas[bucket].most_common(12))
        print(f"  {bucket:26} {n:5} ({n / total:.1%})   {top}")
    print("  misattributions:", dict(misattributed))
    n_pred = sum(false_pos.values())
    top = ", ".join(f"{w} {c}" for w, c in false_pos.most_common(15))
    print(f"  predictions matching no gold content: {n_pred}   {top}")


if __name__ == "__main__":
    main()
