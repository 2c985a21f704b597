"""Analyses in worker processes: a busy pool refuses at once (503, Retry-After), an
analysis over the time limit is answered 504 and its process replaced, and a pipeline
that does not load makes analysis unavailable, not the server."""

from __future__ import annotations

import os
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from fastapi.testclient import TestClient
from spacy.language import Language
from spacy.tokens import Doc

from saidwho.web.app import create_app
from saidwho.web.services import WebConfig

pytestmark = pytest.mark.model

TEXT = "Ana Ruiz said the port would reopen."


@Language.component("saidwho_test_stall")
def stall(doc: Doc) -> Doc:
    """A text that starts with STALL hangs the pipeline; one with CRASH kills it."""
    if doc.text.startswith("STALL"):
        time.sleep(600)
    if doc.text.startswith("CRASH"):
        os._exit(3)
    return doc


def stalling_pipeline() -> Language:
    """The rule engine with the stalling step first (module-level: the analysis processes
    import this module to unpickle it)."""
    from saidwho.extract import load_pipeline

    nlp = load_pipeline(engine="rules")
    nlp.add_pipe("saidwho_test_stall", first=True)
    return nlp


def broken_pipeline() -> Language:
    raise RuntimeError("no pipeline here")


def speakers(response) -> list[str]:
    assert response.status_code == 200, response.text
    return [a["speaker"]["name"] for a in response.json()["attributions"]]


def test_busy_over_time_and_crashed_analyses_leave_the_server_working():
    app = create_app(WebConfig(None, stalling_pipeline, analyzers=1, analyze_timeout=3,
                               analyze_queue=0))
    pool = app.state.analyzer.pool
    with TestClient(app) as client, ThreadPoolExecutor(1) as background:
        assert pool.ready(120)
        assert speakers(client.post("/api/analyze", json={"text": TEXT})) == ["Ana Ruiz"]
        stalled = background.submit(client.post, "/api/analyze", json={"text": "STALL. " + TEXT})
        deadline = time.monotonic() + 10
        while pool.admitted == 0:
            assert time.monotonic() < deadline
            time.sleep(0.02)
        # its one process busy and no room to wait: refused at once, API and page alike
        busy = client.post("/api/analyze", json={"text": TEXT})
        assert busy.status_code == 503 and "busy" in busy.json()["error"]
        assert int(busy.headers["retry-after"]) >= 1
        page = client.post("/analyze", data={"text": TEXT})
        assert page.status_code == 503 and "retry-after" in page.headers
        assert client.get("/analyze").status_code == 200  # the rest of the site answers
        over = stalled.result(timeout=60)
        assert over.status_code == 504
        assert "longer than 3 s" in over.json()["error"] and "too large" in over.json()["error"]
        # the stuck process was killed and replaced
        assert pool.ready(120)
        assert speakers(client.post("/api/analyze", json={"text": TEXT})) == ["Ana Ruiz"]
        died = client.post("/api/analyze", json={"text": "CRASH. " + TEXT})
        assert died.status_code == 503 and "exit code 3" in died.json()["error"]
        assert pool.ready(120)
        assert speakers(client.post("/api/analyze", json={"text": TEXT})) == ["Ana Ruiz"]
        processes = [w.process for w in pool._alive]
    # the server stopped, its analysis processes with it
    assert pool.admitted == 0 and processes and not any(p.is_alive() for p in processes)


def test_a_pipeline_that_does_not_load_makes_analysis_unavailable():
    app = create_app(WebConfig(None, broken_pipeline, analyzers=1, analyze_timeout=60))
    with TestClient(app) as client:
        response = client.post("/api/analyze", json={"text": TEXT})
        assert response.status_code == 503
        assert response.json() == {
            "error": "analysis is unavailable: RuntimeError: no pipeline here"}
        assert client.get("/statements").status_code == 200


def test_analysis_processes_need_a_loader_they_can_import(nlp):
    with pytest.raises(ValueError, match="picklable pipeline loader"):
        create_app(WebConfig(None, lambda: nlp, analyzers=2))
