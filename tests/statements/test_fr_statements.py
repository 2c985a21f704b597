"""French statement documents: headings, lists with "et" and articles, French country
names (with typos), French dates. The texts are written for these tests."""

from __future__ import annotations

from datetime import date

from saidwho.statements.statement import read_statement

RUN_IN = """Déclaration conjointe sur la protection des archives africaines

Addis-Abeba, le 12 mars 2026

Nous, États membres de l'Union africaine, réaffirmons notre attachement à la sauvegarde
des archives nationales.

Cette déclaration a été rédigée par le Bénin et le Ghana.

Elle est signée par les États suivants : Afrique du Sud, Allemagne, Belgique, Cameroun,
Côte d'Ivoire, Maroc, République démocratique du Congo, Sénégal et Tunisie.
"""

ONE_PER_LINE = """Appel commun pour la liberté de la presse

1er juin 2026

Signataires :
la France
l'Irlande
les Pays-Bas
Nouvelle-Zélande
Costa Rica
"""


def test_a_french_run_in_list_with_its_drafters_and_date():
    st = read_statement(RUN_IN)
    assert st.date == date(2026, 3, 12)
    assert st.drafters == {"BEN", "GHA"}
    assert st.codes == {"BEN", "GHA", "ZAF", "DEU", "BEL", "CMR", "CIV", "MAR", "COD",
                        "SEN", "TUN"}
    assert st.unresolved == []


def test_a_french_list_one_name_a_line_with_articles():
    st = read_statement(ONE_PER_LINE)
    assert st.date == date(2026, 6, 1)
    assert st.codes == {"FRA", "IRL", "NLD", "NZL", "CRI"}


def test_misspelt_french_names_are_resolved_or_reported():
    text = RUN_IN.replace("Allemagne", "Allemange").replace("Belgique", "Belgiqe")
    st = read_statement(text)
    by_name = {s.match.name: s.match for s in st.signatories}
    assert by_name["Allemange"].iso3 == "DEU" and by_name["Allemange"].match == "fuzzy"
    assert by_name["Belgiqe"].iso3 == "BEL"
    nonsense = read_statement(RUN_IN.replace("Maroc", "Zorblanie"))
    assert "Zorblanie" in nonsense.unresolved  # kept and reported, never guessed
