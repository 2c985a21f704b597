"""Signatory lists, reference groups and comparisons, on statements written here."""

from __future__ import annotations

import json
from datetime import date

import pycountry
import pytest
from click.testing import CliRunner

from saidwho.cli import main
from saidwho.entities.countries import resolve_country
from saidwho.entities.lists import split_items
from saidwho.errors import InputError
from saidwho.statements.compare import Comparison
from saidwho.statements.documents import html_text, read_statement_file
from saidwho.statements.reference import load_group
from saidwho.statements.statement import find_date, read_statement

RUN_IN = (
    "Joint Statement in Support of the Court\n14 June 2024\n\n"
    "We, the undersigned States, reaffirm our support for the Court, its staff and "
    "its independence.\n\n"
    "This statement was drafted by Belgium, Chile, Jordan, Senegal and Slovenia.\n\n"
    "It is endorsed by the following States: Afghanistan, Albania, Andorra, Antigua and "
    "Barbuda, Bolivia (Plurinational State of), Côte d'Ivoire, Kingdom of the Netherlands, "
    "Korea, Republic of, State of Palestine, Lesoto, the UK and Atlantis.\n"
)
ONE_PER_LINE = (
    "Second Joint Statement on the Court\n\nJune 2, 2026\n\n"
    "Our governments note, with concern, the measures taken against the Court.\n\n"
    "Signatories\n\n" + "\n".join(["Belgium", "Chile", "Canada", "Cabo Verde", "Czechia",
                                   "Türkiye", "Timor-Leste", "Republic of Moldova",
                                   "Cook Islands"]) + "\n"
)


def test_run_in_lists_with_roles_and_every_name_kept():
    st = read_statement(RUN_IN, "first")
    assert st.title == "Joint Statement in Support of the Court"
    assert st.date == date(2024, 6, 14)
    assert st.drafters == {"BEL", "CHL", "JOR", "SEN", "SVN"}
    written = [s.match.name for s in st.signatories if s.role == "signatory"]
    assert written == ["Afghanistan", "Albania", "Andorra", "Antigua and Barbuda",
                       "Bolivia (Plurinational State of)", "Côte d'Ivoire",
                       "Kingdom of the Netherlands", "Korea, Republic of",
                       "State of Palestine", "Lesoto", "UK", "Atlantis"]
    assert st.unresolved == ["Atlantis"]
    assert {"ATG", "BOL", "CIV", "NLD", "KOR", "PSE", "LSO", "GBR"} <= st.codes
    lesoto = next(s for s in st.signatories if s.match.name == "Lesoto")
    assert lesoto.match.match == "fuzzy"


def test_one_name_per_line_and_a_heading():
    st = read_statement(ONE_PER_LINE, "second")
    assert st.date == date(2026, 6, 2)
    assert [s.match.iso3 for s in st.signatories] == [
        "BEL", "CHL", "CAN", "CPV", "CZE", "TUR", "TLS", "MDA", "COK"]


def test_ordinary_sentences_are_not_lists():
    text = ("A Statement\n\nThe talks, which began in spring, were long, tense and "
            "inconclusive, and nobody signed anything.\n")
    assert read_statement(text).signatories == []


def test_every_iso_name_in_one_run_in_list():
    names = [c.name for c in pycountry.countries]
    text = "Statement\n\nEndorsed by the following States: " + ", ".join(names) + ".\n"
    st = read_statement(text)
    assert len(st.signatories) == len(names)
    assert len(st.codes) == len(names) and st.unresolved == []


def test_split_items_keeps_names_with_and_or_commas():
    assert split_items("Trinidad and Tobago, Bosnia and Herzegovina; Chad and Mali") == [
        "Trinidad and Tobago", "Bosnia and Herzegovina", "Chad", "Mali"]
    assert split_items("Congo, The Democratic Republic of the, Virgin Islands, British") == [
        "Congo, The Democratic Republic of the", "Virgin Islands, British"]


def test_dates_in_three_styles():
    assert find_date("issued 2025-03-01") == date(2025, 3, 1)
    assert find_date("on 3 March 2025 in Geneva") == date(2025, 3, 3)
    assert find_date("on March 4, 2025") == date(2025, 3, 4)
    assert find_date("no date here") is None


def test_html_statement_keeps_lists_and_drops_scripts(tmp_path):
    page = ("<html><head><title>A Joint Statement</title><script>var x = 'Chad';</script>"
            "</head><body><p>Published 2 May 2026</p><p>Signed by:</p><ul><li>Belgium</li>"
            "<li>Chile</li><li>Canada</li><li>Germany</li></ul></body></html>")
    title, text = html_text(page)
    assert title == "A Joint Statement" and "var x" not in text
    path = tmp_path / "s.html"
    path.write_text(page, encoding="utf-8")
    st = read_statement_file(str(path))
    assert st.title == "A Joint Statement" and st.date == date(2026, 5, 2)
    assert [s.match.iso3 for s in st.signatories] == ["BEL", "CHL", "CAN", "DEU"]


def test_a_document_without_a_list_is_an_error(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_text("Nothing to see.\n", encoding="utf-8")
    with pytest.raises(InputError, match="empty.txt: no list of signatory states"):
        read_statement_file(str(path))


def test_icc_membership_is_time_aware():
    icc = load_group("icc")
    assert len(icc.members(date(2025, 12, 1))) == 125
    assert "HUN" in icc.members(date(2026, 6, 1)) and "HUN" not in icc.members(date(2026, 6, 2))
    assert "UKR" not in icc.members(date(2024, 12, 31)) and "UKR" in icc.members(date(2025, 1, 1))
    assert "BDI" in icc.members(date(2017, 10, 26)) and "BDI" not in icc.members(
        date(2017, 10, 27))
    assert len(load_group("un").members()) == 193
    eu = load_group("eu")
    assert "GBR" in eu.members(date(2019, 6, 1)) and "GBR" not in eu.members(date(2020, 6, 1))
    assert len(eu.members(date(2025, 1, 1))) == 27


def test_user_groups_from_csv(tmp_path):
    path = tmp_path / "core.csv"
    path.write_text("name,joined\nBelgium,2020-01-01\nChile,\nTürkiye,\n", encoding="utf-8")
    group = load_group(str(path))
    assert group.members(date(2019, 1, 1)) == {"CHL", "TUR"}
    bad = tmp_path / "bad.csv"
    bad.write_text("name\nAtlantis\n", encoding="utf-8")
    with pytest.raises(InputError, match="bad.csv:2: state 'Atlantis' not recognised"):
        load_group(str(bad))
    with pytest.raises(InputError, match="no such group"):
        load_group("nato-but-not-shipped")


def test_compare_joined_left_in_all_and_against_a_group():
    first = read_statement(RUN_IN, "first")
    second = read_statement(ONE_PER_LINE, "second")
    cmp = Comparison([first, second], load_group("icc"))
    out = cmp.to_dict()
    assert out["joined"] == sorted({"CAN", "CPV", "CZE", "TUR", "TLS", "MDA", "COK"})
    assert "AFG" in out["left"] and "BEL" not in out["left"]
    assert out["in_all"] == ["BEL", "CHL"]
    against = out["against"]["statements"]
    assert "TUR" in against[1]["non_members_signing"]  # Türkiye is not a State Party
    assert "FRA" in against[1]["silent_members"]
    # 124 States Parties in June 2024 (Armenia in, Ukraine not yet), 124 again on
    # 2 June 2026 (Ukraine in, Hungary out that day)
    assert against[0]["members"] == 124 and against[1]["members"] == 124
    assert "HUN" not in cmp.group_members(1) and "UKR" in cmp.group_members(1)


def test_statement_cli_json_and_compare(tmp_path):
    a = tmp_path / "first.txt"
    b = tmp_path / "second.txt"
    a.write_text(RUN_IN, encoding="utf-8")
    b.write_text(ONE_PER_LINE, encoding="utf-8")
    runner = CliRunner()
    one = runner.invoke(main, ["statement", str(a), "--format", "json"])
    assert one.exit_code == 0, one.output
    body = json.loads(one.output)
    assert set(body) >= {"title", "date", "signatories", "unresolved"}
    assert body["signatories"][0] == {"name": "Belgium", "iso3": "BEL", "match": "exact",
                                      "candidates": [], "role": "drafter"}
    assert body["unresolved"] == ["Atlantis"]
    cmp = runner.invoke(main, ["statement", "compare", str(a), str(b), "--against", "icc",
                               "--as-of", "2025-06-01", "--format", "json"])
    assert cmp.exit_code == 0, cmp.output
    body = json.loads(cmp.output)
    assert "CAN" in body["joined"] and "AFG" in body["left"]
    assert body["against"]["as_of"] == "2025-06-01"
    table = runner.invoke(main, ["statement", "compare", str(a), str(b)])
    assert table.exit_code == 0 and "joined" in table.output


def test_statement_cli_reports_bad_files_and_keeps_good_ones(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(RUN_IN, encoding="utf-8")
    result = CliRunner().invoke(main, ["statement", str(good), str(tmp_path / "missing.txt"),
                                       "--format", "json"])
    assert result.exit_code == 1
    assert "missing.txt: no such file" in result.output
    assert '"Joint Statement in Support of the Court"' in result.output


def test_maps_are_drawn_offline_as_svg_and_png(tmp_path):
    import re

    first = tmp_path / "first.txt"
    second = tmp_path / "second.txt"
    first.write_text(RUN_IN, encoding="utf-8")
    second.write_text(ONE_PER_LINE, encoding="utf-8")
    svg = tmp_path / "map.svg"
    result = CliRunner().invoke(main, ["statement", str(first), "--against", "icc",
                                       "--map", str(svg)])
    assert result.exit_code == 0, result.output
    body = svg.read_text(encoding="utf-8")
    assert "Joint Statement in Support of the Court" in body
    assert "Drafters: 5" in body and "Silent members (icc)" in body
    fetched = [u for u in re.findall(r"(?:src|href)=\"(https?://[^\"]+)", body)]
    assert fetched == []  # nothing loaded from the network
    png = tmp_path / "map.png"
    result = CliRunner().invoke(main, ["statement", "compare", str(first), str(second),
                                       "--against", "icc", "--map", str(png)])
    assert result.exit_code == 0, result.output
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    bad = CliRunner().invoke(main, ["statement", str(first), "--map", str(tmp_path / "m.gif")])
    assert bad.exit_code != 0 and "must be a .svg or .png" in bad.output


AND_NAMES = ["Trinidad and Tobago", "Antigua and Barbuda", "Saint Kitts and Nevis",
             "Bosnia and Herzegovina", "Sao Tome and Principe", "Turks and Caicos Islands",
             "Saint Vincent and the Grenadines"]
AND_TYPOS = {"Trinidad and Tobaggo": "TTO", "Atnigua and Barbuda": "ATG",
             "Bosnia and Herzegovnia": "BIH", "Saint Kits and Nevis": "KNA",
             "Sao Tome and Principee": "STP"}


@pytest.mark.parametrize("name", AND_NAMES + list(AND_TYPOS))
@pytest.mark.parametrize("where", ["first", "before the last and", "last"])
def test_names_holding_and_stay_whole_wherever_they_stand(name, where):
    items = {"first": [name, "Chile", "Peru"], "before the last and": ["Chile", name, "Peru"],
             "last": ["Chile", "Peru", name]}[where]
    written = ", ".join(items[:-1]) + " and " + items[-1]
    assert split_items(written) == items
    st = read_statement(f"Joint statement\n\nSigned by {written}.\n")
    code = AND_TYPOS.get(name) or resolve_country(name).iso3
    assert code in st.codes and {"CHL", "PER"} <= st.codes and len(st.signatories) == 3


def test_two_names_holding_and_side_by_side():
    assert split_items("Saint Kitts and Nevis and Sao Tome and Principe") == [
        "Saint Kitts and Nevis", "Sao Tome and Principe"]


def test_abbreviations_inside_names_do_not_end_a_run_in_list():
    st = read_statement("Joint statement\n\nSigned by Chile, St. Lucia, Micronesia (Fed. "
                        "States of), Peru and Brazil. The text was agreed in May.\n")
    assert st.codes == {"CHL", "LCA", "FSM", "PER", "BRA"}


@pytest.mark.parametrize(("name", "code"), [("Republic of Iran", "IRN"),
                                            ("Republic of Ireland", "IRL"),
                                            ("Republic of the Congo", "COG"),
                                            ("Democratic Republic of the Congo", "COD")])
def test_a_form_of_government_before_a_name_is_not_a_fuzzy_guess(name, code):
    assert (resolve_country(name).iso3, resolve_country(name).match) == (code, "exact")


def test_a_misspelt_name_holding_and_is_never_joined_or_left():
    first = read_statement("Statement\n\nSigned by Chile, Peru and Trinidad and Tobago.\n")
    second = read_statement("Statement\n\nSigned by Chile, Peru and Trinidad and Tobaggo.\n")
    cmp = Comparison([first, second]).to_dict()
    assert cmp["joined"] == [] and cmp["left"] == []


def test_one_statement_against_a_group_in_table_and_json(tmp_path):
    path = tmp_path / "one.txt"
    path.write_text("Joint statement\n1 June 2025\n\nSigned by Chile, France, Turkey and "
                    "Peru.\n", encoding="utf-8")
    runner = CliRunner()
    body = json.loads(runner.invoke(main, ["statement", str(path), "--against", "icc",
                                           "--format", "json"]).output)
    (against,) = body["against"]["statements"]
    assert against["non_members_signing"] == ["TUR"]  # Türkiye is not a State Party
    assert "DEU" in against["silent_members"] and "FRA" not in against["silent_members"]
    table = runner.invoke(main, ["statement", str(path), "--against", "icc"]).output
    assert "silent members" in table and "non-members signing (1): Türkiye" in table
    bad = runner.invoke(main, ["statement", str(path), "--against", "nato-but-not-shipped"])
    assert bad.exit_code == 1 and "no such group" in bad.output


def test_numbered_lists_and_tables_give_names_only():
    numbered = read_statement("Joint statement\n\nSignatories:\n1. Aruba\n2. Chile\n(3) Peru\n"
                              "4. Antigua and Barbuda\n")
    assert numbered.codes == {"ABW", "CHL", "PER", "ATG"} and numbered.unresolved == []
    for cells in (["Country", "Date", "Chile", "1 June 2025", "Peru", "2 June 2025",
                   "Brazil", "3 June 2025"],
                  ["No.", "Country", "1", "Chile", "2", "Peru", "3", "Brazil"],
                  ["Country", "Chile", "Peru", "Brazil"]):
        rows = "".join(f"<tr><td>{c}</td></tr>" for c in cells)
        _title, text = html_text(f"<html><body><h1>Joint statement</h1><table>{rows}</table>"
                                 "</body></html>")
        st = read_statement(text)
        assert st.codes == {"CHL", "PER", "BRA"} and st.unresolved == [], cells


def test_a_run_in_list_of_misspelt_names_holding_and_is_read_whole():
    st = read_statement("Joint statement\n\nSigned by Chile, Peru, Atnigua and Barbuda and "
                        "Trinidad and Tobaggo and Bosnia and Herzegovnia.\n")
    assert st.codes == {"CHL", "PER", "ATG", "TTO", "BIH"} and st.unresolved == []
