"""`saidwho serve` as users start it: the sample corpus ingested, then served on 127.0.0.1
(here with two worker processes, each with its own analysis process and pipeline)."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from process_tree import children

pytestmark = pytest.mark.model


def get(url: str) -> tuple[int, bytes]:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.status, response.read()


def test_serve_sample_with_two_workers(tmp_path):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    db = tmp_path / "sample.db"
    server = subprocess.Popen(
        [sys.executable, "-m", "saidwho.cli", "serve", "--sample", "--db", str(db), "--engine",
         "rules", "--port", str(port), "--workers", "2"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        deadline = time.monotonic() + 90
        while True:
            assert server.poll() is None, server.stdout.read()  # type: ignore[union-attr]
            assert time.monotonic() < deadline, "the server did not start"
            try:
                status, body = get(f"http://127.0.0.1:{port}/api/stats")
                break
            except OSError:
                time.sleep(0.3)
        assert status == 200 and json.loads(body)["articles"] == 10
        analyzed = urllib.request.Request(
            f"http://127.0.0.1:{port}/api/analyze", method="POST",
            data=json.dumps({"text": "Ana Ruiz said the port would reopen."}).encode(),
            headers={"content-type": "application/json"})
        with urllib.request.urlopen(analyzed, timeout=30) as response:
            speakers = [a["speaker"]["name"] for a in json.load(response)["attributions"]]
        assert speakers == ["Ana Ruiz"]
        status, page = get(f"http://127.0.0.1:{port}/speaker?name=Elena%20Varga")
        assert status == 200 and b"Lakeside Herald" in page
        # killed with -9, the server leaves no worker behind on its port, and no analysis
        # process (one per worker by default) behind its workers
        spawned = children(server.pid)
        assert len(spawned) >= 2
        analyzers = [pid for worker in spawned for pid in children(worker)]
        assert len(analyzers) >= 2
        spawned += analyzers
        os.kill(server.pid, signal.SIGKILL)
        deadline = time.monotonic() + 15
        while any(Path(f"/proc/{pid}").exists() for pid in spawned):
            assert time.monotonic() < deadline, "server workers outlived their parent"
            time.sleep(0.2)
    finally:
        server.kill()
        output = server.communicate(timeout=20)[0]
    assert "sample corpus in" in output and "10 new articles" in output
