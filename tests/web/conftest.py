"""A small store the web tests browse: articles the tests write, one of them full of
HTML and JavaScript injection attempts in its text and metadata."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from saidwho.store.database import open_store
from saidwho.store.writer import ingest
from saidwho.web.app import create_app
from saidwho.web.services import WebConfig

# Every attempt puts an alert() where a careless template would run it.
INJECTION = [
    "<script>alert('text')</script>",
    "<img src=x onerror=alert('img')>",
    "\"><svg onload=alert('svg')>",
    "javascript:alert('href')",
    "{{ 7*7 }}",
]

ARTICLES = [
    {"id": "bridge-1", "outlet": "Alder Gazette", "date": "2026-03-02",
     "title": "Bridge approved",
     "text": "Bridge approved\n\nMayor Elena Varga said the bridge would open in May. "
             "\u201cWe waited long enough,\u201d Varga told reporters.\n\n"
             "A council official, who asked not to be named, said the budget was cut twice."},
    {"id": "bridge-2", "outlet": "Harbour Post", "date": "2026-04-10",
     "title": "Residents object",
     "text": "Residents object\n\nTomas Brandt said the residents would go to court. "
             "Elena Varga said the complaint would not delay the work. The petition was "
             "drafted by Chile and Peru and also signed by Ghana."},
    {"id": "evil", "outlet": "<b>Evil</b> " + INJECTION[1], "date": "2026-05-01",
     "title": "Headline " + INJECTION[0] + INJECTION[2],
     "text": "Report\n\nAna Ruiz said that " + INJECTION[0] + " was harmless. "
             "\u201c" + INJECTION[1] + " " + INJECTION[2] + "\u201d, Ruiz said. "
             "She added that " + INJECTION[3] + " and " + INJECTION[4] + " were tests."},
]


@pytest.fixture(scope="session")
def injection() -> list[str]:
    return INJECTION


@pytest.fixture(scope="session")
def store_path(tmp_path_factory, nlp) -> Path:
    root = tmp_path_factory.mktemp("web")
    corpus = root / "news.jsonl"
    corpus.write_text("".join(json.dumps(a) + "\n" for a in ARTICLES), encoding="utf-8")
    db = root / "news.db"
    conn = open_store(db)
    summary = ingest(conn, nlp, [str(corpus)])
    conn.close()
    assert summary.documents == len(ARTICLES)
    return db


@pytest.fixture(scope="session")
def app(store_path, nlp, request):
    def load(lang: str = "en"):  # the French pipeline only when a French text comes
        return nlp if lang == "en" else request.getfixturevalue(f"{lang}_nlp")

    return create_app(WebConfig(store_path, load, max_upload=20_000))


@pytest.fixture()
def client(app):
    from fastapi.testclient import TestClient

    with TestClient(app) as c:
        yield c
