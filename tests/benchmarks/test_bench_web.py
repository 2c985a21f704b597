"""Analyze in the web UI: a 1,000-word article through POST /analyze with the default
(trained) engine, page rendering included. Target: under 1 s on the 2-core machine.

Run: pytest tests/benchmarks/test_bench_web.py --benchmark-only
"""

from __future__ import annotations

import random

import pytest

from saidwho.web.app import create_app
from saidwho.web.services import WebConfig

pytestmark = pytest.mark.model

NAMES = ["Elena Varga", "Tomas Brandt", "Maria Lindqvist", "Daniel Okafor", "Rosa Ibarra"]
TOPICS = ["the harbour bridge", "the school meals plan", "the river treaty", "the port strike",
          "the new budget", "the court ruling"]


def article(words: int = 1000, seed: int = 3) -> str:
    """Paragraphs of direct, reported and anonymous attributions, ``words`` words long."""
    rng = random.Random(seed)
    paragraphs: list[str] = []
    while sum(len(p.split()) for p in paragraphs) < words:
        name, topic = rng.choice(NAMES), rng.choice(TOPICS)
        paragraphs.append(rng.choice([
            f"{name} said that {topic} would be delayed until the autumn because of costs.",
            f"\u201cWe cannot accept {topic} as it stands,\u201d {name} told reporters on "
            f"Tuesday. \u201cThe people deserve better.\u201d",
            f"A government official, who asked not to be named, said {topic} had been "
            f"discussed at length but that no decision had been taken.",
            f"According to {name}, {topic} is the most important question of the year. "
            f"Critics argue that it will cost more than planned.",
            f"The council met for four hours on Monday evening. Residents filled the hall "
            f"and many waited outside in the rain to hear the debate on {topic}.",
        ]))
    return "\n\n".join(paragraphs)


def test_analyze_a_1000_word_article(benchmark, model_nlp):
    from fastapi.testclient import TestClient

    text = article()
    assert 1000 <= len(text.split()) < 1050
    app = create_app(WebConfig(None, lambda: model_nlp))
    with TestClient(app) as client:
        client.post("/analyze", data={"text": "Ana said it rained."})  # warm up
        response = benchmark(client.post, "/analyze", data={"text": text})
    assert response.status_code == 200 and response.text.count("<mark") > 50
