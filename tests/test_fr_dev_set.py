"""The French attribution dev set (docs/fr-dev-set.md): its source file, what
scripts/build_fr_dev.py writes from it, and that saidwho's own readers take the result.

The checks here read the source file with their own code (not the script's) so that a
mistake in the script shows up as a difference."""

from __future__ import annotations

import importlib.util
import json
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pycountry
import pytest

from saidwho.evaluate.polnear import read_split
from saidwho.evaluate.speakers import MENTION_KINDS, read_gold_speakers
from saidwho.model import SPEAKER_TYPES

ROOT = Path(__file__).parent.parent
SOURCE = ROOT / "tests" / "data" / "fr_dev" / "articles.jsonl"
SCRIPT = ROOT / "scripts" / "build_fr_dev.py"
CLITICS = {"il", "elle", "ils", "elles", "on"}
QUE = re.compile(r"qu(?:e\b|')")

# how the articles name the states of their memberships
FRENCH_NAMES = {
    "ARE": "Émirats arabes unis", "BEL": "Belgique", "BEN": "Bénin", "BRA": "Brésil",
    "CAN": "Canada", "CHE": "Suisse", "CHL": "Chili", "CIV": "Côte d'Ivoire",
    "CMR": "Cameroun", "COD": "République démocratique du Congo", "COM": "Comores",
    "CPV": "Cap-Vert", "CRI": "Costa Rica", "CYP": "Chypre", "DEU": "Allemagne",
    "DJI": "Djibouti", "DMA": "Dominique", "DZA": "Algérie", "EGY": "Égypte",
    "ESP": "Espagne", "ETH": "Éthiopie", "FRA": "France", "GAB": "Gabon", "GHA": "Ghana",
    "GRC": "Grèce", "HTI": "Haïti", "IND": "Inde", "IRL": "Irlande", "IRQ": "Irak",
    "ITA": "Italie", "JOR": "Jordanie", "JPN": "Japon", "KEN": "Kenya", "KHM": "Cambodge",
    "LBN": "Liban", "LUX": "Luxembourg", "MAR": "Maroc", "MDG": "Madagascar",
    "MDV": "Maldives", "MEX": "Mexique", "MLI": "Mali", "MLT": "Malte", "MRT": "Mauritanie",
    "MUS": "Maurice", "NAM": "Namibie", "NER": "Niger", "NGA": "Nigeria", "NLD": "Pays-Bas",
    "NOR": "Norvège", "PER": "Pérou", "PRT": "Portugal", "RWA": "Rwanda", "SDN": "Soudan",
    "SEN": "Sénégal", "SLE": "Sierra Leone", "STP": "Sao Tomé-et-Principe",
    "SVN": "Slovénie", "SYC": "Seychelles", "TCD": "Tchad", "TUN": "Tunisie",
    "UGA": "Ouganda", "URY": "Uruguay", "VUT": "Vanuatu", "ZAF": "Afrique du Sud",
}
# what the text says for each membership relation
RELATION_WORDS = {"drafted": "rédig", "initiated": "à l'initiative d", "signed": "sign",
                  "cosponsored": "coparrain", "joined": "joint"}


def _articles() -> list[dict[str, Any]]:
    return [json.loads(line) for line in SOURCE.read_text(encoding="utf-8").splitlines()
            if line.strip()]


def _resolve(text: str, ref: Any) -> tuple[int, int, str]:
    needle, n = (ref, 0) if isinstance(ref, str) else (ref["text"], ref["n"])
    starts = [m.start() for m in re.finditer(f"(?={re.escape(needle)})", text)]
    if isinstance(ref, str):
        assert len(starts) == 1, f"plain span {needle!r} occurs {len(starts)} times"
    start = starts[n]
    return start, start + len(needle), needle


def _resolved(art: dict[str, Any]) -> list[dict[str, list[tuple[int, int, str]]]]:
    return [{role: [_resolve(art["text"], r) for r in att[role]]
             for role in ("source", "cue", "content")} for att in art["attributions"]]


ARTICLES = _articles()


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("frdev")
    done = subprocess.run([sys.executable, str(SCRIPT), "--out", str(out)], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return out


def _attributions() -> list[tuple[dict[str, Any], dict[str, Any], dict[str, Any]]]:
    """(article, attribution as written, resolved spans) for every attribution."""
    return [(art, att, spans) for art in ARTICLES
            for att, spans in zip(art["attributions"], _resolved(art), strict=True)]


def _count(pred: Any) -> int:
    return sum(1 for art, att, spans in _attributions() if pred(art, att, spans))


# ------------------------------------------------------------------ the source file

def test_set_has_enough_distinct_articles_of_news_length():
    ids = [a["id"] for a in ARTICLES]
    assert len(ids) >= 28
    assert len(set(ids)) == len(ids)
    for art in ARTICLES:
        assert 120 <= len(art["text"].split()) <= 350, art["id"]
        assert art["attributions"], art["id"]
    styles = Counter(a["style"] for a in ARTICLES)
    assert len(styles) >= 5 and min(styles.values()) >= 2, styles


def test_every_span_is_exact_and_unambiguous():
    for art, att, spans in _attributions():
        assert len(spans["cue"]) == 1, (art["id"], att["cue"])
        assert spans["content"], (art["id"], att["cue"])
        assert len(spans["source"]) <= 1, (art["id"], att["source"])
        for role, pieces in spans.items():
            for start, end, needle in pieces:
                assert art["text"][start:end] == needle, (art["id"], role, needle)
        if not att["source"]:
            assert att["speaker"] is None and att["channel"] is None, (art["id"], att["cue"])


def test_quotes_keep_their_guillemets_and_are_balanced():
    for art, _att, spans in _attributions():
        for _s, _e, piece in spans["content"]:
            # a quote keeps both its marks; a mixed content ("« un mépris total » pour
            # les élus") holds whole quoted stretches
            assert piece.count("«") == piece.count("»"), (art["id"], piece)
            assert not piece.endswith("« ") and not piece.startswith(" »"), (art["id"], piece)
            assert piece.count("“") == piece.count("”"), (art["id"], piece)


def test_speaker_annotations_use_the_project_vocabulary():
    for art, att, _spans in _attributions():
        sp = att["speaker"]
        if sp is None:
            continue
        assert sp["kind"] in MENTION_KINDS and sp["type"] in SPEAKER_TYPES, (art["id"], sp)
        if sp["type"] == "state":
            assert pycountry.countries.get(alpha_3=sp["iso3"]), (art["id"], sp)
        else:
            assert sp["iso3"] is None, (art["id"], sp)
        if "count" in sp:
            assert sp["type"] == "group" and sp["count"] >= 2, (art["id"], sp)


def test_script_vocabulary_matches_the_package():
    spec = importlib.util.spec_from_file_location("build_fr_dev", SCRIPT)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    try:
        spec.loader.exec_module(module)
    finally:
        del sys.modules[spec.name]
    assert tuple(module.MENTION_KINDS) == tuple(MENTION_KINDS)
    assert tuple(module.SPEAKER_TYPES) == tuple(SPEAKER_TYPES)


# ------------------------------------------------------------------ the built copy

def test_read_split_returns_every_article_with_the_same_spans(built):
    docs = {d.id: d for d in read_split(built, "dev")}
    assert set(docs) == {a["id"] for a in ARTICLES}
    for art in ARTICLES:
        doc = docs[art["id"]]
        assert doc.text == art["text"]
        expected = Counter(
            tuple(tuple((s, e, t) for s, e, t in sorted(spans[r]))
                  for r in ("source", "cue", "content"))
            for spans in _resolved(art))
        got = Counter(
            tuple(tuple((seg.start, seg.end, seg.text) for seg in getattr(a, r))
                  for r in ("source", "cue", "content"))
            for a in doc.attributions)
        assert got == expected, art["id"]
        for a in doc.attributions:
            for seg in (*a.source, *a.cue, *a.content):
                assert doc.text[seg.start:seg.end] == seg.text
            # a content in guillemets is a direct (or mixed) quotation
            quoted = any(ch in seg.text for seg in a.content for ch in "«»\"“”")
            assert (a.kind == "direct") == quoted, (art["id"], a.content)


def test_ann_files_use_polnear_triggers_and_numbered_content_roles(built):
    for art in ARTICLES:
        ann = (built / "dev" / "attributions" / f"{art['id']}_saidwho.ann").read_text(
            encoding="utf-8")
        events = [line.split("\t")[1].split() for line in ann.splitlines()
                  if line.startswith("E")]
        assert len(events) == len(art["attributions"]), art["id"]
        for args, att in zip(events, art["attributions"], strict=True):
            trigger = args[0].split(":")[0]
            roles = [a.split(":")[0] for a in args[1:]]
            assert trigger == ("Attribution" if att["source"] else "Attribution-no-source")
            assert ("Source" in roles) == bool(att["source"])
            pieces = len(att["content"])
            assert [r for r in roles if r.startswith("Content")] == [
                "Content" if i == 0 else f"Content{i + 1}" for i in range(pieces)]


def test_speaker_file_has_one_line_per_source_mention(built):
    path = built / "fr_dev_speakers.jsonl"
    gold = read_gold_speakers(path)
    expected: dict[tuple[str, int, int], dict[str, Any]] = {}
    for art, att, spans in _attributions():
        if spans["source"]:
            start, end, _ = spans["source"][0]
            expected[(art["id"], start, end)] = att
    got = {(a, s, e): g for a, by in gold.items() for (s, e), g in by.items()}
    assert set(got) == set(expected)
    texts = {a["id"]: a["text"] for a in ARTICLES}
    for (article, start, end), g in got.items():
        att = expected[(article, start, end)]
        assert texts[article][start:end] == g.mention
        assert (g.name, g.kind, g.type, g.iso3) == (
            att["speaker"]["name"], att["speaker"]["kind"], att["speaker"]["type"],
            att["speaker"]["iso3"])
        assert (g.channel is None) == (att["channel"] is None)
        if g.channel:
            assert g.channel.name == att["channel"]["name"]
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == len(got)
    counted = [r for r in rows if "count" in r]
    assert counted and all(r["type"] == "group" for r in counted)


def test_memberships_file_matches_the_source(built):
    rows = [json.loads(line) for line in
            (built / "fr_dev_memberships.jsonl").read_text(encoding="utf-8").splitlines()]
    expected = {a["id"]: a["memberships"] for a in ARTICLES if a.get("memberships")}
    assert {r["article"]: r["memberships"] for r in rows} == expected


def test_script_names_the_article_and_span_it_cannot_find(tmp_path):
    art = json.loads(json.dumps(ARTICLES[0]))
    art["attributions"][0]["cue"] = ["a chuchoté"]
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps(art, ensure_ascii=False) + "\n", encoding="utf-8")
    done = subprocess.run([sys.executable, str(SCRIPT), "--check", "--source", str(bad)],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode != 0
    assert art["id"] in done.stderr and "a chuchoté" in done.stderr

    art = json.loads(json.dumps(ARTICLES[0]))
    art["attributions"][0]["content"] = ["la"]  # occurs many times: needs an "n"
    bad.write_text(json.dumps(art, ensure_ascii=False) + "\n", encoding="utf-8")
    done = subprocess.run([sys.executable, str(SCRIPT), "--check", "--source", str(bad)],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode != 0
    assert art["id"] in done.stderr and "'la' occurs" in done.stderr

    art["attributions"][0]["content"] = [{"text": "la", "n": 10_000}]
    bad.write_text(json.dumps(art, ensure_ascii=False) + "\n", encoding="utf-8")
    done = subprocess.run([sys.executable, str(SCRIPT), "--check", "--source", str(bad)],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode != 0 and "n=10000" in done.stderr


# ------------------------------------------------------------------ coverage of forms

def _cue(spans: dict[str, Any]) -> str:
    return spans["cue"][0][2]


def _content(spans: dict[str, Any]) -> str:
    return spans["content"][0][2]


def _source(spans: dict[str, Any]) -> str:
    return spans["source"][0][2] if spans["source"] else ""


def _after_cue(art: dict[str, Any], spans: dict[str, Any], n: int = 25) -> str:
    return art["text"][spans["cue"][0][1]:spans["cue"][0][1] + n]


def test_direct_quotes_in_all_their_forms():
    assert _count(lambda a, t, s: _content(s).startswith("«") and _content(s).endswith("»")
                  ) >= 20
    # mixed: a quoted stretch inside reported speech
    assert _count(lambda a, t, s: "«" in _content(s) and not _content(s).startswith("«")
                  ) >= 10
    assert _count(lambda a, t, s: any("“" in p for _, _, p in s["content"])) >= 2
    two_sentences = re.compile(r"[.!?] +[«A-ZÀ-Ý]")
    assert _count(lambda a, t, s: any(p.startswith("«") and two_sentences.search(p)
                                      for _, _, p in s["content"])) >= 2
    assert _count(lambda a, t, s: len(s["content"]) >= 2) >= 2


def test_incises_and_inversions():
    def clitic(a, t, s):
        return _source(s).lower() in CLITICS and a["text"][s["source"][0][0] - 1] == "-"

    assert _count(clitic) >= 5
    # compound tense: "a-t-il déclaré" (cue = participle after the clitic)
    assert _count(lambda a, t, s: clitic(a, t, s)
                  and a["text"][s["source"][0][0] - 4:s["source"][0][0]] == "a-t-") >= 2
    # simple tense: "estime-t-elle", "admet-elle" (cue = the verb before the clitic)
    assert _count(lambda a, t, s: clitic(a, t, s) and s["cue"][0][1] < s["source"][0][0]) >= 2
    # noun subject after the verb: "a ajouté le ministre"
    assert _count(lambda a, t, s: s["source"] and s["source"][0][0] > s["cue"][0][1]
                  and _source(s).lower() not in CLITICS
                  and _cue(s).lower() not in ("selon", "d'après", "pour")
                  and not _cue(s).endswith(" de")) >= 2
    assert _count(lambda a, t, s: _cue(s).lower() == "selon"
                  and _source(s).lower() in ("lui", "elle")) >= 2


def test_reported_speech_forms():
    for verb in ("a déclaré", "a affirmé", "a indiqué"):
        assert _count(lambda a, t, s, v=verb: _cue(s) == v and QUE.match(_content(s))) >= 2, \
            verb
    assert _count(lambda a, t, s: _cue(s).lower() == "selon") >= 5
    assert _count(lambda a, t, s: _cue(s).lower() == "d'après") >= 2
    assert _count(lambda a, t, s: _cue(s).endswith(" de") and "source" in _source(s)) >= 2
    hearsay = re.compile(r"\b(?:serait|seraient|aurait|auraient)\b")
    assert _count(lambda a, t, s: hearsay.search(_content(s)) and not QUE.match(_content(s))
                  and (_cue(s).lower() in ("selon", "d'après") or _cue(s).endswith(" de"))) >= 5


@pytest.mark.parametrize("stem", ["appel", "exhort", "dénon", "condamn", "dém[ea]nt",
                                  "réclam"])
def test_speech_acts_with_content(stem):
    assert _count(lambda a, t, s: re.search(rf"\b{stem}", _cue(s).lower())) >= 2, stem


def test_channels():
    def channel(a, t, s):
        return t["channel"] or {}

    assert _count(lambda a, t, s: channel(a, t, s).get("name") == "AFP") >= 2
    assert _count(lambda a, t, s: "confié" in _cue(s)
                  and channel(a, t, s).get("type") == "publication") >= 2
    assert _count(lambda a, t, s: re.search(r"Radio|FM", channel(a, t, s).get("name", ""))) >= 2
    assert _count(lambda a, t, s: channel(a, t, s).get("name") == "communiqué") >= 2
    assert _count(lambda a, t, s: channel(a, t, s).get("name") == "conférence de presse") >= 2
    # the channel phrase stays out of cue and content
    for art, _att, spans in _attributions():
        for _s, _e, piece in spans["cue"] + spans["content"]:
            assert "à l'AFP" not in piece and "dans un communiqué" not in piece, art["id"]


def test_anonymous_sources():
    def mention(a, t, s):
        return t["speaker"]["type"] == "anonymous" if t["speaker"] else False

    assert _count(lambda a, t, s: mention(a, t, s) and "source diplomatique" in _source(s)) >= 2
    assert _count(lambda a, t, s: mention(a, t, s) and "qui a requis l'anonymat" in _source(s)
                  ) >= 2
    assert _count(lambda a, t, s: mention(a, t, s) and "sources proches" in _source(s)) >= 2


def test_speakers_named_again_by_pronoun_title_or_surname():
    kinds = Counter(t["speaker"]["kind"] for _, t, _ in _attributions() if t["speaker"])
    assert kinds["pronoun"] >= 10 and kinds["short"] >= 2 and kinds["description"] >= 10
    assert _count(lambda a, t, s: _source(s).lower() in ("le ministre", "la porte-parole")) >= 2
    # a later mention resolves to the full name given earlier in the same article
    assert _count(lambda a, t, s: t["speaker"] and t["speaker"]["kind"] == "pronoun"
                  and t["speaker"]["type"] == "person" and t["speaker"]["name"] in a["text"]
                  ) >= 10


@pytest.mark.parametrize("mention,iso3", [("Quai d'Orsay", "FRA"), ("Pretoria", "ZAF"),
                                          ("Berlin", "DEU"), ("diplomatie belge", "BEL")])
def test_states_named_by_their_organs_or_capitals(mention, iso3):
    assert _count(lambda a, t, s: mention in _source(s) and t["speaker"]["type"] == "state"
                  and t["speaker"]["iso3"] == iso3) >= 2


def test_groups_of_states_with_counts():
    groups = [(a, t, s) for a, t, s in _attributions()
              if t["speaker"] and t["speaker"]["type"] == "group" and "count" in t["speaker"]]
    of_states = [g for g in groups if re.search(r"États|pays", _source(g[2]))]
    assert len(of_states) >= 3
    for art, att, spans in groups:
        if att["speaker"]["kind"] == "pronoun":
            continue
        count = att["speaker"]["count"]
        words = {40: "quarantaine", 50: "cinquantaine", 11: "onze", 52: "Cinquante-deux",
                 19: "Dix-neuf", 2: "deux", 6: None}
        written = words.get(count)
        assert str(count) in _source(spans) or (written and written in _source(spans)) or (
            written is None and _source(spans).count(",") + 2 == count), (art["id"], count)


def test_joint_statement_memberships():
    with_members = [a for a in ARTICLES if a.get("memberships")]
    assert len(with_members) >= 8
    assert sum(1 for a in with_members
               if any(len(m["members"]) >= 6 for m in a["memberships"])) >= 3
    relations = Counter(m["relation"] for a in with_members for m in a["memberships"])
    assert set(relations) == set(RELATION_WORDS) and min(relations.values()) >= 2, relations
    assert sum(1 for a in with_members for m in a["memberships"] if m["partial"]) >= 2
    for art in with_members:
        for m in art["memberships"]:
            assert RELATION_WORDS[m["relation"]] in art["text"], (art["id"], m["relation"])
            if m["partial"]:
                assert re.search(r"parmi lesquels|notamment", art["text"]), art["id"]
            for code in m["members"]:
                assert pycountry.countries.get(alpha_3=code), (art["id"], code)
                assert FRENCH_NAMES[code] in art["text"], (art["id"], code)


def test_country_names_with_french_articles_and_elisions():
    text = "\n".join(a["text"] for a in ARTICLES)
    for name in ("la Belgique", "l'Afrique du Sud", "les Pays-Bas", "le Sénégal",
                 "la Côte d'Ivoire", "la République démocratique du Congo",
                 "les Émirats arabes unis"):
        assert name in text, name
