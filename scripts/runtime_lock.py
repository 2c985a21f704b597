"""Write requirements-runtime.lock: the entries of requirements.lock (the dev lock: tests,
browser, Spark) that saidwho itself needs at run time, with the same versions and hashes.

    .venv/bin/python scripts/runtime_lock.py            # write it
    .venv/bin/python scripts/runtime_lock.py --check    # exit 1 when it is out of date

Run in the project's .venv (the dev lock installed): the dependency closure is read from
the installed packages' metadata, starting from saidwho's own requirements without extras.
"""

from __future__ import annotations

import argparse
import importlib.metadata as metadata
import re
import sys
from pathlib import Path

from packaging.markers import default_environment
from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parents[1]
DEV_LOCK = ROOT / "requirements.lock"
RUNTIME_LOCK = ROOT / "requirements-runtime.lock"
HEADER = """#
# The run-time part of requirements.lock (same versions and hashes), for scripts/demo and
# scripts/serve: written by scripts/runtime_lock.py; do not edit by hand.
#
"""


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def runtime_closure() -> set[str]:
    """saidwho's run-time dependencies and theirs, by canonical name."""
    env = default_environment()
    extras: dict[str, set[str]] = {}
    stack = [r for r in metadata.requires("saidwho") or [] if "extra ==" not in r]
    while stack:
        req = Requirement(stack.pop())
        name = canonical(req.name)
        wanted = set(req.extras)
        if name in extras and wanted <= extras[name]:
            continue
        extras[name] = extras.get(name, set()) | wanted
        for raw in metadata.requires(req.name) or []:
            dep = Requirement(raw)
            if dep.marker and not any(dep.marker.evaluate({**env, "extra": e})
                                      for e in ("", *extras[name])):
                continue
            stack.append(str(dep).split(";")[0])
    return set(extras)


def runtime_lock() -> str:
    keep = runtime_closure()
    text = DEV_LOCK.read_text(encoding="utf-8")
    options = [line for line in text.splitlines() if line.startswith("--")]
    # a name may carry extras ("smart-open[http]==", pinned so for packages that ask for them)
    entries = re.findall(
        r"^(([A-Za-z0-9_.-]+)(?:\[[^\]]*\])?==.*?)(?=^[A-Za-z0-9_.-]+(?:\[[^\]]*\])?==|\Z)",
        text, re.S | re.M)
    kept = [entry for entry, name in entries if canonical(name) in keep]
    missing = keep - {canonical(name) for _, name in entries}
    if missing:
        sys.exit(f"not in {DEV_LOCK.name}: {', '.join(sorted(missing))}")
    body = "".join(e if e.endswith("\n") else e + "\n" for e in kept)
    return HEADER + "\n".join(options) + "\n\n" + body


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--check", action="store_true")
    args = ap.parse_args()
    wanted = runtime_lock()
    if args.check:
        current = RUNTIME_LOCK.read_text(encoding="utf-8") if RUNTIME_LOCK.exists() else ""
        sys.exit(0 if current == wanted else f"{RUNTIME_LOCK.name} is out of date")
    RUNTIME_LOCK.write_text(wanted, encoding="utf-8")
    print(f"{RUNTIME_LOCK.name}: {wanted.count('==')} packages")


if __name__ == "__main__":
    main()
