"""Load test of the web UI's search: N concurrent clients against `saidwho serve` on
127.0.0.1, for a bounded time, on a store built by bench_store.py, while other clients
analyse articles.

    .venv/bin/python scripts/bench_store.py --db /tmp/big.db --attributions 1000000
    .venv/bin/python scripts/load_test.py --db /tmp/big.db --clients 50 --seconds 30
    .venv/bin/python scripts/load_test.py --db /tmp/big.db --clients 50 --analyzers 4

Each search client (a coroutine) keeps one connection and sends searches back to back,
half by word and half by speaker, through the JSON API (--path /api/search) or the page
(--path /search). Each of --analyzers clients posts a ~1,000-word article (the sample
corpus) to /api/analyze, back to back, waiting as long as Retry-After says when refused.
The first --warmup seconds (the analysis processes loading their pipelines) are not
counted. Prints latency percentiles, requests per second and errors as JSON.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import time
import urllib.parse
from collections import Counter
from importlib import resources
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


class Tally:
    """Latencies (ms) and errors of one kind of request, counted from ``since`` on."""

    def __init__(self) -> None:
        self.since = float("inf")
        self.times: list[float] = []
        self.errors: list[str] = []
        self.statuses: Counter[int] = Counter()

    def add(self, started: float, status: int | None, error: str = "") -> None:
        if started < self.since:
            return
        self.times.append((time.monotonic() - started) * 1000)
        if status is not None:
            self.statuses[status] += 1
        if error:
            self.errors.append(error)

    def figures(self, elapsed: float) -> dict[str, object]:
        times = sorted(self.times)
        if not times:
            return {"requests": 0, "errors": len(self.errors)}

        def at(q: float) -> float:
            return round(times[max(0, int(q * len(times)) - 1)], 1)

        return {"requests": len(times), "errors": len(self.errors),
                "statuses": dict(sorted(self.statuses.items())),
                "requests_per_s": round(len(times) / elapsed, 1),
                "p50_ms": round(statistics.median(times), 1), "p95_ms": at(0.95),
                "p99_ms": at(0.99), "max_ms": round(times[-1], 1)}


async def exchange(reader: asyncio.StreamReader, writer: asyncio.StreamWriter,
                   request: bytes) -> tuple[int, bytes, bytes]:
    """One request on a keep-alive connection: (status, head, body)."""
    writer.write(request)
    head = await reader.readuntil(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1])
    length = int(re.search(rb"(?i)content-length: *(\d+)", head).group(1))  # type: ignore[union-attr]
    return status, head, await reader.readexactly(length)


async def client(port: int, path: str, stop: float, seed: int, tally: Tally) -> None:
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
        start = time.monotonic()
        try:
            status, _, body = await exchange(
                reader, writer, f"GET {url} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode())
            tally.add(start, status, f"{status} {url} {body[:200]!r}" if status != 200 else "")
        except (OSError, asyncio.IncompleteReadError, AttributeError, ValueError) as exc:
            tally.add(start, None, f"{type(exc).__name__} {url}")
            writer.close()
            reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.close()


def article(words: int = 1000) -> str:
    """About ``words`` words of news: the sample corpus's articles, one after another."""
    corpus = resources.files("saidwho") / "samples" / "corpus" / "sample-news.jsonl"
    texts = [json.loads(line)["text"] for line in corpus.read_text("utf-8").splitlines()]
    out: list[str] = []
    while sum(len(t.split()) for t in out) < words:
        out.append(texts[len(out) % len(texts)])
    return "\n\n".join(out)


async def analyst(port: int, stop: float, seed: int, text: str, tally: Tally) -> None:
    """One keep-alive connection posting articles to /api/analyze back to back; after a
    503 it waits as long as Retry-After says."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    n = 0
    while time.monotonic() < stop:
        n += 1
        body = json.dumps({"text": text, "id": f"a{seed}-{n}"}).encode()
        request = (f"POST /api/analyze HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                   f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n"
                   ).encode() + body
        start = time.monotonic()
        try:
            status, head, answer = await exchange(reader, writer, request)
        except (OSError, asyncio.IncompleteReadError, AttributeError, ValueError) as exc:
            tally.add(start, None, f"{type(exc).__name__} /api/analyze")
            writer.close()
            reader, writer = await asyncio.open_connection("127.0.0.1", port)
            continue
        tally.add(start, status, f"{status} {answer[:200]!r}" if status != 200 else "")
        if status == 503:
            wait = re.search(rb"(?i)retry-after: *(\d+)", head)
            await asyncio.sleep(int(wait.group(1)) if wait else 1)
    writer.close()


async def load(port: int, path: str, clients: int, analysts: int, seconds: float,
               warmup: float) -> tuple[Tally, Tally, float]:
    searches, analyses = Tally(), Tally()
    text = article()
    started = time.monotonic()
    searches.since = analyses.since = started + warmup
    stop = searches.since + seconds
    await asyncio.gather(*(client(port, path, stop, k, searches) for k in range(clients)),
                         *(analyst(port, stop, k, text, analyses) for k in range(analysts)))
    return searches, analyses, seconds  # requests started in the window are counted


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--db", required=True)
    ap.add_argument("--clients", type=int, default=50, help="search clients")
    ap.add_argument("--analyzers", type=int, default=0,
                    help="clients that post ~1,000-word articles to /api/analyze")
    ap.add_argument("--seconds", type=float, default=30)
    ap.add_argument("--warmup", type=float, default=10,
                    help="seconds of load before counting (the pipelines load)")
    ap.add_argument("--path", default="/api/search", choices=["/api/search", "/search"])
    ap.add_argument("--workers", type=int, default=2, help="saidwho serve --workers")
    ap.add_argument("--processes", type=int, default=1,
                    help="saidwho serve --analyzers (analysis processes per worker)")
    ap.add_argument("--engine", default="rules", choices=["rules", "model"])
    args = ap.parse_args()
    port = free_port()
    load_before = os.getloadavg()[0]
    server = subprocess.Popen([sys.executable, "-m", "saidwho.cli", "serve", "--db", args.db,
                               "--port", str(port), "--engine", args.engine,
                               "--workers", str(args.workers),
                               "--analyzers", str(args.processes)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for(port, server)
        searches, analyses, elapsed = asyncio.run(load(
            port, args.path, args.clients, args.analyzers, args.seconds, args.warmup))
    finally:
        server.terminate()
        server.wait(10)
    print(json.dumps({
        "path": args.path, "workers": args.workers, "processes": args.processes,
        "engine": args.engine, "clients": args.clients, "analyzers": args.analyzers,
        "seconds": round(elapsed, 1),
        # the machine's 1-minute load average before and after: other work shares the cores
        "loadavg": [round(load_before, 1), round(os.getloadavg()[0], 1)],
        "search": searches.figures(elapsed),
        "analyze": analyses.figures(elapsed),
    }))
    for tally in (searches, analyses):
        if tally.errors:
            print("\n".join(tally.errors[:10]), file=sys.stderr)


if __name__ == "__main__":
    main()
