"""Load test of the web UI's search: N concurrent clients against `saidwho serve` on
127.0.0.1, for a bounded time, on a store built by bench_store.py.

    .venv/bin/python scripts/bench_store.py --db /tmp/big.db --attributions 1000000
    .venv/bin/python scripts/load_test.py --db /tmp/big.db --clients 50 --seconds 30

Each client (a coroutine) keeps one connection and sends searches back to back, half by
word and half by speaker, through the JSON API (--path /api/search) or the page
(--path /search).
Prints latency percentiles, requests per second and errors as JSON.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import re
import socket
import statistics
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from bench_store import WORDS  # noqa: E402  (the words the synthetic store is made of)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_for(port: int, server: subprocess.Popen, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"the server exited with {server.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("the server did not start")


async def client(port: int, path: str, stop: float, seed: int, times: list[float],
                 errors: list[str]) -> None:
    """One keep-alive connection, searches back to back. Raw HTTP/1.1 over asyncio
    streams: the load generator shares the 2 cores with the server, so it must be cheap."""
    rng = random.Random(seed)
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    while time.monotonic() < stop:
        if rng.random() < 0.5:
            query = {"q": rng.choice(WORDS)}
        else:
            query = {"speaker": f"Speaker {rng.randrange(20000)}"}
        url = f"{path}?{urllib.parse.urlencode(query | {'limit': 20})}"
        start = time.perf_counter()
        try:
            writer.write(f"GET {url} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode())
            head = await reader.readuntil(b"\r\n\r\n")
            status = int(head.split(b" ", 2)[1])
            length = int(re.search(rb"(?i)content-length: *(\d+)", head).group(1))  # type: ignore[union-attr]
            body = await reader.readexactly(length)
            if status != 200:
                errors.append(f"{status} {url} {body[:200]!r}")
        except (OSError, asyncio.IncompleteReadError, AttributeError, ValueError) as exc:
            errors.append(f"{type(exc).__name__} {url}")
            writer.close()
            reader, writer = await asyncio.open_connection("127.0.0.1", port)
        times.append((time.perf_counter() - start) * 1000)
    writer.close()


async def load(port: int, path: str, clients: int, seconds: float
               ) -> tuple[list[float], list[str], float]:
    times: list[float] = []
    errors: list[str] = []
    started = time.monotonic()
    stop = started + seconds
    await asyncio.gather(*(client(port, path, stop, k, times, errors)
                           for k in range(clients)))
    return times, errors, time.monotonic() - started


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--db", required=True)
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--seconds", type=float, default=30)
    ap.add_argument("--path", default="/api/search", choices=["/api/search", "/search"])
    ap.add_argument("--workers", type=int, default=2, help="saidwho serve --workers")
    args = ap.parse_args()
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "saidwho.cli", "serve", "--db", args.db,
                               "--port", str(port), "--engine", "rules",
                               "--workers", str(args.workers)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for(port, server)
        times, errors, elapsed = asyncio.run(load(port, args.path, args.clients,
                                                  args.seconds))
    finally:
        server.terminate()
        server.wait(10)
    times.sort()
    print(json.dumps({
        "path": args.path, "workers": args.workers, "clients": args.clients,
        "seconds": round(elapsed, 1),
        "requests": len(times), "errors": len(errors),
        "requests_per_s": round(len(times) / elapsed, 1),
        "p50_ms": round(statistics.median(times), 1),
        "p95_ms": round(times[int(0.95 * len(times)) - 1], 1),
        "max_ms": round(times[-1], 1),
    }))
    if errors:
        print("\n".join(errors[:10]), file=sys.stderr)


if __name__ == "__main__":
    main()
