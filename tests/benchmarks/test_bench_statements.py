"""Benchmarks (skipped by default; run `pytest tests/benchmarks --benchmark-only`)."""

import pycountry

from saidwho.entities.countries import resolve_country
from saidwho.statements.statement import read_statement

NAMES = [c.name for c in pycountry.countries][:120]
STATEMENT = ("Joint Statement\n\n14 June 2024\n\nEndorsed by the following States: "
             + ", ".join(NAMES) + ", Lesoto and Andoria.\n")


def test_signatories_of_a_list_of_122_states(benchmark):
    st = benchmark(read_statement, STATEMENT)
    assert len(st.signatories) == 122 and not st.unresolved


def test_resolve_a_misspelt_name(benchmark):
    assert benchmark(resolve_country, "Phillipines").iso3 == "PHL"
