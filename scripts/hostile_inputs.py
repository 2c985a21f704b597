"""Time and peak memory of `saidwho extract` on inputs built to be costly: long runs
without spaces, thousands of cues or quotation marks in one sentence, list triggers,
and plain prose at the size limits. Each case runs in its own process, so its peak
resident memory is its own.

    .venv/bin/python scripts/hostile_inputs.py [--engine model|rules] [--only NAME ...]
        [--timeout SECONDS] [--json]

Prints one row per case: characters, seconds, peak RSS in MB, attributions found, and
whether the output's offsets are all valid.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from importlib import resources
from pathlib import Path


def prose() -> str:
    folder = resources.files("saidwho") / "samples"
    return "\n\n".join(f.read_text(encoding="utf-8") for f in sorted(
        folder.iterdir(), key=lambda f: f.name) if f.name.endswith(".txt"))


CASES = {
    "commas-17k": lambda: "," * 17_000,
    "quotes-10k": lambda: '"' * 10_000,
    "quotes-1MB": lambda: '"' * 1_000_000,
    "dots-100k": lambda: "." * 100_000,
    "letters-2MB": lambda: "a" * 2_000_000,
    "a-space-500k": lambda: "a " * 500_000,
    "he-said-no-2000": lambda: 'He said "no ' * 2000,
    "led-by-newline-700": lambda: "led by\n" * 700,
    "led-by-140KB": lambda: "led by " * 20_000,
    "signed-by-4000": lambda: "signed by " * 4000,
    "signed-by-chile-1MB": lambda: "signed by Chile, " * 60_000,
    "said-that-1MB": lambda: "He said that she said that " * 38_000,
    "prose-500KB": lambda: (prose() + "\n\n") * (500_000 // len(prose()) + 1),
    "prose-2MB": lambda: (prose() + "\n\n") * (2_000_000 // len(prose()) + 1),
    "prose-5M": lambda: ((prose() + "\n\n") * (5_000_000 // len(prose()) + 1))[:5_000_000],
    "a-space-5M": lambda: "a " * 2_500_000,
}


# the command line in a process that reports its own peak resident memory (kB) on exit
CHILD = """
import atexit, resource, runpy, sys
atexit.register(lambda: print("MAXRSS", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
                               file=sys.stderr))
sys.argv = ["saidwho", *sys.argv[1:]]
runpy.run_module("saidwho", run_name="__main__")
"""


def run(name: str, text: str, engine: str, timeout: float) -> dict[str, object]:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"{name}.txt"
        path.write_text(text, encoding="utf-8")
        out = Path(tmp) / "out.jsonl"
        cmd = [sys.executable, "-c", CHILD, "extract", str(path), "--engine", engine,
               "-o", str(out)]
        start = time.perf_counter()
        try:
            done = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
            seconds: float | None = time.perf_counter() - start
            status = "ok" if done.returncode == 0 else f"exit {done.returncode}"
            if "too long to extract in the time limit" in done.stderr:
                status = "over the time limit (given up)"
            found = [line for line in done.stderr.splitlines() if line.startswith("MAXRSS ")]
            rss = round(int(found[-1].split()[1]) / 1024) if found else None
        except subprocess.TimeoutExpired:
            seconds, status, rss = None, f"over {timeout:.0f} s", None
        atts, valid = 0, True
        if status == "ok":
            for line in out.read_text(encoding="utf-8").splitlines():
                for att in json.loads(line)["attributions"]:
                    atts += 1
                    for role in ("source", "cue", "content"):
                        for seg in att[role]:
                            valid &= text[seg["start"]:seg["end"]] == seg["text"]
    return {"case": name, "chars": len(text), "seconds": None if seconds is None
            else round(seconds, 1), "peak_rss_mb": rss, "attributions": atts,
            "offsets_valid": valid, "status": status}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--engine", default="model", choices=("model", "rules"))
    parser.add_argument("--only", nargs="*", choices=sorted(CASES))
    parser.add_argument("--timeout", type=float, default=120)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    os.environ.setdefault("PYTHONHASHSEED", "0")
    rows = []
    for name in args.only or CASES:
        row = run(name, CASES[name](), args.engine, args.timeout)
        rows.append(row)
        if not args.json:
            print(f"{row['case']:<22} {row['chars']:>10,} chars  "
                  f"{row['seconds'] if row['seconds'] is not None else '-':>6} s  "
                  f"{row['peak_rss_mb'] or '-':>6} MB  {row['attributions']:>6} atts  "
                  f"offsets {'ok' if row['offsets_valid'] else 'INVALID'}  {row['status']}",
                  flush=True)
    if args.json:
        print(json.dumps(rows, indent=2))


if __name__ == "__main__":
    main()
