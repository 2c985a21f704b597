"""Benchmarks of the statement reader and the memberships on hostile text (issue 15);
skipped by default, run `pytest tests/benchmarks --benchmark-only`. The readers before
issue 15 took 110 s on 40 KB of "signed by " and did not finish 1 MB of "led by "."""

import pytest

from saidwho.pipeline.memberships import find_memberships
from saidwho.statements.statement import read_statement

SIZE = 200_000


@pytest.mark.parametrize("unit", ["led by\n", "signed by ", "signed by Chile, "])
def test_statement_reader_on_200_kb_of_headings(benchmark, unit):
    text = unit * (SIZE // len(unit))
    benchmark.pedantic(read_statement, args=(text,), rounds=1, iterations=1)


@pytest.mark.parametrize("unit", ["led by ", "signed by Chile, ",
                                  "Chile signed it along with Peru, and "])
def test_memberships_on_200_kb_of_triggers(benchmark, unit):
    text = unit * (SIZE // len(unit))
    benchmark.pedantic(find_memberships, args=(text,), rounds=1, iterations=1)
