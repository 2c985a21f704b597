"""Fuzzing for release checks: random and adversarial inputs through the extraction, the
readers (JSON Lines, HTML, WARC) and the statement reader, checking that nothing raises
but the documented errors and that every offset given back points at its text.

    .venv/bin/python scripts/fuzz.py [--inputs 10000] [--seed 0] [--engine model|rules]
        [--max-chars 3000] [--json]

Prints how many inputs of each kind ran, the crashes (with the input that caused them,
written to fuzz-failures/), the invalid offsets, and the slowest input of each kind.
The test suite runs the same generators a few hundred times (tests/test_fuzz.py).
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import json
import random
import sys
import time
import traceback
from collections.abc import Callable
from pathlib import Path

# pieces that trip tokenizers, quote pairing, cue finding, list reading and decoding
WORDS = ["said", "says", "told", "according to", "added", "claims by", "asked", "warned",
         "He", "She", "they", "it", "the source", "a diplomatic source", "Ana Ruiz", "Ruiz",
         "the minister", "Chile", "Belgium", "Trinidad and Tobago", "Côte d'Ivoire", "the EU",
         "signed by", "drafted by", "led by", "including", "and", "or", ",", ";", ":", "—",
         "-", "...", ".", "?", "!", "(", ")", "[", "]", "'", "’", '"', "“", "”", "«", "»",
         "\n", "\n\n", "\t", " ", "  ", "\u00a0", "\u200b", "\u202e", "\ufeff", "e\u0301",
         "𝒜", "🇧🇪", "👩‍👩‍👧", "\u0000", "\x7f", "WALLACE:", "Q:", "—Ruiz", "http://x.y/z",
         "12", "1,000", "93", "twelve", "<b>", "&amp;", "\\", "{", "}", "[/a]", "[red]"]
LONG = ['"', ",", ".", "a", "-", "'", "“", "\n", " said", "”", "( ", "led by\n"]


def text(rng: random.Random, max_chars: int) -> str:
    """Random words of saying, names, marks and control characters; now and then a long
    run of one of them."""
    parts: list[str] = []
    size = 0
    target = rng.randint(0, max_chars)
    while size < target:
        if rng.random() < 0.03:
            piece = rng.choice(LONG) * rng.randint(10, 400)
        elif rng.random() < 0.1:
            piece = "".join(chr(rng.randint(32, 0x2FFF)) for _ in range(rng.randint(1, 8)))
        else:
            piece = rng.choice(WORDS)
        parts.append(piece)
        parts.append(rng.choice([" ", " ", " ", "", "\n"]))
        size += len(piece) + 1
    return "".join(parts)[:max_chars]


def jsonl_bytes(rng: random.Random, max_chars: int) -> bytes:
    """Lines of JSON Lines, some broken: bad JSON, wrong types, deep nesting, huge numbers,
    escaped surrogates, invalid UTF-8, a cut-off end."""
    lines = []
    for _ in range(rng.randint(1, 6)):
        roll = rng.random()
        if roll < 0.5:
            record = {"id": text(rng, 20), "text": text(rng, max_chars // 4),
                      "date": rng.choice(["2026-06-15", "15 June 2026", "bogus", "", None, 7]),
                      "title": text(rng, 30)}
            line = json.dumps(record, ensure_ascii=rng.random() < 0.5)
        elif roll < 0.6:
            line = '{"id": "x", "text": "a\\ud800b"}'
        elif roll < 0.7:
            line = "[" * rng.randint(100, 5000) + "]" * rng.randint(0, 5000)
        elif roll < 0.75:
            line = '{"id": 1, "text": ' + "9" * rng.randint(10, 6000) + "}"
        elif roll < 0.85:
            line = json.dumps({"id": rng.random(), "text": rng.choice([None, 5, [], {}])})
        else:
            line = text(rng, 200)
        lines.append(line.encode("utf-8", "surrogatepass"))
        if rng.random() < 0.1:
            lines.append(bytes(rng.randint(0, 255) for _ in range(rng.randint(1, 30))))
    data = b"\n".join(lines)
    if rng.random() < 0.2:
        data = data[: rng.randint(0, len(data))]
    return data


def html_bytes(rng: random.Random, max_chars: int) -> bytes:
    tags = ["<p>", "</p>", "<div>", "</div>", "<script>", "</script>", "<title>", "</title>",
            "<!--", "-->", "<br>", "<meta charset='latin-1'>", "<article>", "<![CDATA[",
            "]]>", "<h1>", "</h1>", "&#xD800;", "&nbsp;", "<", ">", "&"]
    parts = []
    for _ in range(rng.randint(0, 40)):
        parts.append(rng.choice(tags) if rng.random() < 0.4 else text(rng, max_chars // 20))
    return "".join(parts).encode("utf-8", "surrogatepass")


def warc_bytes(rng: random.Random, max_chars: int) -> bytes:
    body = html_bytes(rng, max_chars)
    length = len(body) + rng.choice([0, 0, 0, -5, 50])
    header = (f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: http://x.test/a\r\n"
              f"Content-Type: application/http; msgtype=response\r\n"
              f"Content-Length: {length + 45}\r\n\r\n"
              f"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n").encode()
    data = header + body + b"\r\n\r\n"
    if rng.random() < 0.3:
        data = gzip.compress(data)
        if rng.random() < 0.3:
            data = data[: rng.randint(0, len(data))]
    return data


def statement_text(rng: random.Random, max_chars: int) -> str:
    countries = ["Austria", "Chile", "Ghana", "Norway", "Japan", "Cote d'Ivoire", "Chlie",
                 "Trinidad and Tobago", "the Netherlands", "Bosnia and Herzegovina", "X",
                 "Republic of Korea", "Türkiye", "Viet Nam", "Côte d’Ivoire"]
    heading = rng.choice(["Signatories:", "Signed by:", "The statement was signed by",
                          "drafted by", "led by\n", "Co-sponsors", ""])
    sep = rng.choice(["\n", ", ", "; ", " and ", "\n- ", "\n* "])
    items = [rng.choice(countries) for _ in range(rng.randint(0, 80))]
    noise = text(rng, max_chars // 3)
    return f"{noise}\n\n{heading}\n{sep.join(items)}\n\n{text(rng, max_chars // 3)}"


def check_offsets(text_: str, result: object) -> list[str]:
    """Every segment of an extraction result that does not point at its text."""
    bad = []
    for att in result.attributions:  # type: ignore[attr-defined]
        segments = [*att.source, *att.cue, *att.content]
        for who in (att.speaker, att.channel):
            if who is not None:
                segments += [s for s in (who.surface, who.mention) if s is not None]
        for seg in segments:
            inside = 0 <= seg.start <= seg.end <= len(text_)
            if not inside or text_[seg.start:seg.end] != seg.text:
                bad.append(f"{seg.start}-{seg.end} {seg.text!r}")
    for m in result.memberships:  # type: ignore[attr-defined]
        span = m["span"]
        if text_[span["start"]:span["end"]] != span["text"]:
            bad.append(f"membership {span}")
    return bad


def run_extract(nlp: object, data: str) -> list[str]:
    from saidwho.extract import extract_many

    (result,) = extract_many(nlp, [("fuzz", data)])  # type: ignore[arg-type]
    if result.error is not None and "surrogate" not in result.error:
        raise RuntimeError(result.error)
    return check_offsets(data, result)


def run_reader(data: bytes, suffix: str, tmp: Path) -> list[str]:
    from saidwho.io import Document, iter_documents

    path = tmp / f"input{suffix}"
    path.write_bytes(data)
    bad = []
    for item in iter_documents([str(path)]):
        if isinstance(item, Document) and not isinstance(item.text, str):
            bad.append("a document without text")
    return bad


def run_statement(data: str) -> list[str]:
    from saidwho.errors import InputError
    from saidwho.statements.documents import read_statement_bytes

    # documented: not text, too large, no list of signatory states
    with contextlib.suppress(InputError):
        read_statement_bytes(data.encode("utf-8", "surrogatepass"), "fuzz.txt")
    return []


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--inputs", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--engine", default="model", choices=("model", "rules"))
    parser.add_argument("--max-chars", type=int, default=3000)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    import tempfile

    from saidwho.extract import load_pipeline

    nlp = load_pipeline(engine=args.engine)
    rng = random.Random(args.seed)
    tmp = Path(tempfile.mkdtemp(prefix="saidwho-fuzz-"))
    failures = Path("fuzz-failures")
    kinds: dict[str, tuple[float, Callable[[], tuple[object, Callable[[], list[str]]]]]] = {
        "text": (0.55, lambda: _case(text(rng, args.max_chars), lambda d: run_extract(nlp, d))),
        "jsonl": (0.15, lambda: _case(jsonl_bytes(rng, args.max_chars),
                                      lambda d: run_reader(d, ".jsonl", tmp))),
        "html": (0.1, lambda: _case(html_bytes(rng, args.max_chars),
                                    lambda d: run_reader(d, ".html", tmp))),
        "warc": (0.05, lambda: _case(warc_bytes(rng, args.max_chars),
                                     lambda d: run_reader(d, ".warc.gz" if d[:2] == b"\x1f\x8b"
                                                          else ".warc", tmp))),
        "statement": (0.15, lambda: _case(statement_text(rng, args.max_chars), run_statement)),
    }
    counts = dict.fromkeys(kinds, 0)
    slowest = dict.fromkeys(kinds, 0.0)
    crashes: list[dict[str, str]] = []
    invalid: list[dict[str, str]] = []
    names = list(kinds)
    weights = [kinds[k][0] for k in names]
    started = time.perf_counter()
    for n in range(args.inputs):
        kind = rng.choices(names, weights)[0]
        data, check = kinds[kind][1]()
        t0 = time.perf_counter()
        try:
            bad = check()
        except Exception:  # noqa: BLE001 (a crash is what this looks for)
            bad = None
            failures.mkdir(exist_ok=True)
            path = failures / f"{n}-{kind}.bin"
            path.write_bytes(data if isinstance(data, bytes)
                             else str(data).encode("utf-8", "surrogatepass"))
            crashes.append({"input": str(path), "kind": kind,
                            "error": traceback.format_exc(limit=3)[-800:]})
        slowest[kind] = max(slowest[kind], time.perf_counter() - t0)
        counts[kind] += 1
        if bad:
            invalid.append({"kind": kind, "n": str(n), "segments": "; ".join(bad[:3])})
        if not args.json and (n + 1) % 500 == 0:
            print(f"{n + 1} inputs, {len(crashes)} crashes, {len(invalid)} with invalid "
                  f"offsets, {time.perf_counter() - started:.0f} s", file=sys.stderr,
                  flush=True)
    report = {"inputs": args.inputs, "seed": args.seed, "engine": args.engine,
              "by_kind": counts, "crashes": crashes, "invalid_offsets": invalid,
              "slowest_seconds": {k: round(v, 2) for k, v in slowest.items()},
              "seconds": round(time.perf_counter() - started)}
    print(json.dumps(report, indent=2))
    sys.exit(1 if crashes or invalid else 0)


def _case(data: object, run: Callable[[object], list[str]]
          ) -> tuple[object, Callable[[], list[str]]]:
    return data, lambda: run(data)


if __name__ == "__main__":
    main()
