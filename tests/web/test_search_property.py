"""Whatever a person types into search (words, speaker, dates), the answer is results or
a 422 that says why: never a 500 and never SQLite's own error text (issue 14). A property
test over 2,000+ generated queries."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from saidwho.web.app import create_app
from saidwho.web.services import WebConfig

pytestmark = pytest.mark.model

# the characters that mean something to FTS5 or SQL, words that do, and some text
SPECIAL = list("\"'*:^()-+.,;!?/\\%_[]{}<>|&~`@#$=") + ["AND", "OR", "NOT", "NEAR", "NEAR(",
                                                       "speaker:", "content:", "\u00a0"]
WORDS = ["bridge", "Varga", "court", "teacher's", "caf\u00e9", "\u4f1a\u8bae", "x"]
typed = st.lists(st.sampled_from(SPECIAL + WORDS) | st.text(max_size=6), max_size=8).map(
    lambda parts: " ".join(parts) if len(parts) % 2 else "".join(parts))
dates = st.one_of(st.none(), st.dates().map(str), st.text(max_size=12),
                  st.sampled_from(["2026-13-45", "2026-02-30", "bogus", "", "2026-06"]))
SQLITE_WORDS = ("fts5", "syntax error", "unterminated", "no such column", "sqlite")


@pytest.fixture(scope="module")
def api(store_path, nlp):
    from fastapi.testclient import TestClient

    with TestClient(create_app(WebConfig(store_path, lambda: nlp)),
                    raise_server_exceptions=False) as client:
        yield client


@settings(max_examples=2000, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(q=typed, speaker=st.one_of(st.none(), typed), since=dates, until=dates)
def test_no_query_a_person_can_type_breaks_search(api, q, speaker, since, until):
    params = {k: v for k, v in (("q", q), ("speaker", speaker), ("since", since),
                                ("until", until)) if v is not None}
    response = api.get("/api/search", params=params)
    assert response.status_code in (200, 422), (params, response.text)
    if response.status_code == 422:
        message = response.json()["error"].lower()
        assert not any(w in message for w in SQLITE_WORDS), (params, message)


@settings(max_examples=300, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(q=typed)
def test_raw_fts_queries_are_results_or_a_422_with_the_reason(api, q):
    response = api.get("/api/search", params={"q": q, "fts": "1"})
    assert response.status_code in (200, 422), (q, response.text)
