"""Build the French attribution dev set (docs/fr-dev-set.md) from its editable source.

Reads ``tests/data/fr_dev/articles.jsonl`` (one article a line: text, attributions with
source, cue and content spans written as the text they cover, speakers, channels and
joint-statement memberships), checks every span and annotation, and writes a copy in
PolNeAR's layout that ``saidwho eval --polnear`` reads:

* ``OUT/dev/text/ID.txt`` and ``OUT/dev/attributions/ID_saidwho.ann`` (brat standoff);
* ``OUT/fr_dev_speakers.jsonl``: one line per source mention, the format of
  ``tests/data/polnear_dev_speakers.jsonl`` (docs/speaker-annotation.md);
* ``OUT/fr_dev_memberships.jsonl``: who drafted, initiated, signed, co-sponsored or joined
  a joint statement, one line per article that says so.

A span is written as its text when that text occurs once in the article, else as
``{"text": ..., "n": N}``: the N-th (0-based) occurrence, counting every occurrence of the
exact string, also inside longer words. Usage:

    python scripts/build_fr_dev.py --out /tmp/frdev          # build
    python scripts/build_fr_dev.py --check                   # only check the source
    python scripts/build_fr_dev.py --stats                   # counts by form, Markdown
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SOURCE = ROOT / "tests" / "data" / "fr_dev" / "articles.jsonl"
ANNOTATOR = "saidwho"
SPLIT = "dev"
SPEAKERS_FILE = "fr_dev_speakers.jsonl"
MEMBERSHIPS_FILE = "fr_dev_memberships.jsonl"

# the same values as saidwho.evaluate.speakers.MENTION_KINDS and saidwho.model.SPEAKER_TYPES
# (checked against them by tests/test_fr_dev_set.py; kept here so that the script runs
# without the package installed)
MENTION_KINDS = ("pronoun", "short", "full", "description")
SPEAKER_TYPES = ("person", "organization", "state", "group", "publication", "anonymous",
                 "document", "unknown")
RELATIONS = ("drafted", "initiated", "signed", "cosponsored", "joined")
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]*$")
ISO3_PATTERN = re.compile(r"^[A-Z]{3}$")


class DevSetError(ValueError):
    """The source file does not hold what the set needs; the message names the article."""


@dataclass(frozen=True, order=True)
class Span:
    start: int
    end: int
    text: str


@dataclass
class Attribution:
    source: list[Span]
    cue: list[Span]
    content: list[Span]
    speaker: dict[str, Any] | None
    channel: dict[str, Any] | None


@dataclass
class Article:
    id: str
    style: str
    text: str
    attributions: list[Attribution]
    memberships: list[dict[str, Any]] = field(default_factory=list)


# ----------------------------------------------------------------------------- reading

def occurrences(text: str, needle: str) -> list[int]:
    """Every start of ``needle`` in ``text``, overlapping ones included."""
    out, i = [], text.find(needle)
    while i >= 0:
        out.append(i)
        i = text.find(needle, i + 1)
    return out


def resolve_span(text: str, ref: Any, where: str) -> Span:
    """The offsets of one span reference: a string found once, or {"text", "n"}."""
    if isinstance(ref, str):
        needle, n = ref, None
    elif isinstance(ref, dict) and isinstance(ref.get("text"), str) and isinstance(
            ref.get("n"), int) and not isinstance(ref.get("n"), bool):
        needle, n = ref["text"], ref["n"]
    else:
        raise DevSetError(f"{where}: a span is a string or {{\"text\": ..., \"n\": N}}, "
                          f"not {ref!r}")
    if not needle or needle != needle.strip():
        raise DevSetError(f"{where}: span {needle!r} is empty or starts or ends with a space")
    if "\n" in needle or "\t" in needle:
        raise DevSetError(f"{where}: span {needle!r} holds a line break or a tab")
    found = occurrences(text, needle)
    if not found:
        raise DevSetError(f"{where}: span {needle!r} is not in the text")
    if n is None:
        if len(found) > 1:
            raise DevSetError(f"{where}: span {needle!r} occurs {len(found)} times; write "
                              f"it as {{\"text\": {json.dumps(needle, ensure_ascii=False)}, "
                              f"\"n\": N}} with N from 0 to {len(found) - 1}")
        start = found[0]
    else:
        if not 0 <= n < len(found):
            raise DevSetError(f"{where}: span {needle!r} has no occurrence n={n} (it occurs "
                              f"{len(found)} time(s), n from 0 to {len(found) - 1})")
        start = found[n]
    return Span(start, start + len(needle), needle)


def _speaker(raw: Any, where: str) -> dict[str, Any]:
    if not isinstance(raw, dict):
        raise DevSetError(f"{where}: speaker must be an object, not {raw!r}")
    for key in ("name", "kind", "type"):
        if not isinstance(raw.get(key), str) or not raw[key]:
            raise DevSetError(f"{where}: speaker has no {key}")
    if raw["kind"] not in MENTION_KINDS:
        raise DevSetError(f"{where}: speaker kind {raw['kind']!r} is not one of "
                          f"{', '.join(MENTION_KINDS)}")
    if raw["type"] not in SPEAKER_TYPES:
        raise DevSetError(f"{where}: speaker type {raw['type']!r} is not one of "
                          f"{', '.join(SPEAKER_TYPES)}")
    iso3 = raw.get("iso3")
    if raw["type"] == "state":
        if not isinstance(iso3, str) or not ISO3_PATTERN.match(iso3):
            raise DevSetError(f"{where}: a state speaker needs an ISO 3166 alpha-3 iso3, "
                              f"not {iso3!r}")
    elif iso3 is not None:
        raise DevSetError(f"{where}: iso3 {iso3!r} on a speaker of type {raw['type']}")
    aliases = raw.get("aliases", [])
    if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
        raise DevSetError(f"{where}: speaker aliases must be a list of strings")
    count = raw.get("count")
    if count is not None and (not isinstance(count, int) or isinstance(count, bool)
                              or count < 1):
        raise DevSetError(f"{where}: speaker count must be a positive integer, not {count!r}")
    if count is not None and raw["type"] != "group":
        raise DevSetError(f"{where}: count on a speaker of type {raw['type']} (groups only)")
    out = {"name": raw["name"], "kind": raw["kind"], "type": raw["type"], "iso3": iso3,
           "aliases": list(aliases)}
    if count is not None:
        out["count"] = count
    return out


def _channel(raw: Any, where: str) -> dict[str, Any] | None:
    if raw is None:
        return None
    if not isinstance(raw, dict) or not isinstance(raw.get("name"), str) or not raw["name"]:
        raise DevSetError(f"{where}: channel must be null or an object with a name")
    aliases = raw.get("aliases", [])
    if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
        raise DevSetError(f"{where}: channel aliases must be a list of strings")
    kind = raw.get("type", "unknown")
    if kind not in SPEAKER_TYPES:
        raise DevSetError(f"{where}: channel type {kind!r} is not one of "
                          f"{', '.join(SPEAKER_TYPES)}")
    return {"name": raw["name"], "aliases": list(aliases), "type": kind}


def _memberships(raw: Any, where: str) -> list[dict[str, Any]]:
    if raw is None:
        return []
    if not isinstance(raw, list):
        raise DevSetError(f"{where}: memberships must be a list")
    out = []
    for i, m in enumerate(raw):
        at = f"{where}, membership {i}"
        if not isinstance(m, dict) or m.get("relation") not in RELATIONS:
            raise DevSetError(f"{at}: relation must be one of {', '.join(RELATIONS)}")
        members = m.get("members")
        if not isinstance(members, list) or not members or not all(
                isinstance(c, str) and ISO3_PATTERN.match(c) for c in members):
            raise DevSetError(f"{at}: members must be a non-empty list of ISO3 codes")
        if len(set(members)) != len(members):
            raise DevSetError(f"{at}: a member is listed twice")
        if not isinstance(m.get("partial"), bool):
            raise DevSetError(f"{at}: partial must be true or false")
        entry: dict[str, Any] = {"relation": m["relation"], "members": list(members),
                                 "partial": m["partial"]}
        if m.get("count") is not None:
            if not isinstance(m["count"], int) or m["count"] < len(members):
                raise DevSetError(f"{at}: count must be an integer, at least the members")
            entry["count"] = m["count"]
        out.append(entry)
    return out


def parse_article(obj: Any, lineno: int) -> Article:
    if not isinstance(obj, dict):
        raise DevSetError(f"line {lineno}: not a JSON object")
    art_id = obj.get("id")
    if not isinstance(art_id, str) or not ID_PATTERN.match(art_id):
        raise DevSetError(f"line {lineno}: id {art_id!r} must be lower-case letters, digits "
                          f"and hyphens")
    text, style = obj.get("text"), obj.get("style")
    if not isinstance(text, str) or not text.strip():
        raise DevSetError(f"{art_id}: no text")
    if "\r" in text or "\t" in text:
        raise DevSetError(f"{art_id}: the text holds a carriage return or a tab")
    if not isinstance(style, str) or not style:
        raise DevSetError(f"{art_id}: no style")
    raw_atts = obj.get("attributions")
    if not isinstance(raw_atts, list) or not raw_atts:
        raise DevSetError(f"{art_id}: no attributions")
    atts = []
    for i, raw in enumerate(raw_atts):
        where = f"{art_id}, attribution {i}"
        if not isinstance(raw, dict):
            raise DevSetError(f"{where}: not an object")
        spans: dict[str, list[Span]] = {}
        for role in ("source", "cue", "content"):
            refs = raw.get(role)
            if not isinstance(refs, list):
                raise DevSetError(f"{where}: {role} must be a list of spans")
            spans[role] = [resolve_span(text, r, f"{where}, {role}") for r in refs]
        if len(spans["cue"]) != 1:
            raise DevSetError(f"{where}: an attribution has exactly one cue span "
                              f"(PolNeAR's single-contiguous-cue rule)")
        if not spans["content"]:
            raise DevSetError(f"{where}: an attribution needs content")
        if len(spans["source"]) > 1:
            raise DevSetError(f"{where}: the source is one span (a compound source is one "
                              f"span with its conjunction)")
        ordered = sorted(s for r in spans.values() for s in r)
        for a, b in zip(ordered, ordered[1:], strict=False):
            if b.start < a.end:
                raise DevSetError(f"{where}: spans {a.text!r} and {b.text!r} overlap")
        if spans["source"]:
            speaker = _speaker(raw.get("speaker"), where)
            channel = _channel(raw.get("channel"), where)
        else:
            if raw.get("speaker") is not None or raw.get("channel") is not None:
                raise DevSetError(f"{where}: no source, so speaker and channel must be null")
            speaker, channel = None, None
        atts.append(Attribution(spans["source"], spans["cue"], spans["content"], speaker,
                                channel))
    return Article(art_id, style, text, atts,
                   _memberships(obj.get("memberships"), f"{art_id}"))


def load_articles(path: str | Path) -> list[Article]:
    """Every article of the source file, checked; DevSetError names the first problem."""
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise DevSetError(f"{path}: cannot read ({exc})") from exc
    articles: list[Article] = []
    seen: set[str] = set()
    for lineno, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise DevSetError(f"{path}:{lineno}: not JSON ({exc})") from exc
        art = parse_article(obj, lineno)
        if art.id in seen:
            raise DevSetError(f"{art.id}: the id is used twice")
        seen.add(art.id)
        articles.append(art)
    if not articles:
        raise DevSetError(f"{path}: no articles")
    return articles


# ----------------------------------------------------------------------------- writing

def brat(article: Article) -> str:
    """The attributions of one article in brat standoff, as PolNeAR writes them."""
    lines: list[str] = []
    shared: dict[tuple[int, int], str] = {}  # a source mention shared by attributions
    count = [0]

    def tline(label: str, span: Span, share: bool = False) -> str:
        if share and (span.start, span.end) in shared:
            return shared[(span.start, span.end)]
        count[0] += 1
        tid = f"T{count[0]}"
        lines.append(f"{tid}\t{label} {span.start} {span.end}\t{span.text}")
        if share:
            shared[(span.start, span.end)] = tid
        return tid

    for n, att in enumerate(article.attributions, 1):
        source = tline("Source", att.source[0], share=True) if att.source else None
        cue = tline("Cue", att.cue[0])
        contents = [tline("Content", piece) for piece in att.content]
        trigger_type = "Attribution" if source else "Attribution-no-source"
        trigger = tline(trigger_type, att.cue[0])
        args = [f"{trigger_type}:{trigger}"]
        args += [f"Content{'' if i == 0 else i + 1}:{tid}" for i, tid in enumerate(contents)]
        args.append(f"Cue:{cue}")
        if source:
            args.append(f"Source:{source}")
        lines.append(f"E{n}\t{' '.join(args)}")
    return "\n".join(lines) + "\n"


def speaker_rows(article: Article) -> list[dict[str, Any]]:
    """One speaker-set line per source mention (docs/speaker-annotation.md)."""
    rows: dict[tuple[int, int], dict[str, Any]] = {}
    for i, att in enumerate(article.attributions):
        if not att.source or att.speaker is None:
            continue
        mention = att.source[0]
        row: dict[str, Any] = {
            "article": article.id, "start": mention.start, "end": mention.end,
            "mention": mention.text, "kind": att.speaker["kind"],
            "name": att.speaker["name"], "aliases": att.speaker["aliases"],
            "type": att.speaker["type"], "iso3": att.speaker["iso3"],
            "channel": att.channel,
        }
        if "count" in att.speaker:
            row["count"] = att.speaker["count"]
        key = (mention.start, mention.end)
        if key in rows and rows[key] != row:
            raise DevSetError(f"{article.id}, attribution {i}: the source {mention.text!r} is "
                              f"shared with another attribution but annotated differently")
        rows[key] = row
    return [rows[k] for k in sorted(rows)]


def _check_out(out: Path, articles: list[Article]) -> None:
    """Refuse to write where other files would be read as part of the set."""
    stems = {a.id for a in articles}
    text_dir, ann_dir = out / SPLIT / "text", out / SPLIT / "attributions"
    strangers = [p for p in text_dir.glob("*") if p.suffix != ".txt" or p.stem not in stems]
    strangers += [p for p in ann_dir.glob("*")
                  if p.suffix != ".ann" or p.stem.rsplit("_", 1)[0] not in stems
                  or not p.stem.endswith(f"_{ANNOTATOR}")]
    if strangers:
        raise DevSetError(f"{out}: holds files that are not this set's "
                          f"({strangers[0].name}, ...); choose an empty folder")


def write_set(articles: list[Article], out: str | Path) -> dict[str, Path]:
    """Write the PolNeAR-layout copy, the speaker set and the memberships under ``out``."""
    out = Path(out)
    _check_out(out, articles)
    text_dir, ann_dir = out / SPLIT / "text", out / SPLIT / "attributions"
    text_dir.mkdir(parents=True, exist_ok=True)
    ann_dir.mkdir(parents=True, exist_ok=True)
    (out / "train").mkdir(exist_ok=True)
    speakers, memberships = [], []
    for art in articles:
        with open(text_dir / f"{art.id}.txt", "w", encoding="utf-8", newline="") as f:
            f.write(art.text)
        with open(ann_dir / f"{art.id}_{ANNOTATOR}.ann", "w", encoding="utf-8",
                  newline="") as f:
            f.write(brat(art))
        speakers += speaker_rows(art)
        if art.memberships:
            memberships.append({"article": art.id, "memberships": art.memberships})
    paths = {"speakers": out / SPEAKERS_FILE, "memberships": out / MEMBERSHIPS_FILE}
    _write_jsonl(paths["speakers"], speakers)
    _write_jsonl(paths["memberships"], memberships)
    return paths


def _write_jsonl(path: Path, rows: Iterable[dict[str, Any]]) -> None:
    with open(path, "w", encoding="utf-8", newline="") as f:
        for row in rows:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")


# ----------------------------------------------------------------------------- counting

CLITICS = frozenset({"il", "elle", "ils", "elles", "on"})
SPEECH_ACTS = {
    "appeler à": r"\bappel", "exhorter à": r"\bexhort", "dénoncer": r"\bdénon",
    "condamner": r"\bcondamn", "démentir": r"\bdém[ea]nti|\bdément", "réclamer": r"\bréclam",
}
CONDITIONAL = re.compile(r"\b(?:aur|ser|pourr|devr|\w+er|\w+ir)(?:ait|aient)\b")
SENTENCE_INSIDE = re.compile(r"[.!?] +[«A-ZÀ-ÖØ-Þ]")
METONYMS = ("Pretoria", "Berlin", "Paris", "Kinshasa", "Rome", "Madrid", "Bruxelles",
            "Quai d'Orsay", "diplomatie")


def _is_direct(att: Attribution) -> bool:
    return any(p.text.startswith("«") and p.text.endswith("»") for p in att.content)


def form_families(art: Article, att: Attribution) -> list[str]:
    """The form families (docs/fr-dev-set.md) one attribution belongs to."""
    fams: list[str] = []
    cue = att.cue[0]
    cue_l = cue.text.lower()
    text = art.text
    src = att.source[0] if att.source else None
    sp = att.speaker or {}
    first = att.content[0].text
    if _is_direct(att):
        fams.append("direct quote in « »")
    elif any("«" in p.text for p in att.content):
        fams.append("mixed: a quoted stretch in reported speech")
    if any("“" in p.text for p in att.content):
        fams.append("nested “ ” inside a quote")
    if any(p.text.startswith("«") and SENTENCE_INSIDE.search(p.text) for p in att.content):
        fams.append("quote of two or more sentences")
    if len(att.content) > 1:
        fams.append("discontinuous content (quote around an incise)")
    if src and src.text.lower() in CLITICS and text[src.start - 1] == "-":
        fams.append("inversion with a clitic (a-t-il déclaré, estime-t-elle)")
    if (src and src.start > cue.end and src.text.lower() not in CLITICS
            and cue_l not in ("selon", "d'après", "pour") and not cue_l.endswith(" de")):
        fams.append("inversion with a noun subject (a ajouté le ministre)")
    if not _is_direct(att) and re.match(r"qu(?:e\b|')", first):
        fams.append("que-clause (a déclaré que, a affirmé que, …)")
    if cue_l in ("a déclaré", "a affirmé", "a indiqué") and re.match(r"qu(?:e\b|')", first):
        fams.append("a déclaré / a affirmé / a indiqué que")
    if cue_l == "selon":
        fams.append("selon X")
        if src and src.text.lower() in ("lui", "elle", "eux", "elles"):
            fams.append("selon lui / selon elle")
    if cue_l == "d'après":
        fams.append("d'après X")
    if cue_l == "pour":
        fams.append("pour X (opinion)")
    if cue_l.endswith(" de") and src and "source" in src.text:
        fams.append("de source … (a-t-on appris de)")
    if (not _is_direct(att) and not re.match(r"qu(?:e\b|')", first)
            and any(CONDITIONAL.search(p.text) for p in att.content)):
        fams.append("conditional of reported speech")
    for name, pattern in SPEECH_ACTS.items():
        if re.search(pattern, cue_l):
            fams.append(f"speech act: {name}")
    chan = att.channel
    if chan:
        fams.append("channel (any)")
        cname = chan["name"]
        if cname == "AFP":
            fams.append("channel: news agency (à l'AFP)")
        elif chan.get("type") == "publication" and re.search(r"Radio|FM", cname):
            fams.append("channel: radio")
        elif chan.get("type") == "publication":
            fams.append("channel: newspaper (a confié au …)")
        elif cname == "communiqué":
            fams.append("channel: dans un communiqué")
        elif cname == "conférence de presse":
            fams.append("channel: lors d'une conférence de presse")
        elif cname == "déclaration commune":
            fams.append("channel: dans une déclaration commune")
    if not att.source:
        fams.append("no source")
    if sp.get("type") == "anonymous":
        fams.append("anonymous speaker")
        if "anonymat" in sp["name"]:
            fams.append("anonymous: … qui a requis l'anonymat")
        if "source" in sp["name"]:
            fams.append("anonymous: une source … / des sources proches …")
    if sp:
        fams.append(f"mention kind: {sp['kind']}")
    if sp.get("type") == "state":
        fams.append("state or state organ")
        if src and any(m in src.text for m in METONYMS):
            fams.append("state by metonym (Pretoria, Berlin, le Quai d'Orsay, …)")
    if sp.get("type") == "group":
        fams.append("group speaker")
        if "count" in sp:
            fams.append("group with a count (un groupe de 93 États)")
    if sp.get("type") == "document":
        fams.append("document speaker")
    if sp.get("type") == "publication":
        fams.append("publication speaker")
    return fams


FAMILY_ORDER = (
    "direct quote in « »", "mixed: a quoted stretch in reported speech",
    "nested “ ” inside a quote", "quote of two or more sentences",
    "discontinuous content (quote around an incise)",
    "inversion with a clitic (a-t-il déclaré, estime-t-elle)",
    "inversion with a noun subject (a ajouté le ministre)",
    "que-clause (a déclaré que, a affirmé que, …)", "a déclaré / a affirmé / a indiqué que",
    "selon X", "selon lui / selon elle", "d'après X", "pour X (opinion)",
    "de source … (a-t-on appris de)", "conditional of reported speech",
    *(f"speech act: {name}" for name in SPEECH_ACTS),
    "channel (any)", "channel: news agency (à l'AFP)", "channel: newspaper (a confié au …)",
    "channel: radio", "channel: dans un communiqué", "channel: lors d'une conférence de presse",
    "channel: dans une déclaration commune",
    "no source", "anonymous speaker", "anonymous: … qui a requis l'anonymat",
    "anonymous: une source … / des sources proches …",
    *(f"mention kind: {kind}" for kind in MENTION_KINDS),
    "state or state organ", "state by metonym (Pretoria, Berlin, le Quai d'Orsay, …)",
    "group speaker", "group with a count (un groupe de 93 États)", "document speaker",
    "publication speaker",
)


def stats(articles: list[Article]) -> dict[str, Any]:
    """Counts by style, form family (attributions and articles) and membership relation."""
    families: Counter[str] = Counter()
    fam_articles: dict[str, set[str]] = {}
    for art in articles:
        for att in art.attributions:
            for fam in form_families(art, att):
                assert fam in FAMILY_ORDER, fam
                families[fam] += 1
                fam_articles.setdefault(fam, set()).add(art.id)
    relations: Counter[str] = Counter()
    rel_articles: dict[str, set[str]] = {}
    for art in articles:
        for m in art.memberships:
            relations[m["relation"]] += 1
            rel_articles.setdefault(m["relation"], set()).add(art.id)
    words = [len(a.text.split()) for a in articles]
    return {
        "articles": len(articles),
        "attributions": sum(len(a.attributions) for a in articles),
        "words": (min(words), sum(words) // len(words), max(words)),
        "styles": Counter(a.style for a in articles),
        "families": {f: (families[f], len(fam_articles.get(f, ()))) for f in FAMILY_ORDER},
        "membership_articles": sum(1 for a in articles if a.memberships),
        "membership_6plus": sum(1 for a in articles
                                if any(len(m["members"]) >= 6 for m in a.memberships)),
        "relations": {r: (relations[r], len(rel_articles[r])) for r in relations},
        "partial": sum(1 for a in articles for m in a.memberships if m["partial"]),
    }


def format_stats(s: dict[str, Any]) -> str:
    lo, mean, hi = s["words"]
    out = [f"{s['articles']} articles, {s['attributions']} attributions; "
           f"{lo}-{hi} words an article (mean {mean}).", "",
           "| style | articles |", "|---|---:|"]
    out += [f"| {k} | {v} |" for k, v in sorted(s["styles"].items())]
    out += ["", "| form family | attributions | articles |", "|---|---:|---:|"]
    out += [f"| {f} | {n} | {a} |" for f, (n, a) in s["families"].items()]
    out += ["", f"Memberships: {s['membership_articles']} articles "
                f"({s['membership_6plus']} with a relation of 6 or more states), "
                f"{s['partial']} partial lists.", "",
            "| relation | lists | articles |", "|---|---:|---:|"]
    out += [f"| {r} | {n} | {a} |" for r, (n, a) in sorted(s["relations"].items())]
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--source", default=str(DEFAULT_SOURCE),
                        help="the editable source (default: tests/data/fr_dev/articles.jsonl)")
    parser.add_argument("--out", help="write the PolNeAR-layout copy into this folder")
    parser.add_argument("--check", action="store_true", help="only check the source")
    parser.add_argument("--stats", action="store_true",
                        help="print counts by style and form family (Markdown)")
    args = parser.parse_args(argv)
    if not (args.out or args.check or args.stats):
        parser.error("give --out DIR, --check or --stats")
    try:
        articles = load_articles(args.source)
        if args.out:
            paths = write_set(articles, args.out)
            print(f"{len(articles)} articles, "
                  f"{sum(len(a.attributions) for a in articles)} attributions -> "
                  f"{Path(args.out) / SPLIT}; speakers: {paths['speakers']}; "
                  f"memberships: {paths['memberships']}", file=sys.stderr)
    except DevSetError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    if args.check and not args.out:
        print(f"{len(articles)} articles checked", file=sys.stderr)
    if args.stats:
        print(format_stats(stats(articles)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
